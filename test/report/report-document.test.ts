import { readFileSync } from "fs";
import { readDelimitedGrid } from "../../src/hosts/csv/read-csv";
import { zipEntries, zipText } from "../../src/hosts/xlsx/zip";
import { EXAMPLE_CLASS_SCHEMES } from "../../src/engine/classes";
import { analyseGrids } from "../../src/pipeline/run";
import { renderDocx } from "../../src/report/docx/render-docx";
import { buildReportDocument, type DocBlock } from "../../src/report/report-document";
import { flat, SEED_TABLE, seedExpectations } from "./seed-001";

function seedTables() {
  const grid = readDelimitedGrid(readFileSync(SEED_TABLE, "utf8"), { sheet: "thua-thien-hue-2019-areas" });
  return analyseGrids([grid]).tables;
}

const SEED_RANKS = new Map([
  ["2019", 13],
  ["2018", 16],
]);

function text(blocks: DocBlock[]): string {
  return flat(blocks.map((b) => (b.kind === "table" ? [...b.header.flat().map((c) => c.text), ...b.rows.flat()].join(" ") : b.text)).join("\n"));
}

describe("the report document (seed 001's form)", () => {
  test("says seed 001's headline, area moves, appraisal points and every area's points, rank and loss with the same numbers", () => {
    const doc = buildReportDocument(seedTables(), { lang: "vi", totalRanks: SEED_RANKS });
    const all = text(doc.blocks);
    const expectations = seedExpectations();
    expect(expectations.length).toBe(12);
    for (const e of expectations) for (const phrase of e.phrases) expect({ what: e.what, found: all.includes(phrase) ? phrase : all }).toEqual({ what: e.what, found: phrase });
  });

  test("without the total's rank the headline says points and change, never an invented rank", () => {
    const all = text(buildReportDocument(seedTables(), { lang: "vi" }).blocks);
    expect(all).toContain("của Thừa Thiên Huế đạt 83,06/100 điểm (tăng 4,16 điểm so với năm 2018)");
    expect(all).not.toContain("83,06/100 điểm, xếp vị thứ");
  });

  test("the table by area has points and ranks per period, with ties as published", () => {
    const doc = buildReportDocument(seedTables(), { lang: "vi", totalRanks: SEED_RANKS });
    const table = doc.blocks.find((b): b is Extract<DocBlock, { kind: "table" }> => b.kind === "table");
    expect(table?.header[0].map((c) => c.text)).toEqual(["TT", "Nội dung đánh giá", "Năm 2018", "Năm 2019"]);
    expect(table?.rows[0]).toEqual(["1", "Công tác chỉ đạo, điều hành cải cách hành chính", "6,50", "38(5)", "8,00", "4(12)"]);
    expect(table?.rows[8]).toEqual(["", "Tổng điểm", "78,90", "16", "83,06", "13"]);
  });

  test("in English with --lang en", () => {
    const all = text(buildReportDocument(seedTables(), { lang: "en", totalRanks: SEED_RANKS }).blocks);
    expect(all).toContain("Thừa Thiên Huế's PAR Index result in 2019: 83,06/100 points".replace("83,06", "83.06"));
    expect(all).toContain("rank 13 of 63");
    expect(all).toContain("up 4.16 points and up 3 places compared with 2018");
  });

  test("a many-unit table: the ranking per block, the classes and each named unit's section", () => {
    const csv = readFileSync(`${__dirname}/../fixtures/tables/province-units-blocks.csv`, "utf8");
    const classScheme = EXAMPLE_CLASS_SCHEMES.find((c) => c.id === "province-units");
    const tables = analyseGrids([readDelimitedGrid(csv, { sheet: "Khối" })], { analysis: { classScheme } }).tables;
    const doc = buildReportDocument(tables, { lang: "vi", units: ["Sở Tư pháp"] });
    const headings = doc.blocks.filter((b) => b.kind === "heading").map((b) => (b as { text: string }).text);
    expect(headings.some((h) => h.startsWith("Khối") && /SỞ/.test(h))).toBe(true);
    expect(headings.some((h) => h.startsWith("Khối") && /HUYỆN/.test(h))).toBe(true);
    expect(headings).toContain("Kết quả của Sở Tư pháp");
    expect(headings).toContain("Xếp loại");
    const classLines = doc.blocks.filter((b) => b.kind === "bullet").map((b) => (b as { text: string }).text);
    expect(classLines.some((l) => /^Tốt: \d+ đơn vị \(.*Phong Điền/.test(l) || /^Khá: \d+ đơn vị \(.*Sở Tư pháp/.test(l))).toBe(true);
    const all = text(doc.blocks);
    expect(all).toContain("Sở Tư pháp đạt 92/100 điểm, xếp vị thứ 1/4");
    // Nothing of detail under it (no earlier period, no components): the headline ends with a full stop.
    const headline = doc.blocks.find((b) => b.kind === "paragraph" && b.text.includes("của Sở Tư pháp đạt")) as { text: string };
    expect(headline.text).toMatch(/xếp vị thứ 1\/4\.$/);
    expect(all).toMatch(/^.*8 đơn vị được xếp hạng( năm 2024)?\. Cao nhất: Sở Tư pháp \(92,00\)/);
  });

  test("the .docx is A4, Times New Roman 13 pt, Word's heading and Table Grid styles, page numbers in the footer", async () => {
    const bytes = await renderDocx(buildReportDocument(seedTables(), { lang: "vi", totalRanks: SEED_RANKS }));
    const entries = zipEntries(bytes);
    const part = (name: string): string => {
      const entry = entries.find((e) => e.name === name);
      if (!entry) throw new Error(`no ${name}`);
      return zipText(bytes, entry);
    };
    const document = part("word/document.xml");
    const styles = part("word/styles.xml");
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(document).toContain('<w:pStyle w:val="Heading1"/>');
    expect(document).toContain('<w:tblStyle w:val="TableGrid"/>');
    expect(styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"[^>]*\/><w:sz w:val="26"\/>/);
    expect(styles).toContain('w:styleId="TableGrid"');
    expect(styles).toMatch(/w:styleId="Heading1"[\s\S]*?<w:sz w:val="28"\/>/);
    const footer = entries.filter((e) => /^word\/footer\d*\.xml$/.test(e.name)).map((e) => zipText(bytes, e)).join("");
    expect(footer).toMatch(/PAGE/);
  });
});
