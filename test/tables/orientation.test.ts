/**
 * Which way a table runs when its header words do not say (orientation.ts): names under a row of
 * periods or of scales are one unit's criteria or units, as the rows' evidence says; and the pieces
 * that evidence uses (scales, a province on a title line, levels from ranks and sums).
 */
import Decimal from "decimal.js";
import { analyse } from "../../src/engine/analyse";
import { TOTAL_CODE } from "../../src/engine/types";
import { levelsFromMarks } from "../../src/tables/row-levels";
import { isUnitName, provinceLine } from "../../src/tables/provinces";
import { scaleOf } from "../../src/tables/vocabulary";
import { grid, one, plainCriteria, plainFindings } from "./builder";

const d = (xs: (string | null)[]) => xs.map((x) => (x === null ? null : new Decimal(x)));

describe("names under a row of periods", () => {
  test("a profile: its score and 'Xếp hạng' rows make the names one unit's criteria, whatever the corner says", () => {
    for (const corner of ["Chỉ số", "Year", ""]) {
      const { table, rec } = one(
        grid([
          ["Hồ sơ tỉnh: Tiền Giang"],
          [corner, "Năm 2014", "Năm 2015", "Năm 2016"],
          ["Gia nhập thị trường", "8.61", "8.23", "8.88"],
          ["Tiếp cận đất đai", "6.04", "5.97", "5.61"],
          ["Tính minh bạch", "5.71", "5.51", "6.07"],
          ["PCI", "55.11", "56.74", "57.25"],
          ["Xếp hạng", "52", "49", "48"],
        ]),
      );
      expect(table.layout).toBe("unit-across-years");
      expect(table.scorecard.columns.map((c) => [c.unit, c.period, c.publishedTotal?.value?.toString(), c.publishedRanks.get("")?.rank])).toEqual([
        ["Tiền Giang", "2014", "55.11", 52],
        ["Tiền Giang", "2015", "56.74", 49],
        ["Tiền Giang", "2016", "57.25", 48],
      ]);
      // A weighted index: the sub-indices never add up to it, and are kept beside it.
      expect(plainCriteria(table.scorecard.criteria).every((c) => c.extra)).toBe(true);
      expect(rec.findings.filter((f) => f.severity !== "info")).toEqual([]);
    }
  });

  test("a ranking over years: provinces under 'Year | 2024 | 2023' are units, each year's column their total", () => {
    const { table, rec } = one(
      grid([
        ["Comparing Scores - Hai Duong With Other Province In Red River Delta Region"],
        ["Year", "2024", "2023"],
        ["Bac Ninh", "27.78", "22.53"],
        ["Ha Nam", "28.04", "23.47"],
        ["Nam Dinh", "27.11", "N/A"],
      ]),
    );
    expect(table.layout).toBe("units-in-rows");
    const totals = table.scorecard.columns.map((c) => [c.unit, c.period, c.publishedTotal?.value?.toString() ?? null]);
    expect(totals).toEqual(
      expect.arrayContaining([
        ["Bac Ninh", "2024", "27.78"],
        ["Bac Ninh", "2023", "22.53"],
        ["Nam Dinh", "2023", null],
      ]),
    );
    expect(totals).toHaveLength(6);
    expect(plainFindings(rec.findings).filter((f) => !f.startsWith("info"))).toEqual([]);
  });

  test("ranks beside each year's points that never order the rows: each row is a criterion ranked on its own", () => {
    const { table } = one(
      grid(
        [
          ["Chỉ số thành phần PCI Quảng Ninh (2021 - 2022)"],
          ["CHỈ SỐ THÀNH PHẦN", "2021", null, "2022", null],
          [null, "Điểm số", "Thứ hạng", "Điểm số", "Thứ hạng"],
          ["Gia nhập thị trường", "7.98", "1", "7.16", "1"],
          ["Tiếp cận đất đai", "7.39", "15", "7.57", "1"],
          ["Tính minh bạch", "6,31", "15", "6.64", "1"],
          ["Cạnh tranh bình đẳng", null, null, "6.57", "1"],
        ],
        { merges: ["A2:A3", "B2:C2", "D2:E2"] },
      ),
    );
    expect(table.layout).toBe("unit-across-years");
    const units = new Set(table.scorecard.columns.map((c) => c.unit));
    expect([...units]).toEqual(["Quảng Ninh"]);
    const y2022 = table.scorecard.columns.find((c) => c.period === "2022");
    expect(y2022?.points.get("1")?.value?.toString()).toBe("7.16");
    expect(y2022?.publishedRanks.get("2")?.rank).toBe(1);
    // Points and rank both blank in a year the criterion is otherwise ranked: not published that year.
    const y2021 = table.scorecard.columns.find((c) => c.period === "2021");
    expect(y2021?.points.get("4")?.notApplicable).toBe(true);
    const analysis = analyse(table.scorecard);
    expect(analysis.findings.filter((f) => f.kind === "missing-points")).toEqual([]);
  });

  test("ranks that order the rows make them units", () => {
    const { table } = one(
      grid([
        ["Bảng so sánh"],
        ["Tên gọi", "2023", null, "2024", null],
        [null, "Điểm", "Xếp hạng", "Điểm", "Xếp hạng"],
        ["Sở Tư pháp", "80", "3", "90", "1"],
        ["Sở Y tế", "85", "2", "70", "3"],
        ["Sở Nội vụ", "88", "1", "85", "2"],
      ], { merges: ["A2:A3", "B2:C2", "D2:E2"] }),
    );
    expect(table.layout).toBe("units-in-rows");
    expect(table.scorecard.columns.filter((c) => c.period === "2024").map((c) => [c.unit, c.publishedTotal?.value?.toString(), c.publishedRanks.get("")?.rank])).toEqual([
      ["Sở Tư pháp", "90", 1],
      ["Sở Y tế", "70", 3],
      ["Sở Nội vụ", "85", 2],
    ]);
  });
});

