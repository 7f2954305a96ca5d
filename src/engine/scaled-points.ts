/**
 * A score column's points read straight into the columnar lane's integers (10^-6 points), for the
 * readers of big tables: a commune table has 1.2 million point cells, and a PointValue for each (a
 * Decimal, a Location, the cell's address) was most of its recognition time and garbage. `ScaledPoints`
 * is the column's `points` Map; a PointValue is made only when one is read (`get`, or iterating, which
 * makes them all). The lane (`columnar.ts`), the published decimals of ranks and the report's
 * highlights read the integers and the cells' coordinates without making any.
 *
 * Only cells that read the same either way take this path: a bare number typed as text ("0,57",
 * "8.75", "-2") or a number stored as one (not shown as a percentage), with at most SCALE_DECIMALS
 * decimals and below MAX_MAGNITUDE. Every other cell (N/A, blanks with a finding, errors, "8,75 điểm",
 * more decimals) keeps the PointValue its reader made.
 */
import Decimal from "decimal.js";
import type { Location, PointValue, Points } from "./types";
import { LazyMap } from "./lazy-map";

/** Decimals of the lane's integers: a point is 1,000,000 units. */
export const SCALE_DECIMALS = 6;
/** Sums of up to MAX_NODES integers below MAX_MAGNITUDE stay below 2^53, where doubles stop being exact. */
export const MAX_NODES = 4096;
export const MAX_MAGNITUDE = Math.floor(Number.MAX_SAFE_INTEGER / MAX_NODES);

/** The Decimal of an integer of 10^-decimals points (made only for what is shown, written or compared). */
export function decimalOfScaled(n: number, decimals = SCALE_DECIMALS): Points {
  // A penalty of 0 is -0 in decimal.js (0 made negative), and stays so here.
  if (n === 0) return new Decimal(n);
  return new Decimal(decimals === 0 ? String(n) : `${n}e-${decimals}`);
}

/** The decimals decimal.js gives the value (`decimalPlaces`: trailing zeros dropped) of an integer of 10^-6 points. */
export function decimalsOfScaled(n: number): number {
  let decimals = SCALE_DECIMALS;
  while (decimals > 0 && n % 10 === 0) {
    n /= 10;
    decimals--;
  }
  return decimals;
}

/**
 * "0,57", "8.75", "-2" (what `parsePoints` reads as `new Decimal` of the same digits, /^-?\d+([.,]\d+)?$/) as an
 * integer of 10^-6 points; undefined when the text is not that bare, or the value is beyond the lane. Read
 * character by character: a commune table has a million such cells.
 */
export function scaledOfBareText(text: string): number | undefined {
  const length = text.length;
  const negative = length > 0 && text.charCodeAt(0) === 45; // "-"
  let i = negative ? 1 : 0;
  const wholeStart = i;
  let whole = 0;
  for (; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
  }
  // At most 9 digits (leading zeros too) before the separator: every step below is an exact integer.
  const wholeDigits = i - wholeStart;
  if (wholeDigits === 0 || wholeDigits > 9) return undefined;
  // The first SCALE_DECIMALS decimals, in millionths; decimals after the last non-zero one are dropped.
  let fraction = 0;
  if (i < length) {
    const separator = text.charCodeAt(i);
    if (separator !== 46 && separator !== 44) return undefined; // "." or ","
    let places = 0;
    let significant = 0;
    for (i++; i < length; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return undefined;
      places++;
      if (digit !== 0) significant = places;
      if (places <= SCALE_DECIMALS) fraction = fraction * 10 + digit;
    }
    if (places === 0 || significant > SCALE_DECIMALS) return undefined;
    if (places < SCALE_DECIMALS) fraction *= 10 ** (SCALE_DECIMALS - places);
  }
  const n = whole * 1e6 + fraction;
  if (!(n < MAX_MAGNITUDE)) return undefined;
  return negative ? -n : n;
}

