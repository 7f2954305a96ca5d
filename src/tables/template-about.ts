/**
 * What a criteria template says about itself: where its figures come from, the period it is valid for,
 * and which of its maxima and weights a source confirms. Read from the template's JSON beside the tree
 * (templates.ts reads the tree), so a user's own template may carry it too.
 */
import type { Text2 } from "../engine/types";

export interface TemplateSource {
  /** An address, or a description of where it is (a seed document, a decision's annex). */
  url: string;
  publisher?: string;
  /** What the source says that the template relies on, in its own words. */
  says?: string;
}

export interface TemplatePeriod {
  /** ISO date or year the set applies from; null when no source gives it. */
  from: string | null;
  to: string | null;
  note?: Text2;
}

/** A node whose maximum (or weight) no source confirms: the user's table must supply it. */
export interface Unconfirmed {
  code: string;
  title: string;
  /** What is missing or unconfirmed. */
  what: "max" | "weight" | "rollup";
  note?: Text2;
}

export interface TemplateAbout {
  sources: TemplateSource[];
  period?: TemplatePeriod;
  /** Nodes with a maximum given and confirmed by a source. */
  confirmedMaxima: number;
  /** Nodes whose maximum is left to the user's table, or whose weight or rule is not confirmed. */
  unconfirmed: Unconfirmed[];
}

/** Reads the metadata of a template's JSON; never throws (what is missing is simply absent). */
export function templateAbout(data: Record<string, unknown>): TemplateAbout {
  const sources: TemplateSource[] = [];
  if (Array.isArray(data.sources)) {
    for (const s of data.sources) {
      if (!isObject(s) || typeof s.url !== "string" || s.url.trim() === "") continue;
      sources.push({ url: s.url, publisher: str(s.publisher), says: str(s.says) });
    }
  }
  const about: TemplateAbout = { sources, confirmedMaxima: 0, unconfirmed: [] };
  if (isObject(data.period)) {
    about.period = { from: periodBound(data.period.from), to: periodBound(data.period.to), note: text2(data.period.note) };
  }
  if (data.rollupConfirmed === false) {
    about.unconfirmed.push({ code: "", title: "", what: "rollup", note: text2(data.rollupNote) });
  }
  const walk = (nodes: unknown) => {
    if (!Array.isArray(nodes)) return;
    for (const n of nodes) {
      if (!isObject(n)) continue;
      const code = typeof n.code === "number" ? String(n.code) : (str(n.code) ?? "");
      const title = str(n.title) ?? "";
      const hasMax = n.max !== undefined && n.max !== null;
      if (!hasMax) about.unconfirmed.push({ code, title, what: "max", note: text2(n.note) });
      else if (n.confirmed === false) about.unconfirmed.push({ code, title, what: n.weight !== undefined ? "weight" : "max", note: text2(n.note) });
      else about.confirmedMaxima++;
      walk(n.children);
    }
  };
  walk(data.criteria);
  walk(data.extras);
  return about;
}

function periodBound(value: unknown): string | null {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function text2(value: unknown): Text2 | undefined {
  if (typeof value === "string") return { vi: value, en: value };
  if (isObject(value) && typeof value.vi === "string") return { vi: value.vi, en: typeof value.en === "string" ? value.en : value.vi };
  return undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
