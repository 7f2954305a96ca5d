/**
 * Grid -> Scorecard: finds the score tables in a grid and reads them, whichever
 * of the circulating layouts they use, with title rows, notes, merged and
 * two-row headers, blank rows, subtotal rows, legacy encodings and text numbers.
 */
import type { Criterion, Finding, Location, PointValue, PublishedRank, ScoreColumn, Scorecard, Basis } from "../engine/types";
import { isBareDecimal, parsePoints, type PointsNote } from "../engine/points";
import { type CellValue, type Grid, type Rect, cellAt, gridHeight, gridWidth, gridCellA1, isBlank, isCellError, mergeAt, rangeA1 } from "./grid";
import { type LegacyEncoding, detectLegacy, hasUnicodeVietnamese } from "./legacy";
import { cleanText, fold, slug } from "./text";
import { type HeaderRole, criterionKindOfTitle, headerPeriod, headerRole, indicatorOf, isBoilerplateTitle, isFooterText, isSummaryRowTitle, isTotalRowTitle, splitTrailingPeriod } from "./vocabulary";
import { comparePeriods } from "../engine/ranks";
import { type ParsedCode, type TreeRow, buildTreeFromCodes, buildTreeFromLayout, parseCode, romanValue, splitCodeTitle } from "./codes";
import { readPointsCell, readRankCell } from "./values";
import { findProvince } from "./provinces";
import { type Template, getTemplate, listTemplates } from "./templates";
import { applyTemplate, scoreTemplate } from "./apply-template";
import { blockOfSectionRow, isBlockHeader, isClassLikeValue } from "./blocks";
import { effortHeaderKind, effortProblem, readEffort } from "./effort";

export type Layout = "self-assessment" | "unit-across-years" | "units-in-rows" | "units-in-columns";

export interface RecogniseOptions {
  /** A built-in template id or a parsed template: supplies max, titles and kinds the table leaves out. */
  template?: string | Template;
  /** Pick a matching built-in template when the table has no max column (default true). */
  autoTemplate?: boolean;
  /** Unit name for one-unit layouts (default: from the title rows, else the sheet name). */
  unit?: string;
  /** Period for single-period layouts (default ""). */
  period?: string;
}

export interface RecognisedTable {
  sheet: string;
  /** A1 range of the table including its header rows. */
  range: string;
  layout: Layout;
  scorecard: Scorecard;
  /** Id of the template applied, if any. */
  template?: string;
}

export interface Recognition {
  tables: RecognisedTable[];
  /** Every finding: grid-level ones plus each table's scorecard findings. */
  findings: Finding[];
}

// ---------------------------------------------------------------------------
// Context: converted texts and cell helpers

interface Conversion {
  row: number;
  col: number;
  encoding: LegacyEncoding;
  from: string;
  to: string;
}

class Ctx {
  readonly height: number;
  readonly width: number;
  private readonly texts: string[][] = [];
  readonly conversions: Conversion[] = [];
  /** Formula cells saved without a result, by r * width + c: their value is unknown, not blank. */
  private readonly uncalculated = new Map<number, CellValue>();

  constructor(readonly grid: Grid) {
    this.height = gridHeight(grid);
    this.width = gridWidth(grid);
    for (const u of grid.uncalculated ?? []) {
      if (u.row >= 0 && u.row < this.height && u.col >= 0 && u.col < this.width && cellAt(grid, u.row, u.col) === null) {
        this.uncalculated.set(u.row * this.width + u.col, { error: "", formula: u.formula });
      }
    }
    // The sheet's legacy encoding, if most of its Vietnamese text is in one.
    const strong = { tcvn3: 0, vni: 0 };
    let unicode = 0;
    for (const row of grid.values) {
      for (const v of row) {
        if (typeof v !== "string") continue;
        const d = detectLegacy(cleanText(v));
        if (d) strong[d.encoding]++;
        else if (hasUnicodeVietnamese(v)) unicode++;
      }
    }
    const top: LegacyEncoding = strong.tcvn3 >= strong.vni ? "tcvn3" : "vni";
    const hint = strong[top] > 0 && strong[top] >= unicode ? top : undefined;
    for (let r = 0; r < this.height; r++) {
      const row: string[] = [];
      for (let c = 0; c < this.width; c++) {
        const v = cellAt(grid, r, c);
        let text = "";
        if (typeof v === "string") {
          text = cleanText(v);
          const legacy = detectLegacy(text, hint);
          if (legacy) {
            this.conversions.push({ row: r, col: c, encoding: legacy.encoding, from: text, to: legacy.text.normalize("NFC") });
            text = legacy.text.normalize("NFC");
          }
        } else if (typeof v === "number") text = String(v);
        else if (typeof v === "boolean") text = v ? "TRUE" : "FALSE";
        else if (v !== null && isCellError(v)) text = v.error;
        row.push(text);
      }
      this.texts.push(row);
    }
  }

  raw(r: number, c: number): CellValue {
    const v = cellAt(this.grid, r, c);
    return v === null && this.uncalculated.size > 0 ? (this.uncalculated.get(r * this.width + c) ?? null) : v;
  }
  /** Display text, Unicode (legacy encodings converted), NFC, trimmed. */
  text(r: number, c: number): string {
    return this.texts[r]?.[c] ?? "";
  }
  /** Text of a header cell: a merged area's text belongs to all its cells. */
  label(r: number, c: number): string {
    const m = mergeAt(this.grid, r, c);
    return m ? this.text(m.top, m.left) : this.text(r, c);
  }
  loc(r: number, c: number): Location {
    return { sheet: this.grid.sheet, cell: gridCellA1(this.grid, r, c) };
  }
  format(r: number, c: number): string | null {
    return this.grid.formats?.[r]?.[c] ?? null;
  }
  bold(r: number, c: number): boolean {
    return this.grid.bold?.[r]?.[c] ?? false;
  }
  indent(r: number, c: number): number {
    const host = this.grid.indent?.[r]?.[c];
    if (host !== undefined && host > 0) return host;
    const v = this.raw(r, c);
    return typeof v === "string" ? Math.floor((/^[ \u00a0]*/.exec(v)?.[0].length ?? 0) / 2) : 0;
  }
  rowBlank(r: number, left = 0, right = this.width - 1): boolean {
    for (let c = left; c <= right; c++) if (this.text(r, c) !== "") return false;
    return true;
  }
}

// ---------------------------------------------------------------------------
// Headers

interface ColSpec {
  col: number;
  top: string;
  sub: string;
  role: HeaderRole | null;
  period: string | null;
  /** Top label over sub-columns when it is neither a role nor a period (a unit or criterion name). */
  group: string | null;
  label: string;
}

interface Header {
  top: number;
  bottom: number;
  left: number;
  right: number;
  cols: ColSpec[];
  dataStart: number;
}

