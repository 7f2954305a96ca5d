/**
 * The gap-analysis sheet ("Phân tích điểm trừ" / "Gap analysis"): per unit, its total, rank,
 * change and class; a table by area; seed-001 style sentences; every criterion that lost points
 * (by area, largest loss first) with a link to its source cell; and all findings at the bottom.
 */
import { deepestLeafLevel, leafCriteria } from "../engine/tree";
import Decimal from "decimal.js";
import { formatPointsShort, pointsToJson } from "../engine/points";
import { anyAppraisalDeduction, formatScaledShort, nodeOutlines, scaledInteger, scaledLosses } from "../engine/columnar";
import type { Analysis, Change, ColumnAnalysis, Criterion, Finding, Lang, NodeResult } from "../engine/types";
import { TOTAL_CODE } from "../engine/types";
import { changeInto, rankFor, unitViews, type RankView, type UnitView } from "../engine/views";
import { sourceOf, type ReportTableInput } from "./input";
import { ruleNote } from "./rule-note";
import { appraisalSentence, areaSentence, changePhrase, leafSummarySentence, pointsOfMax, rankPhrase, totalSentence, type AreaFacts, type LostItem } from "./narrative";
import { bandIndex, bandLabel, CHART_COLORS, DISTRIBUTION_UNITS_LIMIT, histogramBands } from "./charts";
import type { ChartSpec, PlanCell, PlannedSheet } from "./plan";
import { bandCountFormula } from "./live-formulas";
import { LiveRows } from "./live-rows";
import { blank, colRange, f, link, n, SheetBuilder, t } from "./sheet-builder";
import { COLORS, L, periodLabel, SEVERITY_STYLE } from "./styles";
import { columnLetters, parseA1 } from "../tables/grid";
import { unitTrendLines } from "./trend";

/** Columns: A code, B title, C max, D achieved, E lost, F % lost, G rank, H source cell, [I self, J appraisal cut]. */
const COL = { code: 0, title: 1, max: 2, achieved: 3, lost: 4, pct: 5, rank: 6, source: 7, self: 8, cut: 9 } as const;
const WIDTHS = [9, 58, 10, 10, 10, 10, 10, 12];
const WIDTHS_SELF = [...WIDTHS, 12, 12];
/** Charts (points vs max per area; the unit among all units) for the first unit blocks only. */
const MAX_CHARTS = 10;
/**
 * A block's charts end with the block when it is short (a table of 3 areas), so they never cover the
 * next block's charts; `minBottom` keeps them readable.
 */
function fitChartsToBlock(charts: ChartSpec[], minBottom: number, blockEnd: number): void {
  for (const chart of charts) {
    const to = parseA1(chart.to);
    const bottom = Math.max(minBottom, Math.min(to.row + 1, blockEnd));
    chart.to = `${columnLetters(to.col)}${bottom}`;
  }
}

/** Columns left free between the overview and its chart data (the largest losses overflow into them). */
const CHART_DATA_GAP = 5;
/**
 * A table with more units than this gets one overview row per unit and detailed blocks only for the
 * units asked for (`detailUnits`): 63 provinces get their blocks, 10,000 communes would get
 * 2.5 million rows. The sheet stays proportionate to the table.
 */
export const DETAILED_UNITS_LIMIT = 63;
/** Largest losses named per unit in the overview. */
const OVERVIEW_LOSSES = 3;

export interface GapSheetOptions {
  lang: Lang;
  periods?: "latest" | "all";
  /** Units whose detailed block is written even when the table has more than DETAILED_UNITS_LIMIT units. */
  detailUnits?: readonly string[];
  /** Points, points lost and ranks as live formulas on the source cells (src/report/live-formulas.ts). */
  live?: boolean;
  /**
   * With `live`: a reference (ownSheetRef) to the cell holding a column's rank label on a criterion,
   * on the ranking sheet, whose formulas rank every unit; the gap sheet shows that cell.
   */
  rankCell?: (columnKey: string, code: string) => string | null;
}

/** What a block needs to write live cells. */
interface LiveContext {
  rows: LiveRows;
  rankCell?: (columnKey: string, code: string) => string | null;
}

