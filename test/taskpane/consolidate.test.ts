/**
 * Consolidating the units' sheets from the pane: the host reads the chosen sheets with a number of
 * syncs that does not grow with the number of sheets; the worker runs the CLI's `consolidate`; the
 * pane plans exactly what `parscore consolidate book.xlsx -o` writes for one workbook.
 */
import { createFakeWorkbook, installFakeOffice, snapshot, type FakeWorkbook } from "../fake-excel";
import { createExcelActions } from "../../src/taskpane/excel-actions";
import { Session } from "../../src/taskpane/session";
import { WorkerPipeline, PagePipeline } from "../../src/taskpane/pipeline";
import { parseRequest, PipelineHandler, type PipelineResponse } from "../../src/taskpane/pipeline-protocol";
import * as work from "../../src/taskpane/work";
import { consolidate, type ConsolidationSource } from "../../src/pipeline/consolidate";
import { buildReportPlan } from "../../src/report";
import { recogniseGrid } from "../../src/tables/recognise";
import { gridFromRows, type Grid } from "../../src/tables/grid";
import { listWorkbookSheets, readSheets } from "../../src/hosts/excel";
import { FakeRequestContext } from "../fake-excel";
import { workerFactory } from "./fake-worker";
import { FOUR_UNITS, unitSheets } from "./unit-sheets";

const g = globalThis as { Office?: unknown; Excel?: unknown };

afterEach(() => {
  delete g.Office;
  delete g.Excel;
});

function install(workbook: FakeWorkbook): void {
  installFakeOffice(globalThis, workbook);
}

function grids(count: number): Grid[] {
  return unitSheets(count).map((sheet) => gridFromRows(sheet.name, sheet.cells));
}

/** What `parscore consolidate book.xlsx -o` plans for one workbook (src/cli/consolidate.ts, default options). */
function cliPlan(sheets: Grid[], lang: "vi" | "en") {
  const sources: ConsolidationSource[] = sheets.flatMap((grid) => recogniseGrid(grid).tables.map((table) => ({ table, file: undefined })));
  const consolidation = consolidate(sources, { lang, analysis: { rankOn: "rounded", tolerance: undefined, classScheme: undefined } });
  return buildReportPlan({ lang, tables: [consolidation.result!], detailUnits: [], formulas: true, rankOn: "rounded" });
}

