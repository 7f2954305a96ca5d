import ExcelJS from "exceljs";
import { readFileSync } from "fs";
import { readDelimitedGrid } from "../../src/hosts/csv/read-csv";
import { planWorkbookFile } from "../../src/hosts/xlsx/plan-file";
import { readXlsx } from "../../src/hosts/xlsx/read-xlsx";
import { analyseGrids } from "../../src/pipeline/run";
import { OWNED_SHEET_NAME_PREFIX } from "../../src/report/plan";
import { planUnitWorkbook, tableUnits } from "../../src/report/unit-workbook";
import { cellText } from "../../src/tables/grid";

const BLOCKS_CSV = `${__dirname}/../fixtures/tables/province-units-blocks.csv`;

function unitFile(unit: string) {
  const grid = readDelimitedGrid(readFileSync(BLOCKS_CSV, "utf8"), { sheet: "Khối" });
  const [table] = analyseGrids([grid]).tables;
  const planned = planUnitWorkbook(table, grid, unit, { lang: "vi" });
  return { planned, units: tableUnits(table.analysis), bytes: Buffer.from(planWorkbookFile([planned.grid], planned.plan)) };
}

describe("a workbook made straight from grids and a plan (the pane's unit workbook)", () => {
  test("ParScore's reader finds the unit's rows only, and the planned sheets after them", async () => {
    const { planned, units, bytes } = unitFile("Huyện A Lưới");
    const read = await readXlsx(bytes);
    expect(read.sheets).toEqual(["Khối", ...planned.plan.sheets.map((s) => s.name)]);
    const source = read.grids.find((g) => g.sheet === "Khối");
    const texts = (source?.values ?? []).flat().map((v) => cellText(v));
    expect(texts).toContain("Huyện A Lưới");
    for (const other of units.filter((u) => u !== "Huyện A Lưới")) expect(texts).not.toContain(other);
    // The same cells as the plan's grid, at the same addresses.
    expect(source?.origin).toEqual(planned.grid.origin);
    expect(source?.values.map((r) => r.map((v) => cellText(v)))).toEqual(planned.grid.values.map((r) => r.map((v) => cellText(v))));
  });

  test("ExcelJS opens it: live formulas with cached results, links, styles, merges, ownership names", async () => {
    const { planned, bytes } = unitFile("Huyện A Lưới");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const gapPlan = planned.plan.sheets.find((s) => s.role === "gap");
    const gap = workbook.getWorksheet(gapPlan?.name ?? "");
    expect(gap).toBeDefined();
    const formulas: { formula: string; result: unknown }[] = [];
    let bold = 0;
    gap?.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string; result?: unknown } | null;
        if (v && typeof v === "object" && typeof v.formula === "string") formulas.push({ formula: v.formula, result: v.result });
        if (cell.font?.bold) bold++;
      }),
    );
    expect(formulas.length).toBeGreaterThan(0);
    expect(formulas.some((f) => /^SUM|Khối/.test(f.formula) && typeof f.result === "number")).toBe(true);
    expect(formulas.some((f) => f.formula.startsWith("HYPERLINK("))).toBe(true);
    expect(bold).toBeGreaterThan(0);
    expect(Object.keys((gap as unknown as { _merges: object })._merges).length).toBe(gapPlan?.merges.length);
    const names = (workbook.definedNames as unknown as { model: { name: string }[] }).model.map((n) => n.name);
    expect(names.filter((n) => n.startsWith(OWNED_SHEET_NAME_PREFIX))).toHaveLength(planned.plan.sheets.length);
  });
});
