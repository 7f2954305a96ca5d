/**
 * The plan's charts (lost points per area), which only this host can draw: a clustered bar chart
 * of `values` with `categories` as its axis labels, placed between the `from` and `to` cells.
 */
import type { ChartSpec } from "../../report/plan";
import { ACTION_BYTES, PATH_BYTES, jsonBytes } from "./batches";

export function addChart(sheet: Excel.Worksheet, spec: ChartSpec): Excel.Chart {
  const chart = sheet.charts.add("BarClustered", sheet.getRange(spec.values), "Columns");
  chart.title.text = spec.title;
  chart.legend.visible = false;
  const series = chart.series.getItemAt(0);
  series.name = spec.seriesName;
  series.setXAxisValues(sheet.getRange(spec.categories));
  chart.setPosition(spec.from, spec.to);
  return chart;
}

export function chartBytes(spec: ChartSpec): number {
  return 8 * PATH_BYTES + 6 * ACTION_BYTES + jsonBytes(spec);
}
