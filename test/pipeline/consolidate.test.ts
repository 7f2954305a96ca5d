import { pointsToJson } from "../../src/engine/points";
import { TOTAL_CODE, type Analysis } from "../../src/engine/types";
import { rankFor, unitViews } from "../../src/engine/views";
import { analyse } from "../../src/engine/analyse";
import { consolidate, consolidationToJson, dataSheet, type ConsolidationSource } from "../../src/pipeline/consolidate";
import { buildAllHighlights, buildReportPlan } from "../../src/report";
import { gridFromRows, type CellValue, type Grid } from "../../src/tables/grid";
import { recogniseGrid } from "../../src/tables/recognise";

/** The criteria set every generated unit uses: two areas, criteria and sub-criteria (TCTP). */
const CRITERIA: [code: string, title: string, max: string][] = [
  ["1", "Công tác chỉ đạo, điều hành CCHC", "4"],
  ["1.1", "Kế hoạch CCHC", "2"],
  ["1.1.1", "Ban hành kế hoạch đúng thời hạn", "1"],
  ["1.1.2", "Mức độ thực hiện kế hoạch", "1"],
  ["1.2", "Báo cáo CCHC", "2"],
  ["2", "Cải cách thủ tục hành chính", "6"],
  ["2.1", "Công khai thủ tục hành chính", "3"],
  ["2.2", "Kết quả giải quyết hồ sơ", "3"],
];
const LEAVES = ["1.1.1", "1.1.2", "1.2", "2.1", "2.2"];

interface SheetSpec {
  sheet: string;
  unit: string;
  /** Appraised points per leaf, as typed (text with decimal commas, numbers ...). */
  points: Record<string, CellValue>;
  /** Self-assessed points; default: the appraised ones. */
  self?: Record<string, CellValue> | null;
  drop?: string[];
  extra?: [string, string, string][];
  max?: Record<string, string>;
  titles?: Record<string, string>;
  /** Leave out the "Đơn vị: ..." line (the unit is then named by the sheet, or the file). */
  anonymous?: boolean;
  /** A "TỔNG CỘNG" row with this appraised total. */
  total?: CellValue;
}

