import Decimal from "decimal.js";
import fc from "fast-check";
import { analyse, type AnalysisOptions } from "../../src/engine/analyse";
import { decimalOfScaled, formatScaledShort, roundScaled, scaledInteger } from "../../src/engine/columnar";
import { PAR_2022_PROVINCE_GROUPS } from "../../src/engine/classes";
import { formatPointsShort, fromSpreadsheetNumber, parsePoints, roundPoints } from "../../src/engine/points";
import { decimalsOfScaled, ScaledPoints, scaledOfBareText, scaledOfNumber } from "../../src/engine/scaled-points";
import type { Analysis, Points, RankTable } from "../../src/engine/types";
import { TOTAL_CODE } from "../../src/engine/types";
import { randomScorecard, withScaledPoints } from "./columnar-tables";
import { col, crit, scorecard } from "./helpers";

/** `npm test` runs 1,000 tables; the bench's property job (bench/property.js) sets 10,000 or more. */
const RUNS = Number(process.env.PARSCORE_PROPERTY_RUNS ?? 1000);

/** Exact text of a Decimal, sign of zero included ("-0" differs from "0"). */
const x = (v: Points | null | undefined): string | null => (v == null ? null : v.isZero() && v.isNegative() ? "-0" : v.toFixed());

function ranksOf(tables: readonly RankTable[] | undefined) {
  return tables?.map((t) => ({
    period: t.period,
    code: t.code,
    block: t.block,
    decimals: t.decimals,
    entries: t.entries.map((e) => ({ unit: e.unit, rank: e.rank, tieCount: e.tieCount, of: e.of, label: e.label, value: x(e.value) })),
  }));
}

/** Everything an Analysis says, with Decimals as exact text and nodes in their stored order. */
function facts(a: Analysis) {
  return {
    columns: a.columns.map((c) => ({
      key: c.column.key,
      nodes: [...c.nodes].map(([code, r]) => ({
        code,
        achieved: x(r.achieved),
        given: x(r.given),
        max: x(r.max),
        lost: x(r.lost),
        percent: x(r.percent),
        notApplicable: r.notApplicable,
        kind: r.kind,
        extra: r.extra,
        missing: r.missingCodes,
        cut: r.appraisalDeduction === undefined ? "none" : x(r.appraisalDeduction),
      })),
      summary: {
        fullMarkCount: c.leafSummary.fullMarkCount,
        fullMarkPoints: x(c.leafSummary.fullMarkPoints),
        belowMaxCount: c.leafSummary.belowMaxCount,
        belowMaxAchieved: x(c.leafSummary.belowMaxAchieved),
        belowMaxMax: x(c.leafSummary.belowMaxMax),
        belowMaxLost: x(c.leafSummary.belowMaxLost),
      },
      class: c.class,
    })),
    ranks: ranksOf(a.ranks),
    overallRanks: ranksOf(a.overallRanks),
    changes: a.changes.map((c) => ({ ...c, pointsDelta: x(c.pointsDelta) })),
    findings: a.findings,
  };
}

describe("the columnar lane equals decimal.js", () => {
  it(`on ${RUNS} random tables: every total, deduction, percent, rank, change, class and finding`, () => {
    let columns = 0;
    let onLane = 0;
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom<AnalysisOptions>({}, { rankOn: "exact" }, { classScheme: PAR_2022_PROVINCE_GROUPS }, { tiesAt: "fixed" }), (seed, options) => {
        const sc = randomScorecard(seed);
        const lane = analyse(sc, options);
        columns += lane.columns.length;
        onLane += lane.columns.filter((c) => c.nodes.constructor !== Map).length;
        expect(facts(lane)).toEqual(facts(analyse(sc, { ...options, exactLane: "decimal" })));
      }),
      { numRuns: RUNS },
    );
    // The generator must exercise the lane itself, not only the columns it hands to decimal.js. About a third
    // of its columns stay on the lane (random roll-up rules send some off it), so a quarter is the floor.
    expect(onLane).toBeGreaterThan(columns / 4);
  });

  it(`on ${RUNS} random tables with their points as a reader keeps them (integers, PointValues made when read)`, () => {
    let lazy = 0;
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom<AnalysisOptions>({}, { rankOn: "exact" }, { tiesAt: "fixed" }), (seed, options) => {
        const sc = randomScorecard(seed);
        const scaled = withScaledPoints(sc);
        const plain = withScaledPoints(sc);
        // The reference reads the same PointValues from ordinary Maps (iterating makes them all).
        for (const c of plain.columns) c.points = new Map(c.points);
        const lane = analyse(scaled, options);
        lazy += scaled.columns.filter((c) => c.points instanceof ScaledPoints && c.points.scaledOf(c.points.layout.codes[0] ?? "") !== null).length;
        expect(facts(lane)).toEqual(facts(analyse(plain, { ...options, exactLane: "decimal" })));
      }),
      { numRuns: RUNS },
    );
    // The lane read the integers of most columns without making their points.
    expect(lazy).toBeGreaterThan(0);
  });

  it("reads a column published with 7 decimals through decimal.js, with the same ranks", () => {
    const sc = scorecard([crit("1", 1)], [col("A", "", { "1": "0.1234567" }), col("B", "", { "1": "0.1234568" })]);
    expect(facts(analyse(sc))).toEqual(facts(analyse(sc, { exactLane: "decimal" })));
    const ranks = analyse(sc).ranks;
    expect(ranks.find((t) => t.code === "1")!.entries.map((e) => e.unit)).toEqual(["B", "A"]);
    // The total is ParScore's own sum: its ties are decided on 2 decimals.
    expect(ranks.find((t) => t.code === TOTAL_CODE)!.entries.map((e) => e.label)).toEqual(["1(2)", "1(2)"]);
  });
});


