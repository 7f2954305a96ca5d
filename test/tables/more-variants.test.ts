import * as fs from "fs";
import * as path from "path";
import { readDelimitedGrid } from "../../src/hosts/csv/read-csv";
import { grid, one, plainCriteria, plainFindings, plainPoints, plainRanks } from "./builder";

describe("more variants", () => {
  test("39. a ranking table typed in TCVN3: unit names come out in Unicode", () => {
    const g = grid([
      ["STT", "Tªn ®¬n vÞ", "Tæng ®iÓm", "XÕp h¹ng"],
      ["1", "Së T\u00ad ph¸p", "85,5", "1"],
      ["2", "UBND huyÖn Phó Vang", "80", "2"],
    ]);
    const { table, rec } = one(g);
    expect(table.layout).toBe("units-in-rows");
    expect(table.scorecard.columns.map((c) => c.unit)).toEqual(["Sở Tư pháp", "UBND huyện Phú Vang"]);
    expect(plainFindings(rec.findings)).toEqual(["legacy-encoding@B1"]);
  });

  test("40. units in columns with VNI unit names", () => {
    const g = grid([
      ["STT", "Noäi dung", "Ñieåm toái ña", "Sôû Noäi vuï", "Sôû Y teá"],
      ["1", "Chæ ñaïo", "2", "2", "1,5"],
    ]);
    const { table } = one(g);
    expect(table.layout).toBe("units-in-columns");
    expect(plainPoints(table.scorecard)).toEqual({ "Sở Nội vụ||score": { "1": "2" }, "Sở Y tế||score": { "1": "1.5" } });
  });

  test("41. ranking table with area titles in the header: template auto-picked by title", () => {
    const g = grid([
      [
        "STT",
        "Tỉnh",
        "Công tác chỉ đạo, điều hành cải cách hành chính",
        "Xây dựng và tổ chức thực hiện văn bản QPPL tại tỉnh",
        "Cải cách thủ tục hành chính",
        "Cải cách tổ chức bộ máy hành chính",
        "Tổng điểm",
      ],
      ["1", "Huế", "8", "8,75", "13,21", "8,35", "38,31"],
    ]);
    const { table, rec } = one(g);
    expect(table.template).toBe("par-2019-province");
    expect(plainCriteria(table.scorecard.criteria).map((c) => `${c.code}:${c.max}`)).toEqual(["1:8.5", "2:10", "3:14", "4:12"]);
    expect(plainPoints(table.scorecard)["Huế||score"]).toEqual({ "1": "8", "2": "8.75", "3": "13.21", "4": "8.35", "(total)": "38.31" });
    expect(plainFindings(rec.findings)).toEqual(["template-auto-picked@"]);
  });

  test("42. a total row with a published rank across years", () => {
    const g = grid([
      ["TT", "Nội dung đánh giá", "Năm 2018", null, "Năm 2019", null],
      [null, null, "Điểm số", "Xếp hạng", "Điểm số", "Xếp hạng"],
      ["1", "Chỉ đạo", "6,5", "38 (5)", "8", "4(12)"],
      [null, "Tổng điểm", "78,9", "30", "83,06", "13"],
    ]);
    const { table } = one(g, { autoTemplate: false, unit: "Thừa Thiên Huế" });
    expect(plainPoints(table.scorecard)).toEqual({
      "Thừa Thiên Huế|2018|score": { "1": "6.5", "(total)": "78.9" },
      "Thừa Thiên Huế|2019|score": { "1": "8", "(total)": "83.06" },
    });
    expect(plainRanks(table.scorecard)).toEqual({
      "Thừa Thiên Huế|2018|score": { "1": "38(5)", "": "30" },
      "Thừa Thiên Huế|2019|score": { "1": "4(12)", "": "13" },
    });
  });

  test("43. a value row without code or title is reported, not silently dropped", () => {
    const g = grid([
      ["STT", "Nội dung", "Điểm tối đa", "Điểm đạt"],
      ["1", "Một", "2", "2"],
      [null, null, null, "5"],
    ]);
    const { table, rec } = one(g);
    expect(plainPoints(table.scorecard)["Sheet1||score"]).toEqual({ "1": "2" });
    expect(plainFindings(rec.findings)).toEqual(["row-without-title@A3"]);
  });

  test("44. duplicate codes keep both rows and are reported", () => {
    const g = grid([
      ["STT", "Nội dung", "Điểm tối đa", "Điểm đạt"],
      ["1", "Một", "2", "2"],
      ["1", "Một nữa", "2", "1"],
    ]);
    const { table, rec } = one(g);
    expect(plainCriteria(table.scorecard.criteria).map((c) => c.code)).toEqual(["1", "1#2"]);
    expect(plainFindings(rec.findings)).toEqual(["duplicate-code@B3"]);
  });

  test("45. header cells with line breaks and extra spaces; codes as numbers", () => {
    const g = grid([
      ["Số\nTT", "Nội dung\n đánh giá", "Điểm\ntối đa", "Điểm  tự\nđánh giá"],
      [1, "Một", 2, 1.5],
      [1.1, "Một một", 2, 1.5],
    ]);
    const { table } = one(g);
    expect(plainCriteria(table.scorecard.criteria).map((c) => `${c.code}:${c.level}:${c.max}`)).toEqual(["1:1:2", "1.1:2:2"]);
    expect(plainPoints(table.scorecard)).toEqual({ "Sheet1||self": { "1": "1.5", "1.1": "1.5" } });
  });
});