/** A spreadsheet's number as `fromSpreadsheetNumber` reads it (15 significant digits), in 10^-6 points. */
export function scaledOfNumber(n: number): number | undefined {
  if (!Number.isFinite(n)) return undefined;
  const text = n.toPrecision(15);
  return text.includes("e") ? undefined : scaledOfBareText(text);
}

/** The codes of a table's points columns, and where each unit's cells are; one per table, shared by its columns. */
export interface PointsLayout {
  /** In the order the reader set them (the Map's iteration order); no code twice. */
  codes: readonly string[];
  index: ReadonlyMap<string, number>;
  sheet: string;
  /** The sheet's column of each code's cells (0-based, absolute). */
  cols: readonly number[];
  /** The Location of a cell (0-based, absolute row and column), as the reader writes it. */
  locate(row: number, col: number): Location;
}

/** How a cell was read (one byte per cell in `ScaledRow.read`). */
export const CellRead = {
  /** Blank: no value, no finding. */
  Blank: 0,
  /** A number stored as one: its integer. */
  Number: 1,
  /** A bare number typed as text: its integer; its PointValue says "text". */
  Text: 2,
  /** Anything else: the PointValue its reader made. */
  Other: 3,
} as const;

/** One unit's row of points, as the reader fills it before it becomes a ScaledPoints. */
export interface ScaledRow {
  scaled: Float64Array;
  read: Uint8Array;
  others: (PointValue | undefined)[];
}

export function scaledRow(layout: PointsLayout): ScaledRow {
  return { scaled: new Float64Array(layout.codes.length), read: new Uint8Array(layout.codes.length), others: [] };
}

/**
 * A column's points, by code, whose PointValues are made when read. Iterating, or changing it, makes
 * all of them (in the layout's order) and it is an ordinary Map from then on.
 */
export class ScaledPoints extends LazyMap<PointValue> {
  private readonly made: (PointValue | undefined)[];

  constructor(
    readonly layout: PointsLayout,
    /** The unit's row in the sheet (0-based, absolute). */
    readonly row: number,
    private readonly cells: ScaledRow,
  ) {
    super();
    this.made = cells.others;
  }

  /**
   * The integer of a code's cell: NaN when blank; undefined when the code has no cell; null when the cell
   * must be read as its PointValue (`get`), or the Map has been changed.
   */
  scaledOf(code: string): number | null | undefined {
    if (this.complete) return null;
    const i = this.layout.index.get(code);
    if (i === undefined) return undefined;
    const read = this.cells.read[i];
    return read === CellRead.Other ? null : read === CellRead.Blank ? NaN : this.cells.scaled[i];
  }

  /**
   * Calls `fn` with each cell in the Map's order: its integer (NaN when blank), or its PointValue when it is
   * read as one, and its position in the layout. False, without calling it, once the Map has been changed (iterate it then).
   */
  forEachScaled(fn: (code: string, scaled: number, pv: PointValue | undefined, position: number) => void): boolean {
    if (this.complete) return false;
    const { codes } = this.layout;
    const { read, scaled } = this.cells;
    for (let i = 0; i < codes.length; i++) {
      if (read[i] === CellRead.Other) fn(codes[i], NaN, this.made[i], i);
      else fn(codes[i], read[i] === CellRead.Blank ? NaN : scaled[i], undefined, i);
    }
    return true;
  }

  /**
   * Calls `fn` with each cell's code, sheet coordinates and N/A state, and its position in the layout, in the
   * Map's order, without making PointValues. False, without calling it, once the Map has been changed (iterate it then).
   */
  forEachCell(fn: (code: string, sheet: string, row: number, col: number, notApplicable: boolean, position: number) => void): boolean {
    if (this.complete) return false;
    const { codes, cols, sheet } = this.layout;
    for (let i = 0; i < codes.length; i++) fn(codes[i], sheet, this.row, cols[i], this.cells.read[i] === CellRead.Other && this.made[i]?.notApplicable === true, i);
    return true;
  }

