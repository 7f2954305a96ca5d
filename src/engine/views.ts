/**
 * Read-only views over an Analysis that every presenter needs (JSON, console summary, report sheets,
 * task pane): the units with their periods in order, and the rank that applies to a column.
 */
import { applicableRank, comparePeriods, type RankView } from "./ranks";
import type { Analysis, Change, ColumnAnalysis } from "./types";
import { TOTAL_CODE } from "./types";

export type { RankView } from "./ranks";

export interface UnitView {
  unit: string;
  /** Score columns of this unit, oldest period first (self-assessment columns when it has no score column). */
  periods: ColumnAnalysis[];
  /** Self-assessment columns of this unit, same order. */
  selfAssessed: ColumnAnalysis[];
}

export function latest(view: UnitView): ColumnAnalysis {
  return view.periods[view.periods.length - 1];
}

/** Units in table order, each with its periods sorted (years ascending). */
export function unitViews(analysis: Analysis): UnitView[] {
  const byUnit = new Map<string, UnitView>();
  for (const column of analysis.columns) {
    const unit = column.column.unit;
    let view = byUnit.get(unit);
    if (!view) {
      view = { unit, periods: [], selfAssessed: [] };
      byUnit.set(unit, view);
    }
    (column.column.basis === "self" ? view.selfAssessed : view.periods).push(column);
  }
  const byPeriod = (a: ColumnAnalysis, b: ColumnAnalysis) => comparePeriods(a.column.period, b.column.period);
  return [...byUnit.values()].map((view) => {
    view.periods.sort(byPeriod);
    view.selfAssessed.sort(byPeriod);
    return view.periods.length > 0 ? view : { ...view, periods: view.selfAssessed, selfAssessed: [] };
  });
}

/** The rank that applies to a column on a criterion (see `applicableRank`). */
export function rankFor(analysis: Analysis, column: ColumnAnalysis, code: string = TOTAL_CODE): RankView | null {
  return applicableRank(column.column, code, analysis.ranks);
}

const CHANGE_INDEXES = new WeakMap<readonly Change[], Map<string, Change>>();

function changeKey(unit: string, period: string, code: string): string {
  return `${unit}\u0000${period}\u0000${code}`;
}

/** The change of a unit on a criterion into the given period, if the engine computed one (constant time). */
export function changeInto(analysis: Analysis, unit: string, period: string, code: string = TOTAL_CODE): Change | undefined {
  let index = CHANGE_INDEXES.get(analysis.changes);
  if (!index) {
    index = new Map();
    for (const c of analysis.changes) {
      const key = changeKey(c.unit, c.toPeriod, c.code);
      if (!index.has(key)) index.set(key, c);
    }
    CHANGE_INDEXES.set(analysis.changes, index);
  }
  return index.get(changeKey(unit, period, code));
}
