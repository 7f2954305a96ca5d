/**
 * PaneActions on the real (or a faithful fake) Office.js: one Excel.run per action around the
 * Office.js host (src/hosts/excel). Loaded on demand by index.tsx; nothing else in the pane
 * touches `Excel`.
 */
import {
  REQUIRED_API,
  applyPlan,
  listSheets,
  listWorkbookSheets,
  openNewWorkbook,
  readGrid,
  readSheets,
  removeHighlights,
  selectCell,
  supportsExcelApi,
  type ApplyOptions,
  type GridSource,
  type ReadSheetsOptions,
} from "../hosts/excel";
import type { SheetPlan } from "../report/plan";
import { rangeA1, sheetQualified, type Rect } from "../tables/grid";
import type { PaneActions, SourceSize } from "./actions";

/** Office.js is there with an `Excel` namespace, and Excel reports the required API set. */
export function apiSupported(): boolean {
  const excel = (globalThis as { Excel?: { run?: unknown } }).Excel;
  return typeof excel?.run === "function" && supportsExcelApi(REQUIRED_API);
}

export function createExcelActions(): PaneActions {
  return {
    requiredApi: REQUIRED_API,
    apiSupported,
    read: (source: GridSource) => Excel.run((context) => readGrid(context, source)),
    listSheets: () => Excel.run((context) => listSheets(context)),
    listWorkbookSheets: () => Excel.run((context) => listWorkbookSheets(context)),
    readSheets: (names: readonly string[], options?: ReadSheetsOptions) => Excel.run((context) => readSheets(context, names, options)),
    // Only a shortcut: when it cannot tell, read() decides (and says what is wrong).
    measure: (source: GridSource) => Excel.run((context) => measureSource(context, source)).catch(() => null),
    apply: (plan: SheetPlan, options: ApplyOptions) => Excel.run((context) => applyPlan(context, plan, options)),
    removeHighlights: () => Excel.run((context) => removeHighlights(context)),
    selectCell: (sheet: string, cell: string) => Excel.run((context) => selectCell(context, sheet, cell)),
    openWorkbook: (bytes: Uint8Array) => openNewWorkbook(bytes),
  };
}

interface Dimensions {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

function rectOf(range: Dimensions): Rect {
  return { top: range.rowIndex, left: range.columnIndex, bottom: range.rowIndex + range.rowCount - 1, right: range.columnIndex + range.columnCount - 1 };
}

/**
 * The rectangle readGrid(source) reads, found the way it finds it (src/hosts/excel/read-grid.ts:
 * the active sheet's values-only used range, or the selection cut to it), in one sync and
 * without reading a cell. Null for a named table, or when there is nothing to read (read() then
 * says so in its own words).
 */
export async function measureSource(context: Excel.RequestContext, source: GridSource): Promise<SourceSize | null> {
  if (source.kind === "table" || source.kind === "sheet") return null;
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  // Untracked, as every range of the host (src/hosts/excel/ranges.ts): nothing is left for
  // Excel.run's clean-up request, whose refusal nobody would see.
  const used = sheet.getUsedRangeOrNullObject(true).untrack();
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  const selected = source.kind === "selection" ? context.workbook.getSelectedRange().untrack() : null;
  if (selected) selected.load("rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  if (used.isNullObject) return null;
  let rect = rectOf(used);
  if (selected) {
    const s = rectOf(selected);
    rect = { top: Math.max(s.top, rect.top), left: Math.max(s.left, rect.left), bottom: Math.min(s.bottom, rect.bottom), right: Math.min(s.right, rect.right) };
    if (rect.top > rect.bottom || rect.left > rect.right) return null;
  }
  return { cells: (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1), address: sheetQualified(sheet.name, rangeA1(rect)) };
}
