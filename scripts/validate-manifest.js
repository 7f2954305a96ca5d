#!/usr/bin/env node
/*
 * npm run validate: checks manifest.xml (or the file given as argument), offline:
 *  1. against Microsoft's Office add-in manifest XSD with xmllint (the schemas are
 *     kept in the repository, schemas/manifest-xsd, see its README.txt and
 *     LICENSE-NOTE.txt; override with PARSCORE_MANIFEST_XSD);
 *  2. what the XSD cannot see (scripts/manifest-check.js): resource ids resolve
 *     and are all used, URLs are https and under the add-in's base URL, every URL
 *     names a file the build produces, icons are PNGs of the right pixel size,
 *     every string has its English override.
 *
 *   node scripts/validate-manifest.js [manifest.xml] [--dist DIR] [--base URL]
 *
 * Build outputs: with --dist DIR (or when the manifest sits in a build output
 * folder, e.g. dist/web/manifest.xml) the files in DIR; otherwise the files
 * webpack.config.js plans to emit, computed without building.
 * Base URL: --base, else https://localhost:3000/ when the manifest uses it, else
 * the folder of DefaultSettings/SourceLocation.
 *
 * Microsoft's own (online) validator: npm run validate:online.
 * Exit code: 0 valid, 1 invalid, 2 xmllint or the schema missing.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { checkManifest, plannedOutputs, filesIn } = require("./manifest-check");

const repo = path.resolve(__dirname, "..");
const INSTALL_LINE = "apt-get update && apt-get install -y --no-install-recommends libxml2-utils";

function parseArgs(argv) {
  const args = { manifest: undefined, dist: undefined, base: undefined };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === "--dist" || a === "--base") {
      if (!argv[k + 1]) throw new Error(`${a} needs a value`);
      args[a.slice(2)] = argv[++k];
    } else if (a.startsWith("--dist=") || a.startsWith("--base=")) {
      args[a.slice(2, 6)] = a.slice(7);
    } else if (a.startsWith("-")) {
      throw new Error(`unknown option ${a}`);
    } else if (!args.manifest) {
      args.manifest = a;
    } else {
      throw new Error(`unexpected argument ${a}`);
    }
  }
  return args;
}

/** xmllint against the XSD: 0 valid, 1 invalid, 2 tool or schema missing. */
function checkSchema(manifest) {
  const xsd = process.env.PARSCORE_MANIFEST_XSD
    ? path.resolve(process.env.PARSCORE_MANIFEST_XSD)
    : path.resolve(repo, "schemas", "manifest-xsd", "OfficeAppManifestV1_1.xsd");
  if (!fs.existsSync(xsd)) {
    console.error(`validate-manifest: schema ${xsd} not found (expected schemas/manifest-xsd in the repository, or set PARSCORE_MANIFEST_XSD)`);
    return 2;
  }
  const result = spawnSync("xmllint", ["--noout", "--nonet", "--schema", xsd, manifest], { encoding: "utf8" });
  if (result.error && result.error.code === "ENOENT") {
    console.error("validate-manifest: xmllint not found. Install it (Debian/Ubuntu, as root):");
    console.error(INSTALL_LINE);
    return 2;
  }
  if (result.error) throw result.error;
  const out = `${result.stdout}${result.stderr}`.trim();
  if (result.status !== 0) {
    console.error(out);
    console.error(`validate-manifest: ${rel(manifest)} is NOT valid against ${rel(xsd)}`);
    return 1;
  }
  console.log(out || `${manifest} validates`);
  console.log(`validate-manifest: schema: ${rel(manifest)} is valid (${path.basename(xsd)})`);
  return 0;
}

function rel(file) {
  return path.relative(repo, file) || file;
}

async function main(argv) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    console.error(`validate-manifest: ${e.message}\nusage: node scripts/validate-manifest.js [manifest.xml] [--dist DIR] [--base URL]`);
    return 2;
  }
  const manifest = path.resolve(repo, args.manifest || "manifest.xml");
  if (!fs.existsSync(manifest)) {
    console.error(`validate-manifest: ${manifest} not found`);
    return 1;
  }
  const schema = checkSchema(manifest);
  if (schema !== 0) return schema;

  // A manifest inside a build output (next to taskpane.html) is checked against that folder.
  let dist = args.dist ? path.resolve(repo, args.dist) : undefined;
  if (!dist && path.resolve(manifest) !== path.join(repo, "manifest.xml") && fs.existsSync(path.join(path.dirname(manifest), "taskpane.html"))) {
    dist = path.dirname(manifest);
  }
  let outputs;
  let outputsFrom;
  if (dist) {
    if (!fs.existsSync(dist)) {
      console.error(`validate-manifest: build output ${dist} not found (run npm run build first)`);
      return 1;
    }
    outputs = filesIn(dist);
    outputsFrom = `the files in ${rel(dist)}`;
  } else {
    outputs = await plannedOutputs(path.join(repo, "webpack.config.js"));
    outputsFrom = "the files webpack.config.js emits";
  }
  const { errors, baseUrl } = checkManifest(fs.readFileSync(manifest, "utf8"), {
    baseUrl: args.base,
    outputs,
    filesDir: dist || repo,
  });
  if (errors.length) {
    for (const e of errors) console.error(`  ${e}`);
    console.error(`validate-manifest: ${rel(manifest)}: ${errors.length} problem(s) beyond the schema`);
    return 1;
  }
  console.log(
    `validate-manifest: ${rel(manifest)}: resources, URLs (under ${baseUrl}), build outputs (${outputsFrom}), icon sizes and locales are consistent`,
  );
  console.log(`validate-manifest: ${rel(manifest)} is valid`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(e && e.stack ? e.stack : e);
      process.exitCode = 2;
    },
  );
}

module.exports = { main, checkSchema, INSTALL_LINE };
