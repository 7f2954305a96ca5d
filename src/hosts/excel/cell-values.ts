/**
 * Office.js cell values -> Grid cells, as the user sees them.
 *
 * `Range.values` gives numbers, booleans and strings; an empty cell is "", an error cell its
 * text ("#N/A"), a date a serial number whose number format says it is a date. Errors are
 * recognised by their text rather than by loading `valueTypes`, which would add a third 2-D
 * array to every read; a text cell typed as exactly "#N/A" is read as that error, which is what
 * it means to a reader of the table anyway. Dates become "dd/mm/yyyy" text, as the .xlsx host does.
 */
import type { CellValue } from "../../tables/grid";

/** What Excel shows in a cell whose formula failed. */
const ERROR_TEXTS = new Set([
  "#N/A",
  "#REF!",
  "#DIV/0!",
  "#VALUE!",
  "#NAME?",
  "#NUM!",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#GETTING_DATA",
]);

export function isErrorText(text: string): boolean {
  // Every error starts with "#": most cells are told apart by their first character, untrimmed.
  const first = text.charCodeAt(0);
  if (first !== 35 && !/^\s/.test(text)) return false;
  return ERROR_TEXTS.has(text.trim());
}

/** A number format with day, month, year, hour or second codes outside quotes, escapes and [..] sections. */
export function isDateFormat(format: string | null | undefined): boolean {
  if (!format || /^general$/i.test(format.trim())) return false;
  const bare = format
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/_.|\*./g, "");
  return /[dmyhs]/i.test(bare);
}

/** Excel's 1900 date system: serial 1 = 1900-01-01, with the phantom 29 Feb 1900 (serial 60). */
export function serialToDate(serial: number): Date {
  const wholeDays = Math.floor(serial);
  const base = wholeDays > 60 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  const ms = Math.round((serial - wholeDays) * 86_400_000);
  return new Date(base + wholeDays * 86_400_000 + ms);
}

/** dd/mm/yyyy (with hh:mm when there is a time); hh:mm alone for a time-only format. */
export function dateText(serial: number, format: string): string {
  const d = serialToDate(serial);
  const p = (n: number) => String(n).padStart(2, "0");
  const time = `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
  const bare = format.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "");
  if (!/[dy]/i.test(bare) && serial < 1) return time;
  const date = `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  return d.getUTCHours() || d.getUTCMinutes() ? `${date} ${time}` : date;
}

/** One cell of `Range.values` with its number format, as the Grid wants it. */
export function toCellValue(raw: unknown, numberFormat: string | null): CellValue {
  if (raw === null || raw === undefined || raw === "") return null;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { error: "#NUM!" };
    return isDateFormat(numberFormat) ? dateText(raw, numberFormat ?? "") : raw;
  }
  if (typeof raw === "boolean") return raw;
  if (typeof raw === "string") return isErrorText(raw) ? { error: raw.trim() } : raw;
  // Linked data types and other entities arrive as objects in newer Excel; keep their text.
  return String(raw);
}

/** "General" is Excel's way of saying "no format"; the Grid says null, as the .xlsx host does. */
export function toGridFormat(format: unknown): string | null {
  if (typeof format !== "string" || format === "" || format === "General" || /^general$/i.test(format)) return null;
  return format;
}
