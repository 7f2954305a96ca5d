import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "./run";
import { UNIT_CRITERIA, UNIT_LEAVES } from "../taskpane/unit-sheets";
import type { AnalysisJson } from "../../src/pipeline/json";
import type { ConsolidationJson } from "../../src/pipeline/consolidate";
import { conditionalFormattings, ownedSheets } from "../../src/hosts/xlsx/write-xlsx";

type ConsolidateJson = AnalysisJson & { consolidation: ConsolidationJson };


/** unit -> appraised points of the leaves, typed as text with decimal commas or as numbers. */
const UNITS: [string, (string | number)[]][] = [
  ["Sở Tư pháp", ["1,5", 2, "3", "2,25"]],
  ["Sở Tài chính", [2, "1,75", 3, "2"]],
  ["Sở Nội vụ", ["2", "2", "2,5", "2,25"]],
  ["Sở Y tế", [1, 1, "1,5", "1.5"]],
];

function fillSheet(ws: ExcelJS.Worksheet, unit: string, points: (string | number)[], drop: string[] = []): void {
  ws.getCell("A1").value = "BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CCHC NĂM 2024";
  ws.getCell("A2").value = `Đơn vị: ${unit}`;
  ws.getRow(4).values = ["STT", "Lĩnh vực / Tiêu chí", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định"];
  let r = 5;
  for (const [code, title, max] of UNIT_CRITERIA) {
    if (drop.includes(code)) continue;
    const i = UNIT_LEAVES.indexOf(code);
    ws.getRow(r++).values = i < 0 ? [code, title, max] : [code, title, max, points[i], points[i]];
  }
}

async function unitFile(dir: string, name: string, unit: string, points: (string | number)[], drop: string[] = []): Promise<string> {
  const wb = new ExcelJS.Workbook();
  fillSheet(wb.addWorksheet("Sheet1"), unit, points, drop);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), "parscore-consolidate-"));
}

function totals(json: AnalysisJson): Record<string, [string | null, string | null]> {
  return Object.fromEntries(json.tables[0].units.map((u) => [u.name, [u.total, u.rankLabel]]));
}

