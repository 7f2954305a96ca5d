#!/usr/bin/env node
// Builds examples/parscore-demo.xlsx, the workbook `npm run demo` scores. Run it again after changing
// the data below; the generated workbook is committed so the demo needs no build step of its own.
//
// Sheets:
//  - "TT Huế 2018-2019": the table of seed 001 (Thừa Thiên Huế, PAR INDEX 2018 and 2019, areas only),
//    as it circulates: title row, merged year headers, decimal commas as text, the "47.93" dot.
//  - "Huyện 2024": a many-unit table (units in rows) with FICTIONAL sample data, ties included.
//  - "Tự đánh giá": a self-assessment table of one department with FICTIONAL sample data.
// And examples/consolidate/: four departments' own self-assessment workbooks (FICTIONAL), for
// `parscore consolidate examples/consolidate -o out/tong-hop.xlsx`.
"use strict";
const fs = require("fs");
const path = require("path");
const ExcelJS = require("exceljs");

const thin = { style: "thin", color: { argb: "FF7F7F7F" } };
const box = { top: thin, left: thin, bottom: thin, right: thin };

function styleTable(ws, fromRow, toRow, fromCol, toCol) {
  for (let r = fromRow; r <= toRow; r++) {
    for (let c = fromCol; c <= toCol; c++) ws.getCell(r, c).border = box;
  }
}

function seedSheet(wb) {
  const ws = wb.addWorksheet("TT Huế 2018-2019");
  ws.getCell("A1").value = "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH TỈNH THỪA THIÊN HUẾ NĂM 2018 - 2019";
  ws.getCell("A1").font = { bold: true, size: 13 };
  ws.mergeCells("A1:F1");
  ws.getCell("A2").value = "(Nguồn: Sở Nội vụ tỉnh Thừa Thiên Huế, cập nhật 26/08/2020)";
  ws.getCell("A2").font = { italic: true };
  ws.mergeCells("A2:F2");
  const header = 4;
  ws.getCell(header, 1).value = "TT";
  ws.getCell(header, 2).value = "Nội dung đánh giá";
  ws.getCell(header, 3).value = "Năm 2018";
  ws.getCell(header, 5).value = "Năm 2019";
  ws.mergeCells(header, 1, header + 1, 1);
  ws.mergeCells(header, 2, header + 1, 2);
  ws.mergeCells(header, 3, header, 4);
  ws.mergeCells(header, 5, header, 6);
  ["Điểm số", "Xếp hạng", "Điểm số", "Xếp hạng"].forEach((t, i) => (ws.getCell(header + 1, 3 + i).value = t));
  for (let r = header; r <= header + 1; r++) {
    for (let c = 1; c <= 6; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    }
  }
  const rows = [
    ["1", "Công tác chỉ đạo, điều hành cải cách hành chính", "6,50", "38 (5)", "8,00", "4(12)"],
    ["2", "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật tại tỉnh", "8,87", "8", "8,75", "32"],
    ["3", "Cải cách thủ tục hành chính", "11,18", "34", "13,21", "13"],
    ["4", "Cải cách tổ chức bộ máy hành chính", "7,81", "61", "8,35", "55"],
    ["5", "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức", "10,57", "28", "11,72", "21"],
    ["6", "Cải cách tài chính công", "9,92", "14", "9,76", "22"],
    ["7", "Hiện đại hóa hành chính", "11,60", "5", "12,47", "1"],
    ["8", "Tác động của CCHC đến người dân, tổ chức và phát triển Kinh tế - Xã hội tỉnh", "12,45", "48", "10,80", "57"],
    ["", "Điểm thẩm định", "47.93", "17", "53,32", "7"],
    ["", "Đánh giá tác động của CCHC", "", "", "", ""],
    ["", "Chỉ số SIPAS", "9,95", "31", "7,80", "57"],
    ["", "Khảo sát LĐ quản lý", "18,52", "15", "18,94", "18"],
    ["", "Tác động đến PT KT-XH", "2,50", "48 (11)", "3,00", "47(6)"],
  ];
  rows.forEach((values, i) => {
    const r = header + 2 + i;
    values.forEach((v, c) => {
      if (v !== "") ws.getCell(r, c + 1).value = v;
      if (c >= 2) ws.getCell(r, c + 1).alignment = { horizontal: "right" };
    });
    ws.getCell(r, 2).alignment = { wrapText: true };
  });
  styleTable(ws, header, header + 1 + rows.length, 1, 6);
  ws.getCell(header + rows.length + 3, 1).value = "Ghi chú: điểm số và xếp hạng theo công bố của Bộ Nội vụ; 4(12) = xếp thứ 4, 12 tỉnh cùng vị thứ.";
  ws.columns = [{ width: 5 }, { width: 58 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }];
}

