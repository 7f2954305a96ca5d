/**
 * The pane's analysis options (class scheme, target place, responsibility sheet) go through the same
 * functions as the CLI's --classes, --target-rank and --responsibility, in the page and over the worker protocol.
 */
import Decimal from "decimal.js";
import * as fs from "fs";
import * as path from "path";
import { EXAMPLE_CLASS_SCHEMES } from "../../src/engine/classes";
import { analyseGrids } from "../../src/pipeline/run";
import { tableTargets } from "../../src/pipeline/targets";
import { readDelimitedGrid } from "../../src/hosts/csv/read-csv";
import type { Grid } from "../../src/tables/grid";
import { CLASS_SCHEME_CHOICES } from "../../src/taskpane/class-schemes";
import { PipelineHandler, parseRequest, type PipelineResponse } from "../../src/taskpane/pipeline-protocol";
import * as work from "../../src/taskpane/work";
import type { GridSource, PaneActions, ReadOutcome } from "../../src/taskpane/actions";
import { PagePipeline, WorkerPipeline } from "../../src/taskpane/pipeline";
import { Session } from "../../src/taskpane/session";
import { workerFactory } from "./fake-worker";
import { ownCriteriaGrid, scoresGrid } from "./own-criteria-grids";

function blocksGrid(): Grid {
  const file = path.resolve(__dirname, "..", "fixtures", "tables", "province-units-blocks.csv");
  return readDelimitedGrid(fs.readFileSync(file, "utf8"), { sheet: "Xếp hạng 2024", delimiter: ";" });
}

const responsibilityGrid = (): Grid => ({
  sheet: "Phân công",
  origin: { row: 0, col: 0 },
  values: [
    ["Mã tiêu chí", "Cơ quan chủ trì", "Mức độ khó"],
    ["1", "Sở Nội vụ", "Khó"],
    ["2", "Sở Tài chính", "Dễ"],
  ],
  merges: [],
});

const ALL = { gap: true, ranking: true, highlights: false };

test("the pane offers exactly the engine's example class schemes", () => {
  expect(CLASS_SCHEME_CHOICES.map((c) => c.id)).toEqual(EXAMPLE_CLASS_SCHEMES.map((c) => c.id));
});

test("class scheme, target and responsibility: facts and plan as the CLI computes them", () => {
  const analysed = work.analyseGrid(blocksGrid());
  const outputs = { ...ALL, classScheme: "province-units", targetRank: 1, responsibilitySheet: "Phân công", responsibilityGrid: responsibilityGrid() };
  const facts = work.choiceFacts(analysed, outputs);
  const units = facts.tables[0].units;
  expect(units.map((u) => [u.name, u.block, u.rankLabel, u.group])).toEqual([
    ["Sở Tư pháp", "KHỐI SỞ, BAN, NGÀNH", "1", "Khá"],
    ["Sở Tài chính", "KHỐI SỞ, BAN, NGÀNH", "2", "Khá"],
    ["Sở Xây dựng", "KHỐI SỞ, BAN, NGÀNH", "3", "Khá"],
    ["Sở Y tế", "KHỐI SỞ, BAN, NGÀNH", "4", "Trung bình"],
    ["Huyện Phong Điền", "UBND CẤP HUYỆN", "1", "Tốt"],
    ["Thị xã Hương Trà", "UBND CẤP HUYỆN", "2", "Khá"],
    ["Huyện A Lưới", "UBND CẤP HUYỆN", "3", "Trung bình"],
    ["Thành phố K", "UBND CẤP HUYỆN", "4", "Yếu"],
  ]);
  expect(units[0].groupReason?.vi).toBe("Có từ 5% hồ sơ trễ hạn trở lên thì không xếp loại tốt");
  // The same sentence as the CLI's --target-rank, with the responsibility sheet's efforts.
  const cli = analyseGrids([blocksGrid()], { analysis: { classScheme: EXAMPLE_CLASS_SCHEMES[2] } }).tables[0].analysis;
  const efforts = new Map([
    ["1", new Decimal(4)],
    ["2", new Decimal(2)],
  ]);
  const [expected] = tableTargets(cli, { units: ["Huyện A Lưới"], rank: 1, efforts }, "vi");
  expect(units[6].target?.vi).toBe(expected.text);
  expect(units[6].target?.vi).toBe("Cần thêm 18,00 điểm để lên hạng 1: lấy lại điểm bị trừ ở lĩnh vực 2 (mức độ khó cao nhất 2)");
  expect(units[6].responsibility).toEqual([
    { body: "Sở Tài chính", lost: "18.00", criteria: ["2"] },
    { body: "Sở Nội vụ", lost: "17.00", criteria: ["1"] },
  ]);
  const plan = work.planReport(analysed, "vi", outputs);
  expect(plan.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["Trách nhiệm"]));
  // Without choices the analysis' own facts are kept.
  expect(work.choiceFacts(analysed, ALL)).toBe(analysed.facts);
});

