/** The pane's pure part on the seed table: facts come from the engine's views, plans honour the outputs chosen. */
import { PER_UNIT_CHOICES_LIMIT, analyseGrid, buildFacts, choiceFacts, planReport, unitDetails } from "../../src/taskpane/work";
import { analyseGrids } from "../../src/pipeline/run";
import type { Grid } from "../../src/tables/grid";
import { HIGHLIGHT_MARKER } from "../../src/report/plan";
import { SEED_SHEET, manyUnitsGrid, seedGrid } from "./seed";

describe("work: seed table", () => {
  const analysed = analyseGrid(seedGrid());
  const { facts } = analysed;

  test("recognises one unit across years with the 2019 template", () => {
    expect(facts.tables).toHaveLength(1);
    const table = facts.tables[0];
    expect(table).toMatchObject({
      sheet: SEED_SHEET,
      range: "A1:F15",
      layout: "unit-across-years",
      template: { id: "par-2019-province", title: { vi: expect.stringContaining("1150/QĐ-BNV"), en: expect.stringContaining("1150/QĐ-BNV") } },
      criteriaCount: 8,
      rankable: false,
    });
    expect(table.units).toHaveLength(1);
  });

  test("the unit's totals, change and largest deductions (engine values, 2 decimals)", () => {
    const unit = facts.tables[0].units[0];
    expect(unit).toMatchObject({
      name: "Thừa Thiên Huế",
      period: "2019",
      total: "83.06",
      max: "100.00",
      lost: "16.94",
      percent: "83.06",
      changeDelta: "4.16",
    });
    expect(unit.change?.vi).toMatch(/^tăng 4,16 điểm/);
    expect(unit.change?.en).toMatch(/^up 4\.16/);
    // Area 8 lost most; its 2019 points are in E10 (the cell a click selects).
    expect(unit.deductions.map((d) => d.code)).toEqual(["8", "4", "6", "5", "2"]);
    expect(unit.deductions[0]).toMatchObject({ lost: "5.20", at: { sheet: SEED_SHEET, cell: "E10" } });
    const lost = unit.deductions.map((d) => Number(d.lost));
    expect([...lost].sort((a, b) => b - a)).toEqual(lost);
  });

  test("findings keep both languages and their cell", () => {
    const dot = facts.tables[0].findings.find((f) => f.kind === "dot-decimal-among-commas");
    expect(dot).toMatchObject({ severity: "info", at: { sheet: SEED_SHEET, cell: "C11" } });
    expect(dot?.message.vi).toMatch(/dấu chấm/);
    expect(dot?.message.en).toMatch(/decimal dot/);
  });

  test("plans only the outputs chosen, in the chosen language", () => {
    const all = planReport(analysed, "vi", { gap: true, ranking: true, highlights: true });
    expect(all.lang).toBe("vi");
    expect(all.sheets.map((s) => s.role)).toEqual(["gap"]); // one unit: no ranking sheet
    expect(all.highlights.length).toBeGreaterThan(0);
    expect(all.highlights.every((h) => h.sheet === SEED_SHEET && h.rule.type === "formula" && h.rule.formula.includes(HIGHLIGHT_MARKER))).toBe(true);

    const onlyHighlights = planReport(analysed, "en", { gap: false, ranking: false, highlights: true });
    expect(onlyHighlights.sheets).toEqual([]);
    expect(onlyHighlights.highlights.length).toBe(all.highlights.length);

    const noHighlights = planReport(analysed, "en", { gap: true, ranking: false, highlights: false });
    expect(noHighlights.highlights).toEqual([]);
    expect(noHighlights.sheets[0].name).not.toBe(all.sheets[0].name); // English sheet name
  });

  test("nothing recognisable: no tables, and the facts say why", () => {
    const empty = analyseGrid({ sheet: "Ghi chú", origin: { row: 0, col: 0 }, values: [["Họp giao ban"], ["Thứ hai", "8:00"]], merges: [] });
    expect(empty.facts.tables).toEqual([]);
  });
});

describe("work: analyseGrid in two steps is analyseGrids", () => {
  /** A small units-in-rows table with one wrong total (a finding on that unit's row). */
  function unitsGrid(): Grid {
    const values: (string | number | null)[][] = [
      ["STT", "Đơn vị", "Tiêu chí 1", "Tiêu chí 2", "Tổng điểm"],
      [null, "Điểm tối đa", "1,00", "2,00", "3,00"],
      [1, "Xã A", "0,50", "2,00", "2,50"],
      [2, "Xã B", "1,00", "1,25", "2,00"],
      [3, "Xã C", "0,75", "1,50", "2,25"],
    ];
    return { sheet: "Xã", origin: { row: 0, col: 0 }, values, merges: [] };
  }

  test.each([
    ["seed table", seedGrid(), 1],
    ["units in rows", unitsGrid(), 3],
    ["nothing recognisable", { sheet: "Ghi chú", origin: { row: 0, col: 0 }, values: [["Họp giao ban"], ["Thứ hai", "8:00"]], merges: [] } as Grid, 0],
  ])("%s: same tables, findings and facts; stages in order", (_name, grid, units) => {
    const stages: string[] = [];
    const staged = analyseGrid(grid, (s) => stages.push(s));
    const whole = analyseGrids([grid]);
    expect(stages).toEqual(["recognising", "analysing"]);
    expect(staged.result.tables.map((t) => [t.table.range, t.table.layout])).toEqual(whole.tables.map((t) => [t.table.range, t.table.layout]));
    expect(staged.result.findings.map((f) => f.kind)).toEqual(whole.findings.map((f) => f.kind));
    expect(staged.result.sheets).toEqual(whole.sheets);
    expect(staged.facts).toEqual(buildFacts(whole));
    expect(staged.facts.tables.reduce((n, t) => n + t.units.length, 0)).toBe(units);
  });

  test("planReport says it is planning", () => {
    const stages: string[] = [];
    planReport(analyseGrid(seedGrid()), "vi", { gap: true, ranking: false, highlights: false }, (s) => stages.push(s));
    expect(stages).toEqual(["planning"]);
  });
});

