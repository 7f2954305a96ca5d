/**
 * Applies a SheetPlan to an .xlsx workbook. `writeReport` (the CLI's `-o`) writes ParScore's sheets
 * into the user's package part by part (write-parts.ts), copying every part of the user's as it was;
 * that writer builds ParScore's sheets as XML from the plan (plan-file.ts), not with ExcelJS. The
 * ExcelJS functions below load, apply and save a whole workbook where that writer does not go (a
 * macro-enabled workbook written as .xlsx, prefixed XML, a new workbook from a CSV).
 *
 * - ParScore's sheets carry the ownership marker of src/report/plan.ts: a workbook-scoped
 *   defined name `ParScore_Owned_<n>` referring to the sheet's A1. A re-run removes every marked
 *   sheet (and its name) before adding the new ones, so sheets are replaced, never duplicated.
 * - Highlight rules on the user's sheets are conditional formats whose formula contains
 *   `N("ParScore")=0`; a re-run removes exactly those rules before adding the new ones.
 * - The user's sheets are not otherwise touched: cells, formulas (shared ones too), merges,
 *   styles, notes, their own conditional formats and data validations round-trip through ExcelJS
 *   (tests prove it, also for a file LibreOffice saved). What ExcelJS cannot round-trip (charts,
 *   pivot tables, VBA, non-range defined names, ...) is reported by `preservationWarnings`, so
 *   the caller can warn or write to a new file. Data validations over huge ranges (whole
 *   columns), which ExcelJS would expand cell by cell, are kept aside and written back verbatim
 *   (large-validations.ts).
 * - Charts: ExcelJS cannot write charts, so `applyPlan` keeps each written sheet's charts aside and
 *   `saveWorkbook` adds them to the saved file as native DrawingML chart parts (charts.ts): real
 *   Excel charts over the sheet's cells, with cached values. Saving by other means drops them.
 * - Text is written as a string value, never a formula (ExcelJS stores strings as strings);
 *   links become `HYPERLINK("#'Sheet'!C7","C7")` formulas with the sheet name escaped.
 */
import ExcelJS from "exceljs";
import { promises as fs, readFileSync } from "fs";
import { sheetQualified } from "../../tables/grid";
import {
  HIGHLIGHT_MARKER,
  OWNED_SHEET_NAME_PREFIX,
  type CellStyle,
  type ConditionalFormat,
  type PlanCell,
  type PlannedSheet,
  type SheetPlan,
  resolveFormula,
  finalSheetNames,
  groupedPlan,
  wholePlan,
  type GroupedSheetPlan,
} from "../../report/plan";
import { parseA1 } from "../../tables/grid";
import { writeFileAtomic, writeFileAtomicFrom } from "./atomic-write";
import { addChartsToXlsx, parScoreChartParts, type SheetCharts, withoutParts } from "./charts";
import { restoreLargeValidations, setAsideLargeValidations, type SetAsideValidations } from "./large-validations";
import { preservationWarnings as lossWarnings } from "./preserve";
import { writePlanAsParts, type PartsWritten } from "./write-parts";
import { zipEntries } from "./zip";
import { fileFormula, hyperlinkFormula, xmlSafe } from "./formula-text";

export { fileFormula, hyperlinkFormula, xmlSafe };

export interface ApplyResult {
  /** Final names of the sheets written (a user sheet of the same name pushes ours to " (2)"). */
  sheets: string[];
  /** Conditional-format rules added, on our sheets and on the user's. */
  rulesAdded: number;
  /** What the plan asked for that this host cannot do. */
  skipped: { kind: "chart" | "highlight"; sheet: string; reason: string }[];
  /** What a previous run left and this one removed. */
  removed: RemoveResult;
  /** Tables past the first CHARTED_TABLES (write-parts.ts) whose sheets were written without their charts. */
  unchartedTables?: number;
}

export interface RemoveResult {
  sheets: string[];
  rules: number;
}

/** Charts of the sheets applyPlan wrote, added to the file by saveWorkbook. */
const chartsByWorkbook = new WeakMap<ExcelJS.Workbook, SheetCharts[]>();

