/**
 * PARSCORE.* custom functions (src/functions/functions.ts) as Excel calls them, in Node with a fake
 * CustomFunctions global: every function on seeded random inputs against decimal.js and the engine's
 * own functions, the #VALUE!/#N/A errors and their messages, Vietnamese and English phrases.
 */
import Decimal from "decimal.js";
import { change, classOf, lost, points, rank, rankChange, rankLabel, total } from "../../src/functions/functions";
import { parsePoints, sumPoints } from "../../src/engine/points";
import { competitionRanks, rankingValue } from "../../src/engine/ranks";
import { pointsChangePhrase, rankChangePhrase } from "../../src/engine/changes";
import { classify, PROVINCE_DEPARTMENT_RATING, PAR_2022_PROVINCE_GROUPS } from "../../src/engine/classes";
import { decimalText, excelErrorOf, installCustomFunctions, int, pick, removeCustomFunctions, seeded } from "./fake-runtime";

beforeAll(installCustomFunctions);
afterAll(removeCustomFunctions);

/** Without Office.context (Node, Excel's JavaScript-only runtime): Vietnamese, then English in brackets. */
const both = (vi: string, en: string) => `${vi} (${en})`;

/** "8.75" written the ways a table writes it. */
function spellings(text: string): unknown[] {
  const comma = text.replace(".", ",");
  return [text, comma, `${comma} điểm`, `${text} điểm`, ` ${comma} `, `${comma}đ`, Number(text)];
}

describe("PARSCORE.POINTS", () => {
  test.each([
    ["8,75", 8.75],
    ["8,75 điểm", 8.75],
    ["8.75", 8.75],
    [8.75, 8.75],
    ["-0,5", -0.5],
    ["10", 10],
    ["0,1", 0.1],
  ])("%p -> %p", (input, expected) => {
    expect(points(input)).toBe(expected);
  });

  test("random points in every spelling equal decimal.js and the engine's parsePoints (seeded)", () => {
    const rand = seeded(20240101);
    for (let i = 0; i < 2000; i++) {
      const text = decimalText(rand, 100, int(rand, 0, 3));
      const expected = new Decimal(text).toNumber();
      for (const input of spellings(text)) {
        const engine = parsePoints(input);
        expect(engine.ok).toBe(true);
        expect(points(input)).toBe(expected);
        if (engine.ok) expect(points(input)).toBe(engine.value.toNumber());
      }
    }
  });

  test.each([
    ["abc", "'abc' không phải là số", "'abc' is not a number"],
    ["8,7x", "'8,7x' không phải là số", "'8,7x' is not a number"],
    ["", "Ô trống", "Empty cell"],
    [null, "Ô trống", "Empty cell"],
  ])("%p is #VALUE! with the engine's message", (input, vi, en) => {
    expect(excelErrorOf(() => points(input))).toEqual({ code: "#VALUE!", message: both(vi, en) });
  });

  test("'1.234,5' mixes separators: #VALUE! with the engine's ambiguity message, not a guess", () => {
    const parsed = parsePoints("1.234,5");
    if (parsed.ok) throw new Error("expected ambiguous");
    expect(excelErrorOf(() => points("1.234,5"))).toEqual({ code: "#VALUE!", message: both(parsed.message.vi, parsed.message.en) });
  });

  test("messages follow Excel's display language when the runtime gives it (office.js)", () => {
    try {
      (global as any).Office = { context: { displayLanguage: "en-US" } };
      expect(excelErrorOf(() => points("abc")).message).toBe("'abc' is not a number");
      (global as any).Office = { context: { displayLanguage: "vi-VN" } };
      expect(excelErrorOf(() => points("abc")).message).toBe("'abc' không phải là số");
    } finally {
      delete (global as any).Office;
    }
  });
});