/** The live formulas of one row (null where the cell keeps its value). */
interface LiveCells {
  achieved: string | null;
  lost: string | null;
  lostFraction: string | null;
  rank: string | null;
  self: string | null;
  cut: string | null;
}

export function buildGapSheet(input: ReportTableInput, name: string, options: GapSheetOptions): PlannedSheet {
  const { analysis, table } = input;
  const lang = options.lang;
  const withSelf = analysis.columns.some((c) => anyAppraisalDeduction(c.nodes));
  const widths = withSelf ? WIDTHS_SELF : WIDTHS;
  const last = widths.length - 1;
  const b = new SheetBuilder(name, "gap", widths);

  const title = table.title || analysis.scorecard.title;
  b.wideText(title ? `${L.gapTitle[lang]}: ${title}` : L.gapTitle[lang], "title", 0, last, 19);
  const layout = L.layouts[lang][table.layout] ?? table.layout;
  b.wideText(`${L.source[lang]}: ${sourceOf(table, lang)} (${layout}). ${L.generated[lang]}`, "subtitle", 0, last);
  const live: LiveContext | null = options.live ? { rows: new LiveRows(input, b, last), rankCell: options.rankCell } : null;
  live?.rows.note(lang);

  const roots = analysis.scorecard.criteria.filter((c) => !c.extra);
  const allViews = unitViews(analysis);
  const overviewFirst = allViews.length > 1 ? overviewBlock(b, analysis, input, allViews, lang, live) : null;
  const asked = new Set(options.detailUnits ?? []);
  const views = allViews.length <= DETAILED_UNITS_LIMIT ? allViews : allViews.filter((v) => asked.has(v.unit));
  const distribution = overviewFirst !== null && views.length > 0 ? distributionData(b, analysis, allViews, overviewFirst, last + CHART_DATA_GAP, lang, live !== null) : null;
  if (views.length < allViews.length) {
    b.row();
    b.wideText(L.detailsLimited[lang](allViews.length, DETAILED_UNITS_LIMIT, views.length), "note", 0, last);
  }
  let blocks = 0;
  for (const view of views) {
    const periods = [...view.periods].reverse();
    for (const column of options.periods === "all" ? periods : periods.slice(0, 1)) {
      const self = view.selfAssessed.find((s) => s.column.period === column.column.period);
      const top = b.nextRow;
      const charts = unitBlock(b, analysis, input, roots, column, self, lang, widths.length, blocks++ < MAX_CHARTS ? distribution : false, live);
      if (column === periods[0]) unitTrendLines(b, view, lang, last);
      fitChartsToBlock(charts, top + 12, b.nextRow - 1);
    }
  }

  live?.rows.frozenNote(lang);
  findingsBlock(b, [...analysis.findings, ...(input.findings ?? [])], table.sheet, lang, last);
  const sheet = b.build({ tabColor: COLORS.gapTab, freeze: { rows: 2, columns: 0 }, landscape: true });
  if (distribution) sheet.columnWidths = widenFor(widths, distribution.column, [24, 10]);
  return sheet;
}

/**
 * Where a unit block's distribution chart finds every unit's total: beside the overview, a
 * two-column table of units by rank and their totals (or, above DISTRIBUTION_UNITS_LIMIT units,
 * bands of totals and how many units fall in each), so both hosts chart cells the user can see.
 */
interface DistributionData {
  kind: "total-distribution" | "total-histogram";
  column: number;
  categories: string;
  values: string;
  /** The 0-based point to highlight for a unit. */
  pointOf: Map<string, number>;
}

