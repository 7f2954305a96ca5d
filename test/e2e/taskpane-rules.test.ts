/**
 * The production pane on tables whose total is not a sum (issue 22), clicked through as a user would in
 * headless Chromium with the fake Excel (one browser, a page per table): a PCI table whose composite is
 * found to be the weighted mean of 10 sub-indices ×10, the same with its "Trọng số" row, a SIPAS table of
 * averaged percentages, and the Bộ chỉ số 766 table of 34 provinces over 12 months. The totals, ranks
 * (with ties) and lost points the pane shows, and those it writes into its sheets, must be the answers
 * worked by hand for the JSON and LibreOffice tests (rule-workbooks.ts, series-766-workbook.ts), and the
 * user's cells must be as they were. And a criteria sheet made by hand, chosen with "Dùng trang này làm bộ
 * tiêu chí", gives a table without maxima its maxima, shown before writing and in what is written.
 */
import type ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { parseA1 } from "../../src/tables/grid";
import { PaneHarness, ownedSheets, pickUnit, snapshot, waitForTestId, type SheetSnap } from "../helpers/pane-e2e";
import {
  PCI_LOST,
  PCI_RANK_ORDER,
  PCI_ROWS,
  PCI_SHEET,
  ruleWorkbook,
  SIPAS_RANK_LABELS,
  SIPAS_ROWS,
  SIPAS_SHEET,
  WEIGHTED_SHEET,
  weightedWorkbook,
} from "./rule-workbooks";
import { PROVINCES, SERIES_ANSWERS as A, SERIES_SHEET, seriesRows, seriesTotal } from "./series-766-workbook";
import { ownCriteriaGrid, scoresGrid } from "../taskpane/own-criteria-grids";

const harness = new PaneHarness();

beforeAll(async () => {
  await harness.start();
}, 300_000);

afterAll(async () => {
  await harness.stop();
});

type Cell = string | number | null;

/** A worksheet's cells as the fake Excel takes them: rows from A1, blanks null. */
function cellsOf(ws: ExcelJS.Worksheet): Cell[][] {
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    rows[r - 1] = (row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? null : (v as string | number)));
  });
  const width = Math.max(...rows.map((r) => r?.length ?? 0));
  return Array.from(rows, (r) => Array.from({ length: width }, (_, c) => r?.[c] ?? null));
}

/** A written sheet's values as rows (text as written, numbers as numbers). */
function rowsOf(sheet: SheetSnap): Cell[][] {
  const rows: Cell[][] = [];
  for (const [address, cell] of Object.entries(sheet.cells)) {
    const { row, col } = parseA1(address);
    (rows[row] ??= [])[col] = typeof cell.value === "boolean" ? String(cell.value) : cell.value;
  }
  return Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? null));
}

/**
 * The rows of a written table under the header row `isHeader` picks (and `subHeaders` rows more: the
 * ranking sheet's "Điểm | Hạng"), keyed by unit name in column B, each cell by its column's header.
 */
function tableUnder(rows: Cell[][], isHeader: (row: Cell[]) => boolean, subHeaders = 0): Map<string, Map<string, Cell>> {
  const at = rows.findIndex((r) => r && isHeader(r));
  expect(at).toBeGreaterThanOrEqual(0);
  const header = rows[at];
  const out = new Map<string, Map<string, Cell>>();
  for (let r = at + 1 + subHeaders; r < rows.length && rows[r]?.[1]; r++) {
    const byHeader = new Map<string, Cell>();
    // The last of two same-named columns wins: the ranking sheet's rank is its last "Xếp hạng".
    header.forEach((h, c) => h !== null && byHeader.set(String(h), rows[r][c] ?? null));
    out.set(String(rows[r][1]), byHeader);
  }
  return out;
}

const decimal = (text: string) => Number(text.replace(",", "."));

interface RankRow {
  label: string;
  name: string;
  total: string;
}

/** Every row of the pane's ranking list, after "show more" until all `n` are shown. */
async function rankRows(page: Page, n: number): Promise<RankRow[]> {
  const rows = page.getByTestId("rank-row");
  for (let i = 0; i < 10 && (await rows.count()) < n; i++) await page.getByTestId("more-ranks").click();
  expect(await rows.count()).toBe(n);
  return rows.evaluateAll((els) =>
    els.map((e) => {
      const [label, name, total] = Array.from(e.querySelectorAll("span"), (s) => s.textContent ?? "");
      return { label, name, total };
    }),
  );
}

