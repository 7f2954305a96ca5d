/**
 * Reading point and rank cells. Every cell that cannot be read becomes a
 * finding with its address and a null value: never 0, never skipped silently.
 */
import Decimal from "decimal.js";
import type { Finding, Location, PointValue, PublishedRank } from "../engine/types";
import { isBareDecimal, parsePoints, type PointsNote } from "../engine/points";
import { type CellValue, isCellError, isUncalculated } from "./grid";
import { fold } from "./text";

const NOT_APPLICABLE = new Set(["kad", "k a d", "khong ap dung", "n a", "na", "not applicable", "kad khong ap dung", "k ad"]);
/** Error values as hosts that give text show them (Office.js gives "#N/A" as a string). */
const EXCEL_ERRORS = new Set(["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"]);
const DASHES = new Set(["-", "--", "—", "–", "x"]);

export interface ReadPoints {
  value: PointValue;
  notes: PointsNote[];
  finding?: Finding;
}

export function place(loc: Location): Text2Place {
  return {
    vi: `Trang '${loc.sheet ?? ""}' ô ${loc.cell ?? ""}`,
    en: `Sheet '${loc.sheet ?? ""}' ${loc.cell ?? ""}`,
  };
}
type Text2Place = { vi: string; en: string };

/** What a formula saved without its result means, and what to do. */
function uncalculatedWhy(formula: string): Text2Place {
  return {
    vi: `ô có công thức =${formula} nhưng tệp không lưu kết quả tính (tệp do một chương trình không tính công thức tạo ra), nên không biết điểm; hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi chạy lại`,
    en: `the cell holds the formula =${formula} but the file has no calculated result for it (it was written by a program that does not calculate), so its points are unknown; open the file in Excel or LibreOffice, save it, and run again`,
  };
}

