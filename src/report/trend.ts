/**
 * A series over periods (months, quarters, years): each unit's best and worst period, its change since
 * the first and since the previous period, and a line chart of the total per period for up to
 * TREND_CHART_UNITS units. The ranking sheet carries the table and the chart; the gap sheet one
 * sentence per unit.
 */
import type Decimal from "decimal.js";
import { formatPointsShort, pointsToJson } from "../engine/points";
import type { Lang } from "../engine/types";
import { type PeriodPoint, SERIES_PERIODS, unitTrend, type UnitTrend } from "../engine/trend";
import type { UnitView } from "../engine/views";
import { columnLetters } from "../tables/grid";
import type { Rgb } from "./plan";
import { blank, f, n, SheetBuilder, t } from "./sheet-builder";

/** Lines one chart shows readably; more are a tangle (the table lists every unit). */
export const TREND_CHART_UNITS = 10;

/** Ten colours told apart on screen and in grey print (Office's palette order). */
export const TREND_COLORS: Rgb[] = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E", "636363", "997300"];

const W = {
  section: { vi: "Diễn biến theo kỳ", en: "Trend over the periods" },
  best: { vi: "Kỳ cao nhất", en: "Best period" },
  worst: { vi: "Kỳ thấp nhất", en: "Worst period" },
  points: { vi: "Điểm", en: "Points" },
  sinceFirst: { vi: "So với kỳ đầu", en: "Since the first period" },
  sincePrevious: { vi: "So với kỳ trước", en: "Since the previous period" },
  unit: { vi: "Đơn vị", en: "Unit" },
  period: { vi: "Kỳ", en: "Period" },
  chartData: { vi: "Tổng điểm theo kỳ (dữ liệu biểu đồ)", en: "Total per period (chart data)" },
  chart: { vi: "Tổng điểm theo kỳ", en: "Total per period" },
  chartUnits: {
    vi: (shown: number, all: number) => `Biểu đồ vẽ ${shown}/${all} đơn vị (dẫn đầu kỳ cuối, hoặc các đơn vị được chọn bằng --unit).`,
    en: (shown: number, all: number) => `The chart draws ${shown} of ${all} units (the leaders of the last period, or the units chosen with --unit).`,
  },
};

function signed(value: Decimal, lang: Lang): string {
  const text = formatPointsShort(value.abs(), lang);
  return value.isZero() ? text : `${value.isNegative() ? "−" : "+"}${text}`;
}

/** "Cao nhất Tháng 7 (92,5), thấp nhất Tháng 2 (78); so với kỳ đầu (Tháng 1) +5,25, so với kỳ trước (Tháng 11) −1". */
export function trendSentence(trend: UnitTrend, lang: Lang): string {
  const p = (x: PeriodPoint) => `${x.period} (${formatPointsShort(x.total, lang)})`;
  const first = trend.points[0].period;
  const previous = trend.points[trend.points.length - 2].period;
  const n = trend.points.length;
  return lang === "vi"
    ? `${n} kỳ: cao nhất ${p(trend.best)}, thấp nhất ${p(trend.worst)}; so với kỳ đầu (${first}) ${signed(trend.sinceFirst, lang)}, so với kỳ trước (${previous}) ${signed(trend.sincePrevious, lang)}`
    : `${n} periods: best ${p(trend.best)}, worst ${p(trend.worst)}; since the first (${first}) ${signed(trend.sinceFirst, lang)}, since the previous (${previous}) ${signed(trend.sincePrevious, lang)}`;
}

/**
 * Live formulas over the per-period totals (src/report/live-rows.ts), so a corrected month recalculates the
 * trend's changes and the chart's data; null where a formula cannot follow (the cell keeps its value).
 */
export interface TrendLive {
  /** The unit's total in a period, as shown (rounded). */
  total(unit: string, period: string): string | null;
  /** The unit's total in `period` minus its total in `fromPeriod`, rounded. */
  change(unit: string, period: string, fromPeriod: string): string | null;
}

