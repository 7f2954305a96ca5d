/**
 * Highlights on the user's own table: conditional-format rules (never static fills) that mark
 * every points cell below its max, and on self-assessment tables every appraised cell below the
 * self-assessed one. They stay true when the user edits the numbers, also numbers typed as text
 * with a decimal comma ("8,5"), in any locale:
 *
 *   AND(N("ParScore")=0, IFERROR(num(E7) < num(C7), FALSE))
 *   num(x) = --SUBSTITUTE(SUBSTITUTE(x, ",", MID(1/2,2,1)), ".", MID(1/2,2,1))
 *
 * MID(1/2,2,1) is the machine's decimal separator (1/2 turned into text is "0.5" or "0,5"), so
 * both "8,5" and "8.5" (and the number 8.5) read as 8.5 whether Excel runs in English or in
 * Vietnamese. Blank or non-numeric text gives an error, which IFERROR turns into "no highlight".
 * The max is the table's own max cell when it has one (relative reference), else the
 * criterion's max as a constant with a dot decimal. `N("ParScore")=0` is the marker that lets
 * a re-run or removeParScoreOutputs find these rules (see plan.ts).
 *
 * Cells with the same kind of comparison are grouped into rectangles, one rule per rectangle,
 * so a 63-unit table gets one rule per criterion column, not one per cell.
 */
import type { Criterion, Location } from "../engine/types";
import { TOTAL_CODE } from "../engine/types";
import { flattenCriteria } from "../engine/tree";
import { matchingSelfColumns } from "../engine/deductions";
import { nodeOutlines } from "../engine/columnar";
import { type PointsLayout, ScaledPoints } from "../engine/scaled-points";
import { a1, columnLetters, parseA1 } from "../tables/grid";
import type { ReportTableInput } from "./input";
import type { ConditionalFormat, HighlightPurpose } from "./plan";
import { HIGHLIGHT_MARKER } from "./plan";
import { COLORS } from "./styles";

const SEP = "MID(1/2,2,1)";

/** The locale-proof number reading of a cell reference (see the module comment). */
export function numberOf(ref: string): string {
  return `--SUBSTITUTE(SUBSTITUTE(${ref},",",${SEP}),".",${SEP})`;
}

/** The formula of a "value < limit" highlight; `limit` is a cell reference or a dot-decimal constant. */
export function belowFormula(valueRef: string, limit: { ref: string } | { constant: string }): string {
  const right = "ref" in limit ? numberOf(limit.ref) : limit.constant;
  return `AND(${HIGHLIGHT_MARKER},IFERROR(${numberOf(valueRef)}<${right},FALSE))`;
}

/**
 * What a cell is compared with. A max (or self-assessed) cell in the same row keeps its column
 * fixed ("$C7"), one in the same column keeps its row fixed ("C$2"), any other is absolute
 * ("$C$2"); so a whole block of cells shares one rule.
 */
type Limit = { kind: "cell"; absRow: number | null; absCol: number | null } | { kind: "const"; value: string };

function cellLimit(at: { row: number; col: number }, m: { row: number; col: number }): Limit {
  if (m.row === at.row) return { kind: "cell", absRow: null, absCol: m.col };
  if (m.col === at.col) return { kind: "cell", absRow: m.row, absCol: null };
  return { kind: "cell", absRow: m.row, absCol: m.col };
}

/**
 * One Limit object per distinct limit, so the cells of a commune table (a million of them, sharing a
 * few hundred limits) are grouped by object, not by a key string made per cell.
 */
class Limits {
  private readonly byKey = new Map<string, Limit>();
  private readonly sameRow = new Map<number, Limit>();
  private readonly sameCol = new Map<number, Limit>();

  cell(at: { row: number; col: number }, m: { row: number; col: number }): Limit {
    const table = m.row === at.row ? this.sameRow : m.col === at.col ? this.sameCol : null;
    if (!table) return this.intern(cellLimit(at, m));
    const fixed = m.row === at.row ? m.col : m.row;
    let limit = table.get(fixed);
    if (!limit) table.set(fixed, (limit = this.intern(cellLimit(at, m))));
    return limit;
  }

