import Decimal from "decimal.js";
import { analyse } from "../../src/engine/analyse";
import type { Finding } from "../../src/engine/types";
import { buildGapSheet, buildReportPlan } from "../../src/report";
import { cells, findRow, rows, show } from "./plan-helpers";
import { MANY_SHEET, manyInput, SELF_SHEET, selfInput, selfScorecard, TTH_SHEET, tthInput } from "./fixtures";

describe("gap sheet of seed 001's table (areas only, two years)", () => {
  const sheet = buildGapSheet(tthInput(), "Phân tích điểm trừ", { lang: "vi" });
  const table = rows(sheet);

  test("a title, the source table and a header block for the latest year", () => {
    expect(table[0][0]).toBe("PHÂN TÍCH ĐIỂM BỊ TRỪ: Chỉ số CCHC tỉnh Thừa Thiên Huế 2018-2019");
    expect(table[1][0]).toContain("'TT Huế 2019'!A1:F11 (một đơn vị qua các năm)");
    expect(table[3][0]).toBe("Thừa Thiên Huế — Năm 2019");
    expect(table[4][0]).toBe("Năm 2019, Thừa Thiên Huế đạt 83,06/100 điểm (83,06%) (tăng 4,16 điểm so với năm 2018).");
  });

  test("every area with max, achieved, lost, % lost, published rank and a link to its cell", () => {
    const r = findRow(table, 1, "Cải cách tổ chức bộ máy hành chính");
    expect(table[r]).toEqual(["4", "Cải cách tổ chức bộ máy hành chính", "12", "8.35", "3.65", "0.3042", "55", `->${TTH_SHEET}!E6`]);
    const first = findRow(table, 1, "Công tác chỉ đạo, điều hành cải cách hành chính");
    expect(table[first][6]).toBe("4(12)");
    const total = findRow(table, 1, "Tổng cộng");
    expect(table[total].slice(2, 6)).toEqual(["100", "83.06", "16.94", "0.1694"]);
    // The extra "Điểm thẩm định" row is not an area.
    expect(table.some((row) => row[1] === "Điểm thẩm định")).toBe(false);
  });

  test("one sentence per area, seed 001 style", () => {
    const text = table.map((r) => r[0]);
    expect(text).toContain("- Lĩnh vực Cải cách tổ chức bộ máy hành chính: đạt 8,35/12 điểm (xếp vị thứ 55), bị trừ 3,65 điểm.");
    expect(text).toContain(
      "- Lĩnh vực Công tác chỉ đạo, điều hành cải cách hành chính: đạt 8/8,5 điểm (xep vị thứ 4, 12 đơn vị cùng vị thứ), bị trừ 0,5 điểm.".replace("xep", "xếp"),
    );
  });

  test("area by area against the previous year, and the summary rows as component indices", () => {
    const text = table.map((r) => r[0]);
    const changes = text.indexOf("So với kỳ trước");
    expect(changes).toBeGreaterThan(0);
    expect(text[changes + 1]).toBe(
      "- 1. Công tác chỉ đạo, điều hành cải cách hành chính: 8/8,5 điểm, xếp vị thứ 4, 12 đơn vị cùng vị thứ; tăng 1,5 điểm và tăng 34 bậc so với năm 2018",
    );
    expect(text).toContain("- 2. Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật tại tỉnh: 8,75/10 điểm, xếp vị thứ 32; giảm 0,12 điểm và giảm 24 bậc so với năm 2018");
    const components = text.indexOf("Các chỉ số thành phần");
    expect(components).toBeGreaterThan(changes);
    expect(text[components + 1]).toMatch(/^- Điểm thẩm định: đạt 53,32(\/63,5)? điểm, xếp vị thứ 7 \(tăng 5,39 điểm và tăng 10 bậc so với năm 2018\)$/);
  });

  test("no detail table when the table has no sub-criteria; findings section says there are none", () => {
    expect(table.some((r) => r[0].startsWith("Các tiêu chí bị trừ điểm"))).toBe(false);
    expect(table[table.length - 2][0]).toBe("Phát hiện khi đọc và tính điểm (0)");
  });

  test("lost points are graded by a data bar on a fixed 0..largest scale; totals are bold", () => {
    expect(sheet.conditionalFormats).toEqual([
      { sheet: "Phân tích điểm trừ", ref: expect.stringMatching(/^E\d+:E\d+$/), rule: { type: "dataBar", color: "F8696B", min: "0", max: "5.2" }, purpose: "lost-grade" },
    ]);
    const total = findRow(table, 1, "Tổng cộng") + 1;
    expect(cells(sheet).get(`D${total}`)?.style).toBe("totalNum");
  });

  test("a bar chart of points achieved against the max per area is described beside the area table", () => {
    const r = findRow(table, 1, "Công tác chỉ đạo, điều hành cải cách hành chính") + 1;
    expect(sheet.charts).toEqual([
      {
        kind: "points-vs-max",
        type: "bar",
        title: "Điểm đạt và điểm tối đa theo lĩnh vực — Thừa Thiên Huế — Năm 2019",
        categories: `A${r}:A${r + 7}`,
        series: [
          { name: "Điểm đạt", values: `D${r}:D${r + 7}`, color: "4472C4" },
          { name: "Điểm tối đa", values: `C${r}:C${r + 7}`, color: "BFBFBF" },
        ],
        valueAxisTitle: "Điểm",
        from: "J4",
        to: `Q${Math.max(r + 8, 20)}`,
      },
    ]);
  });

  test("every period, latest first, when asked", () => {
    const all = rows(buildGapSheet(tthInput(), "x", { lang: "vi", periods: "all" }));
    const headings = all.map((r) => r[0]).filter((t) => t.startsWith("Thừa Thiên Huế — "));
    expect(headings).toEqual(["Thừa Thiên Huế — Năm 2019", "Thừa Thiên Huế — Năm 2018"]);
    expect(all.map((r) => r[0])).toContain("Năm 2018, Thừa Thiên Huế đạt 78,9/100 điểm (78,90%).");
  });

  test("English", () => {
    const en = rows(buildGapSheet(tthInput(), "Gap analysis", { lang: "en" }));
    expect(en[0][0]).toBe("GAP ANALYSIS: POINTS LOST: Chỉ số CCHC tỉnh Thừa Thiên Huế 2018-2019");
    expect(en.map((r) => r[0])).toContain("- Cải cách tổ chức bộ máy hành chính (area 4): 8.35/12 points (rank 55), 3.65 points lost.");
  });
});

