/**
 * The messages between the pane and its pipeline worker (pipeline.worker.ts), and the worker's
 * side of them as a plain class, so the protocol is tested in Node without a Worker.
 *
 * Only plain data crosses: a Grid goes in (packed, grid-transfer.ts); Facts (plain by design) and, on
 * request, a SheetPlan (plain JSON by design, packed by plan-transfer.ts) come back. The PipelineResult holds Decimal objects, which structured
 * clone would strip of their prototype, so it stays in the worker under an id; the pane plans a
 * report by naming that id. A job is answered by stage messages (for the progress bar), then
 * exactly one of "analysed", "planned" or "failed".
 *
 * This file imports types only from the pipeline: the worker brings the code (work.ts).
 */
import type { SheetPlan } from "../report/plan";
import type { Grid } from "../tables/grid";
import type { Facts, UnitFact } from "./facts";
import { isPackedGrid, packGrid, packedBuffers, unpackGrid } from "./grid-transfer";
import { packPlan, type PackedPlan } from "./plan-transfer";
import type { Lang } from "./i18n";
import type { Analysed, Outputs, UnitWorkbookFile, WorkStage } from "./work";

export type PipelineRequest =
  | { type: "analyse"; job: number; grid: Grid }
  /** The units' sheets, one self-assessment table each, consolidated into one table (answered by "analysed"). */
  | { type: "consolidate"; job: number; grids: Grid[] }
  | { type: "plan"; job: number; id: number; lang: Lang; outputs: Outputs }
  /** The facts with the outputs' choices applied, without planning (answered by "chosen"): the recognised step shows a criteria set's maxima. */
  | { type: "choose"; job: number; id: number; outputs: Outputs }
  /** One unit's whole fact (answered by "unit-details"), with the outputs' choices of the last write, or none (null). */
  | { type: "unit-details"; job: number; id: number; outputs: Outputs | null; table: number; unit: number }
  /** One unit's workbook as .xlsx bytes (answered by "unit-workbook"). */
  | { type: "unit-workbook"; job: number; id: number; lang: Lang; table: number; unit: string }
  /** The report as .docx bytes (answered by "report-docx"). */
  | { type: "report-docx"; job: number; id: number; lang: Lang }
  /** The pane no longer needs this analysis (a new table, start over). No answer. */
  | { type: "release"; id: number };

export type PipelineResponse =
  /** Posted once when the worker's script has run: the worker started. */
  | { type: "ready" }
  | { type: "stage"; job: number; stage: WorkStage }
  | { type: "analysed"; job: number; id: number; facts: Facts }
  /** `facts`: what to show after writing, with the outputs' choices (classes, targets, responsibility) applied. */
  /** `plan` packed (plan-transfer.ts): a national plan's cells cross as a few typed arrays. */
  | { type: "planned"; job: number; plan: PackedPlan; facts?: Facts }
  | { type: "chosen"; job: number; facts: Facts }
  | { type: "unit-details"; job: number; fact: UnitFact }
  | { type: "unit-workbook"; job: number; file: UnitWorkbookFile }
  | { type: "report-docx"; job: number; bytes: Uint8Array }
  | { type: "failed"; job: number; error: WireError };

/** An error as plain data; a HostError-shaped error keeps its code and both messages. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  messageVi?: string;
  messageEn?: string;
}

/** `code` of the error answering a plan for an id the worker does not hold (released, evicted, new worker). */
export const UNKNOWN_ANALYSIS = "unknown-analysis";

/** Analyses the worker keeps at most (the pane needs one; a second covers a run that replaces it). */
export const KEEP_ANALYSES = 2;

/** The pure functions the worker runs (work.ts). */
export interface WorkFunctions {
  analyseGrid(grid: Grid, onStage?: (stage: WorkStage) => void): Analysed;
  /** work.ts consolidateGrids (optional in test doubles). */
  consolidateGrids?(grids: readonly Grid[], onStage?: (stage: WorkStage) => void): Analysed;
  planReport(analysed: Analysed, lang: Lang, outputs: Outputs, onStage?: (stage: WorkStage) => void): SheetPlan;
  /** A unit's whole fact (work.ts unitDetails; optional in test doubles). */
  unitDetails?(analysed: Analysed, outputs: Outputs | null, table: number, unit: number): UnitFact;
  /** The facts with the outputs' choices applied (work.ts choiceFacts). */
  choiceFacts?(analysed: Analysed, outputs: Outputs): Facts;
  /** One unit's workbook (work.ts unitWorkbookFile; optional in test doubles). */
  unitWorkbookFile?(analysed: Analysed, lang: Lang, table: number, unit: string): Promise<UnitWorkbookFile>;
  /** The report as a Word document (work.ts reportDocxFile; optional in test doubles). */
  reportDocxFile?(analysed: Analysed, lang: Lang): Promise<Uint8Array>;
}

