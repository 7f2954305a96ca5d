/**
 * Tables too big for memory are refused before the heavy work, with a message that says how big
 * and what to do. The real figures (measured, not run here): a 10,000 x 120 units-in-rows workbook
 * is analysed and written in about 75 s (3.9 GB resident, Node's default 4 GB heap; it also works in
 * 2.5 GB and runs out of memory in 1.8 GB); a 100,000 x 120 one ran out of memory after 3.5 minutes
 * and is now refused in under a second. These tests use small limits (`--max-cells`).
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as path from "path";
import * as writer from "../../src/hosts/xlsx/write-xlsx";
import { countWorkbookCells, defaultMaxCells, DEFAULT_MAX_CELLS } from "../../src/hosts/xlsx/size-guard";
import { storedZip } from "../hosts/write-helpers";
import { runCli, tempDir } from "./helpers";

let dir: string;
beforeAll(async () => {
  dir = await tempDir("parscore-size-");
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A units-in-rows table as the big ones are made: STT | Đơn vị | Tiêu chí 1..k | Tổng điểm, a max row, "0,57" text numbers. */
async function unitsWorkbook(file: string, units: number, criteria: number, extraSheets = 0): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const names = Array.from({ length: criteria }, (_, i) => `Tiêu chí ${i + 1}`);
  const sheets = [wb.addWorksheet("Xếp hạng"), ...Array.from({ length: extraSheets }, (_, i) => wb.addWorksheet(`Phụ ${i + 1}`))];
  for (const ws of sheets) {
    ws.addRow(["STT", "Đơn vị", ...names, "Tổng điểm"]).commit();
    ws.addRow([null, "Điểm tối đa", ...names.map(() => "0,83"), (0.83 * criteria).toFixed(2).replace(".", ",")]).commit();
    for (let u = 1; u <= units; u++) ws.addRow([u, `Đơn vị ${u}`, ...names.map(() => "0,57"), (0.57 * criteria).toFixed(2).replace(".", ",")]).commit();
    ws.commit();
  }
  await wb.commit();
}

test("the default limit is 1,500,000 cells, lower when Node's heap cannot hold that many (2.5 KB a cell)", () => {
  expect(DEFAULT_MAX_CELLS).toBe(1_500_000);
  expect(defaultMaxCells(4_345_298_944)).toBe(1_500_000);
  expect(defaultMaxCells(2_197_815_296)).toBe(879_126);
  expect(defaultMaxCells(50_000_000)).toBe(20_000);
  expect(defaultMaxCells(1_000_000)).toBe(10_000);
});

test("cells are counted from the sheet XML without loading the workbook: exact when read through, estimated when stopped early", async () => {
  const file = path.join(dir, "count.xlsx");
  await unitsWorkbook(file, 300, 40, 1);
  const bytes = await fs.readFile(file);
  // 302 rows (header, max row, 300 units) of 43 cells (the max row has no STT), on each of two sheets.
  const exact = { cells: 302 * 43 - 1, rows: 302, partial: false };
  expect(await countWorkbookCells(bytes)).toEqual([
    { sheet: "Xếp hạng", ...exact },
    { sheet: "Phụ 1", ...exact },
  ]);
  // Stopped early: the rest is estimated from the share read (this small sheet is read in one go).
  expect(await countWorkbookCells(bytes, 2_000)).toEqual([
    { sheet: "Xếp hạng", ...exact },
    { sheet: "Phụ 1", ...exact },
  ]);
  // A sheet of several megabytes stopped after its first: about its size, not a lower bound.
  const large = path.join(dir, "count-large.xlsx");
  await unitsWorkbook(large, 1_500, 40);
  const [estimated] = await countWorkbookCells(await fs.readFile(large), 2_000);
  expect(estimated.partial).toBe(true);
  expect(Math.abs(estimated.cells - 1_502 * 43) / (1_502 * 43)).toBeLessThan(0.1);
  expect(Math.abs(estimated.rows - 1_502) / 1_502).toBeLessThan(0.1);
  // Not a zip: nothing to count (the reader says what the file is).
  expect(await countWorkbookCells(Buffer.from("not a zip"))).toEqual([]);
});

