/**
 * `parscore split <file> --out-dir DIR`: one workbook per unit (src/report/unit-workbook.ts), named
 * after the unit (src/report/file-names.ts). Each unit is written on its own: a unit whose workbook
 * cannot be made is listed with the reason and the others are still written.
 */
import ExcelJS from "exceljs";
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import { Worker } from "worker_threads";
import * as path from "path";
import { applyPlan, saveWorkbook, shareStyles } from "../hosts/xlsx/write-xlsx";
import { uniqueFileBases } from "../report/file-names";
import type { PlaceScope } from "../report/unit-place-sheet";
import { planUnitWorkbook, tableUnits } from "../report/unit-workbook";
import { InputError } from "./input";
import { type Io, matchUnits } from "./command-options";
import { writeGridAsSheet, writeOrExplain } from "./output";
import { runTables, type TableRun, type TableRunOptions } from "./table-run";
import type { AnalysedTable } from "../pipeline/run";

export interface SplitCliOptions extends TableRunOptions {
  outDir: string;
  scope: PlaceScope;
  foldNames?: boolean;
  formulas: boolean;
  unit: string[];
  /** Threads writing at once, this one included (default: one per core, up to 4, for 64 units or more). */
  jobs?: string;
  /** Print a progress line every this many units (default: about every 5%). */
  progressEvery?: number;
}

export interface SplitOutcome {
  unit: string;
  file: string | null;
  /** Why the unit's workbook was not written. */
  error?: string;
  /** Error findings about the unit's own cells, written into its workbook. */
  errors: number;
}

const TEXT = {
  progress: { vi: (k: number, n: number, unit: string) => `  ${k}/${n}: ${unit}\n`, en: (k: number, n: number, unit: string) => `  ${k}/${n}: ${unit}\n` },
  done: {
    vi: (k: number, n: number, dir: string, s: string) => `Đã ghi ${k}/${n} sổ đơn vị vào '${dir}' (${s} giây).\n`,
    en: (k: number, n: number, dir: string, s: string) => `Wrote ${k} of ${n} unit workbooks to '${dir}' (${s} s).\n`,
  },
  failed: { vi: "Không ghi được:", en: "Not written:" },
  withErrors: {
    vi: (n: number) => `Có lỗi dữ liệu (đã ghi vào trang phân tích của sổ) ở ${n} đơn vị:`,
    en: (n: number) => `Data errors (listed on the workbook's gap sheet) for ${n} unit(s):`,
  },
  nothing: { vi: "Không có bảng điểm nào có đơn vị để tách.\n", en: "No score table with units to split.\n" },
} as const;

export interface SplitJob {
  table: AnalysedTable;
  tableIndex: number;
  unit: string;
  /** File name without the folder. */
  fileName: string;
}

export interface SplitRun {
  run: TableRun;
  jobs: SplitJob[];
}

/** Reads and analyses the file and lists the units to write, with their file names; the same in every worker. */
export async function prepareSplit(file: string, options: SplitCliOptions): Promise<SplitRun> {
  const run = await runTables(file, options);
  const wanted = matchUnits(options.unit, run.result);
  const units = run.result.tables.flatMap((table, tableIndex) =>
    tableUnits(table.analysis)
      .filter((unit) => wanted.length === 0 || wanted.includes(unit))
      .map((unit) => ({ table, tableIndex, unit })),
  );
  const names = uniqueFileBases(
    units.map((j) => j.unit),
    { fold: options.foldNames === true },
  );
  return { run, jobs: units.map((j, i) => ({ ...j, fileName: `${names[i]}.xlsx` })) };
}

/** Writes one unit's workbook; a failure is the unit's outcome, never an exception. */
export async function writeUnitWorkbook(split: SplitRun, job: SplitJob, options: SplitCliOptions): Promise<SplitOutcome> {
  const { table, tableIndex, unit } = job;
  const target = path.join(options.outDir, job.fileName);
  try {
    const grid = split.run.grids.find((g) => g.sheet === table.table.sheet);
    if (!grid) throw new Error(`sheet '${table.table.sheet}' not read`);
    const planned = planUnitWorkbook(table, grid, unit, {
      lang: options.lang,
      formulas: options.formulas !== false,
      rankOn: options.rankOn,
      scope: options.scope,
      targetLines: (u) => split.run.targetLines(tableIndex, u),
    });
    const workbook = new ExcelJS.Workbook();
    writeGridAsSheet(workbook, planned.grid);
    applyPlan(workbook, planned.plan);
    shareStyles(workbook);
    await writeOrExplain(target, () => saveWorkbook(workbook, target));
    return { unit, file: target, errors: planned.errors };
  } catch (err) {
    const reason = err instanceof InputError ? err.render(options.lang) : (err as Error).message;
    return { unit, file: null, error: reason, errors: 0 };
  }
}

/** Units below this are written in this thread: starting workers costs a second of reading each. */
const PARALLEL_FROM = 64;

