/**
 * The task pane's production bundle, built once per source state and shared by the e2e suites that
 * serve it (each used to run its own two-minute webpack build). The folder is keyed by a hash of
 * everything the bundle is built from, so an edit to the pane always gets a fresh build; the build
 * goes to a scratch folder renamed into place, so a suite never serves a half-written bundle.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const repo = path.resolve(__dirname, "..", "..");
const INPUTS = ["src", "assets", "manifest.xml", "webpack.config.js", "tsconfig.json", "package-lock.json"];

function hashInputs(): string {
  const hash = createHash("sha256");
  const visit = (p: string): void => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) visit(path.join(p, name));
    } else {
      hash.update(path.relative(repo, p));
      hash.update(fs.readFileSync(p));
    }
  };
  for (const input of INPUTS) if (fs.existsSync(path.join(repo, input))) visit(path.join(repo, input));
  return hash.digest("hex").slice(0, 16);
}

/** The folder holding the production build of the pane (webpack --mode production, no ADDIN_URL). */
export function productionPaneBuild(): string {
  const dir = path.join(os.tmpdir(), `parscore-pane-build-${hashInputs()}`);
  if (fs.existsSync(path.join(dir, "taskpane.html"))) return dir;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "parscore-pane-scratch-"));
  const webpackCli = require.resolve("webpack-cli/bin/cli.js", { paths: [repo] });
  const env = { ...process.env };
  delete env.ADDIN_URL;
  const build = spawnSync(process.execPath, [webpackCli, "--mode", "production", "--output-path", scratch], { cwd: repo, env, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`webpack failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`);
  try {
    fs.renameSync(scratch, dir);
  } catch {
    // Another suite finished the same build first: use theirs.
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return dir;
}
