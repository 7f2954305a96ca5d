/**
 * Roll-up rules the table states itself (issue 22): the words of a rule in a cell ("trung bình có trọng
 * số", "quy đổi"), a note row describing how the total is made ("Chỉ số SIPAS là trung bình cộng của 5
 * chỉ số thành phần", "Điểm quy đổi về thang điểm 100", "Ghi chú: tổng điểm = Σ trọng số × điểm"), a
 * total titled as a mean, and a column of weights giving a parent a weighted sum or mean, whichever the
 * table's figures show. Each rule adopted is said (info) at the cell that states it.
 */
import Decimal from "decimal.js";
import type { Criterion, Finding, Location, Points, RollupRule, ScoreColumn, Scorecard } from "../engine/types";
import { applyRule, ruleShape, ruleWords } from "../engine/rules";
import { PUBLISHED_TOLERANCE } from "./evidence";
import { fold } from "./text";
import { summaryAsTotal } from "./infer-rule";
import { type Ctx, holdsNumber } from "./context";
import { isHeaderRow } from "./header";

/** Rule words as people write them, folded, longest first so "trung binh co trong so" wins over "trung binh". */
const RULE_WORDS: Array<[string, RollupRule]> = [
  ["trung binh co trong so", "weighted-mean"],
  ["binh quan gia quyen", "weighted-mean"],
  ["weighted mean", "weighted-mean"],
  ["weighted average", "weighted-mean"],
  ["weighted-mean", "weighted-mean"],
  ["tong co trong so", "weighted-sum"],
  ["weighted sum", "weighted-sum"],
  ["weighted-sum", "weighted-sum"],
  ["quy doi", "scaled-sum"],
  ["scaled sum", "scaled-sum"],
  ["scaled-sum", "scaled-sum"],
  ["trung binh", "mean"],
  ["binh quan", "mean"],
  ["average", "mean"],
  ["mean", "mean"],
  ["tong", "sum"],
  ["cong", "sum"],
  ["sum", "sum"],
];

/** A cell naming a rule ("Trung bình có trọng số", "Sum"): the rule, or null. */
export function ruleOf(text: string): RollupRule | null {
  const f = fold(text);
  if (!f) return null;
  for (const [words, rule] of RULE_WORDS) if (f === words || f.startsWith(`${words} `)) return rule;
  return null;
}

const hasPhrase = (folded: string, phrase: string) => ` ${folded} `.includes(` ${phrase.replace(/-/g, " ")} `);

/**
 * A title naming a mean: "Trung bình", "Bình quân chung", "Điểm trung bình", "Average", or a figure with the
 * mean in brackets ("Chỉ số SIPAS (trung bình cộng)"); never a weighted one, and never a criterion that only
 * ends with the word ("Thời gian giải quyết trung bình").
 */
export function isMeanTitle(title: string): boolean {
  const f = fold(title);
  if (["trong so", "gia quyen", "weighted"].some((p) => hasPhrase(f, p))) return false;
  if (/^(?:diem |chi so |ty le )?(?:trung binh|binh quan|average|mean)\b/.test(f)) return true;
  return [...title.matchAll(/\(([^)]*)\)/g)].some((m) => /^(?:la |tinh )?(?:trung binh|binh quan|average|mean)\b/.test(fold(m[1])));
}

export interface RuleNote {
  rule: RollupRule;
  /** The scale the note brings the total to ("quy đổi về thang điểm 100"). */
  max?: Points;
}

/** "quy đổi về thang điểm 100", "chuyển đổi sang thang 10", "rescaled to 100", "converted to a 100-point scale". */
const SCALED = [
  /\b(?:quy doi|chuyen doi|quy ve)\b(?: \w+){0,4}? (?:thang diem|thang|diem) (\d{1,4})\b/,
  /\b(?:rescaled|scaled|converted|normali[sz]ed|brought)\b(?: \w+){0,4}? to (?:a |the )?(\d{1,4})(?: point)?(?: scale)?\b/,
  /\bon a (\d{1,4}) point scale\b/,
];
/** What makes a line a statement about how a figure is made, not a title: a verb, an equals sign, a note's mark. */
const STATEMENT = /\b(?:la|bang|duoc tinh|tinh bang|tinh theo|theo cong thuc|is|are|equals|computed|calculated|taken as)\b/;
const NOTE_START = /^(?:ghi chu|chu thich|luu y|note|notes|nb)\b/;
/** "Σ trọng số × điểm", "tổng điểm = trọng số x điểm", "Σ weight × score". */
const WEIGHT_TIMES = /(?:[Σ∑]|\b(?:trọng số|trong so|weights?)\s*[×x*·])/iu;

