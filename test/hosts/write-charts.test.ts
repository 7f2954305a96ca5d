/**
 * Native charts in the written .xlsx (src/hosts/xlsx/charts.ts): the parts are well-formed and
 * wired (sheet -> drawing -> chart, content types), every series formula names the owning sheet
 * and caches the values its cells hold, ExcelJS still reads the file, and LibreOffice opens it with
 * every chart in place (as an embedded chart object in .ods, and drawn in the PDF).
 */
import { spawnSync } from "child_process";
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { addChartsToXlsx, chartPartsOnSheets, chartRangeFormula } from "../../src/hosts/xlsx/charts";
import { worksheetParts } from "../../src/hosts/xlsx/workbook-parts";
import { applyPlan, loadWorkbook, preservationWarnings, saveWorkbook } from "../../src/hosts/xlsx/write-xlsx";
import { ZipPackage } from "../../src/hosts/xlsx/zip";
import { buildReportPlan, type ChartSpec, type PlannedSheet, type SheetPlan } from "../../src/report";
import { parseA1 } from "../../src/tables/grid";
import { convert, sofficePath } from "../helpers/libreoffice";
import { periodsInput } from "../report/chart-fixtures";
import { allInputs, sourceWorkbook } from "../report/fixtures";

jest.setTimeout(240_000);

function reportPlan(): SheetPlan {
  return buildReportPlan({ lang: "vi", tables: [...allInputs(), periodsInput(12)] });
}

async function written(plan: SheetPlan): Promise<{ bytes: Buffer; sheets: string[] }> {
  const wb = sourceWorkbook();
  const result = applyPlan(wb, plan);
  expect(result.skipped.filter((s) => s.kind === "chart")).toEqual([]);
  return { bytes: await saveWorkbook(wb), sheets: result.sheets };
}

/** Each sheet's drawing part and the chart parts it anchors, by sheet name. */
function chartsBySheet(zip: ZipPackage): Map<string, { drawing: string; charts: string[] }> {
  const out = new Map<string, { drawing: string; charts: string[] }>();
  for (const { sheet, part } of worksheetParts(zip.text("xl/workbook.xml")!, zip.text("xl/_rels/workbook.xml.rels")!)) {
    const xml = zip.text(part)!;
    const drawingIds = [...xml.matchAll(/<drawing r:id="([^"]+)"\/>/g)].map((m) => m[1]);
    if (drawingIds.length === 0) continue;
    expect(drawingIds).toHaveLength(1);
    const rels = zip.text(part.replace(/([^/]+)$/, "_rels/$1.rels"))!;
    const target = new RegExp(`Id="${drawingIds[0]}"[^>]*Target="\\.\\./drawings/([^"]+)"`).exec(rels)?.[1];
    expect(target).toBeDefined();
    const drawing = `xl/drawings/${target}`;
    const drawingRels = zip.text(`xl/drawings/_rels/${target}.rels`)!;
    const frames = [...zip.text(drawing)!.matchAll(/<c:chart [^>]*r:id="([^"]+)"/g)].map((m) => m[1]);
    const charts = frames.map((id) => `xl/charts/${new RegExp(`Id="${id}"[^>]*Target="\\.\\./charts/([^"]+)"`).exec(drawingRels)?.[1]}`);
    out.set(sheet, { drawing, charts });
  }
  return out;
}

function xmllint(xml: string): string {
  const run = spawnSync("xmllint", ["--noout", "-"], { input: xml, encoding: "utf8" });
  return run.status === 0 ? "" : run.stderr;
}

/** The cells a range covers on an ExcelJS sheet, as a chart cache would hold them. */
function sheetValues(ws: ExcelJS.Worksheet, range: string): string[] {
  const [a, b] = range.split(":").map(parseA1);
  const out: string[] = [];
  for (let r = a.row; r <= b.row; r++) {
    const cell = ws.getCell(r + 1, a.col + 1);
    const v = cell.value as unknown;
    const shown = v && typeof v === "object" && "result" in v ? (v as { result: unknown }).result : v;
    out.push(shown === null || shown === undefined ? "" : String(shown));
  }
  return out;
}

function cachePoints(cache: string): string[] {
  const count = Number(/<c:ptCount val="(\d+)"\/>/.exec(cache)?.[1]);
  const out: string[] = Array(count).fill("");
  for (const m of cache.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)) out[Number(m[1])] = m[2].replace(/&amp;/g, "&");
  return out;
}

