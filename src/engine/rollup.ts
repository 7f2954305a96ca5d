import Decimal from "decimal.js";
import type { Criterion, CriterionKind, Finding, Location, NodeResult, Points, RollupRule, ScoreColumn, Text2, TotalRule } from "./types";
import { TOTAL_CODE } from "./types";
import { codeList, columnName, finding, nodeName, num2 } from "./text";
import { flattenCriteria } from "./tree";
import { agreesAtPublishedDecimals, applyRule, childFactor, dividesBy, ruleShape, ruleWords } from "./rules";

export interface RollupOptions {
  /** Accepted |given - computed| for published rounding (default 0.01). */
  tolerance?: Points;
  /** The total's rule over the roots (Scorecard.total); their sum when absent. */
  total?: TotalRule;
}

export interface ColumnRollup {
  /** Per criterion code, plus TOTAL_CODE (""). */
  nodes: Map<string, NodeResult>;
  findings: Finding[];
}

const HUNDRED = new Decimal(100);

/**
 * Rolls one column of points up the criteria tree.
 *
 * Rules (see README.md for the reasons):
 * - A leaf's achieved is its given value. A parent's achieved is the sum of its children's achieved
 *   when at least one child has a value; otherwise the parent's own given value (a table that only
 *   gives area totals). Where both exist they are compared: equal -> nothing; within tolerance ->
 *   info "rounding-difference"; beyond -> warning "sum-mismatch". achieved is always the computed sum,
 *   the table's number stays in `given`.
 * - N/A (notApplicable) nodes and everything under them are left out of achieved and max; a parent
 *   whose children are all N/A is N/A itself.
 * - Missing leaves (blank, not N/A) under a parent whose siblings have values: the parent sums the
 *   present ones, lists the missing codes in `missingCodes`, the given/computed comparison is skipped
 *   there (a lower bound cannot be checked), and the column gets one "missing-points" warning.
 * - Bonus: achieved adds to the parent, max does not; capped at its own max ("bonus-above-cap").
 * - Penalty: values are read as a deduction whatever their sign (-2 and 2 both mean "2 points off"),
 *   stored as achieved = -2, capped at the criterion's max ("penalty-above-cap"); lost = the deduction.
 * - Extra rows: achieved = given (or their children's sum), never summed into the total.
 */
