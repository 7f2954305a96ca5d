import type { Change, ColumnAnalysis, Points, RankTable, ScoreColumn, Text2 } from "./types";
import { TOTAL_CODE } from "./types";
import { DEFAULT_DECIMALS, formatPointsShort, roundPoints } from "./points";
import { applicableRank, comparePeriods, rankIndex, type RankIndex } from "./ranks";

/**
 * "tăng 4,16 điểm" / "giảm 0,16 điểm" / "giữ nguyên số điểm"; "up 4.16 points" / "down 0.5 points" /
 * "points unchanged". A delta that rounds to 0 at `decimals` reads as unchanged (never "tăng 0 điểm").
 */
export function pointsChangePhrase(delta: Points, decimals = DEFAULT_DECIMALS): Text2 {
  const rounded = roundPoints(delta, decimals);
  if (rounded.isZero()) return { vi: "giữ nguyên số điểm", en: "points unchanged" };
  const abs = rounded.abs();
  const vi = formatPointsShort(abs, "vi", decimals);
  const en = formatPointsShort(abs, "en", decimals);
  const unit = abs.eq(1) ? "point" : "points";
  return rounded.isPositive() ? { vi: `tăng ${vi} điểm`, en: `up ${en} ${unit}` } : { vi: `giảm ${vi} điểm`, en: `down ${en} ${unit}` };
}

/** rankDelta > 0 = climbed: "tăng 34 bậc" / "giảm 3 bậc" / "giữ nguyên vị thứ"; "up 34 places" / "down 3 places" / "rank unchanged". */
export function rankChangePhrase(rankDelta: number): Text2 {
  if (rankDelta === 0) return { vi: "giữ nguyên vị thứ", en: "rank unchanged" };
  const n = Math.abs(rankDelta);
  const unit = n === 1 ? "place" : "places";
  return rankDelta > 0 ? { vi: `tăng ${n} bậc`, en: `up ${n} ${unit}` } : { vi: `giảm ${n} bậc`, en: `down ${n} ${unit}` };
}

/** Seed 001: "tăng 4,16 điểm và tăng 3 bậc" / "up 4.16 points and up 3 places"; both unchanged: "unchanged". */
export function changePhrase(pointsDelta: Points | null, rankDelta: number | null, decimals = DEFAULT_DECIMALS): Text2 {
  const parts: Text2[] = [];
  const pointsSame = pointsDelta !== null && roundPoints(pointsDelta, decimals).isZero();
  if (pointsDelta !== null) parts.push(pointsChangePhrase(pointsDelta, decimals));
  if (rankDelta !== null) parts.push(rankChangePhrase(rankDelta));
  if (parts.length === 0) return { vi: "không có số liệu để so sánh", en: "nothing to compare" };
  if (parts.length === 2 && pointsSame && rankDelta === 0) return { vi: "giữ nguyên số điểm và vị thứ", en: "unchanged" };
  return { vi: parts.map((p) => p.vi).join(" và "), en: parts.map((p) => p.en).join(" and ") };
}

/** The rank a change is measured on (see `applicableRank`). */
export function rankFor(column: ScoreColumn, code: string, tables: readonly RankTable[] | RankIndex): number | null {
  return applicableRank(column, code, tables)?.rank ?? null;
}

export interface ChangesOptions {
  decimals?: number;
}

/**
 * Changes between consecutive periods of each unit, on "score" columns, for the total (first) and every
 * code. pointsDelta = later - earlier achieved; rankDelta = earlier rank - later rank (38 -> 4 = +34).
 * A code is reported when at least one of the two deltas is known.
 */
export function computeChanges(
  columns: readonly ColumnAnalysis[],
  tables: readonly RankTable[],
  codes: readonly string[],
  opts: ChangesOptions = {},
): Change[] {
  const decimals = opts.decimals ?? DEFAULT_DECIMALS;
  const byUnit = new Map<string, ColumnAnalysis[]>();
  for (const c of columns) {
    if (c.column.basis !== "score") continue;
    const list = byUnit.get(c.column.unit) ?? [];
    if (!list.some((x) => x.column.period === c.column.period)) list.push(c);
    byUnit.set(c.column.unit, list);
  }
  const allCodes = [TOTAL_CODE, ...codes.filter((c) => c !== TOTAL_CODE)];
  const index = rankIndex(tables);
  const out: Change[] = [];
  for (const [unit, list] of byUnit) {
    const sorted = [...list].sort((a, b) => comparePeriods(a.column.period, b.column.period));
    for (let i = 1; i < sorted.length; i += 1) {
      const from = sorted[i - 1];
      const to = sorted[i];
      for (const code of allCodes) {
        const a = from.nodes.get(code)?.achieved ?? null;
        const b = to.nodes.get(code)?.achieved ?? null;
        const pointsDelta = a !== null && b !== null ? b.minus(a) : null;
        const ra = rankFor(from.column, code, index);
        const rb = rankFor(to.column, code, index);
        const rankDelta = ra !== null && rb !== null ? ra - rb : null;
        if (pointsDelta === null && rankDelta === null) continue;
        out.push({
          unit,
          code,
          fromPeriod: from.column.period,
          toPeriod: to.column.period,
          pointsDelta,
          rankDelta,
          phrase: changePhrase(pointsDelta, rankDelta, decimals),
        });
      }
    }
  }
  return out;
}
