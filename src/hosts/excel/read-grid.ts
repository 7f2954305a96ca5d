/**
 * Reads a Grid from Excel: the active sheet's used range, the selection, or a named table.
 *
 * - One sync finds the rectangle (two for a named table: it must be known to exist before its
 *   range is asked for). The used range is `getUsedRangeOrNullObject(true)` (values only), so
 *   a sheet with formatting down to row 1,048,576 and a small table is read as the small table;
 *   a selection is cut to that used range, so selecting whole columns reads only what is there.
 * - Then one `load` + one `sync` per chunk of rows: values and number formats, plus merged
 *   areas (ExcelApi 1.13) and visible areas (1.9, for hidden rows and columns) when Excel has
 *   them. Chunks are sized so that a response stays under RESPONSE_BUDGET_BYTES: the first from
 *   a guess per cell, the rest from what the first actually weighed. A chunk Excel still refuses
 *   as too large is halved and asked again.
 */
import type { CellValue, Grid, Rect } from "../../tables/grid";
import { rangeA1, sheetQualified } from "../../tables/grid";
import { areaRect, splitAreas } from "./addresses";
import { jsonBytes } from "./batches";
import { toCellValue, toGridFormat } from "./cell-values";
import { isPayloadTooLarge, noSheetError, noTableError, nothingSelectedError, tooLargeError } from "./errors";
import { assertRequiredApi, detectFeatures, type HostFeatures } from "./requirements";

/** Where to read: the selection, a named table, the active sheet's used range, or a named sheet's used range. */
export type GridSource = { kind: "selection" } | { kind: "table"; name: string } | { kind: "usedRange" } | { kind: "sheet"; name: string };

export interface ReadOutcome {
  grid: Grid;
  /** Where the grid came from, sheet-qualified: "'TT Huế'!A1:F18". */
  address: string;
  /** context.sync() calls made. */
  syncs: number;
}

/** Excel on the web refuses responses over about 5 MB; stay under it with room for estimate error. */
export const RESPONSE_BUDGET_BYTES = 4_500_000;
/** First guess of a cell's weight in a response (a value and a number format as JSON). */
const FIRST_GUESS_BYTES_PER_CELL = 20;
/** More cells than this is not a score table; asking the user to select it beats a minute of reading. */
export const MAX_READ_CELLS = 5_000_000;

