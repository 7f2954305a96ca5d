/**
 * manifest.xml: valid against Microsoft's Office add-in XSD (through
 * `npm run validate`'s script, so xmllint is required, never skipped), the
 * checks beyond the XSD (scripts/manifest-check.js: resources, URLs, build
 * outputs, icon pixel sizes, locales), and the facts the add-in depends on.
 * Nothing here builds: the build outputs are computed from webpack.config.js
 * (test/build/ checks them against a real production build).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";

/* eslint-disable @typescript-eslint/no-require-imports */
const repo = path.resolve(__dirname, "..");
const script = path.join(repo, "scripts", "validate-manifest.js");
const manifestPath = path.join(repo, "manifest.xml");
const manifest = fs.readFileSync(manifestPath, "utf8");
const INSTALL_LINE = "apt-get update && apt-get install -y --no-install-recommends libxml2-utils";

function validate(file?: string) {
  return spawnSync(process.execPath, [script, ...(file ? [file] : [])], { cwd: repo, encoding: "utf8" });
}

test("xmllint is installed (the schema check cannot be skipped)", () => {
  const which = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
  if (which.error) throw new Error(`xmllint is missing. Install it (as root):\n${INSTALL_LINE}`);
  expect(which.status).toBe(0);
});

test("npm run validate: manifest.xml is valid against OfficeAppManifestV1_1.xsd", () => {
  const result = validate();
  expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({
    status: 0,
    output: expect.stringContaining("is valid"),
  });
});

