import Decimal from "decimal.js";
import { buildReportPlan, looksLikeFormula, numberValue, safeSheetName, uniqueSheetName } from "../../src/report";
import { parseA1 } from "../../src/tables/grid";
import { allInputs } from "./fixtures";

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

describe("merges", () => {
  // The .xlsx writer files each planned merge without re-checking it against the others (ExcelJS's
  // own check is quadratic), so no two merges of a planned sheet may share a cell.
  test("no two merges of any planned sheet overlap", () => {
    const plan = buildReportPlan({ lang: "vi", tables: allInputs() });
    let checked = 0;
    for (const sheet of plan.sheets) {
      const rects = sheet.merges.map((m) => {
        const [a, b] = m.split(":").map(parseA1);
        return { m, top: a.row, left: a.col, bottom: b.row, right: b.col };
      });
      for (let i = 0; i < rects.length; i++) {
        for (let j = i + 1; j < rects.length; j++) {
          const p = rects[i];
          const q = rects[j];
          const disjoint = p.bottom < q.top || q.bottom < p.top || p.right < q.left || q.right < p.left;
          if (!disjoint) throw new Error(`${sheet.name}: ${p.m} overlaps ${q.m}`);
        }
      }
      checked += rects.length;
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe("number values", () => {
  test("plain decimal strings are written as Decimal would write them", () => {
    const samples = ["8.35", "8.50", "0", "-0", "-0.00", "100.00", "007.10", "-12.340", "0.000001", "123456789012345.5", "1e5", "0.0000001"];
    let seed = 3;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 3000; i++) {
      const int = String(Math.floor(rand() * 10 ** Math.floor(rand() * 8))).padStart(1 + Math.floor(rand() * 2), "0");
      const frac = rand() < 0.3 ? "" : `.${String(Math.floor(rand() * 10 ** 6)).padStart(6, "0").slice(0, 1 + Math.floor(rand() * 6))}`;
      samples.push(`${rand() < 0.3 ? "-" : ""}${int}${frac}`);
    }
    for (const s of samples) {
      expect(numberValue(s)).toEqual({ kind: "number", value: new Decimal(s).toString() });
    }
  });
});
