/**
 * Grid -> Scorecard: finds the score tables in a grid and reads them, whichever
 * of the circulating layouts they use, with title rows, notes, merged and
 * two-row headers, blank rows, subtotal rows, legacy encodings and text numbers.
 */
import type { Criterion, Finding, PointValue, PublishedRank, ScoreColumn, Scorecard, Basis } from "../engine/types";
import { type Grid, isBlank, rangeA1 } from "./grid";
import { fold, slug } from "./text";
import { addsUp, neverHolds } from "./evidence";
import { type HeaderRole, headerRole, criterionKindOfTitle, isBoilerplateTitle, isFooterText, isSummaryRowTitle, isTotalRowTitle } from "./vocabulary";
import { type ParsedCode, type TreeRow, buildTreeFromCodes, buildTreeFromLayout, parseCode, romanValue, splitCodeTitle } from "./codes";
import { readPointsCell, readRankCell } from "./values";
import { findProvince } from "./provinces";
import { blockOfSectionRow } from "./blocks";
import { effortHeaderKind, effortProblem, readEffort } from "./effort";
import { type Layout, type RecogniseOptions, type RecognisedTable, type Recognition, Ctx, SeparatorTally, absRect, findingAt, firstText, holdsNumber, newColumn } from "./context";
import { type Header, findHeaderRow, isHeaderRow, readHeader, unitColumnByContent } from "./header";
import { type Built, type Empty, emptyTable, hiddenFindings, legacyFindings, mergeFindings, useTemplate } from "./table-findings";
import { readUnitsInRows } from "./units-in-rows";

export type { Layout, RecogniseOptions, RecognisedTable, Recognition } from "./context";

// ---------------------------------------------------------------------------
// Public entry

export function recogniseGrid(grid: Grid, options: RecogniseOptions = {}): Recognition {
  const ctx = new Ctx(grid);
  const tables: RecognisedTable[] = [];
  const findings: Finding[] = [];
  let start = 0;
  let claimedUntil = -1;
  const empty: Finding[] = [];
  while (start < ctx.height) {
    const headerRow = findHeaderRow(ctx, start);
    if (headerRow < 0) break;
    const header = readHeader(ctx, headerRow);
    const result = readTable(ctx, header, start, options);
    if (result && "empty" in result) {
      // A header with nothing under it: said where, and not counted as a table.
      empty.push(result.empty);
      start = result.end + 1;
    } else if (result) {
      tables.push(result.table);
      claimedUntil = result.end;
      start = result.end + 1;
    } else start = header.bottom + 1;
  }
  findings.push(...empty);
  // Conversions outside every table's rows.
  const outside = ctx.conversions.filter((c) => c.row > claimedUntil);
  if (tables.length === 0) findings.push(...legacyFindings(ctx, ctx.conversions));
  else if (outside.length) findings.push(...legacyFindings(ctx, outside));
  if (tables.length === 0 && empty.length === 0) {
    findings.push({
      kind: "no-table-found",
      severity: "warning",
      location: { sheet: grid.sheet },
      message: {
        vi: `Trang '${grid.sheet}': không tìm thấy bảng điểm (cần một dòng tiêu đề cột như STT | Nội dung | Điểm tối đa ...)`,
        en: `Sheet '${grid.sheet}': no score table found (a header row like STT | Nội dung | Điểm tối đa ... is needed)`,
      },
    });
  }
  for (const t of tables) findings.push(...t.scorecard.findings);
  return { tables, findings };
}


// ---------------------------------------------------------------------------
// Title rows above the header