/**
 * The rule a note line describes, or null: a sentence of four words or more that states how the total
 * (or index) is made. A line that names a rule without stating anything ("Trung bình" as a row title) is no note.
 */
export function ruleOfNote(text: string): RuleNote | null {
  const f = fold(text);
  const words = f.split(" ").length;
  if (words < 4 || words > 60) return null;
  for (const re of SCALED) {
    const m = re.exec(f);
    if (m) return { rule: "scaled-sum", max: new Decimal(m[1]) };
  }
  if (!STATEMENT.test(f) && !NOTE_START.test(f) && !/[=:]/.test(text)) return null;
  const nfc = text.normalize("NFC");
  // The rule of the parts: "trung bình cộng của", "bình quân các", "average of"; not a line of values
  // ("Chỉ số trung bình khối sở: 86,7%").
  for (const [phrase, rule] of RULE_WORDS) {
    if (rule === "sum" || rule === "scaled-sum") continue;
    if (new RegExp(`(?:^| )${phrase.replace(/-/g, " ")}(?: cong)?(?: [a-z0-9]+){0,2}? (?:cua|cac|of|over|across)\\b`).test(f)) return { rule };
  }
  if (WEIGHT_TIMES.test(nfc)) return { rule: "weighted-sum" };
  if (/\b(?:la|bang) tong(?: so)?(?: diem)?(?: cua)? cac\b|\bis the sum of\b|\bsum of the\b/.test(f)) return { rule: "sum" };
  return null;
}

/** Where a note was found: the text, the rule and its cell. */
export interface FoundNote extends RuleNote {
  text: string;
  location: Location;
}

/** Lines as a reader sees them, for finding a note: each row's first text (merged notes sit in their first cell). */
export interface NoteLines {
  text(r: number, c: number): string;
  loc(r: number, c: number): Location;
  isHeaderRow(r: number): boolean;
  /** The row holds a number in [left, right]: a data row, whose title ("... quy đổi về thang điểm 100") is no note. */
  holdsNumbers(r: number, left: number, right: number): boolean;
  height: number;
}

/** A reader's view of its sheet's texts, for finding a note. */
export function noteLinesOf(ctx: Ctx): NoteLines {
  return {
    text: (r, c) => ctx.text(r, c),
    loc: (r, c) => ctx.loc(r, c),
    isHeaderRow: (r) => isHeaderRow(ctx, r),
    holdsNumbers: (r, left, right) => {
      for (let c = left; c <= right; c++) if (holdsNumber(ctx.raw(r, c))) return true;
      return false;
    },
    height: ctx.height,
  };
}

/**
 * The first note line stating a rule in rows [from, to], among the texts of columns [left, right]; a header
 * row (the next table's) ends the search.
 */
export function findRuleNote(lines: NoteLines, rows: Array<[number, number]>, left: number, right: number): FoundNote | null {
  for (const [from, to] of rows) {
    for (let r = Math.max(0, from); r <= Math.min(to, lines.height - 1); r++) {
      if (r > from && lines.isHeaderRow(r)) break;
      if (lines.holdsNumbers(r, left, right)) continue;
      for (let c = left; c <= right; c++) {
        const text = lines.text(r, c);
        if (!text) continue;
        const note = ruleOfNote(text);
        if (note) return { ...note, text, location: lines.loc(r, c) };
      }
    }
  }
  return null;
}

