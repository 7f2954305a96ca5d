import { analyse } from "../../src/engine/analyse";
import { targetGap } from "../../src/engine/targets";
import { D, col, crit, s, scorecard, seed001 } from "./helpers";

describe("targetGap", () => {
  const criteria = () => [crit("1", 50, [crit("1.1", 20), crit("1.2", 30)]), crit("2", 50, [crit("2.1", 25), crit("2.2", 25)])];
  const sc = () =>
    scorecard(criteria(), [
      col("A", "2023", { "1.1": "20", "1.2": "29", "2.1": "25", "2.2": "24" }), // 98
      col("B", "2023", { "1.1": "19", "1.2": "28", "2.1": "24", "2.2": "20" }), // 91
      col("C", "2023", { "1.1": "18", "1.2": "28", "2.1": "24", "2.2": "20" }), // 90
      col("D", "2023", { "1.1": "18", "1.2": "28", "2.1": "24", "2.2": "20" }), // 90
      col("E", "2023", { "1.1": "15", "1.2": "27", "2.1": "24", "2.2": "20" }), // 86
      col("E", "2022", { "1.1": "1", "1.2": "1", "2.1": "1", "2.2": "1" }),
    ]);

  it("points needed to reach the value now at the target rank, and the leaves to win them back (most lost first, ties in table order)", () => {
    const g = targetGap(analyse(sc()), { unit: "E", targetRank: 3 });
    expect(g.period).toBe("2023");
    expect(g.currentRank).toBe(5);
    expect(s(g.currentValue)).toBe("86");
    expect(s(g.targetValue)).toBe("90");
    expect(s(g.pointsNeeded)).toBe("4");
    expect(g.reached).toBe(false);
    expect(g.candidates.map((c) => [c.code, s(c.lost), s(c.cumulativeLost), c.coversGap])).toEqual([
      ["1.1", "5", "5", true],
      ["2.2", "5", "10", true],
      ["1.2", "3", "13", true],
      ["2.1", "1", "14", true],
    ]);
    expect(g.coveredAfter).toBe(1);
  });

  it("a tie at the target rank is enough: target rank 4 with C and D tied at 3", () => {
    const g = targetGap(analyse(sc()), { unit: "E", targetRank: 4 });
    expect(s(g.targetValue)).toBe("90");
  });

  it("0 points needed when already there", () => {
    const g = targetGap(analyse(sc()), { unit: "C", targetRank: 3 });
    expect(s(g.pointsNeeded)).toBe("0");
    expect(g.reached).toBe(true);
    expect(g.coveredAfter).toBe(0);
  });

  it("narrows to one area", () => {
    const g = targetGap(analyse(sc()), { unit: "E", targetRank: 1, code: "1" });
    expect(s(g.pointsNeeded)).toBe("7");
    expect(g.candidates.map((c) => c.code)).toEqual(["1.1", "1.2"]);
    expect(g.coveredAfter).toBe(2);
  });

  it("a target rank beyond the table is the last value", () => {
    const g = targetGap(analyse(sc()), { unit: "E", targetRank: 10 });
    expect(g.reached).toBe(true);
  });

  it("seed 001 (a one-unit table): top 10 needs the 10th province's value, given by the user", () => {
    const a = analyse(seed001());
    const unknown = targetGap(a, { unit: "Thừa Thiên Huế", targetRank: 10 });
    expect(unknown.currentRank).toBe(13);
    expect(unknown.pointsNeeded).toBeNull();
    expect(unknown.reached).toBeNull();
    expect(unknown.candidates[0]).toMatchObject({ code: "8" });
    expect(s(unknown.candidates[0].lost)).toBe("5.2");
    const known = targetGap(a, { unit: "Thừa Thiên Huế", targetRank: 10, targetValue: D("84.5") });
    expect(s(known.pointsNeeded)).toBe("1.44");
    expect(known.coveredAfter).toBe(1);
    const reached = targetGap(a, { unit: "Thừa Thiên Huế", targetRank: 15 });
    expect(reached.reached).toBe(true);
  });
});
