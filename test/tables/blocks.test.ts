/** Units listed in blocks (khối): section rows and a "Khối" column give each unit its block. */
import { grid, one } from "./builder";
import { blockOfSectionRow, isBlockHeader, isClassLikeValue } from "../../src/tables/blocks";

const blocksOf = (rows: Parameters<typeof grid>[0], spec: Parameters<typeof grid>[1] = {}) =>
  one(grid(rows, spec)).table.scorecard.columns.map((c) => [c.unit, c.block ?? null]);

describe("blocks of units", () => {
  test("Roman-numbered section rows open blocks; they are not units", () => {
    const { table, rec } = one(
      grid([
        ["STT", "Tên đơn vị", "Lĩnh vực 1", "Lĩnh vực 2", "Tổng điểm"],
        ["I", "KHỐI SỞ, BAN, NGÀNH"],
        ["1", "Sở Tư pháp", "8", "9", "17"],
        ["2", "Sở Y tế", "7", "9", "16"],
        ["II", "UBND CẤP HUYỆN"],
        ["1", "Huyện A", "6", "9", "15"],
        ["2", "Thị xã B", "8", "8", "16"],
      ]),
    );
    expect(table.layout).toBe("units-in-rows");
    expect(table.scorecard.columns.map((c) => [c.unit, c.block])).toEqual([
      ["Sở Tư pháp", "KHỐI SỞ, BAN, NGÀNH"],
      ["Sở Y tế", "KHỐI SỞ, BAN, NGÀNH"],
      ["Huyện A", "UBND CẤP HUYỆN"],
      ["Thị xã B", "UBND CẤP HUYỆN"],
    ]);
    expect(rec.findings).toEqual([]);
  });

  test("a section row merged across the table ('I. KHỐI SỞ, BAN, NGÀNH') and unnumbered 'Khối huyện'", () => {
    expect(
      blocksOf(
        [
          ["STT", "Tên đơn vị", "Lĩnh vực 1", "Tổng điểm"],
          ["I. KHỐI SỞ, BAN, NGÀNH", null, null, null],
          ["1", "Sở Tư pháp", "8", "8"],
          [null, "Khối huyện"],
          ["1", "Huyện A", "6", "6"],
        ],
        { merges: ["A2:D2"] },
      ),
    ).toEqual([
      ["Sở Tư pháp", "KHỐI SỞ, BAN, NGÀNH"],
      ["Huyện A", "Khối huyện"],
    ]);
  });

  test("units before the first section row have no block, and are said to be ranked apart", () => {
    const g = grid([
      ["STT", "Tên đơn vị", "Lĩnh vực 1", "Tổng điểm"],
      ["1", "Văn phòng UBND tỉnh", "8", "8"],
      ["II", "Khối huyện"],
      ["1", "Huyện A", "6", "6"],
    ]);
    const { table, rec } = one(g);
    expect(table.scorecard.columns.map((c) => [c.unit, c.block ?? null])).toEqual([
      ["Văn phòng UBND tỉnh", null],
      ["Huyện A", "Khối huyện"],
    ]);
    expect(rec.findings.map((f) => [f.kind, f.location?.cell, f.message.en])).toEqual([
      [
        "unit-without-block",
        "B2",
        "Sheet 'Sheet1' B2: 1 unit(s) belong to no block ('Văn phòng UBND tỉnh'): they are ranked among themselves; give their block (a \"Khối ...\" row above them, or the Khối column)",
      ],
    ]);
  });

  test("a 'Khối' column gives each unit's block and is not read as a criterion", () => {
    const { table, rec } = one(
      grid([
        ["STT", "Tên đơn vị", "Khối", "Lĩnh vực 1", "Tổng điểm"],
        ["1", "Sở Tư pháp", "Sở", "8", "8"],
        ["2", "Huyện A", "Huyện", "6", "6"],
      ]),
    );
    expect(table.scorecard.criteria.map((c) => c.title)).toEqual([""]);
    expect(table.scorecard.columns.map((c) => [c.unit, c.block])).toEqual([
      ["Sở Tư pháp", "Sở"],
      ["Huyện A", "Huyện"],
    ]);
    expect(rec.findings).toEqual([]);
  });

  test("a 'Nhóm' column of published classes (A, B, Tốt, Khá) is not blocks", () => {
    expect(
      blocksOf([
        ["STT", "Tên đơn vị", "Lĩnh vực 1", "Tổng điểm", "Nhóm"],
        ["1", "Sở Tư pháp", "8", "8", "A"],
        ["2", "Huyện A", "6", "6", "B"],
      ]),
    ).toEqual([
      ["Sở Tư pháp", null],
      ["Huyện A", null],
    ]);
  });

  test("a unit row that has no points yet is still a unit, not a block", () => {
    expect(
      blocksOf([
        ["STT", "Tên đơn vị", "Lĩnh vực 1", "Tổng điểm"],
        ["1", "Sở Tư pháp", "8", "8"],
        ["2", "Sở Y tế", null, null],
      ]),
    ).toEqual([
      ["Sở Tư pháp", null],
      ["Sở Y tế", null],
    ]);
  });

  test("section titles, headers and class values", () => {
    expect(blockOfSectionRow("", "II. UBND CẤP HUYỆN")).toBe("UBND CẤP HUYỆN");
    expect(blockOfSectionRow("B", "Các huyện, thị xã, thành phố")).toBe("Các huyện, thị xã, thành phố");
    expect(blockOfSectionRow("", "Cac so, ban, nganh")).toBe("Cac so, ban, nganh");
    expect(blockOfSectionRow("", "Sở Tư pháp")).toBeNull();
    expect(blockOfSectionRow("3", "Huyện A")).toBeNull();
    expect(["Khối", "KHOI", "Nhóm", "Block"].map(isBlockHeader)).toEqual([true, true, true, true]);
    expect(isBlockHeader("Khối lượng")).toBe(false);
    expect(["A", "II", "Tốt", "Khá", "Sở", "Huyện"].map(isClassLikeValue)).toEqual([true, true, true, true, false, false]);
  });
});

describe("blocks over unit columns", () => {
  test("'KHỐI SỞ' merged over its units' columns: each unit in its block", () => {
    const { table, rec } = one(
      grid(
        [
          ["STT", "Nội dung", "Điểm tối đa", "KHỐI SỞ", null, "KHỐI HUYỆN", null],
          [null, null, null, "Sở Tư pháp", "Sở Y tế", "Huyện A", "Thị xã B"],
          ["1", "Chỉ đạo", "10", "9", "8", "7", "10"],
          ["2", "Thủ tục", "10", "9", "9", "6", "8"],
        ],
        { merges: ["A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:G1"] },
      ),
    );
    expect(table.layout).toBe("units-in-columns");
    expect(table.scorecard.columns.map((c) => [c.unit, c.block])).toEqual([
      ["Sở Tư pháp", "KHỐI SỞ"],
      ["Sở Y tế", "KHỐI SỞ"],
      ["Huyện A", "KHỐI HUYỆN"],
      ["Thị xã B", "KHỐI HUYỆN"],
    ]);
    expect(rec.findings).toEqual([]);
  });
});
