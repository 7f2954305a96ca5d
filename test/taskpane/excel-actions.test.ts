/**
 * The pane's Excel side on the behavioural fake (test/fake-excel) in Node: the API check, and a
 * Session running the whole job through createExcelActions (Excel.run around src/hosts/excel).
 */
import { createFakeWorkbook, installFakeOffice, snapshot, type FakeWorkbook } from "../fake-excel";
import { apiSupported, createExcelActions } from "../../src/taskpane/excel-actions";
import { Session } from "../../src/taskpane/session";
import * as work from "../../src/taskpane/work";
import { SEED_SHEET, seedRows } from "./seed";

const g = globalThis as { Office?: unknown; Excel?: unknown };

function install(workbook: FakeWorkbook): void {
  installFakeOffice(globalThis, workbook);
}

afterEach(() => {
  delete g.Office;
  delete g.Excel;
});

test("the API check follows what Excel reports, and needs Office.js at all", () => {
  expect(apiSupported()).toBe(false); // no Office, no Excel
  install(createFakeWorkbook({ sheets: [{ name: "S", cells: [["x"]] }], apiVersion: "1.2" }));
  expect(apiSupported()).toBe(false);
  install(createFakeWorkbook({ sheets: [{ name: "S", cells: [["x"]] }] }));
  expect(apiSupported()).toBe(true);
  expect(createExcelActions().requiredApi).toMatch(/^1\.\d+$/);
});

test("a Session on the fake: find, write, select, remove highlights", async () => {
  const workbook = createFakeWorkbook({ sheets: [{ name: SEED_SHEET, cells: seedRows() }], active: SEED_SHEET });
  install(workbook);
  const s = new Session({ actions: async () => createExcelActions(), work: async () => work });
  await s.checkApi();
  expect(s.getState().api).toBe("ok");

  await s.find({ kind: "usedRange" });
  expect(s.getState().error).toBeNull();
  expect(s.getState().found?.address).toBe(`'${SEED_SHEET}'!A1:F15`);

  await s.write({ gap: true, ranking: true, highlights: true }, "vi");
  expect(s.getState().error).toBeNull();
  const written = s.getState().written!.outcome;
  expect(written.sheets).toHaveLength(1);
  expect(written.highlights).toBeGreaterThan(0);
  const snap = snapshot(workbook);
  const gap = snap.sheets.find((sheet) => sheet.name === written.sheets[0])!;
  expect(Object.values(gap.cells).map((c) => c.value)).toContain(83.06);

  await s.selectCell(SEED_SHEET, "E10");
  expect(snapshot(workbook).selection).toBe(`'${SEED_SHEET}'!E10`);

  await s.removeHighlights();
  expect(s.getState().notice).toEqual({ kind: "highlights-removed", count: written.highlights });
  const user = snapshot(workbook).sheets.find((sheet) => sheet.name === SEED_SHEET)!;
  expect(user.conditionalFormats).toEqual([]);
});

test("a selection with nothing in it is the host's nothing-selected error, in both languages", async () => {
  const workbook = createFakeWorkbook({ sheets: [{ name: SEED_SHEET, cells: seedRows() }], selection: "K40" });
  install(workbook);
  const s = new Session({ actions: async () => createExcelActions(), work: async () => work });
  await s.checkApi();
  await s.find({ kind: "selection" });
  const error = s.getState().error;
  expect(error?.kind).toBe("nothing-selected");
  expect(error && "detail" in error && error.detail?.vi).toMatch(/Vùng đang chọn/);
});
