/**
 * applyPlan and removeHighlights against the behavioural fake, with the plan the CLI builds
 * from the seed table (test/fixtures/tables/thua-thien-hue-2019-areas.tsv).
 */
import { applyPlan, HostError, removeHighlights, selectCell } from "../../../src/hosts/excel";
import { HIGHLIGHT_MARKER, OWNED_SHEET_NAME_PREFIX, type PlannedSheet, type SheetPlan } from "../../../src/report";
import { a1, gridFromRows, parseA1 } from "../../../src/tables/grid";
import { snapshot, type FakeWorkbook, type SheetSnapshot, type SheetSpec } from "../../fake-excel";
import { fakeExcel, planFor, seedCells, seedGrid, SEED_SHEET } from "./helpers";

const NOTES = "Ghi chú";
const USER_RULE = { ref: "C3:C10", formula: "=C3>10", fill: "#C6EFCE" };

function userSheets(): SheetSpec[] {
  return [
    { name: SEED_SHEET, cells: seedCells(), merges: ["C1:D1", "E1:F1"], conditionalFormats: [USER_RULE] },
    { name: NOTES, cells: [["Ghi chú của người dùng", "=không phải công thức"], [1.25, { formula: "=A2*2", value: 2.5 }]] },
  ];
}

function sheetOf(workbook: FakeWorkbook, name: string): SheetSnapshot {
  const sheet = snapshot(workbook).sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** A user sheet apart from conditional formats (which highlights add to, by design). */
function userContent(workbook: FakeWorkbook, name: string): Omit<SheetSnapshot, "conditionalFormats" | "position"> {
  const { conditionalFormats: _cf, position: _p, ...rest } = sheetOf(workbook, name);
  return rest;
}

/** Every planned cell with a value, checked against the written sheet. */
function expectSheetMatchesPlan(written: SheetSnapshot, planned: PlannedSheet): number {
  let checked = 0;
  for (const block of planned.blocks) {
    const origin = parseA1(block.at);
    block.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const address = a1(origin.row + r, origin.col + c);
        const got = written.cells[address];
        const v = cell?.value;
        if (!v) {
          expect(got?.value ?? null).toBeNull();
          return;
        }
        checked++;
        if (v.kind === "formula") {
          expect(got?.formula).toBe(`=${v.formula}`.replace(/\u0001([^\u0001]*)\u0001!/g, (_, s: string) => `'${s.replace(/'/g, "''")}'!`));
          return;
        }
        expect(got?.formula).toBeUndefined();
        if (v.kind === "number") expect(got?.value).toBe(Number(v.value));
        else expect(got?.value).toBe(v.text);
        if (v.kind === "link") expect(got?.hyperlink?.documentReference).toBe(`'${v.sheet.replace(/'/g, "''")}'!${v.cell}`);
      }),
    );
  }
  return checked;
}

