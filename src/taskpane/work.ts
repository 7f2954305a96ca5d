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
import { parsePoints, pointsToJson } from "../engine/points";
import { flattenCriteria, leafCriteria, nominalTotalMax } from "../engine/tree";
import type { Analysis, ColumnAnalysis, Criterion, Finding, Lang, Location, Text2 } from "../engine/types";
import { TOTAL_CODE } from "../engine/types";
import { changeInto, latest, rankFor, unitViews } from "../engine/views";
import { analyse } from "../engine/analyse";
import { EXAMPLE_CLASS_SCHEMES, type ClassScheme } from "../engine/classes";
import type { Points } from "../engine/types";
import type { AnalysedTable, PipelineResult } from "../pipeline/run";
import { responsibilityByUnit } from "../report/responsibility-sheet";
import { parseResponsibility } from "../tables/responsibility";
import { buildReportPlan, rankedColumns } from "../report";
import { planUnitWorkbook } from "../report/unit-workbook";
import { buildReportDocument } from "../report/report-document";
import { changePhrase } from "../report/narrative";
import { targetGap } from "../engine/targets";
import { targetPhrase, targetToJson } from "../pipeline/targets";
import { criteriaByCode } from "../report/criterion-words";
import type { SheetPlan } from "../report/plan";
import type { Grid } from "../tables/grid";
import { recogniseGrid } from "../tables/recognise";
import { getTemplate, parseTemplate, type Template } from "../tables/templates";
import { templateFromGrid } from "../tables/template-from-sheet";
import { applyTemplate } from "../tables/apply-template";
import { consolidate, type Consolidation, type ConsolidationSource } from "../pipeline/consolidate";
import {
  MAX_DEDUCTIONS,
  type CellRef,
  type ConsolidationFact,
  type DeductionFact,
  type Facts,
  type FindingFact,
  type TableFact,
  type UnitFact,
} from "./facts";

export interface Analysed {
  facts: Facts;
  /** Kept to plan the report from exactly what the user saw. */
  result: PipelineResult;
  /**
   * For a consolidation of the units' sheets: the recognised one-unit tables, so the sheets are
   * planned from a consolidation in their own language (the consolidated table's title is), as
   * `parscore consolidate --lang` makes it.
   */
  consolidation?: ConsolidationInput;
  /** The grid the tables were recognised on (one analysed grid): a unit's workbook copies its rows. */
  grids?: Grid[];
  /** For an analysis with the outputs' choices applied (withChoices): the choices its facts were built with. */
  choices?: FactChoices;
}

interface ConsolidationInput {
  sources: ConsolidationSource[];
  /** Findings of the sheets that are in no recognised table. */
  findings: Finding[];
  sheets: string[];
  lang: Lang;
}

export interface Outputs {
  gap: boolean;
  ranking: boolean;
  highlights: boolean;
  /** Points, ranks and changes as live formulas on the source cells (default on; the CLI's --no-formulas turns it off). */
  formulas?: boolean;
  /** Rate units by one of the example class schemes (engine EXAMPLE_CLASS_SCHEMES id); null/absent: no classes. */
  classScheme?: string | null;
  /** "Phấn đấu vào nhóm K đơn vị dẫn đầu": what each unit needs for place K (the CLI's --target-rank). */
  targetRank?: number | null;
  /** For a one-unit table (seed 001), the total held at that place now, a decimal string (the CLI's --target-value). */
  targetValue?: string | null;
  /** The sheet the user keeps the responsibility table on (the CLI's --responsibility). */
  responsibilitySheet?: string | null;
  /** That sheet as read by the pane (the session fills it in before planning). */
  responsibilityGrid?: Grid | null;
  /** "Dùng trang này làm bộ tiêu chí": a sheet with the user's criteria table, whose maxima fill in the table's (the CLI's template from-sheet + --template). */
  criteriaSheet?: string | null;
  /** That sheet as read by the pane (the session fills it in before planning). */
  criteriaGrid?: Grid | null;
}

