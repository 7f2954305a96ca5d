/**
 * The pane's flow, without React: find a table -> recognised -> write the chosen outputs ->
 * summary, with progress, cancellation and an error for every failure. The components render
 * `PaneState` and call these methods; tests drive a Session with fake actions.
 *
 * The pure part (recognise, analyse, plan) runs behind `Pipeline` (pipeline.ts): in a Web Worker
 * in the pane, so a big table never blocks the page (Office restarts an add-in whose page blocks
 * for about 5 seconds); in the page where there is no Worker. Tasks yield to the browser (a
 * macrotask) between stages, so progress paints. A range over PANE_MAX_CELLS (limits.ts) is
 * refused before it is analysed, before it is read when the host can tell its size.
 */
import type { Facts, FindingFact, UnitFact } from "./facts";
import {
  CancelledError,
  PaneTooLargeError,
  errorMessage,
  toPaneError,
  type ApplyOutcome,
  type GridSource,
  type PaneActions,
  type PaneError,
  type SheetSize,
  type WorkbookSheet,
} from "./actions";
import type { Lang } from "./i18n";
import { PANE_MAX_CELLS, gridCells } from "./limits";
import { PagePipeline, type AnalysedRef, type Pipeline, type WorkModule, type WorkStage } from "./pipeline";
import type { Outputs } from "./work";
import { uniqueFileBases } from "../report/file-names";
import { DOCX_TYPE, XLSX_TYPE, ZIP_TYPE, downloadFile } from "./download";

export type { Outputs, WorkModule };

export type Task = "find" | "write" | "remove" | "distribute" | "report";
export type Stage = "loading" | "reading" | WorkStage | "writing" | "removing" | "building" | "reporting";

export interface Busy {
  task: Task;
  stage: Stage;
  /** 0..1, or null when unknown (indeterminate bar). */
  fraction: number | null;
  /** Items written / to write while writing. */
  done: number | null;
  total: number | null;
  cancellable: boolean;
  cancelling: boolean;
}

export interface Found {
  /** Where the table came from; "consolidation": the units' sheets, consolidated into one table. */
  source: GridSource["kind"] | "consolidation";
  /** What was read ("'TT Huế 2018-2019'!A1:F15"). */
  address: string;
  /** Facts to show; what planning needs stays in the pipeline (the worker). */
  analysed: AnalysedRef;
  /** The workbook's sheets, in tab order: where a responsibility table may be (empty when Excel could not say). */
  sheets?: string[];
  /** "Dùng trang này làm bộ tiêu chí" chosen: that sheet, and the facts with its set applied, shown before writing. */
  criteriaSet?: { sheet: string; facts: Facts };
}

export interface Written {
  outcome: ApplyOutcome;
  outputs: Outputs;
  /** The facts with the choices applied (classes, targets, responsibility), or null when they are the analysis' own. */
  facts?: Facts | null;
}

export type Notice = { kind: "highlights-removed"; count: number };

/** Which units' own workbooks to make: one unit of a table, or every unit of every table. */
export type UnitChoice = { table: number; unit: string } | "all";

/** What "Tạo sổ riêng cho từng đơn vị" made, and how the user got it. */
export interface UnitWorkbooksMade {
  scope: "one" | "all";
  made: { unit: string; file: string; errors: number }[];
  failed: { unit: string; message: string }[];
  /**
   * "opened": in a new Excel window (ExcelApi 1.8); "downloaded": saved by the browser (one .xlsx, or
   * a .zip of all); "not-delivered": neither was possible (the pane says what to do instead).
   */
  delivery: "opened" | "downloaded" | "not-delivered" | null;
  /** The downloaded file's name. */
  fileName: string | null;
}

export type ApiState = "unknown" | "checking" | "ok" | "missing";

export type PaneFailure = PaneError | { kind: "nothing-recognised"; address: string; findings: FindingFact[] };

export interface PaneState {
  api: ApiState;
  requiredApi: string | null;
  phase: "start" | "recognised" | "summary";
  busy: Busy | null;
  found: Found | null;
  written: Written | null;
  error: PaneFailure | null;
  notice: Notice | null;
  /** The workbook's sheets, ParScore's own marked, once listed for a consolidation (null: not listed). */
  workbookSheets: WorkbookSheet[] | null;
  /** The units' own workbooks last made (null: none since the table was found). */
  unitWorkbooks: UnitWorkbooksMade | null;
  /** The Word report last made: downloaded, or not (the pane then says what to do). */
  report: { delivery: "downloaded" | "not-delivered"; fileName: string } | null;
}

