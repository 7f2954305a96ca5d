/**
 * readGrid against the behavioural fake: what it reads (values as the user sees them, number
 * formats, merges, hidden rows and columns), from where (used range, selection, named table),
 * how (syncs, response sizes), and the errors a user can cause.
 */
import { HostError, MAX_READ_CELLS, readGrid } from "../../../src/hosts/excel";
import { fakeExcel, seedCells, SEED_SHEET } from "./helpers";

const errorOf = async (p: Promise<unknown>): Promise<HostError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error("expected a HostError");
};

describe("the active sheet's used range", () => {
  test("values as the user sees them, number formats and merges, in one sync for the range and one per chunk", async () => {
    const { workbook, run } = fakeExcel({
      sheets: [
        {
          name: SEED_SHEET,
          cells: [
            ["Bảng điểm", null, null, null],
            ["TT", "Nội dung", "Điểm", "Ngày"],
            [1, "Lĩnh vực 1", 8.5, 45292],
            [2, "Lĩnh vực 2", { error: "#N/A" }, null],
            [3, "=1+1 (text)", { formula: "=C3*2", value: 17 }, true],
          ],
          origin: "B2",
          formats: [[], [], [null, null, "0.00", "dd/mm/yyyy"], [], [null, null, "0.0%", null]],
          merges: ["B2:E2"],
        },
      ],
    });
    const out = await run((ctx) => readGrid(ctx, { kind: "usedRange" }));
    expect(out.address).toBe("'TT Huế'!B2:E6");
    expect(out.grid.sheet).toBe(SEED_SHEET);
    expect(out.grid.origin).toEqual({ row: 1, col: 1 });
    expect(out.grid.values).toEqual([
      ["Bảng điểm", null, null, null],
      ["TT", "Nội dung", "Điểm", "Ngày"],
      [1, "Lĩnh vực 1", 8.5, "01/01/2024"],
      [2, "Lĩnh vực 2", { error: "#N/A" }, null],
      [3, "=1+1 (text)", 17, true],
    ]);
    expect(out.grid.formats?.[2]).toEqual([null, null, "0.00", "dd/mm/yyyy"]);
    expect(out.grid.formats?.[4]?.[2]).toBe("0.0%");
    expect(out.grid.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 3 }]);
    expect(out.grid.hiddenRows).toBeUndefined();
    expect(out.syncs).toBe(2);
    expect(workbook.syncs).toBe(2);
  });

  test("hidden rows and columns come from the visible cells (ExcelApi 1.9)", async () => {
    const { run } = fakeExcel({ sheets: [{ name: "S", cells: seedCells(), hiddenRows: [4, 6], hiddenColumns: [3] }] });
    const out = await run((ctx) => readGrid(ctx, { kind: "usedRange" }));
    expect(out.grid.hiddenRows).toEqual([4, 6]);
    expect(out.grid.hiddenCols).toEqual([3]);
  });

  test("without ExcelApi 1.13 and 1.9 there are no merges or hidden rows, and the same number of syncs", async () => {
    const { workbook, run } = fakeExcel({ apiVersion: "1.8", sheets: [{ name: "S", cells: seedCells(), merges: ["C1:D1"], hiddenRows: [4] }] });
    const out = await run((ctx) => readGrid(ctx, { kind: "usedRange" }));
    expect(out.grid.merges).toEqual([]);
    expect(out.grid.hiddenRows).toBeUndefined();
    expect(out.grid.values[2][2]).toBe("6,50");
    expect(workbook.syncs).toBe(2);
  });

  test("formatting down to the last row does not make a million-row read: only cells with values count", async () => {
    const { workbook, run } = fakeExcel({ sheets: [{ name: "S", cells: seedCells() }] });
    // A user formatted whole columns: the formatted used range reaches row 1,048,576.
    const sheet = workbook.requireSheet("S");
    sheet.row(1_048_575).numberFormat[0] = "0.00";
    expect(sheet.usedRect(false)?.bottom).toBe(1_048_575);
    const out = await run((ctx) => readGrid(ctx, { kind: "usedRange" }));
    expect(out.address).toBe("S!A1:F15");
    expect(Math.max(...workbook.requests.map((r) => r.responseBytes))).toBeLessThan(10_000);
  });

  test("an empty sheet is the user's to fix, said in both languages", async () => {
    const { run } = fakeExcel({ sheets: [{ name: "Trống", cells: [] }] });
    const error = await errorOf(run((ctx) => readGrid(ctx, { kind: "usedRange" })));
    expect(error.code).toBe("nothing-selected");
    expect(error.messageVi).toContain("Trống");
    expect(error.messageEn).toContain("has no data");
  });
});

