/**
 * The rule of a total the table only publishes (issue 22): a total column that is not the sum of its parts
 * on most rows (a weighted index such as PCI, read today as parts beside the total) is solved for over the
 * rows, by exact least squares (decimal.js at 40 digits), its weights rounded to a plausible step, and
 * adopted only if it reproduces every published total within the published rounding.
 */
import Decimal from "decimal.js";
import type { Criterion, Finding, Location, PointValue, Points, ScoreColumn, Scorecard, TotalRule } from "../engine/types";
import { TOTAL_CODE } from "../engine/types";
import { formatPointsShort } from "../engine/points";
import { bestByTitle } from "./apply-template";
import { listTemplates, type Template, type TemplateNode } from "./templates";
import { scaledInteger } from "../engine/columnar";
import { MAX_MAGNITUDE, MAX_NODES, SCALE_DECIMALS, ScaledPoints, decimalsOfScaled } from "../engine/scaled-points";

const Wide = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const ONE = new Decimal(1);
const HALF = new Decimal("0.5");
/** Steps weights are rounded to, coarsest first (5%, then 1%). */
const STEPS = [new Decimal("0.05"), new Decimal("0.01")];

interface Row {
  parts: Points[];
  partDecimals: number[];
  total: Points;
  totalDecimals: number;
  location?: Location;
  unit: string;
}

export interface InferredRule {
  /** "mean" when the shares are equal, else "weighted-mean" (the shares) brought to the total's scale. */
  kind: "mean" | "weighted-mean";
  /** Each part's share of the total (adds up to 1). */
  shares: Points[];
  /** The total is the (weighted) mean of the parts times this (10 for sub-indices on 10, a composite on 100). */
  scale: Points;
}

/** The findings and the scorecard's rule after looking for one; the scorecard is changed only when a rule is adopted. */
export function inferTotalRule(scorecard: Scorecard): Finding[] {
  if (scorecard.total || scorecard.criteria.some((c) => c.children.length > 0 || c.kind !== "ordinary")) return [];
  // The total is the total column; without one, a single summary column beside the parts ("Chỉ số SIPAS").
  const hasTotal = scorecard.columns.some((c) => c.publishedTotal?.value);
  const summaries = scorecard.criteria.filter((c) => c.extra);
  const summary = !hasTotal && summaries.length === 1 ? summaries[0] : undefined;
  const parts = summary ? scorecard.criteria.filter((c) => c !== summary) : scorecard.criteria;
  if (parts.length < 2 || (!summary && !hasTotal)) return [];
  const plain = sumFits(scorecard, parts, summary?.code);
  if (plain.rows < parts.length + 2 || plain.fits * 2 > plain.rows) return [];
  const rows = rowsOf(scorecard, parts, summary?.code);

  const candidate = solve(rows, parts.length);
  if (!candidate) return [];
  const weights = candidate.shares.map((s) => s.times(candidate.scale));
  const misses = rows.filter((r) => !reproduces(r, weights));
  const where = rows[0].location;
  const described = describe(candidate, parts);
  if (misses.length > 0) {
    // Close to a rule but not everywhere: nothing adopted, the rows it does not reproduce are named.
    if (misses.length * 5 > rows.length) return [];
    const units = misses.map((r) => `${r.unit} (${r.location?.cell ?? "?"})`).join(", ");
    return [
      {
        kind: "total-rule-not-reproduced",
        severity: "warning",
        location: misses[0].location ?? where,
        message: {
          vi: `Cột tổng gần như là ${described.vi}, nhưng không khớp ở ${misses.length} hàng: ${units}; ParScore không áp dụng quy tắc này, cần kiểm tra các hàng đó`,
          en: `The total column is nearly ${described.en}, but not on ${misses.length} rows: ${units}; ParScore does not adopt this rule, please check those rows`,
        },
      },
    ];
  }

  const common = parts[0].max;
  const sameMax = common !== null && parts.every((p) => p.max !== null && p.max.eq(common));
  const implied = sameMax || parts.some((p) => p.max !== null) ? null : impliedMaxima(candidate, parts, scorecard);
  let total: TotalRule;
  if (sameMax) {
    parts.forEach((p, i) => (p.weight = candidate.shares[i]));
    total = { rollup: candidate.kind, max: common.times(candidate.scale), location: where };
  } else if (implied) {
    parts.forEach((p, i) => {
      p.weight = candidate.shares[i];
      p.max = implied.partMax;
    });
    total = { rollup: candidate.kind, max: implied.partMax.times(candidate.scale), location: where };
  } else if (candidate.kind === "mean" && candidate.scale.eq(1)) {
    total = { rollup: "mean", max: null, location: where };
  } else {
    // Without the parts' maxima the scale is not a max: the weights carry it (0,05 × 10 = 0,5).
    parts.forEach((p, i) => (p.weight = weights[i]));
    total = { rollup: "weighted-sum", max: null, location: where };
  }
  for (const p of parts) delete p.extra;
  if (summary) summaryAsTotal(scorecard, summary);
  scorecard.total = total;
  const kept = scorecard.findings.filter((f) => f.kind !== "parts-beside-total");
  scorecard.findings.length = 0;
  scorecard.findings.push(...kept);
  return [
    {
      kind: "total-rule-inferred",
      severity: "info",
      location: where,
      message: {
        vi: `Cột tổng không phải tổng các cột thành phần mà là ${described.vi}: khớp với cả ${rows.length} hàng trong phạm vi làm tròn của bảng; ParScore tính tổng theo quy tắc này${implied ? `. ${implied.because.vi}` : ""}`,
        en: `The total column is not the sum of its parts but ${described.en}: it matches all ${rows.length} rows within the table's rounding; ParScore computes the total by this rule${implied ? `. ${implied.because.en}` : ""}`,
      },
    },
  ];
}

