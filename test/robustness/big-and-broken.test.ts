/**
 * Issue 17, the .xlsx cases: each hostile workbook is run through the built command line as a user
 * would, in a Node whose heap is capped at 1 GB and within 30 s (of CPU, see CPU_LIMIT_S); it must exit 0 (read what holds a
 * table) or 1 (a clear message in the run's language), never crash. Figures before the part-level
 * reader: 55-90 s and 4.3 GB then "heap out of memory" (stray cells), RangeError (central
 * directory), 63 s and 3.4 GB (a 50 MB string), 1.2-2.2 GB and V8's string limit (zip bombs).
 */
import { promises as fs } from "fs";
import * as path from "path";
import type { AnalysisJson } from "../../src/pipeline/json";
import { analyze, expectBounded, parscore, type Run } from "./bounded-run";
import { tempDir } from "./helpers";
import { zipEntries } from "../../src/hosts/xlsx/zip";
import { cell, deflated, repeated, SHEET_HEAD, sheetXml, smallTableRows, workbookOf } from "./xlsx-parts";

const repo = path.resolve(__dirname, "..", "..");
let dir: string;
beforeAll(async () => {
  dir = await tempDir("parscore-big-");
});

async function file(name: string, bytes: Buffer): Promise<string> {
  const p = path.join(dir, name);
  await fs.writeFile(p, bytes);
  return p;
}

function units(run: Run): string[] {
  const json = JSON.parse(run.stdout) as AnalysisJson;
  return json.tables.flatMap((t) => t.units.map((u) => u.name));
}

describe("cells far from the table cost what they hold (issue 17, case 1)", () => {
  test("a 4-unit table plus the number 1 in XFD1048576: the table is read and written, quickly", async () => {
    const rows = [...smallTableRows(), `<row r="1048576">${cell("XFD1048576", 1)}</row>`];
    const f = await file("stray.xlsx", workbookOf([{ name: "Bảng", xml: sheetXml(rows) }]));
    const run = analyze(f, "--json", "-");
    expectBounded(run);
    expect(run.status).toBe(0);
    expect(units(run)).toEqual(["Sở 1", "Sở 2", "Sở 3", "Sở 4"]);
    const out = path.join(dir, "stray-out.xlsx");
    const written = analyze(f, "-o", out);
    expectBounded(written);
    expect(written.status).toBe(0);
    expect((await fs.stat(out)).size).toBeGreaterThan(1000);
  });

  test("cells at A1, XFD1 and A1048576 on one sheet, the table on another", async () => {
    const corners = sheetXml([`<row r="1">${cell("A1", "ghi chú")}${cell("XFD1", 2)}</row>`, `<row r="1048576">${cell("A1048576", 3)}</row>`]);
    const f = await file("corners.xlsx", workbookOf([{ name: "Bảng", xml: sheetXml(smallTableRows()) }, { name: "Góc", xml: corners }]));
    const run = analyze(f, "--json", "-");
    expectBounded(run);
    expect(run.status).toBe(0);
    expect(units(run)).toHaveLength(4);
    // The three corners alone: no table, said in the run's language.
    const alone = await file("corners-alone.xlsx", workbookOf([{ name: "Góc", xml: corners }]));
    for (const [lang, text] of [
      ["vi", "không tìm thấy bảng điểm"],
      ["en", "no score table found"],
    ]) {
      const none = analyze(alone, "--lang", lang);
      expectBounded(none);
      expect(none.status).toBe(1);
      expect(none.stdout + none.stderr).toContain(text);
    }
  });

  test("one merged range A1:XFD1048576 on another sheet, and a cell far down only (G1048576)", async () => {
    const merged = `${SHEET_HEAD}<sheetData>${`<row r="1">${cell("A1", "gộp")}</row>`}</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>`;
    const down = sheetXml([...smallTableRows(), `<row r="1048576">${cell("G1048576", "cuối")}</row>`]);
    const f = await file("merged.xlsx", workbookOf([{ name: "Bảng", xml: down }, { name: "Gộp", xml: merged }]));
    const run = analyze(f, "--json", "-");
    expectBounded(run);
    expect(run.status).toBe(0);
    expect(units(run)).toHaveLength(4);
  });
});

