import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import type { AnalysisJson } from "../../src/pipeline/json";
import { run } from "./run";
import { PCI_LOST, PCI_RANK_ORDER, PCI_ROWS, PCI_SHEET, PCI_WEIGHTS, ruleWorkbook, SIPAS_RANK_LABELS, SIPAS_ROWS, SIPAS_SHEET, weightedWorkbook } from "../e2e/rule-workbooks";

let json: AnalysisJson;

beforeAll(async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-rules-"));
  const file = path.join(dir, "rules.xlsx");
  await ruleWorkbook().xlsx.writeFile(file);
  const { out, err } = await run(["analyze", file, "--json", "-"]);
  if (!out) throw new Error(err);
  json = JSON.parse(out) as AnalysisJson;
  await fs.rm(dir, { recursive: true, force: true });
});

describe("parscore analyze --json on tables whose total is a rule (issue 22)", () => {
  it("PCI: the composite is found to be the weighted mean ×10; totals, ranks and lost points as worked by hand", () => {
    const table = json.tables.find((t) => t.sheet === PCI_SHEET)!;
    expect(table.findings.map((f) => `${f.severity}:${f.kind}`)).toEqual(["info:total-rule-inferred"]);
    expect(table.criteria.map((c) => c.weight)).toEqual(PCI_WEIGHTS);
    // No maxima in the table: the weights and scale are the PCI template's, so sub-indices on 10 and the composite on 100.
    expect(table.totalRule).toEqual({ rollup: "weighted-mean", max: "100.00" });
    const byName = new Map(table.units.map((u) => [u.name, u]));
    for (const [name, , total] of PCI_ROWS) expect(byName.get(name)!).toMatchObject({ total, max: "100.00", lost: PCI_LOST[name], percent: total });
    expect([...table.units].sort((a, b) => a.rank! - b.rank!).map((u) => u.name)).toEqual(PCI_RANK_ORDER);
  });

  it("SIPAS: the index is the mean of the five percentages; ties as worked by hand", () => {
    const table = json.tables.find((t) => t.sheet === SIPAS_SHEET)!;
    expect(table.findings.map((f) => `${f.severity}:${f.kind}`)).toContain("info:total-rule-inferred");
    expect(table.totalRule?.rollup).toBe("mean");
    const byName = new Map(table.units.map((u) => [u.name, u]));
    for (const [name, , total] of SIPAS_ROWS) expect(Number(byName.get(name)!.total)).toBe(Number(total));
    for (const [name, label] of Object.entries(SIPAS_RANK_LABELS)) expect(byName.get(name)!.rankLabel).toBe(label);
    expect(byName.get("Sở Tài chính")!.rank).toBe(8);
    // A mean of percentages says nothing of a maximum: no lost points are made up.
    expect(table.units.every((u) => u.max === null && u.lost === null)).toBe(true);
  });
});

describe("weights read from a 'Trọng số' row (issue 22)", () => {
  async function analyseBook(book: ReturnType<typeof weightedWorkbook>): Promise<AnalysisJson> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-weights-"));
    const file = path.join(dir, "weights.xlsx");
    await book.xlsx.writeFile(file);
    const { out, err } = await run(["analyze", file, "--json", "-"]);
    await fs.rm(dir, { recursive: true, force: true });
    if (!out) throw new Error(err);
    return JSON.parse(out) as AnalysisJson;
  }

  it("reads the weights and the composite's max; totals, lost points and percent as worked by hand", async () => {
    const table = (await analyseBook(weightedWorkbook())).tables[0];
    expect(table.totalRule).toEqual({ rollup: "weighted-mean", max: "100.00" });
    expect(table.criteria.map((c) => c.weight)).toEqual(PCI_WEIGHTS);
    expect(table.findings.filter((f) => f.severity !== "info")).toEqual([]);
    const byName = new Map(table.units.map((u) => [u.name, u]));
    // Bắc Ninh: 10 × (0,05 × (5,96 + 5,92 + 7,98 + 8,72 + 8,96 + 8,56) + 0,2 × (5,56 + 7,88 + 5,30) + 0,1 × 7,70) = 68,23
    expect(byName.get("Bắc Ninh")!).toMatchObject({ total: "68.23", max: "100.00", lost: "31.77", percent: "68.23", rank: 2 });
    expect(byName.get("Đồng Tháp")!).toMatchObject({ total: "71.73", lost: "28.27", rank: 1 });
    expect(byName.get("Hải Phòng")!).toMatchObject({ total: "65.89", rank: 4 });
  });

  it("says where a weight set does not add up to 1", async () => {
    const weights = [...PCI_WEIGHTS];
    weights[0] = "0.1";
    const table = (await analyseBook(weightedWorkbook(weights))).tables[0];
    const found = table.findings.filter((f) => f.kind === "weights-sum");
    expect(found).toHaveLength(1);
    expect(found[0].cell).toBe("'PCI trọng số'!C5");
    expect(found[0].message).toMatch(/1,05/);
  });
});
