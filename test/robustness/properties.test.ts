/**
 * Property tests (fast-check): random grids made of what score tables are made of (codes, titles,
 * numbers, text numbers with comma or dot, blanks, junk, error values, merges) go through
 * recognition and analysis, and
 * - nothing throws (recognise, analyse, report plan, JSON, summary);
 * - every number comes from the input: each leaf's points equal the cell they were read from, read
 *   independently here; an unreadable cell gives no value, never 0; each parent's points are the
 *   decimal sum of its children's (checked with decimal.js); each max is a cell's value or a sum;
 * - every finding's cell is a valid A1 address inside the grid, on the grid's sheet;
 * - the same input gives the same JSON (toJson), also from a copy of the grid.
 * The run counts are in the test names; seeds are fixed so a failure replays.
 */
import Decimal from "decimal.js";
import fc from "fast-check";
import { analyse } from "../../src/engine/analyse";
import { flattenCriteria } from "../../src/engine/tree";
import { TOTAL_CODE, type Criterion, type NodeResult } from "../../src/engine/types";
import { parsePoints } from "../../src/engine/points";
import { parseDelimited } from "../../src/hosts/csv/read-csv";
import { toJson } from "../../src/pipeline/json";
import { analyseGrids } from "../../src/pipeline/run";
import { summaryText } from "../../src/pipeline/summary";
import { buildReportPlan } from "../../src/report";
import { type CellValue, type Grid, type Rect, gridHeight, gridWidth, parseA1 } from "../../src/tables/grid";
import { recogniseGrid } from "../../src/tables/recognise";

const HEADERS: CellValue[][] = [
  ["STT", "Lĩnh vực/Tiêu chí", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định"],
  ["STT", "Nội dung", "Điểm tối đa", "Điểm thẩm định", "Ghi chú"],
  ["TT", "Nội dung đánh giá", "Năm 2018", "Năm 2019"],
  ["STT", "Đơn vị", "Lĩnh vực 1", "Lĩnh vực 2", "Lĩnh vực 3", "Tổng điểm", "Xếp hạng"],
  ["STT", "Tiêu chí", "Điểm tối đa", "Sở A", "Sở B"],
];

const CODES = ["I", "II", "III", "1", "2", "3", "1.1", "1.2", "2.1", "1.1.1", "1.1.2", "a)", "b)", "a.", "c", "A", "B"];
const TITLES = ["Công tác chỉ đạo", "Thủ tục hành chính", "Tổng cộng", "Tổng điểm", "Điểm thưởng", "Điểm trừ", "Chỉ số SIPAS", "Điểm thẩm định", "Huyện A", "Sở Tư pháp", "Điểm tối đa", "Trung bình"];
/** Text that is no number: the points reader must give no value for it (never 0). */
const JUNK: CellValue[] = ["8,7x", "tám", "-", "--", "1.234,5", "1,234.5", "KAD", "N/A", "x", "4(12)", "=1+1", " ", "", true, false, { error: "#N/A" }, { error: "#REF!" }, { error: "#DIV/0!" }];

const decimalText = fc
  .tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 999 }), fc.constantFrom(",", "."), fc.boolean(), fc.integer({ min: 1, max: 3 }))
  .map(([i, f, sep, neg, digits]) => `${neg ? "-" : ""}${i}${sep}${String(f).padStart(3, "0").slice(0, digits)}`);
const numberCell = fc.oneof(
  fc.integer({ min: -5, max: 120 }),
  fc.double({ min: -5, max: 120, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.1, 0.2, 0.3, 1.005, 2.675, 8.75, 99.995),
);
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: numberCell },
  { weight: 3, arbitrary: decimalText },
  { weight: 2, arbitrary: fc.constantFrom(...CODES) },
  { weight: 2, arbitrary: fc.constantFrom(...TITLES) },
  { weight: 2, arbitrary: fc.constantFrom(...JUNK) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).filter((s) => !/\d/.test(s)) },
);
/** Mostly points, sometimes anything. */
const pointsCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: numberCell },
  { weight: 4, arbitrary: decimalText },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: cell },
);
/** A row shaped like a criterion row: code, title, then points (or anything). */
const tableRow = fc
  .tuple(fc.constantFrom<CellValue>(...CODES, null), fc.constantFrom<CellValue>(...TITLES, "Tiêu chí", null), fc.array(pointsCell, { minLength: 2, maxLength: 6, size: "max" }))
  .map(([c, t, rest]) => [c, t, ...rest]);
