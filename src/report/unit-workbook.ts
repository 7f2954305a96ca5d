/**
 * One unit's own workbook, planned from the analysis of the whole table (`parscore split`): the
 * unit's rows of the source table (the other units' rows or columns left out, everything else where
 * it was), its gap analysis on those cells (live formulas stay inside the file), its responsibility
 * lines, and its place in the ranking (totals only: what a published ranking shows of other units).
 *
 * Pure: the CLI writes the grid and the plan with the .xlsx host; the task pane could apply the same.
 */
import type { Analysis, ColumnAnalysis, Criterion, Finding, Lang, Location, ScoreColumn } from "../engine/types";
import { TOTAL_CODE } from "../engine/types";
import { unitViews } from "../engine/views";
import { a1, parseA1, parseRangeA1, rangeA1, type Grid } from "../tables/grid";
import { buildReportPlan } from "./index";
import type { ReportTableInput } from "./input";
import type { SheetPlan } from "./plan";
import { buildUnitPlaceSheet, type PlaceScope } from "./unit-place-sheet";

/** The table as the pipeline gives it (a pipeline AnalysedTable fits). */
export interface SplitTableInput extends ReportTableInput {
  table: ReportTableInput["table"] & { layout: string };
}

export interface UnitWorkbookOptions {
  lang: Lang;
  /** Live formulas on the unit's own cells (default true). */
  formulas?: boolean;
  rankOn?: "rounded" | "exact";
  /** The ranking shown: every unit's totals, or only the unit's block's. */
  scope?: PlaceScope;
  /** "Cần thêm ... để lên hạng K" lines, from the pipeline's targets (same wording as `analyze --target-rank`). */
  targetLines?: (unit: string) => string[];
}

export interface UnitWorkbookPlan {
  unit: string;
  /** The unit's rows of the source table, at the cells its formulas and links name. */
  grid: Grid;
  plan: SheetPlan;
  /** Error findings about the unit's own cells or columns (written on its gap sheet). */
  errors: number;
}

/** The units of a table, in table order. */
export function tableUnits(analysis: Analysis): string[] {
  return unitViews(analysis).map((v) => v.unit);
}

/** Per table and axis: the lines (rows or columns) each unit's cells are on; built once for all its units. */
const LINES_BY_UNIT = new WeakMap<Analysis, Map<"row" | "col", Map<string, Set<number>>>>();

function linesByUnit(analysis: Analysis, axis: "row" | "col"): Map<string, Set<number>> {
  let byAxis = LINES_BY_UNIT.get(analysis);
  if (!byAxis) LINES_BY_UNIT.set(analysis, (byAxis = new Map()));
  let byUnit = byAxis.get(axis);
  if (byUnit) return byUnit;
  byUnit = new Map();
  for (const { column } of analysis.columns) {
    let lines = byUnit.get(column.unit);
    if (!lines) byUnit.set(column.unit, (lines = new Set()));
    const add = (loc: Location | undefined): void => {
      if (loc?.cell) lines?.add(parseA1(loc.cell)[axis]);
    };
    for (const pv of column.points.values()) add(pv.location);
    for (const r of column.publishedRanks.values()) add(r.location);
    add(column.publishedTotal?.location);
  }
  byAxis.set(axis, byUnit);
  return byUnit;
}

/**
 * Which lines of the sheet hold the other units' figures: rows of a units-in-rows table, columns of a
 * units-in-columns table, none for one-unit tables. A line holding any of this unit's cells is kept.
 */
function otherUnitsLines(analysis: Analysis, unit: string, axis: "row" | "col"): Set<number> {
  const byUnit = linesByUnit(analysis, axis);
  const mine = byUnit.get(unit) ?? new Set<number>();
  const others = new Set<number>();
  for (const [other, lines] of byUnit) if (other !== unit) for (const line of lines) if (!mine.has(line)) others.add(line);
  return others;
}

function layoutAxis(layout: string): "row" | "col" | null {
  return layout === "units-in-rows" ? "row" : layout === "units-in-columns" ? "col" : null;
}

/** Old absolute 0-based line -> new one, or null for a line left out. */
type LineMap = (line: number) => number | null;