/** The unit's figures the pane shows once it is picked in the unit list. */
async function unitShown(page: Page, name: string): Promise<{ total: string; rank: string; lost: string | null }> {
  await pickUnit(page, "unit-select", name);
  const lost = page.getByTestId("unit-lost");
  return {
    total: (await page.getByTestId("unit-total").getAttribute("data-total")) ?? "",
    rank: await page.getByTestId("unit-rank").innerText(),
    lost: (await lost.count()) > 0 ? await lost.innerText() : null,
  };
}

/**
 * Opens the pane on `sheets` with `active` shown, analyses it, writes values (not live formulas: the fake
 * Excel does not calculate, and LibreOffice proves the formulas elsewhere) with the ranking sheet, and
 * returns the page, what the recognised step said and the sheets written.
 */
async function analyseAndWrite(sheets: { name: string; cells: Cell[][] }[], active: string) {
  const { page, errors } = await harness.openInFakeExcel({ sheets, active });
  const before = await snapshot(page);
  await page.getByTestId("analyze").click();
  await waitForTestId(page, "recognised", 60_000);
  const findings = await page.getByTestId("finding").allInnerTexts();
  const units = Number(await page.getByTestId("units-count").innerText());
  const max = (await page.getByTestId("table-max").count()) > 0 ? await page.getByTestId("table-max").innerText() : null;
  await page.getByTestId("output-formulas").uncheck();
  expect(await page.getByTestId("output-ranking").isChecked()).toBe(true);
  await page.getByTestId("write").click();
  await waitForTestId(page, "summary", 60_000);
  expect(await page.getByTestId("error").count()).toBe(0);
  const after = await snapshot(page);
  // The user's cells are as they were, on every sheet of theirs.
  for (const sheet of before.sheets) {
    const now = after.sheets.find((s) => s.name === sheet.name)!;
    expect(Object.fromEntries(Object.entries(now.cells).map(([a, c]) => [a, c.value]))).toEqual(Object.fromEntries(Object.entries(sheet.cells).map(([a, c]) => [a, c.value])));
  }
  const owned = ownedSheets(after);
  const gap = owned.find((s) => s.name.startsWith("Phân tích"));
  const ranking = owned.find((s) => s.name.startsWith("Xếp hạng"));
  expect(gap).toBeDefined();
  expect(ranking).toBeDefined();
  return { page, errors, findings, units, max, gap: rowsOf(gap!), ranking: rowsOf(ranking!) };
}

/** The gap sheet's overview: Hạng | Đơn vị | Điểm tối đa | Điểm đạt | Bị trừ | … */
const overviewHeader = (r: Cell[]) => r[0] === "Hạng" && r[1] === "Đơn vị" && r.includes("Điểm đạt");
/** The ranking sheet's table: Xếp hạng | Đơn vị | parts … | Tổng cộng | … | Xếp hạng */
const rankingHeader = (r: Cell[]) => r[0] === "Xếp hạng" && r[1] === "Đơn vị" && r.includes("Tổng cộng");

