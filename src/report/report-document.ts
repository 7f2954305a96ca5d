/**
 * The published report in the form of seed 001 ("Kết quả chỉ số CCHC năm 2019 của tỉnh đạt 83,06/100
 * điểm, xếp vị thứ 13/63 ..., tăng 4,16 điểm và tăng 3 bậc so với năm 2018"), as plain data: headings,
 * paragraphs, bullets and tables. src/report/docx renders it as a Word document; any other host could.
 *
 * One unit (a one-unit table, or each unit named): the headline, the areas that rose and fell, the
 * component indices, the leaf counts, the table by area with points and ranks per period, one paragraph
 * per area (points, rank with ties, points lost and where), responsible bodies, targets.
 * Many units: the ranking (per block), the classes, the units that rose and fell most.
 * Every sentence comes from src/report/narrative.ts and the engine's phrases, as on the gap sheet.
 */
import { deepestLeafLevel } from "../engine/tree";
import Decimal from "decimal.js";
import { changePhrase as engineChangePhrase } from "../engine/changes";
import { formatPoints, formatPointsShort } from "../engine/points";
import type { Analysis, Change, ColumnAnalysis, Criterion, Lang, RankTable } from "../engine/types";
import { TOTAL_CODE } from "../engine/types";
import { changeInto, rankFor, unitViews, type UnitView } from "../engine/views";
import { PROVINCES } from "../tables/provinces";
import { sortedLosses } from "./gap-sheet";
import type { ReportTableInput } from "./input";
import { areaSentence, changePhrase, leafSummarySentence, pointsOfMax, rankPhrase, type AreaFacts, type RankText } from "./narrative";
import { responsibilityByUnit } from "./responsibility-sheet";
import { periodLabel } from "./styles";

export type DocBlock =
  | { kind: "heading"; level: 1 | 2; text: string }
  | { kind: "paragraph"; text: string; bold?: boolean }
  | { kind: "bullet"; text: string; level?: 0 | 1 }
  | {
      kind: "table";
      /** Header rows; a cell spanning several columns is repeated as { text, span }. */
      header: { text: string; span?: number }[][];
      rows: string[][];
      /** Columns holding numbers (right-aligned). */
      numeric: boolean[];
      /** Relative column widths. */
      widths: number[];
      /** Rows shown in bold (totals), 0-based. */
      bold?: number[];
    };

export interface ReportDocument {
  lang: Lang;
  title: string;
  subtitle: string;
  blocks: DocBlock[];
}

export interface DocumentOptions {
  lang: Lang;
  /** Units to report on one by one (a many-unit table); a one-unit table reports its unit. */
  units?: readonly string[];
  /**
   * The total's rank by period when the table does not hold it (seed 001's table gives areas only:
   * 2019 -> 13, 2018 -> 16), for the headline and its change in places.
   */
  totalRanks?: ReadonlyMap<string, number>;
  /**
   * How many units published ranks count (seed 001: 63 provinces). By default 63 for a one-unit
   * table of a province (the PAR INDEX ranks the 63 provinces), unknown otherwise.
   */
  rankedOf?: number;
  /** A unit's target lines, worded by the pipeline (`analyze --target-rank`). */
  targetLines?: (tableIndex: number, unit: string) => string[];
  /** Units named in "rose and fell most" lists. */
  movers?: number;
}

