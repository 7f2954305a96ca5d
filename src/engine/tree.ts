import Decimal from "decimal.js";
import type { Criterion, CriterionKind, Finding, Points, RollupRule, TotalRule } from "./types";
import { TOTAL_CODE } from "./types";
import { cap, finding, nodeName, num2 } from "./text";
import { isWeighted, ROLLUP_RULES, ruleShape, ruleWords } from "./rules";

const KINDS: readonly CriterionKind[] = ["ordinary", "bonus", "penalty"];

/** Every criterion, depth first, in table order (a parent before its children). */
export function flattenCriteria(roots: readonly Criterion[]): Criterion[] {
  const out: Criterion[] = [];
  const walk = (nodes: readonly Criterion[]): void => {
    for (const c of nodes) {
      out.push(c);
      walk(c.children);
    }
  };
  walk(roots);
  return out;
}

/** Criteria without children, in table order. `extra` rows (and their descendants) are left out unless asked for. */
export function leafCriteria(roots: readonly Criterion[], opts: { includeExtra?: boolean } = {}): Criterion[] {
  const out: Criterion[] = [];
  const walk = (nodes: readonly Criterion[], inExtra: boolean): void => {
    for (const c of nodes) {
      const extra = inExtra || !!c.extra;
      if (extra && !opts.includeExtra) continue;
      if (c.children.length === 0) out.push(c);
      else walk(c.children, extra);
    }
  };
  walk(roots, false);
  return out;
}

/** The first criterion with this code (codes are meant to be unique; see validateTree). */
/** The level of the deepest leaf: how many levels a gap sheet shows. */
export function deepestLeafLevel(roots: readonly Criterion[]): number {
  let deepest = 0;
  const walk = (c: Criterion): void => {
    if (c.children.length === 0) deepest = Math.max(deepest, c.level);
    else c.children.forEach(walk);
  };
  roots.forEach(walk);
  return deepest;
}

export function findCriterion(roots: readonly Criterion[], code: string): Criterion | undefined {
  for (const c of roots) {
    if (c.code === code) return c;
    const inner = findCriterion(c.children, code);
    if (inner) return inner;
  }
  return undefined;
}

/** code -> the criterion by that code (first one wins on duplicates). */
export function criteriaByCode(roots: readonly Criterion[]): Map<string, Criterion> {
  const map = new Map<string, Criterion>();
  for (const c of flattenCriteria(roots)) if (!map.has(c.code)) map.set(c.code, c);
  return map;
}

/** child code -> parent criterion. Roots are absent from the map. */
export function parentMap(roots: readonly Criterion[]): Map<string, Criterion> {
  const map = new Map<string, Criterion>();
  const walk = (parent: Criterion): void => {
    for (const child of parent.children) {
      if (!map.has(child.code)) map.set(child.code, parent);
      walk(child);
    }
  };
  roots.forEach(walk);
  return map;
}

/**
 * A criterion's kind as it counts: ordinary criteria under a bonus (penalty)
 * node are part of that bonus (penalty).
 */
export function effectiveKinds(roots: readonly Criterion[]): Map<string, CriterionKind> {
  const map = new Map<string, CriterionKind>();
  const walk = (nodes: readonly Criterion[], inherited: CriterionKind): void => {
    for (const c of nodes) {
      const kind = c.kind !== "ordinary" ? c.kind : inherited;
      if (!map.has(c.code)) map.set(c.code, kind);
      walk(c.children, kind);
    }
  };
  walk(roots, "ordinary");
  return map;
}

/**
 * The nominal maximum of the whole set: the max the total's rule gives over the ordinary, non-extra roots
 * (their sum by default; PCI's weighted mean brought to 100: 100), bonus and penalty caps not part of it.
 * null when the rule needs a root's max that is unknown and the total states none.
 */
export function nominalTotalMax(roots: readonly Criterion[], total?: TotalRule): Points | null {
  const counted = roots.filter((c) => !c.extra && c.kind === "ordinary");
  if (counted.length === 0) return total?.max ?? new Decimal(0);
  const stated = total?.max ?? null;
  return ruleShape(
    total?.rollup ?? "sum",
    stated,
    counted.map((c) => ({ max: c.max, weight: c.weight })),
    stated,
  ).max;
}

