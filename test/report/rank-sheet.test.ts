import Decimal from "decimal.js";
import { buildRankSheet, rankedColumns } from "../../src/report";
import { findRow, rows } from "./plan-helpers";
import { manyInput, manyScorecard, selfInput, tthInput } from "./fixtures";

describe("ranking sheet", () => {
  test("only for tables that rank more than one unit", () => {
    expect(buildRankSheet(tthInput(), "Xếp hạng", { lang: "vi" })).toBeNull();
    expect(buildRankSheet(selfInput(), "Xếp hạng", { lang: "vi" })).toBeNull();
    expect(rankedColumns(manyInput().analysis)).toHaveLength(5);
  });

  test("units by rank with tie labels, points and rank per area, total, index", () => {
    const sheet = buildRankSheet(manyInput(), "Xếp hạng", { lang: "vi" });
    if (!sheet) throw new Error("no sheet");
    const t = rows(sheet);
    expect(t[0][0]).toBe("XẾP HẠNG — Năm 2022 — Chỉ số CCHC 2022 (trích)");
    const header = findRow(t, 0, "Xếp hạng");
    expect(t[header]).toEqual(["Xếp hạng", "Đơn vị", "1. Chỉ đạo điều hành", "", "2. Thủ tục hành chính", "", "3. Tác động", "", "Tổng cộng", "Chỉ số (%)", "Xếp hạng"]);
    expect(t[header + 1].slice(2, 8)).toEqual(["Điểm", "Hạng", "Điểm", "Hạng", "Điểm", "Hạng"]);
    expect(t.slice(header + 2, header + 7)).toEqual([
      ["1", "Hải Phòng", "10", "1", "20", "1", "61.75", "2", "91.75", "91.75", "1"],
      ["2", "Quảng Ninh", "9.5", "2", "19", "2(2)", "63", "1", "91.5", "91.5", "2"],
      ["3(2)", "Bình Định", "9", "3", "18.5", "4", "59", "3(2)", "86.5", "86.5", "3(2)"],
      ["3(2)", "Huế", "8.5", "4", "19", "2(2)", "59", "3(2)", "86.5", "86.5", "3(2)"],
      ["5", "=1+1", "7", "5", "15", "5", "50.25", "5", "72.25", "72.25", "5"],
    ]);
    expect(sheet.merges).toEqual(expect.arrayContaining(["C4:D4", "A4:A5", "I4:I5"]));
    expect(sheet.freeze).toEqual({ rows: 5, columns: 2 });
    expect(sheet.conditionalFormats).toEqual([
      { sheet: "Xếp hạng", ref: "I6:I10", rule: { type: "colorScale", colors: ["F8696B", "FFEB84", "63BE7B"] }, purpose: "total-grade" },
    ]);
  });

  test("changes from the previous period and classes when the analysis has them", () => {
    const input = manyInput();
    const { analysis } = input;
    const col = analysis.columns[0];
    col.class = { band: "A", label: "Nhóm A", cappedBy: [], capReasons: [] };
    analysis.changes.push({
      unit: col.column.unit,
      code: "",
      fromPeriod: "2021",
      toPeriod: "2022",
      pointsDelta: col.nodes.get("")?.achieved?.minus(90) ?? null,
      rankDelta: 3,
      phrase: { vi: "tăng 1,5 điểm và tăng 3 bậc", en: "up 1.5 points and 3 places" },
    });
    const sheet = buildRankSheet(input, "Ranking", { lang: "en" });
    if (!sheet) throw new Error("no sheet");
    const t = rows(sheet);
    const header = findRow(t, 0, "Rank");
    expect(t[header].slice(8)).toEqual(["Total", "Index (%)", "Rank", "Class / group", "Points change", "Places change", "Change"]);
    const qn = findRow(t, 1, "Quảng Ninh");
    expect(t[qn].slice(11)).toEqual(["Nhóm A", "1.5", "3", "up 1.5 points and 3 places"]);
  });
});

describe("what it takes to climb one place (demo workbook's district table)", () => {
  test("the gap to the next better rank and the lost points that cover it, ties included", async () => {
    const { readXlsxGrids } = await import("../../src/hosts/xlsx/read-xlsx");
    const { analyseGrids } = await import("../../src/pipeline/run");
    const path = await import("path");
    const grids = await readXlsxGrids(path.join(__dirname, "..", "..", "examples", "parscore-demo.xlsx"));
    const table = analyseGrids(grids.filter((g) => g.sheet === "Huyện 2024")).tables[0];
    const sheet = buildRankSheet(table, "Xếp hạng", { lang: "vi" });
    const text = sheet ? rows(sheet).map((r) => r[0]) : [];
    const start = text.indexOf("Để lên một bậc");
    expect(start).toBeGreaterThan(0);
    // Thành phố E (96.00) leads; Huyện B (93.15) needs 2.85; G and L (87.05) reach the tie at 3 with 1.50.
    expect(text.slice(start + 1, start + 5)).toEqual([
      "- Huyện B (hạng 2): cần thêm 2,85 điểm để lên hạng 1: lấy lại điểm bị trừ ở lĩnh vực 8 (Khảo sát sự hài lòng) −3,6",
      "- Huyện A (hạng 3): cần thêm 4,60 điểm để lên hạng 2: lấy lại điểm bị trừ ở lĩnh vực 8 (Khảo sát sự hài lòng) −4,2, lĩnh vực 7 (Chính quyền điện tử, chính quyền số) −1,75",
      "- Huyện H (hạng 3): cần thêm 4,60 điểm để lên hạng 2: lấy lại điểm bị trừ ở lĩnh vực 8 (Khảo sát sự hài lòng) −4,2, lĩnh vực 7 (Chính quyền điện tử, chính quyền số) −1,75",
      "- Huyện G (hạng 5): cần thêm 1,50 điểm để lên hạng 3: lấy lại điểm bị trừ ở lĩnh vực 8 (Khảo sát sự hài lòng) −4,95",
    ]);
    expect(text.some((line) => line.startsWith("- Thành phố E"))).toBe(false);
  });
});

