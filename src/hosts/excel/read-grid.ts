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
import { areaRect, sheetOfNameFormula, splitAreas } from "./addresses";
import { rowsJsonBytes } from "./batches";
import { toCellValue, toGridFormat } from "./cell-values";
import { isMarkerName } from "./ownership";
import { rangeAt } from "./ranges";
import { isPayloadTooLarge, noSheetError, noTableError, nothingSelectedError, rowTooLargeError, tooLargeError } from "./errors";
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
      if (isPayloadTooLarge(error)) throw rowTooLargeError(sheetQualified(located.sheetName, rangeA1(chunkRect)));
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

  finishVisibility(grid, hiddenRows, visibleCols, everyChunkHadVisibility, cols);
  return { grid, address: sheetQualified(located.sheetName, rangeA1(rect)), syncs };
}

function finishVisibility(grid: Grid, hiddenRows: number[], visibleCols: Set<number>, everyChunkHadVisibility: boolean, cols: number): void {
  if (hiddenRows.length > 0) grid.hiddenRows = hiddenRows;
  if (everyChunkHadVisibility) {
    const hiddenCols: number[] = [];
    for (let c = 0; c < cols; c++) if (!visibleCols.has(c)) hiddenCols.push(c);
    if (hiddenCols.length > 0 && hiddenCols.length < cols) grid.hiddenCols = hiddenCols;
  }
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
  const used = sheet.getUsedRangeOrNullObject(true).untrack();
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

/** A sheet of the workbook, and whether ParScore wrote it (its own sheets are no unit's table). */
export interface WorkbookSheet {
  name: string;
  /** A `ParScore_Owned_<n>` name refers to it (src/hosts/excel/ownership.ts): a gap or ranking sheet. */
  parscore: boolean;
}

/** The workbook's sheets in tab order, ParScore's own marked: one load of sheets and names, one sync. */
export async function listWorkbookSheets(context: Excel.RequestContext): Promise<WorkbookSheet[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  const names = context.workbook.names;
  names.load("items/name,items/formula");
  await context.sync();
  const owned = new Set(names.items.filter((n) => isMarkerName(n.name)).map((n) => sheetOfNameFormula(n.formula)));
  return sheets.items.map((sheet) => ({ name: sheet.name, parscore: owned.has(sheet.name) }));
}

// ---------------------------------------------------------------------------
// Several sheets at once (consolidating the units' sheets)

/** A chosen sheet's used range, known before any of its cells is read. */
export interface SheetSize {
  sheet: string;
  /** Rows x columns of its used range (values only). */
  cells: number;
  /** Sheet-qualified: "'Sở Tư pháp'!A1:E40". */
  address: string;
}

export interface ReadSheetsOptions {
  /**
   * Called once with every chosen sheet's size, before any cell is read; what it throws stops the
   * read (the pane refuses sheets that together exceed its cell limit this way).
   */
  beforeRead?: (sizes: SheetSize[]) => void;
}

export interface SheetsRead {
  /** The chosen sheets' used ranges as Grids, in the order asked; empty sheets are left out. */
  grids: Grid[];
  /** Where each grid came from, sheet-qualified, in the same order. */
  addresses: string[];
  /** Chosen sheets with nothing in them. */
  empty: string[];
  /** context.sync() calls made. */
  syncs: number;
}

/** One sheet being read: its rectangle, how far the rounds got, and its grid so far. */
interface SheetInRead {
  sheet: Excel.Worksheet;
  name: string;
  rect: Rect;
  done: number;
  grid: Grid;
  hiddenRows: number[];
  visibleCols: Set<number>;
  everyChunkHadVisibility: boolean;
}

/**
 * The used ranges of several named sheets, with a number of syncs that does not grow with the
 * number of sheets: one sync finds the sheets, one their used ranges (a used range asked of a
 * sheet that does not exist would fail the whole request, hence two), then rounds of one load per
 * sheet still to read and ONE sync per round. A round holds as many sheets' rows as fit in
 * RESPONSE_BUDGET_BYTES, so the rounds grow with the bytes read (about total / budget), as
 * readGrid's chunks do, never with the number of sheets.
 */
export async function readSheets(context: Excel.RequestContext, names: readonly string[], options: ReadSheetsOptions = {}): Promise<SheetsRead> {
  assertRequiredApi();
  const features = detectFeatures();
  const sheets = names.map((name) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(name);
    sheet.load("name");
    return sheet;
  });
  await context.sync();
  const missing = names.find((_name, i) => sheets[i].isNullObject);
  if (missing !== undefined) throw noSheetError(missing);
  const used = sheets.map((sheet) => {
    const range = sheet.getUsedRangeOrNullObject(true).untrack();
    range.load("rowIndex,columnIndex,rowCount,columnCount");
    return range;
  });
  await context.sync();
  let syncs = 2;

  const reads: SheetInRead[] = [];
  const empty: string[] = [];
  sheets.forEach((sheet, i) => {
    if (used[i].isNullObject) {
      empty.push(sheet.name);
      return;
    }
    const rect = rectOf(used[i]);
    reads.push({
      sheet,
      name: sheet.name,
      rect,
      done: 0,
      grid: { sheet: sheet.name, origin: { row: rect.top, col: rect.left }, values: [], formats: [], merges: [] },
      hiddenRows: [],
      visibleCols: new Set(),
      everyChunkHadVisibility: features.visibleAreas,
    });
  });
  const width = (r: SheetInRead) => r.rect.right - r.rect.left + 1;
  const height = (r: SheetInRead) => r.rect.bottom - r.rect.top + 1;
  const sizes = reads.map((r) => ({ sheet: r.name, cells: height(r) * width(r), address: sheetQualified(r.name, rangeA1(r.rect)) }));
  options.beforeRead?.(sizes);
  const cells = sizes.reduce((n, s) => n + s.cells, 0);
  if (cells > MAX_READ_CELLS) throw tooLargeError(cells, MAX_READ_CELLS);

  let budget = RESPONSE_BUDGET_BYTES;
  let bytesPerCell = FIRST_GUESS_BYTES_PER_CELL;
  for (;;) {
    const pending = reads.filter((r) => r.done < height(r));
    if (pending.length === 0) break;
    // This round's chunks: sheets in order, as many rows of each as the budget leaves room for
    // (at least one row, so every round makes progress).
    const round: { read: SheetInRead; sheet: Excel.Worksheet; rect: Rect; take: number }[] = [];
    let room = budget;
    for (const read of pending) {
      const fit = Math.floor(room / (bytesPerCell * width(read)));
      if (fit < 1 && round.length > 0) break;
      const take = Math.min(height(read) - read.done, Math.max(1, fit));
      const top = read.rect.top + read.done;
      const rect: Rect = { top, bottom: top + take - 1, left: read.rect.left, right: read.rect.right };
      round.push({ read, sheet: read.sheet, rect, take });
      room -= take * width(read) * bytesPerCell;
    }
    let chunks: Chunk[];
    try {
      chunks = await readRound(context, round, features);
    } catch (error) {
      syncs += 1;
      // Our estimate of the response's weight was low: the same round in smaller pieces.
      if (isPayloadTooLarge(error) && (round.length > 1 || round[0].take > 1)) {
        budget /= 2;
        continue;
      }
      if (isPayloadTooLarge(error)) throw rowTooLargeError(sheetQualified(round[0].read.name, rangeA1(round[0].rect)));
      throw error;
    }
    syncs += 1;
    let bytes = 0;
    let roundCells = 0;
    for (const [i, { read, rect, take }] of round.entries()) {
      const chunk = chunks[i];
      appendChunk(read.grid, chunk, rect, read.rect);
      if (chunk.visibleAreas === undefined) read.everyChunkHadVisibility = false;
      else collectVisibility(chunk.visibleAreas, rect, read.rect, read.hiddenRows, read.visibleCols);
      read.done += take;
      bytes += chunk.bytes;
      roundCells += take * width(read);
    }
    // The next rounds sized from what this one really weighed.
    bytesPerCell = Math.max(bytes / roundCells, 1);
  }
  for (const read of reads) finishVisibility(read.grid, read.hiddenRows, read.visibleCols, read.everyChunkHadVisibility, width(read));
  return { grids: reads.map((r) => r.grid), addresses: sizes.map((s) => s.address), empty, syncs };
}

