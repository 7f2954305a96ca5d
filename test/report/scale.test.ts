import Decimal from "decimal.js";
import ExcelJS from "exceljs";
import { analyse } from "../../src/engine/analyse";
import type { Criterion, PointValue, Scorecard, ScoreColumn } from "../../src/engine/types";
import { applyPlan, saveWorkbook } from "../../src/hosts/xlsx/write-xlsx";
import { buildReportPlan } from "../../src/report";
import { a1 } from "../../src/tables/grid";

/** 63 provinces in columns D.., 8 areas x 11 sub-criteria in rows, max in column C. */
function bigScorecard(): Scorecard {
  const sheet = "PAR 63";
  const criteria: Criterion[] = [];
  const rowOf = new Map<string, number>();
  let row = 2;
  for (let a = 1; a <= 8; a++) {
    const leaves: Criterion[] = [];
    rowOf.set(String(a), row++);
    for (let l = 1; l <= 11; l++) {
      const code = `${a}.${l}`;
      rowOf.set(code, row);
      leaves.push({ code, title: `Tiêu chí ${code}`, max: new Decimal("1.25"), kind: "ordinary", level: 2, children: [], maxLocation: { sheet, cell: a1(row, 2) } });
      row++;
    }
    criteria.push({ code: String(a), title: `Lĩnh vực ${a}`, max: new Decimal("13.75"), kind: "ordinary", level: 1, children: leaves, maxLocation: { sheet, cell: a1(rowOf.get(String(a)) ?? 0, 2) } });
  }
  const columns: ScoreColumn[] = [];
  for (let u = 0; u < 63; u++) {
    const points = new Map<string, PointValue>();
    for (const area of criteria)
      for (const leaf of area.children) {
        const v = new Decimal(((u * 7 + Number(leaf.code.replace(".", ""))) % 6) * 0.25);
        points.set(leaf.code, { value: Decimal.min(v, new Decimal("1.25")), location: { sheet, cell: a1(rowOf.get(leaf.code) ?? 0, 3 + u) } });
      }
    columns.push({ key: `T${u}`, unit: `Tỉnh ${u + 1}`, period: "2024", basis: "score", points, publishedRanks: new Map() });
  }
  return { criteria, columns, findings: [] };
}

test("63 units x 88 sub-criteria: planned and written in seconds, highlights grouped into a rule per area block", async () => {
  const started = Date.now();
  const analysis = analyse(bigScorecard());
  const plan = buildReportPlan({ lang: "vi", tables: [{ table: { sheet: "PAR 63", range: "A1:BN97", layout: "units-in-columns" }, analysis }] });
  // One rule per run of sub-criterion rows (8 areas), cells compared with their row's max in column C.
  expect(plan.highlights).toHaveLength(8);
  expect(plan.highlights[0].ref).toBe("D4:BN14");
  expect(plan.sheets.map((s) => s.name)).toEqual(["Phân tích điểm trừ", "Xếp hạng"]);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("PAR 63");
  applyPlan(wb, plan);
  const bytes = await saveWorkbook(wb);
  expect(bytes.length).toBeGreaterThan(10_000);
  expect(Date.now() - started).toBeLessThan(30_000);
});
