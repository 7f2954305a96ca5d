#!/usr/bin/env node
// `npm run demo`: scores the bundled example workbook and says where the result is.
"use strict";
const path = require("path");
const fs = require("fs");

const root = path.join(__dirname, "..");
const input = path.join(root, "examples", "parscore-demo.xlsx");
const outDir = path.join(root, "out");
const output = path.join(outDir, "parscore-demo-scored.xlsx");
const json = path.join(outDir, "parscore-demo.json");
const lang = process.argv.includes("--en") ? "en" : "vi";

let main;
try {
  ({ main } = require(path.join(root, "dist", "cli", "main.js")));
} catch {
  process.stderr.write("The command line is not built yet: run `npm ci` (or `npm run build`) first.\n");
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });
main(["analyze", input, "-o", output, "--json", json, "--lang", lang]).then((code) => {
  if (code === 0) {
    process.stdout.write(
      lang === "vi"
        ? `\nKết quả: ${path.relative(process.cwd(), output)} (mở bằng Excel hoặc LibreOffice), JSON: ${path.relative(process.cwd(), json)}\n`
        : `\nResult: ${path.relative(process.cwd(), output)} (open it in Excel or LibreOffice), JSON: ${path.relative(process.cwd(), json)}\n`,
    );
  }
  process.exit(code);
});