describe("a zip whose own tables lie (issue 17, case 2)", () => {
  test("a central directory past the end of the file, or a part past it: a clear message in the run's language", async () => {
    const good = workbookOf([{ name: "Bảng", xml: sheetXml(smallTableRows()) }]);
    const pastEnd = Buffer.from(good);
    const eocd = pastEnd.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    pastEnd.writeUInt32LE(pastEnd.length + 1000, eocd + 16);
    const partPastEnd = Buffer.from(good);
    const dirAt = partPastEnd.readUInt32LE(eocd + 16);
    partPastEnd.writeUInt32LE(partPastEnd.length * 4, dirAt + 42);
    for (const [name, bytes] of [
      ["directory.xlsx", pastEnd],
      ["part.xlsx", partPastEnd],
    ] as const) {
      const f = await file(name, bytes);
      const vi = analyze(f, "--lang", "vi");
      expectBounded(vi);
      expect(vi.status).toBe(1);
      expect(vi.stderr.split("\n")[0]).toContain("bị hỏng hoặc không đầy đủ");
      const en = analyze(f, "--lang", "en");
      expect(en.stderr.split("\n")[0]).toContain("is damaged or incomplete");
    }
  });
});

describe("no text without a limit (issue 17, case 5)", () => {
  test("one 50 MB shared string as a unit's name and a note: cut at 32,767 characters, with a finding at each cell", async () => {
    const strings = repeated(`<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>`, "x", 50 * 1024 * 1024, "</t></si></sst>");
    const rows = [...smallTableRows((u) => (u === 1 ? { s: 0 } : `Sở ${u}`)), `<row r="8">${cell("A8", { s: 0 })}</row>`];
    const f = await file("long-text.xlsx", workbookOf([{ name: "Bảng", xml: sheetXml(rows) }], strings));
    expect((await fs.stat(f)).size).toBeLessThan(200 * 1024);
    const run = analyze(f, "--json", "-");
    expectBounded(run);
    expect(run.status).toBe(0);
    expect(run.stdout.length).toBeLessThan(2 * 1024 * 1024);
    const json = JSON.parse(run.stdout) as AnalysisJson;
    expect(json.tables[0].units[0].name).toBe("x".repeat(32_767));
    const cut = json.findings.filter((x) => x.kind === "text-too-long").map((x) => x.cell);
    expect(cut).toEqual(expect.arrayContaining(["'Bảng'!B3", "'Bảng'!A8"]));
  });
});

