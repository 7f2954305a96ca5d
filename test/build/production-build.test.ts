/**
 * The production build IT staff run to host the add-in:
 *   npm run build -- --env url=https://addins.example.gov.vn/parscore/
 * One webpack build (webpack-cli, the same arguments `npm run build --` passes on)
 * into a temporary folder, shared by every assertion:
 * - dist manifest: the production URL everywhere, no localhost, all https, and it
 *   passes `npm run validate` against the files actually emitted;
 * - no eval / new Function in the emitted JS (ours and vendor), source maps not eval;
 * - taskpane.html and commands.html carry the Content-Security-Policy <meta> before
 *   any script, load only office.js from Microsoft and our own files;
 * - in Chromium (offline; office.js aborted), the pane renders under that policy with
 *   no violation, eval is refused, and a policy without style-src 'unsafe-inline'
 *   would break Fluent UI's run-time styles (why the policy allows them).
 * Prints build time and the size (raw/gzip) of what taskpane.html loads.
 */
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import * as vm from "vm";
import * as zlib from "zlib";
import { spawnSync } from "child_process";
import type { AddressInfo } from "net";
import type { Browser, Page } from "playwright-core";
import { isolatePage, launchChromium } from "../helpers/chromium";

/* eslint-disable @typescript-eslint/no-require-imports */
const repo = path.resolve(__dirname, "..", "..");
const PROD_URL = "https://addins.example.gov.vn/parscore/";
const PROD_ORIGIN = "https://addins.example.gov.vn";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

const check = require(path.join(repo, "scripts", "manifest-check.js")) as {
  checkManifest: (xml: string, options?: Record<string, unknown>) => { errors: string[]; baseUrl?: string; facts: any };
  plannedOutputs: (configFile?: string) => Promise<Set<string>>;
  filesIn: (dir: string) => Set<string>;
};

let outDir: string;
let buildMs = 0;
let files: Set<string>;
let manifestXml: string;

beforeAll(() => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), "parscore-build-"));
  const webpackCli = require.resolve("webpack-cli/bin/cli.js", { paths: [repo] });
  // ADDIN_URL set to something else: the command-line URL must win.
  const env = { ...process.env, ADDIN_URL: "https://not-this-one.example.org/" };
  const t0 = Date.now();
  const build = spawnSync(process.execPath, [webpackCli, "--mode", "production", "--env", `url=${PROD_URL}`, "--output-path", outDir], {
    cwd: repo,
    env,
    encoding: "utf8",
  });
  buildMs = Date.now() - t0;
  if (build.status !== 0) throw new Error(`webpack failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`);
  files = check.filesIn(outDir);
  manifestXml = fs.readFileSync(path.join(outDir, "manifest.xml"), "utf8");
}, 180_000);

