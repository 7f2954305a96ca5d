import { recogniseGrid } from "../../src/tables/recognise";
import { grid, one, plainCriteria, plainFindings, plainPoints, plainRanks, pointCells } from "./builder";

describe("numbers, ranks and unreadable cells", () => {
  test("14. text numbers with comma or dot, unit suffix, numbers as numbers; the odd dot is noted", () => {
    const g = grid([
      ["STT", "Nội dung", "Điểm tối đa", "Điểm thẩm định"],
      ["1", "Một", 8.5, "8,75 điểm"],
      ["2", "Hai", "10", "9,5"],
      ["3", "Ba", "14", "12.25"],
      ["4", "Bốn", "12", "  11,00 "],
    ]);
    const { table, rec } = one(g);
    expect(plainPoints(table.scorecard)["Sheet1||score"]).toEqual({ "1": "8.75", "2": "9.5", "3": "12.25", "4": "11" });
    expect(plainFindings(rec.findings)).toEqual(["dot-decimal-among-commas@D4"]);
    expect(rec.findings[0].severity).toBe("info");
  });

  test("15. KAD / Không áp dụng / N/A are not applicable, not zero", () => {
    const g = grid([
      ["STT", "Nội dung", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định"],
      ["1", "Một", "2", "KAD", "Không áp dụng"],
      ["2", "Hai", "2", "N/A", null],
    ]);
    const { table, rec } = one(g);
    expect(plainPoints(table.scorecard)).toEqual({
      "Sheet1||self": { "1": "N/A", "2": "N/A" },
      "Sheet1||score": { "1": "N/A", "2": null },
    });
    const blank = table.scorecard.columns[1].points.get("2");
    expect(blank).toEqual({ value: null, location: { sheet: "Sheet1", cell: "E3" } });
    expect(rec.findings).toEqual([]);
  });

  test("16. error values, '8,7x' and '1.234,5' become error findings with the cell; the value is null, never 0", () => {
    const g = grid(
      [
        ["STT", "Nội dung", "Điểm tối đa", "Điểm thẩm định"],
        ["1", "Một", "2", { error: "#N/A" }],
        ["2", "Hai", "2", "8,7x"],
        ["3", "Ba", "2", "1.234,5"],
        ["4", "Bốn", { error: "#REF!" }, "1"],
      ],
      { sheet: "TT Huế", at: "B5" },
    );
    const { table, rec } = one(g);
    expect(plainPoints(table.scorecard)["Thừa Thiên Huế||score"]).toEqual({ "1": null, "2": null, "3": null, "4": "1" });
    expect(plainFindings(rec.findings)).toEqual([
      "unreadable-number@D9",
      "unreadable-number@E6",
      "unreadable-number@E7",
      "unreadable-number@E8",
    ]);
    expect(rec.findings.every((f) => f.severity === "error")).toBe(true);
    const x = rec.findings.find((f) => f.location?.cell === "E7")!;
    expect(x.message.en).toBe("Sheet 'TT Huế' E7: '8,7x' is not a number");
    expect(x.message.vi).toBe("Trang 'TT Huế' ô E7: '8,7x' không phải là số");
    expect(rec.findings.find((f) => f.location?.cell === "E6")!.message.en).toContain("#N/A");
    expect(rec.findings.find((f) => f.location?.cell === "E8")!.message.en).toContain("1.234,5");
    expect(table.scorecard.criteria[3].max).toBeNull();
  });

  test("17. an unreadable rank is a finding; ranks with ties read", () => {
    const g = grid([
      ["TT", "Nội dung", "Năm 2020", null],
      [null, null, "Điểm số", "Xếp hạng"],
      ["1", "Chỉ đạo", "7", "4(x)"],
      ["2", "Văn bản", "8", " 38 (5) "],
      ["3", "Thủ tục", "9", 12],
    ]);
    const { table, rec } = one(g, { autoTemplate: false });
    expect(plainRanks(table.scorecard)).toEqual({ "Sheet1|2020|score": { "2": "38(5)", "3": "12" } });
    expect(plainFindings(rec.findings)).toEqual(["unreadable-rank@D3"]);
  });
});

describe("title rows, notes, blank rows, headers", () => {
  test("18. blank rows inside, notes and signatures below are not criteria", () => {
    const g = grid([
      ["UBND TỈNH THỪA THIÊN HUẾ", null, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
      ["SỞ NỘI VỤ", null, "Độc lập - Tự do - Hạnh phúc"],
      ["KẾT QUẢ CHẤM ĐIỂM CỦA SỞ Y TẾ"],
      [],
      ["STT", "Nội dung", "Điểm tối đa", "Điểm thẩm định"],
      ["1", "Một", "2", "2"],
      [],
      ["2", "Hai", "3", "2,5"],
      [null, null, null, null],
      ["Ghi chú: số liệu tạm tính"],
      [null, "Huế, ngày 10 tháng 01 năm 2020"],
      [null, "NGƯỜI LẬP BIỂU", null, "GIÁM ĐỐC"],
    ]);
    const { table } = one(g);
    expect(table.range).toBe("A5:D8");
    expect(table.scorecard.title).toBe("KẾT QUẢ CHẤM ĐIỂM CỦA SỞ Y TẾ");
    expect(table.scorecard.columns[0].unit).toBe("SỞ Y TẾ");
    expect(plainCriteria(table.scorecard.criteria).map((c) => c.code)).toEqual(["1", "2"]);
  });

  test("19. a column-numbering row under the header is skipped", () => {
    const g = grid([
      ["STT", "Nội dung", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định"],
      ["(1)", "(2)", "(3)", "(4)", "(5)"],
      ["1", "Một", "2", "2", "1"],
    ]);
    const { table } = one(g);
    expect(plainCriteria(table.scorecard.criteria)).toEqual([{ code: "1", level: 1, title: "Một", max: "2" }]);
    expect(table.range).toBe("A1:E3");
  });

  test("20. a table away from A1: every location is absolute", () => {
    const g = grid(
      [
        ["STT", "Nội dung", "Điểm tối đa", "Điểm đạt"],
        ["1", "Một", "2", "1,5"],
      ],
      { at: "C10", sheet: "Bảng 2" },
    );
    const { table } = one(g);
    expect(table.range).toBe("C10:F11");
    expect(pointCells(table.scorecard, "Bảng 2||score")).toEqual({ "1": "F11" });
    expect(table.scorecard.criteria[0].location).toEqual({ sheet: "Bảng 2", cell: "D11" });
    expect(table.scorecard.criteria[0].maxLocation).toEqual({ sheet: "Bảng 2", cell: "E11" });
  });

  test("21. a two-row header with merges: 'Điểm' over Tự đánh giá | Thẩm định", () => {
    const g = grid(
      [
        ["STT", "Nội dung", "Điểm tối đa", "Điểm", null, "Ghi chú"],
        [null, null, null, "Tự đánh giá", "Thẩm định", null],
        ["1", "Một", "2", "2", "1,5"],
        ["2", "Hai", "1", "1", "1"],
      ],
      { merges: ["A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:F2"] },
    );
    const { table } = one(g);
    expect(table.layout).toBe("self-assessment");
    expect(table.range).toBe("A1:F4");
    expect(plainPoints(table.scorecard)).toEqual({
      "Sheet1||self": { "1": "2", "2": "1" },
      "Sheet1||score": { "1": "1.5", "2": "1" },
    });
  });

  test("22. subtotal rows ('Điểm thẩm định', 'Đánh giá tác động của CCHC') become extra criteria, never areas", () => {
    const g = grid([
      ["STT", "Nội dung", "Điểm tối đa", "Điểm đạt"],
      ["1", "Một", "8,5", "8"],
      ["2", "Hai", "10", "9"],
      [null, "Điểm thẩm định", "18,5", "17"],
      [null, "Đánh giá tác động của CCHC", null, null],
      [null, "Tổng cộng", "18,5", "17"],
    ]);
    const { table } = one(g, { autoTemplate: false });
    expect(plainCriteria(table.scorecard.criteria)).toEqual([
      { code: "1", level: 1, title: "Một", max: "8.5" },
      { code: "2", level: 1, title: "Hai", max: "10" },
      { code: "diem-tham-dinh", level: 1, title: "Điểm thẩm định", max: "18.5", extra: true },
      { code: "danh-gia-tac-dong-cua-cchc", level: 1, title: "Đánh giá tác động của CCHC", max: null, extra: true },
    ]);
    expect(plainPoints(table.scorecard)["Sheet1||score"]).toEqual({
      "1": "8",
      "2": "9",
      "diem-tham-dinh": "17",
      "danh-gia-tac-dong-cua-cchc": null,
      "(total)": "17",
    });
  });

  test("23. hidden rows are read and noted", () => {
    const g = grid(
      [
        ["STT", "Nội dung", "Điểm tối đa", "Điểm đạt"],
        ["1", "Một", "2", "2"],
        ["2", "Hai", "2", "1"],
      ],
      { hiddenRows: [2] },
    );
    const { table, rec } = one(g);
    expect(plainPoints(table.scorecard)["Sheet1||score"]).toEqual({ "1": "2", "2": "1" });
    expect(plainFindings(rec.findings)).toEqual(["hidden-cells@"]);
  });

  test("24. a sheet without a score table gives a warning, no table", () => {
    const rec = recogniseGrid(grid([["Danh sách"], ["Nguyễn Văn A", "Trưởng phòng"]], { sheet: "Ghi chú" }));
    expect(rec.tables).toEqual([]);
    expect(plainFindings(rec.findings)).toEqual(["no-table-found@"]);
    expect(rec.findings[0].location).toEqual({ sheet: "Ghi chú" });
  });

  test("25. two tables on one sheet are both found", () => {
    const g = grid([
      ["Bảng 1: Sở Tư pháp"],
      ["STT", "Nội dung", "Điểm tối đa", "Điểm đạt"],
      ["1", "Một", "2", "2"],
      [],
      [],
      [],
      ["Bảng 2"],
      ["STT", "Tên đơn vị", "Tổng điểm", "Xếp hạng"],
      ["1", "Sở A", "80,5", "2"],
      ["2", "Sở B", "90", "1"],
    ]);
    const rec = recogniseGrid(g);
    expect(rec.tables.map((t) => `${t.layout} ${t.range}`)).toEqual(["self-assessment A2:D3", "units-in-rows A8:D10"]);
    expect(plainPoints(rec.tables[1].scorecard)).toEqual({ "Sở A||score": { "(total)": "80.5" }, "Sở B||score": { "(total)": "90" } });
    expect(plainRanks(rec.tables[1].scorecard)).toEqual({ "Sở A||score": { "": "2" }, "Sở B||score": { "": "1" } });
  });
});
