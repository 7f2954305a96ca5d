import { spawnSync } from "child_process";
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { readXlsxGrids } from "../../src/hosts/xlsx/read-xlsx";
import { zipEntries } from "../../src/hosts/xlsx/zip";
import { cellText, type Grid } from "../../src/tables/grid";
import { GENERATED_SHEET, generatedUnitsWorkbook } from "../e2e/live-workbooks";
import { run } from "./run";

async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), "parscore-split-"));
}

function texts(grid: Grid | undefined): string[] {
  return (grid?.values ?? []).flat().map((v) => cellText(v).trim()).filter(Boolean);
}

const UNITS_CSV = [
  "STT;Tên đơn vị;Lĩnh vực 1;Lĩnh vực 2;Tổng điểm",
  ";Điểm tối đa;50;50;100",
  "1;CON;46;46;92",
  "2;Sở A;44;42;86",
  "3;SỞ A;41;40;81",
  "4;Sở B?;35;36;71",
  "5;Sở C;30;8,7x;",
  "",
].join("\n");

describe("parscore split", () => {
  test("63 units in columns give 63 valid workbooks, each with only its own unit's rows and detail", async () => {
    const dir = await tempDir();
    const input = path.join(dir, "huyen.xlsx");
    await generatedUnitsWorkbook(63, 11).workbook().xlsx.writeFile(input);
    const out = path.join(dir, "out");
    const { code, out: stdout, err } = await run(["split", input, "--out-dir", out]);
    expect({ code, err: err.includes("63/63") }).toEqual({ code: 0, err: true });
    expect(stdout).toContain(`Đã ghi 63/63 sổ đơn vị vào '${out}'`);
    const files = (await fs.readdir(out)).sort();
    expect(files).toHaveLength(63);
    const units = Array.from({ length: 63 }, (_, i) => `Huyện ${i + 1}`);
    expect(files).toEqual(units.map((u) => `${u}.xlsx`).sort());
    for (const unit of units) {
      const bytes = await fs.readFile(path.join(out, `${unit}.xlsx`));
      const parts = zipEntries(bytes).map((e) => e.name);
      expect(parts).toEqual(expect.arrayContaining(["xl/workbook.xml", "[Content_Types].xml"]));
      expect(parts.some((p) => p.startsWith("xl/charts/"))).toBe(true);
      const grids = await readXlsxGrids(bytes);
      expect(grids.map((g) => g.sheet)).toEqual([GENERATED_SHEET, "Phân tích điểm trừ", "Vị trí xếp hạng"]);
      const others = new Set(units.filter((u) => u !== unit));
      const source = texts(grids[0]);
      expect(source).toContain(unit);
      expect(source.filter((t) => others.has(t))).toEqual([]);
      const gap = texts(grids[1]);
      expect(gap.some((t) => t.startsWith(`${unit} đạt `))).toBe(true);
      expect(gap.filter((t) => others.has(t) || [...others].some((o) => t.startsWith(`${o} `)))).toEqual([]);
      // The ranking publishes every unit's total: that, and nothing else of the others.
      expect(texts(grids[2]).filter((t) => others.has(t))).toHaveLength(62);
    }
  }, 180_000);

  test("names safe on Windows, two units with one name kept apart, one unit's bad data and one failed write do not stop the others", async () => {
    const dir = await tempDir();
    const input = path.join(dir, "don-vi.csv");
    await fs.writeFile(input, UNITS_CSV);
    const out = path.join(dir, "out");
    // A folder where Sở C's workbook should go: that unit cannot be written, the others are.
    await fs.mkdir(path.join(out, "Sở C.xlsx"), { recursive: true });
    const { code, out: stdout } = await run(["split", input, "--out-dir", out]);
    expect(code).toBe(1);
    const files = (await fs.readdir(out)).filter((f) => f !== "Sở C.xlsx").sort();
    expect(files).toEqual(["CON_.xlsx", "SỞ A (2).xlsx", "Sở A.xlsx", "Sở B_.xlsx"].sort());
    expect(stdout).toContain("Đã ghi 4/5 sổ đơn vị");
    expect(stdout).toMatch(/Không ghi được:\n {2}- Sở C: Không ghi được '.*Sở C\.xlsx' \(EISDIR\)/);
    const grids = await readXlsxGrids(await fs.readFile(path.join(out, "SỞ A (2).xlsx")));
    expect(texts(grids[0])).toContain("SỞ A");
    expect(texts(grids[0])).not.toContain("Sở A");
  }, 60_000);

  test("a unit's unreadable score is written into its own workbook and named in the summary", async () => {
    const dir = await tempDir();
    const input = path.join(dir, "don-vi.csv");
    await fs.writeFile(input, UNITS_CSV);
    const out = path.join(dir, "out");
    const { code, out: stdout } = await run(["split", input, "--out-dir", out, "--fold-names", "--lang", "en", "--unit", "Sở C", "--unit", "Sở A"]);
    expect(code).toBe(0);
    expect((await fs.readdir(out)).sort()).toEqual(["So A.xlsx", "So C.xlsx"]);
    expect(stdout).toContain("Wrote 2 of 2 unit workbooks");
    expect(stdout).toMatch(/Data errors .* for 1 unit\(s\):\n {2}- Sở C \(\d+\): So C\.xlsx/);
    const gap = texts((await readXlsxGrids(await fs.readFile(path.join(out, "So C.xlsx"))))[1]).join("\n");
    expect(gap).toContain("8,7x");
  }, 60_000);

  test("the built command writes with worker threads taking units from one queue: every unit once", async () => {
    const worker = path.join(__dirname, "..", "..", "dist", "cli", "split-worker.js");
    expect({ built: existsSync(worker), hint: "npx tsc -p tsconfig.cli.json" }).toEqual({ built: true, hint: "npx tsc -p tsconfig.cli.json" });
    const dir = await tempDir();
    const input = path.join(dir, "huyen.xlsx");
    await generatedUnitsWorkbook(40, 3).workbook().xlsx.writeFile(input);
    const out = path.join(dir, "out");
    const bin = path.join(__dirname, "..", "..", "bin", "parscore.js");
    const child = spawnSync(process.execPath, [bin, "split", input, "--out-dir", out, "--jobs", "2", "--lang", "en"], { encoding: "utf8" });
    expect({ status: child.status, stderr: child.stderr.split("\n").filter((l) => !/^ {2}\d+\/40: /.test(l)).join("\n") }).toEqual({ status: 0, stderr: "" });
    expect(child.stderr).toContain("40/40");
    expect(child.stdout).toContain("Wrote 40 of 40 unit workbooks");
    const files = (await fs.readdir(out)).sort();
    expect(files).toEqual(Array.from({ length: 40 }, (_, i) => `Huyện ${i + 1}.xlsx`).sort());
    for (const file of files) {
      const unit = file.replace(/\.xlsx$/, "");
      const grids = await readXlsxGrids(await fs.readFile(path.join(out, file)));
      expect(texts(grids[1]).some((t) => t.startsWith(`${unit} scored `))).toBe(true);
    }
  }, 180_000);

  test("usage errors: no --out-dir, an unknown unit", async () => {
    const dir = await tempDir();
    const input = path.join(dir, "don-vi.csv");
    await fs.writeFile(input, UNITS_CSV);
    expect((await run(["split", input])).code).toBe(2);
    const unknown = await run(["split", input, "--out-dir", path.join(dir, "o"), "--unit", "Sở Z"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Sở Z");
    expect(existsSync(path.join(dir, "o"))).toBe(false);
  });
});
