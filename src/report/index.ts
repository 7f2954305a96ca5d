/**
 * Analysis -> SheetPlan. The CLI and the task pane call `buildReportPlan` with every analysed
 * table; a host applies the plan (src/hosts/xlsx/write-xlsx.ts `applyPlan`, or the Office.js host).
 */
import { buildGapSheet } from "./gap-sheet";
import { buildAllHighlights } from "./highlights";
import type { ReportInput } from "./input";
import { ownSheetRef, PLAN_VERSION, type PlannedSheet, type SheetPlan, sheetNamer } from "./plan";
import { planRankSheet, rankedColumns } from "./rank-sheet";
import { buildResponsibilitySheet } from "./responsibility-sheet";
import { L, STYLES } from "./styles";

export function buildReportPlan(input: ReportInput): SheetPlan {
  const lang = input.lang;
  const live = input.formulas === true;
  // Every sheet's name first (in the order the sheets are listed): a gap sheet's live rank cells
  // refer to the ranking sheet of its table, which is planned before it.
  const name = sheetNamer();
  const gapNames = input.tables.map(() => (input.gap !== false ? name(L.gapSheet[lang]) : null));
  const respNames = input.tables.map((table) => (table.responsibility ?? input.responsibility ? name(L.respSheet[lang]) : null));
  const rankNames = input.tables.map((table) => (input.ranking !== false && rankedColumns(table.analysis).length >= 2 ? name(L.rankSheet[lang]) : null));

  const rankSheets = input.tables.map((table, i) => {
    const rankName = rankNames[i];
    return rankName ? planRankSheet(table, rankName, { lang, live, exactRanks: input.rankOn === "exact", trendUnits: input.detailUnits }) : null;
  });
  const sheets: PlannedSheet[] = [];
  input.tables.forEach((table, i) => {
    const gapName = gapNames[i];
    if (!gapName) return;
    const ranking = rankSheets[i];
    const rankCell =
      live && ranking && input.rankOn !== "exact"
        ? (columnKey: string, code: string) => {
            const cell = ranking.rankCell(columnKey, code);
            return cell ? ownSheetRef(ranking.sheet.name, cell) : null;
          }
        : undefined;
    sheets.push(buildGapSheet(table, gapName, { lang, periods: input.periods, detailUnits: input.detailUnits, live, rankCell }));
  });
  input.tables.forEach((table, i) => {
    const assignments = table.responsibility ?? input.responsibility;
    const respName = respNames[i];
    if (assignments && respName) sheets.push(buildResponsibilitySheet(table, respName, { lang, assignments, detailUnits: input.detailUnits }));
  });
  for (const ranking of rankSheets) if (ranking) sheets.push(ranking.sheet);
  return {
    version: PLAN_VERSION,
    lang,
    styles: STYLES,
    sheets,
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
