/**
 * A responsibility table the user keeps on a sheet: which body (Sở, Ban, ngành) must fix which
 * criteria. Two columns under a header row: criterion code(s) ("4.1.1; 4.1.2") and the body
 * ("Cơ quan chủ trì", "Đơn vị chịu trách nhiệm", "Cơ quan phụ trách", "Responsible body").
 * A code assigned to a parent ("6") covers every criterion under it unless a deeper code is
 * assigned elsewhere (deepest assignment wins: see `bodyFor`). An optional third column, "Mức độ khó" /
 * "Khả năng khắc phục" (effort.ts), says how hard the row's criteria are to win back: targets use it.
 */
import type { Finding, Points } from "../engine/types";
import { effortHeaderKind, effortProblem, readEffort, type EffortKind } from "./effort";
import { gridCellA1, isCellError, type CellValue, type Grid } from "./grid";
import { parseCode } from "./codes";
import { fold } from "./text";

export interface ResponsibilityTable {
  /** Normalised criterion code -> responsible body. */
  assignments: Map<string, string>;
  /** Normalised criterion code -> effort (1 easiest .. 5 hardest), when the sheet has an effort column. */
  efforts: Map<string, Points>;
  findings: Finding[];
}

/** Folded header texts of the code column. */
const CODE_HEADERS = ["ma tieu chi", "ma", "tieu chi", "tieu chi thanh phan", "tctp", "ma so", "code", "codes", "criterion", "criteria", "criterion code", "stt tieu chi"];
/** Folded header phrases of the body column (a header containing one of them). */
const BODY_HEADERS = [
  "co quan chu tri",
  "don vi chiu trach nhiem",
  "co quan phu trach",
  "co quan chiu trach nhiem",
  "don vi chu tri",
  "don vi phu trach",
  "responsible body",
  "responsible unit",
  "responsible agency",
  "responsible department",
  "responsible",
];

/** How many rows from the top are searched for the header row. */
const HEADER_SEARCH_ROWS = 20;

function text(value: CellValue | undefined): string {
  if (value === null || value === undefined || isCellError(value)) return "";
  return String(value).normalize("NFC").replace(/\u00a0/g, " ").trim();
}

function isCodeHeader(folded: string): boolean {
  return CODE_HEADERS.includes(folded) || /^(ma|code)\b/.test(folded);
}

/** A header naming the responsible body ("Cơ quan chủ trì", "Responsible body"), folded. */
export function isBodyHeader(folded: string): boolean {
  return BODY_HEADERS.some((h) => folded === h || folded.includes(h));
}

/** Normalised code of one piece of a code cell ("4.1.1", "II", "1.1.1.a"), or null. */
function normaliseCode(piece: string | number): string | null {
  const parsed = parseCode(piece);
  if (!parsed) return null;
  if (parsed.kind === "letter") return parsed.under ? `${parsed.under}.${parsed.code}` : null;
  return parsed.code;
}

