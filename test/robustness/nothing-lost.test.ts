/**
 * Nothing lost (.xlsx path): a rich user workbook goes through `parscore analyze in.xlsx -o out.xlsx`
 * and again over its own output (a re-run replaces ParScore's sheets), and every user sheet is the
 * same cell by cell, as ExcelJS reads it back (values, formulas incl. shared ones, merges, number
 * formats, fonts, fills, notes, the user's conditional formats, data validations, defined names,
 * hidden rows, widths, views) and as LibreOffice shows it (every sheet converted to CSV, formulas
 * recalculated). A failure half-way through writing leaves no output (or the previous one) and the
 * input untouched. test/hosts/write-xlsx.test.ts checks the writer on its own; this is the CLI end to end.
 */
import ExcelJS from "exceljs";
// The module object itself (not a namespace copy), so that a spy on its writevSync is the one the writer calls.
import fsSync from "fs";
import { promises as fs } from "fs";
import * as path from "path";
import * as report from "../../src/report";
import { ownedSheets } from "../../src/hosts/xlsx/write-xlsx";
import { convert, sheetsAsCsv, sofficePath } from "../helpers/libreoffice";
import { DATA_SHEET, snapshotUserSheets, toBytes, userWorkbook } from "../hosts/write-helpers";
import { MANY_SHEET, SELF_SHEET, TTH_SHEET } from "../report/fixtures";
import { runCli, tempDir } from "./helpers";

const NOTES_SHEET = "Ghi chú & số liệu";
const USER_SHEETS = [TTH_SHEET, SELF_SHEET, MANY_SHEET, DATA_SHEET, NOTES_SHEET];

/** The writer tests' workbook, plus what they do not cover: hidden rows, row heights, a hidden column, more names, a second data sheet. */
function richWorkbook(): ExcelJS.Workbook {
  const wb = userWorkbook();
  const data = wb.getWorksheet(DATA_SHEET) as ExcelJS.Worksheet;
  data.getRow(4).hidden = true;
  data.getRow(2).height = 28;
  const ws = wb.addWorksheet(NOTES_SHEET, { properties: { tabColor: { argb: "FF92D050" } } });
  ws.columns = [{ width: 30 }, { width: 12 }, { width: 12, hidden: true }, { width: 40 }];
  ws.getCell("A1").value = "Tổng hợp của người dùng";
  ws.getCell("A1").font = { name: "Times New Roman", size: 14, bold: true, italic: true, color: { argb: "FFC00000" } };
  ws.mergeCells("A1:D1");
  ws.getCell("A2").value = "Điểm quý";
  ws.getCell("B2").value = { formula: `SUM('${DATA_SHEET}'!E2:E5)`, result: 37.8 } as ExcelJS.CellFormulaValue;
  ws.getCell("B2").numFmt = '#,##0.00" điểm"';
  ws.getCell("C2").value = 0.8619;
  ws.getCell("C2").numFmt = "0.00%";
  ws.getCell("D2").value = { richText: [{ text: "Ghi ", font: { color: { argb: "FF0070C0" } } }, { text: "chú", font: { bold: true } }] };
  ws.getCell("A3").value = new Date(Date.UTC(2025, 0, 15));
  ws.getCell("A3").numFmt = "dd/mm/yyyy";
  ws.getCell("B3").value = { text: "Cổng DVC", hyperlink: "https://dichvucong.gov.vn" };
  ws.getCell("C3").value = "=HYPERLINK(\"http://x\",\"y\")";
  ws.getCell("D3").value = "8,75";
  ws.getCell("D3").note = { texts: [{ text: "Nhận xét: " }, { text: "kiểm tra lại", font: { bold: true } }] };
  ws.getCell("A4").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
  ws.getCell("B4").value = -0.5;
  ws.getCell("B4").fill = { type: "pattern", pattern: "darkGrid", fgColor: { argb: "FFFFC000" }, bgColor: { argb: "FF000000" } };
  ws.getCell("B4").border = { top: { style: "double", color: { argb: "FF000000" } }, bottom: { style: "thick" } };
  ws.getRow(5).hidden = true;
  ws.getCell("A5").value = "dòng ẩn có số liệu";
  ws.getCell("B5").value = 12.345;
  ws.getCell("B6").dataValidation = { type: "decimal", operator: "between", allowBlank: false, showErrorMessage: true, formulae: [0, 10], errorTitle: "Sai", error: "Từ 0 đến 10" };
  ws.addConditionalFormatting({ ref: "B2:B5", rules: [{ type: "expression", priority: 1, formulae: ["B2<0"], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } } }] });
  wb.definedNames.add(`'${NOTES_SHEET}'!$B$2`, "TongQuy");
  wb.definedNames.add(`'${NOTES_SHEET}'!$A$2:$D$5`, "VungGhiChu");
  return wb;
}

