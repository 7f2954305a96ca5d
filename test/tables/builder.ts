/** A small builder for test grids and a plain view of recognition results, so tests assert exact values. */
import type { Criterion, Finding, Scorecard } from "../../src/engine/types";
import { type CellValue, type Grid, parseA1, parseRangeA1 } from "../../src/tables/grid";
import { recogniseGrid, type RecogniseOptions, type Recognition, type RecognisedTable } from "../../src/tables/recognise";

export interface GridSpec {
  sheet?: string;
  /** Top-left cell of values[0][0] in the sheet ("A1" by default). */
  at?: string;
  /** Merged ranges, grid-relative A1 ("A1:A2"). */
  merges?: string[];
  /** Bold cells, grid-relative A1. */
  bold?: string[];
  /** Indent per cell, grid-relative A1. */
  indent?: Record<string, number>;
  hiddenRows?: number[];
  hiddenCols?: number[];
}

export function grid(rows: CellValue[][], spec: GridSpec = {}): Grid {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const values = rows.map((r) => [...r, ...Array<CellValue>(width - r.length).fill(null)]);
  const g: Grid = {
    sheet: spec.sheet ?? "Sheet1",
    origin: spec.at ? parseA1(spec.at) : { row: 0, col: 0 },
    values,
    merges: (spec.merges ?? []).map(parseRangeA1),
  };
  if (spec.bold) {
    g.bold = values.map((r) => r.map(() => false));
    for (const a of spec.bold) {
      const { row, col } = parseA1(a);
      g.bold[row][col] = true;
    }
  }
  if (spec.indent) {
    g.indent = values.map((r) => r.map(() => 0));
    for (const [a, n] of Object.entries(spec.indent)) {
      const { row, col } = parseA1(a);
      g.indent[row][col] = n;
    }
  }
  if (spec.hiddenRows) g.hiddenRows = spec.hiddenRows;
  if (spec.hiddenCols) g.hiddenCols = spec.hiddenCols;
  return g;
}

export interface PlainCriterion {
  code: string;
  level: number;
  title: string;
  max: string | null;
  extra?: true;
  kind?: string;
}

/** The criteria tree flattened depth-first. */
export function plainCriteria(criteria: Criterion[]): PlainCriterion[] {
  const out: PlainCriterion[] = [];
  const walk = (cs: Criterion[]) => {
    for (const c of cs) {
      const p: PlainCriterion = { code: c.code, level: c.level, title: c.title, max: c.max === null ? null : c.max.toString() };
      if (c.extra) p.extra = true;
      if (c.kind !== "ordinary") p.kind = c.kind;
      out.push(p);
      walk(c.children);
    }
  };
  walk(criteria);
  return out;
}

/** code -> "8.75" (null for blank, "N/A" for not applicable), per column key. */
export function plainPoints(scorecard: Scorecard): Record<string, Record<string, string | null>> {
  const out: Record<string, Record<string, string | null>> = {};
  for (const col of scorecard.columns) {
    const m: Record<string, string | null> = {};
    for (const [code, pv] of col.points) m[code] = pv.notApplicable ? "N/A" : pv.value === null ? null : pv.value.toString();
    if (col.publishedTotal) m["(total)"] = col.publishedTotal.value?.toString() ?? null;
    out[col.key] = m;
  }
  return out;
}

/** code -> "4(12)" / "8" per column key ("" = the total). */
export function plainRanks(scorecard: Scorecard): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const col of scorecard.columns) {
    if (!col.publishedRanks.size) continue;
    const m: Record<string, string> = {};
    for (const [code, r] of col.publishedRanks) m[code] = r.tieCount !== undefined ? `${r.rank}(${r.tieCount})` : `${r.rank}`;
    out[col.key] = m;
  }
  return out;
}

/** "kind@cell" for each finding, in order. */
export function plainFindings(findings: Finding[]): string[] {
  return findings.map((f) => `${f.kind}@${f.location?.cell ?? ""}`);
}

/** Recognises a grid and insists on exactly one table. */
export function one(g: Grid, options?: RecogniseOptions): { table: RecognisedTable; rec: Recognition } {
  const rec = recogniseGrid(g, options);
  if (rec.tables.length !== 1) {
    throw new Error(`expected one table, got ${rec.tables.length}: ${plainFindings(rec.findings).join(", ")}`);
  }
  return { table: rec.tables[0], rec };
}

/** Where each point value of a column came from: code -> cell. */
export function pointCells(scorecard: Scorecard, key: string): Record<string, string | undefined> {
  const col = scorecard.columns.find((c) => c.key === key);
  if (!col) throw new Error(`no column ${key}`);
  const out: Record<string, string | undefined> = {};
  for (const [code, pv] of col.points) out[code] = pv.location?.cell;
  return out;
}
