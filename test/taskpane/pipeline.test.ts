/**
 * The pane's side of the pipeline in Node: WorkerPipeline over a fake Worker that runs the real
 * worker code (test/taskpane/fake-worker.ts), and the in-page fallback. Same answers either way;
 * the page holds plain data only; Cancel terminates the worker and the next job starts a fresh
 * one; a worker that cannot start leaves the work to the page.
 */
import { CancelledError, toPaneError } from "../../src/taskpane/actions";
import { KEEP_ANALYSES } from "../../src/taskpane/pipeline-protocol";
import { PagePipeline, WorkerPipeline, createPipeline, type AnalysedRef, type WorkStage } from "../../src/taskpane/pipeline";
import * as work from "../../src/taskpane/work";
import { workerFactory, type FakeWorkerOptions } from "./fake-worker";
import { seedGrid } from "./seed";

const ALL = { gap: true, ranking: true, highlights: true };
const page = () => new PagePipeline(async () => work);

function pipeline(options: FakeWorkerOptions | ((n: number) => FakeWorkerOptions) = {}) {
  const factory = workerFactory(options);
  return { p: new WorkerPipeline(factory.create, page()), made: factory.made };
}

/** Resolves once `predicate` holds (checked every macrotask). */
async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !predicate(); i++) await new Promise((r) => setTimeout(r, 0));
  if (!predicate()) throw new Error("condition never held");
}

