import { buildReportPlan } from "../../src/report";
import { responsibilityByUnit } from "../../src/report/responsibility-sheet";
import { manyInput, selfInput, SELF_SHEET } from "./fixtures";
import { rows } from "./plan-helpers";

const ASSIGNMENTS = new Map([
  ["4.1.1", "Sở Nội vụ"],
  ["4.1.2", "Sở Nội vụ"],
  ["4", "Sở Tài chính"],
  ["1.1", "Văn phòng UBND tỉnh"],
]);

describe("responsibility sheet", () => {
  test("no sheet without an assignment", () => {
    const plan = buildReportPlan({ lang: "vi", tables: [selfInput()] });
    expect(plan.sheets.some((s) => s.role === "responsibility")).toBe(false);
  });

  test("lost sub-criteria grouped by body, largest body first, unassigned last, deepest assignment wins", () => {
    const plan = buildReportPlan({ lang: "vi", tables: [selfInput()], responsibility: ASSIGNMENTS });
    const sheet = plan.sheets.find((s) => s.role === "responsibility");
    expect(sheet?.name).toBe("Trách nhiệm");
    expect(sheet?.owner).toBe("parscore");
    const table = rows(sheet!);
    // Body rows: label in B, lost in E; criterion rows: code, title, max, achieved, lost, link.
    const body = table.filter((r) => r[0] === "" && / \(\d+ tiêu chí\)$/.test(r[1] ?? "")).map((r) => [r[1], r[4]]);
    expect(body).toEqual([
      ["Sở Nội vụ (2 tiêu chí)", "2"],
      ["Sở Tài chính (3 tiêu chí)", "1.15"],
      ["Văn phòng UBND tỉnh (1 tiêu chí)", "0.5"],
      ["Chưa phân công (1 tiêu chí)", "0.5"],
    ]);
    const at = (code: string) => table.find((r) => r[0] === code);
    expect(at("4.1.1")).toEqual(["4.1.1", "Thực hiện quy định về cơ cấu tổ chức", "2.5", "1.5", "1", `->${SELF_SHEET}!E12`]);
    const codes = table.filter((r) => /^\d+\.\d+\.\d+$/.test(r[0])).map((r) => r[0]);
    expect(codes).toEqual(["4.1.1", "4.1.2", "4.1.3", "4.2.3", "4.2.2", "1.1.2", "1.2.2"]);
    expect(table.some((r) => r[0].startsWith("Tổng điểm bị trừ: 4,15"))).toBe(true);
    expect(sheet!.conditionalFormats.every((f) => f.rule.type === "dataBar")).toBe(true);
  });

  test("English labels; one unit per table of many units unless detailUnits names more", () => {
    const many = manyInput();
    const first = responsibilityByUnit(many.analysis, ASSIGNMENTS);
    expect(first).toHaveLength(1);
    const units = [...new Set(many.analysis.columns.map((c) => c.column.unit))];
    const two = responsibilityByUnit(many.analysis, ASSIGNMENTS, units.slice(1, 3));
    expect(two.map((u) => u.unit)).toEqual(units.slice(1, 3));
    const plan = buildReportPlan({ lang: "en", tables: [selfInput(), many], responsibility: ASSIGNMENTS });
    const names = plan.sheets.filter((s) => s.role === "responsibility").map((s) => s.name);
    expect(names).toEqual(["Responsibility", "Responsibility (2)"]);
    const table = rows(plan.sheets.find((s) => s.name === "Responsibility")!);
    expect(table.some((r) => r[1] === "Not assigned (1 criterion)")).toBe(true);
  });
});