function distributionData(
  b: SheetBuilder,
  analysis: Analysis,
  views: UnitView[],
  overviewFirst: number,
  column: number,
  lang: Lang,
  /** Totals as references to the overview's live total cells, so the chart follows edits. */
  live: boolean,
): DistributionData | null {
  const latest = views.map((view, index) => {
    const col = view.periods[view.periods.length - 1];
    return { unit: view.unit, index, total: col.nodes.get(TOTAL_CODE)?.achieved ?? null, rank: rankFor(analysis, col, TOTAL_CODE)?.rank ?? null };
  });
  const ranked = latest
    .filter((x): x is typeof x & { total: Decimal } => x.total !== null)
    .sort((a, x) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (x.rank ?? Number.MAX_SAFE_INTEGER) || a.index - x.index);
  if (ranked.length < 2) return null;
  const put = (row: number, cells: PlanCell[]): void => {
    const target = b.rowCells(row);
    while (target.length < column) target.push(null);
    target.splice(column, cells.length, ...cells);
  };
  const pointOf = new Map<string, number>();
  put(overviewFirst - 2, [t(L.chartData[lang], "section")]);
  if (ranked.length <= DISTRIBUTION_UNITS_LIMIT) {
    put(overviewFirst - 1, [t(L.chartUnitsByRank[lang], "th"), t(L.total[lang], "th")]);
    ranked.forEach((x, i) => {
      // The overview lists units in table order: unit x's total is in its row there.
      const total = live ? f(`$${columnLetters(COL.achieved)}$${overviewFirst + x.index}`, out(x.total), "num") : n(out(x.total), "num");
      put(overviewFirst + i, [t(x.unit, "name"), total]);
      pointOf.set(x.unit, i);
    });
    const lastRow = overviewFirst + ranked.length - 1;
    return { kind: "total-distribution", column, categories: colRange(column, overviewFirst, lastRow), values: colRange(column + 1, overviewFirst, lastRow), pointOf };
  }
  const bands = histogramBands(ranked.map((x) => roundedTotal(x.total)));
  put(overviewFirst - 1, [t(L.chartBand[lang], "th"), t(L.chartUnitCount[lang], "th")]);
  const achieved = columnLetters(COL.achieved);
  const totals = `$${achieved}$${overviewFirst}:$${achieved}$${overviewFirst + views.length - 1}`;
  bands.forEach((band, i) => {
    const count = String(band.count);
    const cell = live ? f(bandCountFormula(totals, band.from.toString(), band.to.toString(), i === bands.length - 1), count, "rank") : n(count, "rank");
    put(overviewFirst + i, [t(bandLabel(band, lang), "name"), cell]);
  });
  for (const x of ranked) pointOf.set(x.unit, bandIndex(bands, roundedTotal(x.total)));
  const lastRow = overviewFirst + bands.length - 1;
  return { kind: "total-histogram", column, categories: colRange(column, overviewFirst, lastRow), values: colRange(column + 1, overviewFirst, lastRow), pointOf };
}

