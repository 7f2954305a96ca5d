/**
 * Header rows: where a table's header is (a row of column labels anchored by STT, content or unit
 * words), how far it reaches, a second merged header row under it, and each column's label, role
 * and period.
 */
import { isBareDecimal } from "../engine/points";
import { type CellValue, mergeAt } from "./grid";
import { type ParsedCode, parseCode } from "./codes";
import { fold } from "./text";
import { type HeaderRole, headerPeriod, headerRole, scaleOf, splitTrailingPeriod } from "./vocabulary";
import { blockOfSectionRow, isBlockHeader } from "./blocks";
import { isNameColumn, isWholeNumberColumn, profileColumn } from "./evidence";
import { type Ctx, holdsNumber } from "./context";

// ---------------------------------------------------------------------------
// Headers

export interface ColSpec {
  col: number;
  top: string;
  sub: string;
  role: HeaderRole | null;
  period: string | null;
  /** Top label over sub-columns when it is neither a role nor a period (a unit or criterion name). */
  group: string | null;
  label: string;
}

export interface Header {
  top: number;
  bottom: number;
  left: number;
  right: number;
  cols: ColSpec[];
  dataStart: number;
}

export function criterionHeader(label: string): { code: ParsedCode | null; title: string } | null {
  const f = fold(label);
  const m = /^(?:linh vuc|lv|tieu chi|tc|area|criterion|chi so thanh phan)\s*([ivx]+|\d{1,3}(?:\s\d{1,3})*)$/.exec(f);
  if (m) {
    const codeText = /^[ivx]+$/.test(m[1]) ? m[1].toUpperCase() : m[1].replace(/ /g, ".");
    return { code: parseCode(codeText), title: "" };
  }
  return null;
}

export function rowRoles(ctx: Ctx, r: number): { roles: Set<HeaderRole>; periods: number; cells: number } {
  const roles = new Set<HeaderRole>();
  let periods = 0;
  let cells = 0;
  for (let c = 0; c < ctx.width; c++) {
    const m = mergeAt(ctx.grid, r, c);
    if (m && (m.top !== r || m.left !== c)) continue;
    const t = ctx.text(r, c);
    if (!t || typeof ctx.raw(r, c) !== "string") continue;
    cells++;
    // A number typed as text is no header label, only a year can be one ("2019"); data rows are full of them.
    if (isBareDecimal(t) && !/^(?:19|20)\d{2}$/.test(t)) continue;
    if (criterionHeader(t)) continue;
    const role = headerRole(t);
    if (role) roles.add(role);
    else if (headerPeriod(t)) periods++;
  }
  return { roles, periods, cells };
}

export function isHeaderRow(ctx: Ctx, r: number): boolean {
  const { roles, periods } = rowRoles(ctx, r);
  // A ranking may have no order column and a unit column headed in words the vocabulary lacks, or blank.
  const ranking = roles.has("rank") && (roles.has("total") || roles.has("index") || roles.has("score"));
  const anchor = roles.has("stt") || roles.has("content") || roles.has("unit") || ranking;
  if (!anchor) return false;
  return roles.size >= 2 || (roles.size >= 1 && periods >= 1);
}

export function findHeaderRow(ctx: Ctx, start: number): number {
  for (let r = start; r < ctx.height; r++) if (isHeaderRow(ctx, r) || isUnitHeaderOverNumbers(ctx, r) || isPeriodHeaderRow(ctx, r) || isScaleHeaderRow(ctx, r) || isYearsDownHeaderRow(ctx, r)) return r;
  return -1;
}

/**
 * "Year | SIPAS (%)": labels naming figures over a first column of years (two or more, nothing else)
 * and the figures beside them: one unit's periods in rows (recognise.ts reads them as such).
 */
