/**
 * Live formulas: Excel expressions that recompute, from the user's own cells, what the engine
 * computed. A scored workbook written with them keeps its totals, deductions and ranks right when
 * a recipient corrects a number in plain Excel or LibreOffice, without ParScore.
 *
 * The expression of a node mirrors the engine's roll-up (src/engine/rollup.ts) on the table as it
 * was read: a leaf is its cell, a parent the SUM of its children (N/A parts left out, a parent
 * with no value below it is its own cell), a bonus is capped at its max with MIN, a penalty counts
 * as a deduction whatever its sign (-ABS) and is capped with MAX. Runs of adjacent cells become
 * ranges. Cells are read with `pointsOf`, so numbers typed as text ("8,75") count as the engine
 * counts them, in any locale.
 *
 * What a formula cannot follow is copied as a constant and reported (`frozen`): text with a unit
 * ("8,75 điểm"), or a percentage read x100. Totals stay right, but not live, for that cell.
 *
 * Formulas are in Excel's file syntax (en-US names, "," between arguments, "." decimals) without
 * the leading "=". Points shown are the expression rounded (`rounded`), as the engine shows them
 * half-up to 2 places; ranks are decided on those rounded cells, as the engine ranks on rounded
 * values, so a sum of doubles such as 83.50000000000001 ties with 83.5.
 */
import type { ColumnAnalysis, Criterion, CriterionKind, PointValue, Points, RollupRule, TotalRule } from "../engine/types";
import { TOTAL_CODE } from "../engine/types";
import { isWeighted, ruleShape } from "../engine/rules";
import { columnLetters, parseA1 } from "../tables/grid";
import { nodeOutlines } from "../engine/columnar";
import { ScaledPoints, type PointsLayout } from "../engine/scaled-points";

/** Excel's limit on a formula's length is 8,192 characters; a longer one is not written (the cell keeps its value). */
export const MAX_FORMULA_LENGTH = 8000;

/** A source cell whose value a formula copies instead of referencing. */
export interface FrozenCell {
  sheet: string;
  cell: string;
  /** The value copied, a decimal string. */
  value: string;
  why: "text-unit" | "percent";
}

export interface LiveExpression {
  /** An expression that evaluates to the node's achieved points (unrounded): a SUM of `pointsOf` terms. */
  expr: string;
  frozen: FrozenCell[];
}

/** `'TT Huế'`: always quoted (Excel and LibreOffice accept any sheet name quoted), quotes doubled. */
export function quotedSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** One SUM argument: a cell (mergeable into a range with its neighbours), a constant, or a sub-expression. */
type Term = { kind: "cell"; sheet: string; row: number; col: number } | { kind: "text"; text: string };

/**
 * The expression of a criterion's achieved points in a column, or of the total (TOTAL_CODE):
 * null when the engine has no value there either (all N/A, nothing given) or the formula would be
 * too long for Excel.
 */
export function achievedExpression(roots: readonly Criterion[], column: ColumnAnalysis, code: string, defaultSheet: string, total?: TotalRule): LiveExpression | null {
  const points = column.column.points;
  // Rows of one table whose cells are blank in the same places have one formula, moved down: a commune
  // table's 10,000 totals are worked out once each shape, not term by term (1.2 million terms).
  const shape = points instanceof ScaledPoints ? points.readSignature() : null;
  if (!(points instanceof ScaledPoints) || shape === null || !shape.includes("1")) return expressionOf(roots, column, code, defaultSheet, total);
  let byLayout = ROW_SHAPES.get(roots);
  if (!byLayout) ROW_SHAPES.set(roots, (byLayout = new WeakMap()));
  let byShape = byLayout.get(points.layout);
  if (!byShape) byLayout.set(points.layout, (byShape = new Map()));
  // By the row's shape first: the signature is made once per row, and its hash once with it; then by code,
  // sheet and total rule in one short key (a workbook of 10,000 small tables keeps one Map per table's shape).
  let known = byShape.get(shape);
  if (!known) byShape.set(shape, (known = new Map()));
  const key = `${code}\u0000${defaultSheet}\u0000${totalKey(total)}`;
  const seen = known.get(key);
  if (seen) {
    if (!seen.live) return null;
    if (seen.row === points.row) return { expr: seen.live.expr, frozen: [] };
    // A template is kept for a shape many rows share (a commune table's); a small table's few rows are moved
    // as they come, so 10,000 small tables do not each keep templates.
    seen.uses = (seen.uses ?? 0) + 1;
    if (seen.uses < TEMPLATE_AFTER) return { expr: movedToRow(seen.live.expr, points.layout.sheet, seen.row + 1, points.row + 1), frozen: [] };
    seen.moved ??= rowTemplate(seen.live.expr, points.layout.sheet, seen.row + 1);
    return { expr: seen.moved.join(String(points.row + 1)), frozen: [] };
  }
  const live = expressionOf(roots, column, code, defaultSheet, total);
  known.set(key, { row: points.row, live });
  return live;
}

