/**
 * Row roles of a table with units in rows: each row under the header is a unit (data), the row of
 * maxima, a section row opening a block, a derived row (Tổng cộng, Trung bình, Cả nước), or a line
 * that ends the table (a note, a summary sentence, the preparer, signatures). Roles come from the
 * row's content and context: its name, its order number, whether its value cells hold numbers, and
 * what the rows above it were.
 */
import type { CellValue } from "./grid";
import { isBlank } from "./grid";
import { holdsNumber } from "./context";
import { fold } from "./text";
import { headerRole, isFooterText, isTotalRowTitle } from "./vocabulary";
import { ruleOfNote } from "./stated-rules";
import { blockOfFiguredRow, blockOfSectionRow } from "./blocks";

/** What the row reader needs of a sheet: texts, values, blank and header rows. */
export interface RowSource {
  height: number;
  text(r: number, c: number): string;
  raw(r: number, c: number): CellValue;
  rowBlank(r: number, left: number, right: number): boolean;
  isHeaderRow(r: number): boolean;
}

export interface UnitRowsLayout {
  dataStart: number;
  left: number;
  right: number;
  unitCol: number;
  orderCol?: number;
  /** Columns that hold each unit's values (points, totals, ranks, rates). */
  valueCols: readonly number[];
}

export interface UnitRow {
  r: number;
  unit: string;
  /** The block of the section row above it ("I. KHỐI SỞ, BAN, NGÀNH"), if any. */
  block?: string;
}

/** A row the reader set aside, said where and why. */
export interface SetAside {
  r: number;
  kind: "summary-row-skipped" | "row-without-unit";
  name: string;
}

export interface UnitRows {
  units: UnitRow[];
  /**
   * Units listed with a footnote mark and no value at all ("Quang Ninh*": not ranked that year, as the
   * note under a published table says): listed, not scored. An unmarked unit without values is a unit
   * whose points are still to come, and stays one.
   */
  withoutValues: UnitRow[];
  /** The row of maxima ("Điểm tối đa"), or -1. */
  maxRow: number;
  /** The row of weights ("Trọng số", "Weight (%)"), or -1: the total is the parts' weighted mean. */
  weightRow: number;
  setAside: SetAside[];
  /** The last row of the table. */
  end: number;
}

/** A name that refers to a note under the table: "Quang Ninh*", "Sở Y tế (*)", "Huyện A (1)". */
const FOOTNOTE_MARK = /(?:\*+|\(\*+\)|\(\d\))$/;
const MAX_ROW = /^(diem toi da|diem chuan|thang diem|max|maximum|toi da)$/;
const DERIVED_ROW = /^(trung binh|binh quan|ca nuoc|average|mean|tong hop)\b/;

/** A derived row (Tổng cộng, Trung bình, Bình quân, Cả nước): figures about the units, not a unit. */
export function isDerivedRowName(name: string): boolean {
  return isTotalRowTitle(name) || DERIVED_ROW.test(fold(name));
}

/**
 * A line under a table that is no unit: a sentence ("Chỉ số trung bình khối sở: 88,4%; ..."), a note or
 * a signature. Unit names carry no colon, semicolon or percent sign and are short.
 */
export function isNoteLine(text: string): boolean {
  // "Chỉ số SIPAS là trung bình cộng của 5 chỉ số thành phần": a note stating the rule, short as it is.
  return isFooterText(text) || /[:;%]/.test(text) || text.split(/\s+/).length > 14 || ruleOfNote(text) !== null;
}

