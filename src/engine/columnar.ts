/**
 * The exact columnar lane of `analyse`: every point of a table read once into an integer number of
 * millionths of a point (10^-6), held in a Float64Array (doubles hold integers up to 2^53 exactly),
 * rolled up the criteria tree with integer adds. A column that is clean (no finding to raise: no N/A,
 * blank, negative, unknown code, sum that differs from the table's, value above its max) never builds
 * a Decimal: its NodeResults are made on first read (`ColumnarNodes`). Every other column goes through
 * decimal.js (`rollUpColumn`, the reference), which raises its findings, and is read back into integers
 * so that ranks sort one typed array per criterion either way.
 *
 * A table with a value of more than 6 decimals, or a magnitude beyond MAX_MAGNITUDE, or a tree the lane
 * does not model (duplicate or empty codes, more than MAX_NODES nodes) is left to decimal.js entirely.
 */
import Decimal from "decimal.js";
import type { Criterion, CriterionKind, Lang, LeafSummary, NodeResult, PointValue, Points, ScoreColumn, TotalRule } from "./types";
import { DEFAULT_DECIMALS } from "./points";
import { TOTAL_CODE } from "./types";
import { liveResult } from "./rollup";
import { applyRule, ruleShape, type RuleShape } from "./rules";
import { decimalOfScaled, MAX_MAGNITUDE, MAX_NODES, SCALE_DECIMALS, ScaledPoints } from "./scaled-points";
import { LazyMap } from "./lazy-map";

export { decimalOfScaled, SCALE_DECIMALS };
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `value` x 10^decimals as an exact integer, or null when that is not an integer (more decimals) or
 * not below MAX_MAGNITUDE. Reads decimal.js's documented representation (`d`: base 1e7 words, most
 * significant first; `e`: the exponent of the leading digit; `s`: the sign) without making a string.
 */
export function scaledInteger(value: Points, decimals = SCALE_DECIMALS): number | null {
  const words = value.d;
  if (!words) return null; // NaN or Infinity
  let n = words[0];
  let digits = n < 10 ? 1 : n < 100 ? 2 : n < 1e3 ? 3 : n < 1e4 ? 4 : n < 1e5 ? 5 : n < 1e6 ? 6 : 7;
  for (let i = 1; i < words.length; i++) {
    n = n * 1e7 + words[i];
    digits += 7;
    if (n > Number.MAX_SAFE_INTEGER) return null;
  }
  const shift = value.e + 1 - digits + decimals;
  if (shift < 0) {
    if (-shift >= POW10.length) return n === 0 ? 0 : null;
    const q = POW10[-shift];
    if (n % q !== 0) return null;
    n = n / q;
  } else if (shift > 0) {
    if (shift >= POW10.length) return n === 0 ? 0 : null;
    n = n * POW10[shift];
  }
  if (n >= MAX_MAGNITUDE) return null;
  return value.s < 0 ? -n : n;
}

/**
 * Half-up (away from zero) to `decimals` of an integer of 10^-SCALE_DECIMALS points, as
 * `roundPoints` rounds a Decimal; stays an integer of the same scale.
 */
export function roundScaled(n: number, decimals: number): number {
  if (decimals >= SCALE_DECIMALS || n === 0) return n;
  const q = POW10[SCALE_DECIMALS - decimals];
  const a = n < 0 ? -n : n;
  const rest = a % q;
  const r = a - rest + (rest * 2 >= q ? q : 0);
  return n < 0 ? -r : r;
}

/**
 * formatPointsShort of an integer of 10^-6 points, without its Decimal: rounded half-up to `decimals`,
 * trailing zeros dropped ("8", "8,5", "0,16"), a zero never signed, as decimal.js writes it (no exponent
 * below 10^21 and above 10^-7).
 */
