import Decimal from "decimal.js";
import type { Criterion, LeafSummary, NodeResult, ScoreColumn } from "./types";
import { leafCriteria } from "./tree";

/**
 * Seed 001 style counts over the ordinary leaves (TCTP) of one column that have a known max and a value:
 * "60 TCTP đạt điểm tối đa (43,75 điểm) và 21 TCTP chưa đạt điểm tối đa (12,57/22,75 điểm, trừ 10,18 điểm)".
 * N/A, missing, extra, bonus and penalty leaves are not counted. A leaf above its max counts as full mark
 * (the above-max finding reports it); fullMarkPoints sums achieved, so
 * fullMarkPoints + belowMaxAchieved = the points of the counted leaves.
 */
export function leafSummary(roots: readonly Criterion[], nodes: ReadonlyMap<string, NodeResult>): LeafSummary {
  const s: LeafSummary = {
    fullMarkCount: 0,
    fullMarkPoints: new Decimal(0),
    belowMaxCount: 0,
    belowMaxAchieved: new Decimal(0),
    belowMaxMax: new Decimal(0),
    belowMaxLost: new Decimal(0),
  };
  for (const leaf of leafCriteria(roots)) {
    const r = nodes.get(leaf.code);
    if (!r || r.notApplicable || r.extra || (r.kind ?? leaf.kind) !== "ordinary") continue;
    if (r.achieved === null || r.max === null) continue;
    if (r.achieved.gte(r.max)) {
      s.fullMarkCount += 1;
      s.fullMarkPoints = s.fullMarkPoints.plus(r.achieved);
    } else {
      s.belowMaxCount += 1;
      s.belowMaxAchieved = s.belowMaxAchieved.plus(r.achieved);
      s.belowMaxMax = s.belowMaxMax.plus(r.max);
      s.belowMaxLost = s.belowMaxLost.plus(r.max.minus(r.achieved));
    }
  }
  return s;
}

/**
 * For every "score" column, the "self" column of the same unit and period (the first, if several).
 * One pass over the columns: a commune-level table has 10,000 of them.
 */
export function matchingSelfColumns<T extends { column: ScoreColumn }>(all: readonly T[]): Map<T, T> {
  const selfBySlot = new Map<string, T>();
  for (const a of all) {
    const slot = `${a.column.unit}\u0000${a.column.period}`;
    if (a.column.basis === "self" && !selfBySlot.has(slot)) selfBySlot.set(slot, a);
  }
  const pairs = new Map<T, T>();
  if (selfBySlot.size === 0) return pairs;
  for (const a of all) {
    if (a.column.basis !== "score") continue;
    const self = selfBySlot.get(`${a.column.unit}\u0000${a.column.period}`);
    if (self) pairs.set(a, self);
  }
  return pairs;
}

/**
 * Sets appraisalDeduction = self.achieved - score.achieved on every node of the score column
 * (TOTAL_CODE included); null where either side has no value. Positive = the council took points off.
 */
export function applyAppraisalDeductions(score: Map<string, NodeResult>, self: ReadonlyMap<string, NodeResult>): void {
  for (const [code, r] of score) {
    const s = self.get(code);
    if (!s) continue;
    r.appraisalDeduction = r.achieved !== null && s.achieved !== null ? s.achieved.minus(r.achieved) : null;
  }
}
