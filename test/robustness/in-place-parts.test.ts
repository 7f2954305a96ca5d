/**
 * `-o` over the input itself, now that the part writer copies the user's parts untouched (issue 17):
 * a macro-enabled workbook (.xlsm) with a chart keeps its chart, drawing and vbaProject.bin byte for
 * byte, over itself or into another .xlsm, and LibreOffice opens the result; only a workbook the part
 * writer does not take, whose rewrite would lose parts, is still refused.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as path from "path";
import { addChartsToXlsx } from "../../src/hosts/xlsx/charts";
import { entryCompressed, ZipPackage, zipEntries, zipText } from "../../src/hosts/xlsx/zip";
import type { PlannedSheet } from "../../src/report/plan";
import { sheetsAsCsv, sofficePath } from "../helpers/libreoffice";
import { runCli, sheetRows, tempDir, xlsxFile } from "./helpers";

const HEAD = ["STT", "Tiêu chí", "Điểm tối đa", "Điểm đạt được"];
const ROWS = [HEAD, ["1", "Công tác chỉ đạo", 10, 8], ["2", "Cải cách thể chế", 12, 9.5], ["3", "Cải cách TTHC", 14, 11]];
const MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
// Not a real VBA project: bytes ParScore must carry without reading them.
const VBA = "\u00d0\u00cf\u0011\u00e0 fake VBA project bytes, kept as they are";

/** A chart of the user's own on sheet S (drawn with the chart writer, but on a sheet ParScore does not own). */
function userChart(): PlannedSheet {
  return {
    name: "S",
    role: "gap",
    owner: "parscore",
    blocks: [],
    merges: [],
    columnWidths: [],
    rowHeights: {},
    conditionalFormats: [],
    charts: [{ kind: "points-vs-max", type: "column", title: "Điểm", categories: "B2:B4", series: [{ name: "Điểm", values: "D2:D4", color: "4472C4" }], from: "F2", to: "L16" }],
  };
}

async function macroWorkbookWithChart(file: string): Promise<void> {
  const plain = await fs.readFile(await xlsxFile(path.dirname(file), "plain.xlsx", sheetRows(ROWS)));
  const zip = ZipPackage.read(addChartsToXlsx(plain, [{ sheet: "S", planned: userChart(), lang: "vi" }]));
  const types = (zip.text("[Content_Types].xml") ?? "")
    .replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", MACRO_MAIN)
    .replace("<Default ", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default ');
  zip.set("[Content_Types].xml", types);
  zip.set(
    "xl/_rels/workbook.xml.rels",
    (zip.text("xl/_rels/workbook.xml.rels") ?? "").replace(
      "</Relationships>",
      '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
    ),
  );
  zip.set("xl/vbaProject.bin", VBA);
  await fs.writeFile(file, zip.toBuffer());
}

/** Compressed bytes, method and CRC of the parts whose names match. */
function partsMatching(bytes: Buffer, pattern: RegExp): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of zipEntries(bytes)) if (pattern.test(e.name)) out.set(e.name, `${e.method}/${e.crc}/${entryCompressed(bytes, e).toString("base64")}`);
  return out;
}

const USER_PARTS = /^xl\/(vbaProject\.bin|charts\/chart\d+\.xml|drawings\/drawing\d+\.xml|drawings\/_rels\/drawing\d+\.xml\.rels|worksheets\/_rels\/sheet1\.xml\.rels)$/;

let dir: string;
beforeAll(async () => {
  dir = await tempDir("parscore-in-place-");
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("an .xlsm with a chart, -o over itself: chart, drawing and vbaProject.bin byte-identical; LibreOffice opens it", async () => {
  const file = path.join(dir, "bang.xlsm");
  await macroWorkbookWithChart(file);
  const before = await fs.readFile(file);
  const kept = partsMatching(before, USER_PARTS);
  expect([...kept.keys()].sort()).toEqual(["xl/charts/chart1.xml", "xl/drawings/_rels/drawing1.xml.rels", "xl/drawings/drawing1.xml", "xl/vbaProject.bin", "xl/worksheets/_rels/sheet1.xml.rels"]);

  const run = await runCli(["analyze", file, "-o", file]);
  expect(run.err).toBe("");
  expect(run.code).toBe(0);
  const after = await fs.readFile(file);
  expect(after.equals(before)).toBe(false);
  const afterParts = partsMatching(after, USER_PARTS);
  for (const [name, bytes] of kept) expect([name, afterParts.get(name)]).toEqual([name, bytes]);
  const types = zipText(after, zipEntries(after).find((e) => e.name === "[Content_Types].xml")!);
  expect(types).toContain(MACRO_MAIN);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(after as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["S", "Phân tích điểm trừ"]);

  if (!sofficePath()) throw new Error("LibreOffice (soffice) is not on PATH; install libreoffice-calc to run this test");
  // LibreOffice takes an .xlsm by its content; the user's sheet reads back as typed.
  const csv = await sheetsAsCsv(file, ["S"]);
  expect(csv.get("S")?.slice(0, 4).map((r) => r.slice(0, 4))).toEqual([HEAD, ["1", "Công tác chỉ đạo", "10", "8"], ["2", "Cải cách thể chế", "12", "9.5"], ["3", "Cải cách TTHC", "14", "11"]]);
}, 240_000);

test("into another .xlsm the parts are kept the same way; an .xlsm output is refused for an .xlsx input", async () => {
  const file = path.join(dir, "nguon.xlsm");
  await macroWorkbookWithChart(file);
  const kept = partsMatching(await fs.readFile(file), USER_PARTS);
  const out = path.join(dir, "ket-qua.xlsm");
  expect((await runCli(["analyze", file, "-o", out])).code).toBe(0);
  // ParScore's own charts are new parts beside them (chart2 ...); the user's are the same bytes.
  const written = partsMatching(await fs.readFile(out), USER_PARTS);
  for (const [name, bytes] of kept) expect([name, written.get(name)]).toEqual([name, bytes]);

  const plain = await xlsxFile(dir, "plain2.xlsx", sheetRows(ROWS));
  const wrong = await runCli(["analyze", plain, "-o", path.join(dir, "x.xlsm")]);
  expect(wrong.code).toBe(2);
  expect(wrong.err).toContain("tệp kết quả là một sổ Excel .xlsx (hoặc .xlsm khi tệp đầu vào là .xlsm)");
});

test("a workbook the part writer does not take (prefixed XML) with a chart is still refused over itself, and left as it was", async () => {
  const file = path.join(dir, "prefixed.xlsx");
  const plain = await fs.readFile(await xlsxFile(dir, "plain3.xlsx", sheetRows(ROWS)));
  const zip = ZipPackage.read(addChartsToXlsx(plain, [{ sheet: "S", planned: userChart(), lang: "vi" }]));
  const book = zip.text("xl/workbook.xml") ?? "";
  zip.set("xl/workbook.xml", book.replace("<workbook ", '<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ').replace("</workbook>", "</x:workbook>"));
  await fs.writeFile(file, zip.toBuffer());
  const before = await fs.readFile(file);
  const run = await runCli(["analyze", file, "-o", file]);
  expect(run.code).toBe(1);
  expect(run.err).toContain(`-o '${file}' là chính tệp đầu vào, và ghi đè lên nó sẽ làm mất một phần nội dung (The workbook has charts / biểu đồ;`);
  expect((await fs.readFile(file)).equals(before)).toBe(true);
});
