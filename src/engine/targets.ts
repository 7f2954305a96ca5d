import Decimal from "decimal.js";
import type { Analysis, ColumnAnalysis, CriterionKind, Points } from "./types";
import { TOTAL_CODE } from "./types";
import { comparePeriods, rankIndex, rankingValue } from "./ranks";
import type { RankOn } from "./ranks";
import { findCriterion, leafCriteria } from "./tree";

export interface TargetOptions {
  unit: string;
  /** e.g. 10 for "top 10 of 63". */
  targetRank: number;
  /** Default: the unit's latest period with a score column. */
  period?: string;
  /** Default TOTAL_CODE (the total); an area code narrows both the rank and the candidates. */
  code?: string;
  /**
   * The value to reach when the table cannot tell it (one-unit tables like seed 001 know only
   * their own published rank): e.g. the 10th province's published total.
   */
  targetValue?: Points;
  rankOn?: RankOn;
  decimals?: number;
}

export interface TargetCandidate {
  code: string;
  title: string;
  kind: CriterionKind;
  max: Points | null;
  achieved: Points;
  lost: Points;
  /** Sum of `lost` from the first candidate to this one. */
  cumulativeLost: Points;
  /** cumulativeLost >= pointsNeeded. */
  coversGap: boolean;
}

export interface TargetGap {
  unit: string;
  period: string;
  code: string;
  targetRank: number;
  /** The unit's computed rank in that table, or its published rank when the table has one unit. */
  currentRank: number | null;
  currentValue: Points | null;
  /** The value held at the target position now (the targetRank-th best value), when known. */
  targetValue: Points | null;
  /** The rank that value holds now (lower than targetRank when it is tied): what matching it reaches. */
  targetValueRank: number | null;
  /** max(0, targetValue - currentValue), on the ranking value (rounded by default); null when unknown. */
  pointsNeeded: Points | null;
  reached: boolean | null;
  /** Leaves under `code` that lost points, most lost first (ties in table order). */
  candidates: TargetCandidate[];
  /** How many candidates (from the top) cover the gap; null when they cannot or the gap is unknown. */
  coveredAfter: number | null;
}

const SCORE_COLUMNS = new WeakMap<readonly ColumnAnalysis[], Map<string, ColumnAnalysis[]>>();

/** A unit's score columns, looked up in constant time (rank sheets ask for every unit's target). */
function scoreColumnsOf(analysis: Analysis, unit: string): ColumnAnalysis[] {
  let byUnit = SCORE_COLUMNS.get(analysis.columns);
  if (!byUnit) {
    byUnit = new Map();
    for (const c of analysis.columns) {
      if (c.column.basis !== "score") continue;
      const list = byUnit.get(c.column.unit);
      if (list) list.push(c);
      else byUnit.set(c.column.unit, [c]);
    }
    SCORE_COLUMNS.set(analysis.columns, byUnit);
  }
  return byUnit.get(unit) ?? [];
}

/**
 * What it takes for a unit to reach a target rank: the gap to the value now at that rank, and the
 * leaves that lost points as candidates to win back, largest first, with a running sum.
 * Winning back the listed points ties the unit with the current holder, which under standard
 * competition ranking is enough for the target rank.
 */
export function targetGap(analysis: Analysis, opts: TargetOptions): TargetGap {
  const code = opts.code ?? TOTAL_CODE;
  const rankOpts = { rankOn: opts.rankOn, decimals: opts.decimals };
  const own = scoreColumnsOf(analysis, opts.unit);
  const period = opts.period ?? [...own].map((c) => c.column.period).sort(comparePeriods).pop() ?? "";
  const col: ColumnAnalysis | undefined = own.find((c) => c.column.period === period);
  const node = col?.nodes.get(code);
  const currentValue = node?.achieved != null ? rankingValue(node.achieved, rankOpts) : null;

  const ranks = rankIndex(analysis.ranks);
  // Within the unit's block when the table ranks blocks separately: "top 3 of the districts".
  const table = ranks.table(period, code, col?.column.block);
  let currentRank: number | null = null;
  let targetValue: Points | null = opts.targetValue ? rankingValue(opts.targetValue, rankOpts) : null;
  let targetValueRank: number | null = null;
  if (table && table.entries.length > 1) {
    currentRank = ranks.entry(period, code, opts.unit)?.rank ?? null;
    if (targetValue === null && opts.targetRank >= 1) {
      // Entries are sorted best first: position targetRank holds the value to match.
      const holder = table.entries[Math.min(opts.targetRank, table.entries.length) - 1];
      targetValue = holder.value;
      targetValueRank = holder.rank;
    }
  } else if (col) {
    currentRank = col.column.publishedRanks.get(code)?.rank ?? null;
  }

  let pointsNeeded: Points | null = null;
  if (targetValue !== null && currentValue !== null) {
    const gap = targetValue.minus(currentValue);
    pointsNeeded = gap.gt(0) ? gap : new Decimal(0);
  } else if (currentRank !== null && currentRank <= opts.targetRank) {
    pointsNeeded = new Decimal(0);
  }
  const reached = pointsNeeded === null ? null : pointsNeeded.isZero();

  const candidates: TargetCandidate[] = [];
  if (col) {
    const scope = code === TOTAL_CODE ? analysis.scorecard.criteria : [findCriterion(analysis.scorecard.criteria, code)].filter((c) => c !== undefined);
    const leaves = leafCriteria(scope);
    const rows = leaves
      .map((leaf, order) => ({ leaf, order, r: col.nodes.get(leaf.code) }))
      .filter((x) => x.r && !x.r.notApplicable && x.r.achieved !== null && x.r.lost !== null && x.r.lost.gt(0));
    rows.sort((a, b) => b.r!.lost!.comparedTo(a.r!.lost!) || a.order - b.order);
    let cumulative = new Decimal(0);
    for (const { leaf, r } of rows) {
      cumulative = cumulative.plus(r!.lost!);
      candidates.push({
        code: leaf.code,
        title: leaf.title,
        kind: r!.kind ?? leaf.kind,
        max: r!.max,
        achieved: r!.achieved!,
        lost: r!.lost!,
        cumulativeLost: cumulative,
        coversGap: pointsNeeded !== null && cumulative.gte(pointsNeeded),
      });
    }
  }
  let coveredAfter: number | null = null;
  if (pointsNeeded !== null) {
    if (pointsNeeded.isZero()) coveredAfter = 0;
    else {
      const i = candidates.findIndex((c) => c.coversGap);
      coveredAfter = i >= 0 ? i + 1 : null;
    }
  }

  return { unit: opts.unit, period, code, targetRank: opts.targetRank, currentRank, currentValue, targetValue, targetValueRank, pointsNeeded, reached, candidates, coveredAfter };
}
