/**
 * Targets with an effort per criterion ("Mức độ khó", "Khả năng khắc phục"), against brute force on small
 * random tables: the recovery asks for nothing harder than it must (the lowest highest-effort of any set
 * of lost criteria that covers the gap) and, within that, for the fewest criteria.
 */
import Decimal from "decimal.js";
import { analyse } from "../../src/engine/analyse";
import { targetGap } from "../../src/engine/targets";
import type { Criterion } from "../../src/engine/types";
import { tableTargets } from "../../src/pipeline/targets";
import { D, col, crit, s, scorecard } from "./helpers";

let seed = 29;
const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

const LEAVES = ["1.1", "1.2", "2.1", "2.2", "2.3", "2.4"];
const MAX: Record<string, string> = { "1.1": "2", "1.2": "1.5", "2.1": "1", "2.2": "2.5", "2.3": "3", "2.4": "0.5" };

function withEffort(c: Criterion, effort: number | null): Criterion {
  return effort === null ? c : { ...c, effort: D(effort) };
}

function randomCase() {
  // Efforts 1-3, or none (then taken as the hardest); sometimes no effort at all.
  const none = rand() < 0.15;
  const effort: Record<string, number | null> = {};
  for (const leaf of LEAVES) effort[leaf] = none ? null : rand() < 0.2 ? null : 1 + Math.floor(rand() * 3);
  const leaf = (code: string) => withEffort(crit(code, MAX[code]), effort[code]);
  const criteria = [crit("1", "3.5", [leaf("1.1"), leaf("1.2")]), crit("2", "7", [leaf("2.1"), leaf("2.2"), leaf("2.3"), leaf("2.4")])];
  const units = 2 + Math.floor(rand() * 7);
  const columns = Array.from({ length: units }, (_, u) => {
    const values: Record<string, string> = {};
    for (const code of LEAVES) values[code] = new Decimal(MAX[code]).times(Math.floor(rand() * 5)).dividedBy(4).toString();
    return col(`U${u}`, "2024", values);
  });
  return { analysis: analyse(scorecard(criteria, columns)), effort, units };
}

/** Effort for comparing: none = harder than any stated one. */
const level = (e: number | null | undefined) => (e === null || e === undefined ? Infinity : e);

test("400 random tables: recover needs the lowest possible highest effort, then the fewest criteria (every subset tried)", () => {
  let withGap = 0;
  for (let round = 0; round < 400; round++) {
    const { analysis, effort, units } = randomCase();
    const unit = `U${Math.floor(rand() * units)}`;
    const k = 1 + Math.floor(rand() * units);
    const gap = targetGap(analysis, { unit, targetRank: k });
    const need = gap.pointsNeeded!;
    const lost = gap.candidates.map((c) => ({ code: c.code, lost: c.lost, effort: level(effort[c.code]) }));
    // Brute force: the best (highest effort, count) over every covering subset.
    let best: [number, number] | null = need.isZero() ? [0, 0] : null;
    for (let mask = 1; mask < 1 << lost.length && !need.isZero(); mask++) {
      const chosen = lost.filter((_, i) => mask & (1 << i));
      const sum = chosen.reduce((acc, x) => acc.plus(x.lost), new Decimal(0));
      if (sum.lt(need)) continue;
      const key: [number, number] = [Math.max(...chosen.map((x) => x.effort)), chosen.length];
      if (!best || key[0] < best[0] || (key[0] === best[0] && key[1] < best[1])) best = key;
    }
    expect(gap.coveredAfter === null).toBe(best === null);
    if (best && !need.isZero()) {
      withGap++;
      const recover = gap.candidates.slice(0, gap.coveredAfter!);
      expect([Math.max(...recover.map((c) => level(effort[c.code]))), recover.length]).toEqual(best);
      expect(recover[recover.length - 1].cumulativeLost.gte(need)).toBe(true);
    }
    // The JSON's recover is the same list.
    const [json] = tableTargets(analysis, { units: [unit], rank: k }, "vi");
    expect(json.recover).toEqual(gap.coveredAfter ? gap.candidates.slice(0, gap.coveredAfter).map((c) => c.code) : []);
  }
  expect(withGap).toBeGreaterThan(100);
});

describe("effort order", () => {
  const criteria = (efforts: Record<string, number>) =>
    [crit("1", 10, [crit("1.1", 4), crit("1.2", 6)]), crit("2", 10, [crit("2.1", 5), crit("2.2", 5)])].map((area) => ({
      ...area,
      children: area.children.map((c) => (efforts[c.code] ? { ...c, effort: D(efforts[c.code]) } : c)),
    }));
  // C lost 1.1: 2, 1.2: 3, 2.1: 1, 2.2: 4 (total 10 lost); A has 20, B 17, C 10.
  const table = (efforts: Record<string, number>) =>
    analyse(
      scorecard(criteria(efforts), [
        col("A", "", { "1.1": "4", "1.2": "6", "2.1": "5", "2.2": "5" }),
        col("B", "", { "1.1": "4", "1.2": "6", "2.1": "5", "2.2": "2" }),
        col("C", "", { "1.1": "2", "1.2": "3", "2.1": "4", "2.2": "1" }),
      ]),
    );

  it("without efforts: largest loss first", () => {
    const g = targetGap(table({}), { unit: "C", targetRank: 2 });
    expect(g.byEffort).toBe(false);
    expect(g.candidates.map((c) => c.code)).toEqual(["2.2", "1.2", "1.1", "2.1"]);
    expect(g.coveredAfter).toBe(2);
  });

  it("with efforts: the easy ones first when they cover the gap, largest loss first among them", () => {
    const g = targetGap(table({ "1.1": 1, "1.2": 1, "2.1": 1, "2.2": 5 }), { unit: "C", targetRank: 2 });
    expect(g.byEffort).toBe(true);
    expect(s(g.pointsNeeded)).toBe("7");
    // Effort 1 leaves: 1.2 (3), 1.1 (2), 2.1 (1) = 6 < 7, so 2.2 (effort 5) is needed: then the fewest at <= 5.
    expect(g.candidates.map((c) => [c.code, c.effort ? s(c.effort) : null])).toEqual([
      ["2.2", "5"],
      ["1.2", "1"],
      ["1.1", "1"],
      ["2.1", "1"],
    ]);
    expect(g.coveredAfter).toBe(2);
    const easy = targetGap(table({ "1.1": 1, "1.2": 1, "2.1": 2, "2.2": 5 }), { unit: "C", targetRank: 3 });
    expect(s(easy.pointsNeeded)).toBe("0");
    expect(easy.candidates.map((c) => c.code)).toEqual(["1.2", "1.1", "2.1", "2.2"]);
  });

  it("efforts given by code (responsibility sheet) win over the table's; a parent's effort covers its leaves", () => {
    const a = table({ "2.2": 1 });
    const g = targetGap(a, { unit: "C", targetRank: 2, efforts: new Map([["1", D(1)], ["2.2", D(4)]]) });
    expect(g.candidates.map((c) => [c.code, c.effort ? s(c.effort) : null])).toEqual([
      ["2.2", "4"],
      ["1.2", "1"],
      ["1.1", "1"],
      ["2.1", null],
    ]);
  });
});
