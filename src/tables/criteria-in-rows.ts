/**
 * Tables with criteria in rows: one unit's self-assessment, one unit across years, and units in
 * columns. The criteria tree comes from codes, else from indentation or bold; the total row, a
 * "Ranking" row, summary rows and bonus/penalty rows take their roles from their titles.
 */
import type { Basis, Criterion, Finding, PointValue, ScoreColumn, Scorecard } from "../engine/types";
import { isBlank, rangeA1 } from "./grid";
import { slug } from "./text";
import { addsUp, neverHolds, numberOf } from "./evidence";
import { levelsFromMarks } from "./row-levels";
import { criterionKindOfTitle, headerRole, isFooterText, isRateTitle, isSummaryRowTitle, isTotalRowTitle, scaleOfTitle } from "./vocabulary";
import { type ParsedCode, type TreeRow, buildTreeFromCodes, buildTreeFromLayout, parseCode, romanValue, splitCodeTitle } from "./codes";
import { readPointsCell, readRankCell, readWeightCell } from "./values";
import { blockOfSectionRow } from "./blocks";
import { effortHeaderKind, effortProblem, readEffort } from "./effort";
import { type Ctx, type Layout, type RecogniseOptions, SeparatorTally, absRect, findingAt, firstText, holdsNumber, newColumn, oneUnitName } from "./context";
import { type ColSpec, type Header, isHeaderRow } from "./header";
import { type Built, type Empty, emptyTable, hiddenFindings, legacyFindings, mergeFindings, useTemplate } from "./table-findings";
import { applyRuleNote, findRuleNote, isMeanTitle, noteLinesOf, ruleOfNote, weightedRuleOf } from "./stated-rules";
import { ruleWords } from "../engine/rules";
import { summaryAsTotal } from "./infer-rule";
import Decimal from "decimal.js";

interface DataRow {
  r: number;
  code: ParsedCode | null;
  title: string;
  /** "rank": a row of published ranks of the total ("Ranking", "Xếp hạng") under a one-unit profile. */
  kind: "criterion" | "total" | "rank" | "extra" | "uncoded";
  node?: Criterion;
}

interface ValueCol {
  col: number;
  column: ScoreColumn;
  what: "points" | "rank";
}

/** What the phases of reading one table share. */
interface CriteriaTable {
  ctx: Ctx;
  header: Header;
  layout: Layout;
  findings: Finding[];
  contentCol?: ColSpec;
  sttCol?: ColSpec;
  maxCol?: ColSpec;
  effortCol?: ColSpec;
  /** "Trọng số" / "Hệ số" / "Weight (%)": each criterion's weight in its parent's rule. */
  weightCol?: ColSpec;
  columns: ScoreColumn[];
  valueCols: ValueCol[];
  rows: DataRow[];
  end: number;
  tally: SeparatorTally;
  /** The maximum of the total, from its title's scale ("(điểm/100)"). */
  totalMax?: PointValue;
  /** The total row, when its title says it is the parts' mean ("Trung bình"). */
  meanRow?: DataRow;
}

