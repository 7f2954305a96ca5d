/**
 * Column roles of a table with units in rows, from evidence. The header words propose a role for
 * each column (vocabulary.ts); the content and the arithmetic of the rows then decide what the header
 * cannot: a column of class words or names is no points column, a column that is the total x 100 /
 * max is the rate (index), a column of whole numbers that orders the total is the rank, and the
 * points columns that add up to the total within 0,01 are its components (none is a summary set
 * aside). Competing readings are scored on how many rows agree; the best wins, and a close call
 * between two that both hold is said, with what was assumed.
 */
import Decimal from "decimal.js";
import { type Agreement, type ColumnProfile, holds, neverHolds, rowSums, sumsAgree, isClassColumn, isRateOf, isTextColumn, isWholeNumberColumn, ranksOrder } from "./evidence";

export type EvidenceRole = "class" | "text" | "rate" | "rank";

export interface CandidateColumn {
  col: number;
  /** Its header, for the close-call message. */
  label: string;
  profile: ColumnProfile;
}

export interface ColumnsToRead {
  /** Columns the header words would read as points of a criterion. */
  points: readonly CandidateColumn[];
  /** The published total of each sampled row, when the table has a total column. */
  total?: ReadonlyArray<Decimal | null>;
  /** Each sampled row's own maximum (Điểm tối đa per unit), when given. */
  unitMax?: ReadonlyArray<Decimal | null>;
}

export interface CloseCall {
  col: number;
  vi: string;
  en: string;
}

export interface ColumnReading {
  /** Candidate columns that are not points after all. */
  roles: Map<number, EvidenceRole>;
  /** The remaining points columns add up to the total: each is a component of it. */
  componentsAddUp: boolean;
  /**
   * The points columns do not add up to the total on (nearly) any row: the total is no sum of them (a
   * weighted index such as PCI), and they are figures beside it, never summed.
   */
  partsIndependent: boolean;
  closeCall?: CloseCall;
}

interface Reading {
  /** The candidate read as something else, if any. */
  changed?: { col: number; role: "rate" | "rank"; label: string };
  agreement: Agreement;
}

const HUNDRED = new Decimal(100);

export function readColumns(input: ColumnsToRead): ColumnReading {
  const roles = new Map<number, EvidenceRole>();
  const numeric: CandidateColumn[] = [];
  for (const c of input.points) {
    if (isClassColumn(c.profile)) roles.set(c.col, "class");
    else if (isTextColumn(c.profile)) roles.set(c.col, "text");
    else numeric.push(c);
  }
  const readings = input.total ? competingReadings(numeric, input.total, input.unitMax) : [];
  const holding = readings.filter((r) => holds(r.agreement)).sort((a, b) => share(b.agreement) - share(a.agreement));
  const best = holding[0];
  if (!best) return { roles, componentsAddUp: false, partsIndependent: readings.length > 0 && neverHolds(readings[0].agreement) };
  if (best.changed) roles.set(best.changed.col, best.changed.role);
  const reading: ColumnReading = { roles, componentsAddUp: numeric.length - (best.changed ? 1 : 0) > 0, partsIndependent: false };
  const runnerUp = holding[1];
  if (runnerUp && share(runnerUp.agreement) === share(best.agreement)) reading.closeCall = closeCall(best, runnerUp);
  return reading;
}

function share(a: Agreement): number {
  return a.checked === 0 ? 0 : a.agreed / a.checked;
}

/**
 * Every candidate a component (the plain reading, first: it wins ties), then each candidate in turn
 * taken for the rate or for the rank, the others its components (a single column equal to the total
 * is its one component, never a rate).
 */
function competingReadings(numeric: readonly CandidateColumn[], total: ReadonlyArray<Decimal | null>, unitMax?: ReadonlyArray<Decimal | null>): Reading[] {
  if (numeric.length === 0) return [];
  // One sum per row; each candidate's others are that sum less the candidate (linear in the columns).
  const sums = rowSums(numeric.map((c) => c.profile.values), total.length);
  const readings: Reading[] = [{ agreement: sumsAgree(sums, total) }];
  if (numeric.length < 2) return readings;
  const wholeRanks = total.filter((t) => t !== null).length;
  for (const c of numeric) {
    const others = sums.map((s, row) => (s === null ? null : s.minus(c.profile.values[row] ?? 0)));
    const parts = sumsAgree(others, total);
    if (!holds(parts)) continue;
    const rate = isRateOf(c.profile.values, total, unitMax ?? HUNDRED);
    readings.push({ changed: { col: c.col, role: "rate", label: c.label }, agreement: weakest(parts, rate) });
    if (isWholeNumberColumn(c.profile) && c.profile.values.every((v) => v === null || v.lte(wholeRanks))) {
      readings.push({ changed: { col: c.col, role: "rank", label: c.label }, agreement: weakest(parts, ranksOrder(c.profile.values, total)) });
    }
  }
  return readings;
}

function weakest(a: Agreement, b: Agreement): Agreement {
  if (!holds(a) || !holds(b)) return { checked: Math.max(a.checked, b.checked, 2), agreed: 0 };
  return share(a) <= share(b) ? a : b;
}

function closeCall(best: Reading, other: Reading): CloseCall | undefined {
  const at = best.changed ?? other.changed;
  if (!at) return undefined;
  const as = (r: Reading) =>
    r.changed
      ? { vi: `cột '${r.changed.label}' là ${r.changed.role === "rate" ? "tỷ lệ (%)" : "xếp hạng"}`, en: `column '${r.changed.label}' is the ${r.changed.role === "rate" ? "rate (%)" : "rank"}` }
      : { vi: "mọi cột điểm cộng lại thành tổng", en: "every points column adds up to the total" };
  const chosen = as(best);
  const rejected = as(other);
  return {
    col: at.col,
    vi: `số liệu khớp với hai cách đọc như nhau; đã hiểu ${chosen.vi}, không phải ${rejected.vi}; hãy kiểm tra tiêu đề cột`,
    en: `the figures fit two readings equally well; read as: ${chosen.en}, not: ${rejected.en}; check the column headers`,
  };
}
