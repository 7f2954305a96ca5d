import type { ColumnAnalysis, Finding, Points, PointValue, RankResult, RankTable, ScoreColumn } from "./types";
import { TOTAL_CODE } from "./types";
import { DEFAULT_DECIMALS, roundPoints } from "./points";
import { columnName, finding, nodeName } from "./text";
import { decimalOfScaled, roundScaled, scaledColumn, SCALE_DECIMALS, type ScaledColumn } from "./columnar";
import { comparePeriodLabels } from "./periods";
import { decimalsOfScaled, type PointsLayout, ScaledPoints } from "./scaled-points";

export type RankOn = "rounded" | "exact";

export interface RankOptions {
  /** "rounded" (default): ties are decided on the value rounded half-up to `decimals`, as published. */
  rankOn?: RankOn;
  /** Decimals for rankOn "rounded" (default 2). */
  decimals?: number;
  /**
   * Decimals per criterion code (TOTAL_CODE for the total) for rankOn "rounded": the decimals the table
   * publishes that column with (see `publishedDecimals`); codes not in it use `decimals`.
   */
  decimalsByCode?: ReadonlyMap<string, number>;
}

export interface RankEntry {
  unit: string;
  value: Points;
}

/** "4(12)" when tied, "4" otherwise: the way seed 001 writes shared places. */
export function formatRankLabel(rank: number, tieCount = 1): string {
  return tieCount > 1 ? `${rank}(${tieCount})` : String(rank);
}

/** The value a rank is decided on. */
export function rankingValue(value: Points, opts: RankOptions = {}): Points {
  if ((opts.rankOn ?? "rounded") === "exact") return value;
  const decimals = opts.decimals ?? DEFAULT_DECIMALS;
  // Most points already have at most 2 decimals: rounding would only copy them.
  return value.decimalPlaces() <= decimals ? value : roundPoints(value, decimals);
}

/**
 * Standard competition ranking ("1224", like Excel's RANK.EQ): highest value first, tied units share
 * the best rank and the next rank skips. Result is sorted by rank; tied units keep their input order.
 */
export function competitionRanks(entries: readonly RankEntry[], opts: RankOptions = {}): RankResult[] {
  const values = entries.map((e) => rankingValue(e.value, opts));
  const keys = exactOrderKeys(values);
  const order = entries.map((_, i) => i);
  if (keys) order.sort((a, b) => keys[b] - keys[a] || a - b);
  else order.sort((a, b) => values[b].comparedTo(values[a]) || a - b);
  const same = keys ? (a: number, b: number) => keys[a] === keys[b] : (a: number, b: number) => values[a].eq(values[b]);
  const of = order.length;
  const out: RankResult[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && same(order[end], order[start])) end += 1;
    const rank = start + 1;
    const tieCount = end - start;
    const label = formatRankLabel(rank, tieCount);
    for (let k = start; k < end; k += 1) {
      const i = order[k];
      out.push({ unit: entries[i].unit, rank, tieCount, of, label, value: values[i] });
    }
    start = end;
  }
  return out;
}

/**
 * The values as doubles when that is exact for ordering: a decimal with at most 15 significant
 * digits survives the round trip to a double, so distinct decimals stay distinct, and conversion is
 * monotonic, so order is kept. Sorting 10,000 units then compares numbers, not Decimals (about 8
 * times faster). Null when some value has more digits: the caller compares Decimals.
 */
function exactOrderKeys(values: readonly Points[]): Float64Array | null {
  const keys = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (values[i].sd() > 15) return null;
    keys[i] = values[i].toNumber();
  }
  return keys;
}

export interface RankTablesOptions extends RankOptions {
  /** Units scored but kept out of ranking (in addition to columns flagged excludedFromRanking). */
  excludedUnits?: readonly string[];
  /**
   * Rank each block (ScoreColumn.block) on its own, as provinces rank departments and districts
   * separately; units without a block form one more group. Tables then carry their block.
   */
  withinBlocks?: boolean;
}

