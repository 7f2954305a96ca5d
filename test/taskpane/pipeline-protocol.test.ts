/**
 * The worker's side of the pipeline protocol, run in Node as the plain class it is: stage
 * messages then one answer per job; only plain data crosses (checked with structuredClone, what
 * postMessage does); analyses kept by id, released, evicted; errors as data.
 */
import {
  KEEP_ANALYSES,
  PipelineHandler,
  UNKNOWN_ANALYSIS,
  fromWireError,
  parseRequest,
  toWireError,
  type PipelineResponse,
  type WorkFunctions,
} from "../../src/taskpane/pipeline-protocol";
import { toPaneError } from "../../src/taskpane/actions";
import { unpackPlan } from "../../src/taskpane/plan-transfer";
import * as work from "../../src/taskpane/work";
import { SEED_SHEET, seedGrid } from "./seed";

const ALL = { gap: true, ranking: true, highlights: true };

function handler(fns: WorkFunctions = work, keep?: number): { h: PipelineHandler; posted: PipelineResponse[] } {
  const posted: PipelineResponse[] = [];
  // What postMessage does to every message: a structured clone.
  const h = new PipelineHandler(fns, (m) => posted.push(structuredClone(m)), keep);
  return { h, posted };
}

describe("PipelineHandler", () => {
  test("analyse: stages, then the facts (plain data: a structured clone is equal), under a new id", () => {
    const { h, posted } = handler();
    h.handle({ type: "analyse", job: 7, grid: seedGrid() });
    expect(posted.map((m) => m.type)).toEqual(["stage", "stage", "analysed"]);
    expect(posted.slice(0, 2)).toEqual([
      { type: "stage", job: 7, stage: "recognising" },
      { type: "stage", job: 7, stage: "analysing" },
    ]);
    const answer = posted[2] as Extract<PipelineResponse, { type: "analysed" }>;
    expect(answer.job).toBe(7);
    expect(answer.id).toBe(1);
    const direct = work.analyseGrid(seedGrid()).facts;
    expect(answer.facts).toEqual(direct);
    expect(structuredClone(direct)).toEqual(direct);
    expect(answer.facts.tables[0].units[0]).toMatchObject({ name: "Thừa Thiên Huế", total: "83.06" });
    expect(h.held()).toEqual([1]);
  });

  test("plan: by id, with a planning stage; the SheetPlan survives structured clone unchanged", () => {
    const { h, posted } = handler();
    h.handle({ type: "analyse", job: 1, grid: seedGrid() });
    const { id } = posted.pop() as Extract<PipelineResponse, { type: "analysed" }>;
    posted.length = 0;
    h.handle({ type: "plan", job: 2, id, lang: "en", outputs: ALL });
    expect(posted.map((m) => m.type)).toEqual(["stage", "planned"]);
    expect(posted[0]).toEqual({ type: "stage", job: 2, stage: "planning" });
    const plan = unpackPlan((posted[1] as Extract<PipelineResponse, { type: "planned" }>).plan);
    const direct = work.planReport(work.analyseGrid(seedGrid()), "en", ALL);
    expect(plan).toEqual(direct);
    expect(plan.lang).toBe("en");
    expect(plan.highlights.every((x) => x.sheet === SEED_SHEET)).toBe(true);
    // Planning again from the same analysis (another language, other outputs) works: it is kept.
    h.handle({ type: "plan", job: 3, id, lang: "vi", outputs: { gap: false, ranking: false, highlights: true } });
    const again = posted.pop() as Extract<PipelineResponse, { type: "planned" }>;
    expect(unpackPlan(again.plan).sheets).toEqual([]);
    expect(again.plan.lang).toBe("vi");
  });

  test("released and evicted analyses answer UNKNOWN_ANALYSIS", () => {
    const { h, posted } = handler();
    for (let job = 1; job <= KEEP_ANALYSES + 1; job++) h.handle({ type: "analyse", job, grid: seedGrid() });
    // The oldest went when a newer one was kept.
    expect(h.held()).toEqual(Array.from({ length: KEEP_ANALYSES }, (_, i) => i + 2));
    posted.length = 0;
    h.handle({ type: "plan", job: 10, id: 1, lang: "vi", outputs: ALL });
    expect(posted).toEqual([{ type: "failed", job: 10, error: expect.objectContaining({ code: UNKNOWN_ANALYSIS }) }]);
    h.handle({ type: "release", id: 2 });
    expect(h.held()).not.toContain(2);
    posted.length = 0;
    h.handle({ type: "plan", job: 11, id: 2, lang: "vi", outputs: ALL });
    expect(posted[0]).toMatchObject({ type: "failed", job: 11, error: { code: UNKNOWN_ANALYSIS } });
    h.handle({ type: "release", id: 99 }); // unknown: nothing to do, no answer
    expect(posted).toHaveLength(1);
  });

  test("a table with nothing recognisable: no tables, the grid's findings", () => {
    const { h, posted } = handler();
    h.handle({ type: "analyse", job: 1, grid: { sheet: "Ghi chú", origin: { row: 0, col: 0 }, values: [["Họp giao ban"], ["Thứ hai", "8:00"]], merges: [] } });
    const answer = posted.pop() as Extract<PipelineResponse, { type: "analysed" }>;
    expect(answer.type).toBe("analysed");
    expect(answer.facts.tables).toEqual([]);
  });

  test("whatever the work throws is answered as data, host errors keep their code and messages", () => {
    const hostLike = Object.assign(new Error("boom"), { code: "protected", messageVi: "vi: bảo vệ", messageEn: "en: protected" });
    const { h, posted } = handler({
      analyseGrid: () => {
        throw hostLike;
      },
      planReport: () => {
        throw new RangeError("too deep");
      },
    });
    h.handle({ type: "analyse", job: 1, grid: seedGrid() });
    expect(posted).toEqual([{ type: "failed", job: 1, error: { name: "Error", message: "boom", code: "protected", messageVi: "vi: bảo vệ", messageEn: "en: protected" } }]);
    const error = fromWireError((posted[0] as Extract<PipelineResponse, { type: "failed" }>).error);
    expect(toPaneError(error)).toEqual({ kind: "protected", detail: { vi: "vi: bảo vệ", en: "en: protected" } });
  });

  test("a malformed request is answered, never thrown", () => {
    const { h, posted } = handler();
    for (const bad of [null, 42, "analyse", { type: "analyse" }, { type: "analyse", job: 3, grid: { values: "x" } }, { type: "plan", job: 4, id: 1, lang: "fr", outputs: ALL }, { type: "dance", job: 5 }]) {
      expect(() => h.handle(bad)).not.toThrow();
    }
    expect(posted.every((m) => m.type === "failed")).toBe(true);
    expect(posted.map((m) => (m as { job: number }).job)).toEqual([-1, -1, -1, -1, 3, 4, 5]);
    expect(h.held()).toEqual([]);
  });
});

