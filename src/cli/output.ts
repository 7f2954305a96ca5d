import ExcelJS from "exceljs";
import { constants, promises as fs } from "fs";
import * as path from "path";
import type { Lang, Text2 } from "../engine/types";
import { applyPlan, saveWorkbook, WouldLoseParts, writeReport, xmlSafe, type ApplyResult } from "../hosts/xlsx/write-xlsx";
import type { AnalysedTable, PipelineResult } from "../pipeline/run";
import { planReportByTable, wholePlan, type GroupedSheetPlan } from "../report";
import { CHARTED_TABLES } from "../hosts/xlsx/write-parts";
import { isCellError, type Grid } from "../tables/grid";
import { fileKindMessage, sniffFile } from "../hosts/xlsx/sniff";
import { DamagedZipError } from "../hosts/xlsx/zip";
import { InputError, inputKind } from "./input";

export interface WrittenWorkbook {
  /** ParScore's sheets, as named in the written workbook. */
  sheets: string[];
  /** Highlight rules placed on the user's source tables. */
  highlightRules: number;
  /** What this host could not write (charts: ExcelJS has no chart support) and input features it may not keep. */
  notes: string[];
}

/** Whether two paths name the same file (symbolic links and relative paths resolved). */
async function sameFile(a: string, b: string): Promise<boolean> {
  const real = async (p: string) => fs.realpath(p).catch(() => path.resolve(p));
  return (await real(a)) === (await real(b));
}

/**
 * Checks `-o` before any work is done: an .xlsx name (.xlsm for an .xlsm input), not a folder, in a
 * folder that exists and can be written; not over a read-only file unless `force` (as cp and Excel
 * ask first). Over the input itself is allowed when the parts writer copies every part of it;
 * writeScoredWorkbook refuses it when rewriting would lose some (charts, macros ...).
 */
export async function checkOutputPath(output: string, input: string, force = false): Promise<void> {
  const extension = path.extname(output).toLowerCase();
  // An .xlsm keeps a macro-enabled input's macros; any other workbook is an .xlsx.
  if (extension !== ".xlsx" && !(extension === ".xlsm" && path.extname(input).toLowerCase() === ".xlsm")) {
    throw new InputError(
      {
        vi: `-o '${output}': tệp kết quả là một sổ Excel .xlsx (hoặc .xlsm khi tệp đầu vào là .xlsm); hãy đặt tên kết thúc bằng .xlsx (ví dụ -o ket-qua.xlsx).`,
        en: `-o '${output}': the output is an Excel .xlsx workbook (or .xlsm when the input is one); give a name ending in .xlsx (e.g. -o scored.xlsx).`,
      },
      2,
    );
  }
  const stat = await fs.stat(output).catch(() => null);
  if (stat?.isDirectory()) {
    throw new InputError(
      {
        vi: `-o '${output}' là một thư mục, không phải tệp; hãy ghi tên tệp kết quả trong thư mục đó (ví dụ -o '${path.join(output, "ket-qua.xlsx")}').`,
        en: `-o '${output}' is a folder, not a file; name the output file inside it (e.g. -o '${path.join(output, "scored.xlsx")}').`,
      },
      1,
    );
  }
  const dir = path.dirname(path.resolve(output));
  const dirStat = await fs.stat(dir).catch(() => null);
  if (!dirStat?.isDirectory()) {
    throw new InputError(
      {
        vi: `-o '${output}': không có thư mục '${dir}'; hãy tạo thư mục trước hoặc chọn thư mục khác.`,
        en: `-o '${output}': the folder '${dir}' does not exist; create it first or choose another folder.`,
      },
      1,
    );
  }
  const writable = await fs.access(dir, constants.W_OK).then(
    () => true,
    () => false,
  );
  if (!writable) {
    throw new InputError(
      {
        vi: `-o '${output}': không có quyền ghi vào thư mục '${dir}'; hãy chọn một thư mục của bạn.`,
        en: `-o '${output}': no permission to write in the folder '${dir}'; choose a folder of yours.`,
      },
      1,
    );
  }
  if (stat && !force && (await isReadOnly(output, stat.mode))) {
    throw new InputError(
      {
        vi: `-o '${output}': tệp này chỉ cho đọc (read-only), nên ParScore không ghi đè lên nó. Hãy ghi ra một tệp khác, hoặc thêm --force nếu thật sự muốn thay tệp này.`,
        en: `-o '${output}': this file is read-only, so ParScore does not write over it. Write to another file, or add --force if you really mean to replace it.`,
      },
      1,
    );
  }
}

/** No write permission for us, or no write bit for anyone (root may write anything; a 0444 file still says "keep"). */
async function isReadOnly(file: string, mode: number): Promise<boolean> {
  if ((mode & 0o222) === 0) return true;
  return fs.access(file, constants.W_OK).then(
    () => false,
    () => true,
  );
}