/**
 * Orders periods in time ("" (single period) first; years, quarters and months in order: periods.ts),
 * then the rest as text.
 */
export function comparePeriods(a: string, b: string): number {
  return comparePeriodLabels(a, b);
}

/**
 * One RankTable per period per code (TOTAL_CODE first, then `codes` in the given order), over the
 * "score" columns that have an achieved value there; with `withinBlocks`, one per block as well, in
 * the order blocks first appear. Excluded units and N/A or blank nodes are skipped; tables with no
 * entry are left out. When a unit has two score columns in one period, the first is used.
 */
export function rankTables(columns: readonly ColumnAnalysis[], codes: readonly string[], opts: RankTablesOptions = {}): RankTable[] {
  const excluded = new Set(opts.excludedUnits ?? []);
  const scored = columns.filter((c) => c.column.basis === "score" && !c.column.excludedFromRanking && !excluded.has(c.column.unit));
  const periods = [...new Set(scored.map((c) => c.column.period))].sort(comparePeriods);
  const allCodes = [TOTAL_CODE, ...codes.filter((c) => c !== TOTAL_CODE)];
  const groups = new Map<string | undefined, ColumnAnalysis[]>();
  for (const c of scored) {
    const block = opts.withinBlocks ? c.column.block : undefined;
    const list = groups.get(block);
    if (list) list.push(c);
    else groups.set(block, [c]);
  }
  const tables: RankTable[] = [];
  for (const period of periods) {
    for (const [block, group] of groups) {
      const inPeriod = group.filter((c) => c.column.period === period);
      for (const t of rankGroup(inPeriod, period, allCodes, opts)) tables.push(block === undefined ? t : { ...t, block });
    }
  }
  return tables;
}

/** The rank tables of one period over one group of columns. */
function rankGroup(inPeriod: readonly ColumnAnalysis[], period: string, allCodes: readonly string[], opts: RankOptions): RankTable[] {
  const scaled = scaledGroup(inPeriod);
  if (scaled) return rankScaledGroup(inPeriod, scaled, period, allCodes, opts);
  // A unit's first column that has a value on the code ranks it. One pass over each column's nodes
  // (not one lookup per code and column): commune tables have 10,000 columns of 120 nodes.
  const oneColumnPerUnit = new Set(inPeriod.map((c) => c.column.unit)).size === inPeriod.length;
  const byCode = new Map<string, { entries: RankEntry[]; seen: Set<string> | null }>();
  for (const code of allCodes) byCode.set(code, { entries: [], seen: oneColumnPerUnit ? null : new Set() });
  for (const c of inPeriod) {
    const unit = c.column.unit;
    for (const [code, r] of c.nodes) {
      // A unit with its own maximum is ranked on its rate (points x 100 / its max), as such tables rank.
      const value = code === TOTAL_CODE && c.column.unitMax?.value ? r.percent : r.achieved;
      if (r.notApplicable || value === null) continue;
      const slot = byCode.get(code);
      if (!slot || slot.seen?.has(unit)) continue;
      slot.seen?.add(unit);
      slot.entries.push({ unit, value });
    }
  }
  const tables: RankTable[] = [];
  for (const code of allCodes) {
    const entries = byCode.get(code)!.entries;
    const decimals = decimalsFor(code, opts);
    if (entries.length > 0) tables.push(withDecimals({ period, code, entries: competitionRanks(entries, { ...opts, decimals }) }, decimals, opts));
  }
  return tables;
}

/** Marks the tables that are excerpts of a larger ranking (see RankTable.excerpt). */
export function markExcerpts(tables: readonly RankTable[], columns: readonly ColumnAnalysis[]): void {
  if (!columns.some((c) => c.column.publishedRanks.size > 0)) return;
  const byUnit = new Map<string, ScoreColumn>();
  for (const c of columns) {
    const key = `${c.column.unit}\u0000${c.column.period}`;
    if (c.column.basis === "score" && !byUnit.has(key)) byUnit.set(key, c.column);
  }
  // Codes some column publishes a rank for: only their tables can be excerpts (the others' entries are not read).
  const publishedCodes = new Set<string>();
  for (const c of columns) for (const code of c.column.publishedRanks.keys()) publishedCodes.add(code);
  for (const t of tables) {
    if (!publishedCodes.has(t.code)) continue;
    let beyond = false;
    const all = t.entries.every((e) => {
      const p = byUnit.get(`${e.unit}\u0000${t.period}`)?.publishedRanks.get(t.code);
      if (p && p.rank > t.entries.length) beyond = true;
      return p !== undefined;
    });
    if (all && beyond) t.excerpt = true;
  }
}

