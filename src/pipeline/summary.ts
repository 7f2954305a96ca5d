/**
 * A short plain-text account of an analysis, for the console (and anyone who wants it as text):
 * tables found, units, totals, ranks, largest deductions, findings.
 */
import { formatPoints } from "../engine/points";
import { flattenCriteria, leafCriteria } from "../engine/tree";
import type Decimal from "decimal.js";
import type { Analysis, Criterion, Finding, Lang, Severity } from "../engine/types";
import { TOTAL_CODE } from "../engine/types";
import { sheetQualified } from "../tables/grid";
import { getTemplate } from "../tables/templates";
import type { PipelineResult } from "./run";
import { changeInto, latest, rankFor, unitViews } from "../engine/views";

const LAYOUT_NAMES: Record<string, Record<Lang, string>> = {
  "self-assessment": { vi: "bảng tự đánh giá của một đơn vị", en: "self-assessment table, one unit" },
  "unit-across-years": { vi: "một đơn vị qua các năm", en: "one unit across years" },
  "units-in-rows": { vi: "nhiều đơn vị (mỗi đơn vị một dòng)", en: "many units (one per row)" },
  "units-in-columns": { vi: "nhiều đơn vị (mỗi đơn vị một cột)", en: "many units (one per column)" },
};

const SEVERITY_NAMES: Record<Severity, Record<Lang, string>> = {
  error: { vi: "lỗi", en: "error" },
  warning: { vi: "cảnh báo", en: "warning" },
  info: { vi: "thông tin", en: "info" },
};

const T = {
  tablesFound: { vi: (n: number) => `Tìm thấy ${n} bảng điểm.`, en: (n: number) => `Found ${n} score table(s).` },
  table: {
    vi: (i: number, where: string, layout: string) => `Bảng ${i}: ${where} (${layout})`,
    en: (i: number, where: string, layout: string) => `Table ${i}: ${where} (${layout})`,
  },
  template: { vi: "Bộ tiêu chí", en: "Template" },
  criteria: { vi: "tiêu chí", en: "criteria" },
  units: { vi: "đơn vị", en: "units" },
  points: { vi: "điểm", en: "points" },
  rank: { vi: "xếp hạng", en: "rank" },
  largest: { vi: "Bị trừ nhiều nhất", en: "Largest deductions" },
  findings: { vi: "Phát hiện", en: "Findings" },
  none: { vi: "không có", en: "none" },
  noPoints: { vi: "chưa đọc được điểm nào (xem phát hiện)", en: "no points could be read (see the findings)" },
  noPointsNoFindings: { vi: "bảng không có ô điểm nào", en: "the table holds no points" },
  beside: {
    vi: (figures: string) => `không có tổng điểm; các số đọc riêng, không cộng lại: ${figures}`,
    en: (figures: string) => `no total; figures read side by side, not added up: ${figures}`,
  },
  moreUnits: { vi: (n: number) => `... và ${n} đơn vị khác`, en: (n: number) => `... and ${n} more units` },
  moreFindings: { vi: (n: number) => `... và ${n} phát hiện khác (xem --json)`, en: (n: number) => `... and ${n} more (see --json)` },
};

const MAX_UNITS_SHOWN = 12;
const MAX_FINDINGS_SHOWN = 15;
const MAX_DEDUCTIONS_SHOWN = 5;

export function summaryText(result: PipelineResult, lang: Lang): string {
  const lines: string[] = [T.tablesFound[lang](result.tables.length)];
  result.tables.forEach(({ table, analysis }, index) => {
    lines.push("");
    const layout = LAYOUT_NAMES[table.layout]?.[lang] ?? table.layout;
    lines.push(T.table[lang](index + 1, sheetQualified(table.sheet, table.range), layout));
    if (analysis.scorecard.title) lines.push(`  ${analysis.scorecard.title}`);
    const criteriaCount = flattenCriteria(analysis.scorecard.criteria).filter((c) => !c.extra).length;
    const views = unitViews(analysis);
    lines.push(
      `  ${views.length} ${T.units[lang]}, ${criteriaCount} ${T.criteria[lang]}` +
        // The template's name, not its id: "Chỉ số CCHC cấp tỉnh 2019 (Quyết định 1150/QĐ-BNV): 8 lĩnh vực".
        (table.template ? `; ${T.template[lang]}: ${getTemplate(table.template)?.title[lang] ?? table.template}` : ""),
    );
    for (const view of views.slice(0, MAX_UNITS_SHOWN)) lines.push(`  - ${unitLine(analysis, view.unit, lang)}`);
    if (views.length > MAX_UNITS_SHOWN) lines.push(`  ${T.moreUnits[lang](views.length - MAX_UNITS_SHOWN)}`);
    const deductions = largestDeductions(analysis, lang);
    if (deductions) lines.push(`  ${T.largest[lang]}: ${deductions}`);
    lines.push(...findingLines(analysis.findings, lang, "  "));
  });
  if (result.findings.length > 0) {
    lines.push("");
    lines.push(...findingLines(result.findings, lang, ""));
  }
  return lines.map(printable).join("\n");
}

