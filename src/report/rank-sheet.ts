/**
 * The ranking sheet ("Xếp hạng" / "Ranking") for tables with many units: units by rank with
 * "4(12)" labels, points and rank per area, total, index, class, and the change from the
 * previous period when the table has one.
 */
import Decimal from "decimal.js";
import { DEFAULT_DECIMALS, formatPoints, formatPointsShort, pointsToJson } from "../engine/points";
import { comparePeriods, rankIndex } from "../engine/ranks";
import { targetGap } from "../engine/targets";
import type { Analysis, ClassResult, ColumnAnalysis, Lang } from "../engine/types";
import { TOTAL_CODE } from "../engine/types";
import { changeInto, rankFor, unitViews } from "../engine/views";
import { columnLetters } from "../tables/grid";
import { criteriaByCode, criterionWords } from "./criterion-words";
import { sourceOf, type ReportTableInput } from "./input";
import { bandIndex, bandLabel, barChartRows, CHART_COLORS, DISTRIBUTION_UNITS_LIMIT, histogramBands, RANK_CHANGE_UNITS_LIMIT } from "./charts";
import type { PlanCell, PlannedSheet } from "./plan";
import { bandCountFormula, changePhraseFormula, MAX_FORMULA_LENGTH, rankLabelFormula, rankNumberFormula } from "./live-formulas";
import { LiveRows } from "./live-rows";
import { readThroughRow, rowNumberFormula, sourceRowOf, type SourceRow } from "./source-row";
import { SERIES_PERIODS, seriesTrends } from "../engine/trend";
import { TREND_CHART_UNITS, type TrendLive, trendBlock } from "./trend";
import { blank, colRange, estimateLines, f, n, SheetBuilder, t } from "./sheet-builder";
import { COLORS, L, periodLabel, pointsStyle } from "./styles";

/** The score columns of the latest period, one per unit, when the table ranks more than one unit. */
export function rankedColumns(analysis: Analysis): ColumnAnalysis[] {
  const latestPerUnit = unitViews(analysis)
    .map((v) => v.periods[v.periods.length - 1])
    .filter((c): c is ColumnAnalysis => c !== undefined);
  if (latestPerUnit.length < 2) return [];
  const periods = [...new Set(latestPerUnit.map((c) => c.column.period))];
  const period = periods.length === 1 ? periods[0] : mostRecent(periods);
  return latestPerUnit.filter((c) => c.column.period === period);
}

/** Above this many top-level criteria the sheet ranks totals only (per-criterion ranks are in the JSON). */
export const MAX_AREA_COLUMNS = 20;

export interface RankSheetOptions {
  lang: Lang;
  /** Points, ranks and changes as live formulas on the source cells (src/report/live-formulas.ts). */
  live?: boolean;
  /** The analysis ranked on exact values: rank cells stay values (formulas rank the rounded cells). */
  exactRanks?: boolean;
  /** Units the trend chart of a series draws (else the leaders of the latest period), at most TREND_CHART_UNITS. */
  trendUnits?: readonly string[];
}

/** The ranking sheet, and where each unit's rank labels are on it (for live references from other sheets). */
export interface PlannedRankSheet {
  sheet: PlannedSheet;
  /** The A1 cell ("$E$7") of a column's rank label on a criterion (TOTAL_CODE for the total), if the sheet has one. */
  rankCell(columnKey: string, code: string): string | null;
}

export function buildRankSheet(input: ReportTableInput, name: string, options: RankSheetOptions): PlannedSheet | null {
  return planRankSheet(input, name, options)?.sheet ?? null;
}

