/**
 * Shared by the robustness tests: the CLI run in-process, workbooks written with ExcelJS into a
 * temporary folder, and plain views of the JSON output (findings as "kind@Sheet!A1").
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { main, type Io } from "../../src/cli/main";
import type { AnalysisJson, TableJson } from "../../src/pipeline/json";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(args: string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => (out += t), err: (t) => (err += t) };
  const code = await main(args, io);
  return { code, out, err };
}

/** `analyze FILE --json -` plus extra arguments; the JSON parsed (null when nothing was printed). */
export async function analyzeJson(file: string, ...args: string[]): Promise<CliRun & { json: AnalysisJson | null }> {
  const run = await runCli(["analyze", file, "--json", "-", ...args]);
  return { ...run, json: run.out.trim() ? (JSON.parse(run.out) as AnalysisJson) : null };
}

export async function tempDir(prefix = "parscore-robust-"): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Writes a workbook built by `build` to dir/name and returns its path. */
export async function xlsxFile(dir: string, name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** One sheet "S" with these rows from A1. */
export function sheetRows(rows: unknown[][], sheet = "S"): (wb: ExcelJS.Workbook) => void {
  return (wb) => {
    const ws = wb.addWorksheet(sheet);
    rows.forEach((row, r) => row.forEach((v, c) => {
      if (v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
    }));
  };
}

/** Every finding of the run, tables' first, as "kind@Sheet!A1" ("kind@" when not tied to a cell). */
export function findingList(json: AnalysisJson): string[] {
  return [...json.tables.flatMap((t) => t.findings), ...json.findings].map((f) => `${f.kind}@${f.cell ?? ""}`);
}

/** The message (in the run's language) of the finding at a cell. */
export function messageAt(json: AnalysisJson, kind: string, cell: string): string {
  const f = [...json.tables.flatMap((t) => t.findings), ...json.findings].find((x) => x.kind === kind && x.cell === cell);
  if (!f) throw new Error(`no ${kind} at ${cell}: ${findingList(json).join(", ")}`);
  return f.message;
}

/** Points of the only unit of a table, by criterion code ("(max)" gives the criterion's max). */
export function points(table: TableJson): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const c of table.criteria) {
    const units = Object.values(c.units);
    out[c.code] = units.length === 1 ? units[0].points : JSON.stringify(units.map((u) => u.points));
  }
  return out;
}

export function maxima(table: TableJson): Record<string, string | null> {
  return Object.fromEntries(table.criteria.map((c) => [c.code, c.max]));
}

/**
 * A minimal Compound File (OLE2) holding empty streams with these names: what an encrypted .xlsx
 * ("EncryptionInfo", "EncryptedPackage") or an Excel 97-2003 file ("Workbook") looks like from outside.
 */
export function compoundFile(streams: string[]): Buffer {
  const sector = 512;
  const header = Buffer.alloc(sector, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // FAT sectors
  header.writeInt32LE(1, 0x30); // first directory sector
  header.writeUInt32LE(4096, 0x38);
  header.writeInt32LE(-2, 0x3c);
  header.writeInt32LE(-2, 0x44);
  for (let i = 0; i < 109; i++) header.writeInt32LE(i === 0 ? 0 : -1, 0x4c + i * 4);
  const fat = Buffer.alloc(sector, 0xff);
  fat.writeInt32LE(-3, 0); // this sector holds the FAT
  fat.writeInt32LE(-2, 4); // the directory: one sector
  const dir = Buffer.alloc(sector, 0);
  ["Root Entry", ...streams].slice(0, 4).forEach((name, i) => {
    const at = i * 128;
    const utf16 = Buffer.from(`${name}\0`, "utf16le");
    utf16.copy(dir, at);
    dir.writeUInt16LE(utf16.length, at + 0x40);
    dir[at + 0x42] = i === 0 ? 5 : 2;
    dir.writeInt32LE(-1, at + 0x44);
    dir.writeInt32LE(-1, at + 0x48);
    dir.writeInt32LE(i === 0 && streams.length > 0 ? 1 : -1, at + 0x4c);
    dir.writeInt32LE(-2, at + 0x74);
  });
  // Siblings: a simple right-leaning chain under the root.
  for (let i = 1; i < Math.min(4, streams.length + 1) - 0; i++) dir.writeInt32LE(i + 1 <= streams.length ? i + 1 : -1, i * 128 + 0x48);
  return Buffer.concat([header, fat, dir]);
}