/** Validations too large for ExcelJS, kept aside between loadWorkbook and saveWorkbook. */
const setAsideByWorkbook = new WeakMap<ExcelJS.Workbook, SetAsideValidations[]>();

/**
 * Reads an .xlsx file (path or bytes) into an ExcelJS workbook. Data validations over huge
 * ranges are kept aside (see large-validations.ts) and put back by saveWorkbook.
 */
export async function loadWorkbook(input: string | Buffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const raw = typeof input === "string" ? await fs.readFile(input) : Buffer.from(input);
  const { bytes, setAside } = setAsideLargeValidations(raw);
  // ExcelJS's typings want an ArrayBuffer-ish Buffer; a Node Buffer works.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  if (setAside.length > 0) setAsideByWorkbook.set(workbook, setAside);
  return workbook;
}

/** Writes the workbook to bytes, and to `path` when given: whole or not at all (atomic-write.ts). */
export async function saveWorkbook(workbook: ExcelJS.Workbook, path?: string): Promise<Buffer> {
  const written = Buffer.from(await workbook.xlsx.writeBuffer());
  const bytes = addChartsToXlsx(restoreLargeValidations(written, setAsideByWorkbook.get(workbook) ?? []), chartsByWorkbook.get(workbook) ?? []);
  if (path) await writeFileAtomic(path, bytes);
  return bytes;
}

/** Sheets that carry ParScore's marker, with the defined name that marks each. */
export function ownedSheets(workbook: ExcelJS.Workbook): { sheet: ExcelJS.Worksheet; name: string }[] {
  const out: { sheet: ExcelJS.Worksheet; name: string }[] = [];
  for (const { name, ranges } of definedNamesModel(workbook)) {
    if (!isOwnerName(name)) continue;
    for (const range of ranges) {
      const sheetName = sheetOfRange(range);
      const sheet = sheetName !== null ? workbook.getWorksheet(sheetName) : undefined;
      if (sheet && !out.some((o) => o.sheet === sheet)) out.push({ sheet, name });
    }
  }
  return out;
}

/** Deletes ParScore's sheets, their marker names and ParScore's highlight rules; nothing else. */
export function removeParScoreOutputs(workbook: ExcelJS.Workbook): RemoveResult {
  const owned = ownedSheets(workbook);
  const removedSheets = owned.map((o) => o.sheet.name);
  for (const { sheet } of owned) workbook.removeWorksheet(sheet.id);
  // Marker names go too (also stale ones whose sheet is gone).
  setDefinedNamesModel(
    workbook,
    definedNamesModel(workbook).filter((d) => !isOwnerName(d.name)),
  );
  let rules = 0;
  workbook.eachSheet((sheet) => {
    const before = conditionalFormattings(sheet);
    const kept: typeof before = [];
    for (const cf of before) {
      const rest = cf.rules.filter((r) => !isParScoreRule(r));
      rules += cf.rules.length - rest.length;
      if (rest.length > 0) kept.push({ ...cf, rules: rest });
    }
    (sheet as unknown as SheetWithRules).conditionalFormattings = kept;
  });
  return { sheets: removedSheets, rules };
}

/** Applies a plan: removes the previous run's outputs, writes our sheets, adds highlights. */
export function applyPlan(workbook: ExcelJS.Workbook, plan: SheetPlan): ApplyResult {
  const removed = removeParScoreOutputs(workbook);
  const result: ApplyResult = { sheets: [], rulesAdded: 0, skipped: [], removed };
  const charts: SheetCharts[] = [];

  // Every sheet's final name first: live formulas on one sheet refer to cells of another.
  const finalNames = finalSheetNames(plan, workbook.worksheets.map((w) => w.name));
  plan.sheets.forEach((planned, index) => {
    const name = finalNames.get(planned.name) ?? planned.name;
    const sheet = workbook.addWorksheet(name, sheetOptions(planned));
    writeSheet(sheet, planned, plan, finalNames);
    workbook.definedNames.add(`${sheetQualified(name, "$A$1")}`, `${OWNED_SHEET_NAME_PREFIX}${index + 1}`);
    result.sheets.push(name);
    for (const cf of planned.conditionalFormats) addRule(sheet, cf);
    result.rulesAdded += planned.conditionalFormats.length;
    if (planned.charts.length > 0) charts.push({ sheet: name, planned, lang: plan.lang });
  });
  chartsByWorkbook.set(workbook, charts);

  for (const cf of plan.highlights) {
    const target = workbook.getWorksheet(cf.sheet);
    if (!target || result.sheets.includes(target.name)) {
      result.skipped.push({ kind: "highlight", sheet: cf.sheet, reason: "no such sheet" });
      continue;
    }
    addRule(target, cf);
    result.rulesAdded += 1;
  }
  return result;
}

