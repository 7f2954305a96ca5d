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

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

export interface Reference {
  absRow: boolean;
  absCol: boolean;
  /** 0-based. */
  row: number;
  col: number;
}

const DOLLAR = 36;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** A word's character: letters, digits, `_`, `$`, `.` and `\`. */
function isWordChar(code: number): boolean {
  return isLetter(code) || isDigit(code) || code === 95 || code === DOLLAR || code === 46 || code === 92;
}

/**
 * The word formula[start, end) as a whole A1 address (`$`? 1-3 letters `$`? a row 1-9999999), or
 * null. Read character by character: a ranking sheet's 10,000 rows of formulas go through here.
 */
function asReference(formula: string, start: number, end: number): Reference | null {
  let i = start;
  const absCol = formula.charCodeAt(i) === DOLLAR;
  if (absCol) i++;
  let col = 0;
  const lettersStart = i;
  while (i < end && isLetter(formula.charCodeAt(i))) col = col * 26 + ((formula.charCodeAt(i++) | 32) - 96);
  const letters = i - lettersStart;
  if (letters < 1 || letters > 3) return null;
  const absRow = formula.charCodeAt(i) === DOLLAR;
  if (absRow) i++;
  const digitsStart = i;
  if (i >= end || formula.charCodeAt(i) === 48) return null;
  let row = 0;
  while (i < end && isDigit(formula.charCodeAt(i))) row = row * 10 + (formula.charCodeAt(i++) - 48);
  if (i !== end || i - digitsStart < 1 || i - digitsStart > 7) return null;
  if (col - 1 >= MAX_COLS || row - 1 >= MAX_ROWS) return null;
  return { absCol, col: col - 1, absRow, row: row - 1 };
}

/** The end of the quoted text (a string, or a quoted sheet name) starting at `start`: a doubled quote stays inside. */
function quotedEnd(formula: string, start: number, quote: number): number {
  let i = start + 1;
  while (i < formula.length) {
    if (formula.charCodeAt(i) !== quote) i++;
    else if (formula.charCodeAt(i + 1) === quote) i += 2;
    else return i + 1;
  }
  return formula.length;
}

/** The formula with each cell reference replaced by `replace(reference)`; everything else as it is. */
function mapReferences(formula: string, replace: (ref: Reference) => string): string {
  let out = "";
  let copied = 0;
  let i = 0;
  while (i < formula.length) {
    const code = formula.charCodeAt(i);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      i = quotedEnd(formula, i, code);
      continue;
    }
    if (!isWordChar(code)) {
      i++;
      continue;
    }
    const start = i;
    while (i < formula.length && isWordChar(formula.charCodeAt(i))) i++;
    // Followed by "(" it is a function, by "!" an unquoted sheet name.
    const next = formula.charCodeAt(i);
    const ref = next === 40 || next === 33 ? null : asReference(formula, start, i);
    if (!ref) continue;
    out += formula.slice(copied, start) + replace(ref);
    copied = i;
  }
  return copied === 0 ? formula : out + formula.slice(copied);
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
