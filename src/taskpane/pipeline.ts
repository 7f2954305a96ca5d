/**
 * The pane's side of the pure pipeline (work.ts), behind one async interface:
 *
 * - WorkerPipeline: in a dedicated Web Worker (pipeline.worker.ts), so recognising, analysing and
 *   planning a big table never block the page (Office restarts an add-in whose page blocks for
 *   about 5 seconds). The page keeps plain data only: the Facts, and the Grid it read (to analyse
 *   it again if the worker lost its result). Cancel terminates the worker; the next job starts a
 *   fresh one. A worker that cannot start at all (no Worker, or a host policy that blocks it) falls
 *   back to the page.
 * - PagePipeline: in the page, work.ts loaded with a dynamic import(): where there is no Worker,
 *   and in Node tests.
 *
 * Session (session.ts) does not know which one runs.
 */
import type { SheetPlan } from "../report/plan";
import { unpackPlan } from "./plan-transfer";
import type { Grid } from "../tables/grid";
import { CancelledError } from "./actions";
import type { Facts, UnitFact } from "./facts";
import type { Lang } from "./i18n";
import { UNKNOWN_ANALYSIS, fromWireError, wireRequest, type PipelineRequest, type PipelineResponse } from "./pipeline-protocol";
import type { Analysed, Outputs, UnitWorkbookFile, WorkStage } from "./work";

export type WorkModule = typeof import("./work");
export type { WorkStage };

/** What the pane holds of an analysis: its facts (plain data); the rest stays where it was computed. */
export interface AnalysedRef {
  readonly facts: Facts;
}

export interface PipelineRun {
  /** Aborting rejects with CancelledError at once (and stops the worker). */
  signal?: AbortSignal;
  onStage?: (stage: WorkStage) => void;
}

/** A plan, and the facts to show after writing it when the outputs' choices changed them (classes, targets). */
export interface Planned {
  plan: SheetPlan;
  facts: Facts | null;
}

export interface Pipeline {
  readonly mode: "worker" | "page";
  analyse(grid: Grid, run?: PipelineRun): Promise<AnalysedRef>;
  /** The units' sheets consolidated into one table (work.ts consolidateGrids); absent in test doubles. */
  consolidate?(grids: Grid[], run?: PipelineRun): Promise<AnalysedRef>;
  plan(ref: AnalysedRef, lang: Lang, outputs: Outputs, run?: PipelineRun): Promise<SheetPlan>;
  /** As `plan`, with the facts the choices give (absent in test doubles: the session then keeps the facts it has). */
  planned?(ref: AnalysedRef, lang: Lang, outputs: Outputs, run?: PipelineRun): Promise<Planned>;
  /** The facts with the outputs' choices applied, without planning (absent in test doubles). */
  chosen?(ref: AnalysedRef, outputs: Outputs, run?: PipelineRun): Promise<Facts>;
  /** Unit `unit` of table `table`'s own workbook, as .xlsx bytes (absent in test doubles). */
  unitWorkbook?(ref: AnalysedRef, lang: Lang, table: number, unit: string, run?: PipelineRun): Promise<UnitWorkbookFile>;
  /** The report as a Word document (absent in test doubles). */
  reportDocx?(ref: AnalysedRef, lang: Lang, run?: PipelineRun): Promise<Uint8Array>;
  /** Unit `unit` (its index) of table `table` whole, with `outputs`' choices (null: none): work.ts unitDetails (absent in test doubles). */
  unitDetails?(ref: AnalysedRef, outputs: Outputs | null, table: number, unit: number, run?: PipelineRun): Promise<UnitFact>;
  /** The pane no longer shows this analysis: its memory may go. */
  release(ref: AnalysedRef): void;
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

function isAnalysed(ref: AnalysedRef): ref is Analysed {
  return typeof ref === "object" && ref !== null && "result" in ref;
}

// ---------------------------------------------------------------------------
// In the page

/** work.ts in the page (loaded on first use). Its AnalysedRef is the Analysed itself. */
export class PagePipeline implements Pipeline {
  readonly mode = "page" as const;
  private workPromise: Promise<WorkModule> | null = null;