export function rollUpColumn(roots: readonly Criterion[], column: ScoreColumn, opts: RollupOptions = {}): ColumnRollup {
  const tolerance = opts.tolerance ?? new Decimal("0.01");
  const nodes = new Map<string, NodeResult>();
  const findings: Finding[] = [];
  const col = columnName(column);
  const byCode = new Map<string, Criterion>();
  for (const c of flattenCriteria(roots)) if (!byCode.has(c.code)) byCode.set(c.code, c);

  const where = (code: string, location?: Location) => ({ code, column: column.key, location });

  interface Visit {
    result: NodeResult;
    hasNA: boolean;
    /** An above-max finding was raised at or below this node. */
    aboveMax: boolean;
  }

  const store = (r: NodeResult): void => {
    if (!nodes.has(r.code)) nodes.set(r.code, r);
  };

  const markNA = (c: Criterion, kind: CriterionKind, extra: boolean): void => {
    const k = c.kind !== "ordinary" ? c.kind : kind;
    const x = extra || !!c.extra;
    store(naResult(c.code, column.points.get(c.code)?.value ?? null, k, x));
    for (const ch of c.children) markNA(ch, k, x);
  };

  /**
   * Compares a published value with the computed one; returns the value the node keeps. Under a rule other
   * than the sum, a published value within the rounding the rule carries is kept: its publisher computed it
   * from unrounded parts (VCCI's PCI), so it is the better figure, and ranks match the published ones.
   */
  const compare = (code: string, nameOf: () => Text2, given: Points, computed: Points, location: Location | undefined, how: Combined, decimals?: number): Points => {
    if (agreesAtPublishedDecimals(given, computed, how.divides, decimals)) return how.rule === "sum" ? computed : given;
    const diff = given.minus(computed).abs();
    const name = nameOf();
    // Under a rule, each part's published rounding moves the result by its factor: the tolerance carries it.
    const allowed = how.rule === "sum" ? tolerance : tolerance.times(how.spread.plus(1)).div(2);
    const within = diff.lte(allowed);
    const g = num2(given);
    const s = num2(computed);
    const d = num2(diff);
    const t = num2(allowed);
    if (how.rule !== "sum") {
      const r = ruleWords(how.rule);
      findings.push(
        finding(
          within ? "rounding-difference" : "sum-mismatch",
          within ? "info" : "warning",
          within
            ? {
                vi: `${col.vi}: ${name.vi} ghi ${g.vi}, tính theo quy tắc ${r.vi} của các mục con là ${s.vi} (chênh ${d.vi}, trong phạm vi làm tròn của các mục con ${t.vi}); giữ số đã công bố`,
                en: `${col.en}: ${name.en} is given as ${g.en}, the ${r.en} of its parts is ${s.en} (difference ${d.en}, within the rounding of the parts, ${t.en}); the published value is kept`,
              }
            : {
                vi: `${col.vi}: ${name.vi} ghi ${g.vi}, nhưng tính theo quy tắc ${r.vi} của các mục con là ${s.vi} (chênh ${d.vi}, vượt phạm vi làm tròn ${t.vi}); dùng số tính được, cần kiểm tra lại bảng`,
                en: `${col.en}: ${name.en} is given as ${g.en}, but the ${r.en} of its parts is ${s.en} (difference ${d.en}, beyond the rounding tolerance of ${t.en}); the computed value is used, please check the table`,
              },
          where(code, location),
        ),
      );
      return within ? given : computed;
    }
    findings.push(
      finding(
        within ? "rounding-difference" : "sum-mismatch",
        within ? "info" : "warning",
        within
          ? {
              vi: `${col.vi}: ${name.vi} ghi ${g.vi}, tổng các mục con là ${s.vi} (chênh ${d.vi}, trong phạm vi làm tròn ${t.vi}); dùng tổng các mục con`,
              en: `${col.en}: ${name.en} is given as ${g.en}, its parts add up to ${s.en} (difference ${d.en}, within the rounding tolerance of ${t.en}); the sum of the parts is used`,
            }
          : {
              vi: `${col.vi}: ${name.vi} ghi ${g.vi}, nhưng tổng các mục con là ${s.vi} (chênh ${d.vi}, vượt phạm vi làm tròn ${t.vi}); dùng tổng các mục con, cần kiểm tra lại bảng`,
              en: `${col.en}: ${name.en} is given as ${g.en}, but its parts add up to ${s.en} (difference ${d.en}, beyond the rounding tolerance of ${t.en}); the sum of the parts is used, please check the table`,
            },
        where(code, location),
      ),
    );
    return computed;
  };

  const visit = (c: Criterion, parentKind: CriterionKind, inExtra: boolean): Visit => {
    const kind: CriterionKind = c.kind !== "ordinary" ? c.kind : parentKind;
    const boundary = c.kind !== "ordinary" && c.kind !== parentKind;
    const extra = inExtra || !!c.extra;
    const pv = column.points.get(c.code);
    let cachedName: Text2 | undefined;
    const nameOf = (): Text2 => (cachedName ??= nodeName(c.code, c));
    const location = pv?.location ?? c.location;

    if (pv?.notApplicable) {
      markNA(c, parentKind, inExtra);
      return { result: nodes.get(c.code)!, hasNA: true, aboveMax: false };
    }

    const rawGiven = pv?.value ?? null;
    if (rawGiven !== null && rawGiven.isNegative() && kind !== "penalty") {
      const g = num2(rawGiven);
      const name = nameOf();
      findings.push(
        finding(
          "negative-points",
          "error",
          {
            vi: `${col.vi}: ${name.vi} có điểm âm (${g.vi}); chỉ tiêu chí điểm trừ mới được âm`,
            en: `${col.en}: ${name.en} has negative points (${g.en}); only penalty criteria can be negative`,
          },
          where(c.code, location),
        ),
      );
    }
    // Penalty values are deductions whatever sign the table used.
    const given = rawGiven !== null && kind === "penalty" ? rawGiven.abs().neg() : rawGiven;

    let achieved: Points | null;
    let max: Points | null;
    let missing: string[] = [];
    let hasNA = false;
    let aboveMaxBelow = false;

    if (c.children.length === 0) {
      achieved = given;
      max = c.max;
      if (given === null && !extra) missing = [c.code];
    } else {
      const visits = c.children.map((ch) => visit(ch, kind, extra));
      hasNA = visits.some((v) => v.hasNA);
      aboveMaxBelow = visits.some((v) => v.aboveMax);
      const live = c.children.map((criterion, i) => ({ criterion, result: visits[i].result })).filter((x) => !x.result.notApplicable);
      if (live.length === 0) {
        // Every child is N/A: so is the parent.
        const r = naResult(c.code, rawGiven, kind, extra);
        nodes.set(c.code, r);
        return { result: r, hasNA: true, aboveMax: false };
      }
      const counted = live.filter((x) => extra || !x.result.extra);
      const childMissing = counted.flatMap((x) => x.result.missingCodes ?? []);
      // A bonus or penalty block adds its items up to its own cap ("Điểm thưởng: tối đa 2 điểm"), which they may exceed together.
      const rule = boundary ? "sum" : (c.rollup ?? "sum");
      const combined = combineChildren(rule, kind, c.max, counted, hasNA ? null : c.max);
      max = boundary && c.max !== null ? c.max : combined.max;

      if (combined.achieved !== null) {
        achieved = combined.achieved;
        missing = childMissing;
        if (given !== null && missing.length === 0) achieved = compare(c.code, nameOf, given, achieved, location, combined, pv?.decimals);
      } else {
        achieved = given;
        missing = given !== null ? [] : childMissing;
      }
    }

    // A penalty's max is its cap whichever sign the table wrote it with ("-2" or "2", like its values).
    // A bonus with a negative max is an error (negative-max) and is not capped against it.
    if (max !== null && kind === "penalty") max = max.abs();
    let aboveMax = aboveMaxBelow;
    if (achieved !== null && max !== null && !(kind === "bonus" && max.isNegative())) {
      const magnitude = kind === "penalty" ? achieved.neg() : achieved;
      if (magnitude.gt(max)) {
        const a = num2(magnitude);
        const m = num2(max);
        const name = nameOf();
        if (boundary && kind === "bonus") {
          findings.push(
            finding(
              "bonus-above-cap",
              "warning",
              {
                vi: `${col.vi}: điểm thưởng ${name.vi} là ${a.vi}, vượt mức tối đa ${m.vi}; chỉ tính ${m.vi}`,
                en: `${col.en}: bonus ${name.en} is ${a.en}, above its cap of ${m.en}; ${m.en} is counted`,
              },
              where(c.code, location),
            ),
          );
          achieved = max;
        } else if (boundary && kind === "penalty") {
          findings.push(
            finding(
              "penalty-above-cap",
              "warning",
              {
                vi: `${col.vi}: điểm trừ ${name.vi} là ${a.vi}, vượt mức trừ tối đa ${m.vi}; chỉ trừ ${m.vi}`,
                en: `${col.en}: penalty ${name.en} is ${a.en}, above its cap of ${m.en}; ${m.en} is deducted`,
              },
              where(c.code, location),
            ),
          );
          achieved = max.neg();
        } else if (!aboveMaxBelow) {
          findings.push(
            finding(
              "above-max",
              "warning",
              {
                vi: `${col.vi}: ${name.vi} đạt ${a.vi} điểm, vượt điểm tối đa ${m.vi}`,
                en: `${col.en}: ${name.en} has ${a.en} points, above its maximum of ${m.en}`,
              },
              where(c.code, location),
            ),
          );
          aboveMax = true;
        }
      }
    }

    const result = liveResult(c.code, achieved, rawGiven, max, kind, extra, missing);
    store(result);
    return { result, hasNA, aboveMax };
  };

  const rootVisits = roots.map((r) => visit(r, "ordinary", false));

  // The total: non-extra roots; ordinary roots' max only.
  const totalSource = column.publishedTotal ?? column.points.get(TOTAL_CODE);
  const totalGiven = totalSource?.value ?? null;
  const live = roots.map((criterion, i) => ({ criterion, result: rootVisits[i].result })).filter((x) => !x.result.notApplicable && !x.result.extra);
  const totalRule = opts.total;
  const combined = combineChildren(totalRule?.rollup ?? "sum", "ordinary", totalRule?.max ?? null, live, totalRule?.max ?? null);
  const totalMax = column.unitMax?.value ?? combined.max;
  const missing = live.flatMap((x) => x.result.missingCodes ?? []);
  let totalAchieved: Points | null;
  if (combined.achieved !== null) {
    totalAchieved = combined.achieved;
    if (totalGiven !== null && missing.length === 0) totalAchieved = compare(TOTAL_CODE, () => nodeName(TOTAL_CODE), totalGiven, totalAchieved, totalSource?.location, combined, totalSource?.decimals);
  } else {
    totalAchieved = totalGiven;
  }
  const totalMissing = combined.achieved !== null || totalGiven === null ? missing : [];
  nodes.set(TOTAL_CODE, liveResult(TOTAL_CODE, totalAchieved, totalGiven, totalMax, "ordinary", false, totalMissing));

  if (totalMissing.length > 0) {
    const first = totalMissing[0];
    const list = codeList(totalMissing);
    findings.push(
      finding(
        "missing-points",
        "warning",
        {
          vi: `${col.vi}: thiếu điểm của ${totalMissing.length} tiêu chí (${list.vi}); tổng điểm chỉ cộng các mục có điểm`,
          en: `${col.en}: no points for ${totalMissing.length} criteria (${list.en}); totals add up only the criteria that have points`,
        },
        { code: first, column: column.key, location: column.points.get(first)?.location ?? byCode.get(first)?.location },
      ),
    );
  }

  for (const [code, pv] of column.points) {
    if (code === TOTAL_CODE || byCode.has(code)) continue;
    findings.push(
      finding(
        "unknown-code",
        "warning",
        {
          vi: `${col.vi}: có điểm cho mã "${code}" nhưng bộ tiêu chí không có mã này; điểm này không được tính`,
          en: `${col.en}: points are given for code "${code}", which is not in the criteria set; they are not counted`,
        },
        { code, column: column.key, location: pv.location },
      ),
    );
  }

  return { nodes, findings };
}