/** Layouts with criteria in rows: self-assessment, one unit across years, units in columns. */
export function readCriteriaInRows(
  ctx: Ctx,
  header: Header,
  titleFrom: number,
  layout: Layout,
  title: string | undefined,
  titleUnit: string | undefined,
  options: RecogniseOptions,
): Built | Empty {
  const cols = header.cols;
  const t: CriteriaTable = {
    ctx,
    header,
    layout,
    findings: [],
    contentCol: cols.find((c) => c.role === "content"),
    sttCol: cols.find((c) => c.role === "stt"),
    maxCol: cols.find((c) => c.role === "max"),
    // "Mức độ khó" / "Khả năng khắc phục": how hard each criterion's lost points are to win back (targets).
    effortCol: cols.find((c) => c.role === null && !c.group && effortHeaderKind(c.label) !== null),
    weightCol: cols.find((c) => c.role === "weight" && !c.group),
    columns: [],
    valueCols: [],
    rows: [],
    end: header.dataStart - 1,
    tally: new SeparatorTally(),
  };
  const singleUnit = oneUnitName(ctx, title, titleUnit, options);
  scoreColumns(t, singleUnit, options.period ?? "");
  readDataRows(t);
  if (t.rows.length === 0) return emptyTable(ctx, header, "criteria");
  loneScoreAsTotal(t);
  const textCol = t.contentCol?.col ?? t.sttCol?.col ?? header.left;
  const { ordered, uncodedWithPoints } = buildCriteria(t, textCol);
  readMaxAndEffort(t);
  const findings = t.findings;
  const scorecard: Scorecard = { title, criteria: ordered, columns: t.columns, findings };
  const templateId = useTemplate(scorecard, !!t.maxCol, options, findings, ctx);
  rowsWithoutCode(t, uncodedWithPoints, textCol);
  readValues(t);
  readWeights(t, scorecard);
  meanOfParts(t, scorecard);
  const note = findRuleNote(noteLinesOf(ctx), [[titleFrom, header.top - 1], [header.dataStart, t.end + 4]], header.left, header.right);
  if (note) findings.push(...applyRuleNote(scorecard, note, scorecard.criteria.filter((c) => !c.extra)));
  if (!scorecard.total) setAsideIndependentParts(ordered, t.columns);
  const { end, maxCol, valueCols } = t;
  findings.push(...t.tally.findings());
  findings.push(...mergeFindings(ctx, t.rows.map((x) => x.r), maxCol ? [...valueCols.map((v) => v.col), maxCol.col] : valueCols.map((v) => v.col)));
  findings.push(...legacyFindings(ctx, ctx.conversions.filter((c) => c.row >= titleFrom && c.row <= end)));
  findings.push(...hiddenFindings(ctx, header, end));
  const range = rangeA1(absRect(ctx, { top: header.top, left: header.left, bottom: Math.max(end, header.bottom), right: header.right }));
  return { table: { sheet: ctx.grid.sheet, range, layout, scorecard, template: templateId }, end };
}

/** Score columns and where their values are: per unit, period and basis (self-assessed or appraised). */
function scoreColumns(t: CriteriaTable, singleUnit: string, period0: string): void {
  const { ctx, header, findings, contentCol, sttCol, maxCol, effortCol, weightCol, columns, valueCols, layout } = t;
  const cols = header.cols;
  const blockOfUnit = new Map<string, string>();
  const getColumn = (unit: string, period: string, basis: Basis) => {
    let col = columns.find((c) => c.unit === unit && c.period === period && c.basis === basis);
    if (!col) {
      col = newColumn(unit, period, basis);
      const block = blockOfUnit.get(unit);
      if (block) col.block = block;
      columns.push(col);
    }
    return col;
  };
  const rankCols: Array<{ col: number; unit: string; period: string }> = [];
  for (const c of cols) {
    if (c === contentCol || c === sttCol || c === maxCol || c === effortCol || c === weightCol) continue;
    if (c.role === "evidence" || c.role === "note" || c.role === "index" || c.role === "total") continue;
    let unit = singleUnit;
    let period = period0;
    if (layout === "unit-across-years") {
      if (!c.period) continue;
      period = c.period;
    } else if (layout === "units-in-columns") {
      const block = c.group && c.role === null && c.sub ? blockOfSectionRow("", c.group) : null;
      if (block) {
        // A unit under its block's merged header ("KHỐI SỞ" over "Sở A | Sở B").
        unit = c.sub;
        blockOfUnit.set(unit, block);
      } else if (c.group) unit = c.group;
      else if (c.role === null && c.label) unit = c.label;
      else if (c.role !== "self" && c.role !== "score" && c.role !== "rank") continue;
    }
    if (c.role === "rank") {
      rankCols.push({ col: c.col, unit, period });
      continue;
    }
    const basis: Basis | null = c.role === "self" ? "self" : c.role === "score" || c.role === null ? "score" : null;
    if (!basis) continue;
    const existing = columns.find((x) => x.unit === unit && x.period === period && x.basis === basis);
    if (existing) {
      findings.push(findingAt(ctx, header.top, c.col, "extra-column-ignored", "info", `cột '${c.label}' trùng loại điểm với một cột trước, bỏ qua`, `column '${c.label}' repeats an earlier points column and is ignored`));
      continue;
    }
    valueCols.push({ col: c.col, column: getColumn(unit, period, basis), what: "points" });
  }
  // "STT | Chỉ số thành phần | Tỷ lệ (%)": one unit's only figures are rates; they are its points.
  const rate = cols.find((c) => c.role === "index" && !c.group);
  if (layout === "self-assessment" && rate && !valueCols.some((v) => v.what === "points")) valueCols.push({ col: rate.col, column: getColumn(singleUnit, period0, "score"), what: "points" });
  for (const rc of rankCols) {
    valueCols.push({ col: rc.col, column: getColumn(rc.unit, rc.period, "score"), what: "rank" });
  }

}