describe("reading the units' sheets", () => {
  test("the number of syncs does not grow with the number of sheets: 3 sheets and 12 sheets read in the same syncs", async () => {
    const counts: Record<number, { syncs: number; requests: number }> = {};
    for (const n of [3, 12]) {
      const workbook = createFakeWorkbook({ sheets: unitSheets(n) });
      const context = new FakeRequestContext(workbook) as unknown as Excel.RequestContext;
      install(workbook);
      const before = workbook.syncs;
      const read = await readSheets(context, unitSheets(n).map((s) => s.name));
      counts[n] = { syncs: read.syncs, requests: workbook.syncs - before };
      expect(read.grids.map((grid) => grid.sheet)).toEqual(unitSheets(n).map((s) => s.name));
      expect(read.addresses[0]).toBe("'Sở Tư pháp'!A1:E10");
      expect(read.grids[0].values[1][0]).toBe("Đơn vị: Sở Tư pháp");
      expect(read.grids[0].values[5]).toEqual(["1.1", "Kế hoạch CCHC", "2", 2, 2]);
    }
    // One sync finds the sheets, one their used ranges, one reads every sheet's cells.
    expect(counts[3]).toEqual({ syncs: 3, requests: 3 });
    expect(counts[12]).toEqual(counts[3]);
  });

  test("many sheets over the response budget: rounds grow with the bytes, each round one sync over all sheets", async () => {
    // 40 sheets of 2,000 rows x 5 columns of text: ~0.4 M cells, several responses of at most the budget.
    const rows = (i: number) => Array.from({ length: 2000 }, (_, r) => [`${i}.${r}`, "Một tiêu chí có tiêu đề khá dài để đọc", "1,00", "0,75", "0,75"]);
    const sheets = Array.from({ length: 40 }, (_, i) => ({ name: `Đơn vị ${i + 1}`, cells: rows(i) }));
    const workbook = createFakeWorkbook({ sheets });
    install(workbook);
    const context = new FakeRequestContext(workbook) as unknown as Excel.RequestContext;
    const read = await readSheets(context, sheets.map((s) => s.name));
    expect(read.grids.every((grid, i) => grid.values.length === 2000 && grid.values[1999][0] === `${i}.1999`)).toBe(true);
    // A response Excel refuses as too large (the first guess of a cell's weight was low) is asked again in halves.
    const responses = workbook.requests.filter((r) => !r.error).map((r) => r.responseBytes);
    const totalBytes = responses.reduce((a, b) => a + b, 0);
    expect(Math.max(...responses)).toBeLessThan(5_000_000);
    // Far fewer syncs than sheets: the two that find the sheets, the refused one, then about the total
    // bytes over the budget (halved for the rest of the read once a response was refused, as readGrid does).
    expect(read.syncs).toBe(workbook.syncs);
    expect(read.syncs).toBeLessThanOrEqual(3 + Math.ceil(totalBytes / (4_500_000 / 2)));
    expect(read.syncs).toBeLessThan(sheets.length / 4);
  });

  test("the sheets' sizes are known before a cell is read: refusing them costs two syncs", async () => {
    const workbook = createFakeWorkbook({ sheets: unitSheets(4) });
    install(workbook);
    const context = new FakeRequestContext(workbook) as unknown as Excel.RequestContext;
    const seen: number[] = [];
    await expect(
      readSheets(context, ["Sở Tư pháp", "Sở Y tế"], {
        beforeRead: (sizes) => {
          seen.push(...sizes.map((s) => s.cells));
          throw new Error("too many");
        },
      }),
    ).rejects.toThrow("too many");
    expect(seen).toEqual([50, 45]);
    expect(workbook.syncs).toBe(2);
  });

  test("a sheet deleted since it was listed is said by name; an empty sheet is left out", async () => {
    const workbook = createFakeWorkbook({ sheets: [...unitSheets(2), { name: "Trống", cells: [] }] });
    install(workbook);
    const context = new FakeRequestContext(workbook) as unknown as Excel.RequestContext;
    await expect(readSheets(context, ["Sở Tư pháp", "Sở Cũ"])).rejects.toMatchObject({ code: "no-table", messageVi: expect.stringContaining("Sở Cũ") });
    const read = await readSheets(context, ["Sở Tư pháp", "Trống", "Sở Tài chính"]);
    expect(read.grids.map((grid) => grid.sheet)).toEqual(["Sở Tư pháp", "Sở Tài chính"]);
    expect(read.empty).toEqual(["Trống"]);
  });

  test("the workbook's sheets, ParScore's own marked by its ParScore_Owned_<n> names, in one sync", async () => {
    const workbook = createFakeWorkbook({
      sheets: [...unitSheets(2), { name: "Xếp hạng", cells: [["x"]] }],
      names: { ParScore_Owned_1: "'Xếp hạng'!$A$1" },
    });
    install(workbook);
    const context = new FakeRequestContext(workbook) as unknown as Excel.RequestContext;
    expect(await listWorkbookSheets(context)).toEqual([
      { name: "Sở Tư pháp", parscore: false },
      { name: "Sở Tài chính", parscore: false },
      { name: "Xếp hạng", parscore: true },
    ]);
    expect(workbook.syncs).toBe(1);
  });
});