/**
 * Per criteria tree and reader's layout, row shape (blanks), and code, sheet and total rule: the expression of the
 * first row of that shape, its row, and the expression cut at that row's numbers (made when a second row asks).
 */
const ROW_SHAPES = new WeakMap<readonly Criterion[], WeakMap<PointsLayout, Map<string, Map<string, { row: number; live: LiveExpression | null; uses?: number; moved?: string[] }>>>>();

/** Rows of one shape moved one by one before their expression is kept as a template. */
const TEMPLATE_AFTER = 16;

/** The total rule's rollup and max as a key, remembered per rule object while neither changes. */
function totalKey(total: TotalRule | undefined): string {
  if (!total) return "\u0000";
  const known = TOTAL_KEYS.get(total);
  if (known && known.rollup === total.rollup && known.max === total.max) return known.key;
  const key = `${total.rollup ?? ""}\u0000${total.max?.toString() ?? ""}`;
  TOTAL_KEYS.set(total, { rollup: total.rollup, max: total.max, key });
  return key;
}

const TOTAL_KEYS = new WeakMap<TotalRule, { rollup: TotalRule["rollup"]; max: TotalRule["max"]; key: string }>();

/** A string literal, or a sheet-qualified absolute cell or range of one row ('S'!$C$24 or 'S'!$C$24:$DR$24). */
const ROW_REFERENCE = /"(?:[^"]|"")*"|('(?:[^']|'')*')!\$([A-Z]{1,3})\$(\d+)(?::\$([A-Z]{1,3})\$(\d+))?/g;

/** The expression with every reference to `sheet`'s row `from` (1-based) moved to row `to`; other references stay. */
export function movedToRow(expr: string, sheet: string, from: number, to: number): string {
  if (from === to) return expr;
  const quoted = quotedSheet(sheet);
  const fromText = String(from);
  return expr.replace(ROW_REFERENCE, (token: string, q?: string, c1?: string, r1?: string, c2?: string, r2?: string) => {
    if (q !== quoted || r1 !== fromText || (r2 !== undefined && r2 !== fromText)) return token;
    return r2 === undefined ? `${q}!$${c1}$${to}` : `${q}!$${c1}$${to}:$${c2}$${to}`;
  });
}

/**
 * The expression cut where `movedToRow` puts the row's number: joined with a row number, it is `movedToRow` of
 * the expression to that row (test/report/live-formula-rows.test.ts). A commune table's 10,000 rows of one shape
 * are moved from one template.
 */
export function rowTemplate(expr: string, sheet: string, from: number): string[] {
  const quoted = quotedSheet(sheet);
  const fromText = String(from);
  const parts: string[] = [];
  let piece = "";
  let last = 0;
  for (const match of expr.matchAll(ROW_REFERENCE)) {
    const [token, q, c1, r1, c2, r2] = match;
    if (q !== quoted || r1 !== fromText || (r2 !== undefined && r2 !== fromText)) continue;
    piece += expr.slice(last, match.index);
    last = match.index + token.length;
    parts.push(`${piece}${q}!$${c1}$`);
    if (r2 === undefined) piece = "";
    else {
      parts.push(`:$${c2}$`);
      piece = "";
    }
  }
  parts.push(piece + expr.slice(last));
  return parts;
}

