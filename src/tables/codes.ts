/**
 * Criterion codes as tables write them (I..XX, 1, 1.1, 1.1.1, a), a) and the
 * criteria tree they imply.
 */
import type { Criterion, Finding, Location } from "../engine/types";

export type CodeKind = "roman" | "arabic" | "dotted" | "letter";

export interface ParsedCode {
  kind: CodeKind;
  /** Normalised: "I", "1", "1.1", "a". */
  code: string;
  /** A letter written with its parent ("1.1.a"): the parent's code. */
  under?: string;
}

/** Words some tables write before a code: "Lĩnh vực I", "Tiêu chí 1.1", "TCTP 1.1.1". */
const CODE_LABEL = /^(lĩnh vực|linh vuc|tiêu chí thành phần|tieu chi thanh phan|tiêu chí|tieu chi|tctp|tc|mục|muc)\s+(?=\S)/iu;

const ROMAN = /^(X{0,3})(IX|IV|V?I{0,3})$/;

/** Value of an upper-case roman numeral up to 39, or 0 when it is not one. */
export function romanValue(text: string): number {
  if (!text || !ROMAN.test(text)) return 0;
  const values: Record<string, number> = { I: 1, V: 5, X: 10 };
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const v = values[text[i]];
    const next = values[text[i + 1]] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/** Reads a code cell: "I", "II.", "1", "1.", "1.1", "1.1.1.", "a)", "(b)", "c.", "d". Null when it is not a code. */
export function parseCode(input: string | number | null | undefined): ParsedCode | null {
  if (input === null || input === undefined) return null;
  if (typeof input === "number") {
    if (!Number.isFinite(input) || input <= 0) return null;
    const text = String(input);
    if (/^\d{1,2}$/.test(text)) return { kind: "arabic", code: text };
    if (/^\d{1,2}\.\d{1,2}$/.test(text)) return { kind: "dotted", code: text };
    return null;
  }
  let text = input.normalize("NFC").replace(/[\u00a0]/g, " ").trim();
  if (text === "") return null;
  text = text.replace(CODE_LABEL, "").replace(/^\((.+)\)$/, "$1").replace(/[.):]+$/, "").trim();
  const lettered = /^(\d{1,2}(?:\.\d{1,2})*)\.([a-zđ])$/iu.exec(text);
  if (lettered) {
    const under = lettered[1].split(".").map((p) => String(Number(p))).join(".");
    return { kind: "letter", code: lettered[2].toLowerCase(), under };
  }
  if (/^\d{1,2}$/.test(text)) return Number(text) > 0 ? { kind: "arabic", code: String(Number(text)) } : null;
  if (/^\d{1,2}(\.\d{1,2})+$/.test(text)) return { kind: "dotted", code: text.split(".").map((p) => String(Number(p))).join(".") };
  if (romanValue(text) > 0) return { kind: "roman", code: text };
  if (/^[a-zđ]$/iu.test(text)) return { kind: "letter", code: text };
  return null;
}

const CODE_PREFIX = /^\s*((?:[IVX]{1,5}|[a-zđA-Z])[.)]|\(?[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*\.?(?=\s)|\d{1,2}(?:\.\d{1,2})*[.):])\s*([\s\S]*)$/u;

/** "1.1. Ban hành kế hoạch" -> { code: 1.1, title: "Ban hành kế hoạch" }; null when the text does not start with a code. */
export function splitCodeTitle(text: string): { code: ParsedCode; title: string } | null {
  const m = CODE_PREFIX.exec(text.normalize("NFC"));
  if (!m || m[2].trim() === "") return null;
  const code = parseCode(m[1]);
  if (!code) return null;
  return { code, title: m[2].trim() };
}

export interface TreeRow {
  code: ParsedCode | null;
  title: string;
  location: Location;
  /** Indentation (host indent level or leading spaces) and bold, for tables without codes. */
  indent?: number;
  bold?: boolean;
}

export interface TreeResult {
  /** One criterion per input row, in input order (same index). */
  nodes: Criterion[];
  roots: Criterion[];
  findings: Finding[];
}

/** A code not used yet in the scorecard: a repeated one becomes "1.1#2", said at its row. */
function uniqueCode(code: string, used: Set<string>, row: TreeRow, findings: Finding[]): string {
  if (!used.has(code)) {
    used.add(code);
    return code;
  }
  let n = 2;
  while (used.has(`${code}#${n}`)) n++;
  findings.push({
    kind: "duplicate-code",
    severity: "warning",
    location: row.location,
    code,
    message: {
      vi: `Trang '${row.location.sheet}' ô ${row.location.cell}: mã '${code}' xuất hiện nhiều lần; dòng này được đặt mã '${code}#${n}'`,
      en: `Sheet '${row.location.sheet}' ${row.location.cell}: code '${code}' appears more than once; this row is coded '${code}#${n}'`,
    },
  });
  used.add(`${code}#${n}`);
  return `${code}#${n}`;
}

/**
 * Builds the criteria tree from coded rows with a stack: roman -> arabic -> dotted -> letters.
 * A plain "1" under a roman area is a criterion (level 2); without roman areas it is an area.
 * Codes are kept as written, except that letters always carry their parent's code
 * ("1.1.1.a": lettered items restart under every parent), and arabic codes under roman
 * areas are qualified ("II.1") when they repeat in the table.
 */
