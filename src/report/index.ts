/**
 * Analysis -> SheetPlan. The CLI and the task pane call `buildReportPlan` with every analysed
 * table; a host applies the plan (src/hosts/xlsx/write-xlsx.ts `applyPlan`, or the Office.js host).
 */
import { buildGapSheet } from "./gap-sheet";
import { buildAllHighlights } from "./highlights";
import type { ReportInput } from "./input";
import { ownSheetRef, PLAN_VERSION, type GroupedSheetPlan, type PlacedSheet, type SheetPlan, sheetNamer, wholePlan } from "./plan";
import { planRankSheet, rankedColumns } from "./rank-sheet";
import { buildResponsibilitySheet } from "./responsibility-sheet";
import { L, STYLES } from "./styles";

export function buildReportPlan(input: ReportInput): SheetPlan {
  return wholePlan(planReportByTable(input));
}

/**
 * The report with each table's sheets planned when asked for (`group`), so a writer holds one
 * table's sheets at a time: 10,000 tables plan 20,000 sheets, over a gigabyte held at once.
 */
export function planReportByTable(input: ReportInput): GroupedSheetPlan {
  const lang = input.lang;
  const live = input.formulas === true;
  // Every sheet's name first (in the order the sheets are listed): a gap sheet's live rank cells
  // refer to the ranking sheet of its table, which is planned before it.
  const name = sheetNamer();
  const gapNames = input.tables.map(() => (input.gap !== false ? name(L.gapSheet[lang]) : null));
  const respNames = input.tables.map((table) => (table.responsibility ?? input.responsibility ? name(L.respSheet[lang]) : null));
  const rankNames = input.tables.map((table) => (input.ranking !== false && rankedColumns(table.analysis).length >= 2 ? name(L.rankSheet[lang]) : null));
  // Listed as before: every gap sheet, then every responsibility sheet, then every ranking sheet.
  const sheetNames: string[] = [];
  const at = (names: (string | null)[]) => names.map((n) => (n === null ? -1 : sheetNames.push(n) - 1));
  const gapAt = at(gapNames);
  const respAt = at(respNames);
  const rankAt = at(rankNames);

  const group = (i: number): PlacedSheet[] => {
    const table = input.tables[i];
    const out: PlacedSheet[] = [];
    const rankName = rankNames[i];
    const ranking = rankName ? planRankSheet(table, rankName, { lang, live, exactRanks: input.rankOn === "exact", trendUnits: input.detailUnits }) : null;
    const gapName = gapNames[i];
    if (gapName) {
      const rankCell =
        live && ranking && input.rankOn !== "exact"
          ? (columnKey: string, code: string) => {
              const cell = ranking.rankCell(columnKey, code);
              return cell ? ownSheetRef(ranking.sheet.name, cell) : null;
            }
          : undefined;
      out.push({ at: gapAt[i], sheet: buildGapSheet(table, gapName, { lang, periods: input.periods, detailUnits: input.detailUnits, live, rankCell }) });
    }
    const assignments = table.responsibility ?? input.responsibility;
    const respName = respNames[i];
    if (assignments && respName) out.push({ at: respAt[i], sheet: buildResponsibilitySheet(table, respName, { lang, assignments, detailUnits: input.detailUnits }) });
    if (ranking) out.push({ at: rankAt[i], sheet: ranking.sheet });
    return out;
  };
  return {
    version: PLAN_VERSION,
    lang,
    styles: STYLES,
    sheetNames,
    groups: input.tables.length,
    group,
    highlights: input.highlights === false ? [] : buildAllHighlights(input.tables),
  };
}

export { buildGapSheet, DETAILED_UNITS_LIMIT } from "./gap-sheet";
export { buildRankSheet, planRankSheet, rankedColumns } from "./rank-sheet";
export { buildResponsibilitySheet, responsibilityByUnit, type BodyGroup, type UnitResponsibility } from "./responsibility-sheet";
export { buildHighlights, buildAllHighlights, belowFormula, numberOf } from "./highlights";
export { areaSentence, leafSummarySentence, totalSentence, rankPhrase, changePhrase } from "./narrative";
export * from "./plan";
export type { ReportInput, ReportOptions, ReportTableInfo, ReportTableInput } from "./input";
