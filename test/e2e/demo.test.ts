/**
 * The README's main job, end to end: `parscore analyze examples/parscore-demo.xlsx -o ...` as
 * `npm run demo` runs it, then LibreOffice opens what we wrote.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { main, type Io } from "../../src/cli/main";
import { applyPlan, saveWorkbook } from "../../src/hosts/xlsx/write-xlsx";
import { readXlsxGrids } from "../../src/hosts/xlsx/read-xlsx";
import { analyseGrids } from "../../src/pipeline/run";
import { buildReportPlan } from "../../src/report";
import { renderPng, sheetsAsCsv, sofficePath } from "../helpers/libreoffice";

const repo = path.join(__dirname, "..", "..");
const demo = path.join(repo, "examples", "parscore-demo.xlsx");
const seedTsv = path.join(__dirname, "../fixtures/tables/thua-thien-hue-2019-areas.tsv");
const USER_SHEETS = ["TT Huế 2018-2019", "Huyện 2024", "Tự đánh giá"];
const AREA_LOST_2019 = ["0.50", "1.25", "0.79", "3.65", "2.28", "2.74", "0.53", "5.20"];

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => (out += t), err: (t) => (err += t) };
  return { code: await main(args, io), out, err };
}

let dir: string;
beforeAll(async () => {
  if (!sofficePath()) throw new Error("LibreOffice is missing: apt-get install -y --no-install-recommends libreoffice-calc-nogui");
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-demo-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("the demo workbook is scored; LibreOffice shows the 2019 deductions of seed 001 and the user's sheets unchanged", async () => {
  const out = path.join(dir, "scored.xlsx");
  const { code, out: printed } = await cli(["analyze", demo, "-o", out]);
  expect(code).toBe(0);
  expect(printed).toContain("Đã ghi");

  const written = new ExcelJS.Workbook();
  await written.xlsx.readFile(out);
  const ours = written.worksheets.map((w) => w.name).filter((n) => !USER_SHEETS.includes(n));
  expect(ours).toEqual(["Phân tích điểm trừ", "Phân tích điểm trừ (2)", "Phân tích điểm trừ (3)", "Xếp hạng"]);

  const before = await sheetsAsCsv(demo, USER_SHEETS);
  const after = await sheetsAsCsv(out, [...USER_SHEETS, ...ours]);
  for (const name of USER_SHEETS) {
    expect(after.get(name)).toBeDefined();
    expect(after.get(name)).toEqual(before.get(name));
  }

  const gap = after.get("Phân tích điểm trừ") ?? [];
  const lostColumn = gap.find((row) => row.includes("Bị trừ"))?.indexOf("Bị trừ") ?? -1;
  expect(lostColumn).toBeGreaterThan(0);
  const lost = ["1", "2", "3", "4", "5", "6", "7", "8"].map((code) => Number(gap.find((row) => row[0] === code)?.[lostColumn]));
  expect(lost).toEqual(AREA_LOST_2019.map(Number));
  const text = gap.map((row) => row.join(" ")).join("\n");
  expect(text).toContain("đạt 83,06/100 điểm");
  expect(text).toContain("Lĩnh vực Cải cách tổ chức bộ máy hành chính: đạt 8,35/12 điểm");
  expect(text).toContain("bị trừ 3,65 điểm");
  // Seed 001: "Chỉ số SIPAS đạt được 7,8/10 điểm xếp thứ 57/63 tỉnh thành (giảm 26 bậc so với năm 2018)".
  expect(text).toContain("Chỉ số SIPAS: đạt 7,8/10 điểm, xếp vị thứ 57 (giảm 2,15 điểm và giảm 26 bậc so với năm 2018)");
  expect(text).toContain("Điểm thẩm định: đạt 53,32/63,5 điểm, xếp vị thứ 7 (tăng 5,39 điểm và tăng 10 bậc so với năm 2018)");

  const ranking = after.get("Xếp hạng") ?? [];
  const huyenE = ranking.find((row) => row.includes("Thành phố E"));
  expect(huyenE).toBeDefined();
  expect(huyenE?.map(Number)).toContain(96);

  // A re-run on our own output replaces ParScore's sheets instead of adding copies.
  const again = path.join(dir, "again.xlsx");
  expect((await cli(["analyze", out, "-o", again])).code).toBe(0);
  const rerun = new ExcelJS.Workbook();
  await rerun.xlsx.readFile(again);
  expect(rerun.worksheets.map((w) => w.name)).toEqual(written.worksheets.map((w) => w.name));
});

test("a rendered PNG of the demo's seed 001 gap sheet is kept for people to look at", async () => {
  const result = analyseGrids(await readXlsxGrids(demo), {});
  const plan = buildReportPlan({ lang: "vi", tables: result.tables.slice(0, 1), highlights: false });
  const workbook = new ExcelJS.Workbook();
  applyPlan(workbook, plan);
  const xlsx = path.join(dir, "gap-only.xlsx");
  await saveWorkbook(workbook, xlsx);
  const artefacts = path.join(repo, "test-artifacts");
  await fs.mkdir(artefacts, { recursive: true });
  const png = await renderPng(xlsx, path.join(artefacts, "demo-gap-sheet.png"), 90);
  const stat = await fs.stat(png);
  expect(stat.size).toBeGreaterThan(10_000);
});

test("a CSV/TSV input becomes a workbook: the table as typed, plus ParScore's sheets", async () => {
  const out = path.join(dir, "from-tsv.xlsx");
  const { code } = await cli(["analyze", seedTsv, "--template", "par-2019-province", "-o", out, "--lang", "en"]);
  expect(code).toBe(0);
  const sheets = await sheetsAsCsv(out, ["thua-thien-hue-2019-areas", "Gap analysis"]);
  const source = sheets.get("thua-thien-hue-2019-areas") ?? [];
  // Text stays text as typed: decimal commas and "4(12)" are not turned into other numbers.
  expect(source[2]).toEqual(["1", "Công tác chỉ đạo, điều hành cải cách hành chính", "6,50", "38 (5)", "8,00", "4(12)"]);
  const gap = sheets.get("Gap analysis") ?? [];
  const lostColumn = gap.find((row) => row.includes("Lost"))?.indexOf("Lost") ?? -1;
  expect(Number(gap.find((row) => row[0] === "4")?.[lostColumn])).toBe(3.65);
});