  /** Whether the cell at a position of the layout is N/A, as `forEachCell` says it (valid while `cellsRow` is not null). */
  notApplicableAt(position: number): boolean {
    return this.cells.read[position] === CellRead.Other && this.made[position]?.notApplicable === true;
  }

  /**
   * Where `forEachCell` finds the cells without calling anything per cell: every cell is on the layout's sheet
   * and the unit's row; the first one's column (null when the layout has no code). Null once the Map has been
   * changed (iterate it then).
   */
  cellsRow(): { sheet: string; row: number; firstCol: number | null } | null {
    if (this.complete) return null;
    return { sheet: this.layout.sheet, row: this.row, firstCol: this.layout.codes.length > 0 ? this.layout.cols[0] : null };
  }

  /**
   * "1" for each cell holding a number and "0" for each blank one, in the layout's order; null when a cell
   * must be read as its PointValue or the Map has been changed. Rows of one layout with one signature read
   * alike, cell for cell, one row apart.
   */
  readSignature(): string | null {
    if (this.complete) return null;
    // The cells are read once: the signature is made once (live formulas ask for it per code of the row).
    if (this.signature === undefined) this.signature = this.signatureOfCells();
    return this.signature;
  }

  private signature: string | null | undefined;

  private signatureOfCells(): string | null {
    const { read } = this.cells;
    let signature = "";
    for (let i = 0; i < read.length; i++) {
      if (read[i] === CellRead.Other) return null;
      signature += read[i] === CellRead.Blank ? "0" : "1";
    }
    return signature;
  }

  /**
   * Where a code's number is, when it is one ParScore reads as the cell's own number (a number, or a bare
   * number typed as text): its sheet and 0-based absolute row and column. Null otherwise (read its PointValue).
   */
  cellOf(code: string): { sheet: string; row: number; col: number } | null {
    if (this.complete) return null;
    const i = this.layout.index.get(code);
    if (i === undefined || this.cells.read[i] === CellRead.Other) return null;
    return { sheet: this.layout.sheet, row: this.row, col: this.layout.cols[i] };
  }

  /**
   * The value `get(code)` holds (undefined when the code has no cell), without making its PointValue when
   * it is not made yet: a node made from the lane needs the Decimal, not the cell's location.
   */
  decimalOf(code: string): Points | null | undefined {
    if (this.complete) return super.get(code)?.value;
    const i = this.layout.index.get(code);
    if (i === undefined) return undefined;
    const made = this.made[i];
    if (made) return made.value;
    const read = this.cells.read[i];
    if (read === CellRead.Other) return this.get(code)?.value;
    return read === CellRead.Blank ? null : decimalOfScaled(this.cells.scaled[i]);
  }

  override get(code: string): PointValue | undefined {
    if (this.complete) return super.get(code);
    const i = this.layout.index.get(code);
    return i === undefined ? undefined : (this.made[i] ??= this.make(i));
  }

  override has(code: string): boolean {
    return this.complete ? super.has(code) : this.layout.index.has(code);
  }

  override get size(): number {
    return this.complete ? super.size : this.layout.codes.length;
  }

  /** Makes every PointValue, keeping those already read (callers may hold them). */
  protected fill(): void {
    if (this.complete) return;
    const { codes } = this.layout;
    for (let i = 0; i < codes.length; i++) this.put(codes[i], (this.made[i] ??= this.make(i)));
    this.complete = true;
  }

  private make(i: number): PointValue {
    const { layout, cells } = this;
    const location = layout.locate(this.row, layout.cols[i]);
    const read = cells.read[i];
    if (read === CellRead.Blank) return { value: null, location };
    const value = decimalOfScaled(cells.scaled[i]);
    return read === CellRead.Text ? { value, location, derived: "text" } : { value, location };
  }
}
