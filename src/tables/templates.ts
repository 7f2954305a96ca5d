/**
 * Criteria-set templates: the maxima, titles and kinds a table may leave out.
 * Built-in templates are JSON files in ./templates; users may supply their own
 * (parseTemplate checks them and says precisely what is wrong).
 */
import type { CriterionKind, Points, RollupRule, Text2 } from "../engine/types";
import { ROLLUP_RULES } from "../engine/rules";
import { parsePoints } from "../engine/points";
import par2019Province from "./templates/par-2019-province.json";
import par2022Province from "./templates/par-2022-province.json";
import par2022Ministry from "./templates/par-2022-ministry.json";
import boChiSo766 from "./templates/bo-chi-so-766-2022.json";
import boChiSo766SixGroups from "./templates/bo-chi-so-766-6-nhom.json";
import papi from "./templates/papi.json";
import pci2016 from "./templates/pci-2016.json";
import sipas from "./templates/sipas.json";
import { type TemplateAbout, templateAbout } from "./template-about";

export interface TemplateNode {
  code: string;
  title: string;
  max: Points | null;
  kind: CriterionKind;
  /** Other titles the node is published under. */
  aliases: string[];
  children: TemplateNode[];
  /** How its children roll up into it ("weighted-mean"); absent = sum. */
  rollup?: RollupRule;
  /** Its weight in its parent's weighted rule ("0.2"). */
  weight?: Points;
}

export interface Template {
  id: string;
  title: Text2;
  source?: string;
  /** Its sources, period and what they confirm (template-about.ts). */
  about: TemplateAbout;
  /** False for a set whose figures are mostly left to the user's table: never picked by itself. */
  autoPick: boolean;
  /** The tree: areas and their children. */
  criteria: TemplateNode[];
  /** Summary rows outside the tree (Điểm thẩm định, SIPAS, ...), matched by title. */
  extras: TemplateNode[];
  /** The total's rule over the areas and its max ("rollup": "weighted-mean", "max": "100" at the top level). */
  total?: { rollup: RollupRule; max: Points | null };
}

/** A user-supplied template that cannot be used; `path` points at the offending part ("criteria[2].max"). */
export class TemplateError extends Error {
  constructor(
    readonly path: string,
    readonly text: Text2,
  ) {
    super(`${path}: ${text.en}`);
    this.name = "TemplateError";
  }
}

// par-2019-province first: an auto-pick tie goes to the earlier template.
const BUILT_IN: unknown[] = [par2019Province, par2022Province, par2022Ministry, boChiSo766, boChiSo766SixGroups, papi, pci2016, sipas];

let cache: Map<string, Template> | null = null;

function builtIns(): Map<string, Template> {
  if (!cache) {
    cache = new Map();
    for (const json of BUILT_IN) {
      const t = parseTemplate(json);
      cache.set(t.id, t);
    }
  }
  return cache;
}

/** The built-in template with this id, or undefined. */
export function getTemplate(id: string): Template | undefined {
  return builtIns().get(id);
}

/** All built-in templates. */
export function listTemplates(): Template[] {
  return [...builtIns().values()];
}

const KINDS: CriterionKind[] = ["ordinary", "bonus", "penalty"];

/**
 * Checks a template given as JSON text or as a parsed object. Throws TemplateError
 * with the path of the first problem, in Vietnamese and English.
 */
export function parseTemplate(json: unknown): Template {
  let data = json;
  if (typeof data === "string") {
    try {
      data = JSON.parse(data) as unknown;
    } catch (e) {
      throw new TemplateError("", {
        vi: `Tệp mẫu không phải JSON hợp lệ: ${(e as Error).message}`,
        en: `The template is not valid JSON: ${(e as Error).message}`,
      });
    }
  }
  if (!isObject(data)) throw new TemplateError("", { vi: "Mẫu phải là một đối tượng JSON", en: "A template must be a JSON object" });
  const id = data.id;
  if (typeof id !== "string" || id.trim() === "") {
    throw new TemplateError("id", { vi: "Thiếu mã mẫu (id)", en: "Missing template id" });
  }
  let title: Text2;
  if (typeof data.title === "string") title = { vi: data.title, en: data.title };
  else if (isObject(data.title) && typeof data.title.vi === "string") {
    title = { vi: data.title.vi, en: typeof data.title.en === "string" ? data.title.en : data.title.vi };
  } else title = { vi: id, en: id };
  if (!Array.isArray(data.criteria) || data.criteria.length === 0) {
    throw new TemplateError("criteria", {
      vi: "Mẫu cần danh sách tiêu chí (criteria) không rỗng",
      en: "A template needs a non-empty criteria list",
    });
  }
  const codes = new Set<string>();
  const criteria = data.criteria.map((n, i) => parseNode(n, `criteria[${i}]`, codes));
  const extrasRaw = data.extras ?? [];
  if (!Array.isArray(extrasRaw)) throw new TemplateError("extras", { vi: "extras phải là một danh sách", en: "extras must be a list" });
  const extras = extrasRaw.map((n, i) => parseNode(n, `extras[${i}]`, codes));
  const template: Template = {
    id,
    title,
    source: typeof data.source === "string" ? data.source : undefined,
    about: templateAbout(data),
    autoPick: data.autoPick !== false,
    criteria,
    extras,
  };
  const totalRule = parseRollup(data.rollup, "rollup", "");
  if (totalRule) template.total = { rollup: totalRule, max: parseNumber(data.max, "max", "") };
  return template;
}

