/**
 * Roll-up rules: how a parent's points come from its children's (issue 22).
 *
 * Every rule is linear in the children's achieved points aᵢ, with factors fᵢ (1, or the child's weight
 * wᵢ for a weighted rule) and one multiplier `times / divide`:
 *
 *   sum            Σ aᵢ                                    max Σ maxᵢ
 *   weighted-sum   Σ wᵢ·aᵢ                                 max Σ wᵢ·maxᵢ
 *   mean           Σ aᵢ / n                                max Σ maxᵢ / n
 *   weighted-mean  Σ wᵢ·aᵢ / Σ wᵢ                          max Σ wᵢ·maxᵢ / Σ wᵢ
 *   scaled-sum     Σ aᵢ                                    max Σ maxᵢ
 *
 * and, for mean, weighted-mean and scaled-sum, when the node states its own max M and every child has a
 * max, the result is brought to that scale: Σ fᵢ·aᵢ × M / Σ fᵢ·maxᵢ, whose max is M (PCI: sub-indices on 10,
 * composite on 100; "quy đổi về thang điểm 100"). n, Σ wᵢ and Σ maxᵢ run over the applicable children
 * (N/A left out); a blank child counts 0 and stays in them, so achieved is a lower bound as for sums.
 *
 * A result that divides is computed with decimal.js (20 significant digits) and rounded half-up to
 * DIVISION_DECIMALS; tables publish it rounded, so a published value that equals it at the table's own
 * decimals agrees with it (`agreesAtPublishedDecimals`).
 */
import Decimal from "decimal.js";
import type { Criterion, CriterionKind, Points, RollupRule, TotalRule } from "./types";

export const ROLLUP_RULES: readonly RollupRule[] = ["sum", "weighted-sum", "mean", "weighted-mean", "scaled-sum"];

/** Decimals a divided result is kept to (half-up). */
export const DIVISION_DECIMALS = 12;

const ONE = new Decimal(1);
const ZERO = new Decimal(0);

/** A child as its parent's rule sees it. */
export interface RulePart {
  max: Points | null;
  weight?: Points;
}

/** How a node combines its applicable children: achieved = Σ factors[i]·aᵢ × times / divide. */
export interface RuleShape {
  rule: RollupRule;
  factors: Points[];
  times: Points;
  divide: Points;
  /** The node's max under the rule; null when it cannot be known. */
  max: Points | null;
}

export function isWeighted(rule: RollupRule | undefined): boolean {
  return rule === "weighted-sum" || rule === "weighted-mean";
}

/**
 * The shape of a rule over its applicable children. `stated` is the node's own max; `fallbackMax` the max
 * to use when the children's do not give one. A weighted rule with a child lacking its weight is the
 * unweighted rule (validateTree reports `missing-weight`).
 */
export function ruleShape(asked: RollupRule, stated: Points | null, parts: readonly RulePart[], fallbackMax: Points | null): RuleShape {
  // A rule ParScore does not know (data from outside TypeScript) adds up; validateTree reports it.
  const rule: RollupRule = ROLLUP_RULES.includes(asked) ? asked : "sum";
  const weighted = isWeighted(rule) && parts.every((p) => p.weight !== undefined);
  const effective: RollupRule = isWeighted(rule) && !weighted ? (rule === "weighted-sum" ? "sum" : "mean") : rule;
  const factors = parts.map((p) => (weighted ? p.weight! : ONE));
  const allMax = parts.length > 0 && parts.every((p) => p.max !== null);
  const base = allMax ? parts.reduce((acc, p, i) => acc.plus(factors[i].times(p.max!)), ZERO) : null;
  const factorSum = factors.reduce((acc, f) => acc.plus(f), ZERO);
  const scales = effective === "mean" || effective === "weighted-mean" || effective === "scaled-sum";
  if (scales && stated !== null && base !== null && !base.isZero()) {
    return { rule: effective, factors, times: stated, divide: base, max: stated };
  }
  const averages = effective === "mean" || effective === "weighted-mean";
  const divide = averages && !factorSum.isZero() ? factorSum : ONE;
  const max = base !== null ? base.div(divide) : fallbackMax;
  return { rule: effective, factors, times: ONE, divide, max };
}

