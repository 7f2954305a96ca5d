#!/usr/bin/env node
// The task pane's pipeline worker alone, in headless Chromium, on generated units-in-rows tables:
// the times to analyse and to plan, the longest gap on the page's main thread meanwhile, and the
// renderer process's peak resident memory (the worker runs in it; polled with ps). The pane's
// cell limit (src/taskpane/limits.ts) came from these figures. The grid is packed as the pane packs it
// (packMs: packing it, in this process; the pane does it in the page).
//   node bench/pane-worker.js [700,3000,10000]    (after npx tsc -p bench/tsconfig.json)
"use strict";
const fs = require("fs");
const { spawnSync } = require("child_process");
const { buildGrid } = require("./workloads");
const { ensureWebBuild, serve, WEB } = require("./lib/taskpane");
const { CHROMIUM_PATH, CHROMIUM_ARGS } = require("../scripts/chromium.js");
// After `npx tsc -p bench/tsconfig.json`.
const { packGrid } = require("../dist/bench/src/taskpane/grid-transfer.js");

const CRITERIA = 120;

async function main() {
  const sizes = (process.argv[2] || "700,3000,10000").split(",").map(Number).filter((n) => n > 0);
  ensureWebBuild();
  const worker = fs.readdirSync(WEB).find((f) => /^pipeline\.[0-9a-f]{8}\.js$/.test(f));
  if (!worker) throw new Error(`no pipeline worker chunk in ${WEB}`);
  const { chromium } = require("playwright-core");
  const server = await serve(WEB);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
  try {
    for (const units of sizes) {
      const page = await browser.newPage();
      await page.route("**/*", (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));
      await page.goto(`${origin}/taskpane.html`, { waitUntil: "load" });
      let peakKb = 0;
      const poll = setInterval(() => {
        const ps = spawnSync("ps", ["-eo", "rss,args"], { encoding: "utf8" }).stdout || "";
        for (const line of ps.split("\n")) if (line.includes("--type=renderer")) peakKb = Math.max(peakKb, Number(line.trim().split(/\s+/)[0]) || 0);
      }, 250);
      // Packed as the pane packs it for the worker (src/taskpane/grid-transfer.ts); packing runs in the page in the pane.
      const plain = buildGrid(units, CRITERIA);
      const t0 = performance.now();
      const grid = packGrid(plain);
      const packMs = Math.round(performance.now() - t0);
      const result = await page.evaluate(
        async ({ grid, worker }) => {
          let last = performance.now();
          let maxGap = 0;
          const timer = setInterval(() => {
            const now = performance.now();
            maxGap = Math.max(maxGap, now - last);
            last = now;
          }, 50);
          const w = new Worker(worker);
          const answer = () =>
            new Promise((resolve) => {
              w.onmessage = (e) => {
                if (e.data.type !== "stage" && e.data.type !== "ready") resolve(e.data);
              };
              w.onerror = (e) => resolve({ type: `error: ${e.message}` });
            });
          const t0 = performance.now();
          let next = answer();
          const cells = grid.packedFormats ? [grid.packed, grid.packedFormats] : [grid.packed];
          w.postMessage({ type: "analyse", job: 1, grid }, cells.map((c) => [c.widths.buffer, c.codes.buffer, c.numbers.buffer]).flat());
          const analysed = await next;
          const t1 = performance.now();
          next = answer();
          w.postMessage({ type: "plan", job: 2, id: analysed.id, lang: "vi", outputs: { gap: true, ranking: true, highlights: true } });
          const planned = await next;
          const t2 = performance.now();
          clearInterval(timer);
          w.terminate();
          const units = analysed.facts && analysed.facts.tables[0] ? analysed.facts.tables[0].units.length : 0;
          return { analysed: analysed.type, planned: planned.type, units, analyseMs: Math.round(t1 - t0), planMs: Math.round(t2 - t1), maxGapMs: Math.round(maxGap) };
        },
        { grid, worker },
      );
      clearInterval(poll);
      console.log(`${units} x ${CRITERIA}: ${JSON.stringify({ ...result, packMs })}, renderer peak RSS ${Math.round(peakKb / 1024)} MB`);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