describe("names under a row of scales", () => {
  test("'(out of 63) | | (out of 10)': a ranked dimension heads the unranked rows that add up to it", () => {
    const { table, rec } = one(
      grid([
        ["By Province"],
        ["Ha Tinh 2015"],
        ["(out of 63)", null, "(out of 10)"],
        [1, "Participation at Local Levels", 6.44],
        [null, "Civic Knowledge", 1.48],
        [null, "Opportunities for Participation", 1.84],
        [null, "Quality of Elections", 1.77],
        [null, "Contributions", 1.35],
        [1, "Transparency", 7.24],
        [null, "Poverty Lists", 2.89],
        [null, "Communal Budgets", 2.26],
        [null, "Land-Use Plan/Pricing", 2.09],
      ]),
    );
    expect(table.scorecard.columns.map((c) => c.unit)).toEqual(["Ha Tinh"]);
    expect(plainCriteria(table.scorecard.criteria).map((c) => [c.code, c.title])).toEqual([
      ["1", "Participation at Local Levels"],
      ["1.1", "Civic Knowledge"],
      ["1.2", "Opportunities for Participation"],
      ["1.3", "Quality of Elections"],
      ["1.4", "Contributions"],
      ["2", "Transparency"],
      ["2.1", "Poverty Lists"],
      ["2.2", "Communal Budgets"],
      ["2.3", "Land-Use Plan/Pricing"],
    ]);
    expect(table.scorecard.columns[0].publishedRanks.get("2")?.rank).toBe(1);
    const analysis = analyse(table.scorecard);
    expect(analysis.columns[0].nodes.get(TOTAL_CODE)?.achieved?.toString()).toBe("13.68");
    expect(analysis.findings.filter((f) => f.kind === "sum-mismatch")).toEqual([]);
    expect(rec.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });
});

describe("the pieces", () => {
  test("scaleOf: a label that gives only a scale", () => {
    expect([scaleOf("(out of 63)"), scaleOf("(trên 10)"), scaleOf("/100"), scaleOf("of 18")]).toEqual([63, 10, 100, 18]);
    expect([scaleOf("Place (of 18)"), scaleOf("63"), scaleOf("Điểm")]).toEqual([null, null, null]);
  });

  test("provinceLine: a title line that is only a province, as written", () => {
    expect(provinceLine("Soc Trang")).toBe("Soc Trang");
    expect(provinceLine("Ha Tinh 2015")).toBe("Ha Tinh");
    expect(provinceLine("TỈNH QUẢNG NAM")).toBeUndefined();
    expect(provinceLine("QUẢNG NAM")).toBe("Quảng Nam");
    expect(provinceLine("Rankings In The Provincial Competitiveness Index (1-63) Soc Trang")).toBeUndefined();
  });

  test("isUnitName: provinces and organisations, not criteria", () => {
    expect(["Bac Ninh", "Tỉnh Quảng Ninh", "Sở Tư pháp", "UBND huyện Phú Vang"].every(isUnitName)).toBe(true);
    expect(["Gia nhập thị trường", "Entry Costs", "PCI Scores"].some(isUnitName)).toBe(false);
  });

  test("levelsFromMarks: marked rows head the rows under them only when their points are the sums", () => {
    const marks = [true, false, false, true, false];
    expect(levelsFromMarks(marks, d(["3", "1", "2", "5", "5"]))).toEqual([1, 2, 2, 1, 2]);
    expect(levelsFromMarks(marks, d(["3", "1", "1", "5", "4"]))).toBeNull();
    expect(levelsFromMarks([false, true, false], d(["1", "2", "2"]))).toBeNull();
  });
});
