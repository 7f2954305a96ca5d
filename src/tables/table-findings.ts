/**
 * Findings and steps every table reader shares: legacy encodings, merged and hidden cells, a header
 * with nothing under it, and the template that supplies what a table leaves out.
 */
import type { Finding, Scorecard } from "../engine/types";
import { rangeA1 } from "./grid";
import type { LegacyEncoding } from "./legacy";
import { type Template, getTemplate, listTemplates } from "./templates";
import { applyTemplate, scoreTemplate } from "./apply-template";
import { type Conversion, type Ctx, type RecogniseOptions, type RecognisedTable, absRect, findingAt } from "./context";
import type { Header } from "./header";

export function legacyFindings(ctx: Ctx, conversions: Conversion[]): Finding[] {
  const out: Finding[] = [];
  for (const encoding of ["tcvn3", "vni"] as LegacyEncoding[]) {
    const list = conversions.filter((c) => c.encoding === encoding);
    if (!list.length) continue;
    const first = list[0];
    const loc = ctx.loc(first.row, first.col);
    const name = encoding === "tcvn3" ? "TCVN3 (ABC)" : "VNI";
    out.push({
      kind: "legacy-encoding",
      severity: "info",
      location: loc,
      message: {
        vi: `Trang '${ctx.grid.sheet}': ${list.length} ô gõ bằng bảng mã ${name} đã được chuyển sang Unicode (ví dụ ${loc.cell}: '${first.from}' -> '${first.to}')`,
        en: `Sheet '${ctx.grid.sheet}': ${list.length} cell(s) typed in the ${name} encoding were converted to Unicode (e.g. ${loc.cell}: '${first.from}' -> '${first.to}')`,
      },
    });
  }
  return out;
}

export interface Built {
  table: RecognisedTable;
  end: number;
}

/** A header row with no data rows under it. */
export interface Empty {
  empty: Finding;
  end: number;
}

export function emptyTable(ctx: Ctx, header: Header, what: "criteria" | "units"): Empty {
  const range = rangeA1(absRect(ctx, { top: header.top, left: header.left, bottom: header.bottom, right: header.right }));
  return {
    end: header.bottom,
    empty: findingAt(
      ctx,
      header.top,
      header.left,
      "empty-table",
      "warning",
      what === "criteria"
        ? `có dòng tiêu đề cột (${range}) nhưng bên dưới không có dòng tiêu chí nào; hãy nhập các dòng tiêu chí (mã, tên, điểm) ngay dưới dòng tiêu đề`
        : `có dòng tiêu đề cột (${range}) nhưng bên dưới không có dòng đơn vị nào; hãy nhập mỗi đơn vị một dòng (tên, điểm) ngay dưới dòng tiêu đề`,
      what === "criteria"
        ? `a header row (${range}) has no criterion rows under it; type the criterion rows (code, title, points) right under the header`
        : `a header row (${range}) has no unit rows under it; type one row per unit (name, points) right under the header`,
    ),
  };
}

/**
 * Merged areas that hide points: a merge over several data rows or over points columns keeps its
 * value in its top-left cell only, so the cells it covers read as blank. One finding per merge.
 */
export function mergeFindings(ctx: Ctx, dataRows: readonly number[], pointCols: readonly number[]): Finding[] {
  const out: Finding[] = [];
  if (ctx.grid.merges.length === 0 || dataRows.length === 0 || pointCols.length === 0) return out;
  const rows = new Set(dataRows);
  const cols = [...new Set(pointCols)].sort((a, b) => a - b);
  for (const m of ctx.grid.merges) {
    const hidden: string[] = [];
    for (let r = m.top; r <= m.bottom; r++) {
      if (!rows.has(r)) continue;
      for (const c of cols) {
        if (c < m.left || c > m.right || (r === m.top && c === m.left)) continue;
        hidden.push(ctx.loc(r, c).cell as string);
      }
    }
    if (hidden.length === 0) continue;
    const range = rangeA1(absRect(ctx, m));
    const master = ctx.loc(m.top, m.left).cell as string;
    const list = hidden.length > 6 ? `${hidden.slice(0, 6).join(", ")}, ...` : hidden.join(", ");
    out.push(
      findingAt(
        ctx,
        m.top,
        m.left,
        "merged-cells",
        "warning",
        `ô gộp ${range} che ${hidden.length} ô điểm (${list}); giá trị chỉ nằm ở ô ${master}, các ô bị che được đọc là trống; hãy bỏ gộp ô (Merge & Center) và ghi điểm vào từng ô`,
        `the merged area ${range} covers ${hidden.length} points cell(s) (${list}); its value is in ${master} only and the covered cells read as blank; unmerge it (Merge & Center) and type the points in each cell`,
      ),
    );
  }
  return out;
}

export function hiddenFindings(ctx: Ctx, header: Header, end: number): Finding[] {
  const rows = (ctx.grid.hiddenRows ?? []).filter((r) => r >= header.top && r <= end);
  const cols = (ctx.grid.hiddenCols ?? []).filter((c) => c >= header.left && c <= header.right);
  if (!rows.length && !cols.length) return [];
  const cells = [...rows.map((r) => `${r + 1 + ctx.grid.origin.row}`), ...cols.map((c) => ctx.loc(0, c).cell?.replace(/\d+$/, "") ?? "")];
  return [
    {
      kind: "hidden-cells",
      severity: "info",
      location: { sheet: ctx.grid.sheet },
      message: {
        vi: `Trang '${ctx.grid.sheet}': bảng có dòng/cột ẩn (${cells.join(", ")}); chúng vẫn được đọc`,
        en: `Sheet '${ctx.grid.sheet}': the table has hidden rows/columns (${cells.join(", ")}); they are read all the same`,
      },
    },
  ];
}

/** Applies the chosen (or auto-picked) template; returns its id. */
export function useTemplate(scorecard: Scorecard, hasMaxColumn: boolean, options: RecogniseOptions, findings: Finding[], ctx: Ctx): string | undefined {
  let template: Template | undefined;
  if (typeof options.template === "string") {
    template = getTemplate(options.template);
    if (!template) {
      findings.push({
        kind: "unknown-template",
        severity: "error",
        location: { sheet: ctx.grid.sheet },
        message: {
          vi: `Không có mẫu '${options.template}' (có: ${listTemplates().map((t) => t.id).join(", ")})`,
          en: `No template '${options.template}' (known: ${listTemplates().map((t) => t.id).join(", ")})`,
        },
      });
      return undefined;
    }
  } else if (options.template) template = options.template;
  else if (!hasMaxColumn && options.autoTemplate !== false) {
    let best: { t: Template; score: number } | undefined;
    for (const t of listTemplates()) {
      if (!t.autoPick) continue;
      const score = scoreTemplate(scorecard, t);
      if (score >= 0.75 && (!best || score > best.score)) best = { t, score };
    }
    if (best) {
      template = best.t;
      findings.push({
        kind: "template-auto-picked",
        severity: "info",
        location: { sheet: ctx.grid.sheet },
        message: {
          vi: `Trang '${ctx.grid.sheet}': bảng không có cột điểm tối đa; đã dùng mẫu '${best.t.id}' (${best.t.title.vi}) vì mã và tên tiêu chí khớp`,
          en: `Sheet '${ctx.grid.sheet}': the table has no max column; used template '${best.t.id}' (${best.t.title.en}) because its codes and titles match`,
        },
      });
    }
  }
  if (!template) return undefined;
  findings.push(...applyTemplate(scorecard, template));
  return template.id;
}
