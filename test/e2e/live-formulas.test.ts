/**
 * Scored workbooks stay live without ParScore: LibreOffice recalculates every formula ParScore
 * wrote (totals, points lost, % lost, ranks with ties, rank labels, changes) and must get exactly
 * the engine's results, on the file as written and after a recipient edits source numbers.
 *
 * How: write the report with formulas, let LibreOffice (headless, a profile that recalculates on
 * load) save it again as .xlsx, and read its results. For an edit, change source cells in the
 * written file and recalculate it in LibreOffice; the expectation is the engine run afresh on the
 * user's workbook with the same edits. Cells are matched by what they are (sheet, unit block,
 * section, criterion, column), not by address, because an edit can reorder a fresh report.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { readXlsxGrids } from "../../src/hosts/xlsx/read-xlsx";
import { writeReport } from "../../src/hosts/xlsx/write-xlsx";
import { analyseGrids } from "../../src/pipeline/run";
import { buildReportPlan, type PlanCell, type SheetPlan } from "../../src/report";
import { a1, parseA1 } from "../../src/tables/grid";
import { convert, sofficePath } from "../helpers/libreoffice";
import { MANY_SHEET, SELF_SHEET, sourceWorkbook, TTH_SHEET } from "../report/fixtures";
import { generatedUnitsWorkbook, twoYearsWorkbook } from "./live-workbooks";
import { PCI_SHEET, ruleWorkbook, SERIES_SHEET, SERIES_UNITS, seriesWorkbook, SIPAS_SHEET, WEIGHT_COLUMN_SHEET, WEIGHTED_SHEET, weightColumnWorkbook, weightedWorkbook } from "./rule-workbooks";

jest.setTimeout(240_000);

type Edit = { sheet: string; cell: string; value: string | number };

interface Expected {
  /** Sheet index in the plan, and a key naming the cell by content. */
  key: string;
  address: string;
  sheetIndex: number;
  cached: string | number | null;
  formula: string;
}

/** Every formula cell of a plan, keyed by what it is. */
function formulaCells(plan: SheetPlan): Expected[] {
  const out: Expected[] = [];
  plan.sheets.forEach((sheet, sheetIndex) => {
    for (const block of sheet.blocks) {
      const origin = parseA1(block.at);
      let unitHeading = "";
      let section = "";
      block.rows.forEach((row, r) => {
        const first = row.find((c) => c?.value);
        if (first?.style === "unit") unitHeading = textOf(first);
        if (first?.style === "section") section = textOf(first);
        const a = row[0]?.value?.kind === "text" ? textOf(row[0]) : "";
        const b = row[1] ? textOf(row[1]) : "";
        row.forEach((cell, c) => {
          const v = cell?.value;
          if (v?.kind !== "formula") return;
          const cached = v.cached === null ? null : v.cached.kind === "number" ? Number(v.cached.value) : v.cached.text;
          // The text nearest to the left names what a cell is about (the chart data beside the overview names its own unit).
          let label = "";
          for (let k = c - 1; k >= 0 && !label; k--) if (row[k]?.value?.kind === "text") label = textOf(row[k]);
          out.push({ key: `${sheetIndex}|${unitHeading}|${section}|${a}|${b}|${label}|${c}`, address: a1(origin.row + r, origin.col + c), sheetIndex, cached, formula: v.formula });
        });
      });
    }
  });
  return out;
}

