/**
 * The pane's pure part: Grid -> recognised tables and analyses (src/pipeline/run.ts), the facts
 * the pane shows (from the engine's views, src/engine/views.ts: nothing is recomputed here), and
 * the SheetPlan to write (src/report).
 *
 * It runs in a Web Worker (pipeline.worker.ts, through the protocol in pipeline-protocol.ts), so
 * a big table never blocks the pane; where there is no Worker it is loaded in the page with a
 * dynamic import() (pipeline.ts). Either way the engine and the report builders stay out of the
 * first-load bundle.
 */
import { pointsToJson } from "../engine/points";
import { flattenCriteria, leafCriteria } from "../engine/tree";
import type { Analysis, ColumnAnalysis, Finding, Lang, Location, Text2 } from "../engine/types";
import { TOTAL_CODE } from "../engine/types";
import { changeInto, latest, rankFor, unitViews } from "../engine/views";
import { analyse } from "../engine/analyse";
import type { PipelineResult } from "../pipeline/run";
import { buildReportPlan, rankedColumns } from "../report";
import { changePhrase } from "../report/narrative";
import { targetGap } from "../engine/targets";
import { targetPhrase, targetToJson } from "../pipeline/targets";
import type { SheetPlan } from "../report/plan";
import type { Grid } from "../tables/grid";
import { recogniseGrid } from "../tables/recognise";
import { MAX_DEDUCTIONS, type CellRef, type DeductionFact, type Facts, type FindingFact, type TableFact, type UnitFact } from "./facts";

export interface Analysed {
  facts: Facts;
  /** Kept to plan the report from exactly what the user saw. */
  result: PipelineResult;
}

export interface Outputs {
  gap: boolean;
  ranking: boolean;
  highlights: boolean;
}

/** What the pure part is doing, for the pane's progress. */
export type WorkStage = "recognising" | "analysing" | "planning";

/**
 * analyseGrids([grid]) (src/pipeline/run.ts) in its two steps, telling `onStage` which one runs:
 * recognise the tables, then analyse each. The result is the same (test/taskpane/work.test.ts).
 */
export function analyseGrid(grid: Grid, onStage?: (stage: WorkStage) => void): Analysed {
  onStage?.("recognising");
  const recognition = recogniseGrid(grid);
  onStage?.("analysing");
  // As in analyseGrids: each table's own findings travel in its scorecard; keep the rest here.
  const perTable = new Set(recognition.tables.flatMap((t) => t.scorecard.findings));
  const result: PipelineResult = {
    tables: recognition.tables.map((table) => ({ table, analysis: analyse(table.scorecard) })),
    findings: recognition.findings.filter((f) => !perTable.has(f)),
    sheets: [grid.sheet],
  };
  return { result, facts: buildFacts(result) };
}

export function planReport(analysed: Analysed, lang: Lang, outputs: Outputs, onStage?: (stage: WorkStage) => void): SheetPlan {
  onStage?.("planning");
  return buildReportPlan({
    lang,
    tables: analysed.result.tables,
    gap: outputs.gap,
    ranking: outputs.ranking,
    highlights: outputs.highlights,
  });
}

export function buildFacts(result: PipelineResult): Facts {
  return {
    tables: result.tables.map(({ table, analysis }): TableFact => ({
      sheet: table.sheet,
      range: table.range,
      layout: table.layout,
      template: table.template ?? null,
      title: analysis.scorecard.title ?? null,
      criteriaCount: flattenCriteria(analysis.scorecard.criteria).filter((c) => !c.extra).length,
      rankable: rankedColumns(analysis).length >= 2,
      units: unitViews(analysis).map((view) => unitFact(analysis, view.unit, latest(view))),
      findings: analysis.findings.map(findingFact),
    })),
    findings: result.findings.map(findingFact),
  };
}

function cellRef(location: Location | undefined): CellRef | null {
  return location?.sheet && location.cell ? { sheet: location.sheet, cell: location.cell } : null;
}

export function findingFact(finding: Finding): FindingFact {
  return { severity: finding.severity, kind: finding.kind, message: finding.message, at: cellRef(finding.location) };
}

function unitFact(analysis: Analysis, unit: string, current: ColumnAnalysis): UnitFact {
  const total = current.nodes.get(TOTAL_CODE);
  const rank = rankFor(analysis, current, TOTAL_CODE);
  const change = changeInto(analysis, unit, current.column.period);
  return {
    name: unit,
    period: current.column.period,
    total: pointsToJson(total?.achieved),
    max: pointsToJson(total?.max),
    lost: pointsToJson(total?.lost),
    percent: pointsToJson(total?.percent),
    rank: rank?.rank ?? null,
    rankLabel: rank?.label ?? null,
    rankOf: rank?.of ?? null,
    change: change ? { vi: changePhrase(change, "vi"), en: changePhrase(change, "en") } : null,
    changeDelta: pointsToJson(change?.pointsDelta),
    group: current.class?.label ?? null,
    climb: rank && rank.source === "computed" && rank.rank > 1 ? climbOnePlace(analysis, unit, current, rank.rank - 1) : null,
    deductions: largestDeductions(analysis, current),
  };
}

/** The engine's target for the next place up, phrased in both languages. */
function climbOnePlace(analysis: Analysis, unit: string, current: ColumnAnalysis, place: number): Text2 | null {
  const gap = targetGap(analysis, { unit, period: current.column.period, targetRank: place });
  if (!gap.pointsNeeded || gap.pointsNeeded.isZero()) return null;
  const vi = targetToJson(gap, "vi");
  return { vi: vi.text, en: targetPhrase(gap, vi.recover, "en") };
}

/** The leaves (areas, in area-only tables) that lost most in this column, largest first. */
function largestDeductions(analysis: Analysis, current: ColumnAnalysis): DeductionFact[] {
  return leafCriteria(analysis.scorecard.criteria)
    .map((criterion) => ({ criterion, lost: current.nodes.get(criterion.code)?.lost ?? null }))
    .filter((x) => x.lost !== null && x.lost.gt(0))
    .sort((a, b) => b.lost!.comparedTo(a.lost!))
    .slice(0, MAX_DEDUCTIONS)
    .map(({ criterion, lost }) => ({
      code: criterion.code,
      title: criterion.title,
      lost: pointsToJson(lost) as string,
      at: cellRef(current.column.points.get(criterion.code)?.location) ?? cellRef(criterion.location),
    }));
}
