/**
 * The bad-input corpus: workbooks and files users really hand over, each through the CLI
 * (`parscore analyze FILE --json -`) with its exact outcome: exit code, the findings (kind and cell),
 * the values read, and for files that cannot be read, the message (what is wrong, where, what to do).
 * Never a crash, never a silent wrong number: a cell that cannot be read is a located finding and no value.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as path from "path";
import type { AnalysisJson } from "../../src/pipeline/json";
import { storedZip } from "../hosts/write-helpers";
import { analyzeJson, compoundFile, findingList, maxima, messageAt, points, runCli, sheetRows, tempDir, xlsxFile } from "./helpers";

const HEAD = ["STT", "Nội dung", "Điểm tối đa", "Điểm thẩm định"];
const FIXTURES = path.join(__dirname, "..", "fixtures", "tables");

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Analyses a one-sheet workbook and insists on exit 0 and one table. */
async function oneTable(name: string, build: (wb: ExcelJS.Workbook) => void, ...args: string[]) {
  const file = await xlsxFile(dir, `${name}.xlsx`, build);
  const run = await analyzeJson(file, "--lang", "en", ...args);
  if (run.code !== 0 || !run.json) throw new Error(`${name}: exit ${run.code}\n${run.err}`);
  expect(run.json.tables).toHaveLength(1);
  return { json: run.json as AnalysisJson, table: run.json.tables[0], run };
}

describe("cells that are not clean numbers", () => {
  test("1. text in score cells: '8,7x' and 'tám' are errors at their cells, '-' a noted blank; none becomes 0", async () => {
    const { json, table } = await oneTable(
      "text-in-scores",
      sheetRows([HEAD, ["1", "Một", 2, "8,7x"], ["2", "Hai", 2, "tám"], ["3", "Ba", 2, "-"], ["4", "Bốn", 2, "1,5"], ["5", "Năm", 2, 1.25]]),
    );
    expect(points(table)).toEqual({ "1": null, "2": null, "3": null, "4": "1.50", "5": "1.25" });
    expect(findingList(json)).toEqual(["unreadable-number@S!D2", "unreadable-number@S!D3", "dash-as-blank@S!D4", "missing-points@S!D2"]);
    expect(messageAt(json, "unreadable-number", "S!D2")).toBe("Sheet 'S' D2: '8,7x' is not a number");
    expect(messageAt(json, "unreadable-number", "S!D3")).toBe("Sheet 'S' D3: 'tám' is not a number");
    expect(messageAt(json, "missing-points", "S!D2")).toBe("S: no points for 3 criteria (1, 2, 3); totals add up only the criteria that have points");
    // The total is the sum of what could be read (a lower bound, said so), not of zeros.
    expect(table.units[0]).toMatchObject({ total: "2.75", max: "10.00" });
  });

  test("2. thousands separators '1.234,5' and '1,234.5' are refused as ambiguous, with what to do", async () => {
    const { json, table } = await oneTable("thousands", sheetRows([HEAD, ["1", "Một", 2, "1.234,5"], ["2", "Hai", 2, "1,234.5"], ["3", "Ba", 2, "1,5"]]));
    expect(points(table)).toEqual({ "1": null, "2": null, "3": "1.50" });
    expect(findingList(json)).toEqual(["unreadable-number@S!D2", "unreadable-number@S!D3", "missing-points@S!D2"]);
    expect(messageAt(json, "unreadable-number", "S!D3")).toBe(
      "Sheet 'S' D3: '1,234.5' mixes separators (dot and comma) and could be read more than one way; use a single decimal separator",
    );
  });

  test("3. error values #N/A, #REF!, #DIV/0! (typed or as a formula's result) are errors at their cells", async () => {
    const { json, table } = await oneTable(
      "errors",
      sheetRows([
        HEAD,
        ["1", "Một", 2, { error: "#N/A" }],
        ["2", "Hai", 2, { error: "#REF!" }],
        ["3", "Ba", 2, { formula: "1/0", result: { error: "#DIV/0!" } }],
        ["4", "Bốn", { error: "#REF!" }, 1],
      ]),
    );
    expect(points(table)).toEqual({ "1": null, "2": null, "3": null, "4": "1.00" });
    expect(maxima(table)).toEqual({ "1": "2.00", "2": "2.00", "3": "2.00", "4": null });
    expect(findingList(json)).toEqual([
      "unreadable-number@S!C5",
      "unreadable-number@S!D2",
      "unreadable-number@S!D3",
      "unreadable-number@S!D4",
      "missing-points@S!D2",
    ]);
    expect(messageAt(json, "unreadable-number", "S!D4")).toBe("Sheet 'S' D4: the cell shows the error '#DIV/0!', no points can be read");
  });

  test("4. achieved above max, and negative points outside a penalty row, are reported at their cells and kept as given", async () => {
    const { json, table } = await oneTable(
      "above-negative",
      sheetRows([HEAD, ["1", "Một", 2, 3], ["2", "Hai", 2, -1], ["3", "Ba", 2, "1,5"], [null, "Điểm trừ", 2, -1]]),
    );
    expect(points(table)).toEqual({ "1": "3.00", "2": "-1.00", "3": "1.50", "diem-tru": "-1.00" });
    expect(findingList(json)).toEqual(["above-max@S!D2", "negative-points@S!D3"]);
    expect(messageAt(json, "above-max", "S!D2")).toBe("S: area 1 has 3 points, above its maximum of 2");
    expect(messageAt(json, "negative-points", "S!D3")).toBe("S: area 2 has negative points (-1); only penalty criteria can be negative");
    // 3 - 1 + 1.5 - 1 (the penalty): the figures as given, nothing capped or dropped silently.
    expect(table.units[0].total).toBe("2.50");
  });
});

