/**
 * Random score tables for the columnar lane's property tests: a criteria tree (areas, sub-criteria,
 * a bonus block, a penalty block, an extra row), several units over one or two periods, score and
 * self columns, blocks; points with 0-7 decimals drawn from small pools (so ties are common), N/A,
 * blanks, negatives, values above their max, parents and totals given right or wrong, published
 * ranks. Everything comes from one seed, so a failing case is reproduced by its seed.
 */
import Decimal from "decimal.js";
import { CellRead, type PointsLayout, ScaledPoints, scaledRow } from "../../src/engine/scaled-points";
import { scaledInteger } from "../../src/engine/columnar";
import type { Criterion, CriterionKind, PointValue, PublishedRank, RollupRule, ScoreColumn, Scorecard, TotalRule } from "../../src/engine/types";
import { TOTAL_CODE } from "../../src/engine/types";
import { seeded as prng } from "../helpers/seeded";

const RULES: readonly RollupRule[] = ["sum", "weighted-sum", "mean", "weighted-mean", "scaled-sum"];
const WEIGHTS = ["0.2", "0.3", "0.05", "1", "2", "0.125"];

export function randomScorecard(seed: number): Scorecard {
  const rand = prng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const chance = (p: number) => rand() < p;
  /** A decimal with `decimals` places between 0 and `top` (in units of 10^-decimals). */
  const amount = (top: Decimal, decimals: number): Decimal => {
    const units = top.times(10 ** decimals).floor().toNumber();
    return new Decimal(int(Math.max(units, 0) + 1)).div(10 ** decimals);
  };
  const tableDecimals = chance(0.1) ? 7 : int(7);

  const leaf = (code: string, kind: CriterionKind = "ordinary"): Criterion => ({
    code,
    title: `Tiêu chí ${code}`,
    max: chance(0.03) ? null : amount(new Decimal(chance(0.5) ? 3 : 12), int(4)).plus(kind === "ordinary" ? "0.25" : "0.5"),
    kind,
    level: code.split(".").length,
    children: [],
  });
  const roots: Criterion[] = [];
  const areas = 1 + int(3);
  for (let a = 1; a <= areas; a++) {
    const children: Criterion[] = [];
    const count = 1 + int(4);
    for (let k = 1; k <= count; k++) {
      const c = leaf(`${a}.${k}`);
      if (chance(0.2)) c.children = [leaf(`${a}.${k}.1`), leaf(`${a}.${k}.2`)];
      children.push(c);
    }
    const area: Criterion = { code: String(a), title: `Lĩnh vực ${a}`, max: chance(0.7) ? null : new Decimal(10), kind: "ordinary", level: 1, children };
    if (chance(0.3)) withRule(area);
    roots.push(area);
  }
  if (chance(0.4)) roots.push({ ...leaf("B", "bonus"), children: chance(0.5) ? [leaf("B.1", "bonus"), leaf("B.2", "bonus")] : [] });
  if (chance(0.4)) roots.push({ ...leaf("P", "penalty"), children: chance(0.5) ? [leaf("P.1", "penalty")] : [] });
  if (chance(0.2)) roots.push({ ...leaf("X"), extra: true });

  // Roll-up rules (issue 22) on some areas and totals; weights from a small pool, some left out (missing-weight).
  function withRule(node: Criterion): void {
    node.rollup = RULES[int(RULES.length)];
    for (const ch of node.children) if (!chance(0.05)) ch.weight = new Decimal(WEIGHTS[int(WEIGHTS.length)]);
  }
  const totalRule: TotalRule | undefined = chance(0.2) ? { rollup: RULES[int(RULES.length)], max: chance(0.5) ? new Decimal(100) : null } : undefined;
  if (totalRule) for (const r of roots) r.weight = new Decimal(WEIGHTS[int(WEIGHTS.length)]);

  const all: Criterion[] = [];
  const walk = (cs: Criterion[]) => cs.forEach((c) => (all.push(c), walk(c.children)));
  walk(roots);
  const leaves = all.filter((c) => c.children.length === 0);

  // Small pools per leaf, so units often tie.
  const pools = new Map<string, Decimal[]>();
  for (const c of leaves) {
    const top = (c.max ?? new Decimal(5)).times(chance(0.1) ? 1.3 : 1);
    pools.set(
      c.code,
      Array.from({ length: 1 + int(4) }, () => amount(top, int(tableDecimals + 1))),
    );
  }
  const dirty = chance(0.5);
  const pv = (value: Decimal | null, cell: string): PointValue => {
    const p: PointValue = { value, location: { sheet: "Bảng", cell } };
    if (value !== null && chance(0.2)) p.decimals = value.decimalPlaces() + int(2);
    return p;
  };

  const units = 2 + int(6);
  const periods = chance(0.4) ? ["2023", "2024"] : [""];
  const blocks = chance(0.3);
  const columns: ScoreColumn[] = [];
  for (let u = 0; u < units; u++) {
    for (const period of periods) {
      for (const basis of chance(0.2) ? (["self", "score"] as const) : (["score"] as const)) {
        const points = new Map<string, PointValue>();
        const sums = new Map<string, Decimal>();
        const valueOf = (c: Criterion): Decimal | null => {
          if (c.children.length === 0) {
            const pool = pools.get(c.code)!;
            let v: Decimal | null = pool[int(pool.length)];
            if (dirty && chance(0.04)) v = null;
            if (dirty && chance(0.02)) v = v?.neg() ?? null;
            if (c.kind === "penalty" && chance(0.5)) v = v?.neg() ?? null;
            return v;
          }
          const parts = c.children.map((ch) => sums.get(ch.code) ?? null).filter((v): v is Decimal => v !== null);
          return parts.length ? parts.reduce((x, y) => x.plus(y)) : null;
        };
        const visit = (c: Criterion) => {
          c.children.forEach(visit);
          if (dirty && chance(0.04)) {
            points.set(c.code, { value: null, notApplicable: true });
            return;
          }
          const v = valueOf(c);
          if (v !== null) sums.set(c.code, v);
          if (c.children.length === 0) points.set(c.code, pv(v, `C${u}:${c.code}`));
          // A parent under a rule is given only sometimes: its sum mismatches it, which sends the column to decimal.js.
          else if (v !== null && chance(c.rollup && c.rollup !== "sum" ? 0.05 : 0.3)) points.set(c.code, pv(dirty && chance(0.2) ? v.plus("0.01") : v, `C${u}:${c.code}`));
        };
        roots.forEach(visit);
        if (dirty && chance(0.03)) points.set("Z9", pv(new Decimal(1), `C${u}:Z9`));
        const column: ScoreColumn = { key: `ĐV ${u}|${period}|${basis}`, unit: `ĐV ${u}`, period, basis, points, publishedRanks: new Map<string, PublishedRank>() };
        if (chance(totalRule && totalRule.rollup !== "sum" ? 0.1 : 0.5)) {
          const total = roots.filter((r) => !r.extra).reduce((acc, r) => acc.plus(sums.get(r.code) ?? 0), new Decimal(0));
          column.publishedTotal = pv(dirty && chance(0.2) ? total.minus("0.005") : total, `T${u}`);
        }
        if (chance(0.3)) column.publishedRanks.set(TOTAL_CODE, { rank: 1 + int(units), tieCount: chance(0.2) ? 2 : undefined });
        if (chance(0.2)) column.publishedRanks.set("1", { rank: 1 + int(units) });
        if (blocks) column.block = u % 2 === 0 ? "Khối huyện" : "Khối sở";
        if (chance(0.05)) column.excludedFromRanking = true;
        columns.push(column);
        if (dirty && chance(0.02)) columns.push({ ...column, key: `${column.key}|2` });
      }
    }
  }
  return totalRule ? { criteria: roots, columns, findings: [], total: totalRule } : { criteria: roots, columns, findings: [] };
}

