/** Grid -> Scorecard: the score tables as they circulate. */
export * from "./grid";
export { recogniseGrid } from "./recognise";
export type { Layout, RecogniseOptions, RecognisedTable, Recognition } from "./recognise";
export { getTemplate, listTemplates, parseTemplate, TemplateError, templateNodes } from "./templates";
export type { Template, TemplateNode } from "./templates";
export { applyTemplate, scoreTemplate } from "./apply-template";
export { detectLegacy, toUnicode, tcvn3ToUnicode, vniToUnicode, TCVN3_TO_UNICODE, VNI_TO_UNICODE } from "./legacy";
export type { LegacyEncoding, LegacyDetection } from "./legacy";
export { parseCode, splitCodeTitle, buildTreeFromCodes, buildTreeFromLayout, romanValue } from "./codes";
export type { ParsedCode, CodeKind } from "./codes";
export { readPointsCell, readRankCell } from "./values";
export { headerRole, headerPeriod } from "./vocabulary";
export type { HeaderRole } from "./vocabulary";
export { fold, foldTitle } from "./text";