/** Units above which the pane works out targets and responsibility only for the first unit (a national table has 10,000). */
export const PER_UNIT_CHOICES_LIMIT = 300;

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
  return { result, facts: buildFacts(result), grids: [grid] };
}

/**
 * The units' sheets (one self-assessment table each) consolidated into one many-unit table, as
 * `parscore consolidate book.xlsx` does for one workbook (src/cli/consolidate.ts): every grid
 * recognised, its tables given to the same pure `consolidate`, which compares the criteria sets,
 * leaves out the mismatched units and analyses the rest. The consolidated table's points stay
 * located on the units' own sheets, so the report links to and highlights them there.
 */
export function consolidateGrids(grids: readonly Grid[], onStage?: (stage: WorkStage) => void): Analysed {
  onStage?.("recognising");
  const sources: ConsolidationSource[] = [];
  const findings: Finding[] = [];
  for (const grid of grids) {
    const recognition = recogniseGrid(grid);
    // As the CLI: each table's own findings travel in its scorecard (and so into the consolidation).
    const perTable = new Set(recognition.tables.flatMap((t) => t.scorecard.findings));
    findings.push(...recognition.findings.filter((f) => !perTable.has(f)));
    for (const table of recognition.tables) sources.push({ table });
  }
  onStage?.("analysing");
  return consolidated({ sources, findings, sheets: grids.map((g) => g.sheet), lang: "vi" });
}

function consolidated(input: ConsolidationInput): Analysed {
  const consolidation = consolidate(input.sources, { lang: input.lang });
  // With no consolidated table, why (the sheets' tables left out, each located) is all there is to show.
  const findings = consolidation.result ? input.findings : [...input.findings, ...consolidation.mismatches];
  const result: PipelineResult = { tables: consolidation.result ? [consolidation.result] : [], findings, sheets: input.sheets };
  const facts: Facts = { ...buildFacts(result), consolidation: consolidationFact(consolidation, input.sheets.length) };
  return { result, facts, consolidation: input };
}

const IN_LANG = new WeakMap<Analysed, Analysed>();

/** The consolidation made again in `lang` when it was made in the other one; any other analysis as it is. */
export function inLang(analysed: Analysed, lang: Lang): Analysed {
  const input = analysed.consolidation;
  if (!input || input.lang === lang) return analysed;
  let other = IN_LANG.get(analysed);
  if (!other) IN_LANG.set(analysed, (other = consolidated({ ...input, lang })));
  return other;
}

export function consolidationFact(consolidation: Consolidation, sheets: number): ConsolidationFact {
  return {
    units: consolidation.units.map((unit) => ({
      name: unit.name,
      at: { sheet: unit.sheet, cell: unit.range.split(":")[0] },
      range: unit.range,
      status: unit.status,
      reasons: unit.reasons.map(findingFact),
    })),
    reference: consolidation.reference,
    sheets,
  };
}

export function planReport(analysed: Analysed, lang: Lang, outputs: Outputs, onStage?: (stage: WorkStage) => void): SheetPlan {
  onStage?.("planning");
  const chosen = withChoices(inLang(analysed, lang), outputs);
  return buildReportPlan({
    lang,
    tables: chosen.result.tables,
    gap: outputs.gap,
    ranking: outputs.ranking,
    highlights: outputs.highlights,
    formulas: outputs.formulas !== false,
  });
}

/** The facts to show after writing: classes, targets and responsibility as chosen (the analysis' own when none). */
export function choiceFacts(analysed: Analysed, outputs: Outputs): Facts {
  return withChoices(analysed, outputs).facts;
}

const CHOSEN = new WeakMap<Analysed, { key: string; grid: Grid | null | undefined; criteriaGrid: Grid | null | undefined; chosen: Analysed }>();

/**
 * The analysis with the outputs' choices applied, as the CLI applies its options: re-analysed with the
 * class scheme (classes are part of the analysis), the responsibility table parsed from its sheet and
 * given to each table (sheet and efforts), targets for place K. Remembered for the last choices, so the
 * plan and the facts share one computation.
 */
