/**
 * Read-only views over an Analysis that every presenter needs (JSON, console summary, task pane):
 * the units with their periods in order, and the rank that applies to a column.
 */
import type { Analysis, Change, ColumnAnalysis, RankResult } from "../engine/types";
import { TOTAL_CODE } from "../engine/types";

export interface RankView {
  rank: number;
  tieCount: number;
  /** Units ranked, when known (computed ranks know it; published ranks do not). */
  of: number | null;
  label: string;
  source: "computed" | "published";
}

export interface UnitView {
  unit: string;
  /** Score columns of this unit, oldest period first. */
  periods: ColumnAnalysis[];
  /** Self-assessment columns of this unit, same order. */
  selfAssessed: ColumnAnalysis[];
}

export function latest(view: UnitView): ColumnAnalysis {
  return view.periods[view.periods.length - 1];
}

/** Units in table order, each with its periods sorted (numeric years ascending, else table order). */
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
  const order = periodOrder(analysis);
  for (const view of byUnit.values()) {
    view.periods.sort((a, b) => order(a.column.period) - order(b.column.period));
    view.selfAssessed.sort((a, b) => order(a.column.period) - order(b.column.period));
  }
  return [...byUnit.values()].filter((v) => v.periods.length > 0 || v.selfAssessed.length > 0).map((v) =>
    v.periods.length > 0 ? v : { ...v, periods: v.selfAssessed, selfAssessed: [] },
  );
}

function periodOrder(analysis: Analysis): (period: string) => number {
  const periods = [...new Set(analysis.columns.map((c) => c.column.period))];
  const numeric = periods.every((p) => /^\d+$/.test(p));
  if (numeric) return (p) => Number(p);
  return (p) => periods.indexOf(p);
}

/**
 * The rank that applies to a column on a criterion: the computed one when the table ranks
 * more than one unit in that period, otherwise the rank the table published.
 */
export function rankFor(analysis: Analysis, column: ColumnAnalysis, code: string = TOTAL_CODE): RankView | null {
  const table = analysis.ranks.find((r) => r.period === column.column.period && r.code === code);
  const computed: RankResult | undefined =
    table && table.entries.length > 1 ? table.entries.find((e) => e.unit === column.column.unit) : undefined;
  if (computed) {
    return { rank: computed.rank, tieCount: computed.tieCount, of: computed.of, label: computed.label, source: "computed" };
  }
  const published = column.column.publishedRanks.get(code);
  if (!published) return null;
  const tieCount = published.tieCount ?? 1;
  return {
    rank: published.rank,
    tieCount,
    of: null,
    label: tieCount > 1 ? `${published.rank}(${tieCount})` : String(published.rank),
    source: "published",
  };
}

/** The change of a unit on a criterion into the given period, if the engine computed one. */
export function changeInto(analysis: Analysis, unit: string, period: string, code: string = TOTAL_CODE): Change | undefined {
  return analysis.changes.find((c) => c.unit === unit && c.toPeriod === period && c.code === code);
}
