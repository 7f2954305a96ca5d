import { spawnSync } from "child_process";
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "./run";
import type { AnalysisJson, TableJson } from "../../src/pipeline/json";

const repo = path.join(__dirname, "..", "..");
const seedTsv = path.join(__dirname, "../fixtures/tables/thua-thien-hue-2019-areas.tsv");
const demo = path.join(repo, "examples", "parscore-demo.xlsx");


async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), "parscore-cli-"));
}

function criterion(table: TableJson, code: string) {
  const c = table.criteria.find((x) => x.code === code);
  if (!c) throw new Error(`no criterion ${code}`);
  return c;
}

describe("parscore analyze", () => {
  test("reads the seed 001 table (TSV) with the 2019 template and writes the documented JSON to stdout", async () => {
    const { code, out, err } = await run(["analyze", seedTsv, "--template", "par-2019-province", "--json", "-"]);
    expect(code).toBe(0);
    const json = JSON.parse(out) as AnalysisJson;
    expect(json.tables).toHaveLength(1);
    const table = json.tables[0];
    expect(table.layout).toBe("unit-across-years");
    expect(table.template).toBe("par-2019-province");
    expect(table.units).toHaveLength(1);
    const unit = table.units[0];
    expect(unit.period).toBe("2019");
    expect(unit.total).toBe("83.06");
    expect(unit.max).toBe("100.00");
    expect(unit.lost).toBe("16.94");
    expect(unit.change?.pointsDelta).toBe("4.16");
    expect(unit.change?.text).toContain("tăng 4,16 điểm");
    expect(unit.periods.map((p) => p.total)).toEqual(["78.90", "83.06"]);

    const area1 = criterion(table, "1");
    expect(area1.level).toBe(1);
    expect(area1.max).toBe("8.50");
    const huế = Object.values(area1.units)[0];
    expect(huế.points).toBe("8.00");
    expect(huế.lost).toBe("0.50");
    expect(huế.rankLabel).toBe("4(12)");
    expect(huế.periods?.["2018"]).toMatchObject({ points: "6.50", rank: 38, rankLabel: "38(5)" });
    expect(huế.change).toMatchObject({ fromPeriod: "2018", pointsDelta: "1.50", rankDelta: 34 });
    expect(huế.change?.text).toBe("tăng 1,5 điểm và tăng 34 bậc");
    expect(Object.values(criterion(table, "2").units)[0].change?.rankDelta).toBe(-24);

    const lostByArea = ["1", "2", "3", "4", "5", "6", "7", "8"].map((c) => Object.values(criterion(table, c).units)[0].lost);
    expect(lostByArea).toEqual(["0.50", "1.25", "0.79", "3.65", "2.28", "2.74", "0.53", "5.20"]);

    // "47.93" among decimal commas is read as 47.93 and noted with its cell.
    const noted = table.findings.find((f) => f.message.includes("47.93"));
    expect(noted).toBeDefined();
    expect(noted?.cell).toMatch(/!C11$/);
    // The summary goes to stderr when JSON takes stdout.
    expect(err).toContain("Thừa Thiên Huế");
  });

  test("summary in English", async () => {
    const { code, out } = await run(["analyze", seedTsv, "--template", "par-2019-province", "--lang", "en"]);
    expect(code).toBe(0);
    expect(out).toContain("Found 1 score table(s).");
    expect(out).toContain("83.06/100.00 points");
    expect(out).toContain("up 4.16 points");
  });

  test("the demo workbook: every sheet's table is found and the JSON file is written", async () => {
    const dir = await tempDir();
    const jsonPath = path.join(dir, "a.json");
    const { code, out } = await run(["analyze", demo, "--json", jsonPath]);
    expect(code).toBe(0);
    const json = JSON.parse(await fs.readFile(jsonPath, "utf8")) as AnalysisJson;
    expect(json.tables.map((t) => [t.sheet, t.layout])).toEqual([
      ["TT Huế 2018-2019", "unit-across-years"],
      ["Huyện 2024", "units-in-rows"],
      ["Tự đánh giá", "self-assessment"],
    ]);
    expect(out).toContain("Tìm thấy 3 bảng điểm.");

    const districts = json.tables[1];
    const byName = Object.fromEntries(districts.units.map((u) => [u.name, u]));
    expect(byName["Thành phố E"]).toMatchObject({ total: "96.00", rank: 1, rankLabel: "1" });
    // Huyện A and Huyện H have identical points: they share 3rd place, and the next rank skips to 5.
    expect(byName["Huyện A"]).toMatchObject({ total: "88.55", rank: 3, rankLabel: "3(2)" });
    expect(byName["Huyện H"]).toMatchObject({ rank: 3, rankLabel: "3(2)" });
    expect(byName["Huyện G"]).toMatchObject({ total: "87.05", rank: 5, rankLabel: "5(2)" });
    expect(byName["Huyện K"]).toMatchObject({ rank: 9, rankLabel: "9" });

    const selfTable = json.tables[2];
    expect(selfTable.units).toHaveLength(1);
    const dept = selfTable.units[0];
    expect(dept.max).toBe("30.00");
    expect(dept.selfAssessed).toBe("29.50");
    expect(dept.total).toBe("25.50");
    expect(dept.appraisalDeduction).toBe("4.00");
    expect(criterion(selfTable, "II.2.1.b").units[dept.name]).toMatchObject({ points: "1.00", lost: "1.00" });
  });

  test("a 'Tỷ lệ hồ sơ trễ hạn (%)' column caps the department rating at Khá, with the reason (seed 000)", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "so.xlsx");
    const out = path.join(dir, "so-scored.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sở 2024");
    ws.addRow(["STT", "Đơn vị", "1. Chỉ đạo (50)", "2. Thủ tục (50)", "Tổng điểm", "Tỷ lệ hồ sơ trễ hạn (%)"]);
    ws.addRow([1, "Sở Tư pháp", "48", "47", "95", "6,5"]);
    ws.addRow([2, "Sở Y tế", "46", "46", "92", "1,2"]);
    ws.addRow([3, "Sở Xây dựng", "40", "42", "82", "9"]);
    await wb.xlsx.writeFile(file);
    const { code, out: json } = await run(["analyze", file, "--classes", "province-department-rating", "--json", "-", "-o", out]);
    expect(code).toBe(0);
    const table = (JSON.parse(json) as AnalysisJson).tables[0];
    // The indicator is no criterion: two criteria, totals 95 / 92 / 82.
    expect(table.criteria.map((c) => c.code)).toEqual(["1", "2"]);
    expect(table.units.map((u) => [u.name, u.total, u.group, u.groupReason])).toEqual([
      ["Sở Tư pháp", "95.00", "Khá", "Có từ 5% hồ sơ trễ hạn trở lên thì không xếp loại tốt"],
      ["Sở Y tế", "92.00", "Tốt", null],
      ["Sở Xây dựng", "82.00", "Khá", null],
    ]);
    const scored = new ExcelJS.Workbook();
    await scored.xlsx.readFile(out);
    const texts: string[] = [];
    scored.getWorksheet("Xếp hạng")!.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts).toContain("Khá (Tốt theo điểm; Có từ 5% hồ sơ trễ hạn trở lên thì không xếp loại tốt)");
  });

  test("--classes rates units by the 2022 province groups (A >= 90%, B >= 80%, C >= 70%)", async () => {
    const { code, out } = await run(["analyze", demo, "--sheet", "Huyện 2024", "--classes", "par-2022-province-groups", "--json", "-"]);
    expect(code).toBe(0);
    const units = (JSON.parse(out) as AnalysisJson).tables[0].units;
    const group = Object.fromEntries(units.map((u) => [u.name, u.group]));
    expect(group).toMatchObject({ "Thành phố E": "A", "Huyện B": "A", "Huyện A": "B", "Thị xã C": "B", "Huyện D": "C", "Huyện K": "C" });
    expect((await run(["analyze", demo, "--classes", "no-such"])).code).toBe(2);
  });

  test("--sheet keeps one sheet; an unknown sheet is an error naming the sheets", async () => {
    const one = await run(["analyze", demo, "--sheet", "Huyện 2024", "--json", "-"]);
    expect(one.code).toBe(0);
    expect((JSON.parse(one.out) as AnalysisJson).tables.map((t) => t.sheet)).toEqual(["Huyện 2024"]);
    const missing = await run(["analyze", demo, "--sheet", "Không có"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("'Huyện 2024'");
  });

  test("exit 1 with a clear message when nothing is recognised or the file is unreadable", async () => {
    const dir = await tempDir();
    const notes = path.join(dir, "notes.csv");
    await fs.writeFile(notes, "Biên bản họp\nNgày 1/1/2024\n", "utf8");
    const nothing = await run(["analyze", notes]);
    expect(nothing.code).toBe(1);
    expect(nothing.err).toContain("Không tìm thấy bảng điểm nào");
    expect(nothing.err).toContain("Điểm tối đa");

    const broken = path.join(dir, "broken.xlsx");
    await fs.writeFile(broken, "this is not a zip");
    const unreadable = await run(["analyze", broken, "--lang", "en"]);
    expect(unreadable.code).toBe(1);
    expect(unreadable.err).toContain("is not a readable .xlsx workbook");

    const absent = await run(["analyze", path.join(dir, "absent.xlsx")]);
    expect(absent.code).toBe(1);
    expect(absent.err).toContain("ENOENT");
  });

  test("exit 2 for usage errors", async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(["analyze"])).code).toBe(2);
    expect((await run(["analyze", seedTsv, "--lang", "fr"])).code).toBe(2);
    expect((await run(["analyze", seedTsv, "--template", "no-such-template"])).code).toBe(2);
    expect((await run(["analyze", "table.pdf"])).code).toBe(2);
    expect((await run(["analyze", seedTsv, "--tolerance", "abc"])).code).toBe(2);
    expect((await run(["frobnicate"])).code).toBe(2);
    expect((await run(["--help"])).code).toBe(0);
  });

  test("--unit names a unit for its detailed gap block, in any case; an unknown unit is a usage error", async () => {
    const dir = await tempDir();
    const out = path.join(dir, "scored.xlsx");
    const ok = await run(["analyze", seedTsv, "--unit", "thừa thiên huế", "-o", out]);
    expect(ok.code).toBe(0);
    const bad = await run(["analyze", seedTsv, "--unit", "Hà Nội", "-o", out, "--lang", "en"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--unit: no unit 'Hà Nội' in the tables read (units there include 'Thừa Thiên Huế')");
  });

  test("--target-rank K with --unit: points needed and criteria to win back, in the summary and as targets[] in the JSON", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "huyen.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Huyện 2024");
    ws.addRow(["STT", "Đơn vị", "1. Chỉ đạo (8,5)", "2. Văn bản (10)", "Tổng điểm"]);
    ws.addRow([1, "Huyện A", "8,5", "9", "17,5"]);
    ws.addRow([2, "Huyện B", "8", "8,5", "16,5"]);
    ws.addRow([3, "Huyện C", "6", "7,75", "13,75"]);
    await wb.xlsx.writeFile(file);
    const { code, out, err } = await run(["analyze", file, "--unit", "Huyện C", "--target-rank", "2", "--json", "-"]);
    expect(code).toBe(0);
    expect(err).toContain(`Huyện C: Cần thêm 2,75 điểm để lên hạng 2: lấy lại điểm bị trừ ở lĩnh vực 1 (Chỉ đạo), lĩnh vực 2 (Văn bản)`);
    const targets = (JSON.parse(out) as AnalysisJson).tables[0].targets;
    expect(targets).toEqual([
      { unit: "Huyện C", period: "", targetRank: 2, currentRank: 3, pointsNeeded: "2.75", recover: ["1", "2"], coverable: true, text: "Cần thêm 2,75 điểm để lên hạng 2: lấy lại điểm bị trừ ở lĩnh vực 1 (Chỉ đạo), lĩnh vực 2 (Văn bản)" },
    ]);
    expect((await run(["analyze", file, "--target-rank", "2"])).code).toBe(2);
    expect((await run(["analyze", file, "--unit", "Huyện C", "--target-rank", "0"])).code).toBe(2);
  });

  test("--target-value: a one-unit table (seed 001) gets its target from place K's published total", async () => {
    const alone = await run(["analyze", seedTsv, "--unit", "Thừa Thiên Huế", "--target-rank", "3"]);
    expect(alone.out + alone.err).toContain("Chưa tính được cần thêm bao nhiêu điểm để lên hạng 3");
    const { code, out } = await run(["analyze", seedTsv, "--unit", "Thừa Thiên Huế", "--target-rank", "3", "--target-value", "85,5", "--json", "-"]);
    expect(code).toBe(0);
    const [target] = (JSON.parse(out) as AnalysisJson).tables[0].targets ?? [];
    // 85,50 - 83,06 = 2,44; area 8 lost 5,20 points.
    expect(target).toMatchObject({ unit: "Thừa Thiên Huế", targetRank: 3, pointsNeeded: "2.44", recover: ["8"], coverable: true });
    expect((await run(["analyze", seedTsv, "--target-value", "85"])).code).toBe(2);
    const bad = await run(["analyze", seedTsv, "--unit", "Thừa Thiên Huế", "--target-rank", "3", "--target-value", "nhiều", "--lang", "en"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--target-value: 'nhiều' is not points (like 85.5)");
  });

  test("JSON piped from the command is whole, however long (nothing cut off at exit)", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "xa.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Xã");
    ws.addRow(["STT", "Đơn vị", ...Array.from({ length: 20 }, (_, c) => `Tiêu chí ${c + 1}`), "Tổng điểm"]);
    for (let u = 1; u <= 80; u++) ws.addRow([u, `Xã ${u}`, ...Array.from({ length: 20 }, (_, c) => `${(u * 7 + c * 3) % 10},5`)]);
    await wb.xlsx.writeFile(file);
    const child = spawnSync(process.execPath, [path.join(repo, "bin", "parscore.js"), "analyze", file, "--json", "-"], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    expect(child.status).toBe(0);
    expect(child.stdout.length).toBeGreaterThan(256 * 1024);
    expect((JSON.parse(child.stdout) as AnalysisJson).tables[0].units).toHaveLength(80);
  });

  test("a UTF-16 TSV (Excel's 'Unicode text') reads like the UTF-8 one", async () => {
    const dir = await tempDir();
    const utf16 = path.join(dir, "huế-utf16.tsv");
    const text = await fs.readFile(seedTsv, "utf8");
    await fs.writeFile(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const { code, out } = await run(["analyze", utf16, "--template", "par-2019-province", "--json", "-"]);
    expect(code).toBe(0);
    expect((JSON.parse(out) as AnalysisJson).tables[0].units[0].total).toBe("83.06");
  });
});
