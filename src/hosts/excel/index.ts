/**
 * The Office.js host: reads a Grid from the open workbook and applies a SheetPlan to it.
 * The task pane builds on exactly this surface; everything else in this folder is internal.
 */
export {
  readGrid,
  readSheets,
  listSheets,
  listWorkbookSheets,
  RESPONSE_BUDGET_BYTES,
  MAX_READ_CELLS,
  type GridSource,
  type ReadOutcome,
  type ReadSheetsOptions,
  type SheetSize,
  type SheetsRead,
  type WorkbookSheet,
} from "./read-grid";
export { applyPlan, type ApplyOptions, type ApplyOutcome } from "./apply-plan";
export { removeHighlights, isParScoreFormula } from "./highlights";
export { selectCell } from "./select-cell";
export { canCreateWorkbook, openNewWorkbook } from "./create-workbook";
export { HostError, isHostError, type HostErrorCode } from "./errors";
export { DEFAULT_MAX_REQUEST_BYTES } from "./batches";
export {
  REQUIRED_API,
  API_SET,
  OPTIONAL_API,
  supportsExcelApi,
  supportsFeature,
  detectFeatures,
  assertRequiredApi,
  type OptionalFeature,
  type HostFeatures,
} from "./requirements";
