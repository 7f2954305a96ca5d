import Decimal from "decimal.js";
import { analyse } from "../../src/engine/analyse";
import type { Criterion, RollupRule, Scorecard } from "../../src/engine/types";
import { TOTAL_CODE } from "../../src/engine/types";
import { contributionFactors } from "../../src/engine/rules";
import { targetGap } from "../../src/engine/targets";
import { col, crit, D, s } from "./helpers";

/** PCI 2021 (pcivietnam.vn): 10 sub-indices on 10, weighted to 100 (5% … 20%). */
const PCI_WEIGHTS = ["0.05", "0.05", "0.2", "0.05", "0.1", "0.05", "0.05", "0.2", "0.2", "0.05"];
function pciScorecard(): Scorecard {
  const criteria = PCI_WEIGHTS.map((w, i) => ({ ...crit(String(i + 1), 10), weight: D(w) }));
  const row = (unit: string, values: string[], total: string) =>
    col(unit, "2021", Object.fromEntries(values.map((v, i) => [String(i + 1), v])), { publishedTotal: total });
  return {
    criteria,
    columns: [
      row("Quảng Ninh", ["7.98", "7.39", "6.31", "8.52", "7.85", "6.96", "7.74", "7.39", "7.27", "7.91"], "73.02"),
      row("Hải Phòng", ["6.52", "6.77", "6.82", "7.64", "6.70", "6.02", "7.73", "7.49", "7.17", "7.21"], "70.61"),
    ],
    findings: [],
    total: { rollup: "weighted-mean", max: D(100) },
  };
}

