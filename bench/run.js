#!/usr/bin/env node
// `npm run bench`: ParScore's performance figures, measured in one process run on generated,
// seeded workloads (63 x 100, 700 x 120, 10,000 x 120 units x criteria). Prints a readable table
// on stdout and, as its last line, one JSON object with every figure. Progress goes to stderr.
// Nothing here asserts: the targets are shown as met / not met. See bench/README.md.
//
// Options (for working on one part; `npm run bench` runs everything):
//   --only=pipeline,floor,hyperformula,excel,cli,split,taskpane   stages to run (default: all)
//   --workloads=63,700,10k,3300                             workloads (default: all; 3300 is the
//                                                           command line's 3,300 x 120 comparison only)
// Environment: BENCH_BUDGET_S (default 510): after every stage has run once, repetitions are
// added to the 10k figures only while the whole run stays within this many seconds.
// BENCH_WEB_BUILD=auto|always|never (default auto: build dist/web when missing or older than src/).
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { execSync } = require("child_process");

const { WORKLOADS, buildGrid } = require("./workloads");
const { Series, repeat, timeOnce, median, round, ratio, collectGarbage } = require("./lib/measure");
const { floorTotals } = require("./lib/floor");

const repo = path.resolve(__dirname, "..");
const START = Date.now();
const BUDGET_MS = Number(process.env.BENCH_BUDGET_S || 510) * 1000;

function option(name, fallback) {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3).split(",").filter(Boolean) : fallback;
}
const STAGES = option("only", ["pipeline", "floor", "hyperformula", "excel", "cli", "split", "taskpane"]);
const WANTED = option("workloads", [...WORKLOADS.map((w) => w.key), "3300"]);
const runs = (stage) => STAGES.includes(stage);