/** Anything thrown, as plain data that survives postMessage. */
export function toWireError(err: unknown): WireError {
  if (typeof err === "object" && err !== null) {
    const e = err as { name?: unknown; message?: unknown; code?: unknown; messageVi?: unknown; messageEn?: unknown };
    const wire: WireError = {
      name: typeof e.name === "string" ? e.name : "Error",
      message: typeof e.message === "string" ? e.message : String(err),
    };
    if (typeof e.code === "string") wire.code = e.code;
    if (typeof e.messageVi === "string") wire.messageVi = e.messageVi;
    if (typeof e.messageEn === "string") wire.messageEn = e.messageEn;
    return wire;
  }
  return { name: "Error", message: String(err) };
}

/** The error a failed job rejects with in the pane: an Error carrying the wire fields (toPaneError duck-types them). */
export function fromWireError(wire: WireError): Error & WireError {
  const error = new Error(wire.message) as Error & WireError;
  error.name = wire.name;
  if (wire.code !== undefined) error.code = wire.code;
  if (wire.messageVi !== undefined) error.messageVi = wire.messageVi;
  if (wire.messageEn !== undefined) error.messageEn = wire.messageEn;
  return error;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null;
}

function isGrid(x: unknown): x is Grid {
  return isObject(x) && Array.isArray(x.values) && typeof x.sheet === "string";
}

/** A grid as posted: packed (grid-transfer.ts, what the pane sends) or plain. */
function receivedGrid(x: unknown): Grid | null {
  if (isPackedGrid(x)) return unpackGrid(x);
  return isGrid(x) ? x : null;
}

/**
 * A request as the pane posts it, and what to transfer with it: the grids to analyse packed
 * (grid-transfer.ts), their buffers transferred; parseRequest unpacks them.
 */
export function wireRequest(request: PipelineRequest): { message: unknown; transfer: ArrayBuffer[] } {
  if (request.type === "analyse") {
    const grid = packGrid(request.grid);
    return { message: { ...request, grid }, transfer: packedBuffers(grid) };
  }
  if (request.type === "consolidate") {
    const grids = request.grids.map(packGrid);
    const transfer: ArrayBuffer[] = [];
    for (const grid of grids) transfer.push(...packedBuffers(grid));
    return { message: { ...request, grids }, transfer };
  }
  return { message: request, transfer: [] };
}

/** A request's shape checked (a worker answers only its pane, but a bad message must not crash it). */
export function parseRequest(message: unknown): PipelineRequest | null {
  if (!isObject(message)) return null;
  const { type } = message;
  if (type === "release") return typeof message.id === "number" ? { type, id: message.id } : null;
  if (typeof message.job !== "number") return null;
  if (type === "analyse") {
    const grid = receivedGrid(message.grid);
    return grid ? { type, job: message.job, grid } : null;
  }
  if (type === "consolidate") {
    if (!Array.isArray(message.grids)) return null;
    const grids = message.grids.map(receivedGrid);
    return grids.every((g): g is Grid => g !== null) ? { type, job: message.job, grids } : null;
  }
  if (type === "report-docx") {
    const { id, lang } = message;
    if (typeof id !== "number" || (lang !== "vi" && lang !== "en")) return null;
    return { type, job: message.job, id, lang };
  }
  if (type === "unit-workbook") {
    const { id, lang, table, unit } = message;
    if (typeof id !== "number" || (lang !== "vi" && lang !== "en") || typeof table !== "number" || typeof unit !== "string") return null;
    return { type, job: message.job, id, lang, table, unit };
  }
  if (type === "choose") {
    const { id } = message;
    const outputs = typeof id === "number" ? parseOutputs(message.outputs) : null;
    return outputs ? { type, job: message.job, id: id as number, outputs } : null;
  }
  if (type === "unit-details") {
    const { id, table, unit } = message;
    if (typeof id !== "number" || !Number.isInteger(table) || !Number.isInteger(unit)) return null;
    const outputs = message.outputs === null ? null : parseOutputs(message.outputs);
    if (message.outputs !== null && !outputs) return null;
    return { type, job: message.job, id, outputs, table: table as number, unit: unit as number };
  }
  if (type === "plan") {
    const { id, lang } = message;
    if (typeof id !== "number" || (lang !== "vi" && lang !== "en")) return null;
    const outputs = parseOutputs(message.outputs);
    return outputs ? { type, job: message.job, id, lang, outputs } : null;
  }
  return null;
}

/** The outputs of a "plan", "choose" or "unit-details" request checked; null when malformed (a sheet without its grid). */
function parseOutputs(outputs: unknown): Outputs | null {
  if (!isObject(outputs)) return null;
  const o: Outputs = { gap: outputs.gap === true, ranking: outputs.ranking === true, highlights: outputs.highlights === true };
  if (outputs.formulas === false) o.formulas = false;
  if (typeof outputs.classScheme === "string") o.classScheme = outputs.classScheme;
  if (typeof outputs.targetRank === "number" && Number.isInteger(outputs.targetRank) && outputs.targetRank >= 1) o.targetRank = outputs.targetRank;
  if (typeof outputs.targetValue === "string" && /^\d{1,6}(\.\d{1,6})?$/.test(outputs.targetValue)) o.targetValue = outputs.targetValue;
  if (typeof outputs.responsibilitySheet === "string") {
    const grid = outputs.responsibilityGrid;
    if (!isObject(grid) || !Array.isArray(grid.values) || typeof grid.sheet !== "string") return null;
    o.responsibilitySheet = outputs.responsibilitySheet;
    o.responsibilityGrid = grid as unknown as Grid;
  }
  if (typeof outputs.criteriaSheet === "string") {
    const grid = outputs.criteriaGrid;
    if (!isObject(grid) || !Array.isArray(grid.values) || typeof grid.sheet !== "string") return null;
    o.criteriaSheet = outputs.criteriaSheet;
    o.criteriaGrid = grid as unknown as Grid;
  }
  return o;
}

