/**
 * One bad file never takes ParScore down (issue 17): the built command line (bin/parscore.js, as a
 * user runs it) reads each of consolidate's files under its own memory and time limits, and a
 * single file that needs more memory than Node has ends in a message in the run's language, exit 1.
 * Also: published ranks are bounded, -o never replaces a read-only file unless --force, and a CSV
 * as Excel writes it on a Vietnamese Windows reads. Every case: exit 0 or 1, within 30 s.
 */
import ExcelJS from "exceljs";
import { spawnSync } from "child_process";
import { promises as fs } from "fs";
import * as iconv from "iconv-lite";
import * as path from "path";
import type { AnalysisJson } from "../../src/pipeline/json";
import { analyzeJson, runCli, sheetRows, tempDir, xlsxFile } from "./helpers";

const repo = path.resolve(__dirname, "..", "..");
const EXAMPLES = path.join(repo, "examples", "consolidate");

let dir: string;
beforeAll(async () => {
  dir = await tempDir("parscore-limits-");
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/**
 * The bound is 30 s on a quiet machine (measured: 8-16 s); the tests allow twice that, as
 * other test files run alongside on the same cores.
 */
const BOUND_MS = 60_000;

/** The built CLI in a child process, as a user runs it; with its wall time. */
function cli(args: string[], env: Record<string, string> = {}): { code: number | null; out: string; err: string; ms: number } {
  const t0 = Date.now();
  const child = spawnSync(process.execPath, [path.join(repo, "bin", "parscore.js"), ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: "", ...env },
    timeout: 2 * BOUND_MS,
  });
  return { code: child.status, out: child.stdout, err: child.stderr, ms: Date.now() - t0 };
}

/** A plain table of `rows` x 6 cells (numbers), written by ExcelJS's streaming writer: big to read, quick to make. */
async function bigWorkbook(file: string, rows: number): Promise<string> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
  const ws = writer.addWorksheet("Lớn");
  for (let r = 0; r < rows; r++) ws.addRow([r + 1, `Dòng ${r + 1}`, r % 7, r % 5, r % 3, r % 11]).commit();
  await writer.commit();
  return file;
}

describe("consolidate: one file's failure is one unreadable-file finding, the others are ranked", () => {
  let units: string;
  beforeAll(async () => {
    units = path.join(dir, "units");
    await fs.mkdir(units);
    for (const name of await fs.readdir(EXAMPLES)) await fs.copyFile(path.join(EXAMPLES, name), path.join(units, name));
    // 2.4 M cells: several seconds to read even on an idle machine (the streaming reader does about
    // 300,000 cells a second), so the 2 s limit below always cuts it off; read with --max-cells raised.
    await bigWorkbook(path.join(units, "z-qua-lon.xlsx"), 400_000);
  });

  const ranked = (out: string) => (JSON.parse(out) as AnalysisJson).tables[0].units.map((u) => `${u.name} ${u.rank}`).sort();
  const unreadable = (out: string) => (JSON.parse(out) as AnalysisJson).findings.filter((f) => f.kind === "unreadable-file");

  test("a file needing more memory than --file-memory", () => {
    const run = cli(["consolidate", units, "--json", "-", "--file-memory", "64", "--max-cells", "5000000"]);
    expect(run.code).toBe(0);
    expect(ranked(run.out)).toEqual(["Sở Nội vụ 2", "Sở Tài chính 1", "Sở Tư pháp 3", "Sở Y tế 4"]);
    const bad = unreadable(run.out);
    expect(bad).toHaveLength(1);
    expect(bad[0].message).toMatch(/^'.*z-qua-lon\.xlsx': đọc tệp này cần nhiều hơn 64 MB bộ nhớ nên ParScore đã dừng đọc nó/);
    expect(run.ms).toBeLessThan(BOUND_MS);
  });

  test("a file taking longer than --file-timeout (English run)", () => {
    const run = cli(["consolidate", units, "--json", "-", "--file-timeout", "2", "--max-cells", "5000000", "--lang", "en"]);
    expect(run.code).toBe(0);
    expect(ranked(run.out)).toHaveLength(4);
    const bad = unreadable(run.out);
    expect(bad).toHaveLength(1);
    expect(bad[0].message).toMatch(/^'.*z-qua-lon\.xlsx': reading this file took more than 2 seconds, so ParScore stopped reading it/);
    expect(run.ms).toBeLessThan(BOUND_MS);
  });

  test("analyze of one file that needs more memory than Node has: a message in the run's language, exit 1, no V8 trace", () => {
    const file = path.join(units, "z-qua-lon.xlsx");
    const run = cli(["analyze", file, "--max-cells", "100000000"], { NODE_OPTIONS: "--max-old-space-size=64" });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^parscore: Tệp '.*z-qua-lon\.xlsx' cần nhiều bộ nhớ hơn mức Node cho phép/);
    expect(run.err).toContain("needs more memory than Node allows");
    expect(run.err).not.toContain("FATAL ERROR");
    expect(run.ms).toBeLessThan(BOUND_MS);
  });
});

