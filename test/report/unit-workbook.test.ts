import { readFileSync } from "fs";
import { readDelimitedGrid } from "../../src/hosts/csv/read-csv";
import { readXlsxGrids } from "../../src/hosts/xlsx/read-xlsx";
import { analyseGrids } from "../../src/pipeline/run";
import type { PlannedSheet } from "../../src/report/plan";
import { planUnitWorkbook, tableUnits } from "../../src/report/unit-workbook";
import { cellText, type Grid } from "../../src/tables/grid";
import { GENERATED_SHEET, generatedUnitsWorkbook } from "../e2e/live-workbooks";
import { cells, show } from "./plan-helpers";

const BLOCKS_CSV = `${__dirname}/../fixtures/tables/province-units-blocks.csv`;

function blocksTable() {
  const grid = readDelimitedGrid(readFileSync(BLOCKS_CSV, "utf8"), { sheet: "Khối" });
  const [table] = analyseGrids([grid]).tables;
  return { grid, table };
}

function gridTexts(grid: Grid): string[] {
  return grid.values.flat().map((v) => cellText(v)).filter(Boolean);
}

function sheetTexts(sheet: PlannedSheet): string[] {
  return [...cells(sheet).values()].map((c) => show(c));
}

describe("one unit's workbook (parscore split)", () => {
  test("units in rows: the unit's own row under the headers and the title, at new rows its formulas and links name", () => {
    const { grid, table } = blocksTable();
    const units = tableUnits(table.analysis);
    expect(units).toHaveLength(8);
    const planned = planUnitWorkbook(table, grid, "Huyện A Lưới", { lang: "vi" });
    const texts = gridTexts(planned.grid);
    expect(texts).toContain("Huyện A Lưới");
    expect(texts.some((t) => /KẾT QUẢ XẾP HẠNG/.test(t))).toBe(true);
    for (const other of units.filter((u) => u !== "Huyện A Lưới")) expect(texts).not.toContain(other);
    // Title, blank, header, max row, 2 section rows, the unit's row: the unit is on row 7.
    expect(planned.grid.values.map((r) => cellText(r[1]))).toEqual([
      "",
      "",
      "Tên đơn vị",
      "Điểm tối đa",
      "KHỐI SỞ, BAN, NGÀNH",
      "UBND CẤP HUYỆN",
      "Huyện A Lưới",
    ]);
    const gap = planned.plan.sheets.find((s) => s.role === "gap") as PlannedSheet;
    const gapCells = cells(gap);
    const formulas = [...gapCells.values()].flatMap((c) => (c.value?.kind === "formula" ? [c.value.formula] : []));
    expect(formulas.length).toBeGreaterThan(0);
    // Live formulas name the unit's row (7) and the max row (4), never a row that is not in its file.
    for (const f of formulas) for (const ref of f.match(/\$?[A-Z]+\$?(\d+)/g) ?? []) expect(["4", "7"]).toContain(/(\d+)$/.exec(ref)?.[1]);
    expect(sheetTexts(gap).join(" ")).toContain("Huyện A Lưới đạt 65/100 điểm (65,00%), xếp vị thứ 3/4");
    for (const other of units.filter((u) => u !== "Huyện A Lưới")) expect(sheetTexts(gap).join(" ")).not.toContain(other);
    expect(planned.plan.highlights.every((h) => h.sheet === "Khối" && /7$/.test(h.ref.split(":")[0]))).toBe(true);
  });

  test("its place in the ranking: every unit's total and rank only, or only its block's", () => {
    const { grid, table } = blocksTable();
    const all = planUnitWorkbook(table, grid, "Huyện A Lưới", { lang: "vi", scope: "all" }).plan.sheets.find((s) => s.name === "Vị trí xếp hạng") as PlannedSheet;
    const allTexts = sheetTexts(all);
    expect(allTexts).toContain("Sở Tư pháp");
    expect(allTexts).toContain("Thành phố K");
    expect(all.charts).toHaveLength(1);
    expect(all.charts[0].highlight?.points).toHaveLength(1);
    // Totals and ranks, nothing per area of the other units.
    expect(all.columnWidths.length).toBeLessThanOrEqual(4);
    const block = planUnitWorkbook(table, grid, "Huyện A Lưới", { lang: "vi", scope: "block" }).plan.sheets.find((s) => s.name === "Vị trí xếp hạng") as PlannedSheet;
    const blockTexts = sheetTexts(block);
    expect(blockTexts).toContain("Thành phố K");
    expect(blockTexts).not.toContain("Sở Tư pháp");
    expect(blockTexts.some((t) => /^Khối .*HUYỆN.*4 đơn vị/.test(t))).toBe(true);
  });

  test("target lines come from the caller in the pipeline's words", () => {
    const { grid, table } = blocksTable();
    const place = planUnitWorkbook(table, grid, "Sở Y tế", { lang: "vi", targetLines: (u) => [`dòng mục tiêu của ${u}`] }).plan.sheets.find((s) => s.role === "ranking") as PlannedSheet;
    expect(sheetTexts(place)).toContain("- dòng mục tiêu của Sở Y tế");
  });

  test("units in columns: the unit's column next to the criteria, formulas on it", async () => {
    const bytes = Buffer.from(await generatedUnitsWorkbook(12, 7).workbook().xlsx.writeBuffer());
    const [grid] = await readXlsxGrids(bytes, { sheet: GENERATED_SHEET });
    const [table] = analyseGrids([grid]).tables;
    const planned = planUnitWorkbook(table, grid, "Huyện 9", { lang: "en" });
    const header = planned.grid.values[1].map((v) => cellText(v));
    expect(header).toEqual(["STT", "Nội dung", "Điểm tối đa", "Huyện 9"]);
    const gap = planned.plan.sheets.find((s) => s.role === "gap") as PlannedSheet;
    const formulas = [...cells(gap).values()].flatMap((c) => (c.value?.kind === "formula" ? [c.value.formula] : []));
    expect(formulas.some((f) => f.includes("$D$"))).toBe(true);
    expect(formulas.every((f) => !/\$[E-Z]\$\d/.test(f))).toBe(true);
    expect(sheetTexts(gap).join(" ")).not.toContain("Huyện 10");
  });
});
