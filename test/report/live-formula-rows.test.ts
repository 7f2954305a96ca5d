/**
 * A table's rows that are blank in the same places share one live formula, moved down a row at a time
 * (achievedExpression's cache): every unit's expression equals the one worked out term by term.
 */
import type { ColumnAnalysis, Criterion } from "../../src/engine/types";
import { TOTAL_CODE } from "../../src/engine/types";
import { flattenCriteria } from "../../src/engine/tree";
import { ScaledPoints } from "../../src/engine/scaled-points";
import { analyseGrids } from "../../src/pipeline/run";
import { achievedExpression, movedToRow, rowTemplate } from "../../src/report/live-formulas";
import type { CellValue } from "../../src/tables/grid";
import { grid } from "../tables/builder";
import { seeded as random } from "../helpers/seeded";

/** The same column with its points as a plain Map, which the cache never serves. */
function plain(c: ColumnAnalysis): ColumnAnalysis {
  return { ...c, column: { ...c.column, points: new Map(c.column.points) } };
}

function expectSameAsTermByTerm(rows: CellValue[][], sheet: string): number {
  const [{ table, analysis }] = analyseGrids([grid(rows, { sheet })]).tables;
  const roots: Criterion[] = analysis.scorecard.criteria;
  const codes = [TOTAL_CODE, ...flattenCriteria(roots).map((c) => c.code)];
  const columns = analysis.columns.filter((c) => c.column.points instanceof ScaledPoints);
  expect(columns.length).toBe(analysis.columns.length);
  let compared = 0;
  for (const code of codes)
    for (const c of columns) {
      const cached = achievedExpression(roots, c, code, table.sheet, analysis.scorecard.total);
      const direct = achievedExpression(roots, plain(c), code, table.sheet, analysis.scorecard.total);
      expect(cached).toEqual(direct);
      compared++;
    }
  return compared;
}

test("a tree of areas and criteria with cells left blank at random: every unit's expression of every node is the term-by-term one", () => {
  const next = random(7);
  const header = ["STT", "Đơn vị", "1.1", "1.2", "1.3", "2.1", "2.2", "3", "Tổng điểm"];
  const rows: CellValue[][] = [["KẾT QUẢ CHẤM ĐIỂM"], [], header, ["", "Điểm tối đa", 2, 3, 1.5, 4, 2.5, 6, 19]];
  for (let u = 0; u < 60; u++) {
    const values = [2, 3, 1.5, 4, 2.5, 6].map((max) => (next() < 0.25 ? null : Math.round(next() * max * 100) / 100));
    rows.push([u + 1, `Đơn vị ${u + 1}`, ...values.map((v) => (v === null ? null : next() < 0.5 ? String(v).replace(".", ",") : v)), null]);
  }
  expect(expectSameAsTermByTerm(rows, "Kết quả 2024")).toBeGreaterThan(60 * 6);
});

test("rows of one shape past the first few are moved from a template: still the term-by-term expression", () => {
  const next = random(5);
  const header = ["STT", "Đơn vị", "1.1", "1.2", "2", "Tổng điểm"];
  const rows: CellValue[][] = [["KẾT QUẢ"], [], header, ["", "Điểm tối đa", 2, 3, 5, 10]];
  // 80 units, one in ten with criterion 2 blank: two shapes, each far past the rows moved one by one.
  for (let u = 0; u < 80; u++) rows.push([u + 1, `Đơn vị ${u + 1}`, Math.round(next() * 200) / 100, String(Math.round(next() * 300) / 100).replace(".", ","), u % 10 === 3 ? null : 4.5, null]);
  expect(expectSameAsTermByTerm(rows, "Kết quả")).toBe(80 * 5);
});

test("a row template joined with a row number is movedToRow to that row", () => {
  const expr = `SUM(SUMPRODUCT(NUMBERVALUE(SUBSTITUTE("0"&'Kết quả'!$C$5:$E$5,",","."),"."," ")),'Kết quả'!$F$5,'Kết quả'!$C$4:$E$4,'Khác'!$C$5,"'Kết quả'!$C$5")`;
  for (const to of [5, 6, 12, 1048576]) expect(rowTemplate(expr, "Kết quả", 5).join(String(to))).toBe(movedToRow(expr, "Kết quả", 5, to));
  expect(rowTemplate("'It''s'!$A$3+'It''s'!$B$3:$C$3", "It's", 3).join("9")).toBe(movedToRow("'It''s'!$A$3+'It''s'!$B$3:$C$3", "It's", 3, 9));
  expect(rowTemplate("1+2", "S", 3)).toEqual(["1+2"]);
});

test("a weighted table (a 'Trọng số' row): the weights' cells are not moved with the unit's row", () => {
  const rows: CellValue[][] = [
    ["CHỈ SỐ PCI (CÓ TRỌNG SỐ)"],
    [],
    ["STT", "Tỉnh", "A", "B", "C", "Điểm số PCI"],
    ["", "Điểm tối đa", 10, 10, 10, 100],
    ["", "Trọng số", 0.2, 0.3, 0.5, null],
  ];
  const next = random(11);
  for (let u = 0; u < 12; u++) rows.push([u + 1, `Tỉnh ${u + 1}`, ...[0, 1, 2].map(() => (next() < 0.2 ? null : Math.round(next() * 1000) / 100)), null]);
  expectSameAsTermByTerm(rows, "PCI trọng số");
});

test("movedToRow moves the references of the one sheet and row only, ranges whole, and leaves string literals", () => {
  const expr = `SUM(SUMPRODUCT(NUMBERVALUE(SUBSTITUTE("0"&'Kết quả'!$C$5:$E$5,",","."),"."," ")),'Kết quả'!$F$5,'Kết quả'!$C$4:$E$4,'Khác'!$C$5,"'Kết quả'!$C$5")`;
  expect(movedToRow(expr, "Kết quả", 5, 12)).toBe(
    `SUM(SUMPRODUCT(NUMBERVALUE(SUBSTITUTE("0"&'Kết quả'!$C$12:$E$12,",","."),"."," ")),'Kết quả'!$F$12,'Kết quả'!$C$4:$E$4,'Khác'!$C$5,"'Kết quả'!$C$5")`,
  );
  expect(movedToRow("'It''s'!$A$3", "It's", 3, 4)).toBe("'It''s'!$A$4");
});