export function readUnitRows(src: RowSource, layout: UnitRowsLayout): UnitRows {
  const out: UnitRows = { units: [], withoutValues: [], maxRow: -1, weightRow: -1, setAside: [], end: layout.dataStart - 1 };
  let block: string | undefined;
  let blanks = 0;
  for (let r = layout.dataStart; r < src.height; r++) {
    if (src.rowBlank(r, layout.left, layout.right)) {
      if (++blanks >= 3) break;
      continue;
    }
    const hasNumbers = layout.valueCols.some((c) => holdsNumber(src.raw(r, c)));
    // A second table's header carries labels; a unit named "Đơn vị 1950" with STT "1950" carries points.
    if (!hasNumbers && src.isHeaderRow(r)) break;
    const name = src.text(r, layout.unitCol);
    const order = layout.orderCol === undefined ? "" : src.text(r, layout.orderCol);
    if (!hasNumbers && endsTable(name || firstText(src, r, layout), order, out.units.length > 0, layout.orderCol !== undefined)) break;
    blanks = 0;
    out.end = r;
    const hasValues = hasNumbers || layout.valueCols.some((c) => !isBlank(src.raw(r, c)));
    const role = roleOf(name, order, hasValues, firstText(src, r, layout));
    const unit: UnitRow = block === undefined ? { r, unit: name } : { r, unit: name, block };
    if (role.kind === "max") out.maxRow = r;
    else if (role.kind === "weight") out.weightRow = r;
    else if (role.kind === "section") block = role.block;
    else if (role.kind === "set-aside") out.setAside.push({ r, kind: role.why, name: name || order || firstText(src, r, layout) });
    else if (role.kind === "unit") (hasValues || !FOOTNOTE_MARK.test(name) ? out.units : out.withoutValues).push(unit);
  }
  return out;
}

/** A row without numbers that closes the table: a footer, or a line that is no unit once units were read. */
function endsTable(text: string, order: string, afterUnits: boolean, hasOrderCol: boolean): boolean {
  if (isFooterText(text)) return true;
  if (!afterUnits || blockOfSectionRow(order === text ? "" : order, text) !== null) return false;
  // Unit rows carry their order number; a row whose order cell holds words is no unit ("Người tổng hợp").
  if (hasOrderCol && order !== "" && !/^\d+\.?$/.test(order)) return true;
  return hasOrderCol && order === "" ? !isPlainName(text) || isNoteLine(text) : isNoteLine(text);
}

/** A name as units are named: a few words, no sentence. Without an order number, only such a row may still be a unit. */
function isPlainName(text: string): boolean {
  return text !== "" && !isNoteLine(text) && text.split(/\s+/).length <= 8;
}

type RowRole =
  | { kind: "max" }
  | { kind: "weight" }
  | { kind: "section"; block: string }
  | { kind: "set-aside"; why: SetAside["kind"] }
  | { kind: "skip" }
  | { kind: "unit" };

function roleOf(name: string, order: string, hasValues: boolean, first: string): RowRole {
  if (MAX_ROW.test(fold(name))) return { kind: "max" };
  if (headerRole(name) === "weight") return { kind: "weight" };
  // A note stating the total's rule is read by the table (stated-rules.ts), never as a unit.
  if (!hasValues && ruleOfNote(name || first) !== null) return { kind: "skip" };
  // "II | Khối phường | 92,26": a block row with the block's average is a section, not a unit.
  const figured = hasValues ? blockOfFiguredRow(order === name ? "" : order, name || first) : null;
  if (figured) return { kind: "section", block: figured };
  if (!hasValues) {
    // A section row opening a block: "I. KHỐI SỞ, BAN, NGÀNH" (often merged across the row), "Khối huyện".
    const block = blockOfSectionRow(order === name ? "" : order, name || first);
    if (block) return { kind: "section", block };
  }
  // "Trung bình" written in the order (or rank) column of a row without a name: a derived row all the same.
  if (!name) return !hasValues ? { kind: "skip" } : isDerivedRowName(order || first) ? { kind: "set-aside", why: "summary-row-skipped" } : { kind: "set-aside", why: "row-without-unit" };
  if (isDerivedRowName(name)) return { kind: "set-aside", why: "summary-row-skipped" };
  return { kind: "unit" };
}

function firstText(src: RowSource, r: number, layout: UnitRowsLayout): string {
  for (let c = layout.left; c <= layout.right; c++) if (src.text(r, c)) return src.text(r, c);
  return "";
}
