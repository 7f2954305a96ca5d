import Decimal from "decimal.js";
import fc from "fast-check";
import {
  dec,
  formatPoints,
  formatPointsExact,
  formatPointsShort,
  fromSpreadsheetNumber,
  isBareDecimal,
  parsePoints,
  pointsToJson,
  roundPoints,
  sumPoints,
  toPoints,
} from "../../src/engine/points";
import { s } from "./helpers";

const value = (input: unknown): string => {
  const p = parsePoints(input);
  if (!p.ok) throw new Error(`not ok: ${String(input)} (${p.reason})`);
  return p.value.toFixed();
};
const reason = (input: unknown): string => {
  const p = parsePoints(input);
  return p.ok ? "ok" : p.reason;
};

describe("parsePoints", () => {
  it.each([
    ["8,75", "8.75"],
    ["8.75", "8.75"],
    [8.75, "8.75"],
    ["8,75 điểm", "8.75"],
    ["8,75 Điểm", "8.75"],
    ["-0,5", "-0.5"],
    [" 8,75 ", "8.75"],
    ["\u00a08,75\u00a0", "8.75"],
    ["10", "10"],
    [",5", "0.5"],
    ["− 0,5", "-0.5"],
    ["0", "0"],
  ])("reads %p as %s", (input, expected) => {
    expect(value(input)).toBe(expected);
  });

  it("reads decomposed Vietnamese unit text (NFD) too", () => {
    expect(value("8,75 điểm".normalize("NFD"))).toBe("8.75");
  });

  it("refuses what is not a number", () => {
    expect(reason("8,7x")).toBe("not-a-number");
    expect(reason("abc")).toBe("not-a-number");
    expect(reason(NaN)).toBe("not-a-number");
    expect(reason(true)).toBe("not-a-number");
  });

  it("reports mixed separators as ambiguous instead of guessing", () => {
    expect(reason("1.234,5")).toBe("ambiguous");
    expect(reason("1,234.5")).toBe("ambiguous");
    expect(reason("1.234.5")).toBe("ambiguous");
  });

  it("reports blank cells as empty", () => {
    expect(reason("")).toBe("empty");
    expect(reason("   ")).toBe("empty");
    expect(reason(null)).toBe("empty");
    expect(reason(undefined)).toBe("empty");
  });

  it("gives a bilingual message for a refusal", () => {
    const p = parsePoints("8,7x");
    expect(p.ok).toBe(false);
    if (!p.ok) {
      expect(p.message.vi).toContain("không phải là số");
      expect(p.message.en).toContain("not a number");
    }
  });

  it("notes how the number was written", () => {
    const p = parsePoints("8,75 điểm");
    expect(p.ok && p.notes).toEqual(expect.arrayContaining(["comma-decimal", "unit-suffix", "text-number"]));
  });
});

describe("spreadsheet doubles", () => {
  it("reads 0.1 + 0.2 as Excel shows it: 0.3", () => {
    expect(fromSpreadsheetNumber(0.1 + 0.2).toFixed()).toBe("0.3");
    expect(value(0.1 + 0.2)).toBe("0.3");
    expect(dec(0.1 + 0.2).eq("0.3")).toBe(true);
  });

  it("sums exactly: 0.1 + 0.2 = 0.3", () => {
    expect(sumPoints([dec("0.1"), dec("0.2")]).eq("0.3")).toBe(true);
    expect(sumPoints([dec(0.1), dec(0.2)]).toFixed()).toBe("0.3");
    expect(sumPoints([]).toFixed()).toBe("0");
  });

  it("refuses non-finite numbers", () => {
    expect(() => fromSpreadsheetNumber(Infinity)).toThrow(RangeError);
  });
});

describe("rounding (half-up, away from zero on .5)", () => {
  it.each([
    ["2.345", "2.35"],
    ["2.344", "2.34"],
    ["2.3449999", "2.34"],
    ["0.005", "0.01"],
    ["-2.345", "-2.35"],
    ["-2.344", "-2.34"],
    ["-0.005", "-0.01"],
  ])("rounds %s to %s", (input, expected) => {
    expect(s(roundPoints(new Decimal(input)))).toBe(expected);
  });

  it("rounds a double that only looks like x.xx5 as the spreadsheet shows it", () => {
    // 1.005 is stored as 1.00499999999999989...; Excel shows 1.005 and ROUND gives 1.01.
    expect(s(roundPoints(dec(1.005)))).toBe("1.01");
  });
});

describe("formatting", () => {
  it("uses a decimal comma in Vietnamese and a dot in English", () => {
    expect(formatPoints(dec("8.75"), "vi")).toBe("8,75");
    expect(formatPoints(dec("8.75"), "en")).toBe("8.75");
    expect(formatPoints(dec("8"), "vi")).toBe("8,00");
    expect(formatPoints(dec("0.16"))).toBe("0,16");
  });
  it("short form drops trailing zeros", () => {
    expect(formatPointsShort(dec("8.00"))).toBe("8");
    expect(formatPointsShort(dec("0.50"))).toBe("0,5");
    expect(formatPointsShort(dec("4.164"), "en")).toBe("4.16");
  });
  it("exact form keeps every digit", () => {
    expect(formatPointsExact(dec("83.064"))).toBe("83,064");
    expect(formatPointsExact(dec("1e-7"), "en")).toBe("0.0000001");
  });
  it("JSON form is dot decimal with fixed places", () => {
    expect(pointsToJson(dec("8.5"))).toBe("8.50");
    expect(pointsToJson(null)).toBeNull();
  });
  it("toPoints reads options given as numbers or text", () => {
    expect(s(toPoints("0,01"))).toBe("0.01");
    expect(s(toPoints(0.01))).toBe("0.01");
    expect(() => toPoints("x")).toThrow(RangeError);
  });
});

describe("bare decimals take a fast path with the general path's result", () => {
  test("values and notes agree with the same text read through the general path", () => {
    let seed = 7;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 2000; i++) {
      const int = String(Math.floor(rand() * 10 ** (1 + Math.floor(rand() * 6))));
      const frac = rand() < 0.3 ? "" : String(Math.floor(rand() * 10 ** (1 + Math.floor(rand() * 4)))).padStart(2, "0");
      const sep = rand() < 0.5 ? "," : ".";
      const sign = rand() < 0.2 ? "-" : "";
      const bare = `${sign}${int}${frac ? sep + frac : ""}`;
      // A trailing space sends the same number through the general path.
      const fast = parsePoints(bare);
      const general = parsePoints(`${bare} `);
      expect(fast.ok && general.ok).toBe(true);
      if (fast.ok && general.ok) {
        expect(fast.value.toString()).toBe(general.value.toString());
        expect(fast.notes).toEqual(general.notes);
      }
    }
  });
});

describe("isBareDecimal", () => {
  it("is the bare-number pattern /^-?\\d+([.,]\\d+)?$/, read character by character", () => {
    const pattern = /^-?\d+(?:[.,]\d+)?$/;
    const text = fc.array(fc.constantFrom("0", "1", "5", "9", "-", ".", ",", " ", "+", "e", "\n", "٣"), { maxLength: 9 }).map((cs) => cs.join(""));
    fc.assert(fc.property(text, (t) => expect(isBareDecimal(t)).toBe(pattern.test(t))), { numRuns: 5000 });
    for (const t of ["0,57", "8.75", "-2", "", "-", "1.", ".5", "1,2,3", "1.5 ", "12\n"]) expect(isBareDecimal(t)).toBe(pattern.test(t));
  });
});