function parseNode(node: unknown, path: string, codes: Set<string>): TemplateNode {
  if (!isObject(node)) throw new TemplateError(path, { vi: "Tiêu chí phải là một đối tượng", en: "A criterion must be an object" });
  const code = typeof node.code === "number" ? String(node.code) : node.code;
  if (typeof code !== "string" || code.trim() === "") {
    throw new TemplateError(`${path}.code`, { vi: "Thiếu mã tiêu chí (code)", en: "Missing criterion code" });
  }
  if (codes.has(code)) {
    throw new TemplateError(`${path}.code`, { vi: `Mã tiêu chí '${code}' bị trùng`, en: `Duplicate criterion code '${code}'` });
  }
  codes.add(code);
  if (typeof node.title !== "string") {
    throw new TemplateError(`${path}.title`, { vi: `Tiêu chí '${code}' thiếu tên (title)`, en: `Criterion '${code}' has no title` });
  }
  const max = parseNumber(node.max, `${path}.max`, code);
  const weight = parseNumber(node.weight, `${path}.weight`, code) ?? undefined;
  const rollup = parseRollup(node.rollup, `${path}.rollup`, code);
  const kind = node.kind ?? "ordinary";
  if (typeof kind !== "string" || !KINDS.includes(kind as CriterionKind)) {
    throw new TemplateError(`${path}.kind`, {
      vi: `Loại tiêu chí '${String(kind)}' không hợp lệ (ordinary, bonus, penalty)`,
      en: `Unknown criterion kind '${String(kind)}' (ordinary, bonus, penalty)`,
    });
  }
  const aliases = node.aliases ?? [];
  if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== "string")) {
    throw new TemplateError(`${path}.aliases`, { vi: "aliases phải là danh sách chuỗi", en: "aliases must be a list of strings" });
  }
  const childrenRaw = node.children ?? [];
  if (!Array.isArray(childrenRaw)) {
    throw new TemplateError(`${path}.children`, { vi: "children phải là một danh sách", en: "children must be a list" });
  }
  return {
    code,
    title: node.title,
    max,
    kind: kind as CriterionKind,
    aliases: aliases as string[],
    children: childrenRaw.map((c, i) => parseNode(c, `${path}.children[${i}]`, codes)),
    ...(rollup ? { rollup } : {}),
    ...(weight ? { weight } : {}),
  };
}

/** A max or a weight written as a number or a string ("0.2", "8,5"); null when absent. */
function parseNumber(value: unknown, path: string, code: string): Points | null {
  if (value === undefined || value === null) return null;
  const parsed = parsePoints(value);
  const isWeight = path.endsWith("weight");
  // A penalty's max may be written "-2"; a weight may not be negative.
  if (parsed.ok && !(isWeight && parsed.value.isNegative())) return parsed.value;
  const what = isWeight ? { vi: "Trọng số", en: "Weight" } : { vi: "Điểm tối đa", en: "Maximum" };
  const why = parsed.ok ? { vi: "không được âm", en: "must not be negative" } : parsed.message;
  throw new TemplateError(path, {
    vi: `${what.vi}${code ? ` của '${code}'` : " của tổng"}: ${why.vi}`,
    en: `${what.en} of ${code ? `'${code}'` : "the total"}: ${why.en}`,
  });
}

/** A roll-up rule by name; undefined when absent. */
function parseRollup(value: unknown, path: string, code: string): RollupRule | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" && ROLLUP_RULES.includes(value as RollupRule)) return value as RollupRule;
  throw new TemplateError(path, {
    vi: `Quy tắc cộng điểm '${String(value)}'${code ? ` của '${code}'` : ""} không hợp lệ (${ROLLUP_RULES.join(", ")})`,
    en: `Unknown roll-up rule '${String(value)}'${code ? ` for '${code}'` : ""} (${ROLLUP_RULES.join(", ")})`,
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every node of a template, depth first, with its level (1 = area). */
export function templateNodes(template: Template): Array<{ node: TemplateNode; level: number; extra: boolean }> {
  const out: Array<{ node: TemplateNode; level: number; extra: boolean }> = [];
  const walk = (nodes: TemplateNode[], level: number, extra: boolean) => {
    for (const n of nodes) {
      out.push({ node: n, level, extra });
      walk(n.children, level + 1, extra);
    }
  };
  walk(template.criteria, 1, false);
  walk(template.extras, 1, true);
  return out;
}
