/**
 * A SheetPlan in a form that crosses postMessage cheaply. A national ranking is 10,000 rows of
 * cells, each cell two or three objects ({ value: { kind, ... }, style }), and a structured clone
 * writes and reads every one of them (the page spent 0.3 s reading a 10,000-unit plan back).
 * Packed, a block is three typed arrays (each cell's kind, its style, where its texts start) and
 * one list of the plan's distinct texts; unpacking gives back a plan equal to the one packed.
 */
import type { CellBlock, PlanCell, PlanValue, PlannedSheet, SheetPlan } from "../report/plan";

/** One block of cells, packed. */
export interface PackedBlock {
  at: string;
  /** Each row's length (rows may be ragged). */
  widths: Uint32Array;
  /** Per cell, row after row: its CellCode. */
  codes: Uint8Array;
  /** Per cell: its style, an index into the plan's `texts`; -1 when the cell has none. */
  styles: Int32Array;
  /** The cells' texts in order (how many per cell follows from its code), as indices into the plan's `texts`. */
  refs: Int32Array;
}

export type PackedSheet = Omit<PlannedSheet, "blocks"> & { packedBlocks: PackedBlock[] };

export type PackedPlan = Omit<SheetPlan, "sheets"> & { sheets: PackedSheet[]; texts: string[] };

/** What a cell is, and so how many texts it has in `refs`. */
const CellCode = {
  /** No cell (null in the row). */
  None: 0,
  /** A cell whose value is null (a style alone). */
  Empty: 1,
  Text: 2,
  Number: 3,
  /** Text, sheet, cell. */
  Link: 4,
  /** A formula without a cached value. */
  Formula: 5,
  /** Formula, cached number. */
  FormulaNumber: 6,
  /** Formula, cached text. */
  FormulaText: 7,
} as const;
type CellCode = (typeof CellCode)[keyof typeof CellCode];

class TextTable {
  readonly texts: string[] = [];
  private readonly index = new Map<string, number>();

  of(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.texts.push(text) - 1;
      this.index.set(text, i);
    }
    return i;
  }
}

function packBlock(block: CellBlock, table: TextTable): PackedBlock {
  let cells = 0;
  for (const row of block.rows) cells += row.length;
  const widths = new Uint32Array(block.rows.length);
  const codes = new Uint8Array(cells);
  const styles = new Int32Array(cells);
  const refs: number[] = [];
  let i = 0;
  block.rows.forEach((row, r) => {
    widths[r] = row.length;
    for (const cell of row) {
      styles[i] = cell?.style === undefined ? -1 : table.of(cell.style);
      codes[i] = cell ? packValue(cell.value, table, refs) : CellCode.None;
      i++;
    }
  });
  return { at: block.at, widths, codes, styles, refs: Int32Array.from(refs) };
}

function packValue(value: PlanValue | null, table: TextTable, refs: number[]): CellCode {
  if (!value) return CellCode.Empty;
  switch (value.kind) {
    case "text":
      refs.push(table.of(value.text));
      return CellCode.Text;
    case "number":
      refs.push(table.of(value.value));
      return CellCode.Number;
    case "link":
      refs.push(table.of(value.text), table.of(value.sheet), table.of(value.cell));
      return CellCode.Link;
    case "formula":
      refs.push(table.of(value.formula));
      if (!value.cached) return CellCode.Formula;
      refs.push(table.of(value.cached.kind === "number" ? value.cached.value : value.cached.text));
      return value.cached.kind === "number" ? CellCode.FormulaNumber : CellCode.FormulaText;
  }
}

export function packPlan(plan: SheetPlan): PackedPlan {
  const table = new TextTable();
  const sheets = plan.sheets.map(({ blocks, ...rest }) => ({ ...rest, packedBlocks: blocks.map((b) => packBlock(b, table)) }));
  return { ...plan, sheets, texts: table.texts };
}

function unpackBlock(packed: PackedBlock, texts: readonly string[]): CellBlock {
  const { widths, codes, styles, refs } = packed;
  const rows: (PlanCell | null)[][] = new Array<(PlanCell | null)[]>(widths.length);
  let i = 0;
  let k = 0;
  const next = () => texts[refs[k++]];
  for (let r = 0; r < widths.length; r++) {
    const row = new Array<PlanCell | null>(widths[r]);
    for (let c = 0; c < widths[r]; c++, i++) {
      const code = codes[i] as CellCode;
      if (code === CellCode.None) {
        row[c] = null;
        continue;
      }
      let value: PlanValue | null = null;
      switch (code) {
        case CellCode.Text:
          value = { kind: "text", text: next() };
          break;
        case CellCode.Number:
          value = { kind: "number", value: next() };
          break;
        case CellCode.Link:
          value = { kind: "link", text: next(), sheet: next(), cell: next() };
          break;
        case CellCode.Formula:
          value = { kind: "formula", formula: next(), cached: null };
          break;
        case CellCode.FormulaNumber:
          value = { kind: "formula", formula: next(), cached: { kind: "number", value: next() } };
          break;
        case CellCode.FormulaText:
          value = { kind: "formula", formula: next(), cached: { kind: "text", text: next() } };
          break;
      }
      row[c] = styles[i] < 0 ? { value } : { value, style: texts[styles[i]] };
    }
    rows[r] = row;
  }
  return { at: packed.at, rows };
}

export function unpackPlan(packed: PackedPlan): SheetPlan {
  const { texts, sheets, ...rest } = packed;
  return { ...rest, sheets: sheets.map(({ packedBlocks, ...sheet }) => ({ ...sheet, blocks: packedBlocks.map((b) => unpackBlock(b, texts)) })) };
}
