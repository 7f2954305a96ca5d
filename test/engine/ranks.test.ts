import Decimal from "decimal.js";
import { analyse } from "../../src/engine/analyse";
import { comparePeriods, competitionRanks, formatRankLabel, rankTables } from "../../src/engine/ranks";
import { TOTAL_CODE } from "../../src/engine/types";
import type { RankResult } from "../../src/engine/types";
import { D, col, crit, s, scorecard } from "./helpers";

const e = (pairs: [string, string][]) => pairs.map(([unit, v]) => ({ unit, value: D(v) }));
const brief = (r: RankResult[]) => r.map((x) => `${x.unit}:${x.label}`);

describe("competitionRanks (standard competition, 1224)", () => {
  it("ranks highest first without ties", () => {
    const r = competitionRanks(e([["B", "70"], ["A", "90"], ["C", "80"]]));
    expect(brief(r)).toEqual(["A:1", "C:2", "B:3"]);
    expect(r.every((x) => x.of === 3 && x.tieCount === 1)).toBe(true);
  });

  it("ties in first place share rank 1, next rank skips", () => {
    expect(brief(competitionRanks(e([["A", "90"], ["B", "90"], ["C", "80"]])))).toEqual(["A:1(2)", "B:1(2)", "C:3"]);
  });

  it("ties in the middle: 1 2 2 4", () => {
    const r = competitionRanks(e([["A", "90"], ["B", "85"], ["C", "85"], ["D", "80"]]));
    expect(r.map((x) => x.rank)).toEqual([1, 2, 2, 4]);
    expect(r[1].tieCount).toBe(2);
  });

  it("ties in last place", () => {
    expect(brief(competitionRanks(e([["A", "90"], ["B", "80"], ["C", "80"]])))).toEqual(["A:1", "B:2(2)", "C:2(2)"]);
  });

  it("all tied", () => {
    const r = competitionRanks(e([["A", "8"], ["B", "8.00"], ["C", "8.000"]]));
    expect(r.map((x) => x.label)).toEqual(["1(3)", "1(3)", "1(3)"]);
  });

  it("empty and single-unit rankings", () => {
    expect(competitionRanks([])).toEqual([]);
    const one = competitionRanks(e([["A", "83.06"]]));
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ rank: 1, tieCount: 1, of: 1, label: "1" });
  });

  it("decides ties on the rounded value by default: 83.064 and 83.055 both publish as 83.06", () => {
    const entries = e([["A", "83.064"], ["B", "83.055"], ["C", "83.07"]]);
    const rounded = competitionRanks(entries);
    expect(brief(rounded)).toEqual(["C:1", "A:2(2)", "B:2(2)"]);
    expect(s(rounded[1].value)).toBe("83.06");
    const exact = competitionRanks(entries, { rankOn: "exact" });
    expect(brief(exact)).toEqual(["C:1", "A:2", "B:3"]);
    expect(s(exact[2].value)).toBe("83.055");
  });

  it("rounds half-up when deciding ties (83.055 -> 83.06, 83.054 -> 83.05)", () => {
    expect(brief(competitionRanks(e([["A", "83.054"], ["B", "83.055"]])))).toEqual(["B:1", "A:2"]);
    expect(brief(competitionRanks(e([["A", "83.05"], ["B", "83.14"]]), { decimals: 1 }))).toEqual(["A:1(2)", "B:1(2)"]);
  });

  it("ranks negative values (penalty rows) with the least negative first", () => {
    expect(brief(competitionRanks(e([["A", "-1"], ["B", "0"], ["C", "-0.5"]])))).toEqual(["B:1", "C:2", "A:3"]);
  });

  it("formats rank labels as seed 001 does", () => {
    expect(formatRankLabel(4, 12)).toBe("4(12)");
    expect(formatRankLabel(4, 1)).toBe("4");
    expect(formatRankLabel(13)).toBe("13");
  });
});

describe("rank tables per period and code", () => {
  const criteria = () => [crit("1", 50), crit("2", 50)];
  const sc = () =>
    scorecard(criteria(), [
      col("Bộ A", "2023", { "1": "40", "2": "45" }),
      col("Bộ B", "2023", { "1": "45", "2": "40" }),
      col("Bộ C", "2023", { "1": "49", "2": "49" }, { excluded: true }),
      col("Bộ D", "2023", { "1": "30", "2": null }),
      col("Bộ D", "2023", { "1": "50", "2": "50" }, { basis: "self" }),
      col("Bộ A", "2022", { "1": "35", "2": "35" }),
      col("Bộ B", "2022", { "1": "30", "2": "30" }),
    ]);

  it("ranks every code and the total over score columns, skipping excluded units and blanks", () => {
    const a = analyse(sc());
    const total2023 = a.ranks.find((t) => t.period === "2023" && t.code === TOTAL_CODE)!;
    expect(brief(total2023.entries)).toEqual(["Bộ A:1(2)", "Bộ B:1(2)", "Bộ D:3"]);
    const area2 = a.ranks.find((t) => t.period === "2023" && t.code === "2")!;
    expect(brief(area2.entries)).toEqual(["Bộ A:1", "Bộ B:2"]);
    expect(area2.entries[0].of).toBe(2);
    expect(a.ranks.map((t) => `${t.period}/${t.code}`)).toEqual(["2022/", "2022/1", "2022/2", "2023/", "2023/1", "2023/2"]);
  });

  it("excludes units named in the options", () => {
    const a = analyse(sc(), { excludedUnits: ["Bộ A"] });
    const total2023 = a.ranks.find((t) => t.period === "2023" && t.code === TOTAL_CODE)!;
    expect(brief(total2023.entries)).toEqual(["Bộ B:1", "Bộ D:2"]);
  });

  it("skips N/A nodes", () => {
    const s2 = scorecard(criteria(), [col("A", "", { "1": "N/A", "2": "1" }), col("B", "", { "1": "2", "2": "1" })]);
    const t = rankTables(analyse(s2).columns, ["1", "2"]).find((x) => x.code === "1")!;
    expect(brief(t.entries)).toEqual(["B:1"]);
  });

  it("orders periods numerically", () => {
    expect(["2020", "999", "2019", "Quý 1"].sort(comparePeriods)).toEqual(["999", "2019", "2020", "Quý 1"]);
  });
});