export function formatScaledShort(n: number, lang: Lang = "vi", decimals = DEFAULT_DECIMALS): string {
  const r = roundScaled(n, decimals);
  const a = r < 0 ? -r : r;
  const fraction = a % 1e6;
  const whole = (a - fraction) / 1e6;
  let text = String(whole);
  if (fraction !== 0) {
    let digits = String(fraction).padStart(SCALE_DECIMALS, "0");
    let end = digits.length;
    while (digits.charCodeAt(end - 1) === 48) end--;
    digits = digits.slice(0, end);
    text += (lang === "vi" ? "," : ".") + digits;
  }
  return r < 0 ? `-${text}` : text;
}

/** The criteria tree in post-order (children before their parent, as `rollUpColumn` stores results). */
interface Layout {
  criteria: Criterion[];
  codes: string[];
  kind: CriterionKind[];
  extra: boolean[];
  /** Children counted in the parent's sum (extra children only inside extra rows). */
  counted: number[][];
  /**
   * A node rolled up by another rule than the sum: its shape, and the children it applies to (its own kind;
   * the others add as they are). Their results are worked out with decimal.js and must land on the lane's
   * integers, or the column is left to decimal.js.
   */
  rules: (RuleOnLane | undefined)[];
  totalRule?: RuleOnLane;
  /** Effective max as an integer, NaN for none (no N/A in a clean column, so it depends on the tree only). */
  max: Float64Array;
  maxDecimal: (Points | null)[];
  /** Non-extra roots, summed into the total. */
  totalRoots: number[];
  totalMax: Points | null;
  totalMaxScaled: number;
  /** Ordinary, non-extra leaves with a max: the leaf summary's. */
  summaryLeaves: number[];
  index: Map<string, number>;
  /** Where TOTAL_CODE sits in each column's integers (after the tree's nodes). */
  total: number;
  /** The nodes' outlines, made when a presenter first asks (nodeOutlines), and the one function that reads them. */
  outlines?: NodeOutline[];
  outlineOf?: (code: string) => NodeOutline | undefined;
  /** Where each of a list of codes sits in the tree (-1: not in it), per list asked about (scaledLosses). */
  positions?: WeakMap<readonly string[], Int32Array>;
}

interface RuleOnLane {
  shape: RuleShape;
  ruled: number[];
  plain: number[];
}

function ruleOnLane(layout: Layout, rule: RuleShape["rule"], stated: Points | null, kind: CriterionKind, counted: number[]): RuleOnLane {
  const ruled = counted.filter((i) => layout.kind[i] === kind);
  const parts = ruled.map((i) => ({ max: layout.maxDecimal[i], weight: layout.criteria[i].weight }));
  return { shape: ruleShape(rule, stated, parts, stated), ruled, plain: counted.filter((i) => layout.kind[i] !== kind) };
}

