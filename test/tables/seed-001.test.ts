/**
 * Seed 001 (Thừa Thiên Huế, PAR INDEX 2019): the reference "one unit across years" table,
 * read from the seed TSV (test/fixtures/tables), and from an .xlsx built from it with merged year headers.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { readDelimitedGrid } from "../../src/hosts/csv/read-csv";
import { readXlsxGrids } from "../../src/hosts/xlsx/read-xlsx";
import type { Scorecard } from "../../src/engine/types";
import { grid, one, plainCriteria, plainFindings, plainPoints, plainRanks, pointCells } from "./builder";

const TSV = path.join(__dirname, "../fixtures/tables/thua-thien-hue-2019-areas.tsv");
const SHEET = "TT Huế";
/** The unit: the province the sheet name "TT Huế" stands for. */
const UNIT = "Thừa Thiên Huế";

function seedText(): string {
  return fs.readFileSync(TSV, "utf8");
}

const EXPECTED_CRITERIA = [
  { code: "1", level: 1, title: "Công tác chỉ đạo, điều hành cải cách hành chính", max: "8.5" },
  { code: "2", level: 1, title: "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật tại tỉnh", max: "10" },
  { code: "3", level: 1, title: "Cải cách thủ tục hành chính", max: "14" },
  { code: "4", level: 1, title: "Cải cách tổ chức bộ máy hành chính", max: "12" },
  { code: "5", level: 1, title: "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức", max: "14" },
  { code: "6", level: 1, title: "Cải cách tài chính công", max: "12.5" },
  { code: "7", level: 1, title: "Hiện đại hóa hành chính", max: "13" },
  { code: "8", level: 1, title: "Tác động của CCHC đến người dân, tổ chức và phát triển Kinh tế - Xã hội tỉnh", max: "16" },
  { code: "diem-tham-dinh", level: 1, title: "Điểm thẩm định", max: "63.5", extra: true },
  { code: "danh-gia-tac-dong", level: 1, title: "Đánh giá tác động của CCHC", max: "36.5", extra: true },
  { code: "sipas", level: 1, title: "Chỉ số SIPAS", max: "10", extra: true },
  { code: "khao-sat-lanh-dao", level: 1, title: "Khảo sát LĐ quản lý", max: "20.5", extra: true },
  { code: "tac-dong-pt-kt-xh", level: 1, title: "Tác động đến PT KT-XH", max: "6", extra: true },
];

const EXPECTED_POINTS = {
  [`${UNIT}|2018|score`]: {
    "1": "6.5",
    "2": "8.87",
    "3": "11.18",
    "4": "7.81",
    "5": "10.57",
    "6": "9.92",
    "7": "11.6",
    "8": "12.45",
    "diem-tham-dinh": "47.93",
    "danh-gia-tac-dong": null,
    sipas: "9.95",
    "khao-sat-lanh-dao": "18.52",
    "tac-dong-pt-kt-xh": "2.5",
  },
  [`${UNIT}|2019|score`]: {
    "1": "8",
    "2": "8.75",
    "3": "13.21",
    "4": "8.35",
    "5": "11.72",
    "6": "9.76",
    "7": "12.47",
    "8": "10.8",
    "diem-tham-dinh": "53.32",
    "danh-gia-tac-dong": null,
    sipas: "7.8",
    "khao-sat-lanh-dao": "18.94",
    "tac-dong-pt-kt-xh": "3",
  },
};

const EXPECTED_RANKS = {
  [`${UNIT}|2018|score`]: {
    "1": "38(5)",
    "2": "8",
    "3": "34",
    "4": "61",
    "5": "28",
    "6": "14",
    "7": "5",
    "8": "48",
    "diem-tham-dinh": "17",
    sipas: "31",
    "khao-sat-lanh-dao": "15",
    "tac-dong-pt-kt-xh": "48(11)",
  },
  [`${UNIT}|2019|score`]: {
    "1": "4(12)",
    "2": "32",
    "3": "13",
    "4": "55",
    "5": "21",
    "6": "22",
    "7": "1",
    "8": "57",
    "diem-tham-dinh": "7",
    sipas: "57",
    "khao-sat-lanh-dao": "18",
    "tac-dong-pt-kt-xh": "47(6)",
  },
};

function expectSeedScorecard(scorecard: Scorecard) {
  expect(plainCriteria(scorecard.criteria)).toEqual(EXPECTED_CRITERIA);
  expect(scorecard.columns.map((c) => c.key)).toEqual([`${UNIT}|2018|score`, `${UNIT}|2019|score`]);
  expect(scorecard.columns.map((c) => c.period)).toEqual(["2018", "2019"]);
  expect(plainPoints(scorecard)).toEqual(EXPECTED_POINTS);
  expect(plainRanks(scorecard)).toEqual(EXPECTED_RANKS);
  expect(pointCells(scorecard, `${UNIT}|2019|score`)).toMatchObject({ "1": "E3", "8": "E10", "diem-tham-dinh": "E11", "tac-dong-pt-kt-xh": "E15" });
  expect(scorecard.columns[0].publishedRanks.get("1")).toEqual({ rank: 38, tieCount: 5, location: { sheet: SHEET, cell: "D3" } });
  expect(scorecard.columns[1].publishedRanks.get("1")).toEqual({ rank: 4, tieCount: 12, location: { sheet: SHEET, cell: "F3" } });
  // The areas' maxima (from the 2019 template) add up to 100.
  const sum = scorecard.criteria.filter((c) => !c.extra).reduce((s, c) => s + Number(c.max), 0);
  expect(sum).toBe(100);
  expect(plainFindings(scorecard.findings)).toEqual(["template-auto-picked@", "dot-decimal-among-commas@C11"]);
}

