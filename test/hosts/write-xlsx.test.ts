import ExcelJS from "exceljs";
import {
  applyPlan,
  conditionalFormattings,
  hyperlinkFormula,
  loadWorkbook,
  ownedSheets,
  preservationWarnings,
  removeParScoreOutputs,
  saveWorkbook,
  writeReport,
} from "../../src/hosts/xlsx/write-xlsx";
import { zipEntries, zipText } from "../../src/hosts/xlsx/zip";
import { buildReportPlan, HIGHLIGHT_MARKER, OWNED_SHEET_NAME_PREFIX, type SheetPlan } from "../../src/report";
import { allInputs, MANY_SHEET, SELF_SHEET, TTH_SHEET } from "../report/fixtures";
import { DATA_SHEET, reload, ruleCounts, snapshotUserSheets, storedZip, toBytes, userWorkbook } from "./write-helpers";

const USER_SHEETS = [TTH_SHEET, SELF_SHEET, MANY_SHEET, DATA_SHEET];

function plan(lang: "vi" | "en" = "vi"): SheetPlan {
  return buildReportPlan({ lang, tables: allInputs() });
}

async function written(lang: "vi" | "en" = "vi"): Promise<{ before: Buffer; after: Buffer }> {
  const before = await toBytes(userWorkbook());
  const { bytes } = await writeReport(before, plan(lang));
  return { before, after: bytes };
}

