/**
 * manifest.xml: valid against Microsoft's Office add-in XSD (through
 * `npm run validate`'s script, so xmllint is required, never skipped), and
 * the facts the add-in depends on.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";

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
  const overrides = manifest.match(/<bt:Override Locale="en-US"/g) ?? [];
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

test("ADDIN_URL rewrites every dev URL (the build's manifest transform)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rewriteManifest } = require(path.join(repo, "webpack.config.js")) as {
    rewriteManifest: (xml: string, url?: string) => string;
  };
  expect(rewriteManifest(manifest, undefined)).toBe(manifest);
  const out = rewriteManifest(manifest, "https://cchc.example.gov.vn/parscore/");
  expect(out).not.toContain("localhost");
  expect(out).toContain('<SourceLocation DefaultValue="https://cchc.example.gov.vn/parscore/taskpane.html"/>');
  expect(out).toContain("<AppDomain>https://cchc.example.gov.vn</AppDomain>");
});
