/**
 * Consolidation: many units' one-unit score tables (one sheet per unit, or one file per unit) ->
 * one many-unit table, analysed by the normal engine, so totals, ranks with ties, classes, the
 * ranking sheet and a gap block per unit come out exactly as for a table typed with every unit.
 *
 * Criteria sets are compared, never merged blindly:
 * - The reference criteria set is the most common set of codes among the units (ties: the set
 *   of the unit read first); the reference max of each code is the most common max given for it
 *   by the units with that set (ties: the first). Its tree is the first such unit's tree.
 * - A unit whose codes differ (missing or extra codes) or whose max differs on a shared code is
 *   LEFT OUT of the consolidated table: figures computed on a criteria set it was not scored on
 *   would be wrong (a missing sub-criterion lowers its total, another max changes its lost points).
 *   Each difference is a warning located at the unit's own cell; the unit is listed as "left-out".
 * - A unit whose titles differ from the reference on the same codes (after folding case,
 *   diacritics, punctuation and common abbreviations) is included and ranked: an info finding.
 * - A max the unit's table does not give (null) is not a difference: the reference max applies.
 * - A table with several units (a many-unit table) is left out: consolidation reads one-unit tables.
 * - A table with several periods contributes its latest period (info finding).
 * - When some units have appraised points and others only self-assessed points, the self-only
 *   units are kept but not ranked (ranks compare like with like); when every unit has only
 *   self-assessed points, those are ranked (before appraisal, that is what there is).
 *
 * Pure: no Node APIs, no DOM. The CLI reads the files; this module takes recognised tables.
 */
import type { AnalysisOptions } from "../engine/analyse";
import { analyse } from "../engine/analyse";
import { comparePeriods } from "../engine/ranks";
import { flattenCriteria, nominalTotalMax } from "../engine/tree";
import { codeList, finding } from "../engine/text";
import type { Analysis, Criterion, Finding, Lang, Location, PointValue, Points, ScoreColumn, Scorecard, Text2 } from "../engine/types";
import { TOTAL_CODE } from "../engine/types";
import { a1, type CellValue, type Grid, rangeA1, sheetQualified } from "../tables/grid";
import { parseCode } from "../tables/codes";
import type { RecognisedTable } from "../tables/recognise";
import { foldTitle } from "../tables/text";
import type { AnalysedTable } from "./run";
import { findingToJson, type FindingJson } from "./json";

export interface ConsolidationSource {
  /** A recognised table, normally holding one unit. */
  table: RecognisedTable;
  /**
   * The file it was read from, as shown to the user. When given, locations become Excel's
   * external-reference form "[file.xlsx]Sheet1" so cells of different files are told apart.
   */
  file?: string;
}

export interface ConsolidateOptions {
  analysis?: AnalysisOptions;
  /** Language of the consolidated table's title and sheet name (default "vi"). */
  lang?: Lang;
  /** Name of the consolidated table (and of its data sheet), default "Tổng hợp" / "Consolidated". */
  sheet?: string;
}

/** "ranked"; "not-ranked": in the table, out of the ranking; "left-out": not in the table. */
export type UnitStatus = "ranked" | "not-ranked" | "left-out";

export interface ConsolidatedUnit {
  /** The unit's name in the consolidated table (made unique: "Sở Y tế (2)"). */
  name: string;
  /** As the source table named it. */
  sourceName: string;
  file?: string;
  sheet: string;
  range: string;
  /** The period taken from the source ("" for single-period tables). */
  period: string;
  status: UnitStatus;
  /** The findings that explain a status other than "ranked". */
  reasons: Finding[];
}

export interface ReferenceCriteria {
  /** The unit whose tree is the reference. */
  unit: string;
  /** Criteria (all levels, summary rows not counted) and leaves of the reference set. */
  criteria: number;
  leaves: number;
  /** Units whose code set is the reference set. */
  sharedBy: number;
}

export interface Consolidation {
  /** The consolidated table, or null when no unit could be consolidated. */
  result: AnalysedTable | null;
  /** Every unit read, in input order, with its status. */
  units: ConsolidatedUnit[];
  reference: ReferenceCriteria | null;
  /** Every consolidation finding (criteria-set mismatches, left-out tables, duplicate names ...). */
  mismatches: Finding[];
  /** The options used, so the data-sheet view keeps the same analysis. */
  options: ConsolidateOptions;
}

const DEFAULT_SHEET: Record<Lang, string> = { vi: "Tổng hợp", en: "Consolidated" };

/** One source table reduced to one unit's columns. */
/** The consolidated table: on no sheet until `dataSheet` writes one, so it says where its units came from. */
type ConsolidatedTable = RecognisedTable & { source?: Text2 };

/** Units' tables named in a report's subtitle; the rest are counted. */
const SOURCES_NAMED = 4;

