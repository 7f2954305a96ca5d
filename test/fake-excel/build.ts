/**
 * Building a fake workbook from a plain description, and reading it back as plain JSON.
 */
import { parseRangeA1 } from "../../src/tables/grid";
import { MAX_COLS, MAX_ROWS, WorkbookState, parseAddress, rectAddress, type SheetState } from "./model";
import type { CellContent } from "./typed-input";

export type SpecCell = string | number | boolean | null | { error: string } | { formula: string; value?: string | number | boolean | null };

export interface SpecConditionalFormat {
  /** A1 range on the sheet. */
  ref: string;
  /** Custom formula with its leading "=". */
  formula: string;
  fill?: string;
}

export interface SheetSpec {
  name: string;
  /** Rows of cells from A1 (or from `origin`); strings are stored as text, exactly. */
  cells: SpecCell[][];
  /** Where cells[0][0] goes ("A1" by default). */
  origin?: string;
  /** Number formats, same shape as cells. */
  formats?: (string | null)[][];
  merges?: string[];
  /** 0-based absolute row and column indices. */
  hiddenRows?: number[];
  hiddenColumns?: number[];
  protected?: boolean;
  /** The user's own conditional formats (custom formula rules). */
  conditionalFormats?: SpecConditionalFormat[];
  /** Named tables on this sheet. */
  tables?: { name: string; range: string }[];
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** The active sheet (the first by default). */
  active?: string;
  /** The selected range on the active sheet ("A1" by default). */
  selection?: string;
  /** ExcelApi version Excel reports (isSetSupported): "1.17" by default. */
  apiVersion?: string;
  /** Workbook structure protection. */
  protected?: boolean;
  /** Workbook-scoped names: name -> "'Sheet'!$A$1". */
  names?: Record<string, string>;
}

export type FakeWorkbook = WorkbookState;

function specContent(cell: SpecCell): CellContent | undefined {
  if (cell === null || cell === "") return undefined;
  if (typeof cell === "object") {
    if ("error" in cell) return { error: cell.error };
    return { formula: cell.formula, value: cell.value ?? null };
  }
  return cell;
}

function fillSheet(sheet: SheetState, spec: SheetSpec): void {
  const origin = spec.origin ? parseRangeA1(spec.origin) : { top: 0, left: 0 };
  spec.cells.forEach((cells, i) => {
    const row = sheet.row(origin.top + i);
    cells.forEach((cell, j) => {
      const content = specContent(cell);
      if (content !== undefined) row.content[origin.left + j] = content;
    });
  });
  spec.formats?.forEach((formats, i) => {
    const row = sheet.row(origin.top + i);
    formats.forEach((f, j) => {
      if (f) row.numberFormat[origin.left + j] = f;
    });
  });
  sheet.merges = (spec.merges ?? []).map((m) => parseAddress(m));
  spec.hiddenRows?.forEach((r) => sheet.hiddenRows.add(r));
  spec.hiddenColumns?.forEach((c) => sheet.hiddenColumns.add(c));
  sheet.protected = spec.protected ?? false;
}

/** A fake workbook: the "server" that fake Office.js contexts act on. */
export function createFakeWorkbook(spec: WorkbookSpec): FakeWorkbook {
  const state = new WorkbookState(spec.apiVersion ?? "1.17");
  for (const sheetSpec of spec.sheets) {
    const sheet = state.addSheet(sheetSpec.name);
    fillSheet(sheet, sheetSpec);
    for (const cf of sheetSpec.conditionalFormats ?? []) {
      sheet.conditionalFormats.push({ id: state.newId(), type: "Custom", rect: parseAddress(cf.ref), custom: { formula: cf.formula, fill: cf.fill }, stopIfTrue: false });
    }
    for (const table of sheetSpec.tables ?? []) state.tables.push({ name: table.name, sheetId: sheet.id, rect: parseAddress(table.range) });
  }
  const active = spec.active ? state.requireSheet(spec.active) : state.sheets[0];
  if (active) {
    state.activeSheetId = active.id;
    state.selection = { sheetId: active.id, rect: parseAddress(spec.selection ?? "A1") };
  }
  for (const [name, reference] of Object.entries(spec.names ?? {})) {
    const m = /^=?(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(reference);
    const sheet = m ? state.sheet(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]) : undefined;
    if (m && sheet) state.addName(name, sheet, parseAddress(m[3]));
    else state.names.push({ name, formula: reference.startsWith("=") ? reference : `=${reference}`, sheetId: null, comment: "" });
  }
  // Protection last: the builder itself had to write the sheets.
  state.protected = spec.protected ?? false;
  return state;
}

// ---------------------------------------------------------------------------
// Snapshots

export interface CellSnapshot {
  value: string | number | boolean | null;
  formula?: string;
  error?: string;
  numberFormat?: string;
  format?: Record<string, unknown>;
  hyperlink?: Record<string, unknown>;
}

export interface SheetSnapshot {
  name: string;
  position: number;
  protected: boolean;
  visibility: string;
  tabColor: string;
  freeze: { rows: number; columns: number } | null;
  pageLayout: { orientation: string; zoom: Record<string, number> };
  /** Non-empty cells by A1 address (value, formula, number format, format, link). */
  cells: Record<string, CellSnapshot>;
  merges: string[];
  /** Points, by column letters. */
  columnWidths: Record<string, number>;
  /** Points, by 1-based row number. */
  rowHeights: Record<string, number>;
  hiddenRows: number[];
  hiddenColumns: number[];
  /** In priority order. */
  conditionalFormats: Record<string, unknown>[];
  charts: Record<string, unknown>[];
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  names: { name: string; formula: string }[];
  tables: { name: string; sheet: string; range: string }[];
  protected: boolean;
  active: string;
  selection: string | null;
}

