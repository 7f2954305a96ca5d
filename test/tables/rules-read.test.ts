/**
 * Rules the table states (issue 22): a "Trọng số" / "Hệ số" column in criteria-in-rows tables, a total that
 * is the mean of percentages, and a note row describing the rule. Totals are hand-worked.
 */
import { analyse } from "../../src/engine/analyse";
import { TOTAL_CODE, type Criterion } from "../../src/engine/types";
import { recogniseGrid } from "../../src/tables/recognise";
import { ruleOfNote, isMeanTitle } from "../../src/tables/stated-rules";
import { grid } from "./builder";

const find = (nodes: readonly Criterion[], code: string): Criterion | undefined => {
  for (const n of nodes) {
    if (n.code === code) return n;
    const below = find(n.children, code);
    if (below) return below;
  }
  return undefined;
};

describe("a weights column in a criteria-in-rows table", () => {
  it("gives each criterion its weight; the total is their weighted mean on the total's max", () => {
    const { tables } = recogniseGrid(
      grid([
        ["BẢNG ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH"],
        ["Đơn vị: Sở Tư pháp"],
        ["STT", "Tiêu chí", "Điểm tối đa", "Trọng số", "Điểm đạt"],
        ["1", "Công tác chỉ đạo", 10, 0.2, 8],
        ["2", "Thủ tục hành chính", 10, 0.3, 9],
        ["3", "Tổ chức bộ máy", 10, 0.5, 6],
        ["", "Tổng điểm", 100, "", 73],
      ]),
    );
    const table = tables[0];
    expect(table.layout).toBe("self-assessment");
    // The weights column is no unit and no points.
    expect(table.scorecard.columns.map((c) => c.unit)).toEqual(["Sở Tư pháp"]);
    expect(table.scorecard.criteria.map((c) => c.weight?.toString())).toEqual(["0.2", "0.3", "0.5"]);
    expect(table.scorecard.criteria[0].weightLocation?.cell).toBe("D4");
    expect(table.scorecard.total?.rollup).toBe("weighted-mean");
    expect(table.scorecard.total?.max?.toString()).toBe("100");
    const a = analyse(table.scorecard);
    // (0,2 × 8 + 0,3 × 9 + 0,5 × 6) × 100 / 10 = 7,3 × 10 = 73.
    const total = a.columns[0].nodes.get(TOTAL_CODE)!;
    expect(total.achieved?.toString()).toBe("73");
    expect(total.max?.toString()).toBe("100");
    expect(a.findings.map((f) => f.kind)).not.toContain("sum-mismatch");
    const read = a.findings.find((f) => f.kind === "weights-read")!;
    expect(read.severity).toBe("info");
    expect(read.location?.cell).toBe("D3");
    expect(read.message.en).toContain("weighted mean");
  });

  it("'Hệ số' multipliers under an area whose max and points are their weighted sum: the area is a weighted sum", () => {
    const { tables } = recogniseGrid(
      grid([
        ["STT", "Nội dung", "Điểm tối đa", "Hệ số", "Điểm thẩm định"],
        ["I", "Công tác chỉ đạo", 40, "", 31],
        ["1.1", "Kế hoạch", 10, 2, 9],
        ["1.2", "Báo cáo", 10, 1, 7],
        ["1.3", "Kiểm tra", 10, 1, 6],
        ["II", "Thủ tục hành chính", 20, "", 15],
        ["2.1", "Công bố", 10, "", 8],
        ["2.2", "Giải quyết", 10, "", 7],
        ["", "Tổng điểm", 60, "", 46],
      ]),
    );
    const table = tables[0];
    const area = find(table.scorecard.criteria, "I")!;
    expect(area.rollup).toBe("weighted-sum");
    expect(find(table.scorecard.criteria, "II")!.rollup).toBeUndefined();
    expect(table.scorecard.total).toBeUndefined();
    const a = analyse(table.scorecard);
    // I: 2 × 9 + 7 + 6 = 31 of 2 × 10 + 10 + 10 = 40; total 31 + 15 = 46 of 60.
    expect(a.columns[0].nodes.get("I")?.achieved?.toString()).toBe("31");
    expect(a.columns[0].nodes.get("I")?.max?.toString()).toBe("40");
    expect(a.columns[0].nodes.get(TOTAL_CODE)?.achieved?.toString()).toBe("46");
    expect(a.findings.filter((f) => f.severity !== "info").map((f) => f.kind)).toEqual([]);
  });

  it("the same weights with the area's points their weighted mean on its max: a weighted mean", () => {
    const { tables } = recogniseGrid(
      grid([
        ["STT", "Nội dung", "Điểm tối đa", "Trọng số (%)", "Điểm thẩm định"],
        ["I", "Công tác chỉ đạo", 10, "", 7.75],
        ["1.1", "Kế hoạch", 10, 50, 9],
        ["1.2", "Báo cáo", 10, 25, 7],
        ["1.3", "Kiểm tra", 10, 25, 6],
        ["II", "Thủ tục hành chính", 20, "", 15],
        ["2.1", "Công bố", 10, "", 8],
        ["2.2", "Giải quyết", 10, "", 7],
        ["", "Tổng điểm", 30, "", 22.75],
      ]),
    );
    const table = tables[0];
    expect(find(table.scorecard.criteria, "I")!.rollup).toBe("weighted-mean");
    const a = analyse(table.scorecard);
    // I: (50 × 9 + 25 × 7 + 25 × 6) / 100 = 7,75 of 10.
    expect(a.columns[0].nodes.get("I")?.achieved?.toString()).toBe("7.75");
    expect(a.columns[0].nodes.get(TOTAL_CODE)?.achieved?.toString()).toBe("22.75");
    expect(a.findings.map((f) => f.kind)).not.toContain("weights-sum");
  });

  it("a weight that cannot be read is said at its cell, and its parent keeps the weighted rule without it (missing-weight)", () => {
    const { tables } = recogniseGrid(
      grid([
        ["STT", "Tiêu chí", "Điểm tối đa", "Trọng số", "Điểm đạt"],
        ["1", "Công tác chỉ đạo", 10, "0,5", 8],
        ["2", "Thủ tục hành chính", 10, "abc", 9],
      ], { sheet: "Sở A" }),
    );
    const a = analyse(tables[0].scorecard);
    expect(a.findings.find((f) => f.kind === "unreadable-weight")?.location).toEqual({ sheet: "Sở A", cell: "D3" });
    expect(a.findings.find((f) => f.kind === "missing-weight")?.severity).toBe("error");
  });

  it("weights that do not add up to 1 under a parent: the located weights-sum warning", () => {
    const { tables } = recogniseGrid(
      grid([
        ["STT", "Tiêu chí", "Điểm tối đa", "Trọng số", "Điểm đạt"],
        ["1", "Công tác chỉ đạo", 10, 0.2, 8],
        ["2", "Thủ tục hành chính", 10, 0.3, 9],
        ["3", "Tổ chức bộ máy", 10, 0.4, 6],
      ], { sheet: "Sở A" }),
    );
    const a = analyse(tables[0].scorecard);
    const sum = a.findings.find((f) => f.kind === "weights-sum")!;
    expect(sum.severity).toBe("warning");
    expect(sum.location).toEqual({ sheet: "Sở A", cell: "D2" });
    expect(sum.message.vi).toContain("0,9");
  });
});