describe("charts in the written .xlsx", () => {
  const plan = reportPlan();
  let bytes: Buffer;
  let sheets: string[];
  beforeAll(async () => ({ bytes, sheets } = await written(plan)));

  test("every planned chart is a chart part anchored in its sheet's drawing, with content types", () => {
    const zip = ZipPackage.read(bytes);
    const bySheet = chartsBySheet(zip);
    const types = zip.text("[Content_Types].xml")!;
    let total = 0;
    plan.sheets.forEach((planned, i) => {
      const found = bySheet.get(sheets[i]);
      if (planned.charts.length === 0) {
        expect(found).toBeUndefined();
        return;
      }
      expect(found?.charts).toHaveLength(planned.charts.length);
      expect(types).toContain(`<Override PartName="/${found!.drawing}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`);
      for (const chart of found!.charts) {
        expect(zip.has(chart)).toBe(true);
        expect(types).toContain(`<Override PartName="/${chart}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`);
      }
      total += planned.charts.length;
    });
    expect(total).toBeGreaterThanOrEqual(1 + 1 + 10 + 1 + 20 + 2);
    expect(zip.names().filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(total);
  });

  test("the parts are well-formed XML; anchors cover the planned cells", () => {
    const zip = ZipPackage.read(bytes);
    for (const name of zip.names().filter((n) => /^xl\/(charts|drawings|worksheets)\/.*\.xml(\.rels)?$|Content_Types/.test(n))) {
      expect(`${name}: ${xmllint(zip.text(name)!)}`).toBe(`${name}: `);
    }
    const bySheet = chartsBySheet(zip);
    plan.sheets.forEach((planned, i) => {
      const found = bySheet.get(sheets[i]);
      if (!found) return;
      const anchors = [...zip.text(found.drawing)!.matchAll(/<xdr:from><xdr:col>(\d+)<\/xdr:col>.*?<xdr:row>(\d+)<\/xdr:row>.*?<xdr:to><xdr:col>(\d+)<\/xdr:col>.*?<xdr:row>(\d+)<\/xdr:row>/g)];
      expect(anchors.map((m) => m.slice(1).map(Number))).toEqual(
        planned.charts.map((c) => {
          const from = parseA1(c.from);
          const to = parseA1(c.to);
          return [from.col, from.row, to.col + 1, to.row + 1];
        }),
      );
    });
  });

  test("series refer to the owning sheet (quoted) and cache the values ExcelJS reads back from those cells", async () => {
    const zip = ZipPackage.read(bytes);
    const wb = await loadWorkbook(bytes);
    const bySheet = chartsBySheet(zip);
    let checked = 0;
    plan.sheets.forEach((planned, i) => {
      const found = bySheet.get(sheets[i]);
      if (!found) return;
      const ws = wb.getWorksheet(sheets[i])!;
      planned.charts.forEach((spec, j) => {
        const xml = zip.text(found.charts[j])!;
        expect(xml).toContain(`<a:t>${spec.title.replace(/&/g, "&amp;")}</a:t>`);
        expect(xml).toContain(`<c:barDir val="${spec.type === "bar" ? "bar" : "col"}"/>`);
        const series = [...xml.matchAll(/<c:ser>.*?<\/c:ser>/g)].map((m) => m[0]);
        expect(series).toHaveLength(spec.series.length);
        spec.series.forEach((s, k) => {
          const ser = series[k];
          const [cat, val] = [...ser.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => m[1].replace(/&amp;/g, "&"));
          expect(cat).toBe(chartRangeFormula(sheets[i], spec.categories));
          expect(val).toBe(chartRangeFormula(sheets[i], s.values));
          expect(val.startsWith(`'${sheets[i]}'!$`)).toBe(true);
          expect(cachePoints(/<c:numCache>.*?<\/c:numCache>/.exec(ser)![0]).map((v) => (v === "" ? "" : Number(v)))).toEqual(
            sheetValues(ws, s.values).map((v) => (v === "" ? "" : Number(v))),
          );
          expect(cachePoints(/<c:strCache>.*?<\/c:strCache>/.exec(ser)![0])).toEqual(sheetValues(ws, spec.categories));
          expect(ser).toContain(`<a:srgbClr val="${s.color}"/>`);
          checked++;
        });
        const points = [...series[0].matchAll(/<c:dPt><c:idx val="(\d+)"\/>.*?<a:srgbClr val="([0-9A-F]{6})"\/>/g)].map((m) => [Number(m[1]), m[2]]);
        expect(points).toEqual((spec.highlight?.points ?? []).map((p) => [p, spec.highlight!.color]));
      });
    });
    expect(checked).toBeGreaterThan(30);
  });

  test("ExcelJS still reads the file: the user's sheets and ParScore's sheets are all there", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...sourceWorkbook().worksheets.map((w) => w.name), ...sheets]);
    expect(wb.getWorksheet(sheets[0])!.getCell("A1").value).toBe(plan.sheets[0].blocks[0].rows[0][0]?.value?.kind === "text" ? (plan.sheets[0].blocks[0].rows[0][0]!.value as { text: string }).text : "");
  });

  test("a re-run on the written file replaces the charts with the new plan's (none left over, none twice)", async () => {
    const wb = await loadWorkbook(bytes);
    const again = applyPlan(wb, plan);
    const zip = ZipPackage.read(await saveWorkbook(wb));
    const charts = zip.names().filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toHaveLength(plan.sheets.reduce((s, p) => s + p.charts.length, 0));
    expect([...chartsBySheet(zip).keys()]).toEqual(again.sheets.filter((_, i) => plan.sheets[i].charts.length > 0));
    // The parts on ParScore's sheets are recognisable as its own (a user-chart check can leave them out).
    expect(chartPartsOnSheets(zip.toBuffer(), new Set(again.sheets)).size).toBe(charts.length);
    expect(chartPartsOnSheets(zip.toBuffer(), new Set(["TT Huế 2019"])).size).toBe(0);
  });

  test("ParScore's own charts are no reason to refuse rewriting the file; a user's chart still is", async () => {
    expect(preservationWarnings(bytes)).toEqual([]);
    const zip = ZipPackage.read(bytes);
    zip.set("xl/charts/chart999.xml", "<c:chartSpace/>");
    expect(preservationWarnings(zip.toBuffer()).join(" ")).toContain("charts / biểu đồ");
  });

  const lo = sofficePath() ? test : test.skip;
  lo("LibreOffice opens the file with every chart: one chart object per planned chart on its sheet, titles drawn in the PDF", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-charts-"));
    const file = path.join(dir, "charts.xlsx");
    await fs.writeFile(file, bytes);
    const [ods] = (await convert(file, "ods", dir)).filter((f) => f.endsWith(".ods"));
    const zip = ZipPackage.read(await fs.readFile(ods));
    const content = zip.text("content.xml")!;
    const tables = new Map([...content.matchAll(/<table:table table:name="([^"]*)"(.*?)<\/table:table>/gs)].map((m) => [m[1].replace(/&apos;/g, "'"), m[2]]));
    plan.sheets.forEach((planned, i) => {
      const objects = [...(tables.get(sheets[i]) ?? "").matchAll(/<draw:object [^>]*xlink:href="\.\/([^"]+)"/g)].map((m) => m[1]);
      expect(`${sheets[i]}: ${objects.length}`).toBe(`${sheets[i]}: ${planned.charts.length}`);
      objects.forEach((object, j) => {
        const chart = zip.text(`${object}/content.xml`)!;
        const spec: ChartSpec = planned.charts[j];
        expect(chart).toContain("<chart:chart ");
        expect(chart).toContain('chart:class="chart:bar"');
        expect(chart).toContain(spec.title.replace(/&/g, "&amp;").replace(/'/g, "&apos;"));
        // LibreOffice reads each series from the sheet's cells (written in its own range syntax).
        const ranges = [...chart.matchAll(/chart:values-cell-range-address="([^"]*)"/g)].map((m) => m[1].replace(/&apos;/g, "'"));
        const libreRange = (range: string) => range.split(":").map((cell) => `'${sheets[i]}'.${cell}`).join(":");
        expect(ranges).toEqual(spec.series.map((s) => libreRange(s.values)));
        expect(chart).toContain(`<chart:categories table:cell-range-address="${libreRange(spec.categories).replace(/'/g, "&apos;")}"/>`);
        // Bar charts list the categories top-down, as the sheet does.
        if (spec.type === "bar") expect(chart).toContain('chart:reverse-direction="true"');
        if (spec.highlight) expect((chart.match(/<chart:data-point [^>]*chart:style-name/g) ?? []).length).toBeGreaterThan(0);
      });
    });

    // The ranking sheet's charts fall inside its printed area: their titles are drawn in the PDF.
    const [pdf] = (await convert(file, "pdf", dir)).filter((f) => f.endsWith(".pdf"));
    const text = spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).stdout.replace(/\s+/g, " ");
    const ranking = plan.sheets.find((s) => s.role === "ranking")!;
    for (const chart of ranking.charts) expect(text).toContain(chart.title.split(" — ")[0]);
    await fs.rm(dir, { recursive: true, force: true });
  });
});

