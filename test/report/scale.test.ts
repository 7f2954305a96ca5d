import Decimal from "decimal.js";
import ExcelJS from "exceljs";
import { analyse } from "../../src/engine/analyse";
import type { Criterion, PointValue, Scorecard, ScoreColumn } from "../../src/engine/types";
import { applyPlan, saveWorkbook } from "../../src/hosts/xlsx/write-xlsx";
import { buildReportPlan } from "../../src/report";
import { a1 } from "../../src/tables/grid";
import { findRow, rows } from "./plan-helpers";

/** `units` provinces in columns D.., 8 areas x 11 sub-criteria in rows, max in column C. */
function bigScorecard(units = 63): Scorecard {
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
  for (let u = 0; u < units; u++) {
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
  // 63 units keep their detailed blocks.
  expect(rows(plan.sheets[0]).filter((r) => r[0] === "Tỉnh 5 — Năm 2024")).toHaveLength(1);
});

describe("a table of many units: the gap sheet stays proportionate", () => {
  const analysis = analyse(bigScorecard(400));
  const table = { sheet: "PAR 400", range: "A1:OM97", layout: "units-in-columns" };

  test("one overview row per unit, with its largest losses; no detailed block beyond 63 units", () => {
    const gap = buildReportPlan({ lang: "vi", tables: [{ table, analysis }], ranking: false }).sheets[0];
    const table2 = rows(gap);
    const header = findRow(table2, 1, "Đơn vị");
    expect(table2[header]).toEqual(["Hạng", "Đơn vị", "Điểm tối đa", "Điểm đạt", "Bị trừ", "% bị trừ", "Xếp hạng", "Ô nguồn", "Bị trừ nhiều nhất"]);
    const units = table2.slice(header + 1, header + 401);
    expect(units.map((r) => r[1])).toEqual(Array.from({ length: 400 }, (_, u) => `Tỉnh ${u + 1}`));
    // Tỉnh 1 (u = 0): leaf a.l holds (Number("al") % 6) x 0.25 of 1.25; 1.2, 1.8, 2.4 (12, 18, 24) hold 0 and lose all 1.25.
    const first = units[0];
    expect(first[8]).toBe("1.2 (-1,25); 1.8 (-1,25); 2.4 (-1,25)");
    expect(table2.some((r) => r[0] === "Tỉnh 5 — Năm 2024")).toBe(false);
    expect(table2.some((r) => (r[0] ?? "").startsWith("Bảng có 400 đơn vị"))).toBe(true);
    expect(table2.length).toBeLessThan(400 + 60);
  });

  test("detailUnits asks for a unit's block by name", () => {
    const gap = buildReportPlan({ lang: "en", tables: [{ table, analysis }], ranking: false, detailUnits: ["Tỉnh 7"] }).sheets[0];
    const headings = rows(gap).filter((r) => /^Tỉnh \d+ — Year 2024$/.test(r[0] ?? ""));
    expect(headings.map((r) => r[0])).toEqual(["Tỉnh 7 — Year 2024"]);
  });
});
