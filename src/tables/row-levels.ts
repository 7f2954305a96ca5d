/**
 * Levels of criteria rows that carry no code, indentation or bold, from evidence: a row that holds a
 * mark the rows under it leave blank (its own rank) heads them, when the figures agree that its
 * points are their sum (PAPI: each dimension ranked nationally and the sum of its sub-dimensions,
 * which carry a score only).
 */
import Decimal from "decimal.js";
import { holds, sumsAgree } from "./evidence";

/** Each row's level (1 or 2), or null when the marks and the sums do not say so. */
export function levelsFromMarks(marked: readonly boolean[], points: ReadonlyArray<Decimal | null>): number[] | null {
  if (!marked[0] || marked.every(Boolean)) return null;
  const heads: (Decimal | null)[] = [];
  const sums: (Decimal | null)[] = [];
  for (let i = 0; i < marked.length; i++) {
    if (!marked[i]) continue;
    let sum: Decimal | null = null;
    for (let j = i + 1; j < marked.length && !marked[j]; j++) {
      const v = points[j];
      sum = v === null || v === undefined ? null : (sum ?? new Decimal(0)).plus(v);
      if (sum === null) break;
    }
    heads.push(points[i] ?? null);
    sums.push(sum);
  }
  return holds(sumsAgree(sums, heads)) ? marked.map((m) => (m ? 1 : 2)) : null;
}