describe("PARSCORE.TOTAL", () => {
  test("exact: 0,1 + 0,2 is 0,3 (a double sum is 0.30000000000000004)", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(total([[0.1], [0.2]])).toBe(0.3);
    expect(total([["0,1", "0,2"]])).toBe(0.3);
  });

  test("seed 001's areas add up to 83,06; blanks, KAD, N/A and dashes are skipped", () => {
    const areas = [["8,00"], ["8,75"], ["13,21"], ["8,35"], ["11,72"], ["9,76"], ["12,47"], ["10,80"]];
    expect(total(areas)).toBe(83.06);
    expect(total([...areas, [""], [null], ["KAD"], ["N/A"], ["Không áp dụng"], ["-"]])).toBe(83.06);
  });

  test("an empty range (or only blanks) is 0, like SUM", () => {
    expect(total([[""]])).toBe(0);
    expect(total([[null, "KAD"]])).toBe(0);
  });

  test("random ranges equal decimal.js summing the numbers once, and the engine's sumPoints (seeded)", () => {
    const rand = seeded(7);
    const skipped = ["", null, "KAD", "N/A", "kad", "-"];
    for (let i = 0; i < 500; i++) {
      const rows = int(rand, 1, 30);
      const cols = int(rand, 1, 4);
      let expected = new Decimal(0);
      const values: Decimal[] = [];
      const range = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => {
          if (rand() < 0.2) return pick(rand, skipped);
          const text = decimalText(rand, 20, int(rand, 0, 3));
          expected = expected.plus(text);
          values.push(new Decimal(text));
          return pick(rand, spellings(text));
        }),
      );
      expect(total(range)).toBe(expected.toNumber());
      expect(total(range)).toBe(sumPoints(values).toNumber());
    }
  });

  test("a cell that is not points is #VALUE!, naming its row and column in the range", () => {
    expect(excelErrorOf(() => total([["8,75", 1], ["2", "8,7x"]]))).toEqual({
      code: "#VALUE!",
      message: both("Hàng 2, cột 2 của vùng: '8,7x' không phải là số", "Row 2, column 2 of the range: '8,7x' is not a number"),
    });
    expect(excelErrorOf(() => total([[true]])).code).toBe("#VALUE!");
    expect(excelErrorOf(() => total([["#DIV/0!"]])).message).toContain("#DIV/0!");
    expect(excelErrorOf(() => total([["1.234,5"]])).message).toMatch(/^Hàng 1, cột 1 của vùng: '1\.234,5' có nhiều dấu phân cách/);
  });
});

describe("PARSCORE.LOST", () => {
  test("12 - 8,35 = 3,65 (seed 001, area 4); 8,5 - 8 = 0,5", () => {
    expect(lost(12, "8,35")).toBe(3.65);
    expect(lost("8,5", 8)).toBe(0.5);
    expect(12 - 8.35).not.toBe(3.65);
  });

  test("random max and achieved: exactly max - achieved, as decimal.js computes it (seeded)", () => {
    const rand = seeded(99);
    for (let i = 0; i < 3000; i++) {
      const max = decimalText(rand, 20, int(rand, 0, 2));
      const achieved = decimalText(rand, 20, int(rand, 0, 3));
      expect(lost(pick(rand, spellings(max)), pick(rand, spellings(achieved)))).toBe(new Decimal(max).minus(achieved).toNumber());
    }
  });

  test("blank or unreadable is #VALUE!", () => {
    expect(excelErrorOf(() => lost("", 5))).toEqual({ code: "#VALUE!", message: both("Ô trống", "Empty cell") });
    expect(excelErrorOf(() => lost(10, "mười"))).toEqual({ code: "#VALUE!", message: both("'mười' không phải là số", "'mười' is not a number") });
  });
});

