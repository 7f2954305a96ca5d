#!/usr/bin/env node
/*
 * npm run validate: checks manifest.xml (or the file given as argument)
 * against Microsoft's Office add-in manifest XSD, offline, with xmllint.
 * The schemas are kept in the repository (schemas/manifest-xsd, see its README.txt
 * and LICENSE-NOTE.txt); override with PARSCORE_MANIFEST_XSD.
 * Exit code: 0 valid, 1 invalid, 2 xmllint or the schema missing.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const repo = path.resolve(__dirname, "..");
const INSTALL_LINE = "apt-get update && apt-get install -y --no-install-recommends libxml2-utils";

function main(argv) {
  const manifest = path.resolve(repo, argv[0] || "manifest.xml");
  const xsd = process.env.PARSCORE_MANIFEST_XSD
    ? path.resolve(process.env.PARSCORE_MANIFEST_XSD)
    : path.resolve(repo, "schemas", "manifest-xsd", "OfficeAppManifestV1_1.xsd");

  if (!fs.existsSync(manifest)) {
    console.error(`validate-manifest: ${manifest} not found`);
    return 1;
  }
  if (!fs.existsSync(xsd)) {
    console.error(`validate-manifest: schema ${xsd} not found (expected schemas/manifest-xsd in the repository, or set PARSCORE_MANIFEST_XSD)`);
    return 2;
  }
  const result = spawnSync("xmllint", ["--noout", "--schema", xsd, manifest], { encoding: "utf8" });
  if (result.error && result.error.code === "ENOENT") {
    console.error("validate-manifest: xmllint not found. Install it (Debian/Ubuntu, as root):");
    console.error(INSTALL_LINE);
    return 2;
  }
  if (result.error) throw result.error;
  const out = `${result.stdout}${result.stderr}`.trim();
  if (result.status !== 0) {
    console.error(out);
    console.error(`validate-manifest: ${path.relative(repo, manifest)} is NOT valid against ${path.relative(repo, xsd)}`);
    return 1;
  }
  console.log(out || `${manifest} validates`);
  console.log(`validate-manifest: ${path.relative(repo, manifest) || manifest} is valid (${path.basename(xsd)})`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { main, INSTALL_LINE };
