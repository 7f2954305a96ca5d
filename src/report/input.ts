/**
 * What the report builders take: per recognised table, where it is and what the engine computed.
 * A `{ table: RecognisedTable; analysis }` from the pipeline (src/pipeline/run.ts AnalysedTable)
 * fits `ReportTableInput` as it is.
 */
import type { Analysis, Finding, Lang, Text2 } from "../engine/types";
import { sheetQualified } from "../tables/grid";

export interface ReportTableInfo {
  /** The user's sheet the table is on. */
  sheet: string;
  /** Its A1 range on that sheet ("A1:F16"). */
  range: string;
  /** "self-assessment" | "unit-across-years" | "units-in-rows" | "units-in-columns" (free text is shown as is). */
  layout: string;
  title?: string;
  /** Criteria-set template the table was matched to, if any. */
  template?: string;
  /**
   * Where the table came from when it is not one range of a sheet in the workbook (a consolidation of
   * the units' own sheets): the sheets' subtitles say this instead of `sheet!range`.
   */
  source?: Text2;
}

/** "'TT Huế'!A1:F16", or the table's own account of where it came from. */
export function sourceOf(table: ReportTableInfo, lang: Lang): string {
  return table.source?.[lang] ?? sheetQualified(table.sheet, table.range);
}

export interface ReportTableInput {
  table: ReportTableInfo;
  analysis: Analysis;
  /** Findings about this table that are not in the analysis (e.g. from table recognition). */
  findings?: Finding[];
  /** Criterion code -> responsible body for this table (src/tables/responsibility.ts); overrides ReportOptions.responsibility. */
  responsibility?: ReadonlyMap<string, string>;
}

export interface ReportOptions {
  lang: Lang;
  /** Which outputs to plan; all by default. */
  gap?: boolean;
  ranking?: boolean;
  highlights?: boolean;
  /** Gap blocks for each unit's latest period only (default) or for every period, latest first. */
  periods?: "latest" | "all";
  /** Units whose detailed gap block is written when a table has more units than the sheet details by default. */
  detailUnits?: readonly string[];
  /**
   * Criterion code -> responsible body (src/tables/responsibility.ts parseResponsibility): plans a
   * "Trách nhiệm" / "Responsibility" sheet per table, lost points grouped by body.
   */
  responsibility?: ReadonlyMap<string, string>;
  /**
   * Write points, points lost, ranks and changes on the gap and ranking sheets as live formulas on
   * the source cells (src/report/live-formulas.ts), cached with the engine's results. Off by default
   * here; the CLI's -o and the add-in turn it on. Ranks stay values when ranking on exact values
   * (`rankOn: "exact"`), which formulas on rounded cells cannot reproduce.
   */
  formulas?: boolean;
  /** How the analysis ranked ("rounded" by default): live rank formulas need "rounded". */
  rankOn?: "rounded" | "exact";
}

export interface ReportInput extends ReportOptions {
  tables: ReportTableInput[];
}
