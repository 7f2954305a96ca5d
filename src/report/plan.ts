/**
 * SheetPlan: a declarative, host-neutral description of what ParScore writes into a workbook.
 *
 * Both hosts apply the same plan: the .xlsx writer (src/hosts/xlsx/write-xlsx.ts, ExcelJS) and
 * the Office.js host (src/hosts/excel). A plan is plain data and JSON-serialisable: numbers are
 * decimal strings with a dot ("8.35"), never JS numbers computed from points.
 *
 * ## How a host applies a plan
 * 1. Remove ParScore's previous outputs (sheets carrying the ownership marker, conditional-format
 *    rules whose formula contains HIGHLIGHT_MARKER). Never touch anything else.
 * 2. For each `PlannedSheet`: create the sheet (if a *user* sheet already has the name, append
 *    " (2)", " (3)", ... within 31 characters), mark it as owned (OWNED_SHEET_NAME_PREFIX), write
 *    blocks, styles, merges, widths, heights, frozen panes, conditional formats, print setup.
 * 3. Add `highlights` (conditional formats on the user's own sheets).
 * 4. Charts (`ChartSpec`): both hosts draw them from the cells they name on the owning sheet.
 *    Office.js adds them with `sheet.charts.add`; the .xlsx writer, since ExcelJS has no chart
 *    support, adds native DrawingML chart parts to the saved file (src/hosts/xlsx/charts.ts).
 *
 * ## The ownership marker (shared by every host)
 * - Sheets: a workbook-scoped defined name `ParScore_Owned_<n>` (n = 1, 2, ...) whose reference is
 *   cell A1 of the owned sheet, e.g. `ParScore_Owned_1 = 'Phân tích điểm trừ'!$A$1`. A sheet is
 *   ParScore's if and only if such a name refers to it. Names follow renames in Excel, and a
 *   workbook-scoped name is writable by ExcelJS and by Office.js (`workbook.names.add`) alike.
 *   Office.js: `context.workbook.names.add("ParScore_Owned_1", sheet.getRange("A1"))`; recognise
 *   by loading `names/items/name,formula`.
 * - Highlight rules on user sheets: custom-formula rules whose formula contains
 *   `N("ParScore")=0` (HIGHLIGHT_MARKER). `N()` of a text is 0, so the term is always true and
 *   changes nothing; it survives Excel and LibreOffice round trips because it is part of the formula.
 *
 * ## Text is text
 * A text cell is written as a string value, never as a formula, whatever it starts with
 * ("=1+1", "+84 ...", "-", "@"). ExcelJS writes strings as shared strings (safe as is). Office.js
 * parses `range.values` like typed input, so that host must set number format "@" on text cells
 * whose text `looksLikeFormula` (or write them via `range.formulas` with a leading apostrophe).
 */
import Decimal from "decimal.js";

export const PLAN_VERSION = 1;

/** Defined-name prefix that marks a sheet as ParScore's own. */
export const OWNED_SHEET_NAME_PREFIX = "ParScore_Owned_";
/** Present in every conditional-format formula ParScore adds to a user's sheet. */
export const HIGHLIGHT_MARKER = 'N("ParScore")=0';

/** Excel's limit on sheet names. */
export const MAX_SHEET_NAME = 31;

export type SheetRole = "gap" | "ranking" | "responsibility";

/** A colour as 6 hex digits, "RRGGBB". */
export type Rgb = string;

export type PlanValue =
  | { kind: "text"; text: string }
  /** A decimal string with a dot: "8.35", "-0.5", "0.3042". */
  | { kind: "number"; value: string }
  /** A link to a cell: Office.js `range.hyperlink.documentReference`; .xlsx `HYPERLINK("#'Sheet'!C7", text)`. */
  | { kind: "link"; text: string; sheet: string; cell: string }
  /**
   * A live formula (src/report/live-formulas.ts) in Excel's en-US syntax without the leading "=",
   * with the engine's result as the cached value a reader sees before any recalculation.
   * References to ParScore's own sheets are written with `ownSheetRef` and resolved by the host
   * (`resolveFormula`), since a host may rename a planned sheet whose name a user sheet has.
   */
  | { kind: "formula"; formula: string; cached: { kind: "number"; value: string } | { kind: "text"; text: string } | null };

export interface PlanCell {
  value: PlanValue | null;
  /** Key into `SheetPlan.styles`. */
  style?: string;
}

export type BorderKind = "thin" | "thin-bottom" | "medium-bottom" | "none";

export interface CellStyle {
  /** Excel number format code in its file (en-US) syntax; Excel shows the user's decimal separator. */
  numFmt?: string;
  bold?: boolean;
  italic?: boolean;
  fontColor?: Rgb;
  fontSize?: number;
  fill?: Rgb;
  border?: BorderKind;
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "middle" | "bottom";
  wrap?: boolean;
  indent?: number;
}

/** A rectangle of cells whose top-left is `at` ("A5"); rows may be ragged, null = leave empty. */
export interface CellBlock {
  at: string;
  rows: (PlanCell | null)[][];
}

