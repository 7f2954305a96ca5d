/**
 * One planned sheet as pieces of Office.js work (see batches.ts), in the order they must run:
 * create and mark the sheet, widths, frozen panes, print setup; then each block's values (in
 * chunks of rows), its style rectangles (one format call each, number formats in chunks of rows)
 * and its links; then merges, row heights, conditional formats and charts. Each piece weighs at
 * most about maxBytes / 8, so requests pack well, and its ranges are untracked (ranges.ts): nothing
 * is left for Excel.run's clean-up request. With ExcelApi 1.9, a column of one formula moved down a
 * row each time, and a long rectangle's number format, are sent as their first row and filled down
 * by Excel (formulaFills, autoFill); one-row merges on consecutive rows are one call (mergeBlocks);
 * a sheet of more than MAX_LINKS_PER_SHEET links gets its names as text.
 *
 * Values: numbers as numbers, text as text. Office.js reads `range.values` like typed input, so
 * "=1+1", "+84 ...", "1.10", "4/5", "TRUE" or "#N/A" would become a formula, a number, a date, a
 * boolean or an error. Such text gets a leading apostrophe: Excel's "this is text" prefix, kept
 * out of the cell's value, one byte where a number format "@" per cell would cost four (and
 * would leave the cell formatted as Text). Plain words are written as they are, so the formula
 * bar shows no apostrophe on headings and names.
 */
import { parseA1, parseRangeA1, rangeA1 } from "../../tables/grid";
import { looksLikeFormula, resolveFormula, type CellBlock, type PlanCell, type PlannedSheet, type SheetPlan } from "../../report/plan";
import { ACTION_BYTES, PATH_BYTES, arraySetBytes, jsonBytes, rowJsonBytes, type Work } from "./batches";
import { applyCellStyle, cellStyleBytes, hasRangeFormat, numberFormatArray, numberFormatBytes, styleRects } from "./cell-styles";
import { addChart, chartBytes } from "./charts";
import { addConditionalFormat, conditionalFormatBytes } from "./conditional-formats";
import { formulaShape, releaseRows, type FormulaShape } from "./r1c1";
import { rangeAt, rangeOf } from "./ranges";
import { MAX_LINKS_PER_SHEET } from "./link-limit";
import type { HostFeatures } from "./requirements";

/** The sheet being written: its final name, and its proxy once the creating piece has run. */
export interface SheetTarget {
  name: string;
  marker: string;
  worksheet?: Excel.Worksheet;
}

export interface SheetWorkOptions {
  plan: SheetPlan;
  features: HostFeatures;
  maxBytes: number;
  /** Planned sheet name -> final name, for links between ParScore's own sheets. */
  renamed: Map<string, string>;
  /** Every planned sheet name -> its final name, for live formulas referring to ParScore's own sheets. */
  ownSheets?: ReadonlyMap<string, string>;
}

/** Characters (Excel's column width unit) -> points: 7 px per character + 5 px padding at 96 dpi, 0.75 pt a pixel. */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/**
 * True for text Excel could take for something else when typed: formula starts (looksLikeFormula),
 * anything with a digit (numbers, dates, times, fractions, percentages, "4(12)"), booleans,
 * error literals, and text that itself starts with an apostrophe (which Excel would eat).
 * Generous on purpose: a needless prefix changes nothing a user sees in the cell.
 */
export function needsTextPrefix(text: string): boolean {
  return looksLikeFormula(text) || /\d/.test(text) || /^\s*(true|false|đúng|sai)\s*$/i.test(text) || /^\s*#/.test(text) || text.startsWith("'");
}

/**
 * The value a plan cell is written as in `range.values` (or `range.formulas` for a chunk holding
 * a live formula, "=..." in en-US syntax); null leaves the cell alone. `ownSheets` maps planned sheet
 * names to the names they got, for formulas that refer to ParScore's own sheets.
 */
export function cellInput(cell: PlanCell | null | undefined, ownSheets?: ReadonlyMap<string, string>): string | number | null {
  const v = cell?.value;
  if (!v) return null;
  switch (v.kind) {
    case "number":
      return Number(v.value);
    case "text":
    case "link":
      return needsTextPrefix(v.text) ? `'${v.text}` : v.text;
    case "formula":
      return `=${resolveFormula(v.formula, (planned) => ownSheets?.get(planned) ?? planned)}`;
  }
}

