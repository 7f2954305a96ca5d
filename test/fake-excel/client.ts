/**
 * Fake Office.js objects for the subset of the Excel object model ParScore uses. Each class
 * declares the Office.js members it mirrors with `implements Pick<Excel.X, ...>`, so property
 * names and types are checked against @types/office-js; methods returning other Excel objects
 * return the fakes (cast once, at the Excel.run boundary).
 */
export * from "./context";
export * from "./workbook-objects";
export * from "./range";
export * from "./range-format";
export * from "./conditional-formats";
export * from "./charts";
export * from "./names";
