/**
 * Score tables whose total is not the sum of its parts (issue 22), with hand-worked answers:
 * a PCI-style table (10 sub-indices on 10, weighted 5% … 20%, composite on 100) and a SIPAS-style
 * table (five satisfaction percentages, the index their mean).
 */
import ExcelJS from "exceljs";

export const PCI_SHEET = "PCI";
export const SIPAS_SHEET = "SIPAS";

export const PCI_HEADERS = [
  "Gia nhập thị trường",
  "Tiếp cận đất đai",
  "Tính minh bạch",
  "Chi phí thời gian",
  "Chi phí không chính thức",
  "Cạnh tranh bình đẳng",
  "Tính năng động",
  "Chính sách hỗ trợ doanh nghiệp",
  "Đào tạo lao động",
  "Thiết chế pháp lý",
];

/**
 * Composite = 10 × (5% of each sub-index, except Tính minh bạch, Chính sách hỗ trợ doanh nghiệp and Đào tạo
 * lao động 20% and Chi phí không chính thức 10%). Long An: 10 × (0,05 × (6,66 + 8,12 + 6,32 + 7,00 + 6,58 + 7,62)
 * + 0,2 × (6,70 + 8,98 + 8,32) + 0,1 × 5,94) = 10 × (2,115 + 4,8 + 0,594) = 75,09.
 */
export const PCI_ROWS: [string, string[], string][] = [
  ["Quảng Ninh", ["5.70", "6.24", "5.12", "8.12", "7.28", "5.94", "8.58", "5.60", "8.78", "8.32"], "67.73"],
  ["Hải Phòng", ["6.76", "5.40", "6.18", "6.36", "5.24", "6.62", "8.06", "5.90", "7.82", "8.50"], "65.89"],
  ["Đồng Tháp", ["8.74", "7.20", "8.62", "5.24", "7.94", "5.10", "8.00", "6.34", "6.58", "7.14"], "71.73"],
  ["Bắc Ninh", ["5.96", "5.92", "5.56", "7.98", "7.70", "8.72", "8.96", "7.88", "5.30", "8.56"], "68.23"],
  ["Long An", ["6.66", "8.12", "6.70", "6.32", "5.94", "7.00", "6.58", "8.98", "8.32", "7.62"], "75.09"],
  ["Bình Dương", ["5.72", "6.42", "6.38", "8.40", "8.54", "5.94", "7.20", "5.24", "6.74", "7.72"], "65.96"],
  ["Đà Nẵng", ["5.16", "7.14", "6.28", "7.58", "6.44", "7.64", "7.08", "7.02", "8.38", "5.94"], "70.07"],
  ["Vĩnh Phúc", ["6.56", "7.88", "6.90", "7.02", "7.98", "5.12", "6.52", "7.94", "8.04", "7.86"], "74.22"],
  ["Bến Tre", ["7.78", "7.68", "7.20", "8.86", "8.44", "7.70", "7.18", "5.44", "5.46", "7.26"], "67.87"],
  ["Thừa Thiên Huế", ["6.82", "5.50", "7.20", "8.98", "7.06", "5.28", "6.00", "7.62", "6.22", "7.04"], "68.95"],
  ["Lào Cai", ["5.02", "5.48", "7.34", "5.98", "5.86", "5.14", "7.78", "6.92", "6.78", "5.90"], "65.59"],
  ["Cần Thơ", ["6.68", "6.82", "8.22", "5.96", "7.26", "5.18", "5.32", "7.74", "5.68", "8.98"], "70.01"],
];

/**
 * The PCI table's answers by hand: ranks from the composites (75,09 > 74,22 > 71,73 > 70,07 > 70,01 > 68,95
 * > 68,23 > 67,87 > 67,73 > 65,96 > 65,89 > 65,59, no ties), and the points lost on the composite's 100
 * (sub-indices on 10, the PCI weights: the maxima the built-in PCI template gives), 100 − composite.
 */
export const PCI_RANK_ORDER = [
  "Long An",
  "Vĩnh Phúc",
  "Đồng Tháp",
  "Đà Nẵng",
  "Cần Thơ",
  "Thừa Thiên Huế",
  "Bắc Ninh",
  "Bến Tre",
  "Quảng Ninh",
  "Bình Dương",
  "Hải Phòng",
  "Lào Cai",
];
/** Long An 100 − 75,09 = 24,91; Lào Cai 100 − 65,59 = 34,41. */
export const PCI_LOST: Record<string, string> = {
  "Long An": "24.91",
  "Vĩnh Phúc": "25.78",
  "Đồng Tháp": "28.27",
  "Đà Nẵng": "29.93",
  "Cần Thơ": "29.99",
  "Thừa Thiên Huế": "31.05",
  "Bắc Ninh": "31.77",
  "Bến Tre": "32.13",
  "Quảng Ninh": "32.27",
  "Bình Dương": "34.04",
  "Hải Phòng": "34.11",
  "Lào Cai": "34.41",
};

export const SIPAS_HEADERS = [
  "Tiếp cận dịch vụ",
  "Thủ tục hành chính",
  "Công chức giải quyết công việc",
  "Giải quyết công việc đúng hẹn",
  "Tiếp nhận, xử lý góp ý",
];

