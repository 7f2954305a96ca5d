/**
 * Targets ("phấn đấu lên hạng 10"): for the units asked about, the points a unit needs to reach a rank
 * and the lost points whose recovery closes the gap, from the engine's targetGap, as JSON and as a
 * sentence an appraiser would say ("Cần thêm 2,44 điểm để lên hạng 3: lấy lại điểm bị trừ ở lĩnh vực 8
 * (Tác động của CCHC ...)"). Recovery is largest loss first, which is also the fewest criteria that cover the gap; when
 * criteria have an effort (a "Mức độ khó" column, or the responsibility sheet), the recovery asks for
 * nothing harder than it must, then for the fewest criteria (engine/targets.ts, orderCandidates).
 */
import { formatPoints, formatPointsShort, pointsToJson } from "../engine/points";
import { targetGap, type TargetGap } from "../engine/targets";
import type { Analysis, Lang, Points } from "../engine/types";
import { criteriaByCode, criterionWords, type CriteriaByCode } from "../report/criterion-words";

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
    targetToJson(targetGap(analysis, { unit, targetRank: request.rank, efforts: request.efforts, targetValue: request.value }), lang, criteriaByCode(analysis)),
  );
}

export function targetToJson(gap: TargetGap, lang: Lang, criteria?: CriteriaByCode): TargetJson {
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
    text: targetPhrase(gap, recover, lang, criteria),
  };
  if (gap.byEffort) json.recoverEffort = recovered.map((c) => (c.effort ? c.effort.toFixed() : null));
  return json;
}

/**
 * "Cần thêm 1,37 điểm để lên hạng 10: lấy lại điểm bị trừ ở tiêu chí 6.2.1 (...), tiêu chí 4.1.3 (...)";
 * with `criteria` each code is said with its level and title, else the code alone.
 */
export function targetPhrase(gap: TargetGap, recover: readonly string[], lang: Lang, criteria?: CriteriaByCode): string {
  const k = gap.targetRank;
  if (gap.pointsNeeded === null) {
    return lang === "vi"
      ? `Chưa tính được cần thêm bao nhiêu điểm để lên hạng ${k} (bảng không xếp hạng đủ đơn vị)`
      : `Cannot tell how many points it takes to reach rank ${k} (the table does not rank enough units)`;
  }
  if (gap.pointsNeeded.isZero()) {
    const now = gap.currentRank !== null ? (lang === "vi" ? ` (đang hạng ${gap.currentRank})` : ` (rank ${gap.currentRank} now)`) : "";
    return lang === "vi" ? `Đã đạt hạng ${k} trở lên${now}` : `Already at rank ${k} or better${now}`;
  }
  const need = formatPoints(gap.pointsNeeded, lang);
  if (recover.length > 0) {
    // With efforts, the hardest effort the recovery needs ("mức độ khó" 1-5; unknown counts as hardest).
    const efforts = gap.byEffort ? gap.candidates.slice(0, recover.length).map((c) => c.effort) : [];
    const hardest = efforts.includes(null) ? null : efforts.reduce<Points | null>((a, e) => (a === null || (e !== null && e.gt(a)) ? e : a), null);
    const effortNote = !gap.byEffort ? "" : hardest === null ? (lang === "vi" ? " (có tiêu chí chưa ghi mức độ khó)" : " (some without a stated effort)") : lang === "vi" ? ` (mức độ khó cao nhất ${formatPointsShort(hardest, lang)})` : ` (hardest effort ${formatPointsShort(hardest, lang)})`;
    const where = recover.map((code) => criterionWords(code, criteria, lang)).join(", ");
    return lang === "vi"
      ? `Cần thêm ${need} điểm để lên hạng ${k}: lấy lại điểm bị trừ ở ${where}${effortNote}`
      : `Needs ${need} more points to reach rank ${k}: win back the points lost in ${where}${effortNote}`;
  }
  const all = gap.candidates.length > 0 ? gap.candidates[gap.candidates.length - 1].cumulativeLost : null;
  const reachable = all ? formatPoints(all, lang) : lang === "vi" ? "0,00" : "0.00";
  return lang === "vi"
    ? `Cần thêm ${need} điểm để lên hạng ${k}, nhưng lấy lại mọi điểm bị trừ cũng chỉ được ${reachable} điểm`
    : `Needs ${need} more points to reach rank ${k}, but winning back every lost point gives only ${reachable}`;
}