export const INITIAL_STATE: PaneState = {
  api: "unknown",
  requiredApi: null,
  phase: "start",
  busy: null,
  found: null,
  written: null,
  error: null,
  notice: null,
  workbookSheets: null,
  unitWorkbooks: null,
  report: null,
};

export interface SessionDeps {
  /** The Excel side, loaded on demand (excel-actions.ts in the pane, a fake in tests). */
  actions: () => Promise<PaneActions>;
  /** The pure part: a worker in the pane (pipeline.ts, createPipeline). */
  pipeline?: Pipeline;
  /** Or work.ts, loaded on demand and run in the page (tests). One of the two is needed. */
  work?: () => Promise<WorkModule>;
  /** Lets the browser paint; a macrotask by default. */
  yieldToBrowser?: () => Promise<void>;
  /** Cells the pane analyses at most (PANE_MAX_CELLS by default). */
  maxCells?: number;
  /** Saves a file through the browser; false where it cannot (download.ts by default). */
  download?: (bytes: Uint8Array, fileName: string, type: string) => boolean;
}

/** Progress while finding: where each stage starts. */
const FIND_FRACTION: Record<WorkStage, number> = { recognising: 0.4, analysing: 0.6, planning: 0.9 };

/** Resolves on the next macrotask (after pending rendering and input). */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Progress shown while writing: planning takes the first tenth, the host's items the rest. */
export function writeFraction(done: number, total: number): number {
  if (total <= 0) return 0.1;
  return 0.1 + 0.9 * Math.min(1, Math.max(0, done / total));
}

/** `facts` with unit `unit` of table `table` replaced by `fact` (the rest shared, not copied). */
function withUnit(facts: Facts, table: number, unit: number, fact: UnitFact): Facts {
  const tables = facts.tables.map((t, i) => (i === table ? { ...t, units: t.units.map((u, j) => (j === unit ? fact : u)) } : t));
  return { ...facts, tables };
}

export class Session {
  private state: PaneState = INITIAL_STATE;
  private readonly listeners = new Set<() => void>();
  private controller: AbortController | null = null;
  private readonly yieldToBrowser: () => Promise<void>;
  private actionsPromise: Promise<PaneActions> | null = null;
  private readonly pipeline: Pipeline;
  private readonly maxCells: number;
  /** The outputs of the last write as the pipeline got them (with the sheets read for them): a unit's details use the same choices. */
  private writtenOutputs: Outputs | null = null;
  /** Units whose details are being asked for ("table/unit"). */
  private readonly detailsAsked = new Set<string>();

  constructor(private readonly deps: SessionDeps) {
    this.yieldToBrowser = deps.yieldToBrowser ?? nextMacrotask;
    if (deps.pipeline) this.pipeline = deps.pipeline;
    else if (deps.work) this.pipeline = new PagePipeline(deps.work);
    else throw new Error("Session needs a pipeline or a work module");
    this.maxCells = deps.maxCells ?? PANE_MAX_CELLS;
  }

  // --- store (useSyncExternalStore) ---------------------------------------

  getState = (): PaneState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private set(patch: Partial<PaneState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener();
  }

  private setBusy(patch: Partial<Busy>): void {
    if (this.state.busy) this.set({ busy: { ...this.state.busy, ...patch } });
  }

  private loadActions(): Promise<PaneActions> {
    if (!this.actionsPromise) {
      this.actionsPromise = this.deps.actions();
      this.actionsPromise.catch(() => (this.actionsPromise = null)); // a failed load may be retried
    }
    return this.actionsPromise;
  }

  /** Shows `found` (or nothing); the analysis it replaces is released from the pipeline. */
  private setFound(found: Found | null, patch: Partial<PaneState>): void {
    const previous = this.state.found;
    const same = previous?.analysed === found?.analysed;
    this.set({ ...patch, found, unitWorkbooks: same ? this.state.unitWorkbooks : null, report: same ? this.state.report : null });
    if (previous && previous.analysed !== found?.analysed) this.pipeline.release(previous.analysed);
  }

