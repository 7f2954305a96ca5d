/**
 * Evidence about a table's columns from their content and from arithmetic: what kind of values a
 * column holds (numbers, whole numbers, class words, distinct names), whether parts add up to a
 * total within 0,01, whether points / max = rate, whether whole numbers order another column as
 * ranks do. Column roles (column-roles.ts) weigh this evidence against the header words.
 */
import Decimal from "decimal.js";
import { parsePoints } from "../engine/points";
import type { CellValue } from "./grid";
import { isClassLikeValue } from "./blocks";

/** The published rounding: parts, totals and rates are given to 0,01. */
export const PUBLISHED_TOLERANCE = new Decimal("0.01");
const HUNDRED = new Decimal(100);

/** How many rows a check could look at, and how many agreed. */
export interface Agreement {
  checked: number;
  agreed: number;
}

/** Enough rows agree: at least two, and four in five of those checked. */
export function holds(a: Agreement): boolean {
  return a.checked >= 2 && a.agreed * 5 >= a.checked * 4;
}

/** Checked on three rows or more, and at most one in five agreed: the relation does not hold at all. */
export function neverHolds(a: Agreement): boolean {
  return a.checked >= 3 && a.agreed * 5 <= a.checked;
}

/** What a column holds over a sample of data rows. */
export interface ColumnProfile {
  /** Non-blank cells. */
  cells: number;
  /** Cells that read as a number (numbers, "8,75", "91,04%"). */
  numbers: number;
  /** Of them, positive whole numbers (ranks, order numbers). */
  wholes: number;
  /** Text that is no number. */
  texts: number;
  /** Of them, result classes (Xuất sắc, Tốt, Khá, Trung bình, Yếu, A, B). */
  classWords: number;
  /** Distinct texts among them. */
  distinctTexts: number;
  /** The number each sampled row holds, or null. */
  values: (Decimal | null)[];
}

/** A cell's number, or null: numbers, text numbers with comma or dot, "91,04%", "8,75 điểm". */
export function numberOf(raw: CellValue): Decimal | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? new Decimal(raw.toPrecision(15)) : null;
  if (typeof raw !== "string" || !/\d/.test(raw)) return null;
  const parsed = parsePoints(raw);
  return parsed.ok ? parsed.value : null;
}

export function profileColumn(cells: readonly CellValue[]): ColumnProfile {
  const profile: ColumnProfile = { cells: 0, numbers: 0, wholes: 0, texts: 0, classWords: 0, distinctTexts: 0, values: [] };
  const distinct = new Set<string>();
  for (const raw of cells) {
    const value = numberOf(raw);
    profile.values.push(value);
    if (raw === null || (typeof raw === "string" && raw.trim() === "")) continue;
    profile.cells++;
    if (value !== null) {
      profile.numbers++;
      if (value.isInteger() && value.gt(0)) profile.wholes++;
    } else if (typeof raw === "string") {
      profile.texts++;
      if (isClassLikeValue(raw)) profile.classWords++;
      distinct.add(raw.trim());
    }
  }
  profile.distinctTexts = distinct.size;
  return profile;
}

/** Mostly text that is no number (names, classes, notes): never points. */
export function isTextColumn(p: ColumnProfile): boolean {
  return p.texts >= 2 && p.texts * 5 >= p.cells * 4;
}

/** Mostly result classes (Tốt, Khá, A, B): the published class, never points. */
export function isClassColumn(p: ColumnProfile): boolean {
  return p.classWords >= 2 && p.classWords * 5 >= p.cells * 4;
}

/** Distinct names down the column, one per row: the units. */
export function isNameColumn(p: ColumnProfile): boolean {
  return isTextColumn(p) && !isClassColumn(p) && p.distinctTexts * 10 >= p.texts * 9;
}

/** Whole numbers from 1 up: ranks or order numbers. */
export function isWholeNumberColumn(p: ColumnProfile): boolean {
  return p.numbers >= 2 && p.wholes === p.numbers && p.numbers * 5 >= p.cells * 4;
}

/** Each row's sum of the parts, or null where a part is missing. */
export function rowSums(parts: ReadonlyArray<ReadonlyArray<Decimal | null>>, rows: number): (Decimal | null)[] {
  const sums: (Decimal | null)[] = [];
  for (let row = 0; row < rows; row++) {
    let sum: Decimal | null = parts.length > 0 ? new Decimal(0) : null;
    for (const part of parts) {
      const v = part[row];
      if (v === null || v === undefined || sum === null) {
        sum = null;
        break;
      }
      sum = sum.plus(v);
    }
    sums.push(sum);
  }
  return sums;
}

/** Rows where the sums are given and equal the total within 0,01. */
export function sumsAgree(sums: ReadonlyArray<Decimal | null>, total: ReadonlyArray<Decimal | null>): Agreement {
  const a: Agreement = { checked: 0, agreed: 0 };
  total.forEach((t, row) => {
    const sum = sums[row];
    if (t === null || sum === null || sum === undefined) return;
    a.checked++;
    if (sum.minus(t).abs().lte(PUBLISHED_TOLERANCE)) a.agreed++;
  });
  return a;
}

/** Rows where every part and the total are given, and the parts add up to the total within 0,01. */
export function addsUp(parts: ReadonlyArray<ReadonlyArray<Decimal | null>>, total: ReadonlyArray<Decimal | null>): Agreement {
  return sumsAgree(rowSums(parts, total.length), total);
}

/** Rows where points x 100 / max is the rate within 0,01 (max per row, or one max for all rows). */
export function isRateOf(rate: ReadonlyArray<Decimal | null>, points: ReadonlyArray<Decimal | null>, max: ReadonlyArray<Decimal | null> | Decimal): Agreement {
  const a: Agreement = { checked: 0, agreed: 0 };
  rate.forEach((r, row) => {
    const p = points[row];
    const m = max instanceof Decimal ? max : max[row];
    if (r === null || p === null || p === undefined || m === null || m === undefined || m.isZero()) return;
    a.checked++;
    if (p.times(HUNDRED).div(m).minus(r).abs().lte(PUBLISHED_TOLERANCE)) a.agreed++;
  });
  return a;
}

/**
 * Pairs of rows whose ranks follow their values (the higher value has the better rank, equal values
 * share a rank): the share of pairs that agree. Ranks that order a column, the way a ranking does.
 */
export function ranksOrder(ranks: ReadonlyArray<Decimal | null>, values: ReadonlyArray<Decimal | null>): Agreement {
  const rows: Array<[number, Decimal]> = [];
  ranks.forEach((r, i) => {
    const v = values[i];
    if (r !== null && v !== null && v !== undefined) rows.push([r.toNumber(), v]);
  });
  const a: Agreement = { checked: 0, agreed: 0 };
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const byValue = rows[j][1].comparedTo(rows[i][1]);
      const byRank = Math.sign(rows[i][0] - rows[j][0]);
      a.checked++;
      if (byValue === byRank) a.agreed++;
    }
  }
  return a;
}
