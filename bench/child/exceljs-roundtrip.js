#!/usr/bin/env node
// ExcelJS alone, as the baseline for the CLI: read a workbook and write it back, nothing else.
// Usage: node bench/child/exceljs-roundtrip.js in.xlsx out.xlsx
"use strict";
const ExcelJS = require("exceljs");

async function main([input, output]) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(input);
  await workbook.xlsx.writeFile(output);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err.stack || err}\n`);
    process.exit(1);
  },
);
