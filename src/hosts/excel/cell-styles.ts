/**
 * Plan styles on Excel ranges.
 *
 * Cells are grouped by style into rectangles (runs of equal style along a row, stacked while the
 * rows below repeat the same run), and each rectangle is formatted with one set of RangeFormat
 * properties: a ranking sheet of 10,000 units gets one format call per column, not one per cell.
 * Number formats are not a RangeFormat property; they go with the rectangle as a 2-D
 * `numberFormat` array. Borders, colours and alignment follow the .xlsx writer
 * (src/hosts/xlsx/write-xlsx.ts) so both hosts draw the same sheet.
 */
import type { CellStyle, PlanCell } from "../../report/plan";
import { ACTION_BYTES, PATH_BYTES, utf8Length } from "./batches";

/** A rectangle of cells with one style, relative to its block's top-left. */
export interface StyleRect {
  top: number;
  left: number;
  rows: number;
  cols: number;
  style: string;
  /** Link cells also get an underline, so they are their own group. */
  link: boolean;
}

function keyOf(cell: PlanCell | null | undefined): string | null {
  if (!cell || !cell.style) return null;
  return cell.value?.kind === "link" ? `${cell.style}\u0000link` : cell.style;
}

/** Style rectangles of rows [from, to) of a block; every styled cell is in exactly one. */
export function styleRects(rows: (PlanCell | null)[][], from: number, to: number): StyleRect[] {
  const done: StyleRect[] = [];
  // Rectangles still growing downwards, by "left:cols:key".
  let open = new Map<string, StyleRect>();
  for (let r = from; r < to; r++) {
    const row = rows[r] ?? [];
    const next = new Map<string, StyleRect>();
    let c = 0;
    while (c < row.length) {
      const key = keyOf(row[c]);
      if (key === null) {
        c++;
        continue;
      }
      let end = c + 1;
      while (end < row.length && keyOf(row[end]) === key) end++;
      const id = `${c}:${end - c}:${key}`;
      const growing = open.get(id);
      if (growing) {
        growing.rows += 1;
        open.delete(id);
        next.set(id, growing);
      } else {
        const cell = row[c] as PlanCell;
        next.set(id, { top: r, left: c, rows: 1, cols: end - c, style: cell.style as string, link: cell.value?.kind === "link" });
      }
      c = end;
    }
    done.push(...open.values());
    open = next;
  }
  done.push(...open.values());
  return done;
}

const THIN = { style: "Continuous", color: "#BFBFBF", weight: "Thin" } as const;
const MEDIUM = { style: "Continuous", color: "#1F3864", weight: "Medium" } as const;

type BorderSide = "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideHorizontal" | "InsideVertical";

/** The border lines a style draws on a rows x cols rectangle (inside lines only where there is an inside). */
function borderLines(style: CellStyle, rows: number, cols: number): [BorderSide, typeof THIN | typeof MEDIUM][] {
  const lines: [BorderSide, typeof THIN | typeof MEDIUM][] = [];
  switch (style.border) {
    case "thin":
      lines.push(["EdgeTop", THIN], ["EdgeBottom", THIN], ["EdgeLeft", THIN], ["EdgeRight", THIN]);
      if (rows > 1) lines.push(["InsideHorizontal", THIN]);
      if (cols > 1) lines.push(["InsideVertical", THIN]);
      break;
    case "thin-bottom":
      lines.push(["EdgeBottom", THIN]);
      if (rows > 1) lines.push(["InsideHorizontal", THIN]);
      break;
    case "medium-bottom":
      lines.push(["EdgeBottom", MEDIUM]);
      if (rows > 1) lines.push(["InsideHorizontal", MEDIUM]);
      break;
    default:
      break;
  }
  return lines;
}

const VERTICAL = { top: "Top", middle: "Center", bottom: "Bottom" } as const;
const HORIZONTAL = { left: "Left", center: "Center", right: "Right" } as const;

export interface StyleFeatures {
  /** RangeFormat.indentLevel needs ExcelApi 1.9. */
  indentLevel: boolean;
}

/**
 * Queues the RangeFormat properties of a style on a range (number format excepted: see
 * `numberFormatBytes`). Returns the number of Office.js actions queued, for size estimates.
 */
export function applyCellStyle(range: Excel.Range, style: CellStyle, shape: { rows: number; cols: number; link: boolean }, features: StyleFeatures): number {
  let actions = 0;
  const format = range.format;
  if (style.fill) {
    format.fill.color = `#${style.fill}`;
    actions++;
  }
  const font = format.font;
  if (style.bold) {
    font.bold = true;
    actions++;
  }
  if (style.italic) {
    font.italic = true;
    actions++;
  }
  if (style.fontSize) {
    font.size = style.fontSize;
    actions++;
  }
  if (style.fontColor) {
    font.color = `#${style.fontColor}`;
    actions++;
  }
  if (shape.link) {
    font.underline = "Single";
    actions++;
  }
  if (style.horizontal) {
    format.horizontalAlignment = HORIZONTAL[style.horizontal];
    actions++;
  }
  if (style.vertical) {
    format.verticalAlignment = VERTICAL[style.vertical];
    actions++;
  }
  if (style.wrap) {
    format.wrapText = true;
    actions++;
  }
  if (style.indent && features.indentLevel) {
    format.indentLevel = style.indent;
    actions++;
  }
  for (const [side, line] of borderLines(style, shape.rows, shape.cols)) {
    const border = format.borders.getItem(side);
    border.style = line.style;
    border.color = line.color;
    border.weight = line.weight;
    actions += 4;
  }
  return actions;
}

/** An upper estimate of what `applyCellStyle` queues, without queueing it. */
export function cellStyleBytes(style: CellStyle, shape: { rows: number; cols: number; link: boolean }): number {
  let actions = 0;
  for (const present of [style.fill, style.bold, style.italic, style.fontSize, style.fontColor, shape.link, style.horizontal, style.vertical, style.wrap, style.indent]) {
    if (present) actions++;
  }
  const lines = borderLines(style, shape.rows, shape.cols).length;
  // format, fill, font and the range itself are object paths; each border line is a path and 3 sets.
  return 4 * PATH_BYTES + actions * ACTION_BYTES + lines * (PATH_BYTES + 3 * ACTION_BYTES);
}

/** True when the style changes anything RangeFormat holds. */
export function hasRangeFormat(style: CellStyle, link: boolean): boolean {
  return link || cellStyleBytes(style, { rows: 1, cols: 1, link: false }) > 4 * PATH_BYTES;
}

/** A rows x cols array of one number format. */
export function numberFormatArray(format: string, rows: number, cols: number): string[][] {
  const row = new Array<string>(cols).fill(format);
  return Array.from({ length: rows }, () => row.slice());
}

/** The JSON size of `numberFormatArray(format, rows, cols)`, computed rather than built. */
export function numberFormatBytes(format: string, rows: number, cols: number): number {
  // [["0.00","0.00"],["0.00","0.00"]]: per row its cells and commas and brackets, plus the commas between rows and the outer brackets.
  const cell = utf8Length(JSON.stringify(format)) + 1;
  return rows * (cols * cell + 2) + 1;
}