/** `'Sheet'!C7`: always quoted, quotes doubled, which Excel accepts for any sheet name. */
export function documentReference(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

/** The block with its link cells as plain text (and without the link look). */
function withoutLinks(block: CellBlock): CellBlock {
  return { ...block, rows: block.rows.map((row) => row.map((cell) => (cell?.value?.kind === "link" ? { ...cell, value: { kind: "text", text: cell.value.text } } : cell))) };
}

function linkCount(planned: PlannedSheet): number {
  return planned.blocks.reduce((n, b) => n + b.rows.reduce((m, row) => m + row.filter((cell) => cell?.value?.kind === "link").length, 0), 0);
}

/**
 * The pieces of work for one planned sheet: `setup` creates and marks it, `content` writes it. A host
 * runs every sheet's setup before any content, so a live formula referring to another of ParScore's
 * sheets (the gap sheet's ranks, on the ranking sheet) never names a sheet that does not exist yet.
 */
export function sheetWorks(
  context: Excel.RequestContext,
  planned: PlannedSheet,
  target: SheetTarget,
  options: SheetWorkOptions,
): { setup: Work; content: Work[]; linksLeftOut: number } {
  const sheet = (): Excel.Worksheet => {
    if (!target.worksheet) throw new Error(`sheet '${target.name}' used before it was created`);
    return target.worksheet;
  };
  const setup = setupWork(context, planned, target, options.features);
  const works: Work[] = [];
  const pieceBytes = Math.max(1, Math.floor(options.maxBytes / 8));
  const links = linkCount(planned);
  const linksLeftOut = links > MAX_LINKS_PER_SHEET ? links : 0;
  for (const block of planned.blocks) works.push(...blockWorks(sheet, linksLeftOut ? withoutLinks(block) : block, options, pieceBytes));
  for (const merge of mergeBlocks(planned.merges)) {
    works.push({ bytes: 2 * PATH_BYTES + ACTION_BYTES + merge.address.length, run: () => rangeOf(sheet(), merge.address).merge(merge.across) });
  }
  for (const [start, count, height] of runsOfEqual(Object.entries(planned.rowHeights).map(([row, h]) => [Number(row) - 1, h] as [number, number]))) {
    works.push({
      bytes: 3 * PATH_BYTES + ACTION_BYTES,
      run: () => {
        rangeAt(sheet(), start, 0, count, 1).format.rowHeight = height;
      },
    });
  }
  for (const cf of planned.conditionalFormats) {
    works.push({ bytes: conditionalFormatBytes(cf.rule), run: () => void addConditionalFormat(rangeOf(sheet(), cf.ref), cf.rule) });
  }
  for (const chart of planned.charts) {
    works.push({ bytes: chartBytes(chart), run: () => void addChart(sheet(), chart) });
  }
  return { setup, content: works, linksLeftOut };
}

/** Creates the sheet, marks it as ParScore's, and sets what belongs to the whole sheet. */
function setupWork(context: Excel.RequestContext, planned: PlannedSheet, target: SheetTarget, features: HostFeatures): Work {
  const widthRuns = runsOfEqual(planned.columnWidths.map((w, i) => [i, w] as [number, number]).filter(([, w]) => w > 0));
  return {
    bytes: 6 * PATH_BYTES + 6 * ACTION_BYTES + widthRuns.length * (3 * PATH_BYTES + ACTION_BYTES) + jsonBytes(target),
    run: () => {
      const ws = context.workbook.worksheets.add(target.name);
      target.worksheet = ws;
      // Marked in the same request that creates it: a run that fails later leaves a sheet the
      // next run recognises and replaces, never an unmarked copy.
      context.workbook.names.add(target.marker, rangeOf(ws, "A1"));
      if (planned.tabColor) ws.tabColor = `#${planned.tabColor}`;
      for (const [start, count, width] of widthRuns) {
        rangeAt(ws, 0, start, 1, count).format.columnWidth = columnWidthPoints(width);
      }
      const freeze = planned.freeze;
      if (freeze && freeze.rows > 0 && freeze.columns > 0) ws.freezePanes.freezeAt(rangeAt(ws, 0, 0, freeze.rows, freeze.columns));
      else if (freeze && freeze.rows > 0) ws.freezePanes.freezeRows(freeze.rows);
      else if (freeze && freeze.columns > 0) ws.freezePanes.freezeColumns(freeze.columns);
      if (planned.print && features.pageLayout) {
        ws.pageLayout.orientation = planned.print.landscape ? "Landscape" : "Portrait";
        if (planned.print.fitToWidth) ws.pageLayout.zoom = { horizontalFitToPages: 1 };
      }
    },
  };
}

/**
 * The plan's merges as few calls as Excel allows: one-row merges over the same columns on
 * consecutive rows (a ranking sheet's name cells, one per unit) are one `merge(true)` ("merge
 * across": each row of the range merged on its own); any other merge is its own call.
 */
export function mergeBlocks(merges: readonly string[]): { address: string; across: boolean }[] {
  const out: { address: string; across: boolean }[] = [];
  const rects = merges.map((m) => ({ m, rect: parseRangeA1(m) }));
  let i = 0;
  while (i < rects.length) {
    const { m, rect } = rects[i];
    let j = i + 1;
    if (rect.top === rect.bottom) {
      while (j < rects.length) {
        const next = rects[j].rect;
        if (next.top !== next.bottom || next.top !== rect.top + (j - i) || next.left !== rect.left || next.right !== rect.right) break;
        j++;
      }
    }
    if (j - i > 1) out.push({ address: rangeA1({ top: rect.top, bottom: rect.top + (j - i) - 1, left: rect.left, right: rect.right }), across: true });
    else out.push({ address: m, across: false });
    i = j;
  }
  return out;
}

/** [first index, count, value] for runs of consecutive indices with equal values. */
function runsOfEqual(entries: [number, number][]): [number, number, number][] {
  const sorted = [...entries].sort((a, b) => a[0] - b[0]);
  const runs: [number, number, number][] = [];
  for (const [index, value] of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === index && last[2] === value) last[1] += 1;
    else runs.push([index, 1, value]);
  }
  return runs;
}