/** Adds one rule after the sheet's existing ones, so the user's own formatting keeps precedence. */
function addRule(sheet: ExcelJS.Worksheet, cf: ConditionalFormat): void {
  const base = Math.max(0, ...conditionalFormattings(sheet).flatMap((c) => c.rules.map((r) => r.priority ?? 0)));
  sheet.addConditionalFormatting({ ref: cf.ref, rules: [toExcelRule(cf, base + 1)] });
}

/**
 * What the CLI needs in one call: ParScore's sheets and highlights written into the workbook part
 * by part (write-parts.ts), every part of the user's copied as it was (charts, and macros when the
 * output is an .xlsm); a package that writer does not take (a macro-enabled workbook written as
 * .xlsx, prefixed XML) is loaded, applied and saved with ExcelJS, or, with `refuseLoss`, refused
 * (WouldLoseParts) when that would drop parts of it.
 */
export async function writeReport(
  input: string | Buffer,
  plan: SheetPlan | GroupedSheetPlan,
  outputPath?: string,
  options: { refuseLoss?: boolean; progress?: (done: number, total: number) => void; chartedTables?: number } = {},
): Promise<{ bytes: Buffer; result: ApplyResult; warnings: string[] }> {
  const bytes = typeof input === "string" ? await fs.readFile(input) : input;
  const grouped = "sheets" in plan ? groupedPlan(plan) : plan;
  const partsOptions = { macros: outputPath !== undefined && /\.xlsm$/i.test(outputPath), progress: options.progress, chartedTables: options.chartedTables };
  if (outputPath) {
    // ParScore's parts go to the file as they are made: a 10,000-table output is not held in memory.
    let parts: PartsWritten | null = null;
    const written = await writeFileAtomicFrom(outputPath, async (write) => {
      parts = await writePlanAsParts(bytes, grouped, { ...partsOptions, sink: write });
      if (parts) write(parts.chunks);
      return parts !== null;
    });
    const result = (parts as PartsWritten | null)?.result;
    if (written && result) {
      // Only the parts ParScore owns change: nothing of the user's is lost, so nothing to warn about.
      return {
        get bytes() {
          return readFileSync(outputPath);
        },
        result,
        warnings: [],
      };
    }
  } else {
    const parts = await writePlanAsParts(bytes, grouped, partsOptions);
    if (parts) return { bytes: Buffer.concat(parts.chunks), result: parts.result, warnings: [] };
  }
  const warnings = preservationWarnings(bytes);
  if (options.refuseLoss && warnings.length > 0) throw new WouldLoseParts(warnings);
  const workbook = await loadWorkbook(bytes);
  const result = applyPlan(workbook, "sheets" in plan ? plan : wholePlan(plan));
  const out = await saveWorkbook(workbook, outputPath);
  return { bytes: out, result, warnings };
}

/**
 * The workbook cannot be written part by part, and rewriting it whole would lose these parts of it
 * (thrown instead of writing when the caller would rather not: -o over the input itself).
 */
export class WouldLoseParts extends Error {
  constructor(readonly lost: string[]) {
    super(`rewriting would lose: ${lost.join("; ")}`);
  }
}

/**
 * What rewriting this workbook would lose (preserve.ts), leaving out the charts on ParScore's own
 * sheets: a re-run replaces those with new ones, so a scored workbook can be scored again in place.
 */
export function preservationWarnings(bytes: Buffer): string[] {
  let charts: string[];
  try {
    charts = zipEntries(bytes).map((e) => e.name).filter((n) => n.startsWith("xl/charts/"));
  } catch {
    return lossWarnings(bytes);
  }
  const ours = charts.length > 0 ? parScoreChartParts(bytes) : new Set<string>();
  return lossWarnings(ours.size > 0 ? withoutParts(bytes, ours) : bytes);
}