describe("published ranks versus computed", () => {
  it("notes a published rank that differs from the recomputed one, in full tables only", () => {
    const sc = scorecard(
      [crit("1", 100)],
      [
        col("A", "2023", { "1": "90" }, { ranks: { [TOTAL_CODE]: "1" } }),
        col("B", "2023", { "1": "85" }, { ranks: { [TOTAL_CODE]: "3" } }),
        col("C", "2023", { "1": "88" }, { ranks: { [TOTAL_CODE]: "2" } }),
      ],
    );
    const f = analyse(sc).findings;
    expect(f.map((x) => [x.kind, x.severity, x.column])).toEqual([]);
    sc.columns[1].points.set("1", { value: D("89") });
    const g = analyse(sc).findings;
    expect(g.map((x) => [x.kind, x.severity, x.column])).toEqual([
      ["rank-differs-from-published", "info", "B|2023|score"],
      ["rank-differs-from-published", "info", "C|2023|score"],
    ]);
    expect(g[0].message.vi).toBe("B, 2023: vị thứ tính lại của tổng điểm là 2, bảng ghi 3");
  });

  it("checks the tie count too, and leaves partial tables (published rank beyond the units) alone", () => {
    const tie = scorecard([crit("1", 100)], [col("A", "", { "1": "9" }, { ranks: { "1": "1(2)" } }), col("B", "", { "1": "8" }, { ranks: { "1": "2" } })]);
    expect(analyse(tie).findings.map((x) => x.code)).toEqual(["1"]);
    const partial = scorecard([crit("1", 100)], [col("A", "", { "1": "9" }, { ranks: { "1": "40" } }), col("B", "", { "1": "8" }, { ranks: { "1": "2" } })]);
    expect(analyse(partial).findings).toEqual([]);
  });
});

describe("competitionRanks against its definition on random values", () => {
  // rank = 1 + the number of strictly better values; tieCount = the number of equal values.
  function reference(values: Decimal[]): { rank: number; tieCount: number }[] {
    return values.map((v) => ({
      rank: 1 + values.filter((w) => w.gt(v)).length,
      tieCount: values.filter((w) => w.eq(v)).length,
    }));
  }
  let seed = 20261127;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const shapes: Array<() => string> = [
    () => (Math.floor(rand() * 2000) / 100).toString(), // 2 decimals, many ties
    () => `${Math.floor(rand() * 3)}.${"3".repeat(1 + Math.floor(rand() * 25))}`, // up to 26 significant digits
    () => `83.5${rand() < 0.5 ? "" : "0000000000000" + Math.floor(rand() * 10)}`, // 83.5 vs 83.50000000000001
    () => `-${Math.floor(rand() * 500)}.${Math.floor(rand() * 1000)}`,
  ];

  test.each(["exact", "rounded"] as const)("500 random tables of up to 60 units agree with the definition (rankOn %s)", (rankOn) => {
    for (let round = 0; round < 500; round++) {
      const n = 1 + Math.floor(rand() * 60);
      const shape = shapes[round % shapes.length];
      const values = Array.from({ length: n }, () => new Decimal(shape()));
      const entries = values.map((value, i) => ({ unit: `u${i}`, value }));
      const got = competitionRanks(entries, { rankOn });
      const decided = values.map((v) => (rankOn === "exact" ? v : v.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)));
      const want = reference(decided);
      const byUnit = new Map(got.map((r) => [r.unit, r]));
      expect(values.map((_, i) => ({ rank: byUnit.get(`u${i}`)!.rank, tieCount: byUnit.get(`u${i}`)!.tieCount }))).toEqual(want);
      // Sorted by rank; tied units keep their input order.
      for (let k = 1; k < got.length; k++) {
        expect(got[k].rank).toBeGreaterThanOrEqual(got[k - 1].rank);
        if (got[k].rank === got[k - 1].rank) expect(Number(got[k].unit.slice(1))).toBeGreaterThan(Number(got[k - 1].unit.slice(1)));
      }
    }
  });
});
