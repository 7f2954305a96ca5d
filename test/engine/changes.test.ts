import { analyse } from "../../src/engine/analyse";
import { changePhrase, pointsChangePhrase, rankChangePhrase } from "../../src/engine/changes";
import { TOTAL_CODE } from "../../src/engine/types";
import { D, col, crit, s, scorecard, seed001 } from "./helpers";

describe("phrases", () => {
  it("points: tăng / giảm / giữ nguyên, with short Vietnamese numbers", () => {
    expect(pointsChangePhrase(D("4.16"))).toEqual({ vi: "tăng 4,16 điểm", en: "up 4.16 points" });
    expect(pointsChangePhrase(D("-0.16"))).toEqual({ vi: "giảm 0,16 điểm", en: "down 0.16 points" });
    expect(pointsChangePhrase(D("-0.50"))).toEqual({ vi: "giảm 0,5 điểm", en: "down 0.5 points" });
    expect(pointsChangePhrase(D("0"))).toEqual({ vi: "giữ nguyên số điểm", en: "points unchanged" });
    expect(pointsChangePhrase(D("1")).en).toBe("up 1 point");
  });

  it("a delta that rounds to zero reads as unchanged, never 'tăng 0 điểm'", () => {
    expect(pointsChangePhrase(D("0.004")).vi).toBe("giữ nguyên số điểm");
    expect(pointsChangePhrase(D("-0.004")).vi).toBe("giữ nguyên số điểm");
    expect(pointsChangePhrase(D("0.005")).vi).toBe("tăng 0,01 điểm");
  });

  it("ranks: tăng / giảm bậc, giữ nguyên vị thứ", () => {
    expect(rankChangePhrase(34)).toEqual({ vi: "tăng 34 bậc", en: "up 34 places" });
    expect(rankChangePhrase(-3)).toEqual({ vi: "giảm 3 bậc", en: "down 3 places" });
    expect(rankChangePhrase(0)).toEqual({ vi: "giữ nguyên vị thứ", en: "rank unchanged" });
    expect(rankChangePhrase(1).en).toBe("up 1 place");
  });

  it("combined as in seed 001", () => {
    expect(changePhrase(D("4.16"), 3)).toEqual({ vi: "tăng 4,16 điểm và tăng 3 bậc", en: "up 4.16 points and up 3 places" });
    expect(changePhrase(D("0"), 0)).toEqual({ vi: "giữ nguyên số điểm và vị thứ", en: "unchanged" });
    expect(changePhrase(null, -26)).toEqual({ vi: "giảm 26 bậc", en: "down 26 places" });
    expect(changePhrase(null, null).en).toBe("nothing to compare");
  });
});

describe("changes between periods", () => {
  const a = analyse(seed001());
  const find = (code: string) => a.changes.find((c) => c.code === code)!;

  it("seed 001 total: tăng 4,16 điểm và tăng 3 bậc (2018 -> 2019, published ranks 16 -> 13)", () => {
    const t = find(TOTAL_CODE);
    expect(t).toMatchObject({ unit: "Thừa Thiên Huế", fromPeriod: "2018", toPeriod: "2019", rankDelta: 3 });
    expect(s(t.pointsDelta)).toBe("4.16");
    expect(t.phrase.vi).toBe("tăng 4,16 điểm và tăng 3 bậc");
    expect(t.phrase.en).toBe("up 4.16 points and up 3 places");
  });

  it("seed 001 area 1: 38 (5) -> 4(12) is tăng 34 bậc", () => {
    const c = find("1");
    expect(c.rankDelta).toBe(34);
    expect(c.phrase.vi).toBe("tăng 1,5 điểm và tăng 34 bậc");
  });

  it("seed 001 area 2: giảm 0,12 điểm và giảm 24 bậc; SIPAS row giảm 26 bậc", () => {
    expect(find("2").phrase.vi).toBe("giảm 0,12 điểm và giảm 24 bậc");
    expect(find("SIPAS").rankDelta).toBe(-26);
    expect(find("TĐ").phrase.vi).toBe("tăng 5,39 điểm và tăng 10 bậc");
  });

  it("uses computed ranks when the table ranks several units, published ranks otherwise", () => {
    const sc = scorecard(
      [crit("1", 100)],
      [
        col("A", "2019", { "1": "80" }, { ranks: { [TOTAL_CODE]: "40" } }),
        col("B", "2019", { "1": "90" }),
        col("A", "2020", { "1": "95" }, { ranks: { [TOTAL_CODE]: "50" } }),
        col("B", "2020", { "1": "85" }),
      ],
    );
    const c = analyse(sc).changes.find((x) => x.unit === "A" && x.code === TOTAL_CODE)!;
    expect(c.rankDelta).toBe(1);
    expect(c.phrase.vi).toBe("tăng 15 điểm và tăng 1 bậc");
  });

  it("sorts periods numerically and compares consecutive ones only", () => {
    const sc = scorecard(
      [crit("1", 100)],
      [col("A", "2021", { "1": "70" }), col("A", "2019", { "1": "50" }), col("A", "2020", { "1": "60" })],
    );
    const totals = analyse(sc).changes.filter((x) => x.code === TOTAL_CODE);
    expect(totals.map((x) => `${x.fromPeriod}->${x.toPeriod}:${s(x.pointsDelta)}`)).toEqual(["2019->2020:10", "2020->2021:10"]);
    // One unit per period: no computed ranks, none published either.
    expect(totals[0].rankDelta).toBeNull();
    expect(totals[0].phrase.vi).toBe("tăng 10 điểm");
  });

  it("ignores self-assessment columns", () => {
    const sc = scorecard([crit("1", 100)], [col("A", "2019", { "1": "50" }), col("A", "2020", { "1": "60" }, { basis: "self" })]);
    expect(analyse(sc).changes).toEqual([]);
  });
});
