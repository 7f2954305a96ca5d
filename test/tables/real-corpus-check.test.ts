/**
 * The corpus checker itself: a pass must mean the hand-worked answers were met, so each kind of difference
 * (a value, a rank, a missing or forbidden finding, an unexpected warning) has to be reported.
 */
import type { AnalysisJson, FindingJson, UnitJson } from "../../src/pipeline/json";
import { checkTable, type RealTable } from "./real-corpus";

function unit(name: string, total: string | null, rank: number | null): UnitJson {
  return { name, total, rank, periods: [{ period: "2023", total, rank }] } as unknown as UnitJson;
}

function finding(kind: string, severity: string, cell: string | null): FindingJson {
  return { kind, severity, cell, code: null, message: `${kind} at ${cell}` };
}

function analysis(units: UnitJson[], findings: FindingJson[] = []): AnalysisJson {
  return {
    source: "x.xlsx",
    lang: "vi",
    findings: [],
    tables: [{ sheet: "S", range: "A1:C4", layout: "units-in-rows", template: null, title: null, units, criteria: [], findings }],
  } as unknown as AnalysisJson;
}

const real: RealTable = {
  id: "sample",
  title: "sample",
  source: "https://example.org",
  kind: "pci",
  shape: "sample",
  sheet: "S",
  rows: [],
  expected: {
    unitCount: 2,
    units: [
      { name: "Quảng Ninh", total: "73.02", rank: 1, periods: [{ period: "2023", total: "73.02" }] },
      { name: "Hải Phòng", total: null },
    ],
    findings: [{ kind: "rounding-difference", cell: "S!B3", why: "0,01" }],
    forbidden: [{ kind: "unreadable-number", why: "a class is not points" }],
  },
};

describe("checking a table against its hand-worked answers", () => {
  test("nothing to report when every answer is met (names compared without case or spacing, totals within 0,01)", () => {
    const json = analysis([unit("quảng  ninh", "73.03", 1), unit("Hải Phòng", null, null)], [finding("rounding-difference", "info", "'S'!B3")]);
    expect(checkTable(real, json)).toEqual([]);
  });

  test("a total beyond 0,01, a wrong rank and a value where none was published are each reported", () => {
    const json = analysis([unit("Quảng Ninh", "73.05", 2), unit("Hải Phòng", "70.00", 3)], [finding("rounding-difference", "info", "S!B3")]);
    expect(checkTable(real, json)).toEqual([
      "Quảng Ninh: total 73.05 (expected 73.02)",
      "Quảng Ninh: rank 2 (expected 1)",
      "Quảng Ninh 2023: total 73.05 (expected 73.02)",
      "Hải Phòng: total 70.00 (expected null)",
    ]);
  });

  test("an expected finding at another cell is missing; a forbidden kind fails even as info; any other warning fails", () => {
    const json = analysis(
      [unit("Quảng Ninh", "73.02", 1), unit("Hải Phòng", null, null)],
      [finding("rounding-difference", "info", "S!B4"), finding("unreadable-number", "info", "S!D4"), finding("missing-points", "warning", "S!D4")],
    );
    const problems = checkTable(real, json);
    expect(problems.some((p) => p.startsWith("missing finding rounding-difference at S!B3"))).toBe(true);
    expect(problems.some((p) => p.startsWith("forbidden unreadable-number x1"))).toBe(true);
    expect(problems.some((p) => p.startsWith("unexpected warning missing-points x1"))).toBe(true);
  });

  test("no table, a table of another size and a unit not read are reported", () => {
    expect(checkTable(real, { ...analysis([]), tables: [] })).toContain("0 tables (expected 1)");
    const problems = checkTable(real, analysis([unit("Quảng Ninh", "73.02", 1)], [finding("rounding-difference", "info", "S!B3")]));
    expect(problems.some((p) => p.startsWith("1 units (expected 2)"))).toBe(true);
    expect(problems).toContain('unit "Hải Phòng" not found');
  });
});
