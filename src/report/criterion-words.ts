/**
 * A criterion as an appraiser names it in a sentence: "lĩnh vực 8 (Tác động của CCHC đến người dân, tổ
 * chức ...)", "tiêu chí 6.2.1 (...)"; its level word, its code and its title cut at a word, so that
 * five of them still make one sentence. Used by the targets' sentences (src/pipeline/targets.ts: the
 * pane, the CLI, the JSON) and the ranking sheet's "what it takes to climb one rank".
 */
import { flattenCriteria } from "../engine/tree";
import type { Analysis, Criterion, Lang } from "../engine/types";

/** Criteria by code, the sentence's names ("lĩnh vực 8 (Tác động của CCHC ...)") come from. */
export type CriteriaByCode = ReadonlyMap<string, Pick<Criterion, "title" | "level">>;

const CRITERIA = new WeakMap<Analysis, CriteriaByCode>();

export function criteriaByCode(analysis: Analysis): CriteriaByCode {
  let byCode = CRITERIA.get(analysis);
  if (!byCode) {
    byCode = new Map(flattenCriteria(analysis.scorecard.criteria).map((c) => [c.code, c]));
    CRITERIA.set(analysis, byCode);
  }
  return byCode;
}

const LEVEL_WORDS: Record<Lang, [string, string, string]> = {
  vi: ["lĩnh vực", "tiêu chí", "tiêu chí thành phần"],
  en: ["area", "criterion", "sub-criterion"],
};

/** Longer titles are cut at a word, so that five of them still make one sentence. */
const TITLE_CHARS = 40;

function shortTitle(title: string): string {
  const text = title.replace(/\s+/g, " ").trim();
  if (text.length <= TITLE_CHARS) return text;
  const cut = text.slice(0, TITLE_CHARS + 1);
  const atWord = cut.lastIndexOf(" ");
  return `${(atWord > TITLE_CHARS / 2 ? cut.slice(0, atWord) : cut.slice(0, TITLE_CHARS)).replace(/[\s,;:.-]+$/, "")} ...`;
}

/** "lĩnh vực 8 (Tác động của CCHC ...)", "criterion 6.2.1 (Tỷ lệ ...)"; the code alone when the criterion is unknown. */
export function criterionWords(code: string, criteria: CriteriaByCode | undefined, lang: Lang): string {
  const criterion = criteria?.get(code);
  if (!criterion) return code;
  const word = LEVEL_WORDS[lang][Math.min(Math.max(criterion.level, 1), 3) - 1];
  let title = SHORT_TITLES.get(criterion.title);
  if (title === undefined) {
    // Bounded: a workbook of 10,000 small tables has as many titles, each wanted a few times only.
    if (SHORT_TITLES.size >= SHORT_TITLES_KEPT) SHORT_TITLES.clear();
    SHORT_TITLES.set(criterion.title, (title = shortTitle(criterion.title)));
  }
  return title ? `${word} ${code} (${title})` : `${word} ${code}`;
}

/** Short titles by title, made once: a ranking sheet names five criteria for each of 10,000 units. */
const SHORT_TITLES = new Map<string, string>();
const SHORT_TITLES_KEPT = 4096;

