import type { PlanCell, SheetPlan } from "../../src/report/plan";
import { packPlan, unpackPlan } from "../../src/taskpane/plan-transfer";
import * as work from "../../src/taskpane/work";
import { seedGrid } from "./seed";

/** A sheet with every kind of cell: none, style alone, text, number, link, formulas with and without a cached value; ragged rows. */
function everyKind(): SheetPlan {
  const rows: (PlanCell | null)[][] = [
    [null, { value: null, style: "head" }, { value: { kind: "text", text: "Đơn vị" }, style: "head" }],
    [{ value: { kind: "number", value: "0.75" } }, { value: { kind: "link", text: "Xã A", sheet: "Kết quả", cell: "B5" }, style: "link" }],
    [
      { value: { kind: "formula", formula: "SUM(C3:E3)", cached: null } },
      { value: { kind: "formula", formula: "RANK.EQ(F3,$F$3:$F$9)", cached: { kind: "number", value: "2" } }, style: "num" },
      { value: { kind: "formula", formula: 'IF(A1>0,"Đạt","")', cached: { kind: "text", text: "Đạt" } } },
      { value: { kind: "text", text: "Đơn vị" } },
    ],
    [],
  ];
  return {
    version: 1,
    lang: "vi",
    styles: { head: { bold: true }, link: { fontColor: "0563C1" }, num: { numFmt: "0.00" } },
    sheets: [
      {
        name: "Xếp hạng",
        role: "ranking",
        owner: "parscore",
        blocks: [{ at: "A1", rows }, { at: "H2", rows: [[{ value: { kind: "number", value: "-1.5" } }]] }],
        merges: ["A1:C1"],
        columnWidths: [12, 30],
        rowHeights: { 1: 30 },
        conditionalFormats: [],
        charts: [],
      },
    ],
    highlights: [],
  } as unknown as SheetPlan;
}

test("every kind of cell comes back as it was, through a structured clone, with its texts sent once", () => {
  const plan = everyKind();
  const packed = structuredClone(packPlan(plan));
  expect(unpackPlan(packed)).toEqual(plan);
  // "Đơn vị" twice, "head" twice: one text each.
  expect(packed.texts.filter((t) => t === "Đơn vị")).toHaveLength(1);
  expect(packed.texts.filter((t) => t === "head")).toHaveLength(1);
  // No cell object crosses: a block is typed arrays.
  expect(Object.keys(packed.sheets[0])).not.toContain("blocks");
  expect(packed.sheets[0].packedBlocks[0].codes).toBeInstanceOf(Uint8Array);
});

test("the seed table's plan (gap sheet, ranking, highlights) comes back equal", () => {
  const plan = work.planReport(work.analyseGrid(seedGrid()), "vi", { gap: true, ranking: true, highlights: true });
  expect(plan.sheets.length).toBeGreaterThan(0);
  expect(unpackPlan(structuredClone(packPlan(plan)))).toEqual(plan);
});