describe("applying the seed table's plan", () => {
  const plan = planFor([seedGrid()]);

  test("writes ParScore's sheets cell for cell, marked, styled, charted; the user's sheets keep every cell", async () => {
    const { workbook, run } = fakeExcel({ sheets: userSheets() });
    const before = { seed: userContent(workbook, SEED_SHEET), notes: sheetOf(workbook, NOTES) };
    const outcome = await run((ctx) => applyPlan(ctx, plan));

    expect(outcome.sheets).toEqual(plan.sheets.map((s) => s.name));
    expect(outcome.charts).toBe(plan.sheets.reduce((n, s) => n + s.charts.length, 0));
    expect(outcome.charts).toBeGreaterThan(0);
    expect(outcome.highlights).toBe(plan.highlights.length);
    expect(outcome.syncs).toBe(workbook.syncs);
    expect(outcome.syncs).toBeLessThanOrEqual(4);
    expect(workbook.requests.every((r) => r.bytes <= 4_000_000)).toBe(true);
    expect(outcome.maxRequestBytes).toBeGreaterThanOrEqual(Math.max(...workbook.requests.map((r) => r.bytes)));

    const snap = snapshot(workbook);
    expect(snap.sheets.map((s) => s.name)).toEqual([SEED_SHEET, NOTES, ...outcome.sheets]);
    expect(snap.names).toEqual(outcome.sheets.map((name, i) => ({ name: `${OWNED_SHEET_NAME_PREFIX}${i + 1}`, formula: `='${name}'!$A$1` })));

    plan.sheets.forEach((planned, i) => {
      const written = sheetOf(workbook, outcome.sheets[i]);
      expect(expectSheetMatchesPlan(written, planned)).toBeGreaterThan(50);
      expect(written.merges.sort()).toEqual([...planned.merges].sort());
      expect(written.tabColor).toBe(planned.tabColor ? `#${planned.tabColor}` : "");
      if (planned.freeze) expect(written.freeze).toEqual({ rows: planned.freeze.rows, columns: planned.freeze.columns });
      if (planned.print?.landscape) expect(written.pageLayout.orientation).toBe("Landscape");
      expect(Object.keys(written.columnWidths)).toHaveLength(planned.columnWidths.filter((w) => w > 0).length);
      for (const [row, height] of Object.entries(planned.rowHeights)) expect(written.rowHeights[row]).toBe(height);
      expect(written.conditionalFormats.map((cf) => cf.range)).toEqual(planned.conditionalFormats.map((cf) => cf.ref).reverse());
      expect(written.charts).toEqual(
        planned.charts.map((chart) =>
          expect.objectContaining({
            type: chart.type === "bar" ? "BarClustered" : "ColumnClustered",
            title: chart.title,
            legendVisible: chart.series.length > 1,
            position: { from: chart.from, to: chart.to },
            series: chart.series.map((s) => expect.objectContaining({ name: s.name, values: s.values, xValues: chart.categories, color: `#${s.color}` })),
          }),
        ),
      );
    });

    // Styles: a header cell, a number cell with its format, a link cell.
    const gap = sheetOf(workbook, outcome.sheets[0]);
    const styled = Object.values(gap.cells);
    expect(styled.some((c) => c.format?.bold && c.format?.fill === "#D9E1F2" && c.format?.borderBottom === "Continuous/Thin/#BFBFBF")).toBe(true);
    expect(styled.some((c) => typeof c.value === "number" && c.numberFormat === "0.00")).toBe(true);
    expect(styled.some((c) => c.hyperlink && c.format?.underline === "Single" && c.format?.color === "#0563C1")).toBe(true);

    // The user's sheets: every cell, merge, width and freeze as before.
    expect(userContent(workbook, SEED_SHEET)).toEqual(before.seed);
    expect(sheetOf(workbook, NOTES)).toEqual({ ...before.notes, position: 1 });
  });

  test("highlights go after the user's own rules, carry the marker, and removeHighlights takes exactly them away", async () => {
    const { workbook, run } = fakeExcel({ sheets: userSheets() });
    await run((ctx) => applyPlan(ctx, plan));
    const rules = sheetOf(workbook, SEED_SHEET).conditionalFormats as { type: string; range: string; custom: { formula: string; fill: string; fontColor?: string } }[];
    expect(rules[0]).toEqual(expect.objectContaining({ range: USER_RULE.ref, custom: { formula: USER_RULE.formula, fill: USER_RULE.fill } }));
    const ours = rules.slice(1);
    expect(ours).toHaveLength(plan.highlights.length);
    ours.forEach((rule, i) => {
      const planned = plan.highlights[i];
      expect(rule.type).toBe("Custom");
      expect(rule.range).toBe(planned.ref);
      expect(rule.custom.formula).toBe(`=${planned.rule.type === "formula" ? planned.rule.formula : ""}`);
      expect(rule.custom.formula).toContain(HIGHLIGHT_MARKER);
      expect(rule.custom.fill).toBe("#FFC7CE");
    });

    const syncsBefore = workbook.syncs;
    const removed = await run((ctx) => removeHighlights(ctx));
    expect(removed).toBe(plan.highlights.length);
    expect(workbook.syncs - syncsBefore).toBe(3);
    expect(sheetOf(workbook, SEED_SHEET).conditionalFormats).toEqual([expect.objectContaining({ range: USER_RULE.ref, custom: { formula: USER_RULE.formula, fill: USER_RULE.fill } })]);
    // The data bars on ParScore's own sheet are not highlights.
    expect(sheetOf(workbook, plan.sheets[0].name).conditionalFormats).toHaveLength(plan.sheets[0].conditionalFormats.length);
    expect(await run((ctx) => removeHighlights(ctx))).toBe(0);
  });

  test("a re-run replaces ParScore's sheets, names and highlights instead of adding more", async () => {
    const { workbook, run } = fakeExcel({ sheets: userSheets() });
    await run((ctx) => applyPlan(ctx, plan));
    const first = snapshot(workbook);
    await run((ctx) => applyPlan(ctx, plan));
    const second = snapshot(workbook);
    expect(second.sheets.map((s) => s.name)).toEqual(first.sheets.map((s) => s.name));
    expect(second.names).toEqual(first.names);
    expect(second.sheets.find((s) => s.name === SEED_SHEET)?.conditionalFormats).toHaveLength(1 + plan.highlights.length);
    expect(second.sheets).toEqual(first.sheets);
  });

  test("a user sheet that has ParScore's sheet name keeps it; ours becomes ' (2)' and links still find the source", async () => {
    const taken = plan.sheets[0].name;
    const { workbook, run } = fakeExcel({ sheets: [...userSheets(), { name: taken.toUpperCase(), cells: [["của tôi"]] }] });
    const outcome = await run((ctx) => applyPlan(ctx, plan));
    expect(outcome.sheets[0]).toBe(`${taken} (2)`);
    expect(sheetOf(workbook, taken.toUpperCase()).cells).toEqual({ A1: { value: "của tôi" } });
    expectSheetMatchesPlan(sheetOf(workbook, outcome.sheets[0]), plan.sheets[0]);
    // Again: still " (2)", and the user's sheet is not taken for ours.
    const again = await run((ctx) => applyPlan(ctx, plan));
    expect(again.sheets[0]).toBe(`${taken} (2)`);
    expect(snapshot(workbook).sheets.map((s) => s.name).filter((n) => n.startsWith(taken) || n.startsWith(taken.toUpperCase()))).toHaveLength(2);
  });

  test("the progress callback counts requests up to the total", async () => {
    const { run } = fakeExcel({ sheets: userSheets() });
    const seen: [number, number][] = [];
    await run((ctx) => applyPlan(ctx, plan, { onProgress: (done, total) => seen.push([done, total]) }));
    expect(seen.length).toBeGreaterThan(1);
    const [lastDone, lastTotal] = seen[seen.length - 1];
    expect(lastDone).toBe(lastTotal);
    for (let i = 1; i < seen.length; i++) expect(seen[i][0]).toBeGreaterThanOrEqual(seen[i - 1][0]);
  });
});