describe("codes and tree", () => {
  test("4b. a penalty row whose max is written '-2' deducts its points (it used to add 2), a bonus with a negative max is not capped to it", async () => {
    const { json, table } = await oneTable(
      "penalty-max",
      sheetRows([HEAD, ["1", "Một", 2, 2], [null, "Điểm trừ", -2, 1], [null, "Điểm thưởng", -1, "0,5"]]),
    );
    expect(points(table)).toEqual({ "1": "2.00", "diem-tru": "-1.00", "diem-thuong": "0.50" });
    expect(table.units[0]).toMatchObject({ total: "1.50", max: "2.00" });
    expect(findingList(json)).toEqual(["negative-max@S!B4"]);
    expect(messageAt(json, "negative-max", "S!B4")).toBe("The maximum of area diem-thuong is negative (-1)");
  });

  test("5. a duplicate code, a row with points but no code, and a child without a parent", async () => {
    const { json, table } = await oneTable(
      "codes",
      sheetRows([
        HEAD,
        ["1", "Một", 2, 1],
        ["1", "Một lần nữa", 2, 2],
        ["2", "Hai", 2, 1],
        [null, "Không có mã", 1, 1],
        ["3.2", "Mồ côi", 1, "0,5"],
      ]),
    );
    expect(points(table)).toEqual({ "1": "1.00", "1#2": "2.00", "2": "1.00", "khong-co-ma": "1.00", "3.2": "0.50" });
    expect(findingList(json)).toEqual(["duplicate-code@S!B3", "code-without-parent@S!B6", "row-without-code@S!A5"]);
    expect(messageAt(json, "row-without-code", "S!A5")).toBe(
      "Sheet 'S' A5: row 'Không có mã' has points but no criterion code, so it is not added to the total; if it is a criterion, type its code (e.g. 1.3) in the No. column",
    );
    expect(messageAt(json, "duplicate-code", "S!B3")).toBe("Sheet 'S' B3: code '1' appears more than once; this row is coded '1#2'");
    // The uncoded row is not in the total: 1 + 2 + 1 + 0.5.
    expect(table.units[0].total).toBe("4.50");
  });

  test("6. a parent whose given total disagrees with its children: the children's sum is used and the difference reported", async () => {
    const { json, table } = await oneTable(
      "parent-sum",
      sheetRows([HEAD, ["1", "Cha", 2, 5], ["1.1", "Con", 1, 1], ["1.2", "Con hai", 1, "0,5"], ["2", "Hai", 2, "1,99"], ["2.1", "Con", 2, 2]]),
    );
    expect(points(table)).toEqual({ "1": "1.50", "1.1": "1.00", "1.2": "0.50", "2": "2.00", "2.1": "2.00" });
    expect(findingList(json)).toEqual(["sum-mismatch@S!D2", "rounding-difference@S!D5"]);
    expect(messageAt(json, "sum-mismatch", "S!D2")).toBe(
      "S: area 1 is given as 5, but its parts add up to 1.5 (difference 3.5, beyond the rounding tolerance of 0.01); the sum of the parts is used, please check the table",
    );
  });
});

