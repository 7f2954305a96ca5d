/**
 * The Office.js host draws every chart kind of the plan (src/hosts/excel/charts.ts) on the fake:
 * chart type, series with their values, axis labels and colours, the highlighted points, bar charts
 * reading top-down, the value-axis title; ChartAxis.position (ExcelApi 1.8) only where Excel has it;
 * and no extra context.sync() for charts however many there are.
 */
import { applyPlan } from "../../../src/hosts/excel";
import { buildReportPlan, type ChartSpec, type SheetPlan } from "../../../src/report";
import { snapshot, type FakeWorkbook } from "../../fake-excel";
import { periodsInput } from "../../report/chart-fixtures";
import { manyInput } from "../../report/fixtures";
import { fakeExcel } from "./helpers";

/** The source sheets the plan's links point at. */
function sourceSheets() {
  return [
    { name: "PAR 2022", cells: [["x"]] },
    { name: "Xã", cells: [["x"]] },
  ];
}

function chartPlan(): SheetPlan {
  return buildReportPlan({ lang: "vi", tables: [manyInput(), periodsInput(12)], highlights: false });
}

interface DrawnSeries {
  name: string;
  values: string;
  xValues?: string;
  color?: string;
  pointColors?: Record<string, string>;
}

interface DrawnChart {
  type: string;
  title: string;
  legendVisible: boolean;
  legendPosition?: string;
  series: DrawnSeries[];
  position: { from: string; to: string };
  categoryAxis?: { reversePlotOrder?: boolean; position?: string };
  valueAxisTitle?: string;
}

function drawn(workbook: FakeWorkbook, sheet: string): DrawnChart[] {
  return (snapshot(workbook).sheets.find((s) => s.name === sheet)?.charts ?? []) as unknown as DrawnChart[];
}

function expectDrawnAsPlanned(chart: DrawnChart, spec: ChartSpec, axisPosition: boolean): void {
  expect(chart.type).toBe(spec.type === "bar" ? "BarClustered" : "ColumnClustered");
  expect(chart.title).toBe(spec.title);
  expect(chart.position).toEqual({ from: spec.from, to: spec.to });
  expect(chart.legendVisible).toBe(spec.series.length > 1);
  expect(chart.series.map((s) => [s.name, s.values, s.xValues, s.color])).toEqual(spec.series.map((s) => [s.name, s.values, spec.categories, `#${s.color}`]));
  const highlighted = Object.entries(chart.series[0].pointColors ?? {}).map(([i, color]) => [Number(i), color]);
  expect(highlighted).toEqual((spec.highlight?.points ?? []).map((p) => [p, `#${spec.highlight!.color}`]));
  expect(chart.valueAxisTitle).toBe(spec.valueAxisTitle);
  if (spec.type === "bar") {
    expect(chart.categoryAxis?.reversePlotOrder).toBe(true);
    expect(chart.categoryAxis?.position).toBe(axisPosition ? "Maximum" : undefined);
  } else {
    expect(chart.categoryAxis).toBeUndefined();
  }
}

describe("charts drawn by the Office.js host", () => {
  const plan = chartPlan();
  const kinds = new Set(plan.sheets.flatMap((s) => s.charts.map((c) => c.kind)));

  test("the plan has every kind but the histogram (small tables)", () => {
    expect([...kinds].sort()).toEqual(["points-vs-max", "rank-change", "total-distribution"]);
  });

  test.each([
    ["ExcelApi 1.17", "1.17", true],
    ["ExcelApi 1.7 (no ChartAxis.position)", "1.7", false],
  ])("%s: every chart as planned, with the same number of syncs as without charts", async (_label, apiVersion, axisPosition) => {
    const { workbook, run } = fakeExcel({ sheets: sourceSheets(), apiVersion });
    const outcome = await run((ctx) => applyPlan(ctx, plan));
    expect(outcome.charts).toBe(plan.sheets.reduce((n, s) => n + s.charts.length, 0));
    plan.sheets.forEach((planned, i) => {
      const charts = drawn(workbook, outcome.sheets[i]);
      expect(charts).toHaveLength(planned.charts.length);
      charts.forEach((chart, j) => expectDrawnAsPlanned(chart, planned.charts[j], axisPosition));
    });

    const withoutCharts: SheetPlan = { ...plan, sheets: plan.sheets.map((s) => ({ ...s, charts: [] })) };
    const other = fakeExcel({ sheets: sourceSheets(), apiVersion });
    const plain = await other.run((ctx) => applyPlan(ctx, withoutCharts));
    expect(outcome.syncs).toBe(plain.syncs);
  });

  test("a table too large for a column per unit: the histogram over its band table, the top unit's band highlighted", async () => {
    const big = buildReportPlan({ lang: "vi", tables: [periodsInput(320, ["2024"])], gap: false, highlights: false });
    const [histogram] = big.sheets[0].charts;
    expect(histogram.kind).toBe("total-histogram");
    const { workbook, run } = fakeExcel({ sheets: sourceSheets() });
    const outcome = await run((ctx) => applyPlan(ctx, big));
    const [chart] = drawn(workbook, outcome.sheets[0]);
    expectDrawnAsPlanned(chart, histogram, true);
    // The band table is on the sheet, where the chart reads it.
    const cells = snapshot(workbook).sheets.find((s) => s.name === outcome.sheets[0])!.cells;
    const [from] = histogram.categories.split(":");
    expect(String(cells[from]?.value)).toMatch(/^\d+(,\d+)?–\d+(,\d+)?$/);
  });

  test("a series of three periods: the trend as lines with markers, one per unit, coloured by their line", async () => {
    const series = buildReportPlan({ lang: "vi", tables: [periodsInput(12, ["2022", "2023", "2024"])], gap: false, highlights: false });
    const trend = series.sheets[0].charts.find((c) => c.kind === "total-trend")!;
    expect(trend.type).toBe("line");
    expect(trend.series).toHaveLength(10);
    const { workbook, run } = fakeExcel({ sheets: sourceSheets() });
    const outcome = await run((ctx) => applyPlan(ctx, series));
    const chart = drawn(workbook, outcome.sheets[0]).find((c) => c.title === trend.title)!;
    expect(chart.type).toBe("LineMarkers");
    expect(chart.legendVisible).toBe(true);
    expect(chart.series.map((s) => [s.name, s.values, s.xValues, s.color])).toEqual(trend.series.map((s) => [s.name, s.values, trend.categories, `#${s.color}`]));
  });

  test("a highlighted point beyond the series fails in Excel, so the plan never asks for one", () => {
    for (const chart of plan.sheets.flatMap((s) => s.charts)) {
      const [start, end] = chart.series[0].values.split(":");
      const count = Number(end.replace(/^[A-Z]+/, "")) - Number(start.replace(/^[A-Z]+/, "")) + 1;
      for (const p of chart.highlight?.points ?? []) expect(p).toBeLessThan(count);
    }
  });
});