function buildLayout(roots: readonly Criterion[], total?: TotalRule): Layout | null {
  const layout: Layout = {
    criteria: [],
    codes: [],
    kind: [],
    extra: [],
    counted: [],
    rules: [],
    max: new Float64Array(0),
    maxDecimal: [],
    totalRoots: [],
    totalMax: null,
    totalMaxScaled: NaN,
    summaryLeaves: [],
    index: new Map(),
    total: 0,
  };
  const maxes: number[] = [];
  let ok = true;
  const visit = (c: Criterion, parentKind: CriterionKind, inExtra: boolean): number => {
    const kind: CriterionKind = c.kind !== "ordinary" ? c.kind : parentKind;
    const boundary = c.kind !== "ordinary" && c.kind !== parentKind;
    const extra = inExtra || !!c.extra;
    const children = c.children.map((ch) => visit(ch, kind, extra));
    const counted = children.filter((i) => extra || !layout.extra[i]);
    let max: Points | null;
    let rule: RuleOnLane | undefined;
    if (children.length === 0) max = c.max;
    else if (boundary && c.max !== null) max = c.max;
    else if (!boundary && c.rollup !== undefined && c.rollup !== "sum") {
      rule = ruleOnLane(layout, c.rollup, c.max, kind, counted);
      max = rule.ruled.length > 0 ? rule.shape.max : c.max;
    } else {
      const sameKind = counted.filter((i) => layout.kind[i] === kind);
      max = sameKind.length > 0 && sameKind.every((i) => layout.maxDecimal[i] !== null) ? sameKind.reduce((acc, i) => acc.plus(layout.maxDecimal[i]!), new Decimal(0)) : c.max;
    }
    if (max !== null && kind === "penalty") max = max.abs();
    const scaled = max === null ? NaN : scaledInteger(max);
    if (scaled === null) ok = false;
    const i = layout.codes.length;
    if (c.code === TOTAL_CODE || layout.index.has(c.code)) ok = false;
    layout.index.set(c.code, i);
    layout.criteria.push(c);
    layout.codes.push(c.code);
    layout.kind.push(kind);
    layout.extra.push(extra);
    layout.counted.push(counted);
    layout.rules.push(rule);
    layout.maxDecimal.push(max);
    maxes.push(scaled ?? NaN);
    if (children.length === 0 && !extra && kind === "ordinary" && max !== null) layout.summaryLeaves.push(i);
    return i;
  };
  const rootIndexes = roots.map((r) => visit(r, "ordinary", false));
  if (!ok || layout.codes.length > MAX_NODES) return null;
  layout.max = Float64Array.from(maxes);
  layout.totalRoots = rootIndexes.filter((i) => !layout.extra[i]);
  const ordinary = layout.totalRoots.filter((i) => layout.kind[i] === "ordinary");
  if (total && total.rollup !== "sum") {
    layout.totalRule = ruleOnLane(layout, total.rollup, total.max, "ordinary", layout.totalRoots);
    layout.totalMax = ordinary.length > 0 ? layout.totalRule.shape.max : total.max;
  } else if (ordinary.length > 0 && ordinary.every((i) => layout.maxDecimal[i] !== null)) {
    layout.totalMax = ordinary.reduce((acc, i) => acc.plus(layout.maxDecimal[i]!), new Decimal(0));
  } else layout.totalMax = total?.max ?? null;
  if (layout.totalMax !== null) {
    layout.totalMaxScaled = scaledInteger(layout.totalMax) ?? NaN;
    if (Number.isNaN(layout.totalMaxScaled)) return null;
  }
  layout.total = layout.codes.length;
  return layout;
}

/** The integers of one column: achieved per node (NaN = no value), TOTAL_CODE last. */
export interface ScaledColumn {
  layout: Layout;
  achieved: Float64Array;
}

/** Columns' integers, found from their nodes map (the rank tables read them instead of Decimals). */
const SCALED = new WeakMap<ReadonlyMap<string, NodeResult>, ScaledColumn>();

export function scaledColumn(nodes: ReadonlyMap<string, NodeResult>): ScaledColumn | undefined {
  return SCALED.get(nodes);
}

/**
 * A clean column's lost points (max - achieved; a penalty: its deduction) at each of `codes`, as integers,
 * NaN where the node has none; null when the lane does not hold the column whole (read its nodes then).
 * The ranking sheet orders every unit's losses: its nodes are not made for that.
 */
export function scaledLosses(nodes: ReadonlyMap<string, NodeResult>, codes: readonly string[]): Float64Array | null {
  return nodes instanceof ColumnarNodes ? nodes.losses(codes) : null;
}

/** What a presenter needs to know of a node to decide how to show it, without its points. */
export interface NodeOutline {
  notApplicable: boolean;
  kind: CriterionKind;
  max: Points | null;
}

/**
 * A column's nodes' N/A state, effective kind and max, by code: from the lane's tree for a clean column
 * (nothing there is N/A), so no node is made; from the nodes themselves otherwise. The clean columns of
 * one tree get the same function, so a presenter can work a code out once for all of them.
 */
