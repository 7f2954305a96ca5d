#!/usr/bin/env node
// `npm run bench`: times the pipeline's stages on national-size inputs (63 provinces, 88 sub-criteria,
// as in Decision 876/QĐ-BNV). Prints a table of median times; nothing here asserts, tests do that.
"use strict";
const path = require("path");
const Decimal = require("decimal.js");

const dist = path.join(__dirname, "..", "dist");
const { analyse } = require(path.join(dist, "engine", "analyse.js"));
const { recogniseGrid } = require(path.join(dist, "tables", "recognise.js"));
const { buildReportPlan } = require(path.join(dist, "report", "index.js"));
const { applyPlan, saveWorkbook } = require(path.join(dist, "hosts", "xlsx", "write-xlsx.js"));
const ExcelJS = require("exceljs");

const UNITS = 63;
const AREAS = 8;
const CRITERIA_PER_AREA = [5, 5, 5, 4, 5, 4, 5, 4]; // 37
const LEAVES_PER_CRITERION = 88 / 37; // spread 88 leaves over 37 criteria

// Deterministic pseudo-random points so runs compare.
let seed = 12345;
function rand() {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}

function buildTree() {
  const areas = [];
  let leavesLeft = 88;
  let criteriaLeft = 37;
  for (let a = 1; a <= AREAS; a++) {
    const area = { code: String(a), title: `Lĩnh vực ${a}`, max: new Decimal(0), kind: "ordinary", level: 1, children: [] };
    for (let c = 1; c <= CRITERIA_PER_AREA[a - 1]; c++) {
      const leafCount = criteriaLeft === 1 ? leavesLeft : Math.max(1, Math.round(LEAVES_PER_CRITERION));
      leavesLeft -= leafCount;
      criteriaLeft -= 1;
      const criterion = { code: `${a}.${c}`, title: `Tiêu chí ${a}.${c}`, max: new Decimal(0), kind: "ordinary", level: 2, children: [] };
      for (let l = 1; l <= leafCount; l++) {
        const max = new Decimal(l % 2 === 0 ? "1.5" : "1");
        criterion.children.push({ code: `${a}.${c}.${l}`, title: `TCTP ${a}.${c}.${l}`, max, kind: "ordinary", level: 3, children: [] });
        criterion.max = criterion.max.plus(max);
      }
      area.children.push(criterion);
      area.max = area.max.plus(criterion.max);
    }
    areas.push(area);
  }
  return areas;
}

function leaves(nodes) {
  return nodes.flatMap((n) => (n.children.length ? leaves(n.children) : [n]));
}

function buildScorecard() {
  const criteria = buildTree();
  const columns = [];
  for (let u = 1; u <= UNITS; u++) {
    for (const period of ["2023", "2024"]) {
      const points = new Map();
      for (const leaf of leaves(criteria)) {
        const share = Math.floor(rand() * 5) / 4; // 0, .25, .5, .75, 1 of max
        points.set(leaf.code, { value: leaf.max.times(share).toDecimalPlaces(2), location: { sheet: "PAR", cell: "C1" } });
      }
      columns.push({ key: `Tỉnh ${u}|${period}|score`, unit: `Tỉnh ${u}`, period, basis: "score", points, publishedRanks: new Map() });
    }
  }
  return { criteria, columns, findings: [] };
}

function unitsInRowsGrid() {
  const header = ["STT", "Tỉnh, thành phố", ...Array.from({ length: AREAS }, (_, i) => `Lĩnh vực ${i + 1}`), "Tổng điểm", "Xếp hạng"];
  const maxRow = [null, "Điểm tối đa", 9, 10, 14, 12, 14, 12.5, 13, 15.5, 100, null];
  const values = [["KẾT QUẢ CHỈ SỐ CCHC NĂM 2024"], [], header, maxRow];
  for (let u = 1; u <= UNITS; u++) {
    const row = [u, `Tỉnh ${u}`];
    for (let a = 0; a < AREAS; a++) row.push(`${Math.floor(rand() * 800) / 100}`.replace(".", ","));
    values.push(row);
  }
  return { sheet: "PAR 2024", origin: { row: 0, col: 0 }, values, merges: [] };
}

function selfAssessmentGrid() {
  const values = [["BẢNG TỰ ĐÁNH GIÁ"], [], ["STT", "Lĩnh vực/Tiêu chí/TCTP", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định", "Tài liệu kiểm chứng", "Ghi chú"]];
  for (const area of buildTree()) {
    values.push([area.code, area.title, area.max.toString()]);
    for (const criterion of area.children) {
      values.push([criterion.code, criterion.title, criterion.max.toString()]);
      for (const leaf of criterion.children) {
        values.push([leaf.code, leaf.title, leaf.max.toString().replace(".", ","), leaf.max.toString().replace(".", ","), leaf.max.times(0.75).toString().replace(".", ",")]);
      }
    }
  }
  return { sheet: "Tự đánh giá", origin: { row: 0, col: 0 }, values, merges: [] };
}

function time(label, runs, fn) {
  const samples = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    result = fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  rows.push([label, runs, median.toFixed(1), samples[samples.length - 1].toFixed(1)]);
  return result;
}

async function timeAsync(label, runs, fn) {
  const samples = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    result = await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  rows.push([label, runs, samples[Math.floor(samples.length / 2)].toFixed(1), samples[samples.length - 1].toFixed(1)]);
  return result;
}

const rows = [];

async function main() {
  const scorecard = buildScorecard();
  const analysis = time(`engine: analyse ${UNITS} units x 2 years x 88 TCTP`, 10, () => analyse(scorecard));
  const grid = unitsInRowsGrid();
  const recognised = time(`tables: recognise ${UNITS}-unit ranking grid`, 20, () => recogniseGrid(grid));
  const selfGrid = selfAssessmentGrid();
  time(`tables: recognise self-assessment (${selfGrid.values.length} rows)`, 20, () => recogniseGrid(selfGrid));
  const input = { lang: "vi", tables: [{ table: { sheet: "PAR", range: "A1:L70", layout: "units-in-rows" }, analysis }] };
  const plan = time("report: plan gap + ranking sheets (63 units)", 10, () => buildReportPlan(input));
  await timeAsync("xlsx: apply plan and write workbook", 5, async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("PAR");
    applyPlan(wb, plan);
    return saveWorkbook(wb);
  });
  const cells = plan.sheets.reduce((n, s) => n + s.blocks.reduce((m, b) => m + b.rows.reduce((k, r) => k + r.length, 0), 0), 0);

  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`${"stage".padEnd(width)}  runs  median ms  max ms\n`);
  for (const [label, runs, median, max] of rows) {
    process.stdout.write(`${label.padEnd(width)}  ${String(runs).padStart(4)}  ${median.padStart(9)}  ${max.padStart(6)}\n`);
  }
  process.stdout.write(
    `\nplan: ${plan.sheets.length} sheets, ${cells} cells, ${plan.highlights.length} highlight rules; recognised tables: ${recognised.tables.length}\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
