/**
 * The addresses Office.js hands back, taken apart: `Range.address` ("'TT Huế'!A1:F18"),
 * `RangeAreas.address` (areas separated by commas: "Sheet1!A1:B2,Sheet1!D4") and
 * `NamedItem.formula` ("='Phân tích điểm trừ'!$A$1", "=#REF!$A$1" once the sheet is gone).
 * Office.js gives these in en-US syntax whatever the user's locale.
 */
import { parseRangeA1, type Rect } from "../../tables/grid";

/** Splits at `separator` where it is outside a quoted sheet name ('a,b'!A1 stays whole). */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted; // a doubled '' toggles twice and stays quoted
    else if (ch === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/** "Sheet1!A1:B2,Sheet1!D4" -> ["Sheet1!A1:B2", "Sheet1!D4"]. */
export function splitAreas(address: string): string[] {
  return splitOutsideQuotes(address, ",");
}

/** "'TT Huế'!A1:F18" -> { sheet: "TT Huế", range: "A1:F18" }; no sheet part -> sheet null. */
export function splitSheet(address: string): { sheet: string | null; range: string } {
  let quoted = false;
  let bang = -1;
  for (let i = 0; i < address.length; i++) {
    const ch = address[i];
    if (ch === "'") quoted = !quoted;
    else if (ch === "!" && !quoted) bang = i;
  }
  if (bang < 0) return { sheet: null, range: address.trim() };
  const raw = address.slice(0, bang).trim();
  const sheet = raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2 ? raw.slice(1, -1).replace(/''/g, "'") : raw;
  return { sheet, range: address.slice(bang + 1).trim() };
}

/** The rectangle of one area ("Sheet1!$A$1:$B$2" -> rows 0..1, columns 0..1); null when it is not a cell range. */
export function areaRect(area: string): Rect | null {
  try {
    return parseRangeA1(splitSheet(area).range);
  } catch {
    return null;
  }
}

/** The sheet a defined name's formula points into: "='Gap'!$A$1" -> "Gap"; "=#REF!$A$1" -> null. */
export function sheetOfNameFormula(formula: string): string | null {
  const body = formula.trim().replace(/^=/, "");
  const { sheet } = splitSheet(body);
  if (sheet === null || sheet === "" || sheet.startsWith("#REF")) return null;
  return sheet;
}