function expressionOf(roots: readonly Criterion[], column: ColumnAnalysis, code: string, defaultSheet: string, total?: TotalRule): LiveExpression | null {
  const points = column.column.points;
  const outline = nodeOutlines(column.nodes);
  const frozen: FrozenCell[] = [];

  const cellTerm = (pv: PointValue | undefined): Term | null => {
    const location = pv?.location;
    if (!location?.cell) return null;
    const sheet = location.sheet ?? defaultSheet;
    if ((pv?.derived === "text-unit" || pv?.derived === "percent") && pv.value !== null) {
      frozen.push({ sheet, cell: location.cell, value: pv.value.toString(), why: pv.derived });
      return { kind: "text", text: pv.value.toString() };
    }
    const { row, col } = parseA1(location.cell);
    return { kind: "cell", sheet, row, col };
  };

  const visit = (c: Criterion, parentKind: CriterionKind, inExtra: boolean): Term[] | null => {
    const kind: CriterionKind = c.kind !== "ordinary" ? c.kind : parentKind;
    const boundary = c.kind !== "ordinary" && c.kind !== parentKind;
    const extra = inExtra || !!c.extra;
    // A reader's bare number is a cell term as it is: its PointValue and node are not made (a commune table's ranking sheet sums 1.2 million).
    const at = points instanceof ScaledPoints ? points.cellOf(c.code) : null;
    const pv = at ? undefined : points.get(c.code);
    if (pv?.notApplicable) return null;
    const result = outline(c.code);
    if (result?.notApplicable) return null;

    let terms: Term[];
    if (c.children.length === 0) {
      const term: Term | null = at ? { kind: "cell", ...at } : cellTerm(pv);
      // A blank leaf stays in the sum (it counts 0, as in the engine): filling it in updates the total.
      if (!term) return pv?.value != null ? [{ kind: "text", text: pv.value.toString() }] : [];
      terms = kind === "penalty" ? [penaltyTerm(term)] : [term];
    } else {
      const counted = c.children.filter((ch) => extra || !ch.extra);
      if (!counted.some((ch) => hasValueBelow(ch, column))) {
        // The engine takes the parent's own number when nothing below it has one.
        const term: Term | null = at ? { kind: "cell", ...at } : cellTerm(pv);
        if (!term) return pv?.value != null ? [{ kind: "text", text: pv.value.toString() }] : [];
        terms = kind === "penalty" ? [penaltyTerm(term)] : [term];
      } else {
        const rule = boundary ? "sum" : (c.rollup ?? "sum");
        terms = rule === "sum" ? counted.flatMap((ch) => visit(ch, kind, extra) ?? []) : byRule(rule, c.max, counted, kind, extra);
      }
    }
    const max = result?.max ?? c.max;
    if (boundary && max !== null && max !== undefined) {
      if (kind === "bonus" && !max.isNegative()) return [{ kind: "text", text: `MIN(${sumOf(terms)},${max.toString()})` }];
      if (kind === "penalty") return [{ kind: "text", text: `MAX(${sumOf(terms)},-${max.abs().toString()})` }];
    }
    return terms;
  };

  /**
   * A parent under another rule than the sum (src/engine/rules.ts): its applicable children of its own kind
   * combined with their weights (SUMPRODUCT over a run of cells), the sum brought to its scale (× max / Σ maxᵢ,
   * or / n for a mean: a blank counts 0 and stays in n, as in the engine, which AVERAGE would not do); bonus
   * and penalty children added as they are.
   */
  const byRule = (rule: RollupRule, stated: Points | null, counted: readonly Criterion[], kind: CriterionKind, extra: boolean): Term[] => {
    const applicable = counted.filter((ch) => !column.nodes.get(ch.code)?.notApplicable && !points.get(ch.code)?.notApplicable);
    const ruled = applicable.filter((ch) => (column.nodes.get(ch.code)?.kind ?? ch.kind) === kind);
    const plain = applicable.filter((ch) => !ruled.includes(ch));
    const shape = ruleShape(
      rule,
      stated,
      ruled.map((ch) => ({ max: column.nodes.get(ch.code)?.max ?? ch.max, weight: ch.weight })),
      stated,
    );
    const parts = ruled.map((ch) => visit(ch, kind, extra) ?? []);
    const cells = isWeighted(shape.rule) ? weightCells(ruled, defaultSheet) : null;
    let core: string;
    if (cells) core = weightedByCells(parts, cells, rule, stated, ruled, column);
    else {
      if (shape.factors.every((f) => f.eq(1))) core = sumOf(parts.flat());
      else core = weightedRange(parts, shape.factors) ?? `SUM(${parts.map((t, i) => `${shape.factors[i].toFixed()}*${sumOf(t)}`).join(",")})`;
      if (!shape.times.eq(1)) core = `${core}*${shape.times.toFixed()}`;
      if (!shape.divide.eq(1)) core = `${core}/${shape.divide.toFixed()}`;
    }
    return [{ kind: "text", text: core }, ...plain.flatMap((ch) => visit(ch, kind, extra) ?? [])];
  };

  let terms: Term[] | null;
  if (code === TOTAL_CODE) {
    const live = roots.filter((r) => !r.extra);
    const rootTerms = total && total.rollup !== "sum" ? [byRule(total.rollup, total.max, live, "ordinary", false)] : live.map((r) => visit(r, "ordinary", false));
    const anyValue = roots.some((r) => !r.extra && hasValueBelow(r, column));
    if (anyValue) terms = rootTerms.flatMap((t) => t ?? []);
    else {
      const given = column.column.publishedTotal ?? points.get(TOTAL_CODE);
      const term = cellTerm(given);
      terms = term ? [term] : null;
    }
  } else {
    const found = findWithContext(roots, code);
    if (!found) return null;
    terms = visit(found.criterion, found.parentKind, found.inExtra);
  }
  if (!terms || terms.length === 0) return null;
  const expr = sumOf(terms);
  return expr.length > MAX_FORMULA_LENGTH ? null : { expr, frozen };
}

