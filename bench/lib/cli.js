// The command line on a real .xlsx: `node bin/parscore.js analyze big.xlsx -o out.xlsx`, against
// ExcelJS alone reading and writing the same file (bench/child/exceljs-roundtrip.js). Both run as
// child processes started the same way (plain `node`, no extra heap flags: what a user gets),
// timed from spawn to exit; peak memory is the child's own maxRSS, reported at exit by the
// preloaded bench/child/usage.js.
"use strict";

const fs = require("fs");
const path = require("path");
const { spawn } = require("child_process");
const ExcelJS = require("exceljs");

const repo = path.resolve(__dirname, "..", "..");
const USAGE = path.join(repo, "bench", "child", "usage.js");

/** Writes the grid as the first sheet of an .xlsx (texts as text, numbers as numbers). */
async function writeWorkbook(grid, file) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(grid.sheet);
  for (const row of grid.values) sheet.addRow(row.map((v) => (v === "" ? null : v)));
  await workbook.xlsx.writeFile(file);
  return fs.statSync(file).size;
}

/** Runs `node -r usage.js ...args`; resolves to { wallMs, cpuMs, peakMb, code, stderr }. */
function runChild(args, dir) {
  const usageFile = path.join(dir, `usage-${process.pid}-${Date.now()}.json`);
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ["-r", USAGE, ...args], {
      cwd: repo,
      env: { ...process.env, PARSCORE_BENCH_USAGE: usageFile, NODE_OPTIONS: "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      if (stderr.length < 4000) stderr += d;
    });
    child.on("close", (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      let usage = null;
      try {
        usage = JSON.parse(fs.readFileSync(usageFile, "utf8"));
        fs.rmSync(usageFile, { force: true });
      } catch (_e) {
        // killed before its exit handler ran (out of memory): no figures
      }
      resolve({
        wallMs,
        cpuMs: usage ? usage.userCpuMs + usage.systemCpuMs : undefined,
        peakMb: usage ? usage.maxRssKb / 1024 : null,
        code: code === null ? signal : code,
        stderr: stderr.trim(),
      });
    });
  });
}

function cliRun(input, output, dir) {
  return runChild([path.join(repo, "bin", "parscore.js"), "analyze", input, "-o", output], dir);
}

function excelJsRun(input, output, dir) {
  return runChild([path.join(repo, "bench", "child", "exceljs-roundtrip.js"), input, output], dir);
}

/** `parscore split input.xlsx --out-dir DIR`: one workbook per unit (worker threads included in the CPU time). */
function splitRun(input, outDir, dir) {
  return runChild([path.join(repo, "bin", "parscore.js"), "split", input, "--out-dir", outDir], dir);
}

module.exports = { writeWorkbook, cliRun, excelJsRun, splitRun };
