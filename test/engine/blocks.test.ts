/** Blocks of units: ranks within each block (overall ranks kept), class bands per block, targets within the block. */
import { analyse } from "../../src/engine/analyse";
import { PROVINCE_UNITS_RATING, bandsFor, checkScheme, classify, type ClassScheme } from "../../src/engine/classes";
import { rankIndex } from "../../src/engine/ranks";
import { targetGap } from "../../src/engine/targets";
import type { ScoreColumn } from "../../src/engine/types";
import { TOTAL_CODE } from "../../src/engine/types";
import { rankFor } from "../../src/engine/views";
import { D, col, crit, s, scorecard } from "./helpers";

const inBlock = (c: ScoreColumn, block: string): ScoreColumn => ({ ...c, block });
const DEPARTMENTS = "I. KHỐI SỞ, BAN, NGÀNH";
const DISTRICTS = "II. UBND CẤP HUYỆN";

const blocked = () =>
  scorecard(
    [crit("1", 50), crit("2", 50)],
    [
      inBlock(col("Sở A", "", { "1": "46", "2": "46" }, { indicators: { lateDossierPercent: 6 } }), DEPARTMENTS), // 92
      inBlock(col("Sở B", "", { "1": "44", "2": "42" }), DEPARTMENTS), // 86
      inBlock(col("Sở C", "", { "1": "41", "2": "40" }), DEPARTMENTS), // 81
      inBlock(col("Huyện E", "", { "1": "42", "2": "41" }), DISTRICTS), // 83
      inBlock(col("Thị xã G", "", { "1": "38", "2": "38" }), DISTRICTS), // 76
      inBlock(col("Huyện H", "", { "1": "33", "2": "32" }), DISTRICTS), // 65
    ],
  );

