import { promises as fs } from "fs";
import * as path from "path";
import type { Lang, Text2 } from "../engine/types";
import { DelimitedTooBig, MAX_LINE_BYTES, readDelimitedFile, readFileHead } from "../hosts/csv/read-csv";
import { readWorkbookBytes } from "../hosts/sheetjs/read-workbook";
import { readXlsx } from "../hosts/xlsx/read-xlsx";
import { countWorkbookCells, DEFAULT_MAX_CELLS, defaultMaxCells, type SheetSize, tooMuchXmlMessage, xmlBudget } from "../hosts/xlsx/size-guard";
import { fileKindMessage, sniffFile } from "../hosts/xlsx/sniff";
import { TooMuchXmlError } from "../hosts/xlsx/xml-stream";
import { DamagedZipError, verifyArchive } from "../hosts/xlsx/zip";
import type { Grid } from "../tables/grid";

/**
 * A failure the user can cause and fix: a file that cannot be read, a usage mistake. `text` says,
 * in Vietnamese and English, what is wrong, where, and what to do; the CLI prints the chosen
 * language first and the other after it.
 */
export class InputError extends Error {
  readonly text: Text2 | null;
  constructor(
    message: string | Text2,
    readonly exitCode: number,
  ) {
    super(typeof message === "string" ? message : `${message.en} / ${message.vi}`);
    this.text = typeof message === "string" ? null : message;
  }

  /** The message for the console: the chosen language, then the other one. */
  render(lang: Lang): string {
    if (!this.text) return this.message;
    const other: Lang = lang === "vi" ? "en" : "vi";
    return `${this.text[lang]}\n  ${this.text[other]}`;
  }
}

/**
 * How a file is read: an .xlsx/.xlsm with ExcelJS (and `-o` adds ParScore's sheets to it); a text
 * table streamed; an Excel 97-2003 or OpenDocument workbook with SheetJS (`-o` writes a new .xlsx).
 */
export type InputKind = "xlsx" | "delimited" | "xls-ods";

/** The extensions ParScore reads, for messages and for the files a folder contributes. */
export const READ_EXTENSIONS = [".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv"];
const READ_LIST = READ_EXTENSIONS.join(", ");

export function inputKind(file: string): InputKind | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".xlsx" || ext === ".xlsm") return "xlsx";
  if (ext === ".xls" || ext === ".ods") return "xls-ods";
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") return "delimited";
  return null;
}

/** Formats ParScore cannot read, by extension, with what to do. */
const OTHER_FORMATS: Record<string, Text2> = {
  ".xlsb": { vi: "sổ Excel nhị phân (.xlsb)", en: "an Excel Binary Workbook (.xlsb)" },
  ".numbers": { vi: "bảng tính Apple Numbers", en: "an Apple Numbers spreadsheet" },
  ".xltx": { vi: "mẫu Excel (.xltx)", en: "an Excel template (.xltx)" },
};

function unsupported(file: string): InputError {
  const ext = path.extname(file).toLowerCase();
  const known = OTHER_FORMATS[ext];
  if (known) {
    return new InputError(
      {
        vi: `'${file}' là ${known.vi}; ParScore đọc ${READ_LIST}. Hãy mở tệp bằng Excel hoặc LibreOffice, chọn Lưu thành (Save As) › Excel Workbook (.xlsx), rồi chạy lại với tệp mới.`,
        en: `'${file}' is ${known.en}; ParScore reads ${READ_LIST}. Open it in Excel or LibreOffice, choose Save As › Excel Workbook (.xlsx), and run again on the new file.`,
      },
      2,
    );
  }
  return new InputError(
    {
      vi: `'${file}': định dạng không hỗ trợ; ParScore đọc ${READ_LIST}. Hãy lưu bảng điểm thành một trong các định dạng này.`,
      en: `'${file}': unsupported file type; ParScore reads ${READ_LIST}. Save the score table in one of these formats.`,
    },
    2,
  );
}