function criterionHeader(label: string): { code: ParsedCode | null; title: string } | null {
  const f = fold(label);
  const m = /^(?:linh vuc|lv|tieu chi|tc|area|criterion|chi so thanh phan)\s*([ivx]+|\d{1,3}(?:\s\d{1,3})*)$/.exec(f);
  if (m) {
    const codeText = /^[ivx]+$/.test(m[1]) ? m[1].toUpperCase() : m[1].replace(/ /g, ".");
    return { code: parseCode(codeText), title: "" };
  }
  return null;
}

function rowRoles(ctx: Ctx, r: number): { roles: Set<HeaderRole>; periods: number; cells: number } {
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

function isHeaderRow(ctx: Ctx, r: number): boolean {
  const { roles, periods } = rowRoles(ctx, r);
  const anchor = roles.has("stt") || roles.has("content") || roles.has("unit");
  if (!anchor) return false;
  return roles.size >= 2 || (roles.size >= 1 && periods >= 1);
}

function findHeaderRow(ctx: Ctx, start: number): number {
  for (let r = start; r < ctx.height; r++) if (isHeaderRow(ctx, r)) return r;
  return -1;
}

/** A row numbering the columns: "1 2 3 4", "(1) (2) (3)", "A B 1 2". */
function isNumberingRow(ctx: Ctx, r: number, left: number, right: number): boolean {
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
const PERIOD_ROLES = new Set<HeaderRole>(["total", "rank", "index", "score"]);

function readHeader(ctx: Ctx, top: number): Header {
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
    if ((hasSubRoles || (topMerges && roles.size > 0) || blockMerges) && !sttOrContentHasData) bottom = next;
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
  return { top, bottom, left, right, cols, dataStart };
}

// ---------------------------------------------------------------------------
// Public entry

export function recogniseGrid(grid: Grid, options: RecogniseOptions = {}): Recognition {
  const ctx = new Ctx(grid);
  const tables: RecognisedTable[] = [];
  const findings: Finding[] = [];
  let start = 0;
  let claimedUntil = -1;
  const empty: Finding[] = [];
  while (start < ctx.height) {
    const headerRow = findHeaderRow(ctx, start);
    if (headerRow < 0) break;
    const header = readHeader(ctx, headerRow);
    const result = readTable(ctx, header, start, options);
    if (result && "empty" in result) {
      // A header with nothing under it: said where, and not counted as a table.
      empty.push(result.empty);
      start = result.end + 1;
    } else if (result) {
      tables.push(result.table);
      claimedUntil = result.end;
      start = result.end + 1;
    } else start = header.bottom + 1;
  }
  findings.push(...empty);
  // Conversions outside every table's rows.
  const outside = ctx.conversions.filter((c) => c.row > claimedUntil);
  if (tables.length === 0) findings.push(...legacyFindings(ctx, ctx.conversions));
  else if (outside.length) findings.push(...legacyFindings(ctx, outside));
  if (tables.length === 0 && empty.length === 0) {
    findings.push({
      kind: "no-table-found",
      severity: "warning",
      location: { sheet: grid.sheet },
      message: {
        vi: `Trang '${grid.sheet}': không tìm thấy bảng điểm (cần một dòng tiêu đề cột như STT | Nội dung | Điểm tối đa ...)`,
        en: `Sheet '${grid.sheet}': no score table found (a header row like STT | Nội dung | Điểm tối đa ... is needed)`,
      },
    });
  }
  for (const t of tables) findings.push(...t.scorecard.findings);
  return { tables, findings };
}

function legacyFindings(ctx: Ctx, conversions: Conversion[]): Finding[] {
  const out: Finding[] = [];
  for (const encoding of ["tcvn3", "vni"] as LegacyEncoding[]) {
    const list = conversions.filter((c) => c.encoding === encoding);
    if (!list.length) continue;
    const first = list[0];
    const loc = ctx.loc(first.row, first.col);
    const name = encoding === "tcvn3" ? "TCVN3 (ABC)" : "VNI";
    out.push({
      kind: "legacy-encoding",
      severity: "info",
      location: loc,
      message: {
        vi: `Trang '${ctx.grid.sheet}': ${list.length} ô gõ bằng bảng mã ${name} đã được chuyển sang Unicode (ví dụ ${loc.cell}: '${first.from}' -> '${first.to}')`,
        en: `Sheet '${ctx.grid.sheet}': ${list.length} cell(s) typed in the ${name} encoding were converted to Unicode (e.g. ${loc.cell}: '${first.from}' -> '${first.to}')`,
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Title rows above the header

function readTitle(ctx: Ctx, from: number, to: number): { title?: string; unit?: string } {
  const texts: string[] = [];
  for (let r = from; r < to; r++) {
    for (let c = 0; c < ctx.width; c++) {
      const t = ctx.text(r, c);
      if (t && typeof ctx.raw(r, c) === "string") texts.push(t);
    }
  }
  let unit: string | undefined;
  for (const t of texts) {
    const m = /^(?:tên đơn vị|đơn vị|cơ quan|tên cơ quan|địa phương|unit|agency|province)\s*:\s*(.+)$/iu.exec(t);
    if (m) {
      unit = m[1].trim();
      break;
    }
  }
  const candidates = texts.filter((t) => !isBoilerplateTitle(t) && !/^(?:tên đơn vị|đơn vị|cơ quan|unit)\s*:/iu.test(t));
  const keyword = candidates.find((t) => /\b(bang|ket qua|chi so|diem|tong hop|danh gia|xep hang|par|score|index)\b/.test(fold(t)));
  const title = keyword ?? candidates[0];
  if (!unit && title) {
    const org = /^(sở|ủy ban|uỷ ban|ubnd|huyện|thị xã|thành phố|tp\.?|tỉnh|xã|phường|thị trấn|bộ|ban|cục|chi cục|trung tâm|văn phòng|đơn vị|cơ quan|phòng|đài|viện|trường|bệnh viện)\s/iu;
    // "... CỦA SỞ Y TẾ", "... của UBND huyện Phú Vang": an organisation after "của".
    const of = /(?:^|\s)của\s+(.+?)\s*(?:năm\s+\d{4}.*)?$/iu.exec(title);
    // "... NĂM 2024 - SỞ TƯ PHÁP": an organisation after a final dash.
    const dashed = /\s[-–—]\s*([^-–—]+)$/u.exec(title);
    for (const m of [of, dashed]) {
      if (!unit && m && org.test(`${m[1].trim()} `)) unit = m[1].trim();
    }
  }
  return { title, unit };
}

// ---------------------------------------------------------------------------
// Tables

interface Built {
  table: RecognisedTable;
  end: number;
}

interface DataRow {
  r: number;
  code: ParsedCode | null;
  title: string;
  kind: "criterion" | "total" | "extra" | "uncoded";
  node?: Criterion;
}

/** A header row with no data rows under it. */
interface Empty {
  empty: Finding;
  end: number;
}

function emptyTable(ctx: Ctx, header: Header, what: "criteria" | "units"): Empty {
  const range = rangeA1(absRect(ctx, { top: header.top, left: header.left, bottom: header.bottom, right: header.right }));
  return {
    end: header.bottom,
    empty: findingAt(
      ctx,
      header.top,
      header.left,
      "empty-table",
      "warning",
      what === "criteria"
        ? `có dòng tiêu đề cột (${range}) nhưng bên dưới không có dòng tiêu chí nào; hãy nhập các dòng tiêu chí (mã, tên, điểm) ngay dưới dòng tiêu đề`
        : `có dòng tiêu đề cột (${range}) nhưng bên dưới không có dòng đơn vị nào; hãy nhập mỗi đơn vị một dòng (tên, điểm) ngay dưới dòng tiêu đề`,
      what === "criteria"
        ? `a header row (${range}) has no criterion rows under it; type the criterion rows (code, title, points) right under the header`
        : `a header row (${range}) has no unit rows under it; type one row per unit (name, points) right under the header`,
    ),
  };
}

/**
 * Merged areas that hide points: a merge over several data rows or over points columns keeps its
 * value in its top-left cell only, so the cells it covers read as blank. One finding per merge.
 */
function mergeFindings(ctx: Ctx, dataRows: readonly number[], pointCols: readonly number[]): Finding[] {
  const out: Finding[] = [];
  if (ctx.grid.merges.length === 0 || dataRows.length === 0 || pointCols.length === 0) return out;
  const rows = new Set(dataRows);
  const cols = [...new Set(pointCols)].sort((a, b) => a - b);
  for (const m of ctx.grid.merges) {
    const hidden: string[] = [];
    for (let r = m.top; r <= m.bottom; r++) {
      if (!rows.has(r)) continue;
      for (const c of cols) {
        if (c < m.left || c > m.right || (r === m.top && c === m.left)) continue;
        hidden.push(ctx.loc(r, c).cell as string);
      }
    }
    if (hidden.length === 0) continue;
    const range = rangeA1(absRect(ctx, m));
    const master = ctx.loc(m.top, m.left).cell as string;
    const list = hidden.length > 6 ? `${hidden.slice(0, 6).join(", ")}, ...` : hidden.join(", ");
    out.push(
      findingAt(
        ctx,
        m.top,
        m.left,
        "merged-cells",
        "warning",
        `ô gộp ${range} che ${hidden.length} ô điểm (${list}); giá trị chỉ nằm ở ô ${master}, các ô bị che được đọc là trống; hãy bỏ gộp ô (Merge & Center) và ghi điểm vào từng ô`,
        `the merged area ${range} covers ${hidden.length} points cell(s) (${list}); its value is in ${master} only and the covered cells read as blank; unmerge it (Merge & Center) and type the points in each cell`,
      ),
    );
  }
  return out;
}

function readTable(ctx: Ctx, header: Header, titleFrom: number, options: RecogniseOptions): Built | Empty | null {
  const roleCols = (role: HeaderRole) => header.cols.filter((c) => c.role === role);
  const unitCol = roleCols("unit")[0];
  const contentCol = roleCols("content")[0];
  const sttCol = roleCols("stt")[0];
  const periods = header.cols.filter((c) => c.period);
  const { title, unit: titleUnit } = readTitle(ctx, titleFrom, header.top);

  let layout: Layout;
  if (unitCol && !contentCol) layout = "units-in-rows";
  else if (!contentCol && !sttCol) return null;
  else if (periods.length) layout = "unit-across-years";
  else {
    const unitCols = header.cols.filter(
      (c) =>
        c !== contentCol &&
        c !== sttCol &&
        ((c.role === null && c.label !== "" && !effortHeaderKind(c.label)) || (c.group !== null && (c.role === "score" || c.role === "self" || c.role === "rank"))),
    );
    layout = unitCols.length ? "units-in-columns" : "self-assessment";
  }
  if (layout === "units-in-rows") return readUnitsInRows(ctx, header, titleFrom, title, options);
  return readCriteriaInRows(ctx, header, titleFrom, layout, title, titleUnit, options);
}

function findingAt(ctx: Ctx, r: number, c: number, kind: string, severity: Finding["severity"], vi: string, en: string): Finding {
  const loc = ctx.loc(r, c);
  return {
    kind,
    severity,
    location: loc,
    message: { vi: `Trang '${ctx.grid.sheet}' ô ${loc.cell}: ${vi}`, en: `Sheet '${ctx.grid.sheet}' ${loc.cell}: ${en}` },
  };
}

/** Tally of decimal separators, for the "dot among commas" note. */
class SeparatorTally {
  private readonly dots: Array<{ loc: Location; text: string }> = [];
  private readonly commas: Array<{ loc: Location; text: string }> = [];
  add(notes: PointsNote[], loc: Location, raw?: CellValue) {
    const text = typeof raw === "string" ? raw.trim() : "";
    if (notes.includes("dot-decimal")) this.dots.push({ loc, text });
    if (notes.includes("comma-decimal")) this.commas.push({ loc, text });
  }
  findings(): Finding[] {
    if (!this.dots.length || !this.commas.length) return [];
    const dotsOdd = this.dots.length <= this.commas.length;
    const odd = dotsOdd ? this.dots : this.commas;
    return odd.map(({ loc, text }) => ({
      kind: dotsOdd ? "dot-decimal-among-commas" : "comma-decimal-among-dots",
      severity: "info" as const,
      location: loc,
      message: dotsOdd
        ? {
            vi: `Trang '${loc.sheet}' ô ${loc.cell}: '${text}' viết dấu chấm thập phân giữa các số dùng dấu phẩy; đã đọc là ${text.replace(".", ",")}`,
            en: `Sheet '${loc.sheet}' ${loc.cell}: '${text}' uses a decimal dot among numbers with decimal commas; read as ${text}`,
          }
        : {
            vi: `Trang '${loc.sheet}' ô ${loc.cell}: '${text}' viết dấu phẩy thập phân giữa các số dùng dấu chấm; đã đọc là ${text}`,
            en: `Sheet '${loc.sheet}' ${loc.cell}: '${text}' uses a decimal comma among numbers with decimal dots; read as ${text.replace(",", ".")}`,
          },
    }));
  }
}

interface ValueCol {
  col: number;
  column: ScoreColumn;
  what: "points" | "rank";
}

function newColumn(unit: string, period: string, basis: Basis): ScoreColumn {
  return { key: `${unit}|${period}|${basis}`, unit, period, basis, points: new Map(), publishedRanks: new Map() };
}

/** Layouts with criteria in rows: self-assessment, one unit across years, units in columns. */
function readCriteriaInRows(
  ctx: Ctx,
  header: Header,
  titleFrom: number,
  layout: Layout,
  title: string | undefined,
  titleUnit: string | undefined,
  options: RecogniseOptions,
): Built | Empty {
  const findings: Finding[] = [];
  const cols = header.cols;
  const contentCol = cols.find((c) => c.role === "content");
  const sttCol = cols.find((c) => c.role === "stt");
  const maxCol = cols.find((c) => c.role === "max");
  // "Mức độ khó" / "Khả năng khắc phục": how hard each criterion's lost points are to win back (targets).
  const effortCol = cols.find((c) => c.role === null && !c.group && effortHeaderKind(c.label) !== null);
  const singleUnit = options.unit ?? titleUnit ?? (title ? findProvince(title) : undefined) ?? findProvince(ctx.grid.sheet) ?? ctx.grid.sheet;
  const period0 = options.period ?? "";

  // Score columns and where their values are.
  const columns: ScoreColumn[] = [];
  const valueCols: ValueCol[] = [];
  const blockOfUnit = new Map<string, string>();
  const getColumn = (unit: string, period: string, basis: Basis) => {
    let col = columns.find((c) => c.unit === unit && c.period === period && c.basis === basis);
    if (!col) {
      col = newColumn(unit, period, basis);
      const block = blockOfUnit.get(unit);
      if (block) col.block = block;
      columns.push(col);
    }
    return col;
  };
  const rankCols: Array<{ col: number; unit: string; period: string }> = [];
  for (const c of cols) {
    if (c === contentCol || c === sttCol || c === maxCol || c === effortCol) continue;
    if (c.role === "evidence" || c.role === "note" || c.role === "index" || c.role === "total") continue;
    let unit = singleUnit;
    let period = period0;
    if (layout === "unit-across-years") {
      if (!c.period) continue;
      period = c.period;
    } else if (layout === "units-in-columns") {
      const block = c.group && c.role === null && c.sub ? blockOfSectionRow("", c.group) : null;
      if (block) {
        // A unit under its block's merged header ("KHỐI SỞ" over "Sở A | Sở B").
        unit = c.sub;
        blockOfUnit.set(unit, block);
      } else if (c.group) unit = c.group;
      else if (c.role === null && c.label) unit = c.label;
      else if (c.role !== "self" && c.role !== "score" && c.role !== "rank") continue;
    }
    if (c.role === "rank") {
      rankCols.push({ col: c.col, unit, period });
      continue;
    }
    const basis: Basis | null = c.role === "self" ? "self" : c.role === "score" || c.role === null ? "score" : null;
    if (!basis) continue;
    const existing = columns.find((x) => x.unit === unit && x.period === period && x.basis === basis);
    if (existing) {
      findings.push(findingAt(ctx, header.top, c.col, "extra-column-ignored", "info", `cột '${c.label}' trùng loại điểm với một cột trước, bỏ qua`, `column '${c.label}' repeats an earlier points column and is ignored`));
      continue;
    }
    valueCols.push({ col: c.col, column: getColumn(unit, period, basis), what: "points" });
  }
  for (const rc of rankCols) {
    valueCols.push({ col: rc.col, column: getColumn(rc.unit, rc.period, "score"), what: "rank" });
  }

  // Data rows.
  const rows: DataRow[] = [];
  let end = header.dataStart - 1;
  let blanks = 0;
  for (let r = header.dataStart; r < ctx.height; r++) {
    if (ctx.rowBlank(r, header.left, header.right)) {
      blanks++;
      if (blanks >= 3) break;
      continue;
    }
    if (r !== header.top && isHeaderRow(ctx, r) && !valueCols.some((v) => holdsNumber(ctx.raw(r, v.col)))) break;
    const codeText = sttCol ? ctx.text(r, sttCol.col) : "";
    const codeRaw = sttCol ? ctx.raw(r, sttCol.col) : null;
    let code = typeof codeRaw === "number" ? parseCode(codeRaw) : parseCode(codeText);
    let rowTitle = contentCol ? ctx.text(r, contentCol.col) : "";
    if (!code && codeText && !rowTitle) rowTitle = codeText;
    else if (!code && codeText && rowTitle && sttCol && !isTotalRowTitle(codeText)) {
      findings.push(
        findingAt(
          ctx,
          r,
          sttCol.col,
          "unreadable-code",
          "warning",
          `'${codeText}' không phải là mã tiêu chí (I, 1, 1.1, a); dòng được đọc như một dòng không có mã`,
          `'${codeText}' is not a criterion code (I, 1, 1.1, a); the row is read as a row without a code`,
        ),
      );
    }
    if (!code && rowTitle) {
      const split = splitCodeTitle(rowTitle);
      if (split) {
        code = split.code;
        rowTitle = split.title;
      }
    } else if (code && rowTitle) {
      const split = splitCodeTitle(rowTitle);
      if (split && split.code.code === code.code) rowTitle = split.title;
    }
    const pointCols = maxCol ? [...valueCols.map((v) => v.col), maxCol.col] : valueCols.map((v) => v.col);
    const hasValues = pointCols.some((c) => !isBlank(ctx.raw(r, c)));
    // Signatures ("Người lập biểu ... Giám đốc") and the names under them carry text, never points.
    const hasNumbers = pointCols.some((c) => holdsNumber(ctx.raw(r, c)));
    if (!code && !rowTitle && isFooterText(firstText(ctx, r, header.left, header.right))) break;
    if (!code && isFooterText(rowTitle) && !hasNumbers) break;
    if (!code && !hasNumbers && rows.some((x) => x.kind === "total")) break;
    if (!code && !rowTitle) {
      if (hasValues) {
        findings.push(findingAt(ctx, r, header.left, "row-without-title", "warning", "dòng có điểm nhưng không có mã hay tên tiêu chí, bỏ qua", "a row has points but no code or criterion title; it is left out"));
        blanks = 0;
        end = r;
      }
      continue;
    }
    blanks = 0;
    end = r;
    const kind: DataRow["kind"] = code ? "criterion" : isTotalRowTitle(rowTitle) ? "total" : "uncoded";
    rows.push({ r, code, title: rowTitle, kind });
  }

  if (rows.length === 0) return emptyTable(ctx, header, "criteria");

  // The tree: from codes when the table has them; else from indentation or bold.
  // "A. ĐIỂM THẨM ĐỊNH", "B. ĐIỀU TRA XÃ HỘI HỌC": upper-case parts above the areas are
  // summary rows (their points are the areas' sum), not nodes of the tree.
  const codedAll = rows.filter((x) => x.kind === "criterion");
  const hasRoman = codedAll.some((x) => x.code?.kind === "roman");
  const sectionCodes = new Set<string>();
  codedAll.forEach((x, i) => {
    if (!x.code || x.code.kind !== "letter" || !/^[A-Z]$/.test(x.code.code) || (hasRoman && romanValue(x.code.code) > 0)) return;
    const next = codedAll[i + 1]?.code;
    if (next && (next.kind === "roman" || (!hasRoman && next.kind === "arabic"))) {
      x.kind = "extra";
      sectionCodes.add(x.code.code);
    }
  });
  const coded = rows.filter((x) => x.kind === "criterion");
  const bonusRows = new Set(rows.filter((x) => x.kind === "uncoded" && coded.length && criterionKindOfTitle(x.title)));
  const textCol = contentCol?.col ?? sttCol?.col ?? header.left;
  const uncodedWithPoints: DataRow[] = [];
  let roots: Criterion[];
  if (coded.length) {
    for (const row of rows) {
      if (row.kind !== "uncoded") continue;
      row.kind = "extra";
      // A row with a title and points but no code, among coded rows, is kept aside and never summed.
      // Unless it is a summary row (Điểm thẩm định, SIPAS ...), a bonus/penalty row or a row whose
      // code cell was reported already, it is said (once the template had its chance to place it).
      if (bonusRows.has(row) || isSummaryRowTitle(row.title) || isTotalRowTitle(row.title)) continue;
      if (sttCol && ctx.text(row.r, sttCol.col) !== "") continue;
      const pointsCols = valueCols.filter((v) => v.what === "points").map((v) => v.col);
      if (pointsCols.some((c) => holdsNumber(ctx.raw(row.r, c)))) uncodedWithPoints.push(row);
    }
    const tree = buildTreeFromCodes(coded.map((x) => treeRow(ctx, x, textCol)));
    tree.nodes.forEach((n, i) => (coded[i].node = n));
    findings.push(...tree.findings);
    roots = tree.roots;
  } else {
    const plain = rows.filter((x) => x.kind === "uncoded" && !isSummaryRowTitle(x.title));
    for (const row of rows) if (row.kind === "uncoded" && !plain.includes(row)) row.kind = "extra";
    const tree = buildTreeFromLayout(plain.map((x) => treeRow(ctx, x, textCol)));
    tree.nodes.forEach((n, i) => {
      plain[i].node = n;
      plain[i].kind = "criterion";
    });
    roots = tree.roots;
  }
  // Extras take their place among the roots in table order.
  const usedCodes = new Set<string>();
  const walk = (ns: Criterion[]) => ns.forEach((n) => (usedCodes.add(n.code), walk(n.children)));
  walk(roots);
  const ordered: Criterion[] = [];
  for (const row of rows) {
    if (row.kind === "extra" && bonusRows.has(row)) {
      // Điểm thưởng / điểm trừ without a code: part of the tree's sum, with its kind.
      let code = slug(row.title);
      if (usedCodes.has(code)) code = `${code}-${ctx.loc(row.r, 0).cell}`;
      usedCodes.add(code);
      row.kind = "criterion";
      row.node = { code, title: row.title, max: null, kind: "ordinary", level: 1, children: [], location: ctx.loc(row.r, textCol) };
      ordered.push(row.node);
    } else if (row.kind === "extra") {
      let code = (row.code && sectionCodes.has(row.code.code) ? row.code.code : slug(row.title)) || `row-${row.r + 1}`;
      if (usedCodes.has(code)) code = `${code}-${ctx.loc(row.r, 0).cell}`;
      usedCodes.add(code);
      row.node = {
        code,
        title: row.title,
        max: null,
        kind: "ordinary",
        level: 1,
        children: [],
        extra: true,
        location: ctx.loc(row.r, textCol),
      };
      ordered.push(row.node);
    } else if (row.node && row.node.level === 1 && roots.includes(row.node)) ordered.push(row.node);
  }

  for (const row of rows) {
    const kind = row.node ? criterionKindOfTitle(row.node.title) : null;
    if (row.node && kind) row.node.kind = kind;
  }

  // Max column.
  const tally = new SeparatorTally();
  if (maxCol) {
    for (const row of rows) {
      if (!row.node) continue;
      const loc = ctx.loc(row.r, maxCol.col);
      const read = readPointsCell(ctx.raw(row.r, maxCol.col), loc, ctx.format(row.r, maxCol.col));
      if (read.finding) findings.push(read.finding);
      tally.add(read.notes, loc, ctx.raw(row.r, maxCol.col));
      row.node.max = read.value.value;
      row.node.maxLocation = loc;
    }
  }

  if (effortCol) {
    const kind = effortHeaderKind(effortCol.label) ?? "effort";
    for (const row of rows) {
      if (!row.node) continue;
      const read = readEffort(ctx.raw(row.r, effortCol.col), kind);
      if ("effort" in read) row.node.effort = read.effort;
      else if ("problem" in read) {
        const why = effortProblem(read.problem, kind);
        findings.push(findingAt(ctx, row.r, effortCol.col, "unreadable-effort", "warning", why.vi, why.en));
      }
    }
  }

  const scorecard: Scorecard = { title, criteria: ordered, columns, findings };
  const templateId = useTemplate(scorecard, !!maxCol, options, findings, ctx);
  for (const row of uncodedWithPoints) {
    if (!row.node?.extra) continue;
    findings.push(
      findingAt(
        ctx,
        row.r,
        sttCol?.col ?? textCol,
        "row-without-code",
        "warning",
        `dòng '${row.title}' có điểm nhưng không có mã tiêu chí, nên không được cộng vào tổng; nếu đó là một tiêu chí, hãy ghi mã của nó (ví dụ 1.3) vào cột STT`,
        `row '${row.title}' has points but no criterion code, so it is not added to the total; if it is a criterion, type its code (e.g. 1.3) in the No. column`,
      ),
    );
  }

  // Values.
  for (const row of rows) {
    for (const vc of valueCols) {
      const loc = ctx.loc(row.r, vc.col);
      const raw = ctx.raw(row.r, vc.col);
      if (vc.what === "rank") {
        const read = readRankCell(raw, loc);
        if (read.finding) findings.push(read.finding);
        if (read.rank) {
          if (row.kind === "total") vc.column.publishedRanks.set("", read.rank);
          else if (row.node) vc.column.publishedRanks.set(row.node.code, read.rank);
        }
        continue;
      }
      const read = readPointsCell(raw, loc, ctx.format(row.r, vc.col));
      if (read.finding) findings.push(read.finding);
      tally.add(read.notes, loc, raw);
      if (row.kind === "total") vc.column.publishedTotal = read.value;
      else if (row.node) vc.column.points.set(row.node.code, read.value);
    }
  }
  findings.push(...tally.findings());
  findings.push(...mergeFindings(ctx, rows.map((x) => x.r), maxCol ? [...valueCols.map((v) => v.col), maxCol.col] : valueCols.map((v) => v.col)));
  findings.push(...legacyFindings(ctx, ctx.conversions.filter((c) => c.row >= titleFrom && c.row <= end)));
  findings.push(...hiddenFindings(ctx, header, end));

  const range = rangeA1(absRect(ctx, { top: header.top, left: header.left, bottom: Math.max(end, header.bottom), right: header.right }));
  return { table: { sheet: ctx.grid.sheet, range, layout, scorecard, template: templateId }, end };
}

/** A cell a points column could have meant as points: a number, or text that reads as one. */
function holdsNumber(raw: CellValue): boolean {
  if (typeof raw === "number") return true;
  return typeof raw === "string" && /\d/.test(raw) && parsePoints(raw).ok;
}

function firstText(ctx: Ctx, r: number, left: number, right: number): string {
  for (let c = left; c <= right; c++) if (ctx.text(r, c)) return ctx.text(r, c);
  return "";
}

function treeRow(ctx: Ctx, row: DataRow, textCol: number): TreeRow {
  return {
    code: row.code,
    title: row.title,
    location: ctx.loc(row.r, textCol),
    indent: ctx.indent(row.r, textCol),
    bold: ctx.bold(row.r, textCol),
  };
}

function absRect(ctx: Ctx, rect: Rect): Rect {
  const { row, col } = ctx.grid.origin;
  return { top: rect.top + row, left: rect.left + col, bottom: rect.bottom + row, right: rect.right + col };
}

function hiddenFindings(ctx: Ctx, header: Header, end: number): Finding[] {
  const rows = (ctx.grid.hiddenRows ?? []).filter((r) => r >= header.top && r <= end);
  const cols = (ctx.grid.hiddenCols ?? []).filter((c) => c >= header.left && c <= header.right);
  if (!rows.length && !cols.length) return [];
  const cells = [...rows.map((r) => `${r + 1 + ctx.grid.origin.row}`), ...cols.map((c) => ctx.loc(0, c).cell?.replace(/\d+$/, "") ?? "")];
  return [
    {
      kind: "hidden-cells",
      severity: "info",
      location: { sheet: ctx.grid.sheet },
      message: {
        vi: `Trang '${ctx.grid.sheet}': bảng có dòng/cột ẩn (${cells.join(", ")}); chúng vẫn được đọc`,
        en: `Sheet '${ctx.grid.sheet}': the table has hidden rows/columns (${cells.join(", ")}); they are read all the same`,
      },
    },
  ];
}

/** Applies the chosen (or auto-picked) template; returns its id. */
function useTemplate(scorecard: Scorecard, hasMaxColumn: boolean, options: RecogniseOptions, findings: Finding[], ctx: Ctx): string | undefined {
  let template: Template | undefined;
  if (typeof options.template === "string") {
    template = getTemplate(options.template);
    if (!template) {
      findings.push({
        kind: "unknown-template",
        severity: "error",
        location: { sheet: ctx.grid.sheet },
        message: {
          vi: `Không có mẫu '${options.template}' (có: ${listTemplates().map((t) => t.id).join(", ")})`,
          en: `No template '${options.template}' (known: ${listTemplates().map((t) => t.id).join(", ")})`,
        },
      });
      return undefined;
    }
  } else if (options.template) template = options.template;
  else if (!hasMaxColumn && options.autoTemplate !== false) {
    let best: { t: Template; score: number } | undefined;
    for (const t of listTemplates()) {
      const score = scoreTemplate(scorecard, t);
      if (score >= 0.75 && (!best || score > best.score)) best = { t, score };
    }
    if (best) {
      template = best.t;
      findings.push({
        kind: "template-auto-picked",
        severity: "info",
        location: { sheet: ctx.grid.sheet },
        message: {
          vi: `Trang '${ctx.grid.sheet}': bảng không có cột điểm tối đa; đã dùng mẫu '${best.t.id}' (${best.t.title.vi}) vì mã và tên tiêu chí khớp`,
          en: `Sheet '${ctx.grid.sheet}': the table has no max column; used template '${best.t.id}' (${best.t.title.en}) because its codes and titles match`,
        },
      });
    }
  }
  if (!template) return undefined;
  findings.push(...applyTemplate(scorecard, template));
  return template.id;
}

// ---------------------------------------------------------------------------
// Units in rows (ranking tables)

function readUnitsInRows(ctx: Ctx, header: Header, titleFrom: number, title: string | undefined, options: RecogniseOptions): Built | Empty {
  const findings: Finding[] = [];
  const cols = header.cols;
  const unitCol = cols.find((c) => c.role === "unit");
  if (!unitCol) throw new Error("units-in-rows without a unit column");
  // Totals, ranks and indices of several years side by side ("Tổng điểm 2023 | Tổng điểm 2024"): one
  // column of points per unit and year. Area columns without a year belong to the latest year.
  const yearCols = cols.filter((c) => !c.group && c.period && c.role && PERIOD_ROLES.has(c.role));
  const years = [...new Set(yearCols.map((c) => c.period as string))].sort(comparePeriods);
  const period = years.length > 0 ? years[years.length - 1] : (options.period ?? "");
  const plain = (role: HeaderRole) => cols.find((c) => c.role === role && !c.group && !c.period);
  const ofYear = (year: string, ...roles: HeaderRole[]) => yearCols.find((c) => c.period === year && roles.includes(c.role as HeaderRole));
  const totalCol = plain("total") ?? (years.length ? (ofYear(period, "total", "score") ?? ofYear(period, "index")) : undefined);
  const rankCol = plain("rank") ?? (years.length ? ofYear(period, "rank") : undefined);
  const indexCol = plain("index") ?? (years.length ? ofYear(period, "index") : undefined);
  const earlierYears = years.slice(0, -1).map((year) => ({
    year,
    total: ofYear(year, "total", "score"),
    rank: ofYear(year, "rank"),
    index: ofYear(year, "index"),
  }));

  // Criterion columns: from labels ("1", "LV1", "Lĩnh vực 1", "1. Công tác ...", a title) or groups over Điểm/Xếp hạng.
  interface CritCol {
    key: string;
    code: ParsedCode | null;
    title: string;
    max: string | null;
    pointsCol?: number;
    rankCol?: number;
    headerCol: number;
    extra: boolean;
  }
  const crits: CritCol[] = [];
  const byKey = new Map<string, CritCol>();
  // Indicator columns that rating caps read ("Tỷ lệ hồ sơ trễ hạn (%)"): kept per unit, never criteria.
  const indicatorCols: { col: number; key: string }[] = [];
  // A "Khối" / "Nhóm" column: each unit's block (never a criterion).
  let blockCol: number | undefined;
  for (const c of cols) {
    if (c === unitCol || c === totalCol || c === rankCol || c === indexCol || yearCols.includes(c)) continue;
    if (c.role === "stt" || c.role === "note" || c.role === "evidence" || c.role === "content") continue;
    if (c.role === null && !c.group && isBlockHeader(c.label)) {
      blockCol ??= c.col;
      continue;
    }
    const indicator = indicatorOf(c.label);
    if (indicator) {
      indicatorCols.push({ col: c.col, key: indicator });
      continue;
    }
    let label: string;
    let what: "points" | "rank";
    if (c.group) {
      label = c.group;
      if (c.role === "rank") what = "rank";
      else if (c.role === "score" || c.role === null) what = "points";
      else continue;
    } else {
      label = c.label;
      if (!label) continue;
      if (c.role !== null && !((c.role === "score" || c.role === "total") && isSummaryRowTitle(label))) continue;
      what = "points";
    }
    let crit = byKey.get(label);
    if (!crit) {
      let text = label;
      let max: string | null = null;
      const mm = /\(\s*(?:tối đa|max)?\s*:?\s*(\d+(?:[.,]\d+)?)\s*(?:điểm|đ|points?)?\s*\)\s*$/iu.exec(text);
      if (mm) {
        max = mm[1];
        text = text.slice(0, mm.index).trim();
      }
      const ch = criterionHeader(text);
      const split = ch ? null : splitCodeTitle(text);
      const bare = ch || split ? null : parseCode(text);
      const code = ch?.code ?? split?.code ?? bare ?? null;
      const critTitle = ch ? "" : split ? split.title : bare ? "" : text;
      crit = { key: label, code, title: critTitle, max, headerCol: c.col, extra: !code && isSummaryRowTitle(critTitle) };
      byKey.set(label, crit);
      crits.push(crit);
    }
    if (what === "rank") crit.rankCol = c.col;
    else if (crit.pointsCol === undefined) crit.pointsCol = c.col;
  }

  // A table of the index's components only (Điểm thẩm định | Chỉ số SIPAS | Khảo sát ... | Tác động ...
  // | Tổng điểm): the components are what the total adds up, not summary rows beside areas.
  const components = crits.filter((c) => c.extra);
  const componentsOnly = components.length >= 2 && crits.every((c) => c.extra || (!c.code && isSummaryRowTitle(c.title)));
  if (componentsOnly) for (const c of crits) c.extra = false;

  // Criteria: from codes when every non-extra column has one; else numbered by position.
  const main = crits.filter((c) => !c.extra);
  const allCoded = main.length > 0 && main.every((c) => c.code);
  const nodeOf = new Map<CritCol, Criterion>();
  const roots: Criterion[] = [];
  const headerLoc = (c: CritCol) => ctx.loc(header.top, c.headerCol);
  if (allCoded) {
    const tree = buildTreeFromCodes(main.map((c) => ({ code: c.code, title: c.title, location: headerLoc(c) })));
    tree.nodes.forEach((n, i) => nodeOf.set(main[i], n));
    roots.push(...tree.roots);
    findings.push(...tree.findings);
  } else {
    main.forEach((c, i) => {
      const code = componentsOnly ? slug(c.title) : String(i + 1);
      const node: Criterion = { code, title: c.title || c.key, max: null, kind: "ordinary", level: 1, children: [], location: headerLoc(c) };
      nodeOf.set(c, node);
      roots.push(node);
    });
  }
  const ordered: Criterion[] = [];
  for (const c of crits) {
    if (c.extra) {
      const node: Criterion = { code: slug(c.title), title: c.title, max: null, kind: "ordinary", level: 1, children: [], extra: true, location: headerLoc(c) };
      nodeOf.set(c, node);
      ordered.push(node);
    } else {
      const node = nodeOf.get(c);
      if (node && roots.includes(node)) ordered.push(node);
    }
  }
  const tally = new SeparatorTally();
  for (const c of crits) {
    if (c.max === null) continue;
    const node = nodeOf.get(c);
    const read = readPointsCell(c.max, headerLoc(c));
    if (node && read.value.value) {
      node.max = read.value.value;
      node.maxLocation = headerLoc(c);
    }
  }

  // Unit rows.
  interface UnitRow {
    r: number;
    unit: string;
    /** The block of the section row above it ("I. KHỐI SỞ, BAN, NGÀNH"), if any. */
    block?: string;
  }
  const unitRows: UnitRow[] = [];
  let sectionBlock: string | undefined;
  const sttOf = cols.find((c) => c.role === "stt");
  let maxRow = -1;
  let end = header.dataStart - 1;
  let blanks = 0;
  for (let r = header.dataStart; r < ctx.height; r++) {
    if (ctx.rowBlank(r, header.left, header.right)) {
      blanks++;
      if (blanks >= 3) break;
      continue;
    }
    // A second table's header carries labels; a unit named "Đơn vị 1950" with STT "1950" carries points.
    const pointCols = crits.flatMap((c) => (c.pointsCol !== undefined ? [c.pointsCol] : []));
    if (isHeaderRow(ctx, r) && !pointCols.some((c) => holdsNumber(ctx.raw(r, c)))) break;
    const name = ctx.text(r, unitCol.col);
    const hasValues = crits.some((c) => c.pointsCol !== undefined && !isBlank(ctx.raw(r, c.pointsCol))) || (totalCol ? !isBlank(ctx.raw(r, totalCol.col)) : false);
    const first = firstText(ctx, r, header.left, header.right);
    if (!hasValues && isFooterText(name || first)) break;
    blanks = 0;
    end = r;
    const f = fold(name);
    if (/^(diem toi da|diem chuan|thang diem|max|maximum|toi da)$/.test(f)) {
      maxRow = r;
      continue;
    }
    if (!hasValues) {
      // A section row opening a block: "I. KHỐI SỞ, BAN, NGÀNH" (often merged across the row), "Khối huyện".
      const stt = sttOf ? ctx.text(r, sttOf.col) : "";
      const block = blockOfSectionRow(stt === name ? "" : stt, name || first);
      if (block) {
        sectionBlock = block;
        continue;
      }
    }
    if (!name) {
      if (hasValues) findings.push(findingAt(ctx, r, unitCol.col, "row-without-unit", "warning", "dòng có điểm nhưng không có tên đơn vị, bỏ qua", "a row has points but no unit name; it is left out"));
      continue;
    }
    if (isTotalRowTitle(name) || /^(trung binh|binh quan|ca nuoc|average|mean|tong hop)\b/.test(f)) {
      findings.push(findingAt(ctx, r, unitCol.col, "summary-row-skipped", "info", `dòng '${name}' là dòng tổng hợp, không phải một đơn vị`, `row '${name}' is a summary row, not a unit`));
      continue;
    }
    unitRows.push({ r, unit: name, block: sectionBlock });
  }

  if (unitRows.length === 0) return emptyTable(ctx, header, "units");
  // A "Nhóm" column of A/B/C or Tốt/Khá is the published class, not blocks of units.
  if (blockCol !== undefined) {
    const values = unitRows.map((u) => ctx.text(u.r, blockCol as number)).filter((v) => v !== "");
    if (values.length === 0 || values.every(isClassLikeValue)) blockCol = undefined;
  }

  if (maxRow >= 0) {
    for (const c of crits) {
      const node = nodeOf.get(c);
      if (!node || c.pointsCol === undefined) continue;
      const loc = ctx.loc(maxRow, c.pointsCol);
      const read = readPointsCell(ctx.raw(maxRow, c.pointsCol), loc, ctx.format(maxRow, c.pointsCol));
      if (read.finding) findings.push(read.finding);
      tally.add(read.notes, loc, ctx.raw(maxRow, c.pointsCol));
      if (read.value.value) {
        node.max = read.value.value;
        node.maxLocation = loc;
      }
    }
  }

  const columns: ScoreColumn[] = [];
  const scorecard: Scorecard = { title, criteria: ordered, columns, findings };
  const hasMax = maxRow >= 0 || crits.some((c) => c.max !== null);
  const templateId = useTemplate(scorecard, hasMax, options, findings, ctx);

  const seen = new Set<string>();
  for (const u of unitRows) {
    let unit = u.unit;
    if (seen.has(unit)) {
      findings.push(findingAt(ctx, u.r, unitCol.col, "duplicate-unit", "warning", `đơn vị '${unit}' xuất hiện nhiều lần`, `unit '${unit}' appears more than once`));
      unit = `${unit} (${ctx.loc(u.r, unitCol.col).cell})`;
    }
    seen.add(unit);
    const column = newColumn(unit, period, "score");
    const block = (blockCol !== undefined ? ctx.text(u.r, blockCol) : "") || u.block;
    if (block) column.block = block;
    for (const c of crits) {
      const node = nodeOf.get(c);
      if (!node) continue;
      if (c.pointsCol !== undefined) {
        const loc = ctx.loc(u.r, c.pointsCol);
        const read = readPointsCell(ctx.raw(u.r, c.pointsCol), loc, ctx.format(u.r, c.pointsCol));
        if (read.finding) findings.push(read.finding);
        tally.add(read.notes, loc, ctx.raw(u.r, c.pointsCol));
        column.points.set(node.code, read.value);
      }
      if (c.rankCol !== undefined) {
        const read = readRankCell(ctx.raw(u.r, c.rankCol), ctx.loc(u.r, c.rankCol));
        if (read.finding) findings.push(read.finding);
        if (read.rank) column.publishedRanks.set(node.code, read.rank);
      }
    }
    if (totalCol) {
      const loc = ctx.loc(u.r, totalCol.col);
      const read = readPointsCell(ctx.raw(u.r, totalCol.col), loc, ctx.format(u.r, totalCol.col));
      if (read.finding) findings.push(read.finding);
      tally.add(read.notes, loc, ctx.raw(u.r, totalCol.col));
      column.publishedTotal = read.value;
    }
    if (rankCol) {
      const read = readRankCell(ctx.raw(u.r, rankCol.col), ctx.loc(u.r, rankCol.col));
      if (read.finding) findings.push(read.finding);
      if (read.rank) column.publishedRanks.set("", read.rank);
    }
    if (indexCol) {
      const loc = ctx.loc(u.r, indexCol.col);
      const read = readPointsCell(ctx.raw(u.r, indexCol.col), loc, ctx.format(u.r, indexCol.col));
      if (read.finding) findings.push(read.finding);
      if (read.value.value) column.indicators = { ...column.indicators, indexPercent: read.value.value };
    }
    for (const ic of indicatorCols) {
      const read = readPointsCell(ctx.raw(u.r, ic.col), ctx.loc(u.r, ic.col), ctx.format(u.r, ic.col));
      if (read.finding) findings.push(read.finding);
      if (read.value.value) column.indicators = { ...column.indicators, [ic.key]: read.value.value };
    }
    columns.push(column);
    for (const earlier of earlierYears) {
      const past = newColumn(unit, earlier.year, "score");
      if (block) past.block = block;
      // A year with only an index (%) and no total: on a 100-point set they read the same.
      const totalOf = earlier.total ?? earlier.index;
      if (totalOf) {
        const loc = ctx.loc(u.r, totalOf.col);
        const read = readPointsCell(ctx.raw(u.r, totalOf.col), loc, ctx.format(u.r, totalOf.col));
        if (read.finding) findings.push(read.finding);
        tally.add(read.notes, loc, ctx.raw(u.r, totalOf.col));
        past.publishedTotal = read.value;
      }
      if (earlier.rank) {
        const read = readRankCell(ctx.raw(u.r, earlier.rank.col), ctx.loc(u.r, earlier.rank.col));
        if (read.finding) findings.push(read.finding);
        if (read.rank) past.publishedRanks.set("", read.rank);
      }
      columns.push(past);
    }
  }
  findings.push(...tally.findings());
  // Units in blocks are ranked within their block: a unit without one is ranked with the others without one.
  const current = columns.filter((c) => c.period === period);
  const outside = current.filter((c) => c.block === undefined);
  if (outside.length > 0 && outside.length < current.length) {
    const names = outside.map((c) => `'${c.unit}'`);
    const shown = names.length > 5 ? `${names.slice(0, 5).join(", ")}, ...` : names.join(", ");
    const at = unitRows.find((u) => u.unit === outside[0].unit || outside[0].unit.startsWith(`${u.unit} (`));
    findings.push(
      findingAt(
        ctx,
        at?.r ?? header.dataStart,
        blockCol ?? unitCol.col,
        "unit-without-block",
        "warning",
        `${outside.length} đơn vị không thuộc khối nào (${shown}): chúng được xếp hạng riêng với nhau; hãy ghi khối của chúng (dòng "Khối ..." phía trên hoặc cột Khối)`,
        `${outside.length} unit(s) belong to no block (${shown}): they are ranked among themselves; give their block (a "Khối ..." row above them, or the Khối column)`,
      ),
    );
  }
  const unitPointCols = [
    ...crits.flatMap((c) => [c.pointsCol, c.rankCol]),
    totalCol?.col,
    rankCol?.col,
    indexCol?.col,
    ...earlierYears.flatMap((e) => [e.total?.col, e.rank?.col, e.index?.col]),
  ].filter((c): c is number => c !== undefined);
  findings.push(...mergeFindings(ctx, maxRow >= 0 ? [maxRow, ...unitRows.map((u) => u.r)] : unitRows.map((u) => u.r), unitPointCols));
  findings.push(...legacyFindings(ctx, ctx.conversions.filter((c) => c.row >= titleFrom && c.row <= end)));
  findings.push(...hiddenFindings(ctx, header, end));
  const range = rangeA1(absRect(ctx, { top: header.top, left: header.left, bottom: Math.max(end, header.bottom), right: header.right }));
  return { table: { sheet: ctx.grid.sheet, range, layout: "units-in-rows", scorecard, template: templateId }, end };
}

export type { PointValue, PublishedRank };