describe("text is text", () => {
  test("names and texts that look like formulas, numbers, dates or errors are written as the same text", async () => {
    const tricky = ["=1+1", "+84 912 345 678", "-", "@đơn vị", "1.10", "4/5", "1,5", "50%", "TRUE", "false", "#N/A", "'trích dẫn'", "Công tác chỉ đạo"];
    const styles = { s: {} };
    const planned: PlannedSheet = {
      name: "Thử",
      role: "gap",
      owner: "parscore",
      blocks: [{ at: "B2", rows: tricky.map((text) => [{ value: { kind: "text", text }, style: "s" }, { value: { kind: "number", value: "8.35" } }]) }],
      merges: [],
      columnWidths: [],
      rowHeights: {},
      conditionalFormats: [],
      charts: [],
    };
    const plan: SheetPlan = { version: 1, lang: "vi", styles, sheets: [planned], highlights: [] };
    const { workbook, run } = fakeExcel({ sheets: userSheets() });
    await run((ctx) => applyPlan(ctx, plan));
    const written = sheetOf(workbook, "Thử");
    tricky.forEach((text, i) => {
      expect(written.cells[`B${i + 2}`]).toEqual(expect.objectContaining({ value: text }));
      expect(written.cells[`B${i + 2}`].formula).toBeUndefined();
      expect(written.cells[`C${i + 2}`]).toEqual(expect.objectContaining({ value: 8.35 }));
    });
  });

  test("a unit named like a formula, through the whole pipeline", async () => {
    const rows = [
      ["STT", "Đơn vị", "Tiêu chí 1", "Tiêu chí 2", "Tổng điểm"],
      [null, "Điểm tối đa", "5,00", "5,00", "10,00"],
      ["1", "=1+1", "4,50", "5,00", "9,50"],
      ["2", "Sở Nội vụ", "5,00", "3,25", "8,25"],
      ["3", "+Phòng", "2,00", "5,00", "7,00"],
    ];
    const grid = gridFromRows("Đơn vị", rows);
    const plan = planFor([grid]);
    const { workbook, run } = fakeExcel({ sheets: [{ name: "Đơn vị", cells: rows }] });
    const outcome = await run((ctx) => applyPlan(ctx, plan));
    const texts = outcome.sheets.flatMap((name) => Object.values(sheetOf(workbook, name).cells));
    expect(texts.some((c) => c.value === "=1+1")).toBe(true);
    expect(texts.some((c) => c.value === "+Phòng")).toBe(true);
    expect(texts.every((c) => c.formula === undefined)).toBe(true);
  });
});

