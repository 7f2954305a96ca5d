import { promises as fs } from "fs";
import * as path from "path";
import { readDelimitedGrid } from "../hosts/csv/read-csv";
import { worksheetGrid } from "../hosts/xlsx/read-xlsx";
import { loadWorkbook, ownedSheets } from "../hosts/xlsx/write-xlsx";
import type { Grid } from "../tables/grid";

export type InputKind = "xlsx" | "delimited";

export class InputError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export function inputKind(file: string): InputKind | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".xlsx" || ext === ".xlsm") return "xlsx";
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") return "delimited";
  return null;
}

/** Text files as Excel and LibreOffice save them: UTF-8 (with or without BOM) or UTF-16 ("Unicode text"). */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString("utf16le");
  }
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Reads a workbook or a CSV/TSV file into Grids; a sheet filter keeps one sheet. Sheets ParScore wrote
 * (gap analysis, ranking) are not input: reading them would analyse our own output on a re-run.
 */
export async function readGrids(file: string, sheet?: string): Promise<Grid[]> {
  const kind = inputKind(file);
  if (!kind) {
    throw new InputError(
      `'${file}': unsupported file type; ParScore reads .xlsx, .xlsm, .csv, .tsv / '${file}': định dạng không hỗ trợ; ParScore đọc .xlsx, .xlsm, .csv, .tsv`,
      2,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    throw new InputError(`Cannot read '${file}': ${(err as NodeJS.ErrnoException).code ?? String(err)} / Không đọc được tệp '${file}'`, 1);
  }
  let grids: Grid[];
  if (kind === "xlsx") {
    try {
      const workbook = await loadWorkbook(bytes);
      const ours = new Set(ownedSheets(workbook).map((o) => o.sheet));
      grids = workbook.worksheets.filter((ws) => !ours.has(ws)).map(worksheetGrid);
    } catch (err) {
      throw new InputError(
        `'${file}' is not a readable .xlsx workbook (${(err as Error).message}) / '${file}' không phải là tệp .xlsx đọc được`,
        1,
      );
    }
  } else {
    const sheetName = path.basename(file, path.extname(file));
    grids = [readDelimitedGrid(decodeText(bytes), { sheet: sheetName })];
  }
  if (sheet !== undefined) {
    const wanted = grids.filter((g) => g.sheet === sheet || g.sheet.normalize("NFC") === sheet.normalize("NFC"));
    if (wanted.length === 0) {
      const names = grids.map((g) => `'${g.sheet}'`).join(", ");
      throw new InputError(`No sheet named '${sheet}' in '${file}' (sheets: ${names}) / Không có trang '${sheet}'`, 1);
    }
    return wanted;
  }
  return grids;
}
