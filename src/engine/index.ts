/**
 * ParScore engine: pure TypeScript + decimal.js. No Office.js, DOM or Node imports.
 * See README.md in this folder for the API in a page.
 */
export * from "./types";
export {
  DEFAULT_DECIMALS,
  ZERO,
  dec,
  fromSpreadsheetNumber,
  parsePoints,
  roundPoints,
  formatPoints,
  formatPointsShort,
  formatPointsExact,
  pointsToJson,
  sumPoints,
  toPoints,
} from "./points";
export type { ParsedPoints, PointsNote } from "./points";
export {
  flattenCriteria,
  leafCriteria,
  findCriterion,
  criteriaByCode,
  parentMap,
  effectiveKinds,
  nominalTotalMax,
  validateTree,
} from "./tree";
export type { TreeValidationOptions } from "./tree";
export { rollUpColumn } from "./rollup";
export type { RollupOptions, ColumnRollup } from "./rollup";
export { leafSummary, applyAppraisalDeductions, matchingSelfColumns } from "./deductions";
export { competitionRanks, rankTables, checkPublishedRanks, findRankTable, formatRankLabel, rankingValue, comparePeriods } from "./ranks";
export type { RankOn, RankOptions, RankEntry, RankTablesOptions } from "./ranks";
export { computeChanges, changePhrase, pointsChangePhrase, rankChangePhrase, rankFor } from "./changes";
export { applicableRank, rankIndex, rankTableKey, type RankIndex, type RankView } from "./ranks";
export { unitViews, latest, rankFor as rankViewFor, changeInto, type UnitView } from "./views";
export type { ChangesOptions } from "./changes";
export { classify, checkScheme, bandsFor, PAR_2022_PROVINCE_GROUPS, PROVINCE_DEPARTMENT_RATING, PROVINCE_UNITS_RATING, EXAMPLE_CLASS_SCHEMES } from "./classes";
export type { ClassScheme, ClassBand, ClassCap, BlockBands, Threshold } from "./classes";
export { targetGap } from "./targets";
export type { TargetOptions, TargetGap, TargetCandidate } from "./targets";
export { analyse } from "./analyse";
export type { AnalysisOptions } from "./analyse";
export { nodeName, columnName } from "./text";
