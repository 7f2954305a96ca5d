import * as path from "path";
import type { AnalysisJson } from "../../src/pipeline/json";
import { run } from "../cli/run";
import { REAL_DIR } from "./real-corpus";

async function analyseReal(id: string): Promise<AnalysisJson> {
  const { out } = await run(["analyze", path.join(REAL_DIR, `${id}.xlsx`), "--json", "-"]);
  return JSON.parse(out) as AnalysisJson;
}

describe("the rule of a total the table only publishes (issue 22), on real PCI tables", () => {
  it.each(["pci-2021-subindices-vi", "pci-2019-subindices-en"])("%s: a weighted mean of the 10 sub-indices (5% … 20%) times 10", async (id) => {
    const json = await analyseReal(id);
    const table = json.tables[0];
    const inferred = table.findings.filter((f) => f.kind === "total-rule-inferred");
    expect(inferred).toHaveLength(1);
    expect(inferred[0].severity).toBe("info");
    expect(table.findings.map((f) => f.kind)).not.toContain("parts-beside-total");
    expect(table.findings.filter((f) => f.kind === "sum-mismatch")).toEqual([]);
    // VCCI's published weights since 2017: 5% except Transparency 20%, Informal charges 10%, Business support 20%, Labour 20%.
    expect(table.criteria.map((c) => c.weight)).toEqual(["0.5", "0.5", "2", "0.5", "1", "0.5", "0.5", "2", "2", "0.5"]);
    expect(table.criteria.every((c) => !c.extra)).toBe(true);
    expect(table.totalRule).toEqual({ rollup: "weighted-sum", max: null });
    // The published composite is kept (within the sub-indices' rounding) and ranks as published.
    const first = table.units.find((u) => u.rank === 1)!;
    expect(["Quảng Ninh", "Quang Ninh"]).toContain(first.name);
    expect(first.total).toBe(id === "pci-2021-subindices-vi" ? "73.02" : "73.40");
  });

  it("pci-composite-9-subindices-en (an older method, with other adjustments): no rule is adopted", async () => {
    const table = (await analyseReal("pci-composite-9-subindices-en")).tables[0];
    expect(table.findings.map((f) => f.kind)).not.toContain("total-rule-inferred");
    expect(table.totalRule).toBeUndefined();
  });
});
