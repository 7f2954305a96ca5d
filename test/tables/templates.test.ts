import { getTemplate, listTemplates, parseTemplate, TemplateError } from "../../src/tables/templates";
import { grid, one, plainCriteria, plainFindings } from "./builder";

describe("templates", () => {
  test("par-2019-province: areas 1..8 with the 2019 maxima and the summary rows", () => {
    const t = getTemplate("par-2019-province")!;
    expect(t.criteria.map((c) => `${c.code}:${c.max?.toString()}`)).toEqual(["1:8.5", "2:10", "3:14", "4:12", "5:14", "6:12.5", "7:13", "8:16"]);
    expect(t.criteria.reduce((s, c) => s + Number(c.max), 0)).toBe(100);
    expect(t.criteria[0].title).toBe("Công tác chỉ đạo, điều hành CCHC");
    expect(t.extras.map((c) => `${c.code}:${c.max?.toString()}`)).toEqual([
      "diem-tham-dinh:63.5",
      "danh-gia-tac-dong:36.5",
      "sipas:10",
      "khao-sat-lanh-dao:20.5",
      "tac-dong-pt-kt-xh:6",
    ]);
    expect(listTemplates().map((x) => x.id)).toContain("par-2019-province");
    expect(getTemplate("no-such")).toBeUndefined();
  });

  test("parseTemplate: clear errors with the path of the problem", () => {
    const err = (json: unknown) => {
      try {
        parseTemplate(json);
      } catch (e) {
        expect(e).toBeInstanceOf(TemplateError);
        return (e as TemplateError).message;
      }
      throw new Error("no error");
    };
    expect(err("{not json")).toMatch(/^: The template is not valid JSON/);
    expect(err({ criteria: [] })).toBe("id: Missing template id");
    expect(err({ id: "x", criteria: [] })).toBe("criteria: A template needs a non-empty criteria list");
    expect(err({ id: "x", criteria: [{ code: "1", title: "A", max: "8,5x" }] })).toBe("criteria[0].max: Maximum of '1': '8,5x' is not a number");
    expect(err({ id: "x", criteria: [{ code: "1", title: "A" }, { code: "1", title: "B" }] })).toBe("criteria[1].code: Duplicate criterion code '1'");
    expect(err({ id: "x", criteria: [{ code: "1", title: "A", kind: "extra" }] })).toMatch(/^criteria\[0\]\.kind: Unknown criterion kind 'extra'/);
    expect(err({ id: "x", criteria: [{ code: "1", title: "A", children: [{ code: "1.1" }] }] })).toBe("criteria[0].children[0].title: Criterion '1.1' has no title");
    const ok = parseTemplate(JSON.stringify({ id: "mine", title: "Bộ của tôi", criteria: [{ code: 1, title: "A", max: "8,5", children: [{ code: "1.1", title: "B", max: 8.5, kind: "bonus" }] }] }));
    expect(ok.title).toEqual({ vi: "Bộ của tôi", en: "Bộ của tôi" });
    expect(ok.criteria[0].max?.toString()).toBe("8.5");
    expect(ok.criteria[0].children[0].kind).toBe("bonus");
  });

  test("36. a template fills the max a table leaves out, matched by code then title; disagreement is a finding", () => {
    const g = grid([
      ["STT", "Nội dung", "Điểm tối đa", "Điểm đạt"],
      ["1", "Công tác chỉ đạo, điều hành CCHC", "8", "7"],
      ["2", "Xây dựng và tổ chức thực hiện VBQPPL tại tỉnh", null, "9"],
      [null, "Cải cách thủ tục hành chính", null, "12"],
    ]);
    const { table, rec } = one(g, { template: "par-2019-province" });
    expect(table.template).toBe("par-2019-province");
    expect(plainCriteria(table.scorecard.criteria)).toEqual([
      { code: "1", level: 1, title: "Công tác chỉ đạo, điều hành CCHC", max: "8" },
      { code: "2", level: 1, title: "Xây dựng và tổ chức thực hiện VBQPPL tại tỉnh", max: "10" },
      { code: "3", level: 1, title: "Cải cách thủ tục hành chính", max: "14" },
    ]);
    expect(plainFindings(rec.findings)).toEqual(["template-max-mismatch@C2"]);
    expect(rec.findings[0].severity).toBe("warning");
    expect(rec.findings[0].message.en).toBe(
      "Sheet 'Sheet1' C2: the table gives '1' a max of 8, template 'par-2019-province' says 8.5; the table's value is used",
    );
  });

  test("37. a user template object, and an unknown template id", () => {
    const mine = parseTemplate({
      id: "so-2023",
      title: { vi: "Bộ chỉ số sở 2023", en: "Departments 2023" },
      criteria: [
        { code: "I", title: "Chỉ đạo", max: "10", children: [{ code: "1", title: "Kế hoạch", max: "4" }, { code: "2", title: "Báo cáo", max: "6" }] },
        { code: "II", title: "Điểm thưởng", max: "2", kind: "bonus" },
      ],
    });
    const g = grid([
      ["STT", "Nội dung", "Điểm tự đánh giá"],
      ["I", "Chỉ đạo", "9"],
      ["1", "Kế hoạch", "4"],
      ["2", "Báo cáo", "5"],
      ["II", "Điểm thưởng", "1"],
    ]);
    const { table } = one(g, { template: mine });
    expect(plainCriteria(table.scorecard.criteria)).toEqual([
      { code: "I", level: 1, title: "Chỉ đạo", max: "10" },
      { code: "1", level: 2, title: "Kế hoạch", max: "4" },
      { code: "2", level: 2, title: "Báo cáo", max: "6" },
      { code: "II", level: 1, title: "Điểm thưởng", max: "2", kind: "bonus" },
    ]);
    const { rec } = one(g, { template: "par-2030" });
    expect(plainFindings(rec.findings)).toEqual(["unknown-template@"]);
    expect(rec.findings[0].severity).toBe("error");
  });

  test("38. no auto-pick when titles do not match the template", () => {
    const g = grid([
      ["STT", "Nội dung", "Điểm đạt"],
      ["1", "Phòng cháy", "7"],
      ["2", "An toàn giao thông", "9"],
      ["3", "Vệ sinh môi trường", "9"],
    ]);
    const { table, rec } = one(g);
    expect(table.template).toBeUndefined();
    expect(rec.findings).toEqual([]);
  });
});
