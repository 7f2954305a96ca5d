import Decimal from "decimal.js";
import type { ClassResult, Points, Text2 } from "./types";
import { toPoints } from "./points";
import { classWords } from "./class-words";

/** A threshold as data: Points, or a number/string read exactly ("5", "4,5", 90). */
export type Threshold = Points | number | string;

export interface ClassBand {
  label: string;
  /** Lowest total percent for this band (inclusive). Ignored on the last band, which catches the rest. */
  minPercent: Threshold;
}

export interface ClassCap {
  id: string;
  /** Key in ScoreColumn.indicators, e.g. "lateDossierPercent". */
  indicator: string;
  op: ">=" | ">" | "<=" | "<";
  threshold: Threshold;
  /** The best label a unit meeting the condition can get. */
  maxLabel: string;
  reason: Text2;
}

/** Bands (and caps) for the units of one block: departments and districts have different thresholds. */
export interface BlockBands {
  /**
   * Keywords of the block's name, any case, with or without diacritics ("sở", "ban ngành"; "huyện",
   * "thị xã", "thành phố"): a block whose name contains one as whole words uses these bands.
   */
  match: string[];
  /** Highest first; the last band is the catch-all. */
  bands: ClassBand[];
  /** Caps for this block; the scheme's caps when absent. */
  caps?: ClassCap[];
}

export interface ClassScheme {
  id: string;
  title?: Text2;
  /** Highest first; the last band is the catch-all. Units outside every listed block use these. */
  bands: ClassBand[];
  caps: ClassCap[];
  /** Per-block bands, tried in order; the first whose keywords match the unit's block applies. */
  blocks?: BlockBands[];
}

/**
 * PAR INDEX 2022 province groups (DOMAIN.md): A >= 90%, B 80 to < 90%, C 70 to < 80%, D below 70%.
 * (D as "below 70%" is how the brief states it; the public reporting we have names A, B and C.)
 */
export const PAR_2022_PROVINCE_GROUPS: ClassScheme = {
  id: "par-2022-province-groups",
  title: { vi: "Nhóm kết quả Chỉ số CCHC cấp tỉnh (2022)", en: "PAR Index province groups (2022)" },
  bands: [
    { label: "A", minPercent: 90 },
    { label: "B", minPercent: 80 },
    { label: "C", minPercent: 70 },
    { label: "D", minPercent: 0 },
  ],
  caps: [],
};

/**
 * A provincial rating of departments (sở, ban, ngành) as Tốt / Khá / Trung bình / Yếu, with seed 000's cap:
 * a unit with 5% or more late dossiers (hồ sơ trễ hạn) cannot be rated "Tốt" (Khánh Hòa, 2022).
 *
 * UNCERTAIN: the band thresholds differ between provinces and between departments and districts
 * (DOMAIN.md: "Nhóm I >= 90% for departments but >= 80% for districts"); 90 / 80 / 70 is a plausible
 * example, not a quoted rule. Copy the scheme and set the province's own thresholds.
 * Seed 000 states the cap for "phòng chuyên môn"; it is applied here to the unit being rated.
 */
export const PROVINCE_DEPARTMENT_RATING: ClassScheme = {
  id: "province-department-rating",
  title: { vi: "Xếp loại kết quả CCHC của sở, ban, ngành", en: "Rating of provincial departments" },
  bands: [
    { label: "Tốt", minPercent: 90 },
    { label: "Khá", minPercent: 80 },
    { label: "Trung bình", minPercent: 70 },
    { label: "Yếu", minPercent: 0 },
  ],
  caps: [
    {
      id: "late-dossiers-5pct",
      indicator: "lateDossierPercent",
      op: ">=",
      threshold: 5,
      maxLabel: "Khá",
      reason: {
        vi: "Có từ 5% hồ sơ trễ hạn trở lên thì không xếp loại tốt",
        en: "5% or more late dossiers: cannot be rated Tốt (good)",
      },
    },
  ],
};

/**
 * A provincial rating of departments and districts listed in blocks ("I. KHỐI SỞ, BAN, NGÀNH",
 * "II. UBND CẤP HUYỆN"): Tốt / Khá / Trung bình / Yếu at 90 / 80 / 70 for departments and 80 / 70 / 60 for
 * districts, with seed 000's late-dossier cap on both.
 *
 * EXAMPLE, UNCERTAIN: DOMAIN.md reports that thresholds differ between departments and districts
 * ("Nhóm I >= 90% for departments but >= 80% for districts"); the other thresholds here are a plausible
 * pattern, not a quoted rule. Copy the scheme and set the province's own. A unit outside any block is
 * matched by its name ("Huyện A", "Thị xã C", "Sở Y tế"); one that matches neither gets the department bands.
 */
export const PROVINCE_UNITS_RATING: ClassScheme = {
  id: "province-units",
  title: { vi: "Xếp loại CCHC của sở, ban, ngành và UBND cấp huyện (ví dụ)", en: "Rating of departments and districts (example)" },
  bands: PROVINCE_DEPARTMENT_RATING.bands,
  caps: PROVINCE_DEPARTMENT_RATING.caps,
  blocks: [
    {
      match: ["sở", "ban ngành", "ban, ngành", "cơ quan chuyên môn", "department", "departments"],
      bands: PROVINCE_DEPARTMENT_RATING.bands,
    },
    {
      match: ["huyện", "thị xã", "thành phố", "quận", "district", "districts"],
      bands: [
        { label: "Tốt", minPercent: 80 },
        { label: "Khá", minPercent: 70 },
        { label: "Trung bình", minPercent: 60 },
        { label: "Yếu", minPercent: 0 },
      ],
    },
  ],
};