interface Dimensions {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

interface Located {
  sheet: Excel.Worksheet;
  sheetName: string;
  /** Absolute, 0-based. */
  rect: Rect;
  syncs: number;
}

export async function readGrid(context: Excel.RequestContext, source: GridSource): Promise<ReadOutcome> {
  assertRequiredApi();
  const features = detectFeatures();
  const located = await locate(context, source);
  const { rect } = located;
  const rows = rect.bottom - rect.top + 1;
  const cols = rect.right - rect.left + 1;
  if (rows * cols > MAX_READ_CELLS) throw tooLargeError(rows * cols, MAX_READ_CELLS);

  const grid: Grid = { sheet: located.sheetName, origin: { row: rect.top, col: rect.left }, values: [], formats: [], merges: [] };
  const hiddenRows: number[] = [];
  const visibleCols = new Set<number>();
  let everyChunkHadVisibility = features.visibleAreas;
  let syncs = located.syncs;

  // Halved each time Excel refuses a response as too large (our estimate of its weight was low).
  let budget = RESPONSE_BUDGET_BYTES;
  let bytesPerCell = FIRST_GUESS_BYTES_PER_CELL;
  let rowsPerChunk = rowsFor(budget, bytesPerCell, cols);
  let done = 0;
  // One iteration = one response of at most RESPONSE_BUDGET_BYTES: the number of syncs grows
  // with the bytes read (about total / budget), never with rows or cells.
  while (done < rows) {
    const take = Math.min(rowsPerChunk, rows - done);
    const chunkRect: Rect = { top: rect.top + done, bottom: rect.top + done + take - 1, left: rect.left, right: rect.right };
    let chunk: Chunk;
    try {
      chunk = await readChunk(context, located.sheet, chunkRect, features);
    } catch (error) {
      syncs += 1;
      if (isPayloadTooLarge(error) && take > 1) {
        budget /= 2;
        rowsPerChunk = Math.ceil(take / 2);
        continue;
      }
      throw error;
    }
    syncs += 1;
    appendChunk(grid, chunk, chunkRect, rect);
    if (chunk.visibleAreas === undefined) everyChunkHadVisibility = false;
    else collectVisibility(chunk.visibleAreas, chunkRect, rect, hiddenRows, visibleCols);
    done += take;
    // Size the rest evenly from what this chunk really weighed.
    bytesPerCell = Math.max(chunk.bytes / (take * cols), 1);
    const remaining = rows - done;
    if (remaining > 0) {
      const chunksLeft = Math.max(1, Math.ceil((remaining * cols * bytesPerCell) / budget));
      rowsPerChunk = Math.max(1, Math.min(rowsFor(budget, bytesPerCell, cols), Math.ceil(remaining / chunksLeft)));
    }
  }

  if (hiddenRows.length > 0) grid.hiddenRows = hiddenRows;
  if (everyChunkHadVisibility) {
    const hiddenCols: number[] = [];
    for (let c = 0; c < cols; c++) if (!visibleCols.has(c)) hiddenCols.push(c);
    if (hiddenCols.length > 0 && hiddenCols.length < cols) grid.hiddenCols = hiddenCols;
  }
  return { grid, address: sheetQualified(located.sheetName, rangeA1(rect)), syncs };
}

function rowsFor(budget: number, bytesPerCell: number, cols: number): number {
  return Math.max(1, Math.floor(budget / (bytesPerCell * cols)));
}

// ---------------------------------------------------------------------------
// Finding the rectangle

async function locate(context: Excel.RequestContext, source: GridSource): Promise<Located> {
  switch (source.kind) {
    case "usedRange":
      return locateUsedRange(context);
    case "selection":
      return locateSelection(context);
    case "table":
      return locateTable(context, source.name);
    case "sheet":
      return locateSheet(context, source.name);
  }
}

/** A named sheet's used range (values only), e.g. the responsibility table the user keeps on another sheet. */
async function locateSheet(context: Excel.RequestContext, name: string): Promise<Located> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(name);
  sheet.load("name");
  // Two syncs: a used range asked of a sheet that does not exist would fail the whole request.
  await context.sync();
  if (sheet.isNullObject) throw noSheetError(name);
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  if (used.isNullObject) throw nothingSelectedError("sheet", sheet.name);
  return { sheet, sheetName: sheet.name, rect: rectOf(used), syncs: 2 };
}

/** The workbook's sheet names in tab order: one load, one sync. */
export async function listSheets(context: Excel.RequestContext): Promise<string[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  return sheets.items.map((sheet) => sheet.name);
}

async function locateUsedRange(context: Excel.RequestContext): Promise<Located> {
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  if (used.isNullObject) throw nothingSelectedError("sheet", sheet.name);
  return { sheet, sheetName: sheet.name, rect: rectOf(used), syncs: 1 };
}

async function locateSelection(context: Excel.RequestContext): Promise<Located> {
  const selected = context.workbook.getSelectedRange();
  selected.load("rowIndex,columnIndex,rowCount,columnCount");
  // The selection is always on the active sheet.
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  if (used.isNullObject) throw nothingSelectedError("selection");
  const rect = intersect(rectOf(selected), rectOf(used));
  if (!rect) throw nothingSelectedError("selection");
  return { sheet, sheetName: sheet.name, rect, syncs: 1 };
}

async function locateTable(context: Excel.RequestContext, name: string): Promise<Located> {
  const table = context.workbook.tables.getItemOrNullObject(name);
  table.load("name");
  await context.sync();
  if (table.isNullObject) throw noTableError(name);
  const range = table.getRange();
  range.load("rowIndex,columnIndex,rowCount,columnCount");
  const sheet = table.worksheet;
  sheet.load("name");
  await context.sync();
  return { sheet, sheetName: sheet.name, rect: rectOf(range), syncs: 2 };
}