function log(message) {
  const s = ((Date.now() - START) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[bench ${s}s] ${message}\n`);
}
const elapsedMs = () => Date.now() - START;

/** Repetitions per workload: more for small ones; 10k starts at one and gets more if time allows. */
const REPS = {
  "63": { pipeline: 9, pipelineWarmup: 2, floor: 31, hyperformula: 7, countif: 5 },
  "700": { pipeline: 5, pipelineWarmup: 1, floor: 21, hyperformula: 5, countif: 3 },
  "10k": { pipeline: 1, pipelineWarmup: 0, floor: 21, hyperformula: 1, countif: 0 },
};
/** How many repetitions the 10k figures get when the budget allows, in order of priority. */
const TOP_UP = [
  ["pipeline", 3],
  ["exceljs", 3],
  ["hyperformula", 2],
  ["cli", 2],
  ["hyperformula", 3],
  ["cli", 3],
  ["pipeline", 5],
];

/** Keys the JSON line always has (null, with a note, when not measured). */
const REQUIRED = [
  "pipeline_ms_63",
  "floor_ms_63",
  "pipeline_over_floor_63",
  "pipeline_ms_700",
  "floor_ms_700",
  "pipeline_over_floor_700",
  "pipeline_ms_10k",
  "floor_ms_10k",
  "pipeline_over_floor_10k",
  "hyperformula_ms_10k",
  "hyperformula_over_pipeline_10k",
  "excel_read_syncs_10k",
  "excel_write_syncs_10k",
  "excel_max_request_bytes_10k",
  "excel_real_read_syncs_10k",
  "excel_real_write_syncs_10k",
  "excel_real_write_bytes_10k",
  "excel_real_max_request_bytes_10k",
  "excel_real_max_request_bytes_38k",
  "excel_real_pane_flow_ms_10k",
  "cli_ms_10k",
  "exceljs_ms_10k",
  "cli_over_exceljs_10k",
  "cli_peak_mb_10k",
  "cli_ms_3300",
  "exceljs_ms_3300",
  "cli_over_exceljs_3300",
  "cli_peak_mb_3300",
  "taskpane_first_load_gzip_kb",
  "taskpane_interactive_ms",
];

const figures = {}; // the JSON line
const notes = {}; // key -> why it is null, or what to know about it
const sections = []; // printed tables

function gitFacts() {
  try {
    const commit = execSync("git rev-parse --short HEAD", { cwd: repo, encoding: "utf8" }).trim();
    const dirty = execSync("git status --porcelain --untracked-files=no", { cwd: repo, encoding: "utf8" }).trim() !== "";
    return { commit, dirty };
  } catch (_e) {
    return { commit: null, dirty: null };
  }
}

// ---------------------------------------------------------------------------------------------
// Cross-checks (untimed): do the pipeline, the floor and HyperFormula agree on totals and ranks?

function agreeTotals(facts, floor) {
  let same = 0;
  for (let u = 0; u < floor.sums.length; u++) {
    const t = facts.totals.get(`Đơn vị ${u + 1}`);
    if (t !== undefined && Math.abs(t - floor.sums[u]) < 1e-6) same++;
  }
  return same / floor.sums.length;
}

function agreeRanks(facts, hf) {
  let same = 0;
  for (let u = 0; u < hf.ranks.length; u++) if (facts.ranks.get(`Đơn vị ${u + 1}`) === hf.ranks[u]) same++;
  return same / hf.ranks.length;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const git = gitFacts();
  figures.date = new Date().toISOString();
  figures.git_commit = git.commit;
  figures.git_dirty = git.dirty;
  figures.node = process.version;
  figures.cpus = os.cpus().length;
  figures.loadavg_start = round(os.loadavg()[0], 2);
  figures.gc_between_runs = typeof global.gc === "function";

  if (!fs.existsSync(path.join(repo, "dist", "pipeline", "run.js"))) {
    throw new Error("dist/ is missing: run `npx tsc -p tsconfig.cli.json` (npm run bench does) first");
  }
  const pipeline = require("./lib/pipeline");

  // Task pane first: it builds dist/web if needed, and Chromium is best measured on a quiet process.
  if (runs("taskpane")) await taskpaneStage();

  const series = {}; // `${stage}_${key}` -> Series
  const state = {}; // per workload: grid, last pipeline result, ...
  for (const w of WORKLOADS) {
    if (!WANTED.includes(w.key)) continue;
    log(`workload ${w.label}: generating`);
    const grid = buildGrid(w.units, w.criteria);
    const st = (state[w.key] = { w, grid });
    const reps = REPS[w.key];

    if (runs("floor") || runs("pipeline")) {
      const s = (series[`floor_${w.key}`] = new Series("floor"));
      st.floor = repeat(s, reps.floor, () => floorTotals(grid), 3);
      log(`  floor: ${round(s.wallMs, 2)} ms (median of ${s.runs})`);
    }
    // HyperFormula before the pipeline, and the pipeline's result let go once the Office.js host
    // has written its plan: a measurement must not run next to another one's live heap (at 10k
    // the pipeline's result is over 1 GB, and HyperFormula beside it took half as long again).
    if (runs("hyperformula")) {
      const hf = require("./lib/hyperformula");
      const s = (series[`hyperformula_${w.key}`] = new Series("hyperformula"));
      st.hfRun = () => {
        const sheet = hf.sheetFor(grid); // untimed: numbers and formulas
        collectGarbage();
        const r = s.add(timeOnce(() => hf.compute(sheet))).result;
        log(`  HyperFormula run ${s.runs}: ${round(s.last)} ms`);
        return r;
      };
      if (w.key !== "10k") hf.compute(hf.sheetFor(grid)); // warm-up
      let r;
      for (let i = 0; i < reps.hyperformula; i++) r = st.hfRun();
      st.hf = r; // totals and ranks (two typed arrays), for the cross-check
      if (reps.countif > 0) {
        const c = (series[`countif_${w.key}`] = new Series("countif"));
        for (let i = 0; i < reps.countif; i++) {
          const sheet = hf.sheetFor(grid, "countif");
          c.add(timeOnce(() => hf.compute(sheet)));
        }
        log(`  HyperFormula (COUNTIF ranks): ${round(c.wallMs)} ms`);
      }
    }
    if (runs("pipeline")) {
      const total = (series[`pipeline_${w.key}`] = new Series("pipeline"));
      const analyse = (series[`analyse_${w.key}`] = new Series("analyse"));
      const plan = (series[`plan_${w.key}`] = new Series("plan"));
      const { pipelineOnce } = pipeline;
      st.pipelineRun = () => {
        const r = pipelineOnce(grid);
        total.add(r.total);
        analyse.add(r.analyse);
        plan.add(r.plan);
        log(`  pipeline run ${total.runs}: ${round(r.total.wallMs)} ms (analyse ${round(r.analyse.wallMs)}, plan ${round(r.plan.wallMs)})`);
        return r;
      };
      for (let i = 0; i < reps.pipelineWarmup; i++) pipelineOnce(grid);
      let last;
      for (let i = 0; i < reps.pipeline; i++) {
        last = null; // let the previous run's result go before the next one
        last = st.pipelineRun();
      }
      st.facts = pipeline.pipelineFacts(last.result);
      st.plan = last.reportPlan;
      st.planSize = pipeline.planSize(last.reportPlan);
      last = null;
      if (st.floor) st.totalsAgree = agreeTotals(st.facts, st.floor);
      if (st.hf) st.ranksAgree = agreeRanks(st.facts, st.hf);
    }
    if (w.key === "700" && runs("split")) await splitStage(st);
    if (w.key === "10k" && runs("excel")) await excelStage(st);
    delete st.plan;
    if (w.key === "10k" && runs("cli")) await cliStage(st, series);
  }
  // The command line also at 3,300 x 120 (every commune and ward since the 2025 reorganisation).
  if (runs("cli") && WANTED.includes("3300")) {
    log("workload 3,300 communes x 120 criteria: generating (command line only)");
    const st = (state["3300"] = { w: { key: "3300", units: 3300, criteria: 120 }, grid: buildGrid(3300, 120) });
    await cliStage(st, series, "3300");
    delete st.grid;
  }

  // Spare time: more repetitions of the 10k figures, in order of priority, within the budget.
  const big = state["10k"];
  if (big) {
    const more = {
      pipeline: () => big.pipelineRun && (big.pipelineRun(), true),
      hyperformula: () => big.hfRun && (big.hfRun(), true),
      exceljs: () => big.excelJsRun && big.excelJsRun(),
      cli: () => big.cliRun && big.cliRun(),
    };
    const seriesOf = { pipeline: series.pipeline_10k, hyperformula: series.hyperformula_10k, exceljs: series.exceljs_10k, cli: series.cli_10k };
    for (const [name, target] of TOP_UP) {
      const s = seriesOf[name];
      while (s && s.runs > 0 && s.runs < target) {
        // Runs vary a lot on a shared machine (one HyperFormula run at 10k took 53 s, the next 192 s):
        // start another only if twice the median, or the slowest so far, still fits.
        const guess = Math.max(2 * median(s.wall), s.maxMs) + 5000;
        if (elapsedMs() + guess > BUDGET_MS) {
          log(`  no time left for another ${name} run at 10k (budget ${BUDGET_MS / 1000} s)`);
          break;
        }
        if (!(await more[name]())) break;
      }
    }
  }

  // Figures.
  for (const w of WORKLOADS) {
    const st = state[w.key];
    if (!st) continue;
    const k = w.key;
    const p = series[`pipeline_${k}`];
    const f = series[`floor_${k}`];
    const h = series[`hyperformula_${k}`];
    const c = series[`countif_${k}`];
    if (p) {
      figures[`pipeline_ms_${k}`] = round(p.wallMs);
      figures[`pipeline_cpu_ms_${k}`] = round(p.cpuMs);
      figures[`pipeline_analyse_ms_${k}`] = round(series[`analyse_${k}`].wallMs);
      figures[`pipeline_plan_ms_${k}`] = round(series[`plan_${k}`].wallMs);
      figures[`pipeline_runs_${k}`] = p.runs;
      figures[`pipeline_findings_${k}`] = st.facts.findings;
      figures[`plan_cells_${k}`] = st.planSize.cells;
    }
    if (f) {
      figures[`floor_ms_${k}`] = round(f.wallMs, 3);
      figures[`floor_cpu_ms_${k}`] = round(f.cpuMs, 3);
    }
    if (p && f) {
      figures[`pipeline_over_floor_${k}`] = ratio(p.wallMs, f.wallMs, 1);
      figures[`pipeline_over_floor_cpu_${k}`] = ratio(p.cpuMs, f.cpuMs, 1);
      figures[`pipeline_totals_match_floor_${k}`] = st.totalsAgree;
    }
    if (h) {
      figures[`hyperformula_ms_${k}`] = round(h.wallMs);
      figures[`hyperformula_cpu_ms_${k}`] = round(h.cpuMs);
      figures[`hyperformula_runs_${k}`] = h.runs;
      if (p) {
        figures[`hyperformula_over_pipeline_${k}`] = ratio(h.wallMs, p.wallMs, 2);
        figures[`hyperformula_over_pipeline_cpu_${k}`] = ratio(h.cpuMs, p.cpuMs, 2);
        figures[`hyperformula_rank_agreement_${k}`] = round(st.ranksAgree, 4);
      }
    }
    if (c) figures[`hyperformula_countif_ms_${k}`] = round(c.wallMs);
  }
  if (state["10k"] && !series.countif_10k && runs("hyperformula")) {
    figures.hyperformula_countif_ms_10k = null;
    notes.hyperformula_countif_ms_10k = "not run: COUNTIF ranks are quadratic (one run at 10k took about 230 s while the bench was written), beyond the time budget";
  }
  if (big && big.excel) Object.assign(figures, big.excel);
  for (const key of ["10k", "3300"]) {
    if (!series[`cli_${key}`]) continue;
    const cli = series[`cli_${key}`];
    const xj = series[`exceljs_${key}`];
    figures[`cli_ms_${key}`] = round(cli.wallMs);
    figures[`cli_cpu_ms_${key}`] = round(cli.cpuMs);
    figures[`cli_runs_${key}`] = cli.runs;
    figures[`cli_peak_mb_${key}`] = round(median(cli.extra.map((e) => e.peakMb)));
    figures[`exceljs_ms_${key}`] = round(xj.wallMs);
    figures[`exceljs_cpu_ms_${key}`] = round(xj.cpuMs);
    figures[`exceljs_runs_${key}`] = xj.runs;
    figures[`exceljs_peak_mb_${key}`] = round(median(xj.extra.map((e) => e.peakMb)));
    figures[`cli_over_exceljs_${key}`] = ratio(cli.wallMs, xj.wallMs, 2);
    figures[`cli_over_exceljs_cpu_${key}`] = ratio(cli.cpuMs, xj.cpuMs, 2);
    figures[`xlsx_input_bytes_${key}`] = state[key].xlsxBytes;
    figures[`cli_output_bytes_${key}`] = state[key].cliOutputBytes;
  }
  const missing = REQUIRED.filter((key) => figures[key] === undefined);
  for (const key of missing) figures[key] = null;
  if (missing.length) notes.not_measured = `${missing.join(", ")} (stage or workload left out of this run, or failed: see the other notes)`;
  figures.total_s = round(elapsedMs() / 1000, 0);

  printWorkloadTable(state, series);
  if (big && big.excel) printExcelTable(big);
  if (series.cli_10k) printCliTable(series, big, "10k", "10,000");
  if (series.cli_3300) printCliTable(series, state["3300"], "3300", "3,300");
  if (figures.split_ms_700 !== undefined) {
    out(`\nparscore split, 700 x 120 (.xlsx, one run): ${figures.split_files_700} workbooks in ${fmt(figures.split_ms_700 / 1000)} s wall, ${fmt(figures.split_cpu_ms_700 / 1000)} s CPU, peak ${fmt(figures.split_peak_mb_700, 0)} MB`);
  }
  if (figures.taskpane_first_load_gzip_kb !== undefined) printTaskpaneTable();
  printTargets();
  if (Object.keys(notes).length) {
    out("\nNotes:");
    for (const [k, v] of Object.entries(notes)) out(`  ${k}: ${v}`);
  }
  out(`\nTotal ${figures.total_s} s. Commit ${figures.git_commit}${figures.git_dirty ? " (with uncommitted changes)" : ""}, node ${figures.node}, ${figures.cpus} CPUs, load average ${figures.loadavg_start} at start.`);
  figures.notes = notes;
  process.stdout.write(`${JSON.stringify(figures)}\n`);

  if (big && big.tmp) fs.rmSync(big.tmp, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Stages

async function taskpaneStage() {
  const tp = require("./lib/taskpane");
  const mode = process.env.BENCH_WEB_BUILD || "auto";
  if (mode !== "never") {
    log("task pane: checking the production build (dist/web)");
    const b = tp.ensureWebBuild({ force: mode === "always" });
    if (b.error) {
      notes.taskpane = `${b.reason}; ${b.error}`;
      if (!fs.existsSync(path.join(tp.WEB, "taskpane.html"))) {
        figures.taskpane_first_load_gzip_kb = null;
        figures.taskpane_interactive_ms = null;
        return;
      }
      notes.taskpane += " (measured the existing, older dist/web)";
    } else if (b.built) {
      log(`  built dist/web (${b.reason}) in ${round(b.ms / 1000)} s`);
      figures.taskpane_build_s = round(b.ms / 1000);
    }
  }
  const size = tp.firstLoadSize();
  figures.taskpane_first_load_raw_kb = round(size.raw / 1024);
  figures.taskpane_first_load_gzip_kb = round(size.gzip / 1024);
  figures.taskpane_first_load_files = size.files.map((f) => f.src);
  sections.taskpaneSize = size;
  log("task pane: loading in Chromium");
  try {
    const t = await tp.interactiveTimes(5, 1);
    if (t.error) throw new Error(t.error);
    figures.taskpane_interactive_ms = round(t.ms);
    figures.taskpane_interactive_samples_ms = t.samples.map((x) => round(x));
    figures.taskpane_interactive_by = t.by;
    figures.taskpane_scripts_before_interactive = t.fetched.map((f) => f.name);
    if (t.errors.length) notes.taskpane_page_errors = t.errors.join(" | ");
    sections.taskpaneLoad = t;
  } catch (e) {
    figures.taskpane_interactive_ms = null;
    notes.taskpane_interactive_ms = `Chromium run failed: ${String(e.message || e).split("\n")[0]}`;
  }
}

async function excelStage(st) {
  const keys = ["excel_read_syncs_10k", "excel_write_syncs_10k", "excel_max_request_bytes_10k"];
  const fail = (reason) => {
    for (const k of keys) figures[k] = null;
    notes.excel = reason;
    log(`  Office.js host: ${reason}`);
  };
  const xl = require("./lib/excel-host");
  log("Office.js host: compiling src/hosts/excel and test/fake-excel (bench/tsconfig.json)");
  const compiled = xl.compile();
  if (!compiled.ok) return fail(compiled.reason);
  if (compiled.warning) notes.excel_compile = compiled.warning;
  if (!st.plan) return fail("no plan to write (the pipeline stage did not run)");
  try {
    log("Office.js host: reading and writing 10,000 x 120 against the fake");
    const r = await xl.measureExcelHost(st.grid, st.plan);
    st.excelRaw = r;
    st.excel = {
      excel_read_syncs_10k: r.read.syncs,
      excel_write_syncs_10k: r.write.syncs,
      excel_max_request_bytes_10k: Math.max(r.read.maxRequestBytes, r.write.maxRequestBytes),
      excel_read_max_request_bytes_10k: r.read.maxRequestBytes,
      excel_read_max_response_bytes_10k: r.read.maxResponseBytes,
      excel_read_response_bytes_10k: r.read.totalResponseBytes,
      excel_write_max_request_bytes_10k: r.write.maxRequestBytes,
      excel_write_request_bytes_10k: r.write.totalRequestBytes,
      excel_write_max_response_bytes_10k: r.write.maxResponseBytes,
      excel_host_reported_read_syncs_10k: r.read.hostSyncs,
      excel_host_reported_write_syncs_10k: r.write.hostSyncs,
      excel_host_reported_max_request_bytes_10k: r.write.hostMaxRequestBytes,
      excel_read_values_match_10k: r.read.valuesMatch,
      excel_refused_requests_10k: r.read.refused.length + r.write.refused.length,
      excel_fake_read_ms_10k: round(r.read.ms),
      excel_fake_write_ms_10k: round(r.write.ms),
    };
    if (!r.read.valuesMatch) notes.excel_read_values_match_10k = `first difference: ${JSON.stringify(r.read.mismatch)}`;
  } catch (e) {
    fail(`the host failed against the fake: ${String(e.message || e).split("\n")[0]}`);
  }
  // Microsoft's real runtime (what Excel on the web would receive), through the emulated Excel.
  st.realRuntime = {};
  for (const [key, units, criteria] of REAL_RUNTIME_SIZES) {
    log(`Office.js host on the real runtime (@microsoft/office-js, emulated Excel): ${units.toLocaleString("en-US")} x ${criteria}, read + plan + write`);
    const r = xl.measureRealRuntime(units, criteria);
    st.realRuntime[key] = r;
    if (r.error) {
      notes[`excel_real_${key}`] = r.error;
      for (const k of REAL_RUNTIME_KEYS) figures[`excel_real_${k}_${key}`] = null;
      log(`  failed: ${r.error}`);
      continue;
    }
    const at = (k, v) => (figures[`excel_real_${k}_${key}`] = v);
    at("read_syncs", r.read.syncs);
    at("write_syncs", r.write.syncs);
    at("write_actions", r.write.actions);
    at("write_bytes", r.write.bytes);
    at("max_request_bytes", Math.max(r.read.largestRequest, r.write.largestRequest));
    at("cleanup_bytes", r.read.cleanupBytes + r.write.cleanupBytes);
    at("refused", r.read.refused.length + r.write.refused.length + (r.write.error ? 1 : 0));
    at("unknown_actions", r.unknown.length);
    at("held_references", r.heldReferences);
    figures.excel_real_runtime = r.runtime;
    log(`  read ${r.read.syncs} syncs; write ${r.write.syncs} syncs, ${r.write.actions} actions, ${round(r.write.bytes / 1e6, 2)} MB, largest request ${round(figures[`excel_real_max_request_bytes_${key}`] / 1e6, 2)} MB`);
  }
  // The production pane's whole flow on the real runtime in headless Chromium (find, analyse, write).
  log("Task pane on the real runtime in headless Chromium: 10,000 x 120, find + analyse + write");
  const pane = xl.measureRealRuntimePane(10000, 120);
  st.realRuntimePane = pane;
  const paneKeys = ["excel_real_pane_flow_ms_10k", "excel_real_pane_addin_ms_10k", "excel_real_pane_find_ms_10k", "excel_real_pane_write_ms_10k", "excel_real_pane_excel_ms_10k"];
  const paneError = pane.error || pane.find.error || (pane.write && pane.write.error) || (pane.refused.length ? `refused: ${pane.refused.join(", ")}` : null);
  if (paneError) {
    for (const k of paneKeys) figures[k] = null;
    notes.excel_real_pane_flow_ms_10k = paneError;
    log(`  failed: ${paneError}`);
  } else {
    figures.excel_real_pane_flow_ms_10k = round(pane.flowMs);
    figures.excel_real_pane_addin_ms_10k = round(pane.addinMs);
    figures.excel_real_pane_find_ms_10k = round(pane.find.ms);
    figures.excel_real_pane_write_ms_10k = round(pane.write.ms);
    figures.excel_real_pane_excel_ms_10k = round(pane.find.excelMs + pane.write.excelMs);
    if (pane.pageErrors.length) notes.excel_real_pane_page_errors = pane.pageErrors.join(" | ");
    log(`  ${round(pane.flowMs / 1000, 1)} s in all (find ${round(pane.find.ms / 1000, 1)} s, write ${round(pane.write.ms / 1000, 1)} s), of which the emulated Excel ${round((pane.find.excelMs + pane.write.excelMs) / 1000, 1)} s: add-in ${round(pane.addinMs / 1000, 1)} s`);
  }
}

/** Sizes measured on the real runtime: the 10k workload, and a long table of few criteria (many rows, many merges). */
const REAL_RUNTIME_SIZES = [
  ["2k", 2000, 120],
  ["10k", 10000, 120],
  ["38k", 38000, 30],
];
const REAL_RUNTIME_KEYS = ["read_syncs", "write_syncs", "write_actions", "write_bytes", "max_request_bytes", "cleanup_bytes", "refused", "unknown_actions", "held_references"];

/** `parscore split` of the 700-unit table: one workbook per unit, once (it writes 700 files). */
async function splitStage(st) {
  const cli = require("./lib/cli");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "parscore-split-bench-"));
  try {
    const input = path.join(tmp, "huyen-700.xlsx");
    log("split: writing the 700 x 120 workbook with ExcelJS (untimed)");
    await cli.writeWorkbook(st.grid, input);
    const outDir = path.join(tmp, "out");
    log("split: parscore split huyen-700.xlsx --out-dir out");
    const r = await cli.splitRun(input, outDir, tmp);
    if (r.code !== 0) {
      notes.split_ms_700 = `exit ${r.code}: ${r.stderr.split("\n").slice(-3).join(" | ")}`;
      return;
    }
    figures.split_ms_700 = round(r.wallMs);
    figures.split_cpu_ms_700 = round(r.cpuMs);
    figures.split_peak_mb_700 = round(r.peakMb);
    figures.split_files_700 = fs.readdirSync(outDir).filter((f) => f.endsWith(".xlsx")).length;
    log(`  split: ${figures.split_files_700} workbooks in ${round(r.wallMs / 1000)} s (CPU ${round(r.cpuMs / 1000)} s, peak ${round(r.peakMb)} MB)`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function cliStage(st, series, key = "10k") {
  const cli = require("./lib/cli");
  st.tmp = fs.mkdtempSync(path.join(os.tmpdir(), "parscore-bench-"));
  const input = path.join(st.tmp, "big.xlsx");
  log(`CLI: writing the ${st.grid.values.length - 4} x 120 workbook with ExcelJS (untimed)`);
  st.xlsxBytes = (await cli.writeWorkbook(st.grid, input));
  const xj = (series[`exceljs_${key}`] = new Series("exceljs"));
  const cl = (series[`cli_${key}`] = new Series("cli"));
  const record = (s, r, what) => {
    if (r.code !== 0) {
      notes[what] = `exit ${r.code}: ${r.stderr.split("\n").slice(-3).join(" | ")}`;
      log(`  ${what} failed (${notes[what]})`);
      return false;
    }
    s.add(r);
    s.extra.push(r);
    log(`  ${what} run ${s.runs}: ${round(r.wallMs / 1000)} s, peak ${round(r.peakMb)} MB`);
    return true;
  };
  st.excelJsRun = async () => record(xj, await cli.excelJsRun(input, path.join(st.tmp, "exceljs-out.xlsx"), st.tmp), "exceljs");
  st.cliRun = async () => {
    const output = path.join(st.tmp, "out.xlsx");
    const ok = record(cl, await cli.cliRun(input, output, st.tmp), "cli");
    if (ok) st.cliOutputBytes = fs.statSync(output).size;
    return ok;
  };
  log("CLI: ExcelJS alone, read + write");
  await st.excelJsRun();
  log("CLI: parscore analyze big.xlsx -o out.xlsx");
  await st.cliRun();
}

// ---------------------------------------------------------------------------------------------
// Printing

function out(line = "") {
  process.stdout.write(`${line}\n`);
}

function fmt(x, digits = 1) {
  if (x === null || x === undefined) return "n/a";
  if (typeof x === "boolean") return x ? "yes" : "no";
  if (typeof x !== "number") return String(x);
  return x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function table(title, header, rows) {
  const all = [header, ...rows].map((r) => r.map((c) => String(c)));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] || "").length)));
  out(`\n${title}`);
  all.forEach((r, n) => {
    out(`  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("   ")}`);
    if (n === 0) out(`  ${widths.map((w) => "-".repeat(w)).join("   ")}`);
  });
}

function printWorkloadTable(state, series) {
  const ws = WORKLOADS.filter((w) => state[w.key]);
  if (!ws.length) return;
  const header = ["", ...ws.map((w) => `${w.units.toLocaleString("en-US")} x ${w.criteria}`)];
  const row = (label, f) => [label, ...ws.map((w) => f(w.key))];
  const ms = (key, digits = 1) => (k) => (series[`${key}_${k}`] ? `${fmt(series[`${key}_${k}`].wallMs, digits)}` : "-");
  const cpu = (key, digits = 1) => (k) => (series[`${key}_${k}`] ? `${fmt(series[`${key}_${k}`].cpuMs, digits)}` : "-");
  const fig = (name, digits = 1, suffix = "") => (k) => {
    const v = figures[`${name}_${k}`];
    return v === undefined ? "-" : v === null ? "n/a" : `${fmt(v, digits)}${suffix}`;
  };
  const n = (key) => (k) => (series[`${key}_${k}`] ? String(series[`${key}_${k}`].runs) : "-");
  const rows = [
    row("pipeline: Grid -> analysis -> plan, ms", ms("pipeline")),
    row("  recognise + analyse, ms", ms("analyse")),
    row("  report plan, ms", ms("plan")),
    row("  CPU ms", cpu("pipeline")),
    row("  runs (median of)", n("pipeline")),
    row("floor: parse + sum per unit, ms", ms("floor", 3)),
    row("  CPU ms", cpu("floor", 3)),
    row("pipeline / floor", fig("pipeline_over_floor", 1, " x")),
    row("  on CPU time", fig("pipeline_over_floor_cpu", 1, " x")),
    row("HyperFormula: SUM + RANK.EQ, ms", ms("hyperformula")),
    row("  CPU ms", cpu("hyperformula")),
    row("  runs (median of)", n("hyperformula")),
    row("  ranks by COUNTIF instead, ms", ms("countif")),
    row("HyperFormula / pipeline", fig("hyperformula_over_pipeline", 2, " x")),
    row("  on CPU time", fig("hyperformula_over_pipeline_cpu", 2, " x")),
    row("check: pipeline totals = floor sums", (k) => (state[k].totalsAgree === undefined ? "-" : `${fmt(state[k].totalsAgree * 100, 1)} %`)),
    row("check: HyperFormula ranks = pipeline's", (k) => (state[k].ranksAgree === undefined ? "-" : `${fmt(state[k].ranksAgree * 100, 2)} %`)),
    row("findings", (k) => (state[k].facts ? String(state[k].facts.findings) : "-")),
    row("plan: rows / cells", (k) => (state[k].planSize ? `${state[k].planSize.rows.toLocaleString("en-US")} / ${state[k].planSize.cells.toLocaleString("en-US")}` : "-")),
  ];
  const measured = rows.filter((r) => r.slice(1).some((c) => c !== "-"));
  if (measured.length) table("Pipeline, floor and HyperFormula (wall-clock medians; ratios of the medians)", header, measured);
}

function printExcelTable(big) {
  const r = big.excelRaw;
  const kb = (b) => `${fmt(b / 1024, 1)} KB`;
  table("Office.js host against the fake Excel, 10,000 x 120 (counted by the fake; host's own report in brackets)", ["", "read (usedRange)", "write plan"], [
    ["context.sync() calls", `${r.read.syncs} [${r.read.hostSyncs}]`, `${r.write.syncs} [${r.write.hostSyncs}]`],
    ["largest request", kb(r.read.maxRequestBytes), `${kb(r.write.maxRequestBytes)} [${kb(r.write.hostMaxRequestBytes)}]`],
    ["largest response", kb(r.read.maxResponseBytes), kb(r.write.maxResponseBytes)],
    ["all requests / responses", `${kb(r.read.totalRequestBytes)} / ${kb(r.read.totalResponseBytes)}`, `${kb(r.write.totalRequestBytes)} / ${kb(r.write.totalResponseBytes)}`],
    ["refused by the fake (over 5 MB)", String(r.read.refused.length), String(r.write.refused.length)],
    ["values read = values in the sheet", fmt(r.read.valuesMatch), ""],
    ["ms in the fake (not Excel's)", fmt(r.read.ms, 0), fmt(r.write.ms, 0)],
  ]);
  out(`  wrote: ${r.write.sheets.join(", ")}; ${r.write.highlights} highlight rules`);
  const real = big.realRuntime || {};
  const sizes = REAL_RUNTIME_SIZES.filter(([key]) => real[key] && !real[key].error);
  if (sizes.length) {
    const mb = (b) => `${fmt(b / 1e6, 2)} MB`;
    const cell = (fn) => sizes.map(([key]) => fn(real[key]));
    table(`Office.js host on Microsoft's real runtime (${real[sizes[0][0]].runtime}) against the emulated Excel; clean-up requests included`, ["", ...sizes.map(([, u, c]) => `${u.toLocaleString("en-US")} x ${c}`)], [
      ["syncs to read", ...cell((r) => String(r.read.syncs))],
      ["syncs to write", ...cell((r) => String(r.write.syncs))],
      ["actions written", ...cell((r) => r.write.actions.toLocaleString("en-US"))],
      ["bytes sent to write", ...cell((r) => mb(r.write.bytes))],
      ["largest request", ...cell((r) => mb(Math.max(r.read.largestRequest, r.write.largestRequest)))],
      ["clean-up requests", ...cell((r) => mb(r.read.cleanupBytes + r.write.cleanupBytes))],
      ["refused / unknown actions / held references", ...cell((r) => `${r.read.refused.length + r.write.refused.length} / ${r.unknown.length} / ${r.heldReferences}`)],
      ["links left out (over 1,000 a sheet)", ...cell((r) => String(r.write.linksLeftOut))],
      ["ms (runtime, emulated Excel, analysis)", ...cell((r) => fmt(r.ms, 0))],
    ]);
  }
}

