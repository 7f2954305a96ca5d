/**
 * A criteria set made by hand on a sheet becomes a template (`parscore template from-sheet`), which then
 * supplies the maxima of a score table that has none (`parscore analyze --template my-set.json`).
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "./run";
import type { AnalysisJson } from "../../src/pipeline/json";
import { parseTemplate } from "../../src/tables/templates";
import { ruleOf } from "../../src/tables/template-from-sheet";

async function books(): Promise<{ dir: string; criteriaBook: string; scoreBook: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-from-sheet-"));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Bộ tiêu chí");
  ws.addRow(["BỘ TIÊU CHÍ CẤP XÃ NĂM 2025"]);
  ws.addRow(["Mã", "Tiêu chí", "Điểm tối đa", "Trọng số", "Quy tắc", "Mức độ khó", "Cơ quan chủ trì"]);
  ws.addRow(["I", "Công tác chỉ đạo, điều hành", "12", null, "Tổng", null, null]);
  ws.addRow(["1", "Kế hoạch CCHC năm", "5", "40%", null, "1", "Văn phòng UBND xã"]);
  ws.addRow(["2", "Báo cáo CCHC định kỳ", "7", "0,6", null, "2", "Văn phòng UBND xã"]);
  ws.addRow(["II", "Cải cách thủ tục hành chính", "18", null, "kiểu lạ", null, null]);
  ws.addRow(["1", "Công khai thủ tục hành chính", "8,5", "abc", null, "3", "Bộ phận một cửa"]);
  ws.addRow(["2", "Giải quyết hồ sơ đúng hạn", "9,5", null, null, null, "Bộ phận một cửa"]);
  const criteriaBook = path.join(dir, "bo-tieu-chi.xlsx");
  await wb.xlsx.writeFile(criteriaBook);

  const scores = new ExcelJS.Workbook();
  const s = scores.addWorksheet("Xã A");
  s.addRow(["KẾT QUẢ TỰ ĐÁNH GIÁ CHỈ SỐ CCHC: UBND XÃ A"]);
  s.addRow(["STT", "Nội dung", "Điểm tự đánh giá"]);
  s.addRow(["I", "Công tác chỉ đạo, điều hành", null]);
  s.addRow(["1", "Kế hoạch CCHC năm", 4]);
  s.addRow(["2", "Báo cáo CCHC định kỳ", 7]);
  s.addRow(["II", "Cải cách thủ tục hành chính", null]);
  s.addRow(["1", "Công khai thủ tục hành chính", 8]);
  s.addRow(["2", "Giải quyết hồ sơ đúng hạn", 6.25]);
  const scoreBook = path.join(dir, "xa-a.xlsx");
  await scores.xlsx.writeFile(scoreBook);
  return { dir, criteriaBook, scoreBook };
}

describe("parscore template from-sheet", () => {
  test("a hand-made criteria sheet -> template -> a table without maxima gets them", async () => {
    const { dir, criteriaBook, scoreBook } = await books();
    try {
      const setFile = path.join(dir, "my-set.json");
      const made = await run(["template", "from-sheet", criteriaBook, "--sheet", "Bộ tiêu chí", "-o", setFile]);
      expect(made.err).not.toContain("internal");
      expect(made.code).toBe(0);
      expect(made.out).toContain("6 tiêu chí, 6 có điểm tối đa, 2 có trọng số");
      // What could not be read is located: the weight "abc" (D7) and the unknown rule (E6).
      expect(made.err).toContain("Bộ tiêu chí!D7");
      expect(made.err).toContain("E6");
      const json = JSON.parse(await fs.readFile(setFile, "utf8")) as Record<string, unknown>;
      expect(json.id).toBe("my-set");
      expect(json.criteria).toEqual([
        {
          code: "I",
          title: "Công tác chỉ đạo, điều hành",
          max: "12",
          rollup: "sum",
          children: [
            { code: "I.1", title: "Kế hoạch CCHC năm", max: "5", weight: "0.4", effort: "1", responsible: "Văn phòng UBND xã" },
            { code: "I.2", title: "Báo cáo CCHC định kỳ", max: "7", weight: "0.6", effort: "2", responsible: "Văn phòng UBND xã" },
          ],
        },
        {
          code: "II",
          title: "Cải cách thủ tục hành chính",
          max: "18",
          children: [
            { code: "II.1", title: "Công khai thủ tục hành chính", max: "8.5", effort: "3", responsible: "Bộ phận một cửa" },
            { code: "II.2", title: "Giải quyết hồ sơ đúng hạn", max: "9.5", responsible: "Bộ phận một cửa" },
          ],
        },
      ]);
      // The file is a template ParScore reads, naming where it came from.
      const template = parseTemplate(json);
      expect(template.source).toContain("bo-tieu-chi.xlsx");
      expect(template.about.sources).toHaveLength(1);

      // Without the template the table has no maxima: nothing is lost.
      const bare = await run(["analyze", scoreBook, "--json", "-"]);
      const bareUnit = (JSON.parse(bare.out) as AnalysisJson).tables[0].units[0];
      expect(bareUnit.max).toBeNull();
      // With it: max 12 + 18 = 30; points 4 + 7 + 8 + 6.25 = 25.25; lost 4.75 (1 + 0 + 0.5 + 3.25).
      const withSet = await run(["analyze", scoreBook, "--template", setFile, "--json", "-"]);
      expect(withSet.code).toBe(0);
      const table = (JSON.parse(withSet.out) as AnalysisJson).tables[0];
      const unit = table.units[0];
      expect([unit.total, unit.max, unit.lost].map(Number)).toEqual([25.25, 30, 4.75]);
      const lost = Object.fromEntries(table.criteria.map((c) => [c.code, [Number(c.max), Number(Object.values(c.units)[0].lost)]]));
      expect(lost).toEqual({ I: [12, 1], "I.1": [5, 1], "I.2": [7, 0], II: [18, 3.75], "II.1": [8.5, 0.5], "II.2": [9.5, 3.25] });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  test("rule words: Vietnamese and English, longest phrase first", () => {
    expect(ruleOf("Trung bình có trọng số")).toBe("weighted-mean");
    expect(ruleOf("Bình quân gia quyền")).toBe("weighted-mean");
    expect(ruleOf("trung bình")).toBe("mean");
    expect(ruleOf("Tổng có trọng số")).toBe("weighted-sum");
    expect(ruleOf("Quy đổi về thang điểm 100")).toBe("scaled-sum");
    expect(ruleOf("Sum")).toBe("sum");
    expect(ruleOf("kiểu lạ")).toBeNull();
  });

  test("a sheet without a criteria table is a located error and writes nothing", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-from-sheet-"));
    try {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet("Trống").addRow(["chỉ có một dòng chữ"]);
      const file = path.join(dir, "empty.xlsx");
      await wb.xlsx.writeFile(file);
      const out = path.join(dir, "x.json");
      const r = await run(["template", "from-sheet", file, "-o", out, "--lang", "en"]);
      expect(r.code).toBe(1);
      expect(r.err).toContain("Sheet 'Trống' has no criteria table");
      await expect(fs.access(out)).rejects.toThrow();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
