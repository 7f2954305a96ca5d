/**
 * .xlsx -> Grid[] with ExcelJS: one Grid per worksheet, covering its used range,
 * with values as the user sees them (formula cells give their cached result,
 * rich text its plain text, errors a CellError), number formats, merges,
 * hidden rows and columns, bold and indent.
 */
import ExcelJS from "exceljs";
import type { CellValue, Grid, Rect } from "../../tables/grid";
import { parseRangeA1 } from "../../tables/grid";

export async function readXlsxGrids(input: string | Buffer): Promise<Grid[]> {
  const workbook = new ExcelJS.Workbook();
  if (typeof input === "string") await workbook.xlsx.readFile(input);
  else await workbook.xlsx.load(input as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const grids: Grid[] = [];
  workbook.eachSheet((ws) => grids.push(worksheetGrid(ws)));
  return grids;
}

/** The used range of a worksheet: cells with a value or a merge. Null for an empty sheet. */
function usedRange(ws: ExcelJS.Worksheet, merges: Rect[]): Rect | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.value === null || cell.value === undefined || cell.value === "") return;
      top = Math.min(top, rowNumber - 1);
      bottom = Math.max(bottom, rowNumber - 1);
      left = Math.min(left, colNumber - 1);
      right = Math.max(right, colNumber - 1);
    });
  });
  for (const m of merges) {
    top = Math.min(top, m.top);
    left = Math.min(left, m.left);
    bottom = Math.max(bottom, m.bottom);
    right = Math.max(right, m.right);
  }
  if (bottom < 0) return null;
  return { top, left, bottom, right };
}

function sheetMerges(ws: ExcelJS.Worksheet): Rect[] {
  // ExcelJS keeps merges as "A1:B2" strings in the worksheet model.
  const model = ws.model as unknown as { merges?: string[] };
  return (model.merges ?? []).map((m) => parseRangeA1(m));
}

export function worksheetGrid(ws: ExcelJS.Worksheet): Grid {
  const absMerges = sheetMerges(ws);
  const used = usedRange(ws, absMerges);
  if (!used) return { sheet: ws.name, origin: { row: 0, col: 0 }, values: [], merges: [] };
  const values: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  const bold: boolean[][] = [];
  const indent: number[][] = [];
  const hiddenRows: number[] = [];
  const hiddenCols: number[] = [];
  const uncalculated: NonNullable<Grid["uncalculated"]> = [];
  for (let r = used.top; r <= used.bottom; r++) {
    const row = ws.getRow(r + 1);
    if (row.hidden) hiddenRows.push(r - used.top);
    const vRow: CellValue[] = [];
    const fRow: (string | null)[] = [];
    const bRow: boolean[] = [];
    const iRow: number[] = [];
    for (let c = used.left; c <= used.right; c++) {
      const cell = row.getCell(c + 1);
      const isSlave = cell.isMerged && cell.master && cell.master.address !== cell.address;
      vRow.push(isSlave ? null : displayValue(cell));
      const formula = isSlave ? undefined : uncalculatedFormula(cell);
      if (formula !== undefined) uncalculated.push({ row: r - used.top, col: c - used.left, formula });
      fRow.push(cell.numFmt ? cell.numFmt : null);
      bRow.push(!!cell.font?.bold);
      iRow.push(cell.alignment?.indent ?? 0);
    }
    values.push(vRow);
    formats.push(fRow);
    bold.push(bRow);
    indent.push(iRow);
  }
  for (let c = used.left; c <= used.right; c++) if (ws.getColumn(c + 1).hidden) hiddenCols.push(c - used.left);
  const merges = absMerges.map((m) => ({
    top: m.top - used.top,
    left: m.left - used.left,
    bottom: m.bottom - used.top,
    right: m.right - used.left,
  }));
  const grid: Grid = {
    sheet: ws.name,
    origin: { row: used.top, col: used.left },
    values,
    formats,
    merges,
    bold,
    indent,
  };
  if (hiddenRows.length) grid.hiddenRows = hiddenRows;
  if (hiddenCols.length) grid.hiddenCols = hiddenCols;
  if (uncalculated.length) grid.uncalculated = uncalculated;
  return grid;
}

/** The formula of a cell saved without a calculated result (its value is unknown, not blank). */
function uncalculatedFormula(cell: ExcelJS.Cell): string | undefined {
  const value: unknown = cell.value;
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (!("formula" in v || "sharedFormula" in v) || ("result" in v && v.result !== undefined && v.result !== null)) return undefined;
  // A shared formula's clone names its master; the cell gives the formula as it applies here.
  return typeof cell.formula === "string" ? cell.formula : typeof v.formula === "string" ? v.formula : "";
}

/** A cell's value as the user sees it. */
function displayValue(cell: ExcelJS.Cell): CellValue {
  return plain(cell.value);
}

function plain(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : { error: "#NUM!" };
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value;
  if (value instanceof Date) return formatDate(value);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if ("error" in v && typeof v.error === "string") return { error: v.error };
    if (Array.isArray(v.richText)) return (v.richText as Array<{ text?: string }>).map((t) => t.text ?? "").join("");
    if ("formula" in v || "sharedFormula" in v) {
      // The cached result Excel saved; a formula never calculated has none (worksheetGrid lists it).
      return "result" in v ? plain(v.result) : null;
    }
    if ("hyperlink" in v || "text" in v) return plain(v.text);
  }
  return String(value);
}

/** Dates the way a Vietnamese user sees them: dd/mm/yyyy (with hh:mm when there is a time). */
function formatDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const date = `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  const hasTime = d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds();
  return hasTime ? `${date} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}` : date;
}
