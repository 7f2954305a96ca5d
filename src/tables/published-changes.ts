/**
 * A published change column ("Tăng so với năm 2023 (%)", "Tăng/giảm") beside a year and an earlier
 * one: each unit's published change is checked against its own two published values, and a change
 * the values contradict by more than the published rounding (0,01) is found at its cell. The change
 * itself is never points; ParScore computes its own from the two years.
 */
import type Decimal from "decimal.js";
import type { Finding } from "../engine/types";
import { type Ctx, findingAt } from "./context";
import { PUBLISHED_TOLERANCE, numberOf } from "./evidence";

export interface ChangeColumns {
  /** The published change. */
  change: number;
  /** The current year's value and the earlier year's, in the same terms (both totals, or both rates). */
  current: number;
  earlier: number;
  earlierYear: string;
}

export function changeFindings(ctx: Ctx, cols: ChangeColumns, rows: ReadonlyArray<{ r: number; unit: string }>): Finding[] {
  const findings: Finding[] = [];
  for (const { r, unit } of rows) {
    const published = numberOf(ctx.raw(r, cols.change));
    const now = numberOf(ctx.raw(r, cols.current));
    const before = numberOf(ctx.raw(r, cols.earlier));
    if (published === null || now === null || before === null) continue;
    const computed = now.minus(before);
    if (computed.minus(published).abs().lte(PUBLISHED_TOLERANCE)) continue;
    findings.push(changeDiffers(ctx, r, cols, unit, { published, now, before, computed }));
  }
  return findings;
}

function changeDiffers(ctx: Ctx, r: number, cols: ChangeColumns, unit: string, v: { published: Decimal; now: Decimal; before: Decimal; computed: Decimal }): Finding {
  const vi = (d: Decimal) => d.toFixed().replace(".", ",");
  return findingAt(
    ctx,
    r,
    cols.change,
    "change-differs-from-published",
    "warning",
    `${unit}: bảng ghi thay đổi ${vi(v.published)} so với năm ${cols.earlierYear}, nhưng ${vi(v.now)} - ${vi(v.before)} = ${vi(v.computed)}; hãy kiểm tra cột thay đổi hoặc số liệu hai năm`,
    `${unit}: the table gives a change of ${v.published.toFixed()} from ${cols.earlierYear}, but ${v.now.toFixed()} - ${v.before.toFixed()} = ${v.computed.toFixed()}; check the change column or the two years' figures`,
  );
}
