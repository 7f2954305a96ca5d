/**
 * Score tables used by the report and writer tests, each as both a Scorecard (what the table
 * reader would produce, every point value with its cell) and an ExcelJS sheet with the same
 * cells, so highlights and links can be checked against a real workbook.
 *
 * - TTH: seed 001's Thừa Thiên Huế table (2018 vs 2019, areas only, decimal commas as text,
 *   published ranks with ties "4(12)", one "47.93" with a dot, an extra "Điểm thẩm định" row).
 * - SELF: a self-assessment table with sub-criteria (TCTP), a max column and appraisal cuts.
 * - MANY: units in rows with a max row, a tie, and a unit named "=1+1".
 */
import Decimal from "decimal.js";
import ExcelJS from "exceljs";
import { analyse } from "../../src/engine/analyse";
import type { Analysis, Criterion, PointValue, PublishedRank, Scorecard, ScoreColumn } from "../../src/engine/types";
import type { ReportTableInput } from "../../src/report/input";



function crit(code: string, title: string, max: string | null, level: number, children: Criterion[] = [], extra = false): Criterion {
  const c: Criterion = { code, title, max: max === null ? null : new Decimal(max), kind: "ordinary", level, children };
  if (extra) c.extra = true;
  return c;
}

function pv(value: string | null, sheet: string, cell: string): PointValue {
  return { value: value === null ? null : new Decimal(value.replace(",", ".")), location: { sheet, cell } };
}

function column(unit: string, period: string, basis: "score" | "self", points: [string, PointValue][], ranks: [string, PublishedRank][] = []): ScoreColumn {
  return {
    key: `${unit}|${period}|${basis}`,
    unit,
    period,
    basis,
    points: new Map(points),
    publishedRanks: new Map(ranks),
  };
}

function parseRank(text: string): PublishedRank {
  const m = /^(\d+)\s*(?:\((\d+)\))?$/.exec(text.trim());
  if (!m) throw new Error(text);
  return m[2] ? { rank: Number(m[1]), tieCount: Number(m[2]) } : { rank: Number(m[1]) };
}

// ---------------------------------------------------------------------------
// TTH: seed 001
export const TTH_SHEET = "TT Huế 2019";
export const TTH_AREAS: [string, string, string, string, string, string, string][] = [
  ["1", "Công tác chỉ đạo, điều hành cải cách hành chính", "8.5", "6,50", "38 (5)", "8,00", "4(12)"],
  ["2", "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật tại tỉnh", "10", "8,87", "8", "8,75", "32"],
  ["3", "Cải cách thủ tục hành chính", "14", "11,18", "34", "13,21", "13"],
  ["4", "Cải cách tổ chức bộ máy hành chính", "12", "7,81", "61", "8,35", "55"],
  ["5", "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức", "14", "10,57", "28", "11,72", "21"],
  ["6", "Cải cách tài chính công", "12.5", "9,92", "14", "9,76", "22"],
  ["7", "Hiện đại hóa hành chính", "13", "11,60", "5", "12,47", "1"],
  ["8", "Tác động của CCHC đến người dân, tổ chức và phát triển Kinh tế - Xã hội tỉnh", "16", "12,45", "48", "10,80", "57"],
];

export function tthScorecard(): Scorecard {
  const criteria = TTH_AREAS.map(([code, title, max]) => crit(code, title, max, 1));
  criteria.push(crit("TĐ", "Điểm thẩm định", "63.5", 1, [], true));
  const cols: ScoreColumn[] = [];
  for (const [period, pointCol, rankCol, i] of [["2018", "C", "D", 3], ["2019", "E", "F", 5]] as const) {
    const points: [string, PointValue][] = TTH_AREAS.map((a, r) => [a[0], pv(a[i], TTH_SHEET, `${pointCol}${r + 3}`)]);
    const ranks: [string, PublishedRank][] = TTH_AREAS.map((a, r) => [a[0], { ...parseRank(a[i + 1]), location: { sheet: TTH_SHEET, cell: `${rankCol}${r + 3}` } }]);
    points.push(["TĐ", pv(period === "2018" ? "47.93" : "53,32", TTH_SHEET, `${pointCol}11`)]);
    ranks.push(["TĐ", { rank: period === "2018" ? 17 : 7 }]);
    cols.push(column("Thừa Thiên Huế", period, "score", points, ranks));
  }
  return { title: "Chỉ số CCHC tỉnh Thừa Thiên Huế 2018-2019", criteria, columns: cols, findings: [] };
}

