import Decimal from "decimal.js";
import type { Analysis, ColumnAnalysis, Criterion, CriterionKind, NodeResult, Points } from "./types";
import { TOTAL_CODE } from "./types";
import { comparePeriods, rankIndex, rankingValue } from "./ranks";
import type { RankOn } from "./ranks";
import { findCriterion, flattenCriteria, leafCriteria } from "./tree";
import { contributionFactors } from "./rules";
import { decimalOfScaled, scaledInteger, scaledLosses } from "./columnar";

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
  /**
   * Effort to win back a criterion's lost points, by code (1 easiest .. 5 hardest), e.g. from the
   * responsibility sheet: the deepest code on a leaf's path wins, before the criteria's own `effort`.
   */
  efforts?: ReadonlyMap<string, Points>;
  /** List at most this many candidates (from the top); `coveredAfter` and `candidateCount` still count them all. */
  candidateLimit?: number;
}

export interface TargetCandidate {
  code: string;
  title: string;
  kind: CriterionKind;
  max: Points | null;
  achieved: Points;
  lost: Points;
  /** How hard it is to win back (1 easiest .. 5 hardest), when the table or the options say; null = not said. */
  effort: Points | null;
  /**
   * What winning `lost` back adds to the target's points: `lost` itself under sums; under a weighted or
   * averaged node, `lost` times its factor (a PCI sub-index weighted 20%, brought from 10 to 100: × 2).
   */
  lostInTarget: Points;
  /** Sum of `lostInTarget` from the first candidate to this one. */
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
  /**
   * Leaves under `code` that lost points, in the order to win them back. Without efforts: most lost first
   * (ties in table order). With efforts (see `orderCandidates`): first the leaves that make the
   * recovery, then the rest cheapest first.
   */
  candidates: TargetCandidate[];
  /** How many leaves lost points (the candidates before `candidateLimit`). */
  candidateCount: number;
  /** True when some candidate has an effort, so the order took efforts into account. */
  byEffort: boolean;
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
  const ranks = rankIndex(analysis.ranks);
  // Within the unit's block when the table ranks blocks separately: "top 3 of the districts".
  const table = ranks.table(period, code, col?.column.block);
  // At the decimals the table's ties were decided on (the table's own for a column it publishes with 3).
  if (opts.decimals === undefined && table?.decimals !== undefined) rankOpts.decimals = table.decimals;
  const currentValue = node?.achieved != null ? rankingValue(node.achieved, rankOpts) : null;

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

  let candidates: TargetCandidate[] = [];
  let candidateCount = 0;
  let byEffort = false;
  let coveredAfter: number | null = null;
  const limit = opts.candidateLimit ?? Infinity;
  const { leaves, efforts, codes } = leavesOf(analysis.scorecard.criteria, code, opts.efforts);
  const factorOf = col ? weightedFactors(analysis, code) : undefined;
  // A clean column's losses as integers, most first, when no effort reorders them and every leaf counts at
  // its own points: only the candidates listed are made.
  const losses = col && efforts.size === 0 && !factorOf ? scaledLosses(col.nodes, codes) : null;
  const needed = pointsNeeded === null ? undefined : scaledInteger(pointsNeeded);
  if (col && losses && needed !== null) {
    // Walks the losses most first until `limit` are listed and the gap is covered; false when `order` ran out first.
    const walk = (order: ArrayLike<number>): boolean => {
      candidates = [];
      coveredAfter = null;
      let cumulative = 0;
      for (let n = 0; n < order.length; n++) {
        const k = order[n];
        cumulative += losses[k];
        const coversGap = needed !== undefined && cumulative >= needed;
        if (n < limit) {
          const leaf = leaves[k];
          const r = col.nodes.get(leaf.code)!;
          candidates.push({ code: leaf.code, title: leaf.title, kind: r.kind ?? leaf.kind, max: r.max, achieved: r.achieved!, lost: r.lost!, lostInTarget: r.lost!, effort: null, cumulativeLost: decimalOfScaled(cumulative), coversGap });
        }
        if (coversGap && coveredAfter === null) coveredAfter = n + 1;
        if (n + 1 >= limit && (coveredAfter !== null || needed === undefined)) return true;
      }
      return order.length === candidateCount;
    };
    // A rank sheet lists 5 candidates of each of 10,000 units: the largest few losses are picked, not all sorted,
    // unless they do not cover the gap.
    const top = Number.isInteger(limit) && limit >= 1 && limit < losses.length ? largestLosses(losses, limit) : null;
    candidateCount = top ? top.count : positiveCount(losses);
    if (!top || !walk(top.order)) walk(lossOrder(losses));
  } else if (col) {
    const rows: Lost[] = [];
    leaves.forEach((leaf, order) => {
      const r = col.nodes.get(leaf.code);
      if (r === undefined || r.notApplicable || r.achieved === null || r.lost === null || !r.lost.gt(0)) return;
      const gain = factorOf ? r.lost.times(factorOf(leaf.code)) : r.lost;
      rows.push({ leaf, order, r, effort: efforts.get(leaf.code) ?? null, gain, lostKey: scaledInteger(gain) });
    });
    byEffort = rows.some((x) => x.effort !== null);
    let cumulative = new Decimal(0);
    for (const { leaf, r, effort, gain } of orderCandidates(rows, pointsNeeded)) {
      cumulative = cumulative.plus(gain);
      candidates.push({
        code: leaf.code,
        title: leaf.title,
        kind: r.kind ?? leaf.kind,
        max: r.max,
        achieved: r.achieved!,
        lost: r.lost!,
        lostInTarget: gain,
        effort,
        cumulativeLost: cumulative,
        coversGap: pointsNeeded !== null && cumulative.gte(pointsNeeded),
      });
    }
    const i = candidates.findIndex((c) => c.coversGap);
    coveredAfter = i >= 0 ? i + 1 : null;
    candidateCount = candidates.length;
    candidates = candidates.slice(0, limit);
  }
  if (pointsNeeded === null) coveredAfter = null;
  else if (pointsNeeded.isZero()) coveredAfter = 0;

