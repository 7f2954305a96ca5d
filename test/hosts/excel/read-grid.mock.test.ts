/**
 * readGrid with Microsoft's office-addin-mock: a property that was not loaded, or loaded but not
 * synced, reads as an error string instead of its value — as in Office.js, where it throws. A
 * grid without those strings proves every property readGrid uses was loaded and synced first.
 */
import { OfficeMockObject } from "office-addin-mock";
import { readGrid } from "../../../src/hosts/excel";

// office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose own
// dependencies are ES modules jest does not load untransformed; give it the enum directly.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", Project: "project", PowerPoint: "powerpoint", Word: "word" },
}));

const NOT_LOADED = "Error, property was not loaded";
const NOT_SYNCED = "Error, context.sync() was not called";

function installOffice(apiVersion: string): void {
  const [major, minor] = apiVersion.split(".").map(Number);
  (globalThis as { Office?: unknown }).Office = {
    context: {
      requirements: {
        isSetSupported: (name: string, version?: string) => {
          const [m, n] = (version ?? "1.1").split(".").map(Number);
          return name === "ExcelApi" && (m < major || (m === major && n <= minor));
        },
      },
    },
  };
}

const VALUES = [
  ["TT", "Nội dung đánh giá", "Năm 2019", null],
  [null, null, "Điểm số", "Xếp hạng"],
  [1, "Công tác chỉ đạo", 8, "4(12)"],
  [2, "Văn bản QPPL", "#N/A", ""],
];
const FORMATS = [
  ["General", "General", "General", "General"],
  ["General", "General", "General", "General"],
  ["General", "@", "0.00", "@"],
  ["General", "@", "General", "General"],
];

/** Ranges readGrid asked for with getRangeByIndexes. */
let asked: number[][] = [];

function untrackSelf(this: unknown): unknown {
  return this;
}

/** Mock data: the active sheet, its used range B3:E6, and the range readGrid asks for. */
function mockContext(): { context: Excel.RequestContext; mock: any } {
  asked = [];
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          sheet: {
            name: "TT Huế",
            // Ranges used for one read are untracked (src/hosts/excel/ranges.ts): untrack() returns the range.
            used: { rowIndex: 2, columnIndex: 1, rowCount: 4, columnCount: 4, untrack: untrackSelf },
            chunk: {
              values: VALUES,
              numberFormat: FORMATS,
              merged: { address: "'TT Huế'!D3:E3", untrack: untrackSelf },
              visible: { address: "'TT Huế'!B3:E4,'TT Huế'!B6:E6", untrack: untrackSelf },
              untrack: untrackSelf,
              getMergedAreasOrNullObject: function () {
                return this.merged;
              },
              getSpecialCellsOrNullObject: function () {
                return this.visible;
              },
            },
            getUsedRangeOrNullObject: function () {
              return this.used;
            },
            getRangeByIndexes: function (row: number, col: number, rows: number, cols: number) {
              asked.push([row, col, rows, cols]);
              return this.chunk;
            },
          },
          getActiveWorksheet: function () {
            return this.sheet;
          },
        },
      },
    },
  }) as any;
  // Office.js answers isNullObject after a sync without a load; the mock needs it set plainly.
  const sheet = mock.context.workbook.worksheets.sheet;
  sheet.used.isNullObject = false;
  sheet.chunk.merged.isNullObject = false;
  sheet.chunk.visible.isNullObject = false;
  return { context: mock.context as Excel.RequestContext, mock };
}

function containsMockError(value: unknown): boolean {
  if (value === NOT_LOADED || value === NOT_SYNCED) return true;
  if (Array.isArray(value)) return value.some(containsMockError);
  if (value && typeof value === "object") return Object.values(value).some(containsMockError);
  return false;
}

test("every property readGrid reads was loaded and synced (ExcelApi 1.13: with merges and hidden rows)", async () => {
  installOffice("1.13");
  const { context } = mockContext();
  const out = await readGrid(context, { kind: "usedRange" });
  expect(containsMockError(out)).toBe(false);
  expect(asked).toEqual([[2, 1, 4, 4]]);
  expect(out.address).toBe("'TT Huế'!B3:E6");
  expect(out.grid.origin).toEqual({ row: 2, col: 1 });
  expect(out.grid.values).toEqual([
    ["TT", "Nội dung đánh giá", "Năm 2019", null],
    [null, null, "Điểm số", "Xếp hạng"],
    [1, "Công tác chỉ đạo", 8, "4(12)"],
    [2, "Văn bản QPPL", { error: "#N/A" }, null],
  ]);
  expect(out.grid.formats?.[2]).toEqual([null, "@", "0.00", "@"]);
  expect(out.grid.merges).toEqual([{ top: 0, left: 2, bottom: 0, right: 3 }]);
  expect(out.grid.hiddenRows).toEqual([2]);
  expect(out.syncs).toBe(2);
});

test("with ExcelApi 1.7 only, no optional calls are made and the grid is still whole", async () => {
  installOffice("1.7");
  const { context } = mockContext();
  const out = await readGrid(context, { kind: "usedRange" });
  expect(containsMockError(out)).toBe(false);
  expect(out.grid.merges).toEqual([]);
  expect(out.grid.hiddenRows).toBeUndefined();
  expect(out.grid.values[2][2]).toBe(8);
  expect(out.grid.formats?.[2]).toEqual([null, "@", "0.00", "@"]);
});

test("the mock catches a read without a load: what readGrid would see if it skipped one", async () => {
  installOffice("1.7");
  const { mock } = mockContext();
  const range = mock.context.workbook.worksheets.sheet.chunk;
  range.load("values");
  await mock.context.sync();
  expect(range.values).toEqual(VALUES);
  expect(range.numberFormat).toBe(NOT_LOADED);
});
