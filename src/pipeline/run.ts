/**
 * The one place the pipeline is wired: Grid[] -> recognised tables -> Analysis per table.
 * Pure (no Node, no Office.js), so the CLI and the task pane share it.
 */
import { analyse, type AnalysisOptions } from "../engine/analyse";
import type { Analysis, Finding } from "../engine/types";
import type { Grid } from "../tables/grid";
import { recogniseGrid, type RecogniseOptions, type RecognisedTable } from "../tables/recognise";

export interface AnalysedTable {
  table: RecognisedTable;
  analysis: Analysis;
  /** Criterion code -> responsible body (CLI --responsibility); the report plans a responsibility sheet. */
  responsibility?: ReadonlyMap<string, string>;
}

export interface PipelineResult {
  tables: AnalysedTable[];
  /** Findings not tied to one table (sheets with nothing recognisable, ...). */
  findings: Finding[];
  /** Names of the sheets that were looked at. */
  sheets: string[];
}

export interface PipelineOptions {
  recognise?: RecogniseOptions;
  analysis?: AnalysisOptions;
}

export function analyseGrids(grids: Grid[], options: PipelineOptions = {}): PipelineResult {
  const tables: AnalysedTable[] = [];
  const findings: Finding[] = [];
  for (const grid of grids) {
    findings.push(...(grid.findings ?? []));
    const recognition = recogniseGrid(grid, options.recognise);
    // Each table's own findings travel in its scorecard (and so its Analysis); keep the rest here.
    const perTable = new Set(recognition.tables.flatMap((t) => t.scorecard.findings));
    findings.push(...recognition.findings.filter((f) => !perTable.has(f)));
    for (const table of recognition.tables) {
      tables.push({ table, analysis: analyse(table.scorecard, options.analysis) });
    }
  }
  return { tables, findings, sheets: grids.map((g) => g.sheet) };
}