/** "tổng hợp 4 bảng đơn vị: 'Sở Tư pháp'!A1:E12, ..." for the report sheets' subtitles. */
function unitTablesText(included: readonly Candidate[]): Text2 {
  const named = included.slice(0, SOURCES_NAMED).map((c) => sheetQualified(c.source.file !== undefined ? `[${c.source.file}]${c.source.table.sheet}` : c.source.table.sheet, c.source.table.range));
  const more = included.length - named.length;
  return {
    vi: `tổng hợp ${included.length} bảng đơn vị: ${named.join(", ")}${more > 0 ? ` và ${more} bảng khác` : ""}`,
    en: `consolidated from ${included.length} units' tables: ${named.join(", ")}${more > 0 ? ` and ${more} more` : ""}`,
  };
}

interface Candidate {
  source: ConsolidationSource;
  sourceName: string;
  name: string;
  period: string;
  score?: ScoreColumn;
  self?: ScoreColumn;
  /** Non-summary criteria in table order. */
  criteria: Criterion[];
  byCode: Map<string, Criterion>;
  status: UnitStatus;
  reasons: Finding[];
}

export function consolidate(sources: readonly ConsolidationSource[], options: ConsolidateOptions = {}): Consolidation {
  const lang = options.lang ?? "vi";
  const mismatches: Finding[] = [];
  const sourceFindings: Finding[] = [];
  const candidates: Candidate[] = [];

  for (const source of sources) {
    const where = (loc: Location | undefined) => qualify(loc, source.file);
    sourceFindings.push(...source.table.scorecard.findings.map((f) => relocateFinding(f, source.file)));
    const label = tableLabel(source);
    const units = [...new Set(source.table.scorecard.columns.map((c) => c.unit))];
    const at = where(tableStart(source.table));
    if (units.length !== 1) {
      mismatches.push(
        finding(
          "consolidation-not-one-unit",
          "warning",
          units.length === 0
            ? { vi: `${label.vi}: bảng không có cột điểm nào, không đưa vào bảng tổng hợp`, en: `${label.en}: the table has no points column; it is left out of the consolidation` }
            : {
                vi: `${label.vi}: bảng có ${units.length} đơn vị (${shortList(units)}); tổng hợp chỉ đọc bảng của một đơn vị (mỗi trang hoặc mỗi tệp một đơn vị), nên bảng này không được đưa vào`,
                en: `${label.en}: the table holds ${units.length} units (${shortList(units)}); consolidation reads one-unit tables (one sheet or file per unit), so this table is left out`,
              },
          { location: at },
        ),
      );
      continue;
    }
    const periods = [...new Set(source.table.scorecard.columns.map((c) => c.period))].sort(comparePeriods);
    const period = periods[periods.length - 1];
    if (periods.length > 1) {
      mismatches.push(
        finding(
          "consolidation-latest-period",
          "info",
          {
            vi: `${label.vi}: bảng có ${periods.length} kỳ (${periods.join(", ")}); tổng hợp lấy kỳ mới nhất, ${period}`,
            en: `${label.en}: the table has ${periods.length} periods (${periods.join(", ")}); the consolidation takes the latest, ${period}`,
          },
          { location: at },
        ),
      );
    }
    const inPeriod = source.table.scorecard.columns.filter((c) => c.period === period);
    const criteria = flattenCriteria(source.table.scorecard.criteria.filter((c) => !c.extra));
    const sourceName = unitName(units[0], source);
    candidates.push({
      source,
      sourceName,
      name: sourceName,
      period,
      score: inPeriod.find((c) => c.basis === "score"),
      self: inPeriod.find((c) => c.basis === "self"),
      criteria,
      byCode: new Map(criteria.map((c) => [c.code, c] as const)),
      status: "ranked",
      reasons: [],
    });
  }

  giveUniqueNames(candidates, mismatches);
  const reference = chooseReference(candidates);
  if (reference) {
    for (const candidate of candidates) compareWithReference(candidate, reference, mismatches);
  }
  markSelfOnly(candidates, mismatches);

  const included = candidates.filter((c) => c.status !== "left-out");
  const sheet = options.sheet ?? DEFAULT_SHEET[lang];
  let result: AnalysedTable | null = null;
  if (reference && included.length > 0) {
    const scorecard = buildScorecard(included, reference, [...sourceFindings, ...mismatches], lang);
    const analysis = analyse(scorecard, options.analysis);
    const table: ConsolidatedTable = {
      sheet,
      range: dataRange(reference.tree, included),
      layout: "units-in-columns",
      scorecard,
      template: reference.candidate.source.table.template,
      source: unitTablesText(included),
    };
    result = { table, analysis };
  } else {
    mismatches.push(
      finding("consolidation-empty", "error", {
        vi: "Không có bảng điểm một đơn vị nào để tổng hợp (xem các phát hiện ở trên)",
        en: "No one-unit score table could be consolidated (see the findings above)",
      }),
    );
  }
  const units: ConsolidatedUnit[] = candidates.map((c) => {
    const unit: ConsolidatedUnit = {
      name: c.name,
      sourceName: c.sourceName,
      sheet: c.source.table.sheet,
      range: c.source.table.range,
      period: c.period,
      status: c.status,
      reasons: c.reasons,
    };
    if (c.source.file !== undefined) unit.file = c.source.file;
    return unit;
  });
  return {
    result,
    units,
    reference: reference
      ? {
          unit: reference.candidate.name,
          criteria: reference.codes.length,
          leaves: reference.codes.filter((code) => (reference.byCode.get(code)?.children.length ?? 0) === 0).length,
          sharedBy: reference.sharedBy,
        }
      : null,
    mismatches,
    options,
  };
}

