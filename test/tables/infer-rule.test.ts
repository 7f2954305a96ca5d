import * as path from "path";
import type { AnalysisJson } from "../../src/pipeline/json";
import { run } from "../cli/run";
import { REAL_DIR } from "./real-corpus";
import { analyseGrids } from "../../src/pipeline/run";
import { grid } from "./builder";
import type { CellValue } from "../../src/tables/grid";

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
    expect(table.criteria.map((c) => c.weight)).toEqual(["0.05", "0.05", "0.2", "0.05", "0.1", "0.05", "0.05", "0.2", "0.2", "0.05"]);
    expect(table.criteria.every((c) => !c.extra)).toBe(true);
    // The table gives no maxima; the weights and the scale are the built-in PCI template's, so sub-indices on 10, composite on 100.
    expect(table.criteria.map((c) => c.max)).toEqual(Array(10).fill("10.00"));
    expect(table.totalRule).toEqual({ rollup: "weighted-mean", max: "100.00" });
    expect(inferred[0].message).toContain('khớp bộ tiêu chí "PCI (VCCI)');
    expect(inferred[0].message).toContain("mỗi cột thành phần tối đa 10 điểm, tổng tối đa 100");
    // The published composite is kept (within the sub-indices' rounding) and ranks as published; lost points on 100.
    const first = table.units.find((u) => u.rank === 1)!;
    expect(["Quảng Ninh", "Quang Ninh"]).toContain(first.name);
    const [total, lost] = id === "pci-2021-subindices-vi" ? ["73.02", "26.98"] : ["73.40", "26.60"];
    expect(first).toMatchObject({ total, max: "100.00", lost, percent: total });
    // A sub-index's lost points: on its own 10 (Quảng Ninh 2021, Gia nhập thị trường 7,98: 2,02).
    if (id === "pci-2021-subindices-vi") expect(table.criteria[0].units["Quảng Ninh"]).toMatchObject({ points: "7.98", lost: "2.02" });
  });

  it("pci-composite-9-subindices-en (an older method, with other adjustments): no rule is adopted", async () => {
    const table = (await analyseReal("pci-composite-9-subindices-en")).tables[0];
    expect(table.findings.map((f) => f.kind)).not.toContain("total-rule-inferred");
    expect(table.totalRule).toBeUndefined();
  });
});

describe("the parts' maxima of an inferred rule, only where something supports them", () => {
  // Three indices weighted 20/30/50 %, ×10: Đơn vị 1 = 10 × (0,2 × 6 + 0,3 × 7 + 0,5 × 8) = 73.
  const units = [
    [6, 7, 8],
    [9.5, 5, 6],
    [4, 8, 7.5],
    [7, 7, 7],
    [8, 6.5, 9],
    [5.5, 9, 6],
    [6.5, 4, 8.5],
  ];
  const table = (scale: (v: number) => number, weights = [0.2, 0.3, 0.5], times = 10) => {
    const rows: CellValue[][] = [
      ["CHỈ SỐ TỔNG HỢP"],
      ["STT", "Đơn vị", "Chỉ số A", "Chỉ số B", "Chỉ số C", "Tổng điểm"],
      ...units.map((u, i) => {
        const parts = u.map(scale);
        const total = Math.round(times * parts.reduce((acc, v, k) => acc + weights[k] * v, 0) * 100) / 100;
        return [i + 1, `Đơn vị ${i + 1}`, ...parts, total] as CellValue[];
      }),
    ];
    const result = analyseGrids([grid(rows, { sheet: "Tổng hợp" })]);
    return result.tables[0].analysis;
  };

  it("a weighted mean ×10 of parts all within 10: parts on 10, the total on 100, said in the finding", () => {
    const analysis = table((v) => v);
    expect(analysis.scorecard.total?.rollup).toBe("weighted-mean");
    expect(analysis.scorecard.total?.max?.toString()).toBe("100");
    expect(analysis.scorecard.criteria.map((c) => c.max?.toString())).toEqual(["10", "10", "10"]);
    const first = analysis.columns.find((c) => c.column.unit === "Đơn vị 1")!;
    expect(first.nodes.get("")!.achieved?.toString()).toBe("73");
    expect(first.nodes.get("")!.lost?.toString()).toBe("27");
    const found = analysis.findings.find((f) => f.kind === "total-rule-inferred")!;
    expect(found.message.vi).toContain("Mọi giá trị thành phần nằm trong 0–10 và hệ số nhân 10 đưa chúng lên thang 100");
    expect(found.message.en).toContain("each part's maximum as 10 and the total's as 100");
  });

  it("parts that stay within half the scale, or go beyond it, say nothing of a maximum: none is given", () => {
    for (const scale of [(v: number) => v / 2, (v: number) => v * 1.5]) {
      const analysis = table(scale);
      expect(analysis.findings.map((f) => f.kind)).toContain("total-rule-inferred");
      expect(analysis.scorecard.total).toMatchObject({ rollup: "weighted-sum", max: null });
      expect(analysis.scorecard.criteria.map((c) => c.max)).toEqual([null, null, null]);
      expect(analysis.columns[0].nodes.get("")!.lost).toBeNull();
    }
  });

  it("a plain mean (scale 1) gives no maximum", () => {
    const analysis = table((v) => v * 10, [1 / 3, 1 / 3, 1 / 3], 1);
    expect(analysis.scorecard.total).toMatchObject({ rollup: "mean", max: null });
    expect(analysis.scorecard.criteria.map((c) => c.max)).toEqual([null, null, null]);
  });
});