afterAll(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

describe("dist manifest.xml", () => {
  test("has the production URL everywhere and no localhost", () => {
    expect(manifestXml).not.toMatch(/localhost/i);
    expect(manifestXml).not.toContain("not-this-one");
    const { facts } = check.checkManifest(manifestXml, { expectIconSizes: false });
    const urls: string[] = facts.urls.map((u: { url: string }) => u.url);
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const url of urls) {
      expect(url).toMatch(/^https:\/\//);
      expect(url.startsWith(PROD_URL)).toBe(true);
    }
    expect(facts.appDomains.map((d: { value: string }) => d.value)).toEqual([PROD_ORIGIN]);
    expect(facts.sourceLocation).toBe(`${PROD_URL}taskpane.html`);
    for (const tag of ["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation"]) {
      expect(manifestXml).toMatch(new RegExp(`<${tag} DefaultValue="${PROD_URL.replace(/\./g, "\\.")}[^"]+"`));
    }
    // Any URL at all in the text, apart from XML namespace names, is under the production URL.
    const stray = [...manifestXml.matchAll(/(?<!xmlns(?::\w+)?=")https?:\/\/[^"<\s]+/g)].map((m) => m[0]).filter((u) => !u.startsWith(PROD_URL) && u !== PROD_ORIGIN);
    expect(stray).toEqual([]);
  });

  test("passes npm run validate against the files the build emitted (XSD, resources, outputs, icon sizes)", () => {
    const result = spawnSync(process.execPath, [path.join(repo, "scripts", "validate-manifest.js"), path.join(outDir, "manifest.xml")], {
      cwd: repo,
      encoding: "utf8",
    });
    expect({ status: result.status, out: result.stdout + result.stderr }).toEqual({ status: 0, out: expect.stringContaining(`under ${PROD_URL}`) });
    expect(result.stdout).toContain("build outputs (the files in");
  });

  test("the outputs `npm run validate` computes without building are the ones the build emits", async () => {
    const planned = await check.plannedOutputs(path.join(repo, "webpack.config.js"));
    expect([...planned].filter((f) => !files.has(f))).toEqual([]);
  });

  test("manifest.xml in the repository keeps the development URLs", () => {
    const repoManifest = fs.readFileSync(path.join(repo, "manifest.xml"), "utf8");
    expect(repoManifest).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
    expect(repoManifest).not.toContain(PROD_URL);
  });
});

describe("emitted JavaScript", () => {
  const EVAL = /\beval\s*\(|\bnew\s+Function\b|(?<![\w$.])Function\s*\(/;

  test("no eval or new Function, in our bundles or in vendor", () => {
    const js = [...files].filter((f) => f.endsWith(".js"));
    expect(js.some((f) => f.startsWith("vendor."))).toBe(true);
    expect(js.some((f) => f.startsWith("taskpane."))).toBe(true);
    const found = js.flatMap((f) => {
      const text = fs.readFileSync(path.join(outDir, f), "utf8");
      const m = EVAL.exec(text);
      return m ? [`${f}: ...${text.slice(Math.max(0, m.index - 60), m.index + 60)}...`] : [];
    });
    expect(found).toEqual([]);
  });

  test("every bundle parses as ES2017 (EdgeHTML 18 in Excel 2016/2019); the legacy guard as ES5 and first", () => {
    const acorn = require("acorn") as { parse: (text: string, options: { ecmaVersion: number }) => unknown };
    const js = [...files].filter((f) => f.endsWith(".js"));
    const tooNew = js.flatMap((f) => {
      try {
        acorn.parse(fs.readFileSync(path.join(outDir, f), "utf8"), { ecmaVersion: f === "legacy-guard.js" ? 5 : 2017 });
        return [];
      } catch (err) {
        return [`${f}: ${(err as Error).message}`];
      }
    });
    expect(tooNew).toEqual([]);
    const html = fs.readFileSync(path.join(outDir, "taskpane.html"), "utf8");
    const ours = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]).filter((src) => !/^https?:/.test(src));
    expect(ours[0]).toBe("legacy-guard.js");
  });

  test("functions.js installs the built-ins newer than ES2017 before the engine needs them (a runtime without flatMap)", () => {
    const vm = require("vm") as typeof import("vm");
    const bundle = [...files].find((f) => f === "functions.js");
    expect(bundle).toBeDefined();
    const associated: Record<string, (...args: unknown[]) => unknown> = {};
    const sandbox: Record<string, unknown> = { CustomFunctions: { associate: (id: string, fn: (...args: unknown[]) => unknown) => (associated[id] = fn), Error: Error, ErrorCode: {} } };
    sandbox.window = sandbox;
    sandbox.self = sandbox;
    const context = vm.createContext(sandbox);
    // The context's own Array and Object, stripped as Edge Legacy has them.
    vm.runInContext("delete Array.prototype.flat; delete Array.prototype.flatMap; delete Object.fromEntries; delete String.prototype.matchAll;", context);
    expect(vm.runInContext("typeof Array.prototype.flatMap", context)).toBe("undefined");
    vm.runInContext(fs.readFileSync(path.join(outDir, "functions.js"), "utf8"), context);
    expect(vm.runInContext("[typeof Array.prototype.flat, typeof Array.prototype.flatMap, typeof Object.fromEntries, typeof String.prototype.matchAll].join()", context)).toBe("function,function,function,function");
    expect(Object.keys(associated).length).toBeGreaterThan(0);
  });

  test("source maps are separate files (devtool source-map), not eval-wrapped modules", () => {
    for (const f of [...files].filter((x) => x.endsWith(".js") && x !== "legacy-guard.js")) {
      expect(files.has(`${f}.map`)).toBe(true);
      const text = fs.readFileSync(path.join(outDir, f), "utf8");
      expect(text).toMatch(/\/\/# sourceMappingURL=\S+\.js\.map\s*$/);
      expect(text).not.toContain("//# sourceURL=webpack://");
    }
  });
});

/** The CSP of an emitted page, as { directive: "values" }, and where it stands. */
function cspOf(html: string): { directives: Record<string, string>; metaIndex: number; firstScript: number } {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*\/?>/i.exec(html);
  if (!meta) throw new Error("no Content-Security-Policy meta");
  const directives = Object.fromEntries(
    meta[1]
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values.join(" ")];
      }),
  );
  return { directives, metaIndex: meta.index, firstScript: html.search(/<script\b/i) };
}