export interface TreeValidationOptions {
  /** Accepted difference between a parent's max and its children's (default 0.01). */
  tolerance?: Points;
  /** The total's rule over the roots, checked as a parent's. */
  total?: TotalRule;
}

/**
 * Structural checks of a criteria set, independent of any unit's points:
 * - "duplicate-code" (error): two criteria share a code (results are keyed by code);
 * - "empty-code" (error): a criterion has no code (the empty code is reserved for the total);
 * - "unknown-kind" (error): kind is not ordinary/bonus/penalty (data from outside TypeScript);
 * - "max-sum-mismatch" (warning) / "max-rounding-difference" (info): a parent's max differs from the sum
 *   of its same-kind children's max (bonus/penalty children have their own caps and are not counted);
 * - "negative-max" (error).
 */
export function validateTree(roots: readonly Criterion[], opts: TreeValidationOptions = {}): Finding[] {
  const tolerance = opts.tolerance ?? new Decimal("0.01");
  const findings: Finding[] = [];
  const seen = new Map<string, Criterion>();
  const kinds = effectiveKinds(roots);

  for (const c of flattenCriteria(roots)) {
    const name = nodeName(c.code, c);
    if (c.code === TOTAL_CODE) {
      findings.push(
        finding(
          "empty-code",
          "error",
          { vi: `Tiêu chí "${c.title}" không có mã (STT)`, en: `Criterion "${c.title}" has no code` },
          { location: c.location },
        ),
      );
    } else if (seen.has(c.code)) {
      findings.push(
        finding(
          "duplicate-code",
          "error",
          {
            vi: `Mã "${c.code}" xuất hiện nhiều lần ("${seen.get(c.code)!.title}" và "${c.title}"); chỉ dùng dòng đầu tiên`,
            en: `Code "${c.code}" appears more than once ("${seen.get(c.code)!.title}" and "${c.title}"); only the first row is used`,
          },
          { code: c.code, location: c.location },
        ),
      );
    } else {
      seen.set(c.code, c);
    }

    if (!KINDS.includes(c.kind)) {
      findings.push(
        finding(
          "unknown-kind",
          "error",
          {
            vi: `${cap(name.vi)} có loại không hợp lệ "${String(c.kind)}" (chỉ nhận ordinary, bonus, penalty)`,
            en: `${cap(name.en)} has an invalid kind "${String(c.kind)}" (ordinary, bonus or penalty)`,
          },
          { code: c.code, location: c.location },
        ),
      );
    }

    // A penalty's max may be written "-2" as well as "2" (its cap, like its values).
    if (c.max !== null && c.max.isNegative() && (kinds.get(c.code) ?? c.kind) !== "penalty") {
      const n = num2(c.max);
      findings.push(
        finding(
          "negative-max",
          "error",
          { vi: `Điểm tối đa của ${name.vi} là số âm (${n.vi})`, en: `The maximum of ${name.en} is negative (${n.en})` },
          { code: c.code, location: c.location },
        ),
      );
    }

    if (c.children.length > 0) findings.push(...checkRule(c.rollup, c.children, nodeName(c.code, c), { code: c.code, location: c.location }));
    // The max of a mean or a scaled sum is the scale it is brought to, not its children's sum.
    if (c.children.length === 0 || c.max === null || (c.rollup !== undefined && c.rollup !== "sum" && c.rollup !== "weighted-sum")) continue;
    const ownKind = kinds.get(c.code) ?? c.kind;
    const counted = c.children.filter((ch) => (kinds.get(ch.code) ?? ch.kind) === ownKind && !ch.extra);
    if (counted.length === 0 || counted.some((ch) => ch.max === null)) continue;
    // A weighted sum's max is its children's weighted maxima (a child without its weight: see checkRule).
    const sum = ruleShape(
      c.rollup ?? "sum",
      null,
      counted.map((ch) => ({ max: ch.max, weight: ch.weight })),
      null,
    ).max!;
    const diff = sum.minus(c.max).abs();
    if (diff.isZero()) continue;
    const within = diff.lte(tolerance);
    const s = num2(sum);
    const m = num2(c.max);
    const d = num2(diff);
    findings.push(
      finding(
        within ? "max-rounding-difference" : "max-sum-mismatch",
        within ? "info" : "warning",
        {
          vi: `Tổng điểm tối đa các mục con của ${name.vi} là ${s.vi}, khác điểm tối đa ghi ở ${name.vi} (${m.vi}), chênh ${d.vi}${within ? " (trong phạm vi làm tròn)" : ""}`,
          en: `The children of ${name.en} have a total maximum of ${s.en}, not the ${m.en} given for ${name.en} (difference ${d.en}${within ? ", within rounding tolerance" : ""})`,
        },
        { code: c.code, location: c.location },
      ),
    );
  }
  if (opts.total) findings.push(...checkRule(opts.total.rollup, roots.filter((r) => !r.extra), nodeName(TOTAL_CODE), { code: TOTAL_CODE, location: opts.total.location }));
  return findings;
}