describe("PARSCORE.RANK and PARSCORE.RANKLABEL", () => {
  const column = (values: unknown[]) => values.map((v) => [v]);

  test("1224 ranking; ties on 2 decimals by default: 83,064 and 83,06 share a rank", () => {
    const values = column([90, "83,064", "83,06", 70, "KAD", ""]);
    expect(rank(90, values)).toBe(1);
    expect(rank("83,06", values)).toBe(2);
    expect(rank("83,064", values)).toBe(2);
    expect(rankLabel("83,06", values)).toBe("2(2)");
    expect(rank(70, values)).toBe(4);
    expect(rankLabel(70, values)).toBe("4");
    // Exact-ish: with 3 decimals they are no longer tied.
    expect(rank("83,06", values, 3)).toBe(3);
    expect(rankLabel("83,064", values, 3)).toBe("2");
  });

  test("rounding is half-up: 8,125 and 8,13 tie at 2 decimals", () => {
    const values = column(["8,125", "8,13", "8,12"]);
    expect(rankLabel("8,125", values)).toBe("1(2)");
    expect(rank("8,12", values)).toBe(3);
  });

  test("random tables: rank and label equal the engine's competitionRanks for every unit and rounding (seeded)", () => {
    const rand = seeded(1234);
    for (let t = 0; t < 200; t++) {
      const n = int(rand, 1, 40);
      const decimals = int(rand, 0, 4);
      const pool = Array.from({ length: int(rand, 1, 8) }, () => decimalText(rand, 100, decimals));
      const texts = Array.from({ length: n }, () => (rand() < 0.5 ? pick(rand, pool) : decimalText(rand, 100, decimals)));
      const rounding = pick(rand, [undefined, null, 0, 1, 2, 3]);
      const opts = { decimals: rounding ?? 2 };
      const engine = competitionRanks(
        texts.map((x, i) => ({ unit: String(i), value: new Decimal(x) })),
        opts,
      );
      const range = column(texts.map((x) => pick(rand, spellings(x))));
      if (rand() < 0.3) range.push([""], ["KAD"]);
      for (const r of engine) {
        const x = texts[Number(r.unit)];
        expect(rank(x, range, rounding as number)).toBe(r.rank);
        expect(rankLabel(pick(rand, spellings(x)), range, rounding as number)).toBe(r.label);
      }
    }
  });

  test("a value not among the values is #N/A (as RANK.EQ)", () => {
    expect(excelErrorOf(() => rank(5, column([1, 2, 3])))).toEqual({
      code: "#N/A",
      message: both(
        "Không có 5 trong vùng giá trị (làm tròn 2 chữ số thập phân) nên không xếp hạng được",
        "5 is not among the values (rounded to 2 decimals), so it has no rank",
      ),
    });
    expect(excelErrorOf(() => rankLabel("2,5", column([1, 2, 3]))).code).toBe("#N/A");
  });

  test("an unreadable value, a bad cell in the values or a bad rounding is #VALUE!", () => {
    expect(excelErrorOf(() => rank("x", column([1])))).toEqual({ code: "#VALUE!", message: both("'x' không phải là số", "'x' is not a number") });
    expect(excelErrorOf(() => rank(1, column([1, "1,2,3"]))).message).toMatch(/^Hàng 2, cột 1 của vùng giá trị: /);
    for (const bad of [-1, 1.5, 21, "hai"]) {
      const e = excelErrorOf(() => rank(1, column([1]), bad as number));
      expect(e.code).toBe("#VALUE!");
      expect(e.message).toContain("từ 0 đến 20");
    }
  });

  test("a rank column over 3,000 units (one call per unit, as Excel makes them) agrees with the engine and stays fast", () => {
    const rand = seeded(3000);
    const texts = Array.from({ length: 3000 }, () => decimalText(rand, 100, 2));
    const engine = competitionRanks(texts.map((x, i) => ({ unit: String(i), value: new Decimal(x) })));
    const t0 = Date.now();
    // Excel passes a fresh copy of the range to every call.
    const labels = texts.map((x) => rankLabel(x, column(texts)));
    const ms = Date.now() - t0;
    const byUnit = new Map(engine.map((r) => [Number(r.unit), r.label]));
    expect(labels).toEqual(texts.map((_, i) => byUnit.get(i)));
    console.log(`PARSCORE.RANKLABEL over 3,000 units, 3,000 calls: ${ms} ms`);
    expect(ms).toBeLessThan(20_000);
  });

  test("ranking values agree with the engine's rankingValue (what the label is decided on)", () => {
    expect(rankingValue(new Decimal("83.064")).toFixed()).toBe("83.06");
    expect(rank("83,064", column(["83,06", "83,064"]))).toBe(1);
  });
});