/**
 * The worker's side: runs a request synchronously and posts its stage messages and its answer.
 * Keeps the latest KEEP_ANALYSES analyses by id (older ones are dropped; planning from one of
 * them answers UNKNOWN_ANALYSIS and the pane analyses its grid again).
 */
export class PipelineHandler {
  private readonly analyses = new Map<number, Analysed>();
  private nextId = 1;

  constructor(
    private readonly work: WorkFunctions,
    private readonly post: (message: PipelineResponse) => void,
    private readonly keep: number = KEEP_ANALYSES,
  ) {}

  /** Ids held, oldest first (for tests). */
  held(): number[] {
    return [...this.analyses.keys()];
  }

  private consolidate(grids: Grid[], onStage: (stage: WorkStage) => void): Analysed {
    if (!this.work.consolidateGrids) throw new Error("ParScore worker: consolidation is not available");
    return this.work.consolidateGrids(grids, onStage);
  }

  /** Answered when the workbook's writer (a chunk of its own) has loaded and written it. */
  private unitWorkbook(analysed: Analysed, request: Extract<PipelineRequest, { type: "unit-workbook" }>): void {
    const { job } = request;
    if (!this.work.unitWorkbookFile) {
      this.post({ type: "failed", job, error: { name: "Error", message: "ParScore worker: unit workbooks are not available" } });
      return;
    }
    this.work.unitWorkbookFile(analysed, request.lang, request.table, request.unit).then(
      (file) => this.post({ type: "unit-workbook", job, file }),
      (err: unknown) => this.post({ type: "failed", job, error: toWireError(err) }),
    );
  }

  private reportDocx(analysed: Analysed, request: Extract<PipelineRequest, { type: "report-docx" }>): void {
    const { job } = request;
    if (!this.work.reportDocxFile) {
      this.post({ type: "failed", job, error: { name: "Error", message: "ParScore worker: the Word report is not available" } });
      return;
    }
    this.work.reportDocxFile(analysed, request.lang).then(
      (bytes) => this.post({ type: "report-docx", job, bytes }),
      (err: unknown) => this.post({ type: "failed", job, error: toWireError(err) }),
    );
  }

  handle(message: unknown): void {
    const request = parseRequest(message);
    if (!request) {
      const job = isObject(message) && typeof message.job === "number" ? message.job : -1;
      this.post({ type: "failed", job, error: { name: "TypeError", message: "ParScore worker: malformed request" } });
      return;
    }
    if (request.type === "release") {
      this.analyses.delete(request.id);
      return;
    }
    const { job } = request;
    const onStage = (stage: WorkStage) => this.post({ type: "stage", job, stage });
    try {
      if (request.type === "analyse" || request.type === "consolidate") {
        const analysed = request.type === "analyse" ? this.work.analyseGrid(request.grid, onStage) : this.consolidate(request.grids, onStage);
        const id = this.nextId++;
        this.analyses.set(id, analysed);
        while (this.analyses.size > this.keep) this.analyses.delete(this.analyses.keys().next().value as number);
        this.post({ type: "analysed", job, id, facts: analysed.facts });
      } else {
        const analysed = this.analyses.get(request.id);
        if (!analysed) {
          this.post({ type: "failed", job, error: { name: "Error", message: `no analysis ${request.id} in the worker`, code: UNKNOWN_ANALYSIS } });
          return;
        }
        if (request.type === "unit-workbook") {
          this.unitWorkbook(analysed, request);
          return;
        }
        if (request.type === "report-docx") {
          this.reportDocx(analysed, request);
          return;
        }
        if (request.type === "choose") {
          this.post({ type: "chosen", job, facts: this.work.choiceFacts?.(analysed, request.outputs) ?? analysed.facts });
          return;
        }
        if (request.type === "unit-details") {
          if (!this.work.unitDetails) throw new Error("ParScore worker: unit details are not available");
          this.post({ type: "unit-details", job, fact: this.work.unitDetails(analysed, request.outputs, request.table, request.unit) });
          return;
        }
        const plan = packPlan(this.work.planReport(analysed, request.lang, request.outputs, onStage));
        const facts = this.work.choiceFacts?.(analysed, request.outputs);
        this.post(facts && facts !== analysed.facts ? { type: "planned", job, plan, facts } : { type: "planned", job, plan });
      }
    } catch (err) {
      this.post({ type: "failed", job, error: toWireError(err) });
    }
  }
}
