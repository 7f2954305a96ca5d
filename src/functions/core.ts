/**
 * What the PARSCORE.* custom functions compute, without Excel: each one reads the values Excel passes
 * (numbers, text, blanks, 2-D arrays for ranges) and hands them to the engine. No Office.js, no DOM:
 * tested in Node, and the same code runs in Excel's JavaScript-only custom-functions runtime.
 *
 * Errors are FunctionError: an Excel error code ("#VALUE!" or "#N/A") and a message in Vietnamese and
 * English; functions.ts turns them into CustomFunctions.Error.
 */
import Decimal from "decimal.js";
import type { Lang, Points, Text2 } from "../engine/types";
import { DEFAULT_DECIMALS, parsePoints, sumPoints } from "../engine/points";
import { formatRankLabel, rankingValue } from "../engine/ranks";
import { pointsChangePhrase, rankChangePhrase } from "../engine/changes";
import { classify, type ClassBand } from "../engine/classes";
import type { CellValue } from "../tables/grid";
import { place, readPointsCell, readRankCell } from "../tables/values";

export type ExcelErrorCode = "#VALUE!" | "#N/A";

export class FunctionError extends Error {
  readonly code: ExcelErrorCode;
  readonly text: Text2;
  constructor(code: ExcelErrorCode, text: Text2) {
    super(text.en);
    this.name = "FunctionError";
    this.code = code;
    this.text = text;
  }
}

const invalid = (vi: string, en: string): FunctionError => new FunctionError("#VALUE!", { vi, en });

/**
 * A value as Excel passes it. With data types, Excel may pass a cell value object
 * ({ type, basicValue }); its basic value is what the cell shows.
 */
function plain(value: unknown): unknown {
  if (typeof value === "object" && value !== null && !Array.isArray(value) && "basicValue" in value) {
    return (value as { basicValue: unknown }).basicValue;
  }
  return value;
}

/** Excel passes an omitted optional argument as null (undefined when called from code). */
function omitted(value: unknown): boolean {
  return value === null || value === undefined;
}

/** A point value, exactly: "8,75", "8,75 điểm", "8.75", 8.75. Blank or unreadable: #VALUE! with the engine's message. */
export function readPoints(input: unknown): Points {
  const parsed = parsePoints(plain(input));
  if (!parsed.ok) throw new FunctionError("#VALUE!", parsed.message);
  return parsed.value;
}

/** "hàng 3, cột 1 của vùng" / "row 3, column 1 of the range". */
function cellOfRange(row: number, col: number, what: Text2): Text2 {
  return { vi: `hàng ${row + 1}, cột ${col + 1} của ${what.vi}`, en: `row ${row + 1}, column ${col + 1} of ${what.en}` };
}

/** Rows of a range argument (a single value counts as a 1x1 range). */
function rowsOf(range: unknown): unknown[][] {
  if (!Array.isArray(range)) return [[range]];
  return range.map((row) => (Array.isArray(row) ? row : [row]));
}

const RANGE: Text2 = { vi: "vùng", en: "the range" };

/**
 * The points in a range, read the way the table reader reads a points cell (src/tables/values.ts):
 * numbers and text numbers count; blanks, "KAD"/"N/A" (không áp dụng) and dashes are skipped; anything
 * else is #VALUE! naming the cell's place in the range.
 */
export function readPointsRange(range: unknown, what: Text2 = RANGE): Points[] {
  const out: Points[] = [];
  const loc = {};
  const prefix = place(loc);
  rowsOf(range).forEach((row, r) => {
    row.forEach((raw, c) => {
      let value = plain(raw);
      if (value === undefined) value = null;
      if (typeof value === "object" && value !== null && !("error" in value)) value = String(value);
      const read = readPointsCell(value as CellValue, loc);
      if (read.finding && read.finding.severity === "error") {
        const at = cellOfRange(r, c, what);
        const why = stripPlace(read.finding.message, prefix);
        throw invalid(`${capitalise(at.vi)}: ${why.vi}`, `${capitalise(at.en)}: ${why.en}`);
      }
      if (read.value.value !== null) out.push(read.value.value);
    });
  });
  return out;
}

