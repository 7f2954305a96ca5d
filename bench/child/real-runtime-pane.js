#!/usr/bin/env node
// The production task pane's whole flow on Microsoft's real Office.js runtime, in headless Chromium:
// dist/web served with excel-web-16.00.js (@microsoft/office-js) in place of office.js, against the
// emulated Excel (test/excel-emulator/pane-host.ts) holding a generated table (bench/workloads.js).
// Clicks "Phân tích bảng điểm" (read, analyse), then "Ghi vào sổ tính" (plan, write), as a user would.
// Times each step from the click to its result on screen, and the part of it the emulated Excel
// spent answering (Excel's time, not the add-in's): add-in time = wall time - Excel's time.
// Prints one JSON line. Usage: node bench/child/real-runtime-pane.js UNITS CRITERIA [API_VERSION]
"use strict";
/* global document */
const path = require("path");

const repo = path.resolve(__dirname, "..", "..");
const { buildGrid } = require("../workloads");
const { ensureWebBuild, WEB } = require("../lib/taskpane");
const { CHROMIUM_PATH, CHROMIUM_ARGS } = require("../../scripts/chromium.js");
const emulated = require(path.join(repo, "dist", "bench", "test", "excel-emulator", "index.js"));

const STEP_TIMEOUT_MS = 900_000;

async function main([units, criteria, apiVersion = "1.13"]) {
  const built = ensureWebBuild();
  if (built.error) throw new Error(built.error);
  const grid = buildGrid(Number(units), Number(criteria));
  const excel = new emulated.ExcelEmulator({ sheets: [{ name: grid.sheet, cells: grid.values }], active: grid.sheet, apiVersion });
  const host = await emulated.servePane(WEB);
  host.connect(excel);
  const { chromium } = require("playwright-core");
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
  try {
    const page = await browser.newPage({ viewport: { width: 340, height: 900 } });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    const script = emulated.officeScript(apiVersion);
    await page.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.href === emulated.OFFICE_JS) return route.fulfill({ status: 200, body: script, contentType: "application/javascript" });
      if (url.origin === host.origin || url.protocol === "data:") return route.continue();
      return route.abort("internetdisconnected");
    });
    await page.goto(`${host.origin}/taskpane.html`, { waitUntil: "load", timeout: 60_000 });
    await page.waitForFunction(() => !document.querySelector('[data-testid="analyze"]')?.hasAttribute("disabled"), undefined, { timeout: 60_000 });

    /** Clicks `button`, waits for `done` (or an error) on screen; wall and Excel milliseconds. */
    const step = async (button, done) => {
      host.resetExcelMs();
      const requests = excel.requests.length;
      const t0 = performance.now();
      await page.getByTestId(button).click();
      await page.locator(`[data-testid="${done}"], [data-testid="error"]`).first().waitFor({ state: "visible", timeout: STEP_TIMEOUT_MS });
      const ms = performance.now() - t0;
      const error = (await page.getByTestId("error").count()) > 0 ? await page.getByTestId("error").first().innerText() : null;
      return { ms, excelMs: host.excelMs(), addinMs: ms - host.excelMs(), syncs: excel.requests.length - requests, error };
    };
    const find = await step("analyze", "recognised");
    const write = find.error ? null : await step("write", "summary");
    const written = write && !write.error ? await page.getByTestId("written").innerText() : null;
    await page.close();
    const result = {
      runtime: `${emulated.RUNTIME_PACKAGE}@${emulated.runtimeScript().version} ${emulated.RUNTIME_FILE}`,
      units: Number(units),
      criteria: Number(criteria),
      apiVersion,
      find,
      write,
      flowMs: find.ms + (write ? write.ms : 0),
      addinMs: find.addinMs + (write ? write.addinMs : 0),
      written,
      refused: excel.requests.filter((r) => r.error).map((r) => r.error),
      unknown: [...excel.unknown],
      pageErrors: errors,
      webBuilt: built.built,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await browser.close();
    await host.close();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err.stack || err}\n`);
    process.exit(1);
  },
);