  return { unit: opts.unit, period, code, targetRank: opts.targetRank, currentRank, currentValue, targetValue, targetValueRank, pointsNeeded, reached, candidates, candidateCount, byEffort, coveredAfter };
}

/**
 * Each leaf's factor in the target's points when some node of the tree (or the total) has another rule than
 * the sum; undefined when every factor is 1. Relative to `code` when the target is an area.
 */
function weightedFactors(analysis: Analysis, code: string): ((leaf: string) => Points) | undefined {
  const { criteria, total } = analysis.scorecard;
  if (!(total !== undefined && total.rollup !== "sum") && !anyRuledNode(criteria)) return undefined;
  const factors = contributionFactors(criteria, total);
  const scope = code === TOTAL_CODE ? ONE : (factors.get(code) ?? ONE);
  return (leaf) => (factors.get(leaf) ?? ONE).div(scope);
}

const ONE = new Decimal(1);

const RULED = new WeakMap<readonly Criterion[], boolean>();

/** Some node of the tree has another rule than the sum; remembered per tree (a rank sheet asks for every unit). */
function anyRuledNode(criteria: readonly Criterion[]): boolean {
  let ruled = RULED.get(criteria);
  if (ruled === undefined) RULED.set(criteria, (ruled = flattenCriteria(criteria).some((c) => c.rollup !== undefined && c.rollup !== "sum")));
  return ruled;
}

function positiveCount(losses: Float64Array): number {
  let count = 0;
  for (let k = 0; k < losses.length; k++) if (losses[k] > 0) count++;
  return count;
}

/**
 * The positions of the `limit` largest positive losses, most first (ties: the earlier first), as `lossOrder`
 * begins; and how many losses are positive. One pass, inserting into a short sorted list.
 */
function largestLosses(losses: Float64Array, limit: number): { order: Int32Array; count: number } {
  const order = new Int32Array(limit);
  let listed = 0;
  let count = 0;
  for (let k = 0; k < losses.length; k++) {
    const v = losses[k];
    if (!(v > 0)) continue;
    count++;
    // Equal losses keep the earlier position first: only a strictly larger one moves ahead.
    if (listed === limit && !(v > losses[order[limit - 1]])) continue;
    let j = listed < limit ? listed++ : limit - 1;
    while (j > 0 && losses[order[j - 1]] < v) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = k;
  }
  return { order: order.subarray(0, listed), count };
}

/**
 * The positions of the positive losses, most first (ties: the earlier first). Sorted natively as one key per
 * position (loss x n + (n - 1 - position), exact below 2^53), else with a comparison.
 */
function lossOrder(losses: Float64Array): ArrayLike<number> {
  const n = losses.length;
  let count = 0;
  let most = 0;
  let whole = true;
  for (let k = 0; k < n; k++) {
    const v = losses[k];
    if (v > 0) {
      count++;
      if (v > most) most = v;
      if (v !== Math.floor(v)) whole = false;
    }
  }
  if (!whole || !(most * n + n <= Number.MAX_SAFE_INTEGER)) {
    const order: number[] = [];
    for (let k = 0; k < n; k++) if (losses[k] > 0) order.push(k);
    return order.sort((a, b) => losses[b] - losses[a] || a - b);
  }
  const keys = new Float64Array(count);
  let i = 0;
  for (let k = 0; k < n; k++) if (losses[k] > 0) keys[i++] = losses[k] * n + (n - 1 - k);
  keys.sort();
  const order = new Int32Array(count);
  for (let j = 0; j < count; j++) order[j] = n - 1 - (keys[count - 1 - j] % n);
  return order;
}