const T = {
  title: { vi: "BÁO CÁO KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH", en: "PAR INDEX RESULTS REPORT" },
  subtitle: {
    vi: (source: string) => `Số liệu: ${source}. Báo cáo do ParScore lập từ bảng điểm; các con số được tính lại chính xác từ bảng.`,
    en: (source: string) => `Data: ${source}. Written by ParScore from the score table; every figure is recomputed exactly from the table.`,
  },
  result: { vi: (p: string) => `Kết quả Chỉ số CCHC ${p}`, en: (p: string) => `PAR Index result ${p}` },
  headline: {
    vi: (period: string, unit: string, rest: string) => `Kết quả chỉ số CCHC ${period ? `${periodLabel(period, "vi").toLowerCase()} ` : ""}của ${unit} ${rest}`,
    en: (period: string, unit: string, rest: string) => `${unit}'s PAR Index result${period ? ` in ${period}` : ""}: ${rest}`,
  },
  within: { vi: ", trong đó:", en: ", of which:" },
  areasUp: {
    vi: (k: number, n: number, from: string, list: string) => `Vị thứ của ${k}/${n} lĩnh vực có tăng bậc so với ${from}, bao gồm: ${list};`,
    en: (k: number, n: number, from: string, list: string) => `${k} of ${n} areas rose in rank compared with ${from}: ${list};`,
  },
  areasDown: {
    vi: (k: number, n: number, from: string, list: string) => `Vị thứ của ${k}/${n} lĩnh vực giảm bậc so với ${from}, bao gồm: ${list};`,
    en: (k: number, n: number, from: string, list: string) => `${k} of ${n} areas fell in rank compared with ${from}: ${list};`,
  },
  byArea: { vi: "Bảng kết quả theo lĩnh vực", en: "Results by area" },
  tt: { vi: "TT", en: "No." },
  content: { vi: "Nội dung đánh giá", en: "Area" },
  points: { vi: "Điểm số", en: "Points" },
  rank: { vi: "Xếp hạng", en: "Rank" },
  total: { vi: "Tổng điểm", en: "Total" },
  details: { vi: "Cụ thể các điểm bị trừ tại các lĩnh vực", en: "Where the points were lost, area by area" },
  leafLine: {
    vi: (code: string, title: string, pts: string, lost: string) => `TCTP ${code} “${title}”: đạt ${pts}, bị trừ ${lost} điểm.`,
    en: (code: string, title: string, pts: string, lost: string) => `${code} “${title}”: ${pts}, ${lost} lost.`,
  },
  responsible: { vi: "Đơn vị chịu trách nhiệm khắc phục", en: "Bodies responsible for winning the points back" },
  bodyLine: {
    vi: (body: string, lost: string, codes: string) => `${body}: bị trừ ${lost} điểm tại ${codes}.`,
    en: (body: string, lost: string, codes: string) => `${body}: ${lost} points lost in ${codes}.`,
  },
  notAssigned: { vi: "Chưa phân công", en: "Not assigned" },
  targets: { vi: "Mục tiêu", en: "Targets" },
  ranking: { vi: "Bảng xếp hạng", en: "Ranking" },
  rankingOf: {
    vi: (n: number, p: string) => `${n} đơn vị được xếp hạng${p ? ` ${periodLabel(p, "vi").toLowerCase()}` : ""}.`,
    en: (n: number, p: string) => `${n} units ranked${p ? ` in ${p}` : ""}.`,
  },
  best: {
    vi: (top: string, bottom: string, mean: string) => `Cao nhất: ${top}; thấp nhất: ${bottom}; điểm trung bình ${mean}.`,
    en: (top: string, bottom: string, mean: string) => `Highest: ${top}; lowest: ${bottom}; mean ${mean}.`,
  },
  unit: { vi: "Đơn vị", en: "Unit" },
  percent: { vi: "Tỷ lệ", en: "Percent" },
  klass: { vi: "Xếp loại", en: "Class" },
  change: { vi: "So với kỳ trước", en: "Change" },
  classes: { vi: "Xếp loại", en: "Classes" },
  classLine: { vi: (label: string, n: number, list: string) => `${label}: ${n} đơn vị (${list}).`, en: (label: string, n: number, list: string) => `${label}: ${n} unit(s) (${list}).` },
  rose: { vi: "Các đơn vị tăng bậc nhiều nhất", en: "Units that rose most" },
  fell: { vi: "Các đơn vị giảm bậc nhiều nhất", en: "Units that fell most" },
  block: { vi: (b: string) => `Khối ${b}`, en: (b: string) => `Block ${b}` },
  unitSection: { vi: (u: string) => `Kết quả của ${u}`, en: (u: string) => `Results of ${u}` },
} as const;