/** The rows under the header, each with its code, title and kind, up to the footer. */
function readDataRows(t: CriteriaTable): void {
  const { ctx, header, findings, sttCol, contentCol, maxCol, valueCols, rows } = t;
  let blanks = 0;
  for (let r = header.dataStart; r < ctx.height; r++) {
    if (ctx.rowBlank(r, header.left, header.right)) {
      blanks++;
      if (blanks >= 3) break;
      continue;
    }
    if (r !== header.top && isHeaderRow(ctx, r) && !valueCols.some((v) => holdsNumber(ctx.raw(r, v.col)))) break;
    const codeText = sttCol ? ctx.text(r, sttCol.col) : "";
    const codeRaw = sttCol ? ctx.raw(r, sttCol.col) : null;
    let code = typeof codeRaw === "number" ? parseCode(codeRaw) : parseCode(codeText);
    let rowTitle = contentCol ? ctx.text(r, contentCol.col) : "";
    if (!code && codeText && !rowTitle) rowTitle = codeText;
    else if (!code && codeText && rowTitle && sttCol && !isTotalRowTitle(codeText)) {
      findings.push(
        findingAt(
          ctx,
          r,
          sttCol.col,
          "unreadable-code",
          "warning",
          `'${codeText}' không phải là mã tiêu chí (I, 1, 1.1, a); dòng được đọc như một dòng không có mã`,
          `'${codeText}' is not a criterion code (I, 1, 1.1, a); the row is read as a row without a code`,
        ),
      );
    }
    if (!code && rowTitle) {
      const split = splitCodeTitle(rowTitle);
      if (split) {
        code = split.code;
        rowTitle = split.title;
      }
    } else if (code && rowTitle) {
      const split = splitCodeTitle(rowTitle);
      if (split && split.code.code === code.code) rowTitle = split.title;
    }
    const pointCols = maxCol ? [...valueCols.map((v) => v.col), maxCol.col] : valueCols.map((v) => v.col);
    const hasValues = pointCols.some((c) => !isBlank(ctx.raw(r, c)));
    // Signatures ("Người lập biểu ... Giám đốc") and the names under them carry text, never points.
    const hasNumbers = pointCols.some((c) => holdsNumber(ctx.raw(r, c)));
    if (!code && !rowTitle && isFooterText(firstText(ctx, r, header.left, header.right))) break;
    if (!code && isFooterText(rowTitle) && !hasNumbers) break;
    if (!code && !hasNumbers && rows.some((x) => x.kind === "total")) break;
    // A note stating how the total is made is read with the table (stated-rules.ts), never as a criterion.
    if (!code && !hasNumbers && ruleOfNote(rowTitle || firstText(ctx, r, header.left, header.right)) !== null) continue;
    if (!code && !rowTitle) {
      if (hasValues) {
        findings.push(findingAt(ctx, r, header.left, "row-without-title", "warning", "dòng có điểm nhưng không có mã hay tên tiêu chí, bỏ qua", "a row has points but no code or criterion title; it is left out"));
        blanks = 0;
        t.end = r;
      }
      continue;
    }
    blanks = 0;
    t.end = r;
    rows.push({ r, code, title: rowTitle, kind: kindOfRow(code, rowTitle) });
  }
  // "Trung bình", "Chỉ số SIPAS (trung bình cộng)": without a total row, the row titled as the parts' mean is
  // the total, and its rule the mean (meanOfParts).
  const means = rows.filter((x) => !x.code && isMeanTitle(x.title));
  if (means.length === 1 && !rows.some((x) => x.kind === "total")) {
    means[0].kind = "total";
    t.meanRow = means[0];
  }

}