/**
 * The value rounded half-up to `decimals`, as the engine rounds for display and ranking. Sums and
 * differences of doubles carry noise in the last bits (8 - 7.27 = 0.7299999999999995), which can
 * tip a value that is exactly on a half (0.73 / 8 = 0.09125) the wrong way; rounding to 9 places
 * first snaps it back to the decimal the engine computes exactly, far from any half at 9 places.
 */
export function rounded(expr: string, decimals = 2): string {
  return `ROUND(ROUND(${expr},9),${decimals})`;
}

/** A node or something below it has a value in this column (the engine's "present" test). */
function hasValueBelow(c: Criterion, column: ColumnAnalysis): boolean {
  const r = column.nodes.get(c.code);
  return !!r && !r.notApplicable && r.achieved !== null;
}

function findWithContext(
  roots: readonly Criterion[],
  code: string,
): { criterion: Criterion; parentKind: CriterionKind; inExtra: boolean } | null {
  const walk = (nodes: readonly Criterion[], parentKind: CriterionKind, inExtra: boolean): ReturnType<typeof findWithContext> => {
    for (const c of nodes) {
      if (c.code === code) return { criterion: c, parentKind, inExtra };
      const below = walk(c.children, c.kind !== "ordinary" ? c.kind : parentKind, inExtra || !!c.extra);
      if (below) return below;
    }
    return null;
  };
  return walk(roots, "ordinary", false);
}

/**
 * The points in a cell or range, read as the engine reads them whatever the cell holds and whatever
 * the user's locale: `"0"&cell` turns a number into text in the locale's own format (and a blank into
 * "0"), the decimal comma becomes a dot, and NUMBERVALUE reads it with a dot. So 8.75, "8,75" and
 * "8.75" all count 8.75, and a blank counts 0, as in the engine. What the engine cannot read as a
 * number ("8,7x", "KAD" typed over a score) gives #VALUE!: a loud error, never a silently smaller sum.
 * Over a range, SUMPRODUCT evaluates it cell by cell in every Excel version, without array entry.
 */
function pointsOf(ref: string, range: boolean, dropSign = false): string {
  const text = dropSign ? `SUBSTITUTE("0"&${ref},"-","")` : `"0"&${ref}`;
  const read = `NUMBERVALUE(SUBSTITUTE(${text},",","."),"."," ")`;
  return range ? `SUMPRODUCT(${read})` : read;
}

/**
 * SUMPRODUCT of the weights with a run of single cells (a row of sub-indices, or a column), as one array
 * constant and one range; null when the parts are not such a run.
 */
function weightedRange(parts: readonly Term[][], weights: readonly Points[]): string | null {
  const cells = parts.map((t) => (t.length === 1 && t[0].kind === "cell" ? t[0] : null));
  if (cells.length < 2 || cells.some((c) => c === null)) return null;
  const run = cells as Extract<Term, { kind: "cell" }>[];
  const first = run[0];
  const across = run.every((c, i) => c.sheet === first.sheet && c.row === first.row && c.col === first.col + i);
  const down = run.every((c, i) => c.sheet === first.sheet && c.col === first.col && c.row === first.row + i);
  if (!across && !down) return null;
  const last = run[run.length - 1];
  const range = `${quotedSheet(first.sheet)}!$${columnLetters(first.col)}$${first.row + 1}:$${columnLetters(last.col)}$${last.row + 1}`;
  const read = `NUMBERVALUE(SUBSTITUTE("0"&${range},",","."),"."," ")`;
  return `SUMPRODUCT({${weights.map((w) => w.toFixed()).join(across ? "," : ";")}},${read})`;
}

