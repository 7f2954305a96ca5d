/**
 * Report prose in the style of seed 001 (Thừa Thiên Huế's PAR Index 2019 analysis):
 * "Lĩnh vực cải cách tổ chức bộ máy hành chính: đạt 8,35/12 điểm (xếp vị thứ 55/63), bị trừ
 * 3,65 điểm tại 04 TCTP: 4.1.1 (trừ 1 điểm), ...". Points in prose use formatPointsShort
 * ("8", "8,5", "0,16"); percentages use two decimals ("83,06%").
 */
import { formatPoints, formatPointsShort } from "../engine/points";
import type { Change, Lang, LeafSummary, Points } from "../engine/types";

export interface RankText {
  rank: number;
  tieCount: number;
  /** Units ranked, when known. */
  of: number | null;
  label: string;
}

export interface LostItem {
  code: string;
  title: string;
  lost: Points;
}

export interface AreaFacts {
  code: string;
  title: string;
  achieved: Points | null;
  max: Points | null;
  lost: Points | null;
  rank?: RankText | null;
  /** Sub-items that lost points, largest first; empty when the table has no sub-criteria. */
  lostItems: LostItem[];
  /** Level of those items (2 = tiêu chí, 3 = TCTP), for their name. */
  itemLevel: number;
}

const p = (value: Points, lang: Lang): string => formatPointsShort(value, lang);

/** "04" as seed 001 counts items ("tại 04 TCTP", "01 TCTP"). */
export function count2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function itemName(level: number, lang: Lang, plural: boolean): string {
  if (lang === "vi") return level >= 3 ? "TCTP" : level === 2 ? "tiêu chí" : "nội dung";
  if (level >= 3) return plural ? "sub-criteria" : "sub-criterion";
  if (level === 2) return plural ? "criteria" : "criterion";
  return plural ? "items" : "item";
}

/** "xếp vị thứ 4/63, 12 đơn vị cùng vị thứ" / "rank 4 of 63, shared by 12". */
export function rankPhrase(rank: RankText, lang: Lang): string {
  const of = rank.of ? `/${rank.of}` : "";
  if (lang === "vi") {
    const tie = rank.tieCount > 1 ? `, ${rank.tieCount} đơn vị cùng vị thứ` : "";
    return `xếp vị thứ ${rank.rank}${of}${tie}`;
  }
  const tie = rank.tieCount > 1 ? `, shared by ${rank.tieCount}` : "";
  return `rank ${rank.rank}${rank.of ? ` of ${rank.of}` : ""}${tie}`;
}

/** "8,35/12 điểm" or "8,35 điểm" when the max is unknown. */
export function pointsOfMax(achieved: Points, max: Points | null, lang: Lang): string {
  const unit = lang === "vi" ? "điểm" : "points";
  return max ? `${p(achieved, lang)}/${p(max, lang)} ${unit}` : `${p(achieved, lang)} ${unit}`;
}

/** One sentence per area, seed 001 style. */
export function areaSentence(area: AreaFacts, lang: Lang): string {
  const vi = lang === "vi";
  const title = area.title || area.code;
  const head = vi ? `Lĩnh vực ${title}` : `${title} (area ${area.code})`;
  if (area.achieved === null) return vi ? `${head}: chưa có điểm.` : `${head}: no points given.`;
  const rank = area.rank ? ` (${rankPhrase(area.rank, lang)})` : "";
  const full = area.max !== null && area.lost !== null && area.lost.lte(0);
  if (full) {
    return vi
      ? `${head}: đạt tối đa ${pointsOfMax(area.achieved, area.max, lang)}${rank}.`
      : `${head}: full marks, ${pointsOfMax(area.achieved, area.max, lang)}${rank}.`;
  }
  let text = vi
    ? `${head}: đạt ${pointsOfMax(area.achieved, area.max, lang)}${rank}`
    : `${head}: ${pointsOfMax(area.achieved, area.max, lang)}${rank}`;
  if (area.lost === null) return `${text}.`;
  text += vi ? `, bị trừ ${p(area.lost, lang)} điểm` : `, ${p(area.lost, lang)} points lost`;
  const items = area.lostItems;
  if (items.length === 0) return `${text}.`;
  const name = itemName(area.itemLevel, lang, items.length > 1);
  const listed = items.map((i) =>
    items.length === 1
      ? `${i.code} “${i.title}” (${vi ? "trừ" : "lost"} ${p(i.lost, lang)}${vi ? " điểm" : ""})`
      : `${i.code} (${vi ? "trừ" : "lost"} ${p(i.lost, lang)}${vi ? " điểm" : ""})`,
  );
  return vi
    ? `${text} tại ${count2(items.length)} ${name}: ${listed.join(", ")}.`
    : `${text} in ${items.length} ${name}: ${listed.join(", ")}.`;
}

