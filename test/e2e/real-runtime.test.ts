/**
 * The Office.js host (src/hosts/excel: readGrid, applyPlan) on Microsoft's real Office.js runtime
 * (npm @microsoft/office-js, excel-web-16.00.js, the script the CDN serves to Excel on the web),
 * whose requests go to an emulated Excel (test/excel-emulator): what is counted is what the
 * runtime really sends, object paths, instantiations, kept references and the clean-up request
 * after each Excel.run included.
 *
 * Fails when Excel refuses a request or a response (over 5 MB), when the runtime sends an action
 * the emulated Excel does not know, when a reference is left held, or when a user cell changes.
 * On the seed table with ExcelApi 1.13 and with 1.7 only; and on a national-size table of
 * 10,000 units x 120 criteria, with the issue 18 targets: at most 6 syncs to read and 6 to write
 * (clean-up included), at most 5 MB sent for the whole write, no request over 4 MiB.
 */
import { analyseGrids } from "../../src/pipeline/run";
import { buildReportPlan } from "../../src/report";
import { resolveFormula, type SheetPlan } from "../../src/report/plan";
import { parseA1 } from "../../src/tables/grid";
import { sheetSnapshot } from "../fake-excel";
import type { SpecCell } from "../fake-excel/build";
import { runOnRealRuntime, type RealRuntimeRun } from "../excel-emulator/measure";
import { installRealRuntime } from "../excel-emulator/runtime";
import { seedCells, seedGrid, SEED_SHEET } from "../hosts/excel/helpers";

const runtime = installRealRuntime();
const MIB4 = 4 * 1024 * 1024;

/** The user's sheet as cells (values and formulas), for "nothing the user typed changed". */
function userCells(run: RealRuntimeRun, sheet: string): string {
  return JSON.stringify(sheetSnapshot(run.emulator.state, run.emulator.state.requireSheet(sheet)).cells);
}

function expectClean(run: RealRuntimeRun): void {
  expect(run.unknown).toEqual([]);
  expect(run.read.refused).toEqual([]);
  expect(run.write.refused).toEqual([]);
  expect(run.write.error).toBeUndefined();
  // Nothing held, so Excel.run sends no clean-up request that could fail unseen.
  expect(run.heldReferences).toBe(0);
  expect(run.write.cleanupBytes).toBe(0);
}

function trimRows(rows: readonly (readonly unknown[])[]): unknown[][] {
  return rows.map((row) => {
    const r = [...row];
    while (r.length > 0 && (r[r.length - 1] === null || r[r.length - 1] === undefined)) r.pop();
    return r;
  });
}

describe.each(["1.13", "1.7"])("the seed table on the real runtime, ExcelApi %s", (apiVersion) => {
  test("read, analysed and written: nothing refused or unknown, no reference held, the user's cells unchanged", async () => {
    const cells = seedCells();
    let plan: SheetPlan | undefined;
    let before = "";
    const run = await runOnRealRuntime(runtime, {
      sheet: SEED_SHEET,
      cells,
      apiVersion,
      planOf: (grid) => {
        plan = buildReportPlan({ lang: "vi", tables: analyseGrids([grid]).tables, gap: true, highlights: true, formulas: true });
        return plan;
      },
      beforeWrite: (emulator) => {
        before = JSON.stringify(sheetSnapshot(emulator.state, emulator.state.requireSheet(SEED_SHEET)).cells);
      },
    });
    expectClean(run);
    expect(trimRows(run.read.outcome.grid.values)).toEqual(trimRows(seedGrid().values));
    expect(userCells(run, SEED_SHEET)).toBe(before);
    const outcome = run.write.outcome;
    expect(outcome?.sheets).toHaveLength(plan?.sheets.length ?? -1);
    expect(outcome?.highlights).toBeGreaterThan(0);
    // The gap sheet holds what was planned, live formulas included.
    const gap = run.emulator.state.requireSheet(outcome?.sheets[0] ?? "");
    const planned = plan?.sheets[0].blocks.reduce((n, b) => n + b.rows.reduce((m, row) => m + row.filter((c) => c?.value).length, 0), 0);
    const written = gap.rows.reduce((n, row) => n + row.content.filter((v) => v !== undefined).length, 0);
    expect(written).toBe(planned);
    expect(gap.rows.some((row) => row.content.some((v) => typeof v === "object" && v !== null && "formula" in v))).toBe(true);
    // The user's sheet got its highlights, which protection or a refused request would have stopped.
    expect(run.emulator.state.requireSheet(SEED_SHEET).conditionalFormats.length).toBe(outcome?.highlights);
    expect(run.write.syncs).toBeLessThanOrEqual(4);
  });
});

