#!/usr/bin/env node
// Profiles the pipeline (Grid -> analyseGrids -> buildReportPlan) once on a generated workload
// with V8's sampling profiler, through node's --cpu-prof flag (no inspector session), and prints
// the functions with the most self time.
//
//   npx tsc -p tsconfig.cli.json && node bench/profile.js            # 10,000 x 120, top 25
//   node bench/profile.js --workload=700 --top=40
//
// It re-runs itself as `node --cpu-prof --cpu-prof-dir=dist/bench-profiles ... bench/profile.js
// --child`; the child builds the grid (a fraction of a second, visible in the profile as
// buildGrid/commaText), runs the pipeline once and exits, and V8 writes the .cpuprofile. The parent
// then reads it. The file stays in dist/bench-profiles/: open it in Chrome DevTools (Performance
// panel, "Load profile") or https://www.speedscope.app for the call tree.
"use strict";

const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const repo = path.resolve(__dirname, "..");

function option(name, fallback) {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const workloadKey = option("workload", "10k");
const top = Number(option("top", "25"));

if (process.argv.includes("--child")) {
  const { WORKLOADS, buildGrid } = require("./workloads");
  const { analyseGrids, buildReportPlan } = require("./lib/pipeline");
  const w = WORKLOADS.find((x) => x.key === workloadKey);
  if (!w) throw new Error(`no workload ${workloadKey}; one of ${WORKLOADS.map((x) => x.key).join(", ")}`);
  const grid = buildGrid(w.units, w.criteria);
  const t0 = process.hrtime.bigint();
  const result = analyseGrids([grid]);
  const plan = buildReportPlan({ lang: "vi", tables: result.tables });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify({ ms, workload: w.label, sheets: plan.sheets.length }));
  return;
}

const dir = path.join(repo, "dist", "bench-profiles");
fs.mkdirSync(dir, { recursive: true });
const name = `pipeline-${workloadKey}-${new Date().toISOString().replace(/[:.]/g, "-")}.cpuprofile`;
const child = spawnSync(
  process.execPath,
  ["--cpu-prof", `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}`, "--max-old-space-size=6144", __filename, "--child", `--workload=${workloadKey}`],
  { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 16 * 1024 * 1024 },
);
if (child.status !== 0) {
  process.stderr.write(`profile: the profiled run failed (exit ${child.status})\n`);
  process.exit(1);
}
const run = JSON.parse(child.stdout);
const file = path.join(dir, name);
const profile = JSON.parse(fs.readFileSync(file, "utf8"));

// A .cpuprofile: nodes (call tree, each with a callFrame and child ids), samples (the node id on
// top of the stack at each tick) and timeDeltas (microseconds since the previous tick). A sample
// lasts until the next one, as Chrome DevTools counts it.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);

function frameKey(node) {
  const f = node.callFrame;
  return `${f.functionName || "(anonymous)"}\u0000${f.url}\u0000${f.lineNumber}\u0000${f.columnNumber}`;
}
function frameLabel(node) {
  const f = node.callFrame;
  const fn = f.functionName || "(anonymous)";
  if (!f.url) return { fn, where: "" };
  let where = f.url.replace(/^file:\/\//, "");
  if (where.startsWith(repo + path.sep)) where = where.slice(repo.length + 1);
  where = where.replace(/^.*node_modules\//, "node_modules/");
  return { fn, where: `${where}:${f.lineNumber + 1}` };
}

const stamps = [];
let t = profile.startTime;
for (const d of profile.timeDeltas) stamps.push((t += d));
const self = new Map();
const total = new Map();
let sampled = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const next = i + 1 < stamps.length ? stamps[i + 1] : profile.endTime;
  const us = Math.max(0, next - stamps[i]);
  sampled += us;
  const leaf = byId.get(profile.samples[i]);
  const k = frameKey(leaf);
  self.set(k, (self.get(k) || { us: 0, node: leaf }));
  self.get(k).us += us;
  // Inclusive time: every function on the stack once (recursion counted once).
  const seen = new Set();
  for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
    const node = byId.get(id);
    const key = frameKey(node);
    if (seen.has(key)) continue;
    seen.add(key);
    total.set(key, (total.get(key) || 0) + us);
  }
}

const rows = [...self.entries()].sort((a, b) => b[1].us - a[1].us).slice(0, top);
const ms = (us) => (us / 1000).toFixed(0);
process.stdout.write(`Pipeline on ${run.workload}: ${run.ms.toFixed(0)} ms under the profiler (${ms(sampled)} ms sampled in the whole process).\n`);
process.stdout.write(`Profile: ${path.relative(repo, file)}\n\n`);
const lines = rows.map(([k, v], i) => {
  const { fn, where } = frameLabel(v.node);
  return [String(i + 1), ms(v.us), `${((100 * v.us) / sampled).toFixed(1)}%`, ms(total.get(k) || 0), fn, where];
});
const header = ["#", "self ms", "self %", "total ms", "function", "where"];
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
const fmt = (cells) => cells.map((c, i) => (i < 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
process.stdout.write(`${fmt(header)}\n${fmt(widths.map((w) => "-".repeat(w)))}\n`);
for (const l of lines) process.stdout.write(`${fmt(l)}\n`);
