/**
 * Excerpts of a larger ranking: a press table of 9 provinces under "Xếp hạng/63" publishes national
 * ranks (34, 39, 40, 63). A published rank beyond the number of units in the table means the table is
 * an excerpt; its ranks are kept as published (ranks computed among the excerpt's units mean nothing
 * against them), and a published rank the published values contradict is found at its cell.
 */
import type Decimal from "decimal.js";
import type { Finding, PublishedRank, ScoreColumn } from "../engine/types";
import { TOTAL_CODE } from "../engine/types";

interface Ranked {
  column: ScoreColumn;
  rank: PublishedRank;
  value: Decimal | null;
}

/**
 * The value a ranking orders: the rate when every unit publishes one, else the rate on each unit's own
 * maximum where units have one (they are ranked on it), else the published total.
 */
function rankedValues(columns: readonly ScoreColumn[]): Ranked[] {
  const byRate = columns.every((c) => c.indicators?.indexPercent !== undefined);
  const out: Ranked[] = [];
  for (const column of columns) {
    const rank = column.publishedRanks.get(TOTAL_CODE);
    if (!rank) continue;
    out.push({ column, rank, value: byRate ? (column.indicators?.indexPercent ?? null) : ownRate(column) });
  }
  return out;
}

function ownRate(column: ScoreColumn): Decimal | null {
  const total = column.publishedTotal?.value ?? null;
  const max = column.unitMax?.value ?? null;
  if (total === null || max === null || max.isZero()) return total;
  return total.times(100).div(max);
}

/** Findings for the units of one period of one table (one block or all units). */
export function excerptFindings(columns: readonly ScoreColumn[], sheet: string): Finding[] {
  const ranked = rankedValues(columns);
  const beyond = ranked.find((r) => r.rank.rank > columns.length);
  if (!beyond) return [];
  const top = Math.max(...ranked.map((r) => r.rank.rank));
  const at = beyond.rank.location ?? { sheet };
  const findings: Finding[] = [
    {
      kind: "ranks-from-larger-ranking",
      severity: "info",
      location: at,
      message: {
        vi: `Trang '${sheet}' ô ${at.cell ?? ""}: bảng có ${columns.length} đơn vị nhưng ghi thứ hạng tới ${top}: đây là trích một bảng xếp hạng lớn hơn; thứ hạng công bố được giữ nguyên, thứ hạng ParScore tính chỉ so các đơn vị trong bảng này`,
        en: `Sheet '${sheet}' ${at.cell ?? ""}: the table lists ${columns.length} units but publishes ranks up to ${top}: an excerpt of a larger ranking; the published ranks are kept, and ParScore's ranks compare only the units of this table`,
      },
    },
  ];
  for (const { r, other } of contradicted(ranked)) findings.push(orderDiffers(r, other, sheet));
  return findings;
}

/**
 * The published ranks the values contradict: the longest run of places, in published order, whose
 * values never rise is kept (found from the last place up, so of two equally long runs the one keeping
 * the better places wins); every other place is out of order, said with a kept unit it contradicts.
 * O(n log n), for excerpts of any size.
 */
function contradicted(ranked: readonly Ranked[]): Array<{ r: Ranked; other: Ranked }> {
  // Equal places in order of value, so that a tie never contradicts itself.
  const valued = ranked.filter((r) => r.value !== null).sort((a, b) => b.rank.rank - a.rank.rank || (a.value as Decimal).comparedTo(b.value as Decimal));
  // tails[k]: the entry ending the best run of length k + 1 (from the worst place up, values never fall).
  const tails: number[] = [];
  const previous: number[] = [];
  valued.forEach((entry, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((valued[tails[mid]].value as Decimal).lte(entry.value as Decimal)) lo = mid + 1;
      else hi = mid;
    }
    previous[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
  });
  const kept = new Set<Ranked>();
  for (let i = tails.length > 0 ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) kept.add(valued[i]);
  const keptEntries = [...kept];
  const out: Array<{ r: Ranked; other: Ranked }> = [];
  for (const r of ranked) {
    if (r.value === null || kept.has(r)) continue;
    const other = keptEntries.find((k) => (k.rank.rank < r.rank.rank ? (k.value as Decimal).lt(r.value as Decimal) : (k.value as Decimal).gt(r.value as Decimal)));
    if (other) out.push({ r, other });
  }
  return out;
}

function orderDiffers(r: Ranked, other: Ranked, sheet: string): Finding {
  const at = r.rank.location ?? { sheet };
  const mine = r.value?.toFixed() ?? "";
  const theirs = other.value?.toFixed() ?? "";
  const after = other.rank.rank < r.rank.rank;
  const [above, below] = after ? [r, other] : [other, r];
  return {
    kind: "rank-order-differs",
    severity: "warning",
    location: at,
    code: TOTAL_CODE,
    column: r.column.key,
    message: {
      vi: `Trang '${sheet}' ô ${at.cell ?? ""}: ${r.column.unit} có ${mine.replace(".", ",")} nhưng xếp hạng ${r.rank.rank}, ${after ? "sau" : "trên"} ${other.column.unit} (${theirs.replace(".", ",")}, hạng ${other.rank.rank}); ParScore xếp ${above.column.unit} trên ${below.column.unit}`,
      en: `Sheet '${sheet}' ${at.cell ?? ""}: ${r.column.unit} has ${mine} but is ranked ${r.rank.rank}, ${after ? "after" : "above"} ${other.column.unit} (${theirs}, rank ${other.rank.rank}); ParScore ranks ${above.column.unit} above ${below.column.unit}`,
    },
  };
}
