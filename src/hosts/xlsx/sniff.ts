/**
 * What a file really is, from its first bytes, whatever its name says: an .xlsx workbook, or one of
 * the things users hand over instead (an empty file, a password-protected workbook, an Excel 97-2003
 * .xls or an .ods renamed to .xlsx, a truncated download, a zip of something else, a web page or a
 * CSV with a workbook's name). Each has a message that says what it is and what to do.
 */
import type { Text2 } from "../../engine/types";
import { zipEntries, zipText, type ZipEntry } from "./zip";

export type FileKind =
  | "xlsx"
  | "empty"
  | "encrypted"
  | "xls"
  | "ole"
  | "ods"
  | "xlsb"
  | "docx"
  | "damaged-zip"
  | "zip"
  | "html"
  | "xml-2003"
  | "pdf"
  | "text"
  | "binary";

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** The kind of a file's bytes. */
export function sniffFile(bytes: Buffer): FileKind {
  if (bytes.length === 0) return "empty";
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(OLE)) return oleKind(bytes);
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7)) return zipKind(bytes);
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  const head = textHead(bytes);
  if (head === null) return "binary";
  const lower = head.toLowerCase();
  if (lower.includes("urn:schemas-microsoft-com:office:spreadsheet")) return "xml-2003";
  if (/^\s*(?:<!doctype html|<html|<table|<\?xml[^>]*>\s*<html)/.test(lower) || lower.includes("<html")) return "html";
  return "text";
}

/** The first 4 KB as text when they look like text (UTF-8/UTF-16, no NUL bytes), else null. */
function textHead(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 4096);
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    const body = Buffer.from(head.subarray(2, 2 + ((head.length - 2) & ~1)));
    if (head[0] === 0xfe) body.swap16();
    return body.toString("utf16le");
  }
  if (head.includes(0)) return null;
  let controls = 0;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  return controls > head.length / 20 ? null : head.toString("utf8");
}

/**
 * A Compound File (OLE2): Excel 97-2003 workbooks, and also every password-protected .xlsx
 * (Office stores the encrypted package in one, next to an "EncryptionInfo" stream).
 */
function oleKind(bytes: Buffer): FileKind {
  const names = oleNames(bytes);
  if (names.some((n) => n === "EncryptionInfo" || n === "EncryptedPackage")) return "encrypted";
  if (names.some((n) => n === "Workbook" || n === "Book")) return "xls";
  return "ole";
}

/** Names in a Compound File's directory (the sectors its header points at, best effort). */
function oleNames(bytes: Buffer): string[] {
  const names: string[] = [];
  const sectorShift = bytes.length >= 0x20 ? bytes.readUInt16LE(0x1e) : 9;
  const sectorSize = sectorShift >= 7 && sectorShift <= 16 ? 1 << sectorShift : 512;
  const firstDir = bytes.length >= 0x34 ? bytes.readInt32LE(0x30) : -1;
  const readEntries = (start: number, end: number) => {
    for (let at = start; at + 128 <= end; at += 128) {
      const length = bytes.readUInt16LE(at + 0x40);
      if (length < 2 || length > 64) continue;
      names.push(bytes.subarray(at, at + length - 2).toString("utf16le"));
    }
  };
  if (firstDir >= 0) {
    const start = (firstDir + 1) * sectorSize;
    readEntries(start, Math.min(bytes.length, start + sectorSize));
  }
  // Directories longer than a sector, or a header that lies: look for the stream names anywhere.
  for (const name of ["EncryptionInfo", "EncryptedPackage", "Workbook", "Book"]) {
    if (!names.includes(name) && bytes.includes(Buffer.from(`${name}\0`, "utf16le"))) names.push(name);
  }
  return names;
}

function zipKind(bytes: Buffer): FileKind {
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes);
  } catch {
    return "damaged-zip";
  }
  const has = (name: string) => entries.some((e) => e.name === name);
  if (has("xl/workbook.xml")) return "xlsx";
  if (has("xl/workbook.bin")) return "xlsb";
  const mimetype = entries.find((e) => e.name === "mimetype");
  if (mimetype) {
    try {
      if (zipText(bytes, mimetype).includes("opendocument.spreadsheet")) return "ods";
    } catch {
      return "damaged-zip";
    }
  }
  if (has("content.xml") && has("META-INF/manifest.xml")) return "ods";
  if (has("word/document.xml")) return "docx";
  return "zip";
}