/** Why a file could not be read, from the system's error code. */
export function readFailure(file: string, err: unknown, what: Text2 = { vi: "tệp", en: "file" }): InputError {
  const code = (err as NodeJS.ErrnoException).code ?? String(err);
  const reasons: Record<string, Text2> = {
    ENOENT: { vi: "không có tệp này; hãy kiểm tra tên và thư mục", en: "there is no such file; check the name and folder" },
    EISDIR: { vi: "đây là một thư mục, không phải tệp; hãy chỉ ra tệp bên trong", en: "it is a folder, not a file; name a file in it" },
    EACCES: { vi: "không có quyền đọc tệp; hãy sao chép tệp sang thư mục của bạn", en: "no permission to read it; copy the file to a folder of yours" },
    EPERM: { vi: "không có quyền đọc tệp; hãy sao chép tệp sang thư mục của bạn", en: "no permission to read it; copy the file to a folder of yours" },
    EBUSY: { vi: "tệp đang bị chương trình khác khóa; hãy đóng tệp trong Excel rồi chạy lại", en: "another program has it locked; close it in Excel and run again" },
  };
  const reason = reasons[code] ?? { vi: "hệ thống báo lỗi khi đọc", en: "the system reported an error reading it" };
  return new InputError(
    { vi: `Không đọc được ${what.vi} '${file}' (${code}): ${reason.vi}.`, en: `Cannot read ${what.en} '${file}' (${code}): ${reason.en}.` },
    1,
  );
}

/**
 * A CSV/TSV file's table gets its file name as sheet name; `-o` makes it a worksheet, and Excel
 * refuses names with : \ / ? * [ ], longer than 31 characters, edged with ' or named History.
 */
export function sheetNameForFile(file: string): string {
  let name = path
    .basename(file, path.extname(file))
    .replace(/\[/g, "(")
    .replace(/\]/g, ")")
    .replace(/[:\\/?*\u0000-\u001f]/g, "-")
    .replace(/^'+|'+$/g, "")
    .trim();
  if (name.length > 31) name = name.slice(0, /[\ud800-\udbff]/.test(name[30]) ? 30 : 31).trim();
  if (name === "" || name.toLowerCase() === "history") name = name === "" ? "Sheet1" : `${name} (1)`;
  return name;
}

export interface ReadOptions {
  /** The most cells a run reads (see size-guard.ts); default defaultMaxCells(). */
  maxCells?: number;
}

function formatCount(n: number, lang: Lang): string {
  return n.toLocaleString(lang === "vi" ? "vi-VN" : "en-US");
}

/** An estimate to 3 significant digits (12,566,507 -> 12,600,000): no false precision. */
function roughly(n: number): number {
  if (n < 1000) return n;
  const scale = 10 ** (Math.floor(Math.log10(n)) - 2);
  return Math.round(n / scale) * scale;
}

/** The message for a workbook or text file above the cell limit. */
export function tooBigError(file: string, sizes: SheetSize[], limit: number): InputError {
  const estimated = sizes.some((s) => s.partial);
  if (estimated) sizes = sizes.map((s) => ({ ...s, cells: roughly(s.cells), rows: roughly(s.rows) }));
  const sum = sizes.reduce((s, x) => s + x.cells, 0);
  const total = estimated ? roughly(sum) : sum;
  const biggest = [...sizes].sort((a, b) => b.cells - a.cells).filter((s) => s.cells > 0).slice(0, 3);
  const about = (lang: Lang) => (estimated ? (lang === "vi" ? "khoảng " : "about ") : "");
  const sheets = (lang: Lang) =>
    biggest
      .map((s) =>
        lang === "vi"
          ? `trang '${s.sheet}': ${about(lang)}${formatCount(s.cells, lang)} ô, ${formatCount(s.rows, lang)} dòng`
          : `sheet '${s.sheet}': ${about(lang)}${formatCount(s.cells, lang)} cells, ${formatCount(s.rows, lang)} rows`,
      )
      .join("; ");
  const which = {
    vi: limit === DEFAULT_MAX_CELLS ? " (khoảng 12.000 đơn vị × 120 tiêu chí)" : "",
    en: limit === DEFAULT_MAX_CELLS ? " (about 12,000 units x 120 criteria)" : "",
  };
  const suggest = Math.ceil((total * 1.1) / 100_000) * 100_000;
  const heapMb = Math.ceil((suggest * 2_500) / 1e6 / 1024) * 1024;
  return new InputError(
    {
      vi:
        `'${file}' quá lớn: ${about("vi")}${formatCount(total, "vi")} ô (${sheets("vi")}), vượt giới hạn ${formatCount(limit, "vi")} ô ` +
        `mà ParScore đọc trong một lần chạy${which.vi}; đọc hết sẽ làm cạn bộ nhớ. ` +
        `Hãy tách bảng thành nhiều tệp nhỏ hơn (ví dụ theo huyện hoặc nhóm đơn vị) rồi chạy từng tệp, hoặc xóa các trang không cần; ` +
        `nếu máy đủ bộ nhớ, có thể nâng giới hạn: NODE_OPTIONS=--max-old-space-size=${heapMb} parscore analyze ... --max-cells ${suggest}.`,
      en:
        `'${file}' is too big: ${about("en")}${formatCount(total, "en")} cells (${sheets("en")}), above the limit of ${formatCount(limit, "en")} cells ` +
        `ParScore reads in one run${which.en}; reading it all would run out of memory. ` +
        `Split the table into smaller files (e.g. by district or group of units) and run each, or delete sheets you do not need; ` +
        `with enough memory you can raise the limit: NODE_OPTIONS=--max-old-space-size=${heapMb} parscore analyze ... --max-cells ${suggest}.`,
    },
    1,
  );
}