/**
 * "Có 60 TCTP đạt điểm tối đa (43,75 điểm) và 21 TCTP chưa đạt điểm tối đa (12,57/22,75 điểm, trừ 10,18 điểm)."
 * null when the table has no scored leaves.
 */
export function leafSummarySentence(s: LeafSummary, level: number, lang: Lang): string | null {
  if (s.fullMarkCount + s.belowMaxCount === 0) return null;
  if (lang === "vi") {
    const name = itemName(level, lang, true);
    const full = `${s.fullMarkCount} ${name} đạt điểm tối đa (${p(s.fullMarkPoints, lang)} điểm)`;
    const below =
      `${s.belowMaxCount} ${name} chưa đạt điểm tối đa ` +
      `(${p(s.belowMaxAchieved, lang)}/${p(s.belowMaxMax, lang)} điểm, trừ ${p(s.belowMaxLost, lang)} điểm)`;
    return `Có ${full} và ${below}.`;
  }
  const full = `${s.fullMarkCount} ${itemName(level, lang, s.fullMarkCount !== 1)} at full marks (${p(s.fullMarkPoints, lang)} points)`;
  const below =
    `${s.belowMaxCount} below full marks ` +
    `(${p(s.belowMaxAchieved, lang)}/${p(s.belowMaxMax, lang)} points, ${p(s.belowMaxLost, lang)} lost)`;
  return `${full} and ${below}.`;
}

/** The engine's change phrase, with the period it compares with when the phrase does not name it. */
export function changePhrase(change: Change, lang: Lang): string {
  const phrase = change.phrase[lang];
  if (!change.fromPeriod || phrase.includes(change.fromPeriod)) return phrase;
  const from = /^\d{4}$/.test(change.fromPeriod) ? (lang === "vi" ? `năm ${change.fromPeriod}` : change.fromPeriod) : change.fromPeriod;
  return lang === "vi" ? `${phrase} so với ${from}` : `${phrase} compared with ${from}`;
}

export interface TotalFacts {
  unit: string;
  period: string;
  achieved: Points | null;
  max: Points | null;
  percent: Points | null;
  rank?: RankText | null;
  change?: Change;
  classLabel?: string;
}

/** "Năm 2019, Thừa Thiên Huế đạt 83,06/100 điểm (83,06%), xếp vị thứ 13/63 (tăng 4,16 điểm và tăng 3 bậc so với năm 2018)." */
export function totalSentence(f: TotalFacts, lang: Lang): string {
  const vi = lang === "vi";
  const who = f.unit || (vi ? "Đơn vị" : "The unit");
  const when = f.period ? (/^\d{4}$/.test(f.period) ? (vi ? `Năm ${f.period}, ` : `In ${f.period}, `) : `${f.period}: `) : "";
  const subject = when ? `${when}${who}` : who;
  if (f.achieved === null) return vi ? `${subject} chưa có điểm.` : `${subject} has no points.`;
  let text = `${subject} ${vi ? "đạt" : "scored"} ${pointsOfMax(f.achieved, f.max, lang)}`;
  if (f.percent) text += ` (${formatPoints(f.percent, lang)}%)`;
  if (f.rank) text += `, ${rankPhrase(f.rank, lang)}`;
  if (f.change) text += ` (${changePhrase(f.change, lang)})`;
  if (f.classLabel) text += vi ? `; xếp loại: ${f.classLabel}` : `; class: ${f.classLabel}`;
  return `${text}.`;
}

/** "Tự đánh giá 20 điểm; qua thẩm định bị trừ 3,65 điểm." */
export function appraisalSentence(selfTotal: Points | null, cut: Points | null, lang: Lang): string | null {
  if (selfTotal === null) return null;
  if (lang === "vi") {
    const tail = cut === null ? "" : cut.gt(0) ? `; qua thẩm định bị trừ ${p(cut, lang)} điểm` : "; thẩm định giữ nguyên điểm tự đánh giá";
    return `Tự đánh giá ${p(selfTotal, lang)} điểm${tail}.`;
  }
  const tail = cut === null ? "" : cut.gt(0) ? `; ${p(cut, lang)} points cut at appraisal` : "; appraisal kept the self-assessed points";
  return `Self-assessed ${p(selfTotal, lang)} points${tail}.`;
}