/** What a file that is not a readable .xlsx is, and what to do about it. Null for "xlsx". */
export function fileKindMessage(kind: FileKind, file: string): Text2 | null {
  const f = `'${file}'`;
  const saveAs = {
    vi: "Hãy mở tệp bằng Excel hoặc LibreOffice, chọn Lưu thành (Save As) › Excel Workbook (.xlsx), rồi chạy lại với tệp mới.",
    en: "Open it in Excel or LibreOffice, choose Save As › Excel Workbook (.xlsx), and run again on the new file.",
  };
  switch (kind) {
    case "xlsx":
      return null;
    case "empty":
      return {
        vi: `Tệp ${f} rỗng (0 byte), không có gì để đọc. Có thể tệp chưa được tải về hoặc sao chép xong: hãy lấy lại tệp, hoặc mở bảng gốc bằng Excel và lưu lại.`,
        en: `${f} is empty (0 bytes): there is nothing to read. A download or copy may not have finished: fetch the file again, or open the original in Excel and save it again.`,
      };
    case "encrypted":
      return {
        vi: `Tệp ${f} được đặt mật khẩu mở tệp (mã hóa), ParScore không đọc được. Hãy mở tệp bằng Excel, vào Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu, xóa mật khẩu, lưu lại rồi chạy lại (hoặc lưu một bản không có mật khẩu).`,
        en: `${f} is protected with a password to open (encrypted), so ParScore cannot read it. Open it in Excel, go to File › Info › Protect Workbook › Encrypt with Password, clear the password, save, and run again (or save a copy without a password).`,
      };
    case "xls":
      return {
        vi: `Tệp ${f} là sổ Excel 97-2003 (.xls), không phải .xlsx (dù tên tệp có thể là .xlsx); ParScore chỉ đọc .xlsx. ${saveAs.vi}`,
        en: `${f} is an Excel 97-2003 workbook (.xls), not an .xlsx (whatever its name says); ParScore reads .xlsx only. ${saveAs.en}`,
      };
    case "ole":
      return {
        vi: `Tệp ${f} là tệp Office đời cũ (định dạng OLE), không phải sổ Excel .xlsx. ${saveAs.vi}`,
        en: `${f} is an old-style Office file (OLE format), not an Excel .xlsx workbook. ${saveAs.en}`,
      };
    case "ods":
      return {
        vi: `Tệp ${f} là bảng tính OpenDocument (.ods, của LibreOffice/OpenOffice), không phải .xlsx. ${saveAs.vi}`,
        en: `${f} is an OpenDocument spreadsheet (.ods, from LibreOffice/OpenOffice), not an .xlsx. ${saveAs.en}`,
      };
    case "xlsb":
      return {
        vi: `Tệp ${f} là sổ Excel nhị phân (.xlsb), ParScore chưa đọc được định dạng này. ${saveAs.vi}`,
        en: `${f} is an Excel Binary Workbook (.xlsb), a format ParScore cannot read. ${saveAs.en}`,
      };
    case "docx":
      return {
        vi: `Tệp ${f} là văn bản Word, không phải bảng tính. Hãy chép bảng điểm sang Excel, lưu thành .xlsx rồi chạy lại.`,
        en: `${f} is a Word document, not a spreadsheet. Copy the score table into Excel, save it as .xlsx, and run again.`,
      };
    case "damaged-zip":
      return {
        vi: `Tệp ${f} bị hỏng hoặc không đầy đủ (tệp .xlsx hay .ods là một tệp nén và một phần của nó bị thiếu hoặc sai mã kiểm tra; thường do tải về hoặc sao chép bị ngắt giữa chừng). Hãy lấy lại tệp từ nguồn, hoặc mở bảng gốc bằng Excel và lưu lại.`,
        en: `${f} is damaged or incomplete (an .xlsx or .ods is a zip archive and part of this one is missing or fails its checksum, usually from an interrupted download or copy). Fetch the file again, or open the original in Excel and save it again.`,
      };
    case "zip":
      return {
        vi: `Tệp ${f} không phải là tệp .xlsx đọc được: đó là một tệp nén (zip) nhưng không phải sổ Excel (không có xl/workbook.xml). Nếu bảng tính nằm bên trong, hãy giải nén trước; nếu không, hãy mở bảng gốc bằng Excel và lưu thành .xlsx.`,
        en: `${f} is not a readable .xlsx workbook: it is a zip archive but not an Excel workbook (it has no xl/workbook.xml). If the workbook is inside it, extract it first; otherwise open the original in Excel and save it as .xlsx.`,
      };
    case "html":
      return {
        vi: `Tệp ${f} là một trang web (HTML) mang tên tệp bảng tính; các hệ thống phần mềm thường xuất bảng như vậy. ${saveAs.vi}`,
        en: `${f} is a web page (HTML) with a spreadsheet's name, as some software exports tables. ${saveAs.en}`,
      };
    case "xml-2003":
      return {
        vi: `Tệp ${f} là bảng tính XML 2003 (XML Spreadsheet), không phải .xlsx. ${saveAs.vi}`,
        en: `${f} is an XML Spreadsheet 2003 file, not an .xlsx. ${saveAs.en}`,
      };
    case "pdf":
      return {
        vi: `Tệp ${f} là tài liệu PDF; ParScore đọc bảng tính. Hãy lấy bảng điểm dạng Excel (.xlsx) hoặc chép bảng sang Excel rồi lưu thành .xlsx.`,
        en: `${f} is a PDF document; ParScore reads spreadsheets. Get the score table as an Excel file (.xlsx), or copy the table into Excel and save it as .xlsx.`,
      };
    case "text":
      return {
        vi: `Tệp ${f} không phải là tệp .xlsx đọc được: đó là tệp văn bản, không phải sổ Excel. Nếu đó là bảng phân cách bằng dấu phẩy hoặc tab, hãy đổi đuôi tệp thành .csv hoặc .tsv; nếu không, hãy mở bằng Excel và lưu thành .xlsx.`,
        en: `${f} is not a readable .xlsx workbook: it is a text file, not an Excel workbook. If it is a table separated by commas or tabs, rename it to .csv or .tsv; otherwise open it in Excel and save it as .xlsx.`,
      };
    case "binary":
      return {
        vi: `Tệp ${f} không phải là tệp .xlsx đọc được (không nhận ra định dạng của tệp). Hãy mở bảng gốc bằng Excel và lưu thành .xlsx.`,
        en: `${f} is not a readable .xlsx workbook (its format is not recognised). Open the original in Excel and save it as .xlsx.`,
      };
  }
}
