// Generated, deterministic benchmark workloads: ranking tables in the many-units layout
// (one row per unit, one column per criterion), with Vietnamese headers and points as
// decimal-comma text ("0,57"), the way they arrive from a CSV or a text-formatted sheet.
//
//   row 0  KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024   (title)
//   row 1  (blank)
//   row 2  STT | Đơn vị | Tiêu chí 1 .. Tiêu chí N | Tổng điểm
//   row 3  ""  | Điểm tối đa | max per criterion (numbers) | total max (number)
//   row 4+ 1   | Đơn vị 1 | "0,57" ... | "61,25"
//
// The same seed always gives the same grid, so runs on different days compare.
"use strict";

const WORKLOADS = [
  { key: "63", units: 63, criteria: 100, label: "63 provinces x 100 criteria" },
  { key: "700", units: 700, criteria: 120, label: "700 districts x 120 criteria" },
  { key: "10k", units: 10000, criteria: 120, label: "10,000 communes x 120 criteria" },
];

/** mulberry32: a small seeded PRNG (uniform in [0, 1)). */
function prng(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hundredths as decimal-comma text: 57 -> "0,57", 6125 -> "61,25". */
function commaText(cents) {
  const whole = Math.floor(cents / 100);
  const frac = cents % 100;
  return `${whole},${frac < 10 ? "0" : ""}${frac}`;
}

/** Criterion maxima in hundredths: 0,50 .. 2,00 in steps of 0,25. */
const MAX_CHOICES = [50, 75, 100, 125, 150, 200];

/**
 * The grid for `units` x `criteria`. Totals are exact (summed in integer hundredths), so the
 * table is internally consistent; points are spread between 0 and the criterion's maximum.
 */
function buildGrid(units, criteria, seed = 20240 + units * 1000 + criteria) {
  const rand = prng(seed);
  const maxCents = Array.from({ length: criteria }, () => MAX_CHOICES[Math.floor(rand() * MAX_CHOICES.length)]);
  const totalMaxCents = maxCents.reduce((a, b) => a + b, 0);
  const values = [];
  values.push(["KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024"]);
  values.push([]);
  values.push(["STT", "Đơn vị", ...Array.from({ length: criteria }, (_, i) => `Tiêu chí ${i + 1}`), "Tổng điểm"]);
  values.push(["", "Điểm tối đa", ...maxCents.map((c) => c / 100), totalMaxCents / 100]);
  for (let u = 0; u < units; u++) {
    // Each unit has its own level (strong or weak), so totals spread out and ties are rare but do occur.
    const level = 0.45 + 0.5 * rand();
    const row = new Array(criteria + 3);
    row[0] = u + 1;
    row[1] = `Đơn vị ${u + 1}`;
    let total = 0;
    for (let c = 0; c < criteria; c++) {
      const share = Math.min(1, Math.max(0, level + (rand() - 0.5) * 0.6));
      const cents = Math.round(share * maxCents[c]);
      total += cents;
      row[c + 2] = commaText(cents);
    }
    row[criteria + 2] = commaText(total);
    values.push(row);
  }
  return { sheet: "Kết quả 2024", origin: { row: 0, col: 0 }, values, merges: [] };
}

/** Where the data starts in every generated grid. */
const LAYOUT = { headerRow: 2, maxRow: 3, firstUnitRow: 4, firstCriterionCol: 2 };

module.exports = { WORKLOADS, buildGrid, prng, commaText, LAYOUT };