describe("consolidating in the worker (work.ts)", () => {
  test("the units found, the mismatched one left out with its located reason, ranks with ties", () => {
    const analysed = work.consolidateGrids(grids(4));
    const facts = analysed.facts;
    expect(facts.consolidation?.sheets).toBe(4);
    expect(facts.consolidation?.units.map((u) => [u.name, u.at.sheet, u.status])).toEqual([
      ["Sở Tư pháp", "Sở Tư pháp", "ranked"],
      ["Sở Tài chính", "Sở Tài chính", "ranked"],
      ["Sở Nội vụ", "Sở Nội vụ", "ranked"],
      ["Sở Y tế", "Sở Y tế", "left-out"],
    ]);
    const leftOut = facts.consolidation!.units[3];
    expect(leftOut.at).toEqual({ sheet: "Sở Y tế", cell: "A4" });
    expect(leftOut.reasons.map((r) => [r.kind, r.at?.sheet])).toEqual([["consolidation-missing-criteria", "Sở Y tế"]]);
    expect(leftOut.reasons[0].message.vi).toContain("1.2");
    expect(facts.consolidation?.reference).toEqual({ unit: "Sở Tư pháp", criteria: 6, leaves: 4, sharedBy: 3 });
    expect(facts.tables).toHaveLength(1);
    const table = facts.tables[0];
    expect(table.layout).toBe("units-in-columns");
    expect(table.rankable).toBe(true);
    expect(table.units.map((u) => [u.name, u.total, u.rankLabel])).toEqual([
      ["Sở Tư pháp", "9.00", "1"],
      ["Sở Tài chính", "8.25", "2(2)"],
      ["Sở Nội vụ", "8.25", "2(2)"],
    ]);
    // The mismatch is among the table's findings too, and every point stays on its unit's own sheet.
    expect(table.findings.some((f) => f.kind === "consolidation-missing-criteria")).toBe(true);
    expect(table.units[1].deductions[0].at?.sheet).toBe("Sở Tài chính");
  });

  test("the plan is exactly what `parscore consolidate book.xlsx -o` writes for one workbook, in both languages", () => {
    const analysed = work.consolidateGrids(grids(4));
    for (const lang of ["vi", "en"] as const) {
      const pane = work.planReport(analysed, lang, { gap: true, ranking: true, highlights: true, formulas: true });
      expect(JSON.parse(JSON.stringify(pane))).toEqual(JSON.parse(JSON.stringify(cliPlan(grids(4), lang))));
    }
    const plan = work.planReport(analysed, "vi", { gap: true, ranking: true, highlights: true });
    // No data sheet: the gap and ranking sheets only, highlights on the three units' own sheets.
    expect(plan.sheets.map((s) => s.name)).toEqual(["Phân tích điểm trừ", "Xếp hạng"]);
    expect([...new Set(plan.highlights.map((h) => h.sheet))].sort()).toEqual(["Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp"]);
    expect(work.planReport(analysed, "en", { gap: true, ranking: true, highlights: false }).sheets.map((s) => s.name)).toEqual(["Gap analysis", "Ranking"]);
  });

  test("the pane's analysis options apply to the consolidated table; the facts after writing keep the consolidation", () => {
    const analysed = work.consolidateGrids(grids(4));
    const responsibilityGrid = gridFromRows("Phân công", [["Mã tiêu chí", "Cơ quan chủ trì"], ["1", "Văn phòng UBND"], ["2", "Sở Nội vụ"]]);
    const outputs = { gap: true, ranking: true, highlights: true, classScheme: "province-department-rating", targetRank: 1, responsibilitySheet: "Phân công", responsibilityGrid };
    const plan = work.planReport(analysed, "vi", outputs);
    expect(plan.sheets.map((s) => s.name)).toEqual(["Phân tích điểm trừ", "Trách nhiệm", "Xếp hạng"]);
    const facts = work.choiceFacts(analysed, outputs);
    expect(facts.consolidation).toBe(analysed.facts.consolidation);
    const second = facts.tables[0].units[1];
    expect(second.group).toBe("Khá");
    expect(second.target?.vi).toMatch(/^Cần thêm 0,75 điểm để lên hạng 1: lấy lại điểm bị trừ ở tiêu chí 2\.2 \(Kết quả giải quyết hồ sơ\)/);
    expect(second.responsibility?.map((r) => r.body)).toEqual(["Sở Nội vụ", "Văn phòng UBND"]);
  });

  test("no sheet holds a one-unit table: nothing recognised, with the reasons", () => {
    const analysed = work.consolidateGrids([gridFromRows("Ghi chú", [["Lịch họp"], ["Thứ hai", "8:00"]])]);
    expect(analysed.facts.tables).toEqual([]);
    expect(analysed.facts.findings.map((f) => f.kind)).toContain("consolidation-empty");
  });

  test("the worker's protocol: a consolidate request is answered like an analysis; a malformed one is refused", () => {
    expect(parseRequest({ type: "consolidate", job: 1, grids: [{ sheet: "S" }] })).toBeNull();
    expect(parseRequest({ type: "consolidate", job: 1, grids: "x" })).toBeNull();
    const posted: PipelineResponse[] = [];
    const handler = new PipelineHandler(work, (m) => posted.push(m));
    handler.handle({ type: "consolidate", job: 7, grids: grids(4) });
    expect(posted.map((m) => m.type)).toEqual(["stage", "stage", "analysed"]);
    const answer = posted[2] as Extract<PipelineResponse, { type: "analysed" }>;
    expect(answer.facts.consolidation?.units).toHaveLength(4);
    handler.handle({ type: "plan", job: 8, id: answer.id, lang: "vi", outputs: { gap: true, ranking: true, highlights: true } });
    expect(posted[posted.length - 1].type).toBe("planned");
  });
});

