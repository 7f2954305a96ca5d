/**
 * PaneActions on the real (or a faithful fake) Office.js: one Excel.run per action around the
 * Office.js host (src/hosts/excel). Loaded on demand by index.tsx; nothing else in the pane
 * touches `Excel`.
 */
import {
  REQUIRED_API,
  applyPlan,
  readGrid,
  removeHighlights,
  selectCell,
  supportsExcelApi,
  type ApplyOptions,
  type GridSource,
} from "../hosts/excel";
import type { SheetPlan } from "../report/plan";
import type { PaneActions } from "./actions";

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
    apply: (plan: SheetPlan, options: ApplyOptions) => Excel.run((context) => applyPlan(context, plan, options)),
    removeHighlights: () => Excel.run((context) => removeHighlights(context)),
    selectCell: (sheet: string, cell: string) => Excel.run((context) => selectCell(context, sheet, cell)),
  };
}