/** A row's role from its code and title; a rate ("Tỷ lệ ... (%)") is a figure beside the points, never summed. */
function kindOfRow(code: ParsedCode | null, title: string): DataRow["kind"] {
  if (code) return "criterion";
  // "Trung bình", "Chỉ số SIPAS (trung bình cộng)": the total, titled as the parts' mean (meanOfParts).
  if (isTotalRowTitle(title)) return "total";
  if (headerRole(title) === "rank") return "rank";
  return isRateTitle(title) ? "extra" : "uncoded";
}

/** A title that ends by stating its own measure: "(điểm)", "(điểm/80)", "(points)". */
const OWN_MEASURE = /\(\s*(?:điểm|points?)\s*(?:\/\s*\d+(?:[.,]\d+)?)?\s*\)\s*$/iu;

/**
 * Indicator tables (Bộ chỉ số 766: "Điểm Bộ chỉ số 766 (điểm/100)" over rates in %): without a total
 * row or codes, the one row of points among rates is the unit's score, its rank the unit's rank, and
 * the scale its title states ("/100") its maximum, as a single points column is a ranking's total.
 */
function loneScoreAsTotal(t: CriteriaTable): void {
  const { rows } = t;
  if (rows.some((x) => x.kind === "total" || x.kind === "criterion")) return;
  const points = rows.filter((x) => x.kind === "uncoded" && !isSummaryRowTitle(x.title));
  // "Chỉ số PAR INDEX (điểm)", "Chỉ số PAPI (điểm/80)": rows that each state their own measure are whole
  // indices on their own scales, side by side, never parts of one total.
  if (points.length >= 2 && points.every((x) => OWN_MEASURE.test(x.title))) {
    for (const x of points) x.kind = "extra";
    return;
  }
  if (points.length !== 1 || !rows.some((x) => x.kind === "extra" && isRateTitle(x.title))) return;
  points[0].kind = "total";
  const scale = scaleOfTitle(points[0].title);
  if (scale) t.totalMax = readPointsCell(scale, t.ctx.loc(points[0].r, t.contentCol?.col ?? t.header.left)).value;
}

/**
 * The tree: from codes when the table has them; else from indentation or bold. Extras (summary rows,
 * sections, uncoded rows among coded ones) take their place among the roots in table order.
 */
function buildCriteria(t: CriteriaTable, textCol: number): { ordered: Criterion[]; uncodedWithPoints: DataRow[] } {
  const sectionCodes = markSections(t.rows);
  const coded = t.rows.filter((x) => x.kind === "criterion");
  const bonusRows = new Set(t.rows.filter((x) => x.kind === "uncoded" && coded.length && criterionKindOfTitle(x.title)));
  const uncodedWithPoints: DataRow[] = [];
  const roots = coded.length ? codedRoots(t, coded, bonusRows, textCol, uncodedWithPoints) : layoutRoots(t, textCol);
  const ordered = orderWithExtras(t, roots, bonusRows, sectionCodes, textCol);
  for (const row of t.rows) {
    const kind = row.node ? criterionKindOfTitle(row.node.title) : null;
    if (row.node && kind) row.node.kind = kind;
  }

  return { ordered, uncodedWithPoints };
}

/**
 * "A. ĐIỂM THẨM ĐỊNH", "B. ĐIỀU TRA XÃ HỘI HỌC": upper-case parts above the areas are summary rows
 * (their points are the areas' sum), not nodes of the tree. Returns their codes.
 */
function markSections(rows: DataRow[]): Set<string> {
  const codedAll = rows.filter((x) => x.kind === "criterion");
  const hasRoman = codedAll.some((x) => x.code?.kind === "roman");
  const sectionCodes = new Set<string>();
  codedAll.forEach((x, i) => {
    if (!x.code || x.code.kind !== "letter" || !/^[A-Z]$/.test(x.code.code) || (hasRoman && romanValue(x.code.code) > 0)) return;
    const next = codedAll[i + 1]?.code;
    if (next && (next.kind === "roman" || (!hasRoman && next.kind === "arabic"))) {
      x.kind = "extra";
      sectionCodes.add(x.code.code);
    }
  });
  return sectionCodes;
}