describe("gap sheet of a self-assessment table with sub-criteria", () => {
  const sheet = buildGapSheet(selfInput(), "Phân tích điểm trừ", { lang: "vi" });
  const table = rows(sheet);

  test("leaf counts like seed 001 and the appraisal cut", () => {
    const text = table.map((r) => r[0]);
    expect(text).toContain("Có 3 TCTP đạt điểm tối đa (6 điểm) và 7 TCTP chưa đạt điểm tối đa (10,35/14,5 điểm, trừ 4,15 điểm).");
    expect(text).toContain("Tự đánh giá 20 điểm; qua thẩm định bị trừ 3,65 điểm.");
    expect(text).toContain(
      "- Lĩnh vực Cải cách tổ chức bộ máy hành chính: đạt 8,85/12 điểm, bị trừ 3,15 điểm tại 05 TCTP: " +
        "4.1.1 (trừ 1 điểm), 4.1.2 (trừ 1 điểm), 4.1.3 (trừ 0,5 điểm), 4.2.3 (trừ 0,5 điểm), 4.2.2 (trừ 0,15 điểm).",
    );
  });

  test("every sub-criterion that lost points, by area, largest loss first, with self-assessed and appraisal cut", () => {
    const start = findRow(table, 0, "Các tiêu chí bị trừ điểm (theo lĩnh vực, bị trừ nhiều trước)");
    expect(table[start + 1]).toEqual(["Mã", "Tiêu chí", "Điểm tối đa", "Điểm đạt", "Bị trừ", "% bị trừ", "Xếp hạng", "Ô nguồn", "Tự đánh giá", "Thẩm định trừ"]);
    const detail = table.slice(start + 2).filter((r) => /^\d/.test(r[0]));
    expect(detail.map((r) => r[0])).toEqual(["1", "1.1.2", "1.2.2", "4", "4.1.1", "4.1.2", "4.1.3", "4.2.3", "4.2.2"]);
    expect(detail[8]).toEqual(["4.2.2", "Kiểm tra việc thực hiện phân cấp", "1.5", "1.35", "0.15", "0.1", "", `->${SELF_SHEET}!E17`, "1.5", "0.15"]);
    expect(detail[3].slice(0, 5)).toEqual(["4", "Cải cách tổ chức bộ máy hành chính", "12", "8.85", "3.15"]);
  });

  test("a title that starts with '=' stays a text value", () => {
    const c = [...cells(sheet).values()].find((cell) => show(cell).startsWith("=1+1"));
    expect(c?.value).toEqual({ kind: "text", text: "=1+1 (tiêu đề có dấu bằng)" });
  });

  test("findings are listed at the bottom with severity and a link to the cell", () => {
    const extra: Finding[] = [
      { kind: "unreadable", severity: "warning", location: { sheet: SELF_SHEET, cell: "E9" }, message: { vi: "Ô E9 không đọc được", en: "E9 unreadable" } },
      { kind: "note", severity: "info", message: { vi: "Ghi chú chung", en: "General note" } },
      { kind: "bad", severity: "error", location: { cell: "C3" }, message: { vi: "Tổng không khớp", en: "Total mismatch" } },
    ];
    const t = rows(buildGapSheet({ ...selfInput(), findings: [...extra, extra[0]] }, "x", { lang: "vi" }));
    const head = findRow(t, 0, "Phát hiện khi đọc và tính điểm (3)");
    expect(t[head + 1].slice(0, 2)).toEqual(["Mức độ", "Nội dung"]);
    expect(t.slice(head + 2).map((r) => [r[0], r[1], r[r.length - 1]])).toEqual([
      ["Lỗi", "Tổng không khớp", `->${SELF_SHEET}!C3`],
      ["Cảnh báo", "Ô E9 không đọc được", `->${SELF_SHEET}!E9`],
      ["Thông tin", "Ghi chú chung", ""],
    ]);
  });

  test("the engine's own findings appear too (a parent total that does not add up)", () => {
    const sc = selfScorecard();
    const score = sc.columns[1];
    score.points.set("4", { value: new Decimal("9.5"), location: { sheet: SELF_SHEET, cell: "E10" } });
    const analysis = analyse(sc);
    expect(analysis.findings.length).toBeGreaterThan(0);
    const t = rows(buildGapSheet({ table: selfInput().table, analysis }, "x", { lang: "en" }));
    const head = findRow(t, 0, `Findings while reading and scoring (${analysis.findings.length})`);
    expect(t.slice(head + 2).some((r) => r[r.length - 1] === `->${SELF_SHEET}!E10`)).toBe(true);
  });
});