describe("PARSCORE.CHANGE", () => {
  test.each([
    [78.9, 83.06, undefined, "tăng 4,16 điểm"],
    [78.9, 83.06, "en", "up 4.16 points"],
    ["8,5", "8", "vi", "giảm 0,5 điểm"],
    ["8,5", "8", "EN-us", "down 0.5 points"],
    [7, 8, "en", "up 1 point"],
    ["8,75", "8,75 điểm", null, "giữ nguyên số điểm"],
    [10, "10,004", "vi", "giữ nguyên số điểm"],
    [10, "10,004", "en", "points unchanged"],
    ["6,50", "8,00", "vi-VN", "tăng 1,5 điểm"],
  ])("CHANGE(%p, %p, %p) = %p", (from, to, lang, expected) => {
    expect(change(from, to, lang as string)).toBe(expected);
  });

  test("random pairs: the engine's pointsChangePhrase of new - old, in both languages (seeded)", () => {
    const rand = seeded(42);
    for (let i = 0; i < 2000; i++) {
      const a = decimalText(rand, 100, int(rand, 0, 3));
      const b = rand() < 0.1 ? a : decimalText(rand, 100, int(rand, 0, 3));
      const phrase = pointsChangePhrase(new Decimal(b).minus(a));
      expect(change(pick(rand, spellings(a)), pick(rand, spellings(b)))).toBe(phrase.vi);
      expect(change(a, b, "en")).toBe(phrase.en);
    }
  });

  test("errors: unreadable points in the language asked for; an unknown language", () => {
    expect(excelErrorOf(() => change("x", 1, "en"))).toEqual({ code: "#VALUE!", message: "'x' is not a number" });
    expect(excelErrorOf(() => change("x", 1, "vi"))).toEqual({ code: "#VALUE!", message: "'x' không phải là số" });
    expect(excelErrorOf(() => change(1, 2, "fr"))).toEqual({
      code: "#VALUE!",
      message: both(`Ngôn ngữ phải là "vi" hoặc "en", không phải 'fr'`, `The language must be "vi" or "en", not 'fr'`),
    });
  });
});

describe("PARSCORE.RANKCHANGE", () => {
  test.each([
    [38, 4, undefined, "tăng 34 bậc"],
    ["38(5)", "4(12)", "vi", "tăng 34 bậc"],
    [38, 4, "en", "up 34 places"],
    [4, 7, "vi", "giảm 3 bậc"],
    [4, 7, "en", "down 3 places"],
    [5, 4, "en", "up 1 place"],
    ["13", 13, null, "giữ nguyên vị thứ"],
  ])("RANKCHANGE(%p, %p, %p) = %p", (from, to, lang, expected) => {
    expect(rankChange(from, to, lang as string)).toBe(expected);
  });

  test("random ranks: the engine's rankChangePhrase of old - new (seeded)", () => {
    const rand = seeded(5);
    for (let i = 0; i < 1000; i++) {
      const a = int(rand, 1, 63);
      const b = int(rand, 1, 63);
      const label = (r: number) => pick(rand, [r, String(r), `${r}(${int(rand, 2, 12)})`, `${r} (3)`]);
      expect(rankChange(label(a), label(b))).toBe(rankChangePhrase(a - b).vi);
      expect(rankChange(a, b, "en")).toBe(rankChangePhrase(a - b).en);
    }
  });

  test("a rank that is not a positive whole number, or a missing one, is #VALUE!", () => {
    expect(excelErrorOf(() => rankChange(0, 4, "vi"))).toEqual({ code: "#VALUE!", message: "Thứ hạng cũ: '0' không phải là thứ hạng (ví dụ 4 hoặc 4(12))" });
    expect(excelErrorOf(() => rankChange(4, 4.5, "en"))).toEqual({ code: "#VALUE!", message: "The new rank: '4.5' is not a rank (like 4 or 4(12))" });
    expect(excelErrorOf(() => rankChange("", 4, "en"))).toEqual({ code: "#VALUE!", message: "The old rank is missing (like 4 or 4(12))" });
    expect(excelErrorOf(() => rankChange(4, "hạng tư", "vi")).code).toBe("#VALUE!");
  });
});