const HUNDRED = new Decimal(100);

/**
 * A parent's rule: one ParScore knows ("unknown-rollup", error: summed instead); under a weighted rule,
 * every ordinary child has a weight ("missing-weight", error: the unweighted rule is used), and a weighted
 * mean's weights add up to 1 or to 100 (%) ("weights-sum", warning: it divides by their sum anyway).
 */
function checkRule(rule: RollupRule | undefined, children: readonly Criterion[], name: { vi: string; en: string }, where: Pick<Finding, "code" | "location">): Finding[] {
  if (rule === undefined || rule === "sum") return [];
  if (!ROLLUP_RULES.includes(rule)) {
    return [
      finding(
        "unknown-rollup",
        "error",
        {
          vi: `${cap(name.vi)} có quy tắc cộng điểm không hợp lệ "${String(rule)}" (sum, weighted-sum, mean, weighted-mean, scaled-sum); cộng các mục con`,
          en: `${cap(name.en)} has an unknown roll-up rule "${String(rule)}" (sum, weighted-sum, mean, weighted-mean, scaled-sum); its parts are added up`,
        },
        where,
      ),
    ];
  }
  if (!isWeighted(rule)) return [];
  const ruled = children.filter((ch) => ch.kind === "ordinary" && !ch.extra);
  const unweighted = ruled.filter((ch) => ch.weight === undefined);
  const words = ruleWords(rule);
  if (unweighted.length > 0) {
    const codes = unweighted.map((ch) => ch.code).join(", ");
    return [
      finding(
        "missing-weight",
        "error",
        {
          vi: `${cap(name.vi)} tính theo ${words.vi} nhưng ${codes} chưa có trọng số; tính không trọng số`,
          en: `${cap(name.en)} is a ${words.en} but ${codes} ${unweighted.length > 1 ? "have" : "has"} no weight; computed without weights`,
        },
        { code: where.code, location: unweighted[0].location ?? where.location },
      ),
    ];
  }
  // A weighted sum's weights are multipliers (its max is Σ wᵢ·maxᵢ, checked against the stated max); a weighted mean's are shares.
  if (rule !== "weighted-mean") return [];
  const sum = ruled.reduce((acc, ch) => acc.plus(ch.weight!), new Decimal(0));
  if (sum.eq(1) || sum.eq(HUNDRED)) return [];
  const s = num2(sum);
  return [
    finding(
      "weights-sum",
      "warning",
      {
        vi: `Trọng số các mục con của ${name.vi} cộng lại bằng ${s.vi}, không phải 1 (100%); cần kiểm tra lại trọng số`,
        en: `The weights of the parts of ${name.en} add up to ${s.en}, not 1 (100%); please check the weights`,
      },
      { code: where.code, location: ruled[0].weightLocation ?? where.location },
    ),
  ];
}
