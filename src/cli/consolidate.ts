/**
 * `parscore consolidate <files or folders...>`: many units' one-unit score tables -> one many-unit
 * table (src/pipeline/consolidate.ts), its summary, JSON and report workbook.
 *
 * Inputs: a workbook whose sheets each hold one unit's table, or several files (one unit each), or
 * folders (every .xlsx, .xlsm, .xls, .ods, .csv and .tsv directly in them, sorted by name; Excel's lock files
 * "~$..." and hidden files skipped). With several files, a file that cannot be read is an error
 * finding located at that file and the others are still consolidated.
 *
 * Output (-o):
 * - one workbook in: that workbook, kept as it is, plus ParScore's gap and ranking sheets and the
 *   highlights on each unit's own sheet (as `analyze -o` does);
 * - several files (or one text file): a new workbook with the consolidated table as a data sheet
 *   ("Tổng hợp", readable again by `parscore analyze`), the gap and ranking sheets linking to it and
 *   the highlights on it. The input files are never written.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as path from "path";
import { EXAMPLE_CLASS_SCHEMES } from "../engine/classes";
import { finding } from "../engine/text";
import type { Finding, Lang } from "../engine/types";
import { applyPlan, saveWorkbook, xmlSafe } from "../hosts/xlsx/write-xlsx";
import { consolidate, consolidationSummary, consolidationToJson, dataSheet, type ConsolidationSource } from "../pipeline/consolidate";
import { toJson } from "../pipeline/json";
import type { PipelineResult } from "../pipeline/run";
import { summaryText } from "../pipeline/summary";
import { buildReportPlan } from "../report";
import { writeFileAtomic } from "../hosts/xlsx/atomic-write";
import { isCellError, type Grid } from "../tables/grid";
import { recogniseGrid, type RecogniseOptions } from "../tables/recognise";
import { InputError, inputKind, READ_EXTENSIONS, readFailure } from "./input";
import { createFileReader, defaultReadLimits, type FileReader, type ReadLimits } from "./read-pool";
import { type Io, matchUnits, parseMaxCells, parseTolerance, type TableCommandOptions } from "./command-options";
import { checkOutputPath, sheetList, writeOrExplain, writeScoredWorkbook } from "./output";
import { resolveTemplate } from "./template-option";
import { defaultMaxCells } from "../hosts/xlsx/size-guard";

export interface ConsolidateCliOptions extends TableCommandOptions {
  /** The heap one file may use while it is read, in MB. */
  fileMemory?: string;
  /** The seconds one file may take to read. */
  fileTimeout?: string;
}

/** File types a folder contributes. */
const TABLE_EXTENSIONS = new Set(READ_EXTENSIONS);

interface InputFile {
  path: string;
  /** How the file is named in locations and messages (its base name; the path when two share it). */
  label: string;
}