describe("roll-up rules (issue 22), hand-worked", () => {
  it("PCI: a weighted mean of 10 sub-indices on 10, brought to 100", () => {
    for (const exactLane of ["columnar", "decimal"] as const) {
      const a = analyse(pciScorecard(), { exactLane });
      const [qn, hp] = a.columns;
      // Quảng Ninh: 0,05 × (7,98+7,39+8,52+6,96+7,74+7,91) + 0,2 × (6,31+7,39+7,27) + 0,1 × 7,85 = 7,304 → × 100/10
      // = 73,04; VCCI publishes 73,02, computed from unrounded sub-indices: within their rounding, it is kept.
      expect(s(qn.nodes.get(TOTAL_CODE)!.achieved)).toBe("73.02");
      expect(s(qn.nodes.get(TOTAL_CODE)!.max)).toBe("100");
      expect(s(qn.nodes.get(TOTAL_CODE)!.lost)).toBe("26.98");
      expect(s(qn.nodes.get(TOTAL_CODE)!.percent)).toBe("73.02");
      // Hải Phòng: 7,0605 × 10 = 70,605, published 70,61: equal at the published 2 decimals.
      expect(s(hp.nodes.get(TOTAL_CODE)!.achieved)).toBe("70.61");
      expect(a.ranks.find((t) => t.code === TOTAL_CODE)!.entries.map((e) => `${e.unit} ${e.rank}`)).toEqual(["Quảng Ninh 1", "Hải Phòng 2"]);
      // Quảng Ninh's 73,02 is 0,02 from 73,04: VCCI computes from unrounded sub-indices; the 10 sub-indices'
      // rounding (± 0,005 each, × their factor 10 in all) allows 0,01 × (1 + 10) / 2 = 0,055.
      expect(a.findings.map((f) => `${f.severity}:${f.kind}:${f.column}`)).toEqual(["info:rounding-difference:Quảng Ninh|2021|score"]);
    }
  });

  it("PCI: a sub-index's lost points count at its weight in the total", () => {
    const sc = pciScorecard();
    for (const c of sc.columns) delete c.publishedTotal;
    const a = analyse(sc);
    expect(s(a.columns[0].nodes.get(TOTAL_CODE)!.achieved)).toBe("73.04");
    const factors = contributionFactors(sc.criteria, sc.total);
    expect(s(factors.get("3"))).toBe("2"); // 20% × 100 / 10
    expect(s(factors.get("1"))).toBe("0.5");
    const qn = a.columns[0].nodes;
    // Tính minh bạch: 10 − 6,31 = 3,69 lost, 7,38 of the total.
    expect(s(qn.get("3")!.lost!.times(factors.get("3")!))).toBe("7.38");
    const weighted = sc.criteria.reduce((acc, c) => acc.plus(qn.get(c.code)!.lost!.times(factors.get(c.code)!)), new Decimal(0));
    expect(s(weighted)).toBe(s(qn.get(TOTAL_CODE)!.lost));
  });

  it("SIPAS: percentages averaged (mean), with a division kept to 12 decimals", () => {
    const items = ["1", "2", "3"].map((c) => crit(c, 100));
    const sc: Scorecard = {
      criteria: items,
      columns: [col("Sở A", "", { "1": "80", "2": "85", "3": "90.5" }), col("Sở B", "", { "1": "88", "2": "86", "3": "81.5" })],
      findings: [],
      total: { rollup: "mean", max: null },
    };
    for (const exactLane of ["columnar", "decimal"] as const) {
      const a = analyse(sc, { exactLane });
      // (80 + 85 + 90,5) / 3 = 85,1666… ; (88 + 86 + 81,5) / 3 = 85,1666…: a tie.
      expect(s(a.columns[0].nodes.get(TOTAL_CODE)!.achieved)).toBe("85.166666666667");
      expect(s(a.columns[0].nodes.get(TOTAL_CODE)!.max)).toBe("100");
      expect(s(a.columns[0].nodes.get(TOTAL_CODE)!.lost)).toBe("14.833333333333");
      expect(a.ranks.find((t) => t.code === TOTAL_CODE)!.entries.map((e) => e.label)).toEqual(["1(2)", "1(2)"]);
      expect(a.findings).toEqual([]);
    }
  });

  it("a mean of the applicable parts: N/A leaves the count, a blank counts 0 (a lower bound)", () => {
    const sc: Scorecard = {
      criteria: [crit("1", 100, [crit("1.1", 100), crit("1.2", 100), crit("1.3", 100)])],
      columns: [col("A", "", { "1.1": "90", "1.2": "N/A", "1.3": "80" }), col("B", "", { "1.1": "90", "1.2": null, "1.3": "80" })],
      findings: [],
    };
    sc.criteria[0].rollup = "mean";
    const a = analyse(sc);
    expect(s(a.columns[0].nodes.get("1")!.achieved)).toBe("85");
    expect(s(a.columns[1].nodes.get("1")!.achieved)).toBe("56.666666666667");
    expect(a.columns[1].nodes.get("1")!.missingCodes).toEqual(["1.2"]);
  });

  it("a scaled sum ('quy đổi về thang điểm 100') and a weighted sum", () => {
    const scaled: Criterion = { ...crit("1", 100, [crit("1.1", 20), crit("1.2", 30), crit("1.3", 40)]), rollup: "scaled-sum" };
    const weighted: Criterion = { ...crit("2", 15, [{ ...crit("2.1", 5), weight: D(2) }, { ...crit("2.2", 5), weight: D(1) }]), rollup: "weighted-sum" };
    const sc: Scorecard = { criteria: [scaled, weighted], columns: [col("A", "", { "1.1": "18", "1.2": "27", "1.3": "36", "2.1": "4", "2.2": "3" })], findings: [] };
    for (const exactLane of ["columnar", "decimal"] as const) {
      const a = analyse(sc, { exactLane });
      const nodes = a.columns[0].nodes;
      expect(s(nodes.get("1")!.achieved)).toBe("90"); // 81 × 100 / 90
      expect(s(nodes.get("2")!.achieved)).toBe("11"); // 2 × 4 + 1 × 3
      expect(s(nodes.get("2")!.max)).toBe("15");
      expect(s(nodes.get(TOTAL_CODE)!.achieved)).toBe("101");
      expect(s(nodes.get(TOTAL_CODE)!.max)).toBe("115");
      expect(a.findings).toEqual([]);
    }
  });

  it("reports weights that do not add up, a missing weight and an unknown rule, located", () => {
    const sc = pciScorecard();
    sc.criteria[0].weight = D("0.1");
    sc.criteria[0].weightLocation = { sheet: "PCI", cell: "B3" };
    const kinds = (x: Scorecard) => analyse(x).findings.filter((f) => f.kind !== "rounding-difference" && f.kind !== "sum-mismatch").map((f) => `${f.kind}@${f.location?.cell}`);
    expect(kinds(sc)).toEqual(["weights-sum@B3"]);
    delete sc.criteria[1].weight;
    expect(kinds(sc)).toEqual(["missing-weight@B:2"]);
    sc.total = { rollup: "median" as RollupRule, max: null };
    expect(kinds(sc)).toEqual(["unknown-rollup@undefined"]);
  });
});

describe("targets under a weighted total (issue 22)", () => {
  it("win back first the points that move the total most: a sub-index's lost points at its weight", () => {
    const sc = pciScorecard();
    for (const c of sc.columns) delete c.publishedTotal;
    const gap = targetGap(analyse(sc), { unit: "Hải Phòng", targetRank: 1 });
    // 73,04 − 70,61 (ranked at 2 decimals) = 2,43.
    expect(s(gap.pointsNeeded)).toBe("2.43");
    // Tính minh bạch: 10 − 6,82 = 3,18 lost, × 2 in the total = 6,36, ahead of Cạnh tranh bình đẳng's 3,98 × 0,5.
    expect(gap.candidates[0].code).toBe("3");
    expect(s(gap.candidates[0].lost)).toBe("3.18");
    expect(s(gap.candidates[0].lostInTarget)).toBe("6.36");
    expect(gap.coveredAfter).toBe(1);
  });
});
