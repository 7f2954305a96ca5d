/**
 * National size: a units-in-rows table of 10,000 units x 120 criteria (decimal-comma text, a
 * "Điểm tối đa" row) read from the fake in a handful of syncs, every response under Excel on the
 * web's 5 MB; and report plans (with and without the gap sheet) written in a handful of requests
 * of at most 4 MB each, syncs growing with bytes only (about bytes / 4 MB + 2).
 *
 * The plans are those of the first 2,000 units, because analysing and planning all 10,000 takes
 * about 25 s of CPU, too long for every test run; PARSCORE_WRITE_UNITS=10000 runs the full size
 * (3 syncs with and without the gap sheet when this was written).
 */
import { applyPlan, readGrid } from "../../../src/hosts/excel";
import { analyseGrids } from "../../../src/pipeline/run";
import { buildReportPlan } from "../../../src/report";
import type { Grid } from "../../../src/tables/grid";
import { fakeExcel } from "./helpers";

const UNITS = 10_000;
const CRITERIA = 120;
const WRITTEN_UNITS = Number(process.env.PARSCORE_WRITE_UNITS ?? 2_000);
const LIMIT = 4_000_000;

function tableCells(units: number, criteria: number): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [
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

let read: Grid;

test(`reading ${UNITS.toLocaleString("en")} units x ${CRITERIA} criteria: at most 6 syncs, every response under 5 MB`, async () => {
  const cells = tableCells(UNITS, CRITERIA);
  const { workbook, run } = fakeExcel({ sheets: [{ name: "Toàn quốc", cells }] });
  const outcome = await run((ctx) => readGrid(ctx, { kind: "usedRange" }));
  read = outcome.grid;
  expect(outcome.address).toBe("'Toàn quốc'!A1:DS10002");
  expect(outcome.grid.values).toHaveLength(UNITS + 2);
  expect(outcome.grid.values).toHaveLength(cells.length);
  for (let r = 0; r < cells.length; r += r < 3 ? 1 : 997) expect(outcome.grid.values[r]).toEqual(cells[r]);
  expect(outcome.grid.values[UNITS + 1]).toEqual(cells[UNITS + 1]);
  expect(outcome.syncs).toBe(workbook.syncs);
  expect(outcome.syncs).toBeLessThanOrEqual(6);
  expect(workbook.requests.every((r) => !r.error && r.bytes <= LIMIT && r.responseBytes <= 5_000_000)).toBe(true);
  // Chunks are full: the data is about 21 MB of JSON, in as few responses as the budget allows.
  const data = workbook.requests.slice(1).map((r) => r.responseBytes);
  expect(Math.min(...data.slice(0, -1))).toBeGreaterThan(3_500_000);
});

describe(`writing the report plan of ${WRITTEN_UNITS.toLocaleString("en")} units x ${CRITERIA} criteria`, () => {
  let table: ReturnType<typeof analyseGrids>["tables"];

  beforeAll(() => {
    const grid: Grid = { ...read, values: read.values.slice(0, WRITTEN_UNITS + 2), formats: read.formats?.slice(0, WRITTEN_UNITS + 2) };
    table = analyseGrids([grid]).tables;
    expect(table).toHaveLength(1);
  }, 120_000);

  for (const gap of [false, true]) {
    test(`${gap ? "with" : "without"} the gap sheet: at most 6 syncs, every request within 4 MB`, async () => {
      const plan = buildReportPlan({ lang: "vi", tables: table, gap });
      expect(plan.sheets.map((s) => s.role)).toEqual(gap ? ["gap", "ranking"] : ["ranking"]);
      const { workbook, run } = fakeExcel({ sheets: [{ name: "Toàn quốc", cells: tableCells(WRITTEN_UNITS, CRITERIA) }] });
      const outcome = await run((ctx) => applyPlan(ctx, plan));
      expect(outcome.syncs).toBe(workbook.syncs);
      expect(outcome.syncs).toBeLessThanOrEqual(6);
      expect(workbook.requests.every((r) => !r.error && r.bytes <= LIMIT)).toBe(true);
      const total = workbook.requests.reduce((n, r) => n + r.bytes, 0);
      // Syncs grow with bytes only: the inspection, the requests the payload needs, the highlights.
      expect(outcome.syncs).toBeLessThanOrEqual(2 + Math.ceil((total * 1.25) / LIMIT));
      // Every planned value is in its sheet.
      plan.sheets.forEach((planned, i) => {
        const sheet = workbook.requireSheet(outcome.sheets[i]);
        const written = sheet.rows.reduce((n, row) => n + row.content.filter((v) => v !== undefined).length, 0);
        const wanted = planned.blocks.reduce((n, b) => n + b.rows.reduce((m, row) => m + row.filter((c) => c?.value).length, 0), 0);
        expect(written).toBe(wanted);
      });
    });
  }
});
