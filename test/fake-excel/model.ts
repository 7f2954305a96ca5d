/**
 * The fake's "server": an in-memory workbook that Office.js requests act on. Only client
 * objects (client.ts) touch it, and only inside `context.sync()`, as in Excel.
 *
 * Cells are stored by row (arrays of contents, number formats and formats), because fakes of
 * 10,000 x 120 tables must stay fast. Cell formats are small immutable records shared between
 * cells: formatting a rectangle replaces each cell's record with the same new one.
 */
import { a1, columnLetters, rangeA1, sheetQualified, type Rect } from "../../src/tables/grid";
import { FakeOfficeError, accessDenied, invalidArgument, invalidOperation, itemNotFound } from "./errors";
import { typedContent, type CellContent } from "./typed-input";

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;
export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

/** Cell formatting (RangeFormat, flattened). Borders are "style/weight/#color". */
export interface CellFormat {
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  size?: number;
  underline?: string;
  name?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  indentLevel?: number;
  borderTop?: string;
  borderBottom?: string;
  borderLeft?: string;
  borderRight?: string;
}

export interface Hyperlink {
  address?: string;
  documentReference?: string;
  screenTip?: string;
  textToDisplay?: string;
}

interface RowState {
  content: (CellContent | undefined)[];
  numberFormat: (string | undefined)[];
  format: (CellFormat | undefined)[];
  hyperlink: (Hyperlink | undefined)[];
}

export interface ConditionalFormatState {
  id: number;
  type: string;
  rect: Rect;
  custom?: { formula: string; fill?: string; fontColor?: string; bold?: boolean };
  dataBar?: { fillColor?: string; lowerBoundRule?: unknown; upperBoundRule?: unknown };
  colorScale?: { criteria?: unknown };
  stopIfTrue: boolean;
}

export interface ChartState {
  id: number;
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  legendVisible: boolean;
  legendPosition?: string;
  series: ChartSeriesState[];
  position?: { from: string; to: string };
  categoryAxis?: { reversePlotOrder?: boolean; position?: string };
  valueAxisTitle?: string;
}

export interface ChartSeriesState {
  name: string;
  values: string;
  xValues?: string;
  /** "#RRGGBB" set by format.fill.setSolidColor. */
  color?: string;
  gapWidth?: number;
  /** Point index -> "#RRGGBB" (points.getItemAt(i).format.fill.setSolidColor). */
  pointColors?: Record<number, string>;
}

export class SheetState {
  readonly id: number;
  name: string;
  protected = false;
  visibility = "Visible";
  tabColor = "";
  freeze: { rows: number; columns: number } | null = null;
  pageLayout: { orientation: string; zoom: Record<string, number> } = { orientation: "Portrait", zoom: { scale: 100 } };
  readonly rows: RowState[] = [];
  merges: Rect[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly hiddenRows = new Set<number>();
  readonly hiddenColumns = new Set<number>();
  /** In priority order: index 0 is applied first. */
  conditionalFormats: ConditionalFormatState[] = [];
  charts: ChartState[] = [];

  constructor(id: number, name: string) {
    this.id = id;
    this.name = name;
  }

  row(r: number): RowState {
    let row = this.rows[r];
    if (!row) {
      row = { content: [], numberFormat: [], format: [], hyperlink: [] };
      this.rows[r] = row;
    }
    return row;
  }

  content(r: number, c: number): CellContent | undefined {
    return this.rows[r]?.content[c];
  }

  numberFormat(r: number, c: number): string {
    return this.rows[r]?.numberFormat[c] ?? "General";
  }

  format(r: number, c: number): CellFormat | undefined {
    return this.rows[r]?.format[c];
  }

  hyperlink(r: number, c: number): Hyperlink | undefined {
    return this.rows[r]?.hyperlink[c];
  }

  /** Every row index that has a row record, ascending. */
  rowIndices(): number[] {
    const out: number[] = [];
    this.rows.forEach((_row, r) => out.push(r));
    return out;
  }

  /** The smallest rectangle holding every value (valuesOnly) or also every formatted cell. */
  usedRect(valuesOnly: boolean): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    this.rows.forEach((row, r) => {
      const consider = (c: number) => {
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
      };
      row.content.forEach((v, c) => {
        if (v !== undefined) consider(c);
      });
      if (!valuesOnly) {
        row.numberFormat.forEach((f, c) => f !== undefined && f !== "General" && consider(c));
        row.format.forEach((f, c) => f !== undefined && consider(c));
      }
    });
    if (!valuesOnly) {
      for (const m of this.merges) {
        top = Math.min(top, m.top);
        left = Math.min(left, m.left);
        bottom = Math.max(bottom, m.bottom);
        right = Math.max(right, m.right);
      }
    }
    return bottom < 0 ? null : { top, left, bottom, right };
  }

