/**
 * The pane's flow without a browser: a Session driven by fake Excel actions and the real pipeline.
 * Every failure ends in an error the pane can explain; cancelling stops and says so.
 */
import type { ApplyOptions, ApplyOutcome, GridSource, PaneActions, ReadOutcome } from "../../src/taskpane/actions";
import { toPaneError } from "../../src/taskpane/actions";
import type { SheetPlan } from "../../src/report/plan";
import { Session, writeFraction, type PaneState } from "../../src/taskpane/session";
import { PagePipeline, WorkerPipeline, type AnalysedRef, type Pipeline } from "../../src/taskpane/pipeline";
import { PANE_MAX_CELLS, gridCells } from "../../src/taskpane/limits";
import * as work from "../../src/taskpane/work";
import { workerFactory } from "./fake-worker";
import { SEED_SHEET, manyUnitsGrid, seedGrid } from "./seed";

/** Shaped like src/hosts/excel HostError (the pane duck-types it: the class lives in a lazy chunk). */
class FakeHostError extends Error {
  constructor(
    readonly code: string,
    readonly messageVi = `vi: ${code}`,
    readonly messageEn = `en: ${code}`,
  ) {
    super(code);
  }
}

interface Calls {
  read: GridSource[];
  apply: { plan: SheetPlan; options: ApplyOptions }[];
  select: [string, string][];
  remove: number;
}

function fakeActions(overrides: Partial<PaneActions> = {}): { actions: PaneActions; calls: Calls } {
  const calls: Calls = { read: [], apply: [], select: [], remove: 0 };
  const actions: PaneActions = {
    requiredApi: "1.9",
    apiSupported: () => true,
    read: async (source): Promise<ReadOutcome> => {
      calls.read.push(source);
      return { grid: seedGrid(), address: `'${SEED_SHEET}'!A1:F15`, syncs: 2 };
    },
    apply: async (plan, options): Promise<ApplyOutcome> => {
      calls.apply.push({ plan, options });
      const total = plan.sheets.length + 1;
      for (let done = 0; done <= total; done++) options.onProgress?.(done, total);
      return { sheets: plan.sheets.map((s) => s.name), highlights: plan.highlights.length, charts: 0, syncs: 3, maxRequestBytes: 1000 };
    },
    removeHighlights: async () => {
      calls.remove++;
      return 26;
    },
    selectCell: async (sheet, cell) => {
      calls.select.push([sheet, cell]);
    },
    ...overrides,
  };
  return { actions, calls };
}

function session(actions: PaneActions, yields: string[] = []): { s: Session; states: PaneState[] } {
  const s = new Session({
    actions: async () => actions,
    work: async () => work,
    yieldToBrowser: async () => {
      yields.push(s.getState().busy?.stage ?? "idle");
    },
  });
  const states: PaneState[] = [];
  s.subscribe(() => states.push(s.getState()));
  return { s, states };
}

const ALL = { gap: true, ranking: true, highlights: true };

