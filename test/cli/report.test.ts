import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { zipEntries, zipText } from "../../src/hosts/xlsx/zip";
import type { AnalysisJson } from "../../src/pipeline/json";
import { selfSheet } from "../report/fixtures";
import { run } from "./run";

const demo = path.join(__dirname, "..", "..", "examples", "parscore-demo.xlsx");

/** The text of a .docx's body, one paragraph per line. */
async function docxText(file: string): Promise<string> {
  const bytes = await fs.readFile(file);
  const entry = zipEntries(bytes).find((e) => e.name === "word/document.xml");
  if (!entry) throw new Error("no word/document.xml");
  return zipText(bytes, entry)
    .replace(/<\/w:p>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), "parscore-report-"));
}

describe("parscore report", () => {
  test("a workbook of three tables: TCTP counts and lines, the ranking, a named unit with its target in analyze's words", async () => {
    const dir = await tempDir();
    const out = path.join(dir, "bao-cao.docx");
    const { code, out: stdout } = await run(["report", demo, "-o", out, "--unit", "Huyện K", "--target-rank", "3"]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Đã ghi báo cáo ${out}`);
    const text = await docxText(out);
    expect(text).toContain("Có 9 TCTP đạt điểm tối đa (18 điểm) và 7 TCTP chưa đạt điểm tối đa (7,5/12 điểm, trừ 4,5 điểm).");
    expect(text).toMatch(/TCTP III\.1\.2 “[^”]+”: đạt [\d,]+\/[\d,]+ điểm, bị trừ 1,25 điểm\./);
    expect(text).toContain("9 đơn vị được xếp hạng");
    expect(text).toContain("Kết quả của Huyện K");
    const analysed = await run(["analyze", demo, "--unit", "Huyện K", "--target-rank", "3", "--json", "-"]);
    const json = JSON.parse(analysed.out) as AnalysisJson & { tables: { targets?: { unit: string; text: string }[] }[] };
    const target = json.tables.flatMap((t) => t.targets ?? []).find((t) => t.unit === "Huyện K");
    expect(target?.text).toBeTruthy();
    expect(text).toContain(`Huyện K: ${target?.text}`);
  });

  test("responsible bodies from --responsibility, largest loss first, the unassigned last", async () => {
    const dir = await tempDir();
    const wb = new ExcelJS.Workbook();
    selfSheet(wb);
    const ws = wb.addWorksheet("Phân công");
    ws.addRow(["Mã tiêu chí", "Cơ quan chủ trì"]);
    ws.addRow(["4.1.1; 4.1.2", "Sở Nội vụ"]);
    ws.addRow(["4", "Sở Tài chính"]);
    ws.addRow(["1.1", "Văn phòng UBND tỉnh"]);
    const file = path.join(dir, "in.xlsx");
    await wb.xlsx.writeFile(file);
    const out = path.join(dir, "bao-cao.docx");
    const { code } = await run(["report", file, "--responsibility", "Phân công", "-o", out]);
    expect(code).toBe(0);
    const lines = (await docxText(out)).split("\n");
    const from = lines.indexOf("Đơn vị chịu trách nhiệm khắc phục");
    expect(from).toBeGreaterThan(0);
    expect(lines.slice(from + 1, from + 5)).toEqual([
      "Sở Nội vụ: bị trừ 2 điểm tại 4.1.1, 4.1.2.",
      "Sở Tài chính: bị trừ 1,15 điểm tại 4.1.3, 4.2.3, 4.2.2.",
      "Văn phòng UBND tỉnh: bị trừ 0,5 điểm tại 1.1.2.",
      "Chưa phân công: bị trừ 0,5 điểm tại 1.2.2.",
    ]);
  });

  test("usage errors: -o not .docx, a malformed --total-rank, nothing recognised", async () => {
    const dir = await tempDir();
    expect((await run(["report", demo, "-o", path.join(dir, "x.xlsx")])).code).toBe(2);
    const bad = await run(["report", demo, "-o", path.join(dir, "x.docx"), "--total-rank", "2019:13", "--lang", "en"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("PERIOD=RANK");
    const empty = path.join(dir, "empty.csv");
    await fs.writeFile(empty, "a;b\nc;d\n");
    expect((await run(["report", empty, "-o", path.join(dir, "e.docx")])).code).toBe(1);
  });
});