type CellTerm = Extract<Term, { kind: "cell" }>;

/** Each part's weight cell, when the table gave every weight in a cell (a "Trọng số" row or column); else null. */
function weightCells(ruled: readonly Criterion[], defaultSheet: string): CellTerm[] | null {
  const cells: CellTerm[] = [];
  for (const ch of ruled) {
    const at = ch.weightLocation;
    if (ch.weight === undefined || !at?.cell) return null;
    cells.push({ kind: "cell", sheet: at.sheet ?? defaultSheet, ...parseA1(at.cell) });
  }
  return cells.length > 0 ? cells : null;
}

/** A run of single cells of one sheet, across a row or down a column, as one absolute range; else null. */
function runRange(cells: readonly (CellTerm | null)[]): { range: string; across: boolean } | null {
  if (cells.length < 2 || cells.some((c) => c === null)) return null;
  const run = cells as CellTerm[];
  const first = run[0];
  const across = run.every((c, i) => c.sheet === first.sheet && c.row === first.row && c.col === first.col + i);
  const down = run.every((c, i) => c.sheet === first.sheet && c.col === first.col && c.row === first.row + i);
  if (!across && !down) return null;
  const last = run[run.length - 1];
  return { range: `${quotedSheet(first.sheet)}!$${columnLetters(first.col)}$${first.row + 1}:$${columnLetters(last.col)}$${last.row + 1}`, across };
}

const cellRef = (c: CellTerm) => `${quotedSheet(c.sheet)}!$${columnLetters(c.col)}$${c.row + 1}`;

/**
 * A weighted rule whose weights are cells of the user's table: the formula reads them (absolute references),
 * so changing a weight recalculates. Σ wᵢ·aᵢ as SUMPRODUCT(weights, parts) when both are runs of the same
 * shape, else SUM(wᵢ*aᵢ, ...); a weighted mean divides by Σ wᵢ, or, brought to the node's max M, by Σ wᵢ·maxᵢ
 * and times M, as src/engine/rules.ts does.
 */
function weightedByCells(parts: readonly Term[][], cells: readonly CellTerm[], rule: RollupRule, stated: Points | null, ruled: readonly Criterion[], column: ColumnAnalysis): string {
  const weights = runRange(cells);
  const partRun = runRange(parts.map((t) => (t.length === 1 && t[0].kind === "cell" ? t[0] : null)));
  const readW = weights ? pointsArray(weights.range) : null;
  const each = (i: number) => pointsOf(cellRef(cells[i]), false);
  const core = readW && partRun && partRun.across === weights!.across ? `SUMPRODUCT(${readW},${pointsArray(partRun.range)})` : `SUM(${parts.map((t, i) => `${each(i)}*${sumOf(t)}`).join(",")})`;
  if (rule !== "weighted-mean") return core;
  const maxima = ruled.map((ch) => column.nodes.get(ch.code)?.max ?? ch.max);
  const scaled = stated !== null && maxima.every((m) => m !== null) && maxima.some((m) => !m!.isZero());
  if (!scaled) return `${core}/${readW ? `SUMPRODUCT(${readW})` : `SUM(${cells.map((_, i) => each(i)).join(",")})`}`;
  const base = readW
    ? `SUMPRODUCT(${readW},{${maxima.map((m) => m!.toFixed()).join(weights!.across ? "," : ";")}})`
    : `SUM(${cells.map((_, i) => `${each(i)}*${maxima[i]!.toFixed()}`).join(",")})`;
  return `${core}*${stated.toFixed()}/${base}`;
}

/** The points in a range as an array SUMPRODUCT multiplies, read as pointsOf reads one cell. */
function pointsArray(range: string): string {
  return `NUMBERVALUE(SUBSTITUTE("0"&${range},",","."),"."," ")`;
}

/** A penalty counts as a deduction whatever sign the table wrote it with. */
function penaltyTerm(term: Term): Term {
  if (term.kind === "text") return { kind: "text", text: `-ABS(${term.text})` };
  return { kind: "text", text: `-${pointsOf(`${quotedSheet(term.sheet)}!$${columnLetters(term.col)}$${term.row + 1}`, false, true)}` };
}