/** A unit's self-assessment sheet as units send them: title, "Đơn vị: ...", header, criteria, total row. */
function selfSheet(spec: SheetSpec): Grid {
  const rows: CellValue[][] = [
    ["BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CCHC NĂM 2024"],
    spec.anonymous ? [] : [`Đơn vị: ${spec.unit}`],
    [],
    ["STT", "Lĩnh vực / Tiêu chí / Tiêu chí thành phần", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định"],
  ];
  const withSelf = spec.self !== null;
  for (const [code, title, max] of [...CRITERIA, ...(spec.extra ?? [])]) {
    if (spec.drop?.includes(code)) continue;
    const leaf = !CRITERIA.some(([c]) => c.startsWith(`${code}.`));
    const appraised = leaf ? (spec.points[code] ?? null) : null;
    const self = leaf ? ((spec.self ?? spec.points)[code] ?? null) : null;
    rows.push([code, spec.titles?.[code] ?? title, spec.max?.[code] ?? max, withSelf ? self : appraised, withSelf ? appraised : null]);
  }
  if (spec.total !== undefined) rows.push(["", "TỔNG CỘNG", "10", withSelf ? null : spec.total, withSelf ? spec.total : null]);
  if (!withSelf) rows[3] = ["STT", "Lĩnh vực / Tiêu chí / Tiêu chí thành phần", "Điểm tối đa", "Điểm tự đánh giá"];
  return gridFromRows(spec.sheet, rows);
}

function sources(grids: Grid[], file?: (g: Grid) => string): ConsolidationSource[] {
  return grids.flatMap((g) => recogniseGrid(g).tables.map((table) => ({ table, file: file?.(g) })));
}

/** The same units typed by hand as one many-unit table (units in columns). */
function handBuilt(units: { unit: string; points: Record<string, CellValue> }[]): Analysis {
  const rows: CellValue[][] = [["STT", "Nội dung", "Điểm tối đa", ...units.map((u) => u.unit)]];
  for (const [code, title, max] of CRITERIA) {
    const leaf = LEAVES.includes(code);
    rows.push([code, title, max, ...units.map((u) => (leaf ? (u.points[code] ?? null) : null))]);
  }
  const tables = recogniseGrid(gridFromRows("Bảng tay", rows)).tables;
  expect(tables).toHaveLength(1);
  expect(tables[0].layout).toBe("units-in-columns");
  return analyse(tables[0].scorecard);
}

/** unit -> [total, rank label, per-criterion achieved] for the latest score column of each unit. */
function figures(analysis: Analysis) {
  const out: Record<string, { total: string | null; rank: string | null; nodes: Record<string, string | null> }> = {};
  for (const view of unitViews(analysis)) {
    const column = view.periods[view.periods.length - 1];
    const nodes: Record<string, string | null> = {};
    for (const [code] of CRITERIA) nodes[code] = pointsToJson(column.nodes.get(code)?.achieved);
    out[view.unit] = {
      total: pointsToJson(column.nodes.get(TOTAL_CODE)?.achieved),
      rank: rankFor(analysis, column, TOTAL_CODE)?.label ?? null,
      nodes,
    };
  }
  return out;
}

const UNITS = [
  { unit: "Sở Tư pháp", points: { "1.1.1": "1", "1.1.2": "0,75", "1.2": "1,5", "2.1": 3, "2.2": "2,25" } },
  { unit: "Sở Tài chính", points: { "1.1.1": 1, "1.1.2": 1, "1.2": "2", "2.1": "2,5", "2.2": "2,75" } },
  { unit: "Sở Nội vụ", points: { "1.1.1": "0,5", "1.1.2": " 1,00 ", "1.2": "1.75", "2.1": 3, "2.2": "2,5" } },
  { unit: "Sở Y tế", points: { "1.1.1": 1, "1.1.2": 1, "1.2": 2, "2.1": 3, "2.2": 3 } },
  // KAD (không áp dụng): left out of both its achieved points and its max.
  { unit: "Sở Xây dựng", points: { "1.1.1": "KAD", "1.1.2": "0,25", "1.2": "1", "2.1": "1,5", "2.2": 2 } },
];

describe("consolidate", () => {
  test("five self-assessment sheets give the totals and ranks of the same units typed as one table", () => {
    const grids = UNITS.map((u, i) => selfSheet({ sheet: `ĐV${i + 1}`, ...u }));
    const c = consolidate(sources(grids));
    expect(c.result).not.toBeNull();
    const result = c.result!;
    expect(result.table.layout).toBe("units-in-columns");
    expect(result.table.sheet).toBe("Tổng hợp");
    expect(c.units.map((u) => [u.name, u.sheet, u.status])).toEqual(UNITS.map((u, i) => [u.unit, `ĐV${i + 1}`, "ranked"]));
    expect(c.reference).toEqual({ unit: "Sở Tư pháp", criteria: 8, leaves: 5, sharedBy: 5 });
    expect(c.mismatches).toEqual([]);

    const consolidated = figures(result.analysis);
    expect(consolidated).toEqual(figures(handBuilt(UNITS)));
    // Decimal commas, text numbers and a dot among commas are read exactly.
    expect(consolidated["Sở Tư pháp"].total).toBe("8.50");
    expect(consolidated["Sở Tài chính"].total).toBe("9.25");
    expect(consolidated["Sở Nội vụ"].total).toBe("8.75");
    expect(consolidated["Sở Y tế"]).toMatchObject({ total: "10.00", rank: "1" });
    expect(consolidated["Sở Xây dựng"]).toMatchObject({ total: "4.75", rank: "5" });
    // Self-assessed columns come along: appraisal deductions work as for one sheet.
    expect(result.analysis.columns.filter((col) => col.column.basis === "self")).toHaveLength(5);
  });

  test("the order the sheets come in changes nothing but the order of the units", () => {
    const grids = UNITS.map((u, i) => selfSheet({ sheet: `ĐV${i + 1}`, ...u }));
    const expected = figures(consolidate(sources(grids)).result!.analysis);
    for (const order of [[4, 3, 2, 1, 0], [2, 0, 4, 1, 3], [1, 4, 0, 3, 2]]) {
      const c = consolidate(sources(order.map((i) => grids[i])));
      expect(c.units.map((u) => u.name)).toEqual(order.map((i) => UNITS[i].unit));
      expect(figures(c.result!.analysis)).toEqual(expected);
    }
  });

  test("ties share the best rank and the next rank skips", () => {
    const tied = [
      { unit: "Huyện A", points: { "1.1.1": 1, "1.1.2": 1, "1.2": 2, "2.1": 3, "2.2": "2,5" } },
      { unit: "Huyện B", points: { "1.1.1": "0,5", "1.1.2": 1, "1.2": 2, "2.1": 3, "2.2": 3 } },
      { unit: "Huyện C", points: { "1.1.1": 1, "1.1.2": 1, "1.2": 2, "2.1": 3, "2.2": 3 } },
      { unit: "Huyện D", points: { "1.1.1": 0, "1.1.2": 0, "1.2": 1, "2.1": 1, "2.2": 1 } },
    ];
    const c = consolidate(sources(tied.map((u) => selfSheet({ sheet: u.unit, ...u, self: null }))));
    const f = figures(c.result!.analysis);
    expect([f["Huyện C"].rank, f["Huyện A"].rank, f["Huyện B"].rank, f["Huyện D"].rank]).toEqual(["1", "2(2)", "2(2)", "4"]);
    expect(f).toEqual(figures(handBuilt(tied)));
    // Only self-assessed points everywhere: those are what is ranked, and it is said.
    expect(c.mismatches.map((m) => m.kind)).toEqual(["consolidation-self-assessed-ranked"]);
  });

  test("a unit missing a sub-criterion and one with another max are left out, each located at its own cell", () => {
    const grids = [
      selfSheet({ sheet: "A", ...UNITS[0] }),
      selfSheet({ sheet: "B", ...UNITS[1], drop: ["1.1.2"] }),
      selfSheet({ sheet: "C", ...UNITS[2], max: { "2.2": "4" } }),
      selfSheet({ sheet: "D", ...UNITS[3], extra: [["2.3", "Tiêu chí thêm", "1"]] }),
      selfSheet({ sheet: "E", ...UNITS[4], titles: { "2.1": "Công khai TTHC" , "1.2": "Báo cáo định kỳ" } }),
    ];
    const c = consolidate(sources(grids));
    expect(c.units.map((u) => [u.sheet, u.status])).toEqual([
      ["A", "ranked"],
      ["B", "left-out"],
      ["C", "left-out"],
      ["D", "left-out"],
      ["E", "ranked"],
    ]);
    const byKind = Object.fromEntries(c.mismatches.map((m) => [m.kind, m]));
    // 1.1.2 is missing in B: located at the row of its parent 1.1 (sheet B, row 6), where it belongs.
    expect(byKind["consolidation-missing-criteria"]).toMatchObject({
      severity: "warning",
      code: "1.1.2",
      column: "Sở Tài chính",
      location: { sheet: "B", cell: "B6" },
    });
    expect(byKind["consolidation-missing-criteria"].message.vi).toContain("thiếu 1 mục");
    expect(byKind["consolidation-missing-criteria"].message.en).toContain("lacks 1 item(s)");
    // The max 4 of 2.2 in C, at its max cell C12.
    expect(byKind["consolidation-max-differs"]).toMatchObject({ code: "2.2", location: { sheet: "C", cell: "C12" } });
    expect(byKind["consolidation-max-differs"].message.vi).toContain("2.2 (4 ≠ 3)");
    expect(byKind["consolidation-extra-criteria"]).toMatchObject({ code: "2.3", location: { sheet: "D", cell: "B13" } });
    // Titles only: an info finding, and the unit stays.
    expect(byKind["consolidation-title-differs"]).toMatchObject({ severity: "info", code: "1.2", location: { sheet: "E", cell: "B9" } });
    // "Công khai TTHC" is "Công khai thủ tục hành chính" once abbreviations are expanded: not a difference.
    expect(byKind["consolidation-title-differs"].message.en).toContain("titles 1 item(s) differently under the same codes (1.2)");

    // Left-out units are not in the table; the others keep their figures.
    const f = figures(c.result!.analysis);
    expect(Object.keys(f)).toEqual(["Sở Tư pháp", "Sở Xây dựng"]);
    expect(f).toEqual(figures(handBuilt([UNITS[0], UNITS[4]])));
    // The mismatches are findings of the consolidated table too (the gap sheet lists them).
    expect(c.result!.analysis.findings.filter((x) => x.kind.startsWith("consolidation-"))).toHaveLength(4);

    const json = consolidationToJson(c, "en");
    expect(json.counts).toEqual({ read: 5, ranked: 2, notRanked: 0, leftOut: 3 });
    expect(json.sourceOf["Sở Tài chính"]).toBe("B!A4:E11");
    expect(json.mismatches.find((m) => m.kind === "consolidation-missing-criteria")?.cell).toBe("B!B6");
    expect(json.units[1].reasons[0]).toContain("left out");
  });

  test("the reference is the most common criteria set, whichever unit comes first", () => {
    const grids = [
      selfSheet({ sheet: "A", ...UNITS[0], drop: ["2.2"] }),
      selfSheet({ sheet: "B", ...UNITS[1] }),
      selfSheet({ sheet: "C", ...UNITS[2] }),
    ];
    const c = consolidate(sources(grids));
    expect(c.reference).toMatchObject({ unit: "Sở Tài chính", sharedBy: 2, criteria: 8 });
    expect(c.units.map((u) => u.status)).toEqual(["left-out", "ranked", "ranked"]);
    expect(c.mismatches[0]).toMatchObject({ kind: "consolidation-missing-criteria", location: { sheet: "A", cell: "B10" } });
  });

  test("files: locations name the file as Excel does ([file.xlsx]Sheet1), duplicate names are kept apart", () => {
    const grids = [selfSheet({ sheet: "Sheet1", ...UNITS[0] }), selfSheet({ sheet: "Sheet1", ...UNITS[0], drop: ["2.1"] }), selfSheet({ sheet: "Sheet1", ...UNITS[1] })];
    const files = ["a.xlsx", "b.xlsx", "c.xlsx"];
    const c = consolidate(grids.flatMap((g, i) => recogniseGrid(g).tables.map((table) => ({ table, file: files[i] }))));
    expect(c.units.map((u) => [u.name, u.file])).toEqual([
      ["Sở Tư pháp", "a.xlsx"],
      ["Sở Tư pháp (2)", "b.xlsx"],
      ["Sở Tài chính", "c.xlsx"],
    ]);
    const duplicate = c.mismatches.find((m) => m.kind === "consolidation-duplicate-unit");
    expect(duplicate?.location).toEqual({ sheet: "[b.xlsx]Sheet1", cell: "A4" });
    expect(duplicate?.message.vi).toContain("'Sở Tư pháp (2)'");
    const missing = c.mismatches.find((m) => m.kind === "consolidation-missing-criteria");
    expect(missing?.location).toEqual({ sheet: "[b.xlsx]Sheet1", cell: "B10" });
    expect(missing?.message.en).toMatch(/^File 'b.xlsx', sheet 'Sheet1': unit 'Sở Tư pháp \(2\)' lacks/);
    const points = c.result!.analysis.scorecard.columns[0].points.get("2.2");
    expect(points?.location).toEqual({ sheet: "[a.xlsx]Sheet1", cell: "E12" });
  });

  test("a file's only sheet with a default name (Sheet1) and no unit line: the file's name names the unit", () => {
    const grids = [selfSheet({ sheet: "Sheet1", ...UNITS[0], anonymous: true }), selfSheet({ sheet: "Sở Tài chính", ...UNITS[1], anonymous: true })];
    const files = ["ho-so/so-tu-phap.xlsx", "b.xlsx"];
    const c = consolidate(grids.flatMap((g, i) => recogniseGrid(g).tables.map((table) => ({ table, file: files[i] }))));
    expect(c.units.map((u) => u.name)).toEqual(["so-tu-phap", "Sở Tài chính"]);
    // Without a file (sheets of one workbook) the sheet's name stays.
    expect(consolidate(sources([grids[0]])).units.map((u) => u.name)).toEqual(["Sheet1"]);
  });

  test("a many-unit table is left out, a multi-period one gives its latest period, a self-only unit is not ranked", () => {
    const many = gridFromRows("Nhiều", [
      ["STT", "Nội dung", "Điểm tối đa", "Sở X", "Sở Y"],
      ...CRITERIA.map(([code, title, max]) => [code, title, max, LEAVES.includes(code) ? 1 : null, LEAVES.includes(code) ? 1 : null]),
    ]);
    const years = gridFromRows("Qua năm", [
      ["Đơn vị: Sở Công Thương"],
      [],
      ["STT", "Nội dung", "Điểm tối đa", "Năm 2023", "Năm 2024"],
      ...CRITERIA.map(([code, title, max]) => [code, title, max, LEAVES.includes(code) ? "0,5" : null, LEAVES.includes(code) ? 1 : null]),
    ]);
    const selfOnly = selfSheet({ sheet: "Chỉ tự chấm", ...UNITS[3], self: null });
    const c = consolidate(sources([selfSheet({ sheet: "A", ...UNITS[0] }), many, years, selfOnly]));
    expect(c.mismatches.map((m) => [m.kind, m.location?.sheet])).toEqual([
      ["consolidation-not-one-unit", "Nhiều"],
      ["consolidation-latest-period", "Qua năm"],
      ["consolidation-self-only", "Chỉ tự chấm"],
    ]);
    expect(c.units.map((u) => [u.name, u.period, u.status])).toEqual([
      ["Sở Tư pháp", "", "ranked"],
      ["Sở Công Thương", "2024", "ranked"],
      ["Sở Y tế", "", "not-ranked"],
    ]);
    const f = figures(c.result!.analysis);
    expect(f["Sở Công Thương"]).toMatchObject({ total: "5.00", rank: "2" });
    expect(f["Sở Y tế"]).toMatchObject({ total: "10.00", rank: null });
    expect(f["Sở Tư pháp"].rank).toBe("1");
  });

  test("a unit's own total row is checked against its parts, and the finding points at its cell", () => {
    const grids = [selfSheet({ sheet: "A", ...UNITS[0], total: "8,5" }), selfSheet({ sheet: "B", ...UNITS[1], total: "9" })];
    const c = consolidate(sources(grids));
    const mismatch = c.result!.analysis.findings.filter((f) => f.kind === "sum-mismatch");
    expect(mismatch.map((f) => [f.location, f.column])).toEqual([[{ sheet: "B", cell: "E13" }, "Sở Tài chính||score"]]);
    expect(figures(c.result!.analysis)["Sở Tài chính"].total).toBe("9.25");
  });

  test("nothing consolidable: no table, an error finding, never a crash", () => {
    const c = consolidate([]);
    expect(c.result).toBeNull();
    expect(c.mismatches.map((m) => m.kind)).toEqual(["consolidation-empty"]);
    expect(dataSheet(c)).toBeNull();
  });

  test("the report: ranking and gap sheets, highlights on each unit's own sheet", () => {
    const grids = UNITS.map((u, i) => selfSheet({ sheet: `ĐV ${i + 1}`, ...u }));
    const c = consolidate(sources(grids));
    const plan = buildReportPlan({ lang: "vi", tables: [c.result!] });
    expect(plan.sheets.map((s) => s.role)).toEqual(["gap", "ranking"]);
    const highlightSheets = [...new Set(plan.highlights.map((h) => h.sheet))].sort();
    expect(highlightSheets).toEqual(["ĐV 1", "ĐV 2", "ĐV 3", "ĐV 4", "ĐV 5"]);
    // On the reference unit's sheet the max is its own max cell; elsewhere the (equal) max as a constant.
    const first = plan.highlights.filter((h) => h.sheet === "ĐV 1" && h.purpose === "below-max");
    expect(first.some((h) => h.rule.type === "formula" && h.rule.formula.includes("$C"))).toBe(true);
    // The gap sheet links each unit's lost points to that unit's own sheet.
    const gap = plan.sheets[0];
    const links = gap.blocks.flatMap((b) => b.rows.flat()).flatMap((cell) => (cell?.value?.kind === "link" ? [cell.value.sheet] : []));
    expect(new Set(links)).toEqual(new Set(["ĐV 1", "ĐV 2", "ĐV 3", "ĐV 4", "ĐV 5"]));
    expect(buildAllHighlights([c.result!]).length).toBe(plan.highlights.length);
    // The subtitles say where the units came from (there is no consolidated sheet in this workbook).
    const subtitle = (sheet: (typeof plan.sheets)[number]) => {
      const v = sheet.blocks[0].rows[1][0]?.value;
      return v?.kind === "text" ? v.text : "";
    };
    for (const sheet of plan.sheets) expect(subtitle(sheet)).toMatch(/^Bảng nguồn: tổng hợp 5 bảng đơn vị: 'ĐV 1'!A\d+:[A-Z]+\d+, .* và 1 bảng khác \(/);
    expect(subtitle(buildReportPlan({ lang: "en", tables: [c.result!] }).sheets[0])).toContain("consolidated from 5 units' tables: 'ĐV 1'!");
  });

  test("the data sheet is a many-unit table that reads back to the same figures, and the report points at it", () => {
    const grids = UNITS.map((u) => selfSheet({ sheet: "Sheet1", ...u }));
    const c = consolidate(grids.flatMap((g, i) => recogniseGrid(g).tables.map((table) => ({ table, file: `dv-${i + 1}.xlsx` }))));
    const data = dataSheet(c)!;
    expect(data.grid.sheet).toBe("Tổng hợp");
    expect(data.grid.values[2].slice(0, 4)).toEqual(["STT", "Lĩnh vực / Tiêu chí / Tiêu chí thành phần", "Điểm tối đa", "Sở Tư pháp"]);
    expect(data.grid.values[3].slice(3, 5)).toEqual(["Điểm tự đánh giá", "Điểm thẩm định"]);
    // Not applicable is written as KAD; the total row's max is the criteria set's, not a unit's effective max.
    expect(data.grid.values[6].slice(11, 13)).toEqual(["KAD", "KAD"]);
    expect(data.grid.values[data.grid.values.length - 1].slice(1, 3)).toEqual(["TỔNG CỘNG", 10]);
    const back = recogniseGrid(data.grid).tables;
    expect(back).toHaveLength(1);
    expect(back[0].range).toBe(data.table.table.range);
    expect(figures(analyse(back[0].scorecard))).toEqual(figures(c.result!.analysis));

    // Every point and criterion of the report's table is on the data sheet; findings stay at the sources.
    const sheets = new Set(data.table.analysis.scorecard.columns.flatMap((col) => [...col.points.values()].map((p) => p.location?.sheet)));
    expect(sheets).toEqual(new Set(["Tổng hợp"]));
    const plan = buildReportPlan({ lang: "en", tables: [data.table] });
    expect(new Set(plan.highlights.map((h) => h.sheet))).toEqual(new Set(["Tổng hợp"]));
    const subtitle = plan.sheets[0].blocks[0].rows[1][0]?.value;
    expect(subtitle?.kind === "text" && subtitle.text.startsWith(`Source table: 'Tổng hợp'!${data.table.table.range} (`)).toBe(true);
    expect(figures(data.table.analysis)).toEqual(figures(c.result!.analysis));
  });

  test("the English data sheet reads back too, appraised points only: one column per unit", () => {
    const grids = UNITS.map((u, i) => selfSheet({ sheet: `S${i}`, ...u, self: null }));
    const c = consolidate(sources(grids), { lang: "en" });
    const data = dataSheet(c)!;
    expect(data.grid.sheet).toBe("Consolidated");
    expect(data.grid.values[2]).toEqual(["No.", "Criteria", "Max points", ...UNITS.map((u) => u.unit)]);
    const back = recogniseGrid(data.grid).tables;
    expect(back.map((t) => t.layout)).toEqual(["units-in-columns"]);
    expect(figures(analyse(back[0].scorecard))).toEqual(figures(c.result!.analysis));
  });
});