describe("a total that is the mean of percentages", () => {
  const sipasRows = [
    ["1", "Tiếp cận dịch vụ", 83],
    ["2", "Thủ tục hành chính", 88.3],
    ["3", "Công chức giải quyết công việc", 97.1],
    ["4", "Kết quả giải quyết công việc", 71.4],
    ["5", "Tiếp nhận, xử lý góp ý", 93.8],
  ];

  it("a total row titled 'Trung bình': the mean, said at the row", () => {
    const { tables } = recogniseGrid(grid([["Đơn vị: Sở Tư pháp"], ["STT", "Nội dung", "Điểm"], ...sipasRows, ["", "Trung bình", 86.72]]));
    const table = tables[0];
    expect(table.scorecard.total?.rollup).toBe("mean");
    const a = analyse(table.scorecard);
    // (83 + 88,3 + 97,1 + 71,4 + 93,8) / 5 = 433,6 / 5 = 86,72.
    expect(a.columns[0].nodes.get(TOTAL_CODE)?.achieved?.toString()).toBe("86.72");
    const read = a.findings.find((f) => f.kind === "total-rule-read")!;
    expect(read.location?.cell).toBe("B8");
    expect(a.findings.map((f) => f.kind)).not.toContain("sum-mismatch");
  });

  it("'Tỷ lệ (%)' parts and a 'Chỉ số SIPAS' row equal to their mean: the mean, the row the total", () => {
    const { tables } = recogniseGrid(grid([["Đơn vị: Sở Tư pháp"], ["STT", "Nội dung", "Tỷ lệ (%)"], ...sipasRows, ["", "Chỉ số SIPAS", 86.72]]));
    const table = tables[0];
    expect(table.scorecard.total?.rollup).toBe("mean");
    expect(table.scorecard.criteria.map((c) => c.code)).toEqual(["1", "2", "3", "4", "5"]);
    const a = analyse(table.scorecard);
    expect(a.columns[0].nodes.get(TOTAL_CODE)?.achieved?.toString()).toBe("86.72");
    expect(a.findings.find((f) => f.kind === "total-rule-read")?.message.en).toContain("percentages");
  });

  it("percentages whose summary row is not their mean: nothing read, never silently", () => {
    const { tables } = recogniseGrid(grid([["Đơn vị: Sở Tư pháp"], ["STT", "Nội dung", "Tỷ lệ (%)"], ...sipasRows, ["", "Chỉ số SIPAS", 85.1]]));
    expect(tables[0].scorecard.total).toBeUndefined();
    expect(tables[0].scorecard.findings.map((f) => f.kind)).not.toContain("total-rule-read");
  });

  it("a criterion that only ends with 'trung bình' is no mean title", () => {
    expect(isMeanTitle("Trung bình")).toBe(true);
    expect(isMeanTitle("Bình quân chung")).toBe(true);
    expect(isMeanTitle("Chỉ số SIPAS (trung bình cộng)")).toBe(true);
    expect(isMeanTitle("Average")).toBe(true);
    expect(isMeanTitle("Thời gian giải quyết trung bình")).toBe(false);
    expect(isMeanTitle("Trung bình có trọng số")).toBe(false);
  });
});