export async function consolidateCommand(inputs: string[], options: ConsolidateCliOptions, io: Io): Promise<number> {
  const lang = options.lang;
  const recognise: RecogniseOptions = { template: options.template ? await resolveTemplate(options.template) : undefined };
  const files = await expandInputs(inputs);
  const singleWorkbook = files.length === 1 && inputKind(files[0].path) === "xlsx";
  if (options.output) await checkConsolidateOutput(options.output, files, singleWorkbook, options.force);

  const maxCells = parseMaxCells(options.maxCells) ?? defaultMaxCells();
  const reader = createFileReader(readLimits(options));
  let read: ReadSources;
  try {
    read = await readSources(files, reader, maxCells, recognise);
  } finally {
    await reader.close();
  }
  const { sources, findings, sheets } = read;

  const consolidation = consolidate(sources, {
    lang,
    analysis: {
      rankOn: options.rankOn,
      tolerance: parseTolerance(options.tolerance),
      classScheme: EXAMPLE_CLASS_SCHEMES.find((c) => c.id === options.classes),
    },
  });
  const result: PipelineResult = { tables: consolidation.result ? [consolidation.result] : [], findings, sheets };
  const jsonToStdout = options.json === "-";
  const say = jsonToStdout ? io.err : io.out;
  const detailUnits = matchUnits(options.unit, result);

  say(consolidationSummary(consolidation, lang) + "\n");
  say(summaryText(result, lang) + "\n");
  if (options.json !== undefined) {
    const json = { ...toJson(result, inputs.join(", "), lang, undefined, detailUnits), consolidation: consolidationToJson(consolidation, lang) };
    const text = JSON.stringify(json, null, 2) + "\n";
    if (jsonToStdout) io.out(text);
    else await writeOrExplain(options.json, () => writeFileAtomic(options.json as string, text));
  }
  if (!consolidation.result) {
    io.err(
      lang === "vi"
        ? "Không tổng hợp được: không có bảng điểm một đơn vị nào đọc được (xem các phát hiện ở trên). Mỗi trang hoặc mỗi tệp cần một bảng tự đánh giá: STT | Nội dung | Điểm tối đa | Điểm tự đánh giá | Điểm thẩm định.\n"
        : "Nothing to consolidate: no one-unit score table could be read (see the findings above). Each sheet or file needs a self-assessment table: No. | Criterion | Max points | Self-assessed | Appraised.\n",
    );
    return 1;
  }
  if (options.output) {
    const output = options.output;
    const written = singleWorkbook
      ? await writeOrExplain(output, () => writeScoredWorkbook(files[0].path, output, result, [], lang, detailUnits, { formulas: options.formulas !== false, rankOn: options.rankOn }))
      : await writeOrExplain(output, () => writeNewWorkbook(consolidation, output, lang, detailUnits, { formulas: options.formulas !== false, rankOn: options.rankOn }));
    say(
      lang === "vi"
        ? `Đã ghi ${output}: ${sheetList(written.sheets, "vi")}; ${written.highlightRules} quy tắc tô màu.\n`
        : `Wrote ${output}: ${sheetList(written.sheets, "en")}; ${written.highlightRules} highlight rules.\n`,
    );
    for (const note of written.notes) say(`  - ${note}\n`);
  }
  return 0;
}

interface ReadSources {
  sources: ConsolidationSource[];
  findings: Finding[];
  sheets: string[];
}

/**
 * The one-unit tables of every file, in the order given. Every file is asked for at once (the pool
 * reads as many at a time as it has threads); answers are taken in order. A file that cannot be read
 * is a finding at that file when there are others.
 */
async function readSources(files: InputFile[], reader: FileReader, maxCells: number, recognise: RecogniseOptions): Promise<ReadSources> {
  const out: ReadSources = { sources: [], findings: [], sheets: [] };
  const reads = files.map((file) =>
    reader.read(file.path, maxCells).then(
      (grids) => ({ grids }),
      (error: unknown) => ({ error }),
    ),
  );
  let cells = 0;
  for (const [index, file] of files.entries()) {
    const label = files.length > 1 ? file.label : undefined;
    const read = await reads[index];
    if ("error" in read) {
      const err = read.error;
      if (!(err instanceof InputError) || files.length === 1) throw err;
      const text = err.text ?? { vi: err.message, en: err.message };
      out.findings.push(finding("unreadable-file", "error", text, { location: { sheet: `[${file.label}]` } }));
      continue;
    }
    // The cell limit holds for the whole run, not only per file: 700 files of a commune table add up.
    cells += read.grids.reduce((sum, grid) => sum + grid.values.reduce((n, row) => n + row.length, 0), 0);
    if (cells > maxCells) throw tooManyCells(files, index, cells, maxCells);
    for (const grid of read.grids) {
      out.sheets.push(label !== undefined ? `[${label}]${grid.sheet}` : grid.sheet);
      const recognition = recogniseGrid(grid, recognise);
      const perTable = new Set(recognition.tables.flatMap((t) => t.scorecard.findings));
      for (const f of recognition.findings) {
        if (perTable.has(f)) continue;
        out.findings.push(label !== undefined ? { ...f, location: { ...f.location, sheet: `[${label}]${f.location?.sheet ?? grid.sheet}` } } : f);
      }
      for (const table of recognition.tables) out.sources.push({ table, file: label });
    }
  }
  return out;
}

