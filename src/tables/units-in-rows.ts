/**
 * Tables with units in rows (ranking tables): one row per unit, and columns whose roles the header
 * words propose and the evidence settles (column-roles.ts): criteria or components of the total,
 * total, rate, rank, a maximum per unit, block, class. Rows get their roles in row-roles.ts.
 */
import Decimal from "decimal.js";
import type { Finding, PointValue, ScoreColumn, Scorecard } from "../engine/types";
import { comparePeriods } from "../engine/ranks";
import { rangeA1 } from "./grid";
import { type HeaderRole, headerPeriod, indicatorOf, isRateTitle, isSummaryRowTitle } from "./vocabulary";
import { fold } from "./text";
import { readPointsCell, readRankCell, readWeightCell } from "./values";
import { isBlockHeader, isClassLikeValue } from "./blocks";
import { type Ctx, type RecogniseOptions, SeparatorTally, absRect, findingAt, newColumn } from "./context";
import { type ColSpec, type Header, PERIOD_ROLES, isHeaderRow } from "./header";
import { type Built, type Empty, emptyTable, hiddenFindings, legacyFindings, mergeFindings, useTemplate } from "./table-findings";
import { type UnitRow, type UnitRows, readUnitRows } from "./row-roles";
import { type CritCol, critFromLabel, criteriaOfColumns } from "./unit-criteria";
import { PUBLISHED_TOLERANCE, holds, isRateOf, profileColumn } from "./evidence";
import { readColumns } from "./column-roles";
import { excerptFindings } from "./excerpts";
import { type ChangeColumns, changeFindings } from "./published-changes";
import { inferTotalRule, summaryAsTotal } from "./infer-rule";
import { applyRuleNote, findRuleNote, isMeanTitle, meanFromTitle, noteLinesOf } from "./stated-rules";
import type { Criterion } from "../engine/types";
import { CellRead, type PointsLayout, ScaledPoints, type ScaledRow, scaledOfBareText, scaledOfNumber, scaledRow } from "../engine/scaled-points";

interface YearColumns {
  year: string;
  total?: ColSpec;
  rank?: ColSpec;
  index?: ColSpec;
  /** The period's own criterion columns ("Tháng 1/2025" over "Công khai | Tiến độ | ..."), by criterion label. */
  parts: PeriodPart[];
}

/** A criterion's column in an earlier period, matched to the latest period's criterion by its label. */
interface PeriodPart {
  key: string;
  col: number;
  what: "points" | "rank";
}

/** Where each role's column is. */
interface Located {
  unit: ColSpec;
  order?: ColSpec;
  period: string;
  total?: ColSpec;
  rank?: ColSpec;
  index?: ColSpec;
  /** A maximum per unit ("Điểm tối đa" beside each unit). */
  unitMax?: ColSpec;
  earlier: YearColumns[];
  yearCols: ColSpec[];
  crits: CritCol[];
  indicators: { col: number; key: string }[];
  /** A "Khối" / "Nhóm" column: each unit's block (never a criterion). */
  block?: number;
  /** The summary columns are the components of the total (evidence or their titles). */
  components: boolean;
  /** The rate is the total on 100 (the same column, or points x 100 / 100 on the rows): each unit's max is 100. */
  outOfHundred: boolean;
  /**
   * Points and a rate that is not the points on 100, and no maximum: each unit's maximum is what its
   * figures imply (points x 100 / rate), said once (`max-from-rate`).
   */
  maxFromRate: boolean;
  /** The rows are periods (years) of this one unit: each row's name is its period. */
  periodsOf?: string;
  /** Rates side by side beside their summary ("Tiếp cận (%) | ... | Chỉ số SIPAS (trung bình)"): parts only under a rule the table shows. */
  percentParts?: CritCol[];
}

const HUNDRED = new Decimal(100);

/** How many unit rows the content and arithmetic evidence looks at: enough to decide, cheap on 10,000 rows. */
const EVIDENCE_ROWS = 60;