describe("gap sheet of a many-unit table", () => {
  const table = rows(buildGapSheet(manyInput(), "x", { lang: "vi" }));

  test("one block per unit in table order, with computed ranks and ties", () => {
    const headings = table.map((r) => r[0]).filter((t) => t.endsWith("— Năm 2022"));
    expect(headings).toEqual(["Quảng Ninh — Năm 2022", "Bình Định — Năm 2022", "=1+1 — Năm 2022", "Huế — Năm 2022", "Hải Phòng — Năm 2022"]);
    expect(table.map((r) => r[0])).toContain("Năm 2022, Bình Định đạt 86,5/100 điểm (86,50%), xếp vị thứ 3/5, 2 đơn vị cùng vị thứ.");
    expect(table.map((r) => r[0])).toContain("- Lĩnh vực Chỉ đạo điều hành: đạt tối đa 10/10 điểm (xếp vị thứ 1/5).");
    const hp = findRow(table, 0, "Hải Phòng — Năm 2022");
    const total = findRow(table, 1, "Tổng cộng", hp);
    expect(table[total]).toEqual(["", "Tổng cộng", "100", "91.75", "8.25", "0.0825", "1", `->${MANY_SHEET}!F7`]);
  });
});

describe("buildReportPlan", () => {
  test("names gap sheets with ' (2)' suffixes and adds a ranking only for many-unit tables", () => {
    const plan = buildReportPlan({ lang: "vi", tables: [tthInput(), selfInput(), manyInput()] });
    expect(plan.sheets.map((s) => [s.name, s.role])).toEqual([
      ["Phân tích điểm trừ", "gap"],
      ["Phân tích điểm trừ (2)", "gap"],
      ["Phân tích điểm trừ (3)", "gap"],
      ["Xếp hạng", "ranking"],
    ]);
    for (const s of plan.sheets) {
      expect(s.name.length).toBeLessThanOrEqual(31);
      expect(s.name).not.toMatch(/[[\]:*?/\\]/);
      expect(s.owner).toBe("parscore");
    }
  });

  test("options turn outputs off", () => {
    const plan = buildReportPlan({ lang: "en", tables: [manyInput()], gap: false, highlights: false });
    expect(plan.sheets.map((s) => s.name)).toEqual(["Ranking"]);
    expect(plan.highlights).toEqual([]);
    expect(buildReportPlan({ lang: "en", tables: [] }).sheets).toEqual([]);
  });

  test("the plan is plain data: a JSON round trip gives the same plan", () => {
    const plan = buildReportPlan({ lang: "vi", tables: [tthInput(), selfInput(), manyInput()] });
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    // Numbers are decimal strings, never JS numbers computed from points.
    for (const s of plan.sheets)
      for (const row of s.blocks[0].rows)
        for (const cell of row) if (cell?.value?.kind === "number") expect(cell.value.value).toMatch(/^-?\d+(\.\d+)?$/);
  });
});
