/**
 * A generated many-unit score table for the live-formula proofs: criteria in rows (areas,
 * criteria, sub-criteria with codes 1 / 1.1 / 1.1.1), one column of points per unit, as a
 * province scores its districts. Points are numbers, some typed as text with a decimal comma,
 * one "KAD" (not applicable); units 2 and 3 reach unit 1's total through different sums of
 * doubles, so they must tie.
 */
import ExcelJS from "exceljs";
import { columnLetters } from "../../src/tables/grid";
import { seeded as prng } from "../functions/fake-runtime";

export const GENERATED_SHEET = "Huyện 2024";

interface Row {
  code: string;
  title: string;
  max: number;
  leaf: boolean;
  kind?: "bonus" | "penalty";
}

function criteriaRows(): Row[] {
  const rows: Row[] = [];
  const areas = [
    ["1", "Công tác chỉ đạo, điều hành CCHC", [2, 1.5, 2.5]],
    ["2", "Cải cách thể chế", [1.75, 2.25, 1]],
    ["3", "Cải cách thủ tục hành chính", [3, 2.5, 1.5, 1]],
    ["4", "Hiện đại hóa hành chính", [2, 2, 1.25]],
  ] as const;
  for (const [code, title, leaves] of areas) {
    rows.push({ code, title, max: leaves.reduce((a, b) => a + b, 0), leaf: false });
    rows.push({ code: `${code}.1`, title: `Tiêu chí ${code}.1`, max: leaves.slice(0, 2).reduce((a, b) => a + b, 0), leaf: false });
    leaves.slice(0, 2).forEach((max, i) => rows.push({ code: `${code}.1.${i + 1}`, title: `Tiêu chí thành phần ${code}.1.${i + 1}`, max, leaf: true }));
    leaves.slice(2).forEach((max, i) => rows.push({ code: `${code}.${i + 2}`, title: `Tiêu chí ${code}.${i + 2}`, max, leaf: true }));
  }
  // A bonus capped at 2 points over leaves worth 1.5 each, and a penalty capped at 3 over two deductions of up to 2.
  rows.push({ code: "5", title: "Điểm thưởng", max: 2, leaf: false, kind: "bonus" });
  rows.push({ code: "5.1", title: "Thưởng sáng kiến", max: 1.5, leaf: true, kind: "bonus" });
  rows.push({ code: "5.2", title: "Thưởng giải thưởng", max: 1.5, leaf: true, kind: "bonus" });
  rows.push({ code: "6", title: "Điểm trừ", max: 3, leaf: false, kind: "penalty" });
  rows.push({ code: "6.1", title: "Trừ điểm chậm báo cáo", max: 2, leaf: true, kind: "penalty" });
  rows.push({ code: "6.2", title: "Trừ điểm vi phạm kỷ luật", max: 2, leaf: true, kind: "penalty" });
  return rows;
}

