/**
 * A commune's self-assessment that gives no maxima, and a criteria sheet made by hand that does: with it,
 * max 12 + 18 = 30, total 4 + 7 + 8 + 6,25 = 25,25, lost 4,75 (test/taskpane/choices.test.ts, the pane's e2e).
 */
import type { Grid } from "../../src/tables/grid";

/** A commune's self-assessment without maxima, and a criteria sheet made by hand (12 + 18 = 30). */
export const scoresGrid = (): Grid => ({
  sheet: "Xã A",
  origin: { row: 0, col: 0 },
  values: [
    ["STT", "Nội dung", "Điểm tự đánh giá"],
    ["I", "Công tác chỉ đạo, điều hành", null],
    ["1", "Kế hoạch CCHC năm", 4],
    ["2", "Báo cáo CCHC định kỳ", 7],
    ["II", "Cải cách thủ tục hành chính", null],
    ["1", "Công khai thủ tục hành chính", 8],
    ["2", "Giải quyết hồ sơ đúng hạn", 6.25],
  ],
  merges: [],
});
export const ownCriteriaGrid = (): Grid => ({
  sheet: "Bộ tiêu chí",
  origin: { row: 0, col: 0 },
  values: [
    ["Mã", "Tiêu chí", "Điểm tối đa"],
    ["I", "Công tác chỉ đạo, điều hành", "12"],
    ["1", "Kế hoạch CCHC năm", "5"],
    ["2", "Báo cáo CCHC định kỳ", "7"],
    ["II", "Cải cách thủ tục hành chính", "18"],
    ["1", "Công khai thủ tục hành chính", "8,5"],
    ["2", "Giải quyết hồ sơ đúng hạn", "9,5"],
  ],
  merges: [],
});
