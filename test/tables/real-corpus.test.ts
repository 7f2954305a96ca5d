/**
 * Every real published table of test/fixtures/real, read as the command line reads it
 * (`parscore analyze <id>.xlsx --json -`: .xlsx -> Grid -> recognition -> analysis -> JSON), against the
 * answers worked out by hand. A table marked `knownFailure` must still be misread: when a change makes it
 * read right, this test fails until the mark is removed, so the pass rate below only ever counts real passes.
 */
import * as path from "path";
import { existsSync, readdirSync } from "fs";
import type { AnalysisJson } from "../../src/pipeline/json";
import { run } from "../cli/run";
import { checkTable, loadCorpus, REAL_DIR, type RealTable } from "./real-corpus";

const results: { id: string; problems: string[] }[] = [];

async function analyse(real: RealTable): Promise<AnalysisJson | string> {
  const file = path.join(REAL_DIR, `${real.id}.xlsx`);
  const { out, err } = await run(["analyze", file, "--json", "-"]);
  try {
    return JSON.parse(out) as AnalysisJson;
  } catch {
    return `no JSON from parscore: ${err.trim().split("\n")[0]}`;
  }
}

describe("corpus of real published tables", () => {
  let corpus: RealTable[] = [];

  beforeAll(async () => {
    corpus = await loadCorpus();
  });

  afterAll(() => {
    const passed = results.filter((r) => r.problems.length === 0).length;
    const failed = results.filter((r) => r.problems.length > 0);
    const percent = results.length ? Math.round((100 * passed) / results.length) : 0;
    // One line for the README and the notes: the corpus pass rate on the current recogniser.
    console.log(
      `Corpus of real tables: ${passed} of ${results.length} read right (${percent}%)` +
        (failed.length ? `\n${failed.map((f) => `  ${f.id}: ${f.problems.slice(0, 3).join(" | ")}`).join("\n")}` : ""),
    );
  });

  test("has its tables, each with its source, its workbook and hand-worked answers", async () => {
    const all = await loadCorpus();
    expect(all.length).toBeGreaterThanOrEqual(55);
    for (const real of all) {
      expect(real.source).toMatch(/^https?:\/\//);
      expect(real.title.length).toBeGreaterThan(0);
      expect(existsSync(path.join(REAL_DIR, `${real.id}.xlsx`))).toBe(true);
      const e = real.expected;
      expect((e.units?.length ?? 0) + (e.findings?.length ?? 0) + (e.forbidden?.length ?? 0)).toBeGreaterThan(0);
    }
  });

  // One test per table, named by its id, built from the descriptions on disk.
  const ids = readdirSync(REAL_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();

  test.each(ids)("%s", async (id) => {
    const real = corpus.find((r) => r.id === id);
    if (!real) throw new Error(`${id}.json has no description with that id`);
    const json = await analyse(real);
    const problems = typeof json === "string" ? [json] : checkTable(real, json);
    results.push({ id, problems });
    if (real.knownFailure) {
      // Still misread as described; remove the mark once the recogniser reads it right.
      expect({ id, stillFails: problems.length > 0, knownFailure: real.knownFailure }).toEqual({ id, stillFails: true, knownFailure: real.knownFailure });
    } else {
      expect({ id, problems }).toEqual({ id, problems: [] });
    }
  });
});