function isYearsDownHeaderRow(ctx: Ctx, r: number): boolean {
  const { roles } = rowRoles(ctx, r);
  if (!["index", "score", "total", "rank"].some((role) => roles.has(role as HeaderRole))) return false;
  let first = 0;
  while (first < ctx.width && ctx.text(r, first) === "") first++;
  let years = 0;
  for (let n = r + 1; n < ctx.height && ctx.text(n, first) !== ""; n++) {
    if (!/^(?:19|20)\d{2}$/.test(ctx.text(n, first))) return false;
    years++;
  }
  return years >= 2;
}

/**
 * "(out of 63) | | (out of 10)": labels that give only their columns' scales, over a row of a name in
 * an unlabelled column and numbers under every scale.
 */
function isScaleHeaderRow(ctx: Ctx, r: number): boolean {
  const scaled: number[] = [];
  for (let c = 0; c < ctx.width; c++) {
    const t = ctx.text(r, c);
    if (t === "") continue;
    if (scaleOf(t) === null) return false;
    scaled.push(c);
  }
  const next = r + 1;
  if (scaled.length === 0 || next >= ctx.height || !scaled.every((c) => holdsNumber(ctx.raw(next, c)))) return false;
  for (let c = 0; c < ctx.width; c++) if (ctx.text(r, c) === "" && ctx.text(next, c) !== "" && !holdsNumber(ctx.raw(next, c))) return true;
  return false;
}

/**
 * "Chỉ số | Năm 2007 | Năm 2008 | ...", "Year | 2024 | 2023", "CHỈ SỐ THÀNH PHẦN | 2011 | 2012" (each
 * year merged over Điểm số | Thứ hạng): a row of periods heads its columns whatever the corner says,
 * over rows of a name (a criterion or a unit: orientation.ts decides) and figures under the periods.
 */
export function isPeriodHeaderRow(ctx: Ctx, r: number): boolean {
  const periodCols: number[] = [];
  const years = new Set<string>();
  for (let c = 0; c < ctx.width; c++) {
    const t = ctx.text(r, c);
    const period = t ? headerPeriod(t) : null;
    if (!period) continue;
    periodCols.push(c);
    years.add(period);
  }
  if (years.size < 2 || years.size !== periodCols.length || periodCols[0] === 0) return false;
  // The names under the corner, the figures under the periods (below a row of sub-labels, if any).
  const corner = periodCols[0] - 1;
  const under = [r + 1, r + 2].find((n) => n < ctx.height && ctx.text(n, corner) !== "" && !isBareDecimal(ctx.text(n, corner)));
  if (under === undefined) return false;
  return periodCols.filter((c) => holdsNumber(ctx.raw(under, c))).length * 2 >= periodCols.length;
}

/**
 * "Province | Entry Costs | Access to land | ...": a unit column's header beside labels the vocabulary
 * does not have, over a row holding a name and numbers under those labels.
 */
function isUnitHeaderOverNumbers(ctx: Ctx, r: number): boolean {
  let unitCol = -1;
  const labelled: number[] = [];
  for (let c = 0; c < ctx.width; c++) {
    const t = ctx.text(r, c);
    if (!t || typeof ctx.raw(r, c) !== "string" || isBareDecimal(t)) continue;
    if (unitCol < 0 && headerRole(t) === "unit") unitCol = c;
    else labelled.push(c);
  }
  if (unitCol < 0 || labelled.length < 2) return false;
  let next = r + 1;
  while (next < ctx.height && next <= r + 2 && ctx.rowBlank(next, 0, ctx.width - 1)) next++;
  if (next >= ctx.height || ctx.text(next, unitCol) === "" || isBareDecimal(ctx.text(next, unitCol))) return false;
  return labelled.filter((c) => isBareDecimal(ctx.text(next, c))).length >= 2;
}

/** A number that is no year ("87,61", "4") in the row: data, not a header label. */
function holdsFigures(ctx: Ctx, r: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) {
    const raw = ctx.raw(r, c);
    const t = ctx.text(r, c);
    if (typeof raw === "number" ? !/^(?:19|20)\d{2}$/.test(t) : t !== "" && isBareDecimal(t) && !/^(?:19|20)\d{2}$/.test(t) && /[.,]/.test(t)) return true;
  }
  return false;
}