/** A leaf that lost points, with its place in the table and its effort. */
interface Lost {
  leaf: Criterion;
  order: number;
  r: NodeResult;
  effort: Points | null;
  /** r.lost counted in the target's points (times its factor under weighted or averaged nodes). */
  gain: Points;
  /** gain as an exact integer (columnar.ts scaledInteger), so sorting compares numbers; null or absent: compare Decimals. */
  lostKey?: number | null;
}

interface LeavesUnder {
  leaves: Criterion[];
  codes: string[];
  efforts: Map<string, Points>;
}

const LEAVES = new WeakMap<readonly Criterion[], Map<string, LeavesUnder>>();

/**
 * The leaves under a code and their efforts; remembered per criteria tree when the efforts come from the
 * table (a rank sheet asks for every unit's target on the same tree).
 */
function leavesOf(roots: readonly Criterion[], code: string, options: ReadonlyMap<string, Points> | undefined): LeavesUnder {
  let byCode = options ? undefined : LEAVES.get(roots);
  const known = byCode?.get(code);
  if (known) return known;
  const scope = code === TOTAL_CODE ? roots : [findCriterion(roots, code)].filter((c) => c !== undefined);
  const leaves = leafCriteria(scope);
  const found = { leaves, codes: leaves.map((l) => l.code), efforts: leafEfforts(scope, options) };
  if (!options) {
    if (!byCode) LEAVES.set(roots, (byCode = new Map()));
    byCode.set(code, found);
  }
  return found;
}

/** Effort per leaf code: the deepest code on its path in `efforts`, else the deepest criterion on the path that has one. */
function leafEfforts(scope: readonly Criterion[], efforts: ReadonlyMap<string, Points> | undefined): Map<string, Points> {
  const out = new Map<string, Points>();
  const walk = (nodes: readonly Criterion[], fromOptions: Points | undefined, fromTable: Points | undefined) => {
    for (const n of nodes) {
      const byOption = efforts?.get(n.code) ?? fromOptions;
      const byTable = n.effort ?? fromTable;
      if (n.children.length > 0) walk(n.children, byOption, byTable);
      else {
        const effort = byOption ?? byTable;
        if (effort !== undefined) out.set(n.code, effort);
      }
    }
  };
  walk(scope, undefined, undefined);
  return out;
}

const byLost = (a: Lost, b: Lost) => {
  const ka = a.lostKey;
  const kb = b.lostKey;
  return (typeof ka === "number" && typeof kb === "number" ? kb - ka : b.gain.comparedTo(a.gain)) || a.order - b.order;
};
/** Compares efforts; a leaf without one comes after every stated one (not knowing is taken as the hardest). */
function compareEffort(a: Points | null, b: Points | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a.comparedTo(b);
}
const byEffortThenLost = (a: Lost, b: Lost) => compareEffort(a.effort, b.effort) || byLost(a, b);

/**
 * The order to win lost points back in. Without efforts: largest loss first, so the first leaves that
 * cover the gap are the fewest that can. With efforts, the recovery asks for nothing harder than it must,
 * then for the fewest criteria: the lowest effort level E at which the leaves of effort <= E together
 * cover the gap is found (cheapest first), and those leaves come first, largest loss first (ties: the
 * easier first); the rest follow cheapest first. When the gap is 0, unknown or cannot be covered, all are
 * cheapest first.
 */
export function orderCandidates<T extends Lost>(rows: readonly T[], pointsNeeded: Points | null): T[] {
  if (!rows.some((x) => x.effort !== null)) return [...rows].sort(byLost);
  const cheapest = [...rows].sort(byEffortThenLost);
  if (pointsNeeded === null || pointsNeeded.isZero()) return cheapest;
  let cumulative = new Decimal(0);
  const at = cheapest.findIndex((x) => (cumulative = cumulative.plus(x.gain)).gte(pointsNeeded));
  if (at < 0) return cheapest;
  const level = cheapest[at].effort;
  const within = cheapest
    .filter((x) => compareEffort(x.effort, level) <= 0)
    .sort((a, b) => b.gain.comparedTo(a.gain) || compareEffort(a.effort, b.effort) || a.order - b.order);
  return [...within, ...cheapest.filter((x) => compareEffort(x.effort, level) > 0)];
}
