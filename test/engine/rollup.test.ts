import { rollUpColumn } from "../../src/engine/rollup";
import { TOTAL_CODE } from "../../src/engine/types";
import type { Finding, NodeResult } from "../../src/engine/types";
import { D, col, crit, s, scorecard, seed001 } from "./helpers";

const summary = (r: NodeResult | undefined) =>
  r && { achieved: s(r.achieved), given: s(r.given), max: s(r.max), lost: s(r.lost), na: r.notApplicable };
const kinds = (f: Finding[]) => f.map((x) => `${x.severity}:${x.kind}`);

describe("seed 001 (Thừa Thiên Huế, areas only)", () => {
  const sc = seed001();
  const [c2018, c2019] = sc.columns.map((c) => rollUpColumn(sc.criteria, c));

  it("adds the 8 areas of 2018 to 78,90 and of 2019 to 83,06, matching the published totals", () => {
    expect(s(c2018.nodes.get(TOTAL_CODE)!.achieved)).toBe("78.9");
    expect(s(c2019.nodes.get(TOTAL_CODE)!.achieved)).toBe("83.06");
    expect(s(c2019.nodes.get(TOTAL_CODE)!.given)).toBe("83.06");
    expect(c2018.findings).toEqual([]);
    expect(c2019.findings).toEqual([]);
  });

  it("total max is 100 and the percent reads the same as the points", () => {
    const t = c2019.nodes.get(TOTAL_CODE)!;
    expect(s(t.max)).toBe("100");
    expect(s(t.percent)).toBe("83.06");
    expect(s(t.lost)).toBe("16.94");
  });

  it("deducts per area in 2019: 0,50 1,25 0,79 3,65 2,28 2,74 0,53 5,20", () => {
    const lost = ["1", "2", "3", "4", "5", "6", "7", "8"].map((code) => s(c2019.nodes.get(code)!.lost));
    expect(lost).toEqual(["0.5", "1.25", "0.79", "3.65", "2.28", "2.74", "0.53", "5.2"]);
  });

  it("percent is exact: 8/8,5 of area 1", () => {
    const p = c2019.nodes.get("1")!.percent!;
    expect(p.toDecimalPlaces(6).toFixed()).toBe("94.117647");
  });

  it("keeps extra rows (Điểm thẩm định, SIPAS) out of the total, with their own lost points", () => {
    const td = c2019.nodes.get("TĐ")!;
    expect(summary(td)).toEqual({ achieved: "53.32", given: "53.32", max: "63.5", lost: "10.18", na: false });
    expect(td.extra).toBe(true);
    expect(s(c2018.nodes.get("TĐ")!.achieved)).toBe("47.93");
  });
});