/** `periodsOf`: the rows are periods (years) of this one unit, not units. */
export function readUnitsInRows(ctx: Ctx, header: Header, titleFrom: number, title: string | undefined, options: RecogniseOptions, periodsOf?: string): Built | Empty {
  const findings: Finding[] = [];
  const located = locateColumns(header, options);
  located.periodsOf = periodsOf;
  const rows = readUnitRows(rowSource(ctx), {
    dataStart: header.dataStart,
    left: header.left,
    right: header.right,
    unitCol: located.unit.col,
    orderCol: located.order?.col,
    valueCols: header.cols.filter((c) => c !== located.unit && c !== located.order && !isLabelColumn(c)).map((c) => c.col),
  });
  if (rows.units.length === 0) return emptyTable(ctx, header, "units");
  weighEvidence(ctx, header, located, rows.units, findings);
  const locate = (c: CritCol) => ctx.loc(header.top, c.headerCol);
  const { ordered, nodeOf } = criteriaOfColumns(located.crits, located.components, locate, findings);
  for (const s of rows.setAside) findings.push(setAsideFinding(ctx, s.r, located.unit.col, s.kind, s.name));
  if (rows.withoutValues.length > 0) findings.push(withoutValuesFinding(ctx, rows.withoutValues, located.unit.col));
  const tally = new SeparatorTally(ctx);
  readMaxima(ctx, located.crits, nodeOf, rows.maxRow, header, tally, findings);
  const scorecard: Scorecard = { title, criteria: ordered, columns: [], findings };
  if (rows.weightRow >= 0) readWeights(ctx, located, nodeOf, rows, scorecard);
  const hasMax = rows.maxRow >= 0 || located.crits.some((c) => c.max !== null) || located.unitMax !== undefined;
  const templateId = useTemplate(scorecard, hasMax, options, findings, ctx);
  if (located.block !== undefined && isClassColumnOf(ctx, located.block, rows.units)) located.block = undefined;
  readUnits(ctx, header, located, rows.units, nodeOf, scorecard.columns, tally, findings);
  // Rates beside their summary are the summary's parts only under a rule: they count for the rule's reading.
  const percent = new Set(located.percentParts?.map((c) => nodeOf.get(c)));
  for (const c of scorecard.criteria) if (percent.has(c)) delete c.extra;
  findings.push(...ruleFromNote(ctx, header, titleFrom, rows.end, scorecard));
  findings.push(...meanFromTitle(scorecard));
  findings.push(...inferTotalRule(scorecard));
  if (percent.size > 0 && !scorecard.total) for (const c of scorecard.criteria) c.extra = true;
  findings.push(...tally.findings());
  findings.push(...blockFindings(ctx, located, rows.units, scorecard.columns, header));
  const change = changeColumns(header, located);
  if (change) findings.push(...changeFindings(ctx, change, rows.units));
  for (const group of blocksOf(scorecard.columns.filter((c) => c.period === located.period))) findings.push(...excerptFindings(group, ctx.grid.sheet));
  const dataRows = rows.maxRow >= 0 ? [rows.maxRow, ...rows.units.map((u) => u.r)] : rows.units.map((u) => u.r);
  findings.push(...mergeFindings(ctx, dataRows, valueColumns(located)));
  findings.push(...legacyFindings(ctx, ctx.conversions.filter((c) => c.row >= titleFrom && c.row <= rows.end)));
  findings.push(...hiddenFindings(ctx, header, rows.end));
  const range = rangeA1(absRect(ctx, { top: header.top, left: header.left, bottom: Math.max(rows.end, header.bottom), right: header.right }));
  return { table: { sheet: ctx.grid.sheet, range, layout: "units-in-rows", scorecard, template: templateId }, end: rows.end };
}

function rowSource(ctx: Ctx) {
  return {
    height: ctx.height,
    text: (r: number, c: number) => ctx.text(r, c),
    raw: (r: number, c: number) => ctx.raw(r, c),
    rowBlank: (r: number, left: number, right: number) => ctx.rowBlank(r, left, right),
    isHeaderRow: (r: number) => isHeaderRow(ctx, r),
  };
}

/** Columns of words about each unit, never values: content, notes, evidence documents, block. */
function isLabelColumn(c: ColSpec): boolean {
  return c.role === "content" || c.role === "note" || c.role === "evidence" || c.role === "class" || (c.role === null && !c.group && isBlockHeader(c.label));
}

/**
 * Totals, ranks and indices of several years side by side ("Tổng điểm 2023 | Tổng điểm 2024"): one
 * column of points per unit and year. Area columns without a year belong to the latest year.
 */
function locateColumns(header: Header, options: RecogniseOptions): Located {
  const cols = header.cols;
  const unit = cols.find((c) => c.role === "unit");
  if (!unit) throw new Error("units-in-rows without a unit column");
  seriesOfTotals(cols);
  const yearCols = cols.filter((c) => !c.group && c.period && c.role && PERIOD_ROLES.has(c.role));
  // Criterion columns of a period ("Tháng 1/2025" over its groups, or a group over "T1 | T2"): each period is read whole.
  // A column headed by a period alone ("Quý 1 | Quý 2 | Cộng") is a part of the total, not a period of its own.
  const partCols = cols.filter((c) => c.period && !yearCols.includes(c) && (c.group !== null || headerPeriod(c.label) === null) && criterionValue(c) !== null);
  const years = [...new Set([...yearCols, ...partCols].map((c) => c.period as string))].sort(comparePeriods);
  const period = years.length > 0 ? years[years.length - 1] : (options.period ?? "");
  const plain = (role: HeaderRole) => cols.find((c) => c.role === role && !c.group && !c.period);
  const ofYear = (year: string, ...roles: HeaderRole[]) => yearCols.find((c) => c.period === year && roles.includes(c.role as HeaderRole));
  const located: Located = {
    unit,
    order: cols.find((c) => c.role === "stt"),
    period,
    total: plain("total") ?? (years.length ? (ofYear(period, "total", "score") ?? ofYear(period, "index")) : undefined),
    rank: plain("rank") ?? (years.length ? ofYear(period, "rank") : undefined),
    index: plain("index") ?? (years.length ? ofYear(period, "index") : undefined),
    unitMax: plain("max"),
    earlier: years.slice(0, -1).map((year) => ({ year, total: ofYear(year, "total", "score"), rank: ofYear(year, "rank"), index: ofYear(year, "index"), parts: [] })),
    yearCols,
    crits: [],
    indicators: [],
    components: false,
    outOfHundred: false,
    maxFromRate: false,
  };
  criterionColumns(cols, located);
  percentParts(cols, located);
  return located;
}