function codedRoots(t: CriteriaTable, coded: DataRow[], bonusRows: Set<DataRow>, textCol: number, uncodedWithPoints: DataRow[]): Criterion[] {
  const { ctx, sttCol, valueCols, findings, rows } = t;
  for (const row of rows) {
    if (row.kind !== "uncoded") continue;
    row.kind = "extra";
    // A row with a title and points but no code, among coded rows, is kept aside and never summed.
    // Unless it is a summary row (Điểm thẩm định, SIPAS ...), a bonus/penalty row or a row whose
    // code cell was reported already, it is said (once the template had its chance to place it).
    if (bonusRows.has(row) || isSummaryRowTitle(row.title) || isTotalRowTitle(row.title)) continue;
    if (sttCol && ctx.text(row.r, sttCol.col) !== "") continue;
    const pointsCols = valueCols.filter((v) => v.what === "points").map((v) => v.col);
    if (pointsCols.some((c) => holdsNumber(ctx.raw(row.r, c)))) uncodedWithPoints.push(row);
  }
  const tree = buildTreeFromCodes(coded.map((x) => treeRow(ctx, x, textCol)));
  tree.nodes.forEach((n, i) => (coded[i].node = n));
  findings.push(...tree.findings);
  return tree.roots;
}

function layoutRoots(t: CriteriaTable, textCol: number): Criterion[] {
  const { ctx, rows } = t;
  const plain = rows.filter((x) => x.kind === "uncoded" && !isSummaryRowTitle(x.title));
  for (const row of rows) if (row.kind === "uncoded" && !plain.includes(row)) row.kind = "extra";
  const tree = buildTreeFromLayout(withLevelsFromMarks(t, plain, plain.map((x) => treeRow(ctx, x, textCol))));
  tree.nodes.forEach((n, i) => {
    plain[i].node = n;
    plain[i].kind = "criterion";
  });
  return tree.roots;
}

/** Rows the layout does not tier (no indentation, no bold) tiered by their ranks and sums, if these agree. */
function withLevelsFromMarks(t: CriteriaTable, rows: readonly DataRow[], tree: TreeRow[]): TreeRow[] {
  const flat = new Set(tree.map((r) => r.indent ?? 0)).size <= 1 && new Set(tree.map((r) => !!r.bold)).size <= 1;
  const ranks = t.valueCols.filter((v) => v.what === "rank");
  const points = t.valueCols.find((v) => v.what === "points");
  if (!flat || ranks.length === 0 || !points) return tree;
  const marked = rows.map((row) => ranks.some((v) => !isBlank(t.ctx.raw(row.r, v.col))));
  const levels = levelsFromMarks(marked, rows.map((row) => numberOf(t.ctx.raw(row.r, points.col))));
  return levels ? tree.map((r, i) => ({ ...r, indent: levels[i] - 1, bold: false })) : tree;
}

function orderWithExtras(t: CriteriaTable, roots: Criterion[], bonusRows: Set<DataRow>, sectionCodes: Set<string>, textCol: number): Criterion[] {
  const { ctx, rows } = t;
  const usedCodes = new Set<string>();
  const walk = (ns: Criterion[]) => ns.forEach((n) => (usedCodes.add(n.code), walk(n.children)));
  walk(roots);
  const ordered: Criterion[] = [];
  for (const row of rows) {
    if (row.kind === "extra" && bonusRows.has(row)) {
      // Điểm thưởng / điểm trừ without a code: part of the tree's sum, with its kind.
      let code = slug(row.title);
      if (usedCodes.has(code)) code = `${code}-${ctx.loc(row.r, 0).cell}`;
      usedCodes.add(code);
      row.kind = "criterion";
      row.node = { code, title: row.title, max: null, kind: "ordinary", level: 1, children: [], location: ctx.loc(row.r, textCol) };
      ordered.push(row.node);
    } else if (row.kind === "extra") {
      let code = (row.code && sectionCodes.has(row.code.code) ? row.code.code : slug(row.title)) || `row-${row.r + 1}`;
      if (usedCodes.has(code)) code = `${code}-${ctx.loc(row.r, 0).cell}`;
      usedCodes.add(code);
      row.node = {
        code,
        title: row.title,
        max: null,
        kind: "ordinary",
        level: 1,
        children: [],
        extra: true,
        location: ctx.loc(row.r, textCol),
      };
      ordered.push(row.node);
    } else if (row.node && row.node.level === 1 && roots.includes(row.node)) ordered.push(row.node);
  }

  return ordered;
}