function cellSnapshot(sheet: SheetState, r: number, c: number): CellSnapshot | null {
  const content = sheet.content(r, c);
  const numberFormat = sheet.rows[r]?.numberFormat[c];
  const format = sheet.format(r, c);
  const hyperlink = sheet.hyperlink(r, c);
  if (content === undefined && numberFormat === undefined && format === undefined && hyperlink === undefined) return null;
  const out: CellSnapshot = { value: null };
  if (content !== undefined) {
    if (typeof content === "object") {
      if ("error" in content) {
        out.error = content.error;
        out.value = content.error;
      } else {
        out.formula = content.formula;
        out.value = content.value;
      }
    } else out.value = content;
  }
  if (numberFormat !== undefined && numberFormat !== "General") out.numberFormat = numberFormat;
  if (format) out.format = { ...format };
  if (hyperlink) out.hyperlink = { ...hyperlink };
  return out;
}

export function sheetSnapshot(state: WorkbookState, sheet: SheetState): SheetSnapshot {
  const cells: Record<string, CellSnapshot> = {};
  sheet.rows.forEach((row, r) => {
    const cols = new Set<number>();
    for (const list of [row.content, row.numberFormat, row.format, row.hyperlink]) list.forEach((_v, c) => cols.add(c));
    for (const c of [...cols].sort((a, b) => a - b)) {
      const snap = cellSnapshot(sheet, r, c);
      if (snap) cells[rectAddress({ top: r, bottom: r, left: c, right: c })] = snap;
    }
  });
  const widths: Record<string, number> = {};
  [...sheet.columnWidths.entries()]
    .sort((a, b) => a[0] - b[0])
    .forEach(([c, w]) => (widths[rectAddress({ top: 0, bottom: MAX_ROWS - 1, left: c, right: c }).split(":")[0]] = w));
  const heights: Record<string, number> = {};
  [...sheet.rowHeights.entries()].sort((a, b) => a[0] - b[0]).forEach(([r, h]) => (heights[String(r + 1)] = h));
  return {
    name: sheet.name,
    position: state.sheets.indexOf(sheet),
    protected: sheet.protected,
    visibility: sheet.visibility,
    tabColor: sheet.tabColor,
    freeze: sheet.freeze ? { ...sheet.freeze } : null,
    pageLayout: JSON.parse(JSON.stringify(sheet.pageLayout)),
    cells,
    merges: sheet.merges.map((m) => rectAddress(m)),
    columnWidths: widths,
    rowHeights: heights,
    hiddenRows: [...sheet.hiddenRows].sort((a, b) => a - b),
    hiddenColumns: [...sheet.hiddenColumns].sort((a, b) => a - b),
    conditionalFormats: sheet.conditionalFormats.map((cf) =>
      JSON.parse(JSON.stringify({ type: cf.type, range: rectAddress(cf.rect), custom: cf.custom, dataBar: cf.dataBar, colorScale: cf.colorScale, stopIfTrue: cf.stopIfTrue })),
    ),
    charts: sheet.charts.map((ch) =>
      JSON.parse(
        JSON.stringify({
          name: ch.name,
          type: ch.type,
          source: ch.source,
          seriesBy: ch.seriesBy,
          title: ch.title,
          legendVisible: ch.legendVisible,
          legendPosition: ch.legendPosition,
          series: ch.series,
          position: ch.position,
          categoryAxis: ch.categoryAxis,
          valueAxisTitle: ch.valueAxisTitle,
        }),
      ),
    ),
  };
}

/** The whole workbook as plain JSON. */
export function snapshot(state: WorkbookState): WorkbookSnapshot {
  const selectionSheet = state.selection ? state.sheetById(state.selection.sheetId) : undefined;
  return {
    sheets: state.sheets.map((s) => sheetSnapshot(state, s)),
    names: state.names.map((n) => ({ name: n.name, formula: n.formula })),
    tables: state.tables.map((t) => ({ name: t.name, sheet: state.sheetById(t.sheetId)?.name ?? "", range: rectAddress(t.rect) })),
    protected: state.protected,
    active: state.activeSheet()?.name ?? "",
    selection: state.selection && selectionSheet ? selectionSheet.address(state.selection.rect) : null,
  };
}

/** A sheet's values from A1 to the end of its used range, as `Range.values` gives them (errors as text, empty as ""). */
export function sheetValues(state: WorkbookState, name: string): (string | number | boolean)[][] {
  const sheet = state.requireSheet(name);
  const used = sheet.usedRect(true);
  if (!used) return [];
  const out: (string | number | boolean)[][] = [];
  for (let r = 0; r <= used.bottom; r++) {
    const row: (string | number | boolean)[] = [];
    for (let c = 0; c <= used.right; c++) {
      const v = sheet.content(r, c);
      row.push(v === undefined ? "" : typeof v === "object" ? ("error" in v ? v.error : (v.value ?? "")) : v);
    }
    out.push(row);
  }
  return out;
}

export { MAX_COLS, MAX_ROWS };