// ---------------------------------------------------------------------------

interface SheetWithRules {
  conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[];
}

/** A sheet's conditional formats (ExcelJS keeps them in an untyped field). */
export function conditionalFormattings(sheet: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] {
  return (sheet as unknown as SheetWithRules).conditionalFormattings ?? [];
}

function isOwnerName(name: string): boolean {
  return name.startsWith(OWNED_SHEET_NAME_PREFIX);
}

function isParScoreRule(rule: ExcelJS.ConditionalFormattingRule): boolean {
  const formulae = (rule as { formulae?: unknown[] }).formulae ?? [];
  return formulae.some((f) => typeof f === "string" && f.replace(/\s+/g, "").includes(HIGHLIGHT_MARKER));
}

interface NameModel {
  name: string;
  ranges: string[];
}

function definedNamesModel(workbook: ExcelJS.Workbook): NameModel[] {
  return (workbook.definedNames as unknown as { model: NameModel[] }).model;
}

function setDefinedNamesModel(workbook: ExcelJS.Workbook, model: NameModel[]): void {
  (workbook.definedNames as unknown as { model: NameModel[] }).model = model;
}

/** "'Phân tích điểm trừ'!$A$1" -> "Phân tích điểm trừ". */
function sheetOfRange(range: string): string | null {
  const bang = range.lastIndexOf("!");
  if (bang < 0) return null;
  const raw = range.slice(0, bang);
  return raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
}

function sheetOptions(planned: PlannedSheet): Partial<ExcelJS.AddWorksheetOptions> {
  const options: Partial<ExcelJS.AddWorksheetOptions> = {};
  if (planned.tabColor) options.properties = { tabColor: { argb: argb(planned.tabColor) } } as ExcelJS.AddWorksheetOptions["properties"];
  if (planned.freeze && (planned.freeze.rows > 0 || planned.freeze.columns > 0)) {
    options.views = [{ state: "frozen", xSplit: planned.freeze.columns, ySplit: planned.freeze.rows }];
  }
  if (planned.print) {
    options.pageSetup = {
      orientation: planned.print.landscape ? "landscape" : "portrait",
      fitToPage: planned.print.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      paperSize: 9,
    };
  }
  return options;
}

function writeSheet(sheet: ExcelJS.Worksheet, planned: PlannedSheet, plan: SheetPlan, finalNames: ReadonlyMap<string, string>): void {
  planned.columnWidths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
  for (const block of planned.blocks) {
    const origin = parseA1(block.at);
    block.rows.forEach((cells, r) => {
      cells.forEach((cell, c) => {
        if (cell) writeCell(sheet.getCell(origin.row + r + 1, origin.col + c + 1), cell, plan, finalNames);
      });
    });
  }
  mergeAll(sheet, planned.merges);
  for (const [row, height] of Object.entries(planned.rowHeights)) sheet.getRow(Number(row)).height = height;
}

/**
 * ExcelJS checks each new merge against every merge already on the sheet (O(n^2): a 700-unit gap sheet
 * has thousands of merged sentence rows and spent minutes here). A planned sheet is new and the plan's
 * merges never overlap (SheetBuilder makes them row by row; test/report checks it), so each merge is
 * made against an empty list and then filed with the others.
 */
function mergeAll(sheet: ExcelJS.Worksheet, merges: readonly string[]): void {
  const internal = sheet as unknown as { _merges?: Record<string, unknown> };
  const filed = internal._merges;
  if (!filed || typeof filed !== "object" || Object.keys(filed).length > 0) {
    for (const merge of merges) sheet.mergeCells(merge);
    return;
  }
  try {
    for (const merge of merges) {
      internal._merges = {};
      sheet.mergeCells(merge);
      Object.assign(filed, internal._merges);
    }
  } finally {
    internal._merges = filed;
  }
}

