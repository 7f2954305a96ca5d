/**
 * Targets ("phấn đấu vào nhóm 10 tỉnh dẫn đầu"): for the units asked about, the points a unit needs to reach
 * a place and the lost points whose recovery closes the gap, from the engine's targetGap, as JSON and as a
 * sentence. Recovery is largest loss first, which is also the fewest criteria that cover the gap; when
 * criteria have an effort (a "Mức độ khó" column, or the responsibility sheet), the recovery asks for
 * nothing harder than it must, then for the fewest criteria (engine/targets.ts, orderCandidates).
 */
import { formatPoints, formatPointsShort, pointsToJson } from "../engine/points";
import { targetGap, type TargetGap } from "../engine/targets";
import type { Analysis, Lang, Points } from "../engine/types";

export interface TargetRequest {
  units: readonly string[];
  /** e.g. 10 for "top 10". */
  rank: number;
  /** Effort by criterion code (responsibility sheet), before the table's own "Mức độ khó" column. */
  efforts?: ReadonlyMap<string, Points>;
  /**
   * The total held at place K now, for tables that cannot tell it (a one-unit table like seed 001:
   * the 10th province's published total). A table that ranks its units uses its own ranking.
   */
  value?: Points;
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
  /** Only when criteria have an effort: the effort of each recovered criterion (1 easiest .. 5; null = not said). */
  recoverEffort?: (string | null)[];
  /** False when even every lost point together does not close the gap (a one-unit table cannot tell). */
  coverable: boolean | null;
  text: string;
}

/** The targets of the requested units that this table scores (others are skipped). */
export function tableTargets(analysis: Analysis, request: TargetRequest, lang: Lang): TargetJson[] {
  const scored = new Set(analysis.columns.filter((c) => c.column.basis === "score").map((c) => c.column.unit));
  return request.units.filter((u) => scored.has(u)).map((unit) =>
    targetToJson(targetGap(analysis, { unit, targetRank: request.rank, efforts: request.efforts, targetValue: request.value }), lang),
  );
}

export function targetToJson(gap: TargetGap, lang: Lang): TargetJson {
  const recovered = gap.coveredAfter ? gap.candidates.slice(0, gap.coveredAfter) : [];
  const recover = recovered.map((c) => c.code);
  const coverable = gap.pointsNeeded === null ? null : gap.pointsNeeded.isZero() || gap.coveredAfter !== null;
  const json: TargetJson = {
    unit: gap.unit,
    period: gap.period,
    targetRank: gap.targetRank,
    currentRank: gap.currentRank,
    pointsNeeded: pointsToJson(gap.pointsNeeded),
    recover,
    coverable,
    text: targetPhrase(gap, recover, lang),
  };
  if (gap.byEffort) json.recoverEffort = recovered.map((c) => (c.effort ? c.effort.toFixed() : null));
  return json;
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
    // With efforts, the hardest effort the recovery needs ("mức độ khó" 1-5; unknown counts as hardest).
    const efforts = gap.byEffort ? gap.candidates.slice(0, recover.length).map((c) => c.effort) : [];
    const hardest = efforts.includes(null) ? null : efforts.reduce<Points | null>((a, e) => (a === null || (e !== null && e.gt(a)) ? e : a), null);
    const effortNote = !gap.byEffort ? "" : hardest === null ? (lang === "vi" ? " (có tiêu chí chưa ghi mức độ khó)" : " (some without a stated effort)") : lang === "vi" ? ` (mức độ khó cao nhất ${formatPointsShort(hardest, lang)})` : ` (hardest effort ${formatPointsShort(hardest, lang)})`;
    return lang === "vi"
      ? `+${need} điểm để vào nhóm ${k}: khôi phục ${recover.join(", ")}${effortNote}`
      : `+${need} points to reach the top ${k}: win back ${recover.join(", ")}${effortNote}`;
  }
  const all = gap.candidates.length > 0 ? gap.candidates[gap.candidates.length - 1].cumulativeLost : null;
  const reachable = all ? formatPoints(all, lang) : lang === "vi" ? "0,00" : "0.00";
  return lang === "vi"
    ? `+${need} điểm để vào nhóm ${k}; khôi phục mọi điểm bị trừ chỉ được ${reachable} điểm`
    : `+${need} points to reach the top ${k}; winning back every lost point gives only ${reachable}`;
}
