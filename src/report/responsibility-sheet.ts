/**
 * The responsibility sheet ("Trách nhiệm" / "Responsibility"): a unit's lost points grouped by the
 * body that must win them back (seed 001: "Sở Nội vụ: 4.1.1, 4.1.2 ...; Sở Tài chính: 6.1.1 ...").
 * One unit per table (its latest period), or the units named in `detailUnits`. Bodies with the
 * largest loss first; lost criteria nobody is assigned to come last, under "Chưa phân công".
 */
import Decimal from "decimal.js";
import { pointsToJson } from "../engine/points";
import type { Analysis, ColumnAnalysis, Criterion, Lang } from "../engine/types";
import { TOTAL_CODE } from "../engine/types";
import { unitViews } from "../engine/views";
import { sortedLosses, type LeafLoss } from "./gap-sheet";
import { sourceOf, type ReportTableInput } from "./input";
import type { PlannedSheet } from "./plan";
import { blank, colRange, link, n, SheetBuilder, t } from "./sheet-builder";
import { COLORS, L, periodLabel } from "./styles";

export interface BodyGroup {
  /** Null: lost criteria nobody is assigned to. */
  body: string | null;
  lost: Decimal;
  leaves: LeafLoss[];
}

export interface UnitResponsibility {
  unit: string;
  column: ColumnAnalysis;
  groups: BodyGroup[];
}

/** The body responsible for a criterion whose codes from the root down are `path`: the deepest assigned one. */
function bodyFor(assignments: ReadonlyMap<string, string>, path: readonly string[]): string | null {
  for (let i = path.length - 1; i >= 0; i--) {
    const body = assignments.get(path[i]);
    if (body !== undefined) return body;
  }
  return null;
}

/** The units a responsibility breakdown covers: those named in `detailUnits`, or else the first unit. */
export function responsibilityByUnit(analysis: Analysis, assignments: ReadonlyMap<string, string>, detailUnits: readonly string[] = []): UnitResponsibility[] {
  const views = unitViews(analysis);
  const asked = new Set(detailUnits);
  const named = views.filter((v) => asked.has(v.unit));
  const chosen = named.length > 0 ? named : views.slice(0, 1);
  const roots = analysis.scorecard.criteria.filter((c) => !c.extra);
  const paths = new Map<string, string[]>();
  const walk = (c: Criterion, above: string[]): void => {
    const path = [...above, c.code];
    paths.set(c.code, path);
    c.children.forEach((child) => walk(child, path));
  };
  roots.forEach((r) => walk(r, []));
  const out: UnitResponsibility[] = [];
  for (const view of chosen) {
    const column = view.periods[view.periods.length - 1];
    if (!column) continue;
    const byBody = new Map<string | null, BodyGroup>();
    for (const leaf of sortedLosses(roots, column)) {
      if (!leaf.result.lost || !leaf.result.lost.gt(0)) continue;
      const body = bodyFor(assignments, paths.get(leaf.criterion.code) ?? [leaf.criterion.code]);
      const group = byBody.get(body) ?? { body, lost: new Decimal(0), leaves: [] };
      group.lost = group.lost.plus(leaf.result.lost);
      group.leaves.push(leaf);
      byBody.set(body, group);
    }
    const groups = [...byBody.values()]
      .map((g, i) => ({ g, i }))
      .sort((a, b) => Number(a.g.body === null) - Number(b.g.body === null) || b.g.lost.comparedTo(a.g.lost) || a.i - b.i)
      .map(({ g }) => g);
    out.push({ unit: view.unit, column, groups });
  }
  return out;
}

/** Columns: A code, B criterion (or body), C max, D achieved, E lost, F source cell. */
const WIDTHS = [9, 58, 10, 10, 10, 12];
const LOST_COL = 4;

export function buildResponsibilitySheet(
  input: ReportTableInput,
  name: string,
  options: { lang: Lang; assignments: ReadonlyMap<string, string>; detailUnits?: readonly string[] },
): PlannedSheet {
  const { analysis, table } = input;
  const lang = options.lang;
  const last = WIDTHS.length - 1;
  const b = new SheetBuilder(name, "responsibility", WIDTHS);
  const title = table.title || analysis.scorecard.title;
  b.wideText(title ? `${L.respTitle[lang]}: ${title}` : L.respTitle[lang], "title", 0, last, 19);
  b.wideText(`${L.source[lang]}: ${sourceOf(table, lang)}. ${L.generated[lang]}`, "subtitle", 0, last);

  for (const { unit, column, groups } of responsibilityByUnit(analysis, options.assignments, options.detailUnits)) {
    b.row();
    const heading = [unit || L.unit[lang], periodLabel(column.column.period, lang)].filter(Boolean).join(" — ");
    b.height(b.wideText(heading, "unit", 0, last), 20);
    const total = column.nodes.get(TOTAL_CODE);
    if (total?.lost) b.wideText(L.respTotal[lang](pointsToJson(total.lost) ?? "0", groups.filter((g) => g.body !== null).length), "prose", 0, last);
    if (groups.length === 0) {
      b.wideText(L.noLoss[lang], "prose", 0, last);
      continue;
    }
    const header = [L.code, L.criterion, L.max, L.achieved, L.lost, L.sourceCell];
    b.height(b.row(header.map((l) => t(l[lang], "th"))), 30);
    const maxLeaf = groups.flatMap((g) => g.leaves).reduce<Decimal | null>((m, l) => (m === null || l.result.lost!.gt(m) ? (l.result.lost as Decimal) : m), null);
    for (const group of groups) {
      const label = `${group.body ?? L.notAssigned[lang]} (${L.respCriteria[lang](group.leaves.length)})`;
      const gr = b.row([blank("areaCode"), t(label, "areaName"), blank("areaNum"), blank("areaNum"), n(pointsToJson(group.lost), "areaNum"), blank("areaLink")]);
      b.fitRow(gr, label, 1);
      const from = b.nextRow;
      for (const { criterion, result } of group.leaves) {
        const loc = column.column.points.get(criterion.code)?.location;
        const r = b.row([
          t(criterion.code, "code"),
          t(criterion.title, "name"),
          n(pointsToJson(result.max), "num"),
          n(pointsToJson(result.achieved), "num"),
          n(pointsToJson(result.lost), "num"),
          loc?.cell ? link(loc.cell, loc.sheet ?? table.sheet, loc.cell) : blank("link"),
        ]);
        b.fitRow(r, criterion.title, 1);
      }
      if (maxLeaf && maxLeaf.gt(0)) b.rule(colRange(LOST_COL, from, b.nextRow - 1), { type: "dataBar", color: COLORS.lostBar, min: "0", max: maxLeaf.toString() }, "lost-grade");
    }
  }
  return b.build({ tabColor: COLORS.respTab, freeze: { rows: 2, columns: 0 }, landscape: true });
}