const row = fc.oneof({ weight: 3, arbitrary: tableRow }, { weight: 1, arbitrary: fc.array(cell, { maxLength: 8, size: "max" }) });

const gridArb: fc.Arbitrary<Grid> = fc
  .record({
    title: fc.option(fc.constantFrom<CellValue>("BẢNG TỰ ĐÁNH GIÁ", "KẾT QUẢ CHỈ SỐ CCHC NĂM 2024", "Cộng hòa xã hội chủ nghĩa Việt Nam"), { nil: undefined }),
    header: fc.option(fc.constantFrom(...HEADERS), { freq: 8, nil: undefined }),
    rows: fc.array(row, { maxLength: 22, size: "max" }),
    origin: fc.record({ row: fc.integer({ min: 0, max: 6 }), col: fc.integer({ min: 0, max: 3 }) }),
    merges: fc.array(fc.record({ top: fc.nat(20), left: fc.nat(7), h: fc.nat(2), w: fc.nat(2) }), { maxLength: 3 }),
    sheet: fc.constantFrom("S", "TT Huế 2019", "Bảng's \"1\""),
  })
  .map(({ title, header, rows, origin, merges, sheet }) => {
    // Fresh rows: the generator's constants (the headers) must never be changed by the merges below.
    const values: CellValue[][] = [...(title ? [[title]] : []), ...(header ? [header] : []), ...rows].map((r) => [...r]);
    const height = values.length;
    const width = values.reduce((w, r) => Math.max(w, r.length), 0);
    // Merges inside the grid, not overlapping; covered cells are blank, as every host gives them.
    const kept: Rect[] = [];
    for (const m of merges) {
      const rect = { top: m.top, left: m.left, bottom: m.top + m.h, right: m.left + m.w };
      if (rect.bottom >= height || rect.right >= width || (m.h === 0 && m.w === 0)) continue;
      if (kept.some((k) => !(rect.bottom < k.top || rect.top > k.bottom || rect.right < k.left || rect.left > k.right))) continue;
      kept.push(rect);
      for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) if (r !== rect.top || c !== rect.left) if (c < values[r].length) values[r][c] = null;
    }
    return { sheet, origin, values, merges: kept };
  });

/** The points a cell holds, read here without ParScore's reader: numbers at 15 digits, bare decimals with comma or dot. */
function oracle(raw: CellValue): Decimal | null {
  if (typeof raw === "number") return new Decimal(raw.toPrecision(15));
  if (typeof raw === "string" && /^-?\d+(?:[.,]\d+)?$/.test(raw.trim())) return new Decimal(raw.trim().replace(",", "."));
  return null;
}

function rawAt(grid: Grid, address: string): CellValue {
  const { row, col } = parseA1(address);
  return grid.values[row - grid.origin.row]?.[col - grid.origin.col] ?? null;
}

/** Findings about a sheet or a table as a whole, not one cell. */
const SHEET_LEVEL = new Set(["no-table-found", "hidden-cells", "template-auto-picked", "template-no-match", "unknown-template"]);

/** What the properties really checked, so they cannot pass by checking nothing. */
const checked = { leaves: 0, unreadable: 0, parents: 0, maxima: 0, cells: 0, merges: 0 };

