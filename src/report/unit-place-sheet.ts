/**
 * "Vị trí xếp hạng" / "Place in the ranking": one unit's sheet of its own workbook (`parscore split`).
 * Every unit's total and rank (or only its block's), the unit's own row marked, and a chart of the
 * totals with its column in red: what a published ranking shows of the other units, nothing more.
 * Then the unit's target lines, in the pipeline's wording.
 */
import Decimal from "decimal.js";
import { pointsToJson } from "../engine/points";
import type { Analysis, ColumnAnalysis, Lang, RankResult } from "../engine/types";
import { TOTAL_CODE } from "../engine/types";
import { changeInto, rankFor } from "../engine/views";
import { bandIndex, bandLabel, CHART_COLORS, DISTRIBUTION_UNITS_LIMIT, histogramBands } from "./charts";
import { totalSentence } from "./narrative";
import { uniqueSheetName, type PlannedSheet } from "./plan";
import { colRange, n, SheetBuilder, t } from "./sheet-builder";
import { COLORS, L, periodLabel } from "./styles";

/** Whole ranking, or only the unit's block. */
export type PlaceScope = "all" | "block";

export const PLACE_TEXT = {
  sheet: { vi: "Vị trí xếp hạng", en: "Place in ranking" },
  title: { vi: "VỊ TRÍ TRONG BẢNG XẾP HẠNG", en: "PLACE IN THE RANKING" },
  all: { vi: (k: number) => `Toàn bộ bảng xếp hạng: ${k} đơn vị (chỉ tổng điểm và thứ hạng)`, en: (k: number) => `The whole ranking: ${k} units (totals and ranks only)` },
  block: { vi: (b: string, k: number) => `Khối ${b}: ${k} đơn vị (chỉ tổng điểm và thứ hạng)`, en: (b: string, k: number) => `Block ${b}: ${k} units (totals and ranks only)` },
  targets: { vi: "Mục tiêu", en: "Target" },
  unitCol: { vi: "Đơn vị", en: "Unit" },
  classCol: { vi: "Xếp loại", en: "Class" },
  chart: { vi: "Tổng điểm theo thứ hạng", en: "Totals by rank" },
  histogram: { vi: "Số đơn vị theo khoảng tổng điểm", en: "Units per band of totals" },
  units: { vi: "Số đơn vị", en: "Units" },
} as const;

const WIDTHS = [8, 44, 12, 16];

export interface PlaceSheetOptions {
  lang: Lang;
  scope: PlaceScope;
  /** Target sentences for the unit (already worded by the pipeline). */
  targets: string[];
  /** Sheet names the workbook already has. */
  takenNames: string[];
}

/** The rank table the sheet shows: the block's (ranks as presented) or every unit's. */
function rankTableFor(analysis: Analysis, column: ColumnAnalysis, scope: PlaceScope): { entries: RankResult[]; block?: string } | null {
  const period = column.column.period;
  const block = column.column.block;
  const presented = analysis.ranks.filter((r) => r.period === period && r.code === TOTAL_CODE);
  if (scope === "block" && block !== undefined) {
    const own = presented.find((r) => r.block === block);
    if (own) return { entries: own.entries, block };
  }
  const overall = (analysis.overallRanks ?? analysis.ranks).find((r) => r.period === period && r.code === TOTAL_CODE && r.block === undefined);
  if (overall) return { entries: overall.entries };
  const any = presented.find((r) => r.entries.some((e) => e.unit === column.column.unit));
  return any ? { entries: any.entries, block: any.block } : null;
}

