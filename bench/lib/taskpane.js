// The task pane: the size of the JavaScript taskpane.html loads first (production build), and
// the time until the pane is interactive in headless Chromium.
/* global window, document, getComputedStyle, MutationObserver */
//
// Size: the same-origin <script src> tags of dist/web/taskpane.html, raw and gzip (node's zlib,
// level 9). office.js comes from Microsoft's CDN (cached by Office itself) and is not counted.
// Chunks the pane loads on demand (the Excel host, the engine) are not first load; the Chromium
// run lists every script that was actually fetched before the pane became interactive, as a check.
//
// Interactive: dist/web is served on 127.0.0.1 by a bare node http server; each load is a fresh
// browser context (empty cache); requests to appsforoffice.microsoft.com (office.js) are aborted,
// so the pane runs "outside Office" (its Analyze button is then disabled by design, and the
// language switch is the control a user can use). An init script, installed before any page
// script, watches the DOM and records the page's own performance.now() (milliseconds since
// navigation start) the first time the language switch or the Analyze button is in the page,
// visible and enabled.
"use strict";

const fs = require("fs");
const http = require("http");
const path = require("path");
const zlib = require("zlib");
const { spawnSync } = require("child_process");
const { median } = require("./measure");

const repo = path.resolve(__dirname, "..", "..");
const WEB = path.join(repo, "dist", "web");
// The launch of test/helpers/chromium.ts.
const { CHROMIUM_PATH, CHROMIUM_ARGS } = require("../../scripts/chromium.js");

/** Newest modification time under `dir` (files only), 0 when missing. */
function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/web with `webpack --mode production` when it is missing or older than the sources
 * it is built from. Returns { built, reason, ms }.
 */
function ensureWebBuild({ force = false } = {}) {
  const html = path.join(WEB, "taskpane.html");
  let reason = null;
  if (force) reason = "asked to rebuild";
  else if (!fs.existsSync(html)) reason = "dist/web missing";
  else {
    const built = fs.statSync(html).mtimeMs;
    const sources = Math.max(newestMtime(path.join(repo, "src")), fs.statSync(path.join(repo, "webpack.config.js")).mtimeMs);
    if (sources > built) reason = "sources newer than dist/web";
  }
  if (!reason) return { built: false };
  const t0 = Date.now();
  const webpack = path.join(repo, "node_modules", "webpack-cli", "bin", "cli.js");
  const res = spawnSync(process.execPath, [webpack, "--mode", "production"], { cwd: repo, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0 || !fs.existsSync(html)) {
    const tail = `${res.stdout || ""}${res.stderr || ""}`.trim().split("\n").slice(-8).join(" | ");
    return { built: false, reason, error: `webpack --mode production failed: ${tail}` };
  }
  return { built: true, reason, ms: Date.now() - t0 };
}

/** The scripts taskpane.html loads, in order: { src, local }. */
function pageScripts() {
  const html = fs.readFileSync(path.join(WEB, "taskpane.html"), "utf8");
  const scripts = [];
  const re = /<script\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/gi;
  let m;
  while ((m = re.exec(html))) {
    const src = m[1] ?? m[2] ?? m[3];
    scripts.push({ src, local: !/^[a-z]+:\/\//i.test(src) && !src.startsWith("//") });
  }
  return scripts;
}

/** Raw and gzip bytes of the first-load JavaScript. */
function firstLoadSize() {
  const files = [];
  for (const s of pageScripts()) {
    if (!s.local) continue;
    const file = path.join(WEB, decodeURIComponent(s.src.split(/[?#]/)[0]));
    const bytes = fs.readFileSync(file);
    files.push({ src: s.src, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length });
  }
  return {
    files,
    external: pageScripts().filter((s) => !s.local).map((s) => s.src),
    raw: files.reduce((n, f) => n + f.raw, 0),
    gzip: files.reduce((n, f) => n + f.gzip, 0),
  };
}

const TYPES = { ".html": "text/html", ".js": "application/javascript", ".png": "image/png", ".xml": "application/xml", ".map": "application/json", ".svg": "image/svg+xml", ".ico": "image/x-icon" };

function serve(root) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url || "/", "http://x").pathname).replace(/^\/+/, "") || "taskpane.html";
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", "Cache-Control": "no-store" });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Runs in the page before its own scripts: records performance.now() when a control is usable. */
function watchInteractive() {
  const usable = (el) => {
    if (!el || el.disabled || el.getAttribute("aria-disabled") === "true") return false;
    if (el.getClientRects().length === 0) return false;
    const style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none";
  };
  const check = () => {
    if (window.__parscoreInteractive !== undefined) return;
    const analyze = document.querySelector('[data-testid="analyze"]');
    const group = document.querySelector('[data-testid="language-switch"]');
    const radios = group ? Array.from(group.querySelectorAll("input")) : [];
    const switchUsable = group !== null && usable(group) && radios.length > 0 && radios.some((r) => !r.disabled);
    if (usable(analyze) || switchUsable) {
      window.__parscoreInteractive = performance.now();
      window.__parscoreInteractiveBy = usable(analyze) ? "analyze button" : "language switch";
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

async function interactiveTimes(loads = 5, warmup = 1) {
  let chromium;
  try {
    ({ chromium } = require("playwright-core"));
  } catch (e) {
    return { error: `playwright-core not installed: ${e.message}` };
  }
  if (!fs.existsSync(CHROMIUM_PATH)) return { error: `chromium not found at ${CHROMIUM_PATH}` };
  const server = await serve(WEB);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
  const samples = [];
  let fetched = [];
  let by = null;
  const errors = [];
  try {
    for (let i = 0; i < warmup + loads; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.route("**/*", (route) => {
        const url = new URL(route.request().url());
        if (url.origin === origin || url.protocol === "data:") return route.continue();
        return route.abort("internetdisconnected");
      });
      await page.addInitScript(watchInteractive);
      await page.goto(`${origin}/taskpane.html`, { waitUntil: "commit" });
      await page.waitForFunction(() => window.__parscoreInteractive !== undefined, null, { timeout: 30_000 });
      const t = await page.evaluate((o) => {
        const at = window.__parscoreInteractive;
        const scripts = performance
          .getEntriesByType("resource")
          .filter((e) => e.initiatorType === "script" && e.name.startsWith(o) && e.responseEnd <= at)
          .map((e) => ({ name: e.name.slice(o.length + 1), bytes: e.encodedBodySize }));
        return { ms: at, by: window.__parscoreInteractiveBy, scripts };
      }, origin);
      if (i >= warmup) {
        samples.push(t.ms);
        by = t.by;
        fetched = t.scripts;
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
  }
  return { samples, ms: median(samples), by, fetched, errors: [...new Set(errors)] };
}

module.exports = { ensureWebBuild, firstLoadSize, interactiveTimes, pageScripts, serve, WEB };
