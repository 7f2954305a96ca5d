/**
 * Grids cost what the sheet holds: random sparse cells anywhere up to XFD1048576 never give Grids
 * of more than a bounded multiple of the cells present (plus one allowance for a whole sheet), and
 * a table among stray cells stays whole.
 */
import fc from "fast-check";
import { readXlsxGrids } from "../../src/hosts/xlsx/read-xlsx";
import { DENSITY, occupiedRegions, SLACK } from "../../src/hosts/xlsx/regions";
import { a1, type Rect } from "../../src/tables/grid";
import { cell, sheetXml, smallTableRows, workbookOf } from "../robustness/xlsx-parts";

const LAST_ROW = 1_048_575;
const LAST_COL = 16_383;

/** The bound regions.ts documents: about 104 cells of grid per cell held, plus one sheet's allowance. */
const PER_CELL = 104;

function area(r: Rect): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

const anywhere = fc.record({ row: fc.integer({ min: 0, max: LAST_ROW }), col: fc.integer({ min: 0, max: LAST_COL }) });
/** Cells anywhere, in clusters, on a diagonal: the layouts that defeat a bounding box. */
const layouts = fc.oneof(
  fc.array(anywhere, { minLength: 1, maxLength: 300 }),
  fc.tuple(anywhere, fc.array(fc.record({ row: fc.integer({ min: 0, max: 40 }), col: fc.integer({ min: 0, max: 40 }) }), { minLength: 1, maxLength: 300 })).map(([at, cells]) =>
    cells.map((c) => ({ row: Math.min(LAST_ROW, at.row + c.row), col: Math.min(LAST_COL, at.col + c.col) })),
  ),
  fc.tuple(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 50 })).map(([n, step]) => Array.from({ length: n }, (_, i) => ({ row: i * step, col: Math.min(LAST_COL, i) }))),
);

describe("occupiedRegions", () => {
  test("random sparse cells up to XFD1048576: every cell in one region, regions apart, total area bounded (500 runs)", () => {
    fc.assert(
      fc.property(layouts, (cells) => {
        const unique = [...new Map(cells.map((c) => [`${c.row},${c.col}`, c])).values()];
        const regions = occupiedRegions(unique.map((c) => ({ top: c.row, left: c.col, bottom: c.row, right: c.col })));
        const total = regions.reduce((s, g) => s + area(g.box), 0);
        expect(total).toBeLessThanOrEqual(PER_CELL * unique.length + SLACK);
        if (regions.length === 1) expect(total).toBeLessThanOrEqual(DENSITY * unique.length + SLACK);
        for (const c of unique) {
          const holding = regions.filter((g) => c.row >= g.box.top && c.row <= g.box.bottom && c.col >= g.box.left && c.col <= g.box.right);
          expect(holding).toHaveLength(1);
        }
        expect(regions.reduce((s, g) => s + g.items, 0)).toBe(unique.length);
      }),
      { numRuns: 500 },
    );
  });

  test("a table with blank rows and columns inside stays one region; a stray cell far away becomes its own", () => {
    const table: Rect[] = [];
    for (let r = 0; r < 61; r++) for (let c = 0; c < 12; c++) if (r % 7 !== 3 && c !== 5) table.push({ top: r, left: c, bottom: r, right: c });
    expect(occupiedRegions(table).map((g) => g.box)).toEqual([{ top: 0, left: 0, bottom: 60, right: 11 }]);
    const stray = { top: LAST_ROW, left: LAST_COL, bottom: LAST_ROW, right: LAST_COL };
    expect(occupiedRegions([...table, stray]).map((g) => g.box)).toEqual([{ top: 0, left: 0, bottom: 60, right: 11 }, stray]);
  });
});

describe("readXlsxGrids on sparse sheets", () => {
  test("a table among random stray cells: read whole, and the Grids stay within the bound (60 runs)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anywhere.filter((c) => c.row > 20 || c.col > 20), { maxLength: 60 }), async (strays) => {
        const byRow = new Map<number, string[]>();
        for (const s of strays) byRow.set(s.row, [...(byRow.get(s.row) ?? []), cell(a1(s.row, s.col), s.row + s.col)]);
        const strayRows = [...byRow.entries()]
          .sort((x, y) => x[0] - y[0])
          .map(([r, cells]) => `<row r="${r + 1}">${[...new Set(cells)].sort((x, y) => Number(/r="[A-Z]+(\d+)"/.exec(x)) - Number(/r="[A-Z]+(\d+)"/.exec(y))).join("")}</row>`);
        const bytes = workbookOf([{ name: "S", xml: sheetXml([...smallTableRows(), ...strayRows]) }]);
        const grids = await readXlsxGrids(bytes);
        const held = 7 * 6 - 1 + new Set(strays.map((s) => `${s.row},${s.col}`)).size;
        const total = grids.reduce((s, g) => s + g.values.length * (g.values[0]?.length ?? 0), 0);
        expect(total).toBeLessThanOrEqual(PER_CELL * held + SLACK);
        const table = grids.find((g) => g.origin.row === 0 && g.origin.col === 0);
        expect(table?.values[0]?.slice(0, 7)).toEqual(["STT", "Đơn vị", "Tiêu chí 1", "Tiêu chí 2", "Tiêu chí 3", "Tiêu chí 4", "Tổng điểm"]);
        expect(table?.values[5]?.[1]).toBe("Sở 4");
      }),
      { numRuns: 60 },
    );
  });
});