describe("a ranking of rates beside their summary (SIPAS by unit)", () => {
  const header = ["STT", "Đơn vị", "Tiếp cận (%)", "Thủ tục (%)", "Công chức (%)", "Giải quyết (%)", "Góp ý (%)"];
  const rows: [string, number[], number][] = [
    ["Sở Tư pháp", [83, 88.3, 97.1, 71.4, 93.8], 86.72],
    ["Sở Y tế", [82.7, 72.6, 78, 75.7, 89], 79.6],
    ["Sở Xây dựng", [94, 82.6, 89.4, 97.8, 75.2], 87.8],
    ["Sở Công Thương", [82.7, 70.6, 81, 90.8, 84.3], 81.88],
    ["Sở Nội vụ", [79.3, 89.9, 78.1, 73.6, 77.1], 79.6],
    ["Sở Tài chính", [92.7, 76.4, 76.7, 70, 70.2], 77.2],
    ["Sở Giáo dục và Đào tạo", [80.7, 81, 78.4, 78.5, 84.8], 80.68],
    ["Sở Giao thông vận tải", [86, 80.1, 97.6, 80.4, 79.3], 84.68],
  ];
  const table = (summary: string, n: number) =>
    recogniseGrid(grid([["CHỈ SỐ SIPAS CÁC SỞ"], [...header, summary], ...rows.slice(0, n).map(([u, v, t], i) => [i + 1, u, ...v, t])], { sheet: "SIPAS" })).tables[0];

  it("three units, the summary titled as the mean: read as the mean from its header, the parts counted", () => {
    const t = table("Chỉ số SIPAS (trung bình cộng, %)", 3);
    expect(t.scorecard.total?.rollup).toBe("mean");
    expect(t.scorecard.criteria.map((c) => c.title)).toEqual(header.slice(2));
    const a = analyse(t.scorecard);
    expect(a.columns.map((c) => c.nodes.get(TOTAL_CODE)?.achieved?.toString())).toEqual(["86.72", "79.6", "87.8"]);
    const read = a.findings.find((f) => f.kind === "total-rule-read")!;
    expect(read.location).toEqual({ sheet: "SIPAS", cell: "H2" });
    expect(a.findings.map((f) => f.kind)).not.toContain("sum-mismatch");
  });

  it("eight units, 'Chỉ số SIPAS (%)': the inference finds the mean", () => {
    const t = table("Chỉ số SIPAS (%)", 8);
    expect(t.scorecard.total?.rollup).toBe("mean");
    expect(t.scorecard.findings.map((f) => f.kind)).toContain("total-rule-inferred");
    const a = analyse(t.scorecard);
    expect(a.columns.find((c) => c.column.unit === "Sở Nội vụ")?.nodes.get(TOTAL_CODE)?.achieved?.toString()).toBe("79.6");
  });

  it("three units, 'Chỉ số SIPAS (%)' and nothing showing its rule: the rates stay figures beside it, never summed", () => {
    const t = table("Chỉ số SIPAS (%)", 3);
    expect(t.scorecard.total).toBeUndefined();
    expect(t.scorecard.criteria.every((c) => c.extra)).toBe(true);
    const a = analyse(t.scorecard);
    expect(a.columns.map((c) => c.nodes.get(TOTAL_CODE)?.achieved ?? null)).toEqual([null, null, null]);
  });
});

