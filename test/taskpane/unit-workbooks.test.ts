/**
 * "Tạo sổ riêng cho từng đơn vị" without a browser: a Session over the real pipeline (in the page and
 * through the worker protocol) makes each unit's workbook, opens it with the host's createWorkbook or
 * downloads it, zips all units' into one download, and lists a unit that failed without stopping.
 */
import { strFromU8, unzipSync } from "fflate";
import { readFileSync } from "fs";
import { readDelimitedGrid } from "../../src/hosts/csv/read-csv";
import { readXlsx } from "../../src/hosts/xlsx/read-xlsx";
import type { PaneActions, ReadOutcome } from "../../src/taskpane/actions";
import { PagePipeline, WorkerPipeline, type Pipeline } from "../../src/taskpane/pipeline";
import { Session } from "../../src/taskpane/session";
import * as work from "../../src/taskpane/work";
import { cellText, type Grid } from "../../src/tables/grid";
import { workerFactory } from "./fake-worker";

const BLOCKS_CSV = `${__dirname}/../fixtures/tables/province-units-blocks.csv`;

function blocksGrid(): Grid {
  return readDelimitedGrid(readFileSync(BLOCKS_CSV, "utf8"), { sheet: "Khối" });
}

function actions(openWorkbook?: PaneActions["openWorkbook"]): PaneActions {
  return {
    requiredApi: "1.7",
    apiSupported: () => true,
    read: async (): Promise<ReadOutcome> => ({ grid: blocksGrid(), address: "'Khối'!A1:K14", syncs: 1 }),
    apply: async () => ({ sheets: [], highlights: 0, charts: 0, syncs: 0, maxRequestBytes: 0 }),
    removeHighlights: async () => 0,
    selectCell: async () => undefined,
    ...(openWorkbook ? { openWorkbook } : {}),
  };
}

interface Downloaded {
  bytes: Uint8Array;
  name: string;
  type: string;
}

async function foundSession(pane: PaneActions, pipeline: Pipeline, download: (d: Downloaded) => boolean = () => true) {
  const s = new Session({ actions: async () => pane, pipeline, download: (bytes, name, type) => download({ bytes, name, type }) });
  await s.checkApi();
  await s.find({ kind: "usedRange" });
  expect(s.getState().phase).toBe("recognised");
  return s;
}

/** The names in the source sheet of a unit's workbook. */
async function sourceTexts(bytes: Uint8Array): Promise<string[]> {
  const read = await readXlsx(Buffer.from(bytes));
  return (read.grids.find((g) => g.sheet === "Khối")?.values ?? []).flat().map((v) => cellText(v));
}

const pagePipeline = () => new PagePipeline(async () => work);