describe("Session", () => {
  test("find -> recognised -> write -> summary, yielding between stages, with progress", async () => {
    const { actions, calls } = fakeActions();
    const yields: string[] = [];
    const { s, states } = session(actions, yields);
    await s.checkApi();
    expect(s.getState()).toMatchObject({ api: "ok", requiredApi: "1.9" });

    await s.find({ kind: "usedRange" });
    expect(calls.read).toEqual([{ kind: "usedRange" }]);
    let state = s.getState();
    expect(state.error).toBeNull();
    expect(state.busy).toBeNull();
    expect(state.phase).toBe("recognised");
    expect(state.found?.address).toBe(`'${SEED_SHEET}'!A1:F15`);
    expect(state.found?.analysed.facts.tables[0].units[0].total).toBe("83.06");
    expect(yields).toEqual(expect.arrayContaining(["reading", "recognising"]));
    expect(states.map((x) => x.busy?.stage).filter(Boolean)).toEqual(expect.arrayContaining(["loading", "reading", "recognising"]));

    await s.write(ALL, "vi");
    state = s.getState();
    expect(state.error).toBeNull();
    expect(state.phase).toBe("summary");
    expect(calls.apply).toHaveLength(1);
    expect(calls.apply[0].plan.lang).toBe("vi");
    expect(calls.apply[0].options.signal).toBeDefined();
    expect(state.written?.outcome.sheets).toEqual(calls.apply[0].plan.sheets.map((p) => p.name));
    const fractions = states.filter((x) => x.busy?.stage === "writing").map((x) => x.busy!.fraction!);
    expect(fractions.length).toBeGreaterThan(2);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions); // never goes backwards
    expect(fractions[fractions.length - 1]).toBe(1);
    expect(yields).toEqual(expect.arrayContaining(["planning", "writing"]));

    await s.selectCell(SEED_SHEET, "E10");
    expect(calls.select).toEqual([[SEED_SHEET, "E10"]]);

    await s.removeHighlights();
    expect(calls.remove).toBe(1);
    expect(s.getState().notice).toEqual({ kind: "highlights-removed", count: 26 });

    s.startOver();
    expect(s.getState()).toMatchObject({ phase: "start", found: null, written: null, api: "ok" });
  });

  test("outputs chosen reach the plan; writing nothing is refused", async () => {
    const { actions, calls } = fakeActions();
    const { s } = session(actions);
    await s.checkApi();
    await s.find({ kind: "selection" });
    expect(calls.read).toEqual([{ kind: "selection" }]);
    await s.write({ gap: false, ranking: false, highlights: false }, "en");
    expect(calls.apply).toHaveLength(0);
    await s.write({ gap: false, ranking: false, highlights: true }, "en");
    expect(calls.apply[0].plan.sheets).toEqual([]);
    expect(calls.apply[0].plan.highlights.length).toBeGreaterThan(0);
    expect(calls.apply[0].plan.lang).toBe("en");
  });

  test("API set missing: nothing runs", async () => {
    const { actions, calls } = fakeActions({ apiSupported: () => false });
    const { s } = session(actions);
    await s.checkApi();
    expect(s.getState().api).toBe("missing");
    await s.find({ kind: "usedRange" });
    expect(calls.read).toEqual([]);
  });

  test("nothing recognised: an error naming the range read", async () => {
    const { actions } = fakeActions({
      read: async () => ({
        grid: { sheet: "Ghi chú", origin: { row: 0, col: 0 }, values: [["Họp giao ban"], ["Thứ hai", "8:00"]], merges: [] },
        address: "'Ghi chú'!A1:B2",
        syncs: 1,
      }),
    });
    const { s } = session(actions);
    await s.checkApi();
    await s.find({ kind: "usedRange" });
    expect(s.getState()).toMatchObject({ phase: "start", found: null, busy: null });
    expect(s.getState().error).toMatchObject({ kind: "nothing-recognised", address: "'Ghi chú'!A1:B2" });
  });

  test.each(["protected", "nothing-selected", "no-table", "too-large", "api-missing"])("host error %s becomes that pane error", async (code) => {
    const { actions } = fakeActions({
      apply: async () => {
        throw new FakeHostError(code);
      },
    });
    const { s } = session(actions);
    await s.checkApi();
    await s.find({ kind: "usedRange" });
    await s.write(ALL, "vi");
    expect(s.getState().error).toEqual({ kind: code, detail: { vi: `vi: ${code}`, en: `en: ${code}` } });
    expect(s.getState().phase).toBe("recognised"); // the user can fix it and write again
    expect(s.getState().busy).toBeNull();
    s.dismissError();
    expect(s.getState().error).toBeNull();
  });

  test("unexpected errors keep their message", async () => {
    const { actions } = fakeActions({
      read: async () => {
        throw new TypeError("boom: cannot read properties of undefined");
      },
    });
    const { s } = session(actions);
    await s.checkApi();
    await s.find({ kind: "usedRange" });
    expect(s.getState().error).toEqual({ kind: "unexpected", message: "boom: cannot read properties of undefined" });
  });

  test("a chunk that fails to load is an unexpected error, and may be retried", async () => {
    let attempts = 0;
    const s = new Session({
      actions: async () => {
        attempts++;
        throw new Error("Loading chunk 123 failed");
      },
      work: async () => work,
      yieldToBrowser: async () => undefined,
    });
    await s.checkApi();
    expect(s.getState().error).toEqual({ kind: "unexpected", message: "Loading chunk 123 failed" });
    expect(s.getState().api).toBe("unknown");
    await s.checkApi();
    expect(attempts).toBe(2);
  });

  test("cancel while writing: the host sees the signal, the pane says cancelled", async () => {
    let release: () => void = () => undefined;
    const { actions } = fakeActions({
      apply: (_plan, options) =>
        new Promise<ApplyOutcome>((_resolve, reject) => {
          options.onProgress?.(1, 10);
          release = () => reject(new FakeHostError("cancelled"));
          options.signal?.addEventListener("abort", () => release());
        }),
    });
    const { s } = session(actions);
    await s.checkApi();
    await s.find({ kind: "usedRange" });
    const writing = s.write(ALL, "vi");
    await new Promise((r) => setTimeout(r, 0));
    expect(s.getState().busy).toMatchObject({ task: "write", stage: "writing", done: 1, total: 10, cancellable: true });
    s.cancel();
    expect(s.getState().busy?.cancelling).toBe(true);
    await writing;
    expect(s.getState().error).toEqual({ kind: "cancelled", detail: { vi: "vi: cancelled", en: "en: cancelled" } });
    expect(s.getState().phase).toBe("recognised");
    expect(s.getState().busy).toBeNull();
  });

  test("cancel while reading returns at once, without waiting for Excel", async () => {
    const { actions } = fakeActions({ read: () => new Promise<ReadOutcome>(() => undefined) }); // never answers
    const { s } = session(actions);
    await s.checkApi();
    const finding = s.find({ kind: "usedRange" });
    await new Promise((r) => setTimeout(r, 0));
    expect(s.getState().busy?.stage).toBe("reading");
    s.cancel();
    await finding;
    expect(s.getState()).toMatchObject({ phase: "start", busy: null, error: { kind: "cancelled" } });
  });

  test("a cell that cannot be selected says which", async () => {
    const { actions } = fakeActions({
      selectCell: async () => {
        throw new Error("ItemNotFound");
      },
    });
    const { s } = session(actions);
    await s.selectCell("Gone", "C7");
    expect(s.getState().error).toEqual({ kind: "select-failed", sheet: "Gone", cell: "C7", message: "ItemNotFound" });
  });
});

