/**
 * Targets against brute force on small random tables: the points needed are the least that reach the
 * place (ranks recomputed with the unit's total raised), and `recover` is the fewest lost criteria whose
 * recovery covers them (every subset tried).
 */
import Decimal from "decimal.js";
import { analyse } from "../../src/engine/analyse";
import { competitionRanks } from "../../src/engine/ranks";
import { TOTAL_CODE } from "../../src/engine/types";
import { tableTargets } from "../../src/pipeline/targets";
import { col, crit, scorecard } from "../engine/helpers";

let seed = 11;
const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

function randomTable(units: number) {
  const leaves = ["1.1", "1.2", "2.1", "2.2", "2.3"];
  const maxOf: Record<string, string> = { "1.1": "2", "1.2": "1.5", "2.1": "1", "2.2": "2.5", "2.3": "3" };
  const criteria = [crit("1", "3.5", [crit("1.1", "2"), crit("1.2", "1.5")]), crit("2", "6.5", [crit("2.1", "1"), crit("2.2", "2.5"), crit("2.3", "3")])];
  const columns = Array.from({ length: units }, (_, u) => {
    const values: Record<string, string> = {};
    for (const leaf of leaves) values[leaf] = new Decimal(maxOf[leaf]).times(Math.floor(rand() * 5)).dividedBy(4).toString();
    return col(`U${u}`, "2024", values);
  });
  return analyse(scorecard(criteria, columns));
}

function rankWith(analysis: ReturnType<typeof analyse>, unit: string, extra: Decimal): number {
  const entries = analysis.columns.map((c) => {
    const total = c.nodes.get(TOTAL_CODE)!.achieved!;
    return { unit: c.column.unit, value: c.column.unit === unit ? total.plus(extra) : total };
  });
  return competitionRanks(entries).find((e) => e.unit === unit)!.rank;
}

test("300 random tables: points needed are the least that reach the place; recover is the fewest criteria that cover them", () => {
  let checked = 0;
  for (let round = 0; round < 300; round++) {
    const units = 2 + Math.floor(rand() * 8);
    const analysis = randomTable(units);
    const unit = `U${Math.floor(rand() * units)}`;
    const k = 1 + Math.floor(rand() * units);
    const [target] = tableTargets(analysis, { units: [unit], rank: k }, "vi");
    const need = new Decimal(target.pointsNeeded!);
    expect(rankWith(analysis, unit, need)).toBeLessThanOrEqual(k);
    if (need.gt(0)) expect(rankWith(analysis, unit, need.minus("0.01"))).toBeGreaterThan(k);

    const column = analysis.columns.find((c) => c.column.unit === unit)!;
    const lost = ["1.1", "1.2", "2.1", "2.2", "2.3"].map((code) => ({ code, lost: column.nodes.get(code)!.lost! })).filter((x) => x.lost.gt(0));
    let fewest: number | null = need.isZero() ? 0 : null;
    for (let mask = 1; mask < 1 << lost.length; mask++) {
      const chosen = lost.filter((_, i) => mask & (1 << i));
      const sum = chosen.reduce((acc, x) => acc.plus(x.lost), new Decimal(0));
      if (sum.gte(need) && (fewest === null || chosen.length < fewest)) fewest = chosen.length;
    }
    expect(target.coverable).toBe(fewest !== null);
    expect(target.recover.length).toBe(fewest ?? 0);
    const recovered = target.recover.reduce((acc, code) => acc.plus(column.nodes.get(code)!.lost!), new Decimal(0));
    if (fewest) expect(recovered.gte(need)).toBe(true);
    checked++;
  }
  expect(checked).toBe(300);
});

test("the sentence says what to win back, or that the unit is already there, in both languages", () => {
  const analysis = analyse(
    scorecard(
      [crit("1", "10", [crit("1.1", "4"), crit("1.2", "6")])],
      [col("A", "2024", { "1.1": "4", "1.2": "6" }), col("B", "2024", { "1.1": "3", "1.2": "5,5" }), col("C", "2024", { "1.1": "2", "1.2": "4" })],
    ),
  );
  const [c] = tableTargets(analysis, { units: ["C"], rank: 2 }, "vi");
  expect(c).toMatchObject({ unit: "C", targetRank: 2, currentRank: 3, pointsNeeded: "2.50", recover: ["1.1", "1.2"], coverable: true });
  expect(c.text).toBe("Cần thêm 2,50 điểm để lên hạng 2: lấy lại điểm bị trừ ở tiêu chí 1.1 (Tiêu chí 1.1), tiêu chí 1.2 (Tiêu chí 1.2)");
  expect(tableTargets(analysis, { units: ["A"], rank: 1 }, "en")[0].text).toBe("Already at rank 1 or better (rank 1 now)");
  expect(tableTargets(analysis, { units: ["Z"], rank: 1 }, "en")).toEqual([]);
});
