/**
 * Reading a named sheet (the pane's responsibility table) and listing the sheets, against the behavioural
 * fake: constant syncs, the sheet's used range whichever sheet is active, and located bilingual errors.
 */
import { HostError, listSheets, readGrid } from "../../../src/hosts/excel";
import { fakeExcel, seedCells, SEED_SHEET } from "./helpers";

const spec = () => ({
  sheets: [
    { name: SEED_SHEET, cells: seedCells() },
    { name: "Phân công", cells: [["Mã tiêu chí", "Cơ quan chủ trì"], ["1", "Sở Nội vụ"]], origin: "B3" },
    { name: "Trống", cells: [] },
  ],
  active: SEED_SHEET,
});

test("a named sheet's used range is read (not the active sheet's), in two syncs plus one per chunk", async () => {
  const { workbook, run } = fakeExcel(spec());
  const out = await run((ctx) => readGrid(ctx, { kind: "sheet", name: "Phân công" }));
  expect(out.address).toBe("'Phân công'!B3:C4");
  expect(out.grid.values).toEqual([
    ["Mã tiêu chí", "Cơ quan chủ trì"],
    ["1", "Sở Nội vụ"],
  ]);
  expect(out.syncs).toBe(3);
  expect(workbook.syncs).toBe(3);
});

test("the sheets in tab order, in one sync", async () => {
  const { workbook, run } = fakeExcel(spec());
  expect(await run((ctx) => listSheets(ctx))).toEqual([SEED_SHEET, "Phân công", "Trống"]);
  expect(workbook.syncs).toBe(1);
});

test("a sheet that is not there, or is empty, is said in both languages", async () => {
  const { run } = fakeExcel(spec());
  const missing = await run((ctx) => readGrid(ctx, { kind: "sheet", name: "Không có" })).catch((e: unknown) => e);
  expect(missing).toBeInstanceOf(HostError);
  expect((missing as HostError).messageVi).toContain("Không có trang 'Không có' trong sổ làm việc");
  expect((missing as HostError).messageEn).toContain("There is no sheet named 'Không có'");
  const empty = await run((ctx) => readGrid(ctx, { kind: "sheet", name: "Trống" })).catch((e: unknown) => e);
  expect((empty as HostError).messageVi).toContain("Trang 'Trống' chưa có dữ liệu");
});