/** A points cell: numbers, text numbers with comma or dot, "8,75 điểm", "KAD". */
export function readPointsCell(raw: CellValue, loc: Location, format?: string | null): ReadPoints {
  if (raw === null || (typeof raw === "string" && raw.trim() === "")) return { value: { value: null, location: loc }, notes: [] };
  if (isUncalculated(raw)) return blankWith("formula-without-result", "error", loc, uncalculatedWhy(raw.formula));
  if (typeof raw === "string" && EXCEL_ERRORS.has(raw.trim().toUpperCase())) raw = { error: raw.trim().toUpperCase() };
  if (isCellError(raw)) {
    return blankWith("unreadable-number", "error", loc, {
      vi: `ô báo lỗi '${raw.error}', không đọc được điểm`,
      en: `the cell shows the error '${raw.error}', no points can be read`,
    });
  }
  // A bare number is neither N/A nor a dash: skip folding it (most cells of a big table).
  if (typeof raw === "string" && !isBareDecimal(raw)) {
    const folded = fold(raw);
    if (NOT_APPLICABLE.has(folded)) return { value: { value: null, notApplicable: true, location: loc }, notes: [] };
    if (DASHES.has(raw.trim())) {
      return blankWith("dash-as-blank", "info", loc, {
        vi: `'${raw.trim()}' được hiểu là ô trống (không có điểm)`,
        en: `'${raw.trim()}' is read as a blank (no points)`,
      });
    }
  }
  if (typeof raw === "boolean") return unreadable(String(raw).toUpperCase(), loc, { vi: "không phải là số", en: "is not a number" });
  const parsed = parsePoints(raw);
  if (!parsed.ok) {
    if (parsed.reason === "empty") return { value: { value: null, location: loc }, notes: [] };
    return blankWith("unreadable-number", "error", loc, parsed.message);
  }
  let value = parsed.value;
  const notes = [...parsed.notes];
  // A number formatted as a percentage shows x100 ("0.8619" shows "86.19%").
  if (typeof raw === "number" && format && /%/.test(format.replace(/"[^"]*"/g, ""))) {
    value = value.times(100);
    notes.push("percent");
    return { value: { value, location: loc, derived: "percent", decimals: formatDecimals(format) }, notes };
  }
  if (typeof raw === "string") return { value: { value, location: loc, derived: notes.includes("unit-suffix") || notes.includes("percent") ? "text-unit" : "text", decimals: typedDecimals(raw) }, notes };
  const decimals = format ? formatDecimals(format) : undefined;
  return { value: decimals === undefined ? { value, location: loc } : { value, location: loc, decimals }, notes };
}

/** The decimals typed, trailing zeros included: "0,650" -> 3, "98,30%" -> 2, "85" -> 0 (a scan: every cell of a big table). */
function typedDecimals(text: string): number {
  const isDigit = (i: number) => {
    const code = text.charCodeAt(i);
    return code >= 48 && code <= 57;
  };
  let end = text.length;
  while (end > 0 && !isDigit(end - 1)) end--;
  let start = end;
  while (start > 0 && isDigit(start - 1)) start--;
  const separator = text[start - 1];
  return (separator === "," || separator === ".") && start > 1 && isDigit(start - 2) ? end - start : 0;
}

/** The decimals a number format shows ("0.000" -> 3, "#,##0" -> 0); undefined for General. */
function formatDecimals(format: string): number | undefined {
  const section = format.split(";")[0].replace(/"[^"]*"/g, "");
  const m = /\.([0#?]+)/.exec(section);
  return m ? m[1].length : /0/.test(section) ? 0 : undefined;
}

function unreadable(text: string, loc: Location, what: Text2Place): ReadPoints {
  return blankWith("unreadable-number", "error", loc, { vi: `'${text}' ${what.vi}`, en: `'${text}' ${what.en}` });
}

/** No value (never 0), and a finding that names the sheet and cell before saying why. */
function blankWith(kind: string, severity: Finding["severity"], loc: Location, why: Text2Place): ReadPoints {
  const p = place(loc);
  return {
    value: { value: null, location: loc },
    notes: [],
    finding: { kind, severity, location: loc, message: { vi: `${p.vi}: ${why.vi}`, en: `${p.en}: ${why.en}` } },
  };
}

export interface ReadRank {
  rank?: PublishedRank;
  finding?: Finding;
}

const RANK = /^(\d+)\s*(?:\(\s*(\d+)\s*\))?$/;

/**
 * The largest place a published ranking holds: rankings are of provinces, ministries, departments
 * or communes (a few hundred thousand at most). Beyond it a number is not a rank ("1" and 400 zeros,
 * 1e21, 9007199254740993 would print as Infinity, 1e+21 or another number).
 */
export const MAX_RANK = 1_000_000;

function isPlace(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= MAX_RANK;
}

/** A rank cell: 4, "4", "4(12)", "38 (5)", "47(6)". */
export function readRankCell(raw: CellValue, loc: Location): ReadRank {
  if (raw === null || (typeof raw === "string" && raw.trim() === "")) return {};
  if (isUncalculated(raw)) return { finding: blankWith("formula-without-result", "error", loc, uncalculatedWhy(raw.formula)).finding };
  if (typeof raw === "string" && EXCEL_ERRORS.has(raw.trim().toUpperCase())) raw = { error: raw.trim().toUpperCase() };
  if (typeof raw === "number" && isPlace(raw)) return { rank: { rank: raw, location: loc } };
  if (typeof raw === "string") {
    const text = raw.normalize("NFC").replace(/[\u00a0]/g, " ").trim();
    const m = RANK.exec(text);
    if (m && isPlace(Number(m[1])) && (m[2] === undefined || Number(m[2]) <= MAX_RANK)) {
      const rank: PublishedRank = { rank: Number(m[1]), location: loc };
      if (m[2] !== undefined) rank.tieCount = Number(m[2]);
      return { rank };
    }
    if (NOT_APPLICABLE.has(fold(text)) || DASHES.has(text)) return {};
  }
  const shown = isCellError(raw) ? raw.error : String(raw);
  const p = place(loc);
  return {
    finding: {
      kind: "unreadable-rank",
      severity: "error",
      location: loc,
      message: {
        vi: `${p.vi}: '${shown}' không phải là thứ hạng (ví dụ 4 hoặc 4(12))`,
        en: `${p.en}: '${shown}' is not a rank (like 4 or 4(12))`,
      },
    },
  };
}

/** Exposed for tests and callers that need a Decimal from a known-good cell. */
export function toDecimal(value: string | number): Decimal {
  const parsed = parsePoints(value);
  if (!parsed.ok) throw new RangeError(parsed.message.en);
  return parsed.value;
}

/**
 * A weight cell: "20%" and a number formatted as a percentage (0.2 shown "20%") both weigh 0.2, as a
 * formula reading the cell (NUMBERVALUE) takes them, so the live formulas can refer to the weight cells.
 */
export function readWeightCell(raw: CellValue, loc: Location, format?: string | null): ReadPoints {
  const read = readPointsCell(raw, loc, format);
  if (read.value.value !== null && read.notes.includes("percent")) return { ...read, value: { ...read.value, value: read.value.value.div(100) } };
  return read;
}