  constant(value: string): Limit {
    return this.intern({ kind: "const", value });
  }

  private intern(limit: Limit): Limit {
    const key = limitKey(limit);
    let known = this.byKey.get(key);
    if (!known) this.byKey.set(key, (known = limit));
    return known;
  }
}

function limitKey(limit: Limit): string {
  return limit.kind === "const" ? `k${limit.value}` : `c${limit.absRow ?? "r"},${limit.absCol ?? "c"}`;
}

function limitRef(limit: Extract<Limit, { kind: "cell" }>, top: number, left: number): string {
  const col = limit.absCol !== null ? `$${columnLetters(limit.absCol)}` : columnLetters(left);
  const row = limit.absRow !== null ? `$${limit.absRow + 1}` : String(top + 1);
  return col + row;
}

type Purpose = Extract<HighlightPurpose, "below-max" | "appraisal-cut">;

/**
 * The cells to highlight, in the order found, one per index of typed arrays (a commune table has a million:
 * no object each); each cell's sheet, purpose and limit as one group number (`group`), interned.
 */
class Items {
  row: Int32Array;
  col: Int32Array;
  group: Int32Array;
  length = 0;

  constructor(capacity: number) {
    const size = Math.max(16, capacity);
    this.row = new Int32Array(size);
    this.col = new Int32Array(size);
    this.group = new Int32Array(size);
  }
  /** Per group number: its sheet, purpose and limit. */
  readonly groupSheet: string[] = [];
  readonly groupPurpose: Purpose[] = [];
  readonly groupLimit: Limit[] = [];
  private readonly groups = new Map<string, Map<Purpose, Map<Limit, number>>>();

  groupOf(sheet: string, purpose: Purpose, limit: Limit): number {
    let bySheet = this.groups.get(sheet);
    if (!bySheet) this.groups.set(sheet, (bySheet = new Map()));
    let byPurpose = bySheet.get(purpose);
    if (!byPurpose) bySheet.set(purpose, (byPurpose = new Map()));
    let group = byPurpose.get(limit);
    if (group === undefined) {
      byPurpose.set(limit, (group = this.groupSheet.length));
      this.groupSheet.push(sheet);
      this.groupPurpose.push(purpose);
      this.groupLimit.push(limit);
    }
    return group;
  }

  push(sheet: string, row: number, col: number, purpose: Purpose, limit: Limit): void {
    this.pushIn(this.groupOf(sheet, purpose, limit), row, col);
  }

  pushIn(group: number, row: number, col: number): void {
    if (this.length === this.row.length) {
      const grown = (from: Int32Array) => {
        const to = new Int32Array(from.length * 2);
        to.set(from);
        return to;
      };
      this.row = grown(this.row);
      this.col = grown(this.col);
      this.group = grown(this.group);
    }
    this.row[this.length] = row;
    this.col[this.length] = col;
    this.group[this.length] = group;
    this.length++;
  }
}

