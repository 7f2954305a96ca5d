/**
 * The production task pane on Microsoft's real Office.js runtime: the built pane is served with
 * `excel-web-16.00.js` from @microsoft/office-js answering the office.js CDN URL, its HTTP request
 * executor pointed at this server, where an emulated Excel (test/excel-emulator) answers each
 * ProcessQuery. The pane is clicked through on the seed table (find, analyse, write) with ExcelApi
 * 1.13 and with 1.7 only; the run fails on any refused request, any action the emulated Excel
 * does not know, a reference left held, or a user cell changed.
 *
 * The page, its office.js and the emulated Excel's endpoint: test/excel-emulator/pane-host.ts.
 */
import type { Browser } from "playwright-core";
import { isolatePage, launchChromium } from "../helpers/chromium";
import { productionPaneBuild } from "../helpers/pane-build";
import { sheetSnapshot } from "../fake-excel";
import { ExcelEmulator } from "../excel-emulator/emulator";
import { OFFICE_JS, officeScript, servePane, type PaneHost } from "../excel-emulator/pane-host";
import { seedCells, SEED_SHEET } from "../hosts/excel/helpers";

let host: PaneHost;
let browser: Browser;

beforeAll(async () => {
  host = await servePane(productionPaneBuild());
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

/** Opens the pane on the emulated workbook, with office.js answered by the real runtime. */
async function openPane(apiVersion: string): Promise<{ page: import("playwright-core").Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 340, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const script = officeScript(apiVersion);
  await isolatePage(page, host.origin, (url) => (url.href === OFFICE_JS ? { body: script, contentType: "application/javascript" } : undefined));
  await page.goto(`${host.origin}/taskpane.html`, { waitUntil: "load", timeout: 30_000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid="analyze"]')?.hasAttribute("disabled"), undefined, { timeout: 20_000 });
  return { page, errors };
}

describe.each(["1.13", "1.7"])("the production pane on the real runtime, ExcelApi %s", (apiVersion) => {
  test("the seed table found, analysed and written: nothing refused or unknown, the user's cells unchanged", async () => {
    const excel = new ExcelEmulator({ sheets: [{ name: SEED_SHEET, cells: seedCells() }], active: SEED_SHEET, apiVersion });
    host.connect(excel);
    const before = JSON.stringify(sheetSnapshot(excel.state, excel.state.requireSheet(SEED_SHEET)).cells);
    const { page, errors } = await openPane(apiVersion);
    await page.getByTestId("analyze").click();
    await page.getByTestId("recognised").first().waitFor({ state: "visible", timeout: 30_000 });
    expect(await page.getByTestId("range").innerText()).toBe(`'${SEED_SHEET}'!A1:F15`);
    await page.getByTestId("write").click();
    await page.getByTestId("summary").first().waitFor({ state: "visible", timeout: 60_000 });
    expect(await page.getByTestId("error").count()).toBe(0);
    // Excel.run's clean-up request goes after the run; give it its turn.
    await page.waitForTimeout(300);
    await page.close();

    expect(errors).toEqual([]);
    expect(excel.unknown).toEqual([]);
    expect(excel.requests.filter((r) => r.error)).toEqual([]);
    expect(excel.heldReferences).toBe(0);
    // Nothing is kept, by the host or the pane: Excel.run sends no clean-up request, whose refusal
    // the runtime swallows (it retries, then gives up) where no one could tell the user.
    expect(excel.requests.filter((r) => r.keepReferences > 0 || r.removeReferences > 0)).toEqual([]);
    expect(JSON.stringify(sheetSnapshot(excel.state, excel.state.requireSheet(SEED_SHEET)).cells)).toBe(before);
    const owned = excel.state.names.filter((n) => /^ParScore_Owned_\d+$/.test(n.name));
    expect(owned.length).toBeGreaterThanOrEqual(1);
    expect(excel.state.sheets.length).toBe(1 + owned.length);
    expect(excel.state.requireSheet(SEED_SHEET).conditionalFormats.length).toBeGreaterThan(0);
  }, 120_000);
});

test("a write request Excel refuses (over its payload limit) is an error in the pane, and leaves no half-written sheet", async () => {
  // An Excel whose limit is 40 KB: the reads pass, the write's content request (about 100 KB) is refused.
  const excel = new ExcelEmulator({ sheets: [{ name: SEED_SHEET, cells: seedCells() }], active: SEED_SHEET, apiVersion: "1.13" }, 40_000);
  host.connect(excel);
  const before = JSON.stringify(sheetSnapshot(excel.state, excel.state.requireSheet(SEED_SHEET)));
  const { page, errors } = await openPane("1.13");
  await page.getByTestId("analyze").click();
  await page.getByTestId("recognised").first().waitFor({ state: "visible", timeout: 30_000 });
  await page.getByTestId("write").click();
  await page.getByTestId("error").first().waitFor({ state: "visible", timeout: 60_000 });
  expect(await page.getByTestId("summary").count()).toBe(0);
  expect(await page.getByTestId("error").first().innerText()).toMatch(/quá lớn|too large/);
  await page.waitForTimeout(300);
  await page.close();
  expect(errors).toEqual([]);
  expect(excel.unknown).toEqual([]);
  expect(excel.requests.some((r) => r.error === "RequestPayloadSizeLimitExceeded")).toBe(true);
  // The sheet it had created is gone with its marker; the user's sheet is as it was, highlights included.
  expect(excel.state.sheets.map((s) => s.name)).toEqual([SEED_SHEET]);
  expect(excel.state.names.filter((n) => /^ParScore_Owned_\d+$/.test(n.name))).toEqual([]);
  expect(JSON.stringify(sheetSnapshot(excel.state, excel.state.requireSheet(SEED_SHEET)))).toBe(before);
}, 120_000);

test("a read Excel refuses (its answer over the payload limit) is an error in the pane, and nothing is written", async () => {
  // An Excel whose answers may not pass 200 bytes: the reader halves its pieces down to one row of
  // the seed table, which is still refused.
  const excel = new ExcelEmulator({ sheets: [{ name: SEED_SHEET, cells: seedCells() }], active: SEED_SHEET, apiVersion: "1.13" }, undefined, 200);
  host.connect(excel);
  const before = JSON.stringify(sheetSnapshot(excel.state, excel.state.requireSheet(SEED_SHEET)));
  const { page, errors } = await openPane("1.13");
  await page.getByTestId("analyze").click();
  await page.getByTestId("error").first().waitFor({ state: "visible", timeout: 60_000 });
  expect(await page.getByTestId("recognised").count()).toBe(0);
  expect(await page.getByTestId("error").first().innerText()).toMatch(/quá lớn|too large/);
  await page.waitForTimeout(300);
  await page.close();
  expect(errors).toEqual([]);
  expect(excel.unknown).toEqual([]);
  expect(excel.requests.some((r) => r.error === "ResponsePayloadSizeLimitExceeded")).toBe(true);
  expect(excel.state.sheets.map((s) => s.name)).toEqual([SEED_SHEET]);
  expect(JSON.stringify(sheetSnapshot(excel.state, excel.state.requireSheet(SEED_SHEET)))).toBe(before);
}, 120_000);