describe("a Session consolidating on the fake Excel", () => {
  test("list the sheets, consolidate, write: gap and ranking sheets, highlights on each unit's sheet, the summary's ranks", async () => {
    const workbook = createFakeWorkbook({ sheets: [...unitSheets(4), { name: "Phân công", cells: [["Mã tiêu chí", "Cơ quan chủ trì"], ["1", "Sở Nội vụ"]] }] });
    install(workbook);
    const s = new Session({ actions: async () => createExcelActions(), work: async () => work });
    await s.checkApi();
    await s.listWorkbookSheets();
    expect(s.getState().workbookSheets?.map((x) => x.name)).toEqual([...FOUR_UNITS.map((u) => u.unit), "Phân công"]);
    const before = workbook.syncs;
    await s.consolidate(FOUR_UNITS.map((u) => u.unit));
    expect(s.getState().error).toBeNull();
    expect(workbook.syncs - before).toBe(3);
    const found = s.getState().found!;
    expect(found.source).toBe("consolidation");
    expect(found.address).toContain("'Sở Y tế'!A1:E9");
    // The sheet not consolidated is offered for a responsibility table.
    expect(found.sheets).toEqual(["Phân công"]);
    expect(found.analysed.facts.consolidation?.units.filter((u) => u.status === "left-out").map((u) => u.name)).toEqual(["Sở Y tế"]);

    await s.write({ gap: true, ranking: true, highlights: true }, "vi");
    expect(s.getState().error).toBeNull();
    const written = s.getState().written!;
    expect(written.outcome.sheets).toEqual(["Phân tích điểm trừ", "Xếp hạng"]);
    const snap = snapshot(workbook);
    expect(snap.sheets.map((sheet) => sheet.name)).toEqual([...FOUR_UNITS.map((u) => u.unit), "Phân công", "Phân tích điểm trừ", "Xếp hạng"]);
    for (const unit of ["Sở Tư pháp", "Sở Tài chính", "Sở Nội vụ"]) {
      expect(snap.sheets.find((sheet) => sheet.name === unit)!.conditionalFormats.length).toBeGreaterThan(0);
    }
    // The left-out unit's sheet is not in the table, so nothing is highlighted on it.
    expect(snap.sheets.find((sheet) => sheet.name === "Sở Y tế")!.conditionalFormats).toEqual([]);
    const ranking = snap.sheets.find((sheet) => sheet.name === "Xếp hạng")!;
    // Live formulas on the units' own sheets.
    expect(Object.values(ranking.cells).some((c) => c.formula?.includes("'Sở Tài chính'!"))).toBe(true);
    const summary = written.facts ?? found.analysed.facts;
    expect(summary.tables[0].units.map((u) => u.rankLabel)).toEqual(["1", "2(2)", "2(2)"]);

    // After writing, the list is made again: ParScore's new sheets are marked and not ticked.
    expect(s.getState().workbookSheets).toBeNull();
    s.startOver();
    await s.listWorkbookSheets();
    expect(s.getState().workbookSheets?.filter((x) => x.parscore).map((x) => x.name)).toEqual(["Phân tích điểm trừ", "Xếp hạng"]);
  });

  test("sheets over the pane's cell limit together are refused before a cell is read, with the number of sheets", async () => {
    const workbook = createFakeWorkbook({ sheets: unitSheets(4) });
    install(workbook);
    const s = new Session({ actions: async () => createExcelActions(), work: async () => work, maxCells: 120 });
    await s.checkApi();
    await s.consolidate(["Sở Tư pháp", "Sở Tài chính", "Sở Y tế"]);
    expect(s.getState().error).toEqual({ kind: "too-large", cells: 145, limit: 120, address: "'Sở Tư pháp'!A1:E10", sheets: 3 });
    expect(workbook.syncs).toBe(2);
    expect(s.getState().phase).toBe("start");
  });

  test("in a worker: consolidated there; planning after the worker was replaced consolidates again from the grids", async () => {
    const workbook = createFakeWorkbook({ sheets: unitSheets(4) });
    install(workbook);
    const factory = workerFactory();
    const pipeline = new WorkerPipeline(factory.create, new PagePipeline(async () => work));
    const s = new Session({ actions: async () => createExcelActions(), pipeline });
    await s.checkApi();
    await s.consolidate(FOUR_UNITS.map((u) => u.unit));
    expect(s.getState().error).toBeNull();
    expect(factory.made[0].received.map((m) => m.type)).toEqual(["consolidate"]);
    pipeline.terminate();
    await s.write({ gap: true, ranking: true, highlights: true }, "en");
    expect(s.getState().error).toBeNull();
    expect(factory.made[1].received.map((m) => m.type)).toEqual(["consolidate", "plan"]);
    expect(s.getState().written?.outcome.sheets).toEqual(["Gap analysis", "Ranking"]);
  });
});