export function buildHighlights(input: ReportTableInput): ConditionalFormat[] {
  const { analysis, table } = input;
  // Room for every points cell and published total at once (a commune table: 1.2 million), grown if cut cells need more.
  const items = new Items(analysis.columns.reduce((n, c) => n + c.column.points.size + 1, 0));
  const limits = new Limits();
  const byCode = new Map<string, Criterion>();
  for (const c of flattenCriteria(analysis.scorecard.criteria)) if (!byCode.has(c.code)) byCode.set(c.code, c);
  const maxAt = new Map<string, { row: number; col: number }>();
  const maxCellOf = (criterion: Criterion | undefined, sheet: string): { row: number; col: number } | null => {
    const maxCell = criterion?.maxLocation?.cell;
    if (!maxCell || (criterion?.maxLocation?.sheet ?? table.sheet) !== sheet) return null;
    let at = maxAt.get(maxCell);
    if (!at) maxAt.set(maxCell, (at = parseA1(maxCell)));
    return at;
  };

  const belowAt = (outline: ReturnType<typeof nodeOutlines>, code: string, sheet: string, at: { row: number; col: number }): void => {
    const criterion = byCode.get(code);
    // The node's kind, N/A state and max only: a clean column's nodes are not made for this.
    const node = outline(code);
    if (!node || node.notApplicable) return;
    if (node.kind !== "ordinary") return;
    const maxCell = maxCellOf(criterion, sheet);
    const limit = maxCell ? limits.cell(at, maxCell) : node.max ? limits.constant(node.max.toString()) : null;
    if (limit) items.push(sheet, at.row, at.col, "below-max", limit);
  };
  const below = (outline: ReturnType<typeof nodeOutlines>, code: string, pv: { location?: Location; notApplicable?: boolean }): void => {
    const cell = pv.location?.cell;
    if (!cell || pv.notApplicable) return;
    belowAt(outline, code, pv.location?.sheet ?? table.sheet, parseA1(cell));
  };
  // What a reader's cell at one position of its layout is compared with, the same on every row read through
  // one outline function (a commune table's 10,000 clean rows share one): null when it gets no highlight.
  type AtPosition = { limit: Limit; group: number; maxCell: { row: number; col: number } | null } | null;
  const atPositions = new Map<ReturnType<typeof nodeOutlines>, Map<PointsLayout, AtPosition[]>>();
  const positionsOf = (outline: ReturnType<typeof nodeOutlines>, layout: PointsLayout): AtPosition[] => {
    let byLayout = atPositions.get(outline);
    if (!byLayout) atPositions.set(outline, (byLayout = new Map()));
    let known = byLayout.get(layout);
    if (!known) byLayout.set(layout, (known = []));
    return known;
  };
  const atPosition = (outline: ReturnType<typeof nodeOutlines>, code: string, sheet: string, col: number): AtPosition => {
    const node = outline(code);
    if (!node || node.notApplicable || node.kind !== "ordinary") return null;
    const maxCell = maxCellOf(byCode.get(code), sheet);
    // On any row but the max's own, the limit does not depend on the row (see Limits.cell).
    const limit = maxCell ? limits.cell({ row: maxCell.row + 1, col }, maxCell) : node.max ? limits.constant(node.max.toString()) : null;
    return limit ? { limit, group: items.groupOf(sheet, "below-max", limit), maxCell } : null;
  };
  for (const column of analysis.columns) {
    const outline = nodeOutlines(column.nodes);
    const points = column.column.points;
    // A reader's cells by their coordinates, without making their points (a commune table has a million).
    // All on one row of one sheet, position by position (as forEachCell calls them, without a call per cell).
    const cells = points instanceof ScaledPoints ? points.cellsRow() : null;
    if (points instanceof ScaledPoints && cells) {
      const positions = positionsOf(outline, points.layout);
      const { codes, cols } = points.layout;
      const { sheet, row } = cells;
      for (let i = 0; i < codes.length; i++) {
        if (points.notApplicableAt(i)) continue;
        const col = cols[i];
        let at = positions[i];
        if (at === undefined) positions[i] = at = atPosition(outline, codes[i], sheet, col);
        if (!at) continue;
        if (at.maxCell?.row === row) items.push(sheet, row, col, "below-max", limits.cell({ row, col }, at.maxCell));
        else items.pushIn(at.group, row, col);
      }
    } else for (const [code, pv] of points) below(outline, code, pv);
    if (column.column.publishedTotal) below(outline, TOTAL_CODE, column.column.publishedTotal);
  }

  for (const [column, self] of matchingSelfColumns(analysis.columns)) {
    for (const [code, pv] of column.column.points) {
      const sv = self.column.points.get(code);
      const cell = pv.location?.cell;
      const selfCell = sv?.location?.cell;
      if (!cell || !selfCell || pv.notApplicable || sv?.notApplicable) continue;
      const sheet = pv.location?.sheet ?? table.sheet;
      if ((sv?.location?.sheet ?? table.sheet) !== sheet) continue;
      const at = parseA1(cell);
      items.push(sheet, at.row, at.col, "appraisal-cut", limits.cell(at, parseA1(selfCell)));
    }
  }
  return toRules(items);
}

