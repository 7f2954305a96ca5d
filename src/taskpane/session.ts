/**
 * The pane's flow, without React: find a table -> recognised -> write the chosen outputs ->
 * summary, with progress, cancellation and an error for every failure. The components render
 * `PaneState` and call these methods; tests drive a Session with fake actions.
 *
 * Long tasks yield to the browser (a macrotask) between pipeline stages, so progress paints and
 * Office does not take the add-in for hung.
 */
import type { FindingFact } from "./facts";
import { CancelledError, toPaneError, type ApplyOutcome, type GridSource, type PaneActions, type PaneError } from "./actions";
import type { Lang } from "./i18n";
import type { Analysed, Outputs } from "./work";

export type WorkModule = typeof import("./work");
export type { Outputs };

export type Task = "find" | "write" | "remove";
export type Stage = "loading" | "reading" | "recognising" | "planning" | "writing" | "removing";

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
  source: GridSource["kind"];
  /** What was read ("'TT Huế 2018-2019'!A1:F15"). */
  address: string;
  analysed: Analysed;
}

export interface Written {
  outcome: ApplyOutcome;
  outputs: Outputs;
}

export type Notice = { kind: "highlights-removed"; count: number };

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
};

export interface SessionDeps {
  /** The Excel side, loaded on demand (excel-actions.ts in the pane, a fake in tests). */
  actions: () => Promise<PaneActions>;
  /** The pipeline (work.ts), loaded on demand. */
  work: () => Promise<WorkModule>;
  /** Lets the browser paint; a macrotask by default. */
  yieldToBrowser?: () => Promise<void>;
}

/** Resolves on the next macrotask (after pending rendering and input). */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Progress shown while writing: planning takes the first tenth, the host's items the rest. */
export function writeFraction(done: number, total: number): number {
  if (total <= 0) return 0.1;
  return 0.1 + 0.9 * Math.min(1, Math.max(0, done / total));
}

export class Session {
  private state: PaneState = INITIAL_STATE;
  private readonly listeners = new Set<() => void>();
  private controller: AbortController | null = null;
  private readonly yieldToBrowser: () => Promise<void>;
  private actionsPromise: Promise<PaneActions> | null = null;
  private workPromise: Promise<WorkModule> | null = null;

  constructor(private readonly deps: SessionDeps) {
    this.yieldToBrowser = deps.yieldToBrowser ?? nextMacrotask;
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

  private loadWork(): Promise<WorkModule> {
    if (!this.workPromise) {
      this.workPromise = this.deps.work();
      this.workPromise.catch(() => (this.workPromise = null));
    }
    return this.workPromise;
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
      const [actions, work] = await this.race(Promise.all([this.loadActions(), this.loadWork()]), signal);
      this.stage("reading", 0.15);
      await this.yieldToBrowser();
      const read = await this.race(actions.read(source), signal);
      this.stage("recognising", 0.55);
      await this.yieldToBrowser();
      this.check(signal);
      const analysed = work.analyseGrid(read.grid);
      this.setBusy({ fraction: 1 });
      await this.yieldToBrowser();
      this.check(signal);
      if (analysed.facts.tables.length === 0) {
        this.set({
          phase: "start",
          found: null,
          written: null,
          error: { kind: "nothing-recognised", address: read.address, findings: analysed.facts.findings },
        });
      } else {
        this.set({ phase: "recognised", found: { source: source.kind, address: read.address, analysed }, written: null });
      }
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
      const [actions, work] = await this.race(Promise.all([this.loadActions(), this.loadWork()]), signal);
      await this.yieldToBrowser();
      this.check(signal);
      const plan = work.planReport(found.analysed, lang, outputs);
      this.stage("writing", writeFraction(0, 0));
      await this.yieldToBrowser();
      this.check(signal);
      // Not raced: the host stops between syncs when the signal fires, and the pane waits for it,
      // so nothing keeps writing behind a pane that says it stopped.
      const outcome = await actions.apply(plan, {
        signal,
        onProgress: (done, total) => this.setBusy({ done, total, fraction: writeFraction(done, total) }),
      });
      this.set({ phase: "summary", written: { outcome, outputs } });
    } catch (err) {
      this.set({ error: toPaneError(err) });
    } finally {
      this.end();
    }
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
    this.set({ phase: "start", found: null, written: null, error: null, notice: null });
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
