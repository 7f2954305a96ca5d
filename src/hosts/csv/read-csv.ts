/**
 * CSV / TSV text -> Grid. Numbers stay text as typed ("8,75" survives), so
 * the table reader sees what the person typed; Excel error literals become CellErrors.
 */
import type { CellValue, Grid } from "../../tables/grid";

export type Delimiter = "\t" | "," | ";";

export interface DelimitedOptions {
  sheet: string;
  /** Detected from the first lines when not given (tab, then semicolon, then comma). */
  delimiter?: Delimiter;
}

const ERRORS = new Set(["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"]);

/** Splits delimited text into rows of fields (RFC 4180 quoting, CRLF/LF/CR line ends). */
export function parseDelimited(text: string, delimiter: Delimiter): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  // The current field was quoted: `""` at the very end is an empty field, not nothing.
  let wasQuoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === "") {
      quoted = true;
      wasQuoted = true;
      field = "";
      i++;
      continue;
    }
    if (ch === delimiter) {
      row.push(field);
      field = "";
      wasQuoted = false;
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      wasQuoted = false;
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    field += ch;
    i++;
  }
  if (field !== "" || row.length > 0 || wasQuoted) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Picks the delimiter that splits the first lines most consistently into more than one field. */
export function detectDelimiter(text: string): Delimiter {
  // The first lines decide; splitting a whole 60 MB file to look at 20 of its lines would not do.
  const sample = text.slice(0, 65_536).split(/\r\n|\n|\r/).filter((l) => l.trim() !== "").slice(0, 20).join("\n");
  let best: { d: Delimiter; score: number } = { d: "\t", score: -1 };
  for (const d of ["\t", ";", ","] as Delimiter[]) {
    const rows = parseDelimited(sample, d);
    const counts = rows.map((r) => r.length);
    if (!counts.length) continue;
    const multi = counts.filter((c) => c > 1).length;
    if (multi === 0) continue;
    const mode = modeOf(counts);
    const consistent = counts.filter((c) => c === mode).length / counts.length;
    const score = consistent * 100 + Math.min(mode, 50) + (multi / counts.length) * 10;
    if (score > best.score + 0.5) best = { d, score };
  }
  return best.d;
}

/**
 * Rows x columns a delimited text will make, counted without parsing it (for the size guard):
 * line breaks + 1, times the widest of the first 200 lines.
 */
export function estimateDelimitedCells(text: string, delimiter: Delimiter = detectDelimiter(text)): { cells: number; rows: number; cols: number } {
  const lineBreak = text.includes("\n") ? "\n" : "\r";
  let rows = 1;
  for (let i = text.indexOf(lineBreak); i >= 0; i = text.indexOf(lineBreak, i + 1)) rows++;
  let cols = 1;
  for (const line of text.slice(0, 262_144).split(/\r\n|\n|\r/).slice(0, 200)) {
    let n = 1;
    for (let i = line.indexOf(delimiter); i >= 0; i = line.indexOf(delimiter, i + 1)) n++;
    cols = Math.max(cols, n);
  }
  return { cells: rows * cols, rows, cols };
}

function modeOf(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0];
  for (const [v, c] of counts) if (c > (counts.get(best) ?? 0) || (c === counts.get(best) && v > best)) best = v;
  return best;
}

export function readDelimitedGrid(text: string, opts: DelimitedOptions): Grid {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = opts.delimiter ?? detectDelimiter(clean);
  const rows = parseDelimited(clean, delimiter);
  // Drop trailing empty lines.
  while (rows.length && rows[rows.length - 1].every((f) => f === "")) rows.pop();
  const values: CellValue[][] = rows.map((r) => {
    const out: CellValue[] = r.map((f) => (f === "" ? null : ERRORS.has(f.trim()) ? { error: f.trim() } : f));
    while (out.length && out[out.length - 1] === null) out.pop();
    return out;
  });
  return { sheet: opts.sheet, origin: { row: 0, col: 0 }, values, merges: [] };
}
