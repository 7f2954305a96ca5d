/**
 * A real spreadsheet program opens what the .xlsx writer wrote: LibreOffice (headless) converts
 * the workbook to CSV (every sheet) and to PDF/PNG, recalculating every formula itself.
 * Needs `soffice` and `pdftoppm` on PATH (scripts/ensure-system-deps.js installs them).
 */
import ExcelJS from "exceljs";
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { pointsToJson } from "../../src/engine/points";
import { TOTAL_CODE } from "../../src/engine/types";
import { latest, unitViews } from "../../src/engine/views";
import {
  applyPlan,
  conditionalFormattings,
  loadWorkbook,
  ownedSheets,
  removeParScoreOutputs,
  saveWorkbook,
  writeReport,
} from "../../src/hosts/xlsx/write-xlsx";
import { belowFormula, buildReportPlan } from "../../src/report";
import { convert, csvCell, renderPng, sheetsAsCsv, sofficePath } from "../helpers/libreoffice";
import { allInputs, manyInput, MANY_SHEET, SELF_SHEET, selfInput, TTH_SHEET, tthInput } from "../report/fixtures";
import { DATA_SHEET, HUGE, partText, toBytes, userWorkbook, workbookWithHugeValidation } from "../hosts/write-helpers";

const ARTIFACTS = path.join(__dirname, "..", "..", "test-artifacts");
const USER_SHEETS = [TTH_SHEET, SELF_SHEET, MANY_SHEET, DATA_SHEET];
const OUR_SHEETS = ["Phân tích điểm trừ", "Phân tích điểm trừ (2)", "Phân tích điểm trừ (3)", "Xếp hạng"];

let dir: string;

beforeAll(async () => {
  if (!sofficePath()) throw new Error("LibreOffice (soffice) is not on PATH; install it (apt-get install libreoffice-calc) to run these tests");
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-lo-"));
});

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

/** Writes the user workbook, then our plan into it; returns both paths. */
async function writeBoth(): Promise<{ original: string; written: string }> {
  const original = path.join(dir, "original.xlsx");
  const written = path.join(dir, "written.xlsx");
  const bytes = await toBytes(userWorkbook());
  await fs.writeFile(original, bytes);
  await writeReport(bytes, buildReportPlan({ lang: "vi", tables: allInputs() }), written);
  return { original, written };
}

function rowWhere(rows: string[][], col: number, text: string, from = 0): number {
  for (let r = from; r < rows.length; r++) if (rows[r][col] === text) return r;
  throw new Error(`no row with "${text}" in column ${col}`);
}

/** LibreOffice's CSV of a number: "8.35", "8", "0.5". */
function num(value: string): string {
  return String(Number(value));
}