/** Σ fᵢ·aᵢ × times / divide over the parts (null = blank, counts 0), rounded when it divides. */
export function applyRule(shape: RuleShape, achieved: readonly (Points | null)[]): Points {
  let sum = ZERO;
  for (let i = 0; i < achieved.length; i++) {
    const a = achieved[i];
    if (a !== null) sum = sum.plus(shape.factors[i].eq(ONE) ? a : shape.factors[i].times(a));
  }
  if (shape.times.eq(ONE) && shape.divide.eq(ONE)) return sum;
  return sum.times(shape.times).div(shape.divide).toDecimalPlaces(DIVISION_DECIMALS, Decimal.ROUND_HALF_UP);
}

/** How much one point of child i moves its parent: fᵢ × times / divide (1 under a sum). */
export function childFactor(shape: RuleShape, i: number): Points {
  const f = shape.factors[i];
  if (shape.times.eq(ONE) && shape.divide.eq(ONE)) return f;
  return f.times(shape.times).div(shape.divide);
}

/**
 * A published value agrees with a computed one the rule divided when it equals it at the decimals the
 * table published (65,23 for 65,2345); sums are compared exactly.
 */
export function agreesAtPublishedDecimals(given: Points, computed: Points, divides: boolean, publishedDecimals?: number): boolean {
  if (given.eq(computed)) return true;
  if (!divides) return false;
  return computed.toDecimalPlaces(Math.max(given.decimalPlaces(), publishedDecimals ?? 0), Decimal.ROUND_HALF_UP).eq(given);
}

export function dividesBy(shape: RuleShape): boolean {
  return !(shape.times.eq(ONE) && shape.divide.eq(ONE));
}

/** The rule's name in a sentence. */
export function ruleWords(rule: RollupRule): { vi: string; en: string } {
  switch (rule) {
    case "sum":
      return { vi: "tổng", en: "sum" };
    case "weighted-sum":
      return { vi: "tổng có trọng số", en: "weighted sum" };
    case "mean":
      return { vi: "trung bình cộng", en: "mean" };
    case "weighted-mean":
      return { vi: "trung bình có trọng số", en: "weighted mean" };
    case "scaled-sum":
      return { vi: "tổng quy đổi về thang điểm tối đa", en: "sum scaled to the maximum" };
  }
}

/**
 * How much one point of each criterion moves the table's total: the product of the factors on its path
 * (1 all the way under sums; 2 for a PCI sub-index weighted 20% and brought from 10 to 100). A weighted
 * node's lost points count at this factor in the total. Worked on the tree as written (no N/A).
 */
export function contributionFactors(roots: readonly Criterion[], total?: TotalRule): Map<string, Points> {
  const out = new Map<string, Points>();
  const walk = (nodes: readonly Criterion[], rule: RollupRule, stated: Points | null, kind: CriterionKind, above: Points) => {
    const ruled = nodes.filter((c) => c.kind === "ordinary" || c.kind === kind);
    const shape = rule === "sum" ? null : ruleShape(rule, stated, ruled.map((c) => ({ max: c.max, weight: c.weight })), stated);
    for (const c of nodes) {
      const i = ruled.indexOf(c);
      const factor = shape && i >= 0 ? above.times(childFactor(shape, i)) : above;
      out.set(c.code, factor);
      const own: CriterionKind = c.kind !== "ordinary" ? c.kind : kind;
      if (c.children.length > 0) walk(c.children, c.kind !== "ordinary" && c.kind !== kind ? "sum" : (c.rollup ?? "sum"), c.max, own, factor);
    }
  };
  walk(
    roots.filter((r) => !r.extra),
    total?.rollup ?? "sum",
    total?.max ?? null,
    "ordinary",
    ONE,
  );
  return out;
}