describe("each unit's own workbook, from the pane", () => {
  test("one unit: opened as a new workbook where Excel can (ExcelApi 1.8), holding that unit only", async () => {
    const opened: Uint8Array[] = [];
    const s = await foundSession(
      actions(async (bytes) => {
        opened.push(bytes);
        return true;
      }),
      pagePipeline(),
    );
    const units = s.getState().found?.analysed.facts.tables[0].units.map((u) => u.name) ?? [];
    expect(units).toHaveLength(8);
    await s.makeUnitWorkbooks({ table: 0, unit: "Huyện A Lưới" }, "vi");
    expect(s.getState().error).toBeNull();
    expect(s.getState().unitWorkbooks).toMatchObject({ scope: "one", delivery: "opened", failed: [], made: [{ unit: "Huyện A Lưới", file: "Huyện A Lưới.xlsx" }] });
    expect(opened).toHaveLength(1);
    const texts = await sourceTexts(opened[0]);
    expect(texts).toContain("Huyện A Lưới");
    for (const other of units.filter((u) => u !== "Huyện A Lưới")) expect(texts).not.toContain(other);
  });

  test("one unit where Excel cannot open a workbook: downloaded as its .xlsx; with no download either, said so", async () => {
    const downloads: Downloaded[] = [];
    const s = await foundSession(actions(async () => false), pagePipeline(), (d) => {
      downloads.push(d);
      return true;
    });
    await s.makeUnitWorkbooks({ table: 0, unit: "Sở Tư pháp" }, "en");
    expect(s.getState().unitWorkbooks).toMatchObject({ delivery: "downloaded", fileName: "Sở Tư pháp.xlsx" });
    expect(downloads.map((d) => [d.name, d.type])).toEqual([["Sở Tư pháp.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]]);
    expect(await sourceTexts(downloads[0].bytes)).toContain("Sở Tư pháp");

    const nowhere = await foundSession(actions(), pagePipeline(), () => false);
    await nowhere.makeUnitWorkbooks({ table: 0, unit: "Sở Tư pháp" }, "vi");
    expect(nowhere.getState().unitWorkbooks).toMatchObject({ delivery: "not-delivered", made: [{ unit: "Sở Tư pháp" }] });
  });

  test("all units, through the worker: progress per unit, one .zip download holding each unit's workbook with only its unit", async () => {
    const factory = workerFactory();
    const pipeline = new WorkerPipeline(factory.create, pagePipeline());
    const downloads: Downloaded[] = [];
    const s = await foundSession(actions(async () => true), pipeline, (d) => {
      downloads.push(d);
      return true;
    });
    const progress: string[] = [];
    s.subscribe(() => {
      const busy = s.getState().busy;
      if (busy?.task === "distribute" && busy.total) progress.push(`${busy.done}/${busy.total}`);
    });
    await s.makeUnitWorkbooks("all", "vi");
    const made = s.getState().unitWorkbooks;
    expect(made).toMatchObject({ scope: "all", delivery: "downloaded", fileName: "so-don-vi.zip", failed: [] });
    expect(made?.made).toHaveLength(8);
    expect(progress).toEqual(expect.arrayContaining(["0/8", "4/8", "8/8"]));
    expect(factory.made[0].received.filter((m) => m.type === "unit-workbook")).toHaveLength(8);
    const files = unzipSync(downloads[0].bytes);
    const units = made?.made.map((m) => m.unit) ?? [];
    expect(Object.keys(files).sort()).toEqual(made?.made.map((m) => m.file).sort());
    for (const m of made?.made ?? []) {
      const texts = await sourceTexts(files[m.file]);
      expect(texts).toContain(m.unit);
      for (const other of units.filter((u) => u !== m.unit)) expect(texts).not.toContain(other);
    }
  });

  test("a unit whose workbook cannot be made is listed with the reason; the others are still made", async () => {
    const page = pagePipeline();
    const failing: Pipeline = {
      mode: "page",
      analyse: (grid, run) => page.analyse(grid, run),
      plan: (ref, lang, outputs, run) => page.plan(ref, lang, outputs, run),
      release: (ref) => page.release(ref),
      unitWorkbook: (ref, lang, table, unit, run) =>
        unit === "Thị xã Hương Trà" ? Promise.reject(new Error("ô C9 hỏng")) : page.unitWorkbook(ref, lang, table, unit, run),
    };
    const downloads: Downloaded[] = [];
    const s = await foundSession(actions(), failing, (d) => {
      downloads.push(d);
      return true;
    });
    await s.makeUnitWorkbooks("all", "vi");
    const made = s.getState().unitWorkbooks;
    expect(made?.failed).toEqual([{ unit: "Thị xã Hương Trà", message: "ô C9 hỏng" }]);
    expect(made?.made).toHaveLength(7);
    expect(Object.keys(unzipSync(downloads[0].bytes))).toHaveLength(7);
  });

  test("the Word report, through the worker: built there, downloaded as a .docx holding the report's title and the units", async () => {
    const factory = workerFactory();
    const downloads: Downloaded[] = [];
    const s = await foundSession(actions(), new WorkerPipeline(factory.create, pagePipeline()), (d) => {
      downloads.push(d);
      return true;
    });
    await s.downloadReport("vi");
    expect(s.getState().error).toBeNull();
    expect(s.getState().report).toEqual({ delivery: "downloaded", fileName: "bao-cao-chi-so-cchc.docx" });
    expect(factory.made[0].received.filter((m) => m.type === "report-docx")).toHaveLength(1);
    expect(downloads.map((d) => d.type)).toEqual(["application/vnd.openxmlformats-officedocument.wordprocessingml.document"]);
    const document = strFromU8(unzipSync(downloads[0].bytes)["word/document.xml"]);
    expect(document).toContain("BÁO CÁO KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH");
    expect(document).toContain("Sở Tư pháp");

    const nowhere = await foundSession(actions(), pagePipeline(), () => false);
    await nowhere.downloadReport("en");
    expect(nowhere.getState().report).toEqual({ delivery: "not-delivered", fileName: "par-index-report.docx" });
  });
});
