import Decimal from "decimal.js";
import { applyTemplate } from "../../src/tables/apply-template";
import { parseTemplate, TemplateError } from "../../src/tables/templates";
import type { Scorecard } from "../../src/engine/types";

const err = (json: unknown): string => {
  try {
    parseTemplate(json);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError);
    return (e as TemplateError).message;
  }
  throw new Error("no error");
};

describe("templates carry roll-up rules and weights (issue 22)", () => {
  const pci = {
    id: "pci-like",
    rollup: "weighted-mean",
    max: "100",
    criteria: [
      { code: "1", title: "Gia nhập thị trường", max: "10", weight: "0.05" },
      { code: "2", title: "Tính minh bạch", max: "10", weight: "0,2" },
      { code: "3", title: "Nhóm", max: "100", rollup: "mean", children: [{ code: "3.1", title: "a", max: "100" }] },
    ],
  };

  it("reads the total's rule, a node's rule and weights given as strings", () => {
    const t = parseTemplate(pci);
    expect(t.total?.rollup).toBe("weighted-mean");
    expect(t.total?.max?.toString()).toBe("100");
    expect(t.criteria.map((c) => c.weight?.toString())).toEqual(["0.05", "0.2", undefined]);
    expect(t.criteria[2].rollup).toBe("mean");
  });

  it("says where a bad rule or weight is", () => {
    expect(err({ ...pci, rollup: "median" })).toBe("rollup: Unknown roll-up rule 'median' (sum, weighted-sum, mean, weighted-mean, scaled-sum)");
    expect(err({ id: "x", criteria: [{ code: "1", title: "A", weight: "-0.2" }] })).toBe("criteria[0].weight: Weight of '1': must not be negative");
    expect(err({ id: "x", criteria: [{ code: "1", title: "A", weight: "hai" }] })).toMatch(/^criteria\[0\]\.weight: Weight of '1': 'hai' is not a number/);
    expect(err({ id: "x", criteria: [{ code: "1", title: "A", children: [{ code: "1.1", title: "B", rollup: 3 }] }] })).toBe(
      "criteria[0].children[0].rollup: Unknown roll-up rule '3' for '1.1' (sum, weighted-sum, mean, weighted-mean, scaled-sum)",
    );
  });

  it("fills in rules and weights a table leaves out, keeping the table's own", () => {
    const sc: Scorecard = {
      criteria: [
        { code: "1", title: "Gia nhập thị trường", max: null, kind: "ordinary", level: 1, children: [] },
        { code: "2", title: "Tính minh bạch", max: null, kind: "ordinary", level: 1, children: [], weight: new Decimal("0.25") },
      ],
      columns: [],
      findings: [],
    };
    applyTemplate(sc, parseTemplate(pci));
    expect(sc.total).toEqual({ rollup: "weighted-mean", max: new Decimal(100) });
    expect(sc.criteria.map((c) => c.weight?.toString())).toEqual(["0.05", "0.25"]);
  });
});
