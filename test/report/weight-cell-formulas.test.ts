/**
 * Weighted rules whose weights are cells of the user's table ("Trọng số" row or column, issue 22): the live
 * formula refers to those cells (absolute references), so changing a weight recalculates. Their numbers are
 * proved against LibreOffice in test/e2e/live-formulas.test.ts; here, the formulas' shape.
 */
import Decimal from "decimal.js";
import { analyse } from "../../src/engine/analyse";
import type { Criterion, PointValue, Scorecard, TotalRule } from "../../src/engine/types";
import { TOTAL_CODE } from "../../src/engine/types";
import { achievedExpression } from "../../src/report/live-formulas";

const S = "Bảng";
const read = (ref: string) => `NUMBERVALUE(SUBSTITUTE("0"&'Bảng'!${ref},",","."),"."," ")`;

function weighted(code: string, weight: string, weightCell: string | null, max = "10"): Criterion {
  const c: Criterion = { code, title: `Tiêu chí ${code}`, max: new Decimal(max), kind: "ordinary", level: 1, children: [], weight: new Decimal(weight) };
  if (weightCell) c.weightLocation = { sheet: S, cell: weightCell };
  return c;
}

function at(cell: string, value: string): PointValue {
  return { value: new Decimal(value), location: { sheet: S, cell } };
}

function totalExpression(criteria: Criterion[], points: [string, PointValue][], total: TotalRule): string | undefined {
  const scorecard: Scorecard = {
    criteria,
    columns: [{ key: "U||score", unit: "U", period: "", basis: "score", points: new Map(points), publishedRanks: new Map() }],
    findings: [],
    total,
  };
  return achievedExpression(criteria, analyse(scorecard).columns[0], TOTAL_CODE, S, total)?.expr;
}

const down: [string, PointValue][] = [
  ["1", at("E4", "8")],
  ["2", at("E5", "9")],
  ["3", at("E6", "6")],
];

test("a weights column beside a column of parts: SUMPRODUCT of the two ranges, brought to the total's max by Σ wᵢ·maxᵢ of the weight cells", () => {
  const criteria = [weighted("1", "0.2", "D4"), weighted("2", "0.3", "D5"), weighted("3", "0.5", "D6")];
  const e = totalExpression(criteria, down, { rollup: "weighted-mean", max: new Decimal(100) });
  const w = read("$D$4:$D$6");
  expect(e).toBe(`SUM(SUMPRODUCT(${w},${read("$E$4:$E$6")})*100/SUMPRODUCT(${w},{10;10;10}))`);
});

test("a weighted mean without a max of its own divides by the weights' sum, read from the cells", () => {
  const criteria = [weighted("1", "20", "D4"), weighted("2", "30", "D5"), weighted("3", "50", "D6")];
  const e = totalExpression(criteria, down, { rollup: "weighted-mean", max: null });
  const w = read("$D$4:$D$6");
  expect(e).toBe(`SUM(SUMPRODUCT(${w},${read("$E$4:$E$6")})/SUMPRODUCT(${w}))`);
});

test("a weighted sum reads each weight cell when the weights are not one run", () => {
  const criteria = [weighted("1", "2", "D4"), weighted("2", "1", "D7"), weighted("3", "1", "D9")];
  const e = totalExpression(criteria, down, { rollup: "weighted-sum", max: null });
  expect(e).toBe(`SUM(SUM(${read("$D$4")}*SUM(${read("$E$4")}),${read("$D$7")}*SUM(${read("$E$5")}),${read("$D$9")}*SUM(${read("$E$6")})))`);
});

test("weights that are not all in cells (one from a template) stay constants", () => {
  const criteria = [weighted("1", "0.2", "D4"), weighted("2", "0.3", null), weighted("3", "0.5", "D6")];
  const e = totalExpression(criteria, down, { rollup: "weighted-mean", max: new Decimal(100) });
  expect(e).toBe(`SUM(SUMPRODUCT({0.2;0.3;0.5},${read("$E$4:$E$6")})*100/10)`);
});
