/**
 * What Excel makes of a value written to `range.values`: the same as if it were typed into the
 * cell (en-US input rules). This is what makes writing text safely a real test: "=1+1" becomes a
 * formula, "1.10" the number 1.1, "4/5" a date, "TRUE" a boolean, "#N/A" an error — unless the
 * cell's number format is "@" (Text) or the text starts with an apostrophe (a prefix that is not
 * part of the value).
 */

export type CellContent =
  | number
  | string
  | boolean
  | { formula: string; value: number | string | boolean | null }
  | { error: string };

export const ERROR_LITERALS = new Set(["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"]);

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?%?$/;
const DATE = /^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2,4}))?$/;

/** Serial number of a date in Excel's 1900 system (month/day as en-US input reads them). */
function dateSerial(month: number, day: number, year: number): number {
  const ms = Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30);
  return Math.round(ms / 86_400_000);
}

/**
 * The content a typed value gives, or undefined for "leave the cell as it is" (null in a 2-D
 * array) and null for "clear it" ("").
 */
export function typedContent(input: unknown, numberFormat: string | undefined): CellContent | null | undefined {
  if (input === null || input === undefined) return undefined;
  if (typeof input === "number") return Number.isFinite(input) ? input : { error: "#NUM!" };
  if (typeof input === "boolean") return input;
  const text = String(input);
  if (text === "") return null;
  if (numberFormat === "@") return text;
  if (text.startsWith("'")) return text.slice(1) === "" ? null : text.slice(1);
  if (text.startsWith("=") && text.length > 1) return { formula: text, value: null };
  const trimmed = text.trim();
  if (NUMBER.test(trimmed) && /\d/.test(trimmed)) {
    const percent = trimmed.endsWith("%");
    const n = Number(trimmed.replace(/,/g, "").replace(/%$/, ""));
    if (Number.isFinite(n)) return percent ? n / 100 : n;
  }
  const date = DATE.exec(trimmed);
  if (date) {
    const month = Number(date[1]);
    const day = Number(date[2]);
    const year = date[3] ? Number(date[3].length === 2 ? `20${date[3]}` : date[3]) : 2024;
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return dateSerial(month, day, year);
  }
  if (/^(true|false)$/i.test(trimmed)) return /^true$/i.test(trimmed);
  if (ERROR_LITERALS.has(trimmed.toUpperCase())) return { error: trimmed.toUpperCase() };
  // "+84 912 345 678", "-x", "@mention": Excel starts a formula with these.
  if (/^[+\-@]./.test(text)) return { formula: `=${text}`, value: null };
  return text;
}