function quote(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * The total's rule from a note, over `parts` (the roots it combines, some perhaps kept aside as figures
 * beside a total they never add up to): set on the scorecard when it applies (a weighted rule needs every
 * part's weight), said in either case. `summary`: a lone summary column that becomes the total (SIPAS).
 */
export function applyRuleNote(scorecard: Scorecard, note: FoundNote, parts: readonly Criterion[], summary?: () => void): Finding[] {
  const where = note.location.cell ? `${note.location.cell} ` : "";
  const words = ruleWords(note.rule);
  const said = (kind: string, severity: Finding["severity"], vi: string, en: string): Finding[] => [
    { kind, severity, location: note.location, message: { vi: `Dòng ghi chú ${where}('${quote(note.text)}') ${vi}`, en: `The note ${where}('${quote(note.text)}') ${en}` } },
  ];
  if (note.rule === "sum") return said("rule-from-note", "info", "cho biết tổng là tổng các phần: ParScore cộng các phần", "says the total is the sum of its parts: ParScore adds them up");
  if (parts.length < 2) return said("rule-note-not-applied", "warning", `mô tả ${words.vi} nhưng bảng không có các phần để áp dụng; ParScore không áp dụng`, `describes a ${words.en} but the table has no parts to apply it to; ParScore does not apply it`);
  if ((note.rule === "weighted-sum" || note.rule === "weighted-mean") && parts.some((p) => p.weight === undefined)) {
    return said("rule-note-not-applied", "warning", `mô tả ${words.vi} nhưng bảng không ghi trọng số của từng phần; ParScore không áp dụng`, `describes a ${words.en} but the table gives no weight for each part; ParScore does not apply it`);
  }
  scorecard.total = { rollup: note.rule, max: note.max ?? scorecard.total?.max ?? null, location: note.location };
  for (const p of parts) delete p.extra;
  summary?.();
  const kept = scorecard.findings.filter((f) => f.kind !== "parts-beside-total");
  scorecard.findings.length = 0;
  scorecard.findings.push(...kept);
  return said("rule-from-note", "info", `cho biết tổng là ${words.vi}: ParScore tính tổng theo quy tắc đó`, `says the total is a ${words.en}: ParScore computes the total by that rule`);
}

/**
 * A parent whose children all carry weights: a weighted sum (Σ wᵢ·aᵢ, the weights multipliers) or a weighted
 * mean (Σ wᵢ·aᵢ / Σ wᵢ, brought to the parent's max when it states one), whichever the published figures
 * show on more columns: the parent's points against each, else its max against Σ wᵢ·maxᵢ. A weighted mean when
 * nothing tells them apart (with weights adding to 1 and no max they are the same number).
 */
export function weightedRuleOf(children: readonly Criterion[], stated: Points | null, published: (column: ScoreColumn) => Points | null, columns: readonly ScoreColumn[]): "weighted-sum" | "weighted-mean" {
  const parts = children.map((c) => ({ max: c.max, weight: c.weight }));
  const agreeing = (rule: "weighted-sum" | "weighted-mean") => {
    const shape = ruleShape(rule, stated, parts, stated);
    let n = 0;
    for (const column of columns) {
      const given = published(column);
      if (!given) continue;
      const achieved = children.map((c) => column.points.get(c.code)?.value ?? null);
      if (achieved.every((a) => a === null)) continue;
      if (applyRule(shape, achieved).minus(given).abs().lte(PUBLISHED_TOLERANCE)) n++;
    }
    return n;
  };
  const sums = agreeing("weighted-sum");
  const means = agreeing("weighted-mean");
  if (sums !== means) return sums > means ? "weighted-sum" : "weighted-mean";
  if (stated !== null && children.every((c) => c.max !== null)) {
    const weightedMax = children.reduce((acc, c) => acc.plus(c.weight!.times(c.max!)), new Decimal(0));
    if (weightedMax.eq(stated)) return "weighted-sum";
  }
  return "weighted-mean";
}

/**
 * A ranking without a total whose lone summary column is titled as the mean of the parts beside it ("Chỉ số
 * SIPAS (trung bình cộng, %)", "Bình quân"): the summary is each unit's total and its rule the mean, said at its header.
 */
export function meanFromTitle(scorecard: Scorecard): Finding[] {
  if (scorecard.total || scorecard.criteria.some((c) => c.children.length > 0 || c.kind !== "ordinary")) return [];
  if (scorecard.columns.some((c) => c.publishedTotal?.value)) return [];
  const extras = scorecard.criteria.filter((c) => c.extra);
  if (extras.length !== 1 || !isMeanTitle(extras[0].title)) return [];
  const summary = extras[0];
  const parts = scorecard.criteria.filter((c) => c !== summary);
  if (parts.length < 2) return [];
  scorecard.total = { rollup: "mean", max: null, location: summary.location };
  summaryAsTotal(scorecard, summary);
  return [
    {
      kind: "total-rule-read",
      severity: "info",
      location: summary.location ?? {},
      message: {
        vi: `Cột '${summary.title}' là trung bình cộng của ${parts.length} cột thành phần, như tiêu đề của nó nói; ParScore lấy cột này làm tổng và tính theo quy tắc đó`,
        en: `Column '${summary.title}' is the mean of the ${parts.length} columns beside it, as its title says; ParScore takes it as the total and computes it by that rule`,
      },
    },
  ];
}
