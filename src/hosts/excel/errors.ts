/**
 * Errors a user can cause (a protected sheet, an empty sheet, a table name that does not exist,
 * an Excel too old for the add-in, a cancelled run), each with a Vietnamese and an English
 * message for the task pane. Anything else (a lost connection, an Excel bug) stays the Office
 * error it is: the pane shows its message as it came.
 */

export type HostErrorCode = "protected" | "nothing-selected" | "no-table" | "too-large" | "api-missing" | "cancelled";

export class HostError extends Error {
  constructor(
    public readonly code: HostErrorCode,
    public readonly messageVi: string,
    public readonly messageEn: string,
  ) {
    super(`${messageEn} / ${messageVi}`);
    this.name = "HostError";
  }

  /** The message in the pane's language. */
  messageIn(lang: "vi" | "en"): string {
    return lang === "vi" ? this.messageVi : this.messageEn;
  }
}

export function isHostError(error: unknown, code?: HostErrorCode): error is HostError {
  return error instanceof HostError && (code === undefined || error.code === code);
}

export function protectedError(what: { workbook: boolean; sheets: string[] }): HostError {
  const list = what.sheets.map((s) => `'${s}'`).join(", ");
  if (what.workbook) {
    return new HostError(
      "protected",
      "Cấu trúc sổ làm việc đang được bảo vệ nên ParScore không thể thêm trang. Hãy bỏ bảo vệ (Xem lại > Bảo vệ sổ làm việc) rồi chạy lại.",
      "The workbook structure is protected, so ParScore cannot add sheets. Unprotect it (Review > Protect Workbook) and run again.",
    );
  }
  return new HostError(
    "protected",
    `Trang ${list} đang được bảo vệ nên ParScore không thể tô màu điểm bị trừ. Hãy bỏ bảo vệ trang (Xem lại > Bỏ bảo vệ trang) rồi chạy lại.`,
    `Sheet ${list} is protected, so ParScore cannot add its highlights. Unprotect the sheet (Review > Unprotect Sheet) and run again.`,
  );
}

export function nothingSelectedError(where: "selection" | "sheet", sheet?: string): HostError {
  if (where === "selection") {
    return new HostError(
      "nothing-selected",
      "Vùng đang chọn không có dữ liệu. Hãy chọn bảng điểm (cả dòng tiêu đề) rồi thử lại.",
      "The selection holds no data. Select the score table (with its header rows) and try again.",
    );
  }
  const name = sheet ? ` '${sheet}'` : "";
  return new HostError(
    "nothing-selected",
    `Trang${name} chưa có dữ liệu. Hãy mở trang có bảng điểm hoặc chọn bảng điểm rồi thử lại.`,
    `Sheet${name} has no data. Open the sheet with the score table, or select the table, and try again.`,
  );
}

export function noTableError(name: string): HostError {
  return new HostError(
    "no-table",
    `Không tìm thấy bảng có tên '${name}' trong sổ làm việc.`,
    `There is no table named '${name}' in this workbook.`,
  );
}

export function noSheetError(name: string): HostError {
  return new HostError(
    "no-table",
    `Không có trang '${name}' trong sổ làm việc (có thể đã bị đổi tên hoặc xoá). Hãy chọn lại trang.`,
    `There is no sheet named '${name}' in this workbook (it may have been renamed or deleted). Choose the sheet again.`,
  );
}

export function tooLargeError(cells: number, limit: number): HostError {
  const n = (x: number, sep: string) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return new HostError(
    "too-large",
    `Vùng cần đọc có ${n(cells, ".")} ô, vượt giới hạn ${n(limit, ".")} ô. Hãy chọn riêng bảng điểm rồi thử lại.`,
    `The range to read has ${n(cells, ",")} cells, over the limit of ${n(limit, ",")}. Select just the score table and try again.`,
  );
}

export function requestTooLargeError(bytes: number): HostError {
  const mb = (bytes / 1_000_000).toFixed(1);
  return new HostError(
    "too-large",
    `Excel từ chối một yêu cầu ghi quá lớn (khoảng ${mb.replace(".", ",")} MB). Hãy thử lại với giới hạn yêu cầu nhỏ hơn.`,
    `Excel refused a write request that was too large (about ${mb} MB). Try again with a smaller request limit.`,
  );
}

/** Excel refused to send back even one row of a read (its answer over the payload limit). */
export function rowTooLargeError(address: string): HostError {
  return new HostError(
    "too-large",
    `Excel từ chối trả về dòng ${address}: dòng quá lớn (vượt giới hạn khoảng 5 MB của Excel cho một lần trả lời). Hãy chọn riêng bảng điểm rồi thử lại.`,
    `Excel refused to send back row ${address}: it is too large (over Excel's limit of about 5 MB for one answer). Select just the score table and try again.`,
  );
}

export function apiMissingError(set: string, version: string): HostError {
  return new HostError(
    "api-missing",
    `Phiên bản Excel này không hỗ trợ ${set} ${version} mà ParScore cần. Hãy dùng Excel cho Microsoft 365, Excel 2019 trở lên hoặc Excel trên web.`,
    `This version of Excel does not support ${set} ${version}, which ParScore needs. Use Excel for Microsoft 365, Excel 2019 or later, or Excel on the web.`,
  );
}

export function cancelledError(): HostError {
  return new HostError("cancelled", "Đã hủy. Các trang tính của bạn không bị thay đổi.", "Cancelled. Your own sheets were not changed.");
}

/** The `code` of an OfficeExtension.Error (or anything shaped like one), else undefined. */
export function officeErrorCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === "string" ? code : undefined;
  }
  return undefined;
}

/** Excel on the web refuses requests and responses over its payload limit (about 5 MB) with these codes. */
export function isPayloadTooLarge(error: unknown): boolean {
  const code = officeErrorCode(error);
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}
