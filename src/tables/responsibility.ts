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

interface ResponsibilityHeader {
  row: number;
  codeCol: number;
  bodyCol: number;
  effort: { col: number; kind: EffortKind } | null;
}

/** What reading the rows under the header shares. */
interface Reading extends ResponsibilityTable {
  grid: Grid;
  header: ResponsibilityHeader;
  /** Where each code was first assigned, for conflicts. */
  firstSeen: Map<string, string>;
}

/** Grid -> assignments, with located bilingual findings for unreadable rows and conflicting assignments. */
export function parseResponsibility(grid: Grid): ResponsibilityTable {
  const header = findHeader(grid);
  if (!header) return { assignments: new Map(), efforts: new Map(), findings: [noHeader(grid)] };
  const reading: Reading = { grid, header, assignments: new Map(), efforts: new Map(), findings: [], firstSeen: new Map() };
  for (let r = header.row + 1; r < grid.values.length; r++) readRow(reading, r);
  return { assignments: reading.assignments, efforts: reading.efforts, findings: reading.findings };
}

/** The first row (of the top 20) with a code column and a body column, and an effort column if any. */
function findHeader(grid: Grid): ResponsibilityHeader | null {
  for (let r = 0; r < Math.min(grid.values.length, HEADER_SEARCH_ROWS); r++) {
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
    if (codeCol >= 0 && bodyCol >= 0) return { row: r, codeCol, bodyCol, effort };
  }
  return null;
}

function noHeader(grid: Grid): Finding {
  return {
    kind: "responsibility-no-header",
    severity: "error",
    location: { sheet: grid.sheet, cell: gridCellA1(grid, 0, 0) },
    message: {
      vi: `Trang '${grid.sheet}' không có dòng tiêu đề của bảng phân công: cần một cột mã tiêu chí ("Mã tiêu chí") và một cột "Cơ quan chủ trì" (hoặc "Đơn vị chịu trách nhiệm", "Cơ quan phụ trách").`,
      en: `Sheet '${grid.sheet}' has no responsibility header row: it needs a criterion code column ("Code") and a "Responsible body" column.`,
    },
  };
}

function where(grid: Grid, row: number, col: number) {
  return { sheet: grid.sheet, cell: gridCellA1(grid, row, col) };
}

/** One row: its codes, its body, its effort; each code assigned unless assigned before. */
function readRow(reading: Reading, r: number): void {
  const { grid, header, findings } = reading;
  const row = grid.values[r] ?? [];
  const codeText = text(row[header.codeCol]);
  const body = text(row[header.bodyCol]).replace(/\s+/g, " ");
  if (!codeText && !body) return;
  if (!body) {
    findings.push({
      kind: "responsibility-unreadable",
      severity: "warning",
      location: where(grid, r, header.bodyCol),
      message: { vi: `Dòng có mã '${codeText}' nhưng không ghi cơ quan chịu trách nhiệm: bỏ qua.`, en: `Row with code '${codeText}' names no responsible body: skipped.` },
    });
    return;
  }
  const codes = readCodes(reading, r, body);
  if (header.effort) readRowEffort(reading, r, codes, header.effort);
  for (const code of codes) assign(reading, r, code, body);
}

/** The codes of a row's code cell ("4.1.1; 4.1.2"); the pieces that are no code are said. */
function readCodes(reading: Reading, r: number, body: string): string[] {
  const { grid, header } = reading;
  const rawCode = grid.values[r]?.[header.codeCol];
  const codeText = text(rawCode);
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
    reading.findings.push({
      kind: "responsibility-unreadable",
      severity: "warning",
      location: where(grid, r, header.codeCol),
      message: {
        vi: `Không đọc được mã tiêu chí '${shown}' (cơ quan: ${body})${codes.length ? `; vẫn dùng ${codes.join(", ")}` : ": bỏ qua dòng này"}.`,
        en: `Unreadable criterion code '${shown}' (body: ${body})${codes.length ? `; ${codes.join(", ")} still used` : ": row skipped"}.`,
      },
    });
  }
  return codes;
}

function readRowEffort(reading: Reading, r: number, codes: readonly string[], effort: { col: number; kind: EffortKind }): void {
  const { grid, efforts } = reading;
  const read = readEffort(grid.values[r]?.[effort.col] ?? null, effort.kind);
  if ("effort" in read) for (const code of codes) if (!efforts.has(code)) efforts.set(code, read.effort);
  if ("problem" in read) {
    const why = effortProblem(read.problem, effort.kind);
    const cell = gridCellA1(grid, r, effort.col);
    reading.findings.push({
      kind: "unreadable-effort",
      severity: "warning",
      location: where(grid, r, effort.col),
      message: { vi: `Trang '${grid.sheet}' ô ${cell}: ${why.vi}`, en: `Sheet '${grid.sheet}' ${cell}: ${why.en}` },
    });
  }
}

/** The first assignment of a code stands; a different body for it later is a conflict, said. */
function assign(reading: Reading, r: number, code: string, body: string): void {
  const { grid, header, assignments, firstSeen } = reading;
  const before = assignments.get(code);
  if (before === undefined) {
    assignments.set(code, body);
    firstSeen.set(code, gridCellA1(grid, r, header.codeCol));
  } else if (before !== body) {
    reading.findings.push({
      kind: "responsibility-conflict",
      severity: "warning",
      location: where(grid, r, header.codeCol),
      code,
      message: {
        vi: `Tiêu chí ${code} được giao cho hai cơ quan: '${before}' (ô ${firstSeen.get(code)}) và '${body}'; giữ '${before}'.`,
        en: `Criterion ${code} is assigned to two bodies: '${before}' (cell ${firstSeen.get(code)}) and '${body}'; '${before}' kept.`,
      },
    });
  }
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
