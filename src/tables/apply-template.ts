/**
 * Fills in what a table leaves out (max, titles, kinds) from a template, and
 * reports where a table and its template disagree.
 */
import type { Criterion, Finding, Scorecard } from "../engine/types";
import { formatPointsShort } from "../engine/points";
import { type Template, type TemplateNode, templateNodes } from "./templates";
import { fold, foldTitle, titleSimilarity } from "./text";

/** The node whose title or an alias is most like `title`, at least `threshold` alike. */
export function bestByTitle(title: string, nodes: readonly TemplateNode[], threshold: number): TemplateNode | undefined {
  if (!title) return undefined;
  let best: { node: TemplateNode; sim: number } | undefined;
  const folded = foldTitle(title);
  for (const node of nodes) {
    for (const t of [node.title, ...node.aliases]) {
      const sim = foldTitle(t) === folded ? 1 : titleSimilarity(title, t);
      if (sim >= threshold && (!best || sim > best.sim)) best = { node, sim };
    }
  }
  return best?.node;
}

/**
 * The template node of a criterion: by its code, unless its title names another node better (group columns in
 * another order than the template's, numbered by position: "Số hóa hồ sơ" third must not take the third group's
 * maximum).
 */
function nodeByCodeOrTitle(c: Criterion, byCode: Map<string, TemplateNode>, nodes: TemplateNode[]): TemplateNode | undefined {
  const coded = byCode.get(c.code);
  if (!c.title || fold(c.title) === fold(c.code)) return coded ?? bestByTitle(c.title, nodes, 0.8);
  if (coded && titleMatch(c.title, coded) >= 0.5) return coded;
  return bestByTitle(c.title, nodes, 0.8) ?? coded;
}

function titleMatch(title: string, node: TemplateNode): number {
  return Math.max(...[node.title, ...node.aliases].map((t) => titleSimilarity(title, t)));
}

function walk(criteria: Criterion[], fn: (c: Criterion) => void) {
  for (const c of criteria) {
    fn(c);
    walk(c.children, fn);
  }
}

/** How well a table's areas match a template, 0..1 (used to auto-pick one). */
export function scoreTemplate(scorecard: Scorecard, template: Template): number {
  const roots = scorecard.criteria.filter((c) => !c.extra);
  if (!roots.length) return 0;
  const byCode = new Map(template.criteria.map((n) => [n.code, n]));
  let matched = 0;
  for (const root of roots) {
    const node = byCode.get(root.code);
    if (node && (!root.title || fold(root.title) === fold(root.code))) {
      if (roots.length === template.criteria.length) matched++;
    } else if (node && titleMatch(root.title, node) >= 0.5) matched++;
    // A title naming another node: columns in another order than the template's, numbered by position.
    else if (bestByTitle(root.title, template.criteria, 0.8)) matched++;
  }
  if (matched < Math.min(3, template.criteria.length)) return 0;
  return matched / roots.length;
}

/** Applies a template to a scorecard in place; returns the findings (max disagreements, unmatched rows). */
export function applyTemplate(scorecard: Scorecard, template: Template): Finding[] {
  const findings: Finding[] = [];
  if (template.total && !scorecard.total) scorecard.total = { ...template.total };
  const all = templateNodes(template);
  const criteriaNodes = all.filter((x) => !x.extra).map((x) => x.node);
  const extraNodes = all.filter((x) => x.extra).map((x) => x.node);
  const byCode = new Map(criteriaNodes.map((n) => [n.code, n]));
  const used = new Set<string>();
  walk(scorecard.criteria, (c) => used.add(c.code));

  walk(scorecard.criteria, (c) => {
    let node: TemplateNode | undefined;
    if (c.extra) {
      node = bestByTitle(c.title, extraNodes, 0.8);
      const area = node ? undefined : bestByTitle(c.title, template.criteria, 0.9);
      if (area && !used.has(area.code) && c.level === 1) {
        // An area written without its code: it is an area, not a summary row.
        node = area;
        delete c.extra;
      }
      if (node && node.code !== c.code && !used.has(node.code)) {
        used.delete(c.code);
        c.code = node.code;
        used.add(node.code);
      }
    } else {
      node = nodeByCodeOrTitle(c, byCode, criteriaNodes);
    }
    const where = c.maxLocation ?? c.location;
    if (!node) {
      if (c.max === null) {
        findings.push({
          kind: "template-no-match",
          severity: "info",
          location: c.location,
          code: c.code,
          message: {
            vi: `Mẫu '${template.id}' không có tiêu chí '${c.code}' (${c.title}); không rõ điểm tối đa`,
            en: `Template '${template.id}' has no criterion '${c.code}' (${c.title}); its max is unknown`,
          },
        });
      }
      return;
    }
    if (!c.title) c.title = node.title;
    if (c.kind === "ordinary") c.kind = node.kind;
    // A rule or weight the table itself gave (a "Trọng số" column) stays; the template fills in the rest.
    if (c.rollup === undefined && node.rollup !== undefined) c.rollup = node.rollup;
    if (c.weight === undefined && node.weight !== undefined) c.weight = node.weight;
    if (node.max) {
      if (c.max === null) c.max = node.max;
      else if (!c.max.eq(node.max)) {
        findings.push({
          kind: "template-max-mismatch",
          severity: "warning",
          location: where,
          code: c.code,
          message: {
            vi: `Trang '${where?.sheet ?? ""}' ô ${where?.cell ?? ""}: điểm tối đa của '${c.code}' trong bảng là ${formatPointsShort(c.max, "vi")}, mẫu '${template.id}' ghi ${formatPointsShort(node.max, "vi")}; dùng số của bảng`,
            en: `Sheet '${where?.sheet ?? ""}' ${where?.cell ?? ""}: the table gives '${c.code}' a max of ${formatPointsShort(c.max, "en")}, template '${template.id}' says ${formatPointsShort(node.max, "en")}; the table's value is used`,
          },
        });
      }
    }
  });
  return findings;
}