describe("LibreOffice opens the written workbook", () => {
  let sheets: Map<string, string[][]>;
  let original: Map<string, string[][]>;

  beforeAll(async () => {
    const paths = await writeBoth();
    sheets = await sheetsAsCsv(paths.written, [...USER_SHEETS, ...OUR_SHEETS]);
    original = await sheetsAsCsv(paths.original, USER_SHEETS);
  });

  test("every sheet opens", () => {
    expect([...sheets.keys()].sort()).toEqual([...USER_SHEETS, ...OUR_SHEETS].sort());
  });

  test("the user's sheets show exactly what they showed before", () => {
    for (const name of USER_SHEETS) expect(sheets.get(name)).toEqual(original.get(name));
    // The shared formula still computes in LibreOffice.
    expect(num(csvCell(sheets.get(DATA_SHEET) ?? [], "E6"))).toBe("37.8");
  });

  test("each gap sheet shows the engine's points, losses and links for every area", () => {
    const inputs = allInputs();
    OUR_SHEETS.slice(0, 3).forEach((name, i) => {
      const rows = sheets.get(name) ?? [];
      const { analysis } = inputs[i];
      // The first block is the first unit's latest period.
      const column = latest(unitViews(analysis)[0]);
      let at = 0;
      for (const area of analysis.scorecard.criteria.filter((c) => !c.extra)) {
        at = rowWhere(rows, 1, area.title, at);
        const r = column.nodes.get(area.code);
        expect(rows[at][0]).toBe(area.code);
        expect(num(rows[at][2])).toBe(num(pointsToJson(r?.max) ?? ""));
        expect(num(rows[at][3])).toBe(num(pointsToJson(r?.achieved) ?? ""));
        expect(num(rows[at][4])).toBe(num(pointsToJson(r?.lost) ?? ""));
        const cell = column.column.points.get(area.code)?.location?.cell;
        if (cell) expect(rows[at][7]).toBe(cell);
      }
      const total = rowWhere(rows, 1, "Tổng cộng");
      expect(num(rows[total][3])).toBe(num(pointsToJson(column.nodes.get(TOTAL_CODE)?.achieved) ?? ""));
    });
  });

  test("the seed 001 figures read as published", () => {
    const rows = sheets.get("Phân tích điểm trừ") ?? [];
    const area4 = rowWhere(rows, 1, "Cải cách tổ chức bộ máy hành chính");
    expect(rows[area4].slice(2, 8)).toEqual(["12", "8.35", "3.65", "30.42%", "55", "E6"]);
    const total = rowWhere(rows, 1, "Tổng cộng");
    expect(rows[total].slice(2, 5)).toEqual(["100", "83.06", "16.94"]);
    const text = rows.map((r) => r[0]).join("\n");
    expect(text).toContain("Năm 2019, Thừa Thiên Huế đạt 83,06/100 điểm (83,06%)");
    expect(text).toContain("Lĩnh vực Cải cách tổ chức bộ máy hành chính: đạt 8,35/12 điểm (xếp vị thứ 55), bị trừ 3,65 điểm.");
  });

  test("the self-assessment gap sheet lists lost sub-criteria largest first, with appraisal cuts", () => {
    const rows = sheets.get("Phân tích điểm trừ (2)") ?? [];
    const details = rowWhere(rows, 0, "Các tiêu chí bị trừ điểm (theo lĩnh vực, bị trừ nhiều trước)");
    const codes = rows.slice(details + 2).map((r) => r[0]).filter((c) => /^\d/.test(c));
    expect(codes).toEqual(["1", "1.1.2", "1.2.2", "4", "4.1.1", "4.1.2", "4.1.3", "4.2.3", "4.2.2"]);
    const r422 = rowWhere(rows, 0, "4.2.2", details);
    expect(rows[r422].slice(2, 10)).toEqual(["1.5", "1.35", "0.15", "10%", "", "E17", "1.5", "0.15"]);
    expect(rows.map((r) => r[0]).join("\n")).toContain(
      "Có 3 TCTP đạt điểm tối đa (6 điểm) và 7 TCTP chưa đạt điểm tối đa (10,35/14,5 điểm, trừ 4,15 điểm).",
    );
    // The title that starts with "=" is shown as text, not computed.
    expect(rows[rowWhere(rows, 0, "1.2.2", details)][1]).toBe("=1+1 (tiêu đề có dấu bằng)");
  });

  test("the ranking sheet lists units by rank with tie labels", () => {
    const rows = sheets.get("Xếp hạng") ?? [];
    const first = rowWhere(rows, 1, "Hải Phòng");
    expect(rows.slice(first, first + 5).map((r) => [r[0], r[1], r[8], r[10]])).toEqual([
      ["1", "Hải Phòng", "91.75", "1"],
      ["2", "Quảng Ninh", "91.5", "2"],
      ["3(2)", "Bình Định", "86.5", "3(2)"],
      ["3(2)", "Huế", "86.5", "3(2)"],
      ["5", "=1+1", "72.25", "5"],
    ]);
  });
});

describe("a workbook saved by LibreOffice itself", () => {
  test("keeps the user's data after ParScore writes into it", async () => {
    const { original } = await writeBoth();
    const loDir = path.join(dir, "lo");
    const [loFile] = await convert(original, "xlsx:Calc MS Excel 2007 XML", loDir);
    expect(loFile).toBeDefined();
    const out = path.join(dir, "lo-written.xlsx");
    const { result } = await writeReport(loFile, buildReportPlan({ lang: "en", tables: allInputs() }), out);
    expect(result.sheets).toEqual(["Gap analysis", "Gap analysis (2)", "Gap analysis (3)", "Ranking"]);
    const before = await sheetsAsCsv(loFile, USER_SHEETS);
    const after = await sheetsAsCsv(out, [...USER_SHEETS, ...result.sheets]);
    for (const name of USER_SHEETS) expect(after.get(name)).toEqual(before.get(name));
    expect(after.get("Gap analysis")?.some((r) => r[1] === "Cải cách tổ chức bộ máy hành chính" && r[3] === "8.35")).toBe(true);
    expect(num(csvCell(after.get(DATA_SHEET) ?? [], "E6"))).toBe("37.8");
  });
});

