/** Tables with units in rows (ranking tables): one row per unit, columns of criteria, total, rate, rank. */
import type { Criterion, Finding, ScoreColumn, Scorecard } from "../engine/types";
import { comparePeriods } from "../engine/ranks";
import { isBlank } from "./grid";
import { type ParsedCode, buildTreeFromCodes, parseCode, splitCodeTitle } from "./codes";
import { fold, slug } from "./text";
import { type HeaderRole, indicatorOf, isFooterText, isSummaryRowTitle, isTotalRowTitle } from "./vocabulary";
import { readPointsCell, readRankCell } from "./values";
import { blockOfSectionRow, isBlockHeader, isClassLikeValue } from "./blocks";
import { type Ctx, type RecogniseOptions, SeparatorTally, findingAt, firstText, holdsNumber, newColumn, absRect } from "./context";
import { type Header, PERIOD_ROLES, criterionHeader, isHeaderRow } from "./header";
import { type Built, type Empty, emptyTable, hiddenFindings, legacyFindings, mergeFindings, useTemplate } from "./table-findings";
import { rangeA1 } from "./grid";

export function readUnitsInRows(ctx: Ctx, header: Header, titleFrom: number, title: string | undefined, options: RecogniseOptions): Built | Empty {
  const findings: Finding[] = [];
  const cols = header.cols;
  const unitCol = cols.find((c) => c.role === "unit");
  if (!unitCol) throw new Error("units-in-rows without a unit column");
  // Totals, ranks and indices of several years side by side ("Tổng điểm 2023 | Tổng điểm 2024"): one
  // column of points per unit and year. Area columns without a year belong to the latest year.
  const yearCols = cols.filter((c) => !c.group && c.period && c.role && PERIOD_ROLES.has(c.role));
  const years = [...new Set(yearCols.map((c) => c.period as string))].sort(comparePeriods);
  const period = years.length > 0 ? years[years.length - 1] : (options.period ?? "");
  const plain = (role: HeaderRole) => cols.find((c) => c.role === role && !c.group && !c.period);
  const ofYear = (year: string, ...roles: HeaderRole[]) => yearCols.find((c) => c.period === year && roles.includes(c.role as HeaderRole));
  const totalCol = plain("total") ?? (years.length ? (ofYear(period, "total", "score") ?? ofYear(period, "index")) : undefined);
  const rankCol = plain("rank") ?? (years.length ? ofYear(period, "rank") : undefined);
  const indexCol = plain("index") ?? (years.length ? ofYear(period, "index") : undefined);
  const earlierYears = years.slice(0, -1).map((year) => ({
    year,
    total: ofYear(year, "total", "score"),
    rank: ofYear(year, "rank"),
    index: ofYear(year, "index"),
  }));

  // Criterion columns: from labels ("1", "LV1", "Lĩnh vực 1", "1. Công tác ...", a title) or groups over Điểm/Xếp hạng.
  interface CritCol {
    key: string;
    code: ParsedCode | null;
    title: string;
    max: string | null;
    pointsCol?: number;
    rankCol?: number;
    headerCol: number;
    extra: boolean;
  }
  const crits: CritCol[] = [];
  const byKey = new Map<string, CritCol>();
  // Indicator columns that rating caps read ("Tỷ lệ hồ sơ trễ hạn (%)"): kept per unit, never criteria.
  const indicatorCols: { col: number; key: string }[] = [];
  // A "Khối" / "Nhóm" column: each unit's block (never a criterion).
  let blockCol: number | undefined;
  for (const c of cols) {
    if (c === unitCol || c === totalCol || c === rankCol || c === indexCol || yearCols.includes(c)) continue;
    if (c.role === "stt" || c.role === "note" || c.role === "evidence" || c.role === "content") continue;
    if (c.role === null && !c.group && isBlockHeader(c.label)) {
      blockCol ??= c.col;
      continue;
    }
    const indicator = indicatorOf(c.label);
    if (indicator) {
      indicatorCols.push({ col: c.col, key: indicator });
      continue;
    }
    let label: string;
    let what: "points" | "rank";
    if (c.group) {
      label = c.group;
      if (c.role === "rank") what = "rank";
      else if (c.role === "score" || c.role === null) what = "points";
      else continue;
    } else {
      label = c.label;
      if (!label) continue;
      if (c.role !== null && !((c.role === "score" || c.role === "total") && isSummaryRowTitle(label))) continue;
      what = "points";
    }
    let crit = byKey.get(label);
    if (!crit) {
      let text = label;
      let max: string | null = null;
      const mm = /\(\s*(?:tối đa|max)?\s*:?\s*(\d+(?:[.,]\d+)?)\s*(?:điểm|đ|points?)?\s*\)\s*$/iu.exec(text);
      if (mm) {
        max = mm[1];
        text = text.slice(0, mm.index).trim();
      }
      const ch = criterionHeader(text);
      const split = ch ? null : splitCodeTitle(text);
      const bare = ch || split ? null : parseCode(text);
      const code = ch?.code ?? split?.code ?? bare ?? null;
      const critTitle = ch ? "" : split ? split.title : bare ? "" : text;
      crit = { key: label, code, title: critTitle, max, headerCol: c.col, extra: !code && isSummaryRowTitle(critTitle) };
      byKey.set(label, crit);
      crits.push(crit);
    }
    if (what === "rank") crit.rankCol = c.col;
    else if (crit.pointsCol === undefined) crit.pointsCol = c.col;
  }

  // A table of the index's components only (Điểm thẩm định | Chỉ số SIPAS | Khảo sát ... | Tác động ...
  // | Tổng điểm): the components are what the total adds up, not summary rows beside areas.
  const components = crits.filter((c) => c.extra);
  const componentsOnly = components.length >= 2 && crits.every((c) => c.extra || (!c.code && isSummaryRowTitle(c.title)));
  if (componentsOnly) for (const c of crits) c.extra = false;

  // Criteria: from codes when every non-extra column has one; else numbered by position.
  const main = crits.filter((c) => !c.extra);
  const allCoded = main.length > 0 && main.every((c) => c.code);
  const nodeOf = new Map<CritCol, Criterion>();
  const roots: Criterion[] = [];
  const headerLoc = (c: CritCol) => ctx.loc(header.top, c.headerCol);
  if (allCoded) {
    const tree = buildTreeFromCodes(main.map((c) => ({ code: c.code, title: c.title, location: headerLoc(c) })));
    tree.nodes.forEach((n, i) => nodeOf.set(main[i], n));
    roots.push(...tree.roots);
    findings.push(...tree.findings);
  } else {
    main.forEach((c, i) => {
      const code = componentsOnly ? slug(c.title) : String(i + 1);
      const node: Criterion = { code, title: c.title || c.key, max: null, kind: "ordinary", level: 1, children: [], location: headerLoc(c) };
      nodeOf.set(c, node);
      roots.push(node);
    });
  }
  const ordered: Criterion[] = [];
  for (const c of crits) {
    if (c.extra) {
      const node: Criterion = { code: slug(c.title), title: c.title, max: null, kind: "ordinary", level: 1, children: [], extra: true, location: headerLoc(c) };
      nodeOf.set(c, node);
      ordered.push(node);
    } else {
      const node = nodeOf.get(c);
      if (node && roots.includes(node)) ordered.push(node);
    }
  }
  const tally = new SeparatorTally();
  for (const c of crits) {
    if (c.max === null) continue;
    const node = nodeOf.get(c);
    const read = readPointsCell(c.max, headerLoc(c));
    if (node && read.value.value) {
      node.max = read.value.value;
      node.maxLocation = headerLoc(c);
    }
  }

  // Unit rows.
  interface UnitRow {
    r: number;
    unit: string;
    /** The block of the section row above it ("I. KHỐI SỞ, BAN, NGÀNH"), if any. */
    block?: string;
  }
  const unitRows: UnitRow[] = [];
  let sectionBlock: string | undefined;
  const sttOf = cols.find((c) => c.role === "stt");
  let maxRow = -1;
  let end = header.dataStart - 1;
  let blanks = 0;
  for (let r = header.dataStart; r < ctx.height; r++) {
    if (ctx.rowBlank(r, header.left, header.right)) {
      blanks++;
      if (blanks >= 3) break;
      continue;
    }
    // A second table's header carries labels; a unit named "Đơn vị 1950" with STT "1950" carries points.
    const pointCols = crits.flatMap((c) => (c.pointsCol !== undefined ? [c.pointsCol] : []));
    if (isHeaderRow(ctx, r) && !pointCols.some((c) => holdsNumber(ctx.raw(r, c)))) break;
    const name = ctx.text(r, unitCol.col);
    const hasValues = crits.some((c) => c.pointsCol !== undefined && !isBlank(ctx.raw(r, c.pointsCol))) || (totalCol ? !isBlank(ctx.raw(r, totalCol.col)) : false);
    const first = firstText(ctx, r, header.left, header.right);
    if (!hasValues && isFooterText(name || first)) break;
    blanks = 0;
    end = r;
    const f = fold(name);
    if (/^(diem toi da|diem chuan|thang diem|max|maximum|toi da)$/.test(f)) {
      maxRow = r;
      continue;
    }
    if (!hasValues) {
      // A section row opening a block: "I. KHỐI SỞ, BAN, NGÀNH" (often merged across the row), "Khối huyện".
      const stt = sttOf ? ctx.text(r, sttOf.col) : "";
      const block = blockOfSectionRow(stt === name ? "" : stt, name || first);
      if (block) {
        sectionBlock = block;
        continue;
      }
    }
    if (!name) {
      if (hasValues) findings.push(findingAt(ctx, r, unitCol.col, "row-without-unit", "warning", "dòng có điểm nhưng không có tên đơn vị, bỏ qua", "a row has points but no unit name; it is left out"));
      continue;
    }
    if (isTotalRowTitle(name) || /^(trung binh|binh quan|ca nuoc|average|mean|tong hop)\b/.test(f)) {
      findings.push(findingAt(ctx, r, unitCol.col, "summary-row-skipped", "info", `dòng '${name}' là dòng tổng hợp, không phải một đơn vị`, `row '${name}' is a summary row, not a unit`));
      continue;
    }
    unitRows.push({ r, unit: name, block: sectionBlock });
  }

  if (unitRows.length === 0) return emptyTable(ctx, header, "units");
  // A "Nhóm" column of A/B/C or Tốt/Khá is the published class, not blocks of units.
  if (blockCol !== undefined) {
    const values = unitRows.map((u) => ctx.text(u.r, blockCol as number)).filter((v) => v !== "");
    if (values.length === 0 || values.every(isClassLikeValue)) blockCol = undefined;
  }

  if (maxRow >= 0) {
    for (const c of crits) {
      const node = nodeOf.get(c);
      if (!node || c.pointsCol === undefined) continue;
      const loc = ctx.loc(maxRow, c.pointsCol);
      const read = readPointsCell(ctx.raw(maxRow, c.pointsCol), loc, ctx.format(maxRow, c.pointsCol));
      if (read.finding) findings.push(read.finding);
      tally.add(read.notes, loc, ctx.raw(maxRow, c.pointsCol));
      if (read.value.value) {
        node.max = read.value.value;
        node.maxLocation = loc;
      }
    }
  }

  const columns: ScoreColumn[] = [];
  const scorecard: Scorecard = { title, criteria: ordered, columns, findings };
  const hasMax = maxRow >= 0 || crits.some((c) => c.max !== null);
  const templateId = useTemplate(scorecard, hasMax, options, findings, ctx);

  const seen = new Set<string>();
  for (const u of unitRows) {
    let unit = u.unit;
    if (seen.has(unit)) {
      findings.push(findingAt(ctx, u.r, unitCol.col, "duplicate-unit", "warning", `đơn vị '${unit}' xuất hiện nhiều lần`, `unit '${unit}' appears more than once`));
      unit = `${unit} (${ctx.loc(u.r, unitCol.col).cell})`;
    }
    seen.add(unit);
    const column = newColumn(unit, period, "score");
    const block = (blockCol !== undefined ? ctx.text(u.r, blockCol) : "") || u.block;
    if (block) column.block = block;
    for (const c of crits) {
      const node = nodeOf.get(c);
      if (!node) continue;
      if (c.pointsCol !== undefined) {
        const loc = ctx.loc(u.r, c.pointsCol);
        const read = readPointsCell(ctx.raw(u.r, c.pointsCol), loc, ctx.format(u.r, c.pointsCol));
        if (read.finding) findings.push(read.finding);
        tally.add(read.notes, loc, ctx.raw(u.r, c.pointsCol));
        column.points.set(node.code, read.value);
      }
      if (c.rankCol !== undefined) {
        const read = readRankCell(ctx.raw(u.r, c.rankCol), ctx.loc(u.r, c.rankCol));
        if (read.finding) findings.push(read.finding);
        if (read.rank) column.publishedRanks.set(node.code, read.rank);
      }
    }
    if (totalCol) {
      const loc = ctx.loc(u.r, totalCol.col);
      const read = readPointsCell(ctx.raw(u.r, totalCol.col), loc, ctx.format(u.r, totalCol.col));
      if (read.finding) findings.push(read.finding);
      tally.add(read.notes, loc, ctx.raw(u.r, totalCol.col));
      column.publishedTotal = read.value;
    }
    if (rankCol) {
      const read = readRankCell(ctx.raw(u.r, rankCol.col), ctx.loc(u.r, rankCol.col));
      if (read.finding) findings.push(read.finding);
      if (read.rank) column.publishedRanks.set("", read.rank);
    }
    if (indexCol) {
      const loc = ctx.loc(u.r, indexCol.col);
      const read = readPointsCell(ctx.raw(u.r, indexCol.col), loc, ctx.format(u.r, indexCol.col));
      if (read.finding) findings.push(read.finding);
      if (read.value.value) column.indicators = { ...column.indicators, indexPercent: read.value.value };
    }
    for (const ic of indicatorCols) {
      const read = readPointsCell(ctx.raw(u.r, ic.col), ctx.loc(u.r, ic.col), ctx.format(u.r, ic.col));
      if (read.finding) findings.push(read.finding);
      if (read.value.value) column.indicators = { ...column.indicators, [ic.key]: read.value.value };
    }
    columns.push(column);
    for (const earlier of earlierYears) {
      const past = newColumn(unit, earlier.year, "score");
      if (block) past.block = block;
      // A year with only an index (%) and no total: on a 100-point set they read the same.
      const totalOf = earlier.total ?? earlier.index;
      if (totalOf) {
        const loc = ctx.loc(u.r, totalOf.col);
        const read = readPointsCell(ctx.raw(u.r, totalOf.col), loc, ctx.format(u.r, totalOf.col));
        if (read.finding) findings.push(read.finding);
        tally.add(read.notes, loc, ctx.raw(u.r, totalOf.col));
        past.publishedTotal = read.value;
      }
      if (earlier.rank) {
        const read = readRankCell(ctx.raw(u.r, earlier.rank.col), ctx.loc(u.r, earlier.rank.col));
        if (read.finding) findings.push(read.finding);
        if (read.rank) past.publishedRanks.set("", read.rank);
      }
      columns.push(past);
    }
  }
  findings.push(...tally.findings());
  // Units in blocks are ranked within their block: a unit without one is ranked with the others without one.
  const current = columns.filter((c) => c.period === period);
  const outside = current.filter((c) => c.block === undefined);
  if (outside.length > 0 && outside.length < current.length) {
    const names = outside.map((c) => `'${c.unit}'`);
    const shown = names.length > 5 ? `${names.slice(0, 5).join(", ")}, ...` : names.join(", ");
    const at = unitRows.find((u) => u.unit === outside[0].unit || outside[0].unit.startsWith(`${u.unit} (`));
    findings.push(
      findingAt(
        ctx,
        at?.r ?? header.dataStart,
        blockCol ?? unitCol.col,
        "unit-without-block",
        "warning",
        `${outside.length} đơn vị không thuộc khối nào (${shown}): chúng được xếp hạng riêng với nhau; hãy ghi khối của chúng (dòng "Khối ..." phía trên hoặc cột Khối)`,
        `${outside.length} unit(s) belong to no block (${shown}): they are ranked among themselves; give their block (a "Khối ..." row above them, or the Khối column)`,
      ),
    );
  }
  const unitPointCols = [
    ...crits.flatMap((c) => [c.pointsCol, c.rankCol]),
    totalCol?.col,
    rankCol?.col,
    indexCol?.col,
    ...earlierYears.flatMap((e) => [e.total?.col, e.rank?.col, e.index?.col]),
  ].filter((c): c is number => c !== undefined);
  findings.push(...mergeFindings(ctx, maxRow >= 0 ? [maxRow, ...unitRows.map((u) => u.r)] : unitRows.map((u) => u.r), unitPointCols));
  findings.push(...legacyFindings(ctx, ctx.conversions.filter((c) => c.row >= titleFrom && c.row <= end)));
  findings.push(...hiddenFindings(ctx, header, end));
  const range = rangeA1(absRect(ctx, { top: header.top, left: header.left, bottom: Math.max(end, header.bottom), right: header.right }));
  return { table: { sheet: ctx.grid.sheet, range, layout: "units-in-rows", scorecard, template: templateId }, end };
}