/** Vietnamese documents letter their items a) b) c) d) đ) e) g) h) i) k) ... (seed 001). */
const VI_LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"];

function letter(i: number, lang: Lang): string {
  const letters = lang === "vi" ? VI_LETTERS : "abcdefghijklmnopqrstuvwxyz".split("");
  return i < letters.length ? letters[i] : `${letters[i % letters.length]}${Math.floor(i / letters.length) + 1}`;
}

export function buildReportDocument(tables: readonly ReportTableInput[], options: DocumentOptions): ReportDocument {
  const { lang } = options;
  const blocks: DocBlock[] = [];
  const sources: string[] = [];
  tables.forEach((input, tableIndex) => {
    const { analysis } = input;
    sources.push(`'${input.table.sheet}'!${input.table.range}`);
    const views = unitViews(analysis);
    if (views.length === 0) return;
    if (views.length === 1) {
      unitSection(blocks, input, views[0], tableIndex, options, false);
      return;
    }
    rankingSection(blocks, analysis, views, options);
    const asked = new Set(options.units ?? []);
    for (const view of views.filter((v) => asked.has(v.unit))) unitSection(blocks, input, view, tableIndex, options, true);
  });
  const title = tables.map((t) => t.table.title || t.analysis.scorecard.title).find(Boolean);
  return { lang, title: title ? `${T.title[lang]}\n${title}` : T.title[lang], subtitle: T.subtitle[lang](sources.join("; ")), blocks };
}

/** The total's rank: computed among the table's units, else published, else given on the command line. */
function totalRank(analysis: Analysis, column: ColumnAnalysis, options: DocumentOptions, oneUnit: boolean): RankText | null {
  const rank = rankFor(analysis, column, TOTAL_CODE);
  if (rank) return withOf(rank, column, options, oneUnit);
  const given = options.totalRanks?.get(column.column.period);
  if (given === undefined) return null;
  return withOf({ rank: given, tieCount: 1, of: null, label: String(given) }, column, options, oneUnit);
}

function withOf(rank: RankText, column: ColumnAnalysis, options: DocumentOptions, oneUnit: boolean): RankText {
  if (rank.of !== null) return rank;
  const of = options.rankedOf ?? (oneUnit && PROVINCES.includes(column.column.unit) ? PROVINCES.length : null);
  return { ...rank, of };
}

/** The total's change, with the change in places when the ranks of both periods are known. */
function totalChange(analysis: Analysis, view: UnitView, column: ColumnAnalysis, options: DocumentOptions, oneUnit: boolean): Change | undefined {
  const change = changeInto(analysis, view.unit, column.column.period, TOTAL_CODE);
  if (!change || change.rankDelta !== null) return change;
  const before = view.periods.find((c) => c.column.period === change.fromPeriod);
  const now = totalRank(analysis, column, options, oneUnit);
  const then = before ? totalRank(analysis, before, options, oneUnit) : null;
  if (!now || !then) return change;
  const rankDelta = then.rank - now.rank;
  return { ...change, rankDelta, phrase: engineChangePhrase(change.pointsDelta, rankDelta) };
}

