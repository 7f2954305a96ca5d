/**
 * The corpus of real published tables (test/fixtures/real): each description holds the table as published
 * and the answers worked out by hand; `checkTable` compares them with what `parscore analyze --json` says.
 */
import Decimal from "decimal.js";
import { promises as fs } from "fs";
import * as path from "path";
import type { AnalysisJson, FindingJson, TableJson, UnitJson } from "../../src/pipeline/json";

export const REAL_DIR = path.join(__dirname, "..", "fixtures", "real");

export interface ExpectedUnit {
  name: string;
  /** Points as the JSON gives them ("88.75"); compared within `tolerance`; null: none (N/A, not ranked). */
  total?: string | null;
  max?: string | null;
  percent?: string | null;
  /** The rank ParScore reports: the published one, ties as published, an excerpt's national rank kept. */
  rank?: number | null;
  block?: string;
  /** Per period (year-over-year tables): the period's total and rank as published. */
  periods?: { period: string; total?: string | null; rank?: number | null }[];
}

/** A criterion of a one-unit (or the first unit's) reading: found by title, its points and rank as published. */
export interface ExpectedCriterion {
  title: string;
  /** Another unit than the first (tables with several units). */
  unit?: string;
  points?: string | null;
  rank?: number | null;
  max?: string;
  /** Its parent's title: the tree as published. */
  parent?: string;
}

export interface ExpectedFinding {
  kind: string;
  /** "Sheet!C7". */
  cell: string;
  why: string;
}

export interface Expected {
  /** Tables recognised on the sheet (1 by default). */
  tables?: number;
  layout?: string;
  unitCount?: number;
  units?: ExpectedUnit[];
  criteria?: ExpectedCriterion[];
  /** Published inconsistencies a careful reviewer expects reported, at their cell. */
  findings?: ExpectedFinding[];
  /** Finding kinds that must not appear at all, with why. */
  forbidden?: { kind: string; why: string }[];
  /** Tolerance on total, max and percent (0.01 by default: published figures are rounded to 2 decimals). */
  tolerance?: string;
}

export interface RealTable {
  id: string;
  title: string;
  source: string;
  kind: string;
  shape: string;
  /** Why only part of a larger table is here (the page shows only that part). */
  partial?: string;
  /** How the table reached us when the page has no table: "press prose: ..." (an article stating every number). */
  form?: string;
  sheet: string;
  rows: (string | number | null)[][];
  merges?: string[];
  boldRows?: number[];
  italicRows?: number[];
  tableRows?: [number, number];
  expected: Expected;
  /** What the recogniser on main still gets wrong; the test asserts it still does, until the mark is removed. */
  knownFailure?: string;
}

export async function loadCorpus(): Promise<RealTable[]> {
  const files = (await fs.readdir(REAL_DIR)).filter((f) => f.endsWith(".json")).sort();
  return Promise.all(files.map(async (f) => JSON.parse(await fs.readFile(path.join(REAL_DIR, f), "utf8")) as RealTable));
}

/** Unit names compared as a reader would: NFC, spaces collapsed, case ignored. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase("vi");
  return norm(a) === norm(b);
}

/** A unit by name; a one-unit table names its unit from the title rows, so there the name need only contain it. */
function findUnit(units: UnitJson[], name: string): UnitJson | undefined {
  const exact = units.find((u) => sameName(u.name, name));
  if (exact || units.length !== 1) return exact;
  const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase("vi");
  return norm(units[0].name).includes(norm(name)) ? units[0] : undefined;
}

function near(actual: string | null | undefined, expected: string | null, tolerance: Decimal): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (actual === null || actual === undefined) return false;
  return new Decimal(actual).minus(expected).abs().lte(tolerance);
}

function checkUnit(unit: UnitJson | undefined, want: ExpectedUnit, tolerance: Decimal): string[] {
  if (!unit) return [`unit "${want.name}" not found`];
  const out: string[] = [];
  for (const key of ["total", "max", "percent"] as const) {
    const value = want[key];
    if (value !== undefined && !near(unit[key], value, tolerance)) out.push(`${want.name}: ${key} ${unit[key]} (expected ${value})`);
  }
  if (want.rank !== undefined && unit.rank !== want.rank) out.push(`${want.name}: rank ${unit.rank} (expected ${want.rank})`);
  if (want.block !== undefined && !(unit.block && sameName(unit.block, want.block))) out.push(`${want.name}: block ${unit.block ?? null} (expected ${want.block})`);
  for (const p of want.periods ?? []) {
    const got = unit.periods.find((q) => q.period === p.period);
    if (!got) {
      out.push(`${want.name}: no period ${p.period} (periods: ${unit.periods.map((q) => q.period).join(", ")})`);
      continue;
    }
    if (p.total !== undefined && !near(got.total, p.total, tolerance)) out.push(`${want.name} ${p.period}: total ${got.total} (expected ${p.total})`);
    if (p.rank !== undefined && got.rank !== p.rank) out.push(`${want.name} ${p.period}: rank ${got.rank} (expected ${p.rank})`);
  }
  return out;
}

