/**
 * "Tạo sổ riêng cho từng đơn vị" in the production pane, in Chromium, with the fake Excel
 * (test/fake-excel) installed as Office and Excel. The workbook the pane hands over, to
 * `Excel.createWorkbook` (ExcelApi 1.8) or as a browser download where Excel lacks 1.8, is opened
 * with ParScore's .xlsx reader: it must hold its own unit's row and no other unit's. All units at
 * once come as one .zip download; the Word report is a .docx download. The writers are chunks of
 * their own, outside the first load.
 * Screenshots: test-artifacts/taskpane-unit-books-vi.png, taskpane-unit-books-en.png.
 */
import { strFromU8, unzipSync } from "fflate";
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { readXlsx } from "../../src/hosts/xlsx/read-xlsx";
import { cellText } from "../../src/tables/grid";
import { PaneHarness, artifacts, expectNoHorizontalOverflow, pickUnit, waitForTestId } from "../helpers/pane-e2e";

const harness = new PaneHarness();
const SHEET = "Khối";

/** The blocks table (fixtures/tables/province-units-blocks.csv) as the cells of a sheet. */
function blocksRows(): (string | null)[][] {
  const csv = fs.readFileSync(path.join(__dirname, "..", "fixtures", "tables", "province-units-blocks.csv"), "utf8");
  return csv
    .split(/\r?\n/)
    .filter((line) => line !== "")
    .map((line) => line.split(";").map((v) => (v === "" ? null : v)));
}

const UNITS = ["Sở Tư pháp", "Sở Tài chính", "Sở Xây dựng", "Sở Y tế", "Huyện Phong Điền", "Thị xã Hương Trà", "Huyện A Lưới", "Thành phố K"];

async function expectOnlyUnit(bytes: Buffer, unit: string): Promise<void> {
  const read = await readXlsx(bytes);
  const texts = (read.grids.find((g) => g.sheet === SHEET)?.values ?? []).flat().map((v) => cellText(v));
  expect(texts).toContain(unit);
  expect(UNITS.filter((u) => u !== unit && texts.includes(u))).toEqual([]);
  // Its gap analysis came along (a planned sheet after the source).
  expect(read.sheets.length).toBeGreaterThan(1);
}

async function analyse(page: Page): Promise<void> {
  await page.getByTestId("analyze").click();
  await waitForTestId(page, "recognised");
  await waitForTestId(page, "unit-books");
}

async function choose(page: Page, label: string): Promise<void> {
  await pickUnit(page, "unit-books-select", label);
}

beforeAll(async () => {
  await harness.start();
}, 240_000);

afterAll(async () => {
  await harness.stop();
});

test("the workbook writer is a chunk of its own: not in the first load", () => {
  const files = fs.readdirSync(harness.outDir);
  const html = fs.readFileSync(path.join(harness.outDir, "taskpane.html"), "utf8");
  for (const name of ["unit-workbook", "report-docx"]) {
    const chunk = files.find((f) => new RegExp(`^${name}\\.[0-9a-f]+\\.js$`).test(f));
    expect({ name, chunk: chunk !== undefined }).toEqual({ name, chunk: true });
    expect(html).not.toContain(chunk as string);
  }
  // The taskpane entry does not carry the writer's SpreadsheetML either.
  const entry = files.filter((f) => /^(taskpane|vendor)\.[0-9a-f]+\.js$/.test(f));
  expect(entry.length).toBeGreaterThan(0);
  for (const f of entry) expect(fs.readFileSync(path.join(harness.outDir, f), "latin1")).not.toContain("spreadsheetml.worksheet+xml");
});

test("Excel with ExcelApi 1.8: one unit's workbook opens through Excel.createWorkbook and holds only that unit", async () => {
  const { page, errors } = await harness.openInFakeExcel({ sheets: [{ name: SHEET, cells: blocksRows() }], apiVersion: "1.8" });
  await analyse(page);
  await choose(page, "Huyện A Lưới");
  await page.getByTestId("unit-books-make").click();
  const result = page.getByTestId("unit-books-result");
  await result.waitFor({ state: "visible", timeout: 30_000 });
  expect(await result.getAttribute("data-delivery")).toBe("opened");
  expect(await result.innerText()).toContain("Đã tạo 1/1 sổ đơn vị. Sổ đã mở trong một cửa sổ Excel mới");
  const created = await page.evaluate(() => (window as unknown as { __parscoreWorkbook: { createdWorkbooks: string[] } }).__parscoreWorkbook.createdWorkbooks);
  expect(created).toHaveLength(1);
  await expectOnlyUnit(Buffer.from(created[0], "base64"), "Huyện A Lưới");
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: path.join(artifacts, "taskpane-unit-books-vi.png"), fullPage: true });
  expect(errors).toEqual([]);
  await page.close();
});

test("Excel without ExcelApi 1.8 (English): the unit's .xlsx is downloaded; all units come as one .zip, each with only its unit", async () => {
  const { page, errors } = await harness.openInFakeExcel({ sheets: [{ name: SHEET, cells: blocksRows() }], apiVersion: "1.7" });
  await page.getByRole("radio", { name: "English" }).check();
  await analyse(page);
  await choose(page, "Sở Tư pháp");
  const [one] = await Promise.all([page.waitForEvent("download", { timeout: 30_000 }), page.getByTestId("unit-books-make").click()]);
  expect(one.suggestedFilename()).toBe("Sở Tư pháp.xlsx");
  await expectOnlyUnit(fs.readFileSync(await one.path()), "Sở Tư pháp");
  const result = page.getByTestId("unit-books-result");
  await result.waitFor({ state: "visible" });
  expect(await result.getAttribute("data-delivery")).toBe("downloaded");
  expect(await page.evaluate(() => (window as unknown as { __parscoreWorkbook: { createdWorkbooks: string[] } }).__parscoreWorkbook.createdWorkbooks)).toEqual([]);

  await choose(page, "All units (8)");
  const [all] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByTestId("unit-books-make").click()]);
  expect(all.suggestedFilename()).toBe("unit-workbooks.zip");
  const files = unzipSync(fs.readFileSync(await all.path()));
  expect(Object.keys(files).sort()).toEqual(UNITS.map((u) => `${u}.xlsx`).sort());
  for (const unit of UNITS) await expectOnlyUnit(Buffer.from(files[`${unit}.xlsx`]), unit);
  await page.waitForFunction(() => document.querySelector('[data-testid="unit-books-result"]')?.textContent?.includes("Made 8 of 8"));
  expect(await result.innerText()).toContain("Downloaded “unit-workbooks.zip”");

  const [report] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByTestId("report-download").click()]);
  expect(report.suggestedFilename()).toBe("par-index-report.docx");
  const docx = strFromU8(unzipSync(fs.readFileSync(await report.path()))["word/document.xml"]);
  expect(docx).toContain("PAR INDEX RESULTS REPORT");
  for (const unit of UNITS) expect(docx).toContain(unit);
  await page.getByTestId("report-result").waitFor({ state: "visible" });
  expect(await page.getByTestId("report-result").innerText()).toContain("Downloaded the report “par-index-report.docx”");
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: path.join(artifacts, "taskpane-unit-books-en.png"), fullPage: true });
  expect(errors).toEqual([]);
  await page.close();
});
