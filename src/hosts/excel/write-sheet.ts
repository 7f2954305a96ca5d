/**
 * One planned sheet as pieces of Office.js work (see batches.ts), in the order they must run:
 * create and mark the sheet, widths, frozen panes, print setup; then each block's values (in
 * chunks of rows), its style rectangles (one format call each, number formats in chunks of rows)
 * and its links; then merges, row heights, conditional formats and charts. Each piece weighs at
 * most about maxBytes / 8, so requests pack well.
 *
 * Values: numbers as numbers, text as text. Office.js reads `range.values` like typed input, so
 * "=1+1", "+84 ...", "1.10", "4/5", "TRUE" or "#N/A" would become a formula, a number, a date, a
 * boolean or an error. Such text gets a leading apostrophe: Excel's "this is text" prefix, kept
 * out of the cell's value, one byte where a number format "@" per cell would cost four (and
 * would leave the cell formatted as Text). Plain words are written as they are, so the formula
 * bar shows no apostrophe on headings and names.
 */
import { parseA1 } from "../../tables/grid";
import { looksLikeFormula, resolveFormula, type CellBlock, type PlanCell, type PlannedSheet, type SheetPlan } from "../../report/plan";
import { ACTION_BYTES, PATH_BYTES, jsonBytes, type Work } from "./batches";
import { applyCellStyle, cellStyleBytes, hasRangeFormat, numberFormatArray, numberFormatBytes, styleRects } from "./cell-styles";
import { addChart, chartBytes } from "./charts";
import { addConditionalFormat, conditionalFormatBytes } from "./conditional-formats";
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

/**
 * The pieces of work for one planned sheet: `setup` creates and marks it, `content` writes it. A host
 * runs every sheet's setup before any content, so a live formula referring to another of ParScore's
 * sheets (the gap sheet's ranks, on the ranking sheet) never names a sheet that does not exist yet.
 */
export function sheetWorks(context: Excel.RequestContext, planned: PlannedSheet, target: SheetTarget, options: SheetWorkOptions): { setup: Work; content: Work[] } {
  const sheet = (): Excel.Worksheet => {
    if (!target.worksheet) throw new Error(`sheet '${target.name}' used before it was created`);
    return target.worksheet;
  };
  const setup = setupWork(context, planned, target, options.features);
  const works: Work[] = [];
  const pieceBytes = Math.max(1, Math.floor(options.maxBytes / 8));
  for (const block of planned.blocks) works.push(...blockWorks(sheet, block, options, pieceBytes));
  for (const merge of planned.merges) {
    works.push({ bytes: 2 * PATH_BYTES + ACTION_BYTES + merge.length, run: () => sheet().getRange(merge).merge(false) });
  }
  for (const [start, count, height] of runsOfEqual(Object.entries(planned.rowHeights).map(([row, h]) => [Number(row) - 1, h] as [number, number]))) {
    works.push({
      bytes: 3 * PATH_BYTES + ACTION_BYTES,
      run: () => {
        sheet().getRangeByIndexes(start, 0, count, 1).format.rowHeight = height;
      },
    });
  }
  for (const cf of planned.conditionalFormats) {
    works.push({ bytes: conditionalFormatBytes(cf.rule), run: () => void addConditionalFormat(sheet().getRange(cf.ref), cf.rule) });
  }
  for (const chart of planned.charts) {
    works.push({ bytes: chartBytes(chart), run: () => void addChart(sheet(), chart) });
  }
  return { setup, content: works };
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
      context.workbook.names.add(target.marker, ws.getRange("A1"));
      if (planned.tabColor) ws.tabColor = `#${planned.tabColor}`;
      for (const [start, count, width] of widthRuns) {
        ws.getRangeByIndexes(0, start, 1, count).format.columnWidth = columnWidthPoints(width);
      }
      const freeze = planned.freeze;
      if (freeze && freeze.rows > 0 && freeze.columns > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, freeze.rows, freeze.columns));
      else if (freeze && freeze.rows > 0) ws.freezePanes.freezeRows(freeze.rows);
      else if (freeze && freeze.columns > 0) ws.freezePanes.freezeColumns(freeze.columns);
      if (planned.print && features.pageLayout) {
        ws.pageLayout.orientation = planned.print.landscape ? "Landscape" : "Portrait";
        if (planned.print.fitToWidth) ws.pageLayout.zoom = { horizontalFitToPages: 1 };
      }
    },
  };
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
 * A block: its values in chunks of rows (each chunk one `range.values` 2-D array), then one
 * piece per style rectangle for its RangeFormat (the whole height at once: a format call costs
 * the same for 10 rows or 10,000), with its number formats in row chunks, then its links.
 */