describe("applyPlan on an .xlsx workbook", () => {
  test("the user's sheets keep every value, formula, merge, format, validation and rule", async () => {
    const { before, after } = await written();
    const original = snapshotUserSheets(await reload(before));
    const result = snapshotUserSheets(await reload(after));
    expect(result.map((s) => s.name)).toEqual(USER_SHEETS);
    expect(result).toEqual(original);
    // Spot checks that the snapshot is not vacuous.
    const data = result.find((s) => s.name === DATA_SHEET);
    expect(Object.keys(data?.cells ?? {}).length).toBeGreaterThan(20);
    expect(data?.merges).toEqual(["A7:E7"]);
    expect(JSON.stringify(data?.validations)).toContain("Tốt,Khá,Trung bình,Yếu");
    expect(JSON.stringify(data?.userRules)).toContain("greaterThan");
  });

  test("shared formulas survive: clones still refer to their master", async () => {
    const { after } = await written();
    const ws = (await reload(after)).getWorksheet(DATA_SHEET) as ExcelJS.Worksheet;
    expect(ws.getCell("E2").formula).toBe("SUM(B2:D2)");
    expect(ws.getCell("E4").formula).toBe("SUM(B4:D4)");
    expect(ws.getCell("E6").formula).toBe("SUM(E2:E5)");
    expect(ws.getCell("A8").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("A8").value).toBe("=không phải công thức");
  });

  test("our sheets come after the user's, carry the marker name and are found again", async () => {
    const { after } = await written();
    const wb = await reload(after);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      ...USER_SHEETS,
      "Phân tích điểm trừ",
      "Phân tích điểm trừ (2)",
      "Phân tích điểm trừ (3)",
      "Xếp hạng",
    ]);
    const owned = ownedSheets(wb);
    expect(owned.map((o) => o.sheet.name)).toEqual(["Phân tích điểm trừ", "Phân tích điểm trừ (2)", "Phân tích điểm trừ (3)", "Xếp hạng"]);
    expect(owned.every((o) => o.name.startsWith(OWNED_SHEET_NAME_PREFIX))).toBe(true);
    // The user's own defined name is still there.
    const names = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
    expect(names.find((n) => n.name === "DiemQuy")?.ranges).toEqual([`'${DATA_SHEET}'!$B$2:$D$5`]);
  });

  test("a re-run replaces our sheets and rules instead of adding copies", async () => {
    const { after: first } = await written();
    const wb1 = await reload(first);
    const second = await writeReport(first, plan());
    const wb2 = await reload(second.bytes);
    expect(second.result.removed.sheets).toHaveLength(4);
    expect(second.result.removed.rules).toBeGreaterThan(0);
    expect(wb2.worksheets.map((w) => w.name)).toEqual(wb1.worksheets.map((w) => w.name));
    expect(ruleCounts(wb2)).toEqual(ruleCounts(wb1));
    const third = await reload((await writeReport(second.bytes, plan())).bytes);
    expect(ruleCounts(third)).toEqual(ruleCounts(wb1));
    expect(snapshotUserSheets(third)).toEqual(snapshotUserSheets(await reload(await toBytes(userWorkbook()))));
    const names = (third.definedNames as unknown as { model: { name: string }[] }).model.map((n) => n.name).sort();
    expect(names).toEqual(["DiemQuy", "ParScore_Owned_1", "ParScore_Owned_2", "ParScore_Owned_3", "ParScore_Owned_4"]);
  });

  test("switching language replaces the Vietnamese sheets with English ones", async () => {
    const { after } = await written("vi");
    const en = await reload((await writeReport(after, plan("en"))).bytes);
    expect(en.worksheets.map((w) => w.name)).toEqual([...USER_SHEETS, "Gap analysis", "Gap analysis (2)", "Gap analysis (3)", "Ranking"]);
  });

  test("a user sheet that happens to have our name is never touched", async () => {
    const wb = userWorkbook();
    const mine = wb.addWorksheet("Phân tích điểm trừ");
    mine.getCell("A1").value = "của tôi";
    const bytes = await toBytes(wb);
    const out = await reload((await writeReport((await writeReport(bytes, plan())).bytes, plan())).bytes);
    expect(out.getWorksheet("Phân tích điểm trừ")?.getCell("A1").value).toBe("của tôi");
    expect(ownedSheets(out).map((o) => o.sheet.name)).toEqual([
      "Phân tích điểm trừ (2)",
      "Phân tích điểm trừ (3)",
      "Phân tích điểm trừ (4)",
      "Xếp hạng",
    ]);
    // Highlights meant for the user's sheet of that name land there, not on ours.
    const p = plan();
    p.highlights.push({ ...p.highlights[0], sheet: "Phân tích điểm trừ", ref: "A1" });
    const wb2 = await loadWorkbook(bytes);
    applyPlan(wb2, p);
    const refs = (name: string): string[] => conditionalFormattings(wb2.getWorksheet(name) as ExcelJS.Worksheet).map((cf) => cf.ref);
    expect(refs("Phân tích điểm trừ")).toEqual(["A1"]);
    expect(refs("Phân tích điểm trừ (2)")).not.toContain("A1");
  });

  test("a sheet the user renamed is still recognised as ours", async () => {
    const { after } = await written();
    const wb = await reload(after);
    const gap = wb.getWorksheet("Phân tích điểm trừ") as ExcelJS.Worksheet;
    // Excel updates names that refer to a renamed sheet; do what Excel does.
    const model = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
    gap.name = "Báo cáo của tôi";
    (wb.definedNames as unknown as { model: unknown }).model = model.map((n) => ({
      ...n,
      ranges: n.ranges.map((r) => r.replace("'Phân tích điểm trừ'!", "'Báo cáo của tôi'!")),
    }));
    const out = await reload((await writeReport(await toBytes(wb), plan())).bytes);
    expect(out.getWorksheet("Báo cáo của tôi")).toBeUndefined();
    expect(out.worksheets).toHaveLength(8);
  });

  test("text that looks like a formula is stored as text; the only formulas are our HYPERLINKs", async () => {
    const { after } = await written();
    const wb = await reload(after);
    const self = wb.getWorksheet("Phân tích điểm trừ (2)") as ExcelJS.Worksheet;
    const found: ExcelJS.Cell[] = [];
    self.eachRow((row) => row.eachCell((cell) => (String(cell.value).startsWith("=1+1") ? found.push(cell) : undefined)));
    expect(found.length).toBeGreaterThan(0);
    for (const cell of found) expect(cell.type).toBe(ExcelJS.ValueType.String);
    const rank = wb.getWorksheet("Xếp hạng") as ExcelJS.Worksheet;
    expect(rank.getCell("B10").value).toBe("=1+1");
    expect(rank.getCell("B10").type).toBe(ExcelJS.ValueType.String);
    // In the file itself: every <f> of our sheets is a HYPERLINK.
    const formulas: string[] = [];
    for (const entry of zipEntries(after).filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))) {
      const xml = zipText(after, entry);
      if (!xml.includes("HYPERLINK")) continue;
      for (const m of xml.matchAll(/<f>([^<]*)<\/f>/g)) formulas.push(m[1]);
    }
    expect(formulas.length).toBeGreaterThan(10);
    for (const f of formulas) expect(f).toMatch(/^HYPERLINK\(/);
  });

  test("links go to the source cell; quotes in sheet names are escaped", () => {
    expect(hyperlinkFormula("Tự đánh giá", "E6", "E6")).toBe(`HYPERLINK("#'Tự đánh giá'!E6","E6")`);
    expect(hyperlinkFormula(`Bảng "A" của Huế's`, "C7", `x"y`)).toBe(`HYPERLINK("#'Bảng ""A"" của Huế''s'!C7","x""y")`);
  });

  test("highlights are conditional formats on the user's sheets, and removal takes exactly them away", async () => {
    const { after } = await written();
    const wb = await reload(after);
    const marked = (ws: ExcelJS.Worksheet): number =>
      conditionalFormattings(ws).reduce((s, cf) => s + cf.rules.filter((r) => JSON.stringify(r).includes("ParScore")).length, 0);
    const self = wb.getWorksheet(SELF_SHEET) as ExcelJS.Worksheet;
    const many = wb.getWorksheet(MANY_SHEET) as ExcelJS.Worksheet;
    expect(marked(self)).toBeGreaterThan(0);
    expect(marked(many)).toBe(2);
    const refs = conditionalFormattings(many).map((cf) => cf.ref).sort();
    expect(refs).toEqual(["C3:E7", "F3:F7"]);
    const rule = conditionalFormattings(many).find((cf) => cf.ref === "C3:E7")?.rules[0] as ExcelJS.ExpressionRuleType;
    expect(rule.type).toBe("expression");
    expect(rule.formulae?.[0]).toContain(HIGHLIGHT_MARKER);
    expect(rule.formulae?.[0]).toContain("C$2");

    const removed = removeParScoreOutputs(wb);
    expect(removed.sheets).toHaveLength(4);
    expect(wb.worksheets.map((w) => w.name)).toEqual(USER_SHEETS);
    for (const ws of wb.worksheets) expect(marked(ws)).toBe(0);
    const out = await reload(await saveWorkbook(wb));
    expect(snapshotUserSheets(out)).toEqual(snapshotUserSheets(await reload(await toBytes(userWorkbook()))));
    const names = (out.definedNames as unknown as { model: { name: string }[] }).model.map((n) => n.name);
    expect(names).toEqual(["DiemQuy"]);
  });

  test("charts in the plan are written into the file, none skipped (write-charts.test.ts checks the parts)", async () => {
    const p = plan();
    const charts = p.sheets.reduce((n, s) => n + s.charts.length, 0);
    expect(charts).toBeGreaterThan(0);
    const wb = await loadWorkbook(await toBytes(userWorkbook()));
    const result = applyPlan(wb, p);
    expect(result.skipped.filter((s) => s.kind === "chart")).toEqual([]);
    const parts = zipEntries(await saveWorkbook(wb)).filter((e) => /^xl\/charts\/chart\d+\.xml$/.test(e.name));
    expect(parts).toHaveLength(charts);
  });

  test("highlights for a sheet that is not in the workbook are reported as skipped", () => {
    const wb = new ExcelJS.Workbook();
    const result = applyPlan(wb, { ...plan(), sheets: [] });
    expect(result.rulesAdded).toBe(0);
    expect(result.skipped.every((s) => s.kind === "highlight")).toBe(true);
    expect(result.skipped.length).toBe(plan().highlights.length);
  });

  test("styles, widths, merges and frozen panes of our sheets are written", async () => {
    const { after } = await written();
    const wb = await reload(after);
    const gap = wb.getWorksheet("Phân tích điểm trừ") as ExcelJS.Worksheet;
    expect(gap.getColumn(2).width).toBe(58);
    expect(gap.getCell("A1").font?.bold).toBe(true);
    expect(gap.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect((gap as unknown as { model: { merges: string[] } }).model.merges).toContain("A1:H1");
    const area4 = findRow(gap, "Cải cách tổ chức bộ máy hành chính");
    expect(gap.getCell(`D${area4}`).value).toBe(8.35);
    expect(gap.getCell(`D${area4}`).numFmt).toBe("0.00");
    expect(gap.getCell(`F${area4}`).numFmt).toBe("0.0%");
    expect(gap.getCell(`F${area4}`).value).toBe(0.3042);
    expect(gap.getCell(`H${area4}`).formula).toBe(`HYPERLINK("#'TT Huế 2019'!E6","E6")`);
    expect(conditionalFormattings(gap).some((cf) => cf.rules[0].type === "dataBar")).toBe(true);
  });
});