function rectOf(range: Dimensions): Rect {
  return {
    top: range.rowIndex,
    left: range.columnIndex,
    bottom: range.rowIndex + range.rowCount - 1,
    right: range.columnIndex + range.columnCount - 1,
  };
}

function intersect(a: Rect, b: Rect): Rect | null {
  const r = { top: Math.max(a.top, b.top), left: Math.max(a.left, b.left), bottom: Math.min(a.bottom, b.bottom), right: Math.min(a.right, b.right) };
  return r.top <= r.bottom && r.left <= r.right ? r : null;
}

// ---------------------------------------------------------------------------
// One chunk: one load, one sync

interface Chunk {
  values: unknown[][];
  numberFormat: unknown[][];
  /** Merged areas whose top-left cell is in the chunk (RangeAreas.address), "" when none; undefined when not asked. */
  mergedAreas?: string;
  /** Visible cells (RangeAreas.address), "" when none are visible; undefined when not asked. */
  visibleAreas?: string;
  /** What the response weighed, as JSON. */
  bytes: number;
}

async function readChunk(context: Excel.RequestContext, sheet: Excel.Worksheet, rect: Rect, features: HostFeatures): Promise<Chunk> {
  const range = sheet.getRangeByIndexes(rect.top, rect.left, rect.bottom - rect.top + 1, rect.right - rect.left + 1);
  range.load("values,numberFormat");
  const merged = features.mergedAreas ? range.getMergedAreasOrNullObject() : null;
  if (merged) merged.load("address");
  const visible = features.visibleAreas ? range.getSpecialCellsOrNullObject("Visible") : null;
  if (visible) visible.load("address");
  await context.sync();
  const chunk: Chunk = { values: range.values, numberFormat: range.numberFormat, bytes: 0 };
  if (merged) chunk.mergedAreas = merged.isNullObject ? "" : merged.address;
  if (visible) chunk.visibleAreas = visible.isNullObject ? "" : visible.address;
  chunk.bytes = jsonBytes(chunk.values) + jsonBytes(chunk.numberFormat) + (chunk.mergedAreas?.length ?? 0) + (chunk.visibleAreas?.length ?? 0);
  return chunk;
}

function appendChunk(grid: Grid, chunk: Chunk, chunkRect: Rect, whole: Rect): void {
  const formats = grid.formats ?? [];
  chunk.values.forEach((row, r) => {
    const formatRow = chunk.numberFormat[r] ?? [];
    const values: CellValue[] = [];
    const fmts: (string | null)[] = [];
    row.forEach((raw, c) => {
      const format = toGridFormat(formatRow[c]);
      values.push(toCellValue(raw, format));
      fmts.push(format);
    });
    grid.values.push(values);
    formats.push(fmts);
  });
  grid.formats = formats;
  for (const area of splitAreas(chunk.mergedAreas ?? "")) {
    const m = areaRect(area);
    if (!m || m.top < chunkRect.top || m.top > chunkRect.bottom) continue;
    // Relative to the grid, clipped to it (a merge may run past the edge of a selection).
    const rel = {
      top: m.top - whole.top,
      left: Math.max(m.left, whole.left) - whole.left,
      bottom: Math.min(m.bottom, whole.bottom) - whole.top,
      right: Math.min(m.right, whole.right) - whole.left,
    };
    if (rel.left <= rel.right && (rel.bottom > rel.top || rel.right > rel.left)) grid.merges.push(rel);
  }
}

function collectVisibility(address: string, chunkRect: Rect, whole: Rect, hiddenRows: number[], visibleCols: Set<number>): void {
  const visibleRows = new Set<number>();
  for (const area of splitAreas(address)) {
    const a = areaRect(area);
    if (!a) continue;
    for (let r = Math.max(a.top, chunkRect.top); r <= Math.min(a.bottom, chunkRect.bottom); r++) visibleRows.add(r);
    for (let c = Math.max(a.left, whole.left); c <= Math.min(a.right, whole.right); c++) visibleCols.add(c - whole.left);
  }
  for (let r = chunkRect.top; r <= chunkRect.bottom; r++) if (!visibleRows.has(r)) hiddenRows.push(r - whole.top);
}