describe("scaled integers", () => {
  it("read bare texts and spreadsheet numbers as parsePoints does, or leave them to it", () => {
    const text = fc
      .tuple(fc.boolean(), fc.nat({ max: 99_999_999 }), fc.constantFrom("", ",", "."), fc.stringMatching(/^\d{1,9}$/))
      .map(([neg, whole, sep, fraction]) => `${neg ? "-" : ""}${whole}${sep}${sep ? fraction : ""}`);
    fc.assert(
      fc.property(text, (t) => {
        const parsed = parsePoints(t);
        if (!parsed.ok) throw new Error(`not a number: ${t}`);
        const expected = scaledInteger(parsed.value);
        const got = scaledOfBareText(t);
        expect(got === undefined ? null : x(decimalOfScaled(got))).toBe(expected === null ? null : x(parsed.value));
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -3e6, max: 3e6 }), (d) => {
        const expected = scaledInteger(fromSpreadsheetNumber(d));
        const got = scaledOfNumber(d);
        expect(got === undefined ? null : x(decimalOfScaled(got))).toBe(expected === null ? null : x(fromSpreadsheetNumber(d)));
      }),
      { numRuns: RUNS },
    );
    expect(scaledOfBareText("8,75 điểm")).toBeUndefined();
    expect(scaledOfBareText("0,5000000")).toBe(500000);
    expect(scaledOfBareText("0,1234567")).toBeUndefined();
    expect(Object.is(scaledOfBareText("-0,00"), -0)).toBe(true);
    expect(decimalsOfScaled(650000)).toBe(2);
  });


  it("are exact millionths of a point, refusing more decimals or too large values", () => {
    expect(scaledInteger(new Decimal("0.57"))).toBe(570000);
    expect(scaledInteger(new Decimal("-12.000001"))).toBe(-12000001);
    expect(scaledInteger(new Decimal("1234567.5"))).toBe(1234567500000);
    expect(scaledInteger(new Decimal("0.0000001"))).toBeNull();
    expect(scaledInteger(new Decimal("1e12"))).toBeNull();
    expect(scaledInteger(new Decimal("1.5"), 0)).toBeNull();
    expect(scaledInteger(new Decimal("1500"), 0)).toBe(1500);
    expect(decimalOfScaled(-2345000).toFixed()).toBe("-2.345");
  });

  it("are written as formatPointsShort writes their Decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: -9e15, max: 9e15 }), fc.integer({ min: 0, max: 7 }), fc.constantFrom<"vi" | "en">("vi", "en"), (n, d, lang) => {
        expect(formatScaledShort(n, lang, d)).toBe(formatPointsShort(decimalOfScaled(n), lang, d));
      }),
      { numRuns: RUNS },
    );
    for (const n of [0, -0, -4000, 4000, -5000, 1, 999_999, 1_000_000, -1_005_000, 123_456_789_012]) {
      for (const d of [0, 2, 6]) for (const lang of ["vi", "en"] as const) expect(formatScaledShort(n, lang, d)).toBe(formatPointsShort(decimalOfScaled(n), lang, d));
    }
  });

  it("round half-up away from zero, as roundPoints does", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 6 }), (n, d) => {
        expect(decimalOfScaled(roundScaled(n, d)).eq(roundPoints(decimalOfScaled(n), d))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("give the total of a clean table without building its nodes until read", () => {
    const sc = scorecard([crit("1", 2, [crit("1.1", 1), crit("1.2", 1)])], [col("A", "", { "1.1": "0,75", "1.2": "1" }), col("B", "", { "1.1": "1", "1.2": "0,5" })]);
    const a = analyse(sc);
    expect(a.findings).toEqual([]);
    expect(a.columns[0].nodes.size).toBe(4);
    expect(x(a.columns[0].nodes.get(TOTAL_CODE)!.achieved)).toBe("1.75");
    expect([...a.columns[1].nodes.keys()]).toEqual(["1.1", "1.2", "1", TOTAL_CODE]);
  });
});
