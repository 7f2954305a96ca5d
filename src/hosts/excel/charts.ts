/**
 * The plan's charts (ChartSpec in src/report/plan.ts), drawn from cells of the owning sheet:
 * clustered bars ("bar", first category on top), clustered columns ("column") or lines with markers ("line"), one series per
 * spec series, in its colour, some points of the first series in the highlight colour, placed
 * between the `from` and `to` cells. Everything is queued; the caller's batch syncs.
 *
 * APIs and their requirement sets (ExcelApi 1.7 is the floor, src/hosts/excel/requirements.ts):
 * charts.add, title, legend, series.getItemAt, series.format.fill.setSolidColor, series.points
 * .getItemAt(i).format.fill.setSolidColor, axes.valueAxis.title, setPosition: 1.1;
 * series.add, setValues, setXAxisValues, gapWidth, categoryAxis.reversePlotOrder: 1.7.
 * ChartAxis.position (1.8) keeps the value axis at the bottom of a bar chart whose categories run
 * top-down; without 1.8 the axis sits at the top, which loses nothing.
 */
import type { ChartSpec } from "../../report/plan";
import { ACTION_BYTES, PATH_BYTES, jsonBytes } from "./batches";
import { rangeOf } from "./ranges";
import { supportsExcelApi } from "./requirements";

const CHART_AXIS_POSITION_API = "1.8";

export function addChart(sheet: Excel.Worksheet, spec: ChartSpec): Excel.Chart {
  const [first, ...more] = spec.series;
  const line = spec.type === "line";
  const chart = sheet.charts.add(spec.type === "bar" ? "BarClustered" : line ? "LineMarkers" : "ColumnClustered", rangeOf(sheet, first.values), "Columns");
  chart.title.text = spec.title;
  chart.legend.visible = spec.series.length > 1;
  if (spec.series.length > 1) chart.legend.position = "Bottom";
  const categories = rangeOf(sheet, spec.categories);
  const firstSeries = chart.series.getItemAt(0);
  firstSeries.name = first.name;
  firstSeries.setXAxisValues(categories);
  // A line is coloured by its line format (ExcelApi 1.1), a bar by its fill; gap width is for bars only.
  const colour = (series: Excel.ChartSeries, rgb: string) => (line ? (series.format.line.color = `#${rgb}`) : series.format.fill.setSolidColor(`#${rgb}`));
  colour(firstSeries, first.color);
  if (!line) firstSeries.gapWidth = 60;
  for (const extra of more) {
    const series = chart.series.add(extra.name);
    series.setValues(rangeOf(sheet, extra.values));
    series.setXAxisValues(categories);
    colour(series, extra.color);
  }
  if (spec.highlight) {
    // Points exist once the values are set (queued above, applied in order by Excel).
    for (const index of spec.highlight.points) firstSeries.points.getItemAt(index).format.fill.setSolidColor(`#${spec.highlight.color}`);
  }
  if (spec.type === "bar") {
    // Excel draws the first category at the bottom of a bar chart; the sheet reads top-down.
    chart.axes.categoryAxis.reversePlotOrder = true;
    if (supportsExcelApi(CHART_AXIS_POSITION_API)) chart.axes.categoryAxis.position = "Maximum";
  }
  if (spec.valueAxisTitle) chart.axes.valueAxis.title.text = spec.valueAxisTitle;
  chart.setPosition(spec.from, spec.to);
  return chart;
}

/** What adding a chart weighs in a request: a path and an action per call, the spec's text. */
export function chartBytes(spec: ChartSpec): number {
  const calls = 14 + 5 * spec.series.length + 2 * (spec.highlight?.points.length ?? 0);
  return calls * (PATH_BYTES + ACTION_BYTES) + jsonBytes(spec);
}
