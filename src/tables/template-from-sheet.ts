/**
 * A user's own criteria set from a sheet laid out as a criteria table (codes, titles, maxima, optional
 * weights, roll-up rules, effort and responsible body): the criteria-in-rows reader builds the tree,
 * maxima and effort as it does for any score table; this module only adds the weight, rule and
 * responsible-body columns (the body header words are the responsibility reader's) and writes the template JSON that `--template` reads.
 */
import type { Criterion, Finding, Text2 } from "../engine/types";
import { parsePoints } from "../engine/points";
import { type Grid, gridCellA1, parseA1, parseRangeA1 } from "./grid";
import { recogniseGrid } from "./recognise";
import { isBodyHeader } from "./responsibility";
import { fold } from "./text";
import { ruleOf } from "./stated-rules";
import { headerRole } from "./vocabulary";

export type RollupRule = "sum" | "weighted-sum" | "mean" | "weighted-mean" | "scaled-sum";

/** A template node as written to JSON: strings for points, so nothing is lost to binary floats. */
export interface TemplateNodeJson {
  code: string;
  title: string;
  max: string | null;
  kind?: "bonus" | "penalty";
  weight?: string;
  rollup?: RollupRule;
  effort?: string;
  responsible?: string;
  children?: TemplateNodeJson[];
}

export interface TemplateJson {
  id: string;
  title: Text2;
  source: string;
  sources: Array<{ url: string; says: string }>;
  period: { from: string | null; to: string | null };
  autoPick: false;
  criteria: TemplateNodeJson[];
  extras?: TemplateNodeJson[];
}

export interface SheetTemplate {
  /** null when the sheet holds no criteria table. */
  template: TemplateJson | null;
  findings: Finding[];
}

const RULE_HEADERS = ["quy tac", "cach tinh", "cach cong", "quy tac cong", "rule", "roll up", "rollup"];

export { ruleOf };

/**
 * The criteria table on `grid` as a template named `id`. Findings locate what could not be read
 * (a weight that is not a number, a rule ParScore does not know); they never stop the rest.
 */
export function templateFromGrid(grid: Grid, id: string, from: string): SheetTemplate {
  const recognition = recogniseGrid(grid, { autoTemplate: false });
  const table = recognition.tables.find((t) => t.layout !== "units-in-rows" && t.scorecard.criteria.length > 0);
  const findings: Finding[] = [];
  if (!table) {
    findings.push({
      kind: "no-criteria-table",
      severity: "error",
      location: { sheet: grid.sheet },
      message: {
        vi: `Trang '${grid.sheet}' không có bảng tiêu chí (cần dòng tiêu đề như Mã | Tiêu chí | Điểm tối đa và các dòng tiêu chí có mã)`,
        en: `Sheet '${grid.sheet}' has no criteria table (it needs a header such as Code | Criterion | Max points and coded criterion rows)`,
      },
    });
    return { template: null, findings };
  }
  // Weights are read below, each unreadable one said there once.
  findings.push(...table.scorecard.findings.filter((f) => f.severity !== "info" && f.kind !== "unreadable-weight"));
  const headerRow = parseRangeA1(table.range).top - grid.origin.row;
  const columns = extraColumns(grid, headerRow);
  const cellOf = (c: Criterion) => (c.location?.cell ? parseA1(c.location.cell).row - grid.origin.row : -1);

  const node = (c: Criterion): TemplateNodeJson => {
    const out: TemplateNodeJson = { code: c.code, title: c.title, max: c.max ? c.max.toString() : null };
    if (c.kind !== "ordinary") out.kind = c.kind;
    const r = cellOf(c);
    if (r >= 0 && columns.weight !== undefined) {
      const weight = readWeight(grid, r, columns.weight, findings);
      if (weight) out.weight = weight;
    }
    if (r >= 0 && columns.rule !== undefined) {
      const rule = readRule(grid, r, columns.rule, findings);
      if (rule) out.rollup = rule;
    }
    if (c.effort) out.effort = c.effort.toString();
    const body = r >= 0 && columns.body !== undefined ? grid.values[r]?.[columns.body] : null;
    if (typeof body === "string" && body.trim() !== "") out.responsible = body.trim().replace(/\s+/g, " ");
    if (c.children.length > 0) out.children = c.children.map(node);
    return out;
  };
  const criteria = table.scorecard.criteria.filter((c) => !c.extra).map(node);
  const extras = table.scorecard.criteria.filter((c) => c.extra).map(node);
  const title = table.scorecard.title ?? grid.sheet;
  const template: TemplateJson = {
    id,
    title: { vi: title, en: title },
    source: `${from}, trang '${grid.sheet}' (${table.range})`,
    sources: [{ url: from, says: `sheet '${grid.sheet}', ${table.range}` }],
    period: { from: null, to: null },
    autoPick: false,
    criteria,
  };
  if (extras.length > 0) template.extras = extras;
  return { template, findings };
}

function extraColumns(grid: Grid, headerRow: number): { weight?: number; rule?: number; body?: number } {
  const out: { weight?: number; rule?: number; body?: number } = {};
  // A two-row header may carry the label on either row.
  for (const r of [headerRow, headerRow + 1]) {
    const row = grid.values[r] ?? [];
    row.forEach((v, c) => {
      if (typeof v !== "string") return;
      const f = fold(v).replace(/\s*\(.*\)$/, "");
      if (out.weight === undefined && headerRole(v) === "weight") out.weight = c;
      else if (out.rule === undefined && RULE_HEADERS.includes(f)) out.rule = c;
      else if (out.body === undefined && isBodyHeader(f)) out.body = c;
    });
  }
  return out;
}

/** "0,2", "20%", 0.2: a weight as a decimal string ("20%" -> "0.2"). */
function readWeight(grid: Grid, r: number, c: number, findings: Finding[]): string | null {
  const raw = grid.values[r]?.[c];
  if (raw === null || raw === undefined || raw === "") return null;
  const text = typeof raw === "string" ? raw.trim() : raw;
  const percent = typeof text === "string" && text.endsWith("%");
  const parsed = parsePoints(percent ? (text as string).slice(0, -1).trim() : text);
  if (!parsed.ok || parsed.value.isNegative()) {
    findings.push({
      kind: "unreadable-weight",
      severity: "warning",
      location: { sheet: grid.sheet, cell: gridCellA1(grid, r, c) },
      message: { vi: `Trọng số '${String(raw)}' không đọc được: bỏ qua`, en: `Weight '${String(raw)}' cannot be read: ignored` },
    });
    return null;
  }
  return (percent ? parsed.value.div(100) : parsed.value).toString();
}

function readRule(grid: Grid, r: number, c: number, findings: Finding[]): RollupRule | null {
  const raw = grid.values[r]?.[c];
  if (typeof raw !== "string" || raw.trim() === "") return null;
  const rule = ruleOf(raw);
  if (!rule) {
    findings.push({
      kind: "unknown-rollup-rule",
      severity: "warning",
      location: { sheet: grid.sheet, cell: gridCellA1(grid, r, c) },
      message: {
        vi: `Quy tắc '${raw}' không rõ (dùng: tổng, tổng có trọng số, trung bình, trung bình có trọng số, quy đổi): coi là tổng`,
        en: `Unknown rule '${raw}' (use: sum, weighted sum, mean, weighted mean, scaled sum): read as a sum`,
      },
    });
  }
  return rule;
}
