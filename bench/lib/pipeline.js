// The pipeline as the CLI and the task pane run it: Grid -> recognise -> analyse (totals,
// deductions, ranks for every node, findings) -> SheetPlan. Loaded from dist/ (tsc -p tsconfig.cli.json).
"use strict";

const path = require("path");
const { collectGarbage } = require("./measure");

const dist = path.resolve(__dirname, "..", "..", "dist");
const { analyseGrids } = require(path.join(dist, "pipeline", "run.js"));
const { buildReportPlan } = require(path.join(dist, "report", "index.js"));

function elapsed(t0, cpu0) {
  const cpu = process.cpuUsage(cpu0);
  return { wallMs: Number(process.hrtime.bigint() - t0) / 1e6, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** One timed run, split into its two halves: { analyse, plan, total, result, reportPlan }. */
function pipelineOnce(grid) {
  collectGarbage();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = analyseGrids([grid]);
  const analyse = elapsed(t0, cpu0);
  const cpu1 = process.cpuUsage();
  const t1 = process.hrtime.bigint();
  const reportPlan = buildReportPlan({ lang: "vi", tables: result.tables });
  const plan = elapsed(t1, cpu1);
  return { analyse, plan, total: { wallMs: analyse.wallMs + plan.wallMs, cpuMs: analyse.cpuMs + plan.cpuMs }, result, reportPlan };
}

/**
 * What the pipeline found, for cross-checks (untimed): per unit name, its total (as a JS number)
 * and its rank on the total; plus the table's layout and the number of findings.
 */
function pipelineFacts(result) {
  const table = result.tables[0];
  if (!table) return { tables: 0 };
  const analysis = table.analysis;
  const totals = new Map();
  for (const column of analysis.columns) {
    const node = column.nodes.get("");
    if (node && node.achieved) totals.set(column.column.unit, Number(node.achieved.toString()));
  }
  const ranks = new Map();
  const totalRanks = analysis.ranks.find((r) => r.code === "");
  if (totalRanks) for (const e of totalRanks.entries) ranks.set(e.unit, e.rank);
  return {
    tables: result.tables.length,
    layout: table.table.layout,
    range: table.table.range,
    columns: analysis.columns.length,
    rankTables: analysis.ranks.length,
    findings: analysis.findings.length + result.findings.length,
    totals,
    ranks,
  };
}

/** Cells and rows in a plan, for the table. */
function planSize(plan) {
  let cells = 0;
  let rows = 0;
  for (const sheet of plan.sheets) {
    for (const block of sheet.blocks) {
      rows += block.rows.length;
      for (const row of block.rows) cells += row.length;
    }
  }
  return { sheets: plan.sheets.map((s) => s.name), rows, cells, highlights: plan.highlights.length };
}

module.exports = { pipelineOnce, pipelineFacts, planSize, analyseGrids, buildReportPlan };