export function tthSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(TTH_SHEET);
  ws.getRow(1).values = ["TT", "Nội dung đánh giá", "Năm 2018", null, "Năm 2019", null];
  ws.getRow(2).values = [null, null, "Điểm số", "Xếp hạng", "Điểm số", "Xếp hạng"];
  ws.mergeCells("C1:D1");
  ws.mergeCells("E1:F1");
  TTH_AREAS.forEach(([code, title, , p18, r18, p19, r19], i) => {
    ws.getRow(i + 3).values = [Number(code), title, p18, r18, p19, r19];
  });
  ws.getRow(11).values = [null, "Điểm thẩm định", "47.93", 17, "53,32", 7];
  ws.getRow(1).font = { bold: true };
  ws.getColumn(2).width = 60;
  return ws;
}

// ---------------------------------------------------------------------------
// SELF: a self-assessment table with TCTP
export const SELF_SHEET = "Tự đánh giá";
/** code, title, max, self, appraised (null = parent row with a SUM formula). */
export const SELF_ROWS: [string, string, string, string | null, string | null][] = [
  ["1", "Công tác chỉ đạo, điều hành CCHC", "8.5", null, null],
  ["1.1", "Kế hoạch CCHC", "2.5", null, null],
  ["1.1.1", "Ban hành kế hoạch CCHC năm kịp thời", "1", "1", "1"],
  ["1.1.2", "Mức độ thực hiện kế hoạch CCHC", "1.5", "1,5", "1"],
  ["1.2", "Báo cáo CCHC", "6", null, null],
  ["1.2.1", "Đầy đủ số lượng và đúng thời gian", "3", "3", "3"],
  ["1.2.2", "=1+1 (tiêu đề có dấu bằng)", "3", "3", "2,5"],
  ["4", "Cải cách tổ chức bộ máy hành chính", "12", null, null],
  ["4.1", "Tổ chức bộ máy", "7.5", null, null],
  ["4.1.1", "Thực hiện quy định về cơ cấu tổ chức", "2.5", "2,5", "1,5"],
  ["4.1.2", "Thực hiện quy định về vị trí việc làm", "2.5", "2,5", "1.5"],
  ["4.1.3", "Thực hiện cơ cấu ngạch công chức", "2.5", "2", "2"],
  ["4.2", "Phân cấp quản lý", "4.5", null, null],
  ["4.2.1", "Thực hiện phân cấp", "2", "2", "2"],
  ["4.2.2", "Kiểm tra việc thực hiện phân cấp", "1.5", "1,5", "1,35"],
  ["4.2.3", "Xử lý vấn đề phát hiện qua kiểm tra", "1", "1", "0,5"],
];
const SELF_FIRST_ROW = 3;

export function selfScorecard(): Scorecard {
  const byCode = new Map<string, Criterion>();
  const roots: Criterion[] = [];
  SELF_ROWS.forEach(([code, title, max], i) => {
    const level = code.split(".").length;
    const c: Criterion = crit(code, title, max, level);
    c.maxLocation = { sheet: SELF_SHEET, cell: `C${SELF_FIRST_ROW + i}` };
    c.location = { sheet: SELF_SHEET, cell: `A${SELF_FIRST_ROW + i}` };
    byCode.set(code, c);
    const parent = code.includes(".") ? byCode.get(code.slice(0, code.lastIndexOf("."))) : undefined;
    (parent ? parent.children : roots).push(c);
  });
  const self: [string, PointValue][] = [];
  const score: [string, PointValue][] = [];
  SELF_ROWS.forEach(([code, , , s, a], i) => {
    if (s === null || a === null) return;
    self.push([code, pv(s, SELF_SHEET, `D${SELF_FIRST_ROW + i}`)]);
    score.push([code, pv(a, SELF_SHEET, `E${SELF_FIRST_ROW + i}`)]);
  });
  return {
    title: "Tự đánh giá chỉ số CCHC năm 2024 — Sở Nội vụ",
    criteria: roots,
    columns: [column("Sở Nội vụ", "2024", "self", self), column("Sở Nội vụ", "2024", "score", score)],
    findings: [],
  };
}

