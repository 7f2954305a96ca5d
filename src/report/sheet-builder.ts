/**
 * Builds a PlannedSheet row by row: the report builders append rows, merges and rules in reading
 * order and get back the 1-based row numbers they need for references.
 */
import type Decimal from "decimal.js";
import { a1, columnLetters } from "../tables/grid";
import type { ChartSpec, ConditionalFormat, PlanCell, PlannedSheet, Rgb, SheetRole } from "./plan";
import { numberValue, textValue } from "./plan";

/** A text cell. */
export function t(text: string, style?: string): PlanCell {
  return { value: textValue(text), style };
}

/** A number cell from a Decimal (or decimal string); null/undefined -> an empty cell with the style. */
export function n(value: Decimal | string | null | undefined, style?: string): PlanCell {
  return { value: value == null ? null : numberValue(value), style };
}

/**
 * A live formula (en-US, no "="), cached with the engine's result: a number (Decimal or decimal
 * string), a text, or null when the engine has no value.
 */
export function f(formula: string, cached: Decimal | string | null | undefined, style?: string, cachedKind: "number" | "text" = "number"): PlanCell {
  const value = cached == null ? null : cachedKind === "text" ? ({ kind: "text", text: String(cached) } as const) : numberValue(cached);
  return { value: { kind: "formula", formula, cached: value as { kind: "number"; value: string } | { kind: "text"; text: string } | null }, style };
}

/** A link to a cell of (usually) the user's sheet. */
export function link(text: string, sheet: string, cell: string, style = "link"): PlanCell {
  return { value: { kind: "link", text, sheet, cell }, style };
}

/** An empty cell that still carries a style (fills and borders across a row). */
export function blank(style?: string): PlanCell {
  return { value: null, style };
}

export class SheetBuilder {
  private readonly rows: (PlanCell | null)[][] = [];
  private readonly merges: string[] = [];
  private readonly heights: Record<number, number> = {};
  private readonly rules: ConditionalFormat[] = [];
  private readonly charts: ChartSpec[] = [];

  constructor(
    readonly name: string,
    readonly role: SheetRole,
    /** Column widths in characters; also the sheet's width for full-width merges. */
    readonly widths: number[],
  ) {}

  /** The 1-based number the next added row will get. */
  get nextRow(): number {
    return this.rows.length + 1;
  }

  /** Appends a row; returns its 1-based number. */
  row(cells: (PlanCell | null)[] = []): number {
    this.rows.push(cells);
    return this.rows.length;
  }

  /** The (mutable) cells of a 1-based row already added. */
  rowCells(row: number): (PlanCell | null)[] {
    return this.rows[row - 1];
  }

  /**
   * A row holding one wrapped text merged across columns `from`..`to` (0-based, default all),
   * with a height that fits the text (merged cells are never auto-fitted by Excel).
   */
  wideText(text: string, style: string, from = 0, to = this.widths.length - 1, lineHeight = 15): number {
    const cells: (PlanCell | null)[] = [];
    for (let c = 0; c < from; c++) cells.push(null);
    cells.push(t(text, style));
    for (let c = from + 1; c <= to; c++) cells.push(blank(style));
    const r = this.row(cells);
    if (to > from) this.merge(r, from, to);
    const width = this.widths.slice(from, to + 1).reduce((s, w) => s + w, 0);
    const lines = estimateLines(text, width);
    if (lines > 1) this.heights[r] = Math.ceil(lines * lineHeight + 3);
    return r;
  }

  /**
   * Gives a row the height its wrapped text in column `col` needs. LibreOffice does not
   * auto-fit rows of an .xlsx on load, and Excel does not for merged cells, so we set it.
   */
  fitRow(row: number, text: string, col: number, lineHeight = 15): void {
    const lines = estimateLines(text, this.widths[col] ?? 10);
    if (lines > 1) this.heights[row] = Math.max(this.heights[row] ?? 0, Math.ceil(lines * lineHeight + 2));
  }

  merge(row: number, fromCol: number, toCol: number, toRow = row): void {
    this.merges.push(`${a1(row - 1, fromCol)}:${a1(toRow - 1, toCol)}`);
  }

  height(row: number, points: number): void {
    this.heights[row] = points;
  }

  rule(ref: string, rule: ConditionalFormat["rule"], purpose: ConditionalFormat["purpose"]): void {
    this.rules.push({ sheet: this.name, ref, rule, purpose });
  }

  chart(chart: ChartSpec): void {
    this.charts.push(chart);
  }

  build(options: { tabColor?: Rgb; freeze?: { rows: number; columns: number }; landscape?: boolean } = {}): PlannedSheet {
    const sheet: PlannedSheet = {
      name: this.name,
      role: this.role,
      owner: "parscore",
      blocks: [{ at: "A1", rows: this.rows }],
      merges: this.merges,
      columnWidths: this.widths,
      rowHeights: this.heights,
      conditionalFormats: this.rules,
      charts: this.charts,
      print: { landscape: options.landscape ?? false, fitToWidth: true },
    };
    if (options.tabColor) sheet.tabColor = options.tabColor;
    if (options.freeze) sheet.freeze = options.freeze;
    return sheet;
  }
}

/** "E7:E12" from a column and 1-based rows. */
export function colRange(col: number, fromRow: number, toRow: number): string {
  return `${columnLetters(col)}${fromRow}:${columnLetters(col)}${toRow}`;
}

/**
 * Lines a wrapped text needs in a column `width` characters wide (Calibri 11: an average
 * Vietnamese character is about 0.8 of the "0" that widths are measured in).
 */
export function estimateLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.25) - 2);
  // Characters are counted as code points (a pair of surrogates is one), without making an array of them.
  if (text.length <= perLine && !text.includes("\n")) return 1;
  let lines = 0;
  let chars = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 10) {
      lines += Math.max(1, Math.ceil(chars / perLine));
      chars = 0;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    chars++;
  }
  return lines;
}