/** Grid -> assignments, with located bilingual findings for unreadable rows and conflicting assignments. */
export function parseResponsibility(grid: Grid): ResponsibilityTable {
  const assignments = new Map<string, string>();
  const efforts = new Map<string, Points>();
  const findings: Finding[] = [];
  const where = (row: number, col: number) => ({ sheet: grid.sheet, cell: gridCellA1(grid, row, col) });

  let header: { row: number; codeCol: number; bodyCol: number; effort: { col: number; kind: EffortKind } | null } | null = null;
  for (let r = 0; r < Math.min(grid.values.length, HEADER_SEARCH_ROWS) && !header; r++) {
    const row = grid.values[r] ?? [];
    let codeCol = -1;
    let bodyCol = -1;
    let effort: { col: number; kind: EffortKind } | null = null;
    row.forEach((v, c) => {
      const f = fold(text(v));
      if (!f) return;
      const kind = effortHeaderKind(text(v));
      if (kind && !effort) effort = { col: c, kind };
      else if (bodyCol < 0 && isBodyHeader(f)) bodyCol = c;
      else if (codeCol < 0 && isCodeHeader(f)) codeCol = c;
    });
    if (codeCol >= 0 && bodyCol >= 0) header = { row: r, codeCol, bodyCol, effort };
  }
  if (!header) {
    findings.push({
      kind: "responsibility-no-header",
      severity: "error",
      location: { sheet: grid.sheet, cell: gridCellA1(grid, 0, 0) },
      message: {
        vi: `Trang '${grid.sheet}' không có dòng tiêu đề của bảng phân công: cần một cột mã tiêu chí ("Mã tiêu chí") và một cột "Cơ quan chủ trì" (hoặc "Đơn vị chịu trách nhiệm", "Cơ quan phụ trách").`,
        en: `Sheet '${grid.sheet}' has no responsibility header row: it needs a criterion code column ("Code") and a "Responsible body" column.`,
      },
    });
    return { assignments, efforts, findings };
  }

  const firstSeen = new Map<string, string>();
  for (let r = header.row + 1; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    const rawCode = row[header.codeCol];
    const codeText = text(rawCode);
    const body = text(row[header.bodyCol]).replace(/\s+/g, " ");
    if (!codeText && !body) continue;
    if (!body) {
      findings.push({
        kind: "responsibility-unreadable",
        severity: "warning",
        location: where(r, header.bodyCol),
        message: { vi: `Dòng có mã '${codeText}' nhưng không ghi cơ quan chịu trách nhiệm: bỏ qua.`, en: `Row with code '${codeText}' names no responsible body: skipped.` },
      });
      continue;
    }
    const pieces: (string | number)[] = typeof rawCode === "number" ? [rawCode] : codeText.split(/[,;\n]+/).map((p) => p.trim()).filter(Boolean);
    const codes: string[] = [];
    const bad: string[] = [];
    for (const piece of pieces) {
      const code = normaliseCode(piece);
      if (code) codes.push(code);
      else bad.push(String(piece));
    }
    if (codes.length === 0 || bad.length > 0) {
      const shown = bad.length > 0 ? bad.join(", ") : codeText;
      findings.push({
        kind: "responsibility-unreadable",
        severity: "warning",
        location: where(r, header.codeCol),
        message: {
          vi: `Không đọc được mã tiêu chí '${shown}' (cơ quan: ${body})${codes.length ? `; vẫn dùng ${codes.join(", ")}` : ": bỏ qua dòng này"}.`,
          en: `Unreadable criterion code '${shown}' (body: ${body})${codes.length ? `; ${codes.join(", ")} still used` : ": row skipped"}.`,
        },
      });
    }
    if (header.effort) {
      const read = readEffort(row[header.effort.col] ?? null, header.effort.kind);
      if ("effort" in read) for (const code of codes) if (!efforts.has(code)) efforts.set(code, read.effort);
      if ("problem" in read) {
        const why = effortProblem(read.problem, header.effort.kind);
        findings.push({
          kind: "unreadable-effort",
          severity: "warning",
          location: where(r, header.effort.col),
          message: { vi: `Trang '${grid.sheet}' ô ${gridCellA1(grid, r, header.effort.col)}: ${why.vi}`, en: `Sheet '${grid.sheet}' ${gridCellA1(grid, r, header.effort.col)}: ${why.en}` },
        });
      }
    }
    for (const code of codes) {
      const before = assignments.get(code);
      if (before === undefined) {
        assignments.set(code, body);
        firstSeen.set(code, gridCellA1(grid, r, header.codeCol));
      } else if (before !== body) {
        findings.push({
          kind: "responsibility-conflict",
          severity: "warning",
          location: where(r, header.codeCol),
          code,
          message: {
            vi: `Tiêu chí ${code} được giao cho hai cơ quan: '${before}' (ô ${firstSeen.get(code)}) và '${body}'; giữ '${before}'.`,
            en: `Criterion ${code} is assigned to two bodies: '${before}' (cell ${firstSeen.get(code)}) and '${body}'; '${before}' kept.`,
          },
        });
      }
    }
  }
  return { assignments, efforts, findings };
}

/**
 * The body responsible for a criterion, given its codes from the root down (["4", "4.1", "4.1.1"]):
 * the deepest assigned one wins. Null when nobody is assigned.
 */
export function bodyFor(assignments: ReadonlyMap<string, string>, path: readonly string[]): string | null {
  for (let i = path.length - 1; i >= 0; i--) {
    const body = assignments.get(path[i]);
    if (body !== undefined) return body;
  }
  return null;
}
