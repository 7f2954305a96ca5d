/** A grid packed for postMessage comes back equal, every kind of cell and ragged rows included; a bad packing is refused. */
import { isPackedGrid, packGrid, packedBuffers, unpackGrid } from "../../src/taskpane/grid-transfer";
import { parseRequest, wireRequest } from "../../src/taskpane/pipeline-protocol";
import type { Grid } from "../../src/tables/grid";
import { seedGrid } from "./seed";

const mixed: Grid = {
  sheet: "Cấp xã",
  origin: { row: 2, col: 1 },
  values: [
    ["STT", "Đơn vị", "0,57", 0.57, null],
    [1, "Xã A", "0,57", -0, true, false, { error: "#N/A" }, { error: "", formula: "SUM(A1:A2)" }],
    [],
    [Number.MAX_SAFE_INTEGER, 1e-7, "", "0,57"],
  ],
  formats: [[null, "@", "0.00"], ["0.00", null]],
  merges: [{ top: 0, left: 0, bottom: 0, right: 1 }],
  hiddenRows: [2],
  findings: [],
};

test("every kind of cell, ragged rows and formats come back as they were; the same text is sent once", () => {
  const packed = packGrid(mixed);
  expect(unpackGrid(structuredClone(packed))).toEqual(mixed);
  expect(Object.is(unpackGrid(packed).values[1][3], -0)).toBe(true);
  expect(packed.packed.distinct.filter((v) => v === "0,57")).toHaveLength(1);
  expect(unpackGrid(packGrid(seedGrid()))).toEqual(seedGrid());
});

test("the typed arrays are what is transferred; after a transfer the pane's grid is still whole", () => {
  const grid = seedGrid();
  const { message, transfer } = wireRequest({ type: "analyse", job: 1, grid });
  expect(transfer.length).toBe(3);
  const received = structuredClone(message, { transfer });
  expect(transfer.every((b) => b.byteLength === 0)).toBe(true); // detached: moved, not copied
  expect(grid).toEqual(seedGrid());
  expect(parseRequest(received)).toEqual({ type: "analyse", job: 1, grid: seedGrid() });
  const grids = [seedGrid(), mixed];
  const consolidate = wireRequest({ type: "consolidate", job: 2, grids });
  expect(consolidate.transfer).toHaveLength(9);
  expect(parseRequest(structuredClone(consolidate.message, { transfer: consolidate.transfer }))).toEqual({ type: "consolidate", job: 2, grids: [seedGrid(), mixed] });
});

test("a packing that does not add up is no grid (a bad message must not crash the worker)", () => {
  const good = packGrid(mixed);
  expect(isPackedGrid(good)).toBe(true);
  expect(packedBuffers(good)).toHaveLength(6);
  const outOfRange = packGrid(mixed);
  outOfRange.packed.codes[0] = outOfRange.packed.distinct.length;
  expect(isPackedGrid(outOfRange)).toBe(false);
  const short = { ...packGrid(mixed), packed: { ...packGrid(mixed).packed, widths: new Uint32Array([1]) } };
  expect(isPackedGrid(short)).toBe(false);
  expect(isPackedGrid({ ...packGrid(mixed), packed: { ...packGrid(mixed).packed, codes: [0] } })).toBe(false);
  expect(parseRequest({ type: "analyse", job: 1, grid: outOfRange })).toBeNull();
});
