/**
 * The fuzz job's harness itself (scripts/fuzz.js; `npm run fuzz` runs 2,000 cases, figures in the
 * README): mutants are repeatable, a changed user cell and a hang are caught, and 20 mutants of the
 * sample tables through the built command line each end in exit 0 or 1 (or are counted as hangs).
 */
import { execFileSync } from "child_process";
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { ZipPackage } from "../../src/hosts/xlsx/zip";
import { withWrongCrc } from "./xlsx-parts";

interface FuzzTotals {
  cases: number;
  exit0: number;
  exit1: number;
  crashes: number;
  hangs: number;
  changedCells: number;
  writtenChecked: number;
}

interface RunResult {
  code: number | null;
  hung: boolean;
  stalled: boolean;
  cpuMs: number;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const harness = require(path.join(__dirname, "..", "..", "scripts", "fuzz.js")) as {
  fuzz: (opts: { cases: number; seed: number; jobs: number; timeoutMs: number; keep: string }, log?: (line: string) => void) => Promise<{ totals: FuzzTotals; problems: unknown[]; corpus: string[] }>;
  mutate: (file: string, rnd: unknown) => { what: string; bytes: Buffer };
  random: (seed: number) => unknown;
  changedCells: (input: Buffer, output: string) => number;
  Runner: new (stallFactor?: number) => { run: (args: string[], cpuLimitMs: number) => Promise<RunResult>; stop: () => void };
};

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "consolidate", "so-y-te.xlsx");

test("mutants are repeatable from their seed and differ from the original", async () => {
  const a = harness.mutate(EXAMPLE, harness.random(5));
  const b = harness.mutate(EXAMPLE, harness.random(5));
  expect(a.what).toBe(b.what);
  expect(a.bytes.equals(b.bytes)).toBe(true);
  expect(a.bytes.equals(await fs.readFile(EXAMPLE))).toBe(false);
});

test("a user cell changed in the output is counted; ParScore's added sheets are not", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-fuzz-test-"));
  const out = path.join(dir, "out.xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EXAMPLE);
  wb.addWorksheet("Phân tích").getCell("A1").value = "x";
  await wb.xlsx.writeFile(out);
  expect(harness.changedCells(await fs.readFile(EXAMPLE), out)).toBe(0);
  const sheet = wb.worksheets[0];
  sheet.getCell("B5").value = "đã đổi";
  await wb.xlsx.writeFile(out);
  expect(harness.changedCells(await fs.readFile(EXAMPLE), out)).toBe(1);
  await fs.rm(dir, { recursive: true, force: true });
});

test("a part the mutation damaged is compared as bytes: copied as it was is no change, rewritten is one", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-fuzz-test-"));
  const input = withWrongCrc(await fs.readFile(EXAMPLE), "xl/theme/theme1.xml");
  const copied = path.join(dir, "copied.xlsx");
  await fs.writeFile(copied, input);
  expect(harness.changedCells(input, copied)).toBe(0);
  const rewritten = ZipPackage.read(input);
  rewritten.set("xl/theme/theme1.xml", "<a:theme/>");
  await fs.writeFile(copied, rewritten.toBuffer());
  expect(harness.changedCells(input, copied)).toBe(1);
  await fs.rm(dir, { recursive: true, force: true });
});

test("a run over its time limit is a hang, and the next case runs in a fresh runner", async () => {
  // CPU time is counted in 10 ms ticks, so the limit is 50 ms of CPU (the case needs far more), and the wall-time
  // limit for a stall is far away (1000 x): with 1 ms, an idle machine reached 10 ms of wall before the first tick.
  const runner = new harness.Runner(1000);
  const args = ["analyze", EXAMPLE, "--json", path.join(os.tmpdir(), "parscore-fuzz-hang.json")];
  expect(await runner.run(args, 50)).toMatchObject({ hung: true, stalled: false });
  expect(await runner.run(args, 120_000)).toMatchObject({ hung: false, code: 0 });
  runner.stop();
}, 300_000);

test("a run that waits without using CPU past the wall-time limit is a stall, not a hang", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-fuzz-test-"));
  const fifo = path.join(dir, "never-written.xlsx");
  execFileSync("mkfifo", [fifo]);
  // 20 s of CPU, or a quarter of that in wall time: reading a pipe nobody writes to uses no CPU.
  const runner = new harness.Runner(0.25);
  const run = await runner.run(["analyze", fifo, "--json", path.join(dir, "x.json")], 20_000);
  expect(run).toMatchObject({ hung: false, stalled: true, code: null });
  expect(run.cpuMs).toBeLessThan(20_000);
  runner.stop();
  await fs.rm(dir, { recursive: true, force: true });
}, 120_000);

test("20 fuzz cases through the command line: each exits 0 or 1 or is counted as a hang, none crashes", async () => {
  const { totals, corpus } = await harness.fuzz({ cases: 20, seed: 2026, jobs: 1, timeoutMs: 30_000, keep: "" }, () => undefined);
  expect(corpus.length).toBeGreaterThanOrEqual(10);
  expect(totals.cases).toBe(20);
  expect(totals.exit0 + totals.exit1 + totals.hangs).toBe(20);
  expect(totals.crashes).toBe(0);
  expect(totals.writtenChecked).toBeGreaterThan(0);
}, 900_000);