/** The decimals ties are decided on for a code. */
function decimalsFor(code: string, opts: RankOptions): number {
  return opts.decimalsByCode?.get(code) ?? opts.decimals ?? DEFAULT_DECIMALS;
}

function withDecimals(table: RankTable, decimals: number, opts: RankOptions): RankTable {
  if ((opts.rankOn ?? "rounded") === "rounded") table.decimals = decimals;
  return table;
}

/** The integers of every column of a group, when the columnar lane holds them all on one tree. */
function scaledGroup(inPeriod: readonly ColumnAnalysis[]): ScaledColumn[] | null {
  const out: ScaledColumn[] = [];
  for (const c of inPeriod) {
    // Units with their own maximum rank on the rate, which the integers do not hold.
    if (c.column.unitMax) return null;
    const s = scaledColumn(c.nodes);
    if (!s || (out.length > 0 && s.layout !== out[0].layout)) return null;
    out.push(s);
  }
  return out.length > 0 ? out : null;
}

/**
 * rankGroup on the columnar lane's integers: per code, one typed array of the units' values (rounded
 * as integers when ranking on rounded values) sorted once; the same ranks as competitionRanks.
 */
function rankScaledGroup(inPeriod: readonly ColumnAnalysis[], scaled: readonly ScaledColumn[], period: string, allCodes: readonly string[], opts: RankOptions): RankTable[] {
  const layout = scaled[0].layout;
  const tables: RankTable[] = [];
  const rounded = (opts.rankOn ?? "rounded") === "rounded";
  const keys = new Float64Array(inPeriod.length);
  const who = new Uint32Array(inPeriod.length);
  const oneColumnPerUnit = new Set(inPeriod.map((c) => c.column.unit)).size === inPeriod.length;
  const ranked = allCodes.map((code) => (code === TOTAL_CODE ? layout.total : layout.index.get(code))).filter((at) => at !== undefined);
  // With one column per unit, every code's values are gathered in one pass over the columns, each read
  // front to back (one code at a time would visit 10,000 arrays once per code).
  const byCode = oneColumnPerUnit ? gatherScaled(scaled, ranked) : null;
  for (const code of allCodes) {
    const at = code === TOTAL_CODE ? layout.total : layout.index.get(code);
    if (at === undefined) continue;
    const decimals = decimalsFor(code, opts);
    if (byCode) {
      const { values, columns } = byCode[ranked.indexOf(at)];
      if (values.length === 0) continue;
      if (rounded) for (let k = 0; k < values.length; k++) values[k] = roundScaled(values[k], decimals);
      tables.push(withDecimals(lazyEntries(period, code, () => scaledRanks(inPeriod, values, columns)), decimals, opts));
      continue;
    }
    let count = 0;
    // A unit's first column that has a value on the code ranks it.
    const seen = oneColumnPerUnit ? null : new Set<string>();
    for (let c = 0; c < inPeriod.length; c++) {
      const v = scaled[c].achieved[at];
      if (v !== v) continue;
      if (seen) {
        const unit = inPeriod[c].column.unit;
        if (seen.has(unit)) continue;
        seen.add(unit);
      }
      keys[count] = rounded ? roundScaled(v, decimals) : v;
      who[count] = c;
      count++;
    }
    if (count === 0) continue;
    const values = keys.slice(0, count);
    const columns = who.slice(0, count);
    tables.push(withDecimals(lazyEntries(period, code, () => scaledRanks(inPeriod, values, columns)), decimals, opts));
  }
  return tables;
}

