/**
 * Excel 97-2003 (.xls) and OpenDocument (.ods) workbooks, as offices still send them, are read
 * directly (SheetJS CE), read the same as the .xlsx they came from, and `-o` writes a new .xlsx
 * beside them (the .xls or .ods itself is never written).
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import type { AnalysisJson } from "../../src/pipeline/json";
import { run } from "./run";

const TABLES = path.join(__dirname, "..", "fixtures", "tables");
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-formats-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe.each(["bang-97-2003.xls", "bang-opendocument.ods"])("%s", (name) => {
  test("is read: its one unit's points, max and percent, and its title", async () => {
    const { code, out } = await run(["analyze", path.join(TABLES, name), "--json", "-"]);
    expect(code).toBe(0);
    const table = (JSON.parse(out) as AnalysisJson).tables[0];
    expect(table.title).toBe("BẢNG TỰ ĐÁNH GIÁ CHỈ SỐ CCHC NĂM 2024");
    expect(table.units.map((u) => [u.total, u.max, u.percent])).toEqual([["4.25", "5.00", "85.00"]]);
    expect(table.criteria.map((c) => [c.code, c.max])).toEqual([
      ["1", "2.00"],
      ["2", "3.00"],
    ]);
  });

  test("-o writes a new .xlsx with the table as read and ParScore's sheets; the input is untouched", async () => {
    const input = path.join(dir, name);
    await fs.copyFile(path.join(TABLES, name), input);
    const before = await fs.readFile(input);
    const output = path.join(dir, `${path.basename(name, path.extname(name))}-ket-qua.xlsx`);
    const { code, out } = await run(["analyze", input, "-o", output, "--lang", "en"]);
    expect(code).toBe(0);
    expect(out).toContain(`Wrote ${output}`);
    expect((await fs.readFile(input)).equals(before)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    const sheet = wb.getWorksheet("Tự đánh giá");
    expect(sheet?.getCell("B3").value).toBe("Công tác chỉ đạo");
    expect(sheet?.getCell("C3").value).toBe(2);
    expect(sheet?.getCell("D4").value).toBe("2,75");
    expect(wb.worksheets.length).toBeGreaterThan(1);
  });
});

test("a folder of .xls and .ods unit files is consolidated like .xlsx ones", async () => {
  const units = path.join(dir, "units");
  await fs.mkdir(units);
  await fs.copyFile(path.join(TABLES, "bang-97-2003.xls"), path.join(units, "a.xls"));
  await fs.copyFile(path.join(TABLES, "bang-opendocument.ods"), path.join(units, "b.ods"));
  const { code, out } = await run(["consolidate", units, "--json", "-"]);
  expect(code).toBe(0);
  const json = JSON.parse(out) as AnalysisJson;
  expect(json.findings.filter((f) => f.kind === "unreadable-file")).toEqual([]);
  expect(json.tables[0].units).toHaveLength(2);
});