describe("seed 001: Thừa Thiên Huế 2018-2019 by area", () => {
  test("32. the TSV reads into 8 areas, extra rows, points, ranks with ties, template maxima, and notes '47.93'", () => {
    const g = readDelimitedGrid(seedText(), { sheet: SHEET });
    const { table, rec } = one(g);
    expect(table.layout).toBe("unit-across-years");
    expect(table.range).toBe("A1:F15");
    expect(table.template).toBe("par-2019-province");
    expectSeedScorecard(table.scorecard);
    const dot = rec.findings.find((f) => f.kind === "dot-decimal-among-commas")!;
    expect(dot.severity).toBe("info");
    expect(dot.location).toEqual({ sheet: SHEET, cell: "C11" });
    expect(table.scorecard.columns[0].points.get("diem-tham-dinh")?.value?.toString()).toBe("47.93");
  });

  test("33. an .xlsx made from the TSV, year headers merged over two columns, reads back the same", async () => {
    const rows = seedText()
      .split(/\r?\n/)
      .filter((l) => l.length)
      .map((l) => l.split("\t"));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(SHEET);
    rows.forEach((r, i) => r.forEach((v, j) => v !== "" && (ws.getCell(i + 1, j + 1).value = v)));
    ws.mergeCells("C1:D1");
    ws.mergeCells("E1:F1");
    ws.mergeCells("A1:A2");
    ws.mergeCells("B1:B2");
    ws.getCell("C3").value = { formula: "6.5", result: 6.5 } as ExcelJS.CellFormulaValue; // a formula cell: its cached result
    ws.getCell("C3").numFmt = "0.00";
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const grids = await readXlsxGrids(buffer);
    expect(grids.map((x) => x.sheet)).toEqual([SHEET]);
    expect(grids[0].merges).toEqual(
      expect.arrayContaining([
        { top: 0, left: 2, bottom: 0, right: 3 },
        { top: 0, left: 4, bottom: 0, right: 5 },
      ]),
    );
    const { table } = one(grids[0]);
    expect(table.layout).toBe("unit-across-years");
    expect(table.range).toBe("A1:F15");
    expectSeedScorecard(table.scorecard);
  });

  test("33b. Office.js-style values (blank cells as \"\", every row full width) read the same", () => {
    const g = readDelimitedGrid(seedText(), { sheet: SHEET });
    const width = Math.max(...g.values.map((r) => r.length));
    const office = { ...g, values: g.values.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? "")) };
    const { table } = one(office);
    expect(table.range).toBe("A1:F15");
    expectSeedScorecard(table.scorecard);
  });

  test("34. the same table with upper-case 'NĂM', 'Vị thứ', 'Điểm đạt' and no template", () => {
    const g = grid(
      [
        ["TT", "NỘI DUNG", "NĂM 2018", null, "NĂM 2019", null],
        [null, null, "Điểm đạt", "Vị thứ", "Điểm đạt", "Vị thứ"],
        ["1", "Công tác chỉ đạo, điều hành cải cách hành chính", "6,50", "38 (5)", "8,00", "4(12)"],
        ["2", "Cải cách thủ tục hành chính", "11,18", "34", "13,21", "13"],
      ],
      { merges: ["C1:D1", "E1:F1"], sheet: SHEET },
    );
    const { table } = one(g, { autoTemplate: false, unit: "Thừa Thiên Huế" });
    expect(table.template).toBeUndefined();
    expect(plainCriteria(table.scorecard.criteria).map((c) => c.max)).toEqual([null, null]);
    expect(plainPoints(table.scorecard)).toEqual({
      "Thừa Thiên Huế|2018|score": { "1": "6.5", "2": "11.18" },
      "Thừa Thiên Huế|2019|score": { "1": "8", "2": "13.21" },
    });
    expect(plainRanks(table.scorecard)).toEqual({
      "Thừa Thiên Huế|2018|score": { "1": "38(5)", "2": "34" },
      "Thừa Thiên Huế|2019|score": { "1": "4(12)", "2": "13" },
    });
  });

  test("35. years with self-assessed and appraised points under each", () => {
    const g = grid(
      [
        ["STT", "Tiêu chí", "Điểm tối đa", "Năm 2021", null, "Năm 2022", null],
        [null, null, null, "Tự đánh giá", "Thẩm định", "Tự đánh giá", "Thẩm định"],
        ["1", "Chỉ đạo", "2", "2", "1,5", "2", "2"],
      ],
      { merges: ["D1:E1", "F1:G1", "A1:A2", "B1:B2", "C1:C2"], sheet: "Huyện X" },
    );
    const { table } = one(g);
    expect(table.layout).toBe("unit-across-years");
    expect(plainPoints(table.scorecard)).toEqual({
      "Huyện X|2021|self": { "1": "2" },
      "Huyện X|2021|score": { "1": "1.5" },
      "Huyện X|2022|self": { "1": "2" },
      "Huyện X|2022|score": { "1": "2" },
    });
  });
});