describe("ranking sheet of a column published with 3 decimals", () => {
  test("shows and ranks it live at 3 decimals, as the engine decides its ties", async () => {
    const { analyse } = await import("../../src/engine/analyse");
    const { cells } = await import("./plan-helpers");
    const sc = manyScorecard();
    const thousandths = ["0.651", "0.649", "0.648", "0.647", "0.646"];
    sc.columns.forEach((c, i) => {
      const pv = c.points.get("1")!;
      pv.value = new Decimal(thousandths[i]);
      c.publishedTotal = undefined;
    });
    const sheet = buildRankSheet({ table: { sheet: "Many", range: "A1:F7", layout: "units-in-rows" }, analysis: analyse(sc) }, "Xếp hạng", { lang: "vi", live: true })!;
    const t = rows(sheet);
    const header = findRow(t, 0, "Xếp hạng");
    const shown = Object.fromEntries(t.slice(header + 2, header + 7).map((r) => [r[1], r.slice(2, 4)]));
    // Rounded to 2 decimals, all five would tie at 0,65.
    expect(shown).toEqual(Object.fromEntries(sc.columns.map((c, i) => [c.unit, [thousandths[i], String(i + 1)]])));
    const points = cells(sheet).get(`C${header + 3}`)!;
    expect(points.style).toBe("num3");
    const value = points.value;
    if (value?.kind !== "formula") throw new Error("not a live formula");
    expect(value.cached).toEqual({ kind: "number", value: t[header + 2][2] });
    expect(value.formula).toMatch(/^ROUND\(ROUND\(.*,9\),3\)$/);
  });
});

describe("live ranking of units in rows, listed by rank", () => {
  test("reads each unit's source row through its number, so each column holds one formula in R1C1 terms", async () => {
    const { cells } = await import("./plan-helpers");
    const { shiftFormula } = await import("../../src/hosts/excel/r1c1");
    const sheet = buildRankSheet(manyInput(), "Xếp hạng", { lang: "vi", live: true })!;
    const t = rows(sheet);
    const header = findRow(t, 0, "Xếp hạng");
    expect(t[header].slice(8)).toEqual(["Tổng cộng", "Chỉ số (%)", "Xếp hạng", "Dòng nguồn"]);
    const at = cells(sheet);
    const formulaAt = (address: string): string => {
      const v = at.get(address)?.value;
      if (v?.kind !== "formula") throw new Error(`${address} holds no formula`);
      return v.formula;
    };
    // The units in rank order are not in source order (rows 3..7 of 'PAR 2022').
    const first = header + 3;
    const sourceRows = [0, 1, 2, 3, 4].map((k) => formulaAt(`L${first + k}`));
    expect(sourceRows.map((f) => /\$(\d+)\)$/.exec(f)?.[1])).toEqual(["7", "3", "4", "6", "5"]);
    expect(sourceRows[0]).toBe("ROW('PAR 2022'!$C$7)");
    expect(t.slice(first - 1, first + 4).map((r) => r[11])).toEqual(["7", "3", "4", "6", "5"]);
    // Moved back up to the first unit's row, every unit's formula of a column is the first one.
    // (Rank columns name their own row absolutely; the host sees those move with the row.)
    for (const col of ["C", "E", "G", "I", "J"]) {
      const top = formulaAt(`${col}${first}`);
      for (let k = 1; k < 5; k++) expect(shiftFormula(formulaAt(`${col}${first + k}`), -k, 0)).toBe(top);
    }
    expect(formulaAt(`I${first}`)).toContain(`INDEX('PAR 2022'!$C:$E,$L${first},0)`);
    expect(formulaAt(`I${first}`)).not.toMatch(/'PAR 2022'!\$[A-Z]+\$\d/);
  });

  test("units whose points are not on one row (units in columns) keep their direct references and get no source-row column", async () => {
    const { analyse } = await import("../../src/engine/analyse");
    const { cells } = await import("./plan-helpers");
    const sc = manyScorecard();
    // Each unit in a column of its own, its areas down rows 3..5.
    sc.columns.forEach((c, i) => {
      [...c.points.values()].forEach((pv, j) => (pv.location = { sheet: "PAR 2022", cell: `${"CDEFG"[i]}${3 + j}` }));
      c.publishedTotal = undefined;
    });
    const sheet = buildRankSheet({ table: { sheet: "PAR 2022", range: "A1:G5", layout: "units-in-columns" }, analysis: analyse(sc) }, "Xếp hạng", { lang: "vi", live: true })!;
    const t = rows(sheet);
    const header = findRow(t, 0, "Xếp hạng");
    expect(t[header]).not.toContain("Dòng nguồn");
    const total = cells(sheet).get(`I${header + 3}`)?.value;
    expect(total?.kind === "formula" && total.formula).toMatch(/'PAR 2022'!\$[C-G]\$3:\$[C-G]\$5/);
    expect(total?.kind === "formula" && total.formula).not.toContain("INDEX(");
  });
});
