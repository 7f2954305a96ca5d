/**
 * What the Office.js host sends as fills and merge blocks instead of cell by cell: columns of one
 * formula moved down a row each time (formulaFills), their references as Excel moves them when it
 * fills (shiftFormula), and runs of one-row merges (mergeBlocks).
 */
import { formulaShape, releaseRows, shiftFormula } from "../../../src/hosts/excel/r1c1";
import { MIN_FILL_ROWS, formulaFills, mergeBlocks } from "../../../src/hosts/excel/write-sheet";

test("shiftFormula moves relative rows and columns, keeps absolute ones, and leaves text and sheet names alone", () => {
  expect(shiftFormula("=SUM('Kết quả'!$C5:$DR5)+A1*$B$2", 3, 1)).toBe("=SUM('Kết quả'!$C8:$DR8)+B4*$B$2");
  expect(shiftFormula('=IF(A1="A1",LOG10(B2),Sheet1!C3)', 1, 0)).toBe('=IF(A2="A1",LOG10(B3),Sheet1!C4)');
  expect(shiftFormula("='It''s A1'!A1", 2, 0)).toBe("='It''s A1'!A3");
});

test("formulaShape sees the text around references and the references; releaseRows drops a row's $", () => {
  const shape = formulaShape("=ROUND($C$3+D3,2)");
  expect(shape.template).toBe("=ROUND(\u0002+\u0002,2)");
  expect(shape.refs.map((r) => [r.row, r.col, r.absRow, r.absCol])).toEqual([
    [2, 2, true, true],
    [2, 3, false, false],
  ]);
  expect(releaseRows("=ROUND($C$3+D3,2)", new Set([0]))).toBe("=ROUND($C3+D3,2)");
});

/** A block of `n` rows: a source-row formula moving with the row, a rank over a fixed range, a name. */
function rows(n: number, order: (i: number) => number = (i) => i): (string | number | null)[][] {
  return Array.from({ length: n }, (_, i) => {
    const source = order(i) + 5;
    return [`=ROUND(SUM('Src'!$C$${source}:$DR$${source}),2)`, `=RANK.EQ($A${i + 8},$A$8:$A$${n + 7})`, `'Đơn vị ${i + 1}`];
  });
}

test("formulaFills: one rectangle over the formula columns, the moving source row released, the fixed rank range kept", () => {
  const inputs = rows(30);
  const fills = formulaFills(inputs);
  expect(fills).toEqual([{ top: 0, left: 0, rows: 30, cols: 2 }]);
  expect(inputs[0][0]).toBe("=ROUND(SUM('Src'!$C5:$DR5),2)");
  expect(inputs[0][1]).toBe("=RANK.EQ($A8,$A$8:$A$37)");
  // Filled down, every row computes what its planned formula computes.
  for (let i = 1; i < 30; i++) expect(shiftFormula(inputs[0][0] as string, i, 0)).toBe((rows(30)[i][0] as string).replace(/\$(\d)/g, "$1"));
});

test("formulaFills leaves rows in another order than their source rows, and short columns, cell by cell", () => {
  expect(formulaFills(rows(30, (i) => (i * 7) % 30)).map((f) => f.left)).toEqual([1]); // only the rank column
  expect(formulaFills(rows(MIN_FILL_ROWS - 1))).toEqual([]);
});

test("mergeBlocks: consecutive one-row merges over the same columns are one merge-across call", () => {
  expect(mergeBlocks(["A1:F1", "B5:C5", "B6:C6", "B7:C7", "B9:C9", "A10:A12"])).toEqual([
    { address: "A1:F1", across: false },
    { address: "B5:C7", across: true },
    { address: "B9:C9", across: false },
    { address: "A10:A12", across: false },
  ]);
});