/** The parts' maximum a table without maxima implies, and why (for the finding). */
interface ImpliedMaxima {
  partMax: Points;
  because: { vi: string; en: string };
}

/** The total a rule's scale brings parts to when it implies their scale: an index on 100. */
const INDEX_MAX = new Decimal(100);

/**
 * The parts' maximum when something supports one: a built-in template whose total rule has the same
 * weights and scale (PCI 2016: ten sub-indices on 10, weighted to 100), else a scale that brings parts all
 * within 100 / scale to an index on 100 (a weighted mean × 10 of parts on a 10-point scale). null otherwise:
 * a mean or a scale of 1 says nothing about the parts' maximum.
 */
function impliedMaxima(rule: InferredRule, parts: readonly Criterion[], scorecard: Scorecard): ImpliedMaxima | null {
  for (const template of listTemplates()) {
    const max = templateMaxima(template, rule, parts);
    if (!max) continue;
    const m = { vi: formatPointsShort(max, "vi"), en: formatPointsShort(max, "en") };
    const t = { vi: formatPointsShort(max.times(rule.scale), "vi"), en: formatPointsShort(max.times(rule.scale), "en") };
    return {
      partMax: max,
      because: {
        vi: `Trọng số và hệ số nhân khớp bộ tiêu chí "${template.title.vi}", nên mỗi cột thành phần tối đa ${m.vi} điểm, tổng tối đa ${t.vi}`,
        en: `The weights and the scale match the criteria set "${template.title.en}", so each part's maximum is ${m.en} and the total's ${t.en}`,
      },
    };
  }
  if (rule.scale.lte(1)) return null;
  const max = INDEX_MAX.div(rule.scale);
  if (!max.isInteger()) return null;
  let largest = new Decimal(0);
  for (const column of scorecard.columns) {
    for (const p of parts) {
      const v = column.points.get(p.code)?.value;
      if (!v) continue;
      if (v.isNegative() || v.gt(max)) return null;
      if (v.gt(largest)) largest = v;
    }
  }
  // Parts that stay within a small fraction of the scale do not show it.
  if (largest.times(2).lte(max)) return null;
  const m = { vi: formatPointsShort(max, "vi"), en: formatPointsShort(max, "en") };
  return {
    partMax: max,
    because: {
      vi: `Mọi giá trị thành phần nằm trong 0–${m.vi} và hệ số nhân ${formatPointsShort(rule.scale, "vi")} đưa chúng lên thang 100: ParScore lấy điểm tối đa mỗi thành phần là ${m.vi}, của tổng là 100`,
      en: `Every part lies within 0–${m.en} and the scale ${formatPointsShort(rule.scale, "en")} brings them to 100: ParScore takes each part's maximum as ${m.en} and the total's as 100`,
    },
  };
}

/** The parts' common maximum when a template's total rule has these parts (by title), weights and scale. */
function templateMaxima(template: Template, rule: InferredRule, parts: readonly Criterion[]): Points | null {
  if (!template.total || template.total.max === null || template.criteria.length !== parts.length) return null;
  const nodes = template.criteria;
  const max = nodes[0].max;
  if (max === null || !nodes.every((n) => n.max !== null && n.max.eq(max) && n.weight !== undefined)) return null;
  if (!max.times(rule.scale).eq(template.total.max)) return null;
  const weightSum = nodes.reduce((acc, n) => acc.plus(n.weight!), new Decimal(0));
  const used = new Set<TemplateNode>();
  for (let i = 0; i < parts.length; i++) {
    const node = bestByTitle(parts[i].title, nodes, 0.5);
    if (!node || used.has(node) || !node.weight!.div(weightSum).eq(rule.shares[i])) return null;
    used.add(node);
  }
  return max;
}