// ---------------------------------------------------------------------------
// Names and locations

/** "Trang 'Sheet1'" / "Tệp 'a.xlsx', trang 'Sheet1'": how a source table is named in messages. */
function tableLabel(source: ConsolidationSource): Text2 {
  const sheet = source.table.sheet;
  return source.file !== undefined
    ? { vi: `Tệp '${source.file}', trang '${sheet}'`, en: `File '${source.file}', sheet '${sheet}'` }
    : { vi: `Trang '${sheet}'`, en: `Sheet '${sheet}'` };
}

/** Sheet names spreadsheet programs give by default: they name no unit. */
const DEFAULT_SHEET_NAME = /^(?:sheet|trang(?: tính)?|feuil|tabelle|hoja|foglio|planilha|лист)\s*\d*$/iu;

/**
 * The unit a table names ("Đơn vị: ..." or the title give it, else the recogniser falls back on the sheet
 * name). A file's only sheet is usually "Sheet1": then the file's name ("so-tu-phap.xlsx") names the unit.
 */
function unitName(recognised: string, source: ConsolidationSource): string {
  if (source.file === undefined || recognised !== source.table.sheet || !DEFAULT_SHEET_NAME.test(recognised.trim())) return recognised;
  const base = source.file.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "").trim();
  return base || recognised;
}

/** A location in a file of several: Excel's external-reference sheet form "[file.xlsx]Sheet1". */
function qualify(loc: Location | undefined, file: string | undefined): Location | undefined {
  if (!loc || file === undefined) return loc;
  return { ...loc, sheet: `[${file}]${loc.sheet ?? ""}` };
}

function relocateFinding(f: Finding, file: string | undefined): Finding {
  if (file === undefined) return f;
  const location = qualify(f.location ?? {}, file);
  return { ...f, location };
}

function tableStart(table: RecognisedTable): Location {
  return { sheet: table.sheet, cell: table.range.split(":")[0] || undefined };
}

function shortList(items: string[], limit = 3): string {
  return items.length <= limit ? items.join(", ") : `${items.slice(0, limit).join(", ")}, ...`;
}

/** Two tables naming the same unit keep both, the second as "Name (2)", and say so. */
function giveUniqueNames(candidates: Candidate[], mismatches: Finding[]): void {
  const key = (s: string) => s.normalize("NFC").trim().toLocaleLowerCase("vi");
  const taken = new Map<string, Candidate>();
  for (const c of candidates) {
    let name = c.sourceName;
    for (let i = 2; taken.has(key(name)); i++) name = `${c.sourceName} (${i})`;
    if (name !== c.sourceName) {
      const first = taken.get(key(c.sourceName)) as Candidate;
      const label = tableLabel(c.source);
      const other = tableLabel(first.source);
      mismatches.push(
        finding(
          "consolidation-duplicate-unit",
          "warning",
          {
            vi: `${label.vi}: đơn vị '${c.sourceName}' đã có ở ${other.vi.charAt(0).toLowerCase()}${other.vi.slice(1)}; bảng này được tổng hợp với tên '${name}'. Nếu đó là cùng một đơn vị nộp hai lần, hãy bỏ một tệp; nếu khác, hãy ghi tên đơn vị (Đơn vị: ...) ở đầu bảng`,
            en: `${label.en}: unit '${c.sourceName}' is already in ${other.en.charAt(0).toLowerCase()}${other.en.slice(1)}; this table is consolidated as '${name}'. If it is the same unit sent twice, drop one file; if not, write the unit's name (Đơn vị: ...) above the table`,
          },
          { location: qualify(tableStart(c.source.table), c.source.file), column: name },
        ),
      );
    }
    c.name = name;
    taken.set(key(name), c);
  }
}

// ---------------------------------------------------------------------------
// The reference criteria set and the comparison with it

interface Reference {
  candidate: Candidate;
  /** Reference codes in the reference tree's order. */
  codes: string[];
  byCode: Map<string, Criterion>;
  /** The reference max per code (the most common given max), null when no unit gives one. */
  max: Map<string, Points | null>;
  sharedBy: number;
  /** The reference tree, summary rows removed, with the reference maxima. */
  tree: Criterion[];
}

