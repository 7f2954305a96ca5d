/**
 * Parts whose bytes do not match the CRC-32 their archive declares (found by the fuzz job: a flipped
 * byte inside deflated data can still inflate, to different text). A part ParScore reads or rewrites
 * that fails its checksum refuses the file with the damaged-file message in the run's language, never
 * a silent wrong number, an internal error, or minutes inside SheetJS (.ods).
 */
import { promises as fs } from "fs";
import * as path from "path";
import { verifyArchive } from "../../src/hosts/xlsx/zip";
import { runCli, sheetRows, tempDir, xlsxFile } from "./helpers";
import { repeated, withWrongCrc, zipOf } from "./xlsx-parts";

const HEAD = ["STT", "Tiêu chí", "Điểm tối đa", "Điểm đạt được"];
const DAMAGED_VI = /^parscore: Tệp '.*' bị hỏng hoặc không đầy đủ \(tệp \.xlsx hay \.ods là một tệp nén và một phần của nó bị thiếu hoặc sai mã kiểm tra/;

let dir: string;
let good: Buffer;
beforeAll(async () => {
  dir = await tempDir("parscore-damaged-");
  good = await fs.readFile(await xlsxFile(dir, "good.xlsx", sheetRows([HEAD, ["1", "Một", 2, 1], ["2", "Hai", 3, 2]])));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function analyze(name: string, bytes: Buffer, ...args: string[]) {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  return runCli(["analyze", file, "--json", path.join(dir, `${name}.json`), ...args]);
}

test("the good workbook reads (so the refusals below are the checksum's doing)", async () => {
  expect((await analyze("intact.xlsx", good)).code).toBe(0);
});

test("a sheet that inflates but fails its checksum is refused, in Vietnamese by default", async () => {
  const { code, err } = await analyze("sheet-crc.xlsx", withWrongCrc(good, "xl/worksheets/sheet1.xml"));
  expect(code).toBe(1);
  expect(err).toMatch(DAMAGED_VI);
  expect(err).not.toMatch(/internal error|lỗi nội bộ|\n\s+at /);
});

test("[Content_Types].xml failing its checksum: -o refuses the file and writes nothing (the reader never needed that part)", async () => {
  const output = path.join(dir, "types-out.xlsx");
  const { code, err } = await analyze("types-crc.xlsx", withWrongCrc(good, "[Content_Types].xml"), "-o", output, "--lang", "en");
  expect(code).toBe(1);
  expect(err).toMatch(/^parscore: '.*types-crc\.xlsx' is damaged or incomplete/);
  expect(err).not.toMatch(/internal error|\n\s+at /);
  await expect(fs.access(output)).rejects.toThrow();
});

test("an .ods whose content.xml fails its checksum is refused before SheetJS reads it", async () => {
  const ods = await fs.readFile(path.join(__dirname, "..", "fixtures", "tables", "bang-opendocument.ods"));
  expect((await analyze("intact.ods", ods)).code).toBe(0);
  const started = process.hrtime.bigint();
  const { code, err } = await analyze("content-crc.ods", withWrongCrc(ods, "content.xml"));
  expect(code).toBe(1);
  expect(err).toMatch(DAMAGED_VI);
  expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(30);
});

test("verifyArchive stops at its budget on a bomb and names the part", () => {
  const bomb = zipOf([{ name: "content.xml", data: repeated("<a>", " ", 64 * 1024 * 1024, "</a>") }]);
  expect(verifyArchive(bomb, 8 * 1024 * 1024)).toBe("content.xml");
  expect(verifyArchive(bomb, 128 * 1024 * 1024)).toBeUndefined();
});
