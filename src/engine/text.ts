import type { Criterion, Finding, Location, Points, ScoreColumn, Severity, Text2 } from "./types";
import { TOTAL_CODE } from "./types";
import { formatPointsExact } from "./points";

/**
 * A label or a name folded for matching what people type: lower case, Vietnamese marks dropped ("đ"
 * as "d"), spaces collapsed. "  Xã   ĐÔNG Sơn " -> "xa dong son".
 */
export function foldMarks(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Builds a finding; drops empty optional fields so findings compare cleanly in tests and JSON. */
export function finding(
  kind: string,
  severity: Severity,
  message: Text2,
  where: { code?: string; column?: string; location?: Location } = {},
): Finding {
  const f: Finding = { kind, severity, message };
  if (where.location && (where.location.sheet !== undefined || where.location.cell !== undefined)) f.location = where.location;
  if (where.code !== undefined) f.code = where.code;
  if (where.column !== undefined) f.column = where.column;
  return f;
}

/** "83,064" / "83.064": exact, for findings. */
export function num2(value: Points): Text2 {
  return { vi: formatPointsExact(value, "vi"), en: formatPointsExact(value, "en") };
}

/** How a node is named in a message: "lĩnh vực 1" / "area 1", "tiêu chí 1.1", "TCTP 1.1.1", "tổng điểm". */
export function nodeName(code: string, criterion?: Criterion): Text2 {
  if (code === TOTAL_CODE) return { vi: "tổng điểm", en: "the total" };
  if (criterion?.extra) return { vi: `dòng "${criterion.title}"`, en: `row "${criterion.title}"` };
  const level = criterion?.level ?? 0;
  if (level === 1) return { vi: `lĩnh vực ${code}`, en: `area ${code}` };
  if (level === 2) return { vi: `tiêu chí ${code}`, en: `criterion ${code}` };
  if (level >= 3) return { vi: `TCTP ${code}`, en: `sub-criterion ${code}` };
  return { vi: `mục ${code}`, en: `item ${code}` };
}

/** "Thừa Thiên Huế, 2019" / "Thừa Thiên Huế, 2019 (tự đánh giá)". */
export function columnName(column: ScoreColumn): Text2 {
  const base = column.period ? `${column.unit}, ${column.period}` : column.unit;
  return column.basis === "self" ? { vi: `${base} (tự đánh giá)`, en: `${base} (self-assessed)` } : { vi: base, en: base };
}

/** A list of codes, at most `limit` shown: "1.1.1, 1.2.3 và 4 mã khác". */
export function codeList(codes: string[], limit = 10): Text2 {
  if (codes.length <= limit) return { vi: codes.join(", "), en: codes.join(", ") };
  const shown = codes.slice(0, limit).join(", ");
  const rest = codes.length - limit;
  return { vi: `${shown} và ${rest} mã khác`, en: `${shown} and ${rest} more` };
}

/** Capitalises the first letter ("lĩnh vực 1" -> "Lĩnh vực 1"). */
export function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
