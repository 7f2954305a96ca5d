import { grid, one, plainCriteria, plainFindings, plainPoints, pointCells } from "./builder";

const HEADER = ["STT", "Lĩnh vực/Tiêu chí/TCTP", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định", "Tài liệu kiểm chứng", "Ghi chú"];

describe("self-assessment layout", () => {
  test("1. full template with title, unit line, roman areas, lettered items and a total row", () => {
    const g = grid(
      [
        ["BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CCHC NĂM 2023"],
        ["Đơn vị: Sở Tư pháp"],
        [],
        HEADER,
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", "8,5", "8", "7,5", null, null],
        ["1", "Kế hoạch CCHC năm", "2", "2", "1,5", "QĐ số 12", null],
        ["a)", "Ban hành kịp thời", "1", "1", "0,5", null, null],
        ["b)", "Xác định đầy đủ nhiệm vụ", "1", "1", "1", null, null],
        ["2", "Báo cáo CCHC", "6,5", "6", "6", null, "Thiếu 1 báo cáo"],
        ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "14", "13", "12,25", null, null],
        ["Tổng cộng", null, "22,5", "21", "19,75", null, null],
      ],
      { sheet: "Tự chấm", merges: ["A11:B11"] },
    );
    const { table, rec } = one(g);
    expect(table.layout).toBe("self-assessment");
    expect(table.range).toBe("A4:G11");
    expect(table.scorecard.title).toBe("BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CCHC NĂM 2023");
    expect(plainCriteria(table.scorecard.criteria)).toEqual([
      { code: "I", level: 1, title: "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", max: "8.5" },
      { code: "1", level: 2, title: "Kế hoạch CCHC năm", max: "2" },
      { code: "1.a", level: 3, title: "Ban hành kịp thời", max: "1" },
      { code: "1.b", level: 3, title: "Xác định đầy đủ nhiệm vụ", max: "1" },
      { code: "2", level: 2, title: "Báo cáo CCHC", max: "6.5" },
      { code: "II", level: 1, title: "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", max: "14" },
    ]);
    expect(plainPoints(table.scorecard)).toEqual({
      "Sở Tư pháp||self": { I: "8", "1": "2", "1.a": "1", "1.b": "1", "2": "6", II: "13", "(total)": "21" },
      "Sở Tư pháp||score": { I: "7.5", "1": "1.5", "1.a": "0.5", "1.b": "1", "2": "6", II: "12.25", "(total)": "19.75" },
    });
    expect(pointCells(table.scorecard, "Sở Tư pháp||score")).toEqual({ I: "E5", "1": "E6", "1.a": "E7", "1.b": "E8", "2": "E9", II: "E10" });
    const first = table.scorecard.criteria[0];
    expect(first.location).toEqual({ sheet: "Tự chấm", cell: "B5" });
    expect(first.maxLocation).toEqual({ sheet: "Tự chấm", cell: "C5" });
    expect(rec.findings).toEqual([]);
  });

  test("2. no title rows: the unit is the sheet name; 'Tổng điểm' row is the published total", () => {
    const g = grid(
      [
        HEADER,
        ["1", "Công tác chỉ đạo", 8.5, 8, 8],
        ["2", "Văn bản QPPL", 10, 9.5, 9],
        [null, "Tổng điểm", 18.5, 17.5, 17],
      ],
      { sheet: "Sở Nội vụ" },
    );
    const { table } = one(g);
    expect(plainPoints(table.scorecard)).toEqual({
      "Sở Nội vụ||self": { "1": "8", "2": "9.5", "(total)": "17.5" },
      "Sở Nội vụ||score": { "1": "8", "2": "9", "(total)": "17" },
    });
    expect(table.scorecard.columns[1].publishedTotal?.location).toEqual({ sheet: "Sở Nội vụ", cell: "E4" });
  });

  test("3. dotted codes four levels deep", () => {
    const g = grid([
      ["TT", "Nội dung", "Điểm tối đa", "Điểm thẩm định"],
      ["1", "Lĩnh vực một", "3", "2,5"],
      ["1.1", "Tiêu chí", "3", "2,5"],
      ["1.1.1", "TCTP", "2", "1,5"],
      ["1.1.1.1", "Mục sâu", "1", "0,5"],
      ["1.1.1.2", "Mục sâu 2", "1", "1"],
      ["1.1.2", "TCTP 2", "1", "1"],
      ["2", "Lĩnh vực hai", "1", "1"],
    ]);
    const { table } = one(g);
    expect(plainCriteria(table.scorecard.criteria).map((c) => `${c.code}:${c.level}`)).toEqual([
      "1:1",
      "1.1:2",
      "1.1.1:3",
      "1.1.1.1:4",
      "1.1.1.2:4",
      "1.1.2:3",
      "2:1",
    ]);
    expect(table.scorecard.columns.map((c) => c.key)).toEqual(["Sheet1||score"]);
    expect(table.scorecard.criteria[0].children[0].children[0].children.map((c) => c.code)).toEqual(["1.1.1.1", "1.1.1.2"]);
  });

  test("4. lettered items carry their parent's code (they restart under every parent)", () => {
    const g = grid([
      ["STT", "Tiêu chí", "Điểm tối đa", "Điểm đạt"],
      ["1.1.1", "TCTP một", "1", "1"],
      ["a", "ý a", "0,5", "0,5"],
      ["b", "ý b", "0,5", "0,5"],
      ["1.1.2", "TCTP hai", "1", "0,5"],
      ["a.", "ý a", "1", "0,5"],
    ]);
    const { table } = one(g);
    expect(plainCriteria(table.scorecard.criteria).map((c) => `${c.code}:${c.level}`)).toEqual([
      "1.1.1:1",
      "1.1.1.a:2",
      "1.1.1.b:2",
      "1.1.2:1",
      "1.1.2.a:2",
    ]);
  });

  test("5. arabic numbering restarting under each roman area is qualified by the area", () => {
    const g = grid([
      ["STT", "Nội dung", "Điểm tối đa", "Điểm tự đánh giá"],
      ["I", "Chỉ đạo", "3", "3"],
      ["1", "Kế hoạch", "1", "1"],
      ["2", "Báo cáo", "2", "2"],
      ["II", "Thủ tục", "2", "1"],
      ["1", "Công bố", "2", "1"],
      ["1.1", "Đúng hạn", "2", "1"],
    ]);
    const { table } = one(g);
    expect(plainCriteria(table.scorecard.criteria).map((c) => `${c.code}:${c.level}`)).toEqual([
      "I:1",
      "I.1:2",
      "I.2:2",
      "II:1",
      "II.1:2",
      "II.1.1:3",
    ]);
    expect(plainPoints(table.scorecard)["Sheet1||self"]).toEqual({ I: "3", "I.1": "1", "I.2": "2", II: "1", "II.1": "1", "II.1.1": "1" });
  });

  test("6. no codes: the tree comes from indentation", () => {
    const g = grid(
      [
        ["Nội dung", "Điểm tối đa", "Điểm thẩm định"],
        ["Công tác chỉ đạo", "3", "2"],
        ["Kế hoạch", "2", "1"],
        ["Ban hành đúng hạn", "2", "1"],
        ["Báo cáo", "1", "1"],
        ["Thủ tục hành chính", "2", "2"],
      ],
      { indent: { A3: 1, A4: 2, A5: 1 } },
    );
    const { table } = one(g);
    expect(plainCriteria(table.scorecard.criteria).map((c) => `${c.code}:${c.level}:${c.title}`)).toEqual([
      "1:1:Công tác chỉ đạo",
      "1.1:2:Kế hoạch",
      "1.1.1:3:Ban hành đúng hạn",
      "1.2:2:Báo cáo",
      "2:1:Thủ tục hành chính",
    ]);
  });

  test("7. no codes and no indentation: bold rows are areas", () => {
    const g = grid(
      [
        ["Nội dung đánh giá", "Thang điểm", "Kết quả"],
        ["Chỉ đạo điều hành", "3", "2"],
        ["Kế hoạch", "2", "1"],
        ["Báo cáo", "1", "1"],
        ["Hiện đại hóa", "2", "2"],
        ["Ứng dụng CNTT", "2", "2"],
      ],
      { bold: ["A2", "A5"] },
    );
    const { table } = one(g);
    expect(plainCriteria(table.scorecard.criteria).map((c) => `${c.code}:${c.level}`)).toEqual(["1:1", "1.1:2", "1.2:2", "2:1", "2.1:2"]);
    expect(plainPoints(table.scorecard)["Sheet1||score"]).toEqual({ "1": "2", "1.1": "1", "1.2": "1", "2": "2", "2.1": "2" });
  });

  test("8. codes written inside the title, no STT column", () => {
    const g = grid([
      ["Tiêu chí", "Điểm chuẩn", "Điểm tự chấm", "Điểm đạt"],
      ["1. Công tác chỉ đạo", "2", "2", "1,75"],
      ["1.1. Kế hoạch năm", "1", "1", "0,75"],
      ["1.2 Báo cáo", "1", "1", "1"],
      ["2. Thủ tục hành chính", "3", "3", "3"],
    ]);
    const { table } = one(g);
    expect(plainCriteria(table.scorecard.criteria)).toEqual([
      { code: "1", level: 1, title: "Công tác chỉ đạo", max: "2" },
      { code: "1.1", level: 2, title: "Kế hoạch năm", max: "1" },
      { code: "1.2", level: 2, title: "Báo cáo", max: "1" },
      { code: "2", level: 1, title: "Thủ tục hành chính", max: "3" },
    ]);
    expect(plainPoints(table.scorecard)).toEqual({
      "Sheet1||self": { "1": "2", "1.1": "1", "1.2": "1", "2": "3" },
      "Sheet1||score": { "1": "1.75", "1.1": "0.75", "1.2": "1", "2": "3" },
    });
  });

  test("9. English headers", () => {
    const g = grid([
      ["No.", "Criteria", "Max", "Self-assessed", "Score", "Evidence", "Notes"],
      ["1", "Direction", "8.5", "8", "7.75"],
      ["1.1", "Plan", "8.5", "8", "7.75"],
      ["", "Total", "8.5", "8", "7.75"],
    ]);
    const { table } = one(g);
    expect(table.layout).toBe("self-assessment");
    expect(plainPoints(table.scorecard)).toEqual({
      "Sheet1||self": { "1": "8", "1.1": "8", "(total)": "8" },
      "Sheet1||score": { "1": "7.75", "1.1": "7.75", "(total)": "7.75" },
    });
  });

  test("10. upper-case headers without diacritics", () => {
    const g = grid([
      ["SO TT", "NOI DUNG", "DIEM TOI DA", "TU CHAM", "DIEM DAT"],
      ["1", "Chi dao", "2", "2", "2"],
    ]);
    const { table } = one(g);
    expect(table.scorecard.columns.map((c) => c.key)).toEqual(["Sheet1||self", "Sheet1||score"]);
    expect(plainCriteria(table.scorecard.criteria)).toEqual([{ code: "1", level: 1, title: "Chi dao", max: "2" }]);
  });

  test("11. decomposed (NFD) headers and titles read, titles come out NFC", () => {
    const nfd = (s: string) => s.normalize("NFD");
    const g = grid([
      [nfd("STT"), nfd("Nội dung đánh giá"), nfd("Điểm tối đa"), nfd("Điểm thẩm định")],
      ["1", nfd("Cải cách thủ tục hành chính"), "14", "13,21"],
    ]);
    const { table } = one(g);
    expect(table.scorecard.criteria[0].title).toBe("Cải cách thủ tục hành chính");
    expect(table.scorecard.criteria[0].title).toBe("Cải cách thủ tục hành chính".normalize("NFC"));
    expect(plainPoints(table.scorecard)["Sheet1||score"]).toEqual({ "1": "13.21" });
  });

  test("12. a table typed in TCVN3 (ABC): headers recognised, titles converted, info finding", () => {
    const g = grid(
      [
        ["B¶ng tù ®¸nh gi¸ chØ sè CCHC"],
        ["STT", "Néi dung", "§iÓm tèi ®a", "§iÓm tù ®¸nh gi¸", "§iÓm thÈm ®Þnh"],
        ["1", "C«ng t¸c chØ ®¹o, ®iÒu hµnh", "8,5", "8", "7"],
        ["2", "C¶i c¸ch thñ tôc hµnh chÝnh", "14", "13", "13"],
      ],
      { sheet: "TCVN3" },
    );
    const { table, rec } = one(g);
    expect(table.scorecard.title).toBe("Bảng tự đánh giá chỉ số CCHC");
    expect(plainCriteria(table.scorecard.criteria)).toEqual([
      { code: "1", level: 1, title: "Công tác chỉ đạo, điều hành", max: "8.5" },
      { code: "2", level: 1, title: "Cải cách thủ tục hành chính", max: "14" },
    ]);
    expect(plainPoints(table.scorecard)["TCVN3||score"]).toEqual({ "1": "7", "2": "13" });
    expect(plainFindings(rec.findings)).toEqual(["legacy-encoding@A1"]);
    expect(rec.findings[0].severity).toBe("info");
    expect(rec.findings[0].message.en).toContain("TCVN3");
  });

  test("13. a table typed in VNI: headers recognised, titles and unit converted", () => {
    const g = grid([
      ["Ñôn vò: UBND huyeän Phuù Vang"],
      ["STT", "Noäi dung", "Ñieåm toái ña", "Ñieåm töï ñaùnh giaù"],
      ["1", "Coâng taùc chæ ñaïo, ñieàu haønh", "8,5", "8"],
    ]);
    const { table, rec } = one(g);
    expect(table.scorecard.columns[0].unit).toBe("UBND huyện Phú Vang");
    expect(table.scorecard.criteria[0].title).toBe("Công tác chỉ đạo, điều hành");
    expect(plainFindings(rec.findings)).toEqual(["legacy-encoding@A1"]);
    expect(rec.findings[0].message.vi).toContain("VNI");
  });
});

