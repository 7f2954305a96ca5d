/**
 * What every table reader works on: the grid's texts with legacy encodings converted (Ctx), the
 * options and results of recognition, and small helpers for located findings and score columns.
 */
import type { Basis, Finding, Location, Scorecard, ScoreColumn } from "../engine/types";
import { isBareDecimal, parsePoints, type PointsNote } from "../engine/points";
import { type CellValue, type Grid, type Rect, cellAt, gridHeight, gridWidth, gridCellA1, isCellError, mergeAt } from "./grid";
import { type LegacyEncoding, detectLegacy, hasUnicodeVietnamese } from "./legacy";
import { cleanText } from "./text";
import type { Template } from "./templates";
import { findProvince } from "./provinces";

export type Layout = "self-assessment" | "unit-across-years" | "units-in-rows" | "units-in-columns";

export interface RecogniseOptions {
  /** A built-in template id or a parsed template: supplies max, titles and kinds the table leaves out. */
  template?: string | Template;
  /** Pick a matching built-in template when the table has no max column (default true). */
  autoTemplate?: boolean;
  /** Unit name for one-unit layouts (default: from the title rows, else the sheet name). */
  unit?: string;
  /** Period for single-period layouts (default ""). */
  period?: string;
}

export interface RecognisedTable {
  sheet: string;
  /** A1 range of the table including its header rows. */
  range: string;
  layout: Layout;
  scorecard: Scorecard;
  /** Id of the template applied, if any. */
  template?: string;
}

export interface Recognition {
  tables: RecognisedTable[];
  /** Every finding: grid-level ones plus each table's scorecard findings. */
  findings: Finding[];
}

// ---------------------------------------------------------------------------
// Context: converted texts and cell helpers

export interface Conversion {
  row: number;
  col: number;
  encoding: LegacyEncoding;
  from: string;
  to: string;
}

export class Ctx {
  readonly height: number;
  readonly width: number;
  private readonly texts: string[][] = [];
  readonly conversions: Conversion[] = [];
  /** Formula cells saved without a result, by r * width + c: their value is unknown, not blank. */
  private readonly uncalculated = new Map<number, CellValue>();

  constructor(readonly grid: Grid) {
    this.height = gridHeight(grid);
    this.width = gridWidth(grid);
    for (const u of grid.uncalculated ?? []) {
      if (u.row >= 0 && u.row < this.height && u.col >= 0 && u.col < this.width && cellAt(grid, u.row, u.col) === null) {
        this.uncalculated.set(u.row * this.width + u.col, { error: "", formula: u.formula });
      }
    }
    // The sheet's legacy encoding, if most of its Vietnamese text is in one.
    const strong = { tcvn3: 0, vni: 0 };
    let unicode = 0;
    for (const row of grid.values) {
      for (const v of row) {
        // A bare number ("0,57": most cells of a big table) is clean, plain ASCII, in no encoding.
        if (typeof v !== "string" || isBareDecimal(v)) continue;
        const d = detectLegacy(cleanText(v));
        if (d) strong[d.encoding]++;
        else if (hasUnicodeVietnamese(v)) unicode++;
      }
    }
    const top: LegacyEncoding = strong.tcvn3 >= strong.vni ? "tcvn3" : "vni";
    const hint = strong[top] > 0 && strong[top] >= unicode ? top : undefined;
    for (let r = 0; r < this.height; r++) {
      const row: string[] = [];
      for (let c = 0; c < this.width; c++) {
        const v = cellAt(grid, r, c);
        let text = "";
        if (typeof v === "string" && isBareDecimal(v)) text = v;
        else if (typeof v === "string") {
          text = cleanText(v);
          const legacy = detectLegacy(text, hint);
          if (legacy) {
            this.conversions.push({ row: r, col: c, encoding: legacy.encoding, from: text, to: legacy.text.normalize("NFC") });
            text = legacy.text.normalize("NFC");
          }
        } else if (typeof v === "number") text = String(v);
        else if (typeof v === "boolean") text = v ? "TRUE" : "FALSE";
        else if (v !== null && isCellError(v)) text = v.error;
        row.push(text);
      }
      this.texts.push(row);
    }
  }

  raw(r: number, c: number): CellValue {
    const v = cellAt(this.grid, r, c);
    return v === null && this.uncalculated.size > 0 ? (this.uncalculated.get(r * this.width + c) ?? null) : v;
  }
  /** Display text, Unicode (legacy encodings converted), NFC, trimmed. */
  text(r: number, c: number): string {
    return this.texts[r]?.[c] ?? "";
  }
  /** Text of a header cell: a merged area's text belongs to all its cells. */
  label(r: number, c: number): string {
    const m = mergeAt(this.grid, r, c);
    return m ? this.text(m.top, m.left) : this.text(r, c);
  }
  loc(r: number, c: number): Location {
    return { sheet: this.grid.sheet, cell: gridCellA1(this.grid, r, c) };
  }
  format(r: number, c: number): string | null {
    return this.grid.formats?.[r]?.[c] ?? null;
  }
  bold(r: number, c: number): boolean {
    return this.grid.bold?.[r]?.[c] ?? false;
  }
  indent(r: number, c: number): number {
    const host = this.grid.indent?.[r]?.[c];
    if (host !== undefined && host > 0) return host;
    const v = this.raw(r, c);
    return typeof v === "string" ? Math.floor((/^[ \u00a0]*/.exec(v)?.[0].length ?? 0) / 2) : 0;
  }
  rowBlank(r: number, left = 0, right = this.width - 1): boolean {
    for (let c = left; c <= right; c++) if (this.text(r, c) !== "") return false;
    return true;
  }
}

