/**
 * Reading and analysing one input file, as `split` and `report` need it (the same steps and options
 * as `analyze`): grids, the pipeline's tables, the responsibility sheet when one is named, targets.
 */
import { EXAMPLE_CLASS_SCHEMES } from "../engine/classes";
import { parsePoints } from "../engine/points";
import type { Lang, Points } from "../engine/types";
import { analyseGrids, type PipelineResult } from "../pipeline/run";
import { tableTargets } from "../pipeline/targets";
import type { Grid } from "../tables/grid";
import { parseResponsibility, type ResponsibilityTable } from "../tables/responsibility";
import { InputError, readGrids } from "./input";
import { parseMaxCells, parseTolerance } from "./command-options";
import { resolveTemplate } from "./template-option";

export interface TableRunOptions {
  sheet?: string;
  template?: string;
  lang: Lang;
  tolerance?: string;
  rankOn: "rounded" | "exact";
  classes?: string;
  maxCells?: string;
  responsibility?: string;
  targetRank?: string;
  targetValue?: string;
}

export interface TableRun {
  grids: Grid[];
  result: PipelineResult;
  responsibility?: ResponsibilityTable;
  /** A unit's target lines (empty without --target-rank), worded as `analyze --target-rank` words them. */
  targetLines: (tableIndex: number, unit: string) => string[];
}

const key = (s: string): string => s.normalize("NFC").trim().toLocaleLowerCase("vi");

export async function runTables(file: string, options: TableRunOptions): Promise<TableRun> {
  const grids = await readGrids(file, undefined, { maxCells: parseMaxCells(options.maxCells) });
  let responsibility: { grid: Grid; table: ResponsibilityTable } | undefined;
  if (options.responsibility !== undefined) {
    const wanted = options.responsibility;
    const grid = grids.find((g) => key(g.sheet) === key(wanted));
    if (!grid) {
      const sheets = grids.map((g) => `'${g.sheet}'`).join(", ");
      throw new InputError({ vi: `--responsibility: không có trang '${wanted}' trong tệp (các trang có: ${sheets})`, en: `--responsibility: no sheet '${wanted}' in the file (its sheets: ${sheets})` }, 2);
    }
    responsibility = { grid, table: parseResponsibility(grid) };
  }
  const sheetWanted = options.sheet;
  const scored = grids.filter((g) => g !== responsibility?.grid && (sheetWanted === undefined || key(g.sheet) === key(sheetWanted)));
  if (sheetWanted !== undefined && scored.length === 0) {
    throw new InputError({ vi: `Không có trang '${sheetWanted}' trong '${file}'.`, en: `No sheet named '${sheetWanted}' in '${file}'.` }, 1);
  }
  const result = analyseGrids(scored, {
    recognise: { template: options.template ? await resolveTemplate(options.template) : undefined },
    analysis: {
      rankOn: options.rankOn,
      tolerance: parseTolerance(options.tolerance),
      classScheme: EXAMPLE_CLASS_SCHEMES.find((c) => c.id === options.classes),
    },
  });
  if (responsibility) {
    for (const table of result.tables) table.responsibility = responsibility.table.assignments;
    result.findings.push(...responsibility.table.findings);
  }
  const rank = targetRankOf(options, options.lang);
  const targetLines = (tableIndex: number, unit: string): string[] => {
    const table = result.tables[tableIndex];
    if (!rank || !table) return [];
    const efforts = responsibility && responsibility.table.efforts.size > 0 ? responsibility.table.efforts : undefined;
    return tableTargets(table.analysis, { units: [unit], rank: rank.rank, value: rank.value, efforts }, options.lang).map((t) => t.text);
  };
  return { grids, result, responsibility: responsibility?.table, targetLines };
}

function targetRankOf(options: TableRunOptions, lang: Lang): { rank: number; value?: Points } | null {
  if (options.targetRank === undefined) return null;
  const text = options.targetRank;
  const rank = Number(text);
  if (!/^\d+$/.test(text.trim()) || rank < 1) {
    throw new InputError(lang === "vi" ? `--target-rank: '${text}' không phải là một vị thứ (1, 2, 3, ...)` : `--target-rank: '${text}' is not a place (1, 2, 3, ...)`, 2);
  }
  if (options.targetValue === undefined) return { rank };
  const value = parsePoints(options.targetValue);
  if (!value.ok || value.value.isNegative()) {
    throw new InputError(lang === "vi" ? `--target-value: '${options.targetValue}' không phải là số điểm (ví dụ 85,5)` : `--target-value: '${options.targetValue}' is not points (like 85.5)`, 2);
  }
  return { rank, value: value.value };
}