export function selfSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(SELF_SHEET);
  ws.getCell("A1").value = "BẢNG TỰ ĐÁNH GIÁ CHỈ SỐ CCHC NĂM 2024";
  ws.mergeCells("A1:E1");
  ws.getRow(2).values = ["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định"];
  SELF_ROWS.forEach(([code, title, max, s, a], i) => {
    const r = SELF_FIRST_ROW + i;
    ws.getCell(`A${r}`).value = code;
    ws.getCell(`B${r}`).value = title;
    ws.getCell(`C${r}`).value = Number(max);
    // Whole numbers as numbers, decimals as text ("1,5" and one "1.5"), as circulated files mix them.
    if (s !== null) ws.getCell(`D${r}`).value = /[,.]/.test(s) ? s : Number(s);
    if (a !== null) ws.getCell(`E${r}`).value = /[,.]/.test(a) ? a : Number(a);
  });
  return ws;
}

// ---------------------------------------------------------------------------
// MANY: units in rows
export const MANY_SHEET = "PAR 2022";
export const MANY_AREAS: [string, string, string][] = [
  ["1", "Chỉ đạo điều hành", "10"],
  ["2", "Thủ tục hành chính", "20"],
  ["3", "Tác động", "70"],
];
/** unit, area points. Bình Định and Huế tie on 86.5. */
export const MANY_UNITS: [string, string, string, string][] = [
  ["Quảng Ninh", "9.5", "19", "63"],
  ["Bình Định", "9", "18.5", "59"],
  ["=1+1", "7", "15", "50.25"],
  ["Huế", "8.5", "19", "59"],
  ["Hải Phòng", "10", "20", "61.75"],
];
const MANY_FIRST_ROW = 3;

export function manyScorecard(): Scorecard {
  const criteria = MANY_AREAS.map(([code, title, max]) => {
    const c: Criterion = crit(code, title, max, 1);
    c.maxLocation = { sheet: MANY_SHEET, cell: `${"CDE"[Number(code) - 1]}2` };
    return c;
  });
  const columns = MANY_UNITS.map(([unit, ...pts], i) => {
    const r = MANY_FIRST_ROW + i;
    const col = column(
      unit,
      "2022",
      "score",
      MANY_AREAS.map(([code], j) => [code, pv(pts[j], MANY_SHEET, `${"CDE"[j]}${r}`)]),
    );
    const total = pts.reduce((s, p) => s.plus(p), new Decimal(0));
    col.publishedTotal = { value: total, location: { sheet: MANY_SHEET, cell: `F${r}` } };
    return col;
  });
  return { title: "Chỉ số CCHC 2022 (trích)", criteria, columns, findings: [] };
}

export function manySheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(MANY_SHEET);
  ws.getRow(1).values = ["STT", "Tỉnh", ...MANY_AREAS.map((a) => a[1]), "Tổng điểm"];
  ws.getRow(2).values = [null, "Điểm tối đa", ...MANY_AREAS.map((a) => Number(a[2])), 100];
  MANY_UNITS.forEach(([unit, ...pts], i) => {
    const r = MANY_FIRST_ROW + i;
    ws.getRow(r).values = [i + 1, unit, ...pts.map(Number)];
    ws.getCell(`F${r}`).value = { formula: `SUM(C${r}:E${r})`, result: pts.reduce((s, p) => s + Number(p), 0) } as ExcelJS.CellFormulaValue;
  });
  return ws;
}

// ---------------------------------------------------------------------------

export function tthInput(): ReportTableInput {
  return { table: { sheet: TTH_SHEET, range: "A1:F11", layout: "unit-across-years" }, analysis: analyse(tthScorecard()) };
}

export function selfInput(): ReportTableInput {
  return { table: { sheet: SELF_SHEET, range: "A1:E18", layout: "self-assessment" }, analysis: analyse(selfScorecard()) };
}

export function manyInput(): ReportTableInput {
  return { table: { sheet: MANY_SHEET, range: "A1:F7", layout: "units-in-rows" }, analysis: analyse(manyScorecard()) };
}

export function allInputs(): ReportTableInput[] {
  return [tthInput(), selfInput(), manyInput()];
}

/** A workbook with the three source sheets. */
export function sourceWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  tthSheet(wb);
  selfSheet(wb);
  manySheet(wb);
  return wb;
}

export type { Analysis };