export function findingAt(ctx: Ctx, r: number, c: number, kind: string, severity: Finding["severity"], vi: string, en: string): Finding {
  const loc = ctx.loc(r, c);
  return {
    kind,
    severity,
    location: loc,
    message: { vi: `Trang '${ctx.grid.sheet}' ô ${loc.cell}: ${vi}`, en: `Sheet '${ctx.grid.sheet}' ${loc.cell}: ${en}` },
  };
}

/** Tally of decimal separators, for the "dot among commas" note. */
export class SeparatorTally {
  // A big table has a million separators: a cell is kept as its Location, or (`addCell`) as the number
  // r * width + c of a grid cell, located only if it becomes a finding.
  private readonly dots: Array<Location | number> = [];
  private readonly dotTexts: string[] = [];
  private readonly commas: Array<Location | number> = [];
  private readonly commaTexts: string[] = [];

  constructor(private readonly ctx?: Ctx) {}

  add(notes: PointsNote[], loc: Location, raw?: CellValue) {
    const text = typeof raw === "string" ? raw.trim() : "";
    if (notes.includes("dot-decimal")) this.push(this.dots, this.dotTexts, loc, text);
    if (notes.includes("comma-decimal")) this.push(this.commas, this.commaTexts, loc, text);
  }
  /** A grid cell (of the constructor's Ctx) holding the bare number `text` ("0,57"). */
  addCell(r: number, c: number, text: string) {
    const cell = r * this.ctx!.width + c;
    if (text.includes(",")) this.push(this.commas, this.commaTexts, cell, text);
    else if (text.includes(".")) this.push(this.dots, this.dotTexts, cell, text);
  }
  private push(cells: Array<Location | number>, texts: string[], cell: Location | number, text: string) {
    cells.push(cell);
    texts.push(text);
  }
  findings(): Finding[] {
    if (!this.dots.length || !this.commas.length) return [];
    const dotsOdd = this.dots.length <= this.commas.length;
    const [odd, texts] = dotsOdd ? [this.dots, this.dotTexts] : [this.commas, this.commaTexts];
    const width = this.ctx?.width ?? 1;
    return odd.map((cell, i) => {
      const loc = typeof cell === "number" ? this.ctx!.loc(Math.floor(cell / width), cell % width) : cell;
      const text = texts[i];
      return {
        kind: dotsOdd ? "dot-decimal-among-commas" : "comma-decimal-among-dots",
        severity: "info" as const,
        location: loc,
        message: dotsOdd
          ? {
              vi: `Trang '${loc.sheet}' ô ${loc.cell}: '${text}' viết dấu chấm thập phân giữa các số dùng dấu phẩy; đã đọc là ${text.replace(".", ",")}`,
              en: `Sheet '${loc.sheet}' ${loc.cell}: '${text}' uses a decimal dot among numbers with decimal commas; read as ${text}`,
            }
          : {
              vi: `Trang '${loc.sheet}' ô ${loc.cell}: '${text}' viết dấu phẩy thập phân giữa các số dùng dấu chấm; đã đọc là ${text}`,
              en: `Sheet '${loc.sheet}' ${loc.cell}: '${text}' uses a decimal comma among numbers with decimal dots; read as ${text.replace(",", ".")}`,
            },
      };
    });
  }
}

export function newColumn(unit: string, period: string, basis: Basis): ScoreColumn {
  return { key: `${unit}|${period}|${basis}`, unit, period, basis, points: new Map(), publishedRanks: new Map() };
}

export function firstText(ctx: Ctx, r: number, left: number, right: number): string {
  for (let c = left; c <= right; c++) if (ctx.text(r, c)) return ctx.text(r, c);
  return "";
}

export function absRect(ctx: Ctx, rect: Rect): Rect {
  const { row, col } = ctx.grid.origin;
  return { top: rect.top + row, left: rect.left + col, bottom: rect.bottom + row, right: rect.right + col };
}

/** A cell a points column could have meant as points: a number, or text that reads as one. */
export function holdsNumber(raw: CellValue): boolean {
  if (typeof raw === "number") return true;
  // A bare "0,57" is a number without building one (most cells of a big table).
  return typeof raw === "string" && /\d/.test(raw) && (isBareDecimal(raw) || parsePoints(raw).ok);
}

/** The unit of a one-unit table: the option, else the title rows' unit, else a province the title or the sheet names, else the sheet. */
export function oneUnitName(ctx: Ctx, title: string | undefined, titleUnit: string | undefined, options: RecogniseOptions): string {
  return options.unit ?? titleUnit ?? (title ? findProvince(title) : undefined) ?? findProvince(ctx.grid.sheet) ?? ctx.grid.sheet;
}