test("sheet XML with a namespace prefix (<x:c>, as some .NET writers save it) is counted too", async () => {
  const sheet = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>${Array.from(
    { length: 5 },
    (_, r) => `<x:row r="${r + 1}"><x:c r="A${r + 1}" t="n"><x:v>1</x:v></x:c><x:c r="B${r + 1}"/><x:c r="C${r + 1}" s="1"/></x:row>`,
  ).join("")}</x:sheetData><x:cols><x:col min="1" max="3"/></x:cols></x:worksheet>`;
  const zip = storedZip({
    "xl/workbook.xml": '<workbook><sheets><sheet name="Bảng &amp; điểm" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": sheet,
  });
  expect(await countWorkbookCells(zip)).toEqual([{ sheet: "Bảng & điểm", cells: 15, rows: 5, partial: false }]);
});

test("above --max-cells the CLI refuses before loading the workbook, saying how big it is and what to do", async () => {
  const file = path.join(dir, "big.xlsx");
  await unitsWorkbook(file, 200, 30);
  const load = jest.spyOn(writer, "loadWorkbook");
  try {
    const refused = await runCli(["analyze", file, "--max-cells", "5000", "--lang", "en"]);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe("");
    expect(refused.err).toBe(
      `parscore: '${file}' is too big: 6,665 cells (sheet 'Xếp hạng': 6,665 cells, 202 rows), above the limit of 5,000 cells ParScore reads in one run; ` +
        "reading it all would run out of memory. Split the table into smaller files (e.g. by district or group of units) and run each, or delete sheets you do not need; " +
        "with enough memory you can raise the limit: NODE_OPTIONS=--max-old-space-size=1024 parscore analyze ... --max-cells 100000.\n" +
        `  '${file}' quá lớn: 6.665 ô (trang 'Xếp hạng': 6.665 ô, 202 dòng), vượt giới hạn 5.000 ô mà ParScore đọc trong một lần chạy; ` +
        "đọc hết sẽ làm cạn bộ nhớ. Hãy tách bảng thành nhiều tệp nhỏ hơn (ví dụ theo huyện hoặc nhóm đơn vị) rồi chạy từng tệp, hoặc xóa các trang không cần; " +
        "nếu máy đủ bộ nhớ, có thể nâng giới hạn: NODE_OPTIONS=--max-old-space-size=1024 parscore analyze ... --max-cells 100000.\n",
    );
    expect(load).not.toHaveBeenCalled();
    // Under the limit the same file is analysed: 200 units, each 30 x 0,57 = 17,10 of 24,90.
    const ok = await runCli(["analyze", file, "--max-cells", "1,000,000", "--json", "-"]);
    expect(ok.code).toBe(0);
    const units = (JSON.parse(ok.out) as { tables: { units: { total: string; max: string }[] }[] }).tables[0].units;
    expect(units).toHaveLength(200);
    expect(new Set(units.map((u) => `${u.total}/${u.max}`))).toEqual(new Set(["17.10/24.90"]));
  } finally {
    load.mockRestore();
  }
});

test("the limit counts every sheet of the workbook (ExcelJS loads them all), and CSV/TSV files too", async () => {
  const file = path.join(dir, "sheets.xlsx");
  await unitsWorkbook(file, 40, 10, 2);
  const refused = await runCli(["analyze", file, "--max-cells", "1000", "--sheet", "Xếp hạng"]);
  expect(refused.code).toBe(1);
  expect(refused.err).toContain("quá lớn: 1.635 ô (trang 'Xếp hạng': 545 ô, 42 dòng; trang 'Phụ 1': 545 ô, 42 dòng; trang 'Phụ 2': 545 ô, 42 dòng)");

  const csv = path.join(dir, "units.csv");
  const rows = ["STT;Đơn vị;Tiêu chí 1;Tiêu chí 2;Tổng điểm", ...Array.from({ length: 300 }, (_, i) => `${i + 1};Đơn vị ${i + 1};0,57;0,5;1,07`)];
  await fs.writeFile(csv, rows.join("\r\n"));
  const refusedCsv = await runCli(["analyze", csv, "--max-cells", "1000", "--lang", "en"]);
  expect(refusedCsv.code).toBe(1);
  expect(refusedCsv.err).toContain(`'${csv}' is too big: 1,505 cells (sheet 'units': 1,505 cells, 301 rows), above the limit of 1,000 cells`);
  expect((await runCli(["analyze", csv, "--max-cells", "2000"])).code).toBe(0);
});

test("--max-cells must be a positive whole number (a usage error otherwise)", async () => {
  const file = path.join(dir, "tiny.csv");
  await fs.writeFile(file, "STT,Nội dung,Điểm\n1,Một,1\n");
  for (const bad of ["abc", "0", "-5", "1.5e3", "12x"]) {
    const run = await runCli(["analyze", file, "--max-cells", bad, "--lang", "en"]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`--max-cells: '${bad}' is not a positive whole number.`);
  }
});
