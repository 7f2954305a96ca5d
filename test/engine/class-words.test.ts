import { classify, EXAMPLE_CLASS_SCHEMES, PAR_2022_PROVINCE_GROUPS } from "../../src/engine/classes";
import { toPoints } from "../../src/engine/points";

const unitsScheme = EXAMPLE_CLASS_SCHEMES.find((s) => s.id === "province-units")!;
const words = (percent: string, scheme = PAR_2022_PROVINCE_GROUPS, block?: string, indicators?: Record<string, string>) =>
  classify(toPoints(percent), indicators && Object.fromEntries(Object.entries(indicators).map(([k, v]) => [k, toPoints(v)])), scheme, block)?.words;

test("a group is said with the band of percent it stands for, in both languages", () => {
  expect(words("85")).toEqual({ vi: "Nhóm B (80% đến dưới 90%)", en: "Group B (80% to under 90%)" });
  expect(words("90")).toEqual({ vi: "Nhóm A (từ 90% trở lên)", en: "Group A (90% or more)" });
  expect(words("69,99")).toEqual({ vi: "Nhóm D (dưới 70%)", en: "Group D (under 70%)" });
});

test("a rating uses the bands of the unit's block; a capped class says why, not a band its percent is not in", () => {
  expect(words("65", unitsScheme, "KHỐI HUYỆN, THỊ XÃ, THÀNH PHỐ")?.vi).toBe("Trung bình (60% đến dưới 70%)");
  expect(words("75", unitsScheme, "KHỐI SỞ, BAN, NGÀNH")?.vi).toBe("Trung bình (70% đến dưới 80%)");
  const capped = words("95", unitsScheme, "KHỐI SỞ, BAN, NGÀNH", { lateDossierPercent: "6" });
  expect(capped?.vi).toMatch(/^Khá \(Tốt theo điểm; .*trễ hạn/);
  expect(capped?.en).toMatch(/^Khá \(Tốt by points; /);
});
