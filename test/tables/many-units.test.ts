import { grid, one, plainCriteria, plainFindings, plainPoints, plainRanks, pointCells } from "./builder";
import { recogniseGrid } from "../../src/tables/recognise";
import { analyse } from "../../src/engine/analyse";
import { TOTAL_CODE } from "../../src/engine/types";

describe("units in columns", () => {
  test("26. criteria in rows, one column per unit", () => {
    const g = grid([
      ["KẾT QUẢ CHỈ SỐ CCHC CÁC SỞ NĂM 2022"],
      ["STT", "Nội dung", "Điểm tối đa", "Sở Tư pháp", "Sở Nội vụ", "Sở Tài chính", "Ghi chú"],
      ["1", "Công tác chỉ đạo", "8,5", "8", "8,5", "7"],
      ["1.1", "Kế hoạch", "8,5", "8", "8,5", "7"],
      ["2", "Thủ tục hành chính", "14", "13", "KAD", "12,5"],
      [null, "Tổng cộng", "22,5", "21", "8,5", "19,5"],
    ]);
    const { table, rec } = one(g);
    expect(table.layout).toBe("units-in-columns");
    expect(table.scorecard.columns.map((c) => c.key)).toEqual(["Sở Tư pháp||score", "Sở Nội vụ||score", "Sở Tài chính||score"]);
    expect(plainPoints(table.scorecard)).toEqual({
      "Sở Tư pháp||score": { "1": "8", "1.1": "8", "2": "13", "(total)": "21" },
      "Sở Nội vụ||score": { "1": "8.5", "1.1": "8.5", "2": "N/A", "(total)": "8.5" },
      "Sở Tài chính||score": { "1": "7", "1.1": "7", "2": "12.5", "(total)": "19.5" },
    });
    expect(pointCells(table.scorecard, "Sở Tài chính||score")).toEqual({ "1": "F3", "1.1": "F4", "2": "F5" });
    expect(rec.findings).toEqual([]);
  });

  test("27. a unit merged over its self-assessed and appraised columns", () => {
    const g = grid(
      [
        ["TT", "Tiêu chí", "Điểm chuẩn", "UBND huyện A", null, "UBND huyện B", null],
        [null, null, null, "Tự chấm", "Thẩm định", "Tự chấm", "Thẩm định"],
        ["1", "Chỉ đạo", "2", "2", "1,5", "2", "2"],
        ["2", "Thủ tục", "3", "3", "3", "2", "1"],
      ],
      { merges: ["A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:G1"] },
    );
    const { table } = one(g);
    expect(table.layout).toBe("units-in-columns");
    expect(plainPoints(table.scorecard)).toEqual({
      "UBND huyện A||self": { "1": "2", "2": "3" },
      "UBND huyện A||score": { "1": "1.5", "2": "3" },
      "UBND huyện B||self": { "1": "2", "2": "2" },
      "UBND huyện B||score": { "1": "2", "2": "1" },
    });
    expect(plainCriteria(table.scorecard.criteria).map((c) => c.max)).toEqual(["2", "3"]);
  });
});