export function nodeOutlines(nodes: ReadonlyMap<string, NodeResult>): (code: string) => NodeOutline | undefined {
  const lane = SCALED.get(nodes);
  if (lane && nodes instanceof ColumnarNodes) {
    const { layout } = lane;
    if (layout.outlineOf) return layout.outlineOf;
    const outlines = (layout.outlines ??= [
      ...layout.codes.map((_, i) => ({ notApplicable: false, kind: layout.kind[i], max: layout.maxDecimal[i] })),
      { notApplicable: false, kind: "ordinary" as const, max: layout.totalMax },
    ]);
    return (layout.outlineOf = (code) => {
      const i = code === TOTAL_CODE ? layout.total : layout.index.get(code);
      return i === undefined ? undefined : outlines[i];
    });
  }
  return (code) => {
    const r = nodes.get(code);
    return r && { notApplicable: r.notApplicable, kind: r.kind ?? "ordinary", max: r.max };
  };
}

/**
 * Whether some node of a column carries an appraisal deduction (self-assessed minus appraised points).
 * A clean column's nodes not made yet carry none, so they are not made to find out.
 */
export function anyAppraisalDeduction(nodes: ReadonlyMap<string, NodeResult>): boolean {
  const values = nodes instanceof ColumnarNodes ? nodes.made() : nodes.values();
  for (const r of values) if (r.appraisalDeduction != null) return true;
  return false;
}

/** What the lane made of one column: its nodes and leaf summary when clean, null when decimal.js must look at it. */
export interface ColumnarLane {
  /** Clean columns' results; null sends the column to `rollUpColumn`. */
  roll(column: ScoreColumn): { nodes: Map<string, NodeResult>; leafSummary: LeafSummary } | null;
  /** Registers the integers of a column rolled up by decimal.js, so its ranks sort with the rest. */
  adopt(nodes: ReadonlyMap<string, NodeResult>): void;
}

/** The lane for a table's tree, or null when the tree is one the lane leaves to decimal.js. */
export function columnarLane(roots: readonly Criterion[], total?: TotalRule): ColumnarLane | null {
  const layout = buildLayout(roots, total);
  if (!layout) return null;
  return {
    // A unit's own maximum changes its total's max and ranks it on the rate: decimal.js handles that.
    roll: (column) => (column.unitMax ? null : rollClean(layout, column)),
    adopt: (nodes) => {
      const achieved = new Float64Array(layout.total + 1);
      for (let i = 0; i <= layout.total; i++) {
        const r = nodes.get(i === layout.total ? TOTAL_CODE : layout.codes[i]);
        const v = r && !r.notApplicable && r.achieved !== null ? scaledInteger(r.achieved) : NaN;
        if (v === null) return; // beyond the lane: its ranks compare Decimals
        achieved[i] = v;
      }
      SCALED.set(nodes, { layout, achieved });
    },
  };
}