export function withChoices(analysed: Analysed, outputs: Outputs): Analysed {
  const scheme = outputs.classScheme ? EXAMPLE_CLASS_SCHEMES.find((c) => c.id === outputs.classScheme) : undefined;
  const grid = outputs.responsibilitySheet ? outputs.responsibilityGrid : null;
  const rank = outputs.targetRank && outputs.targetRank >= 1 ? Math.floor(outputs.targetRank) : null;
  const parsedValue = rank !== null && outputs.targetValue ? parsePoints(outputs.targetValue) : null;
  const targetValue = parsedValue?.ok ? parsedValue.value : undefined;
  const criteriaGrid = outputs.criteriaSheet ? outputs.criteriaGrid : null;
  if (!scheme && !grid && rank === null && !criteriaGrid) return analysed;
  const key = `${scheme?.id ?? ""}|${rank ?? ""}|${targetValue?.toString() ?? ""}|${outputs.responsibilitySheet ?? ""}|${outputs.criteriaSheet ?? ""}`;
  const known = CHOSEN.get(analysed);
  if (known && known.key === key && sameGrid(known.grid, grid) && sameGrid(known.criteriaGrid, criteriaGrid)) return known.chosen;

  const responsibility = grid ? parseResponsibility(grid) : null;
  const own = criteriaGrid ? ownCriteriaSet(criteriaGrid) : null;
  const tables: AnalysedTable[] = analysed.result.tables.map(({ table, analysis }) => {
    const completed = own?.template && table.sheet !== criteriaGrid?.sheet ? withCriteriaSet(table, own.template) : null;
    const scorecard = completed?.scorecard ?? table.scorecard;
    const chosen: AnalysedTable = {
      table: completed ?? table,
      analysis: scheme || completed ? analyse(scorecard, scheme ? { classScheme: scheme } : {}) : analysis,
    };
    if (responsibility) chosen.responsibility = responsibility.assignments;
    return chosen;
  });
  const result: PipelineResult = { ...analysed.result, tables, findings: [...analysed.result.findings, ...(responsibility?.findings ?? []), ...(own?.findings ?? [])] };
  const choices: FactChoices = { targetRank: rank, targetValue, efforts: responsibility?.efforts, classScheme: scheme };
  const facts = buildFacts(result, choices);
  // A consolidation stays one: what it read and left out is shown after writing too.
  if (analysed.facts.consolidation) facts.consolidation = analysed.facts.consolidation;
  const chosen: Analysed = { result, facts, choices };
  if (analysed.consolidation) chosen.consolidation = analysed.consolidation;
  CHOSEN.set(analysed, { key, grid, criteriaGrid, chosen });
  return chosen;
}

/**
 * The same sheet as read: the pane sends a sheet again with every request that needs it, and in the
 * worker each message is a new copy, so identity alone would apply the same choices again.
 */
function sameGrid(a: Grid | null | undefined, b: Grid | null | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.sheet !== b.sheet || a.values.length !== b.values.length) return false;
  return JSON.stringify(a.values) === JSON.stringify(b.values);
}

/**
 * A unit's whole fact (its climb, largest deductions, and the chosen target and responsibility) with the
 * outputs' choices applied as `choiceFacts` applies them: for a unit that buildFacts left for later
 * (`detailsLater`), when the pane shows it. `outputs` null: the analysis as it is.
 */
export function unitDetails(analysed: Analysed, outputs: Outputs | null, tableIndex: number, unitIndex: number): UnitFact {
  const chosen = outputs ? withChoices(analysed, outputs) : analysed;
  const table = chosen.result.tables[tableIndex];
  const view = table ? unitViews(table.analysis)[unitIndex] : undefined;
  if (!table || !view) throw new Error(`ParScore: no unit ${unitIndex} in table ${tableIndex}`);
  return unitFact(table.analysis, view.unit, latest(view), { ...chosen.choices, responsibility: table.responsibility });
}

