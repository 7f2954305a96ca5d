/**
 * The gap sheet's note on a table whose total (or some node) is not the plain sum of its parts (issue 22):
 * which rule, and that a part's lost points count in the total at its factor (weight × scale).
 */
import type { Analysis, Lang } from "../engine/types";
import { formatPointsShort } from "../engine/points";
import { flattenCriteria } from "../engine/tree";
import { contributionFactors, ruleWords } from "../engine/rules";

/** Factors listed in the note; more are counted. */
const LISTED = 12;

export function ruleNote(analysis: Analysis, lang: Lang): string | null {
  const { criteria, total } = analysis.scorecard;
  const ruledNodes = flattenCriteria(criteria).filter((c) => c.rollup !== undefined && c.rollup !== "sum");
  const totalRuled = total !== undefined && total.rollup !== "sum";
  if (!totalRuled && ruledNodes.length === 0) return null;
  const factors = contributionFactors(criteria, total);
  const weighted = criteria.filter((c) => !c.extra && !(factors.get(c.code)?.eq(1) ?? true));
  const rules = [
    ...(totalRuled ? [lang === "vi" ? `tổng điểm là ${ruleWords(total.rollup).vi} của các lĩnh vực` : `the total is the ${ruleWords(total.rollup).en} of the areas`] : []),
    ...ruledNodes.slice(0, LISTED).map((c) => (lang === "vi" ? `${c.code} là ${ruleWords(c.rollup!).vi} của các mục con` : `${c.code} is the ${ruleWords(c.rollup!).en} of its parts`)),
  ].join("; ");
  const list = weighted
    .slice(0, LISTED)
    .map((c) => `${c.code} ×${formatPointsShort(factors.get(c.code)!, lang)}`)
    .join(", ");
  const more = weighted.length > LISTED ? (lang === "vi" ? ` và ${weighted.length - LISTED} mục khác` : ` and ${weighted.length - LISTED} more`) : "";
  if (lang === "vi") {
    return `Cách tính: ${rules}. Vì vậy điểm bị mất của một mục tính vào tổng theo trọng số của nó (1 điểm mất của mục ×2 là 2 điểm của tổng)${list ? `: ${list}${more}` : ""}. Cột "Bị trừ" ghi điểm mất trên thang của chính mục đó.`;
  }
  return `How it is computed: ${rules}. So a part's lost points count in the total at its weight (1 point lost on a part ×2 is 2 points of the total)${list ? `: ${list}${more}` : ""}. The "Lost" column gives each part's loss on its own scale.`;
}