function rollClean(layout: Layout, column: ScoreColumn): { nodes: Map<string, NodeResult>; leafSummary: LeafSummary } | null {
  const n = layout.total;
  const achieved = new Float64Array(n + 1);
  const points = column.points;
  // A reader's integers, read without making the points (most cells of a big table).
  const scaledPoints = points instanceof ScaledPoints ? points : null;
  let matched = 0;
  for (let i = 0; i < n; i++) {
    const code = layout.codes[i];
    let g = scaledPoints ? scaledPoints.scaledOf(code) : null;
    if (g === null) {
      const pv = points.get(code);
      if (pv?.notApplicable) return null;
      g = pv === undefined ? undefined : pv.value === null ? NaN : scaledInteger(pv.value);
      if (g === null) return null;
    }
    if (g !== undefined) matched++;
    const kind = layout.kind[i];
    let given = NaN;
    if (g !== undefined && g === g) {
      if (kind === "penalty") given = -Math.abs(g);
      else if (g < 0 || Object.is(g, -0)) return null; // negative-points
      else given = g;
    }
    const counted = layout.counted[i];
    let value = given;
    if (layout.criteria[i].children.length === 0) {
      if (given !== given && !layout.extra[i]) return null; // missing-points
    } else {
      const rule = layout.rules[i];
      const combined = rule ? byRule(rule, achieved, given) : bySum(counted, achieved, given);
      if (combined === null) return null; // rounding-difference, sum-mismatch, or a result beyond the lane
      if (combined === combined) value = combined;
    }
    const max = layout.max[i];
    if (value === value && max === max && !(kind === "bonus" && max < 0)) {
      if ((kind === "penalty" ? -value : value) > max) return null; // above-max, bonus-above-cap, penalty-above-cap
    }
    achieved[i] = value;
  }
  const totalSource = column.publishedTotal ?? points.get(TOTAL_CODE);
  if (points.has(TOTAL_CODE)) matched++;
  if (matched !== points.size) return null; // unknown-code
  let totalGiven = NaN;
  if (totalSource && totalSource.value !== null) {
    const g = scaledInteger(totalSource.value);
    if (g === null) return null;
    totalGiven = g;
  }
  const total = layout.totalRule ? byRule(layout.totalRule, achieved, totalGiven) : bySum(layout.totalRoots, achieved, totalGiven);
  if (total === null) return null;
  achieved[n] = total === total ? total : totalGiven;

  const nodes = new ColumnarNodes(layout, achieved, column, totalSource);
  SCALED.set(nodes, { layout, achieved });
  return { nodes, leafSummary: summaryOf(layout, achieved) };
}

/**
 * The sum of the children that have a value; NaN when none has; null when the table's own value (`given`,
 * NaN for none) differs from it, which decimal.js reports.
 */
function bySum(children: readonly number[], achieved: Float64Array, given: number): number | null {
  let sum = 0;
  let present = 0;
  for (const ch of children) {
    const v = achieved[ch];
    if (v === v) {
      sum += v;
      present++;
    }
  }
  if (present === 0) return NaN;
  return given === given && given !== sum ? null : sum;
}

/**
 * A node's rule worked out with decimal.js from the lane's integers, as rollUpColumn works it out; NaN when
 * no child has a value; null when the result is not a whole number of millionths or the table's own value
 * differs from it.
 */
function byRule(rule: RuleOnLane, achieved: Float64Array, given: number): number | null {
  const value = (i: number) => achieved[i] === achieved[i];
  if (!rule.ruled.some(value) && !rule.plain.some(value)) return NaN;
  const ruled = applyRule(
    rule.shape,
    rule.ruled.map((i) => (value(i) ? decimalOfScaled(achieved[i]) : null)),
  );
  let result = scaledInteger(ruled);
  if (result === null) return null;
  for (const i of rule.plain) if (value(i)) result += achieved[i];
  // decimal.js keeps a published value that differs within the rule's rounding, and reports it.
  if (given === given && given !== result) return null;
  return result;
}

function summaryOf(layout: Layout, achieved: Float64Array): LeafSummary {
  let fullMarkCount = 0;
  let fullMarkPoints = 0;
  let belowMaxCount = 0;
  let belowMaxAchieved = 0;
  let belowMaxMax = 0;
  for (const i of layout.summaryLeaves) {
    const a = achieved[i];
    if (a !== a) continue;
    const m = layout.max[i];
    if (a >= m) {
      fullMarkCount++;
      fullMarkPoints += a;
    } else {
      belowMaxCount++;
      belowMaxAchieved += a;
      belowMaxMax += m;
    }
  }
  return new ScaledLeafSummary(fullMarkCount, fullMarkPoints, belowMaxCount, belowMaxAchieved, belowMaxMax);
}

