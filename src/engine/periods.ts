/**
 * Periods a series runs over: years, quarters and months, as people head their columns ("Năm 2024",
 * "Tháng 1", "T1/2025", "Tháng 01/2025", "Quý I", "Quý 1/2025", "Q2 2024", "Month 3"). One reading
 * serves the table readers (which label is a period, written one way) and the engine (their order).
 */
import { foldMarks } from "./text";

export type PeriodKind = "year" | "quarter" | "month";

export interface Period {
  kind: PeriodKind;
  /** null for "Tháng 3" without a year. */
  year: number | null;
  /** 1..4 for quarters, 1..12 for months, 0 for a year. */
  index: number;
}

const ROMAN = ["I", "II", "III", "IV"];
const YEAR = "((?:19|20)\\d{2})";
/** After the month or quarter: "/2025", "-2025", ".2025", " 2025", " năm 2025". */
const OF_YEAR = `(?:\\s*[/.-]\\s*${YEAR}|\\s+(?:nam\\s+)?${YEAR})?`;
const MONTH = new RegExp(`^(?:thang|t|month|m)\\s*0?(\\d{1,2})${OF_YEAR}$`);
const QUARTER = new RegExp(`^(?:quy|q|quarter)\\s*(iv|i{1,3}|[1-4])${OF_YEAR}$`);
const YEAR_ONLY = new RegExp(`^(?:nam|year|ky|ky danh gia)?\\s*${YEAR}(?:\\s+.*)?$`);

/** The period a header label names, or null. */
export function parsePeriod(label: string): Period | null {
  const f = foldMarks(label);
  if (!f) return null;
  const y = YEAR_ONLY.exec(f);
  if (y) return { kind: "year", year: Number(y[1]), index: 0 };
  const m = MONTH.exec(f);
  if (m) {
    const index = Number(m[1]);
    if (index < 1 || index > 12) return null;
    return { kind: "month", year: yearOf(m[2] ?? m[3]), index };
  }
  const q = QUARTER.exec(f);
  if (q) {
    const index = /^\d$/.test(q[1]) ? Number(q[1]) : ROMAN.indexOf(q[1].toUpperCase()) + 1;
    return { kind: "quarter", year: yearOf(q[2] ?? q[3]), index };
  }
  return null;
}

function yearOf(text: string | undefined): number | null {
  return text === undefined ? null : Number(text);
}

/** How ParScore writes a period: "2024", "Tháng 3", "Tháng 3/2025", "Quý I", "Quý II/2025". */
export function periodLabel(p: Period): string {
  if (p.kind === "year") return String(p.year);
  const head = p.kind === "month" ? `Tháng ${p.index}` : `Quý ${ROMAN[p.index - 1]}`;
  return p.year === null ? head : `${head}/${p.year}`;
}

/** A header label's period written ParScore's way, or null when it names none. */
export function normalisePeriod(label: string): string | null {
  const p = parsePeriod(label);
  return p ? periodLabel(p) : null;
}

const KIND_ORDER: Record<PeriodKind, number> = { year: 0, quarter: 1, month: 2 };

/**
 * Orders periods in time: "" (a single period) first, then by year (periods without a year after those
 * with one), then months and quarters in their order; labels that are no period after all, as text.
 */
export function comparePeriodLabels(a: string, b: string): number {
  if (a === b) return 0;
  if (a.trim() === "" || b.trim() === "") return a.trim() === "" ? -1 : 1;
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  const na = /^\d+$/.test(a.trim());
  const nb = /^\d+$/.test(b.trim());
  // Whole numbers that are no year ("999") keep their numeric place among years.
  if (na && nb) return Number(a.trim()) - Number(b.trim());
  if (pa && pb) {
    const ya = pa.year ?? Number.POSITIVE_INFINITY;
    const yb = pb.year ?? Number.POSITIVE_INFINITY;
    if (ya !== yb) return ya < yb ? -1 : 1;
    if (pa.kind !== pb.kind) return KIND_ORDER[pa.kind] - KIND_ORDER[pb.kind];
    if (pa.index !== pb.index) return pa.index - pb.index;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const ka = na || pa !== null;
  const kb = nb || pb !== null;
  if (ka !== kb) return ka ? -1 : 1;
  if (na && pb) return Number(a.trim()) - (pb.year ?? Number.POSITIVE_INFINITY);
  if (pa && nb) return (pa.year ?? Number.POSITIVE_INFINITY) - Number(b.trim());
  return a < b ? -1 : a > b ? 1 : 0;
}
