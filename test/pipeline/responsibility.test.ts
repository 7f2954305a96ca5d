import { bodyFor, parseResponsibility } from "../../src/tables/responsibility";
import { grid } from "../tables/builder";

describe("parseResponsibility", () => {
  test("Vietnamese headers with diacritics, several codes per cell, parent codes", () => {
    const g = grid(
      [
        ["Bảng phân công khắc phục điểm bị trừ", null],
        ["Mã tiêu chí", "Cơ quan chủ trì"],
        ["4.1.1; 4.1.2", "Sở Nội vụ"],
        ["6", "Sở Tài chính"],
        ["6.2.1, 6.2.2", "Kho bạc Nhà nước tỉnh"],
        [null, null],
        [7.1, "Sở Thông tin và Truyền thông"],
      ],
      { sheet: "Phân công" },
    );
    const { assignments, findings } = parseResponsibility(g);
    expect(findings).toEqual([]);
    expect([...assignments]).toEqual([
      ["4.1.1", "Sở Nội vụ"],
      ["4.1.2", "Sở Nội vụ"],
      ["6", "Sở Tài chính"],
      ["6.2.1", "Kho bạc Nhà nước tỉnh"],
      ["6.2.2", "Kho bạc Nhà nước tỉnh"],
      ["7.1", "Sở Thông tin và Truyền thông"],
    ]);
    // Deepest assignment wins; a parent covers the rest of its subtree.
    expect(bodyFor(assignments, ["6", "6.2", "6.2.1"])).toBe("Kho bạc Nhà nước tỉnh");
    expect(bodyFor(assignments, ["6", "6.1", "6.1.1"])).toBe("Sở Tài chính");
    expect(bodyFor(assignments, ["5", "5.1", "5.1.1"])).toBeNull();
  });

  test("headers without diacritics and in English", () => {
    const plain = parseResponsibility(grid([["Ma", "Don vi chiu trach nhiem"], ["1.1.1", "Văn phòng UBND tỉnh"]]));
    expect([...plain.assignments]).toEqual([["1.1.1", "Văn phòng UBND tỉnh"]]);
    const other = parseResponsibility(grid([["TCTP", "Cơ quan phụ trách"], ["2.1", "Sở Tư pháp"]]));
    expect([...other.assignments]).toEqual([["2.1", "Sở Tư pháp"]]);
    const en = parseResponsibility(grid([["Code", "Responsible body"], ["3.1.1;3.1.2", "Department of Justice"]]));
    expect([...en.assignments]).toEqual([
      ["3.1.1", "Department of Justice"],
      ["3.1.2", "Department of Justice"],
    ]);
  });

  test("a code assigned to two bodies and unreadable rows are located findings in both languages", () => {
    const g = grid(
      [
        ["Mã tiêu chí", "Cơ quan chủ trì"],
        ["4.1.1", "Sở Nội vụ"],
        ["xyz", "Sở Y tế"],
        ["4.1.1; 4.2", "Sở Tài chính"],
        ["5.1", null],
      ],
      { sheet: "PC", at: "B3" },
    );
    const { assignments, findings } = parseResponsibility(g);
    expect(assignments.get("4.1.1")).toBe("Sở Nội vụ");
    expect(assignments.get("4.2")).toBe("Sở Tài chính");
    expect(findings.map((f) => [f.kind, f.location?.sheet, f.location?.cell])).toEqual([
      ["responsibility-unreadable", "PC", "B5"],
      ["responsibility-conflict", "PC", "B6"],
      ["responsibility-unreadable", "PC", "C7"],
    ]);
    const conflict = findings[1];
    expect(conflict.code).toBe("4.1.1");
    expect(conflict.message.vi).toContain("hai cơ quan");
    expect(conflict.message.en).toContain("two bodies");
    expect(conflict.message.vi).toContain("B4");
  });

  test("a sheet without the header row is an error finding", () => {
    const { assignments, findings } = parseResponsibility(grid([["a", "b"], ["1.1", "X"]], { sheet: "S" }));
    expect(assignments.size).toBe(0);
    expect(findings[0]).toMatchObject({ kind: "responsibility-no-header", severity: "error", location: { sheet: "S", cell: "A1" } });
  });
});