/**
 * A rank table whose entries are made when first read: a commune table has 121 tables of 10,000 entries,
 * and a report reads a few (the total's, and those of the units it details). `entries` is an own,
 * enumerable property (spreading, JSON and structured clones read it as a value).
 */
function lazyEntries(period: string, code: string, make: () => RankResult[]): RankTable {
  let entries: RankResult[] | undefined;
  const table = { period, code } as RankTable;
  Object.defineProperty(table, "entries", {
    enumerable: true,
    configurable: true,
    get: () => (entries ??= make()),
    set: (value: RankResult[]) => {
      entries = value;
    },
  });
  return table;
}

/** Per tree position in `ranked`: the columns' values there (blank ones left out) and which column each is. */
function gatherScaled(scaled: readonly ScaledColumn[], ranked: readonly number[]): { values: Float64Array; columns: Uint32Array }[] {
  const values = ranked.map(() => new Float64Array(scaled.length));
  const columns = ranked.map(() => new Uint32Array(scaled.length));
  const counts = new Uint32Array(ranked.length);
  for (let c = 0; c < scaled.length; c++) {
    const achieved = scaled[c].achieved;
    for (let j = 0; j < ranked.length; j++) {
      const v = achieved[ranked[j]];
      if (v !== v) continue;
      values[j][counts[j]] = v;
      columns[j][counts[j]++] = c;
    }
  }
  return ranked.map((_, j) => ({ values: values[j].subarray(0, counts[j]), columns: columns[j].subarray(0, counts[j]) }));
}

/**
 * Competition ranks of integer keys (highest first, ties in input order), as competitionRanks ranks
 * Decimals, without a comparison callback: the keys are sorted natively, a unit's rank is 1 + the keys
 * above its own (found by binary search), and units are placed by rank in input order.
 */
function scaledRanks(inPeriod: readonly ColumnAnalysis[], keys: Float64Array, who: Uint32Array): RankResult[] {
  const of = keys.length;
  const sorted = Float64Array.from(keys).sort();
  const placed = new Uint32Array(of);
  const out: RankResult[] = new Array<RankResult>(of);
  for (let i = 0; i < of; i++) {
    const key = keys[i];
    const below = firstAtLeast(sorted, key);
    const above = of - firstAbove(sorted, key, below);
    const rank = above + 1;
    const tieCount = of - above - below;
    out[above + placed[above]++] = new ScaledRank(inPeriod[who[i]].column.unit, rank, tieCount, of, formatRankLabel(rank, tieCount), key);
  }
  return out;
}