describe("a sheet that already has a drawing (an image), with a name that needs quoting", () => {
  const NAME = "Bảng 'A' & B";
  const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

  function plannedSheet(): PlannedSheet {
    const rows = [["Mã", "Điểm"], ["1", 8], ["2", 6.5], ["3", 9]].map((row) =>
      row.map((v) => ({ value: typeof v === "number" ? { kind: "number" as const, value: String(v) } : { kind: "text" as const, text: String(v) } })),
    );
    return {
      name: NAME,
      role: "gap",
      owner: "parscore",
      blocks: [{ at: "A1", rows }],
      merges: [],
      columnWidths: [],
      rowHeights: {},
      conditionalFormats: [],
      charts: [
        {
          kind: "points-vs-max",
          type: "column",
          title: "Điểm <theo> mã & 'nhóm'",
          categories: "A2:A4",
          series: [{ name: "Điểm", values: "B2:B4", color: "4472C4" }],
          highlight: { points: [1], color: "C00000" },
          from: "D2",
          to: "J16",
        },
      ],
    };
  }

  test("the chart joins the image in the sheet's drawing; both survive ExcelJS and LibreOffice", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(NAME);
    ws.addRows([["Mã", "Điểm"], ["1", 8], ["2", 6.5], ["3", 9]]);
    const image = wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: "png" });
    ws.addImage(image, { tl: { col: 0, row: 6 }, ext: { width: 40, height: 40 } });
    const before = Buffer.from(await wb.xlsx.writeBuffer());
    const drawingsBefore = ZipPackage.read(before).names().filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n));
    expect(drawingsBefore).toHaveLength(1);

    const bytes = addChartsToXlsx(before, [{ sheet: NAME, planned: plannedSheet(), lang: "vi" }]);
    const zip = ZipPackage.read(bytes);
    expect(zip.names().filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n))).toEqual(drawingsBefore);
    const drawing = zip.text(drawingsBefore[0])!;
    expect(drawing).toContain("<xdr:pic>");
    expect(drawing).toContain("<c:chart ");
    expect(xmllint(drawing)).toBe("");
    const rels = zip.text(drawingsBefore[0].replace("drawings/", "drawings/_rels/") + ".rels")!;
    expect(rels).toMatch(/relationships\/image"/);
    expect(rels).toMatch(/relationships\/chart" Target="\.\.\/charts\/chart1\.xml"/);
    const chart = zip.text("xl/charts/chart1.xml")!;
    expect(xmllint(chart)).toBe("");
    expect(chart).toContain("<c:f>'Bảng ''A'' &amp; B'!$B$2:$B$4</c:f>");
    expect(chart).toContain("<a:t>Điểm &lt;theo&gt; mã &amp; 'nhóm'</a:t>");

    const back = new ExcelJS.Workbook();
    await back.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(back.getWorksheet(NAME)!.getCell("B3").value).toBe(6.5);
    expect(back.getWorksheet(NAME)!.getImages()).toHaveLength(1);

    if (!sofficePath()) return;
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-charts-"));
    const file = path.join(dir, "image.xlsx");
    await fs.writeFile(file, bytes);
    const [ods] = (await convert(file, "ods", dir)).filter((f) => f.endsWith(".ods"));
    const content = ZipPackage.read(await fs.readFile(ods)).text("content.xml")!;
    expect(content).toMatch(/<draw:image /);
    expect(content).toMatch(/<draw:object /);
    await fs.rm(dir, { recursive: true, force: true });
  });

  test("new parts take numbers no part has yet (charts put back by other post-processing stay)", async () => {
    const bytes = addChartsToXlsx(await workbookWithOtherChart(), [{ sheet: NAME, planned: plannedSheet(), lang: "en" }]);
    const after = ZipPackage.read(bytes);
    expect(after.text("xl/charts/chart1.xml")).toBe("<c:chartSpace/>");
    expect(after.has("xl/charts/chart2.xml")).toBe(true);
    expect(after.text("xl/drawings/drawing2.xml")).toContain("<c:chart ");
  });

  test("no charts: the bytes are returned as they are", async () => {
    const bytes = await workbookWithOtherChart();
    expect(addChartsToXlsx(bytes, [{ sheet: NAME, planned: { ...plannedSheet(), charts: [] }, lang: "vi" }])).toBe(bytes);
  });

  /** A package with a sheet named NAME, and a chart part and a drawing that belong to something else. */
  async function workbookWithOtherChart(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet(NAME).addRows([["Mã", "Điểm"], ["1", 8], ["2", 6.5], ["3", 9]]);
    const zip = ZipPackage.read(Buffer.from(await wb.xlsx.writeBuffer()));
    zip.set("xl/charts/chart1.xml", "<c:chartSpace/>");
    zip.set("xl/drawings/drawing1.xml", "<xdr:wsDr/>");
    return zip.toBuffer();
  }
});