test("the validator rejects an invalid manifest", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parscore-manifest-"));
  try {
    const bad = path.join(dir, "manifest.xml");
    fs.writeFileSync(bad, manifest.replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>Everything</Permissions>"));
    const result = validate(bad);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("NOT valid");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("task pane for Excel, Vietnamese by default with English overrides", () => {
  expect(manifest).toContain('xsi:type="TaskPaneApp"');
  expect(manifest).toContain('<Host Name="Workbook"/>');
  expect(manifest).toMatch(/<Set Name="ExcelApi" MinVersion="1\.\d+"\/>/);
  expect(manifest).toContain("<DefaultLocale>vi-VN</DefaultLocale>");
  expect(manifest).toContain('<DisplayName DefaultValue="ParScore — Chỉ số CCHC">');
  const strings = manifest.match(/<bt:String id="[^"]+"/g) ?? [];
  const overrides = manifest.match(/<bt:String id="[^"]+" DefaultValue="[^"]*">\s*<bt:Override Locale="en-US"/g) ?? [];
  expect(strings.length).toBeGreaterThan(0);
  expect(overrides.length).toBe(strings.length);
});

test("a Home-tab button opens the task pane; every resid resolves; icons exist", () => {
  expect(manifest).toContain('<OfficeTab id="TabHome">');
  expect(manifest).toContain('<Action xsi:type="ShowTaskpane">');
  const defined = new Set([...manifest.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]));
  const used = [...manifest.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
  expect(used.filter((id) => !defined.has(id))).toEqual([]);
  const urls = [...manifest.matchAll(/https:\/\/localhost:3000\/([^"<]*)/g)].map((m) => m[1]);
  for (const rel of urls.filter((u) => u.startsWith("assets/"))) {
    expect(fs.existsSync(path.join(repo, rel))).toBe(true);
  }
  expect(urls).toContain("taskpane.html");
  expect(urls).toContain("commands.html");
});

test("custom functions PARSCORE.*: the extension point, its files, and CustomFunctionsRuntime required only inside VersionOverrides", () => {
  const check = require(path.join(repo, "scripts", "manifest-check.js")) as { parseXml: (xml: string) => any; walk: (el: any) => Iterable<any> };
  const root = check.parseXml(manifest);
  const all = [...check.walk(root)];
  const sets = all.filter((el) => el.local === "Set" && el.attrs.Name === "CustomFunctionsRuntime");
  expect(sets).toHaveLength(1);
  // Its Requirements is a child of VersionOverrides, not of OfficeApp: Excel without custom functions still installs the add-in.
  const requirements = sets[0].parent.parent;
  expect(requirements.local).toBe("Requirements");
  expect(requirements.parent.local).toBe("VersionOverrides");
  expect(sets[0].attrs.MinVersion).toBe("1.1");
  const base = root.children.find((c: any) => c.local === "Requirements");
  expect(JSON.stringify([...check.walk(base)].map((e: any) => e.attrs.Name).filter(Boolean))).toBe('["ExcelApi"]');
  // The extension point, for all form factors, with its script, page, metadata and namespace.
  const point = all.find((el) => el.local === "ExtensionPoint" && el.attrs["xsi:type"] === "CustomFunctions");
  expect(point.parent.local).toBe("AllFormFactors");
  const resid = (local: string) => point.children.find((c: any) => c.local === local);
  const url = (id: string) => new RegExp(`<bt:Url id="${id.replace(/\./g, "\\.")}" DefaultValue="https://localhost:3000/([^"]+)"`).exec(manifest)?.[1];
  expect(url(resid("Script").children[0].attrs.resid)).toBe("functions.js");
  expect(url(resid("Page").children[0].attrs.resid)).toBe("functions.html");
  expect(url(resid("Metadata").children[0].attrs.resid)).toBe("functions.json");
  expect(manifest).toContain('<bt:Override Locale="en-US" Value="https://localhost:3000/functions.en.json"/>');
  expect(resid("Namespace").attrs.resid).toBe("Functions.Namespace");
  expect(manifest).toContain('<bt:String id="Functions.Namespace" DefaultValue="PARSCORE">');
  // No shared runtime: the functions run in their own runtime, the pane in its own.
  expect(manifest).not.toContain("<Runtimes>");
  expect(manifest).not.toContain("SharedRuntime");
});


type Check = {
  checkManifest: (xml: string, options?: Record<string, unknown>) => { errors: string[]; baseUrl?: string; facts: any };
  plannedOutputs: (configFile?: string) => Promise<Set<string>>;
  pngSize: (bytes: Buffer) => { width: number; height: number };
  parseXml: (xml: string) => unknown;
};
type WebpackConfigModule = ((env: Record<string, unknown>, argv: Record<string, unknown>) => Promise<any>) & {
  rewriteManifest: (xml: string, url?: string) => string;
  productionUrl: (env?: Record<string, unknown>) => string | undefined;
  contentSecurityPolicy: (options?: { dev?: boolean }) => string;
};
const check = require(path.join(repo, "scripts", "manifest-check.js")) as Check;
const webpackConfig = require(path.join(repo, "webpack.config.js")) as WebpackConfigModule;

describe("beyond the XSD (scripts/manifest-check.js)", () => {
  let outputs: Set<string>;
  beforeAll(async () => {
    outputs = await check.plannedOutputs(path.join(repo, "webpack.config.js"));
  });

  test("the files a production build emits, computed from webpack.config.js", () => {
    expect([...outputs].sort()).toEqual(
      expect.arrayContaining(["assets/icon-16.png", "assets/icon-32.png", "assets/icon-64.png", "assets/icon-80.png", "commands.html", "manifest.xml", "taskpane.html"]),
    );
  });

  test("the custom functions' files are among them (fixed-name entry, metadata plugins, functions.html)", () => {
    expect([...outputs]).toEqual(expect.arrayContaining(["functions.js", "functions.json", "functions.en.json", "functions.html"]));
  });

  test("manifest.xml: resources, URLs, build outputs, icon sizes, locales all consistent", () => {
    const { errors, baseUrl, facts } = check.checkManifest(manifest, { outputs, filesDir: repo });
    expect(errors).toEqual([]);
    expect(baseUrl).toBe("https://localhost:3000/");
    expect(facts.sourceLocation).toBe("https://localhost:3000/taskpane.html");
    expect(facts.root.type).toBe("TaskPaneApp");
    // Every kind of resource is declared and used.
    const kinds = new Set([...facts.resources.values()].map((r: { kind: string }) => r.kind));
    expect([...kinds].sort()).toEqual(["Images", "LongStrings", "ShortStrings", "Urls"]);
  });

  test("icons in assets/ have the pixel sizes their names say (PNG IHDR)", () => {
    for (const size of [16, 32, 64, 80]) {
      const png = fs.readFileSync(path.join(repo, "assets", `icon-${size}.png`));
      expect(check.pngSize(png)).toEqual({ width: size, height: size });
    }
    expect(() => check.pngSize(Buffer.from("GIF89a........................"))).toThrow("not a PNG");
  });

  const mutations: Array<[string, (xml: string) => string, RegExp]> = [
    ["a resid with no resource", (x) => x.replace('<Label resid="Group.Label"/>', '<Label resid="Group.Lable"/>'), /resid="Group\.Lable" is not declared/],
    ["a resource never used", (x) => x.replace("<bt:Urls>", '<bt:Urls><bt:Url id="Spare.Url" DefaultValue="https://localhost:3000/taskpane.html"/>'), /"Spare\.Url" \(bt:Urls\) is declared but never used/],
    ["a resid of the wrong kind", (x) => x.replace('<Label resid="Group.Label"/>', '<Label resid="TaskpaneButton.Tooltip"/>'), /needs one of bt:ShortStrings/],
    ["a resource id declared twice", (x) => x.replace("</bt:Urls>", '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/></bt:Urls>'), /"Taskpane\.Url" is declared more than once/],
    ["an http URL", (x) => x.replace('<SupportUrl DefaultValue="https://', '<SupportUrl DefaultValue="http://'), /SupportUrl: http:\/\/localhost:3000\/taskpane\.html is not https/],
    ["a URL on another host", (x) => x.replace("https://localhost:3000/assets/icon-16.png", "https://cdn.example.com/icon-16.png"), /is not under https:\/\/localhost:3000\//],
    ["a page the build does not emit", (x) => x.replace("https://localhost:3000/commands.html", "https://localhost:3000/function.html"), /function\.html is not produced by the build/],
    ["an icon of the wrong size", (x) => x.replace('id="Icon.80x80" DefaultValue="https://localhost:3000/assets/icon-80.png"', 'id="Icon.80x80" DefaultValue="https://localhost:3000/assets/icon-64.png"'), /icon assets\/icon-64\.png is 64x64 px, needs 80x80/],
    ["IconUrl not 32 px", (x) => x.replace('<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/>', '<IconUrl DefaultValue="https://localhost:3000/assets/icon-16.png"/>'), /IconUrl: icon assets\/icon-16\.png is 16x16 px, needs 32x32/],
    ["a string without its English override", (x) => x.replace('<bt:Override Locale="en-US" Value="PAR Index"/>', ""), /TaskpaneButton\.Label has no override for en-US/],
    ["an AppDomain with a path", (x) => x.replace("<AppDomain>https://localhost:3000</AppDomain>", "<AppDomain>https://localhost:3000/</AppDomain>"), /AppDomain "https:\/\/localhost:3000\/" is not an https origin/],
    ["a manifest that does not parse", (x) => x.replace("</bt:Images>", ""), /does not parse: line \d+: end tag <\/Resources> does not match <bt:Images>/],
    ["'--' inside a comment", (x) => x.replace("<Hosts>", "<!-- npm run build -- --env url=... --><Hosts>"), /does not parse: .*'--' inside a comment/],
    ["a functions namespace that is not a short string", (x) => x.replace('<Namespace resid="Functions.Namespace"/>', '<Namespace resid="TaskpaneButton.Tooltip"/>'), /Namespace resid="TaskpaneButton\.Tooltip" names a bt:LongString resource; it needs one of bt:ShortStrings/],
    ["English metadata the build does not emit", (x) => x.replace("https://localhost:3000/functions.en.json", "https://localhost:3000/functions-en.json"), /functions-en\.json is not produced by the build/],
  ];
  test.each(mutations)("finds %s", (_name, mutate, message) => {
    const changed = mutate(manifest);
    expect(changed).not.toBe(manifest);
    const { errors } = check.checkManifest(changed, { outputs, filesDir: repo });
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  test("npm run validate fails (exit 1) on a schema-valid manifest with a dangling resid, and says where", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parscore-manifest-"));
    try {
      const bad = path.join(dir, "manifest.xml");
      fs.writeFileSync(bad, manifest.replace('<Title resid="GetStarted.Title"/>', '<Title resid="GetStarted.Titel"/>'));
      const result = validate(bad);
      expect(result.stdout).toContain("is valid (OfficeAppManifestV1_1.xsd)"); // the XSD cannot see it
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/line \d+: .*resid="GetStarted\.Titel" is not declared in Resources/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the production URL (webpack.config.js)", () => {
  const saved = process.env.ADDIN_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = saved;
  });

  test("rewrites every dev URL, AppDomain to the origin, drops the dev comments", () => {
    expect(webpackConfig.rewriteManifest(manifest, undefined)).toBe(manifest);
    const out = webpackConfig.rewriteManifest(manifest, "https://cchc.example.gov.vn/parscore/");
    expect(out).not.toContain("localhost");
    expect(out).not.toContain("<!--");
    expect(out).toContain('<SourceLocation DefaultValue="https://cchc.example.gov.vn/parscore/taskpane.html"/>');
    expect(out).toContain("<AppDomain>https://cchc.example.gov.vn</AppDomain>");
    const { errors, baseUrl } = check.checkManifest(out, { filesDir: repo });
    expect({ errors, baseUrl }).toEqual({ errors: [], baseUrl: "https://cchc.example.gov.vn/parscore/" });
  });

  test("a URL without a trailing slash, with a port, or with '&' in the path", () => {
    expect(webpackConfig.rewriteManifest(manifest, "https://h.example.vn:8443/a&b")).toContain(
      '<SourceLocation DefaultValue="https://h.example.vn:8443/a&amp;b/taskpane.html"/>',
    );
    expect(webpackConfig.rewriteManifest(manifest, "https://h.example.vn:8443/a&b")).toContain("<AppDomain>https://h.example.vn:8443</AppDomain>");
    expect(() => check.parseXml(webpackConfig.rewriteManifest(manifest, "https://h.example.vn/a&b"))).not.toThrow();
  });

  test("refuses a manifest naming localhost in a form it cannot rewrite", () => {
    const odd = manifest.replace("<AppDomain>https://localhost:3000</AppDomain>", "<AppDomain>https://localhost:3001</AppDomain>");
    expect(() => webpackConfig.rewriteManifest(odd, "https://cchc.example.gov.vn/")).toThrow(/localhost:3001/);
  });

  test("--env url wins over ADDIN_URL; ADDIN_URL still works; only https", () => {
    process.env.ADDIN_URL = "https://from-env.example.vn/p";
    expect(webpackConfig.productionUrl({})).toBe("https://from-env.example.vn/p/");
    expect(webpackConfig.productionUrl({ url: "https://cli.example.vn/q/" })).toBe("https://cli.example.vn/q/");
    delete process.env.ADDIN_URL;
    expect(webpackConfig.productionUrl({})).toBeUndefined();
    expect(() => webpackConfig.productionUrl({ url: "http://cli.example.vn/" })).toThrow(/https/);
    expect(() => webpackConfig.productionUrl({ url: "cli.example.vn" })).toThrow(/absolute URL/);
    expect(() => webpackConfig.productionUrl({ url: "https://cli.example.vn/?x=1" })).toThrow(/query/);
    expect(() => webpackConfig.productionUrl({ url: true })).toThrow(/needs a value/);
  });

  test("the config hands the URL to the manifest copy in production only; certificates are never asked for outside `webpack serve`", async () => {
    process.env.ADDIN_URL = "https://from-env.example.vn/p/";
    const urlOf = (config: any) => config.plugins.find((p: any) => p.constructor.name === "CopyAddinFilesPlugin").options.url;
    const prod = await webpackConfig({}, { mode: "production" });
    expect(urlOf(prod)).toBe("https://from-env.example.vn/p/");
    expect(urlOf(await webpackConfig({ url: "https://cli.example.vn/" }, { mode: "production" }))).toBe("https://cli.example.vn/");
    delete process.env.ADDIN_URL;
    const dev = await webpackConfig({}, { mode: "development" });
    expect(urlOf(dev)).toBeUndefined();
    expect(prod.devServer.server).toBe("https"); // not office-addin-dev-certs' options
    expect(prod.devtool).toBe("source-map");
    expect(dev.devtool).toBe("source-map"); // never eval-*: the CSP forbids eval
  });

  test("Content-Security-Policy: own origin and office.js only", () => {
    const directives = Object.fromEntries(
      webpackConfig
        .contentSecurityPolicy()
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values.join(" ")]),
    );
    expect(directives).toEqual({
      "default-src": "'self'",
      "script-src": "'self' https://appsforoffice.microsoft.com",
      "style-src": "'self' 'unsafe-inline'",
      "img-src": "'self' data:",
      "font-src": "'self'",
      "connect-src": "'self'",
      "frame-src": "'none'",
      "object-src": "'none'",
      "base-uri": "'self'",
      "form-action": "'self'",
    });
    expect(webpackConfig.contentSecurityPolicy({ dev: true })).toContain("connect-src 'self' wss://localhost:3000");
  });
});

test("the add-in asks for no more than ReadWriteDocument (nothing of the user's mailbox, no ReadWriteDocument plus)", () => {
  const permissions = [...manifest.matchAll(/<Permissions>([^<]*)<\/Permissions>/g)].map((m) => m[1].trim());
  expect(permissions).toEqual(["ReadWriteDocument"]);
});
