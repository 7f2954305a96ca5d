/**
 * Which Excel JavaScript API requirement sets the host needs, and which it uses when present.
 *
 * ExcelApi 1.7 is the floor: it brings everything a plan needs to be written faithfully —
 * `range.hyperlink` (links to source cells), `worksheet.tabColor`, `worksheet.freezePanes`,
 * `workbook.protection` (refuse before writing), `namedItem.formula` (find our marked sheets),
 * `getRangeByIndexes` (chunked reads and writes), `chartSeries.setXAxisValues` — on top of 1.6
 * (conditional formats, suspendApiCalculationUntilNextSync) and 1.4 (*OrNullObject, names.add).
 * Excel 2019 and later, Microsoft 365 (Windows, Mac) and Excel on the web have it; Excel 2016
 * bought outright (1.1–1.2) does not, and the pane says so instead of failing half-way.
 *
 * Optional sets, used when Excel reports them:
 * - ExcelApi 1.9: suspendScreenUpdatingUntilNextSync, page layout (landscape, fit to width),
 *   indent levels, visible-cell areas (hidden rows and columns on read), Range.autoFill (a
 *   column of one repeated formula sent as its first row and filled down by Excel).
 * - ExcelApi 1.8: Excel.createWorkbook (a unit's own workbook opened in a new window).
 * - ExcelApi 1.13: getMergedAreasOrNullObject (merged header cells on read).
 */

import { apiMissingError } from "./errors";

export const REQUIRED_API = "1.7";
export const API_SET = "ExcelApi";

/** Optional features and the ExcelApi version each needs. */
export const OPTIONAL_API = {
  screenUpdating: "1.9",
  pageLayout: "1.9",
  indentLevel: "1.9",
  visibleAreas: "1.9",
  autoFill: "1.9",
  mergedAreas: "1.13",
  createWorkbook: "1.8",
} as const;

export type OptionalFeature = keyof typeof OPTIONAL_API;

interface RequirementsLike {
  isSetSupported(name: string, minVersion?: string): boolean;
}

function requirements(): RequirementsLike | undefined {
  const office = (globalThis as { Office?: { context?: { requirements?: RequirementsLike } } }).Office;
  return office?.context?.requirements;
}

/** True when Excel supports `ExcelApi <version>`; false when it does not or Office.js is absent. */
export function supportsExcelApi(version: string): boolean {
  const req = requirements();
  if (!req || typeof req.isSetSupported !== "function") return false;
  try {
    return req.isSetSupported(API_SET, version);
  } catch {
    return false;
  }
}

export function supportsFeature(feature: OptionalFeature): boolean {
  return supportsExcelApi(OPTIONAL_API[feature]);
}

/** What this Excel offers, read once per operation. */
export interface HostFeatures {
  screenUpdating: boolean;
  pageLayout: boolean;
  indentLevel: boolean;
  visibleAreas: boolean;
  autoFill: boolean;
  mergedAreas: boolean;
}

export function detectFeatures(): HostFeatures {
  return {
    screenUpdating: supportsFeature("screenUpdating"),
    pageLayout: supportsFeature("pageLayout"),
    indentLevel: supportsFeature("indentLevel"),
    visibleAreas: supportsFeature("visibleAreas"),
    autoFill: supportsFeature("autoFill"),
    mergedAreas: supportsFeature("mergedAreas"),
  };
}

/** Throws HostError("api-missing") when Excel lacks the required set (checked before any request). */
export function assertRequiredApi(): void {
  if (!supportsExcelApi(REQUIRED_API)) throw apiMissingError(API_SET, REQUIRED_API);
}