export async function splitCommand(file: string, options: SplitCliOptions, io: Io): Promise<number> {
  const lang = options.lang;
  const started = Date.now();
  const split = await prepareSplit(file, options);
  const { jobs } = split;
  if (jobs.length === 0) {
    io.err(TEXT.nothing[lang]);
    return 1;
  }
  await writeOrExplain(options.outDir, () => fs.mkdir(options.outDir, { recursive: true }));
  const every = options.progressEvery ?? Math.max(1, Math.ceil(jobs.length / 20));
  let done = 0;
  const progress = (outcome: SplitOutcome): void => {
    done++;
    if (done % every === 0 || done === jobs.length) io.err(TEXT.progress[lang](done, jobs.length, outcome.unit));
  };
  const workers = workerCount(options, jobs.length);
  const outcomes =
    workers > 1 ? await writeInWorkers(split, file, options, workers, progress) : await writeHere(split, options, progress);
  const written = outcomes.filter((o) => o.file !== null);
  io.out(TEXT.done[lang](written.length, jobs.length, options.outDir, ((Date.now() - started) / 1000).toFixed(1)));
  const failed = outcomes.filter((o) => o.file === null);
  if (failed.length > 0) {
    io.out(`${TEXT.failed[lang]}\n`);
    for (const o of failed) io.out(`  - ${o.unit}: ${o.error}\n`);
  }
  const withErrors = written.filter((o) => o.errors > 0);
  if (withErrors.length > 0) {
    io.out(`${TEXT.withErrors[lang](withErrors.length)}\n`);
    for (const o of withErrors) io.out(`  - ${o.unit} (${o.errors}): ${path.basename(o.file as string)}\n`);
  }
  return failed.length === 0 ? 0 : 1;
}

async function writeHere(split: SplitRun, options: SplitCliOptions, progress: (o: SplitOutcome) => void): Promise<SplitOutcome[]> {
  const outcomes: SplitOutcome[] = [];
  for (const job of split.jobs) {
    const outcome = await writeUnitWorkbook(split, job, options);
    outcomes.push(outcome);
    progress(outcome);
  }
  return outcomes;
}

/** The compiled worker (dist/cli/split-worker.js); absent when running from TypeScript sources. */
function workerScript(): string | null {
  const script = path.join(__dirname, "split-worker.js");
  return existsSync(script) ? script : null;
}

function workerCount(options: SplitCliOptions, jobs: number): number {
  const asked = options.jobs === undefined ? undefined : Number(options.jobs);
  if (asked !== undefined && (!Number.isInteger(asked) || asked < 1)) {
    throw new InputError({ vi: `--jobs: '${options.jobs}' không phải là số nguyên dương.`, en: `--jobs: '${options.jobs}' is not a positive whole number.` }, 2);
  }
  if (!workerScript()) return 1;
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  const wanted = asked ?? (jobs >= PARALLEL_FROM ? Math.min(cores, 4) : 1);
  return Math.max(1, Math.min(wanted, Math.ceil(jobs / 16)));
}

/**
 * This thread and `threads - 1` workers take the next unit from one queue until none is left, so a
 * worker that starts late (it reads the file itself first) or a slow unit never leaves a thread idle.
 */
async function writeInWorkers(split: SplitRun, file: string, options: SplitCliOptions, threads: number, progress: (o: SplitOutcome) => void): Promise<SplitOutcome[]> {
  const total = split.jobs.length;
  const outcomes: SplitOutcome[] = new Array(total);
  let next = 0;
  const take = (): number => (next < total ? next++ : -1);
  const record = (index: number, outcome: SplitOutcome): void => {
    outcomes[index] = outcome;
    progress(outcome);
  };
  const workers = Array.from({ length: threads - 1 }, () => {
    return new Promise<void>((resolve, reject) => {
      const data: SplitWorkerData = { file, options };
      const worker = new Worker(workerScript() as string, { workerData: data });
      worker.on("message", (m: SplitWorkerMessage) => {
        if (m.outcome && m.index !== undefined) record(m.index, m.outcome);
        worker.postMessage(take());
      });
      worker.on("error", reject);
      worker.on("exit", () => resolve());
    });
  });
  for (let index = take(); index >= 0; index = take()) record(index, await writeUnitWorkbook(split, split.jobs[index], options));
  const ended = await Promise.allSettled(workers);
  // A worker that died (out of memory ...) leaves the unit it was writing unwritten: listed, not lost.
  const died = ended.find((f): f is PromiseRejectedResult => f.status === "rejected");
  split.jobs.forEach((job, i) => {
    outcomes[i] ??= { unit: job.unit, file: null, error: died ? String((died.reason as Error)?.message ?? died.reason) : "not written", errors: 0 };
  });
  return outcomes;
}

/** A worker's message: ready for a unit (first), or a unit's outcome (and ready for the next). */
export interface SplitWorkerMessage {
  index?: number;
  outcome?: SplitOutcome;
}

export interface SplitWorkerData {
  file: string;
  options: SplitCliOptions;
}


