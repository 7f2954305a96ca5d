import Decimal from "decimal.js";
import * as fs from "fs";
import * as path from "path";
import * as engine from "../../src/engine";
import { TOTAL_CODE, analyse, formatPoints } from "../../src/engine";
import type { Finding } from "../../src/engine";
import { col, crit, s, scorecard, seed001 } from "./helpers";

describe("analyse: seed 001 end to end", () => {
  const a = analyse(seed001());

  it("computes totals, deductions, published-rank changes and no findings", () => {
    const [y2018, y2019] = a.columns;
    expect(s(y2018.nodes.get(TOTAL_CODE)!.achieved)).toBe("78.9");
    expect(formatPoints(y2019.nodes.get(TOTAL_CODE)!.achieved!)).toBe("83,06");
    const lost = [...y2019.nodes.values()].filter((n) => !n.extra && n.code !== TOTAL_CODE).map((n) => n.lost!);
    expect(s(engine.sumPoints(lost))).toBe("16.94");
    expect(a.changes.find((c) => c.code === TOTAL_CODE)!.phrase.vi).toBe("tăng 4,16 điểm và tăng 3 bậc");
    expect(a.findings).toEqual([]);
  });

  it("ranks a one-unit table as 1 of 1 (changes use the published ranks instead)", () => {
    const t = a.ranks.find((r) => r.period === "2019" && r.code === TOTAL_CODE)!;
    expect(t.entries).toHaveLength(1);
    expect(t.entries[0].label).toBe("1");
  });

  it("does not modify the scorecard", () => {
    const sc = seed001();
    const before = JSON.stringify(sc, (_k, v) => (v instanceof Map ? [...v.entries()] : v));
    analyse(sc);
    expect(JSON.stringify(sc, (_k, v) => (v instanceof Map ? [...v.entries()] : v))).toBe(before);
  });
});

describe("analyse: findings", () => {
  const own: Finding = { kind: "unreadable-cell", severity: "warning", message: { vi: "Ô D9 không đọc được", en: "Cell D9 could not be read" }, location: { sheet: "Bảng", cell: "D9" } };
  const sc = scorecard(
    [crit("1", 10, [crit("1.1", 4), crit("1.2", 6)]), crit("2", 5, [crit("2.1", 2), crit("2.2", 3)])],
    [
      col("Sở Y tế", "2023", { "1": "9,5", "1.1": "3", "1.2": "6", "2.1": "2,5", "2.2": null }, { publishedTotal: "11" }),
      col("Sở Xây dựng", "2023", { "1.1": "4", "1.2": "6", "2.1": "-1", "2.2": "3", "3.1": "1" }, { publishedTotal: "12,01" }),
      col("Sở Xây dựng", "2023", { "1.1": "4", "1.2": "6", "2.1": "1", "2.2": "3" }),
    ],
    [own],
  );
  const a = analyse(sc);

  it("keeps the scorecard's findings first, then the engine's, with stable kinds", () => {
    expect(a.findings[0]).toBe(own);
    expect(a.findings.map((f) => `${f.severity}:${f.kind}:${f.code ?? ""}`)).toEqual([
      "warning:unreadable-cell:",
      "warning:sum-mismatch:1",
      "warning:above-max:2.1",
      "warning:missing-points:2.2",
      "error:negative-points:2.1",
      "info:rounding-difference:",
      "warning:unknown-code:3.1",
      "warning:duplicate-column:",
    ]);
  });

  it("every engine finding names its column and a location, in both languages, Vietnamese with diacritics and decimal commas", () => {
    for (const f of a.findings.slice(1)) {
      expect(f.column).toBeTruthy();
      expect(f.message.vi).not.toBe(f.message.en);
      expect(f.message.vi).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
      if (f.kind !== "duplicate-column") expect(f.location?.sheet).toBe("Bảng");
    }
    const mismatch = a.findings.find((f) => f.kind === "sum-mismatch")!;
    expect(mismatch.message.vi).toContain("9,5");
    expect(mismatch.message.en).toContain("9.5");
    const rounding = a.findings.find((f) => f.kind === "rounding-difference")!;
    expect(rounding.message.vi).toContain("12,01");
    expect(rounding.message.vi).toContain("Sở Xây dựng, 2023");
  });

  it("accepts the tolerance as text or a number", () => {
    expect(analyse(sc, { tolerance: "0" }).findings.some((f) => f.kind === "rounding-difference")).toBe(false);
    expect(analyse(sc, { tolerance: 0.5 }).findings.some((f) => f.kind === "sum-mismatch")).toBe(false);
  });
});

describe("engine source rules", () => {
  const dir = path.join(__dirname, "../../src/engine");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts"));

  it.each(files)("%s imports only decimal.js and engine modules, and does no float arithmetic on points", (file) => {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    const imports = [...text.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
    for (const i of imports) expect(i === "decimal.js" || i.startsWith("./")).toBe(true);
    expect(text).not.toMatch(/\bparseFloat\s*\(/);
    expect(text).not.toMatch(/\bMath\.round\s*\(/);
    expect(text).not.toMatch(/\brequire\s*\(/);
  });

  it("exports the public API from index.ts", () => {
    for (const name of ["analyse", "rollUpColumn", "competitionRanks", "rankTables", "computeChanges", "classify", "targetGap", "validateTree", "leafSummary", "formatRankLabel", "parsePoints"]) {
      expect(typeof (engine as Record<string, unknown>)[name]).toBe("function");
    }
    expect(engine.TOTAL_CODE).toBe("");
  });
});

describe("README worked example", () => {
  it("gives the numbers the README shows", () => {
    const max = ["8.5", "10", "14", "12", "14", "12.5", "13", "16"];
    const criteria = max.map((m, i) => ({ code: String(i + 1), title: `Lĩnh vực ${i + 1}`, max: new Decimal(m), kind: "ordinary" as const, level: 1, children: [] }));
    const column = (period: string, pts: string[], total: string, totalRank: number) => ({
      key: `Thừa Thiên Huế|${period}|score`,
      unit: "Thừa Thiên Huế",
      period,
      basis: "score" as const,
      points: new Map(pts.map((p, i) => [String(i + 1), { value: new Decimal(p) }])),
      publishedRanks: new Map([[TOTAL_CODE, { rank: totalRank }], ["1", { rank: period === "2018" ? 38 : 4 }]]),
      publishedTotal: { value: new Decimal(total) },
    });
    const a = analyse({
      criteria,
      columns: [
        column("2018", ["6.50", "8.87", "11.18", "7.81", "10.57", "9.92", "11.60", "12.45"], "78.90", 16),
        column("2019", ["8.00", "8.75", "13.21", "8.35", "11.72", "9.76", "12.47", "10.80"], "83.06", 13),
      ],
      findings: [],
    });
    const y2019 = a.columns[1].nodes;
    expect(formatPoints(y2019.get(TOTAL_CODE)!.achieved!)).toBe("83,06");
    expect(formatPoints(y2019.get("4")!.lost!)).toBe("3,65");
    expect(a.changes.find((c) => c.code === TOTAL_CODE)!.phrase).toEqual({ vi: "tăng 4,16 điểm và tăng 3 bậc", en: "up 4.16 points and up 3 places" });
    expect(a.changes.find((c) => c.code === "1")!.phrase.vi).toBe("tăng 1,5 điểm và tăng 34 bậc");
    expect(a.findings).toEqual([]);
  });
});
