/**
 * The live formulas' shape, rule by rule (their numbers are proved against LibreOffice in
 * test/e2e/live-formulas.test.ts): ranges of adjacent cells, N/A left out, a parent's own cell when
 * nothing below it has points, bonus and penalty caps, values copied where a formula cannot follow.
 */
import Decimal from "decimal.js";
import { analyse } from "../../src/engine/analyse";
import type { Criterion, CriterionKind, PointValue, Scorecard } from "../../src/engine/types";
import { TOTAL_CODE } from "../../src/engine/types";
import { achievedExpression, changePhraseFormula, MAX_FORMULA_LENGTH, rankLabelFormula, rounded } from "../../src/report/live-formulas";

const S = "Bảng 'A'";

function crit(code: string, max: string, children: Criterion[] = [], kind: CriterionKind = "ordinary"): Criterion {
  return { code, title: `Tiêu chí ${code}`, max: new Decimal(max), kind, level: code.split(".").length, children };
}

function at(cell: string, value: string | null, extra: Partial<PointValue> = {}): PointValue {
  return { value: value === null ? null : new Decimal(value), location: { sheet: S, cell }, ...extra };
}

function expression(criteria: Criterion[], points: [string, PointValue][], code = TOTAL_CODE) {
  const scorecard: Scorecard = {
    criteria,
    columns: [{ key: "U|2024|score", unit: "U", period: "2024", basis: "score", points: new Map(points), publishedRanks: new Map() }],
    findings: [],
  };
  const analysis = analyse(scorecard);
  return achievedExpression(criteria, analysis.columns[0], code, S);
}

const read = (range: string) => `NUMBERVALUE(SUBSTITUTE("0"&'Bảng ''A'''!${range},",","."),"."," ")`;

test("adjacent leaves become one range; a parent's subtotal row is not summed", () => {
  const tree = [crit("1", "6", [crit("1.1", "2"), crit("1.2", "2"), crit("1.3", "2")]), crit("2", "4", [crit("2.1", "4")])];
  const e = expression(tree, [
    ["1", at("C3", "5")],
    ["1.1", at("C4", "2")],
    ["1.2", at("C5", "1.5")],
    ["1.3", at("C6", "1")],
    ["2", at("C7", "3")],
    ["2.1", at("C8", "3")],
  ]);
  expect(e?.expr).toBe(`SUM(SUMPRODUCT(${read("$C$4:$C$6")}),${read("$C$8")})`);
  expect(e?.frozen).toEqual([]);
});

test("N/A leaves are left out; a blank leaf stays in (0 now, counted when filled in)", () => {
  const tree = [crit("1", "6", [crit("1.1", "2"), crit("1.2", "2"), crit("1.3", "2")])];
  const e = expression(tree, [
    ["1.1", at("D4", "2")],
    ["1.2", at("D5", null, { notApplicable: true })],
    ["1.3", at("D6", null)],
  ]);
  expect(e?.expr).toBe(`SUM(${read("$D$4")},${read("$D$6")})`);
});

test("a parent with no points below it is its own cell (a table that gives area totals only)", () => {
  const tree = [crit("1", "6", [crit("1.1", "2"), crit("1.2", "4")]), crit("2", "4", [crit("2.1", "4")])];
  const e = expression(tree, [
    ["1", at("E3", "5.5")],
    ["1.1", at("E4", null)],
    ["1.2", at("E5", null)],
    ["2.1", at("E7", "4")],
  ]);
  expect(e?.expr).toBe(`SUM(${read("$E$3")},${read("$E$7")})`);
});

test("a bonus is capped with MIN, a penalty counts as a deduction whatever its sign and is capped with MAX", () => {
  const tree = [crit("1", "10", [crit("1.1", "10")]), crit("2", "2", [crit("2.1", "1.5"), crit("2.2", "1.5")], "bonus"), crit("3", "3", [crit("3.1", "2")], "penalty")];
  const e = expression(tree, [
    ["1.1", at("F3", "8")],
    ["2.1", at("F5", "1.5")],
    ["2.2", at("F6", "1")],
    ["3.1", at("F8", "2")],
  ]);
  const penalty = `-NUMBERVALUE(SUBSTITUTE(SUBSTITUTE("0"&'Bảng ''A'''!$F$8,"-",""),",","."),"."," ")`;
  expect(e?.expr).toBe(`SUM(${read("$F$3")},MIN(SUM(SUMPRODUCT(${read("$F$5:$F$6")})),2),MAX(SUM(${penalty}),-3))`);
});

test("points with words and percentages are copied as values and reported; an over-long sum is no formula", () => {
  const tree = [crit("1", "4", [crit("1.1", "2"), crit("1.2", "2")])];
  const e = expression(tree, [
    ["1.1", at("G4", "1.75", { derived: "text-unit" })],
    ["1.2", at("G5", "2", { derived: "text" })],
  ]);
  expect(e?.expr).toBe(`SUM(1.75,${read("$G$5")})`);
  expect(e?.frozen).toEqual([{ sheet: S, cell: "G4", value: "1.75", why: "text-unit" }]);

  // Leaves on every other row: no ranges, one term each, until the formula would pass Excel's limit.
  const leaves = Array.from({ length: 200 }, (_, i) => crit(`1.${i + 1}`, "1"));
  const long = expression([crit("1", "200", leaves)], leaves.map((c, i) => [c.code, at(`H${2 * i + 2}`, "1")] as [string, PointValue]));
  expect(read("$H$2").length * 200).toBeGreaterThan(MAX_FORMULA_LENGTH);
  expect(long).toBeNull();
});

test("rounding, rank labels and change phrases", () => {
  expect(rounded("X")).toBe("ROUND(ROUND(X,9),2)");
  expect(rankLabelFormula("$T$7", "$T$7:$T$9")).toBe(
    'IF(ISNUMBER($T$7),IF(COUNTIF($T$7:$T$9,$T$7)>1,RANK.EQ($T$7,$T$7:$T$9,0)&"("&COUNTIF($T$7:$T$9,$T$7)&")",RANK.EQ($T$7,$T$7:$T$9,0)&""),"")',
  );
  expect(changePhraseFormula(null, null, "vi")).toBeNull();
  expect(changePhraseFormula("$U$7", null, "vi")).toContain('"tăng ","giảm "');
  expect(changePhraseFormula(null, "$V$7", "en")).toContain('" place"," places"');
  expect(changePhraseFormula("$U$7", "$V$7", "vi")).toMatch(/^IF\(AND\(ROUND\(\$U\$7,2\)=0,\$V\$7=0\),"giữ nguyên số điểm và vị thứ",/);
});