/** The index is the mean of the five: Sở Tư pháp (83 + 88,3 + 97,1 + 71,4 + 93,8) / 5 = 433,6 / 5 = 86,72. */
export const SIPAS_ROWS: [string, string[], string][] = [
  ["Sở Tư pháp", ["83", "88.3", "97.1", "71.4", "93.8"], "86.72"],
  ["Sở Y tế", ["82.7", "72.6", "78", "75.7", "89"], "79.6"],
  ["Sở Xây dựng", ["94", "82.6", "89.4", "97.8", "75.2"], "87.8"],
  ["Sở Công Thương", ["82.7", "70.6", "81", "90.8", "84.3"], "81.88"],
  ["Sở Nội vụ", ["79.3", "89.9", "78.1", "73.6", "77.1"], "79.6"],
  ["Sở Tài chính", ["92.7", "76.4", "76.7", "70", "70.2"], "77.2"],
  ["Sở Giáo dục và Đào tạo", ["80.7", "81", "78.4", "78.5", "84.8"], "80.68"],
  ["Sở Giao thông vận tải", ["86", "80.1", "97.6", "80.4", "79.3"], "84.68"],
];

/**
 * The SIPAS table's ranks by hand: 87,8 > 86,72 > 84,68 > 81,88 > 80,68 > 79,6 = 79,6 > 77,2, the two at
 * 79,6 sharing 6th ("6(2)"), the next 8th. No maxima: percentages averaged say nothing of points lost.
 */
export const SIPAS_RANK_LABELS: Record<string, string> = {
  "Sở Xây dựng": "1",
  "Sở Tư pháp": "2",
  "Sở Giao thông vận tải": "3",
  "Sở Công Thương": "4",
  "Sở Giáo dục và Đào tạo": "5",
  "Sở Y tế": "6(2)",
  "Sở Nội vụ": "6(2)",
  "Sở Tài chính": "8",
};

function table(ws: ExcelJS.Worksheet, title: string, unitHeader: string, parts: string[], totalHeader: string, rows: [string, string[], string][]): void {
  ws.addRow([title]);
  ws.addRow([]);
  ws.addRow(["STT", unitHeader, ...parts, totalHeader]);
  rows.forEach(([unit, values, total], i) => ws.addRow([i + 1, unit, ...values.map(Number), Number(total)]));
}

export const WEIGHTED_SHEET = "PCI trọng số";
/** VCCI's weights as a row of the table, and a row of maxima: 10 per sub-index, 100 for the composite. */
export const PCI_WEIGHTS = ["0.05", "0.05", "0.2", "0.05", "0.1", "0.05", "0.05", "0.2", "0.2", "0.05"];

function weightedTable(ws: ExcelJS.Worksheet, weights: string[]): void {
  ws.addRow(["CHỈ SỐ PCI (CÓ TRỌNG SỐ)"]);
  ws.addRow([]);
  ws.addRow(["STT", "Tỉnh", ...PCI_HEADERS, "Điểm số PCI"]);
  ws.addRow(["", "Điểm tối đa", ...PCI_HEADERS.map(() => 10), 100]);
  ws.addRow(["", "Trọng số", ...weights.map(Number), ""]);
  PCI_ROWS.slice(0, 4).forEach(([unit, values, total], i) => ws.addRow([i + 1, unit, ...values.map(Number), Number(total)]));
}

export function weightedWorkbook(weights = PCI_WEIGHTS): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  weightedTable(wb.addWorksheet(WEIGHTED_SHEET), weights);
  return wb;
}

export function ruleWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  table(wb.addWorksheet(PCI_SHEET), "CHỈ SỐ NĂNG LỰC CẠNH TRANH CẤP TỈNH (PCI)", "Tỉnh", PCI_HEADERS, "Điểm số PCI", PCI_ROWS);
  table(wb.addWorksheet(SIPAS_SHEET), "CHỈ SỐ HÀI LÒNG VỀ SỰ PHỤC VỤ HÀNH CHÍNH (SIPAS) CỦA CÁC SỞ", "Đơn vị", SIPAS_HEADERS, "Chỉ số SIPAS", SIPAS_ROWS);
  return wb;
}

export const WEIGHT_COLUMN_SHEET = "Trọng số cột";

/**
 * One unit's criteria with a "Trọng số" column and maxima (issue 22): the total is the weighted mean on its
 * max of 100. Sở Tư pháp: (0,1 × 8 + 0,2 × 9 + 0,3 × 6 + 0,4 × 7) × 100 / 10 = 7,2 × 10 = 72.
 */
export function weightColumnWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(WEIGHT_COLUMN_SHEET);
  ws.addRow(["BẢNG ĐIỂM CẢI CÁCH HÀNH CHÍNH"]);
  ws.addRow(["Đơn vị: Sở Tư pháp"]);
  ws.addRow(["STT", "Tiêu chí", "Điểm tối đa", "Trọng số", "Điểm đạt"]);
  ws.addRow(["1", "Công tác chỉ đạo, điều hành", 10, 0.1, 8]);
  ws.addRow(["2", "Cải cách thủ tục hành chính", 10, 0.2, 9]);
  ws.addRow(["3", "Cải cách tổ chức bộ máy", 10, 0.3, 6]);
  ws.addRow(["4", "Xây dựng chính quyền số", 10, 0.4, 7]);
  ws.addRow(["", "Tổng điểm", 100, "", 72]);
  return wb;
}

export const SERIES_SHEET = "766 bốn tháng";
export const SERIES_UNITS = ["Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn"];

/** Bộ chỉ số 766 over four months: province i (1..6) in month m has 60 + 2i + m points. */
export function seriesWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SERIES_SHEET);
  ws.addRow(["KẾT QUẢ BỘ CHỈ SỐ 766 BỐN THÁNG ĐẦU NĂM 2025"]);
  ws.addRow(["STT", "Tỉnh, thành phố", "T1/2025", "T2/2025", "T3/2025", "T4/2025"]);
  SERIES_UNITS.forEach((name, k) => ws.addRow([k + 1, name, ...[1, 2, 3, 4].map((m) => 60 + 2 * (k + 1) + m)]));
  return wb;
}