function textOf(cell: PlanCell | null | undefined): string {
  const v = cell?.value;
  if (!v) return "";
  if (v.kind === "text" || v.kind === "link") return v.text;
  if (v.kind === "number") return v.value;
  return v.cached?.kind === "text" ? v.cached.text : (v.cached?.value ?? "");
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function applyEdits(wb: ExcelJS.Workbook, edits: Edit[]): void {
  for (const e of edits) {
    const ws = wb.getWorksheet(e.sheet);
    if (!ws) throw new Error(`no sheet ${e.sheet}`);
    ws.getCell(e.cell).value = e.value;
  }
}

async function analysedPlan(bytes: Buffer): Promise<SheetPlan> {
  const result = analyseGrids(await readXlsxGrids(bytes));
  return buildReportPlan({ lang: "vi", tables: result.tables, formulas: true });
}

/** The workbook as LibreOffice recalculates and saves it. */
async function recalculated(file: string, dir: string): Promise<ExcelJS.Workbook> {
  const outDir = path.join(dir, `lo-${path.basename(file, ".xlsx")}`);
  const [saved] = (await convert(file, "xlsx", outDir)).filter((f) => f.endsWith(".xlsx"));
  if (!saved) throw new Error("LibreOffice wrote no .xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  return wb;
}

function resultOf(cell: ExcelJS.Cell): string | number | null {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === "object" && v !== null && "formula" in v) {
    // ExcelJS leaves out a result of 0 (LibreOffice writes <v>0</v>).
    const r = (v as { result?: unknown }).result ?? 0;
    if (r && typeof r === "object" && "error" in r) return `#ERR ${(r as { error: string }).error}`;
    return r === undefined || r === "" ? null : (r as string | number);
  }
  if (typeof v === "object" && v !== null && "error" in v) return `#ERR ${(v as { error: string }).error}`;
  return v as string | number;
}

/** Compares LibreOffice's result of every formula with the engine's value for the same cell. */
function compare(expected: Expected[], sheetNames: string[], wb: ExcelJS.Workbook, at: (key: string) => string | undefined): { checked: number; diffs: string[] } {
  const diffs: string[] = [];
  let checked = 0;
  for (const e of expected) {
    const address = at(e.key);
    if (!address) continue;
    const ws = wb.getWorksheet(sheetNames[e.sheetIndex]);
    const got = ws ? resultOf(ws.getCell(address)) : "(no sheet)";
    checked++;
    const same = typeof e.cached === "number" && typeof got === "number" ? Math.abs(e.cached - got) < 1e-12 : (e.cached ?? "") === (got ?? "");
    if (!same) diffs.push(`${sheetNames[e.sheetIndex]}!${address} [${e.key}]: engine ${JSON.stringify(e.cached)}, LibreOffice ${JSON.stringify(got)}`);
  }
  return { checked, diffs };
}

async function proveLive(userWorkbook: () => ExcelJS.Workbook, edits: Edit[], minFormulas: number, functions: string[] = ["ROUND(", "RANK.EQ("]): Promise<void> {
  if (!sofficePath()) throw new Error("LibreOffice (soffice) is not on PATH");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-live-"));
  try {
    const original = await bytesOf(userWorkbook());
    const plan = await analysedPlan(original);
    const cells = formulaCells(plan);
    expect(cells.length).toBeGreaterThanOrEqual(minFormulas);
    for (const name of functions) expect(cells.some((c) => c.formula.includes(name))).toBe(true);
    const written = path.join(dir, "scored.xlsx");
    const { result } = await writeReport(original, plan, written);
    const addressOf = new Map(cells.map((c) => [c.key, c.address]));

    // 1. As written: LibreOffice's own results equal the engine's.
    const asWritten = compare(cells, result.sheets, await recalculated(written, dir), (k) => addressOf.get(k));
    expect(asWritten.diffs).toEqual([]);
    expect(asWritten.checked).toBe(cells.length);

    // 2. After a recipient's edit in the scored workbook: LibreOffice's results equal a fresh engine run.
    const scored = new ExcelJS.Workbook();
    await scored.xlsx.readFile(written);
    applyEdits(scored, edits);
    const editedFile = path.join(dir, "edited.xlsx");
    await fs.writeFile(editedFile, await bytesOf(scored));
    const source = userWorkbook();
    applyEdits(source, edits);
    const fresh = formulaCells(await analysedPlan(await bytesOf(source)));
    const afterEdit = compare(fresh, result.sheets, await recalculated(editedFile, dir), (k) => addressOf.get(k));
    expect(afterEdit.diffs).toEqual([]);
    expect(afterEdit.checked).toBeGreaterThan(cells.length * 0.8);
    // The edit changed results: the proof is not comparing two copies of the cached values.
    const before = new Map(cells.map((c) => [c.key, c.cached]));
    expect(fresh.filter((c) => before.has(c.key) && before.get(c.key) !== c.cached).length).toBeGreaterThan(0);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

test("seed 001 and the fixture tables: LibreOffice recalculates ParScore's formulas to the engine's results, before and after edits", async () => {
  await proveLive(
    sourceWorkbook,
    [
      // Seed 001 keeps points as text with a decimal comma; a recipient types a number over one, and text over another.
      { sheet: TTH_SHEET, cell: "E3", value: 7.25 },
      { sheet: TTH_SHEET, cell: "E6", value: "9,05" },
      // A self-assessment leaf corrected at appraisal.
      { sheet: SELF_SHEET, cell: "E16", value: "1,1" },
      // Units in rows: Quảng Ninh's doubles add up to 86.60000000000001, Hải Phòng's to 86.6; they must tie.
      { sheet: MANY_SHEET, cell: "C3", value: 7.12 },
      { sheet: MANY_SHEET, cell: "D3", value: 11.05 },
      { sheet: MANY_SHEET, cell: "E3", value: 68.43 },
      { sheet: MANY_SHEET, cell: "C7", value: 10 },
      { sheet: MANY_SHEET, cell: "D7", value: 20 },
      { sheet: MANY_SHEET, cell: "E7", value: 56.6 },
    ],
    40,
  );
});

test("63 districts with sub-criteria, text numbers, N/A and ties: LibreOffice agrees with the engine, before and after edits", async () => {
  const { workbook, edits } = generatedUnitsWorkbook(63, 7);
  await proveLive(workbook, edits, 63 * 4, ["SUMPRODUCT(", "MIN(", "MAX(", "RANK.EQ("]);
});

test("63 departments over two years: changes in points and places, and their phrases, agree with the engine", async () => {
  const { workbook, edits } = twoYearsWorkbook(63, 11);
  // INDEX(: the ranking reads each unit's row (both years) through its source-row number.
  await proveLive(workbook, edits, 63 * 5, ["ROUND(", "RANK.EQ(", '"tăng "', "INDEX("]);
});

test("320 districts: the histograms' band counts (COUNTIFS over the live totals) agree with the engine too", async () => {
  const { workbook, edits } = generatedUnitsWorkbook(320, 3);
  await proveLive(workbook, edits, 320 * 8, ["ROUND(", "RANK.EQ(", "COUNTIFS("]);
});

test("PCI (weighted mean of 10 sub-indices ×10) and SIPAS (mean of 5 percentages): the rules' formulas recalculate to the engine's results", async () => {
  await proveLive(
    ruleWorkbook,
    [
      // Long An's Tính minh bạch 6,70 -> 7,70 (weight 20%, ×10: +2), its composite republished 77,09.
      { sheet: PCI_SHEET, cell: "E8", value: 7.7 },
      { sheet: PCI_SHEET, cell: "M8", value: 77.09 },
      // Sở Tư pháp's first percentage 83 -> 93: the mean +2, republished 88,72.
      { sheet: SIPAS_SHEET, cell: "C4", value: 93 },
      { sheet: SIPAS_SHEET, cell: "H4", value: 88.72 },
    ],
    20,
    ["SUMPRODUCT({0.05,0.05,0.2,0.05,0.1,0.05,0.05,0.2,0.2,0.05}", "*100/10", "/5", "RANK.EQ("],
  );
});

test("PCI with a 'Trọng số' row and maxima: the formulas read the weight cells, so changing a weight recalculates totals, lost points and percent as the engine does", async () => {
  const weights = `NUMBERVALUE(SUBSTITUTE("0"&'${WEIGHTED_SHEET}'!$C$5:$L$5,",","."),"."," ")`;
  await proveLive(
    weightedWorkbook,
    [
      // Gia nhập thị trường and Tính minh bạch swap weights (5% and 20%): every composite moves, by 0,18 to 0,87
      // (Quảng Ninh 67,73 -> 68,60, worked out in the fixture's terms), beyond what the published totals keep.
      { sheet: WEIGHTED_SHEET, cell: "C5", value: 0.2 },
      { sheet: WEIGHTED_SHEET, cell: "E5", value: 0.05 },
    ],
    12,
    [`SUMPRODUCT(${weights},NUMBERVALUE(`, `*100/SUMPRODUCT(${weights},{10,10,10,10,10,10,10,10,10,10})`, "RANK.EQ("],
  );
});

test("one unit's criteria with a 'Trọng số' column: the total reads the weight cells down the column, and a changed weight recalculates", async () => {
  const weights = `NUMBERVALUE(SUBSTITUTE("0"&'${WEIGHT_COLUMN_SHEET}'!$D$4:$D$7,",","."),"."," ")`;
  await proveLive(
    weightColumnWorkbook,
    [
      // The first and last weights swap (0,1 and 0,4): 0,4 × 8 + 0,2 × 9 + 0,3 × 6 + 0,1 × 7 = 7,5, so 75 of 100.
      { sheet: WEIGHT_COLUMN_SHEET, cell: "D4", value: 0.4 },
      { sheet: WEIGHT_COLUMN_SHEET, cell: "D7", value: 0.1 },
    ],
    4,
    [`SUMPRODUCT(${weights},NUMBERVALUE(SUBSTITUTE("0"&'${WEIGHT_COLUMN_SHEET}'!$E$4:$E$7`, `*100/SUMPRODUCT(${weights},{10;10;10;10})`],
  );
});

test("a series over four months: the trend's changes since the first and the previous period, and the totals per period, recalculate", async () => {
  // Every unit's two changes and its four totals in the chart data are formulas.
  const cells = formulaCells(await analysedPlan(await bytesOf(seriesWorkbook())));
  expect(cells.filter((c) => c.key.includes("|Diễn biến theo kỳ|")).length).toBe(2 * SERIES_UNITS.length);
  expect(cells.filter((c) => c.key.includes("|Tổng điểm theo kỳ (dữ liệu biểu đồ)|")).length).toBe(4 * SERIES_UNITS.length);
  await proveLive(
    seriesWorkbook,
    [
      // Lai Châu (66 + m): January 67 -> 50 and April 70 -> 71, so +21 since the first period and +2 since March.
      // The order of April stays (the chart's columns follow it), and March too (its ranks are values on the ranking).
      { sheet: SERIES_SHEET, cell: "C5", value: 50 },
      { sheet: SERIES_SHEET, cell: "F5", value: 71 },
    ],
    6 * 4,
  );
});