function stripPlace(message: Text2, prefix: Text2): Text2 {
  const strip = (text: string, p: string) => (text.startsWith(`${p}: `) ? text.slice(p.length + 2) : text);
  return { vi: strip(message.vi, prefix.vi), en: strip(message.en, prefix.en) };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** PARSCORE.TOTAL: the exact sum of the points in a range (0 when there are none, like SUM). */
export function total(range: unknown): Points {
  return sumPoints(readPointsRange(range));
}

/** PARSCORE.LOST: max - achieved, exactly. */
export function lost(max: unknown, achieved: unknown): Points {
  return readPoints(max).minus(readPoints(achieved));
}

/** Decimals for ranking ties: omitted = 2 (the engine's default), else an integer 0..20. */
export function readRounding(rounding: unknown): number {
  const value = plain(rounding);
  if (omitted(value) || value === "") return DEFAULT_DECIMALS;
  const n = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > 20) {
    throw invalid(
      `Số chữ số thập phân để xét đồng hạng phải là số nguyên từ 0 đến 20 (bỏ trống là ${DEFAULT_DECIMALS}), không phải '${String(value)}'`,
      `The decimals ties are decided on must be a whole number from 0 to 20 (blank means ${DEFAULT_DECIMALS}), not '${String(value)}'`,
    );
  }
  return n;
}

/** Ranking values of a range, highest first, memoised: a rank column asks about the same range once per unit. */
const rankedCache = new Map<string, Points[] | FunctionError>();
const RANKED_CACHE_SIZE = 16;

function rankedValues(values: unknown, decimals: number): Points[] {
  let key: string | undefined;
  try {
    key = `${decimals}\u0000${JSON.stringify(values)}`;
  } catch (_e) {
    key = undefined; // not serialisable: compute without the cache
  }
  const known = key === undefined ? undefined : rankedCache.get(key);
  if (known instanceof FunctionError) throw known;
  if (known) return known;
  let result: Points[] | FunctionError;
  try {
    result = readPointsRange(values, { vi: "vùng giá trị", en: "the values" })
      .map((v) => rankingValue(v, { decimals }))
      .sort((a, b) => b.comparedTo(a));
  } catch (e) {
    if (!(e instanceof FunctionError)) throw e;
    result = e;
  }
  if (key !== undefined) {
    if (rankedCache.size >= RANKED_CACHE_SIZE) rankedCache.delete(rankedCache.keys().next().value as string);
    rankedCache.set(key, result);
  }
  if (result instanceof FunctionError) throw result;
  return result;
}

