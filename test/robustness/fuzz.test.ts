/**
 * The fuzz job's harness itself (scripts/fuzz.js, `npm run fuzz` runs 2,000 cases): 20 mutants of
 * the sample tables through the built command line, none crashing, hanging or changing a user's cell.
 */
import * as path from "path";

interface FuzzTotals {
  cases: number;
  exit0: number;
  exit1: number;
  crashes: number;
  hangs: number;
  changedCells: number;
  writtenChecked: number;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { fuzz, mutate, random } = require(path.join(__dirname, "..", "..", "scripts", "fuzz.js")) as {
  fuzz: (opts: { cases: number; seed: number; jobs: number; timeoutMs: number; keep: string }, log?: (line: string) => void) => Promise<{ totals: FuzzTotals; problems: unknown[]; corpus: string[] }>;
  mutate: (file: string, rnd: unknown) => { what: string; bytes: Buffer };
  random: (seed: number) => unknown;
};

test("mutants are repeatable from their seed and differ from the original", () => {
  const file = path.join(__dirname, "..", "..", "examples", "consolidate", "so-y-te.xlsx");
  const a = mutate(file, random(5));
  const b = mutate(file, random(5));
  expect(a.what).toBe(b.what);
  expect(a.bytes.equals(b.bytes)).toBe(true);
  expect(a.what.length).toBeGreaterThan(0);
});

test("20 fuzz cases: every run exits 0 or 1, none hangs, no user cell changed in -o output", async () => {
  const { totals, problems, corpus } = await fuzz({ cases: 20, seed: 2026, jobs: 1, timeoutMs: 60_000, keep: "" }, () => undefined);
  expect(corpus.length).toBeGreaterThanOrEqual(10);
  expect(problems).toEqual([]);
  expect(totals).toMatchObject({ cases: 20, crashes: 0, hangs: 0, changedCells: 0 });
  expect(totals.exit0 + totals.exit1).toBe(20);
  expect(totals.writtenChecked).toBeGreaterThan(0);
});
