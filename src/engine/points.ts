import Decimal from "decimal.js";
import type { Lang, Points, Text2 } from "./types";

/** Half-up to 2 decimals, the methodology's publishing rule unless a set says otherwise. */
export const DEFAULT_DECIMALS = 2;

export type PointsNote = "dot-decimal" | "comma-decimal" | "unit-suffix" | "percent" | "text-number";

export type ParsedPoints =
  | { ok: true; value: Points; notes: PointsNote[] }
  | { ok: false; reason: "empty" | "not-a-number" | "ambiguous"; message: Text2 };

const UNIT_SUFFIX = /\s*(điểm|diem|đ|d|points?|pts?)\.?$/iu;
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;
/** Digits with at most one decimal separator between digits, nothing else. */
const BARE_DECIMAL = /^-?\d+(?:[.,]\d+)?$/;

/** "0,57", "8.75", "-2": text that is only a number, with nothing to normalise or strip. */
export function isBareDecimal(text: string): boolean {
  // BARE_DECIMAL read character by character: recognition asks it of every cell of a sheet.
  const length = text.length;
  let i = length > 0 && text.charCodeAt(0) === 45 ? 1 : 0; // "-"
  const wholeStart = i;
  while (i < length && isDigit(text.charCodeAt(i))) i++;
  if (i === wholeStart) return false;
  if (i === length) return true;
  const separator = text.charCodeAt(i);
  if (separator !== 46 && separator !== 44) return false; // "." or ","
  const fractionStart = ++i;
  while (i < length && isDigit(text.charCodeAt(i))) i++;
  return i === length && i > fractionStart;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

export const ZERO: Points = new Decimal(0);

export function dec(value: string | number | Decimal): Points {
  if (typeof value === "number") return fromSpreadsheetNumber(value);
  return new Decimal(value);
}

/**
 * A number a spreadsheet stored as a binary double. Excel shows (and means)
 * 15 significant digits, so 0.30000000000000004 is 0.3.
 */
export function fromSpreadsheetNumber(n: number): Points {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return new Decimal(n.toPrecision(15));
}

/**
 * Reads points as people type them: 8.75, "8,75", "8.75", "8,75 điểm", "-0,5", " 8,75 ".
 * Refuses what it cannot read for certain: "8,7x" is not a number; "1.234,5"
 * mixes both separators and is reported as ambiguous rather than guessed.
 */
export function parsePoints(input: unknown): ParsedPoints {
  if (input instanceof Decimal) return { ok: true, value: input, notes: [] };
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return notANumber(String(input));
    return { ok: true, value: fromSpreadsheetNumber(input), notes: [] };
  }
  if (input === null || input === undefined) return empty();
  if (typeof input !== "string") return notANumber(String(input));

  // Nearly every cell of a big table is a bare "0,57" or "8.75": read it without the general path's
  // normalising and suffix handling (same result, see the points tests).
  if (BARE_DECIMAL.test(input)) {
    const sep = input.includes(",") ? "comma-decimal" : input.includes(".") ? "dot-decimal" : null;
    return { ok: true, value: new Decimal(sep === "comma-decimal" ? input.replace(",", ".") : input), notes: sep ? ["text-number", sep] : ["text-number"] };
  }
  const notes: PointsNote[] = ["text-number"];
  let text = input
    .normalize("NFC")
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .replace(/[\u2212\u2013]/g, "-")
    .trim();
  if (text === "") return empty();

  if (text.endsWith("%")) {
    notes.push("percent");
    text = text.slice(0, -1).trim();
  }
  const withoutUnit = text.replace(UNIT_SUFFIX, "");
  if (withoutUnit !== text && /\d/.test(withoutUnit)) {
    notes.push("unit-suffix");
    text = withoutUnit.trim();
  }
  text = text.replace(/^([+-])\s+/, "$1");

  const hasDot = text.includes(".");
  const hasComma = text.includes(",");
  if (hasDot && hasComma) return ambiguous(input);
  if ((text.match(/[.,]/g) ?? []).length > 1) return ambiguous(input);
  if (!PLAIN_NUMBER.test(text)) return notANumber(input);

  if (hasComma) notes.push("comma-decimal");
  if (hasDot) notes.push("dot-decimal");
  const normalised = text.replace(",", ".").replace(/\.$/, "");
  return { ok: true, value: new Decimal(normalised.startsWith(".") ? `0${normalised}` : normalised.replace(/^([+-])\./, "$10.")), notes };
}

/** Rounds for display and output only: half-up by default. */
export function roundPoints(value: Points, decimals = DEFAULT_DECIMALS, rounding: Decimal.Rounding = Decimal.ROUND_HALF_UP): Points {
  return value.toDecimalPlaces(decimals, rounding);
}

/**
 * `roundPoints(value, decimals).toFixed(decimals)` in one rounding (plans write millions of these): toFixed
 * rounds half-up the same way, but keeps the sign of a negative value that rounds to zero ("-0.00"), which
 * the rounded value has not.
 */
function fixedHalfUp(value: Points, decimals: number): string {
  const fixed = value.toFixed(decimals, Decimal.ROUND_HALF_UP);
  return fixed.charCodeAt(0) === 45 && /^-0(\.0*)?$/.test(fixed) ? fixed.slice(1) : fixed;
}

/** "8,75" in Vietnamese, "8.75" in English; always `decimals` places. */
export function formatPoints(value: Points, lang: Lang = "vi", decimals = DEFAULT_DECIMALS): string {
  const fixed = fixedHalfUp(value, decimals);
  return lang === "vi" ? fixed.replace(".", ",") : fixed;
}

/** Like formatPoints, but drops trailing zeros ("8", "8,5", "0,16"), the way seed 001 writes points in prose. */
export function formatPointsShort(value: Points, lang: Lang = "vi", decimals = DEFAULT_DECIMALS): string {
  const text = roundPoints(value, decimals).toString();
  return lang === "vi" ? text.replace(".", ",") : text;
}

/** The machine form used in JSON: dot decimal, `decimals` places. */
export function pointsToJson(value: Points | null | undefined, decimals = DEFAULT_DECIMALS): string | null {
  return value == null ? null : fixedHalfUp(value, decimals);
}

/**
 * The exact value, no rounding, no exponent: "83,064" (vi) / "83.064" (en).
 * Used in findings, where rounding could hide the very difference being reported.
 */
export function formatPointsExact(value: Points, lang: Lang = "vi"): string {
  const text = value.toFixed();
  return lang === "vi" ? text.replace(".", ",") : text;
}

/** Accepts Points, a JS number (read as a spreadsheet double) or a numeric string ("0,01" or "0.01"). */
export function toPoints(value: Points | number | string): Points {
  if (value instanceof Decimal) return value;
  const parsed = parsePoints(value);
  if (!parsed.ok) throw new RangeError(parsed.message.en);
  return parsed.value;
}

export function sumPoints(values: Iterable<Points>): Points {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

function empty(): ParsedPoints {
  return { ok: false, reason: "empty", message: { vi: "Ô trống", en: "Empty cell" } };
}

function notANumber(raw: string): ParsedPoints {
  return {
    ok: false,
    reason: "not-a-number",
    message: { vi: `'${raw}' không phải là số`, en: `'${raw}' is not a number` },
  };
}

function ambiguous(raw: string): ParsedPoints {
  return {
    ok: false,
    reason: "ambiguous",
    message: {
      vi: `'${raw}' có nhiều dấu phân cách (chấm và phẩy), không rõ là số nào; hãy dùng một dấu thập phân`,
      en: `'${raw}' mixes separators (dot and comma) and could be read more than one way; use a single decimal separator`,
    },
  };
}