/** --file-memory MB and --file-timeout seconds over the defaults. */
function readLimits(options: ConsolidateCliOptions): ReadLimits {
  const limits = defaultReadLimits();
  const whole = (text: string, flag: string): number => {
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || n < 1) {
      throw new InputError({ vi: `${flag}: '${text}' không phải là số nguyên dương.`, en: `${flag}: '${text}' is not a positive whole number.` }, 2);
    }
    return n;
  };
  if (options.fileMemory !== undefined) limits.heapMb = Math.max(64, whole(options.fileMemory, "--file-memory"));
  if (options.fileTimeout !== undefined) limits.timeoutMs = whole(options.fileTimeout, "--file-timeout") * 1000;
  return limits;
}

/** The run's files together hold more cells than one run reads: said with how far it got and what to do. */
function tooManyCells(files: InputFile[], index: number, cells: number, limit: number): InputError {
  const n = (x: number, lang: Lang) => x.toLocaleString(lang === "vi" ? "vi-VN" : "en-US");
  return new InputError(
    {
      vi:
        `Các tệp cần tổng hợp vượt giới hạn ${n(limit, "vi")} ô cho một lần chạy: đến tệp '${files[index].label}' (tệp thứ ${index + 1}/${files.length}) đã có ${n(cells, "vi")} ô. ` +
        `Hãy tổng hợp theo từng nhóm đơn vị (mỗi thư mục một nhóm), hoặc nếu máy đủ bộ nhớ, nâng giới hạn bằng --max-cells (và NODE_OPTIONS=--max-old-space-size=...).`,
      en:
        `The files to consolidate exceed the limit of ${n(limit, "en")} cells one run reads: up to '${files[index].label}' (file ${index + 1} of ${files.length}) they hold ${n(cells, "en")} cells. ` +
        `Consolidate by group of units (one folder per group), or with enough memory raise the limit with --max-cells (and NODE_OPTIONS=--max-old-space-size=...).`,
    },
    1,
  );
}

/**
 * Files named, and the table files directly in folders named, in the order given (a folder's files
 * sorted by name, numbers in names compared as numbers: "don-vi-2" before "don-vi-10").
 */
