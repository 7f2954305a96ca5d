import Decimal from "decimal.js";
import type { Analysis, ColumnAnalysis, Finding, Points, Scorecard } from "./types";
import { TOTAL_CODE } from "./types";
import { DEFAULT_DECIMALS, toPoints } from "./points";
import { rollUpColumn } from "./rollup";
import { applyAppraisalDeductions, leafSummary, matchingSelfColumns } from "./deductions";
import { checkPublishedRanks, markExcerpts, publishedDecimals, rankTables } from "./ranks";
import { columnarLane } from "./columnar";
import type { RankOn } from "./ranks";
import { computeChanges } from "./changes";
import { classify } from "./classes";
import type { ClassScheme } from "./classes";
import { flattenCriteria, validateTree } from "./tree";
import { columnName, finding } from "./text";

export interface AnalysisOptions {
  /** Accepted difference for published rounding (default 0.01). Numbers/strings are read exactly. */
  tolerance?: Points | number | string;
  /**
   * Decimals of the values ParScore computes, for phrases and for ranking on rounded values (default 2).
   * Ties on a column the table publishes with more decimals (0,651) are decided at the table's own
   * decimals, unless `tiesAt` is "fixed".
   */
  decimals?: number;
  /** "published" (default): ties at the decimals the table publishes each column with; "fixed": at `decimals` everywhere. */
  tiesAt?: "published" | "fixed";
  /** "rounded" (default): ties decided on the published (rounded) value; "exact": on the full value. */
  rankOn?: RankOn;
  /** Units scored but kept out of ranking. */
  excludedUnits?: string[];
  /** Rates every score column's total percent (with caps from column.indicators; bands per block when the scheme has them). */
  classScheme?: ClassScheme;
  /**
   * When units are listed in blocks (departments, districts), rank each block on its own (default true),
   * as provinces publish; the ranking of all units together is kept in `overallRanks`. False ranks all together,
   * and so does a table whose published ranks run over all units (a published rank beyond its block's size).
   */
  rankWithinBlocks?: boolean;
  /**
   * "columnar" (default): clean columns on exact integers (columnar.ts), the rest on decimal.js;
   * "decimal": every column on decimal.js, the reference the columnar lane is tested against.
   */
  exactLane?: "columnar" | "decimal";
}

/**
 * A table that lists units in blocks but publishes one ranking over all of them: some published total
 * rank is beyond the number of units in that unit's block (and period). Its ranks are then computed over
 * all units too, so they compare with what it publishes.
 */
function publishesOverallRanks(scorecard: Scorecard): boolean {
  const perBlock = new Map<string, number>();
  const slot = (c: Scorecard["columns"][number]) => `${c.period}\u0000${c.block ?? ""}`;
  for (const c of scorecard.columns) if (c.basis === "score") perBlock.set(slot(c), (perBlock.get(slot(c)) ?? 0) + 1);
  // A rank beyond all the units listed is no ranking over them: the table is an excerpt of rankings per block.
  const all = new Map<string, number>();
  for (const c of scorecard.columns) if (c.basis === "score") all.set(c.period, (all.get(c.period) ?? 0) + 1);
  const published = (c: Scorecard["columns"][number]) => (c.basis === "score" ? c.publishedRanks.get(TOTAL_CODE) : undefined);
  if (scorecard.columns.some((c) => (published(c)?.rank ?? 0) > (all.get(c.period) ?? 0))) return false;
  return scorecard.columns.some((c) => {
    const p = published(c);
    return p !== undefined && p.rank > (perBlock.get(slot(c)) ?? 0);
  });
}

/**
 * The whole engine in one call: tree checks, roll-ups per column, deductions, leaf summaries,
 * appraisal deductions, classes, ranks, changes, findings (the scorecard's first, then the engine's).
 * Pure: the scorecard is not modified.
 */
export function analyse(scorecard: Scorecard, options: AnalysisOptions = {}): Analysis {
  const tolerance = options.tolerance === undefined ? new Decimal("0.01") : toPoints(options.tolerance);
  const decimals = options.decimals ?? DEFAULT_DECIMALS;
  const findings: Finding[] = [...scorecard.findings];
  findings.push(...validateTree(scorecard.criteria, { tolerance, total: scorecard.total }));

  const seenKeys = new Map<string, string>();
  // Clean columns are rolled up on integers; the rest (and every table the lane leaves alone) by decimal.js.
  const lane = options.exactLane === "decimal" ? null : columnarLane(scorecard.criteria, scorecard.total);
  const columns: ColumnAnalysis[] = scorecard.columns.map((column) => {
    const clean = lane?.roll(column);
    let analysed: ColumnAnalysis;
    if (clean) analysed = { column, nodes: clean.nodes, leafSummary: clean.leafSummary };
    else {
      const { nodes, findings: f } = rollUpColumn(scorecard.criteria, column, { tolerance, total: scorecard.total });
      findings.push(...f);
      lane?.adopt(nodes);
      analysed = { column, nodes, leafSummary: leafSummary(scorecard.criteria, nodes) };
    }
    const slot = `${column.unit}\u0000${column.period}\u0000${column.basis}`;
    if (seenKeys.has(slot)) {
      const name = columnName(column);
      findings.push(
        finding(
          "duplicate-column",
          "warning",
          {
            vi: `Có hai cột điểm cho ${name.vi}; xếp hạng và so sánh chỉ dùng cột đầu tiên`,
            en: `Two columns hold points for ${name.en}; ranks and changes use the first one`,
          },
          { column: column.key },
        ),
      );
    } else seenKeys.set(slot, column.key);
    return analysed;
  });

  for (const [score, self] of matchingSelfColumns(columns)) applyAppraisalDeductions(score.nodes, self.nodes);

  if (options.classScheme) {
    for (const c of columns) {
      if (c.column.basis !== "score") continue;
      // A unit listed outside any block is matched by its own name ("Huyện A", "Sở Y tế") for per-block bands.
      const cls = classify(c.nodes.get(TOTAL_CODE)?.percent ?? null, c.column.indicators, options.classScheme, c.column.block ?? c.column.unit);
      if (cls) c.class = cls;
      else {
        const name = columnName(c.column);
        findings.push(
          finding(
            "no-class",
            "info",
            {
              vi: `${name.vi}: không xếp loại được vì chưa tính được tỷ lệ điểm (%)`,
              en: `${name.en}: no class, the total percent could not be computed`,
            },
            { code: TOTAL_CODE, column: c.column.key },
          ),
        );
      }
    }
  }

  const codes = flattenCriteria(scorecard.criteria).map((c) => c.code);
  const uniqueCodes = [...new Set(codes)];
  const decimalsByCode = options.tiesAt === "fixed" ? undefined : publishedDecimals(scorecard.columns, decimals);
  const rankOptions = { rankOn: options.rankOn, decimals, decimalsByCode, excludedUnits: options.excludedUnits };
  const overall = rankTables(columns, uniqueCodes, rankOptions);
  const withinBlocks = options.rankWithinBlocks !== false && scorecard.columns.some((c) => c.block !== undefined) && !publishesOverallRanks(scorecard);
  const ranks = withinBlocks ? rankTables(columns, uniqueCodes, { ...rankOptions, withinBlocks: true }) : overall;
  markExcerpts(ranks, columns);
  if (withinBlocks) markExcerpts(overall, columns);
  findings.push(...checkPublishedRanks(columns, ranks));
  const changes = computeChanges(columns, ranks, uniqueCodes, { decimals });

  const analysis: Analysis = { scorecard, columns, ranks, changes, findings };
  if (withinBlocks) analysis.overallRanks = overall;
  return analysis;
}
