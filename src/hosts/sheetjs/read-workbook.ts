/**
 * Excel 97-2003 (.xls) and OpenDocument (.ods) workbooks -> Grid[], read with SheetJS Community
 * Edition (the @e965/xlsx republish of 0.20.3: the `xlsx` package on npm stopped at 0.18.5, which
 * has a prototype pollution and a ReDoS advisory, both fixed in 0.20.x). Many offices still keep and
 * send .xls; LibreOffice users send .ods. Values as the user sees them (numbers as numbers with
 * their number format, dates as dd/mm/yyyy, errors as CellErrors), merges, hidden rows and columns.
 * These formats carry no bold or indent here: the table reader does without.
 */
import * as XLSX from "@e965/xlsx";
import type { CellValue, Grid, Rect } from "../../tables/grid";

/** SheetJS's number-format library (typed `any` by the package). */
const SSF = XLSX.SSF as {
  is_date(format: string | number): boolean;
  parse_date_code(value: number): { y: number; m: number; d: number; H: number; M: number } | null;
};

export interface WorkbookSize {
  sheet: string;
  /** Cells holding something. */
  cells: number;
  /** Rows x columns of the rectangle from the first to the last cell holding something. */
  area: number;
  rows: number;
}

export interface ReadWorkbook {
  sizes: WorkbookSize[];
  /** Builds the grids; call only when the sizes are within the limit. */
  grids(): Grid[];
}

/** Parses the workbook (throws on bytes SheetJS cannot read: the caller says what the file is). */
export function readWorkbookBytes(bytes: Buffer): ReadWorkbook {
  const book = quietly(() => XLSX.read(bytes, { type: "buffer", dense: true, cellNF: true, cellFormula: false, cellHTML: false, cellDates: false }));
  const sheets = book.SheetNames.map((name) => ({ name, ws: book.Sheets[name] as XLSX.DenseWorkSheet })).filter((s) => s.ws && Array.isArray(s.ws["!data"]));
  const used = sheets.map(({ name, ws }) => ({ name, ws, range: usedRange(ws) }));
  return {
    sizes: used.map(({ name, range }) => ({
      sheet: name,
      cells: range.cells,
      area: range.rect ? (range.rect.bottom - range.rect.top + 1) * (range.rect.right - range.rect.left + 1) : 0,
      rows: range.rect ? range.rect.bottom + 1 : 0,
    })),
    grids: () => used.map(({ name, ws, range }) => sheetGrid(name, ws, range.rect)),
  };
}

/** SheetJS writes notes about number formats it approximates to the console: not the user's business. */
function quietly<T>(read: () => T): T {
  const error = console.error;
  console.error = () => undefined;
  try {
    return read();
  } finally {
    console.error = error;
  }
}

function hasValue(cell: XLSX.CellObject | undefined): cell is XLSX.CellObject {
  return !!cell && cell.t !== "z" && cell.v !== undefined && cell.v !== null && cell.v !== "";
}

function merges(ws: XLSX.DenseWorkSheet): Rect[] {
  return (ws["!merges"] ?? []).map((m: XLSX.Range) => ({ top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c }));
}

/** The rectangle of cells holding something (and merges), and how many cells hold something. */
function usedRange(ws: XLSX.DenseWorkSheet): { rect: Rect | null; cells: number } {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  let cells = 0;
  ws["!data"].forEach((row, r) => {
    row?.forEach((cell, c) => {
      if (!hasValue(cell)) return;
      cells++;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    });
  });
  for (const m of merges(ws)) {
    top = Math.min(top, m.top);
    left = Math.min(left, m.left);
    bottom = Math.max(bottom, m.bottom);
    right = Math.max(right, m.right);
  }
  return { rect: bottom < 0 ? null : { top, left, bottom, right }, cells };
}

function sheetGrid(sheet: string, ws: XLSX.DenseWorkSheet, used: Rect | null): Grid {
  if (!used) return { sheet, origin: { row: 0, col: 0 }, values: [], merges: [] };
  const values: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  for (let r = used.top; r <= used.bottom; r++) {
    const row = ws["!data"][r] ?? [];
    const vRow: CellValue[] = [];
    const fRow: (string | null)[] = [];
    for (let c = used.left; c <= used.right; c++) {
      const cell = row[c];
      vRow.push(hasValue(cell) ? shown(cell) : null);
      const format = cell?.z === undefined ? null : String(cell.z);
      fRow.push(format === null || format === "General" ? null : format);
    }
    values.push(vRow);
    formats.push(fRow);
  }
  const grid: Grid = {
    sheet,
    origin: { row: used.top, col: used.left },
    values,
    formats,
    merges: merges(ws).map((m) => ({ top: m.top - used.top, left: m.left - used.left, bottom: m.bottom - used.top, right: m.right - used.left })),
  };
  const hiddenRows = hiddenIndices(ws["!rows"], used.top, used.bottom);
  const hiddenCols = hiddenIndices(ws["!cols"], used.left, used.right);
  if (hiddenRows.length) grid.hiddenRows = hiddenRows;
  if (hiddenCols.length) grid.hiddenCols = hiddenCols;
  return grid;
}

function hiddenIndices(info: Array<{ hidden?: boolean } | undefined> | undefined, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) if (info?.[i]?.hidden) out.push(i - from);
  return out;
}

/** A cell's value as the user sees it. */
function shown(cell: XLSX.CellObject): CellValue {
  switch (cell.t) {
    case "n": {
      const value = cell.v as number;
      if (!Number.isFinite(value)) return { error: "#NUM!" };
      return cell.z !== undefined && SSF.is_date(cell.z) ? dateText(value) : value;
    }
    case "b":
      return cell.v as boolean;
    case "e":
      return { error: cell.w ?? XLSX.utils.format_cell(cell) };
    case "d":
      return cell.v instanceof Date ? dateText(cell.v) : String(cell.v);
    default:
      return String(cell.v);
  }
}

/** Dates the way a Vietnamese user sees them, as the .xlsx reader gives them: dd/mm/yyyy (hh:mm with a time). */
function dateText(value: number | Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const d =
    value instanceof Date
      ? { y: value.getUTCFullYear(), m: value.getUTCMonth() + 1, d: value.getUTCDate(), H: value.getUTCHours(), M: value.getUTCMinutes() }
      : SSF.parse_date_code(value);
  if (!d) return String(value);
  const date = `${p(d.d)}/${p(d.m)}/${d.y}`;
  return d.H || d.M ? `${date} ${p(d.H)}:${p(d.M)}` : date;
}
