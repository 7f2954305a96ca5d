/**
 * A Grid in a form that crosses postMessage cheaply: a national table is 1.2 million cells, and a
 * structured clone writes and reads every cell as its own value (the worker spent seconds reading
 * them back). Packed, each cell is one entry of a typed array: a number itself, anything else an
 * index into a list of the grid's distinct values (the same text, "0,57", is sent once). The typed
 * arrays are transferred, not copied. Unpacking gives back a Grid equal to the one packed.
 */
import type { CellValue, Grid } from "../tables/grid";

/** One 2-D array of cells, packed. */
export interface PackedCells {
  /** Each row's length (rows may be ragged). */
  widths: Uint32Array;
  /** Per cell, row after row: -1 for a number (in `numbers`), else an index into `distinct`. */
  codes: Int32Array;
  numbers: Float64Array;
  distinct: (CellValue | string | null)[];
}

/** A Grid whose values (and formats) are packed; everything else as it is. */
export type PackedGrid = Omit<Grid, "values" | "formats"> & { packed: PackedCells; packedFormats?: PackedCells };

const NUMBER = -1;

export function packCells(rows: readonly (readonly (CellValue | string | null)[])[]): PackedCells {
  let cells = 0;
  for (const row of rows) cells += row.length;
  const widths = new Uint32Array(rows.length);
  const codes = new Int32Array(cells);
  const numbers = new Float64Array(cells);
  const distinct: (CellValue | string | null)[] = [];
  const strings = new Map<string, number>();
  let nullCode = -1;
  let i = 0;
  rows.forEach((row, r) => {
    widths[r] = row.length;
    for (const value of row) {
      if (typeof value === "number") {
        codes[i] = NUMBER;
        numbers[i] = value;
      } else if (typeof value === "string") {
        let code = strings.get(value);
        if (code === undefined) {
          code = distinct.push(value) - 1;
          strings.set(value, code);
        }
        codes[i] = code;
      } else if (value === null || value === undefined) {
        if (nullCode < 0) nullCode = distinct.push(null) - 1;
        codes[i] = nullCode;
      } else {
        // Booleans and error cells are few: each kept as it is.
        codes[i] = distinct.push(value) - 1;
      }
      i++;
    }
  });
  return { widths, codes, numbers, distinct };
}

export function unpackCells<T extends CellValue | string | null>(packed: PackedCells): T[][] {
  const { widths, codes, numbers, distinct } = packed;
  const rows: T[][] = new Array<T[]>(widths.length);
  let i = 0;
  for (let r = 0; r < widths.length; r++) {
    const row = new Array<T>(widths[r]);
    for (let c = 0; c < widths[r]; c++, i++) {
      const code = codes[i];
      row[c] = (code === NUMBER ? numbers[i] : distinct[code]) as T;
    }
    rows[r] = row;
  }
  return rows;
}

export function packGrid(grid: Grid): PackedGrid {
  const { values, formats, ...rest } = grid;
  const packed: PackedGrid = { ...rest, packed: packCells(values) };
  if (formats) packed.packedFormats = packCells(formats);
  return packed;
}

export function unpackGrid(packed: PackedGrid): Grid {
  const { packed: values, packedFormats, ...rest } = packed;
  const grid: Grid = { ...rest, values: unpackCells<CellValue>(values) };
  if (packedFormats) grid.formats = unpackCells<string | null>(packedFormats);
  return grid;
}

/** The buffers to transfer with a packed grid (they are the grid's alone: packing made them). */
export function packedBuffers(grid: PackedGrid): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const c of grid.packedFormats ? [grid.packed, grid.packedFormats] : [grid.packed]) buffers.push(c.widths.buffer as ArrayBuffer, c.codes.buffer as ArrayBuffer, c.numbers.buffer as ArrayBuffer);
  return buffers;
}

/** By its tag, not instanceof: an array made in another realm (a test's structuredClone) is one too. */
function isTyped(x: unknown, name: string): boolean {
  return Object.prototype.toString.call(x) === `[object ${name}]`;
}

function isPackedCells(x: unknown): x is PackedCells {
  if (typeof x !== "object" || x === null) return false;
  const p = x as Partial<PackedCells>;
  if (!isTyped(p.widths, "Uint32Array") || !isTyped(p.codes, "Int32Array") || !isTyped(p.numbers, "Float64Array") || !Array.isArray(p.distinct)) return false;
  let cells = 0;
  for (const w of p.widths!) cells += w;
  if (cells !== p.codes!.length || cells !== p.numbers!.length) return false;
  const n = p.distinct.length;
  for (const code of p.codes!) if (code < NUMBER || code >= n) return false;
  return true;
}

/** A packed grid as posted (its shape checked: a bad message must not crash the worker). */
export function isPackedGrid(x: unknown): x is PackedGrid {
  if (typeof x !== "object" || x === null) return false;
  const g = x as Partial<PackedGrid>;
  return typeof g.sheet === "string" && isPackedCells(g.packed) && (g.packedFormats === undefined || isPackedCells(g.packedFormats));
}
