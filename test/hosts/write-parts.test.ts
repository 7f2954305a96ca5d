/**
 * ParScore writes into a user's workbook part by part (write-parts.ts): every part it does not own
 * is copied byte for byte. Proved here part by part on the zip, on three inputs (a workbook ExcelJS
 * wrote, the same saved by LibreOffice, and issue 17's cells that an ExcelJS rewrite changes: a
 * control character stored as _x0007_ and a hidden empty row), then through LibreOffice.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as path from "path";
import { readXlsxGrids } from "../../src/hosts/xlsx/read-xlsx";
import { worksheetParts } from "../../src/hosts/xlsx/workbook-parts";
import { writeReport } from "../../src/hosts/xlsx/write-xlsx";
import { entryCompressed, zipEntries, zipText, type ZipEntry } from "../../src/hosts/xlsx/zip";
import { buildReportPlan, planReportByTable, type SheetPlan } from "../../src/report";
import { allInputs } from "../report/fixtures";
import { convert, sheetsAsCsv, sofficePath } from "../helpers/libreoffice";
import { runCli, tempDir } from "../robustness/helpers";
import { cell, sheetXml, smallTableRows, workbookOf } from "../robustness/xlsx-parts";
import { toBytes, userWorkbook } from "./write-helpers";

function plan(lang: "vi" | "en" = "vi"): SheetPlan {
  return buildReportPlan({ lang, tables: allInputs() });
}

/** The parts ParScore changes on purpose: the package's lists, the styles it appends to. */
const LISTS = new Set(["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"]);

/** A sheet's XML without the rule blocks ParScore adds (marked N("ParScore")=0). */
function withoutOurRules(xml: string): string {
  return xml.replace(/<conditionalFormatting\b[^>]*>(?:(?!<\/conditionalFormatting>)[\s\S])*?N\(&quot;ParScore&quot;\)=0[\s\S]*?<\/conditionalFormatting>/g, "");
}

function entries(bytes: Buffer): Map<string, ZipEntry> {
  return new Map(zipEntries(bytes).map((e) => [e.name, e]));
}

/** Items of a styles.xml section, as written. */
function styleItems(xml: string, section: string, item: string): string[] {
  const body = new RegExp(`<${section}\\b[^>]*>([\\s\\S]*?)</${section}>`).exec(xml)?.[1] ?? "";
  return body.match(new RegExp(`<${item}\\b(?:[^>]*?/>|[\\s\\S]*?</${item}>)`, "g")) ?? [];
}

/**
 * Every part of `before` is in `after`: byte for byte as compressed (same method, CRC and sizes),
 * except the package lists and styles (the user's entries kept in order, ours after them) and the
 * sheets that got highlights (the same text once ParScore's rule blocks are taken out).
 * Returns the names of the parts copied byte for byte.
 */
function expectUserPartsKept(before: Buffer, after: Buffer): string[] {
  const a = entries(before);
  const b = entries(after);
  const copied: string[] = [];
  for (const [name, entry] of a) {
    const out = b.get(name);
    expect(out).toBeDefined();
    if (!out) continue;
    if (LISTS.has(name)) continue;
    const same = entryCompressed(after, out).equals(entryCompressed(before, entry)) && out.crc === entry.crc && out.method === entry.method;
    if (same) {
      copied.push(name);
      continue;
    }
    // Only a sheet with highlights may differ, and only by them.
    expect(name).toMatch(/^xl\/worksheets\/[^/]+\.xml$/);
    expect(withoutOurRules(zipText(after, out))).toBe(zipText(before, entry));
  }
  const stylesBefore = zipText(before, a.get("xl/styles.xml") as ZipEntry);
  const stylesAfter = zipText(after, b.get("xl/styles.xml") as ZipEntry);
  for (const [section, item] of [["fonts", "font"], ["fills", "fill"], ["borders", "border"], ["cellXfs", "xf"], ["dxfs", "dxf"], ["numFmts", "numFmt"]]) {
    const mine = styleItems(stylesBefore, section, item);
    expect(styleItems(stylesAfter, section, item).slice(0, mine.length)).toEqual(mine);
  }
  const book = zipText(after, b.get("xl/workbook.xml") as ZipEntry);
  for (const m of zipText(before, a.get("xl/workbook.xml") as ZipEntry).matchAll(/<sheet\b[^>]*\/>|<definedName\b[^>]*>[^<]*<\/definedName>/g)) {
    if (!m[0].includes("ParScore_Owned_")) expect(book).toContain(m[0]);
  }
  return copied;
}

let dir: string;
beforeAll(async () => {
  dir = await tempDir("parscore-parts-");
});

describe("every part ParScore does not own is copied byte for byte", () => {
  test("a workbook ExcelJS wrote: sheets, shared strings, theme, properties; highlighted sheets differ only by the rules", async () => {
    const before = await toBytes(userWorkbook());
    const { bytes: after, result } = await writeReport(before, plan());
    expect(result.sheets.length).toBeGreaterThan(2);
    const copied = expectUserPartsKept(before, after);
    expect(copied).toEqual(expect.arrayContaining(["xl/sharedStrings.xml", "xl/theme/theme1.xml", "docProps/core.xml"]));
    expect(copied.filter((p) => p.startsWith("xl/worksheets/sheet")).length).toBeGreaterThan(0);
    // A re-run replaces ParScore's parts and still keeps the user's as they first were.
    const { bytes: again, result: second } = await writeReport(after, plan("en"));
    expect(second.removed.sheets).toEqual(result.sheets);
    expectUserPartsKept(before, again);
    expect(zipEntries(again).filter((e) => e.name.startsWith("xl/worksheets/sheet")).length).toBe(zipEntries(after).filter((e) => e.name.startsWith("xl/worksheets/sheet")).length);
  });

  test("the same workbook saved by LibreOffice (another writer's XML)", async () => {
    if (!sofficePath()) throw new Error("LibreOffice (soffice) is not on PATH; install libreoffice-calc to run this test");
    const source = path.join(dir, "lo-source.xlsx");
    await fs.writeFile(source, await toBytes(userWorkbook()));
    const [saved] = await convert(source, "xlsx:Calc MS Excel 2007 XML", path.join(dir, "lo"));
    const before = await fs.readFile(saved);
    const { bytes: after } = await writeReport(before, plan());
    expectUserPartsKept(before, after);
  });
});