/** What the writer tests' snapshot leaves out: hidden rows and columns, heights, tab colours, defined names. */
function extraSnapshot(wb: ExcelJS.Workbook) {
  const owned = new Set(ownedSheets(wb).map((o) => o.sheet.name));
  const sheets = wb.worksheets
    .filter((ws) => !owned.has(ws.name))
    .map((ws) => {
      const rows: Record<number, { hidden: boolean; height?: number }> = {};
      ws.eachRow({ includeEmpty: true }, (row, n) => {
        if (row.hidden || row.height) rows[n] = { hidden: row.hidden, height: row.height };
      });
      const cols = (ws.columns ?? []).map((c) => ({ width: c.width, hidden: c.hidden }));
      return { name: ws.name, state: ws.state, tab: JSON.parse(JSON.stringify(ws.properties.tabColor ?? null)), rows, cols };
    });
  const names = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model
    .filter((n) => !n.name.startsWith("ParScore_"))
    .map((n) => ({ name: n.name, ranges: [...n.ranges].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { sheets, names };
}

/**
 * LibreOffice writes default attributes that ExcelJS leaves out when it writes the file again (the
 * General number format, alignment general/0/false, validation and rule flags set to false, a
 * comment's shape and lock settings): the same workbook to every program. They are dropped before
 * comparing; everything else must be equal.
 */
const DEFAULTS: Record<string, unknown[]> = {
  horizontal: ["general"],
  indent: [0],
  shrinkToFit: [false],
  textRotation: [0],
  wrapText: [false],
  numFmt: ["General"],
  showInputMessage: [false],
  allowBlank: [false],
  showErrorMessage: [false],
  rank: [0],
  percent: [false],
  bottom: [false],
  aboveAverage: [false],
};
const COMMENT_SHAPE = new Set(["protection", "margins", "editAs"]);

function withoutDefaults(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutDefaults(v));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (DEFAULTS[k]?.includes(v) || (key === "note" && COMMENT_SHAPE.has(k)) || v === undefined) continue;
    out[k] = withoutDefaults(v, k);
  }
  return out;
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

async function listDir(dir: string): Promise<string[]> {
  return (await fs.readdir(dir)).sort();
}

let dir: string;
let input: string;
let inputBytes: Buffer;
beforeAll(async () => {
  dir = await tempDir("parscore-lost-");
  input = path.join(dir, "in.xlsx");
  inputBytes = await toBytes(richWorkbook());
  await fs.writeFile(input, inputBytes);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("parscore analyze in.xlsx -o out.xlsx, twice", () => {
  let out: string;
  let again: string;
  beforeAll(async () => {
    out = path.join(dir, "out.xlsx");
    again = path.join(dir, "again.xlsx");
    const first = await runCli(["analyze", input, "-o", out]);
    if (first.code !== 0) throw new Error(first.err);
    // The re-run: over its own output, and in place (the workbook has nothing ExcelJS would drop).
    await fs.copyFile(out, again);
    const second = await runCli(["analyze", again, "-o", again]);
    if (second.code !== 0) throw new Error(second.err);
  });

  test("the input file is not touched", async () => {
    expect((await fs.readFile(input)).equals(inputBytes)).toBe(true);
  });

  test("ParScore's sheets are added once, and replaced (not added again) by the re-run", async () => {
    const first = await load(out);
    const second = await load(again);
    const ours = ownedSheets(first).map((o) => o.sheet.name);
    expect(ours.length).toBeGreaterThan(2);
    expect(first.worksheets.map((w) => w.name)).toEqual([...USER_SHEETS, ...ours]);
    expect(second.worksheets.map((w) => w.name)).toEqual(first.worksheets.map((w) => w.name));
    expect(ownedSheets(second).map((o) => o.sheet.name)).toEqual(ours);
  });

  test("every user sheet is the same cell by cell as ExcelJS reads it: values, formulas, merges, formats, fonts, fills, notes, rules, validations", async () => {
    const original = snapshotUserSheets(await load(input));
    expect(original.map((s) => s.name)).toEqual(USER_SHEETS);
    for (const file of [out, again]) expect(snapshotUserSheets(await load(file))).toEqual(original);
    // Not vacuous: the rich sheet's cells, rule and validation are in the snapshot.
    const notes = original.find((s) => s.name === NOTES_SHEET);
    expect(Object.keys(notes?.cells ?? {})).toEqual(expect.arrayContaining(["A1", "B2", "C2", "D2", "A3", "B3", "C3", "D3", "A4", "B4", "A5", "B5"]));
    expect(notes?.merges).toEqual(["A1:D1"]);
    expect(JSON.stringify(notes?.validations)).toContain("Từ 0 đến 10");
    expect(JSON.stringify(notes?.userRules)).toContain("B2<0");
  });

  test("hidden rows and columns, heights, tab colours and defined names are kept", async () => {
    const original = extraSnapshot(await load(input));
    expect(original.names.map((n) => n.name)).toEqual(["DiemQuy", "TongQuy", "VungGhiChu"]);
    expect(original.sheets.find((s) => s.name === NOTES_SHEET)?.rows[5]).toEqual({ hidden: true, height: undefined });
    expect(original.sheets.find((s) => s.name === DATA_SHEET)?.rows[4]?.hidden).toBe(true);
    for (const file of [out, again]) expect(extraSnapshot(await load(file))).toEqual(original);
  });

  test("formulas stay formulas (shared ones included) and text that looks like a formula stays text", async () => {
    for (const file of [out, again]) {
      const wb = await load(file);
      const data = wb.getWorksheet(DATA_SHEET) as ExcelJS.Worksheet;
      expect([data.getCell("E2").formula, data.getCell("E3").formula, data.getCell("E5").formula]).toEqual(["SUM(B2:D2)", "SUM(B3:D3)", "SUM(B5:D5)"]);
      const notes = wb.getWorksheet(NOTES_SHEET) as ExcelJS.Worksheet;
      expect(notes.getCell("B2").formula).toBe(`SUM('${DATA_SHEET}'!E2:E5)`);
      expect(notes.getCell("C3").type).toBe(ExcelJS.ValueType.String);
      expect(notes.getCell("C3").value).toBe("=HYPERLINK(\"http://x\",\"y\")");
    }
  });

  test("LibreOffice shows every user sheet exactly as before (all sheets as CSV, formulas recalculated)", async () => {
    if (!sofficePath()) throw new Error("LibreOffice (soffice) is not on PATH; install libreoffice-calc to run this test");
    const [before, after, rerun] = await Promise.all([sheetsAsCsv(input, USER_SHEETS), sheetsAsCsv(out, USER_SHEETS), sheetsAsCsv(again, USER_SHEETS)]);
    expect([...before.keys()].sort()).toEqual([...USER_SHEETS].sort());
    for (const name of USER_SHEETS) {
      expect(after.get(name)).toEqual(before.get(name));
      expect(rerun.get(name)).toEqual(before.get(name));
    }
    // LibreOffice computed the cross-sheet formula itself, and shows the formula-like text as text.
    const notes = before.get(NOTES_SHEET) ?? [];
    expect(notes[1][1]).toBe("37.8");
    expect(notes[2][2]).toBe("=HYPERLINK(\"http://x\",\"y\")");
  });
});

describe("a workbook LibreOffice saved (another writer than ExcelJS)", () => {
  test("ParScore's output keeps its user sheets as ExcelJS and LibreOffice read them", async () => {
    if (!sofficePath()) throw new Error("LibreOffice (soffice) is not on PATH; install libreoffice-calc to run this test");
    const work = await tempDir("parscore-lo-saved-");
    // LibreOffice re-saves the rich workbook as .xlsx: its own XML, styles and shared strings.
    await convert(input, "xlsx:Calc MS Excel 2007 XML", work);
    const saved = path.join(work, "in.xlsx");
    const savedBytes = await fs.readFile(saved);
    const out = path.join(work, "scored.xlsx");
    const run = await runCli(["analyze", saved, "-o", out]);
    if (run.code !== 0) throw new Error(run.err);
    expect((await fs.readFile(saved)).equals(savedBytes)).toBe(true);
    expect(withoutDefaults(snapshotUserSheets(await load(out)))).toEqual(withoutDefaults(snapshotUserSheets(await load(saved))));
    expect(extraSnapshot(await load(out))).toEqual(extraSnapshot(await load(saved)));
    const [before, after] = await Promise.all([sheetsAsCsv(saved, USER_SHEETS), sheetsAsCsv(out, USER_SHEETS)]);
    expect(before.size).toBe(USER_SHEETS.length);
    for (const name of USER_SHEETS) expect(after.get(name)).toEqual(before.get(name));
    await fs.rm(work, { recursive: true, force: true });
  });
});

describe("a failure half-way through writing", () => {
  test("a plan sheet that throws while it is written: no output file, no temporary file, the input untouched", async () => {
    const work = await tempDir("parscore-fail-");
    const file = path.join(work, "in.xlsx");
    await fs.writeFile(file, inputBytes);
    const out = path.join(work, "out.xlsx");
    // The CLI plans a table's sheets as it writes them: the first table's first sheet is written, the next one throws.
    const real = report.planReportByTable;
    const spy = jest.spyOn(report, "planReportByTable").mockImplementation((input) => {
      const plan = real(input);
      return {
        ...plan,
        group: (k: number) => {
          const placed = plan.group(k);
          if (k > 0) return placed;
          const broken = { ...placed[0].sheet, name: "Hỏng" };
          Object.defineProperty(broken, "blocks", {
            get() {
              throw new Error("plan sheet failed half-way");
            },
          });
          return [placed[0], { at: placed[0].at, sheet: broken }, ...placed.slice(1)];
        },
      };
    });
    try {
      const run = await runCli(["analyze", file, "-o", out, "--lang", "en"]);
      expect(spy).toHaveBeenCalled();
      expect(run.code).toBe(1);
      expect(run.err).toContain("ParScore hit an internal error (not a problem with your file). No output file was left half-written.");
      expect(run.err).toContain("plan sheet failed half-way");
    } finally {
      spy.mockRestore();
    }
    expect(await listDir(work)).toEqual(["in.xlsx"]);
    expect((await fs.readFile(file)).equals(inputBytes)).toBe(true);
    await fs.rm(work, { recursive: true, force: true });
  });

  test("the disk fills up while the file is written: the previous output stays as it was, the partial file is removed", async () => {
    const work = await tempDir("parscore-full-");
    const file = path.join(work, "in.xlsx");
    await fs.writeFile(file, inputBytes);
    const out = path.join(work, "out.xlsx");
    expect((await runCli(["analyze", file, "-o", out])).code).toBe(0);
    const previous = await fs.readFile(out);
    // ParScore's parts go to the file as they are made (writev); the second batch finds the disk full.
    const realWritev = fsSync.writevSync;
    let batches = 0;
    const spy = jest.spyOn(fsSync, "writevSync").mockImplementation((fd: number, buffers: readonly NodeJS.ArrayBufferView[]) => {
      if (++batches === 1) return realWritev(fd, buffers);
      // Half of a piece reaches the disk, then it is full.
      const first = buffers[0] as Buffer;
      fsSync.writeSync(fd, first.subarray(0, first.length >> 1));
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    });
    let run;
    try {
      run = await runCli(["analyze", file, "-o", out, "--lang", "en"]);
    } finally {
      spy.mockRestore();
    }
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      `parscore: Could not write '${out}' (ENOSPC): the disk is full. Nothing was left half-written; the previous file (if any) and the input are as they were. Choose another place to write and run again.\n` +
        `  Không ghi được '${out}' (ENOSPC): ổ đĩa đã đầy. Không có tệp nào bị ghi dở; tệp cũ (nếu có) và tệp đầu vào vẫn như trước. Hãy chọn chỗ ghi khác rồi chạy lại.\n`,
    );
    expect(await listDir(work)).toEqual(["in.xlsx", "out.xlsx"]);
    expect((await fs.readFile(out)).equals(previous)).toBe(true);
    expect((await fs.readFile(file)).equals(inputBytes)).toBe(true);
    await fs.rm(work, { recursive: true, force: true });
  });

  test("the --json file is written whole or not at all too", async () => {
    const work = await tempDir("parscore-json-");
    const file = path.join(work, "in.xlsx");
    await fs.writeFile(file, inputBytes);
    const spy = jest.spyOn(fs, "rename").mockRejectedValue(Object.assign(new Error("EACCES"), { code: "EACCES" }));
    let run;
    try {
      run = await runCli(["analyze", file, "--json", path.join(work, "a.json"), "--lang", "en"]);
    } finally {
      spy.mockRestore();
    }
    expect(run.code).toBe(1);
    expect(run.err).toContain("Could not write '" + path.join(work, "a.json") + "' (EACCES): no permission to write.");
    expect(await listDir(work)).toEqual(["in.xlsx"]);
    await fs.rm(work, { recursive: true, force: true });
  });
});