function unitSection(blocks: DocBlock[], input: ReportTableInput, view: UnitView, tableIndex: number, options: DocumentOptions, named: boolean): void {
  const { analysis } = input;
  const { lang } = options;
  const oneUnit = !named;
  const column = view.periods[view.periods.length - 1];
  const period = column.column.period;
  const total = column.nodes.get(TOTAL_CODE);
  const roots = analysis.scorecard.criteria.filter((c) => !c.extra);
  blocks.push({ kind: "heading", level: 1, text: named ? T.unitSection[lang](view.unit) : T.result[lang](periodLabel(period, lang).toLowerCase() || view.unit) });

  // The headline: seed 001's first sentence.
  const rank = totalRank(analysis, column, options, oneUnit);
  const change = totalChange(analysis, view, column, options, oneUnit);
  const parts: string[] = [];
  if (total?.achieved) parts.push(`${lang === "vi" ? "đạt " : ""}${pointsOfMax(total.achieved, total.max, lang)}`);
  if (rank) parts.push(rankPhrase(rank, lang));
  let headline = T.headline[lang](period, view.unit, parts.join(", "));
  if (change) headline += ` (${changePhrase(change, lang)})`;
  const headlineBlock: DocBlock = { kind: "paragraph", text: headline, bold: true };
  blocks.push(headlineBlock);
  const detailsFrom = blocks.length;

  // Areas that rose and fell in rank.
  const moved = roots
    .map((area) => ({ area, change: changeInto(analysis, view.unit, period, area.code) }))
    .filter((x): x is { area: Criterion; change: Change } => x.change !== undefined && x.change.rankDelta !== null);
  const from = moved[0] ? fromLabel(moved[0].change.fromPeriod, lang) : "";
  const up = moved.filter((x) => (x.change.rankDelta as number) > 0);
  const down = moved.filter((x) => (x.change.rankDelta as number) < 0);
  if (up.length > 0) blocks.push({ kind: "bullet", text: T.areasUp[lang](up.length, roots.length, from, up.map((x) => x.area.title).join("; ")) });
  if (down.length > 0) blocks.push({ kind: "bullet", text: T.areasDown[lang](down.length, roots.length, from, down.map((x) => x.area.title).join("; ")) });

  // Component indices (Điểm thẩm định, Chỉ số SIPAS ...), as the gap sheet words them.
  for (const c of analysis.scorecard.criteria.filter((x) => x.extra && column.nodes.get(x.code)?.achieved)) {
    const r = column.nodes.get(c.code);
    const cRank = rankFor(analysis, column, c.code);
    const cChange = changeInto(analysis, view.unit, period, c.code);
    const facts = [pointsOfMax(r?.achieved as Decimal, r?.max ?? null, lang), cRank ? rankPhrase(withOf(cRank, column, options, oneUnit), lang) : null].filter(Boolean).join(", ");
    blocks.push({ kind: "bullet", text: `${c.title}: ${lang === "vi" ? "đạt " : ""}${facts}${cChange ? ` (${changePhrase(cChange, lang)})` : ""};` });
  }
  const deepest = deepestLeafLevel(roots);
  if (deepest > 1) {
    const sentence = leafSummarySentence(column.leafSummary, deepest, lang);
    if (sentence) blocks.push({ kind: "bullet", text: sentence });
  }

  // "..., trong đó:" only when the points of detail follow; otherwise the headline ends with a full stop.
  headlineBlock.text += blocks.length > detailsFrom ? T.within[lang] : ".";

  blocks.push({ kind: "heading", level: 2, text: T.byArea[lang] });
  blocks.push(areaTable(analysis, view, roots, options, oneUnit));

  blocks.push({ kind: "heading", level: 2, text: T.details[lang] });
  roots.forEach((area, i) => {
    const facts = areaFactsOf(analysis, column, area, options, oneUnit);
    blocks.push({ kind: "paragraph", text: `${letter(i, lang)}) ${areaSentence(facts, lang)}` });
    for (const leaf of area.children.length > 0 ? sortedLosses([area], column).filter((l) => l.result.lost?.gt(0)) : []) {
      const pts = pointsOfMax(leaf.result.achieved ?? new Decimal(0), leaf.result.max, lang);
      blocks.push({ kind: "bullet", level: 1, text: T.leafLine[lang](leaf.criterion.code, leaf.criterion.title, pts, formatPointsShort(leaf.result.lost as Decimal, lang)) });
    }
  });

  if (input.responsibility) {
    const [own] = responsibilityByUnit(analysis, input.responsibility, [view.unit]);
    if (own && own.groups.length > 0) {
      blocks.push({ kind: "heading", level: 2, text: T.responsible[lang] });
      for (const g of own.groups) {
        const codes = g.leaves.map((l) => l.criterion.code).join(", ");
        blocks.push({ kind: "bullet", text: T.bodyLine[lang](g.body ?? T.notAssigned[lang], formatPointsShort(g.lost, lang), codes) });
      }
    }
  }
  const targets = options.targetLines?.(tableIndex, view.unit) ?? [];
  if (targets.length > 0) {
    blocks.push({ kind: "heading", level: 2, text: T.targets[lang] });
    for (const line of targets) blocks.push({ kind: "bullet", text: `${view.unit}: ${line}` });
  }
}