/**
 * Reads a workbook or a CSV/TSV file into Grids; a sheet filter keeps one sheet. Sheets ParScore wrote
 * (gap analysis, ranking) are not input: reading them would analyse our own output on a re-run.
 * Files that are not what their name says, damaged, encrypted or too big are refused with a message
 * that says what they are and what to do, before anything heavy runs.
 */
export async function readGrids(file: string, sheet?: string, options: ReadOptions = {}): Promise<Grid[]> {
  const kind = inputKind(file);
  if (!kind) throw unsupported(file);
  const maxCells = options.maxCells ?? defaultMaxCells();
  const { grids, sheetNames } = kind === "delimited" ? { grids: await readTextGrids(file, maxCells), sheetNames: null } : await readWorkbookGrids(file, kind, maxCells, sheet);
  if (sheet === undefined) return grids;
  const wanted = grids.filter((g) => g.sheet === sheet || g.sheet.normalize("NFC") === sheet.normalize("NFC"));
  if (wanted.length === 0) {
    const names = (sheetNames ?? grids.map((g) => g.sheet)).map((g) => `'${g}'`).join(", ");
    throw new InputError(
      {
        vi: `Không có trang '${sheet}' trong '${file}' (các trang: ${names}); hãy ghi đúng tên trang sau --sheet.`,
        en: `No sheet named '${sheet}' in '${file}' (sheets: ${names}); give one of these names after --sheet.`,
      },
      1,
    );
  }
  return wanted;
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    throw readFailure(file, err);
  }
}

/** What a workbook that could not be read is, and what to do. */
function unreadableWorkbook(file: string, err: unknown, format: Text2): InputError {
  const why = (err as Error).message;
  return new InputError(
    {
      vi: `'${file}' không phải là ${format.vi} đọc được (${why}); tệp có thể bị hỏng hoặc do một chương trình khác tạo sai. Hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại thành .xlsx, rồi chạy lại.`,
      en: `'${file}' is not a readable ${format.en} (${why}); it may be damaged or written incorrectly by another program. Open it in Excel or LibreOffice, save it again as .xlsx, and run again.`,
    },
    1,
  );
}

/**
 * An .xlsx/.xlsm read with ExcelJS, or an .xls/.ods with SheetJS; an .xlsx that is really an Excel
 * 97-2003 or OpenDocument workbook (renamed) is read as what it is.
 */
async function readWorkbookGrids(file: string, kind: "xlsx" | "xls-ods", maxCells: number, sheet?: string): Promise<{ grids: Grid[]; sheetNames: string[] | null }> {
  const bytes = await readBytes(file);
  const sniffed = sniffFile(bytes);
  if (sniffed === "xls" || sniffed === "ods" || (kind === "xls-ods" && (sniffed === "xlsx" || sniffed === "html" || sniffed === "xml-2003"))) {
    return { grids: readConvertedGrids(file, bytes, maxCells), sheetNames: null };
  }
  const wrong = fileKindMessage(sniffed, file);
  if (wrong) throw new InputError(wrong, 1);
  const sizes = await countWorkbookCells(bytes, maxCells, xmlBudget(maxCells));
  if (sizes.reduce((s, x) => s + x.cells, 0) > maxCells) throw tooBigError(file, sizes, maxCells);
  try {
    const contents = await readXlsx(bytes, { sheet, skipOwned: true, maxBytes: xmlBudget(maxCells), maxStrings: maxCells });
    return { grids: contents.grids, sheetNames: contents.sheets };
  } catch (err) {
    if (err instanceof TooMuchXmlError) throw new InputError(tooMuchXmlMessage(file, err.part, err.limit, err.unit), 1);
    if (err instanceof DamagedZipError) throw new InputError(fileKindMessage("damaged-zip", file) as Text2, 1);
    throw unreadableWorkbook(file, err, { vi: "tệp .xlsx", en: ".xlsx workbook" });
  }
}