describe("given parent values versus children", () => {
  it("PAR INDEX 2020 Quảng Ninh: parts add to 91,05, published 91,04, within tolerance: info, achieved is the sum", () => {
    const sc = scorecard(
      [crit("A", null), crit("B", null), crit("C", null), crit("D", null)],
      [col("Quảng Ninh", "2020", { A: "57,66", B: "9,56", C: "18,83", D: "5" }, { publishedTotal: "91,04" })],
    );
    const r = rollUpColumn(sc.criteria, sc.columns[0]);
    const total = r.nodes.get(TOTAL_CODE)!;
    expect(s(total.achieved)).toBe("91.05");
    expect(s(total.given)).toBe("91.04");
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0];
    expect(f).toMatchObject({ kind: "rounding-difference", severity: "info", code: TOTAL_CODE, column: "Quảng Ninh|2020|score" });
    expect(f.location).toEqual({ sheet: "Bảng", cell: "T:Quảng Ninh:2020" });
    expect(f.message.vi).toContain("91,04");
    expect(f.message.vi).toContain("91,05");
    expect(f.message.vi).toContain("làm tròn");
    expect(f.message.en).toContain("91.04");
    expect(f.message.en).toContain("91.05");
  });

  it("a mismatch beyond tolerance is a warning naming both numbers", () => {
    const sc = scorecard(
      [crit("1", 10, [crit("1.1", 4), crit("1.2", 6)])],
      [col("Huế", "2019", { "1": "9,5", "1.1": "3", "1.2": "6" })],
    );
    const r = rollUpColumn(sc.criteria, sc.columns[0]);
    expect(summary(r.nodes.get("1"))).toEqual({ achieved: "9", given: "9.5", max: "10", lost: "1", na: false });
    expect(kinds(r.findings)).toEqual(["warning:sum-mismatch"]);
    expect(r.findings[0].message.vi).toMatch(/9,5.*9\b/);
    expect(r.findings[0].message.en).toContain("difference 0.5");
    expect(r.findings[0].location?.cell).toBe("C:Huế:2019:1");
  });

  it("an equal parent value raises nothing; tolerance is an option", () => {
    const sc = scorecard([crit("1", 10, [crit("1.1", 4), crit("1.2", 6)])], [col("U", "", { "1": "9,01", "1.1": "3", "1.2": "6" })]);
    expect(kinds(rollUpColumn(sc.criteria, sc.columns[0]).findings)).toEqual(["info:rounding-difference"]);
    expect(kinds(rollUpColumn(sc.criteria, sc.columns[0], { tolerance: D(0) }).findings)).toEqual(["warning:sum-mismatch"]);
    const same = scorecard([crit("1", 10, [crit("1.1", 4), crit("1.2", 6)])], [col("U", "", { "1": "9", "1.1": "3", "1.2": "6" })]);
    expect(rollUpColumn(same.criteria, same.columns[0]).findings).toEqual([]);
  });

  it("a table that gives only parent totals uses them", () => {
    const sc = scorecard([crit("1", 10, [crit("1.1", 4), crit("1.2", 6)]), crit("2", 5)], [col("U", "", { "1": "7", "2": "5" })]);
    const r = rollUpColumn(sc.criteria, sc.columns[0]);
    expect(s(r.nodes.get("1")!.achieved)).toBe("7");
    expect(r.nodes.get("1.1")!.achieved).toBeNull();
    expect(s(r.nodes.get(TOTAL_CODE)!.achieved)).toBe("12");
    expect(r.findings).toEqual([]);
  });

  it("sums three levels deep and compares every level", () => {
    const sc = scorecard(
      [crit("1", 3, [crit("1.1", 3, [crit("1.1.1", 1), crit("1.1.2", 2)])])],
      [col("U", "", { "1": "3", "1.1": "2,5", "1.1.1": "1", "1.1.2": "2" })],
    );
    const r = rollUpColumn(sc.criteria, sc.columns[0]);
    expect(s(r.nodes.get("1.1")!.achieved)).toBe("3");
    expect(s(r.nodes.get("1")!.achieved)).toBe("3");
    expect(r.findings.map((f) => [f.kind, f.code])).toEqual([["sum-mismatch", "1.1"]]);
  });
});