/** The user's criteria set from a sheet, as `parscore template from-sheet` makes it. */
function ownCriteriaSet(grid: Grid): { template: Template | null; findings: Finding[] } {
  const made = templateFromGrid(grid, grid.sheet, grid.sheet);
  return { template: made.template ? parseTemplate(made.template) : null, findings: made.findings };
}

/** A copy of the table with the set's maxima and titles filled in (the recognised table is shared, never changed). */
function withCriteriaSet(table: AnalysedTable["table"], template: Template): AnalysedTable["table"] {
  const copy = (nodes: readonly Criterion[]): Criterion[] => nodes.map((c) => ({ ...c, children: copy(c.children) }));
  const scorecard = { ...table.scorecard, criteria: copy(table.scorecard.criteria), findings: [...table.scorecard.findings] };
  scorecard.findings.push(...applyTemplate(scorecard, template));
  return { ...table, scorecard, template: template.id };
}

export interface FactChoices {
  targetRank?: number | null;
  /** The total at place `targetRank` when the table cannot tell it (one unit). */
  targetValue?: Points;
  efforts?: ReadonlyMap<string, Points>;
  /** The scheme the classes come from: a class is said with its band ("Nhóm B (80% đến dưới 90%)"). */
  classScheme?: ClassScheme;
}

