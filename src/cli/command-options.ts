/**
 * What the `analyze` and `consolidate` commands share: where output goes, the options both take and
 * how their values are read, and --unit matched against the tables read.
 */
import { parsePoints } from "../engine/points";
import type { Lang } from "../engine/types";
import type { PipelineResult } from "../pipeline/run";
import { InputError } from "./input";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The options `analyze` and `consolidate` share, as commander gives them. */
export interface TableCommandOptions {
  template?: string;
  json?: string;
  lang: Lang;
  output?: string;
  tolerance?: string;
  rankOn: "rounded" | "exact";
  classes?: string;
  unit: string[];
  maxCells?: string;
  /** False with --no-formulas: the -o sheets hold values only. */
  formulas: boolean;
  /** --force: -o may replace a read-only file. */
  force?: boolean;
}

/** The units named by --unit, as the tables spell them; an unknown name is a usage error that lists some known ones. */
export function matchUnits(wanted: readonly string[], result: PipelineResult): string[] {
  if (wanted.length === 0) return [];
  const key = (s: string) => s.normalize("NFC").trim().toLocaleLowerCase("vi");
  const known = new Map<string, string>();
  for (const { analysis } of result.tables) for (const c of analysis.columns) if (!known.has(key(c.column.unit))) known.set(key(c.column.unit), c.column.unit);
  return wanted.map((name) => {
    const unit = known.get(key(name));
    if (unit !== undefined) return unit;
    const some = [...known.values()].slice(0, 5).map((u) => `'${u}'`).join(", ");
    throw new InputError(
      {
        vi: `--unit: không có đơn vị '${name}' trong các bảng đã đọc (ví dụ các đơn vị có: ${some})`,
        en: `--unit: no unit '${name}' in the tables read (units there include ${some})`,
      },
      2,
    );
  });
}

/** `--max-cells`: a positive whole number (digits, optionally grouped by "," "." "_" or spaces). */
export function parseMaxCells(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const digits = text.replace(/[\s,._]/g, "");
  const n = /^\d+$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new InputError(
      { vi: `--max-cells: '${text}' không phải là số nguyên dương.`, en: `--max-cells: '${text}' is not a positive whole number.` },
      2,
    );
  }
  return n;
}

export function parseTolerance(text: string | undefined) {
  if (text === undefined) return undefined;
  const parsed = parsePoints(text);
  if (!parsed.ok || parsed.value.isNegative()) {
    throw new InputError({ vi: `--tolerance: '${text}' không phải là số không âm.`, en: `--tolerance: '${text}' is not a non-negative number.` }, 2);
  }
  return parsed.value;
}