function fromLabel(period: string, lang: Lang): string {
  return /^\d{4}$/.test(period) ? (lang === "vi" ? `năm ${period}` : period) : period;
}

function areaFactsOf(analysis: Analysis, column: ColumnAnalysis, area: Criterion, options: DocumentOptions, oneUnit: boolean): AreaFacts {
  const r = column.nodes.get(area.code);
  const leaves = area.children.length > 0 ? sortedLosses([area], column).filter((l) => l.result.lost?.gt(0)) : [];
  const rank = rankFor(analysis, column, area.code);
  return {
    code: area.code,
    title: area.title,
    achieved: r?.achieved ?? null,
    max: r?.max ?? null,
    lost: r?.lost ?? null,
    rank: rank ? withOf(rank, column, options, oneUnit) : null,
    lostItems: leaves.map((l) => ({ code: l.criterion.code, title: l.criterion.title, lost: l.result.lost as Decimal })),
    itemLevel: leaves[0]?.criterion.level ?? area.level + 1,
  };
}

/** TT | Nội dung | per period: Điểm số, Xếp hạng; then the total and the component indices. */
function areaTable(analysis: Analysis, view: UnitView, roots: Criterion[], options: DocumentOptions, oneUnit: boolean): DocBlock {
  const { lang } = options;
  const periods = view.periods;
  const header = [
    [{ text: T.tt[lang] }, { text: T.content[lang] }, ...periods.map((c) => ({ text: periodLabel(c.column.period, lang) || view.unit, span: 2 }))],
    [{ text: "" }, { text: "" }, ...periods.flatMap(() => [{ text: T.points[lang] }, { text: T.rank[lang] }])],
  ];
  const cells = (c: ColumnAnalysis, code: string): string[] => {
    const r = c.nodes.get(code);
    const rank = code === TOTAL_CODE ? totalRank(analysis, c, options, oneUnit) : rankFor(analysis, c, code);
    return [r?.achieved ? formatPoints(r.achieved, lang) : "", rank?.label ?? ""];
  };
  const rows = roots.map((area) => [area.code, area.title, ...periods.flatMap((c) => cells(c, area.code))]);
  const bold = [rows.length];
  rows.push(["", T.total[lang], ...periods.flatMap((c) => cells(c, TOTAL_CODE))]);
  for (const extra of analysis.scorecard.criteria.filter((c) => c.extra)) rows.push(["", extra.title, ...periods.flatMap((c) => cells(c, extra.code))]);
  return {
    kind: "table",
    header,
    rows,
    numeric: [false, false, ...periods.flatMap(() => [true, true])],
    widths: [6, 44, ...periods.flatMap(() => [12, 12])],
    bold,
  };
}