// FICTIONAL sample data: a province's districts scored on 8 areas (max 100).
const DISTRICT_AREAS = [
  ["Công tác chỉ đạo, điều hành CCHC", "8"],
  ["Cải cách thể chế", "6"],
  ["Cải cách TTHC", "14"],
  ["Cải cách tổ chức bộ máy", "8"],
  ["Chế độ công vụ", "12"],
  ["Cải cách tài chính công", "6"],
  ["Chính quyền điện tử, chính quyền số", "16"],
  ["Khảo sát sự hài lòng", "30"],
];
const DISTRICTS = [
  ["Huyện A", [7.5, 5.25, 12.5, 7, 10.75, 5.5, 14.25, 25.8]],
  ["Huyện B", [8, 6, 13.25, 7.5, 11, 6, 15, 26.4]],
  ["Thị xã C", [7, 5, 11.75, 6.5, 10, 5, 13.5, 24.9]],
  ["Huyện D", [6.5, 4.75, 10.5, 6, 9.25, 4.5, 12, 23.1]],
  ["Thành phố E", [8, 6, 13.75, 8, 11.5, 6, 15.5, 27.25]],
  ["Huyện G", [7.5, 5.5, 12, 7, 10.5, 5.5, 14, 25.05]],
  ["Huyện H", [7.5, 5.25, 12.5, 7, 10.75, 5.5, 14.25, 25.8]],
  ["Huyện K", [6, 4.5, 9.75, 5.5, 8.5, 4, 11.25, 22.6]],
  ["Huyện L", [7.25, 5.25, 12.25, 7, 10.5, 5.25, 14.5, 25.05]],
];

