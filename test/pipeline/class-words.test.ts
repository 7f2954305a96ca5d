import { EXAMPLE_CLASS_SCHEMES, PAR_2022_PROVINCE_GROUPS } from "../../src/engine/classes";
import { bandWords, classWords } from "../../src/pipeline/class-words";

const unitsScheme = EXAMPLE_CLASS_SCHEMES.find((s) => s.id === "province-units")!;

test("a group is said with the band of percent it stands for, in both languages", () => {
  expect(classWords(PAR_2022_PROVINCE_GROUPS, "B", undefined)).toEqual({ vi: "Nhóm B (80% đến dưới 90%)", en: "Group B (80% to under 90%)" });
  expect(classWords(PAR_2022_PROVINCE_GROUPS, "A", undefined)).toEqual({ vi: "Nhóm A (từ 90% trở lên)", en: "Group A (90% or more)" });
  expect(classWords(PAR_2022_PROVINCE_GROUPS, "D", undefined)).toEqual({ vi: "Nhóm D (dưới 70%)", en: "Group D (under 70%)" });
});

test("a rating uses the bands of the unit's block; an unknown class is said as it is", () => {
  expect(classWords(unitsScheme, "Trung bình", "KHỐI HUYỆN, THỊ XÃ, THÀNH PHỐ").vi).toBe("Trung bình (60% đến dưới 70%)");
  expect(classWords(unitsScheme, "Trung bình", "KHỐI SỞ, BAN, NGÀNH").vi).toBe("Trung bình (70% đến dưới 80%)");
  expect(bandWords(unitsScheme, "Xuất sắc", undefined, "vi")).toBeNull();
  expect(classWords(unitsScheme, "Xuất sắc", undefined)).toEqual({ vi: "Xuất sắc", en: "Xuất sắc" });
});