function writeCell(cell: ExcelJS.Cell, planCell: PlanCell, plan: SheetPlan, finalNames: ReadonlyMap<string, string>): void {
  const v = planCell.value;
  if (v) {
    switch (v.kind) {
      case "text":
        // A string value is stored as text; ExcelJS never turns a string into a formula.
        cell.value = xmlSafe(v.text);
        break;
      case "number":
        cell.value = Number(v.value);
        break;
      case "link":
        cell.value = { formula: xmlSafe(hyperlinkFormula(v.sheet, v.cell, v.text)), result: xmlSafe(v.text) } as ExcelJS.CellFormulaValue;
        break;
      case "formula": {
        const formula = fileFormula(resolveFormula(v.formula, (planned) => finalNames.get(planned) ?? planned));
        const result = v.cached === null ? undefined : v.cached.kind === "number" ? Number(v.cached.value) : xmlSafe(v.cached.text);
        cell.value = { formula: xmlSafe(formula), result } as ExcelJS.CellFormulaValue;
        break;
      }
    }
  }
  const style = planCell.style ? plan.styles[planCell.style] : undefined;
  if (style) applyStyle(cell, style, v?.kind === "link");
}

/**
 * One style object per distinct style: ExcelJS renders a style to XML once per object it has not seen,
 * and every written cell has its own object, so 700 workbooks (split) spent most of their time styling, and a commune table's
 * ranking and gap sheets (200,000 cells) seconds.
 */
export function shareStyles(workbook: ExcelJS.Workbook): void {
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        const key = JSON.stringify(cell.style);
        const style = shared.get(key);
        if (style) cell.style = style;
        else shared.set(key, cell.style);
      });
    });
  });
}

function applyStyle(cell: ExcelJS.Cell, style: CellStyle, isLink: boolean): void {
  const font: Partial<ExcelJS.Font> = {};
  if (style.bold) font.bold = true;
  if (style.italic) font.italic = true;
  if (style.fontSize) font.size = style.fontSize;
  if (style.fontColor) font.color = { argb: argb(style.fontColor) };
  if (isLink) font.underline = true;
  if (Object.keys(font).length > 0) cell.font = { name: "Calibri", size: 11, ...font };
  if (style.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
  if (style.numFmt) cell.numFmt = style.numFmt;
  const alignment: Partial<ExcelJS.Alignment> = {};
  if (style.horizontal) alignment.horizontal = style.horizontal;
  if (style.vertical) alignment.vertical = style.vertical;
  if (style.wrap) alignment.wrapText = true;
  if (style.indent) alignment.indent = style.indent;
  if (Object.keys(alignment).length > 0) cell.alignment = alignment;
  const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFBFBFBF" } };
  switch (style.border) {
    case "thin":
      cell.border = { top: thin, left: thin, bottom: thin, right: thin };
      break;
    case "thin-bottom":
      cell.border = { bottom: thin };
      break;
    case "medium-bottom":
      cell.border = { bottom: { style: "medium", color: { argb: "FF1F3864" } } };
      break;
    default:
      break;
  }
}

function toExcelRule(cf: ConditionalFormat, priority: number): ExcelJS.ConditionalFormattingRule {
  const rule = cf.rule;
  switch (rule.type) {
    case "formula":
      return {
        type: "expression",
        priority,
        formulae: [rule.formula],
        style: {
          fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(rule.fill) }, fgColor: { argb: argb(rule.fill) } },
          ...(rule.fontColor ? { font: { color: { argb: argb(rule.fontColor) } } } : {}),
        },
      };
    case "dataBar":
      return {
        type: "dataBar",
        priority,
        gradient: true,
        cfvo: [
          rule.min !== undefined ? { type: "num", value: Number(rule.min) } : { type: "min" },
          rule.max !== undefined ? { type: "num", value: Number(rule.max) } : { type: "max" },
        ],
        color: { argb: argb(rule.color) },
      } as ExcelJS.DataBarRuleType;
    case "colorScale": {
      const cfvo: ExcelJS.Cvfo[] =
        rule.colors.length === 3 ? [{ type: "min" }, { type: "percentile", value: 50 }, { type: "max" }] : [{ type: "min" }, { type: "max" }];
      return { type: "colorScale", priority, cfvo, color: rule.colors.map((c) => ({ argb: argb(c) })) };
    }
  }
}

function argb(rgb: string): string {
  return `FF${rgb.toUpperCase()}`;
}