export type ConditionalRule =
  /** Bars proportional to the value between `min` and `max` (decimal strings; omitted = automatic). */
  | { type: "dataBar"; color: Rgb; min?: string; max?: string }
  /** Lowest value -> first colour, highest -> last. */
  | { type: "colorScale"; colors: Rgb[] }
  /**
   * A formula in Excel's file syntax (en-US function names, "," between arguments, "." decimals),
   * without the leading "=", with relative references written for the top-left cell of `ref`.
   */
  | { type: "formula"; formula: string; fill: Rgb; fontColor?: Rgb };

export type HighlightPurpose = "below-max" | "appraisal-cut" | "lost-grade" | "percent-grade" | "total-grade";

export interface ConditionalFormat {
  /** The sheet the rule belongs to (a planned sheet's name, or a user's sheet for highlights). */
  sheet: string;
  /** One A1 rectangle ("E7:E40"). */
  ref: string;
  rule: ConditionalRule;
  purpose: HighlightPurpose;
}

/**
 * What a chart shows (every kind is drawn from cells of the owning sheet; see src/report/charts.ts):
 * - "points-vs-max": one unit, achieved and max points per area (clustered bars, gap sheet);
 * - "total-distribution": every unit's total, best rank first, one unit's column in another colour
 *   (the unit of a gap-sheet block; the top unit on the ranking sheet);
 * - "total-histogram": the same for tables too large for a column per unit: units per band of totals,
 *   the band holding the highlighted unit in another colour;
 * - "rank-change": places gained (+) or lost (-) since the previous period, per unit (ranking sheet);
 * - "total-trend": the total per period of up to 10 units, a line each (ranking sheet of a series).
 */
export type ChartKind = "points-vs-max" | "total-distribution" | "total-histogram" | "rank-change" | "total-trend";

export interface ChartSeriesSpec {
  name: string;
  /** One column of the owning sheet ("D7:D14", no sheet prefix), as many cells as the categories. */
  values: string;
  color: Rgb;
}

export interface ChartSpec {
  kind: ChartKind;
  /** "bar": horizontal bars, first category on top; "column": vertical columns, first category on the left; "line": a line with markers per series. */
  type: "bar" | "column" | "line";
  title: string;
  /** Axis labels: one column of the owning sheet (no sheet prefix). */
  categories: string;
  /** In legend order; a legend is shown when there are two or more. */
  series: ChartSeriesSpec[];
  /** Points (0-based, along the categories) of the first series drawn in `color` instead of the series colour. */
  highlight?: { points: number[]; color: Rgb };
  /** What the value axis counts ("Điểm", "Số đơn vị", "Bậc"). */
  valueAxisTitle?: string;
  /** Where the chart sits: top-left and bottom-right cells on the owning sheet. */
  from: string;
  to: string;
}

export interface PlannedSheet {
  name: string;
  role: SheetRole;
  /** Always "parscore": the host marks the sheet with OWNED_SHEET_NAME_PREFIX. */
  owner: "parscore";
  tabColor?: Rgb;
  blocks: CellBlock[];
  merges: string[];
  /** Column widths in characters, by 0-based column index. */
  columnWidths: number[];
  /** Row heights in points by 1-based row number (rows with wrapped merged text). */
  rowHeights: Record<number, number>;
  freeze?: { rows: number; columns: number };
  conditionalFormats: ConditionalFormat[];
  charts: ChartSpec[];
  print?: { landscape: boolean; fitToWidth: boolean };
}

export interface SheetPlan {
  version: typeof PLAN_VERSION;
  lang: "vi" | "en";
  styles: Record<string, CellStyle>;
  /** Sheets ParScore owns: created, or replaced on a re-run. */
  sheets: PlannedSheet[];
  /** Conditional formats on the user's own sheets (each formula contains HIGHLIGHT_MARKER). */
  highlights: ConditionalFormat[];
}

/** A sheet of a plan and its place in the plan's list of sheets. */
export interface PlacedSheet {
  at: number;
  sheet: PlannedSheet;
}

/**
 * A SheetPlan whose sheets are planned a group (one table's) at a time, when a writer asks: it holds
 * one group, not all of them. `sheetNames` lists every sheet's planned name in order; each group
 * gives its sheets with their places in that list.
 */
export interface GroupedSheetPlan extends Omit<SheetPlan, "sheets"> {
  sheetNames: readonly string[];
  groups: number;
  group(index: number): PlacedSheet[];
}

/** A whole plan seen as groups of one sheet each. */
export function groupedPlan(plan: SheetPlan): GroupedSheetPlan {
  return {
    version: plan.version,
    lang: plan.lang,
    styles: plan.styles,
    highlights: plan.highlights,
    sheetNames: plan.sheets.map((s) => s.name),
    groups: plan.sheets.length,
    group: (index) => [{ at: index, sheet: plan.sheets[index] }],
  };
}

