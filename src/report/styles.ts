/**
 * The named cell styles every report sheet uses (SheetPlan.styles), and the words on them.
 * Number formats are in file syntax ("0.00"): Excel and LibreOffice show the user's own decimal
 * separator, so a Vietnamese machine shows "8,35".
 */
import type { Lang, Severity } from "../engine/types";
import type { CellStyle } from "./plan";

export const COLORS = {
  title: "1F3864",
  muted: "595959",
  headerFill: "1F4E78",
  headerFont: "FFFFFF",
  tableHeaderFill: "D9E1F2",
  areaFill: "F2F2F2",
  totalFill: "DDEBF7",
  link: "0563C1",
  lostBar: "F8696B",
  belowMaxFill: "FFC7CE",
  belowMaxFont: "9C0006",
  appraisalFill: "FFEB9C",
  appraisalFont: "9C5700",
  gapTab: "C00000",
  rankTab: "2F5597",
  respTab: "548235",
  scaleLow: "F8696B",
  scaleMid: "FFEB84",
  scaleHigh: "63BE7B",
} as const;

export const NUM = "0.00";
export const PCT = "0.0%";

export const STYLES: Record<string, CellStyle> = {
  title: { bold: true, fontSize: 14, fontColor: COLORS.title },
  subtitle: { italic: true, fontColor: COLORS.muted, wrap: true, vertical: "top" },
  unit: { bold: true, fontSize: 12, fontColor: COLORS.headerFont, fill: COLORS.headerFill, vertical: "middle" },
  section: { bold: true, fontColor: COLORS.title, border: "thin-bottom" },
  prose: { wrap: true, vertical: "top" },
  proseBold: { wrap: true, vertical: "top", bold: true },
  th: { bold: true, fill: COLORS.tableHeaderFill, border: "thin", wrap: true, horizontal: "center", vertical: "middle" },
  code: { border: "thin", vertical: "top", horizontal: "left" },
  name: { border: "thin", vertical: "top", wrap: true },
  num: { border: "thin", vertical: "top", numFmt: NUM },
  pct: { border: "thin", vertical: "top", numFmt: PCT },
  rank: { border: "thin", vertical: "top", horizontal: "center" },
  link: { border: "thin", vertical: "top", fontColor: COLORS.link },
  areaCode: { border: "thin", vertical: "top", bold: true, fill: COLORS.areaFill, horizontal: "left" },
  areaName: { border: "thin", vertical: "top", bold: true, fill: COLORS.areaFill, wrap: true },
  areaNum: { border: "thin", vertical: "top", bold: true, fill: COLORS.areaFill, numFmt: NUM },
  areaPct: { border: "thin", vertical: "top", bold: true, fill: COLORS.areaFill, numFmt: PCT },
  areaRank: { border: "thin", vertical: "top", bold: true, fill: COLORS.areaFill, horizontal: "center" },
  areaLink: { border: "thin", vertical: "top", fill: COLORS.areaFill, fontColor: COLORS.link },
  totalName: { border: "thin", bold: true, fill: COLORS.totalFill, wrap: true },
  totalNum: { border: "thin", bold: true, fill: COLORS.totalFill, numFmt: NUM },
  totalPct: { border: "thin", bold: true, fill: COLORS.totalFill, numFmt: PCT },
  totalRank: { border: "thin", bold: true, fill: COLORS.totalFill, horizontal: "center" },
  totalLink: { border: "thin", fill: COLORS.totalFill, fontColor: COLORS.link },
  sevError: { border: "thin", vertical: "top", bold: true, fill: COLORS.belowMaxFill, fontColor: COLORS.belowMaxFont },
  sevWarning: { border: "thin", vertical: "top", bold: true, fill: COLORS.appraisalFill, fontColor: COLORS.appraisalFont },
  sevInfo: { border: "thin", vertical: "top", fill: COLORS.totalFill },
  findingText: { border: "thin", vertical: "top", wrap: true },
  note: { italic: true, fontColor: COLORS.muted },
  // Points of a column the table publishes with 3-6 decimals (0,651): shown, and ranked, at that precision.
  ...Object.fromEntries(
    [3, 4, 5, 6].flatMap((d) => [
      [`num${d}`, { border: "thin", vertical: "top", numFmt: `0.${"0".repeat(d)}` }],
      [`totalNum${d}`, { border: "thin", bold: true, fill: COLORS.totalFill, numFmt: `0.${"0".repeat(d)}` }],
    ]),
  ),
};

