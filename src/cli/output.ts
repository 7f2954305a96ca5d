import ExcelJS from "exceljs";
import type { Lang } from "../engine/types";
import { applyPlan, saveWorkbook, writeReport, type ApplyResult } from "../hosts/xlsx/write-xlsx";
import type { PipelineResult } from "../pipeline/run";
import { buildReportPlan } from "../report";
import { isCellError, type Grid } from "../tables/grid";
import { inputKind } from "./input";

export interface WrittenWorkbook {
  /** ParScore's sheets, as named in the written workbook. */
  sheets: string[];
  /** Highlight rules placed on the user's source tables. */
  highlightRules: number;
  /** What this host could not write (charts: ExcelJS has no chart support) and input features it may not keep. */
  notes: string[];
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
): Promise<WrittenWorkbook> {
  const plan = buildReportPlan({ lang, tables: result.tables, detailUnits });
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
      cell.value = isCellError(value) ? value.error : value;
    });
  });
  for (const m of grid.merges) {
    sheet.mergeCells(grid.origin.row + m.top + 1, grid.origin.col + m.left + 1, grid.origin.row + m.bottom + 1, grid.origin.col + m.right + 1);
  }
}
