/**
 * The documented JSON form of an analysis (README, "JSON output"). Decimal values are strings
 * with 2 decimals and a dot ("8.75"); a missing value is null.
 */
import { pointsToJson } from "../engine/points";
import { flattenCriteria } from "../engine/tree";
import type { Analysis, Change, ColumnAnalysis, Criterion, Finding, Lang, NodeResult, Points } from "../engine/types";
import { TOTAL_CODE } from "../engine/types";
import { sheetQualified } from "../tables/grid";
import type { AnalysedTable, PipelineResult } from "./run";
import { responsibilityByUnit } from "../report/responsibility-sheet";
import { tableTargets, type TargetJson, type TargetRequest } from "./targets";
import { changeInto, latest, rankFor, unitViews, type UnitView } from "../engine/views";
import { rankIndex } from "../engine/ranks";
import { SERIES_PERIODS, unitTrend } from "../engine/trend";
import { trendSentence } from "../report/trend";

export interface FindingJson {
  severity: string;
  kind: string;
  /** "Sheet!A1", or null when the finding is not tied to a cell. */
  cell: string | null;
  code: string | null;
  message: string;
}

export interface ChangeJson {
  fromPeriod: string;
  pointsDelta: string | null;
  /** Places climbed (38 -> 4 = 34); negative when the rank fell. */
  rankDelta: number | null;
  text: string;
}

export interface PeriodJson {
  period: string | null;
  total: string | null;
  max: string | null;
  lost: string | null;
  percent: string | null;
  rank: number | null;
  rankLabel: string | null;
}

export interface UnitJson extends PeriodJson {
  name: string;
  /**
   * Only in tables that list units in blocks: the unit's block ("KHỐI SỞ, BAN, NGÀNH"); `rank` is then
   * within the block, and overallRank / overallRankLabel among all the table's units.
   */
  block?: string | null;
  overallRank?: number | null;
  overallRankLabel?: string | null;
  group: string | null;
  /** The class as an appraiser says it, in the run's language: "Nhóm B (80% đến dưới 90%)", or with why a cap lowered it. */
  groupText: string | null;
  /** Why the class was capped below its band ("Có từ 5% hồ sơ trễ hạn trở lên thì không xếp loại tốt"), or null. */
  groupReason: string | null;
  selfAssessed: string | null;
  appraisalDeduction: string | null;
  change: ChangeJson | null;
  subCriteria: {
    fullMarkCount: number;
    fullMarkPoints: string;
    belowMaxCount: number;
    belowMaxAchieved: string;
    belowMaxMax: string;
    belowMaxLost: string;
  };
  periods: PeriodJson[];
  /** A series of three periods or more: best and worst period, change since the first and the previous. */
  trend?: TrendJson;
}

export interface TrendJson {
  best: { period: string; total: string };
  worst: { period: string; total: string };
  sinceFirst: string;
  sincePrevious: string;
  text: string;
}

export interface CriterionValueJson {
  points: string | null;
  lost: string | null;
  rank: number | null;
  rankLabel: string | null;
  notApplicable: boolean;
  selfAssessed?: string | null;
  appraisalDeduction?: string | null;
  /** Against the previous period, when there is one. */
  change?: ChangeJson | null;
  periods?: Record<string, { points: string | null; lost: string | null; rank: number | null; rankLabel: string | null }>;
}

export interface CriterionJson {
  code: string;
  title: string;
  level: number;
  kind: string;
  extra: boolean;
  max: string | null;
  /** Only when the table (a "Mức độ khó" column) gives one: how hard its lost points are to win back, 1 (easiest) to 5. */
  effort?: string;
  /** Its roll-up rule, when not the sum (issue 22). */
  rollup?: string;
  /** Its weight in its parent's (or the total's) weighted rule. */
  weight?: string;
  units: Record<string, CriterionValueJson>;
}

