import {
  criteriaByCode,
  effectiveKinds,
  findCriterion,
  flattenCriteria,
  leafCriteria,
  nominalTotalMax,
  parentMap,
  validateTree,
} from "../../src/engine/tree";
import type { Criterion } from "../../src/engine/types";
import { D, crit, s, scorecard } from "./helpers";

function tree(): Criterion[] {
  return scorecard(
    [
      crit("1", "8,5", [crit("1.1", 3, [crit("1.1.1", 1), crit("1.1.2", 2)]), crit("1.2", "5,5")]),
      crit("2", 10, [crit("2.1", 4), crit("2.2", 6)]),
      crit("T", 2, [], { kind: "bonus" }),
      crit("X", null, [crit("X.1", 1)], { extra: true }),
    ],
    [],
  ).criteria;
}

describe("walking the criteria tree", () => {
  it("flattens in table order, parents first", () => {
    expect(flattenCriteria(tree()).map((c) => c.code)).toEqual(["1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "2.1", "2.2", "T", "X", "X.1"]);
  });
  it("lists leaves, leaving extra rows out unless asked", () => {
    expect(leafCriteria(tree()).map((c) => c.code)).toEqual(["1.1.1", "1.1.2", "1.2", "2.1", "2.2", "T"]);
    expect(leafCriteria(tree(), { includeExtra: true }).map((c) => c.code)).toContain("X.1");
  });
  it("finds by code and maps parents", () => {
    const t = tree();
    expect(findCriterion(t, "1.1.2")?.level).toBe(3);
    expect(findCriterion(t, "9")).toBeUndefined();
    const parents = parentMap(t);
    expect(parents.get("1.1.2")?.code).toBe("1.1");
    expect(parents.get("1.1")?.code).toBe("1");
    expect(parents.has("1")).toBe(false);
    expect(criteriaByCode(t).get("2.2")?.max?.toFixed()).toBe("6");
  });
  it("inherits bonus/penalty kind down the tree", () => {
    const t = scorecard([crit("P", 3, [crit("P.1", 1), crit("P.2", 2)], { kind: "penalty" })], []).criteria;
    expect(effectiveKinds(t).get("P.2")).toBe("penalty");
  });
  it("nominal total max counts ordinary, non-extra roots only", () => {
    expect(s(nominalTotalMax(tree()))).toBe("18.5");
    expect(nominalTotalMax([crit("1", null)])).toBeNull();
  });
  it("nominal total max follows the total's rule, not the sum of the areas' maxima", () => {
    const parts = () => [crit("a", 10), crit("b", 10), crit("c", 10)].map((c, i) => ({ ...c, weight: D(["0.2", "0.3", "0.5"][i]) }));
    // PCI: sub-indices on 10, their weighted mean brought to 100.
    expect(s(nominalTotalMax(parts(), { rollup: "weighted-mean", max: D(100) }))).toBe("100");
    // The weighted mean itself stays on 10; a weighted sum is Σ w·max; a mean of three maxima of 10 is 10.
    expect(s(nominalTotalMax(parts(), { rollup: "weighted-mean", max: null }))).toBe("10");
    expect(s(nominalTotalMax(parts().map((c) => ({ ...c, weight: c.weight.times(10) })), { rollup: "weighted-sum", max: null }))).toBe("100");
    expect(s(nominalTotalMax(parts(), { rollup: "mean", max: null }))).toBe("10");
    // Unknown parts' maxima: the total's own max, else nothing.
    expect(s(nominalTotalMax([crit("a", null), crit("b", null)], { rollup: "mean", max: D(100) }))).toBe("100");
    expect(nominalTotalMax([crit("a", null), crit("b", null)], { rollup: "mean", max: null })).toBeNull();
  });
});

describe("validateTree", () => {
  it("accepts a consistent tree", () => {
    expect(validateTree(tree())).toEqual([]);
  });

  it("reports a parent max that its children do not add up to, with both numbers", () => {
    const t = scorecard([crit("1", 10, [crit("1.1", 4), crit("1.2", 5)])], []).criteria;
    const f = validateTree(t);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: "max-sum-mismatch", severity: "warning", code: "1", location: { sheet: "Bảng", cell: "B:1" } });
    expect(f[0].message.vi).toContain("9");
    expect(f[0].message.vi).toContain("10");
    expect(f[0].message.en).toContain("difference 1");
  });

  it("reports a difference within tolerance as info", () => {
    const t = scorecard([crit("1", "10", [crit("1.1", "3,33"), crit("1.2", "6,66")])], []).criteria;
    const f = validateTree(t);
    expect(f.map((x) => [x.kind, x.severity])).toEqual([["max-rounding-difference", "info"]]);
    expect(f[0].message.vi).toContain("0,01");
    expect(validateTree(t, { tolerance: D(0) })[0].kind).toBe("max-sum-mismatch");
  });

  it("does not count a bonus child's cap in its parent's max", () => {
    const t = scorecard([crit("1", 10, [crit("1.1", 4), crit("1.2", 6), crit("1.3", 1, [], { kind: "bonus" })])], []).criteria;
    expect(validateTree(t)).toEqual([]);
  });

  it("reports duplicate and empty codes and unknown kinds", () => {
    const bad = { ...crit("3", 1), kind: "extra-credit" } as unknown as Criterion;
    const t = scorecard([crit("1", 1), crit("1", 2), crit("", 1), bad], []).criteria;
    const kinds = validateTree(t).map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(["duplicate-code", "empty-code", "unknown-kind"]));
    expect(validateTree(t).every((f) => f.severity === "error")).toBe(true);
  });

  it("reports a negative max", () => {
    expect(validateTree([crit("1", "-1")])[0].kind).toBe("negative-max");
  });
});