describe("not applicable, missing, out of range", () => {
  const criteria = () => [crit("1", 10, [crit("1.1", 4), crit("1.2", 6)]), crit("2", 5, [crit("2.1", 2), crit("2.2", 3)])];

  it("leaves N/A criteria out of both achieved and max", () => {
    const sc = scorecard(criteria(), [col("U", "", { "1.1": "3", "1.2": "N/A", "2.1": "2", "2.2": "3" })]);
    const r = rollUpColumn(sc.criteria, sc.columns[0]);
    expect(summary(r.nodes.get("1.2"))).toEqual({ achieved: null, given: null, max: null, lost: null, na: true });
    expect(summary(r.nodes.get("1"))).toEqual({ achieved: "3", given: null, max: "4", lost: "1", na: false });
    const t = r.nodes.get(TOTAL_CODE)!;
    expect([s(t.achieved), s(t.max), s(t.percent)]).toEqual(["8", "9", "88.888888888888888889"]);
    expect(r.findings).toEqual([]);
  });

  it("a parent marked N/A takes its children out; a parent whose children are all N/A is N/A", () => {
    const sc = scorecard(criteria(), [
      col("A", "", { "1": "N/A", "1.1": "3", "2.1": "2", "2.2": "3" }),
      col("B", "", { "1.1": "N/A", "1.2": "N/A", "2.1": "2", "2.2": "3" }),
    ]);
    for (const c of sc.columns) {
      const r = rollUpColumn(sc.criteria, c);
      expect(r.nodes.get("1")!.notApplicable).toBe(true);
      expect(r.nodes.get("1.1")!.notApplicable).toBe(true);
      expect([s(r.nodes.get(TOTAL_CODE)!.achieved), s(r.nodes.get(TOTAL_CODE)!.max)]).toEqual(["5", "5"]);
    }
  });

  it("missing leaves: the parent sums the present ones, names the missing codes, one warning per column", () => {
    const sc = scorecard(criteria(), [col("U", "2019", { "1.1": "3", "1.2": null, "2.1": "2" })]);
    const r = rollUpColumn(sc.criteria, sc.columns[0]);
    expect(s(r.nodes.get("1")!.achieved)).toBe("3");
    expect(r.nodes.get("1")!.missingCodes).toEqual(["1.2"]);
    expect(r.nodes.get(TOTAL_CODE)!.missingCodes).toEqual(["1.2", "2.2"]);
    expect(s(r.nodes.get(TOTAL_CODE)!.achieved)).toBe("5");
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ kind: "missing-points", severity: "warning", code: "1.2", location: { cell: "C:U:2019:1.2" } });
    expect(r.findings[0].message.vi).toContain("1.2, 2.2");
    expect(r.findings[0].message.vi).toContain("thiếu điểm");
  });

  it("does not compare a parent's given value with an incomplete sum", () => {
    const sc = scorecard(criteria(), [col("U", "", { "1": "9", "1.1": "3", "2": "5", "2.1": "2", "2.2": "3" })]);
    const r = rollUpColumn(sc.criteria, sc.columns[0]);
    expect(kinds(r.findings)).toEqual(["warning:missing-points"]);
  });

  it("an empty column has null totals and lists every leaf as missing", () => {
    const sc = scorecard(criteria(), [col("U", "", {})]);
    const r = rollUpColumn(sc.criteria, sc.columns[0]);
    expect(r.nodes.get(TOTAL_CODE)!.achieved).toBeNull();
    expect(r.nodes.get(TOTAL_CODE)!.percent).toBeNull();
    expect(r.findings[0].message.en).toContain("4 criteria");
  });

  it("warns above max once (at the leaf, not again at every parent)", () => {
    const sc = scorecard(criteria(), [col("U", "", { "1.1": "4,5", "1.2": "6", "2.1": "2", "2.2": "3" })]);
    const r = rollUpColumn(sc.criteria, sc.columns[0]);
    expect(r.findings.map((f) => [f.kind, f.severity, f.code])).toEqual([["above-max", "warning", "1.1"]]);
    expect(r.findings[0].message.vi).toContain("4,5");
    expect(s(r.nodes.get("1.1")!.lost)).toBe("-0.5");
  });

  it("negative points on an ordinary criterion are an error, and are not silently changed", () => {
    const sc = scorecard(criteria(), [col("U", "", { "1.1": "-0,5", "1.2": "6", "2.1": "2", "2.2": "3" })]);
    const r = rollUpColumn(sc.criteria, sc.columns[0]);
    expect(kinds(r.findings)).toEqual(["error:negative-points"]);
    expect(s(r.nodes.get("1")!.achieved)).toBe("5.5");
  });

  it("reports points for codes that are not in the criteria set", () => {
    const sc = scorecard(criteria(), [col("U", "", { "1.1": "4", "1.2": "6", "2.1": "2", "2.2": "3", "9.9": "1" })]);
    const r = rollUpColumn(sc.criteria, sc.columns[0]);
    expect(r.findings.map((f) => [f.kind, f.code])).toEqual([["unknown-code", "9.9"]]);
    expect(s(r.nodes.get(TOTAL_CODE)!.achieved)).toBe("15");
  });
});