  constructor(private readonly load: () => Promise<WorkModule>) {}

  private loadWork(): Promise<WorkModule> {
    if (!this.workPromise) {
      this.workPromise = this.load();
      this.workPromise.catch(() => (this.workPromise = null)); // a failed load may be retried
    }
    return this.workPromise;
  }

  async analyse(grid: Grid, run: PipelineRun = {}): Promise<AnalysedRef> {
    const work = await this.loadWork();
    checkAborted(run.signal);
    return work.analyseGrid(grid, run.onStage);
  }

  async consolidate(grids: Grid[], run: PipelineRun = {}): Promise<AnalysedRef> {
    const work = await this.loadWork();
    checkAborted(run.signal);
    return work.consolidateGrids(grids, run.onStage);
  }

  async plan(ref: AnalysedRef, lang: Lang, outputs: Outputs, run: PipelineRun = {}): Promise<SheetPlan> {
    return (await this.planned(ref, lang, outputs, run)).plan;
  }

  async planned(ref: AnalysedRef, lang: Lang, outputs: Outputs, run: PipelineRun = {}): Promise<Planned> {
    if (!isAnalysed(ref)) throw new Error("ParScore: this analysis is not held in the page");
    const work = await this.loadWork();
    checkAborted(run.signal);
    const plan = work.planReport(ref, lang, outputs, run.onStage);
    const facts = work.choiceFacts(ref, outputs);
    return { plan, facts: facts === ref.facts ? null : facts };
  }

  async chosen(ref: AnalysedRef, outputs: Outputs, run: PipelineRun = {}): Promise<Facts> {
    if (!isAnalysed(ref)) throw new Error("ParScore: this analysis is not held in the page");
    const work = await this.loadWork();
    checkAborted(run.signal);
    return work.choiceFacts(ref, outputs);
  }

  async unitWorkbook(ref: AnalysedRef, lang: Lang, table: number, unit: string, run: PipelineRun = {}): Promise<UnitWorkbookFile> {
    if (!isAnalysed(ref)) throw new Error("ParScore: this analysis is not held in the page");
    const work = await this.loadWork();
    checkAborted(run.signal);
    return work.unitWorkbookFile(ref, lang, table, unit);
  }

  async reportDocx(ref: AnalysedRef, lang: Lang, run: PipelineRun = {}): Promise<Uint8Array> {
    if (!isAnalysed(ref)) throw new Error("ParScore: this analysis is not held in the page");
    const work = await this.loadWork();
    checkAborted(run.signal);
    return work.reportDocxFile(ref, lang);
  }

  async unitDetails(ref: AnalysedRef, outputs: Outputs | null, table: number, unit: number, run: PipelineRun = {}): Promise<UnitFact> {
    if (!isAnalysed(ref)) throw new Error("ParScore: this analysis is not held in the page");
    const work = await this.loadWork();
    checkAborted(run.signal);
    return work.unitDetails(ref, outputs, table, unit);
  }

  release(_ref: AnalysedRef): void {
    // The page's analysis goes when the pane drops its reference.
  }
}

// ---------------------------------------------------------------------------
// In a worker

/** The worker could not be created or its script never ran: the page does the work instead. */
export class WorkerUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkerUnavailableError";
  }
}

/** What an analysis was made from: one grid, or the units' sheets consolidated. */
type AnalysisInput = { kind: "grid"; grid: Grid } | { kind: "consolidation"; grids: Grid[] };

/** Where an analysis made in the worker is, and what to make it again from. */
interface Held {
  id: number;
  /** The worker it lives in (workers are numbered: a new one after a cancel or a crash). */
  generation: number;
  input: AnalysisInput;
}

interface Job {
  resolve(answer: PipelineResponse): void;
  reject(error: unknown): void;
  onStage?: (stage: WorkStage) => void;
}

type Request = PipelineRequest extends infer R ? (R extends { job: number } ? Omit<R, "job"> : never) : never;

/** The subset of Worker the pipeline uses (a fake in tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  /** An ErrorEvent for an uncaught error; a plain Event when the script could not be loaded. */
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