function printCliTable(series, big, key, units) {
  const cli = series[`cli_${key}`];
  const xj = series[`exceljs_${key}`];
  const peak = (s) => fmt(median(s.extra.map((e) => e.peakMb)), 0);
  table(`Command line on a ${units} x 120 .xlsx (child processes, spawn to exit; medians)`, ["", "parscore analyze -o", "ExcelJS read + write", "ratio"], [
    ["wall ms", fmt(cli.wallMs, 0), fmt(xj.wallMs, 0), `${fmt(figures[`cli_over_exceljs_${key}`], 2)} x`],
    ["CPU ms", fmt(cli.cpuMs, 0), fmt(xj.cpuMs, 0), `${fmt(figures[`cli_over_exceljs_cpu_${key}`], 2)} x`],
    ["peak memory (maxRSS) MB", peak(cli), peak(xj), ""],
    ["runs (median of)", String(cli.runs), String(xj.runs), ""],
  ]);
  out(`  input ${fmt(big.xlsxBytes / 1048576, 1)} MB; parscore's output ${big.cliOutputBytes ? `${fmt(big.cliOutputBytes / 1048576, 1)} MB` : "n/a"}`);
}

function printTaskpaneTable() {
  const size = sections.taskpaneSize;
  if (size) {
    table("Task pane: JavaScript taskpane.html loads first (production build)", ["script", "raw KB", "gzip KB"], [
      ...size.files.map((f) => [f.src, fmt(f.raw / 1024), fmt(f.gzip / 1024)]),
      ["total", fmt(size.raw / 1024), fmt(size.gzip / 1024)],
    ]);
    if (size.external.length) out(`  not counted (Microsoft's CDN): ${size.external.join(", ")}`);
  }
  const load = sections.taskpaneLoad;
  if (load) {
    out(`\nTask pane interactive in headless Chromium (office.js aborted; ${load.by} usable): median ${fmt(load.ms, 0)} ms of ${load.samples.map((x) => fmt(x, 0)).join(", ")} ms`);
    out(`  scripts fetched before that: ${load.fetched.map((f) => f.name).join(", ")}`);
  }
}