/** The max column, and how hard each criterion's lost points are to win back. */
function readMaxAndEffort(t: CriteriaTable): void {
  const { ctx, findings, maxCol, effortCol, rows, tally } = t;
  if (maxCol) {
    for (const row of rows) {
      if (!row.node) continue;
      const loc = ctx.loc(row.r, maxCol.col);
      const read = readPointsCell(ctx.raw(row.r, maxCol.col), loc, ctx.format(row.r, maxCol.col));
      if (read.finding) findings.push(read.finding);
      tally.add(read.notes, loc, ctx.raw(row.r, maxCol.col));
      row.node.max = read.value.value;
      row.node.maxLocation = loc;
    }
  }

  if (effortCol) {
    const kind = effortHeaderKind(effortCol.label) ?? "effort";
    for (const row of rows) {
      if (!row.node) continue;
      const read = readEffort(ctx.raw(row.r, effortCol.col), kind);
      if ("effort" in read) row.node.effort = read.effort;
      else if ("problem" in read) {
        const why = effortProblem(read.problem, kind);
        findings.push(findingAt(ctx, row.r, effortCol.col, "unreadable-effort", "warning", why.vi, why.en));
      }
    }
  }

}

/** Rows with a title and points but no code among coded rows, said once the template had its chance to place them. */
function rowsWithoutCode(t: CriteriaTable, uncodedWithPoints: DataRow[], textCol: number): void {
  const { ctx, findings, sttCol } = t;
  for (const row of uncodedWithPoints) {
    if (!row.node?.extra) continue;
    findings.push(
      findingAt(
        ctx,
        row.r,
        sttCol?.col ?? textCol,
        "row-without-code",
        "warning",
        `dòng '${row.title}' có điểm nhưng không có mã tiêu chí, nên không được cộng vào tổng; nếu đó là một tiêu chí, hãy ghi mã của nó (ví dụ 1.3) vào cột STT`,
        `row '${row.title}' has points but no criterion code, so it is not added to the total; if it is a criterion, type its code (e.g. 1.3) in the No. column`,
      ),
    );
  }

}

function readValues(t: CriteriaTable): void {
  const { ctx, findings, rows, valueCols, tally } = t;
  for (const row of rows) {
    for (const vc of valueCols) {
      const loc = ctx.loc(row.r, vc.col);
      const raw = ctx.raw(row.r, vc.col);
      if (vc.what === "rank") {
        const read = readRankCell(raw, loc);
        if (read.finding) findings.push(read.finding);
        if (read.rank) {
          if (row.kind === "total") vc.column.publishedRanks.set("", read.rank);
          else if (row.node) vc.column.publishedRanks.set(row.node.code, read.rank);
        }
        continue;
      }
      if (row.kind === "rank") {
        const read = readRankCell(raw, loc);
        if (read.finding) findings.push(read.finding);
        if (read.rank) vc.column.publishedRanks.set("", read.rank);
        continue;
      }
      const read = readPointsCell(raw, loc, ctx.format(row.r, vc.col));
      if (read.finding) findings.push(read.finding);
      tally.add(read.notes, loc, raw);
      if (unpublishedThatPeriod(t, row, vc)) read.value.notApplicable = true;
      if (row.kind === "total") {
        vc.column.publishedTotal = read.value;
        if (t.totalMax) vc.column.unitMax = t.totalMax;
      } else if (row.node) vc.column.points.set(row.node.code, read.value);
    }
  }
}

/**
 * A criterion ranked on its own in each period (Điểm số | Thứ hạng under each year) whose points and
 * rank are both blank in one period: the index did not publish it that year, as N/A says elsewhere.
 */
function unpublishedThatPeriod(t: CriteriaTable, row: DataRow, points: ValueCol): boolean {
  const { ctx, valueCols } = t;
  if (!isBlank(ctx.raw(row.r, points.col))) return false;
  const rank = valueCols.find((v) => v.what === "rank" && v.column === points.column);
  if (!rank || !isBlank(ctx.raw(row.r, rank.col))) return false;
  return valueCols.some((v) => v.what === "rank" && v !== rank && !isBlank(ctx.raw(row.r, v.col)));
}

