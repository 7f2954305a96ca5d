#!/usr/bin/env node
// Builds test/fixtures/real/<id>.xlsx from test/fixtures/real/<id>.json: real published tables, laid out the
// way offices circulate them (title rows, merged headers, numbers as text with a decimal comma where the
// source has one, notes and signature lines under the table). Run it again after changing a description;
// the workbooks are committed so the corpus test needs no build step of its own.
//
//   node scripts/build-real-fixtures.js            every workbook missing or older than its description
//   node scripts/build-real-fixtures.js --all      every workbook
//   node scripts/build-real-fixtures.js <id> ...   only these
// (An unchanged workbook is not rewritten: its zip would differ by its timestamps alone.)
//
// A description's `rows` is the cell grid as published, row by row from A1: a string is written as text
// (exactly as published: "88,75", "4(12)"), a JSON number as a number, null as an empty cell.
// The list in test/fixtures/real/README.md is rewritten from the descriptions each time.
// `merges` are A1 ranges; `boldRows` (0-based) and `italicRows` style whole rows; `tableRows` [from, to]
// (0-based, inclusive) gets thin borders.
"use strict";
const fs = require("fs");
const path = require("path");
const ExcelJS = require("exceljs");

const dir = path.join(__dirname, "..", "test", "fixtures", "real");
const thin = { style: "thin", color: { argb: "FF7F7F7F" } };
const box = { top: thin, left: thin, bottom: thin, right: thin };

function describe(id) {
  const file = path.join(dir, `${id}.json`);
  const description = JSON.parse(fs.readFileSync(file, "utf8"));
  if (description.id !== id) throw new Error(`${file}: id "${description.id}" is not the file name`);
  return description;
}

function widthOf(rows) {
  return rows.reduce((w, r) => Math.max(w, r.length), 0);
}

async function build(description) {
  const workbook = new ExcelJS.Workbook();
  // A fixed date keeps the committed workbook byte-stable across rebuilds.
  workbook.created = workbook.modified = new Date(Date.UTC(2026, 0, 1));
  workbook.creator = "ParScore corpus";
  const ws = workbook.addWorksheet(description.sheet || "Sheet1");
  const width = widthOf(description.rows);
  description.rows.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value === null || value === undefined) return;
      ws.getCell(r + 1, c + 1).value = value;
    });
  });
  for (const r of description.boldRows || []) {
    for (let c = 1; c <= width; c++) ws.getCell(r + 1, c).font = { bold: true };
  }
  for (const r of description.italicRows || []) {
    for (let c = 1; c <= width; c++) ws.getCell(r + 1, c).font = { italic: true };
  }
  if (description.tableRows) {
    const [from, to] = description.tableRows;
    for (let r = from; r <= to; r++) for (let c = 1; c <= width; c++) ws.getCell(r + 1, c).border = box;
  }
  for (const range of description.merges || []) ws.mergeCells(range);
  ws.columns.forEach((column, i) => {
    const longest = description.rows.reduce((m, row) => Math.max(m, String(row[i] ?? "").length), 0);
    column.width = Math.min(48, Math.max(6, longest + 2));
  });
  const out = path.join(dir, `${description.id}.xlsx`);
  await workbook.xlsx.writeFile(out);
  return out;
}

function outdated(id) {
  const workbook = path.join(dir, `${id}.xlsx`);
  return !fs.existsSync(workbook) || fs.statSync(workbook).mtimeMs < fs.statSync(path.join(dir, `${id}.json`)).mtimeMs;
}

const TABLES_HEADING = "## The tables";

/** Rewrites the list in test/fixtures/real/README.md from the descriptions, so it never drifts from them. */
function writeList(descriptions) {
  const readme = path.join(dir, "README.md");
  const text = fs.readFileSync(readme, "utf8");
  const at = text.indexOf(TABLES_HEADING);
  if (at < 0) throw new Error(`${readme}: no "${TABLES_HEADING}" section`);
  const cell = (s) => String(s).replace(/\|/g, "\\|").replace(/\n/g, " ");
  const kinds = {};
  for (const d of descriptions) kinds[d.kind] = (kinds[d.kind] || 0) + 1;
  const lines = [
    TABLES_HEADING,
    "",
    `${descriptions.length} tables: ${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(", ")}. ` +
      `${descriptions.filter((d) => d.partial).length} are partial (see \`partial\` in each description); ` +
      `${descriptions.filter((d) => d.knownFailure).length} carry a \`knownFailure\` mark.`,
    "",
    "| id | kind | source | form | shape it exercises | partial | known failure |",
    "|---|---|---|---|---|---|---|",
    ...descriptions.map((d) =>
      `| ${d.id} | ${d.kind} | [${new URL(d.source).hostname}](${d.source}) | ${d.form ? d.form.split(":")[0] : "table"} | ${cell(d.shape)} | ${d.partial ? "yes" : ""} | ${d.knownFailure ? "yes" : ""} |`,
    ),
    "",
  ];
  fs.writeFileSync(readme, text.slice(0, at) + lines.join("\n"));
}

async function main() {
  const all = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
  const args = process.argv.slice(2);
  const ids = args.includes("--all") ? all : args.length ? args : all.filter(outdated);
  for (const id of ids) {
    const out = await build(describe(id));
    process.stdout.write(`${path.relative(process.cwd(), out)}\n`);
  }
  writeList(all.map(describe));
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exitCode = 1;
});
