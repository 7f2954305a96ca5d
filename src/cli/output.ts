import ExcelJS from "exceljs";
import { constants, promises as fs } from "fs";
import * as path from "path";
import type { Lang } from "../engine/types";
import { applyPlan, preservationWarnings, saveWorkbook, writeReport, xmlSafe, type ApplyResult } from "../hosts/xlsx/write-xlsx";
import type { PipelineResult } from "../pipeline/run";
import { buildReportPlan } from "../report";
import { isCellError, type Grid } from "../tables/grid";
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
 * Checks `-o` before any work is done: an .xlsx name, not a folder, in a folder that exists and can
 * be written; and never over the input when rewriting it would lose parts of it (charts, macros ...).
 */
export async function checkOutputPath(output: string, input: string): Promise<void> {
  if (path.extname(output).toLowerCase() !== ".xlsx") {
    throw new InputError(
      {
        vi: `-o '${output}': tệp kết quả là một sổ Excel .xlsx; hãy đặt tên kết thúc bằng .xlsx (ví dụ -o ket-qua.xlsx).`,
        en: `-o '${output}': the output is an Excel .xlsx workbook; give a name ending in .xlsx (e.g. -o scored.xlsx).`,
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
  if (inputKind(input) === "xlsx" && stat && (await sameFile(input, output))) {
    const lost = preservationWarnings(await fs.readFile(input));
    if (lost.length > 0) {
      throw new InputError(
        {
          vi: `-o '${output}' là chính tệp đầu vào, và ghi đè lên nó sẽ làm mất một phần nội dung (${lost.join("; ")}). Hãy ghi ra một tệp khác, ví dụ -o ket-qua.xlsx; tệp gốc được giữ nguyên.`,
          en: `-o '${output}' is the input file itself, and writing over it would lose parts of it (${lost.join("; ")}). Write to another file, e.g. -o scored.xlsx; the original stays as it is.`,
        },
        1,
      );
    }
  }
}

/**
 * Writes the input plus ParScore's sheets and highlights to `output`. A workbook input keeps its
 * own sheets as they were; a CSV/TSV input becomes a workbook whose first sheet holds the table as typed.
 */
export async function writeScoredWorkbook(
  input: string,
  output: string,
  result: PipelineResult,
  grids: Grid[],
  lang: Lang,
  detailUnits: readonly string[] = [],
  live: { formulas: boolean; rankOn?: "rounded" | "exact" } = { formulas: true },
): Promise<WrittenWorkbook> {
  const plan = buildReportPlan({ lang, tables: result.tables, detailUnits, formulas: live.formulas, rankOn: live.rankOn });
  if (inputKind(input) === "xlsx") {
    const { result: applied, warnings } = await writeReport(input, plan, output);
    return { sheets: applied.sheets, highlightRules: plan.highlights.length, notes: [...warnings, ...skippedNotes(applied.skipped, lang)] };
  }
  const workbook = new ExcelJS.Workbook();
  for (const grid of grids) writeGridAsSheet(workbook, grid);
  const applied = applyPlan(workbook, plan);
  await saveWorkbook(workbook, output);
  return { sheets: applied.sheets, highlightRules: plan.highlights.length, notes: skippedNotes(applied.skipped, lang) };
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

/** A text table's cells as typed: text stays text (never a formula), so "8,75" and "=1+1" survive. */
function writeGridAsSheet(workbook: ExcelJS.Workbook, grid: Grid): void {
  const sheet = workbook.addWorksheet(grid.sheet);
  grid.values.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value === null || value === "") return;
      const cell = sheet.getCell(grid.origin.row + r + 1, grid.origin.col + c + 1);
      cell.value = isCellError(value) ? value.error : typeof value === "string" ? xmlSafe(value) : value;
    });
  });
  for (const m of grid.merges) {
    sheet.mergeCells(grid.origin.row + m.top + 1, grid.origin.col + m.left + 1, grid.origin.row + m.bottom + 1, grid.origin.col + m.right + 1);
  }
}