export function planRankSheet(input: ReportTableInput, name: string, options: RankSheetOptions): PlannedRankSheet | null {
  const { analysis, table } = input;
  const lang = options.lang;
  const columns = rankedColumns(analysis);
  if (columns.length < 2) return null;
  const period = columns[0].column.period;
  const roots = analysis.scorecard.criteria.filter((c) => !c.extra);
  // Points and rank per area suit 8 areas; a flat list of 120 criteria would double the table.
  const areas = roots.length <= MAX_AREA_COLUMNS ? roots : [];
  const hasChanges = columns.some((c) => changeInto(analysis, c.column.unit, period, TOTAL_CODE));
  const hasClass = columns.some((c) => c.class);
  // Units listed in blocks are ranked within their block: rows grouped by block, and a "Khối" column
  // (the last one, so the columns before it keep their places).
  const hasBlocks = columns.some((c) => c.column.block !== undefined);
  // Live formulas read each unit's source row through its number, in a column before the block (source-row.ts):
  // the ranking's formulas then read the same on every row, and a host fills them down.
  const sourceRows = new Map<ColumnAnalysis, SourceRow>();
  if (options.live) {
    for (const c of columns) {
      const source = sourceRowOf(c, table.sheet);
      if (source) sourceRows.set(c, source);
    }
  }

  const widths = [9, 30];
  for (let i = 0; i < areas.length; i++) widths.push(9, 8);
  const totalCol = widths.length;
  widths.push(10, 10, 10);
  if (hasClass) widths.push(columns.some((c) => c.class?.capReasons.length) ? 40 : 26);
  const changeCol = widths.length;
  if (hasChanges) widths.push(11, 11, 36);
  const sourceRowCol = widths.length;
  if (sourceRows.size > 0) widths.push(9);
  if (hasBlocks) widths.push(28);
  const last = widths.length - 1;

  const b = new SheetBuilder(name, "ranking", widths);
  const title = table.title || analysis.scorecard.title;
  const heading = [L.rankTitle[lang], periodLabel(period, lang), title].filter(Boolean).join(" — ");
  b.wideText(heading, "title", 0, Math.min(last, 12), 19);
  const layout = L.layouts[lang][table.layout] ?? table.layout;
  b.wideText(`${L.source[lang]}: ${sourceOf(table, lang)} (${layout}). ${L.generated[lang]}`, "subtitle", 0, Math.min(last, 12));
  if (areas.length < roots.length) b.wideText(L.areasLeftOut[lang](roots.length, MAX_AREA_COLUMNS), "note", 0, Math.min(last, 12));
  const live = options.live ? new LiveRows(input, b, Math.min(last, 12)) : null;
  live?.note(lang);
  b.row();

  // Two header rows: area titles over "Điểm | Hạng".
  const top: PlanCell[] = [t(L.rank[lang], "th"), t(L.unit[lang], "th")];
  const sub: PlanCell[] = [blank("th"), blank("th")];
  for (const area of areas) {
    top.push(t(`${area.code}. ${area.title}`, "th"), blank("th"));
    sub.push(t(L.points[lang], "th"), t(L.rankShort[lang], "th"));
  }
  top.push(t(L.total[lang], "th"), t(L.percent[lang], "th"), t(L.rank[lang], "th"));
  sub.push(blank("th"), blank("th"), blank("th"));
  if (hasClass) {
    top.push(t(L.klass[lang], "th"));
    sub.push(blank("th"));
  }
  if (hasChanges) {
    top.push(t(L.pointsDelta[lang], "th"), t(L.rankDelta[lang], "th"), t(L.change[lang], "th"));
    sub.push(blank("th"), blank("th"), blank("th"));
  }
  if (sourceRows.size > 0) {
    top.push(t(L.sourceRow[lang], "th"));
    sub.push(blank("th"));
  }
  if (hasBlocks) {
    top.push(t(lang === "vi" ? "Khối" : "Block", "th"));
    sub.push(blank("th"));
  }
  const h1 = b.row(top);
  const h2 = b.row(sub);
  b.height(h1, Math.max(32, ...areas.map((a) => estimateLines(`${a.code}. ${a.title}`, 17) * 15 + 2)));
  b.merge(h1, 0, 0, h2);
  b.merge(h1, 1, 1, h2);
  areas.forEach((_, i) => b.merge(h1, 2 + 2 * i, 3 + 2 * i));
  for (let c = totalCol; c <= last; c++) b.merge(h1, c, c, h2);

  const ranked = columns.map((column, index) => ({ column, index, rank: rankFor(analysis, column, TOTAL_CODE) }));
  const rankTablesOf = rankIndex(analysis.ranks);
  const tieDecimals = (p: string, code: string, block?: string): number => rankTablesOf.table(p, code, block)?.decimals ?? DEFAULT_DECIMALS;
  // Blocks in the order they first appear in the table, each by rank.
  const blockOrder = new Map<string, number>();
  for (const c of columns) if (!blockOrder.has(c.column.block ?? "")) blockOrder.set(c.column.block ?? "", blockOrder.size);
  const blockOf = (c: ColumnAnalysis) => blockOrder.get(c.column.block ?? "") ?? 0;
  ranked.sort(
    (a, x) =>
      blockOf(a.column) - blockOf(x.column) || (a.rank?.rank ?? Number.MAX_SAFE_INTEGER) - (x.rank?.rank ?? Number.MAX_SAFE_INTEGER) || a.index - x.index,
  );

  const first = b.nextRow;
  const rankedCount = ranked.filter((r) => r.rank).length;
  const lastRanked = first + Math.max(rankedCount, 1) - 1;
  const classCol = totalCol + 3;
  const deltaCol = classCol + (hasClass ? 1 : 0);
  const rowOf = new Map<string, number>();
  // Each block's ranked rows (one row per unit, blocks contiguous after the sort): the range its live ranks count.
  const blockRows = new Map<string, { from: number; to: number }>();
  ranked.forEach(({ column, rank }, k) => {
    if (!rank) return;
    const key = column.column.block ?? "";
    const known = blockRows.get(key);
    blockRows.set(key, { from: known?.from ?? first + k, to: first + k });
  });
  for (const { column, rank } of ranked) {
    const row = b.nextRow;
    rowOf.set(column.column.key, row);
    const total = column.nodes.get(TOTAL_CODE);
    const cell = (col: number) => `$${columnLetters(col)}$${row}`;
    // A live rank counts the unit's own block only when the table ranks within blocks.
    const rows = hasBlocks ? blockRows.get(column.column.block ?? "") : undefined;
    const span = (col: number) => `$${columnLetters(col)}$${rows?.from ?? first}:$${columnLetters(col)}$${rows?.to ?? lastRanked}`;
    const source = sourceRows.get(column);
    const rowCell = `$${columnLetters(sourceRowCol)}${row}`;
    // Through the source row's number when the result still fits in a formula; else as it was.
    const viaRow = (formula: string | null): string | null => {
      if (!formula || !source) return formula;
      const read = readThroughRow(formula, source, rowCell);
      return read.length <= MAX_FORMULA_LENGTH ? read : formula;
    };
    const label = rank ? rank.label : column.column.excludedFromRanking ? L.notRanked[lang] : "";
    const cells: PlanCell[] = [live && rank ? f(cell(totalCol + 2), label, "rank", "text") : t(label, "rank"), t(column.column.unit, "name")];
    areas.forEach((area, i) => {
      const r = column.nodes.get(area.code);
      const ar = rankFor(analysis, column, area.code);
      // Shown, and so ranked by the live formulas, at the decimals the engine decided ties on.
      const d = tieDecimals(period, area.code, column.column.block);
      const points = viaRow(live?.points(column, area.code, d) ?? null);
      const style = pointsStyle("num", d);
      cells.push(points ? f(points, pointsToJson(r?.achieved ?? null, d), style) : n(pointsToJson(r?.achieved ?? null, d), style));
      const pointsCol = 2 + 2 * i;
      cells.push(live && !options.exactRanks && points && ar ? f(rankLabelFormula(cell(pointsCol), span(pointsCol)), ar.label, "rank", "text") : ar ? t(ar.label, "rank") : blank("rank"));
    });
    const totalDecimals = tieDecimals(period, TOTAL_CODE, column.column.block);
    const totalPoints = viaRow(live?.points(column, TOTAL_CODE, totalDecimals) ?? null);
    const totalStyle = pointsStyle("totalNum", totalDecimals);
    cells.push(totalPoints ? f(totalPoints, pointsToJson(total?.achieved ?? null, totalDecimals), totalStyle) : n(pointsToJson(total?.achieved ?? null, totalDecimals), totalStyle));
    const percent = viaRow(live?.percent(column) ?? null);
    cells.push(percent ? f(percent, pointsToJson(total?.percent ?? null), "num") : n(pointsToJson(total?.percent ?? null), "num"));
    const liveRank = live && !options.exactRanks && totalPoints && rank;
    cells.push(liveRank ? f(rankLabelFormula(cell(totalCol), span(totalCol)), rank.label, "totalRank", "text") : rank ? t(rank.label, "totalRank") : blank("totalRank"));
    if (hasClass) cells.push(column.class ? t(classText(column.class, lang), "rank") : blank("rank"));
    if (hasChanges) {
      const change = changeInto(analysis, column.column.unit, period, TOTAL_CODE);
      const delta = live && totalPoints && change?.pointsDelta != null ? viaRow(live.pointsDelta(column, change.fromPeriod)) : null;
      cells.push(delta ? f(delta, pointsToJson(change?.pointsDelta ?? null), "num") : n(pointsToJson(change?.pointsDelta ?? null), "num"));
      const rankDelta =
        liveRank && change?.rankDelta != null ? `IF(ISNUMBER(${cell(totalCol)}),${change.rankDelta + rank.rank}-${rankNumberFormula(cell(totalCol), span(totalCol))},"")` : null;
      cells.push(rankDelta ? f(rankDelta, new Decimal(change!.rankDelta!), "rank") : change?.rankDelta != null ? n(new Decimal(change.rankDelta), "rank") : blank("rank"));
      const phrase =
        change && (delta || rankDelta)
          ? changePhraseFormula(change.pointsDelta != null ? cell(deltaCol) : null, change.rankDelta != null ? cell(deltaCol + 1) : null, lang)
          : null;
      // A phrase is live only when every number it reads is.
      const phraseLive = phrase && (change?.pointsDelta == null || delta) && (change?.rankDelta == null || rankDelta);
      cells.push(phraseLive ? f(phrase, change!.phrase[lang], "name", "text") : change ? t(change.phrase[lang], "name") : blank("name"));
    }
    if (sourceRows.size > 0) cells.push(source ? f(rowNumberFormula(source), new Decimal(source.row), "rank") : blank("rank"));
    if (hasBlocks) cells.push(t(column.column.block ?? "", "name"));
    b.fitRow(b.row(cells), column.column.unit, 1);
  }
  live?.frozenNote(lang);
  const lastRow = b.nextRow - 1;
  b.rule(colRange(totalCol, first, lastRow), { type: "colorScale", colors: [COLORS.scaleLow, COLORS.scaleMid, COLORS.scaleHigh] }, "total-grade");

  rankCharts(b, {
    totals: ranked.map((r) => r.column.nodes.get(TOTAL_CODE)?.achieved ?? null),
    topPoints: ranked.flatMap((r, i) => (r.rank?.rank === 1 ? [i] : [])),
    rankDeltas: hasChanges ? ranked.map((r) => changeInto(analysis, r.column.column.unit, period, TOTAL_CODE)?.rankDelta ?? null) : [],
    first,
    totalCol,
    rankDeltaCol: changeCol + 1,
    heading: [periodLabel(period, lang), title].filter(Boolean).join(" — "),
    lang,
    live: live !== null,
  });

  // A series (three periods or more; two are the change columns above): best and worst period, changes, a line chart.
  const trends = seriesTrends(analysis);
  if (trends.length > 0 && trends.some((x) => x.points.length >= SERIES_PERIODS)) {
    const byRank = ranked.map((r) => r.column.column.unit);
    const place = new Map(byRank.map((u, i) => [u, i]));
    trends.sort((a, x) => (place.get(a.unit) ?? Number.MAX_SAFE_INTEGER) - (place.get(x.unit) ?? Number.MAX_SAFE_INTEGER));
    const chosen = options.trendUnits?.filter((u) => place.has(u)) ?? [];
    trendBlock(b, trends, chosen.length > 0 ? chosen : byRank.slice(0, TREND_CHART_UNITS), lang, Math.min(last, 12), live ? trendLive(analysis, live) : undefined);
  }

  // What it takes to climb one place: the gap to the next better rank and the lost points that cover it.
  const climbs = ranked.filter((r) => r.rank && r.rank.rank > 1).map((r) => climbSentence(analysis, r.column, r.rank!.rank, lang));
  if (climbs.length > 0) {
    b.row();
    b.row([t(L.climb[lang], "section")]);
    for (const sentence of climbs) if (sentence) b.wideText(`- ${sentence}`, "prose", 0, Math.min(last, 12));
  }
  const sheet = b.build({ tabColor: COLORS.rankTab, freeze: { rows: h2, columns: 2 }, landscape: true });
  return {
    sheet,
    rankCell(columnKey, code) {
      const row = rowOf.get(columnKey);
      if (row === undefined) return null;
      if (code === TOTAL_CODE) return `$${columnLetters(totalCol + 2)}$${row}`;
      const i = areas.findIndex((a) => a.code === code);
      return i < 0 ? null : `$${columnLetters(3 + 2 * i)}$${row}`;
    },
  };
}