describe("preservationWarnings", () => {
  test("a workbook ExcelJS can round-trip gives no warning", async () => {
    expect(preservationWarnings(await toBytes(userWorkbook()))).toEqual([]);
  });

  test("charts, macros and non-range names are reported", () => {
    const zip = storedZip({
      "xl/workbook.xml":
        '<workbook><definedNames><definedName name="TyLe">0.5</definedName><definedName name="Vung">\'Bảng 1\'!$A$1:$B$2</definedName>' +
        '<definedName name="_xlnm.Print_Area" localSheetId="0">Sheet1!$A$1:$B$2</definedName>' +
        '<definedName name="Rieng" localSheetId="0">Sheet1!$A$1</definedName></definedNames></workbook>',
      "xl/charts/chart1.xml": "<c:chartSpace/>",
      "xl/vbaProject.bin": "x",
    });
    const warnings = preservationWarnings(zip);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain("charts");
    expect(warnings[1]).toContain("VBA");
    expect(warnings[2]).toContain("TyLe, Rieng");
    expect(warnings[2]).not.toContain("Vung");
  });

  test("bytes that are not a zip give no warning (the reader reports them)", () => {
    expect(preservationWarnings(Buffer.from("not a zip"))).toEqual([]);
  });
});

function findRow(ws: ExcelJS.Worksheet, text: string): number {
  let found = 0;
  ws.eachRow((row, n) => {
    if (!found && row.getCell(2).value === text) found = n;
  });
  if (!found) throw new Error(`no row with ${text}`);
  return found;
}