describe("still more variants", () => {
  test("46. districts in rows from a semicolon CSV fixture, ties in published ranks", () => {
    const text = fs.readFileSync(path.join(__dirname, "../fixtures/tables/huyen-2023-semicolon.csv"), "utf8");
    const { table } = one(readDelimitedGrid(text, { sheet: "huyen-2023" }), { autoTemplate: false });
    expect(table.layout).toBe("units-in-rows");
    expect(table.range).toBe("A3:F6");
    expect(table.scorecard.columns.map((c) => c.unit)).toEqual(["Huyện Phong Điền", "Thị xã Hương Trà", "Huyện A Lưới"]);
    expect(plainPoints(table.scorecard)["Huyện A Lưới||score"]).toEqual({ "1": "7.5", "2": "8.25", "(total)": "15.75" });
    expect(plainRanks(table.scorecard)["Thị xã Hương Trà||score"]).toEqual({ "": "1" });
  });

  test("47. bonus and penalty rows keep their kind; uncoded ones stay in the tree", () => {
    const g = grid([
      ["STT", "Nội dung", "Điểm tối đa", "Điểm thẩm định"],
      ["1", "Chỉ đạo", "10", "9"],
      ["2", "Điểm thưởng sáng kiến", "2", "1"],
      [null, "Điểm trừ do vi phạm", "-3", "-1"],
    ]);
    const { table } = one(g);
    expect(plainCriteria(table.scorecard.criteria)).toEqual([
      { code: "1", level: 1, title: "Chỉ đạo", max: "10" },
      { code: "2", level: 1, title: "Điểm thưởng sáng kiến", max: "2", kind: "bonus" },
      { code: "diem-tru-do-vi-pham", level: 1, title: "Điểm trừ do vi phạm", max: "-3", kind: "penalty" },
    ]);
    expect(plainPoints(table.scorecard)["Sheet1||score"]).toEqual({ "1": "9", "2": "1", "diem-tru-do-vi-pham": "-1" });
  });

  test("48. single-row header with bare years over the points; a 'Đơn vị: ...  Năm ...' line is not a header", () => {
    const g = grid([
      ["Đơn vị: Sở Nội vụ", null, "Năm báo cáo: 2020"],
      ["STT", "Nội dung", 2018, 2019, 2020],
      ["1", "Chỉ đạo", "6,5", "7", "8,25"],
    ]);
    const { table } = one(g, { autoTemplate: false });
    expect(table.layout).toBe("unit-across-years");
    expect(table.range).toBe("A2:E3");
    expect(plainPoints(table.scorecard)).toEqual({
      "Sở Nội vụ|2018|score": { "1": "6.5" },
      "Sở Nội vụ|2019|score": { "1": "7" },
      "Sở Nội vụ|2020|score": { "1": "8.25" },
    });
  });

  test("49. Unicode text that merely looks odd is never 'converted'", () => {
    const g = grid([
      ["STT", "Nội dung", "Điểm tối đa", "Điểm đạt"],
      ["1", "Café × 2 — Ghi chú", "2", "2"],
    ]);
    const { table, rec } = one(g);
    expect(table.scorecard.criteria[0].title).toBe("Café × 2 — Ghi chú");
    expect(rec.findings).toEqual([]);
  });
});