function checkNumbersComeFromInput(grid: Grid): void {
  if (grid.merges.length > 0) checked.merges++;
  for (const { table, analysis } of analyseGrids([grid]).tables) {
    const criteria = flattenCriteria(analysis.scorecard.criteria);
    const byCode = new Map(criteria.map((c) => [c.code, c]));
    // Maxima: a leaf's max is the value of the cell it was read from (or its header's "(max 10)").
    for (const c of criteria) {
      if (c.max === null || c.children.length > 0) continue;
      if (!c.maxLocation?.cell) {
        expect(table.template).toBeDefined();
        continue;
      }
      const raw = rawAt(grid, c.maxLocation.cell);
      const read = oracle(raw);
      checked.maxima++;
      if (read) expect(c.max.eq(read)).toBe(true);
      else expect(typeof raw === "string" && raw.replace(",", ".").includes(c.max.toString())).toBe(true);
    }
    for (const column of analysis.columns) {
      // Leaves: the given value is the cell's value, or nothing (never 0) when the cell holds no number.
      for (const [code, pv] of column.column.points) {
        if (!pv.location?.cell || pv.notApplicable) continue;
        expect(pv.location.sheet).toBe(grid.sheet);
        const expected = oracle(rawAt(grid, pv.location.cell));
        if (expected === null) checked.unreadable++;
        else checked.leaves++;
        if (expected === null) expect(pv.value).toBeNull();
        else expect(pv.value !== null && pv.value.eq(expected)).toBe(true);
        const criterion = byCode.get(code);
        const node = column.nodes.get(code);
        if (!criterion || !node || criterion.children.length > 0 || node.notApplicable || pv.value === null) continue;
        if (node.kind === "ordinary") expect(node.achieved?.eq(pv.value)).toBe(true);
        else expect(node.achieved?.abs().lte(pv.value.abs())).toBe(true);
      }
      // Parents: the decimal sum of their children's points, unless a bonus/penalty cap applied.
      const capped = new Set(analysis.findings.filter((f) => f.column === column.column.key && /above-cap$/.test(f.kind)).map((f) => f.code));
      const check = (parent: Criterion | null, node: NodeResult | undefined, children: Criterion[]) => {
        if (!node || node.achieved === null || node.notApplicable || (parent && capped.has(parent.code))) return;
        // A node under another rule than the sum, read from the table (a total titled "Trung bình", a note
        // row, a weights column), is checked against decimal.js by the rules' own property test.
        const rule = parent ? parent.rollup : analysis.scorecard.total?.rollup;
        if (rule && rule !== "sum") return;
        const counted = children
          .map((ch) => column.nodes.get(ch.code))
          .filter((r): r is NodeResult => !!r && !r.notApplicable && (node.extra || !r.extra) && r.achieved !== null);
        if (counted.length === 0) return; // a parent given alone (tables of area totals only)
        checked.parents++;
        const sum = counted.reduce((s, r) => s.plus(r.achieved as Decimal), new Decimal(0));
        if (!node.achieved.eq(sum)) throw new Error(`${parent?.code ?? "(total)"} in ${column.column.key}: ${node.achieved} != ${sum}`);
      };
      check(null, column.nodes.get(TOTAL_CODE), analysis.scorecard.criteria.filter((c) => !c.extra));
      for (const c of criteria) if (c.children.length > 0) check(c, column.nodes.get(c.code), c.children);
    }
  }
}

function checkFindingLocations(grid: Grid): void {
  const result = analyseGrids([grid]);
  const height = Math.max(gridHeight(grid), 1);
  const width = Math.max(gridWidth(grid), 1);
  const findings = [...result.findings, ...result.tables.flatMap((t) => t.analysis.findings)];
  for (const f of findings) {
    expect(f.message.vi.length).toBeGreaterThan(0);
    expect(f.message.en.length).toBeGreaterThan(0);
    if (!f.location?.cell) {
      if (!SHEET_LEVEL.has(f.kind)) throw new Error(`${f.kind} has no cell: ${f.message.en}`);
      expect(f.location?.sheet).toBe(grid.sheet);
      continue;
    }
    expect(f.location.sheet).toBe(grid.sheet);
    checked.cells++;
    expect(f.location.cell).toMatch(/^[A-Z]{1,3}[1-9]\d*$/);
    const { row, col } = parseA1(f.location.cell);
    const inside = row >= grid.origin.row && row < grid.origin.row + height && col >= grid.origin.col && col < grid.origin.col + width;
    if (!inside) throw new Error(`${f.kind} at ${f.location.cell} is outside the grid at ${grid.origin.row},${grid.origin.col} (${height}x${width})`);
  }
}

