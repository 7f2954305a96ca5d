import { analyse } from "../../src/engine/analyse";
import { publishedDecimals } from "../../src/engine/ranks";
import { TOTAL_CODE } from "../../src/engine/types";
import { col, crit, scorecard } from "./helpers";

/** A national e-government style column, published with 3 decimals. */
function threeDecimals() {
  return scorecard(
    [crit("1", 1), crit("2", 1)],
    [
      col("A", "", { "1": "0,651", "2": "0,5" }, { publishedTotal: "1,151" }),
      col("B", "", { "1": "0,649", "2": "0,5" }, { publishedTotal: "1,149" }),
      col("C", "", { "1": "0,648", "2": "0,5" }, { publishedTotal: "1,148" }),
    ],
  );
}

const labels = (a: ReturnType<typeof analyse>, code: string) => a.ranks.find((t) => t.code === code)!.entries.map((e) => `${e.unit}:${e.label}`);

describe("ties at the precision as published", () => {
  test("a column published with 3 decimals is ranked on 3, not tied at 0,65", () => {
    const a = analyse(threeDecimals());
    expect(labels(a, "1")).toEqual(["A:1", "B:2", "C:3"]);
    expect(labels(a, TOTAL_CODE)).toEqual(["A:1", "B:2", "C:3"]);
    expect(a.ranks.find((t) => t.code === "1")!.decimals).toBe(3);
    expect(a.ranks.find((t) => t.code === "2")!.decimals).toBe(2);
  });

  test("the design brief's fixed 2 decimals stays available as tiesAt: fixed", () => {
    const a = analyse(threeDecimals(), { tiesAt: "fixed" });
    expect(labels(a, "1")).toEqual(["A:1(3)", "B:1(3)", "C:1(3)"]);
    expect(a.ranks.find((t) => t.code === "1")!.decimals).toBe(2);
  });

  test("a total ParScore computes (none published) is ranked on 2 decimals", () => {
    const sc = scorecard(
      [crit("1", 1)],
      [col("A", "", { "1": "0,651" }), col("B", "", { "1": "0,649" })],
    );
    const a = analyse(sc);
    expect(labels(a, "1")).toEqual(["A:1", "B:2"]);
    expect(labels(a, TOTAL_CODE)).toEqual(["A:1(2)", "B:1(2)"]);
    expect(a.ranks.find((t) => t.code === TOTAL_CODE)!.decimals).toBe(2);
  });

  test("the decimals a reader kept (trailing zeros: 0,650) count, and never fewer than 2", () => {
    const sc = threeDecimals();
    for (const c of sc.columns) c.points.get("2")!.decimals = 3;
    const d = publishedDecimals(sc.columns);
    expect(d.get("1")).toBe(3);
    expect(d.get("2")).toBe(3);
    expect(d.get(TOTAL_CODE)).toBe(3);
    const halves = scorecard([crit("1", 10)], [col("A", "", { "1": "8,5" }), col("B", "", { "1": "8" })]);
    expect(publishedDecimals(halves.columns).get("1")).toBe(2);
  });
});
