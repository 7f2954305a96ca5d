import { analyse } from "../../src/engine/analyse";
import { leafSummary } from "../../src/engine/deductions";
import { rollUpColumn } from "../../src/engine/rollup";
import { TOTAL_CODE } from "../../src/engine/types";
import type { Criterion } from "../../src/engine/types";
import type { RawValue } from "./helpers";
import { col, crit, s, scorecard } from "./helpers";

describe("leaf summary (seed 001 wording)", () => {
  // Built so the figures are seed 001's: 60 TCTP at full marks worth 43,75 points, and 21 TCTP below max
  // with 12,57 of 22,75 points (10,18 lost).
  function build() {
    const full: Criterion[] = [];
    const values: Record<string, RawValue> = {};
    for (let i = 1; i <= 60; i += 1) {
      const max = i <= 35 ? "0,75" : "0,7";
      full.push(crit(`1.${i}`, max));
      values[`1.${i}`] = max;
    }
    const below: Criterion[] = [];
    for (let i = 1; i <= 20; i += 1) {
      below.push(crit(`2.${i}`, 1));
      values[`2.${i}`] = "0,6";
    }
    below.push(crit("2.21", "2,75"));
    values["2.21"] = "0,57";
    // Not counted: an N/A leaf, a missing leaf, a bonus leaf and an extra row.
    below.push(crit("2.22", 1), crit("2.23", 1));
    values["2.22"] = "N/A";
    values["2.23"] = null;
    const bonus = crit("T", 1, [], { kind: "bonus" });
    values.T = "0,5";
    const extra = crit("X", 10, [], { extra: true });
    values.X = "3";
    return scorecard([crit("1", "43,75", full), crit("2", null, below), bonus, extra], [col("Tỉnh", "2019", values)]);
  }

  it("counts 60 TCTP at full marks (43,75) and 21 below (12,57/22,75, 10,18 lost)", () => {
    const sc = build();
    const { nodes } = rollUpColumn(sc.criteria, sc.columns[0]);
    const sum = leafSummary(sc.criteria, nodes);
    expect(sum.fullMarkCount).toBe(60);
    expect(s(sum.fullMarkPoints)).toBe("43.75");
    expect(sum.belowMaxCount).toBe(21);
    expect(s(sum.belowMaxAchieved)).toBe("12.57");
    expect(s(sum.belowMaxMax)).toBe("22.75");
    expect(s(sum.belowMaxLost)).toBe("10.18");
  });

  it("is part of each column's analysis", () => {
    const a = analyse(build());
    expect(a.columns[0].leafSummary.fullMarkCount).toBe(60);
  });
});

describe("appraisal deduction (self-assessed - appraised)", () => {
  const criteria = () => [crit("1", 10, [crit("1.1", 4), crit("1.2", 6)]), crit("2", 5)];

  it("is set on the score column's nodes where a self column of the same unit and period exists", () => {
    const sc = scorecard(criteria(), [
      col("Sở Tư pháp", "2023", { "1.1": "4", "1.2": "6", "2": "5" }, { basis: "self" }),
      col("Sở Tư pháp", "2023", { "1.1": "3,5", "1.2": "5,25", "2": null }),
      col("Sở Tư pháp", "2022", { "1.1": "4", "1.2": "6", "2": "5" }),
    ]);
    const a = analyse(sc);
    const score = a.columns[1].nodes;
    expect(s(score.get("1.1")!.appraisalDeduction)).toBe("0.5");
    expect(s(score.get("1")!.appraisalDeduction)).toBe("1.25");
    expect(score.get("2")!.appraisalDeduction).toBeNull();
    expect(s(score.get(TOTAL_CODE)!.appraisalDeduction)).toBe("6.25");
    // No self column for 2022; self columns themselves carry none.
    expect(a.columns[2].nodes.get("1.1")!.appraisalDeduction).toBeUndefined();
    expect(a.columns[0].nodes.get("1.1")!.appraisalDeduction).toBeUndefined();
  });

  it("is negative when the council gave more than the unit claimed", () => {
    const sc = scorecard(criteria(), [
      col("U", "", { "1.1": "3", "1.2": "6", "2": "5" }, { basis: "self" }),
      col("U", "", { "1.1": "4", "1.2": "6", "2": "5" }),
    ]);
    expect(s(analyse(sc).columns[1].nodes.get("1.1")!.appraisalDeduction)).toBe("-1");
  });
});
