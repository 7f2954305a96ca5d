/**
 * A Bộ chỉ số 766 table of the 34 provinces over the 12 months of 2025, generated here so every figure
 * is worked out by hand: totals, ranks per month, ties, each unit's best and worst month and its changes,
 * in the JSON and in the .xlsx sheets as LibreOffice shows them, with the line chart of the leaders.
 *
 * Total of province i (1..34, list order) in month m: 50 + i + m/2, except Huế (i = 2) in June: 40,
 * and Hà Tĩnh (i = 10) in March: 62.5, tied with Cao Bằng (i = 11: 50 + 11 + 1.5).
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../cli/run";
import type { AnalysisJson, UnitJson } from "../../src/pipeline/json";
import { zipEntries, zipText } from "../../src/hosts/xlsx/zip";
import { sheetsAsCsv, sofficePath } from "../helpers/libreoffice";

const PROVINCES = [
  "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
  "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị",
  "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "TP. Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ",
  "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
];

function total(i: number, m: number): number {
  if (i === 2 && m === 6) return 40;
  if (i === 10 && m === 3) return 62.5;
  return 50 + i + m / 2;
}

async function seriesBook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("766 năm 2025");
  ws.addRow(["KẾT QUẢ BỘ CHỈ SỐ 766 CÁC TỈNH, THÀNH PHỐ NĂM 2025"]);
  ws.addRow(["STT", "Tỉnh, thành phố", ...Array.from({ length: 12 }, (_, k) => `T${k + 1}/2025`)]);
  PROVINCES.forEach((name, k) => ws.addRow([k + 1, name, ...Array.from({ length: 12 }, (_, m) => total(k + 1, m + 1))]));
  await wb.xlsx.writeFile(file);
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
    const months = Array.from({ length: 12 }, (_, k) => `Tháng ${k + 1}/2025`);
    expect(unit("An Giang").periods.map((p) => p.period)).toEqual(months);
    expect(unit("An Giang").period).toBe("Tháng 12/2025");
    // An Giang: 50 + 34 + 6 = 90 in December, first every month.
    expect(num(unit("An Giang").total)).toBe(90);
    expect(unit("An Giang").periods.map((p) => p.rank)).toEqual(Array(12).fill(1));
    // Huế: 58 in December, 33rd (only Hà Nội is lower); June 40 is the last place, Hà Nội 33rd then.
    expect(num(unit("Huế").total)).toBe(58);
    expect(unit("Huế").rank).toBe(33);
    expect(unit("Huế").periods[5]).toMatchObject({ period: "Tháng 6/2025", rank: 34 });
    expect(num(unit("Huế").periods[5].total)).toBe(40);
    expect(unit("Hà Nội").periods[5].rank).toBe(33);
    // March: Hà Tĩnh and Cao Bằng tie at 62.5 behind the 23 provinces 12..34: both 24th, "24(2)"; Nghệ An (60.5) 26th.
    expect(unit("Hà Tĩnh").periods[2]).toMatchObject({ rank: 24, rankLabel: "24(2)" });
    expect(unit("Cao Bằng").periods[2]).toMatchObject({ rank: 24, rankLabel: "24(2)" });
    expect(unit("Nghệ An").periods[2].rank).toBe(26);

    // Trends. Huế: best December 58, worst June 40; since January (52.5) +5.5; since November (57.5) +0.5.
    const hue = unit("Huế").trend!;
    expect(hue.best).toEqual({ period: "Tháng 12/2025", total: "58.00" });
    expect(hue.worst).toEqual({ period: "Tháng 6/2025", total: "40.00" });
    expect([num(hue.sinceFirst), num(hue.sincePrevious)]).toEqual([5.5, 0.5]);
    // Hà Tĩnh: March 62.5 is above April (50 + 10 + 2 = 62), so its worst month is January (60.5).
    expect(unit("Hà Tĩnh").trend!.worst).toEqual({ period: "Tháng 1/2025", total: "60.50" });
    expect(unit("An Giang").trend!.best).toEqual({ period: "Tháng 12/2025", total: "90.00" });

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
    expect([hueRow[1], num(hueRow[2]), hueRow[3], num(hueRow[4]), num(hueRow[5]), num(hueRow[6])]).toEqual(["Tháng 12/2025", 58, "Tháng 6/2025", 40, 5.5, 0.5]);
    // Chart data: months down, the ten leaders across (An Giang .. Lâm Đồng, i = 34 .. 25).
    const head = rank.findIndex((row) => row[0] === "Kỳ" && row[1] === "An Giang");
    expect(head).toBeGreaterThan(0);
    expect(rank[head].slice(1, 11)).toEqual(PROVINCES.slice(24).reverse());
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