test("over the worker protocol: the options cross, the facts come back with the plan", () => {
  const posted: PipelineResponse[] = [];
  const handler = new PipelineHandler(work, (m) => posted.push(m));
  handler.handle({ type: "analyse", job: 1, grid: blocksGrid() });
  const analysed = posted.pop() as Extract<PipelineResponse, { type: "analysed" }>;
  handler.handle({ type: "plan", job: 2, id: analysed.id, lang: "en", outputs: { ...ALL, classScheme: "province-units", targetRank: 2 } });
  const planned = posted.pop() as Extract<PipelineResponse, { type: "planned" }>;
  expect(planned.type).toBe("planned");
  expect(planned.facts?.tables[0].units[3]).toMatchObject({ name: "Sở Y tế", group: "Trung bình", target: { en: "Needs 15.00 more points to reach rank 2: win back the points lost in area 1" } });
  // A responsibility sheet without its grid, or a bad place, is not taken.
  expect(parseRequest({ type: "plan", job: 3, id: 1, lang: "vi", outputs: { ...ALL, responsibilitySheet: "X" } })).toBeNull();
  expect(parseRequest({ type: "plan", job: 3, id: 1, lang: "vi", outputs: { ...ALL, targetRank: 0 } })).toEqual({
    type: "plan",
    job: 3,
    id: 1,
    lang: "vi",
    outputs: ALL,
  });
});

test("a one-unit table (seed 001) gets its target from the total the user gives for that place, as --target-value", () => {
  const file = path.resolve(__dirname, "..", "fixtures", "tables", "thua-thien-hue-2019-areas.tsv");
  const seed = readDelimitedGrid(fs.readFileSync(file, "utf8"), { sheet: "TT Huế" });
  const analysed = work.analyseGrid(seed);
  expect(analysed.facts.tables[0].rankable).toBe(false);
  const unit = (outputs: work.Outputs) => work.choiceFacts(analysed, outputs).tables[0].units[0];
  expect(unit({ ...ALL, targetRank: 3 }).target?.vi).toBe("Chưa tính được cần thêm bao nhiêu điểm để lên hạng 3 (bảng không xếp hạng đủ đơn vị)");
  expect(unit({ ...ALL, targetRank: 3, targetValue: "85.5" }).target).toEqual({
    vi: "Cần thêm 2,44 điểm để lên hạng 3: lấy lại điểm bị trừ ở lĩnh vực 8 (Tác động của CCHC đến người dân, tổ chức ...)",
    en: "Needs 2.44 more points to reach rank 3: win back the points lost in area 8 (Tác động của CCHC đến người dân, tổ chức ...)",
  });
  // Over the worker protocol: a value crosses as a dot decimal; anything else is dropped.
  const request = (targetValue: unknown) => parseRequest({ type: "plan", job: 1, id: 1, lang: "vi", outputs: { ...ALL, targetRank: 3, targetValue } });
  expect(request("85.5")).toMatchObject({ outputs: { targetValue: "85.5" } });
  expect((request("85,5") as { outputs: work.Outputs }).outputs.targetValue).toBeUndefined();
});

