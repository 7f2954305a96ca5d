import { foldDiacritics, safeFileBase, uniqueFileBases } from "../../src/report/file-names";

describe("unit file names safe on Windows", () => {
  test("keeps Vietnamese diacritics (NFC) or folds them on request", () => {
    expect(safeFileBase("Sở Tư pháp")).toBe("Sở Tư pháp");
    expect(safeFileBase("Sở Tư pháp".normalize("NFD"))).toBe("Sở Tư pháp");
    expect(safeFileBase("Sở Tư pháp", { fold: true })).toBe("So Tu phap");
    expect(foldDiacritics("Đắk Lắk – Huyện Đông Hòa")).toBe("Dak Lak – Huyen Dong Hoa");
  });

  test("replaces the characters Windows refuses and drops trailing dots and spaces", () => {
    expect(safeFileBase('Phòng A/B: "C" <D> | E? *F* \\G')).toBe("Phòng A_B_ _C_ _D_ _ E_ _F_ _G");
    expect(safeFileBase("Sở Y tế. ")).toBe("Sở Y tế");
    expect(safeFileBase("Tab\tand\nnewline")).toBe("Tab_and_newline");
    expect(safeFileBase("...")).toBe("don-vi");
    expect(safeFileBase("   ")).toBe("don-vi");
  });

  test("never gives a device name Windows reserves, in any case or with an extension", () => {
    for (const reserved of ["CON", "prn", "Aux", "NUL", "COM1", "com9", "LPT1", "lpt9", "CON.txt"]) {
      const base = safeFileBase(reserved);
      expect(base.split(".")[0].toUpperCase()).not.toMatch(/^(CON|PRN|AUX|NUL|COM\d|LPT\d)$/);
    }
    expect(safeFileBase("CON.txt")).toBe("CON_.txt");
    expect(safeFileBase("Console")).toBe("Console");
    expect(safeFileBase("COM10")).toBe("COM10");
  });

  test("two units with one name (in any case or Unicode form) get two files", () => {
    const names = uniqueFileBases(["Sở Y tế", "SỞ Y TẾ", "Sở Y tế".normalize("NFD"), "Sở Y tế (2)", "Sở/Y tế", "Sở:Y tế"]);
    expect(names).toEqual(["Sở Y tế", "SỞ Y TẾ (2)", "Sở Y tế (3)", "Sở Y tế (2) (2)", "Sở_Y tế", "Sở_Y tế (2)"]);
    expect(new Set(names.map((n) => n.toLocaleLowerCase("vi"))).size).toBe(names.length);
  });

  test("long names are cut to leave room for the folder in a Windows path", () => {
    const base = safeFileBase("Ủy ban nhân dân ".repeat(20));
    expect([...base].length).toBeLessThanOrEqual(100);
    expect(base).not.toMatch(/[. ]$/);
  });
});