describe("units in rows (ranking tables)", () => {
  const HEADER = ["STT", "Tỉnh/Thành phố", "1", "2", "3", "4", "5", "6", "7", "8", "Tổng điểm", "Chỉ số (%)", "Xếp hạng"];

  test("28. areas 1..8 as columns, total, index and rank; the 2019 template is picked for the maxima", () => {
    const g = grid(
      [
        ["CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2019 CỦA CÁC TỈNH"],
        HEADER,
        ["1", "Quảng Ninh", "8,5", "9,5", "13", "11", "13", "11", "12", "13", "91,04", "91,04%", "1"],
        ["2", "Thừa Thiên Huế", "8,00", "8,75", "13,21", "8,35", "11,72", "9,76", "12,47", "10,80", "83,06", "83,06", "13"],
        ["3", "Hải Phòng", "8", "9", "13", "10", "12", "11", "12", "12", "87", "87", "4(2)"],
        [null, "Trung bình", "8", "9", "13", "10", "12", "11", "12", "12", "87", "87", null],
      ],
      { sheet: "2019" },
    );
    const { table, rec } = one(g);
    expect(table.layout).toBe("units-in-rows");
    expect(table.template).toBe("par-2019-province");
    expect(table.range).toBe("A2:M6");
    expect(plainCriteria(table.scorecard.criteria).map((c) => `${c.code}:${c.max}`)).toEqual([
      "1:8.5",
      "2:10",
      "3:14",
      "4:12",
      "5:14",
      "6:12.5",
      "7:13",
      "8:16",
    ]);
    expect(table.scorecard.criteria[0].title).toBe("Công tác chỉ đạo, điều hành CCHC");
    expect(table.scorecard.columns.map((c) => c.unit)).toEqual(["Quảng Ninh", "Thừa Thiên Huế", "Hải Phòng"]);
    expect(plainPoints(table.scorecard)["Thừa Thiên Huế||score"]).toEqual({
      "1": "8",
      "2": "8.75",
      "3": "13.21",
      "4": "8.35",
      "5": "11.72",
      "6": "9.76",
      "7": "12.47",
      "8": "10.8",
      "(total)": "83.06",
    });
    expect(plainRanks(table.scorecard)).toEqual({
      "Quảng Ninh||score": { "": "1" },
      "Thừa Thiên Huế||score": { "": "13" },
      "Hải Phòng||score": { "": "4(2)" },
    });
    expect(table.scorecard.columns[0].indicators?.indexPercent.toString()).toBe("91.04");
    expect(table.scorecard.columns[1].publishedTotal?.location).toEqual({ sheet: "2019", cell: "K4" });
    // Ranks 13 and 4(2) among 3 provinces: an excerpt of the national ranking, said once at the first such rank.
    expect(plainFindings(rec.findings)).toEqual(["summary-row-skipped@B6", "template-auto-picked@", "ranks-from-larger-ranking@M4"]);
  });

  test("29. area headers 'LV1 (8,5 điểm)', 'Lĩnh vực 2' and a 'Điểm tối đa' row", () => {
    const g = grid([
      ["TT", "Tên đơn vị", "LV1 (8,5 điểm)", "Lĩnh vực 2", "Lĩnh vực 3", "Tổng cộng"],
      [null, "Điểm tối đa", null, "10", "14", "32,5"],
      ["1", "Sở Xây dựng", "7", "9", "12", "28"],
      ["2", "Sở Y tế", "8", "8,5", "#N/A", "16,5"],
    ]);
    const { table, rec } = one(g, { autoTemplate: false });
    expect(plainCriteria(table.scorecard.criteria)).toEqual([
      { code: "1", level: 1, title: "", max: "8.5" },
      { code: "2", level: 1, title: "", max: "10" },
      { code: "3", level: 1, title: "", max: "14" },
    ]);
    expect(table.scorecard.criteria[1].maxLocation).toEqual({ sheet: "Sheet1", cell: "D2" });
    expect(plainPoints(table.scorecard)).toEqual({
      "Sở Xây dựng||score": { "1": "7", "2": "9", "3": "12", "(total)": "28" },
      "Sở Y tế||score": { "1": "8", "2": "8.5", "3": null, "(total)": "16.5" },
    });
    // "#N/A" typed as text is still not a number.
    expect(plainFindings(rec.findings)).toEqual(["unreadable-number@E4"]);
  });

  test("30. area groups merged over Điểm | Xếp hạng, with titled areas", () => {
    const g = grid(
      [
        ["STT", "Đơn vị", "Công tác chỉ đạo, điều hành CCHC", null, "Cải cách thủ tục hành chính", null, "Tổng điểm", "Xếp hạng"],
        [null, null, "Điểm", "Xếp hạng", "Điểm", "Xếp hạng", null, null],
        ["1", "Huyện A", "7,5", "2", "12", "1", "19,5", "1"],
        ["2", "Huyện B", "8", "1", "10", "2", "18", "2"],
      ],
      { merges: ["A1:A2", "B1:B2", "C1:D1", "E1:F1", "G1:G2", "H1:H2"] },
    );
    const { table } = one(g, { autoTemplate: false });
    expect(plainCriteria(table.scorecard.criteria)).toEqual([
      { code: "1", level: 1, title: "Công tác chỉ đạo, điều hành CCHC", max: null },
      { code: "2", level: 1, title: "Cải cách thủ tục hành chính", max: null },
    ]);
    expect(plainPoints(table.scorecard)).toEqual({
      "Huyện A||score": { "1": "7.5", "2": "12", "(total)": "19.5" },
      "Huyện B||score": { "1": "8", "2": "10", "(total)": "18" },
    });
    expect(plainRanks(table.scorecard)).toEqual({
      "Huyện A||score": { "1": "2", "2": "1", "": "1" },
      "Huyện B||score": { "1": "1", "2": "2", "": "2" },
    });
  });

  test("31. English ranking table with 'Unit', 'Total', 'Index', 'Rank'", () => {
    const g = grid([
      ["No.", "Unit", "Area 1", "Area 2", "Total", "Index", "Rank"],
      ["1", "Ministry A", "5.5", "6", "11.5", "88.46", "2"],
      ["2", "Ministry B", "6", "6", "12", "92.31", "1"],
    ]);
    const { table } = one(g, { autoTemplate: false });
    expect(table.layout).toBe("units-in-rows");
    expect(plainCriteria(table.scorecard.criteria).map((c) => c.code)).toEqual(["1", "2"]);
    expect(plainPoints(table.scorecard)["Ministry B||score"]).toEqual({ "1": "6", "2": "6", "(total)": "12" });
    expect(plainRanks(table.scorecard)["Ministry A||score"]).toEqual({ "": "2" });
  });
});