describe("tables that are empty, doubled, merged or hidden", () => {
  test("7. a header row with nothing under it: exit 1, located, not counted as a table", async () => {
    const file = await xlsxFile(dir, "header-only.xlsx", sheetRows([["BẢNG ĐIỂM"], HEAD]));
    const run = await analyzeJson(file, "--lang", "en");
    expect(run.code).toBe(1);
    expect(run.json?.tables).toEqual([]);
    expect(findingList(run.json as AnalysisJson)).toEqual(["empty-table@S!A2"]);
    expect(messageAt(run.json as AnalysisJson, "empty-table", "S!A2")).toBe(
      "Sheet 'S' A2: a header row (A2:D2) has no criterion rows under it; type the criterion rows (code, title, points) right under the header",
    );
    expect(run.err).toContain("A header row was found but no criterion or unit rows under it");

    const units = await xlsxFile(dir, "units-header-only.xlsx", sheetRows([["STT", "Đơn vị", "Lĩnh vực 1", "Tổng điểm"], [null, "Điểm tối đa", 10, 10]]));
    const unitsRun = await analyzeJson(units, "--lang", "vi");
    expect(unitsRun.code).toBe(1);
    expect(findingList(unitsRun.json as AnalysisJson)).toEqual(["empty-table@S!A1"]);
    expect(unitsRun.json?.findings[0].message).toBe(
      "Trang 'S' ô A1: có dòng tiêu đề cột (A1:D1) nhưng bên dưới không có dòng đơn vị nào; hãy nhập mỗi đơn vị một dòng (tên, điểm) ngay dưới dòng tiêu đề",
    );
  });

  test("8. a sheet that is all blank (formatted, no values) and a workbook with an empty sheet: exit 1, no table", async () => {
    const blank = await xlsxFile(dir, "all-blank.xlsx", (wb) => {
      const ws = wb.addWorksheet("S");
      for (let r = 1; r <= 20; r++) for (let c = 1; c <= 6; c++) ws.getCell(r, c).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
      ws.getCell("B3").value = "   ";
    });
    for (const file of [blank, await xlsxFile(dir, "empty-sheet.xlsx", (wb) => void wb.addWorksheet("S"))]) {
      const run = await analyzeJson(file, "--lang", "en");
      expect(run.code).toBe(1);
      expect(findingList(run.json as AnalysisJson)).toEqual(["no-table-found@"]);
      expect(run.json?.findings[0].message).toBe("Sheet 'S': no score table found (a header row like STT | Nội dung | Điểm tối đa ... is needed)");
      expect(run.err).toContain("No score table found. A score table needs a header row");
    }
  });

  test("9. two tables on one sheet are two tables, each with its own range and values", async () => {
    const { json } = await analyzeJson(
      await xlsxFile(dir, "two-tables.xlsx", sheetRows([["BẢNG 1"], HEAD, ["1", "Một", 2, 1], ["2", "Hai", 2, "1,5"], [], [], [], ["BẢNG 2"], HEAD, ["1", "Một", 3, 2]])),
    );
    expect(json?.tables.map((t) => [t.range, t.title, t.units[0].total])).toEqual([
      ["A2:D4", "BẢNG 1", "2.50"],
      ["A9:D10", "BẢNG 2", "2.00"],
    ]);
    expect(findingList(json as AnalysisJson)).toEqual([]);
  });

  test("10. merged cells across data rows or points columns: the hidden cells are named, never filled in", async () => {
    const { json, table } = await oneTable(
      "merged",
      (wb) => {
        sheetRows([HEAD, ["1", "Một", 2, 1], ["2", "Hai", 2, "1,5"], ["3", "Ba", 2, 1], ["4", "Bốn", 2, 2]])(wb);
        const ws = wb.getWorksheet("S") as ExcelJS.Worksheet;
        ws.mergeCells("D2:D3");
        ws.mergeCells("B4:D4");
      },
    );
    expect(points(table)).toEqual({ "1": "1.00", "2": null, "3": null, "4": "2.00" });
    expect(maxima(table)).toEqual({ "1": "2.00", "2": "2.00", "3": null, "4": "2.00" });
    expect(findingList(json)).toEqual(["merged-cells@S!D2", "merged-cells@S!B4", "missing-points@S!D3"]);
    expect(messageAt(json, "merged-cells", "S!D2")).toBe(
      "Sheet 'S' D2: the merged area D2:D3 covers 1 points cell(s) (D3); its value is in D2 only and the covered cells read as blank; unmerge it (Merge & Center) and type the points in each cell",
    );
    expect(messageAt(json, "merged-cells", "S!B4")).toContain("covers 2 points cell(s) (C4, D4)");
  });

  test("11. hidden rows with data are read (and said to be hidden)", async () => {
    const { json, table } = await oneTable("hidden", (wb) => {
      sheetRows([HEAD, ["1", "Một", 2, 1], ["2", "Hai", 2, "1,5"], ["3", "Ba", 2, 1]])(wb);
      (wb.getWorksheet("S") as ExcelJS.Worksheet).getRow(3).hidden = true;
    });
    expect(points(table)).toEqual({ "1": "1.00", "2": "1.50", "3": "1.00" });
    expect(findingList(json)).toEqual(["hidden-cells@"]);
    expect(json.tables[0].findings[0].message).toBe("Sheet 'S': the table has hidden rows/columns (3); they are read all the same");
  });

  test("12. formulas saved without a calculated result (openpyxl, PHPExcel, ExcelJS): unknown, located, never 0 or blank", async () => {
    const { json, table } = await oneTable(
      "uncalculated",
      sheetRows([
        HEAD,
        ["1", "Một", 2, { formula: "SUM(C2:C3)" }],
        ["2", "Hai", 2, { formula: "C3/2", result: 1 }],
        ["3", "Ba", { formula: "2+1" }, "1,5"],
      ]),
    );
    expect(points(table)).toEqual({ "1": null, "2": "1.00", "3": "1.50" });
    expect(maxima(table)).toEqual({ "1": "2.00", "2": "2.00", "3": null });
    expect(findingList(json)).toEqual(["formula-without-result@S!C4", "formula-without-result@S!D2", "missing-points@S!D2"]);
    expect(messageAt(json, "formula-without-result", "S!D2")).toBe(
      "Sheet 'S' D2: the cell holds the formula =SUM(C2:C3) but the file has no calculated result for it (it was written by a program that does not calculate), so its points are unknown; open the file in Excel or LibreOffice, save it, and run again",
    );
  });
});

