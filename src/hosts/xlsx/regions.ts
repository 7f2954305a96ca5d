/**
 * Where on a sheet to build Grids, so that their size follows the cells that hold something, never
 * the sheet's extent. A Grid is dense (rows x columns), and a sheet can hold a 4-unit table in A1:G7
 * plus a stray note in XFD1048576: their bounding box has 17 billion cells. So the occupied cells
 * are cut into regions along the wide empty bands of rows or columns between them (an X-Y cut)
 * until each region is dense enough. A sheet whose box is at most DENSITY times what it holds,
 * plus SLACK, stays one region (a table, blank rows and all); once cut, each part must be at most
 * DENSITY times what it holds plus a little, or hold no empty band at all.
 *
 * Bound: the regions of n occupied cells cover at most about 104 n + SLACK cells (property-tested).
 */
import type { Rect } from "../../tables/grid";

/** A region may be this many times larger than the cells it holds ... */
export const DENSITY = 4;
/** ... plus this many cells for a whole sheet, or a part without an empty band in it ... */
export const SLACK = 10_000;
/** ... plus this many for a part cut from a sheet (a few blank cells at a table's edge). */
const PART_SLACK = 64;

export interface Region {
  box: Rect;
  /** Cells the region's items cover (a merge counts every cell it covers). */
  weight: number;
  /** Items in the region. */
  items: number;
}

function area(r: Rect): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

function bounds(items: readonly Rect[]): Rect {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const r of items) {
    if (r.top < top) top = r.top;
    if (r.left < left) left = r.left;
    if (r.bottom > bottom) bottom = r.bottom;
    if (r.right > right) right = r.right;
  }
  return { top, left, bottom, right };
}

type Axis = "rows" | "cols";

/**
 * Splits items at every empty band of the axis at least a quarter as wide as the widest one, all
 * at once: evenly or randomly spaced items split in a few steps (each step divides the widest band
 * left by four, so there are at most about 17 before no band is left), while the blank rows inside
 * a table are never cut to set a stray cell a million rows away apart.
 * Returns null when the items leave no empty band on this axis.
 */
function splitAtWideGaps(items: Rect[], axis: Axis): { groups: Rect[][]; gap: number } | null {
  const lo = (r: Rect) => (axis === "rows" ? r.top : r.left);
  const hi = (r: Rect) => (axis === "rows" ? r.bottom : r.right);
  const sorted = [...items].sort((a, b) => lo(a) - lo(b));
  let reach = hi(sorted[0]);
  let widest = 0;
  for (let i = 1; i < sorted.length; i++) {
    const gap = lo(sorted[i]) - reach - 1;
    if (gap > widest) widest = gap;
    if (hi(sorted[i]) > reach) reach = hi(sorted[i]);
  }
  if (widest <= 0) return null;
  const wide = Math.max(1, Math.ceil(widest / 4));
  const groups: Rect[][] = [[sorted[0]]];
  reach = hi(sorted[0]);
  for (let i = 1; i < sorted.length; i++) {
    if (lo(sorted[i]) - reach - 1 >= wide) groups.push([]);
    groups[groups.length - 1].push(sorted[i]);
    if (hi(sorted[i]) > reach) reach = hi(sorted[i]);
  }
  return { groups, gap: widest };
}

function weightOf(items: readonly Rect[]): number {
  let w = 0;
  for (const r of items) w += area(r);
  return w;
}

/** The regions (top to bottom, then left to right) that cover the items (cells and merged areas). */
export function occupiedRegions(items: readonly Rect[]): Region[] {
  if (items.length === 0) return [];
  const out: Region[] = [];
  const pending: { items: Rect[]; whole: boolean }[] = [{ items: [...items], whole: true }];
  while (pending.length > 0) {
    const { items: group, whole } = pending.pop() as { items: Rect[]; whole: boolean };
    const box = bounds(group);
    const weight = weightOf(group);
    const accept = (slack: number) => area(box) <= DENSITY * weight + slack;
    if (group.length === 1 || accept(whole ? SLACK : PART_SLACK)) {
      out.push({ box, weight, items: group.length });
      continue;
    }
    const byRows = splitAtWideGaps(group, "rows");
    const byCols = splitAtWideGaps(group, "cols");
    const split = byRows && byCols ? (byRows.gap >= byCols.gap ? byRows : byCols) : (byRows ?? byCols);
    if (split) {
      for (const g of split.groups) pending.push({ items: g, whole: false });
      continue;
    }
    // No empty band at all (cells on a diagonal): dense enough for a sheet, or halved along its longer side.
    if (accept(SLACK)) {
      out.push({ box, weight, items: group.length });
      continue;
    }
    const byTop = box.bottom - box.top >= box.right - box.left;
    const sorted = [...group].sort(byTop ? (a, b) => a.top - b.top : (a, b) => a.left - b.left);
    const half = Math.floor(sorted.length / 2);
    pending.push({ items: sorted.slice(0, half), whole: false }, { items: sorted.slice(half), whole: false });
  }
  return out.sort((a, b) => a.box.top - b.box.top || a.box.left - b.box.left);
}
