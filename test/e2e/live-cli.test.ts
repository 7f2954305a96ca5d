/**
 * What the command line writes stays live: every formula of `analyze -o` on the bundled example and
 * of `consolidate -o` on examples/consolidate is stored with a result that LibreOffice, recalculating
 * the file on load, computes again exactly.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { convert, sofficePath } from "../helpers/libreoffice";
import { run } from "../cli/run";

jest.setTimeout(240_000);

const EXAMPLES = path.join(__dirname, "../../examples");

type Result = string | number | null;

/** Every formula cell of a workbook with its stored result, by sheet and address. */
async function formulaResults(file: string): Promise<Map<string, { formula: string; result: Result }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, { formula: string; result: Result }>();
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string; result?: unknown } | null;
        if (!v || typeof v !== "object" || typeof v.formula !== "string" || v.formula.startsWith("HYPERLINK(")) return;
        const r = v.result ?? 0; // ExcelJS leaves out a stored 0
        const result = typeof r === "object" && r !== null && "error" in r ? `#ERR ${(r as { error: string }).error}` : (r as Result);
        out.set(`${ws.name}!${cell.address}`, { formula: v.formula, result: result === "" ? null : result });
      }),
    ),
  );
  return out;
}

async function expectLive(written: string, dir: string, minFormulas: number): Promise<void> {
  const stored = await formulaResults(written);
  expect(stored.size).toBeGreaterThanOrEqual(minFormulas);
  const [saved] = (await convert(written, "xlsx", path.join(dir, "lo"))).filter((f) => f.endsWith(".xlsx"));
  const recalculated = await formulaResults(saved);
  const diffs: string[] = [];
  for (const [where, { formula, result }] of stored) {
    const again = recalculated.get(where)?.result ?? null;
    const same = typeof result === "number" && typeof again === "number" ? Math.abs(result - again) < 1e-12 : result === again;
    if (!same) diffs.push(`${where} =${formula.slice(0, 80)}: stored ${JSON.stringify(result)}, LibreOffice ${JSON.stringify(again)}`);
  }
  expect(diffs).toEqual([]);
}

async function withDir(body: (dir: string) => Promise<void>): Promise<void> {
  if (!sofficePath()) throw new Error("LibreOffice (soffice) is not on PATH");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-live-cli-"));
  try {
    await body(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

test("analyze -o on the bundled example: LibreOffice recalculates every formula to the value stored", async () => {
  await withDir(async (dir) => {
    const out = path.join(dir, "scored.xlsx");
    expect((await run(["analyze", path.join(EXAMPLES, "parscore-demo.xlsx"), "-o", out])).code).toBe(0);
    await expectLive(out, dir, 100);
    const values = path.join(dir, "values.xlsx");
    expect((await run(["analyze", path.join(EXAMPLES, "parscore-demo.xlsx"), "-o", values, "--no-formulas"])).code).toBe(0);
    // Only the user's own formulas (the example's SUM totals) remain.
    expect((await formulaResults(values)).size).toBe((await formulaResults(path.join(EXAMPLES, "parscore-demo.xlsx"))).size);
  });
});

test("consolidate -o on a folder of units' workbooks: the new workbook's formulas are live too", async () => {
  await withDir(async (dir) => {
    const out = path.join(dir, "tong-hop.xlsx");
    expect((await run(["consolidate", path.join(EXAMPLES, "consolidate"), "-o", out])).code).toBe(0);
    await expectLive(out, dir, 20);
  });
});