function districtSheet(wb) {
  const ws = wb.addWorksheet("Huyện 2024");
  ws.getCell("A1").value = "KẾT QUẢ CHỈ SỐ CCHC CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ NĂM 2024 (DỮ LIỆU MẪU, KHÔNG PHẢI SỐ LIỆU THẬT)";
  ws.getCell("A1").font = { bold: true, size: 13 };
  ws.mergeCells(1, 1, 1, 12);
  const header = 3;
  const headers = ["STT", "Đơn vị", ...DISTRICT_AREAS.map(([title], i) => `${i + 1}. ${title}`), "Tổng điểm", "Xếp hạng"];
  headers.forEach((h, i) => {
    const cell = ws.getCell(header, i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
  });
  ws.getRow(header).height = 60;
  const maxRow = header + 1;
  ws.getCell(maxRow, 2).value = "Điểm tối đa";
  DISTRICT_AREAS.forEach(([, max], i) => (ws.getCell(maxRow, 3 + i).value = Number(max)));
  ws.getCell(maxRow, 11).value = 100;
  ws.getRow(maxRow).font = { italic: true };
  DISTRICTS.forEach(([name, points], i) => {
    const r = maxRow + 1 + i;
    ws.getCell(r, 1).value = i + 1;
    ws.getCell(r, 2).value = name;
    points.forEach((p, j) => {
      ws.getCell(r, 3 + j).value = p;
      ws.getCell(r, 3 + j).numFmt = "0.00";
    });
    const first = ws.getCell(r, 3).address;
    const last = ws.getCell(r, 10).address;
    const total = points.reduce((a, b) => Math.round((a + b) * 100) / 100, 0);
    ws.getCell(r, 11).value = { formula: `SUM(${first}:${last})`, result: total };
    ws.getCell(r, 11).numFmt = "0.00";
  });
  styleTable(ws, header, maxRow + DISTRICTS.length, 1, 12);
  ws.columns = [{ width: 5 }, { width: 16 }, ...DISTRICT_AREAS.map(() => ({ width: 12 })), { width: 10 }, { width: 9 }];
  ws.views = [{ state: "frozen", xSplit: 2, ySplit: header }];
}

// FICTIONAL sample data: one department's self-assessment and the appraisal council's points.
const SELF_ASSESSMENT = [
  ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", "9", null, null],
  ["1", "Kế hoạch CCHC năm", "3", null, null],
  ["1.1", "Ban hành kế hoạch CCHC năm kịp thời", "1", "1", "1"],
  ["1.2", "Mức độ thực hiện kế hoạch CCHC", "2", "2", "1,5"],
  ["2", "Báo cáo CCHC định kỳ đúng quy định", "2", "2", "2"],
  ["3", "Kiểm tra công tác CCHC", "2", null, null],
  ["3.1", "Ban hành kế hoạch kiểm tra", "0,5", "0,5", "0,5"],
  ["3.2", "Tỷ lệ đơn vị được kiểm tra trong năm", "1", "1", "0,75"],
  ["3.3", "Xử lý các vấn đề phát hiện qua kiểm tra", "0,5", "0,5", "0"],
  ["4", "Công tác tuyên truyền CCHC", "2", "2", "2"],
  ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "12", null, null],
  ["1", "Công khai thủ tục hành chính", "3", null, null],
  ["1.1", "Công khai đầy đủ, đúng quy định tại Bộ phận Một cửa", "1,5", "1,5", "1,5"],
  ["1.2", "Công khai trên Cổng Dịch vụ công của tỉnh", "1,5", "1,5", "1"],
  ["2", "Kết quả giải quyết thủ tục hành chính", "6", null, null],
  ["2.1", "Tỷ lệ hồ sơ giải quyết đúng hạn", "4", null, null],
  ["a", "100% hồ sơ đúng hạn", "2", "2", "2"],
  ["b", "Không có hồ sơ trễ hạn do lỗi của cơ quan", "2", "2", "1"],
  ["2.2", "Xin lỗi tổ chức, cá nhân khi trễ hạn", "2", "2", "1,5"],
  ["3", "Tiếp nhận, xử lý phản ánh, kiến nghị", "3", "3", "3"],
  ["III", "HIỆN ĐẠI HÓA HÀNH CHÍNH", "9", null, null],
  ["1", "Ứng dụng công nghệ thông tin", "5", null, null],
  ["1.1", "Tỷ lệ văn bản điện tử có ký số", "2", "2", "2"],
  ["1.2", "Tỷ lệ hồ sơ trực tuyến toàn trình", "3", "2,5", "1,75"],
  ["2", "Áp dụng ISO 9001:2015", "4", "4", "4"],
];