describe("found on tables this project had not seen", () => {
  test("signature lines under the total ('Người lập biểu ... Giám đốc') and the names under them are the footer, not data", () => {
    const g = grid(
      [
        ["BẢNG TỰ ĐÁNH GIÁ CHỈ SỐ CCHC NĂM 2024"],
        ["Đơn vị: Sở Y tế"],
        HEADER,
        ["1", "Công tác chỉ đạo", "8,5", "8", "7,5"],
        ["2", "Văn bản QPPL", "10", "9", "9"],
        [null, "Tổng cộng", "18,5", "17", "16,5"],
        [],
        [null, "Người lập biểu", null, null, "Giám đốc"],
        [],
        [null, "Nguyễn Văn An", null, null, "Trần Thị Bình"],
      ],
      { sheet: "Sở Y tế" },
    );
    const { table, rec } = one(g);
    expect(table.range).toBe("A3:G6");
    expect(plainPoints(table.scorecard)["Sở Y tế||score"]).toEqual({ "1": "7.5", "2": "9", "(total)": "16.5" });
    expect(plainFindings(rec.findings)).toEqual([]);
  });

  test("a signature line typed in the points columns with no total row above it still ends the table", () => {
    const g = grid([HEADER, ["1", "Chỉ đạo", "8,5", "8", "8"], [null, "NGƯỜI LẬP BIỂU", null, "THỦ TRƯỞNG ĐƠN VỊ", null]], { sheet: "Ban Dân tộc" });
    const { table, rec } = one(g);
    expect(table.range).toBe("A1:G2");
    expect(plainFindings(rec.findings)).toEqual([]);
  });

  test("a title that ends with the unit ('... NĂM 2024 - SỞ TƯ PHÁP', typed decomposed) names the unit", () => {
    const g = grid(
      [["BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CCHC NĂM 2024 - SỞ TƯ PHÁP".normalize("NFD")], [], HEADER, ["1", "Chỉ đạo", "8,5", "8", "8"]],
      { sheet: "Sheet1" },
    );
    const { table } = one(g);
    expect(table.scorecard.columns.map((c) => c.unit)).toEqual(["SỞ TƯ PHÁP", "SỞ TƯ PHÁP"]);
    const lower = grid([["Kết quả tự chấm điểm năm 2024 – Ủy ban nhân dân huyện Phú Vang"], HEADER, ["1", "Chỉ đạo", "8,5", "8", "8"]], { sheet: "Sheet1" });
    expect(one(lower).table.scorecard.columns[0].unit).toBe("Ủy ban nhân dân huyện Phú Vang");
  });
});