export function buildTreeFromCodes(rows: TreeRow[]): TreeResult {
  const findings: Finding[] = [];
  const count = (kind: CodeKind[]) => {
    const seen = new Map<string, number>();
    for (const r of rows) if (r.code && kind.includes(r.code.kind)) seen.set(r.code.code, (seen.get(r.code.code) ?? 0) + 1);
    return [...seen.values()].some((n) => n > 1);
  };
  const qualifyUnderRoman = count(["arabic", "dotted"]);

  interface Entry {
    node: Criterion;
    kind: CodeKind;
    raw: string;
  }
  const stack: Entry[] = [];
  const roots: Criterion[] = [];
  const nodes: Criterion[] = [];
  const used = new Set<string>();

  for (const row of rows) {
    const code = row.code;
    if (!code) throw new Error("buildTreeFromCodes: every row needs a code");
    let parent: Entry | undefined;
    if (code.kind === "roman") {
      stack.length = 0;
    } else if (code.kind === "arabic") {
      while (stack.length && stack[stack.length - 1].kind !== "roman") stack.pop();
      parent = stack[stack.length - 1];
    } else if (code.kind === "dotted") {
      const prefix = code.code.split(".").slice(0, -1).join(".");
      while (stack.length && stack[stack.length - 1].raw !== prefix && stack[stack.length - 1].kind !== "roman") stack.pop();
      parent = stack[stack.length - 1];
      if (!parent || parent.raw !== prefix) findings.push(noParent(row, prefix, code.code));
    } else if (/^[A-Z]$/.test(code.code) && (stack.length === 0 || /^[A-Z]$/.test(stack[0].raw))) {
      // "A", "B" as top-level parts (Phần A, Phần B).
      stack.length = 0;
    } else if (code.under !== undefined) {
      // "1.1.a" names its parent: go back to it, like a dotted code does.
      while (stack.length && stack[stack.length - 1].raw !== code.under && stack[stack.length - 1].kind !== "roman") stack.pop();
      parent = stack[stack.length - 1];
      if (!parent || parent.raw !== code.under) findings.push(noParent(row, code.under, `${code.under}.${code.code}`));
    } else {
      while (stack.length && stack[stack.length - 1].kind === "letter") stack.pop();
      parent = stack[stack.length - 1];
    }

    let finalCode = code.code;
    const romanAncestor = stack.find((e) => e.kind === "roman");
    if (qualifyUnderRoman && romanAncestor && (code.kind === "arabic" || code.kind === "dotted")) {
      finalCode = `${romanAncestor.raw}.${code.code}`;
    }
    if (code.kind === "letter" && code.under !== undefined && parent?.raw !== code.under) finalCode = `${code.under}.${code.code}`;
    else if (code.kind === "letter" && parent) finalCode = `${parent.node.code}.${code.code}`;
    finalCode = uniqueCode(finalCode, used, row, findings);

    const node: Criterion = {
      code: finalCode,
      title: row.title,
      max: null,
      kind: "ordinary",
      level: parent ? parent.node.level + 1 : 1,
      children: [],
      location: row.location,
    };
    if (parent) parent.node.children.push(node);
    else roots.push(node);
    nodes.push(node);
    stack.push({ node, kind: code.kind, raw: code.code });
  }
  return { nodes, roots, findings };
}

/**
 * A tree for rows without codes, from indentation (or bold when indentation does not vary):
 * deeper indent = deeper level; bold rows are areas. Codes are numbered "1", "1.1", "1.1.1".
 */
export function buildTreeFromLayout(rows: TreeRow[]): TreeResult {
  const indents = [...new Set(rows.map((r) => r.indent ?? 0))].sort((a, b) => a - b);
  const useIndent = indents.length > 1;
  const useBold = !useIndent && rows.some((r) => r.bold) && rows.some((r) => !r.bold);
  const levelOf = (r: TreeRow) => (useIndent ? indents.indexOf(r.indent ?? 0) + 1 : useBold ? (r.bold ? 1 : 2) : 1);

  const roots: Criterion[] = [];
  const nodes: Criterion[] = [];
  const stack: Criterion[] = [];
  for (const row of rows) {
    let level = levelOf(row);
    while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
    const parent = stack[stack.length - 1];
    if (!parent) level = 1;
    else level = parent.level + 1;
    const siblings = parent ? parent.children : roots;
    const code = parent ? `${parent.code}.${siblings.length + 1}` : String(siblings.length + 1);
    const node: Criterion = { code, title: row.title, max: null, kind: "ordinary", level, children: [], location: row.location };
    siblings.push(node);
    nodes.push(node);
    stack.push(node);
  }
  return { nodes, roots, findings: [] };
}

function noParent(row: TreeRow, parent: string, code: string): Finding {
  return {
    kind: "code-without-parent",
    severity: "info",
    location: row.location,
    code,
    message: {
      vi: `Trang '${row.location.sheet}' ô ${row.location.cell}: không thấy mục cha '${parent}' của mã '${code}'`,
      en: `Sheet '${row.location.sheet}' ${row.location.cell}: no parent '${parent}' found for code '${code}'`,
    },
  };
}