  assertEditable(what: string): void {
    if (this.protected) throw accessDenied(`${this.name}: ${what}`);
  }

  /** Writes `range.values` (typed input) into a rectangle; null entries leave cells alone. */
  setValues(rect: Rect, values: unknown[][]): void {
    this.assertEditable("values");
    checkShape(rect, values, "values");
    values.forEach((rowValues, i) => {
      const r = rect.top + i;
      const row = this.row(r);
      rowValues.forEach((input, j) => {
        const c = rect.left + j;
        const content = typedContent(input, row.numberFormat[c]);
        if (content === undefined) return;
        if (content === null) delete row.content[c];
        else row.content[c] = content;
      });
    });
  }

  setNumberFormats(rect: Rect, formats: unknown[][]): void {
    this.assertEditable("numberFormat");
    checkShape(rect, formats, "numberFormat");
    formats.forEach((rowFormats, i) => {
      const row = this.row(rect.top + i);
      rowFormats.forEach((format, j) => {
        if (format === null || format === undefined) return;
        row.numberFormat[rect.left + j] = format === "" ? "General" : String(format);
      });
    });
  }

  /** Applies one format change to every cell of a rectangle (cells sharing a record share the result). */
  updateFormats(rect: Rect, change: (old: CellFormat | undefined) => CellFormat): void {
    this.assertEditable("format");
    if ((rect.bottom - rect.top + 1) * (rect.right - rect.left + 1) > 5_000_000) throw invalidArgument("range too large to format cell by cell in the fake");
    let lastOld: CellFormat | undefined | null = null;
    let lastNew: CellFormat | undefined;
    for (let r = rect.top; r <= rect.bottom; r++) {
      const row = this.row(r);
      for (let c = rect.left; c <= rect.right; c++) {
        const old = row.format[c];
        if (old !== lastOld || lastNew === undefined) {
          lastOld = old;
          lastNew = Object.freeze(change(old));
        }
        row.format[c] = lastNew;
      }
    }
  }

  setHyperlink(rect: Rect, link: Hyperlink): void {
    this.assertEditable("hyperlink");
    for (let r = rect.top; r <= rect.bottom; r++) {
      const row = this.row(r);
      for (let c = rect.left; c <= rect.right; c++) {
        row.hyperlink[c] = { ...link };
        // Excel shows the link text in the cell (as text, whatever it looks like).
        if (link.textToDisplay !== undefined) row.content[c] = link.textToDisplay;
      }
    }
  }

  merge(rect: Rect, across: boolean): void {
    this.assertEditable("merge");
    const areas: Rect[] = across
      ? Array.from({ length: rect.bottom - rect.top + 1 }, (_, i) => ({ ...rect, top: rect.top + i, bottom: rect.top + i }))
      : [rect];
    for (const area of areas) {
      if (area.top === area.bottom && area.left === area.right) continue;
      for (const m of this.merges) {
        const overlaps = !(m.bottom < area.top || m.top > area.bottom || m.right < area.left || m.left > area.right);
        const inside = m.top >= area.top && m.bottom <= area.bottom && m.left >= area.left && m.right <= area.right;
        if (overlaps && !inside) throw new FakeOfficeError("MergedRangeConflict", `${rangeA1(area)} overlaps the merged area ${rangeA1(m)}`);
      }
      this.merges = this.merges.filter((m) => !(m.top >= area.top && m.bottom <= area.bottom && m.left >= area.left && m.right <= area.right));
      // Excel keeps the top-left value and drops the others.
      for (let r = area.top; r <= area.bottom; r++) {
        const row = this.rows[r];
        if (!row) continue;
        for (let c = area.left; c <= area.right; c++) if (r !== area.top || c !== area.left) delete row.content[c];
      }
      this.merges.push(area);
    }
  }

