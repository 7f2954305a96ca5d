/**
 * Live formulas that read a unit's source row through its row number. The ranking sheet lists
 * units by rank, so row after row its formulas name a different source row ('Kết quả'!$C$24:$DR$24,
 * then $C$6:$DR$6, ...): no two read the same in R1C1 terms, and a host must send each one (about
 * 600 bytes a unit at 120 criteria). Read as INDEX('Kết quả'!$C:$DR,$H8,0), where $H8 holds the
 * unit's row number (a ROW() of its source cell, so it follows rows inserted or deleted above),
 * every unit's formula is the one above it moved down a row: one formula fills the column (Excel's
 * autoFill), and the formulas compute exactly what the direct references computed.
 */
import { columnLetters, parseA1 } from "../tables/grid";
import type { ColumnAnalysis } from "../engine/types";
import { ScaledPoints } from "../engine/scaled-points";
import { quotedSheet } from "./live-formulas";

/** The one row of one sheet a unit's points are on (1-based row), and a cell of it. */
export interface SourceRow {
  sheet: string;
  row: number;
  col: number;
}

/**
 * The row every point of a unit column (latest period) is read from, or null when its points
 * lie on more than one row or sheet (units in columns: one column, many rows).
 */
export function sourceRowOf(column: ColumnAnalysis, defaultSheet: string): SourceRow | null {
  let found: SourceRow | null = null;
  let apart = false;
  const at = (sheet: string, row: number, col: number): void => {
    if (!found) found = { sheet, row: row + 1, col };
    else if (found.sheet !== sheet || found.row !== row + 1) apart = true;
  };
  const points = column.column.points;
  // A reader's row of numbers says where its cells are without making a PointValue for each (1.2 million in a
  // commune table): all on one row of one sheet.
  const cellsRow = points instanceof ScaledPoints ? points.cellsRow() : null;
  if (cellsRow && cellsRow.firstCol !== null) at(cellsRow.sheet, cellsRow.row, cellsRow.firstCol);
  const cellsRead = cellsRow !== null;
  const cells = cellsRead ? [column.column.publishedTotal] : [...points.values(), column.column.publishedTotal];
  for (const pv of cells) {
    const location = pv?.location;
    if (!location?.cell) continue;
    const { row, col } = parseA1(location.cell);
    at(location.sheet ?? defaultSheet, row, col);
  }
  return apart ? null : found;
}

/** `ROW('Sheet'!$C$24)`: the source row's number, kept right by Excel when rows move. */
export function rowNumberFormula(source: SourceRow): string {
  return `ROW(${quotedSheet(source.sheet)}!$${columnLetters(source.col)}$${source.row})`;
}

/** A string literal, or a sheet-qualified absolute cell or range of one sheet ('S'!$C$24 or 'S'!$C$24:$DR$24). */
const TOKEN = /"(?:[^"]|"")*"|('(?:[^']|'')*')!\$([A-Z]{1,3})\$(\d+)(?::\$([A-Z]{1,3})\$(\d+))?/g;

/**
 * The formula with every reference on the source row read through `rowCell` (a cell holding that
 * row's number, "$H8"): 'S'!$C$24 becomes INDEX('S'!$C:$C,$H8) and 'S'!$C$24:$DR$24
 * INDEX('S'!$C:$DR,$H8,0), the whole row of those columns. References elsewhere stay as they are.
 */
export function readThroughRow(formula: string, source: SourceRow, rowCell: string): string {
  const sheet = quotedSheet(source.sheet);
  const row = String(source.row);
  return formula.replace(TOKEN, (token: string, quoted?: string, from?: string, fromRow?: string, to?: string, toRow?: string) => {
    if (quoted !== sheet || fromRow !== row || (toRow !== undefined && toRow !== row)) return token;
    return to === undefined ? `INDEX(${sheet}!$${from}:$${from},${rowCell})` : `INDEX(${sheet}!$${from}:$${to},${rowCell},0)`;
  });
}