describe("the selection", () => {
  test("is cut to the used range: selecting whole columns reads only what is there", async () => {
    const { workbook, run } = fakeExcel({ sheets: [{ name: SEED_SHEET, cells: seedCells() }], selection: "B:D" });
    const out = await run((ctx) => readGrid(ctx, { kind: "selection" }));
    expect(out.address).toBe("'TT Huế'!B1:D15");
    expect(out.grid.origin).toEqual({ row: 0, col: 1 });
    expect(out.grid.values[2]).toEqual(["Công tác chỉ đạo, điều hành cải cách hành chính", "6,50", "38 (5)"]);
    expect(workbook.syncs).toBe(2);
  });

  test("a selection of empty cells is nothing to read", async () => {
    const { run } = fakeExcel({ sheets: [{ name: SEED_SHEET, cells: seedCells() }], selection: "K20:M30" });
    const error = await errorOf(run((ctx) => readGrid(ctx, { kind: "selection" })));
    expect(error.code).toBe("nothing-selected");
  });

  test("merges that run past the selection are clipped to it", async () => {
    const { run } = fakeExcel({ sheets: [{ name: "S", cells: seedCells(), merges: ["C1:D1", "E1:F1"] }], selection: "A1:E15" });
    const out = await run((ctx) => readGrid(ctx, { kind: "selection" }));
    expect(out.grid.merges).toEqual([{ top: 0, left: 2, bottom: 0, right: 3 }]);
  });
});

describe("a named table", () => {
  test("reads the table's range on its own sheet, wherever the user is", async () => {
    const { workbook, run } = fakeExcel({
      sheets: [
        { name: "Ghi chú", cells: [["ghi chú"]] },
        { name: SEED_SHEET, cells: seedCells(), origin: "C3", tables: [{ name: "BangDiem", range: "C3:H17" }] },
      ],
      active: "Ghi chú",
    });
    const out = await run((ctx) => readGrid(ctx, { kind: "table", name: "bangdiem" }));
    expect(out.address).toBe("'TT Huế'!C3:H17");
    expect(out.grid.sheet).toBe(SEED_SHEET);
    expect(out.grid.values[0][0]).toBe("TT");
    expect(workbook.syncs).toBe(3);
  });

  test("a table that does not exist is named in the error", async () => {
    const { run } = fakeExcel({ sheets: [{ name: "S", cells: seedCells() }] });
    const error = await errorOf(run((ctx) => readGrid(ctx, { kind: "table", name: "Bang2019" })));
    expect(error.code).toBe("no-table");
    expect(error.messageVi).toContain("Bang2019");
    expect(error.messageEn).toContain("Bang2019");
  });
});

describe("limits", () => {
  test("an Excel without ExcelApi 1.7 is told so before any request", async () => {
    const { workbook, run } = fakeExcel({ apiVersion: "1.6", sheets: [{ name: "S", cells: seedCells() }] });
    const error = await errorOf(run((ctx) => readGrid(ctx, { kind: "usedRange" })));
    expect(error.code).toBe("api-missing");
    expect(error.messageEn).toContain("ExcelApi 1.7");
    expect(workbook.syncs).toBe(0);
  });

  test("more cells than a score table can have asks the user to select the table", async () => {
    const { workbook, run } = fakeExcel({ sheets: [{ name: "S", cells: [["a"]] }] });
    workbook.requireSheet("S").row(1_000_000).content[9] = "far away";
    const error = await errorOf(run((ctx) => readGrid(ctx, { kind: "usedRange" })));
    expect(error.code).toBe("too-large");
    expect(1_000_001 * 10).toBeGreaterThan(MAX_READ_CELLS);
    expect(workbook.syncs).toBe(1);
  });

  test("a chunk Excel refuses as too large is asked again in halves", async () => {
    const long = "x".repeat(400);
    const rows = Array.from({ length: 400 }, (_, r) => Array.from({ length: 40 }, (_, c) => `${long}${r}-${c}`));
    const { workbook, run } = fakeExcel({ sheets: [{ name: "S", cells: rows }] });
    const out = await run((ctx) => readGrid(ctx, { kind: "usedRange" }));
    expect(out.grid.values[399][39]).toBe(`${long}399-39`);
    const refused = workbook.requests.filter((r) => r.error === "ResponsePayloadSizeLimitExceeded");
    expect(refused.length).toBeGreaterThan(0);
    expect(workbook.requests.filter((r) => !r.error).every((r) => r.responseBytes <= 5_000_000)).toBe(true);
    expect(out.syncs).toBe(workbook.syncs);
  });
});