test("'Dùng trang này làm bộ tiêu chí': a criteria sheet fills the maxima the table lacks, as template from-sheet + --template", () => {
  const scores = scoresGrid();
  const criteriaGrid = ownCriteriaGrid();
  const analysed = work.analyseGrid(scores);
  expect(analysed.result.tables[0].analysis.columns[0].nodes.get("")?.max).toBeNull();
  const outputs = { ...ALL, criteriaSheet: "Bộ tiêu chí", criteriaGrid };
  const chosen = work.withChoices(analysed, outputs);
  const total = chosen.result.tables[0].analysis.columns[0].nodes.get("")!;
  // 12 + 18 = 30; 4 + 7 + 8 + 6.25 = 25.25; 4.75 lost.
  expect([total.max?.toString(), total.achieved?.toString(), total.lost?.toString()]).toEqual(["30", "25.25", "4.75"]);
  expect(chosen.result.tables[0].table.template).toBe("Bộ tiêu chí");
  // The recognised table is shared, never changed.
  expect(analysed.result.tables[0].table.scorecard.criteria[0].max).toBeNull();
  // Over the worker protocol the sheet crosses with its grid, or not at all.
  expect(parseRequest({ type: "plan", job: 3, id: 1, lang: "vi", outputs: { ...ALL, criteriaSheet: "X" } })).toBeNull();
  expect(parseRequest({ type: "plan", job: 3, id: 1, lang: "vi", outputs })?.type).toBe("plan");
});

test("the criteria set shows in the recognised step before writing: its maxima, over the worker protocol and in the page", async () => {
  const read = async (source: GridSource): Promise<ReadOutcome> =>
    source.kind === "sheet" && source.name === "Bộ tiêu chí" ? { grid: ownCriteriaGrid(), address: "'Bộ tiêu chí'!A1:C7", syncs: 1 } : { grid: scoresGrid(), address: "'Xã A'!A1:C7", syncs: 1 };
  const actions = { requiredApi: "1.9", apiSupported: () => true, read } as unknown as PaneActions;
  const page = new PagePipeline(async () => work);
  for (const pipeline of [page, new WorkerPipeline(workerFactory().create, page)]) {
    const s = new Session({ actions: async () => actions, pipeline, yieldToBrowser: async () => {} });
    await s.checkApi();
    await s.find({ kind: "usedRange" });
    const table = () => {
      const found = s.getState().found!;
      return (found.criteriaSet?.facts ?? found.analysed.facts).tables[0];
    };
    // The table alone gives no maxima.
    expect([table().max, table().units[0].max, table().units[0].lost]).toEqual([null, null, null]);
    await s.useCriteriaSet("Bộ tiêu chí");
    expect(s.getState().error).toBeNull();
    // 12 + 18 = 30; 4 + 7 + 8 + 6.25 = 25.25; 4.75 lost; the set named as the table's.
    expect([table().max, table().units[0].max, table().units[0].total, table().units[0].lost]).toEqual(["30.00", "30.00", "25.25", "4.75"]);
    expect(table().template?.id).toBe("Bộ tiêu chí");
    // Unticked: the table as recognised again.
    await s.useCriteriaSet(null);
    expect(s.getState().found!.criteriaSet).toBeUndefined();
    expect(table().max).toBeNull();
  }
  // The request crosses with its sheet's grid, or not at all.
  expect(parseRequest({ type: "choose", job: 1, id: 1, outputs: { ...ALL, criteriaSheet: "X" } })).toBeNull();
  const posted: PipelineResponse[] = [];
  const handler = new PipelineHandler(work, (m) => posted.push(m));
  handler.handle({ type: "analyse", job: 1, grid: scoresGrid() });
  handler.handle({ type: "choose", job: 2, id: 1, outputs: { ...ALL, criteriaSheet: "Bộ tiêu chí", criteriaGrid: ownCriteriaGrid() } });
  const chosen = posted.find((m) => m.type === "chosen");
  expect(chosen?.type === "chosen" && chosen.facts.tables[0].max).toBe("30.00");
});