/** Highlights for several tables; appraisal cuts first so they win over "below max" on the same cell. */
export function buildAllHighlights(inputs: ReportTableInput[]): ConditionalFormat[] {
  const rules = inputs.flatMap(buildHighlights);
  const rank = (p: HighlightPurpose): number => (p === "appraisal-cut" ? 0 : 1);
  return rules.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r.purpose) - rank(b.r.purpose) || a.i - b.i).map(({ r }) => r);
}

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function toRules(items: Items): ConditionalFormat[] {
  // Per sheet and purpose: the cells already given a rule (CellSet); a cell seen again is left out.
  const bounds = boundsOf(items);
  const scopes = new Map<string, Map<Purpose, CellSet>>();
  const seenOf = items.groupSheet.map((sheet, g) => {
    const purpose = items.groupPurpose[g];
    let bySheet = scopes.get(sheet);
    if (!bySheet) scopes.set(sheet, (bySheet = new Map()));
    let seen = bySheet.get(purpose);
    if (!seen) bySheet.set(purpose, (seen = cellSet(bounds, items.length)));
    return seen;
  });
  // The cells kept, counted per group; groups in the order their first kept cell was found.
  const groups = items.groupSheet.length;
  const kept = new Uint8Array(items.length);
  const counts = new Int32Array(groups);
  const order: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const g = items.group[i];
    if (!seenOf[g].add(items.row[i], items.col[i])) continue;
    kept[i] = 1;
    if (counts[g]++ === 0) order.push(g);
  }
  // Each group's cells (item indexes, in the order found), one after another in one array.
  const starts = new Int32Array(groups + 1);
  for (let g = 0; g < groups; g++) starts[g + 1] = starts[g] + counts[g];
  const members = new Int32Array(starts[groups]);
  const filled = starts.slice(0, groups);
  for (let i = 0; i < items.length; i++) if (kept[i]) members[filled[items.group[i]]++] = i;

  const rules: ConditionalFormat[] = [];
  for (const g of order) {
    const sheet = items.groupSheet[g];
    const purpose = items.groupPurpose[g];
    const limit = items.groupLimit[g];
    const list = members.subarray(starts[g], starts[g + 1]);
    const vertical = rectangles(items, list, "vertical");
    // One rectangle cannot be beaten (a commune table's column of 10,000 cells would be 10,000 runs across).
    const horizontal = vertical.length > 1 ? rectangles(items, list, "horizontal") : vertical;
    for (const rect of horizontal.length < vertical.length ? horizontal : vertical) {
      const topLeft = a1(rect.top, rect.left);
      const ref = rect.top === rect.bottom && rect.left === rect.right ? topLeft : `${topLeft}:${a1(rect.bottom, rect.right)}`;
      const formula = belowFormula(
        topLeft,
        limit.kind === "cell" ? { ref: limitRef(limit, rect.top, rect.left) } : { constant: limit.value },
      );
      const colors =
        purpose === "appraisal-cut"
          ? { fill: COLORS.appraisalFill, fontColor: COLORS.appraisalFont }
          : { fill: COLORS.belowMaxFill, fontColor: COLORS.belowMaxFont };
      rules.push({ sheet, ref, purpose, rule: { type: "formula", formula, ...colors } });
    }
  }
  return rules;
}

/** Cells seen: `add` is false when the cell was there already. */
interface CellSet {
  add(row: number, col: number): boolean;
}

function boundsOf(items: Items): { top: number; left: number; rows: number; cols: number } {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (let i = 0; i < items.length; i++) {
    const row = items.row[i];
    const col = items.col[i];
    if (row < top) top = row;
    if (row > bottom) bottom = row;
    if (col < left) left = col;
    if (col > right) right = col;
  }
  return { top, left, rows: bottom - top + 1, cols: right - left + 1 };
}

/**
 * A bitmap over the cells' bounding box when it is not much larger than the cells themselves (a
 * commune table: a million cells in a 10,000 x 120 box), which a Set of a million numbers is not
 * (it rehashes as it grows); a Set of row * 2^14 + col otherwise (Excel has 2^14 columns).
 */
