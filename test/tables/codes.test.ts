import { buildTreeFromCodes, parseCode, romanValue, splitCodeTitle } from "../../src/tables/codes";
import { headerPeriod, headerRole, isFooterText, isSummaryRowTitle, isTotalRowTitle } from "../../src/tables/vocabulary";
import { readPointsCell, readRankCell } from "../../src/tables/values";
import { PROVINCES, findProvince } from "../../src/tables/provinces";

describe("codes", () => {
  test("parseCode reads the ways codes are written", () => {
    const p = (x: string | number) => {
      const c = parseCode(x);
      return c ? `${c.kind}:${c.code}` : null;
    };
    expect(["I", "IV", "XX", "II.", "1", "1.", "01", "1.1", "1.1.", "1.1.1.1", "a)", "(b)", "c.", "d", 3, 1.2].map(p)).toEqual([
      "roman:I",
      "roman:IV",
      "roman:XX",
      "roman:II",
      "arabic:1",
      "arabic:1",
      "arabic:1",
      "dotted:1.1",
      "dotted:1.1",
      "dotted:1.1.1.1",
      "letter:a",
      "letter:b",
      "letter:c",
      "letter:d",
      "arabic:3",
      "dotted:1.2",
    ]);
    expect(["", "Tổng", "2019", "IIII", "0", "1,5"].map(p)).toEqual([null, null, null, null, null, null]);
    expect(romanValue("XIX")).toBe(19);
  });

  test("splitCodeTitle", () => {
    expect(splitCodeTitle("1.1. Ban hành kế hoạch")).toEqual({ code: { kind: "dotted", code: "1.1" }, title: "Ban hành kế hoạch" });
    expect(splitCodeTitle("I. CÔNG TÁC CHỈ ĐẠO")).toEqual({ code: { kind: "roman", code: "I" }, title: "CÔNG TÁC CHỈ ĐẠO" });
    expect(splitCodeTitle("a) Đúng hạn")).toEqual({ code: { kind: "letter", code: "a" }, title: "Đúng hạn" });
    expect(splitCodeTitle("Cải cách thủ tục")).toBeNull();
    expect(splitCodeTitle("2019 kết quả")).toBeNull();
  });

  test("stack: roman -> arabic -> dotted -> letters; dotted without its parent is noted", () => {
    const loc = { sheet: "S", cell: "A1" };
    const rows = ["I", "1", "1.1", "a", "b", "2", "II", "3.1"].map((c) => ({ code: parseCode(c), title: c, location: loc }));
    const tree = buildTreeFromCodes(rows);
    expect(tree.nodes.map((n) => `${n.code}:${n.level}`)).toEqual(["I:1", "1:2", "1.1:3", "1.1.a:4", "1.1.b:4", "2:2", "II:1", "3.1:2"]);
    expect(tree.findings.map((f) => f.kind)).toEqual(["code-without-parent"]);
  });
});

describe("vocabulary", () => {
  test("header synonyms, vi and en, any case, with or without diacritics", () => {
    const roles: Record<string, string[]> = {
      max: ["Điểm tối đa", "ĐIỂM CHUẨN", "Thang điểm", "Max", "diem toi da (diem)"],
      self: ["Điểm tự đánh giá", "Tự chấm", "Self-assessed", "TỰ ĐÁNH GIÁ"],
      score: ["Điểm thẩm định", "Điểm đạt", "Điểm số", "Kết quả", "Score", "Điểm"],
      rank: ["Xếp hạng", "Vị thứ", "Thứ hạng", "Rank"],
      stt: ["STT", "TT", "Số TT", "No."],
      content: ["Nội dung", "Tiêu chí", "Lĩnh vực", "Nội dung đánh giá", "Criteria", "Lĩnh vực/Tiêu chí/TCTP"],
      unit: ["Tỉnh", "Đơn vị", "Cơ quan", "Tên đơn vị", "Unit", "Tỉnh/Thành phố"],
      total: ["Tổng điểm", "Tổng cộng", "Total"],
      index: ["Chỉ số (%)", "Index", "Chỉ số"],
      evidence: ["Tài liệu kiểm chứng"],
      note: ["Ghi chú"],
    };
    for (const [role, labels] of Object.entries(roles)) for (const l of labels) expect([l, headerRole(l)]).toEqual([l, role]);
    for (const l of ["Tỉnh Thừa Thiên Huế", "Chỉ số SIPAS", "Sở Tư pháp", "Năm 2019"]) expect([l, headerRole(l)]).toEqual([l, null]);
    expect(["Năm 2019", "NĂM 2018", "2020", "Year 2021", "Sở 2019 mới"].map(headerPeriod)).toEqual(["2019", "2018", "2020", "2021", null]);
  });

  test("row vocabulary: totals, summary rows, footers", () => {
    expect(["Tổng cộng", "TỔNG ĐIỂM", "Total", "Cộng"].every(isTotalRowTitle)).toBe(true);
    expect(isTotalRowTitle("Tổng số TTHC")).toBe(false);
    expect(["Điểm thẩm định", "Chỉ số SIPAS", "Khảo sát LĐ quản lý", "Tác động đến PT KT-XH", "Đánh giá tác động của CCHC"].every(isSummaryRowTitle)).toBe(true);
    expect(["Ghi chú: tạm tính", "Người lập biểu", "Huế, ngày 10 tháng 01 năm 2020", "* Số liệu", "KT. GIÁM ĐỐC"].every(isFooterText)).toBe(true);
    expect(isFooterText("Cải cách thủ tục hành chính")).toBe(false);
  });
});

