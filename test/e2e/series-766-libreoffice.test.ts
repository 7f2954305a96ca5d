/**
 * The Bộ chỉ số 766 table of 34 provinces over the 12 months of 2025 (series-766-workbook.ts, with its
 * answers worked by hand): totals, ranks per month, ties, each unit's best and worst month and its
 * changes, in the JSON and in the .xlsx sheets as LibreOffice shows them, with the line chart of the leaders.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../cli/run";
import type { AnalysisJson, UnitJson } from "../../src/pipeline/json";
import { zipEntries, zipText } from "../../src/hosts/xlsx/zip";
import { sheetsAsCsv, sofficePath } from "../helpers/libreoffice";
import { SERIES_ANSWERS as A, seriesWorkbook } from "./series-766-workbook";

async function seriesBook(file: string): Promise<void> {
  await seriesWorkbook().xlsx.writeFile(file);
}

const num = (s: string | null | undefined) => (s === null || s === undefined || s === "" ? NaN : Number(s));

test("766 over 12 months, 34 provinces: totals, ranks, ties, trends in JSON and in the sheets LibreOffice shows", async () => {
  if (!sofficePath()) throw new Error("LibreOffice (soffice) is not on PATH");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-766-"));
  try {
    const file = path.join(dir, "bo-chi-so-766-2025.xlsx");
    const out = path.join(dir, "ket-qua.xlsx");
    await seriesBook(file);
    const r = await run(["analyze", file, "--json", "-", "-o", out]);
    expect(r.err).not.toContain("internal");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as AnalysisJson;
    expect(json.tables).toHaveLength(1);
    const units = new Map(json.tables[0].units.map((u) => [u.name, u]));
    expect(units.size).toBe(34);
    const unit = (name: string): UnitJson => units.get(name)!;

    // Twelve months, in order, the latest (December) the unit's figures.
    expect(unit("An Giang").periods.map((p) => p.period)).toEqual(A.months);
    expect(unit("An Giang").period).toBe("Tháng 12/2025");
    expect(num(unit("An Giang").total)).toBe(A.anGiang.december);
    expect(unit("An Giang").periods.map((p) => p.rank)).toEqual(Array(12).fill(A.anGiang.rank));
    expect(num(unit("Huế").total)).toBe(A.hue.december);
    expect(unit("Huế").rank).toBe(A.hue.rank);
    expect(unit("Huế").periods[5]).toMatchObject({ period: A.months[5], rank: A.hue.juneRank });
    expect(num(unit("Huế").periods[5].total)).toBe(A.hue.juneTotal);
    expect(unit("Hà Nội").periods[5].rank).toBe(33);
    for (const name of A.marchTie.units) expect(unit(name).periods[2]).toMatchObject({ rank: A.marchTie.rank, rankLabel: A.marchTie.rankLabel });
    expect(unit(A.marchTie.next.unit).periods[2].rank).toBe(A.marchTie.next.rank);

    // Trends.
    const hue = unit("Huế").trend!;
    expect([hue.best.period, num(hue.best.total)]).toEqual([A.hue.best.period, A.hue.best.total]);
    expect([hue.worst.period, num(hue.worst.total)]).toEqual([A.hue.worst.period, A.hue.worst.total]);
    expect(hue.best.total).toBe("58.00");
    expect([num(hue.sinceFirst), num(hue.sincePrevious)]).toEqual([A.hue.sinceFirst, A.hue.sincePrevious]);
    expect(unit("Hà Tĩnh").trend!.worst).toEqual({ period: A.haTinhWorst.period, total: A.haTinhWorst.total.toFixed(2) });
    expect(unit("An Giang").trend!.best).toEqual({ period: A.months[11], total: A.anGiang.december.toFixed(2) });

    // The .xlsx: the ranking sheet carries the trend table and the chart data; the gap sheet a sentence per unit.
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(out);
    const names = written.worksheets.map((w) => w.name);
    const rankSheet = names.find((n) => n.startsWith("Xếp hạng"))!;
    const gapSheet = names.find((n) => n.startsWith("Phân tích"))!;
    expect(rankSheet).toBeDefined();
    const sheets = await sheetsAsCsv(out, [rankSheet, gapSheet]);
    const rank = sheets.get(rankSheet)!;
    const trendRow = (name: string) => rank.find((row) => row[0] === name && row[1]?.startsWith("Tháng"));
    const hueRow = trendRow("Huế")!;
    expect([hueRow[1], num(hueRow[2]), hueRow[3], num(hueRow[4]), num(hueRow[5]), num(hueRow[6])]).toEqual([
      A.hue.best.period,
      A.hue.best.total,
      A.hue.worst.period,
      A.hue.worst.total,
      A.hue.sinceFirst,
      A.hue.sincePrevious,
    ]);
    // Chart data: months down, the ten leaders across.
    const head = rank.findIndex((row) => row[0] === "Kỳ" && row[1] === "An Giang");
    expect(head).toBeGreaterThan(0);
    expect(rank[head].slice(1, 11)).toEqual(A.leaders);
    expect(rank[head + 1][0]).toBe("Tháng 1/2025");
    expect(num(rank[head + 1][1])).toBe(84.5);
    expect(rank[head + 12][0]).toBe("Tháng 12/2025");
    expect(num(rank[head + 12][10])).toBe(81);
    const gap = sheets.get(gapSheet)!.flat();
    expect(gap).toContain(`- ${hue.text}`);

    // The line chart: ten series over the twelve months, from the chart data cells.
    const bytes = await fs.readFile(out);
    const charts = zipEntries(bytes)
      .filter((e) => /^xl\/charts\/chart\d+\.xml$/.test(e.name))
      .map((e) => zipText(bytes, e));
    const line = charts.find((x) => x.includes("<c:lineChart>"));
    expect(line).toBeDefined();
    expect(line!.match(/<c:ser>/g)).toHaveLength(10);
    expect(line).toContain("<c:v>An Giang</c:v>");
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