  /**
   * The end of finding a table (read and analysed, or consolidated): cancelled, nothing recognised
   * at `address`, or step 2 with what was found and the sheets a responsibility table may be on.
   */
  private async settleFound(
    analysed: AnalysedRef,
    address: string,
    signal: AbortSignal,
    rest: () => Promise<{ source: Found["source"]; sheets: string[] }>,
  ): Promise<void> {
    this.setBusy({ fraction: 1 });
    await this.yieldToBrowser();
    if (signal.aborted) {
      this.pipeline.release(analysed);
      throw new CancelledError();
    }
    if (analysed.facts.tables.length === 0) {
      this.pipeline.release(analysed);
      this.setFound(null, { phase: "start", written: null, error: { kind: "nothing-recognised", address, findings: analysed.facts.findings } });
      return;
    }
    const { source, sheets } = await rest();
    this.setFound({ source, address, analysed, sheets }, { phase: "recognised", written: null });
  }

  // --- actions --------------------------------------------------------------

  /** Checks the ExcelApi requirement set once the host is Excel. */
  async checkApi(): Promise<void> {
    if (this.state.api !== "unknown") return;
    this.set({ api: "checking" });
    try {
      const actions = await this.loadActions();
      const ok = actions.apiSupported();
      this.set({ api: ok ? "ok" : "missing", requiredApi: actions.requiredApi });
    } catch (err) {
      this.set({ api: "unknown", error: toPaneError(err) });
    }
  }

  /** Reads the table (active sheet or selection) and analyses it. */
  async find(source: GridSource): Promise<void> {
    if (this.state.busy || this.state.api !== "ok") return;
    const signal = this.begin("find", "loading", 0.02, true);
    try {
      const actions = await this.race(this.loadActions(), signal);
      this.stage("reading", 0.1);
      await this.yieldToBrowser();
      // Too big for the pane: said before reading when the host can tell the size, else after.
      const size = actions.measure ? await this.race(actions.measure(source), signal) : null;
      if (size && size.cells > this.maxCells) throw new PaneTooLargeError(size.cells, this.maxCells, size.address);
      const read = await this.race(actions.read(source), signal);
      const cells = gridCells(read.grid);
      if (cells > this.maxCells) throw new PaneTooLargeError(cells, this.maxCells, read.address);
      this.stage("recognising", FIND_FRACTION.recognising);
      await this.yieldToBrowser();
      const analysed = await this.race(
        this.pipeline.analyse(read.grid, { signal, onStage: (stage) => this.stage(stage, FIND_FRACTION[stage]) }),
        signal,
      );
      await this.settleFound(analysed, read.address, signal, async () =>
        // The sheets to offer for a responsibility table: one more sync; without them the option is only hidden.
        ({ source: source.kind, sheets: actions.listSheets ? await this.race(actions.listSheets().catch(() => [] as string[]), signal) : [] }),
      );
    } catch (err) {
      this.set({ error: toPaneError(err) });
    } finally {
      this.end();
    }
  }

  /** Lists the workbook's sheets (one sync) for step 1's consolidation choice. */
  async listWorkbookSheets(): Promise<void> {
    if (this.state.busy || this.state.api !== "ok") return;
    try {
      const actions = await this.loadActions();
      if (!actions.listWorkbookSheets) throw new Error("ParScore: this host cannot list the workbook's sheets");
      this.set({ workbookSheets: await actions.listWorkbookSheets() });
    } catch (err) {
      this.set({ error: toPaneError(err) });
    }
  }

