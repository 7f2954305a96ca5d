#!/usr/bin/env node
// The Office.js host on Microsoft's real Office.js runtime (@microsoft/office-js, excel-web-16.00.js)
// against the emulated Excel (test/excel-emulator, compiled into dist/bench by bench/tsconfig.json):
// a generated table of `units` x `criteria` (bench/workloads.js) read with readGrid, analysed, and
// its plan as the pane writes it (gap sheet, ranking, highlights, live formulas) written with
// applyPlan. Prints one JSON line: what the runtime sent, per phase, the clean-up requests included.
// A child process: the runtime installs window/document globals and Excel's own, which must not
// leak into the benchmark's other stages.
// Usage: node bench/child/real-runtime.js UNITS CRITERIA
"use strict";
const path = require("path");

const repo = path.resolve(__dirname, "..", "..");
const { buildGrid } = require("../workloads");
const emulated = require(path.join(repo, "dist", "bench", "test", "excel-emulator", "index.js"));
const { analyseGrids } = require(path.join(repo, "dist", "pipeline", "run.js"));
const { buildReportPlan } = require(path.join(repo, "dist", "report", "index.js"));

async function main([units, criteria]) {
  const grid = buildGrid(Number(units), Number(criteria));
  const runtime = emulated.installRealRuntime();
  const t0 = process.hrtime.bigint();
  const run = await emulated.runOnRealRuntime(runtime, {
    sheet: grid.sheet,
    cells: grid.values,
    planOf: (read) => buildReportPlan({ lang: "vi", tables: analyseGrids([read]).tables, formulas: true }),
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const { outcome: readOutcome, ...read } = run.read;
  const { outcome: written, ...write } = run.write;
  const result = {
    runtime: `${emulated.RUNTIME_PACKAGE}@${runtime.version} ${emulated.RUNTIME_FILE}`,
    units: Number(units),
    criteria: Number(criteria),
    read: { ...read, cells: readOutcome.grid.values.length * (readOutcome.grid.values[0] || []).length },
    write: { ...write, sheets: written ? written.sheets : [], linksLeftOut: written ? written.linksLeftOut || 0 : 0, hostMaxRequestBytes: written ? written.maxRequestBytes : null },
    heldReferences: run.heldReferences,
    unknown: run.unknown,
    ms,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err.stack || err}\n`);
    process.exit(1);
  },
);
