// The Office.js host (src/hosts/excel) against the in-memory fake Excel (test/fake-excel), both
// compiled by bench/tsconfig.json into dist/bench/. What is measured is what costs in real Excel:
// round trips (context.sync() calls, each one request to Excel) and the size of each request
// and response (Excel on the web refuses about 5 MB). The fake records every request it gets;
// its counts are the figures, the host's own report (ApplyOutcome.syncs, .maxRequestBytes)
// is shown next to them as a cross-check. Milliseconds here are the fake's, not Excel's.
"use strict";

const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const repo = path.resolve(__dirname, "..", "..");
const out = path.join(repo, "dist", "bench");
const HOST = path.join(out, "src", "hosts", "excel", "index.js");
const FAKE = path.join(out, "test", "fake-excel", "index.js");
const EMULATOR = path.join(out, "test", "excel-emulator", "index.js");

/**
 * Compiles the host and the fake (tsc -p bench/tsconfig.json) into a clean dist/bench.
 * Returns { ok, reason }: a missing host or fake, or a failed compile, is a reason, not a crash.
 */
function compile() {
  const missing = ["src/hosts/excel/index.ts", "test/fake-excel/index.ts"].filter((f) => !fs.existsSync(path.join(repo, f)));
  if (missing.length) return { ok: false, reason: `not in the repository yet: ${missing.join(", ")}` };
  fs.rmSync(out, { recursive: true, force: true });
  const tsc = require.resolve("typescript/bin/tsc");
  const res = spawnSync(process.execPath, [tsc, "-p", path.join(repo, "bench", "tsconfig.json")], { cwd: repo, encoding: "utf8" });
  const errors = `${res.stdout || ""}${res.stderr || ""}`.trim();
  if (!fs.existsSync(HOST) || !fs.existsSync(FAKE) || !fs.existsSync(EMULATOR)) {
    return { ok: false, reason: `bench/tsconfig.json did not compile: ${errors.split("\n").slice(0, 5).join(" | ") || `exit ${res.status}`}` };
  }
  // tsc emits despite type errors; say so, but measure what was emitted.
  return { ok: true, warning: res.status === 0 ? undefined : `type errors in the host or fake (measured anyway): ${errors.split("\n").slice(0, 3).join(" | ")}` };
}

function requestStats(requests) {
  return {
    syncs: requests.length,
    maxRequestBytes: requests.reduce((m, r) => Math.max(m, r.bytes), 0),
    maxResponseBytes: requests.reduce((m, r) => Math.max(m, r.responseBytes), 0),
    totalRequestBytes: requests.reduce((n, r) => n + r.bytes, 0),
    totalResponseBytes: requests.reduce((n, r) => n + r.responseBytes, 0),
    refused: requests.filter((r) => r.error).map((r) => r.error),
  };
}

function sameValues(a, b) {
  const rows = Math.max(a.length, b.length);
  for (let r = 0; r < rows; r++) {
    const ra = a[r] || [];
    const rb = b[r] || [];
    const cols = Math.max(ra.length, rb.length);
    for (let c = 0; c < cols; c++) {
      const va = ra[c] === undefined || ra[c] === "" ? null : ra[c];
      const vb = rb[c] === undefined || rb[c] === "" ? null : rb[c];
      if (va !== vb) return { equal: false, at: { row: r, col: c, expected: va, read: vb } };
    }
  }
  return { equal: true };
}

/**
 * Reads `grid` (placed at A1 of a fake sheet, texts stored as text) with readGrid(usedRange), then
 * writes `plan` with applyPlan. Returns the request figures of each phase.
 */
async function measureExcelHost(grid, plan) {
  const host = require(HOST);
  const fake = require(FAKE);
  const workbook = fake.createFakeWorkbook({ sheets: [{ name: grid.sheet, cells: grid.values }] });
  fake.installFakeOffice(globalThis, workbook);
  const run = (batch) => globalThis.Excel.run(batch);

  let from = workbook.requests.length;
  const t0 = process.hrtime.bigint();
  const read = await run((ctx) => host.readGrid(ctx, { kind: "usedRange" }));
  const readMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const readStats = requestStats(workbook.requests.slice(from));
  const check = sameValues(grid.values, read.grid.values);

  from = workbook.requests.length;
  const t1 = process.hrtime.bigint();
  const applied = await run((ctx) => host.applyPlan(ctx, plan));
  const writeMs = Number(process.hrtime.bigint() - t1) / 1e6;
  const writeStats = requestStats(workbook.requests.slice(from));

  delete globalThis.Office;
  delete globalThis.Excel;
  return {
    read: { ...readStats, ms: readMs, hostSyncs: read.syncs, address: read.address, valuesMatch: check.equal, mismatch: check.at },
    write: {
      ...writeStats,
      ms: writeMs,
      hostSyncs: applied.syncs,
      hostMaxRequestBytes: applied.maxRequestBytes,
      sheets: applied.sheets,
      highlights: applied.highlights,
    },
  };
}

/**
 * The host on Microsoft's real Office.js runtime against the emulated Excel, in a child process
 * (bench/child/real-runtime.js): read, analyse, plan as the pane does (live formulas), write.
 * Returns the child's figures, or { error } when it failed.
 */
function measureRealRuntime(units, criteria) {
  const child = path.join(__dirname, "..", "child", "real-runtime.js");
  const res = spawnSync(process.execPath, ["--max-old-space-size=6144", child, String(units), String(criteria)], { cwd: repo, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const line = (res.stdout || "").trim().split("\n").pop();
  if (res.status !== 0 || !line) return { error: `exit ${res.status}: ${(res.stderr || "").trim().split("\n").slice(0, 3).join(" | ")}` };
  return JSON.parse(line);
}

/** The production pane's whole flow on the real runtime in headless Chromium (bench/child/real-runtime-pane.js). */
function measureRealRuntimePane(units, criteria) {
  const child = path.join(__dirname, "..", "child", "real-runtime-pane.js");
  const res = spawnSync(process.execPath, [child, String(units), String(criteria)], { cwd: repo, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const line = (res.stdout || "").trim().split("\n").pop();
  if (res.status !== 0 || !line) return { error: `exit ${res.status}: ${(res.stderr || "").trim().split("\n").slice(0, 3).join(" | ")}` };
  return JSON.parse(line);
}

module.exports = { compile, measureExcelHost, measureRealRuntime, measureRealRuntimePane };
