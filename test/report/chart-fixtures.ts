/** A many-unit table over periods, for the chart tests (distribution, histogram, rank changes). */
import Decimal from "decimal.js";
import { analyse } from "../../src/engine/analyse";
import type { Criterion, PointValue, Scorecard, ScoreColumn } from "../../src/engine/types";
import type { ReportTableInput } from "../../src/report/input";

export const SHEET = "Xã";

/** `units` units in rows, 3 areas of max 10/20/70, two periods: 2023 and 2024 (units move places). */
export function periodsScorecard(units: number, periods = ["2023", "2024"]): Scorecard {
  const criteria: Criterion[] = [
    { code: "1", title: "Chỉ đạo điều hành", max: new Decimal(10), kind: "ordinary", level: 1, children: [] },
    { code: "2", title: "Thủ tục hành chính", max: new Decimal(20), kind: "ordinary", level: 1, children: [] },
    { code: "3", title: "Tác động", max: new Decimal(70), kind: "ordinary", level: 1, children: [] },
  ];
  const columns: ScoreColumn[] = [];
  periods.forEach((period, p) => {
    for (let u = 0; u < units; u++) {
      // Spread of totals from about 40 to 100; the second period reverses part of the order.
      const base = p === 0 ? u : (u * 7) % units;
      const share = new Decimal(base).dividedBy(Math.max(1, units - 1));
      const points = new Map<string, PointValue>();
      const row = 3 + u;
      criteria.forEach((c, i) => {
        const value = c.max!.times(new Decimal("0.4").plus(share.times("0.6"))).toDecimalPlaces(2);
        points.set(c.code, { value, location: { sheet: SHEET, cell: `${"CDEFGH"[p * 3 + i]}${row}` } });
      });
      columns.push({ key: `X${u}|${period}`, unit: `Xã ${u + 1}`, period, basis: "score", points, publishedRanks: new Map() });
    }
  });
  return { title: "Chỉ số CCHC cấp xã", criteria, columns, findings: [] };
}

export function periodsInput(units: number, periods?: string[]): ReportTableInput {
  return { table: { sheet: SHEET, range: "A1:H200", layout: "units-in-rows" as const }, analysis: analyse(periodsScorecard(units, periods)) };
}

