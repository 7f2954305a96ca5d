/** Content and arithmetic evidence about columns, and the column roles weighed from it. */
import Decimal from "decimal.js";
import { addsUp, holds, isClassColumn, isNameColumn, isRateOf, isTextColumn, isWholeNumberColumn, neverHolds, numberOf, profileColumn, ranksOrder } from "../../src/tables/evidence";
import { readColumns } from "../../src/tables/column-roles";

const d = (xs: (string | null)[]) => xs.map((x) => (x === null ? null : new Decimal(x)));

describe("content evidence", () => {
  test("numbers in every form a table writes them, and what is no number", () => {
    expect(["8,75", "91,04%", 3, "8,75 điểm", "Tốt", "", null].map((v) => numberOf(v)?.toString() ?? null)).toEqual(["8.75", "91.04", "3", "8.75", null, null, null]);
  });

  test("a class column, a column of names, a column of whole numbers", () => {
    const classes = profileColumn(["Xuất sắc", "Tốt", "Khá", "Tốt"]);
    expect([isClassColumn(classes), isTextColumn(classes), isNameColumn(classes)]).toEqual([true, true, false]);
    const names = profileColumn(["Sở Tư pháp", "Sở Y tế", "Huyện A"]);
    expect([isClassColumn(names), isNameColumn(names), isWholeNumberColumn(names)]).toEqual([false, true, false]);
    const ranks = profileColumn(["1", 2, "3", null]);
    expect([isWholeNumberColumn(ranks), isTextColumn(ranks)]).toEqual([true, false]);
    expect(isWholeNumberColumn(profileColumn(["8,5", "9", "7"]))).toBe(false);
  });
});

describe("arithmetic evidence", () => {
  test("parts add up to the total within 0,01; a row off by more does not agree", () => {
    const a = addsUp([d(["59.56", "58.81", "57"]), d(["32.96", "32.86", "31"])], d(["92.52", "91.68", "90"]));
    expect(a).toEqual({ checked: 3, agreed: 2 });
    expect(holds(a)).toBe(false);
    expect(holds({ checked: 5, agreed: 4 })).toBe(true);
    expect(neverHolds({ checked: 5, agreed: 1 })).toBe(true);
    expect(neverHolds({ checked: 2, agreed: 0 })).toBe(false);
  });

  test("points x 100 / max is the rate, per unit or for all", () => {
    expect(isRateOf(d(["91.26", "82.90"]), d(["65.25", "80"]), d(["71.5", "96.5"]))).toEqual({ checked: 2, agreed: 2 });
    expect(isRateOf(d(["92.52", "90"]), d(["92.52", "91"]), new Decimal(100))).toEqual({ checked: 2, agreed: 1 });
  });

  test("ranks order a column: the higher value has the better rank, equal values share it", () => {
    expect(ranksOrder(d(["1", "2", "3"]), d(["90", "85", "80"]))).toEqual({ checked: 3, agreed: 3 });
    expect(ranksOrder(d(["1", "1", "3"]), d(["90", "90", "80"]))).toEqual({ checked: 3, agreed: 3 });
    expect(ranksOrder(d(["3", "2", "1"]), d(["90", "85", "80"])).agreed).toBe(0);
  });
});

describe("column roles from evidence", () => {
  const column = (col: number, label: string, cells: (string | null)[]) => ({ col, label, profile: profileColumn(cells) });
  const total = d(["92.52", "91.68", "88.91", "87.60"]);

  test("the parts that add up to the total are its components; the index equal to the total is the rate", () => {
    const reading = readColumns({
      points: [
        column(2, "Điểm thẩm định", ["59.56", "58.81", "57.04", "56.10"]),
        column(3, "Điểm điều tra XHH", ["32.96", "32.86", "31.87", "31.50"]),
        column(5, "Chỉ số CCHC (%)", ["92.52", "91.68", "88.91", "87.60"]),
      ],
      total,
    });
    expect([...reading.roles]).toEqual([[5, "rate"]]);
    expect(reading.componentsAddUp).toBe(true);
    expect(reading.closeCall).toBeUndefined();
  });

  test("a class column and a text column are no points; whole numbers that order the total are the rank", () => {
    const reading = readColumns({
      points: [
        column(2, "LV1", ["50", "49", "47", "46"]),
        column(3, "LV2", ["42.52", "42.68", "41.91", "41.60"]),
        column(4, "Thứ bậc", ["1", "2", "3", "4"]),
        column(6, "Xếp loại", ["Tốt", "Tốt", "Khá", "Khá"]),
        column(7, "Ghi chú", ["tăng 2 bậc", "giữ nguyên", "giảm 1 bậc", "mới"]),
      ],
      total,
    });
    expect([...reading.roles].sort()).toEqual([
      [4, "rank"],
      [6, "class"],
      [7, "text"],
    ]);
    expect(reading.componentsAddUp).toBe(true);
  });

  test("sub-indices that never add up to the published score are independent of it (a weighted index)", () => {
    const reading = readColumns({
      points: [column(1, "Entry Costs", ["9.19", "8.7", "9.18"]), column(2, "Land Access", ["6.35", "6.81", "6.26"])],
      total: d(["68.34", "66.39", "65.75"]),
    });
    expect(reading).toEqual({ roles: new Map(), componentsAddUp: false, partsIndependent: true });
  });

  test("two readings that fit equally well are a close call, said with what was assumed", () => {
    // Two columns both equal to the total beside a column of zeros: either could be the rate.
    const reading = readColumns({
      points: [column(1, "A", ["50", "40", "30"]), column(2, "B", ["50", "40", "30"]), column(3, "C", ["0", "0", "0"])],
      total: d(["50", "40", "30"]),
    });
    expect([...reading.roles]).toEqual([[1, "rate"]]);
    expect(reading.closeCall?.col).toBe(1);
    expect(reading.closeCall?.vi).toMatch(/cột 'A' là tỷ lệ \(%\), không phải cột 'B' là tỷ lệ/);
    expect(reading.closeCall?.en).toMatch(/fit two readings/);
  });
});
