/**
 * How hard lost points are to win back, from a column of a criteria table or of the responsibility
 * sheet: "Mức độ khó" / "Độ khó" / "Effort" (higher = harder) or "Khả năng khắc phục" / "Feasibility"
 * (higher = easier, read inversely). Values are numbers 1-5 or words (Dễ / Trung bình / Khó; Cao /
 * Thấp). Everything is brought to one effort scale, 1 (easiest) to 5 (hardest), which targets sort on.
 */
import Decimal from "decimal.js";
import type { Points } from "../engine/types";
import { parsePoints } from "../engine/points";
import { isCellError, type CellValue } from "./grid";
import { fold } from "./text";

export type EffortKind = "effort" | "feasibility";

const EFFORT_HEADERS = ["muc do kho", "do kho", "muc do kho khan", "muc do kho khac phuc", "do kho khac phuc", "effort", "difficulty", "cost", "chi phi khac phuc"];
const FEASIBILITY_HEADERS = ["kha nang khac phuc", "kha nang cai thien", "kha nang thuc hien", "muc do kha thi", "tinh kha thi", "kha thi", "feasibility", "ease"];

/** "Mức độ khó (1-5)": whether a header names an effort or a feasibility column, else null. */
export function effortHeaderKind(label: string): EffortKind | null {
  const f = fold(label)
    .replace(/\b\d+\s*\d*\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (EFFORT_HEADERS.includes(f)) return "effort";
  if (FEASIBILITY_HEADERS.includes(f)) return "feasibility";
  return null;
}

/** Words on the effort scale (1 easiest .. 5 hardest), folded. */
const EFFORT_WORDS: Record<string, number> = {
  "rat de": 1,
  de: 2,
  "trung binh": 3,
  vua: 3,
  kho: 4,
  "rat kho": 5,
  "very easy": 1,
  easy: 2,
  medium: 3,
  moderate: 3,
  hard: 4,
  difficult: 4,
  "very hard": 5,
  // In an effort column, "cao / thấp" speak of the effort itself.
  thap: 2,
  cao: 4,
  low: 2,
  high: 4,
};

/** Words of a feasibility column: high feasibility = low effort. */
const FEASIBILITY_WORDS: Record<string, number> = {
  "rat cao": 1,
  cao: 2,
  "trung binh": 3,
  thap: 4,
  "rat thap": 5,
  "rat de": 1,
  de: 2,
  kho: 4,
  "rat kho": 5,
  "very high": 1,
  high: 2,
  medium: 3,
  low: 4,
  "very low": 5,
  easy: 2,
  hard: 4,
};

const SIX = new Decimal(6);

export type EffortRead = { effort: Points } | { blank: true } | { problem: string };

/**
 * One cell: a number 1-5 (feasibility read inversely: 5 = effort 1) or a word. Blank gives blank; anything
 * else a problem (the cell's text) for the caller to report where it is.
 */
export function readEffort(raw: CellValue, kind: EffortKind): EffortRead {
  if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) return { blank: true };
  const text = isCellError(raw) ? raw.error : String(raw);
  let value: Points | null = null;
  if (typeof raw === "number") value = new Decimal(raw);
  else {
    const parsed = parsePoints(text);
    if (parsed.ok) value = parsed.value;
  }
  if (value !== null) {
    if (value.lt(1) || value.gt(5)) return { problem: text };
    return { effort: kind === "feasibility" ? SIX.minus(value) : value };
  }
  const word = (kind === "effort" ? EFFORT_WORDS : FEASIBILITY_WORDS)[fold(text)];
  return word === undefined ? { problem: text } : { effort: new Decimal(word) };
}

/** The bilingual reason an effort cell is not read (the caller adds the sheet and cell). */
export function effortProblem(text: string, kind: EffortKind): { vi: string; en: string } {
  return kind === "effort"
    ? {
        vi: `'${text}' không phải là mức độ khó (1-5, hoặc Dễ / Trung bình / Khó); tiêu chí này được coi là khó nhất khi tính mục tiêu`,
        en: `'${text}' is not an effort (1-5, or Dễ / Trung bình / Khó: easy / medium / hard); this criterion is taken as the hardest for targets`,
      }
    : {
        vi: `'${text}' không phải là khả năng khắc phục (1-5, hoặc Cao / Trung bình / Thấp); tiêu chí này được coi là khó nhất khi tính mục tiêu`,
        en: `'${text}' is not a feasibility (1-5, or Cao / Trung bình / Thấp: high / medium / low); this criterion is taken as the hardest for targets`,
      };
}
