/**
 * Microsoft's Office.js runtime for Excel (npm @microsoft/office-js, the `excel-web-16.00.js` the
 * CDN serves to Excel on the web) loaded into this JavaScript realm, its HTTP request executor
 * pointed at an ExcelEmulator. `Excel.run`, `context.sync()`, object tracking and the clean-up
 * request after a run are the runtime's own; each request body is the text it would POST
 * (`CoreUtility._getRequestBodyText`), handed to the emulator instead of the network.
 *
 * What is not the runtime's: `Office.context.requirements.isSetSupported` (the requirement sets
 * Excel on the web would report in its app context) answers from the emulated workbook's ExcelApi
 * version, and the few DOM globals the script touches while loading (in Node) are stubs.
 */
import * as fs from "fs";
import * as path from "path";
import type { ExcelEmulator } from "./emulator";

export const RUNTIME_PACKAGE = "@microsoft/office-js";
export const RUNTIME_FILE = "dist/excel-web-16.00.js";

/** The runtime script's path, and the package version it comes from. */
export function runtimeScript(): { file: string; version: string } {
  const pkg = require.resolve(`${RUNTIME_PACKAGE}/package.json`);
  const version = (JSON.parse(fs.readFileSync(pkg, "utf8")) as { version: string }).version;
  return { file: path.join(path.dirname(pkg), RUNTIME_FILE), version };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export interface RealRuntime {
  version: string;
  /** Resolves when no request is in flight (Excel.run sends its clean-up request after it resolves). */
  idle(): Promise<void>;
  /** Sends the runtime's requests to this emulator from now on. */
  connect(emulator: ExcelEmulator): void;
}

type Global = Record<string, unknown>;

let installed: RealRuntime | undefined;

/**
 * Loads the runtime once into this realm (globalThis gets Excel, Office, OfficeExtension) and
 * returns a handle to point it at an emulator.
 */
export function installRealRuntime(): RealRuntime {
  if (installed) return installed;
  const g = globalThis as unknown as Global;
  const { file, version } = runtimeScript();
  if (g.document === undefined) {
    g.window = g;
    g.document = {
      getElementById: () => null,
      getElementsByTagName: () => [],
      createElement: () => ({ style: {}, setAttribute() {}, appendChild() {} }),
      addEventListener() {},
      readyState: "complete",
      cookie: "",
    };
    if (g.navigator === undefined) g.navigator = { userAgent: "node" };
    g.location = {
      href: "https://localhost/",
      search: "",
      hash: "",
      protocol: "https:",
      host: "localhost",
      hostname: "localhost",
    };
    g.addEventListener = () => undefined;
  }
  // Indirect eval: the script's top-level `var`s become globals of this realm, as in a page.
  // eslint-disable-next-line no-eval -- the script must run in this realm (jest's), as a page runs it; vm.runInThisContext would use Node's outer realm.
  (0, eval)(fs.readFileSync(file, "utf8"));
  let emulator: ExcelEmulator | undefined;
  // The runtime's Office.context is a read-only getter: the runtime reads window.Office at each
  // call, so an object inheriting everything else from it, with its own context, stands in.
  const office = Object.create(g.Office as object) as Record<string, unknown>;
  g.Office = office;
  Object.defineProperty(office, "context", {
    value: {
      host: "Excel",
      platform: "OfficeOnline",
      requirements: {
        isSetSupported: (name: string, minVersion?: string | number) =>
          name === "ExcelApi" && !!emulator && compareVersions(String(minVersion ?? "1.1"), emulator.state.apiVersion) <= 0,
      },
    },
  });
  const ext = g.OfficeExtension as unknown as {
    HttpUtility: {
      setCustomSendRequestFunc(f: (r: unknown) => Promise<unknown>): void;
    };
    CoreUtility: { _getRequestBodyText(r: unknown): string };
    ClientRequestContext: { defaultRequestUrlAndHeaders: unknown };
  };
  ext.ClientRequestContext.defaultRequestUrlAndHeaders = {
    url: "https://emulated-excel.invalid/workbook",
    headers: {},
  };
  const inFlight = new Set<Promise<unknown>>();
  ext.HttpUtility.setCustomSendRequestFunc((request) => {
    if (!emulator) return Promise.reject(new Error("no emulated Excel connected"));
    const sent = emulator.processQuery(ext.CoreUtility._getRequestBodyText(request)).then((answer) => ({ statusCode: answer.status, headers: {}, body: answer.body }));
    inFlight.add(sent);
    void sent.finally(() => inFlight.delete(sent)).catch(() => undefined);
    return sent;
  });
  installed = {
    version,
    idle: async () => {
      // A clean-up request starts a tick after Excel.run resolves; let it start, then wait for all.
      for (let round = 0; round < 3 || inFlight.size > 0; round++) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        await Promise.allSettled([...inFlight]);
      }
    },
    connect: (e) => {
      emulator = e;
    },
  };
  return installed;
}