const CHART_ROWS = 20;
const CHART_COLS = 9;

/**
 * The trend table (a row per unit in `order`), then the totals per period of the charted units (periods
 * down, units across) and a line chart drawn from them. `chartUnits` are the units to draw, at most
 * TREND_CHART_UNITS of them.
 */
export function trendBlock(b: SheetBuilder, trends: readonly UnitTrend[], chartUnits: readonly string[], lang: Lang, last: number, live?: TrendLive): void {
  if (trends.length === 0) return;
  b.row();
  b.row([t(W.section[lang], "section")]);
  b.height(b.row([t(W.unit[lang], "th"), t(W.best[lang], "th"), t(W.points[lang], "th"), t(W.worst[lang], "th"), t(W.points[lang], "th"), t(W.sinceFirst[lang], "th"), t(W.sincePrevious[lang], "th")]), 30);
  const cell = (formula: string | null | undefined, value: Decimal) => (formula ? f(formula, pointsToJson(value), "num") : n(pointsToJson(value), "num"));
  for (const tr of trends) {
    const latest = tr.points[tr.points.length - 1].period;
    b.row([
      t(tr.unit, "name"),
      t(tr.best.period, "name"),
      n(pointsToJson(tr.best.total), "num"),
      t(tr.worst.period, "name"),
      n(pointsToJson(tr.worst.total), "num"),
      cell(live?.change(tr.unit, latest, tr.points[0].period), tr.sinceFirst),
      cell(live?.change(tr.unit, latest, tr.points[tr.points.length - 2].period), tr.sincePrevious),
    ]);
  }
  const byUnit = new Map(trends.map((tr) => [tr.unit, tr]));
  const drawn = chartUnits.map((u) => byUnit.get(u)).filter((x): x is UnitTrend => x !== undefined).slice(0, TREND_CHART_UNITS);
  if (drawn.length === 0) return;
  const periods = [...new Set(trends.flatMap((tr) => tr.points.map((p) => p.period)))];
  const order = new Map(trends[0].points.map((p, i) => [p.period, i]));
  periods.sort((a, c) => (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(c) ?? Number.MAX_SAFE_INTEGER));
  b.row();
  b.row([t(W.chartData[lang], "section")]);
  if (drawn.length < trends.length) b.wideText(W.chartUnits[lang](drawn.length, trends.length), "note", 0, last);
  b.row([t(W.period[lang], "th"), ...drawn.map((tr) => t(tr.unit, "th"))]);
  const first = b.nextRow;
  for (const period of periods) {
    b.row([t(period, "name"), ...drawn.map((tr) => {
      const point = tr.points.find((p) => p.period === period);
      return point ? cell(live?.total(tr.unit, period), point.total) : blank("num");
    })]);
  }
  const lastRow = b.nextRow - 1;
  const top = b.nextRow + 1;
  const left = 1;
  b.chart({
    kind: "total-trend",
    type: "line",
    title: W.chart[lang],
    categories: `A${first}:A${lastRow}`,
    series: drawn.map((tr, i) => {
      const col = columnLetters(i + 1);
      return { name: tr.unit, values: `${col}${first}:${col}${lastRow}`, color: TREND_COLORS[i % TREND_COLORS.length] };
    }),
    valueAxisTitle: W.points[lang],
    from: `${columnLetters(left)}${top}`,
    to: `${columnLetters(left + CHART_COLS)}${top + CHART_ROWS}`,
  });
  while (b.nextRow <= top + CHART_ROWS) b.row();
}

/** In a unit's block of the gap sheet: its trend in one sentence, when the table is a series. */
export function unitTrendLines(b: SheetBuilder, view: UnitView, lang: Lang, last: number): void {
  const trend = unitTrend(view);
  if (!trend || trend.points.length < SERIES_PERIODS) return;
  b.row();
  b.row([t(W.section[lang], "section")]);
  b.wideText(`- ${trendSentence(trend, lang)}`, "prose", 0, last);
}