describe("text that is long, foreign or hostile to terminals", () => {
  test("13. a 5,000-character title and criterion title are kept whole, and written to the scored workbook", async () => {
    const title = `BẢNG ĐIỂM ${"rất dài ".repeat(624)}`.trim();
    const criterion = `Tiêu chí ${"x".repeat(4990)}`;
    expect(title.length).toBeGreaterThanOrEqual(5000);
    const file = await xlsxFile(dir, "long.xlsx", sheetRows([[title], HEAD, ["1", criterion, 2, 1]]));
    const out = path.join(dir, "long-out.xlsx");
    const run = await analyzeJson(file, "-o", out);
    expect(run.code).toBe(0);
    expect(run.json?.tables[0].title).toBe(title);
    expect(run.json?.tables[0].criteria[0].title).toBe(criterion);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const texts: string[] = [];
    wb.getWorksheet("Phân tích điểm trừ")?.eachRow((row) => row.eachCell((c) => void (typeof c.value === "string" && texts.push(c.value))));
    expect(texts.some((t) => t.includes(title))).toBe(true);
  });

  test("14. emoji and right-to-left names are kept exactly, in JSON and in the ranking sheet", async () => {
    const names = ["Sở 😀 Tư pháp", "وزارة الداخلية", "Sở\u202eRTL", "👨‍👩‍👧 Phường 1"];
    const file = await xlsxFile(dir, "emoji.xlsx", sheetRows([["Bảng điểm 🎉 مرحبا"], ["STT", "Đơn vị", "Lĩnh vực 1", "Lĩnh vực 2", "Tổng điểm"], ...names.map((n, i) => [i + 1, n, 1, i, 1 + i])]));
    const out = path.join(dir, "emoji-out.xlsx");
    const run = await analyzeJson(file, "-o", out);
    expect(run.code).toBe(0);
    expect(run.json?.tables[0].units.map((u) => u.name).sort()).toEqual([...names].sort());
    expect(findingList(run.json as AnalysisJson)).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ranking: string[] = [];
    wb.getWorksheet("Xếp hạng")?.eachRow((row) => row.eachCell((c) => void (typeof c.value === "string" && ranking.push(c.value))));
    for (const n of names) expect(ranking).toContain(n);
  });

  test("15. control characters: escaped on the terminal, raw in JSON, and the scored workbook still opens", async () => {
    const csv = path.join(dir, "control.csv");
    await fs.writeFile(csv, ["STT,Đơn vị,Lĩnh vực 1,Tổng điểm", "1,\u001b[31mĐỏ\u001b[0m,1,1", "2,Sở\u0007\u0000B\uFFFE,2,2", "3,Sở\u202eC,3,3"].join("\n"));
    const out = path.join(dir, "control-out.xlsx");
    const printed = await runCli(["analyze", csv, "-o", out]);
    expect(printed.code).toBe(0);
    expect(printed.out).toContain("\\x1b[31mĐỏ\\x1b[0m");
    expect(printed.out).toContain("Sở\\u202eC");
    expect(printed.out).not.toMatch(/[\u0000-\u0008\u001b\u202e]/);
    const json = (await analyzeJson(csv)).json as AnalysisJson;
    expect(json.tables[0].units.map((u) => u.name)).toEqual(["\u001b[31mĐỏ\u001b[0m", "Sở\u0007\u0000B\uFFFE", "Sở\u202eC"]);
    // XML cannot hold U+0000, U+0007 or U+FFFE: they become U+FFFD, and the file opens.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet("control")?.getCell("B3").value).toBe("Sở\uFFFD\uFFFDB\uFFFD");
    expect(wb.getWorksheet("control")?.getCell("B2").value).toBe("\uFFFD[31mĐỏ\uFFFD[0m");
  });
});

