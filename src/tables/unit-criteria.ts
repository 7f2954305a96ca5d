/**
 * The criteria of a table with units in rows: each criterion is a column (or a group of columns,
 * Điểm | Xếp hạng, under its merged title), coded from its header ("1", "1.1", "LV1", "Lĩnh vực 2",
 * "1. Công tác ...") or numbered by position; summary columns (Điểm thẩm định, SIPAS) are set aside
 * unless the evidence shows they are the components of the total.
 */
import type { Criterion, Finding, Location } from "../engine/types";
import { type ParsedCode, type TreeRow, buildTreeFromCodes, parseCode, splitCodeTitle } from "./codes";
import { slug } from "./text";
import { type HeaderRole, isSummaryRowTitle } from "./vocabulary";
import { criterionHeader } from "./header";

export interface CritCol {
  key: string;
  code: ParsedCode | null;
  title: string;
  /** A maximum the header gives ("LV1 (8,5 điểm)"). */
  max: string | null;
  pointsCol?: number;
  rankCol?: number;
  headerCol: number;
  /** The header's own role (score for "Điểm thẩm định"), null for a criterion's title or code. */
  role: HeaderRole | null;
  /** A summary beside the criteria (Điểm thẩm định, SIPAS ...): reported, never summed. */
  extra: boolean;
}

/** The criterion a header label names: its code, title and any maximum in brackets. */
export function critFromLabel(label: string, col: number, role: HeaderRole | null): CritCol {
  let text = label;
  let max: string | null = null;
  const mm = /\(\s*(?:tối đa|max)?\s*:?\s*(\d+(?:[.,]\d+)?)\s*(?:điểm|đ|points?)?\s*\)\s*$/iu.exec(text);
  if (mm) {
    max = mm[1];
    text = text.slice(0, mm.index).trim();
  }
  const ch = criterionHeader(text);
  // A bare code ("1.1") is read whole before a code with a title ("1. Công tác ...") is split off.
  const bare = ch ? null : parseCode(text);
  const split = ch || bare ? null : splitCodeTitle(text);
  const code = ch?.code ?? bare ?? split?.code ?? null;
  const title = ch || bare ? "" : split ? split.title : text;
  return { key: label, code, title, max, headerCol: col, role, extra: !code && isSummaryRowTitle(title) };
}

export interface CriteriaOfColumns {
  /** Root criteria and extras, in column order. */
  ordered: Criterion[];
  nodeOf: Map<CritCol, Criterion>;
}

/**
 * Criteria from codes when every summed column has one (parents the header leaves out, as "1" over
 * "1.1 | 1.2", are added without points); else numbered by position, or named by their titles when
 * they are the index's components (Điểm thẩm định, Điểm điều tra XHH ...).
 */
export function criteriaOfColumns(crits: readonly CritCol[], components: boolean, locate: (c: CritCol) => Location, findings: Finding[]): CriteriaOfColumns {
  const main = crits.filter((c) => !c.extra);
  const nodeOf = new Map<CritCol, Criterion>();
  const roots: Criterion[] = [];
  if (main.length > 0 && main.every((c) => c.code)) {
    const rows = withParents(main.map((c) => ({ code: c.code, title: c.title, location: locate(c) })));
    const tree = buildTreeFromCodes(rows.map((r) => r.row));
    rows.forEach((r, i) => r.of !== undefined && nodeOf.set(main[r.of], tree.nodes[i]));
    roots.push(...tree.roots);
    findings.push(...tree.findings);
  } else {
    main.forEach((c, i) => {
      const code = components ? slug(c.title) : String(i + 1);
      const node: Criterion = { code, title: c.title || c.key, max: null, kind: "ordinary", level: 1, children: [], location: locate(c) };
      nodeOf.set(c, node);
      roots.push(node);
    });
  }
  const ordered: Criterion[] = [];
  const placed = new Set<Criterion>();
  const used = new Set<string>(roots.flatMap(codesOf));
  for (const c of crits) {
    if (c.extra) {
      // A coded header ("Lĩnh vực 2") keeps its code when set beside the total; else its words name it.
      const node: Criterion = { code: uniqueCode(c.code?.code ?? slug(c.title || c.key), used), title: c.title || c.key, max: null, kind: "ordinary", level: 1, children: [], extra: true, location: locate(c) };
      nodeOf.set(c, node);
      ordered.push(node);
      continue;
    }
    const node = nodeOf.get(c);
    const root = node ? roots.find((r) => r === node || contains(r, node)) : undefined;
    if (root && !placed.has(root)) {
      placed.add(root);
      ordered.push(root);
    }
  }
  return { ordered, nodeOf };
}

function codesOf(node: Criterion): string[] {
  return [node.code, ...node.children.flatMap(codesOf)];
}

/** `code`, or `code (2)`, `code (3)` ... when a criterion already has it: codes are unique in a scorecard. */
function uniqueCode(code: string, used: Set<string>): string {
  let unique = code;
  for (let n = 2; used.has(unique); n++) unique = `${code} (${n})`;
  used.add(unique);
  return unique;
}

function contains(parent: Criterion, node: Criterion): boolean {
  return parent.children.some((c) => c === node || contains(c, node));
}

/**
 * Dotted codes whose parent is no column ("1.1 | 1.2 | 2.1" over a commune matrix): the parent is put
 * before its first child, without points or title, so the tree keeps its levels.
 */
function withParents(rows: TreeRow[]): Array<{ row: TreeRow; of?: number }> {
  const present = new Set(rows.map((r) => r.code?.code));
  const out: Array<{ row: TreeRow; of?: number }> = [];
  rows.forEach((row, i) => {
    const code = row.code?.code ?? "";
    if (row.code?.kind === "dotted") {
      const parts = code.split(".");
      for (let n = 1; n < parts.length; n++) {
        const parent = parts.slice(0, n).join(".");
        const code = parseCode(parent);
        if (present.has(parent) || !code) continue;
        present.add(parent);
        out.push({ row: { code, title: "", location: row.location } });
      }
    }
    out.push({ row, of: i });
  });
  return out;
}
