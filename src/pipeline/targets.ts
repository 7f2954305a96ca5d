/**
 * Targets ("phấn đấu vào nhóm 10 tỉnh dẫn đầu"): for the units asked about, the points a unit needs to reach
 * a place and the lost points whose recovery closes the gap, from the engine's targetGap, as JSON and as a
 * sentence. Recovery is largest loss first, which is also the fewest criteria that cover the gap.
 */
import { formatPoints, pointsToJson } from "../engine/points";
import { targetGap, type TargetGap } from "../engine/targets";
import type { Analysis, Lang } from "../engine/types";

export interface TargetRequest {
  units: readonly string[];
  /** e.g. 10 for "top 10". */
  rank: number;
}

export interface TargetJson {
  unit: string;
  period: string;
  targetRank: number;
  currentRank: number | null;
  /** Points to gain (decimal string); "0.00" when the unit is already there; null when unknown. */
  pointsNeeded: string | null;
  /** Codes of the lost-point criteria to win back, in order; empty when the gap is 0 or cannot be covered. */
  recover: string[];
  /** False when even every lost point together does not close the gap (a one-unit table cannot tell). */
  coverable: boolean | null;
  text: string;
}

/** The targets of the requested units that this table scores (others are skipped). */
export function tableTargets(analysis: Analysis, request: TargetRequest, lang: Lang): TargetJson[] {
  const scored = new Set(analysis.columns.filter((c) => c.column.basis === "score").map((c) => c.column.unit));
  return request.units.filter((u) => scored.has(u)).map((unit) => targetToJson(targetGap(analysis, { unit, targetRank: request.rank }), lang));
}

export function targetToJson(gap: TargetGap, lang: Lang): TargetJson {
  const recover = gap.coveredAfter ? gap.candidates.slice(0, gap.coveredAfter).map((c) => c.code) : [];
  const coverable = gap.pointsNeeded === null ? null : gap.pointsNeeded.isZero() || gap.coveredAfter !== null;
  return {
    unit: gap.unit,
    period: gap.period,
    targetRank: gap.targetRank,
    currentRank: gap.currentRank,
    pointsNeeded: pointsToJson(gap.pointsNeeded),
    recover,
    coverable,
    text: targetPhrase(gap, recover, lang),
  };
}

/** "+1,37 điểm để vào nhóm 10: khôi phục 6.2.1, 4.1.3". */
export function targetPhrase(gap: TargetGap, recover: readonly string[], lang: Lang): string {
  const k = gap.targetRank;
  if (gap.pointsNeeded === null) {
    return lang === "vi" ? `chưa tính được số điểm cần để vào nhóm ${k} (bảng không xếp hạng đủ đơn vị)` : `the points needed for the top ${k} are unknown (the table does not rank enough units)`;
  }
  if (gap.pointsNeeded.isZero()) {
    const now = gap.currentRank !== null ? (lang === "vi" ? ` (hạng ${gap.currentRank})` : ` (rank ${gap.currentRank})`) : "";
    return lang === "vi" ? `đã ở trong nhóm ${k}${now}` : `already in the top ${k}${now}`;
  }
  const need = formatPoints(gap.pointsNeeded, lang);
  if (recover.length > 0) {
    return lang === "vi" ? `+${need} điểm để vào nhóm ${k}: khôi phục ${recover.join(", ")}` : `+${need} points to reach the top ${k}: win back ${recover.join(", ")}`;
  }
  const all = gap.candidates.length > 0 ? gap.candidates[gap.candidates.length - 1].cumulativeLost : null;
  const reachable = all ? formatPoints(all, lang) : lang === "vi" ? "0,00" : "0.00";
  return lang === "vi"
    ? `+${need} điểm để vào nhóm ${k}; khôi phục mọi điểm bị trừ chỉ được ${reachable} điểm`
    : `+${need} points to reach the top ${k}; winning back every lost point gives only ${reachable}`;
}
