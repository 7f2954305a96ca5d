import { parseCode } from "../../src/tables/codes";
import { grid, one, plainCriteria, plainFindings } from "./builder";

const HEADER = ["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định"];

describe("codes written with their parent or with a label", () => {
  test("parseCode reads '1.1.a', 'Tiêu chí 1.1', 'TCTP 1.1.1', 'Lĩnh vực II'", () => {
    expect(parseCode("1.1.a")).toEqual({ kind: "letter", code: "a", under: "1.1" });
    expect(parseCode("1.01.b)")).toEqual({ kind: "letter", code: "b", under: "1.1" });
    expect(parseCode("Tiêu chí 1.1")).toEqual({ kind: "dotted", code: "1.1" });
    expect(parseCode("TCTP 1.1.1")).toEqual({ kind: "dotted", code: "1.1.1" });
    expect(parseCode("Lĩnh vực II")).toEqual({ kind: "roman", code: "II" });
    expect(parseCode("Tiêu chí")).toBeNull();
  });

  test("'1.1.a' attaches to 1.1 even after a deeper sibling, and sums like any child", () => {
    const g = grid(
      [
        HEADER,
        ["Lĩnh vực 1", "Chỉ đạo điều hành", "4", "4", "3"],
        ["Tiêu chí 1.1", "Kế hoạch", "3", "3", "2"],
        ["TCTP 1.1.1", "Ban hành kịp thời", "1", "1", "1"],
        ["1.1.a", "Nội dung đầy đủ", "1", "1", "0,5"],
        ["1.1.b", "Có phân công", "1", "1", "0,5"],
        ["Tiêu chí 1.2", "Báo cáo", "1", "1", "1"],
      ],
      { sheet: "Mã có nhãn" },
    );
    const { table, rec } = one(g);
    expect(table.layout).toBe("self-assessment");
    expect(plainCriteria(table.scorecard.criteria)).toEqual([
      { code: "1", level: 1, title: "Chỉ đạo điều hành", max: "4" },
      { code: "1.1", level: 2, title: "Kế hoạch", max: "3" },
      { code: "1.1.1", level: 3, title: "Ban hành kịp thời", max: "1" },
      { code: "1.1.a", level: 3, title: "Nội dung đầy đủ", max: "1" },
      { code: "1.1.b", level: 3, title: "Có phân công", max: "1" },
      { code: "1.2", level: 2, title: "Báo cáo", max: "1" },
    ]);
    expect(plainFindings(rec.findings).filter((f) => f.includes("unreadable-code") || f.includes("code-without-parent"))).toEqual([]);
  });

  test("'2.3.a' with no row 2.3 is kept and reported, not dropped", () => {
    const g = grid([HEADER, ["1", "Lĩnh vực một", "2", "2", "2"], ["2.3.a", "Mục lạc chỗ", "2", "2", "1"]], { sheet: "Lạc" });
    const { table, rec } = one(g);
    expect(plainCriteria(table.scorecard.criteria).map((c) => c.code)).toEqual(["1", "2.3.a"]);
    expect(plainFindings(rec.findings).some((f) => /^code-without-parent@[A-Z]3$/.test(f))).toBe(true);
  });
});