/**
 * A block: its values in chunks of rows (each chunk one `range.values` 2-D array per run of columns in use), then one
 * piece per style rectangle for its RangeFormat (the whole height at once: a format call costs
 * the same for 10 rows or 10,000), with its number formats in row chunks, then its links.
 */
function blockWorks(sheet: () => Excel.Worksheet, block: CellBlock, options: SheetWorkOptions, pieceBytes: number): Work[] {
  const origin = parseA1(block.at);
  const width = block.rows.reduce((w, row) => Math.max(w, row.length), 0);
  if (width === 0 || block.rows.length === 0) return [];
  const works: Work[] = [...valueWorks(sheet, block, origin, width, pieceBytes, options.ownSheets ?? new Map(), options.features.autoFill)];
  for (const rect of styleRects(block.rows, 0, block.rows.length)) {
    const style = options.plan.styles[rect.style];
    if (!style) continue;
    const shape = { rows: rect.rows, cols: rect.cols, link: rect.link };
    if (hasRangeFormat(style, rect.link)) {
      works.push({
        bytes: cellStyleBytes(style, shape),
        run: () => void applyCellStyle(rangeAt(sheet(), origin.row + rect.top, origin.col + rect.left, rect.rows, rect.cols), style, shape, options.features),
      });
    }
    const numFmt = style.numFmt;
    if (numFmt && options.features.autoFill && rect.rows >= MIN_FILL_ROWS) {
      // The first row's number format, filled down (FillFormats copies every format of that row:
      // it goes before the rectangle's RangeFormat below, which then sets the rest as planned).
      works.splice(works.length - (hasRangeFormat(style, rect.link) ? 1 : 0), 0, {
        bytes: arraySetBytes(1, rect.cols, numberFormatBytes(numFmt, 1, rect.cols)) + FILL_BYTES,
        run: () => {
          const at = (rows: number) => rangeAt(sheet(), origin.row + rect.top, origin.col + rect.left, rows, rect.cols);
          at(1).numberFormat = numberFormatArray(numFmt, 1, rect.cols);
          at(1).autoFill(at(rect.rows), "FillFormats");
        },
      });
    } else if (numFmt) {
      const rowsPerPiece = Math.max(1, Math.floor(pieceBytes / numberFormatBytes(numFmt, 1, rect.cols)));
      for (let top = 0; top < rect.rows; top += rowsPerPiece) {
        const rows = Math.min(rowsPerPiece, rect.rows - top);
        works.push({
          bytes: arraySetBytes(rows, rect.cols, numberFormatBytes(numFmt, rows, rect.cols)),
          run: () => {
            rangeAt(sheet(), origin.row + rect.top + top, origin.col + rect.left, rows, rect.cols).numberFormat = numberFormatArray(numFmt, rows, rect.cols);
          },
        });
      }
    }
  }
  block.rows.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      const v = cell?.value;
      if (v?.kind !== "link") return;
      const hyperlink: Excel.RangeHyperlink = {
        documentReference: documentReference(options.renamed.get(v.sheet) ?? v.sheet, v.cell),
        textToDisplay: v.text,
      };
      works.push({
        bytes: 2 * PATH_BYTES + ACTION_BYTES + jsonBytes(hyperlink),
        run: () => {
          rangeAt(sheet(), origin.row + r, origin.col + c, 1, 1).hyperlink = hyperlink;
        },
      });
    }),
  );
  return works;
}

