/** Reading a PlannedSheet back in tests: cells by A1 address, rows as text. */
import { a1, parseA1 } from "../../src/tables/grid";
import type { PlanCell, PlannedSheet } from "../../src/report/plan";

export function cells(sheet: PlannedSheet): Map<string, PlanCell> {
  const out = new Map<string, PlanCell>();
  for (const block of sheet.blocks) {
    const o = parseA1(block.at);
    block.rows.forEach((row, r) => row.forEach((cell, c) => (cell ? out.set(a1(o.row + r, o.col + c), cell) : undefined)));
  }
  return out;
}

/** A cell as a string: text, number ("8.35"), a formula's cached result, or link ("->'Sheet'!E6 E6"); "" when empty. */
export function show(cell: PlanCell | undefined): string {
  const v = cell?.value;
  if (!v) return "";
  if (v.kind === "text") return v.text;
  if (v.kind === "number") return v.value;
  if (v.kind === "formula") return v.cached === null ? "" : v.cached.kind === "number" ? v.cached.value : v.cached.text;
  return `->${v.sheet}!${v.cell}`;
}

/** Rows (1-based index - 1) as arrays of shown cells. */
export function rows(sheet: PlannedSheet): string[][] {
  return sheet.blocks[0].rows.map((row) => (row.length === 0 ? [""] : row.map((c) => show(c ?? undefined))));
}

/** 0-based index of the first row whose column `col` shows `text`, searching from `from`. */
export function findRow(table: string[][], col: number, text: string, from = 0): number {
  for (let r = from; r < table.length; r++) if (table[r][col] === text) return r;
  throw new Error(`no row with "${text}" in column ${col}`);
}