/** SUM of the terms, with runs of adjacent cells of one sheet (down a column or along a row) as ranges. */
function sumOf(terms: readonly Term[]): string {
  const args: string[] = [];
  let i = 0;
  while (i < terms.length) {
    const first = terms[i];
    if (first.kind === "text") {
      args.push(first.text);
      i++;
      continue;
    }
    let j = i;
    const down = (a: Term, b: Term) => a.kind === "cell" && b.kind === "cell" && a.sheet === b.sheet && b.col === a.col && b.row === a.row + 1;
    const across = (a: Term, b: Term) => a.kind === "cell" && b.kind === "cell" && a.sheet === b.sheet && b.row === a.row && b.col === a.col + 1;
    const step = j + 1 < terms.length && down(terms[j], terms[j + 1]) ? down : across;
    while (j + 1 < terms.length && step(terms[j], terms[j + 1])) j++;
    const last = terms[j] as Extract<Term, { kind: "cell" }>;
    const from = `$${columnLetters(first.col)}$${first.row + 1}`;
    const to = `$${columnLetters(last.col)}$${last.row + 1}`;
    args.push(pointsOf(`${quotedSheet(first.sheet)}!${from}${j > i ? `:${to}` : ""}`, j > i));
    i = j + 1;
  }
  return `SUM(${args.join(",")})`;
}

/**
 * A formula that labels a rank as the engine does: "4" or "4(12)" when 12 share it. `cell` is the
 * rounded value, `range` the rounded values of every ranked unit (absolute refs).
 */
export function rankLabelFormula(cell: string, range: string): string {
  const rank = `RANK.EQ(${cell},${range},0)`;
  const ties = `COUNTIF(${range},${cell})`;
  return `IF(ISNUMBER(${cell}),IF(${ties}>1,${rank}&"("&${ties}&")",${rank}&""),"")`;
}

/**
 * How many of `range` fall in a histogram band [from, to) (the last band [from, to]). The bounds are
 * joined to the operators as numbers (`">="&80.5`), so Excel turns them into text in the user's own
 * locale and COUNTIFS reads them back in it; a literal ">=80.5" would be misread where "." groups thousands.
 */
export function bandCountFormula(range: string, from: string, to: string, last: boolean): string {
  return `COUNTIFS(${range},">="&${from},${range},"${last ? "<=" : "<"}"&${to})`;
}

/** The rank as a number (for rank deltas). */
export function rankNumberFormula(cell: string, range: string): string {
  return `IF(ISNUMBER(${cell}),RANK.EQ(${cell},${range},0),"")`;
}

/**
 * The engine's change phrase (src/engine/changes.ts changePhrase) from a points delta cell and a
 * rank delta cell: "tăng 4,16 điểm và tăng 3 bậc". Numbers become text with `&""` and get the
 * phrase's own decimal mark, so the phrase reads the same in every Excel locale.
 */
export function changePhraseFormula(pointsDelta: string | null, rankDelta: string | null, lang: "vi" | "en"): string | null {
  const mark = lang === "vi" ? `SUBSTITUTE(ABS(ROUND(${pointsDelta},2))&"",".",",")` : `SUBSTITUTE(ABS(ROUND(${pointsDelta},2))&"",",",".")`;
  const pointsPart =
    pointsDelta === null
      ? null
      : lang === "vi"
        ? `IF(ROUND(${pointsDelta},2)=0,"giữ nguyên số điểm",IF(${pointsDelta}>0,"tăng ","giảm ")&${mark}&" điểm")`
        : `IF(ROUND(${pointsDelta},2)=0,"points unchanged",IF(${pointsDelta}>0,"up ","down ")&${mark}&IF(ABS(ROUND(${pointsDelta},2))=1," point"," points"))`;
  const rankPart =
    rankDelta === null
      ? null
      : lang === "vi"
        ? `IF(${rankDelta}=0,"giữ nguyên vị thứ",IF(${rankDelta}>0,"tăng ","giảm ")&ABS(${rankDelta})&" bậc")`
        : `IF(${rankDelta}=0,"rank unchanged",IF(${rankDelta}>0,"up ","down ")&ABS(${rankDelta})&IF(ABS(${rankDelta})=1," place"," places"))`;
  if (pointsPart && rankPart) {
    const same = `AND(ROUND(${pointsDelta},2)=0,${rankDelta}=0)`;
    const both = lang === "vi" ? `"giữ nguyên số điểm và vị thứ"` : `"unchanged"`;
    return `IF(${same},${both},${pointsPart}&"${lang === "vi" ? " và " : " and "}"&${rankPart})`;
  }
  return pointsPart ?? rankPart;
}