  /**
   * Reads the chosen sheets (one unit's self-assessment table each) with a constant number of
   * syncs and consolidates them into one table in the pipeline, as `parscore consolidate book.xlsx`
   * does. Sheets that together exceed the pane's cell limit are refused before a cell is read.
   */
  async consolidate(names: readonly string[]): Promise<void> {
    if (this.state.busy || this.state.api !== "ok" || names.length === 0) return;
    const signal = this.begin("find", "loading", 0.02, true);
    try {
      const actions = await this.race(this.loadActions(), signal);
      if (!actions.readSheets) throw new Error("ParScore: this host cannot read several sheets");
      this.stage("reading", 0.1);
      await this.yieldToBrowser();
      const refuseOverLimit = (sizes: SheetSize[]) => {
        const cells = sizes.reduce((n, size) => n + size.cells, 0);
        if (cells <= this.maxCells) return;
        const largest = sizes.reduce((a, b) => (b.cells > a.cells ? b : a));
        throw new PaneTooLargeError(cells, this.maxCells, largest.address, sizes.length);
      };
      const read = await this.race(actions.readSheets(names, { beforeRead: refuseOverLimit }), signal);
      // Said again on what was read, for a host that could not tell the sizes first.
      refuseOverLimit(read.grids.map((grid, i) => ({ sheet: grid.sheet, cells: gridCells(grid), address: read.addresses[i] })));
      const address = read.addresses.join(", ");
      this.stage("recognising", FIND_FRACTION.recognising);
      await this.yieldToBrowser();
      if (!this.pipeline.consolidate) throw new Error("ParScore: this pipeline cannot consolidate");
      const analysed = await this.race(
        this.pipeline.consolidate(read.grids, { signal, onStage: (stage) => this.stage(stage, FIND_FRACTION[stage]) }),
        signal,
      );
      await this.settleFound(analysed, address || names.join(", "), signal, async () => {
        // A responsibility table may be on a sheet that was not consolidated (no more syncs: the list is known).
        const chosen = new Set(names);
        return { source: "consolidation", sheets: (this.state.workbookSheets ?? []).map((sheet) => sheet.name).filter((name) => !chosen.has(name)) };
      });
    } catch (err) {
      this.set({ error: toPaneError(err) });
    } finally {
      this.end();
    }
  }

  /**
   * "Dùng trang này làm bộ tiêu chí": reads the sheet and shows what was recognised with its set applied
   * (maxima, findings), as writing will apply it; null shows the table's own again.
   */
  async useCriteriaSet(sheet: string | null): Promise<void> {
    const found = this.state.found;
    if (this.state.busy || !found || this.state.phase !== "recognised") return;
    if (sheet === null || !this.pipeline.chosen) {
      if (found.criteriaSet) this.set({ found: { ...found, criteriaSet: undefined } });
      return;
    }
    const signal = this.begin("find", "reading", 0.1, true);
    try {
      const actions = await this.race(this.loadActions(), signal);
      const read = await this.race(actions.read({ kind: "sheet", name: sheet }), signal);
      this.stage("analysing", FIND_FRACTION.analysing);
      const outputs: Outputs = { gap: true, ranking: false, highlights: false, criteriaSheet: sheet, criteriaGrid: read.grid };
      const facts = await this.race(this.pipeline.chosen(found.analysed, outputs, { signal }), signal);
      if (this.state.found === found) this.set({ found: { ...found, criteriaSet: { sheet, facts } } });
    } catch (err) {
      this.set({ error: toPaneError(err) });
    } finally {
      this.end();
    }
  }

  /** Plans the chosen outputs from what was recognised and writes them to the workbook. */
  async write(outputs: Outputs, lang: Lang): Promise<void> {
    const found = this.state.found;
    if (this.state.busy || !found) return;
    if (!outputs.gap && !outputs.ranking && !outputs.highlights) return;
    const signal = this.begin("write", "planning", 0.02, true);
    try {
      const actions = await this.race(this.loadActions(), signal);
      await this.yieldToBrowser();
      let chosen: Outputs = { ...outputs, responsibilityGrid: null, criteriaGrid: null };
      if (outputs.responsibilitySheet) {
        // The responsibility table: one more read (constant syncs), parsed in the pipeline like the CLI's --responsibility.
        this.stage("reading", 0.02);
        const read = await this.race(actions.read({ kind: "sheet", name: outputs.responsibilitySheet }), signal);
        chosen = { ...chosen, responsibilityGrid: read.grid };
        this.stage("planning", 0.05);
      }
      if (outputs.criteriaSheet) {
        // The user's criteria set: one more read, made into a template in the pipeline (the CLI's template from-sheet).
        this.stage("reading", 0.02);
        const read = await this.race(actions.read({ kind: "sheet", name: outputs.criteriaSheet }), signal);
        chosen = { ...chosen, criteriaGrid: read.grid };
        this.stage("planning", 0.05);
      }
      // Stages other than planning only when the worker lost the analysis and makes it again.
      const run = { signal, onStage: (stage: WorkStage) => this.stage(stage, 0.05) };
      const { plan, facts } = await this.race(
        this.pipeline.planned
          ? this.pipeline.planned(found.analysed, lang, chosen, run)
          : this.pipeline.plan(found.analysed, lang, chosen, run).then((p) => ({ plan: p, facts: null })),
        signal,
      );
      this.stage("writing", writeFraction(0, 0));
      await this.yieldToBrowser();
      this.check(signal);
      // Not raced: the host stops between syncs when the signal fires, and the pane waits for it,
      // so nothing keeps writing behind a pane that says it stopped.
      const outcome = await actions.apply(plan, {
        signal,
        onProgress: (done, total) => this.setBusy({ done, total, fraction: writeFraction(done, total) }),
      });
      this.writtenOutputs = chosen;
      // ParScore's sheets changed: a consolidation lists the sheets afresh.
      this.set({ phase: "summary", written: { outcome, outputs: { ...outputs, responsibilityGrid: null }, facts }, workbookSheets: null });
    } catch (err) {
      this.set({ error: toPaneError(err) });
    } finally {
      this.end();
    }
  }