async function locateUsedRange(context: Excel.RequestContext): Promise<Located> {
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const used = sheet.getUsedRangeOrNullObject(true).untrack();
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  if (used.isNullObject) throw nothingSelectedError("sheet", sheet.name);
  return { sheet, sheetName: sheet.name, rect: rectOf(used), syncs: 1 };
}

async function locateSelection(context: Excel.RequestContext): Promise<Located> {
  const selected = context.workbook.getSelectedRange().untrack();
  selected.load("rowIndex,columnIndex,rowCount,columnCount");
  // The selection is always on the active sheet.
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const used = sheet.getUsedRangeOrNullObject(true).untrack();
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
  const range = table.getRange().untrack();
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
  const [chunk] = await readRound(context, [{ sheet, rect }], features);
  return chunk;
}

/**
 * One chunk of each of several sheets: every load queued, then ONE sync for them all, so the
 * syncs of a read of many sheets follow the bytes read, not the number of sheets.
 */
async function readRound(context: Excel.RequestContext, pieces: readonly { sheet: Excel.Worksheet; rect: Rect }[], features: HostFeatures): Promise<Chunk[]> {
  const loads = pieces.map(({ sheet, rect }) => {
    const range = rangeAt(sheet, rect.top, rect.left, rect.bottom - rect.top + 1, rect.right - rect.left + 1);
    range.load("values,numberFormat");
    const merged = features.mergedAreas ? range.getMergedAreasOrNullObject().untrack() : null;
    if (merged) merged.load("address");
    const visible = features.visibleAreas ? range.getSpecialCellsOrNullObject("Visible").untrack() : null;
    if (visible) visible.load("address");
    return { range, merged, visible };
  });
  await context.sync();
  return loads.map(({ range, merged, visible }) => chunkOf(range.values, range.numberFormat, merged, visible));
}

/** A synced chunk's values, formats and areas, and what they weighed. */
function chunkOf(values: unknown[][], numberFormat: unknown[][], merged: Excel.RangeAreas | null, visible: Excel.RangeAreas | null): Chunk {
  const chunk: Chunk = { values, numberFormat, bytes: 0 };
  if (merged) chunk.mergedAreas = merged.isNullObject ? "" : merged.address;
  if (visible) chunk.visibleAreas = visible.isNullObject ? "" : visible.address;
  chunk.bytes = rowsJsonBytes(chunk.values) + rowsJsonBytes(chunk.numberFormat) + (chunk.mergedAreas?.length ?? 0) + (chunk.visibleAreas?.length ?? 0);
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