function selfAssessmentSheet(wb) {
  const ws = wb.addWorksheet("Tự đánh giá");
  ws.getCell("A1").value = "BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CCHC NĂM 2024";
  ws.getCell("A2").value = "Đơn vị: Sở Tư pháp (dữ liệu mẫu)";
  ws.getCell("A1").font = { bold: true, size: 13 };
  ws.mergeCells("A1:G1");
  ws.mergeCells("A2:G2");
  const header = 4;
  ["STT", "Lĩnh vực / Tiêu chí / Tiêu chí thành phần", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định", "Tài liệu kiểm chứng", "Ghi chú"].forEach(
    (h, i) => {
      const cell = ws.getCell(header, i + 1);
      cell.value = h;
      cell.font = { bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    },
  );
  SELF_ASSESSMENT.forEach(([code, title, max, self, appraised], i) => {
    const r = header + 1 + i;
    ws.getCell(r, 1).value = code;
    ws.getCell(r, 2).value = title;
    ws.getCell(r, 3).value = max;
    if (self !== null) ws.getCell(r, 4).value = self;
    if (appraised !== null) ws.getCell(r, 5).value = appraised;
    if (/^[IVX]+$/.test(code)) ws.getRow(r).font = { bold: true };
    ws.getCell(r, 2).alignment = { wrapText: true };
  });
  const totalRow = header + 1 + SELF_ASSESSMENT.length;
  ws.getCell(totalRow, 2).value = "TỔNG CỘNG";
  ws.getCell(totalRow, 3).value = "30";
  ws.getRow(totalRow).font = { bold: true };
  styleTable(ws, header, totalRow, 1, 7);
  ws.getCell(totalRow + 2, 5).value = "NGƯỜI LẬP BIỂU";
  ws.columns = [{ width: 6 }, { width: 52 }, { width: 10 }, { width: 12 }, { width: 12 }, { width: 20 }, { width: 14 }];
}

// FICTIONAL sample data for `parscore consolidate examples/consolidate`: four departments send their own
// self-assessment workbook on the criteria above. Each entry: file, unit, appraised points of the leaves in
// SELF_ASSESSMENT order (self-assessed = the max), and titles the unit typed differently, by row index in
// SELF_ASSESSMENT (an info finding: matched by code, still consolidated).
const CONSOLIDATE_UNITS = [
  ["so-tu-phap.xlsx", "Sở Tư pháp", ["1", "1,5", "2", "0,5", "0,75", "0", "2", "1,5", "1", "2", "1", "1,5", "3", "2", "1,75", "4"], {}],
  ["so-tai-chinh.xlsx", "Sở Tài chính", ["1", "2", "2", "0,5", "1", "0,5", "2", "1,5", "1,5", "2", "2", "2", "3", "2", "2,5", "4"], {}],
  ["so-noi-vu.xlsx", "Sở Nội vụ", ["1", "2", "2", "0,5", "1", "0,5", "2", "1,5", "1,5", "2", "2", "2", "2,5", "2", "3", "3"], {}],
  ["so-y-te.xlsx", "Sở Y tế", ["1", "1", "2", "0,5", "0,5", "0", "1,5", "1,5", "1", "2", "1", "1", "3", "2", "1,5", "4"], { 4: "Báo cáo định kỳ về CCHC" }],
];

/** One unit's workbook: the self-assessment table on its only sheet, "Đơn vị: ..." above it. */
function unitWorkbook(unit, appraised, titles) {
  const wb = new ExcelJS.Workbook();
  wb.creator = "ParScore examples";
  const ws = wb.addWorksheet("Tự đánh giá");
  ws.getCell("A1").value = "BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CCHC NĂM 2024 (DỮ LIỆU MẪU)";
  ws.getCell("A1").font = { bold: true, size: 13 };
  ws.getCell("A2").value = `Đơn vị: ${unit}`;
  const header = 4;
  ["STT", "Lĩnh vực / Tiêu chí / Tiêu chí thành phần", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định"].forEach((h, i) => {
    const cell = ws.getCell(header, i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  let leaf = 0;
  SELF_ASSESSMENT.forEach(([code, title, max, self], i) => {
    const r = header + 1 + i;
    ws.getCell(r, 1).value = code;
    ws.getCell(r, 2).value = titles[i] ?? title;
    ws.getCell(r, 3).value = max;
    if (self !== null) {
      ws.getCell(r, 4).value = max;
      ws.getCell(r, 5).value = appraised[leaf++];
    }
    if (/^[IVX]+$/.test(code)) ws.getRow(r).font = { bold: true };
  });
  styleTable(ws, header, header + SELF_ASSESSMENT.length, 1, 5);
  ws.columns = [{ width: 6 }, { width: 52 }, { width: 10 }, { width: 12 }, { width: 12 }];
  return wb;
}

async function main() {
  const wb = new ExcelJS.Workbook();
  wb.creator = "ParScore examples";
  seedSheet(wb);
  districtSheet(wb);
  selfAssessmentSheet(wb);
  const out = path.join(__dirname, "..", "examples", "parscore-demo.xlsx");
  await wb.xlsx.writeFile(out);
  process.stdout.write(`wrote ${out}\n`);

  const folder = path.join(__dirname, "..", "examples", "consolidate");
  fs.mkdirSync(folder, { recursive: true });
  for (const [file, unit, appraised, titles] of CONSOLIDATE_UNITS) {
    await unitWorkbook(unit, appraised, titles).xlsx.writeFile(path.join(folder, file));
  }
  process.stdout.write(`wrote ${CONSOLIDATE_UNITS.length} unit workbooks in ${folder}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