export function buildUnitPlaceSheet(analysis: Analysis, column: ColumnAnalysis, options: PlaceSheetOptions): PlannedSheet {
  const { lang } = options;
  const unit = column.column.unit;
  const name = uniqueSheetName(PLACE_TEXT.sheet[lang], options.takenNames);
  const b = new SheetBuilder(name, "ranking", WIDTHS);
  const last = WIDTHS.length - 1;
  b.wideText(`${PLACE_TEXT.title[lang]} — ${[unit, periodLabel(column.column.period, lang)].filter(Boolean).join(" — ")}`, "title", 0, last, 19);
  const total = column.nodes.get(TOTAL_CODE);
  b.wideText(
    totalSentence(
      {
        unit,
        period: column.column.period,
        achieved: total?.achieved ?? null,
        max: total?.max ?? null,
        percent: total?.percent ?? null,
        rank: rankFor(analysis, column, TOTAL_CODE),
        change: changeInto(analysis, unit, column.column.period, TOTAL_CODE),
        classLabel: column.class?.label,
      },
      lang,
    ),
    "proseBold",
    0,
    last,
  );
  if (options.targets.length > 0) {
    b.row();
    b.row([t(PLACE_TEXT.targets[lang], "section")]);
    for (const line of options.targets) b.wideText(`- ${line}`, "prose", 0, last);
  }
  const table = rankTableFor(analysis, column, options.scope);
  if (!table) return b.build({ tabColor: COLORS.gapTab });
  const classes = new Map(analysis.columns.filter((c) => c.column.period === column.column.period).map((c) => [c.column.unit, c.class?.label ?? ""]));
  const withClass = [...classes.values()].some(Boolean);
  const entries = [...table.entries].sort((a, x) => a.rank - x.rank);
  b.row();
  b.row([t(table.block !== undefined ? PLACE_TEXT.block[lang](table.block, entries.length) : PLACE_TEXT.all[lang](entries.length), "section")]);
  const header = [L.rankShort[lang], PLACE_TEXT.unitCol[lang], L.total[lang]];
  if (withClass) header.push(PLACE_TEXT.classCol[lang]);
  b.row(header.map((h) => t(h, "th")));
  const first = b.nextRow;
  let own = -1;
  entries.forEach((e, i) => {
    const mine = e.unit === unit;
    if (mine) own = i;
    const s = (base: string): string => (mine ? `area${base[0].toUpperCase()}${base.slice(1)}` : base);
    const cells = [t(e.label, s("rank")), t(e.unit, s("name")), n(pointsToJson(e.value), s("num"))];
    if (withClass) cells.push(t(classes.get(e.unit) ?? "", s("name")));
    b.row(cells);
  });
  const lastRow = b.nextRow - 1;
  if (entries.length <= DISTRIBUTION_UNITS_LIMIT) {
    b.chart({
      kind: "total-distribution",
      type: "column",
      title: `${PLACE_TEXT.chart[lang]} — ${unit}`,
      categories: colRange(1, first, lastRow),
      series: [{ name: L.total[lang], values: colRange(2, first, lastRow), color: CHART_COLORS.total }],
      highlight: own >= 0 ? { points: [own], color: CHART_COLORS.highlight } : undefined,
      valueAxisTitle: L.points[lang],
      from: `F${first - 1}`,
      to: `P${first + 20}`,
    });
  } else {
    // A column per unit shows nothing at this size: units per band of totals, the unit's band in red.
    const totals = entries.map((e) => e.value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
    const bands = histogramBands(totals);
    const dataCol = 5;
    const put = (row: number, cells: ReturnType<typeof t>[]): void => {
      const target = b.rowCells(row);
      while (target.length < dataCol) target.push(null);
      target.splice(dataCol, cells.length, ...cells);
    };
    put(first - 1, [t(PLACE_TEXT.histogram[lang], "th"), t(PLACE_TEXT.units[lang], "th")]);
    bands.forEach((band, i) => put(first + i, [t(bandLabel(band, lang), "name"), n(String(band.count), "rank")]));
    const ownBand = own >= 0 ? bandIndex(bands, totals[own]) : -1;
    b.chart({
      kind: "total-histogram",
      type: "column",
      title: `${PLACE_TEXT.histogram[lang]} — ${unit}`,
      categories: colRange(dataCol, first, first + bands.length - 1),
      series: [{ name: PLACE_TEXT.units[lang], values: colRange(dataCol + 1, first, first + bands.length - 1), color: CHART_COLORS.total }],
      highlight: ownBand >= 0 ? { points: [ownBand], color: CHART_COLORS.highlight } : undefined,
      valueAxisTitle: PLACE_TEXT.units[lang],
      from: `I${first - 1}`,
      to: `S${first + 20}`,
    });
  }
  const sheet = b.build({ tabColor: COLORS.gapTab, freeze: { rows: 1, columns: 0 } });
  if (entries.length > DISTRIBUTION_UNITS_LIMIT) sheet.columnWidths = [...WIDTHS, 9, 22, 10];
  return sheet;
}