/** Totals as the cells show them (2 decimals), so a unit falls in the band its shown total reads. */
function roundedTotal(total: Decimal): Decimal {
  return total.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Column widths with `extra` widths from column `at` on (the columns between keep Excel's default look). */
function widenFor(widths: readonly number[], at: number, extra: number[]): number[] {
  const out = [...widths];
  while (out.length < at) out.push(9);
  out.splice(at, extra.length, ...extra);
  return out;
}

function unitBlock(
  b: SheetBuilder,
  analysis: Analysis,
  input: ReportTableInput,
  roots: Criterion[],
  column: ColumnAnalysis,
  self: ColumnAnalysis | undefined,
  lang: Lang,
  width: number,
  /** False: no charts for this block; otherwise charts, with the distribution's data when there is one. */
  charts: DistributionData | null | false,
  live: LiveContext | null,
): ChartSpec[] {
  const last = width - 1;
  const added: ChartSpec[] = [];
  const { unit, period } = column.column;
  const total = column.nodes.get(TOTAL_CODE);
  const sourceSheet = input.table.sheet;

  b.row();
  const heading = [unit || L.unit[lang], periodLabel(period, lang)].filter(Boolean).join(" — ");
  const hr = b.wideText(heading, "unit", 0, last);
  b.height(hr, 20);

  const totalRank = rankFor(analysis, column, TOTAL_CODE);
  const change = changeInto(analysis, unit, period, TOTAL_CODE);
  b.wideText(
    totalSentence(
      {
        unit,
        period,
        achieved: total?.achieved ?? null,
        max: total?.max ?? null,
        percent: total?.percent ?? null,
        rank: totalRank,
        change,
        classLabel: column.class?.label,
      },
      lang,
    ),
    "proseBold",
    0,
    last,
  );
  if (self) {
    const sentence = appraisalSentence(self.nodes.get(TOTAL_CODE)?.achieved ?? null, total?.appraisalDeduction ?? null, lang);
    if (sentence) b.wideText(sentence, "prose", 0, last);
  }
  const deepest = deepestLeafLevel(roots);
  const hasDepth = deepest > 1;
  if (hasDepth) {
    const sentence = leafSummarySentence(column.leafSummary, deepest, lang);
    if (sentence) b.wideText(sentence, "prose", 0, last);
  }

  const rules = ruleNote(analysis, lang);
  if (rules) b.wideText(rules, "note", 0, last);

  // Results by area.
  b.row();
  b.row([t(L.byArea[lang], "section")]);
  const areaHeader = [L.code, L.area, L.max, L.achieved, L.lost, L.lostPct, L.rank, L.sourceCell];
  if (width > COL.self) areaHeader.push(L.self, L.appraisalCut);
  b.height(b.row(areaHeader.map((l) => t(l[lang], "th"))), 30);
  const firstArea = b.nextRow;
  for (const area of roots) {
    const r = column.nodes.get(area.code);
    const rank = rankFor(analysis, column, area.code);
    b.fitRow(b.row(criterionRow(area, r, rank, cellOf(column, area.code, sourceSheet), "", width, self, liveCells(live, column, area.code, self))), area.title, COL.title);
  }
  const lastArea = b.nextRow - 1;
  b.row(totalRow(total, totalRank, column, sourceSheet, lang, width, self, liveCells(live, column, TOTAL_CODE, self)));
  if (lastArea >= firstArea) {
    const maxLost = maxOf(roots.map((a) => column.nodes.get(a.code)?.lost ?? null));
    if (maxLost) b.rule(colRange(COL.lost, firstArea, lastArea), { type: "dataBar", color: COLORS.lostBar, min: "0", max: maxLost.toString() }, "lost-grade");
    if (charts !== false) {
      // To the right of the block: the unit's points against the max per area, then the unit among all units.
      const bottom = Math.max(lastArea + 1, hr + 16);
      added.push({
        kind: "points-vs-max",
        type: "bar",
        title: `${L.chartPointsVsMax[lang]} — ${heading}`,
        categories: colRange(COL.code, firstArea, lastArea),
        series: [
          { name: L.achieved[lang], values: colRange(COL.achieved, firstArea, lastArea), color: CHART_COLORS.achieved },
          { name: L.max[lang], values: colRange(COL.max, firstArea, lastArea), color: CHART_COLORS.max },
        ],
        valueAxisTitle: L.points[lang],
        from: `${columnLetters(width + 1)}${hr}`,
        to: `${columnLetters(width + 8)}${bottom}`,
      });
      const point = charts?.pointOf.get(unit);
      if (charts && point !== undefined) added.push(distributionChart(charts, point, heading, lang, `${columnLetters(width + 9)}${hr}`, `${columnLetters(width + 18)}${bottom}`));
      for (const chart of added) b.chart(chart);
    }
  }

  // Sentences, one per area.
  const facts = roots.map((area) => areaFacts(analysis, column, area));
  b.row();
  b.row([t(L.comments[lang], "section")]);
  for (const f of facts) b.wideText(`- ${areaSentence(f, lang)}`, "prose", 0, last);

  // Against the previous period, area by area (seed 001: "vị thứ của 5/8 lĩnh vực có tăng bậc").
  const changes = roots
    .map((area) => ({ area, change: changeInto(analysis, unit, period, area.code) }))
    .filter((x): x is { area: Criterion; change: Change } => x.change !== undefined);
  if (changes.length > 0) {
    b.row();
    b.row([t(L.changes[lang], "section")]);
    for (const { area, change } of changes) {
      const rank = rankFor(analysis, column, area.code);
      const now = column.nodes.get(area.code)?.achieved;
      const facts = [now ? pointsOfMax(now, column.nodes.get(area.code)?.max ?? null, lang) : null, rank ? rankPhrase(rank, lang) : null];
      b.wideText(`- ${area.code}. ${area.title}: ${facts.filter(Boolean).join(", ")}; ${changePhrase(change, lang)}`, "prose", 0, last);
    }
  }

  // Summary rows that are not areas: Điểm thẩm định, Chỉ số SIPAS, Khảo sát LĐ quản lý, ...
  const extras = analysis.scorecard.criteria.filter((c) => c.extra && column.nodes.get(c.code)?.achieved);
  if (extras.length > 0) {
    b.row();
    b.row([t(L.components[lang], "section")]);
    for (const c of extras) {
      const r = column.nodes.get(c.code);
      const rank = rankFor(analysis, column, c.code);
      const change = changeInto(analysis, unit, period, c.code);
      const parts = [pointsOfMax(r!.achieved!, r?.max ?? null, lang), rank ? rankPhrase(rank, lang) : null].filter(Boolean).join(", ");
      const verb = lang === "vi" ? "đạt" : "";
      b.wideText(`- ${c.title}: ${verb ? `${verb} ` : ""}${parts}${change ? ` (${changePhrase(change, lang)})` : ""}`, "prose", 0, last);
    }
  }

  // Every criterion that lost points.
  if (!hasDepth) return added;
  b.row();
  b.row([t(L.details[lang], "section")]);
  const detailHeader = [L.code, L.criterion, L.max, L.achieved, L.lost, L.lostPct, L.rank, L.sourceCell];
  if (width > COL.self) detailHeader.push(L.self, L.appraisalCut);
  b.height(b.row(detailHeader.map((l) => t(l[lang], "th"))), 30);
  const lostLeaves = roots.map((area) => ({ area, leaves: lossLeaves(area, column) }));
  const maxLeafLost = maxOf(lostLeaves.flatMap((x) => x.leaves.map((l) => l.result.lost)));
  let any = false;
  for (const { area, leaves } of lostLeaves) {
    if (leaves.length === 0) continue;
    any = true;
    const r = column.nodes.get(area.code);
    const ar = b.row(
      criterionRow(area, r, rankFor(analysis, column, area.code), cellOf(column, area.code, sourceSheet), "area", width, self, liveCells(live, column, area.code, self)),
    );
    b.fitRow(ar, area.title, COL.title);
    const from = b.nextRow;
    for (const leaf of leaves) {
      const lr = b.row(
        criterionRow(
          leaf.criterion,
          leaf.result,
          rankFor(analysis, column, leaf.criterion.code),
          cellOf(column, leaf.criterion.code, sourceSheet),
          "",
          width,
          self,
          liveCells(live, column, leaf.criterion.code, self),
        ),
      );
      b.fitRow(lr, leaf.criterion.title, COL.title);
    }
    if (maxLeafLost) {
      b.rule(colRange(COL.lost, from, b.nextRow - 1), { type: "dataBar", color: COLORS.lostBar, min: "0", max: maxLeafLost.toString() }, "lost-grade");
    }
  }
  if (!any) b.wideText(L.noLoss[lang], "prose", 0, last);
  return added;
}

function distributionChart(data: DistributionData, point: number, heading: string, lang: Lang, from: string, to: string): ChartSpec {
  const histogram = data.kind === "total-histogram";
  return {
    kind: data.kind,
    type: "column",
    title: `${histogram ? L.chartHistogram[lang] : L.chartDistribution[lang]} — ${heading}`,
    categories: data.categories,
    series: [{ name: histogram ? L.chartUnitCount[lang] : L.total[lang], values: data.values, color: CHART_COLORS.total }],
    highlight: { points: [point], color: CHART_COLORS.highlight },
    valueAxisTitle: histogram ? L.chartUnitCount[lang] : L.points[lang],
    from,
    to,
  };
}

/**
 * One row per unit (latest period): total, max, lost, % lost, rank, the source cell of its total, and
 * its largest losses ("6.2.1 (-1,25); 4.1.3 (-0,5)"), with a data bar on the lost points.
 * Returns the row of the first unit.
 */
function overviewBlock(b: SheetBuilder, analysis: Analysis, input: ReportTableInput, views: UnitView[], lang: Lang, live: LiveContext | null): number {
  b.row();
  b.row([t(L.overview[lang], "section")]);
  const header = [L.rankShort, L.unit, L.max, L.achieved, L.lost, L.lostPct, L.rank, L.sourceCell, L.largestLosses];
  b.height(b.row(header.map((l) => t(l[lang], "th"))), 30);
  const first = b.nextRow;
  let maxLost: Decimal | null = null;
  // Units of one table mostly share one max (one Decimal): written once.
  let lastMax: { max: Decimal | null | undefined; text: string | null } | null = null;
  for (const view of views) {
    const column = view.periods[view.periods.length - 1];
    const total = column.nodes.get(TOTAL_CODE);
    const rank = rankFor(analysis, column, TOTAL_CODE);
    const given = column.column.publishedTotal?.location;
    if (total?.lost && (maxLost === null || total.lost.gt(maxLost))) maxLost = total.lost;
    const lc = liveCells(live, column, TOTAL_CODE, undefined);
    if (lastMax === null || lastMax.max !== total?.max) lastMax = { max: total?.max, text: out(total?.max) };
    b.row([
      cellOr(lc?.rank, rank?.label, "rank", "text"),
      t(view.unit, "name"),
      n(lastMax.text, "num"),
      cellOr(lc?.achieved, out(total?.achieved), "num"),
      cellOr(lc?.lost, out(total?.lost), "num"),
      cellOr(lc?.lostFraction, lostFraction(total), "pct"),
      cellOr(lc?.rank, rank?.label, "rank", "text"),
      given?.cell ? link(given.cell, given.sheet ?? input.table.sheet, given.cell) : blank("link"),
      t(largestLosses(analysis, column, lang), "name"),
    ]);
  }
  if (maxLost && maxLost.gt(0)) {
    b.rule(colRange(COL.lost, first, b.nextRow - 1), { type: "dataBar", color: COLORS.lostBar, min: "0", max: maxLost.toString() }, "lost-grade");
  }
  return first;
}

/** "6.2.1 (-1,25); 4.1.3 (-0,5)": the leaves that lost most, largest first, ties in table order. */
function largestLosses(analysis: Analysis, column: ColumnAnalysis, lang: Lang): string {
  const scaled = largestScaledLosses(analysis.scorecard.criteria, column);
  if (scaled) return scaled.map(({ code, lost }) => `${code} (-${formatScaledShort(lost, lang)})`).join("; ");
  const roots = analysis.scorecard.criteria.filter((c) => !c.extra);
  return sortedLosses(roots, column)
    .filter((l) => l.result.lost?.gt(0))
    .slice(0, OVERVIEW_LOSSES)
    .map((l) => `${l.criterion.code} (-${formatPointsShort(l.result.lost as Decimal, lang)})`)
    .join("; ");
}

const LEAF_CODES = new WeakMap<readonly Criterion[], string[]>();

/**
 * largestLosses of a clean column, from the engine's integers (the overview lists 10,000 units: their
 * nodes are not made for it); null for a column the engine's lane does not hold whole.
 */
function largestScaledLosses(criteria: readonly Criterion[], column: ColumnAnalysis): { code: string; lost: number }[] | null {
  let codes = LEAF_CODES.get(criteria);
  if (!codes) LEAF_CODES.set(criteria, (codes = leafCriteria(criteria).map((c) => c.code)));
  const losses = scaledLosses(column.nodes, codes);
  if (!losses) return null;
  const outline = nodeOutlines(column.nodes);
  // The few largest, kept in order as the leaves go by (ties: the earlier leaf first).
  const top: number[] = [];
  for (let k = 0; k < losses.length; k++) {
    const v = losses[k];
    if (!(v > 0) || (top.length === OVERVIEW_LOSSES && v <= losses[top[OVERVIEW_LOSSES - 1]]) || outline(codes[k])?.kind === "bonus") continue;
    let at = top.length;
    while (at > 0 && losses[top[at - 1]] < v) at--;
    top.splice(at, 0, k);
    if (top.length > OVERVIEW_LOSSES) top.pop();
  }
  return top.map((k) => ({ code: codes[k], lost: losses[k] }));
}

type RowKind = "" | "area";

function criterionRow(
  c: Criterion,
  r: NodeResult | undefined,
  rank: RankView | null,
  source: { sheet: string; cell: string } | null,
  kind: RowKind,
  width: number,
  self: ColumnAnalysis | undefined,
  lc: LiveCells | null,
): PlanCell[] {
  const s = (base: string): string => (kind === "area" ? `area${base[0].toUpperCase()}${base.slice(1)}` : base);
  const cells = [
    t(c.code, kind === "area" ? "areaCode" : "code"),
    t(c.title, s("name")),
    n(out(r?.max), s("num")),
    cellOr(lc?.achieved, out(r?.achieved), s("num")),
    cellOr(lc?.lost, out(r?.lost), s("num")),
    cellOr(lc?.lostFraction, lostFraction(r), s("pct")),
    cellOr(lc?.rank, rank?.label, s("rank"), "text"),
    source ? link(source.cell, source.sheet, source.cell, s("link")) : blank(s("link")),
  ];
  if (width > COL.self) {
    const sr = self?.nodes.get(c.code);
    cells.push(cellOr(lc?.self, out(sr?.achieved), s("num")), cellOr(lc?.cut, out(r?.appraisalDeduction), s("num")));
  }
  return cells;
}

/** A live formula cached with the engine's value, or the value alone (blank when there is none). */
function cellOr(formula: string | null | undefined, value: string | null | undefined, style: string, kind: "number" | "text" = "number"): PlanCell {
  if (formula && value != null) return f(formula, value, style, kind);
  if (value == null || value === "") return blank(style);
  return kind === "text" ? t(value, style) : n(value, style);
}

/** The live formulas of a criterion's row (or the total's) in a column; null when not live. */
function liveCells(live: LiveContext | null, column: ColumnAnalysis, code: string, self: ColumnAnalysis | undefined): LiveCells | null {
  if (!live) return null;
  const r = column.nodes.get(code);
  const rankRef = live.rankCell?.(column.column.key, code) ?? null;
  return {
    achieved: live.rows.points(column, code),
    lost: live.rows.lost(column, code),
    lostFraction: live.rows.lostFraction(column, code),
    rank: rankRef,
    self: self ? live.rows.points(self, code) : null,
    cut: self && r?.appraisalDeduction != null ? live.rows.appraisalCut(column, self, code) : null,
  };
}

function totalRow(
  total: NodeResult | undefined,
  rank: RankView | null,
  column: ColumnAnalysis,
  sourceSheet: string,
  lang: Lang,
  width: number,
  self: ColumnAnalysis | undefined,
  lc: LiveCells | null,
): PlanCell[] {
  const given = column.column.publishedTotal?.location?.cell;
  const cells = [
    blank("totalName"),
    t(L.total[lang], "totalName"),
    n(out(total?.max), "totalNum"),
    cellOr(lc?.achieved, out(total?.achieved), "totalNum"),
    cellOr(lc?.lost, out(total?.lost), "totalNum"),
    cellOr(lc?.lostFraction, lostFraction(total), "totalPct"),
    cellOr(lc?.rank, rank?.label, "totalRank", "text"),
    given ? link(given, column.column.publishedTotal?.location?.sheet ?? sourceSheet, given, "totalLink") : blank("totalLink"),
  ];
  if (width > COL.self) {
    cells.push(cellOr(lc?.self, out(self?.nodes.get(TOTAL_CODE)?.achieved), "totalNum"), cellOr(lc?.cut, out(total?.appraisalDeduction), "totalNum"));
  }
  return cells;
}

function areaFacts(analysis: Analysis, column: ColumnAnalysis, area: Criterion): AreaFacts {
  const r = column.nodes.get(area.code);
  const leaves = area.children.length > 0 ? lossLeaves(area, column).filter((l) => l.result.lost?.gt(0)) : [];
  const lostItems: LostItem[] = leaves.map((l) => ({ code: l.criterion.code, title: l.criterion.title, lost: l.result.lost as Decimal }));
  return {
    code: area.code,
    title: area.title,
    achieved: r?.achieved ?? null,
    max: r?.max ?? null,
    lost: r?.lost ?? null,
    rank: rankFor(analysis, column, area.code),
    lostItems,
    itemLevel: leaves[0]?.criterion.level ?? area.level + 1,
  };
}

export interface LeafLoss {
  criterion: Criterion;
  result: NodeResult;
}

/** Leaves under `area` that lost points (or were cut at appraisal), largest loss first, ties in table order. */
function lossLeaves(area: Criterion, column: ColumnAnalysis): LeafLoss[] {
  return area.children.length > 0 ? sortedLosses(area.children, column) : [];
}

/** Leaves at or under `nodes` that lost points (or were cut at appraisal), largest loss first, ties in table order. */
export function sortedLosses(nodes: readonly Criterion[], column: ColumnAnalysis): LeafLoss[] {
  const out: LeafLoss[] = [];
  const walk = (c: Criterion): void => {
    if (c.extra) return;
    if (c.children.length > 0) {
      c.children.forEach(walk);
      return;
    }
    const r = column.nodes.get(c.code);
    if (!r || r.notApplicable || (r.kind ?? c.kind) === "bonus") return;
    const lost = r.lost !== null && r.lost.gt(0);
    const cut = r.appraisalDeduction != null && r.appraisalDeduction.gt(0);
    if (lost || cut) out.push({ criterion: c, result: r });
  };
  nodes.forEach(walk);
  const zero = new Decimal(0);
  // Exact integers (the engine's columnar scale) where every loss fits, so 10,000 units' leaves sort on numbers.
  const keyed = out.map((x, i) => ({ x, i, key: x.result.lost === null ? 0 : scaledInteger(x.result.lost) }));
  const exact = keyed.every((k) => k.key !== null);
  return keyed
    .sort((a, b) => (exact ? b.key! - a.key! : (b.x.result.lost ?? zero).comparedTo(a.x.result.lost ?? zero)) || a.i - b.i)
    .map(({ x }) => x);
}

function findingsBlock(b: SheetBuilder, findings: Finding[], defaultSheet: string, lang: Lang, last: number): void {
  b.row();
  const unique = dedupe(findings);
  b.row([t(`${L.findings[lang]} (${unique.length})`, "section")]);
  if (unique.length === 0) {
    b.row([t(L.noFindings[lang], "note")]);
    return;
  }
  const header = [t(L.severity[lang], "th"), t(L.message[lang], "th")];
  for (let c = 2; c < last; c++) header.push(blank("th"));
  header.push(t(L.cell[lang], "th"));
  const hr = b.row(header);
  b.merge(hr, 1, last - 1);
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = unique.map((f, i) => ({ f, i })).sort((a, b2) => order[a.f.severity] - order[b2.f.severity] || a.i - b2.i);
  for (const { f } of sorted) {
    const message = f.message[lang];
    const r = b.wideText(message, "findingText", 1, last - 1);
    const cells = b.rowCells(r);
    cells[0] = t(L.severityNames[lang][f.severity], SEVERITY_STYLE[f.severity]);
    const cell = f.location?.cell;
    cells[last] = cell ? link(cell, f.location?.sheet ?? defaultSheet, cell, "link") : blank("link");
  }
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = [f.kind, f.severity, f.location?.sheet, f.location?.cell, f.code, f.column, f.message.en].join("\u0001");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The cell a criterion's points came from in this column. */
function cellOf(column: ColumnAnalysis, code: string, sheet: string): { sheet: string; cell: string } | null {
  const loc = column.column.points.get(code)?.location;
  return loc?.cell ? { sheet: loc.sheet ?? sheet, cell: loc.cell } : null;
}

/** Output form of points: half-up to 2 decimals, as the cells show them. */
function out(value: Decimal | null | undefined): string | null {
  return pointsToJson(value ?? null);
}

/** lost / max as a fraction (4 places) for a "0.0%" format. */
function lostFraction(r: NodeResult | undefined): string | null {
  if (!r || r.lost === null || r.max === null || r.max.isZero()) return null;
  return r.lost.dividedBy(r.max).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toString();
}

function maxOf(values: (Decimal | null)[]): Decimal | null {
  let best: Decimal | null = null;
  for (const v of values) if (v !== null && v.gt(0) && (best === null || v.gt(best))) best = v;
  return best;
}
