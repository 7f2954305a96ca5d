import Decimal from "decimal.js";
import type { ClassResult, Points, Text2 } from "./types";
import { toPoints } from "./points";

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

export interface ClassScheme {
  id: string;
  title?: Text2;
  /** Highest first; the last band is the catch-all. */
  bands: ClassBand[];
  caps: ClassCap[];
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

export const EXAMPLE_CLASS_SCHEMES: readonly ClassScheme[] = [PAR_2022_PROVINCE_GROUPS, PROVINCE_DEPARTMENT_RATING];

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
 * The band for a total percent, then caps: each cap whose condition holds on its indicator lowers the
 * class to at most its maxLabel. A cap whose indicator is absent does not apply. cappedBy lists the caps
 * that actually lowered the class. Returns undefined when percent is null or the scheme has no bands.
 */
export function classify(percent: Points | null, indicators: Record<string, Points> | undefined, scheme: ClassScheme): ClassResult | undefined {
  if (percent === null || scheme.bands.length === 0) return undefined;
  let index = scheme.bands.length - 1;
  for (let i = 0; i < scheme.bands.length - 1; i += 1) {
    if (percent.gte(toPoints(scheme.bands[i].minPercent))) {
      index = i;
      break;
    }
  }
  const band = scheme.bands[index].label;
  const cappedBy: string[] = [];
  const capReasons: Text2[] = [];
  for (const c of scheme.caps) {
    const value = indicators?.[c.indicator];
    if (value === undefined || value === null) continue;
    if (!holds(value instanceof Decimal ? value : toPoints(value), c.op, toPoints(c.threshold))) continue;
    const capIndex = scheme.bands.findIndex((b) => b.label === c.maxLabel);
    if (capIndex < 0) continue;
    if (capIndex > index) {
      index = capIndex;
      cappedBy.push(c.id);
      capReasons.push(c.reason);
    }
  }
  return { band, label: scheme.bands[index].label, cappedBy, capReasons };
}

/** Checks a scheme as data: bands highest first, cap labels exist. Returns English problems (for developers). */
export function checkScheme(scheme: ClassScheme): string[] {
  const problems: string[] = [];
  for (let i = 1; i < scheme.bands.length - 1; i += 1) {
    if (toPoints(scheme.bands[i].minPercent).gte(toPoints(scheme.bands[i - 1].minPercent))) {
      problems.push(`band "${scheme.bands[i].label}" is not below "${scheme.bands[i - 1].label}"`);
    }
  }
  for (const c of scheme.caps) {
    if (!scheme.bands.some((b) => b.label === c.maxLabel)) problems.push(`cap "${c.id}" names unknown label "${c.maxLabel}"`);
  }
  return problems;
}
