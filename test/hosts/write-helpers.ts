/**
 * Shared by the writer tests: a user workbook with the things ExcelJS round trips are known to
 * trip on (shared formulas, data validations, the user's own conditional formats, merges, number
 * formats, fonts and fills, notes, defined names, frozen panes), and a snapshot of every user
 * sheet to compare before and after writing.
 */
import ExcelJS from "exceljs";
import { crc32 } from "zlib";
import { zipEntries, zipText } from "../../src/hosts/xlsx/zip";
import { conditionalFormattings, ownedSheets } from "../../src/hosts/xlsx/write-xlsx";
import { sourceWorkbook } from "../report/fixtures";

export const DATA_SHEET = "Dữ liệu";

/** The fixture tables plus a sheet full of round-trip traps. */
export function userWorkbook(): ExcelJS.Workbook {
  const wb = sourceWorkbook();
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: "frozen", xSplit: 1, ySplit: 1 }] });
  ws.getRow(1).values = ["Đơn vị", "Quý 1", "Quý 2", "Quý 3", "Cộng"];
  ws.getRow(1).font = { bold: true, color: { argb: "FF1F4E78" } };
  ws.getRow(1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFCE4D6" } };
  const units = ["Sở Tư pháp", "Sở Tài chính", "Sở Nội vụ", "Văn phòng UBND"];
  units.forEach((u, i) => {
    const r = i + 2;
    ws.getCell(`A${r}`).value = u;
    ws.getCell(`B${r}`).value = 1.25 + i;
    ws.getCell(`C${r}`).value = 2.5 * (i + 1);
    ws.getCell(`D${r}`).value = 0.1 * (i + 3);
    for (const c of ["B", "C", "D"]) ws.getCell(`${c}${r}`).numFmt = "0.00";
  });
  // Shared formula E2:E5 (master E2, clones E3..E5).
  ws.fillFormula("E2:E5", "SUM(B2:D2)", [4.05, 7.65, 11.25, 14.85]);
  ws.getCell("E6").value = { formula: "SUM(E2:E5)", result: 37.8 } as ExcelJS.CellFormulaValue;
  ws.getCell("A7").value = "Ghi chú: số liệu thử";
  ws.mergeCells("A7:E7");
  ws.getCell("A7").alignment = { horizontal: "center", wrapText: true };
  ws.getCell("A8").value = "=không phải công thức";
  ws.getCell("B8").value = { richText: [{ text: "đậm", font: { bold: true } }, { text: " thường" }] };
  ws.getCell("C8").value = new Date(Date.UTC(2024, 11, 31));
  ws.getCell("D8").value = true;
  ws.getCell("A2").note = "Ghi chú của người dùng";
  ws.getColumn(1).width = 24;
  for (let r = 2; r <= 5; r++) {
    ws.getCell(`F${r}`).dataValidation = { type: "list", allowBlank: true, formulae: ['"Tốt,Khá,Trung bình,Yếu"'] };
  }
  ws.addConditionalFormatting({
    ref: "E2:E5",
    rules: [{ type: "cellIs", operator: "greaterThan", priority: 1, formulae: ["10"], style: { font: { bold: true, color: { argb: "FF006100" } } } }],
  });
  wb.definedNames.add(`'${DATA_SHEET}'!$B$2:$D$5`, "DiemQuy");
  return wb;
}

export interface SheetSnapshot {
  name: string;
  cells: Record<string, unknown>;
  merges: string[];
  widths: (number | undefined)[];
  views: unknown;
  validations: unknown;
  userRules: unknown;
}

/** Everything of the user's sheets that must survive a write, as plain data. */
export function snapshotUserSheets(wb: ExcelJS.Workbook): SheetSnapshot[] {
  const owned = new Set(ownedSheets(wb).map((o) => o.sheet.name));
  return wb.worksheets
    .filter((ws) => !owned.has(ws.name))
    .map((ws) => {
      const cells: Record<string, unknown> = {};
      ws.eachRow({ includeEmpty: false }, (row) =>
        row.eachCell({ includeEmpty: false }, (cell) => {
          cells[cell.address] = {
            value: JSON.parse(JSON.stringify(cell.value)),
            type: cell.type,
            formula: cell.formula,
            numFmt: cell.numFmt,
            font: cell.font,
            fill: cell.fill,
            alignment: cell.alignment,
            border: cell.border,
            note: cell.note,
          };
        }),
      );
      const model = (ws as unknown as { model: { merges?: string[] } }).model;
      return {
        name: ws.name,
        cells,
        merges: [...(model.merges ?? [])].sort(),
        widths: ws.columns ? ws.columns.map((c) => c.width) : [],
        views: JSON.parse(JSON.stringify(ws.views)),
        validations: JSON.parse(JSON.stringify((ws as unknown as { dataValidations: { model: unknown } }).dataValidations.model)),
        userRules: JSON.parse(
          JSON.stringify(
            conditionalFormattings(ws)
              .map((cf) => ({ ...cf, rules: cf.rules.filter((r) => !JSON.stringify(r).includes("ParScore")) }))
              .filter((cf) => cf.rules.length > 0),
          ),
        ),
      };
    });
}

/** Re-reads a workbook from bytes. */
export async function reload(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

export async function toBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Number of conditional-format rules per sheet. */
export function ruleCounts(wb: ExcelJS.Workbook): Record<string, number> {
  const out: Record<string, number> = {};
  for (const ws of wb.worksheets) out[ws.name] = conditionalFormattings(ws).reduce((s, cf) => s + cf.rules.length, 0);
  return out;
}

/** A minimal stored (uncompressed) zip, to feed preservationWarnings parts ExcelJS cannot write. */
export function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, "utf8");
    const data = Buffer.from(text, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data) >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data) >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

export const HUGE = "G2:I1048576";

/** The user workbook with a whole-column list validation added to the data sheet, as Excel writes it. */
export async function workbookWithHugeValidation(): Promise<Buffer> {
  const bytes = await toBytes(userWorkbook());
  const files: Record<string, string> = {};
  for (const e of zipEntries(bytes)) files[e.name] = zipText(bytes, e);
  const part = sheetPart(files, DATA_SHEET);
  const huge =
    `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" xr:uid="{0B1C5E2A-1111-2222-3333-444455556666}" sqref="${HUGE}">` +
    `<formula1>"Tốt,Khá,Trung bình,Yếu"</formula1></dataValidation>`;
  files[part] = files[part]
    .replace("<worksheet ", '<worksheet xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" ')
    .replace(/<dataValidations count="(\d+)">/, (_, n: string) => `<dataValidations count="${Number(n) + 1}">${huge}`);
  if (!files[part].includes(HUGE)) throw new Error("fixture patch failed");
  return storedZip(files);
}

export function sheetPart(files: Record<string, string>, sheet: string): string {
  const rid = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(files["xl/workbook.xml"])?.[1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(files["xl/_rels/workbook.xml.rels"]);
  return `xl/${(target?.[1] ?? target?.[2] ?? "").replace(/^\/?xl\//, "")}`;
}

export function partText(bytes: Buffer, sheet: string): string {
  const files: Record<string, string> = {};
  for (const e of zipEntries(bytes)) files[e.name] = zipText(bytes, e);
  return files[sheetPart(files, sheet)];
}
