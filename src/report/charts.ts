/**
 * What the report's charts share: colours, how many units a chart can show one by one, and the
 * bands of a histogram of totals for tables too large for that.
 *
 * Size limits, decided here once for both sheets:
 * - A column per unit (total-distribution) up to DISTRIBUTION_UNITS_LIMIT units: 300 columns still
 *   show the shape of the field and where one unit stands. Beyond that a column is under a pixel
 *   wide and the chart part alone grows by ~100 bytes a unit (cached values), so the chart becomes a
 *   histogram: units per band of totals (at most HISTOGRAM_MAX_BANDS bands of a round width),
 *   with the band holding the unit in the highlight colour.
 * - A bar per unit for rank changes up to RANK_CHANGE_UNITS_LIMIT units (one readable label a bar);
 *   beyond it the chart is left out and the change columns of the ranking sheet stay the reference.
 */
import Decimal from "decimal.js";
import { formatPointsShort } from "../engine/points";
import type { Lang } from "../engine/types";
import type { Rgb } from "./plan";

export const DISTRIBUTION_UNITS_LIMIT = 300;
export const HISTOGRAM_MAX_BANDS = 20;
export const RANK_CHANGE_UNITS_LIMIT = 100;

export const CHART_COLORS = {
  achieved: "4472C4",
  max: "BFBFBF",
  total: "8EA9DB",
  highlight: "C00000",
  rankChange: "2F5597",
} satisfies Record<string, Rgb>;

export interface Band {
  /** Inclusive lower bound. */
  from: Decimal;
  /** Exclusive upper bound, except for the last band (a top score of 100 belongs with 95-100). */
  to: Decimal;
  count: number;
}

const NICE_STEPS = ["1", "2", "2.5", "5"];

/**
 * Bands of equal, round width (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, ...) covering every total,
 * the smallest width that needs at most `maxBands` bands; each band is [from, to), the last [from, to].
 */
export function histogramBands(totals: readonly Decimal[], maxBands = HISTOGRAM_MAX_BANDS): Band[] {
  if (totals.length === 0) return [];
  const lo = extreme(totals, 1);
  const hi = extreme(totals, -1);
  let width = new Decimal("0.1");
  for (let exponent = -1; ; exponent++) {
    const candidate = NICE_STEPS.map((s) => new Decimal(s).times(Decimal.pow(10, exponent))).find((w) => bandCount(lo, hi, w) <= maxBands);
    if (candidate) {
      width = candidate;
      break;
    }
  }
  const start = lo.dividedToIntegerBy(width).times(width);
  const adjustedStart = start.gt(lo) ? start.minus(width) : start;
  const count = bandCount(lo, hi, width);
  const bands: Band[] = [];
  for (let i = 0; i < count; i++) {
    const from = adjustedStart.plus(width.times(i));
    bands.push({ from, to: from.plus(width), count: 0 });
  }
  for (const total of totals) bands[bandIndex(bands, total)].count += 1;
  return bands;
}

/**
 * `Decimal.min(...values)` (`towards` 1) or `Decimal.max(...values)` (-1), compared as decimal.js compares
 * them, without spreading 10,000 totals into arguments and copying each.
 */
function extreme(values: readonly Decimal[], towards: 1 | -1): Decimal {
  let x = values[0];
  for (let i = 1; i < values.length; i++) {
    const y = values[i];
    // NaN wins, as in decimal.js.
    if (!y.s) {
      x = y;
      break;
    }
    const k = x.cmp(y);
    if (k === towards || (k === 0 && x.s === towards)) x = y;
  }
  return new Decimal(x);
}

function bandCount(lo: Decimal, hi: Decimal, width: Decimal): number {
  let start = lo.dividedToIntegerBy(width).times(width);
  if (start.gt(lo)) start = start.minus(width);
  return Math.max(1, hi.minus(start).dividedBy(width).ceil().toNumber());
}

/**
 * The band a total falls in (the bands of `histogramBands`, which cover it): the first band with
 * from <= total < to (the last band also takes total = to), else the last band. Found by two binary
 * searches, bounds being ascending: the first band the total is below the top of, if the total is not
 * below its start (a histogram of 10,000 totals).
 */
export function bandIndex(bands: readonly Band[], total: Decimal): number {
  const last = bands.length - 1;
  // The last band starting at or below the total, and the first ending above it.
  let lo = 0;
  let hi = bands.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bands[mid].from.lte(total)) lo = mid + 1;
    else hi = mid;
  }
  const started = lo - 1;
  lo = 0;
  hi = bands.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (total.lt(bands[mid].to)) hi = mid;
    else lo = mid + 1;
  }
  return lo <= started ? lo : last;
}

/** "80–85" (from 80 to below 85), in the language's decimal separator. */
export function bandLabel(band: Band, lang: Lang): string {
  return `${formatPointsShort(band.from, lang)}–${formatPointsShort(band.to, lang)}`;
}

/** Rows a bar chart needs for `bars` categories (a row is 20 px; a readable bar about 14 px). */
export function barChartRows(bars: number, minimum = 16): number {
  return Math.max(minimum, Math.ceil(bars * 0.7) + 4);
}