function sameFinding(f: FindingJson, kind: string, cell: string): boolean {
  return f.kind === kind && f.cell !== null && f.cell.replace(/'/g, "") === cell.replace(/'/g, "");
}

function checkFindings(all: FindingJson[], expected: Expected): string[] {
  const out: string[] = [];
  const wanted = expected.findings ?? [];
  for (const w of wanted) {
    if (!all.some((f) => sameFinding(f, w.kind, w.cell))) out.push(`missing finding ${w.kind} at ${w.cell} (${w.why})`);
  }
  for (const forbidden of expected.forbidden ?? []) {
    const hits = all.filter((f) => f.kind === forbidden.kind);
    if (hits.length) out.push(`forbidden ${forbidden.kind} x${hits.length}, first at ${hits[0].cell ?? "-"}: ${hits[0].message}`);
  }
  // No false error or warning: every one must be a published inconsistency listed above.
  const forbiddenKinds = new Set((expected.forbidden ?? []).map((f) => f.kind));
  const unexpected = all.filter((f) => f.severity !== "info" && !forbiddenKinds.has(f.kind) && !wanted.some((w) => sameFinding(f, w.kind, w.cell)));
  const kinds = [...new Set(unexpected.map((f) => f.kind))];
  for (const kind of kinds) {
    const hits = unexpected.filter((f) => f.kind === kind);
    out.push(`unexpected ${hits[0].severity} ${kind} x${hits.length}, first at ${hits[0].cell ?? "-"}: ${hits[0].message}`);
  }
  return out;
}

function checkCriterion(table: TableJson, want: ExpectedCriterion, tolerance: Decimal): string[] {
  const c = table.criteria.find((x) => sameName(x.title, want.title));
  if (!c) return [`criterion "${want.title}" not found`];
  const out: string[] = [];
  if (want.max !== undefined && !near(c.max, want.max, tolerance)) out.push(`criterion "${want.title}": max ${c.max} (expected ${want.max})`);
  if (want.parent !== undefined) {
    const flat = table.criteria;
    const i = flat.indexOf(c);
    const parent = flat.slice(0, i).reverse().find((p) => p.level < c.level);
    if (!parent || !sameName(parent.title, want.parent)) out.push(`criterion "${want.title}": parent ${parent?.title ?? null} (expected ${want.parent})`);
  }
  const unitName = want.unit ?? table.units[0]?.name;
  const value = unitName === undefined ? undefined : Object.entries(c.units).find(([u]) => sameName(u, unitName))?.[1];
  if (want.points !== undefined) {
    const ok = want.points === null ? value?.points == null : near(value?.points, want.points, tolerance);
    if (!ok) out.push(`criterion "${want.title}": points ${value?.points ?? null} (expected ${want.points})`);
  }
  if (want.rank !== undefined && (value?.rank ?? null) !== want.rank) out.push(`criterion "${want.title}": rank ${value?.rank ?? null} (expected ${want.rank})`);
  return out;
}

/** Every way the analysis differs from the hand-worked answers (empty: the table reads right). */
export function checkTable(real: RealTable, json: AnalysisJson): string[] {
  const expected = real.expected;
  const tolerance = new Decimal(expected.tolerance ?? "0.01");
  const out: string[] = [];
  const tableCount = expected.tables ?? 1;
  if (json.tables.length !== tableCount) out.push(`${json.tables.length} tables (expected ${tableCount})`);
  const table: TableJson | undefined = json.tables[0];
  const allFindings = [...json.findings, ...json.tables.flatMap((t) => t.findings)];
  if (table) {
    if (expected.layout && table.layout !== expected.layout) out.push(`layout ${table.layout} (expected ${expected.layout})`);
    if (expected.unitCount !== undefined && table.units.length !== expected.unitCount) {
      out.push(`${table.units.length} units (expected ${expected.unitCount}): ${table.units.slice(0, 4).map((u) => u.name).join("; ")}...`);
    }
    const unitProblems = (expected.units ?? []).flatMap((want) => checkUnit(findUnit(table.units, want.name), want, tolerance));
    // A misread column fails every unit alike: say how many, show a few.
    unitProblems.push(...(expected.criteria ?? []).flatMap((want) => checkCriterion(table, want, tolerance)));
    out.push(...(unitProblems.length > 6 ? [`${unitProblems.length} unit values differ, e.g.`, ...unitProblems.slice(0, 4)] : unitProblems));
  }
  out.push(...checkFindings(allFindings, expected));
  return out;
}