/**
 * Writes the input plus ParScore's sheets and highlights to `output`. An .xlsx input keeps its own
 * sheets as they were; a CSV/TSV, .xls or .ods input becomes a new workbook whose first sheets hold
 * its tables as read (text as typed, numbers with their number formats, merges).
 *
 * For an .xlsx input, `result.tables` and `grids` are handed over: both arrays are emptied, and each
 * table is let go once its sheets are written, so nothing of them may be used after this call.
 */
export async function writeScoredWorkbook(
  input: string,
  output: string,
  result: PipelineResult,
  grids: Grid[],
  lang: Lang,
  detailUnits: readonly string[] = [],
  live: { formulas: boolean; rankOn?: "rounded" | "exact" } = { formulas: true },
  progress?: (tables: number, of: number) => void,
): Promise<WrittenWorkbook> {
  // An .xlsx gets ParScore's sheets added; an .xls or .ods (even one named .xlsx) is never rewritten: a new .xlsx holds its tables.
  if (inputKind(input) === "xlsx" && sniffFile(await fs.readFile(input)) === "xlsx") {
    // The tables are handed over and each let go once its sheets are planned: 10,000 tables' grids
    // and analyses (with what planning caches on them) are half a gigabyte, held to the end otherwise.
    grids.length = 0;
    const tables: (AnalysedTable | undefined)[] = result.tables.splice(0);
    const plan = releasingPlan(planReportByTable({ lang, tables: tables as AnalysedTable[], detailUnits, formulas: live.formulas, rankOn: live.rankOn }), tables);
    let report: Awaited<ReturnType<typeof writeReport>>;
    // Over the input, or into an .xlsm (whose macros an ExcelJS rewrite would drop), losing parts is refused.
    const overInput = await sameFile(input, output);
    try {
      report = await writeReport(input, plan, output, { refuseLoss: overInput || /\.xlsm$/i.test(output), progress });
    } catch (err) {
      // A part the reader did not need ([Content_Types].xml, a sheet's relationships) may be the damaged one.
      if (err instanceof DamagedZipError) throw new InputError(fileKindMessage("damaged-zip", input) as Text2, 1);
      if (err instanceof WouldLoseParts && !overInput) {
        throw new InputError(
          {
            vi: `-o '${output}': không giữ được toàn bộ sổ này khi ghi (${err.lost.join("; ")}). Hãy ghi ra một tệp .xlsx, ví dụ -o ket-qua.xlsx (macro sẽ không được giữ).`,
            en: `-o '${output}': this workbook cannot be written with all its parts (${err.lost.join("; ")}). Write to an .xlsx, e.g. -o scored.xlsx (without its macros).`,
          },
          1,
        );
      }
      if (err instanceof WouldLoseParts) {
        throw new InputError(
          {
            vi: `-o '${output}' là chính tệp đầu vào, và ghi đè lên nó sẽ làm mất một phần nội dung (${err.lost.join("; ")}). Hãy ghi ra một tệp khác, ví dụ -o ket-qua.xlsx; tệp gốc được giữ nguyên.`,
            en: `-o '${output}' is the input file itself, and writing over it would lose parts of it (${err.lost.join("; ")}). Write to another file, e.g. -o scored.xlsx; the original stays as it is.`,
          },
          1,
        );
      }
      throw err;
    }
    const { result: applied, warnings } = report;
    return { sheets: applied.sheets, highlightRules: plan.highlights.length, notes: [...warnings, ...skippedNotes(applied.skipped, lang), ...unchartedNote(applied.unchartedTables ?? 0, lang)] };
  }
  const plan = planReportByTable({ lang, tables: result.tables, detailUnits, formulas: live.formulas, rankOn: live.rankOn });
  const workbook = new ExcelJS.Workbook();
  for (const grid of grids) writeGridAsSheet(workbook, grid);
  const applied = applyPlan(workbook, wholePlan(plan));
  await saveWorkbook(workbook, output);
  return { sheets: applied.sheets, highlightRules: plan.highlights.length, notes: skippedNotes(applied.skipped, lang) };
}

/**
 * The plan of `tables` (the array the plan reads) that lets table k go once group k is planned. The
 * parts writer asks for each group once, in order; a group asked for again cannot be planned.
 */
function releasingPlan(plan: GroupedSheetPlan, tables: (AnalysedTable | undefined)[]): GroupedSheetPlan {
  return {
    ...plan,
    group: (k) => {
      if (!tables[k]) throw new Error(`the sheets of table ${k + 1} were planned already and its analysis let go`);
      const placed = plan.group(k);
      tables[k] = undefined;
      return placed;
    },
  };
}

