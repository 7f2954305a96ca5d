import Decimal from "decimal.js";
import type { Criterion, CriterionKind, Finding, Points } from "./types";
import { TOTAL_CODE } from "./types";
import { cap, finding, nodeName, num2 } from "./text";

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
 * The nominal maximum of the whole set: sum of the ordinary, non-extra roots' max
 * (bonus and penalty caps are not part of it). null when a root's max is unknown.
 */
export function nominalTotalMax(roots: readonly Criterion[]): Points | null {
  let total = new Decimal(0);
  for (const c of roots) {
    if (c.extra || c.kind !== "ordinary") continue;
    if (c.max === null) return null;
    total = total.plus(c.max);
  }
  return total;
}

export interface TreeValidationOptions {
  /** Accepted difference between a parent's max and its children's (default 0.01). */
  tolerance?: Points;
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

    if (c.children.length === 0 || c.max === null) continue;
    const ownKind = kinds.get(c.code) ?? c.kind;
    const counted = c.children.filter((ch) => (kinds.get(ch.code) ?? ch.kind) === ownKind && !ch.extra);
    if (counted.length === 0 || counted.some((ch) => ch.max === null)) continue;
    const sum = counted.reduce((acc, ch) => acc.plus(ch.max!), new Decimal(0));
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
  return findings;
}