describe("wire errors and requests", () => {
  test("toWireError keeps what can be kept; fromWireError makes an Error toPaneError understands", () => {
    expect(toWireError("plain")).toEqual({ name: "Error", message: "plain" });
    expect(toWireError(new TypeError("x"))).toEqual({ name: "TypeError", message: "x" });
    const e = fromWireError({ name: "TypeError", message: "x is undefined" });
    expect(e).toBeInstanceOf(Error);
    expect(toPaneError(e)).toEqual({ kind: "unexpected", message: "x is undefined" });
    expect(toPaneError(fromWireError({ name: "Error", message: "m", code: "too-large", messageVi: "v", messageEn: "e" }))).toEqual({
      kind: "too-large",
      detail: { vi: "v", en: "e" },
    });
  });

  test("parseRequest: outputs become booleans, unknown fields go", () => {
    expect(parseRequest({ type: "plan", job: 1, id: 2, lang: "vi", outputs: { gap: 1, ranking: true, extra: 3 } })).toEqual({
      type: "plan",
      job: 1,
      id: 2,
      lang: "vi",
      outputs: { gap: false, ranking: true, highlights: false },
    });
    expect(parseRequest({ type: "release", id: 3, job: 9 })).toEqual({ type: "release", id: 3 });
    expect(parseRequest({ type: "release" })).toBeNull();
  });

  test("unit-details: a unit's whole fact by its index, as unitDetails gives it; malformed requests refused", () => {
    const { h, posted } = handler();
    h.handle({ type: "analyse", job: 1, grid: seedGrid() });
    h.handle({ type: "unit-details", job: 2, id: 1, outputs: null, table: 0, unit: 0 });
    const answer = posted[posted.length - 1] as Extract<PipelineResponse, { type: "unit-details" }>;
    expect(answer).toEqual({ type: "unit-details", job: 2, fact: work.unitDetails(work.analyseGrid(seedGrid()), null, 0, 0) });
    expect(answer.fact).toMatchObject({ name: "Thừa Thiên Huế", total: "83.06" });
    h.handle({ type: "unit-details", job: 3, id: 1, outputs: null, table: 0, unit: 5 });
    expect(posted[posted.length - 1]).toMatchObject({ type: "failed", job: 3, error: { message: expect.stringMatching(/no unit 5/) } });

    expect(parseRequest({ type: "unit-details", job: 1, id: 2, outputs: { gap: true, targetRank: 3 }, table: 0, unit: 4 })).toEqual({
      type: "unit-details",
      job: 1,
      id: 2,
      outputs: { gap: true, ranking: false, highlights: false, targetRank: 3 },
      table: 0,
      unit: 4,
    });
    expect(parseRequest({ type: "unit-details", job: 1, id: 2, outputs: null, table: 0, unit: 1.5 })).toBeNull();
    expect(parseRequest({ type: "unit-details", job: 1, id: 2, table: 0, unit: 1 })).toBeNull();
    expect(parseRequest({ type: "unit-details", job: 1, id: 2, outputs: { responsibilitySheet: "x" }, table: 0, unit: 1 })).toBeNull();
  });
});