describe("bonus and penalty", () => {
  const criteria = () => [
    crit("1", 60, [crit("1.1", 60)]),
    crit("2", 40),
    crit("T", 5, [], { kind: "bonus", title: "Điểm thưởng" }),
    crit("P", 3, [], { kind: "penalty", title: "Điểm trừ" }),
  ];

  it("bonus adds to the total, its cap does not add to the total max; penalty subtracts", () => {
    const sc = scorecard(criteria(), [col("U", "", { "1.1": "50", "2": "30", T: "2", P: "-1,5" })]);
    const r = rollUpColumn(sc.criteria, sc.columns[0]);
    const t = r.nodes.get(TOTAL_CODE)!;
    expect([s(t.achieved), s(t.max), s(t.lost)]).toEqual(["80.5", "100", "19.5"]);
    expect(summary(r.nodes.get("P"))).toEqual({ achieved: "-1.5", given: "-1.5", max: "3", lost: "1.5", na: false });
    expect(r.nodes.get("P")!.percent).toBeNull();
    expect(r.nodes.get("T")!.kind).toBe("bonus");
    expect(r.findings).toEqual([]);
  });

  it("reads a penalty written as a positive magnitude the same as a negative one", () => {
    const sc = scorecard(criteria(), [
      col("A", "", { "1.1": "50", "2": "30", P: "1,5" }),
      col("B", "", { "1.1": "50", "2": "30", P: "-1,5" }),
    ]);
    const [a, b] = sc.columns.map((c) => rollUpColumn(sc.criteria, c));
    expect(s(a.nodes.get("P")!.achieved)).toBe("-1.5");
    expect(s(a.nodes.get(TOTAL_CODE)!.achieved)).toBe(s(b.nodes.get(TOTAL_CODE)!.achieved));
    expect(s(a.nodes.get(TOTAL_CODE)!.achieved)).toBe("78.5");
  });

  it("caps bonus and penalty at their max, with a finding", () => {
    const sc = scorecard(criteria(), [col("U", "", { "1.1": "50", "2": "30", T: "7", P: "4" })]);
    const r = rollUpColumn(sc.criteria, sc.columns[0]);
    expect(s(r.nodes.get("T")!.achieved)).toBe("5");
    expect(s(r.nodes.get("T")!.given)).toBe("7");
    expect(s(r.nodes.get("P")!.achieved)).toBe("-3");
    expect(s(r.nodes.get(TOTAL_CODE)!.achieved)).toBe("82");
    expect(kinds(r.findings)).toEqual(["warning:bonus-above-cap", "warning:penalty-above-cap"]);
    expect(r.findings[0].message.vi).toContain("điểm thưởng");
  });

  it("a bonus inside an area adds to the area's points but not its max", () => {
    const sc = scorecard(
      [crit("1", 10, [crit("1.1", 10), crit("1.2", 1, [], { kind: "bonus" })])],
      [col("U", "", { "1.1": "9", "1.2": "1" })],
    );
    const r = rollUpColumn(sc.criteria, sc.columns[0]);
    expect(summary(r.nodes.get("1"))).toEqual({ achieved: "10", given: null, max: "10", lost: "0", na: false });
  });

  it("a bonus block caps at its own stated max even when its items' maxima add up to more", () => {
    const sc = scorecard(
      [crit("1", 10, [crit("1.1", 10)]), crit("T", 2, [crit("T.1", 1.5), crit("T.2", 1.5)], { kind: "bonus", title: "Điểm thưởng" })],
      [col("U", "", { "1.1": "8", "T.1": "1,5", "T.2": "1" })],
    );
    const r = rollUpColumn(sc.criteria, sc.columns[0]);
    expect(s(r.nodes.get("T")!.max)).toBe("2");
    expect(s(r.nodes.get("T")!.achieved)).toBe("2");
    expect(s(r.nodes.get(TOTAL_CODE)!.achieved)).toBe("10");
    expect(kinds(r.findings)).toEqual(["warning:bonus-above-cap"]);
  });

  it("a penalty with sub-items sums their magnitudes, then caps", () => {
    const sc = scorecard(
      [crit("1", 10), crit("P", 2, [crit("P.1", 1), crit("P.2", 1)], { kind: "penalty" })],
      [col("U", "", { "1": "10", "P.1": "1", "P.2": "-1" })],
    );
    const r = rollUpColumn(sc.criteria, sc.columns[0]);
    expect(s(r.nodes.get("P")!.achieved)).toBe("-2");
    expect(s(r.nodes.get(TOTAL_CODE)!.achieved)).toBe("8");
    expect(r.findings).toEqual([]);
  });
});
