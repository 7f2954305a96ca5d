/**
 * The add-in writes live formulas through `range.formulas` (en-US syntax in every locale), and a
 * formula on one of ParScore's sheets that refers to another follows that sheet's final name when
 * a user sheet already had the planned one.
 */
import { applyPlan } from "../../../src/hosts/excel";
import { analyseGrids } from "../../../src/pipeline/run";
import { buildReportPlan } from "../../../src/report";
import { gridFromRows } from "../../../src/tables/grid";
import { snapshot } from "../../fake-excel";
import { fakeExcel } from "./helpers";

const SHEET = "PAR 2024";
const ROWS: (string | number | null)[][] = [
  ["STT", "Tỉnh", "Lĩnh vực 1", "Lĩnh vực 2", "Tổng điểm"],
  [null, "Điểm tối đa", 40, 60, 100],
  [1, "Tỉnh A", 35.5, "50,25", 85.75],
  [2, "Tỉnh B", 38, 47.75, 85.75],
  [3, "Tỉnh C", 30, 41.5, 71.5],
];

test("formulas are written as formulas, cached values aside, with ParScore's sheet names resolved after a rename", async () => {
  const result = analyseGrids([gridFromRows(SHEET, ROWS)]);
  const plan = buildReportPlan({ lang: "vi", tables: result.tables, formulas: true });
  const rankName = plan.sheets.find((s) => s.role === "ranking")?.name;
  expect(rankName).toBe("Xếp hạng");
  // The user already has a sheet called "Xếp hạng": ParScore's becomes "Xếp hạng (2)".
  const { workbook, run } = fakeExcel({ sheets: [{ name: SHEET, cells: ROWS }, { name: "Xếp hạng", cells: [["của người dùng"]] }] });
  const outcome = await run((ctx) => applyPlan(ctx, plan));
  expect(outcome.sheets).toContain("Xếp hạng (2)");

  const snap = snapshot(workbook);
  const cellsOf = (name: string) => Object.values(snap.sheets.find((s) => s.name === name)?.cells ?? {});
  const gapFormulas = cellsOf(outcome.sheets[0]).flatMap((c) => (c.formula ? [c.formula] : []));
  const rankFormulas = cellsOf("Xếp hạng (2)").flatMap((c) => (c.formula ? [c.formula] : []));
  // Each unit's row is read through its number, in the "Dòng nguồn" column (src/report/source-row.ts).
  expect(rankFormulas.some((f) => f.startsWith("=ROUND(ROUND(SUM(") && /INDEX\('PAR 2024'!\$C:\$D,\$[A-Z]+\d+,0\)/.test(f))).toBe(true);
  expect(rankFormulas).toContain("=ROW('PAR 2024'!$C$3)");
  expect(rankFormulas.some((f) => f.includes("RANK.EQ(") && f.includes("COUNTIF("))).toBe(true);
  // Rank cells of the gap sheet show the ranking sheet's labels, under its final name.
  expect(gapFormulas.some((f) => f.startsWith("='Xếp hạng (2)'!$"))).toBe(true);
  expect([...gapFormulas, ...rankFormulas].every((f) => !f.includes("\u0001") && !f.includes("_xlfn."))).toBe(true);
  // The user's sheet of that name is untouched.
  expect(cellsOf("Xếp hạng").map((c) => c.value)).toEqual(["của người dùng"]);
});