  /** Merged areas whose top-left cell lies in the rectangle. */
  mergesStartingIn(rect: Rect): Rect[] {
    return this.merges.filter((m) => m.top >= rect.top && m.top <= rect.bottom && m.left >= rect.left && m.left <= rect.right);
  }

  /** Visible cells of a rectangle as areas (runs of visible rows x runs of visible columns). */
  visibleAreas(rect: Rect): Rect[] {
    const runs = (from: number, to: number, hidden: Set<number>): [number, number][] => {
      const out: [number, number][] = [];
      for (let i = from; i <= to; i++) {
        if (hidden.has(i)) continue;
        const last = out[out.length - 1];
        if (last && last[1] === i - 1) last[1] = i;
        else out.push([i, i]);
      }
      return out;
    };
    const rowRuns = runs(rect.top, rect.bottom, this.hiddenRows);
    const colRuns = runs(rect.left, rect.right, this.hiddenColumns);
    return rowRuns.flatMap(([top, bottom]) => colRuns.map(([left, right]) => ({ top, bottom, left, right })));
  }

  conditionalFormatsIn(rect: Rect): ConditionalFormatState[] {
    return this.conditionalFormats.filter((cf) => !(cf.rect.bottom < rect.top || cf.rect.top > rect.bottom || cf.rect.right < rect.left || cf.rect.left > rect.right));
  }

  /** The address Excel gives this rectangle on this sheet: "'TT Huế'!A1:F18". */
  address(rect: Rect): string {
    return sheetQualified(this.name, rectAddress(rect));
  }
}

/** "A1:F18", "C:G" (whole columns) or "4:4" (whole rows), as Excel writes them. */
export function rectAddress(rect: Rect): string {
  if (rect.top === 0 && rect.bottom === MAX_ROWS - 1 && !(rect.left === 0 && rect.right === MAX_COLS - 1)) {
    return `${columnLetters(rect.left)}:${columnLetters(rect.right)}`;
  }
  if (rect.left === 0 && rect.right === MAX_COLS - 1 && !(rect.top === 0 && rect.bottom === MAX_ROWS - 1)) {
    return `${rect.top + 1}:${rect.bottom + 1}`;
  }
  const start = a1(rect.top, rect.left);
  const end = a1(rect.bottom, rect.right);
  return start === end ? start : `${start}:${end}`;
}

/** Parses a range address on a sheet: "A1", "A1:B2", "$A$1", "C:G", "4:6" (no sheet part). */
export function parseAddress(address: string): Rect {
  const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [start, end = start] = bare.replace(/\$/g, "").trim().split(":");
  const cols = /^([A-Za-z]{1,3})$/;
  const rows = /^(\d+)$/;
  const cell = /^([A-Za-z]{1,3})(\d+)$/;
  const col = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  let rect: Rect;
  if (cols.test(start) && cols.test(end)) rect = { top: 0, bottom: MAX_ROWS - 1, left: col(start), right: col(end) };
  else if (rows.test(start) && rows.test(end)) rect = { top: Number(start) - 1, bottom: Number(end) - 1, left: 0, right: MAX_COLS - 1 };
  else {
    const s = cell.exec(start);
    const e = cell.exec(end);
    if (!s || !e) throw invalidArgument(`address '${address}'`);
    rect = { top: Number(s[2]) - 1, left: col(s[1]), bottom: Number(e[2]) - 1, right: col(e[1]) };
  }
  const out = { top: Math.min(rect.top, rect.bottom), bottom: Math.max(rect.top, rect.bottom), left: Math.min(rect.left, rect.right), right: Math.max(rect.left, rect.right) };
  if (out.top < 0 || out.left < 0 || out.bottom >= MAX_ROWS || out.right >= MAX_COLS) throw invalidArgument(`address '${address}'`);
  return out;
}

function checkShape(rect: Rect, values: unknown[][], what: string): void {
  const rows = rect.bottom - rect.top + 1;
  const cols = rect.right - rect.left + 1;
  if (!Array.isArray(values) || values.length !== rows || values.some((row) => !Array.isArray(row) || row.length !== cols)) {
    throw invalidArgument(`${what}: the array's dimensions do not match the range's (${rows} x ${cols})`);
  }
}

export interface NameState {
  name: string;
  /** "='Sheet'!$A$1", "=#REF!$A$1" once the sheet is deleted. */
  formula: string;
  sheetId: number | null;
  comment: string;
}