function describe(rule: InferredRule, parts: readonly Criterion[]): { vi: string; en: string } {
  const scale = (lang: "vi" | "en") => (rule.scale.eq(1) ? "" : lang === "vi" ? `, nhân ${formatPointsShort(rule.scale, "vi")}` : `, times ${formatPointsShort(rule.scale, "en")}`);
  if (rule.kind === "mean") return { vi: `trung bình cộng của ${parts.length} cột${scale("vi")}`, en: `the mean of the ${parts.length} columns${scale("en")}` };
  const list = (lang: "vi" | "en") => parts.map((p, i) => `${p.title || p.code} ${formatPointsShort(rule.shares[i].times(100), lang)}%`).join("; ");
  return {
    vi: `trung bình có trọng số của các cột (${list("vi")})${scale("vi")}`,
    en: `the weighted mean of the columns (${list("en")})${scale("en")}`,
  };
}

/** The summary column becomes each unit's published total (and its rank the total's), out of the criteria. */
export function summaryAsTotal(scorecard: Scorecard, summary: Criterion): void {
  scorecard.criteria = scorecard.criteria.filter((c) => c !== summary);
  for (const c of scorecard.columns) {
    const value = c.points.get(summary.code);
    if (value) c.publishedTotal = value;
    c.points.delete(summary.code);
    const rank = c.publishedRanks.get(summary.code);
    if (rank && !c.publishedRanks.has(TOTAL_CODE)) c.publishedRanks.set(TOTAL_CODE, rank);
    c.publishedRanks.delete(summary.code);
  }
}

/** Score columns with every part and the total: the equations to solve. `totalCode`: the total is that summary column. */
function rowsOf(scorecard: Scorecard, parts: readonly Criterion[], totalCode?: string): Row[] {
  const rows: Row[] = [];
  for (const c of scorecard.columns) {
    const row = rowOf(c, parts, totalCode);
    if (row) rows.push(row);
  }
  return rows;
}

function rowOf(c: ScoreColumn, parts: readonly Criterion[], totalCode?: string): Row | undefined {
  const published = totalCode === undefined ? c.publishedTotal : c.points.get(totalCode);
  if (c.basis !== "score" || !published?.value) return undefined;
  const values = parts.map((p) => c.points.get(p.code));
  if (values.some((v) => !v || v.value === null || v.notApplicable)) return undefined;
  return {
    parts: values.map((v) => v!.value!),
    partDecimals: values.map((v) => v!.decimals ?? v!.value!.decimalPlaces()),
    total: published.value,
    totalDecimals: published.decimals ?? published.value.decimalPlaces(),
    location: published.location,
    unit: c.unit,
  };
}

/**
 * How many rows `rowsOf` gives and how many of them the plain sum reproduces (`reproduces` with weights of
 * one), on the reader's integers where it kept them: a commune table's 1.2 million cells are summed as
 * integers of 10^-6 points without a Decimal each. The test doubled, in those units: half a unit of the
 * last of d places is 10^(6-d) / 2. Rows with a value beyond the integers go through `reproduces`.
 */
export function sumFits(scorecard: Scorecard, parts: readonly Criterion[], totalCode?: string): { rows: number; fits: number } {
  const ones = parts.map(() => ONE);
  let rows = 0;
  let fits = 0;
  for (const c of scorecard.columns) {
    const published = totalCode === undefined ? c.publishedTotal : c.points.get(totalCode);
    if (c.basis !== "score" || !published?.value) continue;
    const fit = parts.length < MAX_NODES ? integerSumFits(c, parts, published) : null;
    if (fit === undefined) continue;
    if (fit === null) {
      const row = rowOf(c, parts, totalCode);
      if (!row) continue;
      rows++;
      if (reproduces(row, ones)) fits++;
      continue;
    }
    rows++;
    if (fit) fits++;
  }
  return { rows, fits };
}