export interface TableJson {
  sheet: string;
  range: string;
  layout: string;
  template: string | null;
  title: string | null;
  /** The total's rule over the areas, when not their sum (read, inferred or from the template). */
  totalRule?: { rollup: string; max: string | null };
  units: UnitJson[];
  criteria: CriterionJson[];
  findings: FindingJson[];
  /** Only with --unit and --target-rank: what the units need for that place. */
  targets?: TargetJson[];
  /** With --responsibility: lost points grouped by responsible body. */
  responsibility?: ResponsibilityJson[];
}

export interface AnalysisJson {
  source: string;
  lang: Lang;
  tables: TableJson[];
  findings: FindingJson[];
}

export function toJson(result: PipelineResult, source: string, lang: Lang, targets?: TargetRequest, detailUnits: readonly string[] = []): AnalysisJson {
  return {
    source,
    lang,
    tables: result.tables.map((t) => {
      const json = tableToJson(t, lang);
      if (targets) json.targets = tableTargets(t.analysis, targets, lang);
      if (t.responsibility) json.responsibility = responsibilityJson(t.analysis, t.responsibility, detailUnits);
      return json;
    }),
    findings: result.findings.map((f) => findingToJson(f, lang)),
  };
}

/** Lost points grouped by responsible body (body null: not assigned), for the units the report details. */
export interface ResponsibilityJson {
  unit: string;
  body: string | null;
  lost: string;
  criteria: string[];
}

function responsibilityJson(analysis: Analysis, assignments: ReadonlyMap<string, string>, detailUnits: readonly string[]): ResponsibilityJson[] {
  return responsibilityByUnit(analysis, assignments, detailUnits).flatMap(({ unit, groups }) =>
    groups.map((g) => ({ unit, body: g.body, lost: pointsToJson(g.lost) ?? "0.00", criteria: g.leaves.map((l) => l.criterion.code) })),
  );
}

export function findingToJson(finding: Finding, lang: Lang): FindingJson {
  const { sheet, cell } = finding.location ?? {};
  return {
    severity: finding.severity,
    kind: finding.kind,
    cell: sheet && cell ? sheetQualified(sheet, cell) : null,
    code: finding.code ?? null,
    message: finding.message[lang],
  };
}

function tableToJson({ table, analysis }: AnalysedTable, lang: Lang): TableJson {
  const views = unitViews(analysis);
  return {
    sheet: table.sheet,
    range: table.range,
    layout: table.layout,
    template: table.template ?? null,
    title: analysis.scorecard.title ?? null,
    ...(analysis.scorecard.total ? { totalRule: { rollup: analysis.scorecard.total.rollup, max: pointsToJson(analysis.scorecard.total.max) } } : {}),
    units: views.map((v) => unitToJson(analysis, v, lang)),
    criteria: flattenCriteria(analysis.scorecard.criteria).map((c) => criterionToJson(analysis, views, c, lang)),
    findings: analysis.findings.map((f) => findingToJson(f, lang)),
  };
}

function periodToJson(analysis: Analysis, column: ColumnAnalysis, code: string): PeriodJson {
  const node = column.nodes.get(code);
  const rank = rankFor(analysis, column, code);
  return {
    period: column.column.period || null,
    total: pointsToJson(node?.achieved),
    max: pointsToJson(node?.max),
    lost: pointsToJson(node?.lost),
    percent: pointsToJson(node?.percent),
    rank: rank?.rank ?? null,
    rankLabel: rank?.label ?? null,
  };
}