export class WorkerPipeline implements Pipeline {
  readonly mode = "worker" as const;
  private worker: WorkerLike | null = null;
  /** The running worker has posted "ready" (its script ran). */
  private started = false;
  /** Set for good once a worker could not start: every job then runs in the page. */
  private unavailable = false;
  private generation = 0;
  private nextJob = 1;
  private readonly jobs = new Map<number, Job>();
  private readonly held = new WeakMap<AnalysedRef, Held>();

  constructor(
    private readonly createWorker: () => WorkerLike,
    private readonly fallback: Pipeline,
  ) {}

  /** Workers created so far (for tests: a cancel makes the next job start a new one). */
  get workersCreated(): number {
    return this.generation;
  }

  get runsInPage(): boolean {
    return this.unavailable;
  }

  analyse(grid: Grid, run: PipelineRun = {}): Promise<AnalysedRef> {
    return this.analyseInput({ kind: "grid", grid }, run);
  }

  consolidate(grids: Grid[], run: PipelineRun = {}): Promise<AnalysedRef> {
    return this.analyseInput({ kind: "consolidation", grids }, run);
  }

  private async analyseInput(input: AnalysisInput, run: PipelineRun): Promise<AnalysedRef> {
    if (this.unavailable) return this.analyseInPage(input, run);
    try {
      const answer = await this.send(analyseRequest(input), run);
      if (answer.type !== "analysed") throw new Error(`ParScore worker: unexpected answer ${answer.type}`);
      const ref: AnalysedRef = { facts: answer.facts };
      this.held.set(ref, { id: answer.id, generation: this.generation, input });
      return ref;
    } catch (err) {
      if (err instanceof WorkerUnavailableError) return this.analyseInPage(input, run);
      throw err;
    }
  }

  private analyseInPage(input: AnalysisInput, run: PipelineRun): Promise<AnalysedRef> {
    if (input.kind === "grid") return this.fallback.analyse(input.grid, run);
    if (!this.fallback.consolidate) throw new Error("ParScore: consolidation is not available in the page");
    return this.fallback.consolidate(input.grids, run);
  }

  async plan(ref: AnalysedRef, lang: Lang, outputs: Outputs, run: PipelineRun = {}): Promise<SheetPlan> {
    return (await this.planned(ref, lang, outputs, run)).plan;
  }

  planned(ref: AnalysedRef, lang: Lang, outputs: Outputs, run: PipelineRun = {}): Promise<Planned> {
    return this.onHeld(
      ref,
      run,
      (id) => this.planIn(id, lang, outputs, run),
      (inPage) => this.plannedInPage(inPage, lang, outputs, run),
    );
  }

  chosen(ref: AnalysedRef, outputs: Outputs, run: PipelineRun = {}): Promise<Facts> {
    const inPage = async (page: AnalysedRef): Promise<Facts> => (this.fallback.chosen ? this.fallback.chosen(page, outputs, run) : page.facts);
    return this.onHeld(ref, run, (id) => this.chosenIn(id, outputs, run), inPage);
  }

  unitWorkbook(ref: AnalysedRef, lang: Lang, table: number, unit: string, run: PipelineRun = {}): Promise<UnitWorkbookFile> {
    const inPage = (page: AnalysedRef): Promise<UnitWorkbookFile> => {
      if (!this.fallback.unitWorkbook) throw new Error("ParScore: unit workbooks are not available in the page");
      return this.fallback.unitWorkbook(page, lang, table, unit, run);
    };
    return this.onHeld(ref, run, (id) => this.unitWorkbookIn(id, lang, table, unit, run), inPage);
  }

  reportDocx(ref: AnalysedRef, lang: Lang, run: PipelineRun = {}): Promise<Uint8Array> {
    const inPage = (page: AnalysedRef): Promise<Uint8Array> => {
      if (!this.fallback.reportDocx) throw new Error("ParScore: the Word report is not available in the page");
      return this.fallback.reportDocx(page, lang, run);
    };
    return this.onHeld(ref, run, (id) => this.reportDocxIn(id, lang, run), inPage);
  }