function printTargets() {
  const f = figures;
  const t = [];
  const add = (what, value, target, met) => t.push([what, value, target, met === null ? "n/a" : met ? "met" : "NOT MET"]);
  const has = (...keys) => keys.every((k) => f[k] !== undefined && f[k] !== null);
  if (has("pipeline_over_floor_10k")) add("pipeline / floor at 10k", `${fmt(f.pipeline_over_floor_10k, 1)} x`, "<= 3", f.pipeline_over_floor_10k <= 3);
  else add("pipeline / floor at 10k", "n/a", "<= 3", null);
  if (has("hyperformula_over_pipeline_10k")) add("HyperFormula / pipeline at 10k", `${fmt(f.hyperformula_over_pipeline_10k, 2)} x`, ">= 10", f.hyperformula_over_pipeline_10k >= 10);
  else add("HyperFormula / pipeline at 10k", "n/a", ">= 10", null);
  if (has("excel_read_syncs_10k", "excel_write_syncs_10k", "excel_max_request_bytes_10k")) {
    add("Office.js syncs to read at 10k", String(f.excel_read_syncs_10k), "<= 6", f.excel_read_syncs_10k <= 6);
    add("Office.js syncs to write at 10k", String(f.excel_write_syncs_10k), "<= 6", f.excel_write_syncs_10k <= 6);
    add("largest Office.js request at 10k", `${fmt(f.excel_max_request_bytes_10k / 1e6, 2)} MB`, "<= 4 MB", f.excel_max_request_bytes_10k <= 4_000_000);
  } else add("Office.js host at 10k", "n/a", "<= 6 syncs each way, <= 4 MB", null);
  const MIB4 = 4 * 1024 * 1024;
  if (has("excel_real_read_syncs_10k", "excel_real_write_syncs_10k", "excel_real_write_bytes_10k", "excel_real_max_request_bytes_10k")) {
    add("real runtime: syncs to read at 10k", String(f.excel_real_read_syncs_10k), "<= 6", f.excel_real_read_syncs_10k <= 6);
    add("real runtime: syncs to write at 10k", String(f.excel_real_write_syncs_10k), "<= 6", f.excel_real_write_syncs_10k <= 6);
    add("real runtime: bytes sent to write at 10k", `${fmt(f.excel_real_write_bytes_10k / 1e6, 2)} MB`, "<= 5 MB", f.excel_real_write_bytes_10k <= 5_000_000);
    add("real runtime: largest request at 10k", `${fmt(f.excel_real_max_request_bytes_10k / 1048576, 2)} MiB`, "<= 4 MiB", f.excel_real_max_request_bytes_10k <= MIB4 && f.excel_real_refused_10k === 0);
  } else add("real runtime at 10k", "n/a", "<= 6 syncs each way, <= 5 MB, <= 4 MiB", null);
  if (has("excel_real_max_request_bytes_38k")) {
    add("real runtime: 38,000 x 30 completes, largest request", `${fmt(f.excel_real_max_request_bytes_38k / 1048576, 2)} MiB`, "<= 4 MiB, none refused", f.excel_real_max_request_bytes_38k <= MIB4 && f.excel_real_refused_38k === 0);
  } else add("real runtime at 38,000 x 30", "n/a", "<= 4 MiB, none refused", null);
  if (has("excel_real_pane_addin_ms_10k")) add("real runtime: the pane's find + analyse + write at 10k (add-in time)", `${fmt(f.excel_real_pane_addin_ms_10k / 1000, 1)} s`, "<= 5 s", f.excel_real_pane_addin_ms_10k <= 5000);
  else add("real runtime: the pane's whole flow at 10k", "n/a", "<= 5 s", null);
  if (has("cli_over_exceljs_10k")) add("CLI / ExcelJS read+write at 10k", `${fmt(f.cli_over_exceljs_10k, 2)} x`, "<= 1.5", f.cli_over_exceljs_10k <= 1.5);
  else add("CLI / ExcelJS read+write at 10k", "n/a", "<= 1.5", null);
  if (has("cli_peak_mb_10k")) add("CLI peak memory at 10k", `${fmt(f.cli_peak_mb_10k, 0)} MB`, "<= 1.5 GB", f.cli_peak_mb_10k <= 1536);
  else add("CLI peak memory at 10k", "n/a", "<= 1.5 GB", null);
  if (has("cli_over_exceljs_3300")) add("CLI / ExcelJS read+write at 3,300", `${fmt(f.cli_over_exceljs_3300, 2)} x`, "<= 1.5", f.cli_over_exceljs_3300 <= 1.5);
  else add("CLI / ExcelJS read+write at 3,300", "n/a", "<= 1.5", null);
  if (has("cli_peak_mb_3300")) add("CLI peak memory at 3,300", `${fmt(f.cli_peak_mb_3300, 0)} MB`, "<= 0.6 GB", f.cli_peak_mb_3300 <= 614);
  else add("CLI peak memory at 3,300", "n/a", "<= 0.6 GB", null);
  if (has("taskpane_first_load_gzip_kb")) add("task pane first-load JS (gzip)", `${fmt(f.taskpane_first_load_gzip_kb, 1)} KB`, "<= 250 KB", f.taskpane_first_load_gzip_kb <= 250);
  else add("task pane first-load JS (gzip)", "n/a", "<= 250 KB", null);
  if (has("taskpane_interactive_ms")) add("task pane interactive", `${fmt(f.taskpane_interactive_ms, 0)} ms`, "<= 800 ms", f.taskpane_interactive_ms <= 800);
  else add("task pane interactive", "n/a", "<= 800 ms", null);
  table("Targets", ["", "measured", "target", ""], t);
  f.targets_met = t.filter((r) => r[3] === "met").length;
  f.targets_not_met = t.filter((r) => r[3] === "NOT MET").length;
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