/** Says which tables' sheets have no charts, why, and how to get them (write-parts.ts CHARTED_TABLES). */
function unchartedNote(uncharted: number, lang: Lang): string[] {
  if (uncharted === 0) return [];
  const locale = lang === "vi" ? "vi-VN" : "en-US";
  const charted = CHARTED_TABLES.toLocaleString(locale);
  const rest = uncharted.toLocaleString(locale);
  return [
    lang === "vi"
      ? `Biểu đồ chỉ được vẽ cho ${charted} bảng đầu tiên; ${rest} bảng sau có đủ trang phân tích và xếp hạng nhưng không có biểu đồ, để tệp và thời gian ghi không quá lớn. Muốn có biểu đồ của một bảng, hãy chạy lại với --sheet "Tên trang".`
      : `Charts are drawn for the first ${charted} tables only; the ${rest} tables after them have their full analysis and ranking sheets but no charts, to keep the file and the time to write it within bounds. For one table's charts, run again with --sheet "Sheet name".`,
  ];
}

/** One line for all charts (a limit of the .xlsx writer, not the user's problem), one per anything else. */
function skippedNotes(skipped: ApplyResult["skipped"], lang: Lang): string[] {
  const charts = skipped.filter((s) => s.kind === "chart").length;
  const notes = skipped.filter((s) => s.kind !== "chart").map((s) => `${s.sheet}: ${s.reason}`);
  if (charts > 0) {
    notes.push(
      lang === "vi"
        ? `${charts} biểu đồ điểm bị trừ không được vẽ: thư viện ghi tệp .xlsx (ExcelJS) chưa hỗ trợ biểu đồ`
        : `${charts} lost-points chart(s) not drawn: the .xlsx writer (ExcelJS) cannot write charts`,
    );
  }
  return notes;
}

/** A table's cells as read: text stays text (never a formula), so "8,75" and "=1+1" survive; formats and merges kept. */
export function writeGridAsSheet(workbook: ExcelJS.Workbook, grid: Grid): void {
  const sheet = workbook.addWorksheet(grid.sheet);
  grid.values.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value === null || value === "") return;
      const cell = sheet.getCell(grid.origin.row + r + 1, grid.origin.col + c + 1);
      cell.value = isCellError(value) ? value.error : typeof value === "string" ? xmlSafe(value) : value;
      const format = grid.formats?.[r]?.[c];
      if (format && typeof value === "number") cell.numFmt = format;
    });
  });
  for (const m of grid.merges) {
    sheet.mergeCells(grid.origin.row + m.top + 1, grid.origin.col + m.left + 1, grid.origin.row + m.bottom + 1, grid.origin.col + m.right + 1);
  }
}

/** The sheets written, named: all of them up to 12, else the first 10 and how many more. */
export function sheetList(sheets: readonly string[], lang: Lang): string {
  const named = (list: readonly string[]) => list.map((s) => `'${s}'`).join(", ");
  if (sheets.length <= 12) return named(sheets);
  const more = (sheets.length - 10).toLocaleString(lang === "vi" ? "vi-VN" : "en-US");
  return `${named(sheets.slice(0, 10))} ${lang === "vi" ? `và ${more} trang khác` : `and ${more} more`}`;
}

/** A write that fails says which file, why, and that nothing was left half-written. */
export async function writeOrExplain<T>(target: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!code) throw err;
    const reasons: Record<string, { vi: string; en: string }> = {
      ENOSPC: { vi: "ổ đĩa đã đầy", en: "the disk is full" },
      EISDIR: { vi: "đó là một thư mục", en: "it is a folder" },
      ENOENT: { vi: "thư mục không tồn tại", en: "the folder does not exist" },
      EACCES: { vi: "không có quyền ghi", en: "no permission to write" },
      EPERM: { vi: "không có quyền ghi", en: "no permission to write" },
      EBUSY: { vi: "tệp đang mở trong chương trình khác (Excel?); hãy đóng tệp", en: "the file is open in another program (Excel?); close it" },
      EROFS: { vi: "ổ đĩa chỉ cho đọc", en: "the disk is read-only" },
    };
    const reason = reasons[code] ?? { vi: "hệ thống báo lỗi khi ghi", en: "the system reported an error writing it" };
    throw new InputError(
      {
        vi: `Không ghi được '${target}' (${code}): ${reason.vi}. Không có tệp nào bị ghi dở; tệp cũ (nếu có) và tệp đầu vào vẫn như trước. Hãy chọn chỗ ghi khác rồi chạy lại.`,
        en: `Could not write '${target}' (${code}): ${reason.en}. Nothing was left half-written; the previous file (if any) and the input are as they were. Choose another place to write and run again.`,
      },
      1,
    );
  }
}