  /**
   * Shows unit `unit` (its index) of table `table` after writing: a unit whose details were left for
   * later (`detailsLater`, in a table of thousands of units) gets them from the pipeline, with the
   * choices of the write, in place of its summary.
   */
  async showUnit(table: number, unit: number): Promise<void> {
    const found = this.state.found;
    const written = this.state.written;
    const outputs = this.writtenOutputs;
    const shown = (written?.facts ?? found?.analysed.facts)?.tables[table]?.units[unit];
    const key = `${table}/${unit}`;
    if (!found || !written || !shown?.detailsLater || !this.pipeline.unitDetails || this.detailsAsked.has(key)) return;
    this.detailsAsked.add(key);
    try {
      const fact = await this.pipeline.unitDetails(found.analysed, written.facts ? outputs : null, table, unit);
      // Shown only if the pane still shows that write.
      const now = this.state.written;
      if (this.state.found !== found || !now || this.writtenOutputs !== outputs) return;
      this.set({ written: { ...now, facts: withUnit(now.facts ?? found.analysed.facts, table, unit, fact) } });
    } catch (err) {
      if (!(err instanceof CancelledError)) this.set({ error: toPaneError(err) });
    } finally {
      this.detailsAsked.delete(key);
    }
  }

  /**
   * "Tạo sổ riêng cho từng đơn vị": each chosen unit's own workbook, made in the pipeline by the
   * module `parscore split` uses. One unit's workbook opens in a new Excel window (ExcelApi 1.8) or,
   * where Excel cannot, is downloaded; all units' are downloaded as one .zip. A unit whose workbook
   * cannot be made is listed with the reason and the others are still made.
   */
  async makeUnitWorkbooks(choice: UnitChoice, lang: Lang): Promise<void> {
    const found = this.state.found;
    const pipeline = this.pipeline;
    if (this.state.busy || !found || !pipeline.unitWorkbook) return;
    const tables = found.analysed.facts.tables;
    const jobs =
      choice === "all"
        ? tables.flatMap((table, t) => table.units.map((u) => ({ table: t, unit: u.name })))
        : [{ table: choice.table, unit: choice.unit }];
    if (jobs.length === 0) return;
    const names = uniqueFileBases(jobs.map((j) => j.unit)).map((base) => `${base}.xlsx`);
    const signal = this.begin("distribute", "building", 0, true);
    this.set({ unitWorkbooks: null });
    try {
      const actions = await this.race(this.loadActions(), signal);
      const files: { name: string; bytes: Uint8Array }[] = [];
      const made: UnitWorkbooksMade["made"] = [];
      const failed: UnitWorkbooksMade["failed"] = [];
      this.setBusy({ done: 0, total: jobs.length });
      for (const [i, job] of jobs.entries()) {
        try {
          const file = await this.race(pipeline.unitWorkbook(found.analysed, lang, job.table, job.unit, { signal }), signal);
          files.push({ name: names[i], bytes: file.bytes });
          made.push({ unit: job.unit, file: names[i], errors: file.errors });
        } catch (err) {
          if (err instanceof CancelledError) throw err;
          failed.push({ unit: job.unit, message: errorMessage(err) });
        }
        this.setBusy({ done: i + 1, total: jobs.length, fraction: (i + 1) / jobs.length });
        await this.yieldToBrowser();
      }
      let delivery: UnitWorkbooksMade["delivery"] = null;
      let fileName: string | null = null;
      if (choice !== "all" && files.length === 1) {
        const opened = actions.openWorkbook ? await actions.openWorkbook(files[0].bytes) : false;
        if (opened) delivery = "opened";
        else {
          fileName = files[0].name;
          delivery = this.download(files[0].bytes, fileName, XLSX_TYPE) ? "downloaded" : "not-delivered";
        }
      } else if (files.length > 0) {
        const { zipSync } = await import(/* webpackChunkName: "zip" */ "fflate");
        // The workbooks are compressed already: stored as they are.
        const entries: Record<string, Uint8Array> = {};
        for (const f of files) entries[f.name] = f.bytes;
        const zip = zipSync(entries, { level: 0 });
        fileName = lang === "vi" ? "so-don-vi.zip" : "unit-workbooks.zip";
        delivery = this.download(zip, fileName, ZIP_TYPE) ? "downloaded" : "not-delivered";
      }
      this.set({ unitWorkbooks: { scope: choice === "all" ? "all" : "one", made, failed, delivery, fileName } });
    } catch (err) {
      this.set({ error: toPaneError(err) });
    } finally {
      this.end();
    }
  }