/** The style of points shown with `decimals` places: "num" (2 decimals), or "num3".."num6". */
export function pointsStyle(base: "num" | "totalNum", decimals = 2): string {
  return decimals > 2 ? `${base}${Math.min(decimals, 6)}` : base;
}

export const SEVERITY_STYLE: Record<Severity, string> = { error: "sevError", warning: "sevWarning", info: "sevInfo" };

export const L = {
  gapSheet: { vi: "Phân tích điểm trừ", en: "Gap analysis" },
  rankSheet: { vi: "Xếp hạng", en: "Ranking" },
  respSheet: { vi: "Trách nhiệm", en: "Responsibility" },
  respTitle: { vi: "ĐIỂM BỊ TRỪ THEO CƠ QUAN CHỊU TRÁCH NHIỆM", en: "POINTS LOST BY RESPONSIBLE BODY" },
  respTotal: {
    vi: (lost: string, bodies: number) => `Tổng điểm bị trừ: ${lost.replace(".", ",")}; ${bodies} cơ quan được phân công khắc phục (cơ quan bị trừ nhiều trước).`,
    en: (lost: string, bodies: number) => `Points lost in total: ${lost}; ${bodies} bodies assigned to win them back (largest loss first).`,
  },
  respCriteria: { vi: (n: number) => `${n} tiêu chí`, en: (n: number) => (n === 1 ? "1 criterion" : `${n} criteria`) },
  notAssigned: { vi: "Chưa phân công", en: "Not assigned" },
  gapTitle: { vi: "PHÂN TÍCH ĐIỂM BỊ TRỪ", en: "GAP ANALYSIS: POINTS LOST" },
  rankTitle: { vi: "XẾP HẠNG", en: "RANKING" },
  source: { vi: "Bảng nguồn", en: "Source table" },
  generated: {
    vi: "Trang do ParScore tạo; chạy lại sẽ ghi đè trang này. Bấm vào địa chỉ ô nguồn để tới ô đó.",
    en: "Sheet written by ParScore; a re-run replaces it. Click a source cell address to go to that cell.",
  },
  code: { vi: "Mã", en: "Code" },
  area: { vi: "Lĩnh vực", en: "Area" },
  criterion: { vi: "Tiêu chí", en: "Criterion" },
  max: { vi: "Điểm tối đa", en: "Max" },
  achieved: { vi: "Điểm đạt", en: "Achieved" },
  lost: { vi: "Bị trừ", en: "Lost" },
  lostPct: { vi: "% bị trừ", en: "% lost" },
  rank: { vi: "Xếp hạng", en: "Rank" },
  rankShort: { vi: "Hạng", en: "Rank" },
  sourceCell: { vi: "Ô nguồn", en: "Source cell" },
  self: { vi: "Tự đánh giá", en: "Self-assessed" },
  appraisalCut: { vi: "Thẩm định trừ", en: "Cut at appraisal" },
  total: { vi: "Tổng cộng", en: "Total" },
  byArea: { vi: "Kết quả theo lĩnh vực", en: "Results by area" },
  comments: { vi: "Nhận xét", en: "Summary" },
  changes: { vi: "So với kỳ trước", en: "Against the previous period" },
  climb: { vi: "Để lên một bậc", en: "What it takes to climb one place" },
  components: { vi: "Các chỉ số thành phần", en: "Component indices" },
  details: { vi: "Các tiêu chí bị trừ điểm (theo lĩnh vực, bị trừ nhiều trước)", en: "Criteria that lost points (by area, largest first)" },
  areasLeftOut: {
    vi: (roots: number, limit: number) =>
      `Bảng có ${roots} tiêu chí cấp cao nhất (nhiều hơn ${limit}): trang này chỉ xếp hạng theo tổng điểm; điểm và hạng từng tiêu chí có trong tệp JSON (--json) và bảng nguồn.`,
    en: (roots: number, limit: number) =>
      `The table has ${roots} top-level criteria (more than ${limit}): this sheet ranks totals only; points and ranks per criterion are in the JSON output (--json) and the source table.`,
  },
  liveNote: {
    vi: "Điểm, điểm bị trừ và xếp hạng là công thức tính từ các ô của bảng nguồn: sửa một điểm ở bảng nguồn thì các số này tự cập nhật (cả khi mở bằng Excel hay LibreOffice không có ParScore). Các câu nhận xét là kết quả tại thời điểm phân tích.",
    en: "Points, points lost and ranks are formulas on the source table's cells: correct a score there and they update (in Excel or LibreOffice, without ParScore). The sentences are as of the analysis.",
  },
  frozenNote: {
    vi: (cells: string) => `Các ô sau ghi điểm kèm chữ (như "8,75 điểm") hoặc dưới dạng phần trăm nên công thức dùng giá trị đã đọc (không tự cập nhật khi sửa): ${cells}. Nhập lại thành số để công thức theo dõi được.`,
    en: (cells: string) => `These cells hold points with words (like "8,75 điểm") or as a percentage, so the formulas copy the value read (it does not update when edited): ${cells}. Retype them as numbers for the formulas to follow them.`,
  },
  overview: { vi: "Tổng quan các đơn vị (kỳ mới nhất)", en: "All units at a glance (latest period)" },
  largestLosses: { vi: "Bị trừ nhiều nhất", en: "Largest losses" },
  detailsLimited: {
    vi: (units: number, limit: number, shown: number) =>
      `Bảng có ${units} đơn vị: phân tích chi tiết từng đơn vị chỉ lập tự động khi có tối đa ${limit} đơn vị (${shown} đơn vị được chọn bên dưới). Chọn đơn vị cần phân tích chi tiết (dòng lệnh: --unit "Tên đơn vị").`,
    en: (units: number, limit: number, shown: number) =>
      `The table has ${units} units: a detailed block per unit is written automatically for up to ${limit} units (${shown} chosen below). Choose the units to detail (command line: --unit "Unit name").`,
  },
  noLoss: { vi: "Không có tiêu chí nào bị trừ điểm.", en: "No criterion lost points." },
  findings: { vi: "Phát hiện khi đọc và tính điểm", en: "Findings while reading and scoring" },
  noFindings: { vi: "Không có phát hiện nào.", en: "No findings." },
  severity: { vi: "Mức độ", en: "Severity" },
  message: { vi: "Nội dung", en: "Message" },
  cell: { vi: "Ô", en: "Cell" },
  unit: { vi: "Đơn vị", en: "Unit" },
  sourceRow: { vi: "Dòng nguồn", en: "Source row" },
  period: { vi: "Kỳ", en: "Period" },
  year: { vi: "Năm", en: "Year" },
  percent: { vi: "Chỉ số (%)", en: "Index (%)" },
  klass: { vi: "Xếp loại / nhóm", en: "Class / group" },
  pointsDelta: { vi: "Tăng/giảm điểm", en: "Points change" },
  rankDelta: { vi: "Tăng/giảm bậc", en: "Places change" },
  change: { vi: "Thay đổi", en: "Change" },
  points: { vi: "Điểm", en: "Points" },
  notRanked: { vi: "không xếp hạng", en: "not ranked" },
  chartTitle: { vi: "Điểm bị trừ theo lĩnh vực", en: "Points lost per area" },
  chartPointsVsMax: { vi: "Điểm đạt và điểm tối đa theo lĩnh vực", en: "Points achieved and maximum per area" },
  chartDistribution: { vi: "Tổng điểm các đơn vị (theo thứ hạng)", en: "Total points of every unit (by rank)" },
  chartHistogram: { vi: "Phân bố tổng điểm các đơn vị", en: "Distribution of total points" },
  chartRankChange: { vi: "Tăng/giảm bậc so với kỳ trước", en: "Places gained or lost since the previous period" },
  chartData: { vi: "Dữ liệu biểu đồ", en: "Chart data" },
  chartUnitsByRank: { vi: "Đơn vị (theo hạng)", en: "Unit (by rank)" },
  chartBand: { vi: "Khoảng tổng điểm", en: "Band of totals" },
  chartUnitCount: { vi: "Số đơn vị", en: "Units" },
  chartPlaces: { vi: "Bậc", en: "Places" },
  charts: { vi: "Biểu đồ", en: "Charts" },
  severityNames: {
    vi: { error: "Lỗi", warning: "Cảnh báo", info: "Thông tin" },
    en: { error: "Error", warning: "Warning", info: "Info" },
  },
  layouts: {
    vi: {
      "self-assessment": "bảng tự đánh giá của một đơn vị",
      "unit-across-years": "một đơn vị qua các năm",
      "units-in-rows": "nhiều đơn vị, mỗi đơn vị một dòng",
      "units-in-columns": "nhiều đơn vị, mỗi đơn vị một cột",
    } as Record<string, string>,
    en: {
      "self-assessment": "self-assessment table, one unit",
      "unit-across-years": "one unit across years",
      "units-in-rows": "many units, one per row",
      "units-in-columns": "many units, one per column",
    } as Record<string, string>,
  },
} satisfies Record<string, Record<Lang, unknown>>;

export function periodLabel(period: string, lang: Lang): string {
  if (!period) return "";
  return /^\d{4}$/.test(period) ? `${L.year[lang]} ${period}` : period;
}
