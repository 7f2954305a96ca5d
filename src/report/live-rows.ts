/**
 * The live formulas one report sheet needs, per unit column and criterion, built once and cached,
 * with the source cells the formulas could only copy (reported in a note under the table).
 */
import type { ColumnAnalysis, Lang } from "../engine/types";
import { TOTAL_CODE } from "../engine/types";
import { sheetQualified } from "../tables/grid";
import type { ReportTableInput } from "./input";
import { achievedExpression, MAX_FORMULA_LENGTH, rounded, type FrozenCell, type LiveExpression } from "./live-formulas";
import type { SheetBuilder } from "./sheet-builder";
import { L } from "./styles";

/** The formula, or null when it is longer than Excel takes (the cell then keeps its value). */
function fits(formula: string): string | null {
  return formula.length <= MAX_FORMULA_LENGTH ? formula : null;
}

/** Cells named in the note about copied values; the rest are counted. */
const FROZEN_LISTED = 20;

export class LiveRows {
  /** By column key, then code (no key made per lookup: a ranking sheet asks 10,000 columns three times each). */
  private readonly cache = new Map<string, Map<string, LiveExpression | null>>();
  private readonly frozen = new Map<string, FrozenCell>();

  constructor(
    private readonly input: ReportTableInput,
    private readonly builder: SheetBuilder,
    /** Last column of the notes' merged text. */
    private readonly noteWidth: number,
  ) {}

  /** The exact (unrounded) expression of a column's achieved points on a criterion, or null. */
  expression(column: ColumnAnalysis, code: string): string | null {
    let byCode = this.cache.get(column.column.key);
    if (!byCode) this.cache.set(column.column.key, (byCode = new Map()));
    let live = byCode.get(code);
    if (live === undefined) {
      live = achievedExpression(this.input.analysis.scorecard.criteria, column, code, this.input.table.sheet, this.input.analysis.scorecard.total);
      byCode.set(code, live);
      for (const cell of live?.frozen ?? []) this.frozen.set(`${cell.sheet}!${cell.cell}`, cell);
    }
    return live?.expr ?? null;
  }

  /** Achieved points as shown: ROUND(expression, 2), or to the decimals the table publishes the column with. */
  points(column: ColumnAnalysis, code: string, decimals = 2): string | null {
    const expr = this.expression(column, code);
    return expr ? fits(rounded(expr, decimals)) : null;
  }

  /** Points lost: max - achieved (a penalty: the deduction itself), rounded. */
  lost(column: ColumnAnalysis, code: string): string | null {
    const r = column.nodes.get(code);
    const expr = this.expression(column, code);
    if (!expr || !r || r.lost === null) return null;
    if (r.kind === "penalty") return fits(rounded(`-${expr}`));
    return r.max === null ? null : fits(rounded(`${r.max.toString()}-${expr}`));
  }

  /** Points lost as a fraction of the maximum, 4 places (a "0.0%" cell), as the gap sheet shows it. */
  lostFraction(column: ColumnAnalysis, code: string): string | null {
    const r = column.nodes.get(code);
    const expr = this.expression(column, code);
    if (!expr || !r || r.lost === null || r.max === null || r.max.isZero()) return null;
    const lost = r.kind === "penalty" ? `-${expr}` : `${r.max.toString()}-${expr}`;
    return fits(rounded(`(${lost})/${r.max.toString()}`, 4));
  }

  /** Percent of the maximum, rounded, as the engine's `percent`. */
  percent(column: ColumnAnalysis, code = TOTAL_CODE): string | null {
    const max = column.nodes.get(code)?.max;
    const expr = this.expression(column, code);
    if (!expr || !max || max.isZero()) return null;
    return fits(rounded(`${expr}/${max.toString()}*100`));
  }

  /** This column's total minus the same unit's total in `fromPeriod`, rounded. */
  pointsDelta(column: ColumnAnalysis, fromPeriod: string, code = TOTAL_CODE): string | null {
    const { unit, basis } = column.column;
    const earlier = this.input.analysis.columns.find((c) => c.column.unit === unit && c.column.period === fromPeriod && c.column.basis === basis);
    const now = this.expression(column, code);
    const before = earlier ? this.expression(earlier, code) : null;
    return now && before ? fits(rounded(`${now}-${before}`)) : null;
  }

  /** Self-assessed minus appraised points (the cut at appraisal), rounded. */
  appraisalCut(score: ColumnAnalysis, self: ColumnAnalysis, code: string): string | null {
    const a = this.expression(self, code);
    const b = this.expression(score, code);
    return a && b ? fits(rounded(`${a}-${b}`)) : null;
  }

  /** The sheet's note that its numbers are live. */
  note(lang: Lang): void {
    this.builder.wideText(L.liveNote[lang], "note", 0, this.noteWidth);
  }

  /** A note naming the source cells whose values the formulas copy, if any. */
  frozenNote(lang: Lang): void {
    if (this.frozen.size === 0) return;
    const cells = [...this.frozen.values()];
    const named = cells.slice(0, FROZEN_LISTED).map((c) => sheetQualified(c.sheet, c.cell));
    const more = cells.length > FROZEN_LISTED ? (lang === "vi" ? ` và ${cells.length - FROZEN_LISTED} ô khác` : ` and ${cells.length - FROZEN_LISTED} more`) : "";
    this.builder.wideText(L.frozenNote[lang](named.join(", ") + more), "note", 0, this.noteWidth);
  }
}
