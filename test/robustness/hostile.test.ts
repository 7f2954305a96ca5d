/**
 * Hostile input: text from cells that looks like a formula (CSV/formula injection) is written as
 * text everywhere ParScore writes it: the scored workbook's sheets (ExcelJS reads a string, never a
 * formula; the only formulas in ParScore's sheets are its own HYPERLINK("#...") links; LibreOffice
 * shows the text, not a result), a CSV/TSV input's table copied into the workbook, and the JSON
 * (data: the raw string). ParScore has no CSV/TSV writer, so there is no third path to check.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as path from "path";
import { decodeXml } from "../../src/hosts/xlsx/workbook-parts";
import { zipEntries, zipText } from "../../src/hosts/xlsx/zip";
import { ownedSheets } from "../../src/hosts/xlsx/write-xlsx";
import type { AnalysisJson } from "../../src/pipeline/json";
import { sheetsAsCsv, sofficePath } from "../helpers/libreoffice";
import { runCli, tempDir, xlsxFile } from "./helpers";

const HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "=1+1", "+1", "=cmd|' /C notepad'!'A1'"];
const RANK_SHEET = "+Xếp hạng =1";
const SELF_SHEET = "@Tự đánh giá";

let dir: string;
let out: string;
let json: AnalysisJson;
let ours: string[];

beforeAll(async () => {
  dir = await tempDir("parscore-hostile-");
  const input = await xlsxFile(dir, "hostile.xlsx", (wb) => {
    const rank = wb.addWorksheet(RANK_SHEET);
    rank.addRow([HOSTILE[0]]);
    rank.addRow(["STT", "Đơn vị", "Lĩnh vực 1", "Lĩnh vực 2", "Tổng điểm"]);
    HOSTILE.forEach((name, i) => rank.addRow([i + 1, name, 1 + (i % 3), "0,5", 1.5 + (i % 3)]));
    const self = wb.addWorksheet(SELF_SHEET);
    self.addRow([`@${HOSTILE[1]}`]);
    self.addRow(["STT", "Nội dung", "Điểm tối đa", "Điểm thẩm định"]);
    HOSTILE.forEach((title, i) => self.addRow([String(i + 1), title, 2, i === 4 ? "=1+1" : 1]));
  });
  out = path.join(dir, "scored.xlsx");
  const run = await runCli(["analyze", input, "-o", out, "--json", "-"]);
  if (run.code !== 0) throw new Error(run.err);
  json = JSON.parse(run.out) as AnalysisJson;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  ours = ownedSheets(wb).map((o) => o.sheet.name);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Every cell of ParScore's sheets whose text contains one of the hostile strings. */
async function hostileCells(file: string, sheets: string[]): Promise<ExcelJS.Cell[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const cells: ExcelJS.Cell[] = [];
  for (const name of sheets) {
    wb.getWorksheet(name)?.eachRow((row) =>
      row.eachCell((cell) => {
        // A merged area's other cells show its top-left cell (checked itself).
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const text = cell.type === ExcelJS.ValueType.Formula ? String(cell.formula) : String(cell.value);
        if (HOSTILE.some((h) => text.includes(h))) cells.push(cell);
      }),
    );
  }
  return cells;
}

test("JSON carries the raw strings: unit names, titles, criterion titles, messages", () => {
  const rank = json.tables.find((t) => t.sheet === RANK_SHEET);
  const self = json.tables.find((t) => t.sheet === SELF_SHEET);
  expect(rank?.title).toBe(HOSTILE[0]);
  expect(rank?.units.map((u) => u.name)).toEqual(HOSTILE);
  expect(self?.title).toBe(`@${HOSTILE[1]}`);
  expect(self?.criteria.map((c) => c.title)).toEqual(HOSTILE);
  expect(self?.findings.find((f) => f.kind === "unreadable-number")?.message).toBe("Trang '@Tự đánh giá' ô D7: '=1+1' không phải là số");
});