/** A units-in-rows table: STT, unit, criteria as decimal-comma text, total; a "Điểm tối đa" row. */
function unitTable(units: number, criteria: number): SpecCell[][] {
  const rows: SpecCell[][] = [
    ["STT", "Đơn vị", ...Array.from({ length: criteria }, (_, i) => `Tiêu chí ${i + 1}`), "Tổng điểm"],
    [null, "Điểm tối đa", ...Array.from({ length: criteria }, () => "1,00"), `${criteria},00`],
  ];
  for (let u = 0; u < units; u++) {
    let total = 0;
    const points: string[] = [];
    for (let c = 0; c < criteria; c++) {
      const v = ((u * 7 + c * 3) % 5) * 0.25;
      total += v;
      points.push(v.toFixed(2).replace(".", ","));
    }
    rows.push([u + 1, `Đơn vị ${u + 1}`, ...points, total.toFixed(2).replace(".", ",")]);
  }
  return rows;
}

const UNITS = 10_000;
const CRITERIA = 120;

test(`${UNITS.toLocaleString("en")} units x ${CRITERIA} criteria on the real runtime: at most 6 syncs each way, at most 5 MB written, no request over 4 MiB`, async () => {
  const sheet = "Toàn quốc";
  let plan: SheetPlan | undefined;
  let before = "";
  const run = await runOnRealRuntime(runtime, {
    sheet,
    cells: unitTable(UNITS, CRITERIA),
    planOf: (grid) => {
      plan = buildReportPlan({ lang: "vi", tables: analyseGrids([grid]).tables, formulas: true });
      return plan;
    },
    beforeWrite: (emulator) => {
      before = JSON.stringify(sheetSnapshot(emulator.state, emulator.state.requireSheet(sheet)).cells);
    },
  });
  console.log(`real runtime ${runtime.version}, ${UNITS} x ${CRITERIA}: read ${JSON.stringify({ ...run.read, outcome: undefined })}; write ${JSON.stringify({ ...run.write, outcome: undefined })}`);
  expectClean(run);
  expect(run.read.outcome.grid.values).toHaveLength(UNITS + 2);
  expect(run.read.syncs).toBeLessThanOrEqual(6);
  expect(run.write.syncs).toBeLessThanOrEqual(6);
  expect(run.write.bytes).toBeLessThanOrEqual(5_000_000);
  expect(Math.max(run.read.largestRequest, run.write.largestRequest)).toBeLessThanOrEqual(MIB4);
  // The host's own estimate of its largest request is an upper bound of what the runtime sent.
  expect(run.write.outcome?.maxRequestBytes).toBeGreaterThanOrEqual(run.write.largestRequest);
  expect(userCells(run, sheet)).toBe(before);
  // Every planned value is in its sheet, the filled formulas too: the last unit's total on the
  // ranking sheet is the plan's formula (its row no longer pinned with "$": Excel filled it down).
  plan?.sheets.forEach((planned, i) => {
    const written = run.emulator.state.requireSheet(run.write.outcome?.sheets[i] ?? "");
    const count = written.rows.reduce((n, row) => n + row.content.filter((v) => v !== undefined).length, 0);
    const wanted = planned.blocks.reduce((n, b) => n + b.rows.reduce((m, row) => m + row.filter((c) => c?.value).length, 0), 0);
    expect(count).toBe(wanted);
  });
  const unpinned = (f: string) => f.replace(/\$(\d)/g, "$1");
  const finalName = new Map(plan?.sheets.map((p, i) => [p.name, run.write.outcome?.sheets[i] ?? p.name]));
  let compared = 0;
  plan?.sheets.forEach((planned, i) => {
    const written = run.emulator.state.requireSheet(run.write.outcome?.sheets[i] ?? "");
    for (const block of planned.blocks) {
      const origin = parseA1(block.at);
      // The block's last row with a formula: far below the first, so written by the fill if anything was.
      let last = block.rows.length - 1;
      while (last > 0 && !block.rows[last].some((cell) => cell?.value?.kind === "formula")) last--;
      block.rows[last]?.forEach((cell, c) => {
        if (cell?.value?.kind !== "formula") return;
        const content = written.content(origin.row + last, origin.col + c);
        const formula = typeof content === "object" && content !== null && "formula" in content ? content.formula : "";
        expect(unpinned(formula)).toBe(unpinned(`=${resolveFormula(cell.value.formula, (name) => finalName.get(name) ?? name)}`));
        compared++;
      });
    }
  });
  expect(compared).toBeGreaterThan(0);
}, 600_000);