/**
 * "STT | Đơn vị | Tiếp cận (%) | Thủ tục (%) | ... | Chỉ số SIPAS (%)": without a total column, rates side by side
 * with one summary among them (a SIPAS index, or a column titled as their mean) are the summary's parts, not the
 * total's rate. They stay figures beside it unless the table shows its rule (readUnitsInRows).
 */
function percentParts(cols: readonly ColSpec[], located: Located): void {
  if (located.total) return;
  const rates = cols.filter((c) => c.role === "index" && !c.group && !c.period && isRateTitle(c.label));
  const isSummary = (label: string) => isMeanTitle(label) || isSummaryRowTitle(label.replace(/\s*\([^)]*\)\s*$/, ""));
  const summaries = [...rates.filter((c) => isSummary(c.label)), ...located.crits.filter((c) => isSummary(c.key))];
  const parts = rates.filter((c) => !isSummary(c.label));
  if (summaries.length !== 1 || parts.length < 2 || located.crits.some((c) => !isSummary(c.key))) return;
  const summary = summaries[0];
  if ("col" in summary) {
    const crit = critFromLabel(summary.label, summary.col, null);
    crit.pointsCol = summary.col;
    located.crits.push(crit);
  }
  for (const c of located.crits) c.extra = true;
  located.percentParts = parts.map((c) => {
    const crit = critFromLabel(c.label, c.col, null);
    crit.pointsCol = c.col;
    crit.extra = true;
    return crit;
  });
  located.crits.push(...located.percentParts);
  located.crits.sort((a, b) => a.headerCol - b.headerCol);
  located.index = undefined;
}

/**
 * A series: columns headed by periods alone ("Tháng 1 | Tháng 2 | ...", "Quý I | Quý II", "2023 | 2024"),
 * each the unit's total of that period. Not when a total column stands beside them ("Quý 1 | Quý 2 |
 * Quý 3 | Cộng": the periods are then parts of that total), nor a criterion under a period ("Tháng 1/2025"
 * over "Công khai | Tiến độ").
 */
function seriesOfTotals(cols: readonly ColSpec[]): void {
  const bare = cols.filter((c) => c.role === null && c.period && !c.group && headerPeriod(c.label) !== null);
  if (bare.length < 2 || cols.some((c) => !c.period && (c.role === "total" || c.role === "score" || c.role === "index"))) return;
  for (const c of bare) c.role = "total";
}

/** Criterion columns: from labels ("1", "LV1", "Lĩnh vực 1", "1. Công tác ...", a title) or groups over Điểm/Xếp hạng. */
function criterionColumns(cols: readonly ColSpec[], located: Located): void {
  const byKey = new Map<string, CritCol>();
  const taken = new Set([located.unit, located.total, located.rank, located.index, located.unitMax, located.order, ...located.yearCols]);
  for (const c of cols) {
    if (taken.has(c) || (c.role !== null && isLabelColumn(c))) continue;
    if (c.role === null && !c.group && isBlockHeader(c.label)) {
      located.block ??= c.col;
      continue;
    }
    // Indicator columns that rating caps read ("Tỷ lệ hồ sơ trễ hạn (%)"): kept per unit, never criteria.
    const indicator = indicatorOf(c.label);
    if (indicator) {
      located.indicators.push({ col: c.col, key: indicator });
      continue;
    }
    const what = criterionValue(c);
    if (!what) continue;
    const label = c.group ?? c.label;
    const earlier = c.period && c.period !== located.period ? located.earlier.find((e) => e.year === c.period) : undefined;
    if (earlier) {
      earlier.parts.push({ key: label, col: c.col, what });
      continue;
    }
    let crit = byKey.get(label);
    if (!crit) {
      crit = critFromLabel(label, c.col, c.group ? null : c.role);
      byKey.set(label, crit);
      located.crits.push(crit);
    }
    if (what === "rank") crit.rankCol = c.col;
    else crit.pointsCol ??= c.col;
  }
  // A table of the index's components only (Điểm thẩm định | Chỉ số SIPAS | Khảo sát ... | Tác động ...
  // | Tổng điểm): the components are what the total adds up, not summary rows beside areas.
  const summaries = located.crits.filter((c) => c.extra);
  if (summaries.length >= 2 && located.crits.every((c) => c.extra || (!c.code && isSummaryRowTitle(c.title)))) makeComponents(located);
}