/** A row numbering the columns: "1 2 3 4", "(1) (2) (3)", "A B 1 2". */
export function isNumberingRow(ctx: Ctx, r: number, left: number, right: number): boolean {
  const vals: string[] = [];
  for (let c = left; c <= right; c++) {
    const t = ctx.text(r, c);
    if (t) vals.push(t.replace(/^\((.*)\)$/, "$1").trim());
  }
  if (vals.length < 3) return false;
  const nums = vals.filter((v) => /^\d+$/.test(v)).map(Number);
  if (nums.length < 2) return false;
  for (let i = 1; i < nums.length; i++) if (nums[i] !== nums[i - 1] + 1) return false;
  return vals.every((v) => /^(\d+|[A-Z]|\d+\s*[=+\-x*/].*)$/.test(v));
}

/** Roles a column can carry for one year of several (units-in-rows tables with years side by side). */
export const PERIOD_ROLES = new Set<HeaderRole>(["total", "rank", "index", "score"]);

export function readHeader(ctx: Ctx, top: number): Header {
  // Horizontal extent: labelled cells of the header row (merges included).
  let left = ctx.width;
  let right = -1;
  const extend = (r: number) => {
    for (let c = 0; c < ctx.width; c++) {
      if (ctx.label(r, c) !== "") {
        left = Math.min(left, c);
        right = Math.max(right, c);
      }
    }
  };
  extend(top);

  // A second header row: its cells carry roles or periods, and the row carries no code or content.
  let bottom = top;
  const next = top + 1;
  if (next < ctx.height) {
    const { roles, periods } = rowRoles(ctx, next);
    const topMerges = ctx.grid.merges.some((m) => m.top === top && m.bottom === top && m.right > m.left);
    const hasSubRoles = [...roles].some((r) => r !== "stt" && r !== "content" && r !== "unit") || periods > 0;
    let sttOrContentHasData = false;
    for (let c = left; c <= right; c++) {
      const role = headerRole(ctx.label(top, c));
      const m = mergeAt(ctx.grid, next, c);
      const fromAbove = m !== undefined && m.top < next;
      if ((role === "stt" || role === "content" || role === "unit") && !fromAbove && ctx.text(next, c) !== "") sttOrContentHasData = true;
    }
    // "KHỐI SỞ" merged over its units' names ("Sở A | Sở B"): a block over unit columns.
    const blockMerges = ctx.grid.merges.some((m) => m.top === top && m.bottom === top && m.right > m.left && blockOfSectionRow("", ctx.text(top, m.left)) !== null);
    // "Tháng 1/2025" merged over its groups ("Công khai | Tiến độ | ..."): a period over criterion columns.
    const periodMerges = ctx.grid.merges.some((m) => m.top === top && m.bottom === top && m.right > m.left && headerPeriod(ctx.label(top, m.left)) !== null);
    // A row holding figures ("Chỉ số PAR INDEX (điểm) | 87,61") is the first data row, whatever its title says.
    if ((hasSubRoles || (topMerges && roles.size > 0) || blockMerges || periodMerges) && !sttOrContentHasData && !holdsFigures(ctx, next, left, right)) bottom = next;
  }
  if (bottom > top) extend(bottom);

  const cols: ColSpec[] = [];
  let lastGroupTop = "";
  for (let c = left; c <= right; c++) {
    let topLabel = ctx.label(top, c);
    let sub = "";
    if (bottom > top) {
      const m = mergeAt(ctx.grid, bottom, c);
      sub = m && m.top < bottom ? "" : ctx.label(bottom, c);
      if (topLabel === "" && sub !== "" && lastGroupTop !== "") topLabel = lastGroupTop;
    }
    const topRole = criterionHeader(topLabel) ? null : headerRole(topLabel);
    const topPeriod = headerPeriod(topLabel);
    if (topLabel !== "" && !topRole) lastGroupTop = topLabel;
    else if (topRole) lastGroupTop = "";
    const subRole = sub ? (criterionHeader(sub) ? null : headerRole(sub)) : null;
    let role = sub ? (subRole ?? (topRole && !topPeriod ? topRole : null)) : topRole;
    let period = topPeriod ?? (sub ? headerPeriod(sub) : null);
    if (period === null) {
      // "Tổng điểm 2019", "Xếp hạng năm 2018", "Chỉ số 2023 (%)": a role that names its year.
      const split = splitTrailingPeriod(sub || topLabel);
      const splitRole = split ? headerRole(split.base) : null;
      if (split && splitRole && PERIOD_ROLES.has(splitRole)) {
        role = splitRole;
        period = split.period;
      }
    }
    const group = sub && topLabel && !topRole && !topPeriod && topLabel !== sub ? topLabel : null;
    cols.push({ col: c, top: topLabel, sub, role, period, group, label: sub || topLabel });
  }

  let dataStart = bottom + 1;
  if (dataStart < ctx.height && isNumberingRow(ctx, dataStart, left, right)) dataStart++;
  const header = { top, bottom, left, right, cols, dataStart };
  for (const c of cols) if (c.role === null && !c.period && scaleOf(c.label) !== null) c.role = roleByScale(ctx, header, c);
  return header;
}