function lineMap(first: number, last: number, dropped: ReadonlySet<number>): LineMap {
  const to = new Map<number, number>();
  let next = first;
  for (let line = first; line <= last; line++) if (!dropped.has(line)) to.set(line, next++);
  return (line) => (line < first || line > last ? line : to.get(line) ?? null);
}

/** The unit's part of the source grid: the table's rectangle without the other units' lines, at the same top-left. */
function unitGrid(source: Grid, rect: { top: number; left: number; bottom: number; right: number }, axis: "row" | "col" | null, dropped: ReadonlySet<number>): Grid {
  const rows: number[] = [];
  const cols: number[] = [];
  for (let r = rect.top; r <= rect.bottom; r++) if (axis !== "row" || !dropped.has(r)) rows.push(r);
  for (let c = rect.left; c <= rect.right; c++) if (axis !== "col" || !dropped.has(c)) cols.push(c);
  const at = (grid: unknown[][] | undefined, r: number, c: number): unknown => grid?.[r - source.origin.row]?.[c - source.origin.col] ?? null;
  const values = rows.map((r) => cols.map((c) => at(source.values, r, c) as Grid["values"][number][number]));
  const formats = source.formats ? rows.map((r) => cols.map((c) => at(source.formats, r, c) as string | null)) : undefined;
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  const colIndex = new Map(cols.map((c, i) => [c, i]));
  // Merges wholly inside the kept lines (a header merged over several units' columns is cut to this unit's).
  const merges = source.merges.flatMap((m) => {
    const kr = rows.filter((r) => r >= m.top + source.origin.row && r <= m.bottom + source.origin.row).map((r) => rowIndex.get(r) as number);
    const kc = cols.filter((c) => c >= m.left + source.origin.col && c <= m.right + source.origin.col).map((c) => colIndex.get(c) as number);
    if (kr.length === 0 || kc.length === 0 || (kr.length === 1 && kc.length === 1)) return [];
    return [{ top: kr[0], bottom: kr[kr.length - 1], left: kc[0], right: kc[kc.length - 1] }];
  });
  return { sheet: source.sheet, origin: { row: rect.top, col: rect.left }, values, formats, merges };
}

/**
 * The unit's analysis on its own cells: its columns only, every location moved to where the cell is in
 * the unit's grid, findings about other units' cells left out. Ranks stay the whole table's: they say
 * where the unit stands, and the gap sheet shows only this unit's.
 */
function unitAnalysis(analysis: Analysis, unit: string, move: (loc: Location | undefined) => Location | undefined | null): Analysis {
  const keepLoc = (loc: Location | undefined): Location | undefined => move(loc) ?? undefined;
  const column = (c: ScoreColumn): ScoreColumn => ({
    ...c,
    points: new Map([...c.points].map(([code, pv]) => [code, { ...pv, location: keepLoc(pv.location) }])),
    publishedRanks: new Map([...c.publishedRanks].map(([code, r]) => [code, { ...r, location: keepLoc(r.location) }])),
    publishedTotal: c.publishedTotal ? { ...c.publishedTotal, location: keepLoc(c.publishedTotal.location) } : undefined,
  });
  const criterion = (c: Criterion): Criterion => ({ ...c, location: keepLoc(c.location), maxLocation: keepLoc(c.maxLocation), children: c.children.map(criterion) });
  const findings = (list: Finding[]): Finding[] =>
    list.flatMap((f) => {
      if (f.column !== undefined && !analysis.columns.some((c) => c.column.key === f.column && c.column.unit === unit)) return [];
      const moved = move(f.location);
      return moved === null ? [] : [{ ...f, location: moved }];
    });
  const columns: ColumnAnalysis[] = analysis.columns.filter((c) => c.column.unit === unit).map((c) => ({ ...c, column: column(c.column) }));
  return {
    ...analysis,
    scorecard: { ...analysis.scorecard, criteria: analysis.scorecard.criteria.map(criterion), columns: columns.map((c) => c.column), findings: findings(analysis.scorecard.findings) },
    columns,
    changes: analysis.changes.filter((c) => c.unit === unit),
    findings: findings(analysis.findings),
    // Kept whole for the lookup of this unit's ranks (views read only the entries of the unit asked).
    ranks: analysis.ranks,
    overallRanks: analysis.overallRanks,
  };
}

