// What users would use instead: the totals and total ranks as spreadsheet formulas, computed by
// HyperFormula (a headless spreadsheet engine, https://hyperformula.handsontable.com).
//
// Licence: HyperFormula is GPL-3.0-only or commercial. It is a devDependency used by this
// benchmark only (licenseKey "gpl-v3"); nothing in ParScore's CLI or add-in loads it.
//
// The sheet: one row per unit, the points as numbers (the decimal-comma texts are converted
// before timing starts: HyperFormula, like Excel, sums numbers, not text), then
//   =SUM(A1:DP1)                        the unit's total
//   =RANK.EQ(DQ1,$DQ$1:$DQ$10000)       its rank among all totals (descending, ties share the rank)
// Timed: HyperFormula.buildFromArray (parses every formula and computes every cell) plus reading
// back all computed values.
//
// HyperFormula 3.5 has no RANK.EQ (nor RANK). Two stand-ins, both the same definition as Excel's:
// - "plugin" (default): RANK.EQ registered through HyperFormula's documented custom-function API,
//   counting the totals above the value in one pass over the range, as a spreadsheet does, and
//   comparing them as HyperFormula compares numbers (equal within its precisionEpsilon);
// - "countif": the formula-only equivalent =COUNTIF($DQ$1:$DQ$10000,">"&DQ1)+1, which is what a
//   user of a RANK-less engine writes. It is far slower at scale (one run at 10,000 units took
//   about 230 s while the benchmark was written), so the benchmark times it only on the smaller workloads.
"use strict";

const { HyperFormula, FunctionPlugin, FunctionArgumentType } = require("hyperformula");
const { LAYOUT } = require("../workloads");
const { parsePoints } = require("./floor");
const { columnLetters: letters } = require("../../dist/tables/grid");

const LICENSE_KEY = "gpl-v3";

class RankEqPlugin extends FunctionPlugin {
  rankEq(ast, state) {
    return this.runFunction(ast.args, state, this.metadata("RANK.EQ"), (value, range, order) => {
      // Compared the way HyperFormula compares numbers (floatCmp: equal within precisionEpsilon),
      // as its COUNTIF does.
      const helper = this.arithmeticHelper;
      const sign = order ? -1 : 1;
      let before = 0;
      for (const v of range.valuesFromTopLeftCorner()) {
        if (typeof v !== "number") continue;
        if (sign * helper.floatCmp(v, value) > 0) before++;
      }
      return before + 1;
    });
  }
}
RankEqPlugin.implementedFunctions = {
  "RANK.EQ": {
    method: "rankEq",
    parameters: [
      { argumentType: FunctionArgumentType.NUMBER },
      { argumentType: FunctionArgumentType.RANGE },
      { argumentType: FunctionArgumentType.NUMBER, defaultValue: 0 },
    ],
  },
};

let registered = false;
function registerRankEq() {
  if (registered) return;
  HyperFormula.registerFunctionPlugin(RankEqPlugin, { enGB: { "RANK.EQ": "RANK.EQ" }, enUS: { "RANK.EQ": "RANK.EQ" } });
  registered = true;
}


/**
 * The HyperFormula sheet for a generated grid (untimed): rows of numbers, then the SUM and
 * rank formulas. Returns a fresh array each call (buildFromArray keeps what it is given).
 */
function sheetFor(grid, rank = "plugin") {
  const values = grid.values;
  const first = LAYOUT.firstUnitRow;
  const c0 = LAYOUT.firstCriterionCol;
  const criteria = values[LAYOUT.headerRow].length - c0 - 1;
  const units = values.length - first;
  const sumCol = letters(criteria);
  const lastPointCol = letters(criteria - 1);
  const totals = `$${sumCol}$1:$${sumCol}$${units}`;
  const data = new Array(units);
  for (let u = 0; u < units; u++) {
    const src = values[first + u];
    const row = new Array(criteria + 2);
    for (let c = 0; c < criteria; c++) row[c] = parsePoints(src[c0 + c]);
    const r = u + 1;
    row[criteria] = `=SUM(A${r}:${lastPointCol}${r})`;
    row[criteria + 1] = rank === "countif" ? `=COUNTIF(${totals},">"&${sumCol}${r})+1` : `=RANK.EQ(${sumCol}${r},${totals})`;
    data[u] = row;
  }
  return { data, criteria, units };
}

/** The timed part: build (parse + compute everything) and read the totals and ranks back. */
function compute(sheet) {
  registerRankEq();
  const hf = HyperFormula.buildFromArray(sheet.data, { licenseKey: LICENSE_KEY });
  const out = hf.getSheetValues(0);
  const totals = new Float64Array(sheet.units);
  const ranks = new Int32Array(sheet.units);
  for (let u = 0; u < sheet.units; u++) {
    totals[u] = out[u][sheet.criteria];
    ranks[u] = out[u][sheet.criteria + 1];
  }
  hf.destroy();
  return { totals, ranks };
}

module.exports = { sheetFor, compute, LICENSE_KEY, version: HyperFormula.version };