describe("parscore consolidate", () => {
  test("a folder of unit files: one ranked table, the consolidation in the JSON; lock files and other files skipped", async () => {
    const dir = await tempDir();
    const units = path.join(dir, "don-vi");
    await fs.mkdir(units);
    await unitFile(units, "don-vi-1.xlsx", ...UNITS[0]);
    await unitFile(units, "don-vi-2.xlsx", ...UNITS[1]);
    await unitFile(units, "don-vi-10.xlsx", ...UNITS[3]);
    // A text file (decimal commas, semicolons) counts as a unit too.
    const csv = ["Đơn vị: Sở Nội vụ", "STT;Nội dung;Điểm tối đa;Điểm tự đánh giá;Điểm thẩm định"];
    for (const [code, title, max] of UNIT_CRITERIA) {
      const i = UNIT_LEAVES.indexOf(code);
      csv.push([code, title, max, i < 0 ? "" : String(UNITS[2][1][i]), i < 0 ? "" : String(UNITS[2][1][i])].join(";"));
    }
    await fs.writeFile(path.join(units, "don-vi-3.csv"), csv.join("\n"));
    await fs.writeFile(path.join(units, "~$don-vi-1.xlsx"), "lock");
    await fs.writeFile(path.join(units, "ghi-chu.txt"), "không phải bảng");
    await fs.mkdir(path.join(units, "cu"));
    await unitFile(path.join(units, "cu"), "don-vi-9.xlsx", "Sở Cũ", [0, 0, 0, 0]);

    const { code, out, err } = await run(["consolidate", units, "--json", "-"]);
    expect(err).toContain("Tổng hợp 4 bảng một đơn vị: 4 xếp hạng, 0 không xếp hạng, 0 không đưa vào.");
    expect(code).toBe(0);
    const json = JSON.parse(out) as ConsolidateJson;
    expect(json.tables).toHaveLength(1);
    expect(json.tables[0].layout).toBe("units-in-columns");
    // Sorted by name, numbers as numbers: 1, 2, 3, 10.
    expect(json.consolidation.units.map((u) => [u.name, u.file])).toEqual([
      ["Sở Tư pháp", "don-vi-1.xlsx"],
      ["Sở Tài chính", "don-vi-2.xlsx"],
      ["Sở Nội vụ", "don-vi-3.csv"],
      ["Sở Y tế", "don-vi-10.xlsx"],
    ]);
    expect(json.consolidation.sourceOf["Sở Tư pháp"]).toBe("'[don-vi-1.xlsx]Sheet1'!A4:E10");
    expect(json.consolidation.reference).toEqual({ unit: "Sở Tư pháp", criteria: 6, leaves: 4, sharedBy: 4 });
    expect(json.consolidation.mismatches).toEqual([]);
    expect(totals(json)).toEqual({
      "Sở Tư pháp": ["8.75", "1(3)"],
      "Sở Tài chính": ["8.75", "1(3)"],
      "Sở Nội vụ": ["8.75", "1(3)"],
      "Sở Y tế": ["5.00", "4"],
    });
    const area2 = json.tables[0].criteria.find((c) => c.code === "2");
    expect(area2?.units["Sở Y tế"]).toMatchObject({ points: "3.00", lost: "3.00", rankLabel: "4" });
  });

  test("-o with several files: a new workbook with the data sheet, gap and ranking sheets; the inputs are not written; analyze reads it back", async () => {
    const dir = await tempDir();
    const files = [];
    for (const [i, [unit, points]] of UNITS.entries()) files.push(await unitFile(dir, `u${i + 1}.xlsx`, unit, points));
    const before = await Promise.all(files.map((f) => fs.readFile(f)));
    const output = path.join(dir, "tong-hop.xlsx");
    const { code, out } = await run(["consolidate", ...files, "-o", output]);
    expect(code).toBe(0);
    expect(out).toContain(`Đã ghi ${output}: 'Tổng hợp', 'Phân tích điểm trừ', 'Xếp hạng'`);
    expect(await Promise.all(files.map((f) => fs.readFile(f)))).toEqual(before);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tổng hợp", "Phân tích điểm trừ", "Xếp hạng"]);
    expect(ownedSheets(wb).map((o) => o.sheet.name)).toEqual(["Phân tích điểm trừ", "Xếp hạng"]);
    const data = wb.getWorksheet("Tổng hợp") as ExcelJS.Worksheet;
    expect(data.getCell("D3").value).toBe("Sở Tư pháp");
    expect(data.getCell("E6").value).toBe(1.5);
    expect(conditionalFormattings(data).length).toBeGreaterThan(0);

    // The data sheet is an ordinary many-unit table: analyze gives the same totals and ranks.
    const again = await run(["analyze", output, "--json", "-"]);
    expect(again.code).toBe(0);
    const reread = JSON.parse(again.out) as AnalysisJson;
    expect(reread.tables).toHaveLength(1);
    expect(totals(reread)).toEqual({
      "Sở Tư pháp": ["8.75", "1(3)"],
      "Sở Tài chính": ["8.75", "1(3)"],
      "Sở Nội vụ": ["8.75", "1(3)"],
      "Sở Y tế": ["5.00", "4"],
    });

    // Never into one of the inputs.
    const onto = await run(["consolidate", ...files, "-o", files[1]]);
    expect(onto.code).toBe(2);
    expect(onto.err).toContain("là một trong các tệp đầu vào");
  });

  test("a workbook with one unit per sheet: its sheets kept, gap and ranking sheets added, highlights on each unit's sheet", async () => {
    const dir = await tempDir();
    const wb = new ExcelJS.Workbook();
    for (const [unit, points] of UNITS) fillSheet(wb.addWorksheet(unit), unit, points);
    const input = path.join(dir, "cac-so.xlsx");
    await wb.xlsx.writeFile(input);
    const output = path.join(dir, "cac-so-tong-hop.xlsx");
    const { code, out } = await run(["consolidate", input, "-o", output, "--lang", "en"]);
    expect(code).toBe(0);
    expect(out).toContain("Consolidated 4 one-unit table(s): 4 ranked, 0 not ranked, 0 left out.");
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(output);
    expect(written.worksheets.map((w) => w.name)).toEqual([...UNITS.map(([u]) => u), "Gap analysis", "Ranking"]);
    for (const [unit] of UNITS) expect(conditionalFormattings(written.getWorksheet(unit) as ExcelJS.Worksheet).length).toBeGreaterThan(0);
    // A re-run on the output reads the units' sheets only (ParScore's own are not input) and replaces its sheets.
    const again = path.join(dir, "lan-2.xlsx");
    const rerun = await run(["consolidate", output, "-o", again, "--lang", "en"]);
    expect(rerun.err).toBe("");
    expect(rerun.code).toBe(0);
    expect(rerun.out).toContain("Consolidated 4 one-unit table(s)");
    const third = new ExcelJS.Workbook();
    await third.xlsx.readFile(again);
    expect(third.worksheets.map((w) => w.name)).toEqual([...UNITS.map(([u]) => u), "Gap analysis", "Ranking"]);
  });

  test("mismatched criteria sets are reported with file and cell; an unreadable file is an error finding, the rest consolidated", async () => {
    const dir = await tempDir();
    await unitFile(dir, "a.xlsx", ...UNITS[0]);
    await unitFile(dir, "b.xlsx", ...UNITS[1]);
    await unitFile(dir, "c.xlsx", UNITS[2][0], UNITS[2][1], ["1.2"]);
    await fs.writeFile(path.join(dir, "d.xlsx"), "this is not a workbook\n");
    const { code, out, err } = await run(["consolidate", dir, "--json", "-", "--lang", "en"]);
    expect(code).toBe(0);
    const json = JSON.parse(out) as ConsolidateJson;
    expect(json.consolidation.counts).toEqual({ read: 3, ranked: 2, notRanked: 0, leftOut: 1 });
    const missing = json.consolidation.mismatches[0];
    expect(missing).toMatchObject({ kind: "consolidation-missing-criteria", code: "1.2", cell: "'[c.xlsx]Sheet1'!B5", severity: "warning" });
    expect(missing.message).toContain("File 'c.xlsx', sheet 'Sheet1': unit 'Sở Nội vụ' lacks 1 item(s)");
    // Located at the file (no cell: the file as a whole cannot be read).
    expect(json.findings.map((f) => [f.kind, f.severity, f.cell])).toEqual([["unreadable-file", "error", null]]);
    expect(json.findings[0].message).toContain("'" + path.join(dir, "d.xlsx") + "' is not a readable .xlsx workbook");
    expect(err).toContain("Sở Nội vụ (left out)");
    expect(Object.keys(totals(json))).toEqual(["Sở Tư pháp", "Sở Tài chính"]);
  });

  test("the bundled example (examples/consolidate): Roman areas and lettered items survive the data sheet round trip", async () => {
    const folder = path.join(__dirname, "..", "..", "examples", "consolidate");
    const dir = await tempDir();
    const output = path.join(dir, "tong-hop.xlsx");
    const { code, out } = await run(["consolidate", folder, "--json", "-", "-o", output]);
    expect(code).toBe(0);
    const json = JSON.parse(out) as ConsolidateJson;
    expect(json.consolidation.counts).toEqual({ read: 4, ranked: 4, notRanked: 0, leftOut: 0 });
    expect(json.consolidation.mismatches.map((m) => [m.kind, m.code, m.cell])).toEqual([
      ["consolidation-title-differs", "I.2", "'[so-y-te.xlsx]Tự đánh giá'!B9"],
    ]);
    const back = await run(["analyze", output, "--json", "-"]);
    const reread = JSON.parse(back.out) as AnalysisJson;
    expect(reread.tables[0].criteria.map((c) => c.code)).toEqual(json.tables[0].criteria.map((c) => c.code));
    expect(reread.tables[0].criteria.map((c) => c.code)).toContain("II.2.1.a");
    expect(totals(reread)).toEqual(totals(json));
    expect(reread.tables[0].findings).toEqual([]);
  });

  test("bad input: an empty folder, a missing path, nothing recognisable", async () => {
    const dir = await tempDir();
    const empty = path.join(dir, "trong");
    await fs.mkdir(empty);
    const none = await run(["consolidate", empty]);
    expect(none.code).toBe(1);
    expect(none.err).toContain(`Thư mục '${empty}' không có tệp .xlsx, .xlsm, .xls, .ods, .csv, .tsv nào để tổng hợp`);
    const missing = await run(["consolidate", path.join(dir, "khong-co")]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("không có tệp này");
    await fs.writeFile(path.join(dir, "x.csv"), "a;b\n1;2\n");
    const nothing = await run(["consolidate", path.join(dir, "x.csv"), "--lang", "en"]);
    expect(nothing.code).toBe(1);
    expect(nothing.err).toContain("Nothing to consolidate");
    // The cell limit counts every file of the run together.
    const many = path.join(dir, "nhieu");
    await fs.mkdir(many);
    for (const [i, [unit, points]] of UNITS.entries()) await unitFile(many, `u${i + 1}.xlsx`, unit, points);
    const limited = await run(["consolidate", many, "--max-cells", "120"]);
    expect(limited.code).toBe(1);
    expect(limited.err).toMatch(/vượt giới hạn 120 ô cho một lần chạy: đến tệp 'u\d.xlsx' \(tệp thứ \d\/4\)/);
    const usage = await run(["consolidate"]);
    expect(usage.code).toBe(2);
  });
});