function blockWorks(sheet: () => Excel.Worksheet, block: CellBlock, options: SheetWorkOptions, pieceBytes: number): Work[] {
  const origin = parseA1(block.at);
  const width = block.rows.reduce((w, row) => Math.max(w, row.length), 0);
  if (width === 0 || block.rows.length === 0) return [];
  const works: Work[] = [...valueWorks(sheet, block, origin, width, pieceBytes, options.ownSheets ?? new Map())];
  for (const rect of styleRects(block.rows, 0, block.rows.length)) {
    const style = options.plan.styles[rect.style];
    if (!style) continue;
    const shape = { rows: rect.rows, cols: rect.cols, link: rect.link };
    if (hasRangeFormat(style, rect.link)) {
      works.push({
        bytes: cellStyleBytes(style, shape),
        run: () => void applyCellStyle(sheet().getRangeByIndexes(origin.row + rect.top, origin.col + rect.left, rect.rows, rect.cols), style, shape, options.features),
      });
    }
    const numFmt = style.numFmt;
    if (numFmt) {
      const rowsPerPiece = Math.max(1, Math.floor(pieceBytes / numberFormatBytes(numFmt, 1, rect.cols)));
      for (let top = 0; top < rect.rows; top += rowsPerPiece) {
        const rows = Math.min(rowsPerPiece, rect.rows - top);
        works.push({
          bytes: numberFormatBytes(numFmt, rows, rect.cols) + 2 * PATH_BYTES + ACTION_BYTES,
          run: () => {
            sheet().getRangeByIndexes(origin.row + rect.top + top, origin.col + rect.left, rows, rect.cols).numberFormat = numberFormatArray(numFmt, rows, rect.cols);
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
          sheet().getRangeByIndexes(origin.row + r, origin.col + c, 1, 1).hyperlink = hyperlink;
        },
      });
    }),
  );
  return works;
}

/**
 * The block's values, in chunks of whole rows of at most `pieceBytes` each (chunks that are all null
 * are skipped). A chunk holding a live formula is written through `range.formulas`, which Excel reads
 * in en-US syntax whatever the user's locale; its constants are read there as they are in `values`.
 */
function valueWorks(
  sheet: () => Excel.Worksheet,
  block: CellBlock,
  origin: { row: number; col: number },
  width: number,
  pieceBytes: number,
  ownSheets: ReadonlyMap<string, string>,
): Work[] {
  const hasFormula = block.rows.map((row) => row.some((cell) => cell?.value?.kind === "formula"));
  const inputs = block.rows.map((row) => {
    const out: (string | number | null)[] = new Array(width).fill(null);
    row.forEach((cell, c) => (out[c] = cellInput(cell, ownSheets)));
    return out;
  });
  const works: Work[] = [];
  let start = 0;
  while (start < inputs.length) {
    let end = start;
    let bytes = 2;
    do {
      bytes += jsonBytes(inputs[end]) + 1;
      end++;
    } while (end < inputs.length && bytes + jsonBytes(inputs[end]) + 1 <= pieceBytes);
    const rows = inputs.slice(start, end);
    const top = start;
    const formulas = hasFormula.slice(start, end).some(Boolean);
    if (rows.some((row) => row.some((v) => v !== null))) {
      works.push({
        bytes: bytes + 2 * PATH_BYTES + ACTION_BYTES,
        run: () => {
          const range = sheet().getRangeByIndexes(origin.row + top, origin.col, rows.length, width);
          if (formulas) range.formulas = rows;
          else range.values = rows;
        },
      });
    }
    start = end;
  }
  return works;
}