describe("ranks within blocks", () => {
  it("each block is ranked on its own; the overall ranking is kept", () => {
    const a = analyse(blocked());
    const total = (u: string) => rankFor(a, a.columns.find((c) => c.column.unit === u)!, TOTAL_CODE);
    expect(["Sở A", "Sở B", "Sở C", "Huyện E", "Thị xã G", "Huyện H"].map((u) => `${total(u)?.rank}/${total(u)?.of}`)).toEqual([
      "1/3",
      "2/3",
      "3/3",
      "1/3",
      "2/3",
      "3/3",
    ]);
    expect(a.ranks.filter((t) => t.code === TOTAL_CODE).map((t) => t.block)).toEqual([DEPARTMENTS, DISTRICTS]);
    const overall = rankIndex(a.overallRanks!);
    expect(["Sở A", "Sở B", "Huyện E", "Sở C", "Thị xã G", "Huyện H"].map((u) => overall.entry("", TOTAL_CODE, u)?.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    // Per criterion too.
    expect(rankFor(a, a.columns[3], "1")?.label).toBe("1");
  });

  it("rankWithinBlocks: false ranks all units together; a table without blocks has no overallRanks", () => {
    const together = analyse(blocked(), { rankWithinBlocks: false });
    expect(rankFor(together, together.columns[3])?.rank).toBe(3);
    expect(together.overallRanks).toBeUndefined();
    const plain = analyse(scorecard([crit("1", 10)], [col("A", "", { "1": "5" }), col("B", "", { "1": "6" })]));
    expect(plain.overallRanks).toBeUndefined();
    expect(plain.ranks.every((t) => t.block === undefined)).toBe(true);
  });

  it("published ranks are compared within the block (no finding when they match)", () => {
    const sc = blocked();
    sc.columns[0].publishedRanks.set(TOTAL_CODE, { rank: 1 });
    sc.columns[3].publishedRanks.set(TOTAL_CODE, { rank: 1 });
    sc.columns[4].publishedRanks.set(TOTAL_CODE, { rank: 3 });
    const kinds = analyse(sc).findings.filter((f) => f.kind === "rank-differs-from-published");
    expect(kinds.map((f) => f.column)).toEqual(["Thị xã G||score"]);
  });

  it("a table that publishes one ranking over all units (a rank beyond the block's size) is ranked over all units", () => {
    const sc = blocked();
    sc.columns[3].publishedRanks.set(TOTAL_CODE, { rank: 3 });
    sc.columns[5].publishedRanks.set(TOTAL_CODE, { rank: 6 });
    const a = analyse(sc);
    expect(a.overallRanks).toBeUndefined();
    expect(a.ranks.every((t) => t.block === undefined)).toBe(true);
    expect(rankFor(a, a.columns[5])?.label).toBe("6");
    expect(a.findings.filter((f) => f.kind === "rank-differs-from-published")).toEqual([]);
  });

  it("a target rank is a place in the unit's block", () => {
    const a = analyse(blocked());
    const g = targetGap(a, { unit: "Huyện H", targetRank: 1 });
    expect(g.currentRank).toBe(3);
    expect(s(g.targetValue)).toBe("83");
    expect(s(g.pointsNeeded)).toBe("18");
  });
});

describe("class bands per block", () => {
  it("province-units: departments at 90/80/70, districts at 80/70/60, the late-dossier cap on both", () => {
    const a = analyse(blocked(), { classScheme: PROVINCE_UNITS_RATING });
    expect(a.columns.map((c) => [c.column.unit, c.class?.band, c.class?.label])).toEqual([
      ["Sở A", "Tốt", "Khá"],
      ["Sở B", "Khá", "Khá"],
      ["Sở C", "Khá", "Khá"],
      ["Huyện E", "Tốt", "Tốt"],
      ["Thị xã G", "Khá", "Khá"],
      ["Huyện H", "Trung bình", "Trung bình"],
    ]);
    expect(checkScheme(PROVINCE_UNITS_RATING)).toEqual([]);
  });

  it("blocks match by keywords as whole words, any case, with or without diacritics; no match uses the scheme's bands", () => {
    const label = (block: string | undefined) => classify(D("75"), undefined, PROVINCE_UNITS_RATING, block)?.label;
    expect(label("Khối huyện")).toBe("Khá");
    expect(label("UBND CAC HUYEN, THI XA, THANH PHO")).toBe("Khá");
    expect(label("Khối Sở")).toBe("Trung bình");
    // "quận" is not "cơ quan": with marks in the name, marks count.
    expect(label("Khối cơ quan ngành dọc")).toBe("Trung bình");
    expect(label("Khoi quan")).toBe("Khá");
    expect(label(undefined)).toBe("Trung bình");
    // "sở" is a whole word: "Sơn" does not match it.
    expect(bandsFor(PROVINCE_UNITS_RATING, "Huyện Sơn Tịnh").bands[0].minPercent).toBe(80);
  });

  it("a unit outside any block is matched by its own name", () => {
    const sc = scorecard([crit("1", 100)], [col("Huyện A", "", { "1": "82" }), col("Sở B", "", { "1": "82" }), col("Ban Quản lý X", "", { "1": "82" })]);
    const a = analyse(sc, { classScheme: PROVINCE_UNITS_RATING });
    expect(a.columns.map((c) => c.class?.label)).toEqual(["Tốt", "Khá", "Khá"]);
  });

  it("a block's own caps replace the scheme's; schemes with blocks are checked", () => {
    const scheme: ClassScheme = {
      id: "t",
      bands: [{ label: "A", minPercent: 50 }, { label: "B", minPercent: 0 }],
      caps: [{ id: "c", indicator: "x", op: ">", threshold: 1, maxLabel: "B", reason: { vi: "x", en: "x" } }],
      blocks: [{ match: ["huyện"], bands: [{ label: "A", minPercent: 40 }, { label: "B", minPercent: 0 }], caps: [] }],
    };
    expect(classify(D("45"), { x: D(2) }, scheme, "Khối huyện")?.label).toBe("A");
    expect(classify(D("55"), { x: D(2) }, scheme, "Khối sở")?.label).toBe("B");
    const bad: ClassScheme = { ...scheme, blocks: [{ match: [" "], bands: [{ label: "A", minPercent: 1 }, { label: "B", minPercent: 5 }, { label: "C", minPercent: 0 }] }] };
    expect(checkScheme(bad)).toEqual(["block 1 has no keyword to match", 'block 1 ( ): band "B" is not below "A"']);
  });
});