describe("PARSCORE.CLASS", () => {
  const rating: unknown[][] = [
    [90, "Tốt"],
    [80, "Khá"],
    [70, "Trung bình"],
    [0, "Yếu"],
  ];

  test.each([
    [95, "Tốt"],
    [90, "Tốt"],
    ["89,99", "Khá"],
    ["86,5%", "Khá"],
    [80, "Khá"],
    [70, "Trung bình"],
    ["69,999", "Yếu"],
    [0, "Yếu"],
  ])("%p -> %p", (percent, label) => {
    expect(classOf(percent, rating)).toBe(label);
  });

  test("bands in any row order, with blank rows and bounds as text", () => {
    const shuffled = [["70", "Trung bình"], ["", ""], ["0", "Yếu"], ["90%", "Tốt"], ["80,0", "Khá"]];
    expect(classOf("86,5", shuffled)).toBe("Khá");
    expect(classOf(91, shuffled)).toBe("Tốt");
  });

  test("random percents and band orders: the engine's classify with the same bands, and the engine's own schemes (seeded)", () => {
    const rand = seeded(2022);
    for (let i = 0; i < 2000; i++) {
      const percent = decimalText(rand, 100, int(rand, 0, 3));
      const rows = [...rating].sort(() => rand() - 0.5);
      const expected = classify(new Decimal(percent), undefined, PROVINCE_DEPARTMENT_RATING)?.label;
      expect(classOf(pick(rand, spellings(percent)), rows)).toBe(expected);
      const groups = PAR_2022_PROVINCE_GROUPS.bands.map((b) => [b.minPercent, b.label]).sort(() => rand() - 0.5);
      expect(classOf(percent, groups)).toBe(classify(new Decimal(percent), undefined, PAR_2022_PROVINCE_GROUPS)?.label);
      // And the rule itself: the highest lower bound not above the percent.
      const best = rating.filter((r) => new Decimal(r[0] as number).lte(percent)).sort((a, b) => (b[0] as number) - (a[0] as number))[0];
      expect(classOf(percent, rows)).toBe(best[1]);
    }
  });

  test("below every band is #N/A", () => {
    expect(excelErrorOf(() => classOf(65, rating.slice(0, 3)))).toEqual({
      code: "#N/A",
      message: both("65 thấp hơn ngưỡng dưới của mọi loại (thấp nhất 70)", "65 is below every band's lower bound (the lowest is 70)"),
    });
  });

  test("bands that are not (lower bound, label) pairs are #VALUE! with the reason", () => {
    const err = (bands: unknown[][], percent: unknown = 85) => excelErrorOf(() => classOf(percent, bands));
    expect(err([[90, "A", "x"]]).message).toContain("đúng 2 cột");
    expect(err([[90, ""]]).message).toBe(both("Hàng 1 của vùng ngưỡng xếp loại: thiếu tên loại ở cột 2", "Row 1 of the bands: the label (column 2) is missing"));
    expect(err([[90, "A"], ["chín mươi", "B"]]).message).toContain("Hàng 2 của vùng ngưỡng xếp loại: ngưỡng dưới 'chín mươi' không phải là số");
    expect(err([[90, "A"], ["90,0", "B"]]).message).toContain("Hai loại 'A' và 'B' có cùng ngưỡng dưới 90");
    expect(err([[null, null]]).message).toBe(both("Vùng ngưỡng xếp loại không có loại nào", "The bands range has no band"));
    expect(err(rating, "tám mươi").message).toBe(both("'tám mươi' không phải là số", "'tám mươi' is not a number"));
    for (const bands of [[[90, "A", "x"]], [[90, ""]], [[null, null]]]) expect(err(bands).code).toBe("#VALUE!");
  });
});

describe("values Excel may pass", () => {
  test("a data-type cell value passes its basicValue", () => {
    expect(points({ type: "FormattedNumber", basicValue: 8.75, numberFormat: "0.00" })).toBe(8.75);
    expect(total([[{ type: "Double", basicValue: 1.1 }, "2,2"]])).toBe(3.3);
  });

  test("a single cell for a range argument", () => {
    expect(total(5 as unknown as unknown[][])).toBe(5);
  });

  test("without the CustomFunctions global (plain Node), errors still carry the code", () => {
    removeCustomFunctions();
    try {
      let thrown: any;
      try {
        points("abc");
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect(thrown.code).toBe("#VALUE!");
    } finally {
      installCustomFunctions();
    }
  });
});
