/**
 * A behavioural in-memory fake of the Excel JavaScript API subset ParScore uses, for tests in
 * jest and (bundled, see browser-entry.ts) in a browser. It behaves like Office.js where ParScore
 * could go wrong: queued writes apply on sync, reads before load+sync throw, requests and
 * responses are measured and refused over 5 MB as Excel on the web does, protection is enforced,
 * written values are parsed as typed input.
 */
export { createFakeWorkbook, snapshot, sheetSnapshot, sheetValues } from "./build";
export type { FakeWorkbook, WorkbookSpec, SheetSpec, SpecCell, WorkbookSnapshot, SheetSnapshot, CellSnapshot } from "./build";
export { installFakeOffice, isSetSupported, EXCEL_ENUMS, type InstalledFake } from "./office";
export { FakeRequestContext } from "./client";
export { FakeOfficeError } from "./errors";
export type { RequestRecord } from "./model";
