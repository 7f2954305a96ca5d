import { looksLikeFormula, safeSheetName, uniqueSheetName } from "../../src/report";

describe("sheet names", () => {
  test("Excel's rules: at most 31 characters, none of []:*?/\\, no edge apostrophes", () => {
    expect(safeSheetName("Phân tích điểm trừ")).toBe("Phân tích điểm trừ");
    expect(safeSheetName("a/b\\c[d]:e*f?g")).toBe("a b c d e f g");
    expect(safeSheetName("'quoted'")).toBe("quoted");
    expect(safeSheetName("   ")).toBe("ParScore");
    const long = safeSheetName("Phân tích điểm trừ của Ủy ban nhân dân tỉnh", " (12)");
    expect(long).toBe("Phân tích điểm trừ của Ủy (12)");
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long.endsWith(" (12)")).toBe(true);
    // Decomposed Vietnamese is composed first, so it counts as Excel counts it.
    expect(safeSheetName("Phân tích".normalize("NFD"))).toBe("Phân tích");
  });

  test("unique names get ' (2)', ' (3)' ..., compared case-insensitively", () => {
    expect(uniqueSheetName("Xếp hạng", [])).toBe("Xếp hạng");
    expect(uniqueSheetName("Xếp hạng", ["XẾP HẠNG"])).toBe("Xếp hạng (2)");
    expect(uniqueSheetName("Xếp hạng", ["Xếp hạng", "Xếp hạng (2)"])).toBe("Xếp hạng (3)");
  });
});

describe("formula-like text", () => {
  test("text a spreadsheet would parse is recognised", () => {
    for (const s of ["=1+1", "+84 912 345 678", "-Chất lượng", "@SUM(A1)"]) expect(looksLikeFormula(s)).toBe(true);
    for (const s of ["Cải cách", "4(12)", "8,35", ""]) expect(looksLikeFormula(s)).toBe(false);
  });
});