describe("work: a ranking table", () => {
  test("each unit below first says what it takes to climb one place, in both languages; the first says nothing", () => {
    const grid: Grid = {
      sheet: "Huyện 2024",
      origin: { row: 0, col: 0 },
      merges: [],
      values: [
        ["STT", "Đơn vị", "1. Chỉ đạo (8,5)", "2. Văn bản (10)", "Tổng điểm"],
        [1, "Huyện A", "8,5", "9", "17,5"],
        [2, "Huyện B", "8", "8,5", "16,5"],
        [3, "Huyện C", "6", "7,75", "13,75"],
      ],
    };
    const units = analyseGrid(grid).facts.tables[0].units;
    expect(units.map((u) => u.climb)).toEqual([
      null,
      { vi: "Cần thêm 1,00 điểm để lên hạng 1: lấy lại điểm bị trừ ở lĩnh vực 2 (Văn bản)", en: "Needs 1.00 more points to reach rank 1: win back the points lost in area 2 (Văn bản)" },
      {
        vi: "Cần thêm 2,75 điểm để lên hạng 2: lấy lại điểm bị trừ ở lĩnh vực 1 (Chỉ đạo), lĩnh vực 2 (Văn bản)",
        en: "Needs 2.75 more points to reach rank 2: win back the points lost in area 1 (Chỉ đạo), area 2 (Văn bản)",
      },
    ]);
  });
});

describe("work: a table over PER_UNIT_CHOICES_LIMIT units", () => {
  const units = PER_UNIT_CHOICES_LIMIT + 20;
  const analysed = analyseGrid(manyUnitsGrid(units));
  const facts = analysed.facts.tables[0].units;

  test("every unit's totals and rank; the climb and deductions of the first only, the others' left for later", () => {
    expect(facts).toHaveLength(units);
    expect(facts[0].detailsLater).toBeUndefined();
    expect(facts[0].deductions.map((d) => [d.code, d.lost])).toEqual([
      ["2", "1.50"],
      ["1", "1.00"],
      ["3", "0.50"],
    ]);
    for (const unit of facts.slice(1)) {
      expect(unit).toMatchObject({ detailsLater: true, climb: null, deductions: [] });
      expect(unit.total).not.toBeNull();
      expect(unit.rank).not.toBeNull();
    }
  });

  test("unitDetails gives a unit the climb and largest deductions buildFacts gives the first, summary unchanged", () => {
    expect(unitDetails(analysed, null, 0, 0)).toEqual(facts[0]);
    // Unit 13: loses 6 in area 1, 4.5 in area 2 and 1 in area 3, and is not ranked first.
    const details = unitDetails(analysed, null, 0, 12);
    expect(details.detailsLater).toBeUndefined();
    expect({ ...details, climb: null, deductions: [], detailsLater: true }).toEqual(facts[12]);
    expect(details.deductions.map((d) => [d.code, d.lost, d.at?.cell])).toEqual([
      ["1", "6.00", "C14"],
      ["2", "4.50", "D14"],
      ["3", "1.00", "E14"],
    ]);
    expect(details.rank).toBeGreaterThan(1);
    expect(details.climb?.vi).toContain(`để lên hạng ${details.rank! - 1}`);
  });

  test("with a target place chosen, any unit's details say what it takes (before, the first unit's only)", () => {
    const outputs = { gap: true, ranking: true, highlights: false, targetRank: 1 };
    const chosen = choiceFacts(analysed, outputs).tables[0].units;
    expect(chosen[0].target).toBeDefined();
    expect(chosen[12].target).toBeUndefined();
    const details = unitDetails(analysed, outputs, 0, 12);
    expect(details.target?.vi).toMatch(/hạng 1|nhóm 1/);
    expect({ ...details, climb: null, deductions: [], detailsLater: true, target: undefined }).toEqual({ ...chosen[12], target: undefined });
  });

  test("a unit that is not there is an error", () => {
    expect(() => unitDetails(analysed, null, 0, units)).toThrow(/no unit/);
    expect(() => unitDetails(analysed, null, 1, 0)).toThrow(/no unit/);
  });
});