describe("Content-Security-Policy in the emitted pages", () => {
  test.each(["taskpane.html", "commands.html"])("%s: own origin and office.js only, before any script", (page) => {
    const html = fs.readFileSync(path.join(outDir, page), "utf8");
    const { directives, metaIndex, firstScript } = cspOf(html);
    expect(directives).toMatchObject({
      "script-src": "'self' https://appsforoffice.microsoft.com",
      "style-src": "'self' 'unsafe-inline'",
      "img-src": "'self' data:",
      "connect-src": "'self'",
      "frame-src": "'none'",
      "object-src": "'none'",
      "base-uri": "'self'",
    });
    expect(directives["default-src"]).toBe("'self'");
    expect(Object.values(directives).join(" ")).not.toMatch(/unsafe-eval|\*|localhost/);
    expect(metaIndex).toBeGreaterThan(-1);
    expect(metaIndex).toBeLessThan(firstScript);
    // Scripts: office.js by its plain tag, then our own files by relative path; nothing inline.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.every((m) => m[2].trim() === "")).toBe(true);
    const srcs = scripts.map((m) => /\bsrc="([^"]+)"/.exec(m[1])?.[1]);
    expect(srcs[0]).toBe(OFFICE_JS);
    for (const src of srcs.slice(1)) {
      expect(src).toMatch(/^[\w.-]+\.js$/);
      expect(files.has(src as string)).toBe(true);
    }
  });
});

describe("in Chromium, under the policy", () => {
  let browser: Browser;
  let server: http.Server;
  let origin: string;

  beforeAll(async () => {
    // Same page with style-src 'self' only: shows what 'unsafe-inline' is for.
    const html = fs.readFileSync(path.join(outDir, "taskpane.html"), "utf8");
    fs.writeFileSync(path.join(outDir, "taskpane-strict-style.html"), html.replace("style-src 'self' 'unsafe-inline'", "style-src 'self'"));
    // Same page and policy plus a same-origin script that tries eval (DevTools' evaluate is exempt from CSP).
    fs.writeFileSync(
      path.join(outDir, "eval-probe.js"),
      'try { window.__evalProbe = String(new Function("return 1")()); } catch (e) { window.__evalProbe = e.name; }\n',
    );
    fs.writeFileSync(path.join(outDir, "taskpane-eval-probe.html"), html.replace("</head>", '<script src="eval-probe.js"></script></head>'));
    server = http.createServer((req, res) => {
      const rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/+/, "");
      const file = path.resolve(outDir, rel);
      if (!file.startsWith(outDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        res.writeHead(404).end();
        return;
      }
      const type = file.endsWith(".html") ? "text/html; charset=utf-8" : file.endsWith(".js") ? "application/javascript" : "application/octet-stream";
      res.writeHead(200, { "Content-Type": type }).end(fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  async function open(page: string): Promise<{ p: Page; violations: () => Promise<string[]>; console: string[]; errors: string[] }> {
    const p = await browser.newPage({ viewport: { width: 360, height: 640 } });
    const consoleCsp: string[] = [];
    const errors: string[] = [];
    p.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text());
    });
    p.on("pageerror", (e) => errors.push(String(e)));
    await p.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await isolatePage(p, origin);
    await p.goto(`${origin}/${page}`, { waitUntil: "load", timeout: 30_000 });
    await p.waitForFunction(() => (document.getElementById("container")?.childElementCount ?? 0) > 0, undefined, { timeout: 15_000 });
    await p.waitForTimeout(300);
    return { p, violations: () => p.evaluate(() => (window as unknown as { __csp: string[] }).__csp), console: consoleCsp, errors };
  }

  test("the pane renders with no CSP violation", async () => {
    const { p, violations, console: csp, errors } = await open("taskpane.html");
    expect(await violations()).toEqual([]);
    expect(csp).toEqual([]);
    expect(errors).toEqual([]);
    expect(await p.locator("body").innerText()).toContain("ParScore");
    await p.close();
  });

  test("a script of the page that tries eval / new Function is refused", async () => {
    const { p, violations } = await open("taskpane-eval-probe.html");
    expect(await p.evaluate(() => (window as unknown as { __evalProbe?: string }).__evalProbe)).toBe("EvalError");
    expect(await violations()).toEqual([expect.stringMatching(/^script-src(-elem)? eval$/)]);
    await p.close();
  });

  test("in a browser without Promise and Symbol (Internet Explorer), the pane says which Excel to use instead of staying blank", async () => {
    const p = await browser.newPage({ viewport: { width: 360, height: 640 } });
    await p.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      w.Promise = undefined;
      w.Symbol = undefined;
    });
    await isolatePage(p, origin);
    await p.goto(`${origin}/taskpane.html`, { waitUntil: "load", timeout: 30_000 });
    const text = await p.getByTestId("legacy-browser").innerText({ timeout: 10_000 });
    expect(text).toContain("ParScore cần phiên bản Excel mới hơn");
    expect(text).toContain("ParScore needs a newer Excel");
    await p.close();
  });

  test("without style-src 'unsafe-inline', Fluent UI's run-time styles are refused (why the policy allows them)", async () => {
    const { p, violations } = await open("taskpane-strict-style.html");
    const v = await violations();
    expect(v.length).toBeGreaterThan(0);
    expect(v.every((x) => x.startsWith("style-src"))).toBe(true);
    await p.close();
  });
});