/** JSON of a run; a copy of the grid (the pipeline must not depend on object identity or mutate its input). */
function jsonOf(grid: Grid): string {
  return JSON.stringify(toJson(analyseGrids([grid]), "in.xlsx", "vi"));
}

describe("random grids through recognition and analysis", () => {
  test("never throw: recognise, analyse, report plan, JSON and summary (400 runs)", () => {
    let tables = 0;
    fc.assert(
      fc.property(gridArb, (grid) => {
        const result = analyseGrids([grid]);
        tables += result.tables.length;
        buildReportPlan({ lang: "vi", tables: result.tables });
        JSON.stringify(toJson(result, "x.xlsx", "en"));
        summaryText(result, "en");
      }),
      { numRuns: 400, seed: 20240601 },
    );
    // The generator must reach the engine and the report, not just be turned away at the door.
    expect(tables).toBeGreaterThan(250);
  });

  test("every number comes from the input: leaves equal their cells, parents the decimal sum of their children (400 runs)", () => {
    fc.assert(fc.property(gridArb, checkNumbersComeFromInput), { numRuns: 400, seed: 20240602 });
    expect(checked.leaves).toBeGreaterThan(2000);
    expect(checked.unreadable).toBeGreaterThan(1000);
    expect(checked.parents).toBeGreaterThan(800);
    expect(checked.maxima).toBeGreaterThan(500);
    expect(checked.merges).toBeGreaterThan(50);
  });

  test("every finding names a valid cell inside the grid, on its sheet (sheet-wide kinds excepted) (400 runs)", () => {
    fc.assert(fc.property(gridArb, checkFindingLocations), { numRuns: 400, seed: 20240603 });
    expect(checked.cells).toBeGreaterThan(1000);
  });

  test("deterministic: the same grid, or a copy of it, gives the same JSON (300 runs)", () => {
    fc.assert(
      fc.property(gridArb, (grid) => {
        const first = jsonOf(grid);
        expect(jsonOf(grid)).toBe(first);
        expect(jsonOf(structuredClone(grid))).toBe(first);
      }),
      { numRuns: 300, seed: 20240604 },
    );
  });
});

describe("numbers and text at the edges", () => {
  test("a decimal typed with a comma or a dot reads as that exact decimal; as a number, at 15 digits (1000 runs)", () => {
    fc.assert(
      fc.property(decimalText, numberCell, (text, n) => {
        const parsed = parsePoints(text);
        expect(parsed.ok && parsed.value.eq(new Decimal(text.replace(",", ".")))).toBe(true);
        const num = parsePoints(n);
        expect(num.ok && num.value.eq(new Decimal((n as number).toPrecision(15)))).toBe(true);
      }),
      { numRuns: 1000, seed: 20240605 },
    );
  });

  test("a table of random leaves: the total is the exact decimal sum of the cells, whatever the separators (300 runs)", () => {
    fc.assert(
      fc.property(fc.array(decimalText.filter((t) => !t.startsWith("-")), { minLength: 1, maxLength: 30 }), (values) => {
        const grid: Grid = {
          sheet: "S",
          origin: { row: 0, col: 0 },
          values: [["STT", "Nội dung", "Điểm thẩm định"], ...values.map((v, i) => [String(i + 1), `Tiêu chí ${i + 1}`, v])],
          merges: [],
        };
        const [table] = recogniseGrid(grid).tables;
        const total = analyse(table.scorecard).columns[0].nodes.get(TOTAL_CODE)?.achieved;
        const expected = values.reduce((s, v) => s.plus(new Decimal(v.replace(",", "."))), new Decimal(0));
        expect(total?.eq(expected)).toBe(true);
      }),
      { numRuns: 300, seed: 20240606 },
    );
  });

  test("the CSV reader gives back every field as typed: quotes, delimiters and line breaks inside fields (300 runs)", () => {
    const field = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('a,"b"', "x\ny", "8,75", "=1+1", " ", "\t"));
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const quote = (f: string) => `"${f.replace(/"/g, '""')}"`;
        const text = rows.map((r) => r.map(quote).join(",")).join("\r\n");
        expect(parseDelimited(text, ",")).toEqual(rows);
      }),
      { numRuns: 300, seed: 20240607 },
    );
  });
});
