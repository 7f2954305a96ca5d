#!/usr/bin/env node
/*
 * Checks the Debian tools the tests use, before `npm test` runs anything:
 *   chromium  - task pane e2e test (playwright-core drives /usr/bin/chromium)
 *   soffice   - LibreOffice opens the .xlsx files ParScore writes
 *   pdftoppm  - renders LibreOffice's PDF output to images
 *   xmllint   - validates manifest.xml against the Office XSD
 *   DejaVu    - fonts with Vietnamese glyphs for headless rendering
 *
 * When something is missing, it installs them with apt-get when running as root with apt-get
 * (a fresh machine set up with the README's two commands); PARSCORE_AUTO_INSTALL=0 turns that off.
 * Otherwise it fails at once and prints the one line to run as root.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const PACKAGES = ["chromium", "libreoffice-calc-nogui", "libreoffice-writer-nogui", "poppler-utils", "libxml2-utils", "fonts-dejavu-core"];
const INSTALL_LINE = `apt-get update && apt-get install -y --no-install-recommends ${PACKAGES.join(" ")}`;

/** What must exist: commands on PATH, and files. */
const REQUIREMENTS = [
  { what: "chromium", command: "chromium", pkg: "chromium" },
  { what: "soffice (LibreOffice)", command: "soffice", pkg: "libreoffice-calc-nogui" },
  // Writer converts the .docx reports to PDF in the tests (Calc alone cannot load a .docx).
  { what: "LibreOffice Writer", file: "/usr/lib/libreoffice/program/libswlo.so", pkg: "libreoffice-writer-nogui" },
  { what: "pdftoppm", command: "pdftoppm", pkg: "poppler-utils" },
  { what: "xmllint", command: "xmllint", pkg: "libxml2-utils" },
  { what: "DejaVu Sans font", file: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", pkg: "fonts-dejavu-core" },
];

function onPath(command) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    if (!dir) continue;
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

function missing() {
  return REQUIREMENTS.filter((r) => (r.command ? !onPath(r.command) : !fs.existsSync(r.file)));
}

function autoInstallAllowed() {
  const flag = process.env.PARSCORE_AUTO_INSTALL;
  if (flag === "0" || flag === "false") return false;
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  return root && onPath("apt-get");
}

function main() {
  const absent = missing();
  if (absent.length === 0) {
    console.log("ensure-system-deps: chromium, soffice, pdftoppm, xmllint and DejaVu fonts are present");
    return 0;
  }
  console.error(`ensure-system-deps: missing ${absent.map((r) => `${r.what} (${r.pkg})`).join(", ")}`);
  if (!autoInstallAllowed()) {
    console.error("Run as root (npm test does it by itself when run as root):");
    console.error(INSTALL_LINE);
    return 1;
  }
  console.error(`ensure-system-deps: installing: ${INSTALL_LINE}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const result = spawnSync("sh", ["-c", INSTALL_LINE], { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`ensure-system-deps: apt-get failed (exit ${result.status}); run it yourself:`);
    console.error(INSTALL_LINE);
    return 1;
  }
  const still = missing();
  if (still.length > 0) {
    console.error(`ensure-system-deps: still missing after install: ${still.map((r) => r.what).join(", ")}`);
    return 1;
  }
  console.log("ensure-system-deps: installed");
  return 0;
}

if (require.main === module) process.exitCode = main();

module.exports = { INSTALL_LINE, PACKAGES, REQUIREMENTS, missing };