test("a published rank beyond 1,000,000 is not a rank ('1' and 400 zeros, 1e21, 9007199254740993), as 0 and 2.5 are not", async () => {
  const huge = "1" + "0".repeat(400);
  const file = await xlsxFile(
    dir,
    "ranks.xlsx",
    sheetRows([
      ["STT", "Đơn vị", "Lĩnh vực 1", "Lĩnh vực 2", "Tổng điểm", "Xếp hạng"],
      [1, "Tỉnh A", 5, 3, 8, huge],
      [2, "Tỉnh B", 4, 3, 7, 1e21],
      [3, "Tỉnh C", 4, 2, 6, "9007199254740993"],
      [4, "Tỉnh D", 3, 2, 5, 4],
      [5, "Tỉnh E", 2, 2, 4, 1000000],
    ]),
  );
  const { code, json, out } = await analyzeJson(file);
  expect(code).toBe(0);
  const findings = json?.tables[0].findings.filter((f) => f.kind === "unreadable-rank").map((f) => f.cell);
  expect(findings).toEqual(["S!F2", "S!F3", "S!F4"]);
  expect(json?.tables[0].findings.find((f) => f.cell === "S!F2")?.message).toContain("không phải là thứ hạng");
  // Not read as ranks: never "Infinity", "1e+21 bậc" or a neighbour of the number typed.
  expect(out).not.toMatch(/Infinity|e\+21 bậc|9007199254740992/);
});

test("-o onto a read-only file is refused (in the run's language) unless --force; other -o checks stay", async () => {
  const input = await xlsxFile(dir, "table.xlsx", sheetRows([["STT", "Nội dung", "Điểm tối đa", "Điểm thẩm định"], ["1", "Một", 2, 1]]));
  const locked = path.join(dir, "locked.xlsx");
  await fs.writeFile(locked, "keep me");
  await fs.chmod(locked, 0o444);
  const refused = await runCli(["analyze", input, "-o", locked]);
  expect(refused.code).toBe(1);
  expect(refused.err).toContain(`-o '${locked}': tệp này chỉ cho đọc (read-only), nên ParScore không ghi đè lên nó.`);
  expect(refused.err).toContain("add --force if you really mean to replace it");
  expect(await fs.readFile(locked, "utf8")).toBe("keep me");
  const forced = await runCli(["analyze", input, "-o", locked, "--force", "--lang", "en"]);
  expect(forced.code).toBe(0);
  expect((await fs.readFile(locked)).subarray(0, 2).toString()).toBe("PK");
  expect((await runCli(["analyze", input, "-o", path.join(dir, "out.txt")])).code).toBe(2);
  const folder = path.join(dir, "folder.xlsx");
  await fs.mkdir(folder);
  expect((await runCli(["analyze", input, "-o", folder])).code).toBe(1);
});

test("a CSV as Excel saves it on a Vietnamese Windows (Windows-1258, tone marks apart) reads like its UTF-8 twin", async () => {
  const text = "STT,Đơn vị,Lĩnh vực 1,Lĩnh vực 2,Tổng điểm\r\n1,Sở Tư pháp,\"8,5\",7,\"15,5\"\r\n2,Sở Nội vụ,9,\"6,25\",\"15,25\"\r\n";
  const tones = /[\u0300\u0301\u0303\u0309\u0323]/g;
  const ansi = [...text].map((ch) => ch.normalize("NFD").replace(tones, "").normalize("NFC") + (ch.normalize("NFD").match(tones) ?? []).join("")).join("");
  const legacy = path.join(dir, "ansi.csv");
  const utf8 = path.join(dir, "utf8.csv");
  await fs.writeFile(legacy, iconv.encode(ansi, "windows-1258"));
  await fs.writeFile(utf8, text);
  const a = await analyzeJson(legacy);
  const b = await analyzeJson(utf8);
  expect(a.code).toBe(0);
  expect(a.json?.tables[0].units.map((u) => [u.name, u.total])).toEqual([
    ["Sở Tư pháp", "15.50"],
    ["Sở Nội vụ", "15.25"],
  ]);
  expect(a.json?.tables[0].units).toEqual(b.json?.tables[0].units);
});

test("CSV lines no table has are refused early with the size message in the run's language", async () => {
  const file = path.join(dir, "mot-dong.csv");
  await fs.writeFile(file, "1,".repeat(2_000_000));
  const t0 = Date.now();
  const vi = await runCli(["analyze", file]);
  expect(vi.code).toBe(1);
  expect(vi.err).toContain(`'${file}' quá lớn: dòng 1 dài hơn 1.000.000 byte`);
  expect(Date.now() - t0).toBeLessThan(BOUND_MS);
  const en = await runCli(["analyze", file, "--lang", "en"]);
  expect(en.err).toMatch(/^parscore: '.*' is too big: line 1 is longer than 1,000,000 bytes/);
});

test("a CSV cell longer than Excel's 32,767 characters is cut there with a text-too-long finding at its cell, as in .xlsx", async () => {
  const long = "x".repeat(900_000);
  const file = path.join(dir, "o-dai.csv");
  await fs.writeFile(file, `STT,Đơn vị,Lĩnh vực 1,Lĩnh vực 2,Tổng điểm\r\n1,${long},8,7,15\r\n2,Sở Nội vụ,9,6,15\r\n3,Sở Y tế,7,7,14\r\n4,Ghi chú: ${long}\r\n`);
  const t0 = Date.now();
  const run = await analyzeJson(file);
  expect(run.code).toBe(0);
  expect(Date.now() - t0).toBeLessThan(BOUND_MS);
  const json = run.json as NonNullable<typeof run.json>;
  expect(json.tables[0].units[0].name).toBe("x".repeat(32_767));
  const cut = json.findings.filter((f) => f.kind === "text-too-long");
  expect(cut.map((f) => f.cell)).toEqual(["'o-dai'!B2", "'o-dai'!B5"]);
  expect(cut[0].message).toContain("chứa hơn 32.767 ký tự");
  // Nothing echoes the 900,000 characters: the longest run of them anywhere in the output is the cut cell.
  const longest = Math.max(...[...(run.out + run.err).matchAll(/x+/g)].map((m) => m[0].length));
  expect(longest).toBe(32_767);
});