  unitDetails(ref: AnalysedRef, outputs: Outputs | null, table: number, unit: number, run: PipelineRun = {}): Promise<UnitFact> {
    const inPage = (page: AnalysedRef): Promise<UnitFact> => {
      if (!this.fallback.unitDetails) throw new Error("ParScore: unit details are not available in the page");
      return this.fallback.unitDetails(page, outputs, table, unit, run);
    };
    return this.onHeld(ref, run, (id) => this.unitDetailsIn(id, outputs, table, unit, run), inPage);
  }

  /**
   * Runs `inWorker` on the analysis the worker holds for `ref`; when the worker lost it (cancelled,
   * restarted, evicted) the grid is analysed again there first; with no worker, `inPage` runs on an
   * analysis made in the page.
   */
  private async onHeld<T>(ref: AnalysedRef, run: PipelineRun, inWorker: (id: number) => Promise<T>, inPage: (ref: AnalysedRef) => Promise<T>): Promise<T> {
    const held = this.held.get(ref);
    if (!held) return inPage(ref); // analysed in the page
    try {
      if (this.unavailable) throw new WorkerUnavailableError("no worker");
      if (held.generation === this.generation && this.worker) {
        try {
          return await inWorker(held.id);
        } catch (err) {
          if ((err as { code?: unknown }).code !== UNKNOWN_ANALYSIS) throw err;
        }
      }
      const again = await this.send(analyseRequest(held.input), run);
      if (again.type !== "analysed") throw new Error(`ParScore worker: unexpected answer ${again.type}`);
      held.id = again.id;
      held.generation = this.generation;
      return await inWorker(held.id);
    } catch (err) {
      if (!(err instanceof WorkerUnavailableError)) throw err;
      return inPage(await this.analyseInPage(held.input, run));
    }
  }

  private async plannedInPage(ref: AnalysedRef, lang: Lang, outputs: Outputs, run: PipelineRun): Promise<Planned> {
    if (this.fallback.planned) return this.fallback.planned(ref, lang, outputs, run);
    return { plan: await this.fallback.plan(ref, lang, outputs, run), facts: null };
  }

  release(ref: AnalysedRef): void {
    const held = this.held.get(ref);
    if (!held) return this.fallback.release(ref);
    this.held.delete(ref);
    if (this.worker && held.generation === this.generation) this.worker.postMessage({ type: "release", id: held.id } satisfies PipelineRequest);
  }

  /** Stops the worker (and whatever it was doing); the next job starts a new one. */
  terminate(reason: unknown = new CancelledError()): void {
    const worker = this.worker;
    this.worker = null;
    this.started = false;
    if (worker) {
      worker.onmessage = null;
      worker.onerror = null;
      worker.onmessageerror = null;
      worker.terminate();
    }
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    for (const job of jobs) job.reject(reason);
  }

  private async planIn(id: number, lang: Lang, outputs: Outputs, run: PipelineRun): Promise<Planned> {
    const answer = await this.send({ type: "plan", id, lang, outputs }, run);
    if (answer.type !== "planned") throw new Error(`ParScore worker: unexpected answer ${answer.type}`);
    return { plan: unpackPlan(answer.plan), facts: answer.facts ?? null };
  }

  private async chosenIn(id: number, outputs: Outputs, run: PipelineRun): Promise<Facts> {
    const answer = await this.send({ type: "choose", id, outputs }, run);
    if (answer.type !== "chosen") throw new Error(`ParScore worker: unexpected answer ${answer.type}`);
    return answer.facts;
  }

  private async unitWorkbookIn(id: number, lang: Lang, table: number, unit: string, run: PipelineRun): Promise<UnitWorkbookFile> {
    const answer = await this.send({ type: "unit-workbook", id, lang, table, unit }, run);
    if (answer.type !== "unit-workbook") throw new Error(`ParScore worker: unexpected answer ${answer.type}`);
    return answer.file;
  }

  private async unitDetailsIn(id: number, outputs: Outputs | null, table: number, unit: number, run: PipelineRun): Promise<UnitFact> {
    const answer = await this.send({ type: "unit-details", id, outputs, table, unit }, run);
    if (answer.type !== "unit-details") throw new Error(`ParScore worker: unexpected answer ${answer.type}`);
    return answer.fact;
  }

