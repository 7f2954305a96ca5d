/**
 * The charts the report plans: points vs max per area (gap sheet), every unit's total with one unit
 * highlighted (gap sheet: that unit; ranking sheet: the top), a histogram of totals for tables too
 * large for a column per unit, and rank changes between periods (ranking sheet).
 */
import Decimal from "decimal.js";
import { buildGapSheet, buildRankSheet, type ChartSpec, type PlannedSheet } from "../../src/report";
import { bandIndex, DISTRIBUTION_UNITS_LIMIT, histogramBands, RANK_CHANGE_UNITS_LIMIT } from "../../src/report/charts";
import { parseA1 } from "../../src/tables/grid";
import { cells, show } from "./plan-helpers";
import { periodsInput as input } from "./chart-fixtures";
import { manyInput } from "./fixtures";

/** The shown values of a one-column range of a planned sheet. */
function valuesOf(sheet: PlannedSheet, range: string): string[] {
  const [start, end] = range.split(":");
  const a = parseA1(start);
  const b = parseA1(end);
  const map = cells(sheet);
  const out: string[] = [];
  for (let r = a.row; r <= b.row; r++) out.push(show(map.get(`${start.replace(/\d+$/, "")}${r + 1}`)));
  expect(a.col).toBe(b.col);
  return out;
}

function byKind(sheet: PlannedSheet, kind: ChartSpec["kind"]): ChartSpec[] {
  return sheet.charts.filter((c) => c.kind === kind);
}

describe("gap sheet of a many-unit table", () => {
  const sheet = buildGapSheet(manyInput(), "Phân tích điểm trừ", { lang: "vi" });

  test("each detailed unit block has points vs max per area and the distribution with that unit highlighted", () => {
    const pointsVsMax = byKind(sheet, "points-vs-max");
    const distributions = byKind(sheet, "total-distribution");
    expect(pointsVsMax).toHaveLength(5);
    expect(distributions).toHaveLength(5);
    const first = pointsVsMax[0];
    expect(first.type).toBe("bar");
    expect(first.series.map((s) => s.name)).toEqual(["Điểm đạt", "Điểm tối đa"]);
    expect(valuesOf(sheet, first.categories)).toEqual(["1", "2", "3"]);
    expect(valuesOf(sheet, first.series[0].values)).toEqual(["9.5", "19", "63"]);
    expect(valuesOf(sheet, first.series[1].values)).toEqual(["10", "20", "70"]);

    // The chart data beside the overview: units by rank, then their totals.
    const names = valuesOf(sheet, distributions[0].categories);
    expect(names).toEqual(["Hải Phòng", "Quảng Ninh", "Bình Định", "Huế", "=1+1"]);
    expect(valuesOf(sheet, distributions[0].series[0].values)).toEqual(["91.75", "91.5", "86.5", "86.5", "72.25"]);
    for (const chart of distributions) {
      expect(chart.type).toBe("column");
      const unit = chart.title.split(" — ")[1];
      expect(chart.highlight?.points).toEqual([names.indexOf(unit)]);
      expect(chart.title.startsWith("Tổng điểm các đơn vị (theo thứ hạng) — ")).toBe(true);
    }
  });

  test("a block's two charts sit side by side to the right of the table and never reach the next block's", () => {
    const tops = byKind(sheet, "points-vs-max").map((c) => parseA1(c.from).row);
    byKind(sheet, "points-vs-max").forEach((chart, i) => {
      const distribution = byKind(sheet, "total-distribution")[i];
      expect(parseA1(distribution.from).row).toBe(parseA1(chart.from).row);
      expect(parseA1(distribution.from).col).toBeGreaterThan(parseA1(chart.to).col);
      expect(parseA1(chart.from).col).toBeGreaterThan(7);
      if (i + 1 < tops.length) expect(parseA1(chart.to).row).toBeLessThan(tops[i + 1]);
    });
  });

  test("English titles", () => {
    const en = buildGapSheet(manyInput(), "Gap analysis", { lang: "en" });
    expect(en.charts[0].title).toBe("Points achieved and maximum per area — Quảng Ninh — Year 2022");
    expect(en.charts[1].title).toBe("Total points of every unit (by rank) — Quảng Ninh — Year 2022");
  });
});

