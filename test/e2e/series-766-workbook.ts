/**
 * A Bộ chỉ số 766 table of the 34 provinces over the 12 months of 2025, generated so every figure is
 * worked out by hand, and those answers: one source for the JSON/LibreOffice test
 * (series-766-libreoffice.test.ts) and the pane's (taskpane-rules.test.ts).
 *
 * Total of province i (1..34, list order) in month m: 50 + i + m/2, except Huế (i = 2) in June: 40,
 * and Hà Tĩnh (i = 10) in March: 62.5, tied with Cao Bằng (i = 11: 50 + 11 + 1.5).
 */
import ExcelJS from "exceljs";

export const SERIES_SHEET = "766 năm 2025";

export const PROVINCES = [
  "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
  "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị",
  "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "TP. Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ",
  "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
];

export function seriesTotal(i: number, m: number): number {
  if (i === 2 && m === 6) return 40;
  if (i === 10 && m === 3) return 62.5;
  return 50 + i + m / 2;
}

/** The sheet's rows: a title, "STT | Tỉnh, thành phố | T1/2025 … T12/2025", one row per province. */
export function seriesRows(): (string | number)[][] {
  return [
    ["KẾT QUẢ BỘ CHỈ SỐ 766 CÁC TỈNH, THÀNH PHỐ NĂM 2025"],
    ["STT", "Tỉnh, thành phố", ...Array.from({ length: 12 }, (_, k) => `T${k + 1}/2025`)],
    ...PROVINCES.map((name, k) => [k + 1, name, ...Array.from({ length: 12 }, (_, m) => seriesTotal(k + 1, m + 1))]),
  ];
}

export function seriesWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SERIES_SHEET);
  for (const row of seriesRows()) ws.addRow(row);
  return wb;
}

/** The answers by hand. December is the latest month: 50 + i + 6, so the ranks run from An Giang (i = 34) down, no ties. */
export const SERIES_ANSWERS = {
  months: Array.from({ length: 12 }, (_, k) => `Tháng ${k + 1}/2025`),
  /** An Giang: 50 + 34 + 6 = 90 in December, first every month. */
  anGiang: { december: 90, rank: 1 },
  /** Huế: 58 in December, 33rd (only Hà Nội is lower); June 40 is the last place, Hà Nội 33rd then. */
  hue: { december: 58, rank: 33, juneTotal: 40, juneRank: 34, best: { period: "Tháng 12/2025", total: 58 }, worst: { period: "Tháng 6/2025", total: 40 }, sinceFirst: 5.5, sincePrevious: 0.5 },
  /** March: Hà Tĩnh and Cao Bằng tie at 62.5 behind the 23 provinces 12..34: both 24th, "24(2)"; Nghệ An (60.5) 26th. */
  marchTie: { units: ["Hà Tĩnh", "Cao Bằng"], rank: 24, rankLabel: "24(2)", next: { unit: "Nghệ An", rank: 26 } },
  /** Hà Tĩnh: March 62.5 is above April (50 + 10 + 2 = 62), so its worst month is January (60.5). */
  haTinhWorst: { period: "Tháng 1/2025", total: 60.5 },
  /** The ten leaders the chart draws: An Giang .. Lâm Đồng (i = 34 .. 25). */
  leaders: PROVINCES.slice(24).reverse(),
  /** In December every province gains 0.5 on November. */
  decemberChange: 0.5,
};