function treeRow(ctx: Ctx, row: DataRow, textCol: number): TreeRow {
  return {
    code: row.code,
    title: row.title,
    location: ctx.loc(row.r, textCol),
    indent: ctx.indent(row.r, textCol),
    bold: ctx.bold(row.r, textCol),
  };
}

/**
 * Flat criteria whose points never add up to the published total in any column (a weighted index such
 * as PCI over its sub-indices): figures beside the total, reported and never summed.
 */
function setAsideIndependentParts(ordered: readonly Criterion[], columns: readonly ScoreColumn[]): void {
  const roots = ordered.filter((n) => !n.extra);
  if (roots.length === 0 || roots.some((n) => n.children.length > 0)) return;
  const total = columns.map((c) => c.publishedTotal?.value ?? null);
  const parts = roots.map((n) => columns.map((c) => c.points.get(n.code)?.value ?? null));
  if (neverHolds(addsUp(parts, total))) for (const n of roots) n.extra = true;
}

/** The max the total row states in the max column, else the scale its title states. */
function totalMaxOf(t: CriteriaTable): Decimal | null {
  const totalRow = t.rows.find((x) => x.kind === "total");
  if (totalRow && t.maxCol) {
    const value = readPointsCell(t.ctx.raw(totalRow.r, t.maxCol.col), t.ctx.loc(totalRow.r, t.maxCol.col), t.ctx.format(totalRow.r, t.maxCol.col)).value.value;
    if (value !== null) return value;
  }
  return t.totalMax?.value ?? null;
}

/**
 * The weights column ("Trọng số", "Hệ số", "Weight (%)"): each criterion's weight; a parent whose children
 * carry weights (and the total over weighted areas) rolls up as their weighted sum or weighted mean, as
 * the table's figures show (stated-rules.ts `weightedRuleOf`). Said once, at the column's header.
 */
function readWeights(t: CriteriaTable, scorecard: Scorecard): void {
  const { ctx, findings, weightCol, rows, columns, header } = t;
  if (!weightCol) return;
  let read = 0;
  for (const row of rows) {
    if (!row.node) continue;
    const loc = ctx.loc(row.r, weightCol.col);
    const cell = readWeightCell(ctx.raw(row.r, weightCol.col), loc, ctx.format(row.r, weightCol.col));
    if (cell.finding) {
      const typed = ctx.text(row.r, weightCol.col);
      findings.push(findingAt(ctx, row.r, weightCol.col, "unreadable-weight", "warning", `trọng số '${typed}' không đọc được: bỏ qua`, `weight '${typed}' cannot be read: ignored`));
    }
    if (cell.value.value === null) continue;
    row.node.weight = cell.value.value;
    row.node.weightLocation = loc;
    read++;
  }
  if (read === 0) return;
  const said: Array<{ vi: string; en: string }> = [];
  const ruled = (nodes: readonly Criterion[]) => nodes.filter((c) => c.kind === "ordinary" && !c.extra);
  const visit = (parent: Criterion) => {
    const children = ruled(parent.children);
    if (children.some((c) => c.weight !== undefined)) {
      parent.rollup = weightedRuleOf(children, parent.max, (column) => column.points.get(parent.code)?.value ?? null, columns);
      const words = ruleWords(parent.rollup);
      said.push({ vi: `${parent.code}: ${words.vi}`, en: `${parent.code}: ${words.en}` });
    }
    parent.children.forEach(visit);
  };
  scorecard.criteria.filter((c) => !c.extra).forEach(visit);
  const roots = ruled(scorecard.criteria);
  if (roots.some((c) => c.weight !== undefined)) {
    const max = totalMaxOf(t);
    const rollup = weightedRuleOf(roots, max, (column) => column.publishedTotal?.value ?? null, columns);
    scorecard.total = { rollup, max, location: ctx.loc(header.top, weightCol.col) };
    const words = ruleWords(rollup);
    said.push({ vi: `tổng: ${words.vi}`, en: `total: ${words.en}` });
  }
  findings.push(
    findingAt(
      ctx,
      header.top,
      weightCol.col,
      "weights-read",
      "info",
      `cột '${weightCol.label}' cho trọng số của ${read} tiêu chí; ParScore tính ${said.map((x) => x.vi).join("; ")}`,
      `column '${weightCol.label}' gives the weights of ${read} criteria; ParScore computes ${said.map((x) => x.en).join("; ")}`,
    ),
  );
}

