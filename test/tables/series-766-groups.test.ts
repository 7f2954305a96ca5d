/**
 * Bộ chỉ số 766 tracked month by month with its groups: a two-row header, each month merged over its group
 * columns ("Tháng 1/2025" over "Công khai | Tiến độ | Tổng"), or each group over its months ("Công khai"
 * over "T1 | T2"). Every month is read whole (its groups and its total), not one total per month.
 */
import { comparePeriods } from "../../src/engine/ranks";
import { analyse } from "../../src/engine/analyse";
import { grid, one, plainCriteria, plainFindings, plainPoints } from "./builder";

describe("766 groups under each month", () => {
  // Tỉnh A: January 17,5 + 19 + 8 = 44,5; February 18 + 19,5 + 9 = 46,5 (published 46,5).
  // Tỉnh B: January 16 + 18,25 + 10 = 44,25 (published 44,25); February 16 + 18 + 10 = 44 (published 45: one off).
  const rows = [
    ["STT", "Tỉnh, thành phố", "Tháng 1/2025", null, null, null, "Tháng 2/2025", null, null, null],
    [null, null, "Công khai, minh bạch", "Tiến độ, kết quả giải quyết", "Thanh toán trực tuyến", "Tổng điểm", "Công khai, minh bạch", "Tiến độ, kết quả giải quyết", "Thanh toán trực tuyến", "Tổng điểm"],
    [1, "Tỉnh A", 17.5, 19, 8, 44.5, 18, 19.5, 9, 46.5],
    [2, "Tỉnh B", 16, 18.25, 10, 44.25, 16, 18, 10, 45],
  ];
  const merges = ["A1:A2", "B1:B2", "C1:F1", "G1:J1"];

  test("each month's groups are that month's points, its total that month's total", () => {
    const { table } = one(grid(rows, { merges }));
    expect(plainCriteria(table.scorecard.criteria).map((c) => c.title)).toEqual(["Công khai, minh bạch", "Tiến độ, kết quả giải quyết", "Thanh toán trực tuyến"]);
    expect(plainPoints(table.scorecard)).toEqual({
      "Tỉnh A|Tháng 2/2025|score": { "1": "18", "2": "19.5", "3": "9", "(total)": "46.5" },
      "Tỉnh A|Tháng 1/2025|score": { "1": "17.5", "2": "19", "3": "8", "(total)": "44.5" },
      "Tỉnh B|Tháng 2/2025|score": { "1": "16", "2": "18", "3": "10", "(total)": "45" },
      "Tỉnh B|Tháng 1/2025|score": { "1": "16", "2": "18.25", "3": "10", "(total)": "44.25" },
    });
  });

  test("totals per month from the groups; a month's published total that is not their sum is found at its cell", () => {
    const { table } = one(grid(rows, { merges }));
    const a = analyse(table.scorecard);
    const total = (unit: string, period: string) => a.columns.find((c) => c.column.unit === unit && c.column.period === period)?.nodes.get("")?.achieved?.toString();
    expect(total("Tỉnh A", "Tháng 1/2025")).toBe("44.5");
    expect(total("Tỉnh B", "Tháng 1/2025")).toBe("44.25");
    expect(total("Tỉnh A", "Tháng 2/2025")).toBe("46.5");
    // Tỉnh B, February: 16 + 18 + 10 = 44, published 45 at J4.
    expect(total("Tỉnh B", "Tháng 2/2025")).toBe("44");
    expect(a.findings.filter((f) => f.kind === "sum-mismatch").map((f) => f.location?.cell)).toEqual(["J4"]);
    // Each month ranked on its own: January A (44,5) before B (44,25); the change of each group since January.
    const jan = a.ranks.find((r) => r.period === "Tháng 1/2025" && r.code === "")!;
    expect(jan.entries.map((e) => `${e.unit}:${e.label}`)).toEqual(["Tỉnh A:1", "Tỉnh B:2"]);
    const change = a.changes.find((c) => c.unit === "Tỉnh A" && c.code === "3" && c.toPeriod === "Tháng 2/2025")!;
    expect(change.pointsDelta?.toString()).toBe("1");
  });

  test("without a total column under each month: the row of groups is still the header, each month read whole", () => {
    const g = grid(
      [
        ["STT", "Tỉnh", "Tháng 1/2025", null, "Tháng 2/2025", null, "Tháng 3/2025", null],
        [null, null, "Công khai", "Tiến độ", "Công khai", "Tiến độ", "Công khai", "Tiến độ"],
        [1, "Tỉnh A", 17.5, 19, 18, 19, 18, 20],
        [2, "Tỉnh B", 16, 18.25, 16, 18, 17, 18],
      ],
      { merges: ["A1:A2", "B1:B2", "C1:D1", "E1:F1", "G1:H1"] },
    );
    const { table, rec } = one(g);
    expect(plainFindings(rec.findings)).toEqual([]);
    const periods = [...new Set(table.scorecard.columns.map((c) => c.period))].sort(comparePeriods);
    expect(periods).toEqual(["Tháng 1/2025", "Tháng 2/2025", "Tháng 3/2025"]);
    const a = analyse(table.scorecard);
    const total = (unit: string, period: string) => a.columns.find((c) => c.column.unit === unit && c.column.period === period)?.nodes.get("")?.achieved?.toString();
    expect(["Tháng 1/2025", "Tháng 2/2025", "Tháng 3/2025"].map((p) => total("Tỉnh B", p))).toEqual(["34.25", "34", "35"]);
    expect(total("Tỉnh A", "Tháng 3/2025")).toBe("38");
  });

  test("each group over its months ('Công khai' over 'T1 | T2'): the same reading", () => {
    const g = grid(
      [
        ["STT", "Tỉnh", "Công khai", null, "Tiến độ", null],
        [null, null, "T1", "T2", "T1", "T2"],
        [1, "Tỉnh A", 17.5, 18, 19, 19.5],
        [2, "Tỉnh B", 16, 16, 18.25, 18],
      ],
      { merges: ["A1:A2", "B1:B2", "C1:D1", "E1:F1"] },
    );
    const { table } = one(g);
    expect(plainPoints(table.scorecard)).toEqual({
      "Tỉnh A|Tháng 2|score": { "1": "18", "2": "19.5" },
      "Tỉnh A|Tháng 1|score": { "1": "17.5", "2": "19" },
      "Tỉnh B|Tháng 2|score": { "1": "16", "2": "18" },
      "Tỉnh B|Tháng 1|score": { "1": "16", "2": "18.25" },
    });
  });

  test("a group an earlier month has and the latest lacks is said at its header cell, not read into another group", () => {
    const g = grid(
      [
        ["STT", "Tỉnh", "Tháng 1/2025", null, null, "Tháng 2/2025", null],
        [null, null, "Công khai", "Tiến độ", "Số hóa", "Công khai", "Tiến độ"],
        [1, "Tỉnh A", 17.5, 19, 20, 18, 19],
        [2, "Tỉnh B", 16, 18.25, 15, 16, 18],
      ],
      { merges: ["A1:A2", "B1:B2", "C1:E1", "F1:G1"] },
    );
    const { table, rec } = one(g);
    expect(plainFindings(rec.findings)).toEqual(["period-column-unmatched@E2"]);
    expect(plainPoints(table.scorecard)["Tỉnh A|Tháng 1/2025|score"]).toEqual({ "1": "17.5", "2": "19" });
  });

  test("the portal's six groups under each month, no maxima in the table: the 6-group set gives every month its maxima", () => {
    const groups = ["Công khai, minh bạch", "Tiến độ, kết quả giải quyết", "Dịch vụ công trực tuyến", "Thanh toán trực tuyến", "Mức độ hài lòng", "Số hóa hồ sơ", "Tổng"];
    const g = grid(
      [
        ["STT", "Tỉnh", "Tháng 11/2025", null, null, null, null, null, null, "Tháng 12/2025", null, null, null, null, null, null],
        [null, null, ...groups, ...groups],
        [1, "Tỉnh A", 15.64, 19, 8, 10, 17.86, 20.78, 91.28, 15.82, 19.45, 8.53, 10, 17.86, 21.17, 92.83],
      ],
      { merges: ["A1:A2", "B1:B2", "C1:I1", "J1:P1"] },
    );
    const { table } = one(g);
    expect(table.template).toBe("bo-chi-so-766-6-nhom");
    const a = analyse(table.scorecard);
    const lost = (period: string) => {
      const col = a.columns.find((c) => c.column.period === period)!;
      return ["", "1", "2", "3", "4", "5", "6"].map((code) => col.nodes.get(code)!.lost!.toString());
    };
    // November: 100 − 91,28 = 8,72 = 2,36 + 1 + 4 + 0 + 0,14 + 1,22; December: 7,17 = 2,18 + 0,55 + 3,47 + 0 + 0,14 + 0,83.
    expect(lost("Tháng 11/2025")).toEqual(["8.72", "2.36", "1", "4", "0", "0.14", "1.22"]);
    expect(lost("Tháng 12/2025")).toEqual(["7.17", "2.18", "0.55", "3.47", "0", "0.14", "0.83"]);
  });
});