/** Plans one unit's workbook from its table's analysis and the grid of the table's sheet. */
export function planUnitWorkbook(input: SplitTableInput, sourceGrid: Grid, unit: string, options: UnitWorkbookOptions): UnitWorkbookPlan {
  const { analysis, table } = input;
  const rect = parseRangeA1(table.range);
  // The rows above the table (its title) come too; rows under it (notes, signatures) may be about anyone.
  const abs = { top: Math.min(rect.top, sourceGrid.origin.row), left: rect.left, bottom: rect.bottom, right: rect.right };
  const axis = layoutAxis(table.layout);
  const dropped = axis ? otherUnitsLines(analysis, unit, axis) : new Set<number>();
  const map = lineMap(axis === "col" ? abs.left : abs.top, axis === "col" ? abs.right : abs.bottom, dropped);
  const move = (loc: Location | undefined): Location | undefined | null => {
    if (!loc?.cell) return loc;
    if ((loc.sheet ?? table.sheet) !== table.sheet || axis === null) return loc;
    const { row, col } = parseA1(loc.cell);
    const moved = map(axis === "row" ? row : col);
    if (moved === null) return null;
    return { ...loc, cell: axis === "row" ? a1(moved, col) : a1(row, moved) };
  };
  const grid = unitGrid(sourceGrid, abs, axis, dropped);
  const range = rangeA1({ top: grid.origin.row, left: grid.origin.col, bottom: grid.origin.row + grid.values.length - 1, right: grid.origin.col + (grid.values[0]?.length ?? 1) - 1 });
  const unitInput: ReportTableInput = {
    table: { ...table, range },
    analysis: unitAnalysis(analysis, unit, move),
    findings: (input.findings ?? []).flatMap((f) => {
      const moved = move(f.location);
      return moved === null ? [] : [{ ...f, location: moved }];
    }),
    responsibility: input.responsibility,
  };
  const plan = buildReportPlan({
    lang: options.lang,
    tables: [unitInput],
    detailUnits: [unit],
    formulas: options.formulas !== false,
    rankOn: options.rankOn,
    ranking: false,
  });
  const latestColumn = latestOf(analysis, unit);
  if (latestColumn && hasRanking(analysis)) {
    plan.sheets.push(
      buildUnitPlaceSheet(analysis, latestColumn, {
        lang: options.lang,
        scope: options.scope ?? "all",
        targets: options.targetLines?.(unit) ?? [],
        takenNames: plan.sheets.map((s) => s.name).concat(table.sheet),
      }),
    );
  }
  return { unit, grid, plan, errors: ownErrors(input, unit, axis) };
}

/** Errors tagged with one of the unit's columns, or located on one of its lines. */
function ownErrors(input: SplitTableInput, unit: string, axis: "row" | "col" | null): number {
  const { analysis } = input;
  const keys = new Set(analysis.columns.filter((c) => c.column.unit === unit).map((c) => c.column.key));
  const lines = axis ? linesByUnit(analysis, axis).get(unit) : undefined;
  const seen = new Set<Finding>();
  let count = 0;
  for (const f of [...analysis.scorecard.findings, ...analysis.findings, ...(input.findings ?? [])]) {
    if (f.severity !== "error" || seen.has(f)) continue;
    seen.add(f);
    const onLine = lines !== undefined && f.location?.cell !== undefined && (f.location.sheet ?? input.table.sheet) === input.table.sheet && lines.has(parseA1(f.location.cell)[axis as "row" | "col"]);
    if ((f.column !== undefined && keys.has(f.column)) || onLine || (axis === null && f.column === undefined)) count++;
  }
  return count;
}

function latestOf(analysis: Analysis, unit: string): ColumnAnalysis | undefined {
  const view = unitViews(analysis).find((v) => v.unit === unit);
  return view?.periods[view.periods.length - 1];
}

/** A ranking exists when some period ranks more than one unit on the total. */
function hasRanking(analysis: Analysis): boolean {
  return analysis.ranks.some((r) => r.code === TOTAL_CODE && r.entries.length > 1);
}