/** A parent's max and achieved (null when no child has a value) under its rule. */
interface Combined {
  rule: RollupRule;
  max: Points | null;
  achieved: Points | null;
  /** The rule divided, so a published value agrees when equal at its own decimals. */
  divides: boolean;
  /** Σ |factor| of its parts: how far the parts' own rounding can move the result, per unit of it. */
  spread: Points;
}

/**
 * Combines a parent's counted, applicable children. The rule applies to the children of the parent's own
 * kind; bonus and penalty children add to it as they are (capped by their own blocks) and stay out of its max.
 * `fallbackMax` is the parent's max when its children's maxima do not give one.
 */
function combineChildren(
  rule: RollupRule,
  kind: CriterionKind,
  stated: Points | null,
  counted: readonly { criterion: Criterion; result: NodeResult }[],
  fallbackMax: Points | null,
): Combined {
  const ruled = counted.filter((x) => x.result.kind === kind);
  const present = counted.filter((x) => x.result.achieved !== null);
  if (rule === "sum") {
    const max = ruled.length > 0 && ruled.every((x) => x.result.max !== null) ? ruled.reduce((acc, x) => acc.plus(x.result.max!), new Decimal(0)) : fallbackMax;
    const achieved = present.length > 0 ? present.reduce((acc, x) => acc.plus(x.result.achieved!), new Decimal(0)) : null;
    return { rule, max, achieved, divides: false, spread: new Decimal(ruled.length) };
  }
  const shape = ruleShape(
    rule,
    stated,
    ruled.map((x) => ({ max: x.result.max, weight: x.criterion.weight })),
    fallbackMax,
  );
  const max = ruled.length > 0 ? shape.max : fallbackMax;
  const spread = ruled.reduce((acc, _, i) => acc.plus(childFactor(shape, i).abs()), new Decimal(0));
  if (present.length === 0) return { rule: shape.rule, max, achieved: null, divides: dividesBy(shape), spread };
  let achieved = applyRule(
    shape,
    ruled.map((x) => x.result.achieved),
  );
  for (const x of present) if (x.result.kind !== kind) achieved = achieved.plus(x.result.achieved!);
  return { rule: shape.rule, max, achieved, divides: dividesBy(shape), spread };
}

