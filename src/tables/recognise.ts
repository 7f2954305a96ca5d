/**
 * Grid -> Scorecard: finds the score tables in a grid and reads them, whichever
 * of the circulating layouts they use, with title rows, notes, merged and
 * two-row headers, blank rows, subtotal rows, legacy encodings and text numbers.
 */
import type { Finding, PointValue, PublishedRank } from "../engine/types";
import type { Grid } from "./grid";
import { fold } from "./text";
import { type HeaderRole, isBoilerplateTitle } from "./vocabulary";
import { effortHeaderKind } from "./effort";
import { type Layout, type RecogniseOptions, type RecognisedTable, type Recognition, Ctx, oneUnitName } from "./context";
import { type ColSpec, type Header, findHeaderRow, periodsDown, readHeader, titleColumnByContent, unitColumnByContent } from "./header";
import { type Built, type Empty, legacyFindings } from "./table-findings";
import { readUnitsInRows } from "./units-in-rows";
import { readCriteriaInRows } from "./criteria-in-rows";
import { orientTable } from "./orientation";
import { ORGANISATION_NAME, findProvince, provinceLine } from "./provinces";

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
    // "... CỦA SỞ Y TẾ", "... của UBND huyện Phú Vang": an organisation after "của".
    const of = /(?:^|\s)của\s+(.+?)\s*(?:năm\s+\d{4}.*)?$/iu.exec(title);
    // "... NĂM 2024 - SỞ TƯ PHÁP": an organisation after a final dash.
    const dashed = /\s[-–—]\s*([^-–—]+)$/u.exec(title);
    for (const m of [of, dashed]) {
      if (!unit && m && ORGANISATION_NAME.test(`${m[1].trim()} `)) unit = m[1].trim();
    }
  }
  // "Soc Trang" on a line of its own over a province's profile.
  unit ??= candidates.map(provinceLine).find((name) => name !== undefined);
  return { title, unit };
}

// ---------------------------------------------------------------------------
// Tables

function readTable(ctx: Ctx, header: Header, titleFrom: number, options: RecogniseOptions): Built | Empty | null {
  const roleCols = (role: HeaderRole) => header.cols.filter((c) => c.role === role);
  const { title, unit: titleUnit } = readTitle(ctx, titleFrom, header.top);
  // Names under a row of periods or scales: criteria of one unit, or units, as the rows say.
  orientTable(ctx, header, !!(titleUnit ?? (title ? findProvince(title) : undefined)));
  let contentCol: ColSpec | undefined = roleCols("content")[0];
  const unitCol = roleCols("unit")[0] ?? (contentCol ? undefined : unitColumnByContent(ctx, header));
  contentCol ??= unitCol ? undefined : titleColumnByContent(ctx, header);
  const sttCol = roleCols("stt")[0];
  const periods = header.cols.filter((c) => c.period);

  // Years in rows of one unit ("Year | SIPAS (%) | National rank"): a ranking whose rows are the unit's
  // periods, whatever the years' column is headed.
  const yearsCol = unitCol || periods.length ? undefined : (contentCol ?? header.cols.find((c) => c.role === null));
  if (yearsCol && periodsDown(ctx, header, yearsCol.col)) {
    yearsCol.role = "unit";
    return readUnitsInRows(ctx, header, titleFrom, title, options, oneUnitName(ctx, title, titleUnit, options));
  }
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

export type { PointValue, PublishedRank };

