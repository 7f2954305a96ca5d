/**
 * The production task pane as Excel on the web would run it, with Microsoft's real runtime: a local
 * server gives the built pane, and `excel-web-16.00.js` (@microsoft/office-js) where the page asks
 * for office.js from the CDN; the runtime's HTTP request executor posts each ProcessQuery back to
 * this server, where an ExcelEmulator answers. Shared by the pane's real-runtime e2e
 * (test/e2e/real-runtime-pane.test.ts) and the benchmark's pane flow (bench/child/real-runtime-pane.js).
 *
 * Not the runtime's own: office.js's loader and its handshake with Excel on the web's parent
 * frame. A few lines after the runtime (officeScript) stand in for them: Office.onReady answers
 * Excel, and the requirement sets are the emulated workbook's.
 */
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import type { AddressInfo } from "net";
import type { ExcelEmulator } from "./emulator";
import { runtimeScript } from "./runtime";

/** The URL the pane's taskpane.html loads office.js from. */
export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const ENDPOINT = "/emulated-excel";

/** What the page gets for office.js: the runtime, then the stand-ins for office.js's loader. */
export function officeScript(apiVersion: string): string {
  return `${fs.readFileSync(runtimeScript().file, "utf8")}
;(function () {
  var api = ${JSON.stringify(apiVersion)};
  function older(a, b) {
    var x = String(a).split("."), y = String(b).split(".");
    for (var i = 0; i < Math.max(x.length, y.length); i++) {
      var d = Number(x[i] || 0) - Number(y[i] || 0);
      if (d !== 0) return d < 0;
    }
    return true;
  }
  var info = { host: "Excel", platform: "OfficeOnline" };
  var office = Object.create(window.Office);
  Object.defineProperty(office, "context", { value: { host: "Excel", platform: "OfficeOnline", displayLanguage: "vi-VN",
    requirements: { isSetSupported: function (name, version) { return name === "ExcelApi" && older(version || "1.1", api); } } } });
  office.HostType = { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook" };
  office.PlatformType = { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac" };
  office.onReady = function (callback) { if (callback) callback(info); return Promise.resolve(info); };
  window.Office = office;
  OfficeExtension.ClientRequestContext.defaultRequestUrlAndHeaders = { url: location.origin + ${JSON.stringify(ENDPOINT)}, headers: {} };
})();`;
}

export interface PaneHost {
  origin: string;
  /** The Excel that answers from now on (none: 503). */
  connect(emulator: ExcelEmulator | undefined): void;
  /** Milliseconds the emulated Excel spent answering, since the last reset: Excel's time, not the add-in's. */
  excelMs(): number;
  resetExcelMs(): void;
  close(): Promise<void>;
}

/** Serves `root` (the built pane) and answers ProcessQuery with the connected emulator. */
export function servePane(root: string): Promise<PaneHost> {
  let emulator: ExcelEmulator | undefined;
  let excelMs = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "POST" && url.pathname === `${ENDPOINT}/ProcessQuery`) {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        if (!emulator) {
          res.writeHead(503);
          res.end();
          return;
        }
        const t0 = performance.now();
        void emulator.processQuery(Buffer.concat(chunks).toString("utf8")).then((answer) => {
          excelMs += performance.now() - t0;
          res.writeHead(answer.status, { "Content-Type": "application/json" });
          res.end(answer.body);
        });
      });
      return;
    }
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, "") || "taskpane.html";
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    const type = file.endsWith(".html") ? "text/html; charset=utf-8" : file.endsWith(".js") ? "application/javascript" : "application/octet-stream";
    res.writeHead(200, { "Content-Type": type });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        connect: (e) => {
          emulator = e;
        },
        excelMs: () => excelMs,
        resetExcelMs: () => {
          excelMs = 0;
        },
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}