function unitToJson(analysis: Analysis, view: UnitView, lang: Lang): UnitJson {
  const current = latest(view);
  const total = current.nodes.get(TOTAL_CODE);
  const self = view.selfAssessed.find((s) => s.column.period === current.column.period);
  const change = changeInto(analysis, view.unit, current.column.period);
  const s = current.leafSummary;
  const blocks = analysis.overallRanks
    ? (() => {
        const overall = rankIndex(analysis.overallRanks).entry(current.column.period, TOTAL_CODE, view.unit);
        return { block: current.column.block ?? null, overallRank: overall?.rank ?? null, overallRankLabel: overall?.label ?? null };
      })()
    : {};
  return {
    name: view.unit,
    ...blocks,
    ...periodToJson(analysis, current, TOTAL_CODE),
    group: current.class?.label ?? null,
    groupText: current.class?.words?.[lang] ?? null,
    groupReason: current.class?.capReasons.length ? current.class.capReasons.map((r) => r[lang]).join("; ") : null,
    selfAssessed: pointsToJson(self?.nodes.get(TOTAL_CODE)?.achieved),
    appraisalDeduction: pointsToJson(total?.appraisalDeduction),
    change: changeToJson(change, lang),
    subCriteria: {
      fullMarkCount: s.fullMarkCount,
      fullMarkPoints: pointsToJson(s.fullMarkPoints) as string,
      belowMaxCount: s.belowMaxCount,
      belowMaxAchieved: pointsToJson(s.belowMaxAchieved) as string,
      belowMaxMax: pointsToJson(s.belowMaxMax) as string,
      belowMaxLost: pointsToJson(s.belowMaxLost) as string,
    },
    periods: view.periods.map((p) => periodToJson(analysis, p, TOTAL_CODE)),
    ...trendToJson(view, lang),
  };
}

function trendToJson(view: UnitView, lang: Lang): { trend?: TrendJson } {
  const trend = unitTrend(view);
  if (!trend || trend.points.length < SERIES_PERIODS) return {};
  const point = (p: { period: string; total: Points }) => ({ period: p.period, total: pointsToJson(p.total) as string });
  return {
    trend: {
      best: point(trend.best),
      worst: point(trend.worst),
      sinceFirst: pointsToJson(trend.sinceFirst) as string,
      sincePrevious: pointsToJson(trend.sincePrevious) as string,
      text: trendSentence(trend, lang),
    },
  };
}

function changeToJson(change: Change | undefined, lang: Lang): ChangeJson | null {
  if (!change) return null;
  return { fromPeriod: change.fromPeriod, pointsDelta: pointsToJson(change.pointsDelta), rankDelta: change.rankDelta, text: change.phrase[lang] };
}

function criterionToJson(analysis: Analysis, views: UnitView[], criterion: Criterion, lang: Lang): CriterionJson {
  const units: Record<string, CriterionValueJson> = {};
  for (const view of views) {
    const current = latest(view);
    const node: NodeResult | undefined = current.nodes.get(criterion.code);
    const rank = rankFor(analysis, current, criterion.code);
    const value: CriterionValueJson = {
      points: pointsToJson(node?.achieved),
      lost: pointsToJson(node?.lost),
      rank: rank?.rank ?? null,
      rankLabel: rank?.label ?? null,
      notApplicable: node?.notApplicable ?? false,
    };
    const self = view.selfAssessed.find((s) => s.column.period === current.column.period);
    if (self) {
      value.selfAssessed = pointsToJson(self.nodes.get(criterion.code)?.achieved);
      value.appraisalDeduction = pointsToJson(node?.appraisalDeduction);
    }
    if (view.periods.length > 1) {
      value.change = changeToJson(changeInto(analysis, view.unit, current.column.period, criterion.code), lang);
      value.periods = {};
      for (const column of view.periods) {
        const p = periodToJson(analysis, column, criterion.code);
        value.periods[column.column.period] = { points: p.total, lost: p.lost, rank: p.rank, rankLabel: p.rankLabel };
      }
    }
    units[view.unit] = value;
  }
  return {
    code: criterion.code,
    title: criterion.title,
    level: criterion.level,
    kind: criterion.kind,
    extra: criterion.extra ?? false,
    max: pointsToJson(criterion.max),
    ...(criterion.effort ? { effort: criterion.effort.toFixed() } : {}),
    ...(criterion.rollup && criterion.rollup !== "sum" ? { rollup: criterion.rollup } : {}),
    ...(criterion.weight ? { weight: criterion.weight.toFixed() } : {}),
    units,
  };
}