function cellSet(bounds: { top: number; left: number; rows: number; cols: number }, count: number): CellSet {
  const area = bounds.rows * bounds.cols;
  if (area > 0 && area <= 4 * count + 65536) {
    const bits = new Uint8Array(area);
    return {
      add: (row, col) => {
        const i = (row - bounds.top) * bounds.cols + (col - bounds.left);
        if (bits[i]) return false;
        bits[i] = 1;
        return true;
      },
    };
  }
  const seen = new Set<number>();
  return {
    add: (row, col) => {
      const key = row * 16384 + col;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
  };
}

/** Cells -> rectangles: runs along one direction, then runs of equal runs merged across. */
function rectangles(items: Items, cells: Int32Array, direction: "vertical" | "horizontal"): Rect[] {
  const majors = direction === "vertical" ? items.col : items.row;
  const minors = direction === "vertical" ? items.row : items.col;
  const { lines, places } = byLine(cells, majors, minors);
  // runs: [major, from, to]
  const runs: [number, number, number][] = [];
  let line = -1;
  let from = -1;
  let prev = -1;
  for (let k = 0; k < lines.length; k++) {
    const m = lines[k];
    const v = places[k];
    if (m === line && v === prev + 1) {
      prev = v;
      continue;
    }
    if (line >= 0) runs.push([line, from, prev]);
    line = m;
    from = prev = v;
  }
  if (line >= 0) runs.push([line, from, prev]);
  // Merge runs with the same span on consecutive majors.
  const open = new Map<string, { start: number; end: number; from: number; to: number }>();
  const done: { start: number; end: number; from: number; to: number }[] = [];
  for (const [m, from, to] of runs) {
    const key = `${from}:${to}`;
    const current = open.get(key);
    if (current && current.end === m - 1) current.end = m;
    else {
      if (current) done.push(current);
      open.set(key, { start: m, end: m, from, to });
    }
  }
  done.push(...open.values());
  return done.map((s) =>
    direction === "vertical"
      ? { left: s.start, right: s.end, top: s.from, bottom: s.to }
      : { top: s.start, bottom: s.end, left: s.from, right: s.to },
  );
}

/**
 * The cells' lines (majors) and places on them (minors), lines in order and each line's cells in order. A
 * group's cells are distinct (toRules keeps a cell once).
 */
function byLine(cells: Int32Array, majors: Int32Array, minors: Int32Array): { lines: Int32Array; places: Int32Array } {
  let first = Infinity;
  let last = -1;
  for (let k = 0; k < cells.length; k++) {
    const m = majors[cells[k]];
    if (m < first) first = m;
    if (m > last) last = m;
  }
  const lines = new Int32Array(cells.length);
  const places = new Int32Array(cells.length);
  const range = last - first + 1;
  if (cells.length > 0 && range <= 4 * cells.length + 65536) {
    // Bucketed by line (a counting sort), then each line's places sorted natively unless found in order
    // (a row-wise table's cells come row after row: each column's are in order already).
    const starts = new Int32Array(range + 1);
    for (let k = 0; k < cells.length; k++) starts[majors[cells[k]] - first + 1]++;
    for (let l = 0; l < range; l++) starts[l + 1] += starts[l];
    const next = starts.slice(0, range);
    for (let k = 0; k < cells.length; k++) {
      const l = majors[cells[k]] - first;
      const at = next[l]++;
      places[at] = minors[cells[k]];
      lines[at] = l + first;
    }
    for (let l = 0; l < range; l++) {
      const from = starts[l];
      const to = starts[l + 1];
      for (let k = from + 1; k < to; k++) {
        if (places[k] < places[k - 1]) {
          places.subarray(from, to).sort();
          break;
        }
      }
    }
    return { lines, places };
  }
  const sorted = Array.from(cells).sort((a, b) => majors[a] - majors[b] || minors[a] - minors[b]);
  sorted.forEach((i, k) => {
    lines[k] = majors[i];
    places[k] = minors[i];
  });
  return { lines, places };
}