describe("zip bombs are refused by their unpacked size (issue 17, case 9)", () => {
  const GB = 1024 * 1024 * 1024;
  const bombs: [string, () => Buffer][] = [
    ["a gigabyte of empty rows", () => workbookOf([{ name: "Bom", xml: repeated(`${SHEET_HEAD}<sheetData>`, "<row/>", Math.floor(GB / 6), "</sheetData></worksheet>") }])],
    ["a gigabyte of whitespace", () => workbookOf([{ name: "Bom", xml: repeated(`${SHEET_HEAD}<sheetData>`, " ", GB, "</sheetData></worksheet>") }])],
    [
      "a gigabyte of shared strings",
      () =>
        workbookOf(
          [{ name: "Bom", xml: sheetXml([`<row r="1">${cell("A1", { s: 0 })}</row>`]) }],
          repeated(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`, "<si><t>a</t></si>", Math.floor(GB / 17), "</sst>"),
        ),
    ],
  ];
  test.each(bombs)("%s: exit 1 with the size message, in Vietnamese and in English", async (name, build) => {
    const f = await file(`${name.replace(/\W+/g, "-")}.xlsx`, build());
    expect((await fs.stat(f)).size).toBeLessThan(4 * 1024 * 1024);
    const vi = analyze(f, "--lang", "vi");
    expectBounded(vi);
    expect(vi.status).toBe(1);
    expect(vi.stderr.split("\n")[0]).toMatch(/quá lớn: phần 'xl\/(worksheets\/sheet1|sharedStrings)\.xml' của tệp (giải nén ra hơn [\d.]+ MB|chứa hơn [\d.]+ chuỗi|có hơn [\d.]+ dòng)/);
    const en = analyze(f, "--lang", "en");
    expectBounded(en);
    expect(en.stderr.split("\n")[0]).toMatch(/is too big: its part '.*' (unpacks to more than [\d,]+ MB|holds more than [\d,]+ (text strings|rows))/);
  });

  test("a small, honest workbook is not caught by the budget", async () => {
    const f = await file("honest.xlsx", workbookOf([{ name: "Bảng", xml: deflated(sheetXml(smallTableRows())) }]));
    const run = analyze(f, "--json", "-");
    expectBounded(run);
    expect(run.status).toBe(0);
  });
});

describe("consolidate of good units plus every hostile file (issue 17, case 3 and the issue's bar)", () => {
  test("the four good units are ranked, each bad file is named, within 30 s and 1 GB", async () => {
    const folder = path.join(dir, "hop-nhat");
    await fs.mkdir(folder);
    const examples = path.join(repo, "examples", "consolidate");
    for (const name of await fs.readdir(examples)) await fs.copyFile(path.join(examples, name), path.join(folder, name));
    const good = workbookOf([{ name: "Bảng", xml: sheetXml(smallTableRows()) }]);
    const eocd = good.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const pastEnd = Buffer.from(good);
    pastEnd.writeUInt32LE(pastEnd.length + 1000, eocd + 16);
    const damaged = Buffer.from(good);
    // A flipped CRC-32 of the sheet: the bytes inflate, but cannot be trusted.
    const sheetAt = zipEntries(damaged).find((e) => e.name === "xl/worksheets/sheet1.xml")!.localHeaderOffset;
    damaged.writeUInt32LE((damaged.readUInt32LE(sheetAt + 14) ^ 1) >>> 0, sheetAt + 14);
    for (let at = damaged.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = damaged.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
      if (damaged.readUInt32LE(at + 42) === sheetAt) damaged.writeUInt32LE((damaged.readUInt32LE(at + 16) ^ 1) >>> 0, at + 16);
    }
    const GB = 1024 * 1024 * 1024;
    const bad: Record<string, Buffer> = {
      "thu-muc-sai.xlsx": pastEnd,
      "crc-sai.xlsx": damaged,
      "cat-doi.xlsx": good.subarray(0, Math.floor(good.length / 2)),
      "rong.xlsx": Buffer.alloc(0),
      "bom-dong.xlsx": workbookOf([{ name: "Bom", xml: repeated(`${SHEET_HEAD}<sheetData>`, "<row/>", Math.floor(GB / 6), "</sheetData></worksheet>") }]),
      "bom-chuoi.xlsx": workbookOf(
        [{ name: "Bom", xml: sheetXml([`<row r="1">${cell("A1", { s: 0 })}</row>`]) }],
        repeated(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`, "<si><t>a</t></si>", Math.floor(GB / 17), "</sst>"),
      ),
      "dong-dai.csv": Buffer.from(`STT,Tiêu chí,Điểm tối đa,Điểm đạt\r\n1,Một,2,1\r\n${"1,".repeat(4_000_000)}\r\n`),
    };
    for (const [name, bytes] of Object.entries(bad)) await fs.writeFile(path.join(folder, name), bytes);

    const run = parscore(["consolidate", folder, "--json", "-"]);
    expectBounded(run);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as AnalysisJson;
    expect(json.tables[0].units.map((u) => `${u.name} ${u.rank}`).sort()).toEqual(["Sở Nội vụ 2", "Sở Tài chính 1", "Sở Tư pháp 3", "Sở Y tế 4"]);
    const messages = json.findings.map((f) => f.message);
    for (const name of Object.keys(bad)) expect([name, messages.filter((m) => m.includes(name)).length]).toEqual([name, 1]);
  });
});