/** Whether the plain sum reproduces a column's published total; undefined when the row is not one (a part missing, blank or N/A); null when a value is beyond the integers. */
function integerSumFits(c: ScoreColumn, parts: readonly Criterion[], published: PointValue): boolean | null | undefined {
  const scaled = c.points instanceof ScaledPoints ? c.points : null;
  let sum = 0;
  let slack = 0;
  for (const p of parts) {
    let n = scaled ? scaled.scaledOf(p.code) : null;
    let decimals: number;
    if (n === null) {
      const v = c.points.get(p.code);
      if (!v || v.value === null || v.notApplicable) return undefined;
      n = scaledInteger(v.value);
      decimals = v.decimals ?? v.value.decimalPlaces();
      if (n === null || !(Math.abs(n) < MAX_MAGNITUDE)) return null;
    } else if (n === undefined || n !== n) {
      return undefined; // no cell, or blank
    } else {
      decimals = decimalsOfScaled(n);
    }
    const unit = wholeUnit(decimals);
    if (unit === null) return null;
    sum += n;
    slack += unit;
  }
  const total = scaledInteger(published.value!);
  const unit = wholeUnit(published.decimals ?? published.value!.decimalPlaces());
  if (total === null || !(Math.abs(total) < MAX_MAGNITUDE) || unit === null) return null;
  return 2 * Math.abs(sum - total) <= Math.max(2 * 10 ** (SCALE_DECIMALS - 2), slack + unit);
}

/** A whole unit of the last of d places, in integers of 10^-6 points, by d. */
const WHOLE_UNITS = Array.from({ length: SCALE_DECIMALS + 1 }, (_, d) => 10 ** (SCALE_DECIMALS - d));

/** A whole unit of the last of `decimals` places in integers of 10^-6 points; null beyond them. */
function wholeUnit(decimals: number): number | null {
  return WHOLE_UNITS[decimals] ?? null;
}

/** Half a unit of the last published place. */
const halfUnit = (decimals: number) => HALF.div(new Decimal(10).pow(decimals));

/**
 * The total equals Σ wᵢ·aᵢ within what the table's rounding allows: half a unit of the total's last place,
 * plus each part's half unit carried by its weight (VCCI computes from unrounded sub-indices); at least 0,01.
 */
function reproduces(row: Row, weights: readonly Points[]): boolean {
  const value = row.parts.reduce((acc, a, i) => acc.plus(weights[i].times(a)), new Decimal(0));
  const allowed = Decimal.max(new Decimal("0.01"), row.parts.reduce((acc, _, i) => acc.plus(weights[i].abs().times(halfUnit(row.partDecimals[i]))), halfUnit(row.totalDecimals)));
  return value.minus(row.total).abs().lte(allowed);
}

/**
 * The rule over the rows: least squares total ≈ Σ cᵢ·aᵢ, exactly (normal equations, Gauss-Jordan at 40
 * digits); the scale is Σ cᵢ rounded to a whole number, the shares cᵢ / Σ cᵢ rounded to 5% or else 1% and
 * adding up to 1; equal shares are a mean. null when the equations are singular or no step gives shares.
 */
export function solve(rows: readonly Pick<Row, "parts" | "total">[], n: number): InferredRule | null {
  const m: Decimal[][] = [];
  for (let i = 0; i < n; i++) {
    const line: Decimal[] = [];
    for (let j = 0; j < n; j++) line.push(rows.reduce((acc, r) => acc.plus(new Wide(r.parts[i].toString()).times(r.parts[j].toString())), new Wide(0)));
    line.push(rows.reduce((acc, r) => acc.plus(new Wide(r.parts[i].toString()).times(r.total.toString())), new Wide(0)));
    m.push(line);
  }
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (m[r][c].abs().gt(m[p][c].abs())) p = r;
    if (m[p][c].isZero()) return null;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c || m[r][c].isZero()) continue;
      const f = m[r][c].div(m[c][c]);
      m[r] = m[r].map((x, k) => x.minus(f.times(m[c][k])));
    }
  }
  const coefficients = m.map((line, i) => line[n].div(line[i]));
  const sum = coefficients.reduce((acc, x) => acc.plus(x), new Wide(0));
  const scale = new Decimal(sum.toDecimalPlaces(0).toString());
  if (scale.lte(0)) return null;
  const equal = new Decimal(1).div(n);
  const raw = coefficients.map((c) => new Decimal(c.div(sum).toString()));
  if (raw.every((s) => s.minus(equal).abs().lt("0.005"))) return { kind: "mean", shares: raw.map(() => equal), scale };
  for (const step of STEPS) {
    const shares = raw.map((s) => s.div(step).toDecimalPlaces(0).times(step));
    if (shares.reduce((acc, s) => acc.plus(s), new Decimal(0)).eq(1) && shares.every((s) => s.gt(0))) return { kind: "weighted-mean", shares, scale };
  }
  return null;
}