describe.each([
  ["the composite inferred as the weighted mean ×10 of 10 sub-indices", PCI_SHEET, () => ruleWorkbook(), PCI_ROWS],
  ["the weights read from its 'Trọng số' row and maxima from its 'Điểm tối đa' row", WEIGHTED_SHEET, () => weightedWorkbook(), PCI_ROWS.slice(0, 4)],
] as const)("PCI in the pane: %s", (_what, sheet, book, rows) => {
  test("totals, ranks and lost points shown and written are the hand-worked ones; the user's cells unchanged", async () => {
    const wb = book();
    const sheets = wb.worksheets.map((ws) => ({ name: ws.name, cells: cellsOf(ws) }));
    const { page, errors, findings, units, max, gap, ranking } = await analyseAndWrite(sheets, sheet);
    expect(units).toBe(rows.length);
    // The composite's maximum under its rule, shown before writing: 100, not the sub-indices' 10 × 10 added.
    expect(max).toBe("100,00");
    if (sheet === PCI_SHEET) {
      // The rule found, and the maxima the PCI template's weights and scale give, said in the finding.
      const inferred = findings.find((f) => f.includes("trung bình có trọng số"));
      expect(inferred).toContain("Tính minh bạch 20%");
      expect(inferred).toContain("nhân 10");
      expect(inferred).toContain("mỗi cột thành phần tối đa 10 điểm, tổng tối đa 100");
    }
    const names = rows.map(([name]) => name);
    const order = PCI_RANK_ORDER.filter((name) => names.includes(name));
    const totalOf = new Map(rows.map(([name, , total]) => [name, total]));

    // The pane: the ranking list in the hand-worked order, then each unit's total, rank and lost points on 100.
    const shown = await rankRows(page, rows.length);
    expect(shown).toEqual(order.map((name, i) => ({ label: String(i + 1), name, total: totalOf.get(name)!.replace(".", ",") })));
    for (const [i, name] of order.entries()) {
      expect(await unitShown(page, name)).toEqual({ total: totalOf.get(name), rank: `${i + 1}/${rows.length}`, lost: PCI_LOST[name].replace(".", ",") });
    }
    expect(await page.getByTestId("unit-total").innerText()).toContain("/100,00 điểm");

    // The sheets written: the gap sheet's overview and the ranking sheet.
    const overview = tableUnder(gap, overviewHeader);
    const ranked = tableUnder(ranking, rankingHeader, 1);
    expect([...overview.keys()].sort()).toEqual([...names].sort());
    for (const [i, name] of order.entries()) {
      const o = overview.get(name)!;
      expect([o.get("Điểm tối đa"), o.get("Điểm đạt"), o.get("Bị trừ"), String(o.get("Xếp hạng"))]).toEqual([100, Number(totalOf.get(name)), Number(PCI_LOST[name]), String(i + 1)]);
      const r = ranked.get(name)!;
      expect([r.get("Tổng cộng"), String(r.get("Xếp hạng"))]).toEqual([Number(totalOf.get(name)), String(i + 1)]);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});

test("SIPAS in the pane: the mean of five percentages, totals and tied ranks as worked by hand, no lost points made up", async () => {
  const wb = ruleWorkbook();
  const sheets = wb.worksheets.map((ws) => ({ name: ws.name, cells: cellsOf(ws) }));
  const { page, errors, findings, units, max, gap, ranking } = await analyseAndWrite(sheets, SIPAS_SHEET);
  expect(units).toBe(SIPAS_ROWS.length);
  expect(max).toBeNull();
  expect(findings.some((f) => f.includes("trung bình cộng của 5 cột"))).toBe(true);
  const totalOf = new Map(SIPAS_ROWS.map(([name, , total]) => [name, Number(total)]));

  // The list by rank, the two at 79,6 sharing 6th in table order (Sở Y tế before Sở Nội vụ).
  const shown = await rankRows(page, SIPAS_ROWS.length);
  expect(shown.map((r) => [r.label, r.name, decimal(r.total)])).toEqual(
    Object.entries(SIPAS_RANK_LABELS)
      .sort((a, b) => parseInt(a[1]) - parseInt(b[1]))
      .map(([name, label]) => [label, name, totalOf.get(name)]),
  );
  for (const [name, label] of Object.entries(SIPAS_RANK_LABELS)) {
    const unit = await unitShown(page, name);
    expect([Number(unit.total), unit.rank, unit.lost]).toEqual([totalOf.get(name), `${label}/${SIPAS_ROWS.length}`, null]);
  }

  const overview = tableUnder(gap, overviewHeader);
  const ranked = tableUnder(ranking, rankingHeader, 1);
  for (const [name, label] of Object.entries(SIPAS_RANK_LABELS)) {
    const o = overview.get(name)!;
    expect([o.get("Điểm tối đa"), o.get("Điểm đạt"), o.get("Bị trừ"), String(o.get("Xếp hạng"))]).toEqual([null, totalOf.get(name), null, label]);
    const r = ranked.get(name)!;
    expect([r.get("Tổng cộng"), String(r.get("Xếp hạng"))]).toEqual([totalOf.get(name), label]);
  }
  expect(errors).toEqual([]);
  await page.close();
});

test("Bộ chỉ số 766, 34 provinces over 12 months in the pane: December's totals and ranks, the change, and the trend written", async () => {
  const { page, errors, units, gap, ranking } = await analyseAndWrite([{ name: SERIES_SHEET, cells: seriesRows() }], SERIES_SHEET);
  expect(units).toBe(PROVINCES.length);
  const december = (name: string) => seriesTotal(PROVINCES.indexOf(name) + 1, 12);

  // December: An Giang first down to Hà Nội, no ties; the ten leaders are the chart's.
  const shown = await rankRows(page, PROVINCES.length);
  const byRank = [...PROVINCES].reverse();
  expect(shown.map((r) => [r.label, r.name, decimal(r.total)])).toEqual(byRank.map((name, i) => [String(i + 1), name, december(name)]));
  expect(shown.slice(0, 10).map((r) => r.name)).toEqual(A.leaders);
  expect(december("An Giang")).toBe(A.anGiang.december);
  const hue = await unitShown(page, "Huế");
  expect([Number(hue.total), hue.rank]).toEqual([A.hue.december, `${A.hue.rank}/${PROVINCES.length}`]);
  expect(await page.getByTestId("unit-change").innerText()).toMatch(new RegExp(`^tăng ${String(A.decemberChange).replace(".", ",")} điểm`));
  expect(await page.getByTestId("panel").innerText()).toContain(A.months[11]);

  // The sheets: December in the overview; the trend per unit (best and worst month, changes) on the ranking sheet.
  const overview = tableUnder(gap, overviewHeader);
  expect(overview.size).toBe(PROVINCES.length);
  for (const [i, name] of byRank.entries()) expect([overview.get(name)!.get("Điểm đạt"), String(overview.get(name)!.get("Xếp hạng"))]).toEqual([december(name), String(i + 1)]);
  const trend = (name: string) => ranking.find((r) => r?.[0] === name && String(r[1]).startsWith("Tháng"))!;
  expect(trend("Huế").slice(1, 7)).toEqual([A.hue.best.period, A.hue.best.total, A.hue.worst.period, A.hue.worst.total, A.hue.sinceFirst, A.hue.sincePrevious]);
  expect(trend("Hà Tĩnh").slice(3, 5)).toEqual([A.haTinhWorst.period, A.haTinhWorst.total]);
  expect(errors).toEqual([]);
  await page.close();
});

test("'Dùng trang này làm bộ tiêu chí': the hand-made set's maxima show before writing, and in the totals written", async () => {
  const [scores, criteria] = [scoresGrid(), ownCriteriaGrid()].map((g) => ({ name: g.sheet, cells: g.values as Cell[][] }));
  const { page, errors } = await harness.openInFakeExcel({ sheets: [scores, criteria], active: scores.name });
  const before = await snapshot(page);
  await page.getByTestId("analyze").click();
  await waitForTestId(page, "recognised", 60_000);
  // The table alone gives no maximum.
  expect(await page.getByTestId("table-max").count()).toBe(0);
  await page.getByTestId("own-criteria").check();
  expect(await page.getByTestId("own-criteria-sheet").inputValue()).toBe(criteria.name);
  // 12 + 18 = 30, before anything is written; the set is named as the table's.
  await waitForTestId(page, "table-max");
  expect(await page.getByTestId("table-max").innerText()).toBe("30,00");
  expect(await page.getByTestId("template").innerText()).toBe(criteria.name);
  await page.getByTestId("output-formulas").uncheck();
  await page.getByTestId("write").click();
  await waitForTestId(page, "summary", 60_000);
  expect(await page.getByTestId("error").count()).toBe(0);
  // 4 + 7 + 8 + 6,25 = 25,25 of 30; 4,75 lost.
  expect(await page.getByTestId("unit-total").innerText()).toContain("25,25");
  expect(await page.getByTestId("unit-total").innerText()).toContain("/30,00");
  expect(await page.getByTestId("unit-lost").innerText()).toBe("4,75");
  const after = await snapshot(page);
  for (const sheet of before.sheets) {
    const now = after.sheets.find((s) => s.name === sheet.name)!;
    expect(Object.fromEntries(Object.entries(now.cells).map(([a, c]) => [a, c.value]))).toEqual(Object.fromEntries(Object.entries(sheet.cells).map(([a, c]) => [a, c.value])));
  }
  const gap = rowsOf(ownedSheets(after).find((s) => s.name.startsWith("Phân tích"))!);
  const totalRow = gap.find((r) => r?.[1] === "Tổng cộng")!;
  expect(totalRow.slice(2, 5)).toEqual([30, 25.25, 4.75]);
  expect(errors).toEqual([]);
  await page.close();
});