export interface TableState {
  name: string;
  sheetId: number;
  rect: Rect;
}

export interface RequestRecord {
  /** Bytes of the request (object paths and actions as JSON, UTF-8). */
  bytes: number;
  /** Bytes of the response (loaded values as JSON, UTF-8). */
  responseBytes: number;
  actions: number;
  suspendedCalculation: boolean;
  suspendedScreenUpdating: boolean;
  /** The error code Excel answered with, if it refused or failed the request. */
  error?: string;
}

export class WorkbookState {
  sheets: SheetState[] = [];
  names: NameState[] = [];
  tables: TableState[] = [];
  protected = false;
  activeSheetId = 0;
  selection: { sheetId: number; rect: Rect } | null = null;
  apiVersion: string;
  /** Excel on the web refuses requests and responses over 5 MB. */
  payloadLimit = 5_000_000;
  readonly requests: RequestRecord[] = [];
  /** The base64 files `Excel.createWorkbook` was given, in order (each opens as a new workbook). */
  readonly createdWorkbooks: string[] = [];
  private nextId = 1;

  constructor(apiVersion: string) {
    this.apiVersion = apiVersion;
  }

  newId(): number {
    return this.nextId++;
  }

  get syncs(): number {
    return this.requests.length;
  }

  sheet(name: string): SheetState | undefined {
    const key = name.normalize("NFC").toLocaleLowerCase();
    return this.sheets.find((s) => s.name.normalize("NFC").toLocaleLowerCase() === key);
  }

  sheetById(id: number): SheetState | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  requireSheet(name: string): SheetState {
    const sheet = this.sheet(name);
    if (!sheet) throw itemNotFound(`worksheet '${name}'`);
    return sheet;
  }

  activeSheet(): SheetState {
    return this.sheetById(this.activeSheetId) ?? this.sheets[0];
  }

  addSheet(name: string | undefined): SheetState {
    if (this.protected) throw accessDenied("workbook structure is protected");
    let wanted = name;
    if (wanted === undefined) {
      let n = this.sheets.length + 1;
      while (this.sheet(`Sheet${n}`)) n++;
      wanted = `Sheet${n}`;
    }
    if (wanted.length === 0 || wanted.length > 31 || /[[\]:*?/\\]/.test(wanted) || wanted.startsWith("'") || wanted.endsWith("'")) {
      throw invalidArgument(`sheet name '${wanted}'`);
    }
    if (this.sheet(wanted)) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named '${wanted}' already exists.`);
    const sheet = new SheetState(this.newId(), wanted);
    this.sheets.push(sheet);
    return sheet;
  }

  deleteSheet(sheet: SheetState): void {
    if (this.protected) throw accessDenied("workbook structure is protected");
    if (!this.sheets.includes(sheet)) throw itemNotFound(`worksheet '${sheet.name}'`);
    if (this.sheets.filter((s) => s.visibility === "Visible").length <= 1 && sheet.visibility === "Visible") {
      throw invalidOperation("a workbook must keep at least one visible sheet");
    }
    this.sheets = this.sheets.filter((s) => s !== sheet);
    for (const n of this.names) {
      if (n.sheetId === sheet.id) {
        n.sheetId = null;
        n.formula = n.formula.replace(/^=.*!/, "=#REF!");
      }
    }
    this.tables = this.tables.filter((t) => t.sheetId !== sheet.id);
    if (this.activeSheetId === sheet.id) this.activeSheetId = this.sheets[0].id;
    if (this.selection?.sheetId === sheet.id) this.selection = null;
  }

  addName(name: string, sheet: SheetState, rect: Rect, comment = ""): NameState {
    if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) throw invalidArgument(`name '${name}'`);
    if (this.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) throw new FakeOfficeError("ItemAlreadyExists", `A name '${name}' already exists.`);
    const absolute = rectAddress(rect).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
    const state: NameState = { name, formula: `=${sheetQualified(sheet.name, absolute)}`, sheetId: sheet.id, comment };
    this.names.push(state);
    return state;
  }

  deleteName(name: string): void {
    const before = this.names.length;
    this.names = this.names.filter((n) => n.name.toLowerCase() !== name.toLowerCase());
    if (this.names.length === before) throw itemNotFound(`name '${name}'`);
  }
}