function readTitle(ctx: Ctx, from: number, to: number): { title?: string; unit?: string } {
  const texts: string[] = [];
  for (let r = from; r < to; r++) {
    for (let c = 0; c < ctx.width; c++) {
      const t = ctx.text(r, c);
      if (t && typeof ctx.raw(r, c) === "string") texts.push(t);
    }
  }
  let unit: string | undefined;
  for (const t of texts) {
    const m = /^(?:tên đơn vị|đơn vị|cơ quan|tên cơ quan|địa phương|unit|agency|province)\s*:\s*(.+)$/iu.exec(t);
    // "PCI of provinces: Lam Dong (Region ...; PCI 2022 ranking 17)": a profile's province after the colon.
    const profile = /(?:^|\s)(?:provinces?|tỉnh)\s*:\s*([^(;]+?)\s*(?:[(;]|$)/iu.exec(t);
    if (m || profile) {
      unit = (m ? m[1] : (profile as RegExpExecArray)[1]).trim();
      break;
    }
  }
  const candidates = texts.filter((t) => !isBoilerplateTitle(t) && !/^(?:tên đơn vị|đơn vị|cơ quan|unit)\s*:/iu.test(t));
  const keyword = candidates.find((t) => /\b(bang|ket qua|chi so|diem|tong hop|danh gia|xep hang|par|score|index)\b/.test(fold(t)));
  const title = keyword ?? candidates[0];
  if (!unit && title) {
    const org = /^(sở|ủy ban|uỷ ban|ubnd|huyện|thị xã|thành phố|tp\.?|tỉnh|xã|phường|thị trấn|bộ|ban|cục|chi cục|trung tâm|văn phòng|đơn vị|cơ quan|phòng|đài|viện|trường|bệnh viện)\s/iu;
    // "... CỦA SỞ Y TẾ", "... của UBND huyện Phú Vang": an organisation after "của".
    const of = /(?:^|\s)của\s+(.+?)\s*(?:năm\s+\d{4}.*)?$/iu.exec(title);
    // "... NĂM 2024 - SỞ TƯ PHÁP": an organisation after a final dash.
    const dashed = /\s[-–—]\s*([^-–—]+)$/u.exec(title);
    for (const m of [of, dashed]) {
      if (!unit && m && org.test(`${m[1].trim()} `)) unit = m[1].trim();
    }
  }
  return { title, unit };
}

// ---------------------------------------------------------------------------
// Tables


interface DataRow {
  r: number;
  code: ParsedCode | null;
  title: string;
  /** "rank": a row of published ranks of the total ("Ranking", "Xếp hạng") under a one-unit profile. */
  kind: "criterion" | "total" | "rank" | "extra" | "uncoded";
  node?: Criterion;
}


function readTable(ctx: Ctx, header: Header, titleFrom: number, options: RecogniseOptions): Built | Empty | null {
  const roleCols = (role: HeaderRole) => header.cols.filter((c) => c.role === role);
  const contentCol = roleCols("content")[0];
  const unitCol = roleCols("unit")[0] ?? (contentCol ? undefined : unitColumnByContent(ctx, header));
  const sttCol = roleCols("stt")[0];
  const periods = header.cols.filter((c) => c.period);
  const { title, unit: titleUnit } = readTitle(ctx, titleFrom, header.top);

  let layout: Layout;
  if (unitCol && !contentCol) layout = "units-in-rows";
  else if (!contentCol && !sttCol) return null;
  else if (periods.length) layout = "unit-across-years";
  else {
    const unitCols = header.cols.filter(
      (c) =>
        c !== contentCol &&
        c !== sttCol &&
        ((c.role === null && c.label !== "" && !effortHeaderKind(c.label)) || (c.group !== null && (c.role === "score" || c.role === "self" || c.role === "rank"))),
    );
    layout = unitCols.length ? "units-in-columns" : "self-assessment";
  }
  if (layout === "units-in-rows") return readUnitsInRows(ctx, header, titleFrom, title, options);
  return readCriteriaInRows(ctx, header, titleFrom, layout, title, titleUnit, options);
}



interface ValueCol {
  col: number;
  column: ScoreColumn;
  what: "points" | "rank";
}


/** Layouts with criteria in rows: self-assessment, one unit across years, units in columns. */
function readCriteriaInRows(
  ctx: Ctx,
  header: Header,
  titleFrom: number,
  layout: Layout,
  title: string | undefined,
  titleUnit: string | undefined,
  options: RecogniseOptions,
): Built | Empty {
  const findings: Finding[] = [];
  const cols = header.cols;
  const contentCol = cols.find((c) => c.role === "content");
  const sttCol = cols.find((c) => c.role === "stt");
  const maxCol = cols.find((c) => c.role === "max");
  // "Mức độ khó" / "Khả năng khắc phục": how hard each criterion's lost points are to win back (targets).
  const effortCol = cols.find((c) => c.role === null && !c.group && effortHeaderKind(c.label) !== null);
  const singleUnit = options.unit ?? titleUnit ?? (title ? findProvince(title) : undefined) ?? findProvince(ctx.grid.sheet) ?? ctx.grid.sheet;
  const period0 = options.period ?? "";

  // Score columns and where their values are.
  const columns: ScoreColumn[] = [];
  const valueCols: ValueCol[] = [];
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
    if (c === contentCol || c === sttCol || c === maxCol || c === effortCol) continue;
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
  for (const rc of rankCols) {
    valueCols.push({ col: rc.col, column: getColumn(rc.unit, rc.period, "score"), what: "rank" });
  }

  // Data rows.
  const rows: DataRow[] = [];
  let end = header.dataStart - 1;
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
    if (!code && !rowTitle) {
      if (hasValues) {
        findings.push(findingAt(ctx, r, header.left, "row-without-title", "warning", "dòng có điểm nhưng không có mã hay tên tiêu chí, bỏ qua", "a row has points but no code or criterion title; it is left out"));
        blanks = 0;
        end = r;
      }
      continue;
    }
    blanks = 0;
    end = r;
    const kind: DataRow["kind"] = code ? "criterion" : isTotalRowTitle(rowTitle) ? "total" : headerRole(rowTitle) === "rank" ? "rank" : "uncoded";
    rows.push({ r, code, title: rowTitle, kind });
  }

  if (rows.length === 0) return emptyTable(ctx, header, "criteria");

  // The tree: from codes when the table has them; else from indentation or bold.
  // "A. ĐIỂM THẨM ĐỊNH", "B. ĐIỀU TRA XÃ HỘI HỌC": upper-case parts above the areas are
  // summary rows (their points are the areas' sum), not nodes of the tree.
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
  const coded = rows.filter((x) => x.kind === "criterion");
  const bonusRows = new Set(rows.filter((x) => x.kind === "uncoded" && coded.length && criterionKindOfTitle(x.title)));
  const textCol = contentCol?.col ?? sttCol?.col ?? header.left;
  const uncodedWithPoints: DataRow[] = [];
  let roots: Criterion[];
  if (coded.length) {
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
    roots = tree.roots;
  } else {
    const plain = rows.filter((x) => x.kind === "uncoded" && !isSummaryRowTitle(x.title));
    for (const row of rows) if (row.kind === "uncoded" && !plain.includes(row)) row.kind = "extra";
    const tree = buildTreeFromLayout(plain.map((x) => treeRow(ctx, x, textCol)));
    tree.nodes.forEach((n, i) => {
      plain[i].node = n;
      plain[i].kind = "criterion";
    });
    roots = tree.roots;
  }
  // Extras take their place among the roots in table order.
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

  for (const row of rows) {
    const kind = row.node ? criterionKindOfTitle(row.node.title) : null;
    if (row.node && kind) row.node.kind = kind;
  }

  // Max column.
  const tally = new SeparatorTally();
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

  const scorecard: Scorecard = { title, criteria: ordered, columns, findings };
  const templateId = useTemplate(scorecard, !!maxCol, options, findings, ctx);
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

  // Values.
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
      if (row.kind === "total") vc.column.publishedTotal = read.value;
      else if (row.node) vc.column.points.set(row.node.code, read.value);
    }
  }
  setAsideIndependentParts(ordered, columns);
  findings.push(...tally.findings());
  findings.push(...mergeFindings(ctx, rows.map((x) => x.r), maxCol ? [...valueCols.map((v) => v.col), maxCol.col] : valueCols.map((v) => v.col)));
  findings.push(...legacyFindings(ctx, ctx.conversions.filter((c) => c.row >= titleFrom && c.row <= end)));
  findings.push(...hiddenFindings(ctx, header, end));

  const range = rangeA1(absRect(ctx, { top: header.top, left: header.left, bottom: Math.max(end, header.bottom), right: header.right }));
  return { table: { sheet: ctx.grid.sheet, range, layout, scorecard, template: templateId }, end };
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





export type { PointValue, PublishedRank };

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