/** A column headed only by its scale: places within it are its ranks, other numbers its points. */
function roleByScale(ctx: Ctx, header: Header, c: ColSpec): HeaderRole {
  const scale = scaleOf(c.label) as number;
  const cells: CellValue[] = [];
  for (let r = header.dataStart; r < ctx.height && cells.length < 60; r++) if (!ctx.rowBlank(r, header.left, header.right)) cells.push(ctx.raw(r, c.col));
  const profile = profileColumn(cells);
  return isWholeNumberColumn(profile) && profile.values.every((v) => v === null || v.lte(scale)) ? "rank" : "score";
}

/**
 * A ranking whose unit column is headed in words the vocabulary does not have ("Khối cơ quan hành
 * chính", "Tên gọi") or not at all: the column of distinct names under a header that totals or ranks.
 * It takes the unit role.
 */
export function unitColumnByContent(ctx: Ctx, header: Header): ColSpec | undefined {
  if (!header.cols.some((c) => c.role === "rank" || c.role === "total" || c.role === "index")) return undefined;
  const rows: number[] = [];
  for (let r = header.dataStart; r < ctx.height && rows.length < 30; r++) if (!ctx.rowBlank(r, header.left, header.right)) rows.push(r);
  const unit = header.cols.find((c) => c.role === null && !c.period && !c.group && !isBlockHeader(c.label) && isNameColumn(profileColumn(rows.map((r) => ctx.raw(r, c.col)))));
  if (unit) unit.role = "unit";
  return unit;
}

/**
 * "Chỉ số | Kết quả | Xếp hạng" over rows of index titles: a column the header words take for figures
 * (an index, a score) holds titles, not numbers. With no title or unit column otherwise, it is the
 * column of titles; it takes the content role.
 */
export function titleColumnByContent(ctx: Ctx, header: Header): ColSpec | undefined {
  const rows: number[] = [];
  for (let r = header.dataStart; r < ctx.height && rows.length < 30; r++) if (!ctx.rowBlank(r, header.left, header.right)) rows.push(r);
  const figures = new Set(["index", "score", "total"]);
  const title = header.cols.find((c) => c.role !== null && figures.has(c.role) && !c.period && !c.group && isNameColumn(profileColumn(rows.map((r) => ctx.raw(r, c.col)))));
  if (title) title.role = "content";
  return title;
}

/**
 * One unit over years in rows ("Year | SIPAS (%) | National rank"): the first column's cells under the
 * header are all years (two or more), each row a period of the one unit the title names.
 */
export function periodsDown(ctx: Ctx, header: Header, col: number): boolean {
  let years = 0;
  for (let r = header.dataStart; r < ctx.height && !ctx.rowBlank(r, header.left, header.right); r++) {
    if (!/^(?:19|20)\d{2}$/.test(ctx.text(r, col))) return false;
    years++;
  }
  return years >= 2;
}