/** A rectangle of a block (relative to its top-left) whose columns each repeat one formula down its rows, in R1C1 terms. */
export interface FormulaFill {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

/** Shorter columns are sent cell by cell: a fill pays off on long columns (a ranking of many units). */
export const MIN_FILL_ROWS = 20;

/** A fill: its source and destination ranges (two paths, two instantiations each) and the autoFill call. */
const FILL_BYTES = 2 * PATH_BYTES + 6 * ACTION_BYTES;

/** A run of one column: rows [top, end), and the references whose absolute row moves with the row. */
interface ColumnRun {
  top: number;
  end: number;
  moving: Set<number>;
}

/**
 * The runs of a column where each row's formula is the one above it moved down a row: same text
 * around the references, the same columns, each row either fixed (an absolute row that stays:
 * the ranked range of RANK.EQ) or moving with the row (a relative row, or an absolute one such as
 * the unit's own source row `$C$3:$DR$3`, `$C$4:$DR$4`, ...).
 */
function columnRuns(inputs: readonly (readonly (string | number | null)[])[], c: number): ColumnRun[] {
  const runs: ColumnRun[] = [];
  let run: (ColumnRun & { shape: FormulaShape; fixed: Set<number> }) | null = null;
  const close = () => {
    if (run && run.end - run.top >= MIN_FILL_ROWS) runs.push({ top: run.top, end: run.end, moving: run.moving });
    run = null;
  };
  for (let r = 0; r < inputs.length; r++) {
    const input = inputs[r][c];
    const shape = typeof input === "string" && input.startsWith("=") ? formulaShape(input) : null;
    if (!shape) {
      close();
      continue;
    }
    const current = run as (ColumnRun & { shape: FormulaShape; fixed: Set<number> }) | null;
    if (current && followsRun(current, shape, r)) {
      current.end = r + 1;
      continue;
    }
    close();
    run = { top: r, end: r + 1, moving: new Set(), fixed: new Set(), shape };
  }
  close();
  return runs;
}

/** True when `shape`, in row r, is the run's first formula moved down r - top rows (and says which references move). */
function followsRun(run: ColumnRun & { shape: FormulaShape; fixed: Set<number> }, shape: FormulaShape, r: number): boolean {
  const base = run.shape;
  if (shape.template !== base.template || shape.refs.length !== base.refs.length) return false;
  const down = r - run.top;
  // Checked first, recorded only when the whole row follows (no copy of the sets per row: a
  // ranking has 10,000 rows of formulas).
  const moved: number[] = [];
  const stayed: number[] = [];
  for (let i = 0; i < shape.refs.length; i++) {
    const a = base.refs[i];
    const b = shape.refs[i];
    if (a.absCol !== b.absCol || a.absRow !== b.absRow || a.col !== b.col) return false;
    const moves = b.row === a.row + down;
    const stays = a.absRow && b.row === a.row;
    if (moves && !run.fixed.has(i)) moved.push(i);
    else if (stays && !run.moving.has(i)) stayed.push(i);
    else return false;
  }
  for (const i of moved) run.moving.add(i);
  for (const i of stayed) run.fixed.add(i);
  return true;
}

/**
 * Rectangles of formulas that Excel can fill down from their first row (columnRuns, side by side
 * when they cover the same rows). A ranking sheet of 10,000 units is then sent as one row of
 * formulas per block and Excel writes the others (autoFill, ExcelApi 1.9). The first row's moving
 * absolute rows lose their `$` ($C$3 -> $C3), since a fill moves only what it sees as relative:
 * every cell then computes what the plan's formula computes.
 */
export function formulaFills(inputs: (string | number | null)[][]): FormulaFill[] {
  const width = inputs.reduce((w, row) => Math.max(w, row.length), 0);
  const fills: FormulaFill[] = [];
  let open: FormulaFill[] = [];
  for (let c = 0; c < width; c++) {
    const next: FormulaFill[] = [];
    for (const run of columnRuns(inputs, c)) {
      const first = inputs[run.top][c] as string;
      inputs[run.top][c] = releaseRows(first, new Set([...run.moving].filter((i) => formulaShape(first).refs[i].absRow)));
      const rows = run.end - run.top;
      const left = open.find((f) => f.top === run.top && f.rows === rows && f.left + f.cols === c);
      if (left) {
        left.cols += 1;
        next.push(left);
      } else {
        const fill = { top: run.top, left: c, rows, cols: 1 };
        fills.push(fill);
        next.push(fill);
      }
    }
    open = next;
  }
  return fills;
}

/** Runs [left, right) of columns holding a value in rows [start, end). */
function usedColumns(inputs: readonly (readonly (string | number | null)[])[], start: number, end: number, width: number): [number, number][] {
  const used: boolean[] = new Array(width).fill(false);
  for (let r = start; r < end; r++) inputs[r].forEach((v, c) => (used[c] ||= v !== null));
  const runs: [number, number][] = [];
  for (let c = 0; c < width; c++) {
    if (!used[c]) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === c) last[1] = c + 1;
    else runs.push([c, c + 1]);
  }
  return runs;
}

