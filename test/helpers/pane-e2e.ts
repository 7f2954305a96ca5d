/**
 * The task pane in Chromium, for the end-to-end tests (test/e2e/taskpane*.test.ts): the production
 * bundle built with webpack into a temporary folder, served by a bare Node http server that sends NO
 * charset (like many organisations' static hosts), and opened offline (office.js requests aborted),
 * optionally with the behavioural fake of Excel (test/fake-excel, bundled for the browser) installed
 * as the Office and Excel globals before the pane's scripts run.
 */
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import type { AddressInfo } from "net";
import type { Browser, Page } from "playwright-core";
import webpack from "webpack";
import { productionPaneBuild } from "./pane-build";
import { isolatePage, launchChromium } from "./chromium";

export const repo = path.resolve(__dirname, "..", "..");
export const artifacts = path.join(repo, "test-artifacts");

const TYPES: Record<string, string> = {
  ".html": "text/html", // deliberately no "; charset=utf-8"
  ".js": "application/javascript",
  ".png": "image/png",
  ".xml": "application/xml",
  ".map": "application/json",
};

export interface SheetSpecLike {
  name: string;
  cells: (string | number | boolean | null)[][];
  protected?: boolean;
}

export interface WorkbookSpecLike {
  sheets: SheetSpecLike[];
  active?: string;
  apiVersion?: string;
}

export interface OpenPane {
  page: Page;
  errors: string[];
  /** Every URL the page requested (allowed or not). */
  requests: string[];
  /** URLs of the workers the page started (the pipeline worker). */
  workers: string[];
  /** Content-Security-Policy violations the page reported ("directive blockedURI"). */
  violations: () => Promise<string[]>;
}

export interface Viewport {
  width: number;
  height: number;
}

/** The built pane, its server and a browser; `start` in beforeAll, `stop` in afterAll. */
export class PaneHarness {
  outDir = "";
  origin = "";
  browser!: Browser;
  /** test/fake-excel/browser-entry.ts bundled for the browser. */
  fakeBundle = "";
  /** Content type sent for each file served, by path. */
  readonly served: Record<string, string | undefined> = {};
  readonly timings: Record<string, number> = {};
  private fakeDir = "";
  private server: http.Server | null = null;

  async start(): Promise<void> {
    let t0 = Date.now();
    this.fakeDir = fs.mkdtempSync(path.join(os.tmpdir(), "parscore-fake-"));
    const fake = bundleFakeExcel(this.fakeDir);
    this.outDir = productionPaneBuild();
    this.fakeBundle = await fake;
    this.timings.build = Date.now() - t0;

    this.server = await this.serve(this.outDir);
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    t0 = Date.now();
    this.browser = await launchChromium();
    this.timings.launch = Date.now() - t0;
    fs.mkdirSync(artifacts, { recursive: true });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    const server = this.server;
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (this.fakeDir) fs.rmSync(this.fakeDir, { recursive: true, force: true });
  }

  private serve(root: string): Promise<http.Server> {
    const srv = http.createServer((req, res) => {
      const rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/+/, "") || "taskpane.html";
      const file = path.resolve(root, rel);
      if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        res.writeHead(404, { "Content-Type": "text/plain" });
        res.end("not found");
        return;
      }
      const type = TYPES[path.extname(file)] ?? "application/octet-stream";
      this.served[rel] = type;
      res.writeHead(200, { "Content-Type": type });
      res.end(fs.readFileSync(file));
    });
    return new Promise((resolve) => srv.listen(0, "127.0.0.1", () => resolve(srv)));
  }

  /**
   * Opens the pane with the fake Excel installed before any of the page's scripts run. office.js's
   * request is aborted (isolatePage), so the pre-installed fake is the Office the pane sees.
   */
  async openInFakeExcel(spec: WorkbookSpecLike, viewport: Viewport = { width: 340, height: 900 }): Promise<OpenPane> {
    const page = await this.browser.newPage({ viewport, deviceScaleFactor: 1 });
    const errors = watchErrors(page);
    const requests: string[] = [];
    const workers: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    page.on("worker", (worker) => workers.push(worker.url()));
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    page.on("console", (message) => {
      if (message.type() === "error" && !/appsforoffice|ERR_INTERNET_DISCONNECTED/.test(message.text())) errors.push(`console: ${message.text()}`);
    });
    await page.addInitScript({ content: this.fakeBundle });
    await page.addInitScript({
      content: `(function () {
        var fake = window.__parscoreFake;
        var workbook = fake.createFakeWorkbook(${JSON.stringify(spec)});
        window.__parscoreWorkbook = workbook;
        fake.installFakeOffice(window, workbook);
      })();`,
    });
    await isolatePage(page, this.origin);
    await page.goto(`${this.origin}/taskpane.html`, { waitUntil: "load", timeout: 30_000 });
    await page.waitForFunction(() => !document.querySelector('[data-testid="analyze"]')?.hasAttribute("disabled"), undefined, { timeout: 15_000 });
    const violations = () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    return { page, errors, requests, workers, violations };
  }
}

