/**
 * A unit's trend over a series of periods (months, quarters, years): its best and worst period, and
 * its change since the first and since the previous period. Read by the JSON and the report sheets.
 */
import type { Analysis, Points } from "./types";
import { TOTAL_CODE } from "./types";
import { unitViews, type UnitView } from "./views";

/** From this many periods a table is a series and the sheets show its trend (two are a change, shown already). */
export const SERIES_PERIODS = 3;

export interface PeriodPoint {
  period: string;
  total: Points;
}

export interface UnitTrend {
  unit: string;
  /** Periods with a total, oldest first. */
  points: PeriodPoint[];
  /** Highest total; the earliest of equal ones. */
  best: PeriodPoint;
  worst: PeriodPoint;
  /** Latest minus first. */
  sinceFirst: Points;
  /** Latest minus the period before it. */
  sincePrevious: Points;
}

/** The trend of a unit with totals in two or more periods, else null. */
export function unitTrend(view: UnitView): UnitTrend | null {
  const points: PeriodPoint[] = [];
  for (const column of view.periods) {
    const total = column.nodes.get(TOTAL_CODE)?.achieved;
    if (total) points.push({ period: column.column.period, total });
  }
  if (points.length < 2) return null;
  let best = points[0];
  let worst = points[0];
  for (const p of points) {
    if (p.total.gt(best.total)) best = p;
    if (p.total.lt(worst.total)) worst = p;
  }
  const latest = points[points.length - 1];
  return { unit: view.unit, points, best, worst, sinceFirst: latest.total.minus(points[0].total), sincePrevious: latest.total.minus(points[points.length - 2].total) };
}

/** Every unit's trend, in table order; empty when the table has one period. */
export function seriesTrends(analysis: Analysis): UnitTrend[] {
  return unitViews(analysis)
    .map(unitTrend)
    .filter((x): x is UnitTrend => x !== null);
}