describe("ranking sheet", () => {
  test("the totals of every unit by rank with the top unit highlighted, and rank changes between the periods", () => {
    const sheet = buildRankSheet(input(12), "Xếp hạng", { lang: "vi" })!;
    const [distribution] = byKind(sheet, "total-distribution");
    const [moves] = byKind(sheet, "rank-change");
    expect(sheet.charts).toHaveLength(2);
    const names = valuesOf(sheet, distribution.categories);
    expect(names).toHaveLength(12);
    const totals = valuesOf(sheet, distribution.series[0].values).map(Number);
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
    expect(distribution.highlight?.points).toEqual([0]);
    expect(moves.type).toBe("bar");
    expect(moves.categories).toBe(distribution.categories);
    const deltas = valuesOf(sheet, moves.series[0].values);
    expect(deltas.some((d) => Number(d) > 0) && deltas.some((d) => Number(d) < 0)).toBe(true);
    expect(moves.title).toBe("Tăng/giảm bậc so với kỳ trước — Năm 2024 — Chỉ số CCHC cấp xã");
    // The rows under the charts are kept free: the next section starts below the lowest chart.
    const climb = cells(sheet);
    const lowest = Math.max(...sheet.charts.map((c) => parseA1(c.to).row + 1));
    const nextText = [...climb.entries()].filter(([address, cell]) => parseA1(address).row + 1 > parseA1(distribution.from).row && show(cell) !== "");
    expect(Math.min(...nextText.map(([address]) => parseA1(address).row + 1))).toBeGreaterThan(lowest);
  });

  test("one period: no rank-change chart", () => {
    const sheet = buildRankSheet(input(6, ["2024"]), "Xếp hạng", { lang: "vi" })!;
    expect(sheet.charts.map((c) => c.kind)).toEqual(["total-distribution"]);
  });

  test(`more than ${RANK_CHANGE_UNITS_LIMIT} units: no bar per unit for rank changes`, () => {
    const sheet = buildRankSheet(input(RANK_CHANGE_UNITS_LIMIT + 1), "Xếp hạng", { lang: "vi" })!;
    expect(sheet.charts.map((c) => c.kind)).toEqual(["total-distribution"]);
  });

  test(`more than ${DISTRIBUTION_UNITS_LIMIT} units: a histogram of totals from a band table, the top unit's band highlighted`, () => {
    const sheet = buildRankSheet(input(DISTRIBUTION_UNITS_LIMIT + 50, ["2024"]), "Xếp hạng", { lang: "en" })!;
    const [histogram] = sheet.charts;
    expect(histogram.kind).toBe("total-histogram");
    const labels = valuesOf(sheet, histogram.categories);
    const counts = valuesOf(sheet, histogram.series[0].values).map(Number);
    expect(labels.length).toBeLessThanOrEqual(20);
    expect(counts.reduce((s, c) => s + c, 0)).toBe(DISTRIBUTION_UNITS_LIMIT + 50);
    expect(labels[0]).toMatch(/^\d+(\.\d+)?–\d+(\.\d+)?$/);
    expect(histogram.highlight?.points).toEqual([labels.length - 1]);
    expect(histogram.title.startsWith("Distribution of total points — ")).toBe(true);
  });
});

describe("gap sheet beyond the distribution limit", () => {
  test("a histogram of totals with the detailed unit's band highlighted", () => {
    const many = input(DISTRIBUTION_UNITS_LIMIT + 20, ["2024"]);
    const sheet = buildGapSheet(many, "Phân tích điểm trừ", { lang: "vi", detailUnits: ["Xã 1", "Xã 320"] });
    const histograms = byKind(sheet, "total-histogram");
    expect(histograms).toHaveLength(2);
    const labels = valuesOf(sheet, histograms[0].categories);
    // Xã 1 has the lowest total, Xã 320 the highest.
    expect(histograms[0].highlight?.points).toEqual([0]);
    expect(histograms[1].highlight?.points).toEqual([labels.length - 1]);
    expect(labels[0]).toMatch(/^\d+(,\d+)?–\d+(,\d+)?$/);
  });
});

describe("histogram bands", () => {
  const d = (values: string[]) => values.map((v) => new Decimal(v));

  test("round widths, at most 20 bands, every total in exactly one band", () => {
    const totals = d(["41.5", "55", "72.25", "86.5", "91.75", "99.99"]);
    const bands = histogramBands(totals);
    expect(bands[0].from.toString()).toBe("40");
    expect(bands[0].to.minus(bands[0].from).toString()).toBe("5");
    expect(bands.length).toBeLessThanOrEqual(20);
    expect(bands.reduce((s, b) => s + b.count, 0)).toBe(totals.length);
    for (const t of totals) {
      const band = bands[bandIndex(bands, t)];
      expect(t.gte(band.from) && t.lt(band.to)).toBe(true);
    }
  });

  test("a top score on a band boundary belongs to the last band (95–100), not a band of its own", () => {
    const bands = histogramBands(d(["40", "62.5", "100"]));
    expect(bands.map((b) => `${b.from.toString()}-${b.to.toString()}`)).toEqual(["40-45", "45-50", "50-55", "55-60", "60-65", "65-70", "70-75", "75-80", "80-85", "85-90", "90-95", "95-100"]);
    expect(bandIndex(bands, new Decimal(100))).toBe(11);
    expect(bands.map((b) => b.count)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1]);
  });

  test("equal totals make one band; a narrow spread gets fine bands", () => {
    expect(histogramBands(d(["80", "80", "80"]))).toEqual([{ from: new Decimal("80"), to: new Decimal("80.1"), count: 3 }]);
    const fine = histogramBands(d(["80.05", "80.95"]));
    expect(fine.map((b) => b.to.minus(b.from).toString())).toEqual(Array(fine.length).fill("0.1"));
    expect(fine).toHaveLength(10);
  });
});

describe("bandIndex", () => {
  /** The definition: the first band with from <= total < to (the last band also takes its top), else the last band. */
  const byScan = (bands: readonly { from: Decimal; to: Decimal }[], total: Decimal): number => {
    const i = bands.findIndex((b, k) => total.gte(b.from) && (total.lt(b.to) || (k === bands.length - 1 && total.eq(b.to))));
    return i >= 0 ? i : bands.length - 1;
  };

  it("finds the band the scan finds, for totals inside, on the bounds and outside the bands", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let run = 0; run < 120; run++) {
      const spread = [1, 10, 100][run % 3];
      const totals = Array.from({ length: 1 + Math.floor(next() * 40) }, () => new Decimal(Math.round(next() * spread * 100)).div(100).plus(50));
      const bands = histogramBands(totals);
      const probes = [...totals, ...bands.flatMap((b) => [b.from, b.to, b.from.minus("0.01"), b.to.plus("0.01")])];
      for (const total of probes) expect(bandIndex(bands, total)).toBe(byScan(bands, total));
    }
  });
});