export function generatedUnitsWorkbook(units: number, seed: number): { workbook: () => ExcelJS.Workbook; edits: { sheet: string; cell: string; value: string | number }[] } {
  const rows = criteriaRows();
  const rand = prng(seed);
  const leafRows = rows.map((r, i) => ({ r, i })).filter((x) => x.r.leaf);
  // Points per unit per leaf, in hundredths.
  const cents: number[][] = [];
  for (let u = 0; u < units; u++) {
    const level = 0.5 + 0.45 * rand();
    cents.push(
      leafRows.map(({ r }) => {
        if (r.kind === "bonus") return rand() < 0.5 ? 0 : Math.round(rand() * r.max * 4) * 25;
        // Deductions: as negative numbers, or as positive ones (the sign does not matter to the engine).
        if (r.kind === "penalty") return rand() < 0.6 ? 0 : Math.round(rand() * r.max * 4) * 25 * (rand() < 0.5 ? -1 : 1);
        return Math.round(Math.min(1, Math.max(0, level + (rand() - 0.5) * 0.5)) * r.max * 100);
      }),
    );
  }
  // Units 2 and 3 move points between leaves of unit 1 (same total, other doubles).
  for (const u of [1, 2]) {
    cents[u] = [...cents[0]];
    const from = u === 1 ? 0 : 3;
    const to = u === 1 ? 5 : 8;
    const move = Math.min(cents[u][from], Math.round(leafRows[to].r.max * 100) - cents[u][to], 7 + u * 6);
    cents[u][from] -= move;
    cents[u][to] += move;
  }
  const firstRow = 3;
  const firstUnitCol = 3;
  const workbook = (): ExcelJS.Workbook => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(GENERATED_SHEET);
    ws.getCell("A1").value = "KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CCHC CÁC HUYỆN NĂM 2024";
    ws.getRow(2).values = ["STT", "Nội dung", "Điểm tối đa", ...Array.from({ length: units }, (_, u) => `Huyện ${u + 1}`)];
    rows.forEach((r, i) => {
      const row = ws.getRow(firstRow + i);
      row.getCell(1).value = r.code;
      row.getCell(2).value = r.title;
      row.getCell(3).value = r.max;
    });
    leafRows.forEach(({ i }, k) => {
      for (let u = 0; u < units; u++) {
        const cell = ws.getCell(firstRow + i, firstUnitCol + 1 + u);
        const value = cents[u][k] / 100;
        // Every seventh cell typed as text with a decimal comma, as circulated files mix them.
        cell.value = (u + k) % 7 === 0 ? value.toFixed(2).replace(".", ",") : value;
      }
    });
    // One sub-criterion not applicable to one unit.
    ws.getCell(firstRow + leafRows[4].i, firstUnitCol + 1 + 10).value = "KAD";
    return wb;
  };
  const cellOf = (leaf: number, unit: number) => `${columnLetters(firstUnitCol + unit)}${firstRow + leafRows[leaf].i}`;
  const edits = [
    // Unit 5 wins back points on a text cell and a number cell; unit 10 drops to tie with unit 4.
    { sheet: GENERATED_SHEET, cell: cellOf(0, 4), value: leafRows[0].r.max },
    { sheet: GENERATED_SHEET, cell: cellOf(7, 4), value: String(leafRows[7].r.max).replace(".", ",") },
    { sheet: GENERATED_SHEET, cell: cellOf(2, 9), value: 0.35 },
    { sheet: GENERATED_SHEET, cell: cellOf(3, 20), value: 0.1 },
    // Three decimals: 0.125 + 1.37 is 1.495 in decimals, a half at 2 places, whatever the doubles say.
    { sheet: GENERATED_SHEET, cell: cellOf(0, 12), value: 0.125 },
    { sheet: GENERATED_SHEET, cell: cellOf(1, 12), value: "1,37" },
    // Bonuses above their cap, a deduction typed with a minus and one without, for unit 7.
    { sheet: GENERATED_SHEET, cell: cellOf(leafRows.length - 4, 6), value: 1.5 },
    { sheet: GENERATED_SHEET, cell: cellOf(leafRows.length - 3, 6), value: "1,25" },
    { sheet: GENERATED_SHEET, cell: cellOf(leafRows.length - 2, 6), value: -2 },
    { sheet: GENERATED_SHEET, cell: cellOf(leafRows.length - 1, 6), value: "1,75" },
  ];
  return { workbook, edits };
}

export const YEARS_SHEET = "Sở 2023-2024";

/**
 * Units in rows with two years side by side ("Tổng điểm 2023 | Xếp hạng 2023 | Tổng điểm 2024 |
 * Xếp hạng 2024"): changes in points and places, and their phrases. Units 1 and 2 tie in 2024.
 */
export function twoYearsWorkbook(units: number, seed: number): { workbook: () => ExcelJS.Workbook; edits: { sheet: string; cell: string; value: string | number }[] } {
  const rand = prng(seed);
  const totals = Array.from({ length: units }, () => [Math.round((70 + 25 * rand()) * 100), Math.round((70 + 25 * rand()) * 100)]);
  totals[1][1] = totals[0][1];
  const firstRow = 3;
  const workbook = (): ExcelJS.Workbook => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(YEARS_SHEET);
    ws.getCell("A1").value = "KẾT QUẢ CHỈ SỐ CCHC CÁC SỞ, BAN, NGÀNH";
    ws.getRow(2).values = ["STT", "Đơn vị", "Tổng điểm 2023", "Xếp hạng 2023", "Tổng điểm 2024", "Xếp hạng 2024"];
    totals.forEach(([a, b], u) => {
      const row = ws.getRow(firstRow + u);
      row.getCell(1).value = u + 1;
      row.getCell(2).value = `Sở ${u + 1}`;
      row.getCell(3).value = u % 5 === 0 ? (a / 100).toFixed(2).replace(".", ",") : a / 100;
      row.getCell(5).value = b / 100;
    });
    return wb;
  };
  const edits = [
    // Sở 4 climbs to tie with Sở 1 and 2 through a sum of doubles; Sở 6 is corrected down.
    { sheet: YEARS_SHEET, cell: `E${firstRow + 3}`, value: 0.1 + 0.2 + (totals[0][1] / 100 - 0.3) },
    { sheet: YEARS_SHEET, cell: `E${firstRow + 5}`, value: "70,05" },
  ];
  return { workbook, edits };
}
