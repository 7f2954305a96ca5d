import { analyse } from "../../src/engine/analyse";
import { belowFormula, buildAllHighlights, buildHighlights, HIGHLIGHT_MARKER, numberOf } from "../../src/report";
import { MANY_SHEET, manyInput, SELF_SHEET, selfInput, selfScorecard, TTH_SHEET, tthInput } from "./fixtures";

const N = (ref: string): string => `--SUBSTITUTE(SUBSTITUTE(${ref},",",MID(1/2,2,1)),".",MID(1/2,2,1))`;

describe("highlight formulas", () => {
  test("read the cell as a number whatever its decimal separator, and carry the marker", () => {
    expect(numberOf("C7")).toBe(N("C7"));
    expect(belowFormula("C7", { constant: "8.5" })).toBe(`AND(${HIGHLIGHT_MARKER},IFERROR(${N("C7")}<8.5,FALSE))`);
    expect(belowFormula("E5", { ref: "$C5" })).toBe(`AND(N("ParScore")=0,IFERROR(${N("E5")}<${N("$C5")},FALSE))`);
  });
});

describe("highlights on the source table", () => {
  test("a many-unit table with a max row: one rule for all area cells (row-fixed max) and one for the totals", () => {
    const rules = buildHighlights(manyInput());
    expect(rules).toEqual([
      {
        sheet: MANY_SHEET,
        ref: "C3:E7",
        purpose: "below-max",
        rule: { type: "formula", formula: belowFormula("C3", { ref: "C$2" }), fill: "FFC7CE", fontColor: "9C0006" },
      },
      {
        sheet: MANY_SHEET,
        ref: "F3:F7",
        purpose: "below-max",
        rule: { type: "formula", formula: belowFormula("F3", { constant: "100" }), fill: "FFC7CE", fontColor: "9C0006" },
      },
    ]);
  });

  test("cells far apart on one sheet keep their rectangles (a unit's row 100,000 below the others)", () => {
    const input = manyInput();
    const last = input.analysis.columns[input.analysis.columns.length - 1].column;
    for (const [code, pv] of last.points) last.points.set(code, { ...pv, location: { sheet: MANY_SHEET, cell: pv.location!.cell!.replace(/\d+$/, "100000") } });
    last.publishedTotal = { ...last.publishedTotal!, location: { sheet: MANY_SHEET, cell: "F100000" } };
    const rules = buildHighlights(input);
    expect(rules.map((r) => r.ref)).toEqual(["C3:E6", "C100000:E100000", "F3:F6", "F100000"]);
    expect(rules[1].rule).toMatchObject({ formula: belowFormula("C100000", { ref: "C$2" }) });
  });

  test("a self-assessment table: points vs the max column (column-fixed), appraised vs self-assessed", () => {
    const rules = buildAllHighlights([selfInput()]);
    const cut = rules.filter((r) => r.purpose === "appraisal-cut");
    const below = rules.filter((r) => r.purpose === "below-max");
    // Appraisal cuts come first so they win on cells that are also below max.
    expect(rules.indexOf(cut[cut.length - 1])).toBeLessThan(rules.indexOf(below[0]));
    expect(cut.map((r) => r.ref)).toEqual(["E5:E6", "E8:E9", "E12:E14", "E16:E18"]);
    expect(cut[0].rule).toEqual({ type: "formula", formula: belowFormula("E5", { ref: "$D5" }), fill: "FFEB9C", fontColor: "9C5700" });
    // Self-assessed (D) and appraised (E) cells share the max column C: one rectangle per block of rows.
    expect(below.map((r) => r.ref)).toEqual(["D5:E6", "D8:E9", "D12:E14", "D16:E18"]);
    expect(below[0].rule).toMatchObject({ formula: belowFormula("D5", { ref: "$C5" }) });
    for (const r of rules) expect(r.sheet).toBe(SELF_SHEET);
  });

  test("without max cells the criterion's max is a dot-decimal constant", () => {
    const rules = buildHighlights(tthInput());
    const c3 = rules.find((r) => r.ref === "C3");
    expect(c3?.rule).toMatchObject({ formula: belowFormula("C3", { constant: "8.5" }) });
    const c8 = rules.find((r) => r.ref === "C8");
    expect(c8?.rule).toMatchObject({ formula: belowFormula("C8", { constant: "12.5" }) });
    for (const r of rules) expect(r.sheet).toBe(TTH_SHEET);
    // Every points cell of both years (8 areas + the "Điểm thẩm định" row) is covered once.
    expect(rules).toHaveLength(18);
  });

  test("not-applicable cells and bonus criteria are left alone", () => {
    const sc = selfScorecard();
    const score = sc.columns[1];
    score.points.set("4.2.3", { value: null, notApplicable: true, location: { sheet: SELF_SHEET, cell: "E18" } });
    const bonus = sc.criteria[1].children[1].children[0]; // 4.2.1, row 16
    bonus.kind = "bonus";
    const rules = buildHighlights({ table: selfInput().table, analysis: analyse(sc) });
    const refs = rules.filter((r) => r.purpose === "below-max").map((r) => r.ref);
    // Row 16 (bonus) is gone from both columns; E18 (N/A appraisal) is gone, D18 (self-assessed) stays.
    expect(refs).toEqual(["D5:E6", "D8:E9", "D12:E14", "D17:D18", "E17"]);
  });
});