describe("a note row describing the rule", () => {
  it.each([
    ["Chỉ số SIPAS là trung bình cộng của 5 chỉ số thành phần", "mean", undefined],
    ["Ghi chú: Chỉ số được tính bằng bình quân các chỉ số thành phần", "mean", undefined],
    ["Điểm quy đổi về thang điểm 100", "scaled-sum", "100"],
    ["Ghi chú: tổng điểm = Σ trọng số × điểm", "weighted-sum", undefined],
    ["Tổng điểm là trung bình có trọng số của các lĩnh vực", "weighted-mean", undefined],
    ["Note: the SIPAS index is the average of its five component indices", "mean", undefined],
    ["The composite is the weighted average of the ten sub-indices", "weighted-mean", undefined],
    ["Scores are rescaled to 100 points", "scaled-sum", "100"],
    ["Tổng điểm là tổng điểm của các lĩnh vực", "sum", undefined],
  ])("'%s' -> %s", (text, rule, max) => {
    const note = ruleOfNote(text);
    expect(note?.rule).toBe(rule);
    expect(note?.max?.toString()).toBe(max);
  });

  it.each(["Trung bình", "Thời gian giải quyết trung bình", "Người lập biểu", "Sở Tư pháp", "Tổng điểm", "Chỉ số trung bình khối sở: 86,7%; khối huyện: 84,2%"])("'%s' is no note", (text) => {
    expect(ruleOfNote(text)).toBeNull();
  });

  it("a SIPAS ranking too short to infer a rule: the note under it gives the mean, and is no unit", () => {
    const { tables } = recogniseGrid(
      grid([
        ["CHỈ SỐ SIPAS CÁC SỞ"],
        ["STT", "Đơn vị", "Tiếp cận", "Thủ tục", "Công chức", "Giải quyết", "Góp ý", "Chỉ số SIPAS"],
        [1, "Sở Tư pháp", 83, 88.3, 97.1, 71.4, 93.8, 86.72],
        [2, "Sở Y tế", 82.7, 72.6, 78, 75.7, 89, 79.6],
        [3, "Sở Xây dựng", 94, 82.6, 89.4, 97.8, 75.2, 87.8],
        [],
        ["Chỉ số SIPAS là trung bình cộng của 5 chỉ số thành phần"],
      ], { sheet: "SIPAS" }),
    );
    const table = tables[0];
    expect(table.scorecard.columns.map((c) => c.unit)).toEqual(["Sở Tư pháp", "Sở Y tế", "Sở Xây dựng"]);
    expect(table.scorecard.total?.rollup).toBe("mean");
    const a = analyse(table.scorecard);
    expect(a.columns.map((c) => c.nodes.get(TOTAL_CODE)?.achieved?.toString())).toEqual(["86.72", "79.6", "87.8"]);
    const said = a.findings.find((f) => f.kind === "rule-from-note")!;
    expect(said.location).toEqual({ sheet: "SIPAS", cell: "A7" });
    expect(said.severity).toBe("info");
    expect(a.findings.map((f) => f.kind)).not.toContain("sum-mismatch");
  });

  it("'Điểm quy đổi về thang điểm 100' under one unit's table: the total is scaled to 100; the note is no criterion", () => {
    const { tables } = recogniseGrid(
      grid([
        ["Đơn vị: UBND huyện A"],
        ["STT", "Lĩnh vực", "Điểm tối đa", "Điểm thẩm định"],
        ["I", "Công tác chỉ đạo", 20, 15],
        ["II", "Thủ tục hành chính", 30, 24],
        ["", "Tổng điểm", 50, 78],
        ["Điểm quy đổi về thang điểm 100"],
      ]),
    );
    const table = tables[0];
    expect(table.scorecard.criteria.map((c) => c.code)).toEqual(["I", "II"]);
    expect(table.scorecard.total).toMatchObject({ rollup: "scaled-sum" });
    const a = analyse(table.scorecard);
    // (15 + 24) × 100 / 50 = 78.
    expect(a.columns[0].nodes.get(TOTAL_CODE)?.achieved?.toString()).toBe("78");
    expect(a.columns[0].nodes.get(TOTAL_CODE)?.max?.toString()).toBe("100");
    expect(a.findings.find((f) => f.kind === "rule-from-note")?.location?.cell).toBe("A6");
  });

  it("a criterion row with points whose title speaks of a scale is no note", () => {
    const { tables } = recogniseGrid(
      grid([
        ["STT", "Lĩnh vực", "Điểm tối đa", "Điểm thẩm định"],
        ["I", "Công tác chỉ đạo", 20, 15],
        ["II", "Kết quả khảo sát được quy đổi về thang điểm 30", 30, 24],
        ["", "Tổng điểm", 50, 39],
      ]),
    );
    expect(tables[0].scorecard.total).toBeUndefined();
    expect(tables[0].scorecard.criteria.map((c) => c.code)).toEqual(["I", "II"]);
    expect(analyse(tables[0].scorecard).columns[0].nodes.get(TOTAL_CODE)?.achieved?.toString()).toBe("39");
  });

  it("a note naming a weighted rule over a table without weights: not applied, and said", () => {
    const { tables } = recogniseGrid(
      grid([
        ["STT", "Đơn vị", "Tiếp cận", "Thủ tục", "Tổng điểm"],
        [1, "Sở A", 8, 6, 14],
        [2, "Sở B", 7, 9, 16],
        [],
        ["Ghi chú: tổng điểm = Σ trọng số × điểm"],
      ]),
    );
    expect(tables[0].scorecard.total).toBeUndefined();
    const f = tables[0].scorecard.findings.find((x) => x.kind === "rule-note-not-applied")!;
    expect(f.severity).toBe("warning");
    expect(f.location?.cell).toBe("A5");
  });
});