/**
 * The scorecard with each column's points in a ScaledPoints, as the units-in-rows reader builds them:
 * a value the lane can hold as its integer (some as numbers, some as typed text), a blank as a blank,
 * anything else (N/A, more decimals) as its PointValue. Every cell gets a location, as a reader's do.
 */
export function withScaledPoints(sc: Scorecard): Scorecard {
  return {
    ...sc,
    columns: sc.columns.map((c, r) => {
      const codes = [...c.points.keys()];
      const layout: PointsLayout = {
        codes,
        index: new Map(codes.map((code, i) => [code, i])),
        sheet: "S",
        cols: codes.map((_, i) => i),
        locate: (row, col) => ({ sheet: "S", cell: `R${row}C${col}` }),
      };
      const row = scaledRow(layout);
      codes.forEach((code, i) => {
        const pv = c.points.get(code)!;
        const n = pv.value === null || pv.notApplicable ? null : scaledInteger(pv.value);
        if (pv.value === null && !pv.notApplicable) row.read[i] = CellRead.Blank;
        else if (n !== null) {
          row.read[i] = i % 2 === 0 ? CellRead.Number : CellRead.Text;
          row.scaled[i] = n;
        } else {
          row.read[i] = CellRead.Other;
          row.others[i] = { ...pv, location: layout.locate(r, i) };
        }
      });
      return { ...c, points: new ScaledPoints(layout, r, row) };
    }),
  };
}