describe("files that are not a readable .xlsx", () => {
  /** Runs the CLI on bytes saved under `name`; returns exit code and both-language message. */
  async function refused(name: string, bytes: Buffer | null): Promise<{ code: number; err: string }> {
    const file = path.join(dir, name);
    if (bytes) await fs.writeFile(file, bytes);
    const { code, err, out } = await runCli(["analyze", file, "--lang", "en"]);
    expect(out).toBe("");
    return { code, err: err.split(dir + path.sep).join("") };
  }

  let good: Buffer;
  beforeAll(async () => {
    good = await fs.readFile(await xlsxFile(dir, "good.xlsx", sheetRows([HEAD, ["1", "Một", 2, 1]])));
  });

  test("16. a zero-byte file", async () => {
    expect(await refused("zero.xlsx", Buffer.alloc(0))).toEqual({
      code: 1,
      err:
        "parscore: 'zero.xlsx' is empty (0 bytes): there is nothing to read. A download or copy may not have finished: fetch the file again, or open the original in Excel and save it again.\n" +
        "  Tệp 'zero.xlsx' rỗng (0 byte), không có gì để đọc. Có thể tệp chưa được tải về hoặc sao chép xong: hãy lấy lại tệp, hoặc mở bảng gốc bằng Excel và lưu lại.\n",
    });
  });

  test("17. a truncated .xlsx (half a real file)", async () => {
    const { code, err } = await refused("truncated.xlsx", good.subarray(0, Math.floor(good.length / 2)));
    expect(code).toBe(1);
    expect(err).toMatch(/^parscore: 'truncated\.xlsx' is damaged or incomplete \(an \.xlsx or \.ods is a zip archive and part of this one is missing or fails its checksum/);
    expect(err).toContain("Tệp 'truncated.xlsx' bị hỏng hoặc không đầy đủ");
  });

  test("18. a zip of garbage, and a zip holding a Word document", async () => {
    const garbage = await refused("garbage.xlsx", storedZip({ "data.bin": "\u0001\u0002 not a workbook" }));
    expect(garbage.code).toBe(1);
    expect(garbage.err).toContain("'garbage.xlsx' is not a readable .xlsx workbook: it is a zip archive but not an Excel workbook (it has no xl/workbook.xml)");
    const word = await refused("word.xlsx", storedZip({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>" }));
    expect(word.err).toContain("'word.xlsx' is a Word document, not a spreadsheet. Copy the score table into Excel");
  });

  test("19. a password-protected .xlsx (an encrypted package in a Compound File)", async () => {
    const { code, err } = await refused("password.xlsx", compoundFile(["EncryptionInfo", "EncryptedPackage"]));
    expect(code).toBe(1);
    expect(err).toContain("'password.xlsx' is protected with a password to open (encrypted), so ParScore cannot read it.");
    expect(err).toContain("clear the password, save, and run again");
    expect(err).toContain("Tệp 'password.xlsx' được đặt mật khẩu mở tệp (mã hóa)");
  });

  test("20. an .xls and an .ods (made by LibreOffice) renamed to .xlsx are read as what they are; a Compound File with an empty Workbook stream is not", async () => {
    for (const [name, fixture] of [["renamed-xls.xlsx", "bang-97-2003.xls"], ["renamed-ods.xlsx", "bang-opendocument.ods"]]) {
      const file = path.join(dir, name);
      await fs.writeFile(file, await fs.readFile(path.join(FIXTURES, fixture)));
      const run = await runCli(["analyze", file, "--lang", "en"]);
      expect(run.code).toBe(0);
      expect(run.out).toContain("Tự đánh giá: 4.25/5.00 points, 85.00%");
    }
    const ole = await refused("minimal-ole.xlsx", compoundFile(["Workbook"]));
    expect(ole.code).toBe(1);
    expect(ole.err).toContain("'minimal-ole.xlsx' is not a readable Excel 97-2003 (.xls) or OpenDocument (.ods) workbook (");
    expect(ole.err).toContain("'minimal-ole.xlsx' không phải là sổ Excel 97-2003 (.xls) hay OpenDocument (.ods) đọc được (");
  });

  test("21. a CSV, a web page and a PDF with an .xlsx name; an .xlsx with a .csv name", async () => {
    expect((await refused("csv.xlsx", Buffer.from("STT,Nội dung\n1,Một\n"))).err).toContain(
      "'csv.xlsx' is not a readable .xlsx workbook: it is a text file, not an Excel workbook. If it is a table separated by commas or tabs, rename it to .csv or .tsv",
    );
    expect((await refused("page.xlsx", Buffer.from("<html><body><table><tr><td>STT</td></tr></table></body></html>"))).err).toContain(
      "'page.xlsx' is a web page (HTML) with a spreadsheet's name, as some software exports tables. Open it in Excel or LibreOffice, choose Save As",
    );
    expect((await refused("doc.xlsx", Buffer.from("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n"))).err).toContain("'doc.xlsx' is a PDF document; ParScore reads spreadsheets.");
    const csvName = await refused("workbook.csv", good);
    expect(csvName.code).toBe(1);
    expect(csvName.err).toContain("'workbook.csv' has a text file's name (.csv/.tsv) but is not text. It is an Excel .xlsx workbook: rename it to .xlsx and run again.");
  });

  test("22. a folder, a missing file, a damaged sheet inside a valid zip", async () => {
    await fs.mkdir(path.join(dir, "folder.xlsx"), { recursive: true });
    expect(await refused("folder.xlsx", null)).toEqual({
      code: 1,
      err: "parscore: Cannot read file 'folder.xlsx' (EISDIR): it is a folder, not a file; name a file in it.\n  Không đọc được tệp 'folder.xlsx' (EISDIR): đây là một thư mục, không phải tệp; hãy chỉ ra tệp bên trong.\n",
    });
    expect((await refused("absent.xlsx", null)).err).toBe(
      "parscore: Cannot read file 'absent.xlsx' (ENOENT): there is no such file; check the name and folder.\n  Không đọc được tệp 'absent.xlsx' (ENOENT): không có tệp này; hãy kiểm tra tên và thư mục.\n",
    );
    const broken = storedZip({
      "[Content_Types].xml": "<Types/>",
      "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="S" sheetId="1" r:id="rId1"',
    });
    const damaged = await refused("damaged-xml.xlsx", broken);
    expect(damaged.code).toBe(1);
    expect(damaged.err).toMatch(/^parscore: 'damaged-xml\.xlsx' is not a readable \.xlsx workbook \(.+\); it may be damaged or written incorrectly by another program\. Open it in Excel or LibreOffice, save it again as \.xlsx, and run again\.\n/);
  });
});

describe("where the output goes", () => {
  test("23. -o a folder, -o in a folder that does not exist, -o without .xlsx: refused before any work", async () => {
    const input = await xlsxFile(dir, "in-23.xlsx", sheetRows([HEAD, ["1", "Một", 2, 1]]));
    await fs.mkdir(path.join(dir, "out-folder.xlsx"), { recursive: true });
    const folder = await runCli(["analyze", input, "-o", path.join(dir, "out-folder.xlsx"), "--lang", "en"]);
    expect(folder.code).toBe(1);
    expect(folder.out).toBe("");
    expect(folder.err).toContain("out-folder.xlsx' is a folder, not a file; name the output file inside it");
    const nowhere = await runCli(["analyze", input, "-o", path.join(dir, "no-such-folder", "x.xlsx"), "--lang", "en"]);
    expect(nowhere.code).toBe(1);
    expect(nowhere.err).toContain("no-such-folder' does not exist; create it first or choose another folder.");
    const csvOut = await runCli(["analyze", input, "-o", path.join(dir, "x.csv")]);
    expect(csvOut.code).toBe(2);
    expect(csvOut.err).toContain("tệp kết quả là một sổ Excel .xlsx (hoặc .xlsm khi tệp đầu vào là .xlsm); hãy đặt tên kết thúc bằng .xlsx (ví dụ -o ket-qua.xlsx).");
  });

  test("24. -o over the input itself: allowed, and a user's chart part comes out byte for byte (refusals: in-place-parts.test.ts)", async () => {
    const plain = await xlsxFile(dir, "in-place.xlsx", sheetRows([HEAD, ["1", "Một", 2, 1]]));
    expect((await runCli(["analyze", plain, "-o", plain])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(plain);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["S", "Phân tích điểm trừ"]);

    const withChart = path.join(dir, "with-chart.xlsx");
    const files: Record<string, string> = {};
    const { entryCompressed, zipEntries, zipText } = await import("../../src/hosts/xlsx/zip");
    const bytes = await fs.readFile(plain);
    for (const e of zipEntries(bytes)) files[e.name] = zipText(bytes, e);
    // A user's chart (not one of the charts ParScore draws on its own sheets, which a re-run replaces).
    files["xl/charts/chart99.xml"] = "<c:chartSpace/>";
    await fs.writeFile(withChart, storedZip(files));
    const chartBytes = (b: Buffer) => entryCompressed(b, zipEntries(b).find((e) => e.name === "xl/charts/chart99.xml")!);
    const before = chartBytes(await fs.readFile(withChart));
    const run = await runCli(["analyze", withChart, "-o", withChart, "--lang", "en"]);
    expect(run.code).toBe(0);
    expect(chartBytes(await fs.readFile(withChart)).equals(before)).toBe(true);
  });

  test("25. a CSV/TSV named with characters Excel forbids in sheet names still makes a scored workbook", async () => {
    const tsv = path.join(dir, "bảng [2019]: tỉnh Thừa Thiên Huế, năm hai nghìn mười chín.tsv");
    await fs.copyFile(path.join(__dirname, "..", "fixtures", "tables", "thua-thien-hue-2019-areas.tsv"), tsv);
    const out = path.join(dir, "tsv-out.xlsx");
    const run = await runCli(["analyze", tsv, "-o", out, "--json", "-"]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out) as AnalysisJson;
    expect(json.tables[0].sheet).toBe("bảng (2019)- tỉnh Thừa Thiên Hu");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["bảng (2019)- tỉnh Thừa Thiên Hu", "Phân tích điểm trừ"]);
  });
});