interface RankChartData {
  /** Per ranking row, in sheet order. */
  totals: (Decimal | null)[];
  /** Rows (0-based) of the units ranked first: highlighted. */
  topPoints: number[];
  /** Per ranking row; empty when the table has no previous period. */
  rankDeltas: (number | null)[];
  first: number;
  totalCol: number;
  rankDeltaCol: number;
  heading: string;
  lang: Lang;
  /** Band counts as COUNTIFS over the (live) totals, so the histogram follows edits. */
  live: boolean;
}

/** Columns A-B stay frozen; charts start at C so they scroll with the table. */
const CHART_FIRST_COL = 2;
const CHART_ROWS = 20;
const CHART_COLS = 9;

/**
 * Under the table: the totals of every unit by rank, top unit highlighted (or, above
 * DISTRIBUTION_UNITS_LIMIT units, how many units fall in each band of totals, with the band data
 * beside the chart), and the places each unit gained or lost (up to RANK_CHANGE_UNITS_LIMIT units).
 */
function rankCharts(b: SheetBuilder, d: RankChartData): void {
  const lang = d.lang;
  const totals = d.totals.filter((x): x is Decimal => x !== null);
  if (totals.length < 2) return;
  const lastRow = d.first + d.totals.length - 1;
  const moves = d.rankDeltas.some((x) => x !== null && x !== 0) && d.rankDeltas.length <= RANK_CHANGE_UNITS_LIMIT;
  b.row();
  b.row([t(L.charts[lang], "section")]);
  const top = b.nextRow;
  let rows = CHART_ROWS;
  let col = CHART_FIRST_COL;
  if (totals.length <= DISTRIBUTION_UNITS_LIMIT) {
    b.chart({
      kind: "total-distribution",
      type: "column",
      title: `${L.chartDistribution[lang]} — ${d.heading}`,
      categories: colRange(1, d.first, lastRow),
      series: [{ name: L.total[lang], values: colRange(d.totalCol, d.first, lastRow), color: CHART_COLORS.total }],
      highlight: { points: d.topPoints, color: CHART_COLORS.highlight },
      valueAxisTitle: L.points[lang],
      from: `${columnLetters(col)}${top}`,
      to: `${columnLetters(col + CHART_COLS)}${top + CHART_ROWS}`,
    });
  } else {
    // Band table in B:C (B is wide enough for "82,5–85"), the histogram to its right.
    const bands = histogramBands(totals.map((x) => x.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)));
    const topTotal = d.topPoints.length > 0 ? d.totals[d.topPoints[0]] : null;
    b.row([null, t(L.chartBand[lang], "th"), t(L.chartUnitCount[lang], "th")]);
    const bandFirst = b.nextRow;
    const totalsRange = `$${columnLetters(d.totalCol)}$${d.first}:$${columnLetters(d.totalCol)}$${lastRow}`;
    bands.forEach((band, i) => {
      const count = String(band.count);
      const cell = d.live ? f(bandCountFormula(totalsRange, band.from.toString(), band.to.toString(), i === bands.length - 1), count, "rank") : n(count, "rank");
      b.row([null, t(bandLabel(band, lang), "name"), cell]);
    });
    const bandLast = b.nextRow - 1;
    col = 4;
    b.chart({
      kind: "total-histogram",
      type: "column",
      title: `${L.chartHistogram[lang]} — ${d.heading}`,
      categories: colRange(1, bandFirst, bandLast),
      series: [{ name: L.chartUnitCount[lang], values: colRange(2, bandFirst, bandLast), color: CHART_COLORS.total }],
      highlight: topTotal ? { points: [bandIndex(bands, topTotal.toDecimalPlaces(2, Decimal.ROUND_HALF_UP))], color: CHART_COLORS.highlight } : undefined,
      valueAxisTitle: L.chartUnitCount[lang],
      from: `${columnLetters(col)}${top}`,
      to: `${columnLetters(col + CHART_COLS)}${top + CHART_ROWS}`,
    });
    rows = Math.max(rows, bands.length + 1);
  }
  if (moves) {
    const height = barChartRows(d.rankDeltas.length, CHART_ROWS);
    const left = col + CHART_COLS + 1;
    b.chart({
      kind: "rank-change",
      type: "bar",
      title: `${L.chartRankChange[lang]} — ${d.heading}`,
      categories: colRange(1, d.first, lastRow),
      series: [{ name: L.rankDelta[lang], values: colRange(d.rankDeltaCol, d.first, lastRow), color: CHART_COLORS.rankChange }],
      valueAxisTitle: L.chartPlaces[lang],
      from: `${columnLetters(left)}${top}`,
      to: `${columnLetters(left + CHART_COLS)}${top + height}`,
    });
    rows = Math.max(rows, height);
  }
  // Keep the rows under the charts free, so the next section is not hidden behind them.
  while (b.nextRow <= top + rows) b.row();
}