/**
 * Text from cells is printed to a terminal: control characters (an ESC could recolour or rewrite
 * the screen, a CR hide what came before) and bidirectional overrides (which reorder what is shown)
 * are shown as escapes instead, e.g. "\x1b", "\u202e". Tabs become spaces. JSON keeps the raw text.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    if (ch === "\t") return " ";
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

function unitLine(analysis: Analysis, unit: string, lang: Lang): string {
  const view = unitViews(analysis).find((v) => v.unit === unit);
  if (!view) return unit;
  const current = latest(view);
  const total = current.nodes.get(TOTAL_CODE);
  const period = current.column.period ? ` (${current.column.period})` : "";
  const parts: string[] = [];
  if (total?.achieved) {
    parts.push(
      total.max
        ? `${formatPoints(total.achieved, lang)}/${formatPoints(total.max, lang)} ${T.points[lang]}`
        : `${formatPoints(total.achieved, lang)} ${T.points[lang]}`,
    );
  }
  if (total?.percent) parts.push(`${formatPoints(total.percent, lang)}%`);
  const rank = rankFor(analysis, current, TOTAL_CODE);
  // Ranked within its block when the table lists units in blocks: "xếp hạng 3/4 trong khối UBND CẤP HUYỆN".
  const inBlock = current.column.block && rank?.source === "computed" ? (lang === "vi" ? ` trong ${current.column.block}` : ` in ${current.column.block}`) : "";
  if (rank) parts.push(`${T.rank[lang]} ${rank.label}${rank.of ? `/${rank.of}` : ""}${inBlock}`);
  if (current.class) parts.push(current.class.words?.[lang] ?? current.class.label);
  const change = changeInto(analysis, unit, current.column.period);
  if (change) parts.push(change.phrase[lang]);
  if (parts.length === 0) parts.push(besideLine(analysis, current.nodes, lang) ?? (analysis.findings.length > 0 ? T.noPoints[lang] : T.noPointsNoFindings[lang]));
  return `${unit}${period}: ${parts.join(", ")}`;
}

const MAX_BESIDE_SHOWN = 4;

/**
 * A unit without a total whose figures were read (indices side by side, summaries beside the areas):
 * those figures, not "no points could be read".
 */
function besideLine(analysis: Analysis, nodes: ReadonlyMap<string, { achieved: Decimal | null }>, lang: Lang): string | undefined {
  const figures = flattenCriteria(analysis.scorecard.criteria)
    .map((c) => ({ c, achieved: nodes.get(c.code)?.achieved ?? null }))
    .filter((x): x is { c: Criterion; achieved: Decimal } => x.achieved !== null)
    .map((x) => `${x.c.title || x.c.code} ${formatPoints(x.achieved, lang)}`);
  if (figures.length === 0) return undefined;
  const shown = figures.length > MAX_BESIDE_SHOWN ? [...figures.slice(0, MAX_BESIDE_SHOWN), "..."] : figures;
  return T.beside[lang](shown.join("; "));
}

/** The leaves (or areas, in area-only tables) that lost most, over the latest period of every unit. */
function largestDeductions(analysis: Analysis, lang: Lang): string {
  const views = unitViews(analysis);
  if (views.length !== 1) return "";
  const current = latest(views[0]);
  const leaves = leafCriteria(analysis.scorecard.criteria);
  const lost = leaves
    .map((c) => ({ c, node: current.nodes.get(c.code) }))
    .filter((x) => x.node?.lost && x.node.lost.gt(0))
    .sort((a, b) => b.node!.lost!.comparedTo(a.node!.lost!))
    .slice(0, MAX_DEDUCTIONS_SHOWN);
  return lost.map((x) => `${x.c.code} (-${formatPoints(x.node!.lost!, lang)})`).join(", ");
}

function findingLines(findings: Finding[], lang: Lang, indent: string): string[] {
  if (findings.length === 0) return [`${indent}${T.findings[lang]}: ${T.none[lang]}`];
  const counts = (["error", "warning", "info"] as Severity[])
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${SEVERITY_NAMES[s][lang]}`);
  const lines = [`${indent}${T.findings[lang]}: ${counts.join(", ")}`];
  for (const f of findings.slice(0, MAX_FINDINGS_SHOWN)) {
    const where = f.location?.sheet && f.location.cell ? `${sheetQualified(f.location.sheet, f.location.cell)}: ` : "";
    lines.push(`${indent}  [${SEVERITY_NAMES[f.severity][lang]}] ${where}${f.message[lang]}`);
  }
  if (findings.length > MAX_FINDINGS_SHOWN) lines.push(`${indent}  ${T.moreFindings[lang](findings.length - MAX_FINDINGS_SHOWN)}`);
  return lines;
}
