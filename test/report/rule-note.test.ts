import Decimal from "decimal.js";
import { analyse } from "../../src/engine/analyse";
import type { Criterion, Scorecard } from "../../src/engine/types";
import { ruleNote } from "../../src/report/rule-note";

const leaf = (code: string, weight: string): Criterion => ({ code, title: `Chỉ số ${code}`, max: new Decimal(10), kind: "ordinary", level: 1, children: [], weight: new Decimal(weight) });

describe("the gap sheet's note on roll-up rules (issue 22)", () => {
  it("says the rule and each area's factor in the total, in Vietnamese and English", () => {
    const sc: Scorecard = { criteria: [leaf("1", "0.2"), leaf("2", "0.8")], columns: [], findings: [], total: { rollup: "weighted-mean", max: new Decimal(100) } };
    const a = analyse(sc);
    expect(ruleNote(a, "vi")).toBe(
      'Cách tính: tổng điểm là trung bình có trọng số của các lĩnh vực. Vì vậy điểm bị mất của một mục tính vào tổng theo trọng số của nó (1 điểm mất của mục ×2 là 2 điểm của tổng): 1 ×2, 2 ×8. Cột "Bị trừ" ghi điểm mất trên thang của chính mục đó.',
    );
    expect(ruleNote(a, "en")).toContain("the total is the weighted mean of the areas. So a part's lost points count in the total at its weight");
    expect(ruleNote(a, "en")).toContain(": 1 ×2, 2 ×8.");
  });

  it("says nothing on a table of sums", () => {
    const sc: Scorecard = { criteria: [leaf("1", "1")], columns: [], findings: [] };
    expect(ruleNote(analyse(sc), "vi")).toBeNull();
  });
});