  /** The report as a Word document (`parscore report`), made in the pipeline and downloaded. */
  async downloadReport(lang: Lang): Promise<void> {
    const found = this.state.found;
    const pipeline = this.pipeline;
    if (this.state.busy || !found || !pipeline.reportDocx) return;
    const signal = this.begin("report", "reporting", null, true);
    this.set({ report: null });
    try {
      const bytes = await this.race(pipeline.reportDocx(found.analysed, lang, { signal }), signal);
      const fileName = lang === "vi" ? "bao-cao-chi-so-cchc.docx" : "par-index-report.docx";
      this.set({ report: { delivery: this.download(bytes, fileName, DOCX_TYPE) ? "downloaded" : "not-delivered", fileName } });
    } catch (err) {
      this.set({ error: toPaneError(err) });
    } finally {
      this.end();
    }
  }

  private download(bytes: Uint8Array, fileName: string, type: string): boolean {
    return (this.deps.download ?? downloadFile)(bytes, fileName, type);
  }

  async removeHighlights(): Promise<void> {
    if (this.state.busy) return;
    this.begin("remove", "removing", null, false);
    try {
      const actions = await this.loadActions();
      await this.yieldToBrowser();
      const count = await actions.removeHighlights();
      this.set({ notice: { kind: "highlights-removed", count } });
    } catch (err) {
      this.set({ error: toPaneError(err) });
    } finally {
      this.end();
    }
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    try {
      const actions = await this.loadActions();
      await actions.selectCell(sheet, cell);
    } catch (err) {
      const failure = toPaneError(err);
      this.set({ error: failure.kind === "unexpected" ? { kind: "select-failed", sheet, cell, message: failure.message } : failure });
    }
  }

  cancel(): void {
    const busy = this.state.busy;
    if (!busy || !busy.cancellable || !this.controller) return;
    this.setBusy({ cancelling: true });
    this.controller.abort();
  }

  dismissError(): void {
    if (this.state.error) this.set({ error: null });
  }

  dismissNotice(): void {
    if (this.state.notice) this.set({ notice: null });
  }

  /** Back to step 1 (keeps the API check). */
  startOver(): void {
    if (this.state.busy) return;
    this.setFound(null, { phase: "start", written: null, error: null, notice: null, workbookSheets: null });
  }

  // --- helpers -------------------------------------------------------------

  private begin(task: Task, stage: Stage, fraction: number | null, cancellable: boolean): AbortSignal {
    this.controller = new AbortController();
    this.set({
      busy: { task, stage, fraction, done: null, total: null, cancellable, cancelling: false },
      error: null,
      notice: null,
    });
    return this.controller.signal;
  }

  private stage(stage: Stage, fraction: number | null): void {
    this.setBusy({ stage, fraction, done: null, total: null });
  }

  private end(): void {
    this.controller = null;
    this.set({ busy: null });
  }

  private check(signal: AbortSignal): void {
    if (signal.aborted) throw new CancelledError();
  }

  /** Settles with `promise`, or rejects with CancelledError as soon as `signal` fires. */
  private race<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
    this.check(signal);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new CancelledError());
      signal.addEventListener("abort", onAbort, { once: true });
      promise.then(
        (value) => {
          signal.removeEventListener("abort", onAbort);
          if (signal.aborted) reject(new CancelledError());
          else resolve(value);
        },
        (err) => {
          signal.removeEventListener("abort", onAbort);
          reject(signal.aborted ? new CancelledError() : err);
        },
      );
    });
  }
}