describe("WorkerPipeline", () => {
  test("analyse and plan in the worker: same facts and plan as in the page; the page holds plain data", async () => {
    const { p, made } = pipeline();
    const stages: WorkStage[] = [];
    const ref = await p.analyse(seedGrid(), { onStage: (s) => stages.push(s) });
    expect(stages).toEqual(["recognising", "analysing"]);
    const direct = work.analyseGrid(seedGrid());
    expect(ref.facts).toEqual(direct.facts);
    expect(Object.keys(ref)).toEqual(["facts"]); // no PipelineResult (Decimals) in the page
    expect(structuredClone(ref)).toEqual(ref);

    stages.length = 0;
    const plan = await p.plan(ref, "vi", ALL, { onStage: (s) => stages.push(s) });
    expect(stages).toEqual(["planning"]);
    expect(plan).toEqual(work.planReport(direct, "vi", ALL));
    expect(made).toHaveLength(1);
    expect(made[0].received.map((m) => m.type)).toEqual(["analyse", "plan"]);
    expect(p.runsInPage).toBe(false);
  });

  test("Cancel while analysing: rejects at once, terminates the worker; the next job starts a fresh one", async () => {
    const { p, made } = pipeline((n) => (n === 0 ? { hold: ["analysed"] } : {}));
    const controller = new AbortController();
    const stages: WorkStage[] = [];
    const analysing = p.analyse(seedGrid(), { signal: controller.signal, onStage: (s) => stages.push(s) });
    await until(() => stages.includes("analysing"));
    controller.abort();
    await expect(analysing).rejects.toBeInstanceOf(CancelledError);
    expect(made[0].terminated).toBe(true);
    expect(p.workersCreated).toBe(1);

    const ref = await p.analyse(seedGrid());
    expect(made).toHaveLength(2);
    expect(p.workersCreated).toBe(2);
    expect(ref.facts.tables[0].units[0].total).toBe("83.06");
  });

  test("an already aborted signal: nothing is posted", async () => {
    const { p, made } = pipeline();
    const controller = new AbortController();
    controller.abort();
    await expect(p.analyse(seedGrid(), { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(made).toHaveLength(0);
  });

  test("Cancel while planning, then plan again: the new worker analyses the grid again first", async () => {
    const { p, made } = pipeline((n) => (n === 0 ? { hold: ["planned"] } : {}));
    const ref = await p.analyse(seedGrid());
    const controller = new AbortController();
    const planning = p.plan(ref, "en", ALL, { signal: controller.signal });
    await until(() => made[0].held.some((m) => m.type === "planned"));
    controller.abort();
    await expect(planning).rejects.toBeInstanceOf(CancelledError);
    expect(made[0].terminated).toBe(true);

    const stages: WorkStage[] = [];
    const plan = await p.plan(ref, "en", ALL, { onStage: (s) => stages.push(s) });
    expect(stages).toEqual(["recognising", "analysing", "planning"]);
    expect(made[1].received.map((m) => m.type)).toEqual(["analyse", "plan"]);
    expect(plan).toEqual(work.planReport(work.analyseGrid(seedGrid()), "en", ALL));
  });

  test("an analysis the worker dropped (more than it keeps) is made again, transparently", async () => {
    const { p, made } = pipeline();
    const refs: AnalysedRef[] = [];
    for (let i = 0; i <= KEEP_ANALYSES; i++) refs.push(await p.analyse(seedGrid()));
    const stages: WorkStage[] = [];
    const plan = await p.plan(refs[0], "vi", ALL, { onStage: (s) => stages.push(s) });
    expect(stages).toEqual(["recognising", "analysing", "planning"]);
    expect(plan.sheets.length).toBe(1);
    expect(made).toHaveLength(1);
  });

  test("release: the worker drops the analysis", async () => {
    const { p, made } = pipeline();
    const ref = await p.analyse(seedGrid());
    expect(made[0].handler.held()).toEqual([1]);
    p.release(ref);
    await until(() => made[0].handler.held().length === 0);
    expect(made[0].received.map((m) => m.type)).toEqual(["analyse", "release"]);
  });

  test("a worker whose script never runs: the page does the work, now and from then on", async () => {
    const { p, made } = pipeline({ failStart: true });
    const stages: WorkStage[] = [];
    const ref = await p.analyse(seedGrid(), { onStage: (s) => stages.push(s) });
    expect(p.runsInPage).toBe(true);
    expect(ref.facts).toEqual(work.analyseGrid(seedGrid()).facts);
    expect(stages).toEqual(["recognising", "analysing"]);
    const plan = await p.plan(ref, "vi", ALL);
    expect(plan).toEqual(work.planReport(work.analyseGrid(seedGrid()), "vi", ALL));
    await p.analyse(seedGrid());
    expect(made).toHaveLength(1);
  });

  test("a Worker that cannot even be created: the page does the work", async () => {
    let attempts = 0;
    const p = new WorkerPipeline(() => {
      attempts++;
      throw new DOMException("blocked by policy", "SecurityError");
    }, page());
    const ref = await p.analyse(seedGrid());
    expect(ref.facts.tables).toHaveLength(1);
    await p.plan(ref, "en", ALL);
    expect(attempts).toBe(1);
    expect(p.runsInPage).toBe(true);
  });

  test("the worker crashes during a job: an unexpected error with its message; the next job gets a new worker", async () => {
    const { p, made } = pipeline((n) => (n === 0 ? { hold: ["analysed"] } : {}));
    const stages: WorkStage[] = [];
    const analysing = p.analyse(seedGrid(), { onStage: (s) => stages.push(s) });
    await until(() => stages.includes("analysing"));
    made[0].crash("Uncaught RangeError: Array buffer allocation failed");
    const error = await analysing.catch((e: unknown) => e);
    expect(toPaneError(error)).toEqual({ kind: "unexpected", message: expect.stringContaining("Array buffer allocation failed") });
    expect(made[0].terminated).toBe(true);
    await p.analyse(seedGrid());
    expect(made).toHaveLength(2);
    expect(p.runsInPage).toBe(false);
  });

  test("an error thrown by the work comes back as an error the pane can explain", async () => {
    const boom = Object.assign(new Error("locked"), { code: "protected", messageVi: "vi", messageEn: "en" });
    const { p } = pipeline({
      work: {
        analyseGrid: () => {
          throw boom;
        },
        planReport: work.planReport,
      },
    });
    const error = await p.analyse(seedGrid()).catch((e: unknown) => e);
    expect(toPaneError(error)).toEqual({ kind: "protected", detail: { vi: "vi", en: "en" } });
  });

  test("an analysis made in the page (not by this worker) is planned in the page", async () => {
    const { p, made } = pipeline();
    const plan = await p.plan(work.analyseGrid(seedGrid()), "vi", ALL);
    expect(plan.sheets).toHaveLength(1);
    expect(made).toHaveLength(0);
  });
});

describe("PagePipeline and createPipeline", () => {
  test("the page pipeline reports the same stages and answers", async () => {
    const p = page();
    const stages: WorkStage[] = [];
    const ref = await p.analyse(seedGrid(), { onStage: (s) => stages.push(s) });
    await p.plan(ref, "vi", ALL, { onStage: (s) => stages.push(s) });
    expect(stages).toEqual(["recognising", "analysing", "planning"]);
    await expect(p.plan({ facts: ref.facts }, "vi", ALL)).rejects.toThrow(/not held/);
  });

  test("a failed load of work.ts is retried", async () => {
    let attempts = 0;
    const p = new PagePipeline(async () => {
      if (attempts++ === 0) throw new Error("Loading chunk engine failed");
      return work;
    });
    await expect(p.analyse(seedGrid())).rejects.toThrow("Loading chunk engine failed");
    await expect(p.analyse(seedGrid())).resolves.toBeDefined();
  });

  test("createPipeline: the worker where the browser has Worker, else the page", () => {
    const factory = workerFactory();
    expect(createPipeline({ worker: factory.create, work: async () => work }).mode).toBe("page"); // Node has no Worker
    const g = globalThis as { Worker?: unknown };
    g.Worker = function Worker() {};
    try {
      expect(createPipeline({ worker: factory.create, work: async () => work }).mode).toBe("worker");
      expect(createPipeline({ work: async () => work }).mode).toBe("page");
    } finally {
      delete g.Worker;
    }
    expect(factory.made).toHaveLength(0); // created on the first job only
  });
});
