// The floor: the least work any correct tool must do on the same Grid. Every number in the
// table (the maxima row, every unit's points and its published total) is parsed exactly once,
// and the points are summed per unit, in plain JS numbers. No recognition, no decimals, no ranks.
// Whatever the pipeline does beyond this is the price of what it does on top (finding the table,
// exact decimal arithmetic, ranks for every node, findings, the report plan).
"use strict";

const { LAYOUT } = require("../workloads");

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * "0,57" -> 0.57, "-1,5" -> -1.5, 3 -> 3. Digits with at most one decimal comma are read as an
 * integer mantissa and divided once by a power of ten, which gives the same double as Number("0.57")
 * (one correctly rounded division of exact integers); anything else goes through Number().
 */
function parsePoints(value) {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return NaN;
  const s = value;
  const n = s.length;
  let i = 0;
  let negative = false;
  if (n > 0 && s.charCodeAt(0) === 45 /* - */) {
    negative = true;
    i = 1;
  }
  let mantissa = 0;
  let decimals = -1;
  let digits = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 44 /* , */ && decimals < 0) {
      decimals = 0;
    } else {
      return Number(s.trim().replace(",", "."));
    }
  }
  if (digits === 0 || digits > 15) return Number(s.trim().replace(",", "."));
  const v = decimals > 0 ? mantissa / POW10[decimals] : mantissa;
  return negative ? -v : v;
}

/**
 * Parses the generated layout once: returns the per-unit sums of points, the published totals
 * (parsed, not used further) and the maxima row.
 */
function floorTotals(grid) {
  const values = grid.values;
  const first = LAYOUT.firstUnitRow;
  const c0 = LAYOUT.firstCriterionCol;
  const maxRow = values[LAYOUT.maxRow];
  const last = maxRow.length - 1; // the "Tổng điểm" column
  const maxima = new Float64Array(last - c0 + 1);
  for (let c = c0; c <= last; c++) maxima[c - c0] = parsePoints(maxRow[c]);
  const units = values.length - first;
  const sums = new Float64Array(units);
  const published = new Float64Array(units);
  for (let u = 0; u < units; u++) {
    const row = values[first + u];
    let sum = 0;
    for (let c = c0; c < last; c++) sum += parsePoints(row[c]);
    sums[u] = sum;
    published[u] = parsePoints(row[last]);
  }
  return { sums, published, maxima };
}

module.exports = { floorTotals, parsePoints };