/** The page pipeline, recording what it was asked to release. */
function recordingPipeline(): { pipeline: Pipeline; released: AnalysedRef[]; analysed: AnalysedRef[] } {
  const inner = new PagePipeline(async () => work);
  const released: AnalysedRef[] = [];
  const analysed: AnalysedRef[] = [];
  const pipeline: Pipeline = {
    mode: "page",
    analyse: async (grid, run) => {
      const ref = await inner.analyse(grid, run);
      analysed.push(ref);
      return ref;
    },
    plan: (ref, lang, outputs, run) => inner.plan(ref, lang, outputs, run),
    release: (ref) => void released.push(ref),
  };
  return { pipeline, released, analysed };
}

describe("Session: size limit, pipeline stages, worker", () => {
  const SEED_CELLS = gridCells(seedGrid()); // 15 rows x 6 columns

  test("the limit is one exported constant, big enough for a national table of 10,000 units x 120 criteria", () => {
    expect(SEED_CELLS).toBe(90);
    expect(PANE_MAX_CELLS).toBeGreaterThanOrEqual(10_004 * 123);
  });

  test("over the limit by the host's measure: refused before reading, with the cells, the limit and the range", async () => {
    const { actions, calls } = fakeActions({ measure: async () => ({ cells: 2_000_000, address: "'Xã'!A1:DS16261" }) });
    const s = new Session({ actions: async () => actions, work: async () => work, yieldToBrowser: async () => undefined });
    await s.checkApi();
    await s.find({ kind: "usedRange" });
    expect(calls.read).toEqual([]);
    expect(s.getState()).toMatchObject({ phase: "start", busy: null, found: null });
    expect(s.getState().error).toEqual({ kind: "too-large", cells: 2_000_000, limit: PANE_MAX_CELLS, address: "'Xã'!A1:DS16261" });
  });

  test("over the limit once read (no measure from the host): refused before analysing", async () => {
    const { actions, calls } = fakeActions();
    const { pipeline, analysed } = recordingPipeline();
    const s = new Session({ actions: async () => actions, pipeline, maxCells: SEED_CELLS - 1, yieldToBrowser: async () => undefined });
    await s.checkApi();
    await s.find({ kind: "usedRange" });
    expect(calls.read).toHaveLength(1);
    expect(analysed).toEqual([]);
    expect(s.getState().error).toEqual({ kind: "too-large", cells: 90, limit: 89, address: `'${SEED_SHEET}'!A1:F15` });
  });

  test("exactly at the limit is analysed; a measure the host cannot give (null) is no refusal", async () => {
    const { actions } = fakeActions({ measure: async () => null });
    const s = new Session({ actions: async () => actions, work: async () => work, maxCells: SEED_CELLS, yieldToBrowser: async () => undefined });
    await s.checkApi();
    await s.find({ kind: "usedRange" });
    expect(s.getState().error).toBeNull();
    expect(s.getState().phase).toBe("recognised");
  });

  test("find shows the worker's stages; analyses the pane no longer shows are released", async () => {
    const { actions } = fakeActions();
    const { pipeline, released, analysed } = recordingPipeline();
    const s = new Session({ actions: async () => actions, pipeline, yieldToBrowser: async () => undefined });
    const stages: string[] = [];
    s.subscribe(() => {
      const stage = s.getState().busy?.stage;
      if (stage && stages[stages.length - 1] !== stage) stages.push(stage);
    });
    await s.checkApi();
    await s.find({ kind: "usedRange" });
    expect(stages).toEqual(["loading", "reading", "recognising", "analysing"]);
    await s.write(ALL, "vi");
    expect(stages.slice(4)).toEqual(["planning", "writing"]);
    expect(released).toEqual([]);
    s.startOver();
    expect(released).toEqual([analysed[0]]);
    await s.find({ kind: "usedRange" });
    s.startOver();
    expect(released).toEqual(analysed);
  });

  test("nothing recognised: the empty analysis is released at once", async () => {
    const { actions } = fakeActions({
      read: async () => ({ grid: { sheet: "Ghi chú", origin: { row: 0, col: 0 }, values: [["Họp"]], merges: [] }, address: "'Ghi chú'!A1", syncs: 1 }),
    });
    const { pipeline, released, analysed } = recordingPipeline();
    const s = new Session({ actions: async () => actions, pipeline, yieldToBrowser: async () => undefined });
    await s.checkApi();
    await s.find({ kind: "usedRange" });
    expect(s.getState().error?.kind).toBe("nothing-recognised");
    expect(released).toEqual(analysed);
  });

  test("through a worker: find, write; Cancel while analysing stops the worker; the next find starts a new one", async () => {
    const factory = workerFactory((n) => (n === 0 ? { hold: ["analysed"] } : {}));
    const pipeline = new WorkerPipeline(factory.create, new PagePipeline(async () => work));
    const { actions, calls } = fakeActions();
    const s = new Session({ actions: async () => actions, pipeline });
    await s.checkApi();
    const finding = s.find({ kind: "usedRange" });
    for (let i = 0; i < 200 && s.getState().busy?.stage !== "analysing"; i++) await new Promise((r) => setTimeout(r, 0));
    expect(s.getState().busy?.stage).toBe("analysing");
    s.cancel();
    await finding;
    expect(s.getState()).toMatchObject({ phase: "start", busy: null, error: { kind: "cancelled" } });
    expect(factory.made[0].terminated).toBe(true);

    await s.find({ kind: "usedRange" });
    expect(factory.made).toHaveLength(2);
    expect(s.getState().found?.analysed.facts.tables[0].units[0].total).toBe("83.06");
    await s.write(ALL, "en");
    expect(s.getState().error).toBeNull();
    expect(calls.apply[0].plan.lang).toBe("en");
    expect(calls.apply[0].plan.sheets).toHaveLength(1);
  });
});