/** A leaf summary whose points become Decimals when read (a commune table has 10,000 of them). */
class ScaledLeafSummary implements LeafSummary {
  constructor(
    readonly fullMarkCount: number,
    private readonly full: number,
    readonly belowMaxCount: number,
    private readonly below: number,
    private readonly belowMax: number,
  ) {}
  get fullMarkPoints(): Points {
    return decimalOfScaled(this.full);
  }
  get belowMaxAchieved(): Points {
    return decimalOfScaled(this.below);
  }
  get belowMaxMax(): Points {
    return decimalOfScaled(this.belowMax);
  }
  get belowMaxLost(): Points {
    return decimalOfScaled(this.belowMax - this.below);
  }
  toJSON(): LeafSummary {
    const { fullMarkCount, fullMarkPoints, belowMaxCount, belowMaxAchieved, belowMaxMax, belowMaxLost } = this;
    return { fullMarkCount, fullMarkPoints, belowMaxCount, belowMaxAchieved, belowMaxMax, belowMaxLost };
  }
}

/**
 * A clean column's nodes: a Map whose NodeResults are made on first read, from the integers. Iterating
 * it makes all of them, in the order `rollUpColumn` stores them (the tree in post-order, the total last).
 */
class ColumnarNodes extends LazyMap<NodeResult> {
  /** Nodes made so far, by tree position (the Map itself is filled only when iterated or changed). */
  private readonly cache: (NodeResult | undefined)[] = [];

  constructor(
    private readonly layout: Layout,
    private readonly achieved: Float64Array,
    private readonly column: ScoreColumn,
    private readonly totalSource: PointValue | undefined,
  ) {
    super();
  }

  override get(code: string): NodeResult | undefined {
    if (this.complete) return super.get(code);
    const i = code === TOTAL_CODE ? this.layout.total : this.layout.index.get(code);
    if (i === undefined) return undefined;
    return (this.cache[i] ??= this.make(i));
  }

  override has(code: string): boolean {
    return this.complete ? super.has(code) : code === TOTAL_CODE || this.layout.index.has(code);
  }

  override get size(): number {
    return this.complete ? super.size : this.layout.total + 1;
  }

  /** The nodes made so far (read, or all once iterated), without making the others. */
  made(): Iterable<NodeResult> {
    return this.complete ? super.values() : this.cache.filter((r) => r !== undefined);
  }

  losses(codes: readonly string[]): Float64Array {
    const { layout, achieved } = this;
    const positions = (layout.positions ??= new WeakMap());
    let at = positions.get(codes);
    if (!at) positions.set(codes, (at = Int32Array.from(codes, (code) => layout.index.get(code) ?? -1)));
    const out = new Float64Array(codes.length);
    for (let k = 0; k < codes.length; k++) {
      const i = at[k];
      const a = i < 0 ? NaN : achieved[i];
      out[k] = a !== a ? NaN : layout.kind[i] === "penalty" ? -a : layout.max[i] - a;
    }
    return out;
  }

  /** Makes every node, keeping those already read (callers may hold them), in rollUpColumn's order. */
  protected fill(): void {
    if (this.complete) return;
    for (let i = 0; i <= this.layout.total; i++) this.put(i === this.layout.total ? TOTAL_CODE : this.layout.codes[i], this.cache[i] ?? this.make(i));
    this.complete = true;
    this.cache.length = 0;
  }

  private make(i: number): NodeResult {
    const { layout, achieved, column } = this;
    if (i === layout.total) {
      const given = this.totalSource?.value ?? null;
      const a = achieved[i];
      return liveResult(TOTAL_CODE, a === a ? decimalOfScaled(a) : null, given, layout.totalMax, "ordinary", false, []);
    }
    const code = layout.codes[i];
    const kind = layout.kind[i];
    const points = column.points;
    const given = (points instanceof ScaledPoints ? points.decimalOf(code) : points.get(code)?.value) ?? null;
    const a = achieved[i];
    // Where no child has a value, achieved is the table's own Decimal (a penalty's made negative), as rollUpColumn keeps it.
    const fromChildren = layout.counted[i].some((ch) => achieved[ch] === achieved[ch]);
    let value: Points | null = null;
    if (a === a) value = fromChildren ? decimalOfScaled(a) : kind === "penalty" ? given!.abs().neg() : given;
    return liveResult(code, value, given, layout.maxDecimal[i], kind, layout.extra[i], []);
  }
}
