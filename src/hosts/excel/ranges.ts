/**
 * Ranges for one piece of work, untracked.
 *
 * Inside `Excel.run`, Office.js keeps a reference in Excel to every Range it creates (a
 * `_KeepReference` action with each) and releases them all in one clean-up request after the run,
 * which `Excel.run` sends without waiting and whose failure nobody sees. A writer that makes a
 * range per chunk, link or merge would make that request grow with the sheet (78,000 releases,
 * 9.3 MB at 38,000 x 30, refused by Excel on the web) and its requests carry the keep actions.
 * A range used only in the request that creates it needs no reference: `untrack()` drops it, so
 * nothing is left to release.
 */

/** `sheet.getRangeByIndexes(...)`, untracked. */
export function rangeAt(sheet: Excel.Worksheet, row: number, col: number, rows: number, cols: number): Excel.Range {
  return sheet.getRangeByIndexes(row, col, rows, cols).untrack();
}

/** `sheet.getRange(address)` (the whole sheet without one), untracked. */
export function rangeOf(sheet: Excel.Worksheet, address?: string): Excel.Range {
  return (address === undefined ? sheet.getRange() : sheet.getRange(address)).untrack();
}
