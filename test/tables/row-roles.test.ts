/** Row roles of a table with units in rows, and excerpts of a larger ranking. */
import Decimal from "decimal.js";
import type { CellValue } from "../../src/tables/grid";
import { isDerivedRowName, isNoteLine, readUnitRows } from "../../src/tables/row-roles";
import { excerptFindings } from "../../src/tables/excerpts";
import type { ScoreColumn } from "../../src/engine/types";

function source(rows: CellValue[][]) {
  const text = (r: number, c: number) => {
    const v = rows[r]?.[c];
    return v === null || v === undefined ? "" : String(v).trim();
  };
  return {
    height: rows.length,
    text,
    raw: (r: number, c: number) => rows[r]?.[c] ?? null,
    rowBlank: (r: number, left: number, right: number) => {
      for (let c = left; c <= right; c++) if (text(r, c)) return false;
      return true;
    },
    isHeaderRow: () => false,
  };
}

const layout = { dataStart: 0, left: 0, right: 3, unitCol: 1, orderCol: 0, valueCols: [2, 3] };

describe("row roles", () => {
  test("units, the row of maxima, a block row, a derived row, and the lines that end the table", () => {
    const rows: CellValue[][] = [
      [null, "Điểm tối đa", "100", null],
      ["I", "KHỐI SỞ, BAN, NGÀNH", null, null],
      ["1", "Sở Tư pháp", "88,4", "1"],
      ["2", "Sở Y tế", null, null],
      ["II", "Khối phường", "92,26", null],
      ["1", "Phường Hồng Bàng", "98,3", "1"],
      ["Trung bình", null, "90", null],
      [null, "Chỉ số trung bình khối sở: 86,7%; khối huyện: 84,2%"],
      ["Người tổng hợp", null, "Sở Nội vụ"],
    ];
    const read = readUnitRows(source(rows), layout);
    expect(read.maxRow).toBe(0);
    expect(read.units).toEqual([
      { r: 2, unit: "Sở Tư pháp", block: "KHỐI SỞ, BAN, NGÀNH" },
      { r: 3, unit: "Sở Y tế", block: "KHỐI SỞ, BAN, NGÀNH" },
      { r: 5, unit: "Phường Hồng Bàng", block: "Khối phường" },
    ]);
    expect(read.setAside).toEqual([{ r: 6, kind: "summary-row-skipped", name: "Trung bình" }]);
    expect(read.end).toBe(6);
  });

  test("without an order column a plain name is still a unit, a sentence is not", () => {
    const rows: CellValue[][] = [
      [null, "Huyện A", "80", null],
      [null, "Huyện B", null, null],
      [null, "Ghi chú: huyện B chưa chấm", null, null],
    ];
    const read = readUnitRows(source(rows), { ...layout, orderCol: undefined });
    expect(read.units.map((u) => u.unit)).toEqual(["Huyện A", "Huyện B"]);
    expect(read.end).toBe(1);
  });

  test("a unit listed with a footnote mark and no value at all is listed, not scored; an unmarked one is a unit still to be scored", () => {
    const rows: CellValue[][] = [
      [null, "Ha Noi", "7,85", null],
      [null, "Quang Ninh*", null, null],
      [null, "Bac Giang", null, null],
      [null, "Bac Ninh (*)", "8,26", null],
    ];
    const read = readUnitRows(source(rows), { ...layout, orderCol: undefined });
    expect(read.units.map((u) => u.unit)).toEqual(["Ha Noi", "Bac Giang", "Bac Ninh (*)"]);
    expect(read.withoutValues).toEqual([{ r: 1, unit: "Quang Ninh*" }]);
  });

  test("derived rows and note lines by their words", () => {
    expect(["Tổng cộng", "Trung bình cả nước", "Bình quân", "Average of the 19 ministries", "Sở Tài chính"].map(isDerivedRowName)).toEqual([true, true, true, true, false]);
    expect(["Người lập biểu", "Chỉ số trung bình: 88,4%", "Sở Tư pháp"].map(isNoteLine)).toEqual([true, true, false]);
  });
});

describe("excerpts of a larger ranking", () => {
  const column = (unit: string, total: string, rank: number, cell: string): ScoreColumn => ({
    key: `${unit}||score`,
    unit,
    period: "",
    basis: "score",
    points: new Map(),
    publishedRanks: new Map([["", { rank, location: { sheet: "S", cell } }]]),
    publishedTotal: { value: new Decimal(total) },
  });

  test("ranks within the table's size are no excerpt", () => {
    expect(excerptFindings([column("A", "90", 1, "C2"), column("B", "80", 2, "C3")], "S")).toEqual([]);
  });

  test("ranks beyond it are said once, and a rank the totals contradict is found at its cell", () => {
    const found = excerptFindings([column("Huế", "87.91", 34, "C2"), column("Quảng Trị", "87.2", 39, "C3"), column("Quảng Nam", "87.5", 63, "C4")], "S");
    expect(found.map((f) => `${f.kind}@${f.location?.cell}:${f.severity}`)).toEqual(["ranks-from-larger-ranking@C2:info", "rank-order-differs@C4:warning"]);
    expect(found[1].message.vi).toContain("Quảng Nam có 87,5 nhưng xếp hạng 63, sau Quảng Trị (87,2, hạng 39)");
  });

  test("a first place listed below the places after it is the one found, not each place it contradicts", () => {
    const found = excerptFindings(
      [column("Quang Ninh", "81", 1, "C4"), column("Hanoi", "83.9", 2, "C5"), column("Dong Thap", "83.71", 3, "C6"), column("Da Nang", "83.7", 4, "C7"), column("HCMC", "79.6", 10, "C8")],
      "S",
    );
    expect(found.map((f) => `${f.kind}@${f.location?.cell}`)).toEqual(["ranks-from-larger-ranking@C8", "rank-order-differs@C4"]);
    expect(found[1].message.en).toContain("Quang Ninh has 81 but is ranked 1, above Hanoi (83.9, rank 2); ParScore ranks Hanoi above Quang Ninh");
  });

  test("units with their own maximum are ordered on the rate, not the points", () => {
    const own = (unit: string, total: string, max: string, rank: number, cell: string): ScoreColumn => ({ ...column(unit, total, rank, cell), unitMax: { value: new Decimal(max) } });
    const found = excerptFindings([own("A", "10.18", "10.5", 1, "C2"), own("B", "14.23", "15", 2, "C3"), own("C", "13.14", "16.5", 40, "C4")], "S");
    expect(found.map((f) => f.kind)).toEqual(["ranks-from-larger-ranking"]);
  });

  test("equal places never contradict each other", () => {
    const found = excerptFindings([column("A", "90", 5, "C2"), column("B", "91", 5, "C3"), column("C", "80", 40, "C4")], "S");
    expect(found.map((f) => f.kind)).toEqual(["ranks-from-larger-ranking"]);
  });
});
