/**
 * What ParScore sends out, opened by a real client: the seed 001 report (.docx) converted to PDF by
 * LibreOffice Writer and read back with poppler's pdftotext must say seed 001's sentences with the same
 * numbers; page 1 is rendered to test-artifacts/report-seed-001-page1.png. Units' own workbooks
 * (`parscore split`) open in LibreOffice Calc, whose recalculated totals equal the ones written.
 */
import { execFile } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { readXlsxGrids } from "../../src/hosts/xlsx/read-xlsx";
import { cellText } from "../../src/tables/grid";
import { run } from "../cli/run";
import { convert, sheetsAsCsv, sofficePath } from "../helpers/libreoffice";
import { flat, SEED_TABLE, seedExpectations } from "../report/seed-001";
import { generatedUnitsWorkbook } from "./live-workbooks";

const exec = promisify(execFile);
const ARTIFACTS = path.join(__dirname, "..", "..", "test-artifacts");

async function pdfText(pdf: string): Promise<string> {
  const { stdout } = await exec("pdftotext", ["-enc", "UTF-8", pdf, "-"], { maxBuffer: 32 * 1024 * 1024 });
  return stdout;
}

async function reportPdf(dir: string, args: string[], name: string): Promise<string> {
  const docx = path.join(dir, `${name}.docx`);
  const { code, err } = await run(["report", ...args, "-o", docx]);
  expect({ code, err }).toEqual({ code: 0, err: "" });
  const [pdf] = (await convert(docx, "pdf", dir)).filter((f) => f.endsWith(".pdf"));
  if (!pdf) throw new Error("LibreOffice wrote no PDF");
  return pdf;
}

describe("the report and the units' workbooks in LibreOffice", () => {
  let dir: string;
  beforeAll(async () => {
    if (!sofficePath()) throw new Error("LibreOffice (soffice) is not on PATH");
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-distribute-"));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test("seed 001's table gives a report whose PDF says the seed's headline and per-area sentences with the same numbers", async () => {
    const pdf = await reportPdf(dir, [SEED_TABLE, "--total-rank", "2019=13", "--total-rank", "2018=16"], "bao-cao");
    const text = flat(await pdfText(pdf));
    for (const e of seedExpectations()) for (const phrase of e.phrases) expect({ what: e.what, found: text.includes(phrase) ? phrase : text }).toEqual({ what: e.what, found: phrase });
    expect(text).toContain("BÁO CÁO KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH");
    // Page numbers in the footer: "1" on a line of its own.
    expect(await pdfText(pdf)).toMatch(/\n1\n/);
    await fs.mkdir(ARTIFACTS, { recursive: true });
    const png = path.join(ARTIFACTS, "report-seed-001-page1");
    await exec("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, png], { timeout: 60_000 });
    const { stdout } = await exec("pdfinfo", [pdf]);
    expect(stdout).toMatch(/Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    expect((await fs.stat(`${png}.png`)).size).toBeGreaterThan(10_000);
  }, 240_000);

  test("in English, and for a many-unit table with blocks: the ranking per block in the PDF", async () => {
    const en = flat(await pdfText(await reportPdf(dir, [SEED_TABLE, "--total-rank", "2019=13", "--total-rank", "2018=16", "--lang", "en"], "report-en")));
    expect(en).toContain("83.06/100 points, rank 13 of 63 (up 4.16 points and up 3 places compared with 2018)");
    const blocks = path.join(__dirname, "..", "fixtures", "tables", "province-units-blocks.csv");
    const many = flat(await pdfText(await reportPdf(dir, [blocks, "--classes", "province-units", "--unit", "Huyện A Lưới"], "bao-cao-khoi")));
    expect(many).toContain("Khối KHỐI SỞ, BAN, NGÀNH");
    expect(many).toContain("Khối UBND CẤP HUYỆN");
    expect(many).toContain("Kết quả của Huyện A Lưới");
    expect(many).toMatch(/Huyện A Lưới đạt 65\/100 điểm, xếp vị thứ 3\/4/);
  }, 240_000);

  test("units' workbooks of a 63-unit table open in LibreOffice, whose recalculated totals are the ones written", async () => {
    const input = path.join(dir, "huyen-63.xlsx");
    await generatedUnitsWorkbook(63, 5).workbook().xlsx.writeFile(input);
    const out = path.join(dir, "so-don-vi");
    const chosen = ["Huyện 1", "Huyện 32", "Huyện 63"];
    const { code } = await run(["split", input, "--out-dir", out, ...chosen.flatMap((u) => ["--unit", u])]);
    expect(code).toBe(0);
    for (const unit of chosen) {
      const file = path.join(out, `${unit}.xlsx`);
      const written = await readXlsxGrids(await fs.readFile(file));
      const gap = written.find((g) => g.sheet === "Phân tích điểm trừ");
      const totalRow = gap?.values.find((r) => cellText(r[1]) === "Tổng cộng");
      const cached = Number(totalRow?.[3]);
      expect(cached).toBeGreaterThan(0);
      const sheets = await sheetsAsCsv(file, ["Phân tích điểm trừ", "Vị trí xếp hạng"]);
      const lo = sheets.get("Phân tích điểm trừ")?.find((r) => r[1] === "Tổng cộng");
      expect(Number(lo?.[3])).toBeCloseTo(cached, 2);
      const place = sheets.get("Vị trí xếp hạng") ?? [];
      expect(place.filter((r) => /^Huyện \d+$/.test(r[1] ?? "")).length).toBe(63);
    }
  }, 300_000);
});