describe("issue 17 case 10: cells an ExcelJS rewrite changes stay exactly as they were", () => {
  /** The small table, a control character in a shared string (_x0007_8,75) and an inline one, and a hidden empty row. */
  function trapWorkbook(): Buffer {
    const rows = [...smallTableRows(), `<row r="8" hidden="1"/>`, `<row r="9">${cell("A9", { s: 0 })}<c r="B9" t="inlineStr"><is><t>_x0001_ghi chú</t></is></c></row>`];
    const strings = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>_x0007_8,75</t></si></sst>`;
    return workbookOf([{ name: "Bảng", xml: sheetXml(rows) }], strings);
  }

  test("parscore analyze -o: the sheet and the shared strings are the input's bytes; LibreOffice reads the same cells", async () => {
    const input = path.join(dir, "traps.xlsx");
    const output = path.join(dir, "traps-out.xlsx");
    const before = trapWorkbook();
    await fs.writeFile(input, before);
    const run = await runCli(["analyze", input, "-o", output]);
    expect(run.code).toBe(0);
    const after = await fs.readFile(output);
    const copied = expectUserPartsKept(before, after);
    expect(copied).toEqual(expect.arrayContaining(["xl/sharedStrings.xml"]));
    const sheet = zipText(after, entries(after).get("xl/worksheets/sheet1.xml") as ZipEntry);
    expect(sheet).toContain(`<row r="8" hidden="1"/>`);
    expect(sheet).toContain("_x0001_ghi chú");
    const [grid] = await readXlsxGrids(after, { sheet: "Bảng" });
    expect(grid.values[8].slice(0, 2)).toEqual(["\u00078,75", "\u0001ghi chú"]);
    expect(grid.hiddenRows).toEqual([7]);

    // What a load-and-save through ExcelJS (the old way) made of the same cells.
    const rewritten = new ExcelJS.Workbook();
    await rewritten.xlsx.load(before as unknown as ArrayBuffer);
    const [old] = await readXlsxGrids(Buffer.from(await rewritten.xlsx.writeBuffer()), { sheet: "Bảng" });
    expect([old.values[8]?.slice(0, 2), old.hiddenRows]).not.toEqual([grid.values[8].slice(0, 2), grid.hiddenRows]);

    if (!sofficePath()) throw new Error("LibreOffice (soffice) is not on PATH; install libreoffice-calc to run this test");
    const csvBefore = await sheetsAsCsv(input, ["Bảng"]);
    const csvAfter = await sheetsAsCsv(output, ["Bảng"]);
    expect(csvBefore.get("Bảng")?.length).toBeGreaterThan(6);
    expect(csvAfter.get("Bảng")).toEqual(csvBefore.get("Bảng"));
  });
});

describe("charts for the first tables only (CHARTED_TABLES; 1 here)", () => {
  test("the first table's sheets get their drawings and charts; the others' are written whole without them, and counted", async () => {
    const before = await toBytes(userWorkbook());
    const tables = allInputs();
    const grouped = planReportByTable({ lang: "vi", tables });
    const charted = await writeReport(before, grouped);
    const limited = await writeReport(before, planReportByTable({ lang: "vi", tables }), undefined, { chartedTables: 1 });
    expect(limited.result.sheets).toEqual(charted.result.sheets);
    expect(charted.result.unchartedTables).toBeUndefined();

    const chartsOf = (bytes: Buffer) => zipEntries(bytes).filter((e) => /^xl\/charts\/chart\d+\.xml$/.test(e.name)).length;
    const firstTable = grouped.group(0).filter((p) => p.sheet.charts.length > 0);
    const firstCharts = firstTable.reduce((n, p) => n + p.sheet.charts.length, 0);
    const laterWithCharts = tables.slice(1).filter((_, i) => grouped.group(i + 1).some((p) => p.sheet.charts.length > 0)).length;
    expect(firstCharts).toBeGreaterThan(0);
    expect(laterWithCharts).toBeGreaterThan(0);
    expect(chartsOf(limited.bytes)).toBe(firstCharts);
    expect(chartsOf(charted.bytes)).toBeGreaterThan(firstCharts);
    expect(limited.result.unchartedTables).toBe(laterWithCharts);

    // The same cells on every sheet: only the <drawing> element is missing past the first table.
    const sheetTexts = (bytes: Buffer) => {
      const byName = entries(bytes);
      const sheets = worksheetParts(zipText(bytes, byName.get("xl/workbook.xml") as ZipEntry), zipText(bytes, byName.get("xl/_rels/workbook.xml.rels") as ZipEntry));
      return new Map(sheets.map(({ sheet, part }) => [sheet, zipText(bytes, byName.get(part) as ZipEntry).replace(/<drawing r:id="rId1"\/>/, "")]));
    };
    expect(sheetTexts(limited.bytes)).toEqual(sheetTexts(charted.bytes));
  });
});
