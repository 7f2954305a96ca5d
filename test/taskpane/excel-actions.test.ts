/**
 * The pane's Excel side on the behavioural fake (test/fake-excel) in Node: the API check, and a
 * Session running the whole job through createExcelActions (Excel.run around src/hosts/excel).
 */
import { createFakeWorkbook, installFakeOffice, snapshot, type FakeWorkbook } from "../fake-excel";
import { apiSupported, createExcelActions } from "../../src/taskpane/excel-actions";
import { Session } from "../../src/taskpane/session";
import { PANE_MAX_CELLS } from "../../src/taskpane/limits";
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
  // Formulas by default: the fake Excel keeps them (Excel computes 83.06 from the seed's cells).
  expect(Object.values(gap.cells).some((c) => c.formula?.startsWith("=ROUND(ROUND(SUM(") && c.formula.includes(`'${SEED_SHEET}'!`))).toBe(true);
  await s.write({ gap: true, ranking: true, highlights: true, formulas: false }, "vi");
  const values = snapshot(workbook).sheets.find((sheet) => sheet.name === s.getState().written!.outcome.sheets[0])!;
  expect(Object.values(values.cells).map((c) => c.value)).toContain(83.06);

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

test("measureSource: the rectangle read() reads, in one sync, without reading a cell", async () => {
  const workbook = createFakeWorkbook({ sheets: [{ name: SEED_SHEET, cells: seedRows() }], active: SEED_SHEET, selection: "B3:Z9" });
  install(workbook);
  const actions = createExcelActions();
  const before = workbook.syncs;
  expect(await actions.measure!({ kind: "usedRange" })).toEqual({ cells: 15 * 6, address: `'${SEED_SHEET}'!A1:F15` });
  expect(workbook.syncs - before).toBe(1);
  expect(workbook.requests[workbook.requests.length - 1].responseBytes).toBeLessThan(500);
  // The selection cut to the used range, as read() cuts it.
  expect(await actions.measure!({ kind: "selection" })).toEqual({ cells: 7 * 5, address: `'${SEED_SHEET}'!B3:F9` });
  const read = await actions.read({ kind: "selection" });
  expect(read.address).toBe(`'${SEED_SHEET}'!B3:F9`);
  expect(await actions.measure!({ kind: "table", name: "Bảng1" })).toBeNull();
  // Nothing there: no measure; read() says what is wrong.
  install(createFakeWorkbook({ sheets: [{ name: "Trống", cells: [] }] }));
  expect(await createExcelActions().measure!({ kind: "usedRange" })).toBeNull();
});

test("a sheet over the pane's limit is refused after one sync: never read, never analysed", async () => {
  // A table at A1 and a stray value far down and to the right: the used range is 11,000 x 130.
  const cells: (string | null)[][] = seedRows();
  const far: (string | null)[] = new Array(130).fill(null);
  far[129] = "ghi chú";
  const workbook = createFakeWorkbook({ sheets: [{ name: SEED_SHEET, cells: [...cells, ...new Array(11_000 - cells.length - 1).fill([]), far] }] });
  install(workbook);
  const s = new Session({ actions: async () => createExcelActions(), work: async () => work });
  await s.checkApi();
  const before = workbook.syncs;
  await s.find({ kind: "usedRange" });
  expect(s.getState().error).toEqual({ kind: "too-large", cells: 11_000 * 130, limit: PANE_MAX_CELLS, address: `'${SEED_SHEET}'!A1:DZ11000` });
  expect(workbook.syncs - before).toBe(1);
});