export const EXAMPLE_CLASS_SCHEMES: readonly ClassScheme[] = [PAR_2022_PROVINCE_GROUPS, PROVINCE_DEPARTMENT_RATING, PROVINCE_UNITS_RATING];

/**
 * " khoi so ban nganh ": lower case, punctuation as spaces, padded so " word " finds whole words.
 * With `keepMarks`, diacritics stay ("quận" must not match "cơ quan"); without, they go (for names typed
 * without them).
 */
function words(text: string, keepMarks: boolean): string {
  let t = text.normalize("NFC").toLowerCase();
  if (!keepMarks) t = t.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d");
  // Latin letters with Vietnamese marks: Latin-1, Extended-A/B (ơ, ư, đ) and Extended Additional (ạ, ả, ...).
  // (No \p{L}: the add-in's bundles are ES2017.)
  return ` ${t.replace(/[^0-9a-z\u00c0-\u024f\u1e00-\u1eff]+/g, " ").trim()} `;
}

/** Whether a block name contains a keyword as whole words; exact marks when the name has any. */
function blockMatches(block: string, keyword: string): boolean {
  const keepMarks = /[^\x00-\x7f]/.test(block);
  const k = words(keyword, keepMarks);
  return k.trim() !== "" && words(block, keepMarks).includes(k);
}

/** The bands and caps that apply to a unit of `block` (the scheme's own when no block entry matches). */
export function bandsFor(scheme: ClassScheme, block: string | undefined): { bands: ClassBand[]; caps: ClassCap[] } {
  if (block !== undefined && scheme.blocks) {
    for (const b of scheme.blocks) {
      if (b.match.some((keyword) => blockMatches(block, keyword))) {
        return { bands: b.bands, caps: b.caps ?? scheme.caps };
      }
    }
  }
  return { bands: scheme.bands, caps: scheme.caps };
}

function holds(value: Points, op: ClassCap["op"], threshold: Points): boolean {
  switch (op) {
    case ">=":
      return value.gte(threshold);
    case ">":
      return value.gt(threshold);
    case "<=":
      return value.lte(threshold);
    case "<":
      return value.lt(threshold);
    default:
      return false;
  }
}

/**
 * The band for a total percent (the bands of the unit's block when the scheme has them), then caps: each
 * cap whose condition holds on its indicator lowers the class to at most its maxLabel. A cap whose
 * indicator is absent does not apply. cappedBy lists the caps that actually lowered the class. Returns
 * undefined when percent is null or the scheme has no bands.
 */
export function classify(percent: Points | null, indicators: Record<string, Points> | undefined, scheme: ClassScheme, block?: string): ClassResult | undefined {
  const { bands, caps } = bandsFor(scheme, block);
  if (percent === null || bands.length === 0) return undefined;
  let index = bands.length - 1;
  for (let i = 0; i < bands.length - 1; i += 1) {
    if (percent.gte(toPoints(bands[i].minPercent))) {
      index = i;
      break;
    }
  }
  const band = bands[index].label;
  const cappedBy: string[] = [];
  const capReasons: Text2[] = [];
  for (const c of caps) {
    const value = indicators?.[c.indicator];
    if (value === undefined || value === null) continue;
    if (!holds(value instanceof Decimal ? value : toPoints(value), c.op, toPoints(c.threshold))) continue;
    const capIndex = bands.findIndex((b) => b.label === c.maxLabel);
    if (capIndex < 0) continue;
    if (capIndex > index) {
      index = capIndex;
      cappedBy.push(c.id);
      capReasons.push(c.reason);
    }
  }
  const label = bands[index].label;
  return { band, label, cappedBy, capReasons, words: capReasons.length === 0 ? classWords(bands, label) : cappedWords(band, label, capReasons) };
}

/** A capped class is said with why, not with a band its percent is not in: "Khá (Tốt theo điểm; Có từ 5% ...)". */
function cappedWords(band: string, label: string, reasons: readonly Text2[]): Text2 {
  return {
    vi: `${label} (${band} theo điểm; ${reasons.map((r) => r.vi).join("; ")})`,
    en: `${label} (${band} by points; ${reasons.map((r) => r.en).join("; ")})`,
  };
}

/** Checks a scheme as data: bands highest first, cap labels exist. Returns English problems (for developers). */
export function checkScheme(scheme: ClassScheme): string[] {
  const problems: string[] = [];
  const check = (bands: ClassBand[], caps: ClassCap[], where: string) => {
    for (let i = 1; i < bands.length - 1; i += 1) {
      if (toPoints(bands[i].minPercent).gte(toPoints(bands[i - 1].minPercent))) {
        problems.push(`${where}band "${bands[i].label}" is not below "${bands[i - 1].label}"`);
      }
    }
    for (const c of caps) {
      if (!bands.some((b) => b.label === c.maxLabel)) problems.push(`${where}cap "${c.id}" names unknown label "${c.maxLabel}"`);
    }
  };
  check(scheme.bands, scheme.caps, "");
  (scheme.blocks ?? []).forEach((b, i) => {
    if (b.match.every((k) => words(k, true).trim() === "")) problems.push(`block ${i + 1} has no keyword to match`);
    check(b.bands, b.caps ?? scheme.caps, `block ${i + 1} (${b.match.join(", ")}): `);
  });
  return problems;
}