describe("a workbook saved again by LibreOffice after ParScore wrote it", () => {
  test("a re-run still finds our sheets and rules: replaced, not duplicated", async () => {
    const { written } = await writeBoth();
    const [resaved] = await convert(written, "xlsx:Calc MS Excel 2007 XML", path.join(dir, "resaved"));
    const wb1 = await loadWorkbook(resaved);
    expect(ownedSheets(wb1).map((o) => o.sheet.name)).toEqual(OUR_SHEETS);
    const rules = (wb: ExcelJS.Workbook): number =>
      wb.worksheets.reduce((n, ws) => n + conditionalFormattings(ws).reduce((k, cf) => k + cf.rules.length, 0), 0);
    const { bytes, result } = await writeReport(resaved, buildReportPlan({ lang: "vi", tables: allInputs() }));
    expect(result.removed.sheets).toEqual(OUR_SHEETS);
    const wb2 = await loadWorkbook(bytes);
    expect(wb2.worksheets.map((w) => w.name)).toEqual([...USER_SHEETS, ...OUR_SHEETS]);
    expect(rules(wb2)).toBe(rules(wb1));
    removeParScoreOutputs(wb2);
    expect(wb2.worksheets.map((w) => w.name)).toEqual(USER_SHEETS);
    expect(JSON.stringify(wb2.worksheets.map((ws) => conditionalFormattings(ws)))).not.toContain("ParScore");
  });
});

describe("a workbook with a whole-column data validation", () => {
  test("LibreOffice opens what we wrote, with the validation and the user's data intact", async () => {
    const input = await workbookWithHugeValidation();
    const inputFile = path.join(dir, "huge-input.xlsx");
    await fs.writeFile(inputFile, input);
    const out = path.join(dir, "huge-written.xlsx");
    await writeReport(input, buildReportPlan({ lang: "vi", tables: allInputs() }), out);
    const before = await sheetsAsCsv(inputFile, USER_SHEETS);
    const after = await sheetsAsCsv(out, [...USER_SHEETS, ...OUR_SHEETS]);
    expect([...after.keys()]).toHaveLength(8);
    for (const name of USER_SHEETS) expect(after.get(name)).toEqual(before.get(name));
    expect(partText(await fs.readFile(out), DATA_SHEET)).toContain(`sqref="${HUGE}"`);
    // LibreOffice read the validation back: it writes it again when it saves the file
    // (LibreOffice itself trims whole-column ranges near the used area when saving).
    const [resaved] = await convert(out, "xlsx:Calc MS Excel 2007 XML", path.join(dir, "huge-lo"));
    const xml = partText(await fs.readFile(resaved), DATA_SHEET);
    expect(xml).toMatch(/sqref="G2:I\d+" type="list"><formula1>&quot;Tốt,Khá,Trung bình,Yếu&quot;/);
  });
});