/** Every sheet of a grouped plan, planned now and listed in order. */
export function wholePlan(plan: GroupedSheetPlan): SheetPlan {
  const sheets: PlannedSheet[] = new Array<PlannedSheet>(plan.sheetNames.length);
  for (let k = 0; k < plan.groups; k++) for (const placed of plan.group(k)) sheets[placed.at] = placed.sheet;
  return { version: plan.version, lang: plan.lang, styles: plan.styles, sheets, highlights: plan.highlights };
}

/** Text that a spreadsheet would parse as a formula (or a signed number) if typed in. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@]/.test(text) || /^[\t\r]/.test(text);
}

export function textValue(text: string): PlanValue {
  return { kind: "text", text };
}

export function numberValue(value: Decimal | string): PlanValue {
  const canonical = typeof value === "string" ? canonicalDecimal(value) : null;
  if (canonical !== null) return { kind: "number", value: canonical };
  const d = typeof value === "string" ? new Decimal(value) : value;
  return { kind: "number", value: d.toString() };
}

/**
 * Decimal.js's toString of a short plain decimal string ("8.50" -> "8.5", "-0.00" -> "0"), without
 * parsing it: plans hold millions of pointsToJson strings. Null for anything else (the caller parses).
 * At most 15 integer and 6 fraction digits, so Decimal would not switch to exponent notation either.
 */
function canonicalDecimal(text: string): string | null {
  const m = /^(-?)(\d{1,15})(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) return null;
  const int = m[2].replace(/^0+(?=\d)/, "");
  const frac = (m[3] ?? "").replace(/0+$/, "");
  const body = frac ? `${int}.${frac}` : int;
  return m[1] && body !== "0" ? `-${body}` : body;
}

/**
 * Makes a sheet name Excel accepts: no []:*?/\, no leading/trailing apostrophe, at most 31
 * characters (a suffix such as " (2)" is kept whole), never empty.
 */
export function safeSheetName(wanted: string, suffix = ""): string {
  let base = wanted
    .normalize("NFC")
    .replace(/[[\]:*?/\\]/g, " ")
    .replace(/[\u0000-\u001f]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^'+|'+$/g, "")
    .trim();
  if (base === "") base = "ParScore";
  const room = MAX_SHEET_NAME - suffix.length;
  if ([...base].length > room) base = [...base].slice(0, room).join("").trimEnd();
  return base + suffix;
}

/** The first of `wanted`, `wanted (2)`, `wanted (3)` ... that is not taken (case-insensitive, as Excel compares). */
export function uniqueSheetName(wanted: string, taken: Iterable<string>): string {
  return sheetNamer(taken)(wanted);
}

/**
 * Names sheets one after another, each the first of `wanted`, `wanted (2)` ... not taken yet (by
 * `taken` or an earlier name). It remembers where each wanted name's numbering got to, so 10,000
 * tables' "Phân tích" sheets cost 10,000 steps, not 50 million.
 */
export function sheetNamer(taken: Iterable<string> = []): (wanted: string) => string {
  const key = (n: string) => n.normalize("NFC").toLocaleLowerCase();
  const used = new Set([...taken].map(key));
  const next = new Map<string, number>();
  return (wanted) => {
    for (let i = next.get(wanted) ?? 1; ; i++) {
      const name = safeSheetName(wanted, i === 1 ? "" : ` (${i})`);
      if (used.has(key(name))) continue;
      used.add(key(name));
      next.set(wanted, i + 1);
      return name;
    }
  };
}

/**
 * The name each planned sheet gets in a workbook whose sheets `taken` are there already: the plan's
 * own "Gap analysis (2)" is numbered again from its base when a user sheet takes a name.
 */
export function finalSheetNames(plan: { sheets: readonly Pick<PlannedSheet, "name">[] }, taken: Iterable<string>): Map<string, string> {
  const bases = new Set<string>();
  const nameSheet = sheetNamer(taken);
  const finalNames = new Map<string, string>();
  for (const planned of plan.sheets) {
    const m = /^(.*) \(\d+\)$/.exec(planned.name);
    const base = m && bases.has(m[1]) ? m[1] : planned.name;
    bases.add(base);
    finalNames.set(planned.name, nameSheet(base));
  }
  return finalNames;
}

const OWN_SHEET_REF = /\u0001([^\u0001]*)\u0001!/g;

/** A reference to a cell of one of ParScore's planned sheets, inside a formula ("$E$7"). */
export function ownSheetRef(plannedSheet: string, cell: string): string {
  return `\u0001${plannedSheet}\u0001!${cell}`;
}

/** The formula with ParScore's own sheets under the names they got in the workbook (quoted). */
export function resolveFormula(formula: string, finalName: (planned: string) => string): string {
  return formula.replace(OWN_SHEET_REF, (_, planned: string) => `'${finalName(planned).replace(/'/g, "''")}'!`);
}

/** Every conditional-format rule of a plan, with the sheet it targets. */
export function allConditionalFormats(plan: SheetPlan): ConditionalFormat[] {
  return [...plan.sheets.flatMap((s) => s.conditionalFormats), ...plan.highlights];
}
