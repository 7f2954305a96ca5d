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

/** The value a ranking orders: the rate when every unit publishes one, else the published total. */
function rankedValues(columns: readonly ScoreColumn[]): Ranked[] {
  const byRate = columns.every((c) => c.indicators?.indexPercent !== undefined);
  const out: Ranked[] = [];
  for (const column of columns) {
    const rank = column.publishedRanks.get(TOTAL_CODE);
    if (!rank) continue;
    out.push({ column, rank, value: byRate ? (column.indicators?.indexPercent ?? null) : (column.publishedTotal?.value ?? null) });
  }
  return out;
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
  for (const r of ranked) {
    const better = ranked.find((o) => o !== r && o.value !== null && r.value !== null && o.value.lt(r.value) && o.rank.rank < r.rank.rank);
    if (better) findings.push(orderDiffers(r, better, sheet));
  }
  return findings;
}

function orderDiffers(r: Ranked, better: Ranked, sheet: string): Finding {
  const at = r.rank.location ?? { sheet };
  const mine = r.value?.toFixed() ?? "";
  const theirs = better.value?.toFixed() ?? "";
  return {
    kind: "rank-order-differs",
    severity: "warning",
    location: at,
    code: TOTAL_CODE,
    column: r.column.key,
    message: {
      vi: `Trang '${sheet}' ô ${at.cell ?? ""}: ${r.column.unit} có ${mine.replace(".", ",")} nhưng xếp hạng ${r.rank.rank}, sau ${better.column.unit} (${theirs.replace(".", ",")}, hạng ${better.rank.rank}); ParScore xếp ${r.column.unit} trên ${better.column.unit}`,
      en: `Sheet '${sheet}' ${at.cell ?? ""}: ${r.column.unit} has ${mine} but is ranked ${r.rank.rank}, after ${better.column.unit} (${theirs}, rank ${better.rank.rank}); ParScore ranks ${r.column.unit} above ${better.column.unit}`,
    },
  };
}
