/**
 * Shared by the Office.js host tests: a fake workbook installed as the Office and Excel globals,
 * and the report plan built from the seed table the way the CLI builds it.
 */
import { readFileSync } from "fs";
import * as path from "path";
import { readDelimitedGrid } from "../../../src/hosts/csv/read-csv";
import { analyseGrids } from "../../../src/pipeline/run";
import { buildReportPlan, type SheetPlan } from "../../../src/report";
import type { Grid } from "../../../src/tables/grid";
import { createFakeWorkbook, installFakeOffice, type FakeWorkbook, type WorkbookSpec } from "../../fake-excel";

export const SEED_SHEET = "TT Huế";
export const SEED_FILE = path.join(__dirname, "../../fixtures/tables/thua-thien-hue-2019-areas.tsv");

/** The seed table as the CSV host reads it: text exactly as typed ("6,50" stays text). */
export function seedGrid(): Grid {
  return readDelimitedGrid(readFileSync(SEED_FILE, "utf8"), { sheet: SEED_SHEET });
}

/** The seed table's cells for a fake sheet. */
export function seedCells(): (string | number | null)[][] {
  return seedGrid().values.map((row) => row.map((v) => (v === null || typeof v === "string" || typeof v === "number" ? v : String(v))));
}

export function planFor(grids: Grid[], options: { gap?: boolean; ranking?: boolean; highlights?: boolean } = {}): SheetPlan {
  const result = analyseGrids(grids);
  return buildReportPlan({ lang: "vi", tables: result.tables, ...options });
}

export interface FakeExcel {
  workbook: FakeWorkbook;
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/** Creates a fake workbook and installs it as globalThis.Office / globalThis.Excel. */
export function fakeExcel(spec: WorkbookSpec): FakeExcel {
  const workbook = createFakeWorkbook(spec);
  installFakeOffice(globalThis, workbook);
  return { workbook, run: (batch) => Excel.run(batch) };
}

/** Requests made by the fake since `from` (an index into workbook.requests). */
export function requestsSince(workbook: FakeWorkbook, from: number) {
  return workbook.requests.slice(from);
}
