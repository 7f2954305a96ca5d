/**
 * Cell references inside formulas (Excel's en-US syntax, with or without the leading "="), seen
 * relative to the cell that holds the formula: what R1C1 notation shows. Two cells of a column
 * whose formulas read the same in R1C1 hold "the same formula", and Excel can fill one from the
 * other (autoFill) instead of receiving each.
 *
 * Text in double quotes and quoted sheet names are left alone; a word is a reference only when it
 * is a whole A1 address (letters, digits, optional `$`s) not followed by "(" (a function) or "!"
 * (an unquoted sheet name).
 */
import { columnLetters } from "../../tables/grid";

const REFERENCE = /^(\$?)([A-Za-z]{1,3})(\$?)([1-9]\d{0,6})$/;
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

export interface Reference {
  absRow: boolean;
  absCol: boolean;
  /** 0-based. */
  row: number;
  col: number;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function asReference(word: string): Reference | null {
  const m = REFERENCE.exec(word);
  if (!m) return null;
  const col = columnIndex(m[2]);
  const row = Number(m[4]) - 1;
  if (col >= MAX_COLS || row >= MAX_ROWS) return null;
  return { absCol: m[1] === "$", col, absRow: m[3] === "$", row };
}

/** A string, a quoted sheet name (a doubled quote stays inside), or a word. */
const TOKEN = /"(?:[^"]|"")*"?|'(?:[^']|'')*'?|[A-Za-z0-9_$.\\]+/g;

/** The formula with each cell reference replaced by `replace(reference)`; everything else as it is. */
function mapReferences(formula: string, replace: (ref: Reference) => string): string {
  return formula.replace(TOKEN, (token: string, offset: number) => {
    const first = token.charCodeAt(0);
    if (first === 34 || first === 39) return token; // " or '
    const next = formula[offset + token.length];
    const ref = next === "(" || next === "!" ? null : asReference(token);
    return ref ? replace(ref) : token;
  });
}

/** The formula as it reads in a cell `rows` below and `cols` right of its own: relative references move, absolute ones stay. */
export function shiftFormula(formula: string, rows: number, cols: number): string {
  return mapReferences(formula, (ref) => {
    const row = ref.absRow ? ref.row : ref.row + rows;
    const col = ref.absCol ? ref.col : ref.col + cols;
    return `${ref.absCol ? "$" : ""}${columnLetters(col)}${ref.absRow ? "$" : ""}${row + 1}`;
  });
}

/** A formula's text around its references ("\u0002" for each) and the references, in order. */
export interface FormulaShape {
  template: string;
  refs: Reference[];
}

export function formulaShape(formula: string): FormulaShape {
  const refs: Reference[] = [];
  const template = mapReferences(formula, (ref) => {
    refs.push(ref);
    return "\u0002";
  });
  return { template, refs };
}

/** The formula with the `$` before the row of the references at these indices dropped ($C$4 -> $C4). */
export function releaseRows(formula: string, indices: ReadonlySet<number>): string {
  let i = 0;
  return mapReferences(formula, (ref) => {
    const release = indices.has(i++);
    return `${ref.absCol ? "$" : ""}${columnLetters(ref.col)}${ref.absRow && !release ? "$" : ""}${ref.row + 1}`;
  });
}