/** "Huyện G (hạng 5): cần thêm 1,50 điểm để lên hạng 3: lấy lại điểm bị trừ ở lĩnh vực 8 (Tác động ...) −1,75, lĩnh vực 3 (...) −1,5". */
function climbSentence(analysis: Analysis, column: ColumnAnalysis, rank: number, lang: Lang): string | null {
  // One place up is mostly won back by the largest loss alone: its candidate is made first, and the other four
  // only when the sentence names them (the order, the count and the cover do not depend on the limit).
  const ask = (candidateLimit: number) => targetGap(analysis, { unit: column.column.unit, period: column.column.period, targetRank: rank - 1, candidateLimit });
  const first = ask(1);
  if (!first.pointsNeeded || first.targetValue == null) return null;
  const take = first.coveredAfter ?? first.candidateCount;
  const gap = Math.min(take, 5) > 1 ? ask(5) : first;
  // The rank the unit reaches when it matches the value above it.
  const to = gap.targetValueRank ?? rank - 1;
  const criteria = criteriaByCode(analysis);
  const items = gap.candidates.slice(0, Math.min(take, 5)).map((c) => `${criterionWords(c.code, criteria, lang)} −${formatPointsShort(c.lost, lang)}`);
  const more = take > 5 ? (lang === "vi" ? ", ..." : ", ...") : "";
  const need = formatPoints(first.pointsNeeded, lang);
  if (lang === "vi") {
    const win = items.length ? `: lấy lại điểm bị trừ ở ${items.join(", ")}${more}` : "";
    return `${column.column.unit} (hạng ${rank}): cần thêm ${need} điểm để lên hạng ${to}${win}`;
  }
  const win = items.length ? `: win back the points lost in ${items.join(", ")}${more}` : "";
  return `${column.column.unit} (rank ${rank}): needs ${need} more points to reach rank ${to}${win}`;
}

/** "Nhóm B (80% đến dưới 90%)", "Khá (Tốt theo điểm; Có từ 5% hồ sơ trễ hạn ...)": the class as the engine words it. */
function classText(klass: ClassResult, lang: Lang): string {
  return klass.words?.[lang] ?? klass.label;
}

function mostRecent(periods: string[]): string {
  return periods.reduce((a, x) => (comparePeriods(x, a) > 0 ? x : a));
}

/** The trend's live cells: each unit's total per period and its changes, from the same expressions as the ranking's. */
function trendLive(analysis: Analysis, live: LiveRows): TrendLive {
  const columnOf = (unit: string, period: string) => analysis.columns.find((c) => c.column.unit === unit && c.column.period === period && c.column.basis === "score");
  return {
    total(unit, period) {
      const column = columnOf(unit, period);
      return column ? live.points(column, TOTAL_CODE) : null;
    },
    change(unit, period, fromPeriod) {
      const column = columnOf(unit, period);
      return column ? live.pointsDelta(column, fromPeriod) : null;
    },
  };
}
