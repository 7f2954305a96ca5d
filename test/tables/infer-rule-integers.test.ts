import Decimal from "decimal.js";
import fc from "fast-check";
import { sumFits } from "../../src/tables/infer-rule";
import type { Criterion, PointValue, ScoreColumn, Scorecard } from "../../src/engine/types";
import { withScaledPoints } from "../engine/columnar-tables";
import { seeded as prng } from "../helpers/seeded";

/** `npm test` runs 1,000 tables; the bench's property job may set more. */
const RUNS = Number(process.env.PARSCORE_PROPERTY_RUNS ?? 1000);

const part = (code: string): Criterion => ({ code, title: `Thành phần ${code}`, max: null, kind: "ordinary", level: 1, children: [] });

const halfUnit = (decimals: number) => new Decimal("0.5").div(new Decimal(10).pow(decimals));
const decimalsOf = (v: PointValue) => v.decimals ?? v.value!.decimalPlaces();

/**
 * A table of parts and a published total, each total within a few 10^-7 of what the rounding allows:
 * values with 0-7 decimals, some with the decimals the reader saw ("0,650"), some beyond the integers,
 * N/A, blanks, missing cells, self-assessment columns.
 */
function randomTable(seed: number): { scorecard: Scorecard; parts: Criterion[] } {
  const rand = prng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const parts = Array.from({ length: 2 + int(4) }, (_, i) => part(String(i + 1)));
  const value = (): PointValue => {
    const roll = rand();
    if (roll < 0.04) return { value: null, notApplicable: true };
    if (roll < 0.07) return { value: null };
    const decimals = int(8);
    const big = rand() < 0.05 ? new Decimal("3e6") : new Decimal(0);
    const v = new Decimal(int(20_000_000)).div(new Decimal(10).pow(decimals)).plus(big);
    return rand() < 0.2 ? { value: v, decimals: Math.max(v.decimalPlaces(), int(4)) } : { value: v };
  };
  const columns: ScoreColumn[] = Array.from({ length: 1 + int(8) }, (_, r) => {
    const points = new Map<string, PointValue>();
    for (const p of parts) if (rand() > 0.03) points.set(p.code, value());
    const given = parts.map((p) => points.get(p.code));
    const column: ScoreColumn = { key: `U${r}||score`, unit: `U${r}`, period: "", basis: rand() < 0.1 ? "self" : "score", points, publishedTotal: undefined, publishedRanks: new Map() };
    const totalDecimals = int(8);
    let allowed = halfUnit(totalDecimals);
    let sum = new Decimal(0);
    for (const v of given) {
      if (!v?.value) continue;
      sum = sum.plus(v.value);
      allowed = allowed.plus(halfUnit(decimalsOf(v)));
    }
    allowed = Decimal.max(allowed, "0.01");
    const offset = allowed.plus(new Decimal(int(3) - 1).times("1e-7")).times(rand() < 0.5 ? 1 : -1);
    const total = rand() < 0.8 ? sum.plus(offset) : sum.plus(new Decimal(int(100)).div(100));
    if (rand() > 0.05) column.publishedTotal = rand() < 0.3 ? { value: total, decimals: Math.max(total.decimalPlaces(), int(3)) } : { value: total };
    return column;
  });
  return { scorecard: { criteria: parts, columns, findings: [] }, parts };
}

/** The rows and the rows the plain sum reproduces, by decimal.js as the rule's definition says it. */
function byDecimal(scorecard: Scorecard, parts: readonly Criterion[]): { rows: number; fits: number } {
  let rows = 0;
  let fits = 0;
  for (const c of scorecard.columns) {
    const total = c.publishedTotal;
    if (c.basis !== "score" || !total?.value) continue;
    const values = parts.map((p) => c.points.get(p.code));
    if (values.some((v) => !v || v.value === null || v.notApplicable)) continue;
    rows++;
    const sum = values.reduce((acc, v) => acc.plus(v!.value!), new Decimal(0));
    const allowed = Decimal.max("0.01", values.reduce((acc, v) => acc.plus(halfUnit(decimalsOf(v!))), halfUnit(decimalsOf(total))));
    if (sum.minus(total.value).abs().lte(allowed)) fits++;
  }
  return { rows, fits };
}

describe("the plain-sum test of an inferred total rule, on a reader's integers", () => {
  it(`counts the rows and the rows the sum reproduces as decimal.js does, on ${RUNS} random tables at the edge of the rounding`, () => {
    let fits = 0;
    let misses = 0;
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const { scorecard, parts } = randomTable(seed);
        const expected = byDecimal(scorecard, parts);
        fits += expected.fits;
        misses += expected.rows - expected.fits;
        expect(sumFits(scorecard, parts)).toEqual(expected);
        // The same cells kept as a reader keeps them (integers; PointValues made when read, without the
        // decimals a reader saw): the reference reads the PointValues it makes.
        expect(sumFits(withScaledPoints(scorecard), parts)).toEqual(byDecimal(withScaledPoints(scorecard), parts));
      }),
      { numRuns: RUNS },
    );
    // Both sides of the edge were tried.
    expect(fits).toBeGreaterThan(RUNS / 10);
    expect(misses).toBeGreaterThan(RUNS / 10);
  });
});