/** The first index of an ascending array whose value is >= key. */
function firstAtLeast(sorted: Float64Array, key: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index at or after `from` of an ascending array whose value is > key. */
function firstAbove(sorted: Float64Array, key: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A RankResult whose value becomes a Decimal when read. */
class ScaledRank implements RankResult {
  private decimal: Points | undefined;
  constructor(
    readonly unit: string,
    readonly rank: number,
    readonly tieCount: number,
    readonly of: number,
    readonly label: string,
    private readonly key: number,
  ) {}
  get value(): Points {
    return (this.decimal ??= decimalOfScaled(this.key, SCALE_DECIMALS));
  }
}

/**
 * The decimals a table publishes each column with: per code (TOTAL_CODE for the total), the most
 * decimals of any value given there in a "score" column (`PointValue.decimals` when the reader kept
 * them, trailing zeros included, else the value's own), never fewer than `computed` (the decimals of
 * what ParScore computes, 2). A column published as 0,651 / 0,649 / 0,648 ranks on 3 decimals, where
 * rounding to 2 would tie all three at 0,65. Codes no column gives a value for are left out.
 */
export function publishedDecimals(columns: readonly ScoreColumn[], computed = DEFAULT_DECIMALS): Map<string, number> {
  const out = new Map<string, number>();
  const noteDecimals = (code: string, shown: number): void => {
    const d = Math.max(computed, shown);
    const known = out.get(code);
    if (known === undefined || d > known) out.set(code, d);
  };
  const note = (code: string, pv: PointValue | undefined): void => {
    if (pv && pv.value !== null) noteDecimals(code, pv.decimals ?? pv.value.decimalPlaces());
  };
  // A reader's columns (ScaledPoints) share a layout: their decimals are kept per position, and noted once per code.
  const shownByLayout = new Map<PointsLayout, Int32Array>();
  for (const column of columns) {
    if (column.basis !== "score") continue;
    const points = column.points;
    let gathered = false;
    if (points instanceof ScaledPoints) {
      let shown = shownByLayout.get(points.layout);
      if (!shown) shownByLayout.set(points.layout, (shown = new Int32Array(points.layout.codes.length).fill(-1)));
      const into = shown;
      gathered = points.forEachScaled((_code, n, pv, i) => {
        const d = pv ? (pv.value === null ? -1 : (pv.decimals ?? pv.value.decimalPlaces())) : n === n ? decimalsOfScaled(n) : -1;
        if (d > into[i]) into[i] = d;
      });
    }
    if (!gathered) for (const [code, pv] of points) if (code !== TOTAL_CODE) note(code, pv);
    note(TOTAL_CODE, column.publishedTotal ?? column.points.get(TOTAL_CODE));
  }
  for (const [layout, shown] of shownByLayout) {
    layout.codes.forEach((code, i) => {
      if (shown[i] >= 0 && code !== TOTAL_CODE) noteDecimals(code, shown[i]);
    });
  }
  return out;
}

/** Looks up one rank table (of `block` when the tables rank within blocks). */
export function findRankTable(tables: readonly RankTable[], period: string, code: string, block?: string): RankTable | undefined {
  return rankIndex(tables).table(period, code, block);
}

/**
 * Compares computed ranks with the ranks the table published, where that comparison means something:
 * only for tables ranking more than one unit in which no published rank exceeds the number of units
 * ranked (a table holding 5 of the 63 provinces is left alone). A difference is "info"
 * "rank-differs-from-published": expected after points were corrected, otherwise a sign of a data
 * error or of a different tie rule (see rankOn).
 */
export function checkPublishedRanks(columns: readonly ColumnAnalysis[], tables: readonly RankTable[]): Finding[] {
  const findings: Finding[] = [];
  // Per period: each unit's first score column.
  const colsByPeriod = new Map<string, Map<string, ColumnAnalysis>>();
  for (const c of columns) {
    if (c.column.basis !== "score") continue;
    let cols = colsByPeriod.get(c.column.period);
    if (!cols) colsByPeriod.set(c.column.period, (cols = new Map()));
    if (!cols.has(c.column.unit)) cols.set(c.column.unit, c);
  }
  // Codes some column publishes a rank for: the other tables have nothing to compare (their entries are not read).
  const publishedCodes = new Set<string>();
  for (const c of columns) for (const code of c.column.publishedRanks.keys()) publishedCodes.add(code);
  for (const t of tables) {
    if (!publishedCodes.has(t.code)) continue;
    if (t.entries.length < 2) continue;
    const cols = colsByPeriod.get(t.period) ?? new Map<string, ColumnAnalysis>();
    const published = t.entries.map((e) => cols.get(e.unit)?.column.publishedRanks.get(t.code));
    if (published.every((p) => p === undefined)) continue;
    if (published.some((p) => p !== undefined && p.rank > t.entries.length)) continue;
    t.entries.forEach((e, i) => {
      const p = published[i];
      if (!p) return;
      const sameTie = p.tieCount === undefined || p.tieCount === e.tieCount;
      if (p.rank === e.rank && sameTie) return;
      const column = cols.get(e.unit)!.column;
      const name = columnName(column);
      const node = nodeName(t.code);
      const pub = formatRankLabel(p.rank, p.tieCount ?? 1);
      findings.push(
        finding(
          "rank-differs-from-published",
          "info",
          {
            vi: `${name.vi}: vị thứ tính lại của ${t.code === TOTAL_CODE ? node.vi : `mã ${t.code}`} là ${e.label}, bảng ghi ${pub}`,
            en: `${name.en}: the recomputed rank for ${t.code === TOTAL_CODE ? node.en : `code ${t.code}`} is ${e.label}, the table says ${pub}`,
          },
          { code: t.code, column: column.key, location: p.location },
        ),
      );
    });
  }
  return findings;
}

/** A rank as it applies to one column, with where it came from. */
export interface RankView {
  rank: number;
  tieCount: number;
  /** Units ranked, when known (computed ranks know it; published ranks do not). */
  of: number | null;
  label: string;
  source: "computed" | "published";
}

/**
 * Rank tables looked up by period, code and unit in constant time. Built once per list of tables and
 * memoised (an Analysis's tables never change after `analyse`), so presenters that ask for every
 * unit's rank on every criterion stay linear in the table size.
 */
export interface RankIndex {
  /**
   * The table of a period and code; where a table ranks within blocks, the one of `block` (a table
   * ranking all units answers for any block).
   */
  table(period: string, code: string, block?: string): RankTable | undefined;
  /** A unit's entry, in whichever block's table it is. */
  entry(period: string, code: string, unit: string): RankResult | undefined;
}

const RANK_INDEXES = new WeakMap<readonly RankTable[], RankIndex>();

export function rankIndex(tables: readonly RankTable[]): RankIndex {
  const known = RANK_INDEXES.get(tables);
  if (known) return known;
  // period -> code -> slot: nested maps, so a look-up builds no key string (rank sheets make millions).
  const byPeriod = new Map<string, Map<string, { tables: RankTable[]; units: Map<string, RankResult> | null }>>();
  for (const t of tables) {
    let byCode = byPeriod.get(t.period);
    if (!byCode) byPeriod.set(t.period, (byCode = new Map()));
    const slot = byCode.get(t.code);
    if (!slot) byCode.set(t.code, { tables: [t], units: null });
    else if (!slot.tables.some((x) => x.block === t.block)) slot.tables.push(t);
  }
  const index: RankIndex = {
    table: (period, code, block) => {
      const slot = byPeriod.get(period)?.get(code);
      if (!slot) return undefined;
      if (slot.tables.length === 1 && slot.tables[0].block === undefined) return slot.tables[0];
      return slot.tables.find((t) => t.block === block);
    },
    entry: (period, code, unit) => {
      const slot = byPeriod.get(period)?.get(code);
      if (!slot) return undefined;
      if (!slot.units) {
        // Built on first use: most tables are only ever asked about through a few units.
        slot.units = new Map();
        for (const t of slot.tables) for (const e of t.entries) if (!slot.units.has(e.unit)) slot.units.set(e.unit, e);
      }
      return slot.units.get(unit);
    },
  };
  RANK_INDEXES.set(tables, index);
  return index;
}

/**
 * The rank that applies to a column on a code: the computed one when that period's table ranks more
 * than one unit, otherwise the rank the table published (one-unit tables like seed 001's rank only
 * themselves, and excerpts publish ranks beyond their own size).
 */
export function applicableRank(column: ScoreColumn, code: string, tables: readonly RankTable[] | RankIndex): RankView | null {
  const index = Array.isArray(tables) ? rankIndex(tables as readonly RankTable[]) : (tables as RankIndex);
  const table = index.table(column.period, code, column.block);
  const published = column.publishedRanks.get(code);
  const computed = table && table.entries.length > 1 && !(table.excerpt && published) ? index.entry(column.period, code, column.unit) : undefined;
  if (computed) {
    return { rank: computed.rank, tieCount: computed.tieCount, of: computed.of, label: computed.label, source: "computed" };
  }
  if (!published) return null;
  const tieCount = published.tieCount ?? 1;
  return { rank: published.rank, tieCount, of: null, label: formatRankLabel(published.rank, tieCount), source: "published" };
}

/** The key of a rank table in a Map index. */
export function rankTableKey(period: string, code: string): string {
  return `${period}\u0000${code}`;
}