export function buildFacts(result: PipelineResult, choices: FactChoices = {}): Facts {
  return {
    tables: result.tables.map(({ table, analysis, responsibility }): TableFact => ({
      sheet: table.sheet,
      range: table.range,
      layout: table.layout,
      template: table.template ? { id: table.template, title: getTemplate(table.template)?.title ?? { vi: table.template, en: table.template } } : null,
      title: analysis.scorecard.title ?? null,
      criteriaCount: flattenCriteria(analysis.scorecard.criteria).filter((c) => !c.extra).length,
      max: pointsToJson(nominalTotalMax(analysis.scorecard.criteria, analysis.scorecard.total)),
      rankable: rankedColumns(analysis).length >= 2,
      units: unitViews(analysis).map((view, i, all) =>
        all.length <= PER_UNIT_CHOICES_LIMIT || i === 0
          ? unitFact(analysis, view.unit, latest(view), { ...choices, responsibility })
          : unitSummary(analysis, view.unit, latest(view)),
      ),
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

/**
 * The unit's fact with everything the pane shows of it after writing: the climb one place up and
 * the largest deductions, and the chosen target and responsibility.
 */
function unitFact(analysis: Analysis, unit: string, current: ColumnAnalysis, choices: FactChoices & { responsibility?: ReadonlyMap<string, string> }): UnitFact {
  const fact = unitSummary(analysis, unit, current);
  delete fact.detailsLater;
  const rank = rankFor(analysis, current, TOTAL_CODE);
  fact.climb = rank && rank.source === "computed" && rank.rank > 1 ? climbOnePlace(analysis, unit, current, rank.rank - 1) : null;
  fact.deductions = largestDeductions(analysis, current);
  if (choices.targetRank) {
    // The CLI's --target-rank, phrased as it phrases it.
    const gap = targetGap(analysis, { unit, period: current.column.period, targetRank: choices.targetRank, targetValue: choices.targetValue, efforts: choices.efforts });
    const criteria = criteriaByCode(analysis);
    const vi = targetToJson(gap, "vi", criteria);
    fact.target = { vi: vi.text, en: targetPhrase(gap, vi.recover, "en", criteria) };
  }
  if (choices.responsibility) {
    fact.responsibility = responsibilityByUnit(analysis, choices.responsibility, [unit])
      .filter((r) => r.unit === unit)
      .flatMap((r) => r.groups)
      .map((g) => ({ body: g.body, lost: pointsToJson(g.lost) ?? "0.00", criteria: g.leaves.map((l) => l.criterion.code) }));
  }
  return fact;
}

/** The unit's totals, rank, change and class: what a list of every unit shows; its details come later. */
function unitSummary(analysis: Analysis, unit: string, current: ColumnAnalysis): UnitFact {
  const total = current.nodes.get(TOTAL_CODE);
  const rank = rankFor(analysis, current, TOTAL_CODE);
  const change = changeInto(analysis, unit, current.column.period);
  const fact: UnitFact = {
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
    climb: null,
    deductions: [],
    detailsLater: true,
  };
  if (current.column.block) fact.block = current.column.block;
  // A capped class is said with why, not with a band its percent is not in.
  if (current.class?.words && current.class.capReasons.length === 0) fact.groupText = current.class.words;
  if (current.class?.capReasons.length) fact.groupReason = { vi: current.class.capReasons.map((r) => r.vi).join("; "), en: current.class.capReasons.map((r) => r.en).join("; ") };
  return fact;
}

/** The engine's target for the next place up, phrased in both languages. */
function climbOnePlace(analysis: Analysis, unit: string, current: ColumnAnalysis, place: number): Text2 | null {
  const gap = targetGap(analysis, { unit, period: current.column.period, targetRank: place });
  if (!gap.pointsNeeded || gap.pointsNeeded.isZero()) return null;
  const criteria = criteriaByCode(analysis);
  const vi = targetToJson(gap, "vi", criteria);
  return { vi: vi.text, en: targetPhrase(gap, vi.recover, "en", criteria) };
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
      level: criterion.level,
      lost: pointsToJson(lost) as string,
      at: cellRef(current.column.points.get(criterion.code)?.location) ?? cellRef(criterion.location),
    }));
}

/** One unit's workbook as a file: what `parscore split` writes for it, with the pane's writer. */
export interface UnitWorkbookFile {
  bytes: Uint8Array;
  /** Error findings about the unit's own cells (listed on its gap sheet). */
  errors: number;
}

/**
 * The workbook of unit `unit` of table `tableIndex`, planned by the module `parscore split` uses
 * (src/report/unit-workbook.ts) and written by plan-file.ts, which is loaded on first use (its own
 * chunk: neither the first load nor an analysis carries it).
 */
export async function unitWorkbookFile(analysed: Analysed, lang: Lang, tableIndex: number, unit: string): Promise<UnitWorkbookFile> {
  const table = analysed.result.tables[tableIndex];
  const grid = table && analysed.grids?.find((g) => g.sheet === table.table.sheet);
  if (!table || !grid) throw new Error(lang === "vi" ? "Không có bảng điểm để tách theo đơn vị." : "No score table to split by unit.");
  if (!tableUnitNames(table).includes(unit)) throw new Error(lang === "vi" ? `Không có đơn vị '${unit}' trong bảng.` : `No unit '${unit}' in the table.`);
  const planned = planUnitWorkbook(table, grid, unit, { lang });
  const { planWorkbookFile } = await import(/* webpackChunkName: "unit-workbook" */ "../hosts/xlsx/plan-file");
  return { bytes: planWorkbookFile([planned.grid], planned.plan), errors: planned.errors };
}

function tableUnitNames(table: AnalysedTable): string[] {
  return unitViews(table.analysis).map((v) => v.unit);
}

/**
 * The report as a Word document (`parscore report`): the same ReportDocument, rendered by the `docx`
 * library, which is loaded on first use (its own chunk).
 */
export async function reportDocxFile(analysed: Analysed, lang: Lang): Promise<Uint8Array> {
  const chosen = inLang(analysed, lang);
  if (chosen.result.tables.length === 0) throw new Error(lang === "vi" ? "Không có bảng điểm để lập báo cáo." : "No score table to report on.");
  const document = buildReportDocument(chosen.result.tables, { lang });
  const { renderDocxBytes } = await import(/* webpackChunkName: "report-docx" */ "../report/docx/render-docx");
  return renderDocxBytes(document);
}
