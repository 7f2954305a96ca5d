/**
 * Analysis -> SheetPlan. The CLI and the task pane call `buildReportPlan` with every analysed
 * table; a host applies the plan (src/hosts/xlsx/write-xlsx.ts `applyPlan`, or the Office.js host).
 */
import { buildGapSheet } from "./gap-sheet";
import { buildAllHighlights } from "./highlights";
import type { ReportInput } from "./input";
import { PLAN_VERSION, type PlannedSheet, type SheetPlan, uniqueSheetName } from "./plan";
import { buildRankSheet } from "./rank-sheet";
import { buildResponsibilitySheet } from "./responsibility-sheet";
import { L, STYLES } from "./styles";

export function buildReportPlan(input: ReportInput): SheetPlan {
  const lang = input.lang;
  const sheets: PlannedSheet[] = [];
  const taken = (): string[] => sheets.map((s) => s.name);
  for (const table of input.tables) {
    if (input.gap !== false) {
      sheets.push(buildGapSheet(table, uniqueSheetName(L.gapSheet[lang], taken()), { lang, periods: input.periods, detailUnits: input.detailUnits }));
    }
  }
  for (const table of input.tables) {
    const assignments = table.responsibility ?? input.responsibility;
    if (assignments) {
      sheets.push(buildResponsibilitySheet(table, uniqueSheetName(L.respSheet[lang], taken()), { lang, assignments, detailUnits: input.detailUnits }));
    }
  }
  for (const table of input.tables) {
    if (input.ranking !== false) {
      const sheet = buildRankSheet(table, uniqueSheetName(L.rankSheet[lang], taken()), { lang });
      if (sheet) sheets.push(sheet);
    }
  }
  return {
    version: PLAN_VERSION,
    lang,
    styles: STYLES,
    sheets,
    highlights: input.highlights === false ? [] : buildAllHighlights(input.tables),
  };
}

export { buildGapSheet, DETAILED_UNITS_LIMIT } from "./gap-sheet";
export { buildRankSheet, rankedColumns } from "./rank-sheet";
export { buildResponsibilitySheet, responsibilityByUnit, type BodyGroup, type UnitResponsibility } from "./responsibility-sheet";
export { buildHighlights, buildAllHighlights, belowFormula, numberOf } from "./highlights";
export { areaSentence, leafSummarySentence, totalSentence, rankPhrase, changePhrase } from "./narrative";
export * from "./plan";
export type { ReportInput, ReportOptions, ReportTableInfo, ReportTableInput } from "./input";