async function expandInputs(inputs: string[]): Promise<InputFile[]> {
  const paths: string[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch((err: unknown) => {
      throw readFailure(input, err);
    });
    if (!stat.isDirectory()) {
      paths.push(input);
      continue;
    }
    const names = (await fs.readdir(input).catch((err: unknown) => {
      throw readFailure(input, err, { vi: "thư mục", en: "folder" });
    }))
      .filter((name) => !name.startsWith("~$") && !name.startsWith(".") && TABLE_EXTENSIONS.has(path.extname(name).toLowerCase()))
      .sort((a, b) => a.localeCompare(b, "vi", { numeric: true }));
    if (names.length === 0) {
      throw new InputError(
        {
          vi: `Thư mục '${input}' không có tệp ${READ_EXTENSIONS.join(", ")} nào để tổng hợp (không đọc thư mục con).`,
          en: `The folder '${input}' has no ${READ_EXTENSIONS.join(", ")} file to consolidate (sub-folders are not read).`,
        },
        1,
      );
    }
    paths.push(...names.map((name) => path.join(input, name)));
  }
  const seen = new Set<string>();
  const unique = paths.filter((p) => {
    const key = path.resolve(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const baseCount = new Map<string, number>();
  for (const p of unique) baseCount.set(path.basename(p), (baseCount.get(path.basename(p)) ?? 0) + 1);
  return unique.map((p) => ({ path: p, label: (baseCount.get(path.basename(p)) ?? 0) > 1 ? p : path.basename(p) }));
}

/** -o as `analyze -o` checks it; with several inputs, never one of them (the user's files are not written). */
async function checkConsolidateOutput(output: string, files: InputFile[], singleWorkbook: boolean, force?: boolean): Promise<void> {
  await checkOutputPath(output, singleWorkbook ? files[0].path : "", force);
  if (singleWorkbook) return;
  const real = async (p: string) => fs.realpath(p).catch(() => path.resolve(p));
  const target = await real(output);
  for (const file of files) {
    if ((await real(file.path)) === target) {
      throw new InputError(
        {
          vi: `-o '${output}' là một trong các tệp đầu vào; tổng hợp không ghi vào tệp của các đơn vị. Hãy ghi ra một tệp khác, ví dụ -o tong-hop.xlsx.`,
          en: `-o '${output}' is one of the input files; consolidation does not write into the units' files. Write to another file, e.g. -o consolidated.xlsx.`,
        },
        2,
      );
    }
  }
}

/** A new workbook: the data sheet first, then ParScore's sheets, highlights on the data sheet. */
async function writeNewWorkbook(
  consolidation: ReturnType<typeof consolidate>,
  output: string,
  lang: Lang,
  detailUnits: readonly string[],
  live: { formulas: boolean; rankOn?: "rounded" | "exact" },
): Promise<{ sheets: string[]; highlightRules: number; notes: string[] }> {
  const data = dataSheet(consolidation);
  if (!data) throw new Error("dataSheet: no consolidated table");
  const workbook = new ExcelJS.Workbook();
  writeDataSheet(workbook, data.grid);
  const plan = buildReportPlan({ lang, tables: [data.table], detailUnits, formulas: live.formulas, rankOn: live.rankOn });
  const applied = applyPlan(workbook, plan);
  await saveWorkbook(workbook, output);
  const charts = applied.skipped.filter((s) => s.kind === "chart").length;
  const notes = applied.skipped.filter((s) => s.kind !== "chart").map((s) => `${s.sheet}: ${s.reason}`);
  if (charts > 0) {
    notes.push(
      lang === "vi"
        ? `${charts} biểu đồ điểm bị trừ không được vẽ: thư viện ghi tệp .xlsx (ExcelJS) chưa hỗ trợ biểu đồ`
        : `${charts} lost-points chart(s) not drawn: the .xlsx writer (ExcelJS) cannot write charts`,
    );
  }
  return { sheets: [data.grid.sheet, ...applied.sheets], highlightRules: plan.highlights.length, notes };
}

/** The data sheet as a plain user sheet: text stays text (never a formula), numbers shown with 2 decimals. */
function writeDataSheet(workbook: ExcelJS.Workbook, grid: Grid): void {
  const headerRows = grid.merges.some((m) => m.bottom > m.top) ? 2 : 1;
  const sheet = workbook.addWorksheet(grid.sheet, { views: [{ state: "frozen", xSplit: 3, ySplit: 2 + headerRows }] });
  grid.values.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value === null || value === "") return;
      const cell = sheet.getCell(r + 1, c + 1);
      cell.value = isCellError(value) ? value.error : typeof value === "string" ? xmlSafe(value) : value;
      if (typeof value === "number") cell.numFmt = "0.00";
      if (r === 0 || (r >= 2 && r < 2 + headerRows)) cell.font = { bold: true };
      if (r >= 2 && r < 2 + headerRows) cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    });
  });
  const last = grid.values.length;
  sheet.getRow(last).font = { bold: true };
  for (const m of grid.merges) sheet.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  sheet.getColumn(1).width = 8;
  sheet.getColumn(2).width = 50;
  const width = grid.values.reduce((w, row) => Math.max(w, row.length), 0);
  for (let c = 3; c <= width; c++) sheet.getColumn(c).width = 12;
}