function naResult(code: string, given: Points | null, kind: CriterionKind, extra: boolean): NodeResult {
  const r: NodeResult = { code, achieved: null, given, max: null, lost: null, percent: null, notApplicable: true, kind };
  if (extra) r.extra = true;
  return r;
}

export function liveResult(
  code: string,
  achieved: Points | null,
  given: Points | null,
  max: Points | null,
  kind: CriterionKind,
  extra: boolean,
  missing: string[],
): NodeResult {
  const r = new LiveNode(code, achieved, given, max, kind);
  if (extra) r.extra = true;
  if (missing.length > 0) r.missingCodes = missing;
  return r;
}

/**
 * A node with points. Its lost points (max - achieved; a penalty: the deduction) and percent (achieved
 * x 100 / max, a division) are worked out when first read: presenters read them for totals, areas and
 * the largest losses, and a commune table has 1.2 million nodes.
 */
class LiveNode implements NodeResult {
  readonly notApplicable = false;
  extra?: boolean;
  missingCodes?: string[];
  appraisalDeduction?: Points | null;
  private cachedPercent: Points | null | undefined = undefined;
  private cachedLost: Points | null | undefined = undefined;

  constructor(
    readonly code: string,
    readonly achieved: Points | null,
    readonly given: Points | null,
    readonly max: Points | null,
    readonly kind: CriterionKind,
  ) {}

  get lost(): Points | null {
    if (this.cachedLost === undefined) {
      const { achieved, max } = this;
      this.cachedLost = achieved === null ? null : this.kind === "penalty" ? achieved.neg() : max !== null ? max.minus(achieved) : null;
    }
    return this.cachedLost;
  }

  get percent(): Points | null {
    if (this.cachedPercent === undefined) {
      const { achieved, max } = this;
      this.cachedPercent = achieved !== null && this.kind !== "penalty" && max !== null && !max.isZero() ? achieved.times(HUNDRED).div(max) : null;
    }
    return this.cachedPercent;
  }
}