describe("what the user can cause", () => {
  const plan = planFor([seedGrid()]);

  test("a protected source sheet stops the run before anything is written", async () => {
    const sheets = userSheets();
    sheets[0].protected = true;
    const { workbook, run } = fakeExcel({ sheets });
    const before = snapshot(workbook);
    const error = await run((ctx) => applyPlan(ctx, plan)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe("protected");
    expect((error as HostError).messageVi).toContain(SEED_SHEET);
    expect((error as HostError).messageEn).toContain(SEED_SHEET);
    expect(snapshot(workbook)).toEqual(before);
    expect(workbook.syncs).toBe(1);
  });

  test("a protected workbook structure stops the run before anything is written", async () => {
    const { workbook, run } = fakeExcel({ sheets: userSheets(), protected: true });
    const before = snapshot(workbook);
    await expect(run((ctx) => applyPlan(ctx, plan))).rejects.toMatchObject({ code: "protected" });
    expect(snapshot(workbook)).toEqual(before);
  });

  test("a protected sheet that carries our old highlights stops the run (they could not be removed)", async () => {
    const { workbook, run } = fakeExcel({ sheets: userSheets() });
    await run((ctx) => applyPlan(ctx, plan));
    workbook.requireSheet(SEED_SHEET).protected = true;
    const before = snapshot(workbook);
    const rankingOnly = { ...plan, highlights: [] };
    await expect(run((ctx) => applyPlan(ctx, rankingOnly))).rejects.toMatchObject({ code: "protected" });
    await expect(run((ctx) => removeHighlights(ctx))).rejects.toMatchObject({ code: "protected" });
    expect(snapshot(workbook)).toEqual(before);
  });

  test("a protected sheet that has nothing of ours does not stop the run", async () => {
    const sheets = userSheets();
    sheets[1].protected = true;
    const { workbook, run } = fakeExcel({ sheets });
    const outcome = await run((ctx) => applyPlan(ctx, plan));
    expect(outcome.sheets).toHaveLength(plan.sheets.length);
    expect(sheetOf(workbook, NOTES).conditionalFormats).toEqual([]);
  });

  test("cancelling between requests leaves the user's sheets as they were and removes the half-written ones", async () => {
    const { workbook, run } = fakeExcel({ sheets: userSheets() });
    const before = snapshot(workbook);
    const controller = new AbortController();
    const error = await run((ctx) =>
      applyPlan(ctx, plan, {
        signal: controller.signal,
        maxRequestBytes: 20_000,
        onProgress: (done) => {
          if (done === 2) controller.abort();
        },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe("cancelled");
    expect(snapshot(workbook)).toEqual(before);
  });

  test("an aborted signal stops before the first request", async () => {
    const { workbook, run } = fakeExcel({ sheets: userSheets() });
    const controller = new AbortController();
    controller.abort();
    await expect(run((ctx) => applyPlan(ctx, plan, { signal: controller.signal }))).rejects.toMatchObject({ code: "cancelled" });
    expect(workbook.syncs).toBe(0);
  });

  test("an Excel older than ExcelApi 1.7 is told so before any request", async () => {
    const { workbook, run } = fakeExcel({ sheets: userSheets(), apiVersion: "1.5" });
    await expect(run((ctx) => applyPlan(ctx, plan))).rejects.toMatchObject({ code: "api-missing" });
    await expect(run((ctx) => removeHighlights(ctx))).rejects.toMatchObject({ code: "api-missing" });
    expect(workbook.syncs).toBe(0);
  });

  test("without ExcelApi 1.9 the plan is still written, without screen-updating suspension and print setup", async () => {
    const { workbook, run } = fakeExcel({ sheets: userSheets(), apiVersion: "1.8" });
    const outcome = await run((ctx) => applyPlan(ctx, plan));
    expectSheetMatchesPlan(sheetOf(workbook, outcome.sheets[0]), plan.sheets[0]);
    const writes = workbook.requests.slice(1);
    expect(writes.every((r) => r.suspendedCalculation && !r.suspendedScreenUpdating)).toBe(true);
    expect(sheetOf(workbook, outcome.sheets[0]).pageLayout.orientation).toBe("Portrait");
  });
});

describe("requests", () => {
  test("a smaller request limit means more, smaller requests, each within it; the result is the same", async () => {
    const plan = planFor([seedGrid()]);
    const big = fakeExcel({ sheets: userSheets() });
    await big.run((ctx) => applyPlan(ctx, plan));
    const small = fakeExcel({ sheets: userSheets() });
    const outcome = await small.run((ctx) => applyPlan(ctx, plan, { maxRequestBytes: 10_000 }));
    expect(small.workbook.syncs).toBeGreaterThan(big.workbook.syncs);
    expect(small.workbook.requests.every((r) => r.bytes <= 10_000)).toBe(true);
    expect(outcome.maxRequestBytes).toBeLessThanOrEqual(10_000);
    expect(snapshot(small.workbook)).toEqual(snapshot(big.workbook));
  });

  test("each write request suspends calculation and screen updating", async () => {
    const { workbook, run } = fakeExcel({ sheets: userSheets() });
    await run((ctx) => applyPlan(ctx, planFor([seedGrid()])));
    const [inspect, ...writes] = workbook.requests;
    expect(inspect.suspendedCalculation).toBe(false);
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((r) => r.suspendedCalculation && r.suspendedScreenUpdating)).toBe(true);
  });
});

describe("selectCell", () => {
  test("activates the sheet and selects the cell, in one sync", async () => {
    const { workbook, run } = fakeExcel({ sheets: userSheets(), active: NOTES });
    await run((ctx) => selectCell(ctx, SEED_SHEET, "E7"));
    expect(workbook.syncs).toBe(1);
    expect(snapshot(workbook).active).toBe(SEED_SHEET);
    expect(snapshot(workbook).selection).toBe("'TT Huế'!E7");
  });

  test("a sheet that is gone is Excel's ItemNotFound, not a silent no-op", async () => {
    const { run } = fakeExcel({ sheets: userSheets() });
    await expect(run((ctx) => selectCell(ctx, "Đã xóa", "A1"))).rejects.toMatchObject({ code: "ItemNotFound" });
  });
});
