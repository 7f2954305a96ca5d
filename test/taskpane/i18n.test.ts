import { LANGS, STRINGS, fmt, points, strings } from "../../src/taskpane/i18n";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("task pane strings", () => {
  test("every key exists, non-empty, in both languages, with the same placeholders", () => {
    const vi = Object.keys(STRINGS.vi).sort();
    expect(Object.keys(STRINGS.en).sort()).toEqual(vi);
    for (const key of vi as (keyof typeof STRINGS.vi)[]) {
      for (const lang of LANGS) expect({ key, lang, text: strings(lang)[key].trim() !== "" }).toEqual({ key, lang, text: true });
      expect({ key, en: placeholders(STRINGS.en[key]) }).toEqual({ key, en: placeholders(STRINGS.vi[key]) });
    }
  });

  test("Vietnamese is Vietnamese and English is English", () => {
    expect(STRINGS.vi.analyze).toBe("Phân tích bảng điểm");
    expect(STRINGS.en.analyze).toBe("Analyze score table");
    expect(STRINGS.vi.errorProtected).toMatch(/bảo vệ/);
    expect(STRINGS.en.errorProtected).toMatch(/protected/);
    // Strings are NFC (what Excel and the fonts expect), no mojibake.
    for (const lang of LANGS) {
      for (const text of Object.values(STRINGS[lang])) {
        expect(text.normalize("NFC")).toBe(text);
        expect(text).not.toMatch(/Ã|Â|á»|Æ°/);
      }
    }
  });

  test("fmt fills placeholders and leaves unknown ones", () => {
    expect(fmt("{n} bảng, {x}", { n: 2 })).toBe("2 bảng, {x}");
    expect(fmt(STRINGS.vi.stageWritingCount, { done: 3, total: 10 })).toBe("Đang ghi vào sổ tính (3/10)…");
  });

  test("points use the language's decimal separator", () => {
    expect(points("83.06", "vi")).toBe("83,06");
    expect(points("83.06", "en")).toBe("83.06");
    expect(points("-0.50", "vi")).toBe("-0,50");
  });
});
