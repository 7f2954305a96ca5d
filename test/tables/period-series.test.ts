/** Periods over months and quarters: read from headers, written one way, kept in time order. */
import { comparePeriods } from "../../src/engine/ranks";
import { normalisePeriod, parsePeriod } from "../../src/engine/periods";
import { analyse } from "../../src/engine/analyse";
import { grid, one, plainFindings } from "./builder";

describe("period labels", () => {
  test.each([
    ["Tháng 1", "Tháng 1"],
    ["THÁNG 12", "Tháng 12"],
    ["T1/2025", "Tháng 1/2025"],
    ["Tháng 01/2025", "Tháng 1/2025"],
    ["tháng 3 năm 2024", "Tháng 3/2024"],
    ["T10-2024", "Tháng 10/2024"],
    ["Quý I", "Quý I"],
    ["Quý 1/2025", "Quý I/2025"],
    ["Quý IV năm 2024", "Quý IV/2024"],
    ["Q2 2024", "Quý II/2024"],
    ["Năm 2019", "2019"],
    ["2019 (Điểm số, Xếp hạng)", "2019"],
  ])("%s -> %s", (label, expected) => {
    expect(normalisePeriod(label)).toBe(expected);
  });

  test("labels that are no period", () => {
    for (const label of ["Tháng 13", "Tổng điểm", "T", "Quý V", "1.1", "Điểm tối đa", "TC1"]) expect(parsePeriod(label)).toBeNull();
  });

  test("months and quarters sort in time, not as text", () => {
    const months = Array.from({ length: 12 }, (_, i) => `Tháng ${i + 1}`);
    expect([...months].reverse().sort(comparePeriods)).toEqual(months);
    expect(["Tháng 2/2025", "Tháng 12/2024", "Tháng 1/2025", "2024"].sort(comparePeriods)).toEqual(["2024", "Tháng 12/2024", "Tháng 1/2025", "Tháng 2/2025"]);
    expect(["Quý IV", "Quý II", "Quý I", "Quý III"].sort(comparePeriods)).toEqual(["Quý I", "Quý II", "Quý III", "Quý IV"]);
    expect(["", "Tháng 1"].sort(comparePeriods)).toEqual(["", "Tháng 1"]);
  });
});

describe("a table over months", () => {
  test("units in rows, one total per month: each month a period, in order; changes between consecutive months", () => {
    const g = grid([
      ["STT", "Tỉnh", "T10/2024", "T11/2024", "T12/2024", "T1/2025"],
      [1, "Tỉnh A", 80, 82.5, 81, 90],
      [2, "Tỉnh B", 85, 80, 84, 88],
      [3, "Tỉnh C", 70, 82.5, 86, 88],
    ]);
    const { table, rec } = one(g);
    expect(plainFindings(rec.findings)).toEqual([]);
    const periods = [...new Set(table.scorecard.columns.map((c) => c.period))].sort(comparePeriods);
    expect(periods).toEqual(["Tháng 10/2024", "Tháng 11/2024", "Tháng 12/2024", "Tháng 1/2025"]);
    const a = analyse(table.scorecard);
    const total = (unit: string, period: string) => a.columns.find((c) => c.column.unit === unit && c.column.period === period)?.nodes.get("")?.achieved?.toString();
    expect(total("Tỉnh A", "Tháng 11/2024")).toBe("82.5");
    expect(total("Tỉnh C", "Tháng 1/2025")).toBe("88");
    // Ranks per month: November ties A and C at 82.5 (1st, shared), B 3rd.
    const nov = a.ranks.find((r) => r.period === "Tháng 11/2024" && r.code === "")!;
    expect(nov.entries.map((e) => `${e.unit}:${e.label}`)).toEqual(["Tỉnh A:1(2)", "Tỉnh C:1(2)", "Tỉnh B:3"]);
    // January 2025 follows December 2024: B and C tie at 88.
    const change = a.changes.find((c) => c.unit === "Tỉnh C" && c.code === "" && c.toPeriod === "Tháng 1/2025")!;
    expect(change.fromPeriod).toBe("Tháng 12/2024");
    expect(change.pointsDelta?.toString()).toBe("2");
  });

  test("a total column beside the quarters keeps them as its parts (not a series)", () => {
    const g = grid([
      ["Đơn vị", "Quý 1", "Quý 2", "Quý 3", "Cộng"],
      ["Sở A", 1, 2, 3, 6],
      ["Sở B", 2, 2, 2, 6],
    ]);
    const { table } = one(g);
    expect(new Set(table.scorecard.columns.map((c) => c.period)).size).toBe(1);
    expect(table.scorecard.criteria.map((c) => c.title)).toEqual(["Quý 1", "Quý 2", "Quý 3"]);
  });

  test("one unit, criteria in rows, one column per month", () => {
    const g = grid([
      ["TT", "Nội dung", "Tháng 1", "Tháng 2", "Tháng 3"],
      ["1", "Công khai, minh bạch", 15, 16, 18],
      ["2", "Tiến độ, kết quả giải quyết", 18, 17, 20],
    ]);
    const { table } = one(g);
    expect(table.layout).toBe("unit-across-years");
    expect(table.scorecard.columns.map((c) => c.period)).toEqual(["Tháng 1", "Tháng 2", "Tháng 3"]);
  });
});