function chooseReference(candidates: Candidate[]): Reference | null {
  const withCodes = candidates.filter((c) => c.criteria.length > 0);
  if (withCodes.length === 0) return null;
  // The most common code set; Map keeps first-seen order, so a tie goes to the set read first.
  const groups = new Map<string, Candidate[]>();
  for (const c of withCodes) {
    const key = [...c.byCode.keys()].sort().join("\u0000");
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  let best: Candidate[] = [];
  for (const list of groups.values()) if (list.length > best.length) best = list;
  const first = best[0];
  const codes = first.criteria.map((c) => c.code);
  const max = new Map<string, Points | null>();
  for (const code of codes) {
    const counts = new Map<string, { value: Points; n: number }>();
    for (const c of best) {
      const value = c.byCode.get(code)?.max;
      if (!value) continue;
      const k = value.toString();
      const entry = counts.get(k);
      if (entry) entry.n++;
      else counts.set(k, { value, n: 1 });
    }
    let top: { value: Points; n: number } | null = null;
    for (const entry of counts.values()) if (!top || entry.n > top.n) top = entry;
    max.set(code, top?.value ?? null);
  }
  // The first unit of the set whose maxima are the reference's gives the tree (its cells locate the max).
  const exemplar = best.find((c) => codes.every((code) => sameMax(c.byCode.get(code)?.max ?? null, max.get(code) ?? null))) ?? first;
  const tree = cloneTree(exemplar.source.table.scorecard.criteria.filter((c) => !c.extra), (c) => ({
    max: max.get(c.code) ?? null,
    location: qualify(c.location, exemplar.source.file),
    maxLocation: sameMax(c.max, max.get(c.code) ?? null) ? qualify(c.maxLocation, exemplar.source.file) : undefined,
  }));
  const byCode = new Map(flattenCriteria(tree).map((c) => [c.code, c] as const));
  return { candidate: exemplar, codes, byCode, max, sharedBy: best.length, tree };
}

function sameMax(a: Points | null, b: Points | null): boolean {
  return a === null || b === null ? a === b : a.eq(b);
}

function cloneTree(roots: readonly Criterion[], patch: (c: Criterion) => Partial<Criterion>): Criterion[] {
  return roots.map((c) => {
    const copy: Criterion = { ...c, ...patch(c), children: cloneTree(c.children, patch) };
    if (copy.location === undefined) delete copy.location;
    if (copy.maxLocation === undefined) delete copy.maxLocation;
    return copy;
  });
}

function compareWithReference(c: Candidate, ref: Reference, mismatches: Finding[]): void {
  const label = tableLabel(c.source);
  const where = (loc: Location | undefined) => qualify(loc ?? tableStart(c.source.table), c.source.file);
  const leftOut: Finding[] = [];
  const consequence = {
    vi: "; đơn vị này không được đưa vào bảng tổng hợp (điểm của nó tính trên bộ tiêu chí khác sẽ sai). Hãy sửa bảng của đơn vị theo bộ tiêu chí chung rồi chạy lại",
    en: "; this unit is left out of the consolidated table (its points on another criteria set would be wrong). Align its table with the common criteria set and run again",
  };
  const reference = { vi: `bộ tiêu chí chung (${ref.codes.length} mục, theo ${ref.sharedBy} đơn vị)`, en: `the common criteria set (${ref.codes.length} items, used by ${ref.sharedBy} units)` };

  const missing = ref.codes.filter((code) => !c.byCode.has(code));
  if (missing.length > 0) {
    // Located at the row of the missing code's nearest parent the unit has, where the row belongs.
    const parentCode = nearestPresentParent(missing[0], ref, c);
    const codes = codeList(missing);
    leftOut.push(
      finding(
        "consolidation-missing-criteria",
        "warning",
        {
          vi: `${label.vi}: đơn vị '${c.name}' thiếu ${missing.length} mục so với ${reference.vi}: ${codes.vi}${consequence.vi}`,
          en: `${label.en}: unit '${c.name}' lacks ${missing.length} item(s) of ${reference.en}: ${codes.en}${consequence.en}`,
        },
        { location: where(parentCode ? c.byCode.get(parentCode)?.location : undefined), code: missing[0], column: c.name },
      ),
    );
  }
  const extra = c.criteria.map((x) => x.code).filter((code) => !ref.byCode.has(code));
  if (extra.length > 0) {
    const codes = codeList(extra);
    leftOut.push(
      finding(
        "consolidation-extra-criteria",
        "warning",
        {
          vi: `${label.vi}: đơn vị '${c.name}' có ${extra.length} mục không có trong ${reference.vi}: ${codes.vi}${consequence.vi}`,
          en: `${label.en}: unit '${c.name}' has ${extra.length} item(s) not in ${reference.en}: ${codes.en}${consequence.en}`,
        },
        { location: where(c.byCode.get(extra[0])?.location), code: extra[0], column: c.name },
      ),
    );
  }
  const maxDiffers = ref.codes.filter((code) => {
    const own = c.byCode.get(code)?.max ?? null;
    const common = ref.max.get(code) ?? null;
    return own !== null && common !== null && !own.eq(common);
  });
  if (maxDiffers.length > 0) {
    const shown = (lang: Lang) =>
      maxDiffers
        .slice(0, 5)
        .map((code) => `${code} (${formatMax(c.byCode.get(code)?.max ?? null, lang)} ≠ ${formatMax(ref.max.get(code) ?? null, lang)})`)
        .join(", ") + (maxDiffers.length > 5 ? (lang === "vi" ? ` và ${maxDiffers.length - 5} mục khác` : ` and ${maxDiffers.length - 5} more`) : "");
    const first = c.byCode.get(maxDiffers[0]);
    leftOut.push(
      finding(
        "consolidation-max-differs",
        "warning",
        {
          vi: `${label.vi}: đơn vị '${c.name}' có điểm tối đa khác ${reference.vi} ở ${maxDiffers.length} mục: ${shown("vi")}${consequence.vi}`,
          en: `${label.en}: unit '${c.name}' gives a different max than ${reference.en} for ${maxDiffers.length} item(s): ${shown("en")}${consequence.en}`,
        },
        { location: where(first?.maxLocation ?? first?.location), code: maxDiffers[0], column: c.name },
      ),
    );
  }
  mismatches.push(...leftOut);
  if (leftOut.length > 0) {
    c.status = "left-out";
    c.reasons.push(...leftOut);
    return;
  }
  const retitled = ref.codes.filter((code) => {
    const own = c.byCode.get(code);
    const common = ref.byCode.get(code);
    return own && common && own.title !== common.title && folded(own.title) !== folded(common.title);
  });
  if (retitled.length > 0 && c !== ref.candidate) {
    const first = c.byCode.get(retitled[0]);
    const common = ref.byCode.get(retitled[0]);
    const codes = codeList(retitled);
    mismatches.push(
      finding(
        "consolidation-title-differs",
        "info",
        {
          vi: `${label.vi}: đơn vị '${c.name}' đặt tên khác cho ${retitled.length} mục cùng mã (${codes.vi}), ví dụ ${retitled[0]}: '${first?.title ?? ""}' thay vì '${common?.title ?? ""}'; các mục được ghép theo mã và đơn vị vẫn được tổng hợp`,
          en: `${label.en}: unit '${c.name}' titles ${retitled.length} item(s) differently under the same codes (${codes.en}), e.g. ${retitled[0]}: '${first?.title ?? ""}' instead of '${common?.title ?? ""}'; items are matched by code and the unit is consolidated`,
        },
        { location: where(first?.location), code: retitled[0], column: c.name },
      ),
    );
  }
}

/** foldTitle, remembered: 700 units repeat the same 100 titles, and folding is the costly part. */
const foldedTitles = new Map<string, string>();
function folded(title: string): string {
  let f = foldedTitles.get(title);
  if (f === undefined) {
    if (foldedTitles.size > 100_000) foldedTitles.clear();
    foldedTitles.set(title, (f = foldTitle(title)));
  }
  return f;
}

function nearestPresentParent(code: string, ref: Reference, c: Candidate): string | null {
  // The reference tree knows the parents; walk up until the unit has one.
  const parentOf = new Map<string, string>();
  const walk = (nodes: Criterion[]) => nodes.forEach((n) => n.children.forEach((ch) => (parentOf.set(ch.code, n.code), walk([ch]))));
  walk(ref.tree);
  for (let p = parentOf.get(code); p !== undefined; p = parentOf.get(p)) if (c.byCode.has(p)) return p;
  return null;
}

function formatMax(value: Points | null, lang: Lang): string {
  if (value === null) return "—";
  const text = value.toString();
  return lang === "vi" ? text.replace(".", ",") : text;
}

/**
 * Units with only self-assessed points. When others are appraised, they stay in the table but out of
 * the ranking; when no unit is appraised, the self-assessed points are what is ranked.
 */
function markSelfOnly(candidates: Candidate[], mismatches: Finding[]): void {
  const included = candidates.filter((c) => c.status !== "left-out");
  const selfOnly = included.filter((c) => !c.score && c.self);
  if (selfOnly.length === 0) return;
  const anyAppraised = included.some((c) => c.score);
  if (!anyAppraised) {
    mismatches.push(
      finding("consolidation-self-assessed-ranked", "info", {
        vi: `Không đơn vị nào có điểm thẩm định; tổng hợp và xếp hạng theo điểm tự đánh giá của ${selfOnly.length} đơn vị`,
        en: `No unit has appraised points; the ${selfOnly.length} units are consolidated and ranked on their self-assessed points`,
      }),
    );
    return;
  }
  for (const c of selfOnly) {
    const label = tableLabel(c.source);
    const reason = finding(
      "consolidation-self-only",
      "warning",
      {
        vi: `${label.vi}: đơn vị '${c.name}' chỉ có điểm tự đánh giá, trong khi các đơn vị khác có điểm thẩm định; đơn vị được đưa vào bảng tổng hợp nhưng không xếp hạng`,
        en: `${label.en}: unit '${c.name}' has self-assessed points only, while other units are appraised; it is in the consolidated table but not ranked`,
      },
      { location: qualify(tableStart(c.source.table), c.source.file), column: c.name },
    );
    mismatches.push(reason);
    c.status = "not-ranked";
    c.reasons.push(reason);
  }
}

// ---------------------------------------------------------------------------
// The consolidated scorecard

function relocatePoints(points: ReadonlyMap<string, PointValue>, keep: ReadonlySet<string>, file: string | undefined): Map<string, PointValue> {
  const out = new Map<string, PointValue>();
  for (const [code, pv] of points) {
    if (!keep.has(code)) continue;
    out.set(code, file === undefined ? pv : { ...pv, location: qualify(pv.location, file) });
  }
  return out;
}

function buildScorecard(included: Candidate[], ref: Reference, findings: Finding[], lang: Lang): Scorecard {
  const keep = new Set(ref.codes);
  const anyAppraised = included.some((c) => c.score);
  const columns: ScoreColumn[] = [];
  for (const c of included) {
    const file = c.source.file;
    // A self-only unit: its self-assessed points are its score column (not ranked when others are appraised).
    const asScore = c.score ?? c.self;
    if (asScore) {
      const column: ScoreColumn = {
        key: `${c.name}||score`,
        unit: c.name,
        period: "",
        basis: "score",
        points: relocatePoints(asScore.points, keep, file),
        publishedRanks: new Map(),
      };
      if (asScore.publishedTotal) column.publishedTotal = { ...asScore.publishedTotal, location: qualify(asScore.publishedTotal.location, file) };
      if (asScore.indicators) column.indicators = asScore.indicators;
      if (c.status === "not-ranked" || (!c.score && anyAppraised) || asScore.excludedFromRanking) column.excludedFromRanking = true;
      columns.push(column);
    }
    if (c.score && c.self) {
      const self: ScoreColumn = {
        key: `${c.name}||self`,
        unit: c.name,
        period: "",
        basis: "self",
        points: relocatePoints(c.self.points, keep, file),
        publishedRanks: new Map(),
      };
      if (c.self.publishedTotal) self.publishedTotal = { ...c.self.publishedTotal, location: qualify(c.self.publishedTotal.location, file) };
      columns.push(self);
    }
  }
  const title =
    lang === "vi"
      ? `Tổng hợp điểm Chỉ số CCHC của ${included.length} đơn vị`
      : `PAR Index points of ${included.length} units, consolidated`;
  return { title, criteria: ref.tree, columns, findings };
}

/** The A1 range the data sheet's table takes (see dataSheet): header row 3, one row per criterion and the total. */
function dataRange(tree: Criterion[], included: Candidate[]): string {
  const rows = flattenCriteria(tree).length;
  const withSelf = included.some((c) => c.score && c.self);
  const cols = 3 + included.length * (withSelf ? 2 : 1);
  const headerRows = withSelf ? 2 : 1;
  return rangeA1({ top: 2, left: 0, bottom: 2 + headerRows + rows, right: cols - 1 });
}

// ---------------------------------------------------------------------------
// The data sheet: the consolidated table as a many-unit table (units in columns)

export interface DataSheet {
  /** The consolidated table as cells: title, header row(s), a row per criterion, the total row. */
  grid: Grid;
  /**
   * The consolidated table with every point and criterion located on the data sheet, so a report
   * written into a new workbook links to, and highlights, cells that are in it. The findings stay
   * located in the source files.
   */
  table: AnalysedTable;
}

const DATA_TEXT = {
  code: { vi: "STT", en: "No." },
  // "Criteria" is what the recogniser reads as the content column in English.
  title: { vi: "Lĩnh vực / Tiêu chí / Tiêu chí thành phần", en: "Criteria" },
  max: { vi: "Điểm tối đa", en: "Max points" },
  self: { vi: "Điểm tự đánh giá", en: "Self-assessed" },
  score: { vi: "Điểm thẩm định", en: "Appraised" },
  total: { vi: "TỔNG CỘNG", en: "TOTAL" },
  notApplicable: "KAD",
};

/**
 * The consolidated table as a sheet a person can read and `parscore analyze` can read back (units in
 * columns; with self-assessed points, each unit spans two columns under a merged name). Values are
 * numbers as the sources gave them; KAD for not applicable; the total row holds the computed totals.
 */
export function dataSheet(consolidation: Consolidation): DataSheet | null {
  const source = consolidation.result;
  if (!source) return null;
  const lang = consolidation.options.lang ?? "vi";
  const { analysis, table } = source;
  const sheet = table.sheet;
  const criteria = flattenCriteria(analysis.scorecard.criteria);
  const scoreColumns = analysis.columns.filter((c) => c.column.basis === "score");
  const selfOf = new Map(analysis.columns.filter((c) => c.column.basis === "self").map((c) => [c.column.unit, c] as const));
  const withSelf = selfOf.size > 0;
  const headerRows = withSelf ? 2 : 1;
  const top = 2;
  const firstData = top + headerRows;
  const values: CellValue[][] = [];
  const merges: Grid["merges"] = [];
  const set = (r: number, c: number, v: CellValue) => {
    while (values.length <= r) values.push([]);
    values[r][c] = v;
  };
  set(0, 0, analysis.scorecard.title ?? "");
  set(top, 0, DATA_TEXT.code[lang]);
  set(top, 1, DATA_TEXT.title[lang]);
  set(top, 2, DATA_TEXT.max[lang]);
  if (withSelf) for (const c of [0, 1, 2]) merges.push({ top, left: c, bottom: top + 1, right: c });

  const rowOf = new Map<string, number>();
  criteria.forEach((c, i) => rowOf.set(c.code, firstData + i));
  const totalRow = firstData + criteria.length;
  const at = (row: number, col: number): Location => ({ sheet, cell: a1(row, col) });

  const relocatedColumns = new Map<ScoreColumn, ScoreColumn>();
  let col = 3;
  for (const scored of scoreColumns) {
    const self = selfOf.get(scored.column.unit);
    const pairs: [typeof scored, number][] = [];
    if (withSelf) {
      set(top, col, scored.column.unit);
      merges.push({ top, left: col, bottom: top, right: col + 1 });
      set(top + 1, col, DATA_TEXT.self[lang]);
      set(top + 1, col + 1, DATA_TEXT.score[lang]);
      if (self) pairs.push([self, col]);
      pairs.push([scored, col + 1]);
      col += 2;
    } else {
      set(top, col, scored.column.unit);
      pairs.push([scored, col]);
      col += 1;
    }
    for (const [c, x] of pairs) {
      const points = new Map<string, PointValue>();
      for (const [code, pv] of c.column.points) {
        const row = rowOf.get(code);
        if (row === undefined) continue;
        set(row, x, pv.notApplicable ? DATA_TEXT.notApplicable : pv.value === null ? null : spreadsheetNumber(pv.value));
        points.set(code, { ...pv, location: at(row, x) });
      }
      const total = c.nodes.get(TOTAL_CODE)?.achieved ?? null;
      set(totalRow, x, total === null ? null : spreadsheetNumber(total));
      const relocated: ScoreColumn = { ...c.column, points, publishedTotal: { value: total, location: at(totalRow, x) } };
      relocatedColumns.set(c.column, relocated);
    }
  }
  criteria.forEach((c) => {
    const row = rowOf.get(c.code) as number;
    set(row, 0, displayCode(c.code));
    set(row, 1, c.title);
    if (c.max) set(row, 2, spreadsheetNumber(c.max));
  });
  set(totalRow, 1, DATA_TEXT.total[lang]);
  // The criteria set's max, not a unit's effective one (a unit's N/A items lower its own).
  const totalMax = nominalTotalMax(analysis.scorecard.criteria, analysis.scorecard.total);
  if (totalMax) set(totalRow, 2, spreadsheetNumber(totalMax));
  const width = col;
  for (const row of values) for (let c = 0; c < width; c++) if (row[c] === undefined) row[c] = null;

  const tree = cloneTree(analysis.scorecard.criteria, (c) => ({
    location: at(rowOf.get(c.code) as number, 1),
    maxLocation: c.max ? at(rowOf.get(c.code) as number, 2) : undefined,
  }));
  const scorecard: Scorecard = { ...analysis.scorecard, criteria: tree, columns: analysis.scorecard.columns.map((c) => relocatedColumns.get(c) ?? c) };
  // The engine's figures do not depend on where cells are: the same results, re-pointed.
  const relocatedAnalysis: Analysis = {
    ...analysis,
    scorecard,
    columns: analysis.columns.map((c) => ({ ...c, column: relocatedColumns.get(c.column) ?? c.column })),
  };
  const grid: Grid = { sheet, origin: { row: 0, col: 0 }, values, merges };
  const range = rangeA1({ top, left: 0, bottom: totalRow, right: width - 1 });
  // On the data sheet the table is one range again: the subtitles name it, not the units' tables.
  const onSheet: ConsolidatedTable = { ...table, range, scorecard, source: undefined };
  return { grid, table: { table: onSheet, analysis: relocatedAnalysis } };
}

/**
 * The code as the tables type it, which the recogniser turns back into the same code: criteria under
 * Roman areas are typed "1.1" under "I" (read as "I.1.1"), lettered items "a" under "2.1" (read as
 * "II.2.1.a"). A code the table did not type (a bonus row named by its title) is left blank.
 */
function displayCode(code: string): string {
  const parts = code.split(".");
  const last = parts[parts.length - 1];
  let shown = code;
  if (parts.length > 1 && /^[a-zđ]$/u.test(last)) shown = last;
  else if (parts.length > 1 && /^[IVXLC]+$/.test(parts[0])) shown = parts.slice(1).join(".");
  return parseCode(shown) ? shown : "";
}

/** A decimal as the number a spreadsheet cell stores (output only: no arithmetic follows). */
function spreadsheetNumber(value: Points): number {
  return Number(value.toString());
}

// ---------------------------------------------------------------------------
// JSON

export interface ConsolidationJson {
  /** Units in input order; status "ranked" | "not-ranked" | "left-out". */
  units: { name: string; sourceName: string; source: string; file: string | null; sheet: string; range: string; period: string; status: UnitStatus; reasons: string[] }[];
  /** Unit name -> where it was read ("[file.xlsx]Sheet1!A4:E40" or "'Sheet'!A4:E40"). */
  sourceOf: Record<string, string>;
  reference: { unit: string; criteria: number; leaves: number; sharedBy: number } | null;
  counts: { read: number; ranked: number; notRanked: number; leftOut: number };
  mismatches: FindingJson[];
}

export function consolidationToJson(consolidation: Consolidation, lang: Lang): ConsolidationJson {
  const sourceOf: Record<string, string> = {};
  const units = consolidation.units.map((u) => {
    const source = sheetQualified(u.file !== undefined ? `[${u.file}]${u.sheet}` : u.sheet, u.range);
    sourceOf[u.name] = source;
    return {
      name: u.name,
      sourceName: u.sourceName,
      source,
      file: u.file ?? null,
      sheet: u.sheet,
      range: u.range,
      period: u.period,
      status: u.status,
      reasons: u.reasons.map((r) => r.message[lang]),
    };
  });
  const count = (s: UnitStatus) => consolidation.units.filter((u) => u.status === s).length;
  return {
    units,
    sourceOf,
    reference: consolidation.reference,
    counts: { read: units.length, ranked: count("ranked"), notRanked: count("not-ranked"), leftOut: count("left-out") },
    mismatches: consolidation.mismatches.map((f) => findingToJson(f, lang)),
  };
}

const MAX_UNRANKED_SHOWN = 10;

/** The consolidation in a few lines for the console, before the usual summary of the table. */
export function consolidationSummary(consolidation: Consolidation, lang: Lang): string {
  const count = (s: UnitStatus) => consolidation.units.filter((u) => u.status === s).length;
  const ref = consolidation.reference;
  const lines: string[] = [];
  lines.push(
    lang === "vi"
      ? `Tổng hợp ${consolidation.units.length} bảng một đơn vị: ${count("ranked")} xếp hạng, ${count("not-ranked")} không xếp hạng, ${count("left-out")} không đưa vào.`
      : `Consolidated ${consolidation.units.length} one-unit table(s): ${count("ranked")} ranked, ${count("not-ranked")} not ranked, ${count("left-out")} left out.`,
  );
  if (ref) {
    lines.push(
      lang === "vi"
        ? `Bộ tiêu chí chung: ${ref.criteria} mục (${ref.leaves} mục lá), dùng ở ${ref.sharedBy} đơn vị; cây tiêu chí lấy từ '${ref.unit}'.`
        : `Common criteria set: ${ref.criteria} items (${ref.leaves} leaves), used by ${ref.sharedBy} units; the tree is taken from '${ref.unit}'.`,
    );
  }
  // A few lines, whatever the number of units: the JSON and the gap sheet have them all.
  const unranked = consolidation.units.filter((x) => x.status !== "ranked");
  for (const u of unranked.slice(0, MAX_UNRANKED_SHOWN)) {
    const what = u.status === "left-out" ? (lang === "vi" ? "không đưa vào" : "left out") : lang === "vi" ? "không xếp hạng" : "not ranked";
    lines.push(`  - ${u.name} (${what}): ${u.reasons.map((r) => r.message[lang]).join(" | ")}`);
  }
  if (unranked.length > MAX_UNRANKED_SHOWN) {
    const rest = unranked.length - MAX_UNRANKED_SHOWN;
    lines.push(lang === "vi" ? `  ... và ${rest} đơn vị khác (xem --json hoặc trang phân tích)` : `  ... and ${rest} more units (see --json or the gap sheet)`);
  }
  return lines.join("\n") + "\n";
}
