/**
 * How big a table the task pane analyses. Bigger ones are refused before they are analysed, with
 * a message that gives the range's size and this limit and points to the `parscore` command line.
 */
import type { Grid } from "../tables/grid";

/**
 * The most cells (rows x columns of the range read) the pane analyses: 1,300,000, a national
 * table of 10,000 communes x 120 criteria (10,004 rows x 123 columns = 1,230,492 cells) with 5%
 * to spare.
 *
 * Measured in the pipeline worker, headless Chromium 156 on 2 shared AMD EPYC cores, generated
 * units-in-rows tables (STT | Đơn vị | Tiêu chí 1..120 | Tổng điểm, a Điểm tối đa row, points as
 * "0,57" text; `node bench/pane-worker.js 700,3000,10000`):
 *
 *   units x 120   analyse        plan           renderer peak RSS
 *   700           1.3 - 2.6 s    0.35 - 0.5 s   ~280 MB
 *   3,000         4.8 - 6.1 s    2.2 - 2.6 s    ~500 MB
 *   10,000        10.7 - 16.5 s  6.7 - 11.1 s   ~1.1 GB (the heap limit is ~4.4 GB)
 *
 * 10,000 units complete, the page's main thread never waits more than a few hundred ms (the
 * pipeline is off it), and Cancel stops at once: allowed. Memory grows about linearly with cells
 * (~0.75 KB a cell), so the limit stops well before an out-of-memory crash; bigger tables are for
 * the `parscore` command line.
 */
export const PANE_MAX_CELLS = 1_300_000;

/** Rows x columns of a grid (rows may be ragged: the widest counts). */
export function gridCells(grid: Grid): number {
  let width = 0;
  for (const row of grid.values) if (row.length > width) width = row.length;
  return grid.values.length * width;
}