/** What a criterion column holds: points, a rank under a criterion's merged title, or nothing. */
function criterionValue(c: ColSpec): "points" | "rank" | null {
  if (c.group) return c.role === "rank" ? "rank" : c.role === "score" || c.role === null ? "points" : null;
  if (!c.label) return null;
  if (c.role !== null && !((c.role === "score" || c.role === "total") && isSummaryRowTitle(c.label))) return null;
  return "points";
}

function makeComponents(located: Located): void {
  located.components = true;
  for (const c of located.crits) c.extra = false;
}

/**
 * Settles what the header words leave open, on a sample of the unit rows: text and class columns are
 * no points, a column that is the total's rate or that ranks it is read so, parts that add up to the
 * total are its components; a single points column without a total is the total; a rate alone is.
 */
function weighEvidence(ctx: Ctx, header: Header, located: Located, units: readonly UnitRow[], findings: Finding[]): void {
  const sample = units.slice(0, EVIDENCE_ROWS).map((u) => u.r);
  const numbers = (col: ColSpec | undefined) => (col ? profileColumn(sample.map((r) => ctx.raw(r, col.col))).values : undefined);
  const candidates = located.crits.filter((c) => c.pointsCol !== undefined && c.rankCol === undefined);
  const reading = readColumns({
    points: candidates.map((c) => ({ col: c.pointsCol as number, label: c.key, profile: profileColumn(sample.map((r) => ctx.raw(r, c.pointsCol as number))) })),
    total: numbers(located.total),
    unitMax: numbers(located.unitMax),
  });
  for (const [col, role] of reading.roles) {
    const spec = header.cols.find((c) => c.col === col);
    if (role === "rate" && !located.index) located.index = spec;
    else if (role === "rank" && !located.rank) located.rank = spec;
  }
  located.crits = located.crits.filter((c) => c.pointsCol === undefined || !reading.roles.has(c.pointsCol));
  if (reading.componentsAddUp && located.crits.some((c) => c.extra)) makeComponents(located);
  if (reading.partsIndependent) setPartsBeside(ctx, header, located, findings);
  if (reading.closeCall) findings.push(findingAt(ctx, header.top, reading.closeCall.col, "column-role-assumed", "info", reading.closeCall.vi, reading.closeCall.en));
  pointsAsTotal(header, located);
  located.outOfHundred = !located.unitMax && !!located.index && (located.index === located.total || holds(isRateOf(numbers(located.index) ?? [], numbers(located.total) ?? [], HUNDRED)));
  located.maxFromRate = !located.unitMax && !located.outOfHundred && !!located.index && !!located.total && located.index !== located.total;
  if (located.maxFromRate) findings.push(maxFromRateFinding(ctx, header, located));
}

/** No maximum is published and the rate is not the points on 100: each unit's maximum is implied by its figures. */
function maxFromRateFinding(ctx: Ctx, header: Header, located: Located): Finding {
  const rate = `'${located.index?.label ?? ""}'`;
  const points = `'${located.total?.label ?? ""}'`;
  return findingAt(
    ctx,
    header.top,
    located.index?.col ?? located.unit.col,
    "max-from-rate",
    "info",
    `bảng không ghi điểm tối đa và cột ${rate} không bằng cột ${points} trên thang 100: điểm tối đa của mỗi đơn vị được suy ra từ số liệu của nó (điểm x 100 / tỷ lệ); các đơn vị được xếp hạng theo tỷ lệ`,
    `the table gives no maximum and ${rate} is not ${points} on 100: each unit's maximum is implied by its own figures (points x 100 / rate); units are ranked on the rate`,
  );
}

/**
 * Parts that never add up to the total (a weighted index such as PCI, or a total column whose sums
 * are all broken) are figures beside it, not summed: said as an info finding at the total's header,
 * so a table of broken sums is never read silently.
 */
function setPartsBeside(ctx: Ctx, header: Header, located: Located, findings: Finding[]): void {
  const parts = located.crits.filter((c) => c.pointsCol !== undefined);
  for (const c of located.crits) c.extra = true;
  if (parts.length === 0 || !located.total) return;
  const names = parts.map((c) => `'${c.key}'`).join(", ");
  const total = `'${located.total.label}'`;
  findings.push(
    findingAt(
      ctx,
      header.top,
      located.total.col,
      "parts-beside-total",
      "info",
      `các cột ${names} không cộng lại bằng ${total} ở hàng nào (như một chỉ số có trọng số): ParScore giữ chúng bên cạnh, không cộng vào tổng; nếu tổng phải là tổng các cột này, hãy kiểm tra công thức của cột tổng.`,
      `columns ${names} never add up to ${total} on any row (as in a weighted index): ParScore keeps them beside the total, not summed; if the total should be their sum, check the total column's formulas.`,
    ),
  );
}

/**
 * No total column: the one column of points ("Điểm thẩm định", "Điểm đạt") is each unit's total; with
 * no criterion at all, a column of points the header names ("Điểm số") is, else the published rate
 * ("Chỉ số (%)" of a press excerpt).
 */