describe("highlight formulas in LibreOffice", () => {
  /** value, max -> expected highlight (1) or not (0). */
  const cases: [ExcelJS.CellValue, ExcelJS.CellValue, number][] = [
    [8, 8.5, 1],
    [8.5, 8.5, 0],
    ["8,25", 8.5, 1],
    ["8.25", 8.5, 1],
    ["8,5", 8.5, 0],
    ["9,75", 8.5, 0],
    [0, 8.5, 1],
    [null, 8.5, 0],
    ["abc", 8.5, 0],
    ["không áp dụng", 8.5, 0],
    [8, "8,5", 1],
    ["8,5", "8,5", 0],
    ["1,35", "1,5", 1],
    [1.35, "1.5", 1],
  ];

  async function evaluate(locale: string): Promise<{ withCell: string[]; withConstant: string[]; separator: string }> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("T");
    cases.forEach(([value, max], i) => {
      const r = i + 1;
      if (value !== null) ws.getCell(`A${r}`).value = value;
      ws.getCell(`B${r}`).value = max;
      ws.getCell(`C${r}`).value = { formula: `IF(${belowFormula(`A${r}`, { ref: `B${r}` })},1,0)` } as ExcelJS.CellFormulaValue;
      ws.getCell(`D${r}`).value = { formula: `IF(${belowFormula(`A${r}`, { constant: "8.5" })},1,0)` } as ExcelJS.CellFormulaValue;
    });
    ws.getCell("E1").value = { formula: "MID(1/2,2,1)" } as ExcelJS.CellFormulaValue;
    const file = path.join(dir, `formulas-${locale}.xlsx`);
    await saveWorkbook(wb, file);
    const rows = (await sheetsAsCsv(file, ["T"], { locale })).get("T") ?? [];
    return { withCell: rows.map((r) => r[2]), withConstant: rows.map((r) => r[3]), separator: rows[0][4] };
  }

  test.each(["en-US", "vi-VN"])("read numbers typed with a comma or a dot, in %s", async (locale) => {
    const { withCell, withConstant, separator } = await evaluate(locale);
    // The profile's locale is in force: its decimal separator is what the formula substitutes in.
    expect(separator).toBe(locale === "vi-VN" ? "," : ".");
    expect(withCell).toEqual(cases.map(([, , expected]) => String(expected)));
    // Against the constant 8.5 (rows whose max cell is not 8.5 are compared with 8.5 too).
    const expectedConstant = cases.map(([value]) => {
      const n = typeof value === "number" ? value : typeof value === "string" ? Number(value.replace(",", ".")) : NaN;
      return Number.isNaN(n) || value === null ? "0" : n < 8.5 ? "1" : "0";
    });
    expect(withConstant).toEqual(expectedConstant);
  });
});

describe("rendered sheets (test-artifacts/)", () => {
  test("the gap sheet renders to PNG", async () => {
    await fs.mkdir(ARTIFACTS, { recursive: true });
    const plan = buildReportPlan({ lang: "vi", tables: [selfInput()] });
    const wb = new ExcelJS.Workbook();
    applyPlan(wb, { ...plan, highlights: [], sheets: plan.sheets.filter((s) => s.role === "gap") });
    const file = path.join(dir, "gap-only.xlsx");
    await saveWorkbook(wb, file);
    const png = await renderPng(file, path.join(ARTIFACTS, "gap-sheet.png"), 110);
    expect(existsSync(png)).toBe(true);
    expect((await fs.stat(png)).size).toBeGreaterThan(20_000);
  });

  test("the seed 001 gap sheet and the ranking render to PNG", async () => {
    for (const [name, input, role] of [
      ["gap-sheet-tth.png", tthInput(), "gap"],
      ["ranking.png", manyInput(), "ranking"],
    ] as const) {
      const plan = buildReportPlan({ lang: "vi", tables: [input] });
      const wb = new ExcelJS.Workbook();
      applyPlan(wb, { ...plan, highlights: [], sheets: plan.sheets.filter((s) => s.role === role) });
      const file = path.join(dir, `${role}-only.xlsx`);
      await saveWorkbook(wb, file);
      const png = await renderPng(file, path.join(ARTIFACTS, name), 110);
      expect((await fs.stat(png)).size).toBeGreaterThan(10_000);
    }
  });

  test("highlights on the user's table render as fills", async () => {
    const wb = userWorkbook();
    // Only the self-assessment sheet, so it is the first page.
    for (const ws of [...wb.worksheets]) if (ws.name !== SELF_SHEET) wb.removeWorksheet(ws.id);
    const plan = buildReportPlan({ lang: "vi", tables: [selfInput()], gap: false, ranking: false });
    applyPlan(wb, plan);
    const file = path.join(dir, "highlights.xlsx");
    await saveWorkbook(wb, file);
    const png = await renderPng(file, path.join(ARTIFACTS, "highlights.png"), 110);
    expect((await fs.stat(png)).size).toBeGreaterThan(5_000);
  });
});