test("figures: build time, what taskpane.html loads first (raw/gzip)", () => {
  const html = fs.readFileSync(path.join(outDir, "taskpane.html"), "utf8");
  const ours = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]).filter((s) => !/^https?:/.test(s));
  const sizes = ours.map((f) => {
    const bytes = fs.readFileSync(path.join(outDir, f));
    return { file: f, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
  });
  const total = sizes.reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip }), { raw: 0, gzip: 0 });
  console.log(
    `production build ${(buildMs / 1000).toFixed(1)} s; taskpane.html loads (besides office.js): ` +
      sizes.map((s) => `${s.file} ${(s.raw / 1024).toFixed(1)} KiB raw / ${(s.gzip / 1024).toFixed(1)} KiB gzip`).join(", ") +
      `; total ${(total.raw / 1024).toFixed(1)} KiB raw / ${(total.gzip / 1024).toFixed(1)} KiB gzip`,
  );
  // webpack.config.js performance budget for the entry point.
  expect(total.raw).toBeLessThan(1536 * 1024);
});

describe("Excel custom functions (PARSCORE.*) in the build", () => {
  const IDS = ["POINTS", "TOTAL", "LOST", "RANK", "RANKLABEL", "CHANGE", "RANKCHANGE", "CLASS"];
  const CF_RUNTIME = "https://appsforoffice.microsoft.com/lib/1/hosted/custom-functions-runtime.js";
  const json = (f: string) => JSON.parse(fs.readFileSync(path.join(outDir, f), "utf8"));

  test("emits functions.js (fixed name, for the manifest), functions.json, functions.en.json and functions.html, and the dist manifest names them", () => {
    for (const f of ["functions.js", "functions.js.map", "functions.json", "functions.en.json", "functions.html"]) expect(files.has(f)).toBe(true);
    const { facts } = check.checkManifest(manifestXml, { expectIconSizes: false });
    const urls: string[] = facts.urls.map((u: { url: string }) => u.url);
    for (const f of ["functions.js", "functions.html", "functions.json", "functions.en.json"]) expect(urls).toContain(`${PROD_URL}${f}`);
    expect(manifestXml).toContain('<bt:Override Locale="en-US" Value="https://addins.example.gov.vn/parscore/functions.en.json"/>');
    expect(manifestXml).toMatch(/<Requirements>\s*<bt:Sets DefaultMinVersion="1\.1">\s*<bt:Set Name="CustomFunctionsRuntime" MinVersion="1\.1"\/>/);
  });

  test("functions.json (Vietnamese) and functions.en.json: the 8 functions, same ids, names and parameters; ASCII-only files", () => {
    const vi = json("functions.json");
    const en = json("functions.en.json");
    expect(vi.functions.map((f: { id: string }) => f.id)).toEqual(IDS);
    expect(vi.functions.map((f: { name: string }) => f.name)).toEqual(IDS);
    expect(en.functions.map((f: { id: string; name: string }) => [f.id, f.name])).toEqual(IDS.map((id) => [id, id]));
    const shape = (m: any) => m.functions.map((f: any) => f.parameters.map((p: any) => [p.name, p.type, p.dimensionality ?? "scalar", Boolean(p.optional)]));
    expect(shape(en)).toEqual(shape(vi));
    expect(vi.functions[0].description).toContain("Đọc điểm");
    expect(en.functions[0].description).toMatch(/^Reads points/);
    expect(vi).not.toHaveProperty("allowCustomDataForDataTypeAny");
    for (const f of ["functions.json", "functions.en.json"]) expect(fs.readFileSync(path.join(outDir, f), "utf8")).toMatch(/^[\x20-\x7e\n]*$/);
  });

  test("functions.html: the same Content-Security-Policy, then Microsoft's custom functions runtime, then functions.js; nothing inline", () => {
    const html = fs.readFileSync(path.join(outDir, "functions.html"), "utf8");
    const { directives, metaIndex, firstScript } = cspOf(html);
    expect(directives).toEqual(cspOf(fs.readFileSync(path.join(outDir, "taskpane.html"), "utf8")).directives);
    expect(metaIndex).toBeLessThan(firstScript);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.every((m) => m[2].trim() === "")).toBe(true);
    expect(scripts.map((m) => /\bsrc="([^"]+)"/.exec(m[1])?.[1])).toEqual([CF_RUNTIME, "functions.js"]);
    expect(html).not.toContain("legacy-guard.js");
  });

  test("functions.js runs in a bare JavaScript context (Excel's JavaScript-only runtime: no window, no document), associates the 8 functions, and they compute", () => {
    const code = fs.readFileSync(path.join(outDir, "functions.js"), "utf8");
    expect(code).not.toMatch(/\b(window|document|localStorage)\b/);
    class ExcelError extends Error {
      constructor(
        readonly code: string,
        message?: string,
      ) {
        super(message);
      }
    }
    const associated = new Map<string, (...args: unknown[]) => unknown>();
    const CustomFunctions = {
      Error: ExcelError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
      associate: (id: string, fn: (...args: unknown[]) => unknown) => associated.set(id, fn),
    };
    vm.runInNewContext(code, { CustomFunctions }, { filename: "functions.js" });
    expect([...associated.keys()]).toEqual(IDS);
    const call = (id: string, ...args: unknown[]) => associated.get(id)!(...args);
    expect(call("POINTS", "8,75 điểm")).toBe(8.75);
    expect(call("TOTAL", [[0.1], [0.2], ["KAD"], [""]])).toBe(0.3);
    expect(call("LOST", 12, "8,35")).toBe(3.65);
    const values = [[90], ["83,064"], ["83,06"], [70]];
    expect(call("RANK", "83,06", values, null)).toBe(2);
    expect(call("RANKLABEL", "83,06", values, null)).toBe("2(2)");
    expect(call("CHANGE", 78.9, 83.06, null)).toBe("tăng 4,16 điểm");
    expect(call("CHANGE", 78.9, 83.06, "en")).toBe("up 4.16 points");
    expect(call("RANKCHANGE", 38, 4, null)).toBe("tăng 34 bậc");
    expect(call("CLASS", "86,5", [[90, "Tốt"], [80, "Khá"], [0, "Yếu"]])).toBe("Khá");
    let thrown: unknown;
    try {
      call("POINTS", "abc");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ExcelError);
    expect(thrown).toMatchObject({ code: "#VALUE!", message: "'abc' không phải là số ('abc' is not a number)" });
  });
});