function pointsAsTotal(header: Header, located: Located): void {
  if (located.total) return;
  const points = located.crits.filter((c) => c.pointsCol !== undefined);
  if (points.length === 1 && points[0].rankCol === undefined && (points[0].role === "score" || points[0].role === "total")) {
    located.total = header.cols.find((c) => c.col === points[0].pointsCol);
    located.crits = located.crits.filter((c) => c !== points[0]);
  } else if (points.length === 0) located.total = header.cols.find((c) => c.role === "score" && !c.group && !c.period) ?? located.index;
}

/** A "Nhóm" column of A/B/C or Tốt/Khá is the published class, not blocks of units. */
function isClassColumnOf(ctx: Ctx, col: number, units: readonly UnitRow[]): boolean {
  const values = units.map((u) => ctx.text(u.r, col)).filter((v) => v !== "");
  return values.length === 0 || values.every(isClassLikeValue);
}

/** Maxima from the headers ("LV1 (8,5 điểm)") and from the row of maxima ("Điểm tối đa"). */
function readMaxima(ctx: Ctx, crits: readonly CritCol[], nodeOf: Map<CritCol, Criterion>, maxRow: number, header: Header, tally: SeparatorTally, findings: Finding[]): void {
  for (const c of crits) {
    const node = nodeOf.get(c);
    if (c.max === null || !node) continue;
    const loc = ctx.loc(header.top, c.headerCol);
    const read = readPointsCell(c.max, loc);
    if (read.value.value) {
      node.max = read.value.value;
      node.maxLocation = loc;
    }
  }
  if (maxRow < 0) return;
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

/**
 * A note above or under the table stating how the total is made ("Chỉ số SIPAS là trung bình cộng của 5 chỉ
 * số thành phần"): the total's rule over flat parts, the parts kept beside it (or a lone summary column
 * without a total: the total) combined by it.
 */
function ruleFromNote(ctx: Ctx, header: Header, titleFrom: number, end: number, scorecard: Scorecard): Finding[] {
  const note = findRuleNote(noteLinesOf(ctx), [[titleFrom, header.top - 1], [end + 1, end + 5]], header.left, header.right);
  if (!note) return [];
  if (scorecard.criteria.some((c) => c.children.length > 0 || c.kind !== "ordinary")) return applyRuleNote(scorecard, note, []);
  const hasTotal = scorecard.columns.some((c) => c.publishedTotal?.value);
  const extras = scorecard.criteria.filter((c) => c.extra);
  const summary = !hasTotal && extras.length === 1 ? extras[0] : undefined;
  if (!hasTotal && !summary) return applyRuleNote(scorecard, note, []);
  const parts = scorecard.criteria.filter((c) => c !== summary);
  return applyRuleNote(scorecard, note, parts, summary ? () => summaryAsTotal(scorecard, summary) : undefined);
}

/**
 * The row of weights ("Trọng số"): each part's weight (20% reads 0,2; a weighted mean divides by their sum), and
 * the total is the parts' weighted mean, on the max the row of maxima gives the total column when it does.
 * Parts read as figures beside a total that is not their sum are its parts again.
 */
function readWeights(ctx: Ctx, located: Located, nodeOf: Map<CritCol, Criterion>, rows: UnitRows, scorecard: Scorecard): void {
  const weighted: Criterion[] = [];
  for (const c of located.crits) {
    const node = nodeOf.get(c);
    if (!node || c.pointsCol === undefined) continue;
    const loc = ctx.loc(rows.weightRow, c.pointsCol);
    const value = readWeightCell(ctx.raw(rows.weightRow, c.pointsCol), loc, ctx.format(rows.weightRow, c.pointsCol)).value.value;
    if (value === null) continue;
    node.weight = value;
    node.weightLocation = loc;
    weighted.push(node);
  }
  if (weighted.length === 0) return;
  let max: Decimal | null = null;
  if (rows.maxRow >= 0 && located.total) max = readPointsCell(ctx.raw(rows.maxRow, located.total.col), ctx.loc(rows.maxRow, located.total.col)).value.value;
  scorecard.total = { rollup: "weighted-mean", max, location: ctx.loc(rows.weightRow, located.unit.col) };
  for (const node of weighted) delete node.extra;
  const kept = scorecard.findings.filter((f) => f.kind !== "parts-beside-total");
  scorecard.findings.length = 0;
  scorecard.findings.push(...kept);
}

/**
 * A table whose rate is its total on 100, where one unit's rate is not: that unit has its own maximum
 * (criteria that do not apply to it left out), points x 100 / rate, to 0,01.
 */
function maxOfRate(total: Decimal | null, rate: Decimal | null): Decimal {
  if (total === null || rate === null || rate.isZero() || total.minus(rate).abs().lte(PUBLISHED_TOLERANCE)) return HUNDRED;
  return total.times(HUNDRED).div(rate).toDecimalPlaces(2);
}

/** A unit's maximum from its points and rate (points x 100 / rate, to 0,01), when both are given. */
function impliedMax(total: Decimal | null, rate: Decimal | null): PointValue | undefined {
  return total === null || rate === null || rate.isZero() ? undefined : { value: total.times(HUNDRED).div(rate).toDecimalPlaces(2) };
}

/** One reader of cells into findings and the separator tally. */
class CellReader {
  constructor(
    private readonly ctx: Ctx,
    private readonly tally: SeparatorTally,
    private readonly findings: Finding[],
  ) {}
  points(r: number, col: number) {
    const loc = this.ctx.loc(r, col);
    const raw = this.ctx.raw(r, col);
    const read = readPointsCell(raw, loc, this.ctx.format(r, col));
    if (read.finding) this.findings.push(read.finding);
    this.tally.add(read.notes, loc, raw);
    return read.value;
  }
  value(r: number, col: number): Decimal | null {
    const read = readPointsCell(this.ctx.raw(r, col), this.ctx.loc(r, col), this.ctx.format(r, col));
    if (read.finding) this.findings.push(read.finding);
    return read.value.value;
  }
  /** A cell's number without a finding (read again, and said, where it is read for itself). */
  peek(r: number, col: number): Decimal | null {
    return readPointsCell(this.ctx.raw(r, col), this.ctx.loc(r, col), this.ctx.format(r, col)).value.value;
  }
  /**
   * A unit's points cell into its row of integers: a bare number ("0,57", 0.57) as its integer without a
   * PointValue (ScaledPoints makes one if it is read), anything else as `points` reads it.
   */
  scaledPoint(row: ScaledRow, i: number, r: number, col: number): void {
    const raw = this.ctx.raw(r, col);
    let scaled: number | undefined;
    if (typeof raw === "string") {
      scaled = scaledOfBareText(raw);
      if (scaled !== undefined) {
        this.tally.addCell(r, col, raw);
        row.read[i] = CellRead.Text;
      }
    } else if (typeof raw === "number" && !this.ctx.format(r, col)?.includes("%")) {
      scaled = scaledOfNumber(raw);
      if (scaled !== undefined) row.read[i] = CellRead.Number;
    } else if (raw === null) {
      row.read[i] = CellRead.Blank;
      return;
    }
    if (scaled !== undefined) row.scaled[i] = scaled;
    else {
      row.read[i] = CellRead.Other;
      row.others[i] = this.points(r, col);
    }
  }
  absoluteRow(r: number): number {
    return this.ctx.grid.origin.row + r;
  }
  rank(r: number, col: number) {
    const read = readRankCell(this.ctx.raw(r, col), this.ctx.loc(r, col));
    if (read.finding) this.findings.push(read.finding);
    return read.rank;
  }
}

/**
 * Where each criterion's points go in a unit's row of integers (ScaledPoints): its index by position in
 * `located.crits`, -1 for none; null when two columns give the same code (a plain Map keeps the last).
 */
function pointsLayoutOf(ctx: Ctx, located: Located, nodeOf: Map<CritCol, Criterion>): { layout: PointsLayout; slots: number[] } | null {
  const codes: string[] = [];
  const cols: number[] = [];
  const index = new Map<string, number>();
  const slots: number[] = [];
  for (const c of located.crits) {
    const node = nodeOf.get(c);
    if (!node || c.pointsCol === undefined) {
      slots.push(-1);
      continue;
    }
    if (index.has(node.code)) return null;
    index.set(node.code, codes.length);
    slots.push(codes.length);
    codes.push(node.code);
    cols.push(ctx.grid.origin.col + c.pointsCol);
  }
  const { row, col } = ctx.grid.origin;
  const layout: PointsLayout = { codes, index, cols, sheet: ctx.grid.sheet, locate: (r, c) => ctx.loc(r - row, c - col) };
  return { layout, slots };
}

function readUnits(ctx: Ctx, header: Header, located: Located, units: readonly UnitRow[], nodeOf: Map<CritCol, Criterion>, columns: ScoreColumn[], tally: SeparatorTally, findings: Finding[]): void {
  const cells = new CellReader(ctx, tally, findings);
  const points = pointsLayoutOf(ctx, located, nodeOf);
  const partsOf = earlierParts(ctx, header, located, nodeOf, findings);
  const seen = new Set<string>();
  const merged: Array<{ r: number; unit: string; earlier: YearColumns }> = [];
  for (const u of units) {
    let unit = located.periodsOf ?? u.unit;
    if (seen.has(u.unit)) {
      findings.push(findingAt(ctx, u.r, located.unit.col, "duplicate-unit", "warning", `đơn vị '${u.unit}' xuất hiện nhiều lần`, `unit '${u.unit}' appears more than once`));
      unit = `${unit} (${ctx.loc(u.r, located.unit.col).cell})`;
    }
    seen.add(u.unit);
    const block = (located.block !== undefined ? ctx.text(u.r, located.block) : "") || u.block;
    const column = newColumn(unit, located.periodsOf ? u.unit : located.period, "score");
    if (block) column.block = block;
    readCurrent(cells, u.r, located, nodeOf, column, points);
    columns.push(column);
    for (const earlier of located.earlier) {
      if (acrossMerger(located.period, earlier.year, unit)) merged.push({ r: u.r, unit, earlier });
      else columns.push(readEarlier(cells, u.r, unit, block, earlier, partsOf));
    }
  }
  if (merged.length > 0) findings.push(mergerFinding(ctx, located, merged));
}

/** Communes, wards and special zones were reorganised on 1 July 2025: such a name before it is not the same unit. */
function acrossMerger(period: string, earlier: string, unit: string): boolean {
  return Number(period) >= 2025 && Number(earlier) < 2025 && /^(?:ubnd )?(?:xa|phuong|dac khu|thi tran)\b/.test(fold(unit));
}

function mergerFinding(ctx: Ctx, located: Located, merged: ReadonlyArray<{ r: number; unit: string; earlier: YearColumns }>): Finding {
  const first = merged[0];
  const col = first.earlier.total?.col ?? first.earlier.index?.col ?? first.earlier.rank?.col ?? located.unit.col;
  const names = merged.map((m) => `'${m.unit}'`);
  const shown = names.length > 5 ? `${names.slice(0, 5).join(", ")}, ...` : names.join(", ");
  return findingAt(
    ctx,
    first.r,
    col,
    "comparison-across-merger",
    "warning",
    `${merged.length} đơn vị cấp xã (${shown}) được sắp xếp lại từ 1/7/2025: số liệu năm ${first.earlier.year} là của đơn vị cũ, không so sánh được với năm ${located.period}; không tính thay đổi cho chúng`,
    `${merged.length} commune-level unit(s) (${shown}) were reorganised on 1 July 2025: the ${first.earlier.year} figures belong to the former units and do not compare with ${located.period}; no change is computed for them`,
  );
}

function readCurrent(cells: CellReader, r: number, located: Located, nodeOf: Map<CritCol, Criterion>, column: ScoreColumn, points: ReturnType<typeof pointsLayoutOf>): void {
  const row = points && scaledRow(points.layout);
  for (let k = 0; k < located.crits.length; k++) {
    const c = located.crits[k];
    const node = nodeOf.get(c);
    if (!node) continue;
    if (c.pointsCol !== undefined) {
      if (row) cells.scaledPoint(row, points.slots[k], r, c.pointsCol);
      else column.points.set(node.code, cells.points(r, c.pointsCol));
    }
    const rank = c.rankCol !== undefined ? cells.rank(r, c.rankCol) : undefined;
    if (rank) column.publishedRanks.set(node.code, rank);
  }
  if (row) column.points = new ScaledPoints(points.layout, cells.absoluteRow(r), row);
  if (located.total) column.publishedTotal = cells.points(r, located.total.col);
  if (located.unitMax) column.unitMax = cells.points(r, located.unitMax.col);
  else if (located.maxFromRate && located.index) column.unitMax = impliedMax(column.publishedTotal?.value ?? null, cells.peek(r, located.index.col));
  else if (located.outOfHundred) column.unitMax = { value: maxOfRate(column.publishedTotal?.value ?? null, located.index === located.total ? null : located.index ? cells.peek(r, located.index.col) : null) };
  const rank = located.rank ? cells.rank(r, located.rank.col) : undefined;
  if (rank) column.publishedRanks.set("", rank);
  // The index read as the total already said what it could not read.
  const index = located.index && located.index !== located.total ? cells.value(r, located.index.col) : located.index ? column.publishedTotal?.value : null;
  if (index) column.indicators = { ...column.indicators, indexPercent: index };
  for (const ic of located.indicators) {
    const value = cells.value(r, ic.col);
    if (value) column.indicators = { ...column.indicators, [ic.key]: value };
  }
}

/**
 * Each earlier period's criterion columns matched to the latest period's criteria by label; a column whose
 * label the latest period lacks is said once (the set of groups changed), never read into another criterion.
 */
function earlierParts(ctx: Ctx, header: Header, located: Located, nodeOf: Map<CritCol, Criterion>, findings: Finding[]): Map<YearColumns, Array<{ code: string; part: PeriodPart }>> {
  const out = new Map<YearColumns, Array<{ code: string; part: PeriodPart }>>();
  for (const earlier of located.earlier) {
    const matched: Array<{ code: string; part: PeriodPart }> = [];
    for (const part of earlier.parts) {
      const crit = located.crits.find((c) => c.key === part.key);
      const node = crit && nodeOf.get(crit);
      if (node) {
        matched.push({ code: node.code, part });
        continue;
      }
      findings.push(
        findingAt(
          ctx,
          header.bottom,
          part.col,
          "period-column-unmatched",
          "warning",
          `cột '${part.key}' của kỳ ${earlier.year} không có trong kỳ mới nhất (${located.period}): bộ tiêu chí đã đổi giữa các kỳ; cột này không được đọc`,
          `column '${part.key}' of ${earlier.year} is not in the latest period (${located.period}): the criteria changed between periods; this column is not read`,
        ),
      );
    }
    out.set(earlier, matched);
  }
  return out;
}

function readEarlier(cells: CellReader, r: number, unit: string, block: string | undefined, earlier: YearColumns, partsOf: Map<YearColumns, Array<{ code: string; part: PeriodPart }>>): ScoreColumn {
  const past = newColumn(unit, earlier.year, "score");
  if (block) past.block = block;
  for (const { code, part } of partsOf.get(earlier) ?? []) {
    if (part.what === "points") past.points.set(code, cells.points(r, part.col));
    else {
      const rank = cells.rank(r, part.col);
      if (rank) past.publishedRanks.set(code, rank);
    }
  }
  // A year with only an index (%) and no total: on a 100-point set they read the same.
  const totalOf = earlier.total ?? earlier.index;
  if (totalOf) past.publishedTotal = cells.points(r, totalOf.col);
  const rank = earlier.rank ? cells.rank(r, earlier.rank.col) : undefined;
  if (rank) past.publishedRanks.set("", rank);
  return past;
}

/** A published change column and the two years it compares (the year its header names, else the latest earlier one). */
function changeColumns(header: Header, located: Located): ChangeColumns | undefined {
  const change = header.cols.find((c) => c.role === "change" && !c.group);
  if (!change || located.earlier.length === 0) return undefined;
  const named = /(?:19|20)\d{2}/.exec(change.label)?.[0];
  const earlier = located.earlier.find((e) => e.year === named) ?? located.earlier[located.earlier.length - 1];
  const before = earlier.total ?? earlier.index;
  const now = earlier.total ? located.total : (located.index ?? located.total);
  if (!before || !now) return undefined;
  return { change: change.col, current: now.col, earlier: before.col, earlierYear: earlier.year };
}

/** Units in blocks are ranked within their block: a unit without one is ranked with the others without one. */
function blockFindings(ctx: Ctx, located: Located, units: readonly UnitRow[], columns: readonly ScoreColumn[], header: Header): Finding[] {
  const current = columns.filter((c) => c.period === located.period);
  const outside = current.filter((c) => c.block === undefined);
  if (outside.length === 0 || outside.length === current.length) return [];
  const names = outside.map((c) => `'${c.unit}'`);
  const shown = names.length > 5 ? `${names.slice(0, 5).join(", ")}, ...` : names.join(", ");
  const at = units.find((u) => u.unit === outside[0].unit || outside[0].unit.startsWith(`${u.unit} (`));
  return [
    findingAt(
      ctx,
      at?.r ?? header.dataStart,
      located.block ?? located.unit.col,
      "unit-without-block",
      "warning",
      `${outside.length} đơn vị không thuộc khối nào (${shown}): chúng được xếp hạng riêng với nhau; hãy ghi khối của chúng (dòng "Khối ..." phía trên hoặc cột Khối)`,
      `${outside.length} unit(s) belong to no block (${shown}): they are ranked among themselves; give their block (a "Khối ..." row above them, or the Khối column)`,
    ),
  ];
}

function setAsideFinding(ctx: Ctx, r: number, col: number, kind: UnitRows["setAside"][number]["kind"], name: string): Finding {
  return kind === "summary-row-skipped"
    ? findingAt(ctx, r, col, kind, "info", `dòng '${name}' là dòng tổng hợp, không phải một đơn vị`, `row '${name}' is a summary row, not a unit`)
    : findingAt(ctx, r, col, kind, "warning", "dòng có điểm nhưng không có tên đơn vị, bỏ qua", "a row has points but no unit name; it is left out");
}

/** Units listed without any value (not scored that year): said once, at the first of them. */
function withoutValuesFinding(ctx: Ctx, units: readonly UnitRow[], col: number): Finding {
  const names = units.map((u) => `'${u.unit}'`);
  const shown = names.length > 5 ? `${names.slice(0, 5).join(", ")}, ...` : names.join(", ");
  return findingAt(
    ctx,
    units[0].r,
    col,
    "unit-without-values",
    "info",
    `${units.length} đơn vị được liệt kê nhưng không có số liệu nào (${shown}): không chấm điểm, không xếp hạng`,
    `${units.length} unit(s) listed without any value (${shown}): not scored, not ranked`,
  );
}

/** Columns grouped by block (units rank within their block), in order of appearance. */
function blocksOf(columns: readonly ScoreColumn[]): ScoreColumn[][] {
  const groups = new Map<string | undefined, ScoreColumn[]>();
  for (const c of columns) {
    const group = groups.get(c.block);
    if (group) group.push(c);
    else groups.set(c.block, [c]);
  }
  return [...groups.values()];
}

/** Every column holding a unit's values, for merged cells that hide some. */
function valueColumns(located: Located): number[] {
  return [
    ...located.crits.flatMap((c) => [c.pointsCol, c.rankCol]),
    located.total?.col,
    located.rank?.col,
    located.index?.col,
    located.unitMax?.col,
    ...located.earlier.flatMap((e) => [e.total?.col, e.rank?.col, e.index?.col, ...e.parts.map((p) => p.col)]),
  ].filter((c): c is number => c !== undefined);
}