/** First index in a descending list whose value is not above `v` (predicate false from there on). */
function firstIndex(desc: readonly Points[], stillBefore: (x: Points) => boolean): number {
  let lo = 0;
  let hi = desc.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (stillBefore(desc[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface RankOf {
  rank: number;
  tieCount: number;
  of: number;
}

/**
 * PARSCORE.RANK / RANKLABEL: standard competition rank ("1224") of `value` among `values`, highest first,
 * ties decided on values rounded half-up to `rounding` decimals (the engine's rankingValue). Like
 * RANK.EQ, a value that is not among the values is #N/A.
 */
export function rankOf(value: unknown, values: unknown, rounding?: unknown): RankOf {
  const decimals = readRounding(rounding);
  const v = rankingValue(readPoints(value), { decimals });
  const desc = rankedValues(values, decimals);
  const above = firstIndex(desc, (x) => x.gt(v));
  const upTo = firstIndex(desc, (x) => x.gte(v));
  if (upTo === above) {
    throw new FunctionError("#N/A", {
      vi: `Không có ${v.toFixed().replace(".", ",")} trong vùng giá trị (làm tròn ${decimals} chữ số thập phân) nên không xếp hạng được`,
      en: `${v.toFixed()} is not among the values (rounded to ${decimals} decimals), so it has no rank`,
    });
  }
  return { rank: above + 1, tieCount: upTo - above, of: desc.length };
}

/** "4(12)" when tied, "4" otherwise. */
export function rankLabelOf(value: unknown, values: unknown, rounding?: unknown): string {
  const r = rankOf(value, values, rounding);
  return formatRankLabel(r.rank, r.tieCount);
}

/** "vi" or "en" from the optional lang argument: omitted = Vietnamese; "vi", "en", "vi-VN", "en-US", any case. */
export function readLang(lang: unknown): Lang {
  const value = plain(lang);
  if (omitted(value)) return "vi";
  const text = String(value).trim().toLowerCase();
  if (text === "") return "vi";
  if (/^vi(?:[-_].*)?$/.test(text)) return "vi";
  if (/^en(?:[-_].*)?$/.test(text)) return "en";
  throw invalid(`Ngôn ngữ phải là "vi" hoặc "en", không phải '${String(value)}'`, `The language must be "vi" or "en", not '${String(value)}'`);
}

/** PARSCORE.CHANGE: "tăng 4,16 điểm" / "giảm 0,5 điểm" / "giữ nguyên số điểm" (en: "up 4.16 points" ...). */
export function changeText(oldPoints: unknown, newPoints: unknown, lang: Lang): string {
  return pointsChangePhrase(readPoints(newPoints).minus(readPoints(oldPoints)))[lang];
}

/** A rank: 4, "4" or "4(12)" (a label's tie count is ignored). */
export function readRank(input: unknown, what: Text2): number {
  const value = plain(input);
  const loc = {};
  const read = readRankCell((value === undefined ? null : value) as CellValue, loc);
  if (read.rank) return read.rank.rank;
  if (read.finding) {
    const why = stripPlace(read.finding.message, place(loc));
    throw invalid(`${capitalise(what.vi)}: ${why.vi}`, `${capitalise(what.en)}: ${why.en}`);
  }
  throw invalid(`Thiếu ${what.vi} (ví dụ 4 hoặc 4(12))`, `${capitalise(what.en)} is missing (like 4 or 4(12))`);
}

/** PARSCORE.RANKCHANGE: 38 -> 4 is "tăng 34 bậc" (en "up 34 places"); the rank delta is old - new. */
export function rankChangeText(oldRank: unknown, newRank: unknown, lang: Lang): string {
  const from = readRank(oldRank, { vi: "thứ hạng cũ", en: "the old rank" });
  const to = readRank(newRank, { vi: "thứ hạng mới", en: "the new rank" });
  return rankChangePhrase(from - to)[lang];
}

/**
 * Bands from a 2-column range: lower bound (percent, inclusive) and label, in any order; blank rows are
 * skipped. Returned highest first, as the engine's ClassScheme wants them.
 */
export function readBands(range: unknown): { bands: ClassBand[]; lowest: Points } {
  const rows = rowsOf(range);
  const bands: Array<{ min: Points; label: string; row: number }> = [];
  const what: Text2 = { vi: "vùng ngưỡng xếp loại", en: "the bands" };
  rows.forEach((row, r) => {
    const cells = row.map(plain);
    const blank = (v: unknown) => omitted(v) || (typeof v === "string" && v.trim() === "");
    if (cells.every(blank)) return;
    if (cells.length !== 2) {
      throw invalid(
        `Vùng ngưỡng xếp loại phải có đúng 2 cột (ngưỡng dưới %, tên loại), vùng đã cho có ${cells.length} cột`,
        `The bands must be 2 columns (lower bound %, label); this range has ${cells.length}`,
      );
    }
    const [bound, label] = cells;
    const at = { vi: `hàng ${r + 1} của ${what.vi}`, en: `row ${r + 1} of ${what.en}` };
    if (blank(label)) throw invalid(`${capitalise(at.vi)}: thiếu tên loại ở cột 2`, `${capitalise(at.en)}: the label (column 2) is missing`);
    const parsed = parsePoints(bound);
    if (!parsed.ok) throw invalid(`${capitalise(at.vi)}: ngưỡng dưới ${parsed.message.vi}`, `${capitalise(at.en)}: lower bound: ${parsed.message.en}`);
    bands.push({ min: parsed.value, label: String(label).trim(), row: r });
  });
  if (bands.length === 0) throw invalid("Vùng ngưỡng xếp loại không có loại nào", "The bands range has no band");
  bands.sort((a, b) => b.min.comparedTo(a.min) || a.row - b.row);
  for (let i = 1; i < bands.length; i += 1) {
    if (bands[i].min.eq(bands[i - 1].min)) {
      const shown = bands[i].min.toFixed();
      throw invalid(
        `Hai loại '${bands[i - 1].label}' và '${bands[i].label}' có cùng ngưỡng dưới ${shown.replace(".", ",")}`,
        `The bands '${bands[i - 1].label}' and '${bands[i].label}' have the same lower bound ${shown}`,
      );
    }
  }
  return { bands: bands.map((b) => ({ label: b.label, minPercent: b.min })), lowest: bands[bands.length - 1].min };
}

/**
 * PARSCORE.CLASS: the label of the highest band whose lower bound is <= percent (the engine's classify
 * with these bands and no caps). Below every band: #N/A.
 */
export function classText(percent: unknown, bandsRange: unknown): string {
  const { bands, lowest } = readBands(bandsRange);
  const p = readPoints(percent);
  if (p.lt(lowest)) {
    throw new FunctionError("#N/A", {
      vi: `${p.toFixed().replace(".", ",")} thấp hơn ngưỡng dưới của mọi loại (thấp nhất ${lowest.toFixed().replace(".", ",")})`,
      en: `${p.toFixed()} is below every band's lower bound (the lowest is ${lowest.toFixed()})`,
    });
  }
  const result = classify(p, undefined, { id: "parscore-class-function", bands, caps: [] });
  if (!result) throw new Error("classify returned no class for a non-empty scheme");
  return result.label;
}

/** A Decimal result as the number Excel stores: converted once, at the end (-0 becomes 0). */
export function toExcelNumber(value: Decimal): number {
  const n = value.toNumber();
  return n === 0 ? 0 : n;
}
