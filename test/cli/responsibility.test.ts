import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "./run";
import type { AnalysisJson } from "../../src/pipeline/json";
import { selfSheet } from "../report/fixtures";


async function workbook(): Promise<{ dir: string; file: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-resp-"));
  const wb = new ExcelJS.Workbook();
  selfSheet(wb);
  const ws = wb.addWorksheet("Phân công");
  ws.addRow(["Phân công khắc phục"]);
  ws.addRow(["Mã tiêu chí", "Cơ quan chủ trì"]);
  ws.addRow(["4.1.1; 4.1.2", "Sở Nội vụ"]);
  ws.addRow(["4", "Sở Tài chính"]);
  ws.addRow(["1.1", "Văn phòng UBND tỉnh"]);
  ws.addRow(["4.1.2", "Sở Y tế"]);
  const file = path.join(dir, "in.xlsx");
  await wb.xlsx.writeFile(file);
  return { dir, file };
}

describe("parscore analyze --responsibility", () => {
  test("JSON groups the lost points by body; the conflict is a located finding; the .xlsx gets the sheet", async () => {
    const { dir, file } = await workbook();
    const out = path.join(dir, "out.xlsx");
    const { code, out: stdout, err } = await run(["analyze", file, "--responsibility", "phân công", "--json", "-", "-o", out]);
    expect(err).not.toContain("internal");
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as AnalysisJson;
    expect(json.tables).toHaveLength(1);
    const unit = json.tables[0].units[0].name;
    expect(json.tables[0].responsibility).toEqual([
      { unit, body: "Sở Nội vụ", lost: "2.00", criteria: ["4.1.1", "4.1.2"] },
      { unit, body: "Sở Tài chính", lost: "1.15", criteria: ["4.1.3", "4.2.3", "4.2.2"] },
      { unit, body: "Văn phòng UBND tỉnh", lost: "0.50", criteria: ["1.1.2"] },
      { unit, body: null, lost: "0.50", criteria: ["1.2.2"] },
    ]);
    expect(json.findings).toContainEqual(expect.objectContaining({ kind: "responsibility-conflict", cell: "'Phân công'!A6", code: "4.1.2" }));

    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(out);
    const sheet = written.getWorksheet("Trách nhiệm");
    expect(sheet).toBeDefined();
    const texts: string[] = [];
    sheet!.eachRow((row) => row.eachCell((c) => (typeof c.value === "string" ? texts.push(c.value) : undefined)));
    expect(texts).toContain("Sở Nội vụ (2 tiêu chí)");
    expect(texts).toContain("Chưa phân công (1 tiêu chí)");
    // The responsibility sheet itself is not read as a score table.
    expect(json.tables.map((t) => t.sheet)).toEqual(["Tự đánh giá"]);
  });

  test("a missing sheet is a usage error listing the sheets", async () => {
    const { file } = await workbook();
    const { code, err } = await run(["analyze", file, "--responsibility", "Nope", "--lang", "en"]);
    expect(code).toBe(2);
    expect(err).toContain("no sheet 'Nope'");
    expect(err).toContain("'Tự đánh giá', 'Phân công'");
  });
});