describe("wide ranking tables", () => {
  test("more than 99 criterion columns ('Tiêu chí 100' .. 'Tiêu chí 120') stay criteria: units in rows", () => {
    const labels = Array.from({ length: 120 }, (_, i) => `Tiêu chí ${i + 1}`);
    const g = grid([
      ["STT", "Đơn vị", ...labels, "Tổng điểm"],
      [null, "Điểm tối đa", ...labels.map(() => "1"), "120"],
      ["1", "Xã A", ...labels.map(() => "0,5"), "60"],
      ["2", "Xã B", ...labels.map((_, i) => (i === 119 ? "0,25" : "1")), "119,25"],
    ]);
    const { table, rec } = one(g);
    expect(table.layout).toBe("units-in-rows");
    expect(table.scorecard.columns.map((c) => c.unit)).toEqual(["Xã A", "Xã B"]);
    expect(table.scorecard.criteria).toHaveLength(120);
    expect(table.scorecard.criteria[119].code).toBe("120");
    expect(plainPoints(table.scorecard)["Xã B||score"]["120"]).toBe("0.25");
    expect(plainFindings(rec.findings)).toEqual([]);
  });
});

describe("units in rows with the index's components as columns", () => {
  test("Điểm thẩm định + SIPAS + Khảo sát + Tác động add up to Tổng điểm; a total off by 0,01 or more is found on that unit's row", () => {
    const g = grid([
      ["KẾT QUẢ CHỈ SỐ CCHC NĂM 2020"],
      ["STT", "Tỉnh, thành phố", "Điểm thẩm định", "Chỉ số SIPAS", "Khảo sát lãnh đạo, quản lý", "Tác động của CCHC", "Tổng điểm", "Xếp hạng"],
      ["1", "Quảng Ninh", "57,66", "9,56", "18,83", "5", "91,04", "1"],
      ["2", "Hải Phòng", "55,1", "9,2", "18", "4,5", "86,8", "2"],
      ["3", "Bắc Ninh", "54", "9", "17,5", "4", "86,5", "3"],
    ]);
    const { table } = one(g);
    expect(table.layout).toBe("units-in-rows");
    expect(plainCriteria(table.scorecard.criteria).map((c) => [c.code, c.extra ?? false])).toEqual([
      ["diem-tham-dinh", false],
      ["chi-so-sipas", false],
      ["khao-sat-lanh-dao-quan-ly", false],
      ["tac-dong-cua-cchc", false],
    ]);
    const analysis = analyse(table.scorecard);
    const located = analysis.findings.map((f) => `${f.kind} ${f.location?.cell}`);
    // Quảng Ninh: 57,66 + 9,56 + 18,83 + 5 = 91,05, published 91,04 (PAR INDEX 2020); Bắc Ninh: 84,5 published as 86,5.
    expect(located).toEqual(["rounding-difference G3", "sum-mismatch G5"]);
    const total = (unit: string) => analysis.columns.find((c) => c.column.unit === unit)!.nodes.get(TOTAL_CODE)!.achieved!.toString();
    expect([total("Quảng Ninh"), total("Hải Phòng"), total("Bắc Ninh")]).toEqual(["91.05", "86.8", "84.5"]);
  });
});

test("units named 'Đơn vị 1900' .. 'Đơn vị 2100' with STT as text stay data rows, not year headers of a new table", () => {
  const crit = Array.from({ length: 10 }, (_, i) => `Tiêu chí ${i + 1}`);
  const rows: (string | number | null)[][] = [["KẾT QUẢ"], [], ["STT", "Đơn vị", ...crit, "Tổng điểm"], [null, "Điểm tối đa", ...crit.map(() => 1), 10]];
  for (let u = 1; u <= 2100; u++) rows.push([String(u), `Đơn vị ${u}`, ...crit.map(() => "0,5"), "5"]);
  const rec = recogniseGrid(grid(rows));
  expect(rec.tables.map((t) => t.range)).toEqual(["A3:M2104"]);
  expect(rec.tables[0].scorecard.columns).toHaveLength(2100);
});