  private async reportDocxIn(id: number, lang: Lang, run: PipelineRun): Promise<Uint8Array> {
    const answer = await this.send({ type: "report-docx", id, lang }, run);
    if (answer.type !== "report-docx") throw new Error(`ParScore worker: unexpected answer ${answer.type}`);
    return answer.bytes;
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    let worker: WorkerLike;
    try {
      worker = this.createWorker();
    } catch (err) {
      this.unavailable = true;
      throw new WorkerUnavailableError(`the pipeline worker could not be created: ${String((err as Error)?.message ?? err)}`);
    }
    this.generation++;
    this.started = false;
    worker.onmessage = (event) => this.receive(worker, event.data as PipelineResponse);
    worker.onerror = (event) => this.crashed(worker, event);
    worker.onmessageerror = () => this.crashed(worker, null);
    this.worker = worker;
    return worker;
  }

  private send(request: Request, run: PipelineRun): Promise<PipelineResponse> {
    checkAborted(run.signal);
    const worker = this.ensureWorker();
    const job = this.nextJob++;
    const signal = run.signal;
    return new Promise<PipelineResponse>((resolve, reject) => {
      // Cancel: the worker is busy in a synchronous computation; terminating it is the only stop.
      const onAbort = () => {
        if (this.jobs.has(job)) this.terminate(new CancelledError());
      };
      const done = () => {
        signal?.removeEventListener("abort", onAbort);
        this.jobs.delete(job);
      };
      this.jobs.set(job, {
        resolve: (answer) => {
          done();
          resolve(answer);
        },
        reject: (error) => {
          done();
          reject(error);
        },
        onStage: run.onStage,
      });
      signal?.addEventListener("abort", onAbort, { once: true });
      try {
        const wire = wireRequest({ ...request, job } as PipelineRequest);
        worker.postMessage(wire.message, wire.transfer);
      } catch (err) {
        this.jobs.get(job)?.reject(err); // DataCloneError
      }
    });
  }

  private receive(worker: WorkerLike, message: PipelineResponse): void {
    if (worker !== this.worker || typeof message !== "object" || message === null) return;
    if (message.type === "ready") {
      this.started = true;
      return;
    }
    const job = this.jobs.get(message.job);
    if (!job) return;
    switch (message.type) {
      case "stage":
        job.onStage?.(message.stage);
        return;
      case "analysed":
      case "planned":
      case "chosen":
      case "unit-details":
      case "unit-workbook":
      case "report-docx":
        job.resolve(message);
        return;
      case "failed":
        job.reject(fromWireError(message.error));
        return;
    }
  }

  /** An error the worker did not catch, a message that could not be read, or a script that never ran. */
  private crashed(worker: WorkerLike, event: ErrorEvent | null): void {
    if (worker !== this.worker) return;
    event?.preventDefault();
    const detail = typeof event?.message === "string" ? event.message : "";
    if (!this.started) {
      this.unavailable = true;
      this.terminate(new WorkerUnavailableError(`the pipeline worker did not start${detail ? `: ${detail}` : ""}`));
    } else {
      this.terminate(new Error(`ParScore's pipeline worker stopped${detail ? `: ${detail}` : ""}`));
    }
  }
}

/** The request that makes an analysis from its input. */
function analyseRequest(input: AnalysisInput): Request {
  return input.kind === "grid" ? { type: "analyse", grid: input.grid } : { type: "consolidate", grids: input.grids };
}

// ---------------------------------------------------------------------------

export interface PipelineFactory {
  /** Creates the worker (index.tsx: new Worker(new URL("./pipeline.worker.ts", import.meta.url))). */
  worker?: () => WorkerLike;
  /** Loads work.ts in the page. */
  work: () => Promise<WorkModule>;
}

/** A worker pipeline where the browser has Worker, else the page. */
export function createPipeline({ worker, work }: PipelineFactory): Pipeline {
  const page = new PagePipeline(work);
  return worker && typeof Worker !== "undefined" ? new WorkerPipeline(worker, page) : page;
}