describe("cells", () => {
  const loc = { sheet: "S", cell: "C7" };
  test("points: number, text with comma, suffix, percent format, N/A, dash", () => {
    expect(readPointsCell(8.75, loc).value.value?.toString()).toBe("8.75");
    expect(readPointsCell("8,75 điểm", loc).value.value?.toString()).toBe("8.75");
    expect(readPointsCell(0.8619, loc, "0.00%").value.value?.toString()).toBe("86.19");
    expect(readPointsCell("86,19%", loc).value.value?.toString()).toBe("86.19");
    expect(readPointsCell("Không áp dụng", loc).value).toEqual({ value: null, notApplicable: true, location: loc });
    const dash = readPointsCell("-", loc);
    expect(dash.value.value).toBeNull();
    expect(dash.finding?.kind).toBe("dash-as-blank");
    expect(readPointsCell(true, loc).finding?.kind).toBe("unreadable-number");
    expect(readPointsCell("#DIV/0!", loc).finding?.message.en).toBe("Sheet 'S' C7: the cell shows the error '#DIV/0!', no points can be read");
  });

  test("points remember the decimals they are shown with, trailing zeros included, for ties at that precision", () => {
    const decimals = (raw: string | number, format?: string) => readPointsCell(raw, loc, format).value.decimals;
    expect([decimals("0,650"), decimals("98,30%"), decimals("8,75 điểm"), decimals("85")]).toEqual([3, 2, 2, 0]);
    expect([decimals(0.65, "0.000"), decimals(0.8619, "0.00%"), decimals(85.126, "#,##0.0"), decimals(85, "0")]).toEqual([3, 2, 1, 0]);
    // General shows the number as it is: its own decimals decide.
    expect([decimals(0.65), decimals(0.65, "General")]).toEqual([undefined, undefined]);
  });

  test("ranks: 4, '4(12)', '38 (5)', '47(6)'", () => {
    expect(readRankCell(4, loc).rank).toEqual({ rank: 4, location: loc });
    expect(readRankCell("4(12)", loc).rank).toEqual({ rank: 4, tieCount: 12, location: loc });
    expect(readRankCell("38 (5)", loc).rank).toEqual({ rank: 38, tieCount: 5, location: loc });
    expect(readRankCell("47(6)", loc).rank).toEqual({ rank: 47, tieCount: 6, location: loc });
    expect(readRankCell(null, loc)).toEqual({});
    expect(readRankCell("thứ tư", loc).finding?.kind).toBe("unreadable-rank");
    expect(readRankCell(4.5, loc).finding?.kind).toBe("unreadable-rank");
  });
});

describe("provinces", () => {
  test("the 63 provinces, found in titles, sheet and file names", () => {
    expect(PROVINCES).toHaveLength(63);
    expect(findProvince("thua-thien-hue-2019-areas")).toBe("Thừa Thiên Huế");
    expect(findProvince("TT Huế")).toBe("Thừa Thiên Huế");
    expect(findProvince("KẾT QUẢ CHỈ SỐ CCHC TỈNH QUẢNG NAM NĂM 2019")).toBe("Quảng Nam");
    expect(findProvince("Hà Nam 2019")).toBe("Hà Nam");
    expect(findProvince("Huyện 2024")).toBeUndefined();
  });
});
