/**
 * Saves bytes as a file through the browser (a link to a Blob with `download`): the pane's way out
 * for a workbook Excel cannot open itself (no ExcelApi 1.8), all units' workbooks at once, and the
 * Word report.
 */

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const ZIP_TYPE = "application/zip";
export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** False where the page cannot offer a download (no DOM or no Blob URLs); the pane then says what to do. */
export function downloadFile(bytes: Uint8Array, fileName: string, type: string): boolean {
  if (typeof document === "undefined" || typeof URL === "undefined" || typeof URL.createObjectURL !== "function") return false;
  try {
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The download has started from the URL by then; revoking at once can cancel it in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return true;
  } catch (_e) {
    return false;
  }
}
