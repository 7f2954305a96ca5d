/**
 * A host-neutral view of a sheet region. Hosts (Excel, .xlsx, CSV) produce it;
 * nothing downstream knows which host did.
 */
import type { Finding } from "../engine/types";

/** A cell as the user sees it. Errors (#N/A, #REF!, #DIV/0!) keep their text. */
export type CellValue = string | number | boolean | null | CellError;

export interface CellError {
  error: string;
  /** Set (with `error: ""`) for a formula saved without its result (see Grid.uncalculated). */
  formula?: string;
}

/** A formula cell saved without its result. */
export function isUncalculated(value: CellValue | undefined): value is CellError & { formula: string } {
  return typeof value === "object" && value !== null && "error" in value && typeof value.formula === "string";
}

/** Inclusive rectangle in grid-relative, 0-based coordinates. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Grid {
  sheet: string;
  /** Absolute 0-based row and column of values[0][0] in the sheet. */
  origin: { row: number; col: number };
  /** values[r][c], relative to origin; rows may be ragged (missing = null). */
  values: CellValue[][];
  /** Number formats, same shape as values when known ("0.00", "@", ...). */
  formats?: (string | null)[][];
  merges: Rect[];
  /** Relative indices of hidden rows and columns. */
  hiddenRows?: number[];
  hiddenCols?: number[];
  /** Bold font and indent level, same shape as values when the host knows them. */
  bold?: boolean[][];
  indent?: number[][];
  /**
   * Formula cells saved without a calculated result (grid-relative), whose value is null in
   * `values`: workbooks written by programs that do not calculate (openpyxl, PHPExcel, ExcelJS ...)
   * until a spreadsheet program opens and saves them. The table reader reports each one it needs.
   */
  uncalculated?: { row: number; col: number; formula: string }[];
  /** What the host found while reading the cells (a text cut at Excel's 32,767 characters), located. */
  findings?: Finding[];
}

export function isCellError(value: CellValue): value is CellError {
  return typeof value === "object" && value !== null && "error" in value;
}

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function columnLetters(col: number): string {
  let n = col + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** "AA" -> 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Absolute 0-based (row, col) -> "C7". */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** "C7" or "$C$7" -> { row: 6, col: 2 }. */
export function parseA1(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new RangeError(`not an A1 cell address: ${address}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** "A1:H14" for an absolute rectangle. */
export function rangeA1(rect: Rect): string {
  const start = a1(rect.top, rect.left);
  const end = a1(rect.bottom, rect.right);
  return start === end ? start : `${start}:${end}`;
}

/** The A1 address of a grid-relative cell. */
export function gridCellA1(grid: Grid, row: number, col: number): string {
  return a1(grid.origin.row + row, grid.origin.col + col);
}

export function cellAt(grid: Grid, row: number, col: number): CellValue {
  return grid.values[row]?.[col] ?? null;
}

export function gridHeight(grid: Grid): number {
  return grid.values.length;
}

export function gridWidth(grid: Grid): number {
  return grid.values.reduce((w, row) => Math.max(w, row.length), 0);
}

/** "'TT Huế'!C7", quoting sheet names the way Excel formulas need. */
export function sheetQualified(sheet: string, address: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? `${sheet}!${address}` : `'${sheet.replace(/'/g, "''")}'!${address}`;
}

/** "A1:H14" or "C7" -> absolute 0-based rectangle. */
export function parseRangeA1(range: string): Rect {
  const bare = range.includes("!") ? range.slice(range.lastIndexOf("!") + 1) : range;
  const [start, end = start] = bare.split(":");
  const s = parseA1(start);
  const e = parseA1(end);
  return {
    top: Math.min(s.row, e.row),
    left: Math.min(s.col, e.col),
    bottom: Math.max(s.row, e.row),
    right: Math.max(s.col, e.col),
  };
}

/** True for null, undefined and whitespace-only text. */
export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** The text a cell shows: numbers as JS prints them, errors as "#N/A", blank as "". */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (isCellError(value)) return value.error;
  return String(value);
}

/** The merged area (grid-relative) that contains a grid-relative cell, if any. */
export function mergeAt(grid: Grid, row: number, col: number): Rect | undefined {
  return grid.merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
}

/** A cell's value, taking it from the merged area's top-left cell when it lies inside one. */
export function mergedValueAt(grid: Grid, row: number, col: number): CellValue {
  const m = mergeAt(grid, row, col);
  return m ? cellAt(grid, m.top, m.left) : cellAt(grid, row, col);
}

export function isHiddenRow(grid: Grid, row: number): boolean {
  return grid.hiddenRows?.includes(row) ?? false;
}

export function isHiddenCol(grid: Grid, col: number): boolean {
  return grid.hiddenCols?.includes(col) ?? false;
}

/** A grid from rows of values, at A1 unless an origin is given. */
export function gridFromRows(sheet: string, values: CellValue[][], extra: Partial<Omit<Grid, "sheet" | "values">> = {}): Grid {
  return { sheet, origin: extra.origin ?? { row: 0, col: 0 }, values, merges: extra.merges ?? [], ...extra };
}

/** The absolute A1 range a grid covers ("A1:H14"). */
export function gridRangeA1(grid: Grid): string {
  return rangeA1({
    top: grid.origin.row,
    left: grid.origin.col,
    bottom: grid.origin.row + Math.max(gridHeight(grid), 1) - 1,
    right: grid.origin.col + Math.max(gridWidth(grid), 1) - 1,
  });
}