/** Collects uncaught page errors; they fail the test. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  return errors;
}

/** Bundles the fake Excel for the browser: no eval (the pane's CSP forbids it), one file. */
function bundleFakeExcel(dir: string): Promise<string> {
  const config: webpack.Configuration = {
    mode: "development",
    devtool: false,
    target: ["web", "es2020"],
    context: repo,
    entry: path.join(repo, "test", "fake-excel", "browser-entry.ts"),
    output: { path: dir, filename: "fake-excel.js" },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext", sourceMap: false } } },
        },
      ],
    },
  };
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (!stats || stats.hasErrors()) return reject(new Error(`fake Excel bundle failed:\n${stats?.toString("errors-only")}`));
      resolve(fs.readFileSync(path.join(dir, "fake-excel.js"), "utf8"));
    });
  });
}

/** A task pane is narrow: nothing may need horizontal scrolling. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
}

export async function waitForTestId(page: Page, id: string, timeout = 20_000): Promise<void> {
  await page.getByTestId(id).first().waitFor({ state: "visible", timeout });
}

/**
 * Picks a unit in a unit picker (src/taskpane/components/UnitPicker.tsx) as a user does: types
 * its name in the combobox, then clicks the option of exactly that name in the list it shows.
 */
export async function pickUnit(page: Page, testId: string, name: string): Promise<void> {
  const box = page.getByTestId(testId);
  // Emptied first: typing the name already shown would change nothing, and open nothing.
  await box.fill("");
  await box.fill(name);
  await page.getByRole("option", { name, exact: true }).click();
  expect(await box.inputValue()).toBe(name);
}

function readRows(file: string, separator: string): (string | null)[][] {
  return fs
    .readFileSync(path.join(repo, "test", "fixtures", "tables", file), "utf8")
    .replace(/\r/g, "")
    .replace(/\n+$/, "")
    .split("\n")
    .map((line) => line.split(separator).map((cell) => (cell === "" ? null : cell)));
}

export const SEED_SHEET = "TT Huế 2018-2019";

/** The seed table's rows (Thừa Thiên Huế 2018-2019), as typed in the sheet: text cells as they are ("6,50"), blanks null. */
export function seedRows(): (string | null)[][] {
  return readRows("thua-thien-hue-2019-areas.tsv", "\t");
}

/** test/fixtures/tables/province-units-blocks.csv as a sheet: departments and districts in blocks. */
export function blockRows(): (string | null)[][] {
  return readRows("province-units-blocks.csv", ";");
}

// ---------------------------------------------------------------------------
// The fake workbook read back

export interface CellSnap {
  value: string | number | boolean | null;
  formula?: string;
}

export interface SheetSnap {
  name: string;
  cells: Record<string, CellSnap>;
  conditionalFormats: { type: string; range: string; custom?: { formula: string } }[];
}

export interface WorkbookSnap {
  sheets: SheetSnap[];
  names: { name: string; formula: string }[];
  active: string;
  selection: string | null;
}

/** The fake workbook the page runs on, as plain JSON. */
export function snapshot(page: Page): Promise<WorkbookSnap> {
  return page.evaluate(() => {
    const w = window as unknown as { __parscoreFake: { snapshot(wb: unknown): unknown }; __parscoreWorkbook: unknown };
    return w.__parscoreFake.snapshot(w.__parscoreWorkbook) as WorkbookSnap;
  });
}

/** Sheets ParScore marked as its own (workbook names ParScore_Owned_<n> -> 'Sheet'!$A$1). */
export function ownedSheets(snap: WorkbookSnap): SheetSnap[] {
  const owned = snap.names.filter((n) => /^ParScore_Owned_\d+$/.test(n.name)).map((n) => n.formula);
  return snap.sheets.filter((s) => owned.some((f) => f.replace(/^=/, "").replace(/^'|'?!.*$/g, "").replace(/''/g, "'") === s.name));
}