describe("Session: a table of thousands of units", () => {
  const grid = manyUnitsGrid(work.PER_UNIT_CHOICES_LIMIT + 20);

  test.each(["worker", "page"])("in the %s: a unit shown after writing gets its climb and deductions, with the write's choices", async (mode) => {
    const page = new PagePipeline(async () => work);
    const pipeline = mode === "worker" ? new WorkerPipeline(workerFactory(() => ({})).create, page) : page;
    const { actions } = fakeActions({ read: async () => ({ grid, address: "'Cấp xã'!A1:F321", syncs: 2 }) });
    const s = new Session({ actions: async () => actions, pipeline });
    await s.checkApi();
    await s.find({ kind: "usedRange" });
    await s.write({ ...ALL, targetRank: 1 }, "vi");
    expect(s.getState().error).toBeNull();
    const shown = () => s.getState().written!.facts!.tables[0].units;
    expect(shown()[12]).toMatchObject({ detailsLater: true, deductions: [] });
    expect(shown()[12].target).toBeUndefined();

    await s.showUnit(0, 12);
    expect(s.getState().error).toBeNull();
    const unit = shown()[12];
    expect(unit.detailsLater).toBeUndefined();
    expect(unit.deductions.map((d) => d.code)).toEqual(["1", "2", "3"]);
    expect(unit.climb?.vi).toContain("để lên hạng");
    expect(unit.target?.vi).toBeDefined();
    // The other units are the same objects: nothing else was copied or asked for.
    expect(shown()[13]).toMatchObject({ detailsLater: true });
  });

  test("details that arrive after the pane moved on are dropped", async () => {
    const { actions } = fakeActions({ read: async () => ({ grid, address: "'Cấp xã'!A1:F321", syncs: 2 }) });
    const s = new Session({ actions: async () => actions, work: async () => work });
    await s.checkApi();
    await s.find({ kind: "usedRange" });
    await s.write(ALL, "vi");
    const asked = s.showUnit(0, 12);
    s.startOver();
    await asked;
    expect(s.getState()).toMatchObject({ phase: "start", written: null, error: null });
  });
});

describe("toPaneError and progress", () => {
  test("duck-types host errors, recognises aborts, keeps other messages", () => {
    expect(toPaneError(new FakeHostError("protected"))).toMatchObject({ kind: "protected" });
    expect(toPaneError(new FakeHostError("cancelled"))).toMatchObject({ kind: "cancelled" });
    expect(toPaneError(Object.assign(new Error("The operation was aborted"), { name: "AbortError" }))).toEqual({ kind: "cancelled" });
    expect(toPaneError({ code: "GeneralException", message: "x" })).toEqual({ kind: "unexpected", message: "x (GeneralException)" });
    expect(toPaneError({ weird: 1 })).toEqual({ kind: "unexpected", message: '{"weird":1}' });
    expect(toPaneError("plain")).toEqual({ kind: "unexpected", message: "plain" });
    expect(toPaneError(undefined)).toEqual({ kind: "unexpected", message: "undefined" });
  });

  test("write progress goes from a tenth to full", () => {
    expect(writeFraction(0, 0)).toBeCloseTo(0.1);
    expect(writeFraction(5, 10)).toBeCloseTo(0.55);
    expect(writeFraction(10, 10)).toBe(1);
    expect(writeFraction(12, 10)).toBe(1);
  });
});