/** An Excel 97-2003, OpenDocument (or web-page .xls) workbook, through SheetJS. */
function readConvertedGrids(file: string, bytes: Buffer, maxCells: number): Grid[] {
  const sniffed = sniffFile(bytes);
  if (sniffed === "ods" || sniffed === "xlsx") {
    // A zip: ours to check first, so SheetJS never meets a damaged stream or a bomb.
    let tooMuch: string | undefined;
    try {
      tooMuch = verifyArchive(bytes, xmlBudget(maxCells));
    } catch (err) {
      if (err instanceof DamagedZipError) throw new InputError(fileKindMessage("damaged-zip", file) as Text2, 1);
      throw err;
    }
    if (tooMuch !== undefined) throw new InputError(tooMuchXmlMessage(file, tooMuch, xmlBudget(maxCells)), 1);
  }
  let book: ReturnType<typeof readWorkbookBytes>;
  try {
    book = readWorkbookBytes(bytes);
  } catch (err) {
    if (/password|encrypt/i.test((err as Error).message)) throw new InputError(fileKindMessage("encrypted", file) as Text2, 1);
    throw unreadableWorkbook(file, err, { vi: "sổ Excel 97-2003 (.xls) hay OpenDocument (.ods)", en: "Excel 97-2003 (.xls) or OpenDocument (.ods) workbook" });
  }
  const cells = book.sizes.reduce((s, x) => s + x.cells, 0);
  if (cells > maxCells) throw tooBigError(file, book.sizes.map((s) => ({ sheet: s.sheet, cells: s.cells, rows: s.rows, partial: false })), maxCells);
  // A stray cell far from the table would make a grid of the whole rectangle between them.
  const area = book.sizes.reduce((s, x) => s + x.area, 0);
  if (area > maxCells) throw tooBigError(file, book.sizes.map((s) => ({ sheet: s.sheet, cells: s.area, rows: s.rows, partial: false })), maxCells);
  return book.grids();
}

/** A CSV/TSV file, streamed: refused as soon as it proves too big. */
async function readTextGrids(file: string, maxCells: number): Promise<Grid[]> {
  // The first bytes tell what the file is without reading it all.
  const head = await readFileHead(file, 65_536).catch((err: unknown) => {
    throw readFailure(file, err);
  });
  let sniffed = sniffFile(head);
  if (sniffed === "empty") throw new InputError(fileKindMessage("empty", file) as Text2, 1);
  if (sniffed !== "text" && sniffed !== "html" && sniffed !== "binary" && sniffed !== "xml-2003") {
    // A zip or Compound File is told apart by its directory, at the end of the file.
    sniffed = sniffFile(await readBytes(file));
    const what = fileKindMessage(sniffed, file);
    throw new InputError(
      {
        vi: `'${file}' mang tên tệp văn bản (.csv/.tsv) nhưng không phải văn bản. ${sniffed === "xlsx" ? "Đó là một sổ Excel .xlsx: hãy đổi đuôi tệp thành .xlsx rồi chạy lại." : (what?.vi ?? "")}`,
        en: `'${file}' has a text file's name (.csv/.tsv) but is not text. ${sniffed === "xlsx" ? "It is an Excel .xlsx workbook: rename it to .xlsx and run again." : (what?.en ?? "")}`,
      },
      1,
    );
  }
  const sheetName = sheetNameForFile(file);
  try {
    return [await readDelimitedFile(file, { sheet: sheetName, maxCells })].map(({ encoding: _encoding, ...grid }) => grid);
  } catch (err) {
    if (!(err instanceof DelimitedTooBig)) throw (err as NodeJS.ErrnoException).code ? readFailure(file, err) : err;
    const refusal = err.refusal;
    if (refusal.kind === "line-too-long") throw lineTooLongError(file, refusal.line);
    throw tooBigError(file, [{ sheet: sheetName, cells: refusal.cells, rows: refusal.rows, partial: refusal.partial }], maxCells);
  }
}

/** A text file with a line longer than any table's row: a wrong format, or a hostile file. */
function lineTooLongError(file: string, line: number): InputError {
  const limit = (lang: Lang) => formatCount(MAX_LINE_BYTES, lang);
  return new InputError(
    {
      vi: `'${file}' quá lớn: dòng ${formatCount(line, "vi")} dài hơn ${limit("vi")} byte, không phải một dòng của bảng điểm (có thể tệp không phải bảng phân cách bằng dấu phẩy/tab, hoặc một ô chứa cả một văn bản). Hãy mở tệp bằng Excel, kiểm tra dòng đó, rồi lưu lại thành .xlsx hoặc .csv.`,
      en: `'${file}' is too big: line ${formatCount(line, "en")} is longer than ${limit("en")} bytes, which no row of a score table is (the file may not be a comma- or tab-separated table, or one cell holds a whole document). Open it in Excel, check that line, and save it again as .xlsx or .csv.`,
    },
    1,
  );
}
