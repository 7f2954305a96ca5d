import { detectLegacy, implausibility, tcvn3ToUnicode, toUnicode, vniToUnicode, TCVN3_TO_UNICODE, VNI_TO_UNICODE } from "../../src/tables/legacy";

describe("legacy Vietnamese encodings", () => {
  test("TCVN3 (ABC): '§iÓm' is 'Điểm'; the table covers the 67 lower-case letters and 7 capitals", () => {
    expect(tcvn3ToUnicode("§iÓm")).toBe("Điểm");
    expect(tcvn3ToUnicode("§iÓm tù ®¸nh gi¸")).toBe("Điểm tự đánh giá");
    expect(tcvn3ToUnicode("Thõa Thiªn HuÕ")).toBe("Thừa Thiên Huế");
    expect(tcvn3ToUnicode("C¶i c¸ch thñ tôc hµnh chÝnh")).toBe("Cải cách thủ tục hành chính");
    expect(tcvn3ToUnicode("Ph\u00adêng")).toBe("Phường");
    expect(TCVN3_TO_UNICODE.size).toBe(74);
    expect(new Set(TCVN3_TO_UNICODE.values()).size).toBe(74);
  });

  test("TCVN3 capitals from .VnTimeH fonts: an upper-case word stays upper-case", () => {
    expect(tcvn3ToUnicode("§IÓM TèI §A")).toBe("ĐIỂM TỐI ĐA");
    expect(tcvn3ToUnicode("B¶NG Tù §¸NH GI¸")).toBe("BẢNG TỰ ĐÁNH GIÁ");
  });

  test("VNI: base letter + marks, 'Ñieåm' is 'Điểm'", () => {
    expect(vniToUnicode("Ñieåm")).toBe("Điểm");
    expect(vniToUnicode("ÑIEÅM TOÁI ÑA")).toBe("ĐIỂM TỐI ĐA");
    expect(vniToUnicode("Thöøa Thieân Hueá")).toBe("Thừa Thiên Huế");
    expect(vniToUnicode("Xeáp haïng")).toBe("Xếp hạng");
    expect(vniToUnicode("Hieän ñaïi hoùa haønh chính")).toBe("Hiện đại hóa hành chính");
    expect(vniToUnicode("ñôn vò, cô quan, ñòa phöông, kyõ, möôøi, ngöôøi")).toBe("đơn vị, cơ quan, địa phương, kỹ, mười, người");
    expect(VNI_TO_UNICODE.get("aë")).toBe("ặ");
    expect(VNI_TO_UNICODE.get("ôù")).toBe("ớ");
    expect(VNI_TO_UNICODE.get("AÙ")).toBe("Á");
    // Every Vietnamese vowel with tone has an entry (12 vowels x 5 tones + 12 plain forms and singles).
    const values = new Set(VNI_TO_UNICODE.values());
    for (const ch of "áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵđăâêôơư") expect(values.has(ch)).toBe(true);
  });

  test("detection: legacy text converted, Unicode and plain text untouched", () => {
    expect(detectLegacy("§iÓm")).toEqual({ encoding: "tcvn3", text: "Điểm" });
    expect(detectLegacy("Ñieåm")).toEqual({ encoding: "vni", text: "Điểm" });
    for (const s of ["Điểm tối đa", "Ghi chú", "Tên", "× 100", "8,75", "Café", "Xếp hạng", "Sở Nội vụ", "Điểm".normalize("NFD")]) {
      expect(detectLegacy(s)).toBeNull();
    }
    // Ambiguous text ("Néi" could be Latin-1) is converted only with a hint from the rest of the sheet.
    expect(detectLegacy("Néi dung")).toBeNull();
    expect(detectLegacy("Néi dung", "tcvn3")).toEqual({ encoding: "tcvn3", text: "Nội dung" });
    expect(toUnicode("Tæng ®iÓm")).toBe("Tổng điểm");
    expect(implausibility("Điểm")).toBe(0);
    expect(implausibility("§iÓm")).toBeGreaterThan(0);
  });
});