function rankingSection(blocks: DocBlock[], analysis: Analysis, views: UnitView[], options: DocumentOptions): void {
  const { lang } = options;
  const latest = views.map((v) => v.periods[v.periods.length - 1]);
  const period = latest[0]?.column.period ?? "";
  blocks.push({ kind: "heading", level: 1, text: `${T.ranking[lang]}${period ? ` — ${periodLabel(period, lang)}` : ""}` });
  const totals = latest.map((c) => ({ c, total: c.nodes.get(TOTAL_CODE)?.achieved ?? null })).filter((x): x is { c: ColumnAnalysis; total: Decimal } => x.total !== null);
  if (totals.length > 0) {
    const sorted = [...totals].sort((a, b) => b.total.comparedTo(a.total));
    const mean = totals.reduce((s, x) => s.plus(x.total), new Decimal(0)).dividedBy(totals.length);
    const name = (x: { c: ColumnAnalysis; total: Decimal }): string => `${x.c.column.unit} (${formatPoints(x.total, lang)})`;
    blocks.push({ kind: "paragraph", text: `${T.rankingOf[lang](totals.length, period)} ${T.best[lang](name(sorted[0]), name(sorted[sorted.length - 1]), formatPoints(mean, lang))}` });
  }
  const rankTables = analysis.ranks.filter((r) => r.code === TOTAL_CODE && r.period === period);
  const byBlock = rankTables.length > 1 || rankTables.some((r) => r.block !== undefined);
  for (const table of rankTables) {
    if (byBlock && table.block !== undefined) blocks.push({ kind: "heading", level: 2, text: T.block[lang](table.block) });
    blocks.push(rankingTable(analysis, table, latest, lang));
  }
  // Classes, best first as the scheme lists them.
  const classes = new Map<string, string[]>();
  for (const c of latest) if (c.class) classes.set(c.class.label, [...(classes.get(c.class.label) ?? []), c.column.unit]);
  if (classes.size > 0) {
    blocks.push({ kind: "heading", level: 2, text: T.classes[lang] });
    for (const [label, units] of classes) blocks.push({ kind: "bullet", text: T.classLine[lang](label, units.length, units.join(", ")) });
  }
  // Units that rose and fell most in places (points break ties).
  const moves = latest
    .map((c) => changeInto(analysis, c.column.unit, c.column.period, TOTAL_CODE))
    .filter((ch): ch is Change & { rankDelta: number } => ch !== undefined && ch.rankDelta !== null);
  const count = options.movers ?? 5;
  const rose = moves.filter((m) => m.rankDelta > 0).sort((a, b) => b.rankDelta - a.rankDelta).slice(0, count);
  const fell = moves.filter((m) => m.rankDelta < 0).sort((a, b) => a.rankDelta - b.rankDelta).slice(0, count);
  for (const [heading, list] of [[T.rose[lang], rose], [T.fell[lang], fell]] as const) {
    if (list.length === 0) continue;
    blocks.push({ kind: "heading", level: 2, text: heading });
    for (const m of list) blocks.push({ kind: "bullet", text: `${m.unit}: ${changePhrase(m, lang)}` });
  }
}

function rankingTable(analysis: Analysis, table: RankTable, latest: ColumnAnalysis[], lang: Lang): DocBlock {
  const byUnit = new Map(latest.map((c) => [c.column.unit, c]));
  const withClass = latest.some((c) => c.class);
  const withChange = latest.some((c) => changeInto(analysis, c.column.unit, c.column.period, TOTAL_CODE));
  const header: { text: string }[] = [{ text: T.rank[lang] }, { text: T.unit[lang] }, { text: T.total[lang] }, { text: T.percent[lang] }];
  if (withClass) header.push({ text: T.klass[lang] });
  if (withChange) header.push({ text: T.change[lang] });
  const rows = [...table.entries]
    .sort((a, b) => a.rank - b.rank)
    .map((e) => {
      const c = byUnit.get(e.unit);
      const percent = c?.nodes.get(TOTAL_CODE)?.percent;
      const row = [e.label, e.unit, formatPoints(e.value, lang), percent ? `${formatPoints(percent, lang)}%` : ""];
      if (withClass) row.push(c?.class?.label ?? "");
      if (withChange) {
        const ch = c ? changeInto(analysis, e.unit, c.column.period, TOTAL_CODE) : undefined;
        row.push(ch ? ch.phrase[lang] : "");
      }
      return row;
    });
  const numeric = [false, false, true, true, ...(withClass ? [false] : []), ...(withChange ? [false] : [])];
  const widths = [8, 34, 12, 11, ...(withClass ? [12] : []), ...(withChange ? [23] : [])];
  return { kind: "table", header: [header], rows, numeric, widths };
}
