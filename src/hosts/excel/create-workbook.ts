/**
 * A new workbook opened in Excel from .xlsx bytes (`Excel.createWorkbook`, ExcelApi 1.8): Excel
 * opens it in a window of its own, unsaved, for the user to save where they choose.
 */
import { supportsFeature } from "./requirements";

/** True when this Excel can open a workbook from bytes. */
export function canCreateWorkbook(): boolean {
  const excel = (globalThis as { Excel?: { createWorkbook?: unknown } }).Excel;
  return typeof excel?.createWorkbook === "function" && supportsFeature("createWorkbook");
}

/** Base64 of the bytes, as `Excel.createWorkbook` takes them (in slices: no call gets millions of arguments). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Opens the workbook in Excel; false (and nothing done) where Excel has no ExcelApi 1.8. */
export async function openNewWorkbook(bytes: Uint8Array): Promise<boolean> {
  if (!canCreateWorkbook()) return false;
  await Excel.createWorkbook(toBase64(bytes));
  return true;
}