describe("size", () => {
  test("50. 63 provinces x 8 areas and a 1,000-row self-assessment are read quickly", () => {
    const rows: (string | number | null)[][] = [["STT", "Tỉnh", "1", "2", "3", "4", "5", "6", "7", "8", "Tổng điểm", "Xếp hạng"]];
    for (let i = 1; i <= 63; i++) rows.push([i, `Tỉnh số ${i}`, "8,5", "10", "14", "12", "14", "12,5", "13", "16", "100", `1(63)`]);
    const start = Date.now();
    const big = one(grid(rows));
    expect(big.table.scorecard.columns).toHaveLength(63);
    expect(big.table.scorecard.columns[62].publishedRanks.get("")).toMatchObject({ rank: 1, tieCount: 63 });
    const selfRows: (string | number | null)[][] = [["STT", "Nội dung", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định"]];
    for (let a = 1; a <= 10; a++) {
      selfRows.push([a, `Lĩnh vực ${a}`, 10, 9, 8]);
      for (let b = 1; b <= 99; b++) selfRows.push([`${a}.${b}`, `Tiêu chí ${a}.${b}`, "0,1", "0,1", "0,05"]);
    }
    const self = one(grid(selfRows));
    expect(self.table.scorecard.criteria).toHaveLength(10);
    expect(self.table.scorecard.columns[1].points.size).toBe(1000);
    expect(Date.now() - start).toBeLessThan(3000);
  });
});

describe("unit names from titles", () => {
  const table = (title: string) =>
    grid([[title], ["STT", "Nội dung", "Điểm tối đa", "Điểm đạt"], ["1", "Một", "2", "2"]], { sheet: "Trang 1" });
  test("51. 'của' + an organisation names the unit; other 'của' phrases do not; a province in the title does", () => {
    expect(one(table("BẢNG TỰ CHẤM ĐIỂM CỦA UBND HUYỆN PHÚ VANG NĂM 2023")).table.scorecard.columns[0].unit).toBe("UBND HUYỆN PHÚ VANG");
    expect(one(table("Kết quả đo lường sự hài lòng của người dân")).table.scorecard.columns[0].unit).toBe("Trang 1");
    expect(one(table("KẾT QUẢ CHỈ SỐ CCHC TỈNH QUẢNG NAM NĂM 2019")).table.scorecard.columns[0].unit).toBe("Quảng Nam");
    expect(one(table("Bảng điểm"), { unit: "Sở Y tế" }).table.scorecard.columns[0].unit).toBe("Sở Y tế");
  });
});

test("52. a code cell that is not a code is reported", () => {
  const g = grid([
    ["STT", "Nội dung", "Điểm tối đa", "Điểm đạt"],
    ["1", "Một", "2", "2"],
    ["1.1-a", "Một a", "1", "1"],
  ]);
  const { table, rec } = one(g);
  expect(plainCriteria(table.scorecard.criteria).map((c) => c.code)).toEqual(["1", "mot-a"]);
  expect(plainFindings(rec.findings)).toEqual(["unreadable-code@A3"]);
});

test("53. upper-case parts 'A. ĐIỂM THẨM ĐỊNH' / 'B. ĐIỀU TRA' above roman areas are summary rows", () => {
  const g = grid([
    ["STT", "Nội dung", "Điểm tối đa", "Điểm đạt"],
    ["A", "ĐIỂM THẨM ĐỊNH", "20", "18"],
    ["I", "Chỉ đạo", "8", "7"],
    ["1", "Kế hoạch", "8", "7"],
    ["II", "Thủ tục", "12", "11"],
    ["B", "ĐIỀU TRA XÃ HỘI HỌC", "10", "9"],
    ["III", "Hài lòng", "10", "9"],
  ]);
  const { table } = one(g);
  expect(plainCriteria(table.scorecard.criteria)).toEqual([
    { code: "A", level: 1, title: "ĐIỂM THẨM ĐỊNH", max: "20", extra: true },
    { code: "I", level: 1, title: "Chỉ đạo", max: "8" },
    { code: "1", level: 2, title: "Kế hoạch", max: "8" },
    { code: "II", level: 1, title: "Thủ tục", max: "12" },
    { code: "B", level: 1, title: "ĐIỀU TRA XÃ HỘI HỌC", max: "10", extra: true },
    { code: "III", level: 1, title: "Hài lòng", max: "10" },
  ]);
  expect(plainPoints(table.scorecard)["Sheet1||score"]).toMatchObject({ A: "18", B: "9", I: "7", III: "9" });
});
