import Decimal from "decimal.js";
import type { Basis, Criterion, CriterionKind, PointValue, PublishedRank, ScoreColumn, Scorecard } from "../../src/engine/types";
import { TOTAL_CODE } from "../../src/engine/types";
import { parsePoints } from "../../src/engine/points";

export const D = (v: string | number): Decimal => new Decimal(v);

/** Exact string form of a Decimal (or null) for compact assertions: "83.06". */
export const s = (v: Decimal | null | undefined): string | null => (v == null ? null : v.toFixed());

export interface CritOpts {
  kind?: CriterionKind;
  extra?: boolean;
  title?: string;
}

/** A criterion; levels are set by `scorecard()` from depth. max given as text ("8,5") or number. */
export function crit(code: string, max: string | number | null, children: Criterion[] = [], opts: CritOpts = {}): Criterion {
  return {
    code,
    title: opts.title ?? `Tiêu chí ${code}`,
    max: max === null ? null : num(max),
    kind: opts.kind ?? "ordinary",
    level: 0,
    children,
    extra: opts.extra,
    location: { sheet: "Bảng", cell: `B:${code}` },
  };
}

export type RawValue = string | number | null | "N/A";

export interface ColOpts {
  basis?: Basis;
  publishedTotal?: RawValue;
  /** Published ranks as written: "4(12)", "38 (5)", "13". */
  ranks?: Record<string, string>;
  excluded?: boolean;
  indicators?: Record<string, string | number>;
}

/** A score column; every value remembers a fake cell "C:<code>" on sheet "Bảng". */
export function col(unit: string, period: string, values: Record<string, RawValue>, opts: ColOpts = {}): ScoreColumn {
  const basis = opts.basis ?? "score";
  const points = new Map<string, PointValue>();
  for (const [code, raw] of Object.entries(values)) points.set(code, pv(raw, `C:${unit}:${period}:${code}`));
  const publishedRanks = new Map<string, PublishedRank>();
  for (const [code, label] of Object.entries(opts.ranks ?? {})) {
    const m = /^(\d+)\s*(?:\((\d+)\))?$/.exec(label.trim());
    if (!m) throw new Error(`bad rank ${label}`);
    publishedRanks.set(code, { rank: Number(m[1]), tieCount: m[2] ? Number(m[2]) : undefined });
  }
  const c: ScoreColumn = { key: `${unit}|${period}|${basis}`, unit, period, basis, points, publishedRanks };
  if (opts.publishedTotal !== undefined) c.publishedTotal = pv(opts.publishedTotal, `T:${unit}:${period}`);
  if (opts.excluded) c.excludedFromRanking = true;
  if (opts.indicators) c.indicators = Object.fromEntries(Object.entries(opts.indicators).map(([k, v]) => [k, num(v)]));
  return c;
}

function pv(raw: RawValue, cell: string): PointValue {
  const location = { sheet: "Bảng", cell };
  if (raw === "N/A") return { value: null, notApplicable: true, location };
  if (raw === null) return { value: null, location };
  return { value: num(raw), location };
}

function num(raw: string | number): Decimal {
  const p = parsePoints(raw);
  if (!p.ok) throw new Error(`bad number ${raw}`);
  return p.value;
}

export function scorecard(criteria: Criterion[], columns: ScoreColumn[], findings: Scorecard["findings"] = []): Scorecard {
  const setLevels = (nodes: Criterion[], level: number): void => {
    for (const n of nodes) {
      n.level = level;
      setLevels(n.children, level + 1);
    }
  };
  setLevels(criteria, 1);
  return { title: "test", criteria, columns, findings };
}

/** Seed 001 (Thừa Thiên Huế, PAR INDEX 2018 and 2019): the 8 areas, their maxima, points and published ranks. */
export const SEED001_MAX = ["8,5", "10", "14", "12", "14", "12,5", "13", "16"];
export const SEED001_2018 = ["6,50", "8,87", "11,18", "7,81", "10,57", "9,92", "11,60", "12,45"];
export const SEED001_2019 = ["8,00", "8,75", "13,21", "8,35", "11,72", "9,76", "12,47", "10,80"];
export const SEED001_RANKS_2018 = ["38 (5)", "8", "34", "61", "28", "14", "5", "48"];
export const SEED001_RANKS_2019 = ["4(12)", "32", "13", "55", "21", "22", "1", "57"];

export function seed001(): Scorecard {
  const criteria = SEED001_MAX.map((m, i) => crit(String(i + 1), m));
  criteria.push(crit("TĐ", "63,5", [], { extra: true, title: "Điểm thẩm định" }));
  criteria.push(crit("SIPAS", "10", [], { extra: true, title: "Chỉ số SIPAS" }));
  const values = (pts: string[], extra: Record<string, RawValue>): Record<string, RawValue> => ({
    ...Object.fromEntries(pts.map((p, i) => [String(i + 1), p])),
    ...extra,
  });
  const ranks = (r: string[], total: string): Record<string, string> => ({
    ...Object.fromEntries(r.map((x, i) => [String(i + 1), x])),
    [TOTAL_CODE]: total,
  });
  const unit = "Thừa Thiên Huế";
  return scorecard(criteria, [
    col(unit, "2018", values(SEED001_2018, { "TĐ": "47.93", SIPAS: "9,95" }), {
      publishedTotal: "78,90",
      ranks: { ...ranks(SEED001_RANKS_2018, "16"), "TĐ": "17", SIPAS: "31" },
    }),
    col(unit, "2019", values(SEED001_2019, { "TĐ": "53,32", SIPAS: "7,80" }), {
      publishedTotal: "83,06",
      ranks: { ...ranks(SEED001_RANKS_2019, "13"), "TĐ": "7", SIPAS: "57" },
    }),
  ]);
}
