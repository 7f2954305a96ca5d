import type { ColumnAnalysis, Finding, Points, RankResult, RankTable, ScoreColumn } from "./types";
import { TOTAL_CODE } from "./types";
import { DEFAULT_DECIMALS, roundPoints } from "./points";
import { columnName, finding, nodeName } from "./text";

export type RankOn = "rounded" | "exact";

export interface RankOptions {
  /** "rounded" (default): ties are decided on the value rounded half-up to `decimals`, as published. */
  rankOn?: RankOn;
  /** Decimals for rankOn "rounded" (default 2). */
  decimals?: number;
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
  return (opts.rankOn ?? "rounded") === "exact" ? value : roundPoints(value, opts.decimals ?? DEFAULT_DECIMALS);
}

/**
 * Standard competition ranking ("1224", like Excel's RANK.EQ): highest value first, tied units share
 * the best rank and the next rank skips. Result is sorted by rank; tied units keep their input order.
 */
export function competitionRanks(entries: readonly RankEntry[], opts: RankOptions = {}): RankResult[] {
  const keyed = entries.map((e, i) => ({ unit: e.unit, value: rankingValue(e.value, opts), i }));
  keyed.sort((a, b) => b.value.comparedTo(a.value) || a.i - b.i);
  const of = keyed.length;
  const out: RankResult[] = [];
  let start = 0;
  while (start < keyed.length) {
    let end = start + 1;
    while (end < keyed.length && keyed[end].value.eq(keyed[start].value)) end += 1;
    const rank = start + 1;
    const tieCount = end - start;
    for (let k = start; k < end; k += 1) {
      out.push({ unit: keyed[k].unit, rank, tieCount, of, label: formatRankLabel(rank, tieCount), value: keyed[k].value });
    }
    start = end;
  }
  return out;
}

export interface RankTablesOptions extends RankOptions {
  /** Units scored but kept out of ranking (in addition to columns flagged excludedFromRanking). */
  excludedUnits?: readonly string[];
}

/**
 * Orders periods: integer periods ("2018") numerically, then the rest as text; "" (single period) first.
 */
export function comparePeriods(a: string, b: string): number {
  const na = /^\d+$/.test(a.trim());
  const nb = /^\d+$/.test(b.trim());
  if (na && nb) return Number(a.trim()) - Number(b.trim());
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One RankTable per period per code (TOTAL_CODE first, then `codes` in the given order), over the
 * "score" columns that have an achieved value there. Excluded units and N/A or blank nodes are skipped;
 * tables with no entry are left out. When a unit has two score columns in one period, the first is used.
 */
export function rankTables(columns: readonly ColumnAnalysis[], codes: readonly string[], opts: RankTablesOptions = {}): RankTable[] {
  const excluded = new Set(opts.excludedUnits ?? []);
  const scored = columns.filter((c) => c.column.basis === "score" && !c.column.excludedFromRanking && !excluded.has(c.column.unit));
  const periods = [...new Set(scored.map((c) => c.column.period))].sort(comparePeriods);
  const allCodes = [TOTAL_CODE, ...codes.filter((c) => c !== TOTAL_CODE)];
  const tables: RankTable[] = [];
  for (const period of periods) {
    const inPeriod = scored.filter((c) => c.column.period === period);
    for (const code of allCodes) {
      const seen = new Set<string>();
      const entries: RankEntry[] = [];
      for (const c of inPeriod) {
        if (seen.has(c.column.unit)) continue;
        const r = c.nodes.get(code);
        if (!r || r.notApplicable || r.achieved === null) continue;
        seen.add(c.column.unit);
        entries.push({ unit: c.column.unit, value: r.achieved });
      }
      if (entries.length > 0) tables.push({ period, code, entries: competitionRanks(entries, opts) });
    }
  }
  return tables;
}

/** Looks up one rank table. */
export function findRankTable(tables: readonly RankTable[], period: string, code: string): RankTable | undefined {
  return tables.find((t) => t.period === period && t.code === code);
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
  for (const t of tables) {
    if (t.entries.length < 2) continue;
    const cols = new Map<string, ColumnAnalysis>();
    for (const c of columns) {
      if (c.column.basis === "score" && c.column.period === t.period && !cols.has(c.column.unit)) cols.set(c.column.unit, c);
    }
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
 * The rank that applies to a column on a code: the computed one when that period's table ranks more
 * than one unit, otherwise the rank the table published (one-unit tables like seed 001's rank only themselves).
 */
export function applicableRank(
  column: ScoreColumn,
  code: string,
  tables: readonly RankTable[] | ReadonlyMap<string, RankTable>,
): RankView | null {
  const table = Array.isArray(tables)
    ? (tables as readonly RankTable[]).find((t) => t.period === column.period && t.code === code)
    : (tables as ReadonlyMap<string, RankTable>).get(rankTableKey(column.period, code));
  const computed = table && table.entries.length > 1 ? table.entries.find((e) => e.unit === column.unit) : undefined;
  if (computed) {
    return { rank: computed.rank, tieCount: computed.tieCount, of: computed.of, label: computed.label, source: "computed" };
  }
  const published = column.publishedRanks.get(code);
  if (!published) return null;
  const tieCount = published.tieCount ?? 1;
  return { rank: published.rank, tieCount, of: null, label: formatRankLabel(published.rank, tieCount), source: "published" };
}

/** The key of a rank table in a Map index. */
export function rankTableKey(period: string, code: string): string {
  return `${period}\u0000${code}`;
}
