/**
 * A host-neutral view of a sheet region. Hosts (Excel, .xlsx, CSV) produce it;
 * nothing downstream knows which host did.
 */

/** A cell as the user sees it. Errors (#N/A, #REF!, #DIV/0!) keep their text. */
export type CellValue = string | number | boolean | null | CellError;

export interface CellError {
  error: string;
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