/**
 * The block's values, in chunks of whole rows of at most `pieceBytes` each, each chunk written as
 * its runs of columns that hold something (a chunk that is all null is skipped). A chunk holding a live formula is written through `range.formulas`, which Excel reads
 * in en-US syntax whatever the user's locale; its constants are read there as they are in `values`.
 */
function valueWorks(
  sheet: () => Excel.Worksheet,
  block: CellBlock,
  origin: { row: number; col: number },
  width: number,
  pieceBytes: number,
  ownSheets: ReadonlyMap<string, string>,
  autoFill: boolean,
): Work[] {
  const inputs = block.rows.map((row) => {
    const out: (string | number | null)[] = new Array(width).fill(null);
    row.forEach((cell, c) => (out[c] = cellInput(cell, ownSheets)));
    return out;
  });
  // With autoFill, a rectangle of repeated formulas is sent as its first row, then filled down.
  const fills = autoFill ? formulaFills(inputs) : [];
  for (const fill of fills) {
    for (let r = fill.top + 1; r < fill.top + fill.rows; r++) inputs[r].fill(null, fill.left, fill.left + fill.cols);
  }
  const works: Work[] = [];
  // Each row's JSON weighed once: for the chunks, and again for a chunk written whole.
  const rowBytes = inputs.map((row) => rowJsonBytes(row));
  let start = 0;
  while (start < inputs.length) {
    let end = start;
    let bytes = 2;
    do {
      bytes += rowBytes[end] + 1;
      end++;
    } while (end < inputs.length && bytes + rowBytes[end] + 1 <= pieceBytes);
    const top = start;
    // Only the columns that hold something: a null is a cell left alone, yet costs five bytes, and
    // below a filled column or beside a line of prose every cell of a row but one can be null.
    for (const [left, right] of usedColumns(inputs, start, end, width)) {
      const rows = inputs.slice(start, end).map((row) => row.slice(left, right));
      const formulas = rows.some((row) => row.some((v) => typeof v === "string" && v.startsWith("=")));
      const whole = left === 0 && right === width;
      works.push({
        bytes: arraySetBytes(rows.length, right - left, whole ? bytes : rows.reduce((n, row) => n + rowJsonBytes(row) + 1, 2)),
        run: () => {
          const range = rangeAt(sheet(), origin.row + top, origin.col + left, rows.length, right - left);
          if (formulas) range.formulas = rows;
          else range.values = rows;
        },
      });
    }
    start = end;
  }
  for (const fill of fills) {
    works.push({
      bytes: FILL_BYTES,
      run: () => {
        const at = (rows: number) => rangeAt(sheet(), origin.row + fill.top, origin.col + fill.left, rows, fill.cols);
        // FillCopy: the formulas, their relative references moved as Excel moves them when copying
        // (and the first row's formats, which the block's style pieces, queued after, set again).
        at(1).autoFill(at(fill.rows), "FillCopy");
      },
    });
  }
  return works;
}