/** The parts are percentages: the max column or a points column is headed in %, every part's max is 100, or every part is titled in %. */
function percentParts(t: CriteriaTable, parts: readonly Criterion[]): boolean {
  if (t.maxCol && t.maxCol.label.includes("%")) return true;
  if (t.valueCols.some((v) => v.what === "points" && t.header.cols.find((c) => c.col === v.col)?.label.includes("%"))) return true;
  return parts.every((p) => p.max?.eq(100)) || parts.every((p) => isRateTitle(p.title));
}

/**
 * A total that is the mean of its parts, read as such only when the table shows it: the total row is titled
 * as a mean ("Trung bình"), or the parts are percentages ("Tỷ lệ (%)", maxima of 100%) and the total (or a lone
 * summary row such as "Chỉ số SIPAS") equals their mean in every column where it is not their sum. Said at the total's row.
 */
function meanOfParts(t: CriteriaTable, scorecard: Scorecard): void {
  if (scorecard.total) return;
  const { ctx, columns, findings } = t;
  const hasTotal = columns.some((c) => c.publishedTotal?.value);
  const summaries = scorecard.criteria.filter((c) => c.extra && c.children.length === 0 && isSummaryRowTitle(c.title));
  const summary = !hasTotal && summaries.length === 1 ? summaries[0] : undefined;
  if (!hasTotal && !summary) return;
  let parts = scorecard.criteria.filter((c) => !c.extra && c.kind === "ordinary");
  if (parts.length === 0) parts = scorecard.criteria.filter((c) => c.extra && c !== summary && c.children.length === 0 && isRateTitle(c.title));
  if (parts.length < 2 || (!t.meanRow && !percentParts(t, parts))) return;
  let means = 0;
  let checked = 0;
  let sums = 0;
  for (const column of columns) {
    const given = summary ? column.points.get(summary.code) : column.publishedTotal;
    if (!given?.value) continue;
    const applicable = parts.filter((p) => !column.points.get(p.code)?.notApplicable);
    const values = applicable.map((p) => column.points.get(p.code)?.value ?? null);
    if (values.every((v) => v === null)) continue;
    const sum = values.reduce<Decimal>((acc, v) => (v === null ? acc : acc.plus(v)), new Decimal(0));
    const allowed = Decimal.max(new Decimal("0.01"), new Decimal("0.5").div(new Decimal(10).pow(given.decimals ?? given.value.decimalPlaces())));
    checked++;
    if (sum.div(applicable.length).minus(given.value).abs().lte(allowed)) means++;
    if (sum.minus(given.value).abs().lte(allowed)) sums++;
  }
  // Untitled, the figures must show it: the mean everywhere, and not merely the sum (one part alone given).
  if (!t.meanRow && (checked === 0 || means < checked || sums === checked)) return;
  const totalRow = t.meanRow ?? t.rows.find((x) => x.kind === "total") ?? t.rows.find((x) => x.node === summary);
  const location = totalRow ? ctx.loc(totalRow.r, t.contentCol?.col ?? t.header.left) : undefined;
  scorecard.total = { rollup: "mean", max: totalMaxOf(t), location };
  for (const p of parts) delete p.extra;
  if (summary) summaryAsTotal(scorecard, summary);
  const title = totalRow?.title ?? "";
  const why = t.meanRow
    ? { vi: `tiêu đề '${title}' nói đó là trung bình cộng`, en: `its title '${title}' says it is their mean` }
    : { vi: `các phần tính theo tỷ lệ (%) và '${title}' bằng trung bình cộng của chúng ở cả ${checked} cột`, en: `the parts are percentages and '${title}' equals their mean in all ${checked} columns` };
  findings.push({
    kind: "total-rule-read",
    severity: "info",
    location: location ?? { sheet: ctx.grid.sheet },
    message: {
      vi: `Tổng là trung bình cộng của ${parts.length} phần, không phải tổng của chúng: ${why.vi}; ParScore tính tổng theo quy tắc đó`,
      en: `The total is the mean of its ${parts.length} parts, not their sum: ${why.en}; ParScore computes the total by that rule`,
    },
  });
}