test("in the scored workbook every such text is a string cell; the only formulas are ParScore's own links", async () => {
  expect(ours.length).toBeGreaterThanOrEqual(3);
  const cells = await hostileCells(out, ours);
  // Unit names in the ranking, titles and criterion titles in the gap sheets, the '=1+1' finding.
  expect(cells.length).toBeGreaterThanOrEqual(2 * HOSTILE.length);
  for (const cell of cells) {
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(typeof cell.value).toBe("string");
  }
  const texts = cells.map((c) => c.value as string);
  for (const h of HOSTILE) expect(texts).toContain(h);
  // In the file: every <f> of ParScore's sheets is a HYPERLINK to a cell of this workbook, the sheet name quoted,
  // or a live formula (totals, ranks) whose only user text is a quoted sheet name: no hostile text is ever formula code.
  const bytes = await fs.readFile(out);
  const formulas: string[] = [];
  for (const entry of zipEntries(bytes).filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))) {
    const xml = zipText(bytes, entry);
    if (!xml.includes("HYPERLINK")) continue;
    for (const m of xml.matchAll(/<f>([^<]*)<\/f>/g)) formulas.push(decodeXml(m[1]));
  }
  const links = formulas.filter((f) => f.startsWith("HYPERLINK("));
  expect(links.length).toBeGreaterThan(5);
  for (const f of links) expect(f).toMatch(/^HYPERLINK\("#'(?:[^']|'')+'![A-Z]+\d+","[^"]*"\)$/);
  expect(links.some((f) => f.startsWith(`HYPERLINK("#'+Xếp hạng =1'!`))).toBe(true);
  const live = formulas.filter((f) => !f.startsWith("HYPERLINK("));
  expect(live.some((f) => f.includes("'+Xếp hạng =1'!$"))).toBe(true);
  for (const f of live) {
    const code = f.replace(/_xlfn\./g, "").replace(/'(?:[^']|'')*'!/g, "SHEET!").replace(/"(?:[^"]|"")*"/g, '""');
    expect(code).toMatch(/^[A-Z_.$(),:&+\-*/=<>0-9 "!]*$/);
    for (const h of HOSTILE) expect(code.includes(h)).toBe(false);
  }
});

test("LibreOffice shows the text itself, never a computed result", async () => {
  if (!sofficePath()) throw new Error("LibreOffice (soffice) is not on PATH; install libreoffice-calc to run this test");
  const sheets = await sheetsAsCsv(out, ours);
  const shown = [...sheets.values()].flat(2);
  for (const h of HOSTILE) expect(shown).toContain(h);
  // "-2+3" would show 1, "@SUM(1)" 1 and the HYPERLINK "y" if any had become a formula.
  const ranking = [...sheets.entries()].find(([name]) => !name.startsWith("Phân tích"))?.[1] ?? [];
  expect(ranking.flat()).toEqual(expect.arrayContaining(HOSTILE));
});

test("a CSV's table copied into the scored workbook keeps formula-like fields as text", async () => {
  const csv = path.join(dir, "don-vi.csv");
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  await fs.writeFile(csv, ["STT,Đơn vị,Lĩnh vực 1,Tổng điểm", ...HOSTILE.map((h, i) => `${i + 1},${quote(h)},1,${quote("=1+1")}`)].join("\n"));
  const scored = path.join(dir, "csv-scored.xlsx");
  const run = await runCli(["analyze", csv, "-o", scored]);
  expect(run.code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(scored);
  const table = wb.getWorksheet("don-vi") as ExcelJS.Worksheet;
  HOSTILE.forEach((h, i) => {
    expect(table.getCell(`B${i + 2}`).type).toBe(ExcelJS.ValueType.String);
    expect(table.getCell(`B${i + 2}`).value).toBe(h);
    expect(table.getCell(`D${i + 2}`).value).toBe("=1+1");
  });
  if (!sofficePath()) throw new Error("LibreOffice (soffice) is not on PATH");
  const shown = (await sheetsAsCsv(scored, ["don-vi"])).get("don-vi") ?? [];
  expect(shown.slice(1, HOSTILE.length + 1).map((r) => [r[1], r[3]])).toEqual(HOSTILE.map((h) => [h, "=1+1"]));
});
