import { buildRankSheet, rankedColumns } from "../../src/report";
import { findRow, rows } from "./plan-helpers";
import { manyInput, selfInput, tthInput } from "./fixtures";

describe("ranking sheet", () => {
  test("only for tables that rank more than one unit", () => {
    expect(buildRankSheet(tthInput(), "Xếp hạng", { lang: "vi" })).toBeNull();
    expect(buildRankSheet(selfInput(), "Xếp hạng", { lang: "vi" })).toBeNull();
    expect(rankedColumns(manyInput().analysis)).toHaveLength(5);
  });

  test("units by rank with tie labels, points and rank per area, total, index", () => {
    const sheet = buildRankSheet(manyInput(), "Xếp hạng", { lang: "vi" });
    if (!sheet) throw new Error("no sheet");
    const t = rows(sheet);
    expect(t[0][0]).toBe("XẾP HẠNG — Năm 2022 — Chỉ số CCHC 2022 (trích)");
    const header = findRow(t, 0, "Xếp hạng");
    expect(t[header]).toEqual(["Xếp hạng", "Đơn vị", "1. Chỉ đạo điều hành", "", "2. Thủ tục hành chính", "", "3. Tác động", "", "Tổng cộng", "Chỉ số (%)", "Xếp hạng"]);
    expect(t[header + 1].slice(2, 8)).toEqual(["Điểm", "Hạng", "Điểm", "Hạng", "Điểm", "Hạng"]);
    expect(t.slice(header + 2)).toEqual([
      ["1", "Hải Phòng", "10", "1", "20", "1", "61.75", "2", "91.75", "91.75", "1"],
      ["2", "Quảng Ninh", "9.5", "2", "19", "2(2)", "63", "1", "91.5", "91.5", "2"],
      ["3(2)", "Bình Định", "9", "3", "18.5", "4", "59", "3(2)", "86.5", "86.5", "3(2)"],
      ["3(2)", "Huế", "8.5", "4", "19", "2(2)", "59", "3(2)", "86.5", "86.5", "3(2)"],
      ["5", "=1+1", "7", "5", "15", "5", "50.25", "5", "72.25", "72.25", "5"],
    ]);
    expect(sheet.merges).toEqual(expect.arrayContaining(["C4:D4", "A4:A5", "I4:I5"]));
    expect(sheet.freeze).toEqual({ rows: 5, columns: 2 });
    expect(sheet.conditionalFormats).toEqual([
      { sheet: "Xếp hạng", ref: "I6:I10", rule: { type: "colorScale", colors: ["F8696B", "FFEB84", "63BE7B"] }, purpose: "total-grade" },
    ]);
  });

  test("changes from the previous period and classes when the analysis has them", () => {
    const input = manyInput();
    const { analysis } = input;
    const col = analysis.columns[0];
    col.class = { band: "A", label: "Nhóm A", cappedBy: [] };
    analysis.changes.push({
      unit: col.column.unit,
      code: "",
      fromPeriod: "2021",
      toPeriod: "2022",
      pointsDelta: col.nodes.get("")?.achieved?.minus(90) ?? null,
      rankDelta: 3,
      phrase: { vi: "tăng 1,5 điểm và tăng 3 bậc", en: "up 1.5 points and 3 places" },
    });
    const sheet = buildRankSheet(input, "Ranking", { lang: "en" });
    if (!sheet) throw new Error("no sheet");
    const t = rows(sheet);
    const header = findRow(t, 0, "Rank");
    expect(t[header].slice(8)).toEqual(["Total", "Index (%)", "Rank", "Class / group", "Points change", "Places change", "Change"]);
    const qn = findRow(t, 1, "Quảng Ninh");
    expect(t[qn].slice(11)).toEqual(["Nhóm A", "1.5", "3", "up 1.5 points and 3 places"]);
  });
});
