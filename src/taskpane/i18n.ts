/**
 * Task pane strings. Vietnamese is the default; English is the switch.
 * Every key must exist in both languages (the type enforces it).
 * Placeholders are written {name} and filled by `fmt`.
 */
export type Lang = "vi" | "en";

export const LANGS: readonly Lang[] = ["vi", "en"];

const vi = {
  productName: "ParScore — Chỉ số CCHC",
  description:
    "Phân tích bảng điểm Chỉ số cải cách hành chính (PAR Index): điểm bị trừ theo từng tiêu chí, xếp hạng và thay đổi so với kỳ trước, ngay trong bảng tính.",
  languageLabel: "Ngôn ngữ",
  langVi: "Tiếng Việt",
  langEn: "English",
  analyze: "Phân tích bảng điểm",
  hostDetecting: "Đang kết nối với Excel…",
  hostAbsent:
    "Chưa chạy trong Excel: hãy mở ParScore từ nút trên thẻ Trang đầu (Home) của Excel để phân tích bảng điểm.",

  // Step 1: where the table is
  step1: "1. Chọn bảng điểm",
  sourceLabel: "Bảng điểm ở đâu?",
  sourceSheet: "Tự tìm trên trang đang mở",
  sourceSelection: "Dùng vùng đang chọn",
  sourceHint: "Nếu trang có nhiều bảng hoặc ghi chú xung quanh, hãy chọn đúng vùng bảng điểm (kể cả dòng tiêu đề cột).",
  sourceConsolidate: "Gộp các trang đơn vị",
  consolidateHint:
    "Mỗi trang là bảng tự đánh giá của một đơn vị (cùng bộ tiêu chí). ParScore gộp các trang đã chọn thành một bảng nhiều đơn vị để xếp hạng.",
  consolidateSheetsLabel: "Các trang cần gộp",
  consolidateSheetsLoading: "Đang lấy danh sách trang…",
  consolidateParScoreSheet: "(trang của ParScore)",
  consolidateNoneChosen: "Hãy chọn ít nhất một trang.",
  consolidateButton: "Gộp và phân tích",

  // Progress
  stageLoading: "Đang chuẩn bị…",
  stageReading: "Đang đọc bảng tính…",
  stageReadingResponsibility: "Đang đọc bảng phân công…",
  stageRecognising: "Đang nhận dạng bảng…",
  stageAnalysing: "Đang tính điểm bị trừ và xếp hạng…",
  stagePlanning: "Đang lập các trang kết quả…",
  stageWriting: "Đang ghi vào sổ tính…",
  stageWritingCount: "Đang ghi vào sổ tính ({done}/{total})…",
  stageRemoving: "Đang gỡ tô màu…",
  stageCancelling: "Đang huỷ…",
  stageBuilding: "Đang tạo sổ riêng cho từng đơn vị…",
  stageBuildingCount: "Đang tạo sổ đơn vị ({done}/{total})…",
  unitBooksHeading: "Sổ riêng cho từng đơn vị",
  unitBooksHint:
    "Mỗi sổ chỉ có các dòng của đơn vị đó, phân tích điểm bị trừ và vị trí xếp hạng (chỉ tổng điểm của các đơn vị khác), như lệnh parscore split.",
  unitBooksUnitLabel: "Tạo sổ cho",
  unitBooksAll: "Tất cả các đơn vị ({n})",
  unitBooksButton: "Tạo sổ riêng cho từng đơn vị",
  unitBooksMade: "Đã tạo {n}/{total} sổ đơn vị.",
  unitBooksOpened: "Sổ đã mở trong một cửa sổ Excel mới: hãy lưu sổ (Tệp > Lưu).",
  unitBooksDownloaded: "Đã tải xuống tệp “{file}” (xem thư mục Tải xuống).",
  unitBooksNotDelivered:
    "Excel này không mở được sổ mới (cần ExcelApi 1.8) và không cho tải tệp xuống: hãy dùng Excel trên web hoặc Microsoft 365, hoặc lệnh parscore split trên máy tính.",
  unitBooksFailed: "Không tạo được {n} sổ:",
  unitBooksErrors: "{unit}: {n} lỗi dữ liệu (ghi trong trang phân tích của sổ)",
  progressLabel: "Tiến độ",
  cancel: "Huỷ",

  // Step 2: what was recognised, what to write
  step2: "2. Đã nhận dạng",
  readFrom: "Đã đọc vùng {address}.",
  tablesFound: "Tìm thấy {n} bảng điểm.",
  readSheets: "Đã đọc {n} trang.",
  consolidationTitle: "Gộp các trang đơn vị",
  consolidationCounts: "{read} bảng đơn vị: {ranked} xếp hạng, {notRanked} không xếp hạng, {leftOut} không đưa vào bảng tổng hợp.",
  consolidationReference: "Bộ tiêu chí chung: {criteria} mục ({leaves} mục lá), dùng ở {sharedBy} đơn vị; cây tiêu chí lấy từ “{unit}”.",
  consolidatedUnitsTitle: "Các đơn vị ({n})",
  unitFromSheet: "trang “{sheet}”",
  unitStatusRanked: "Xếp hạng",
  unitStatusNotRanked: "Không xếp hạng",
  unitStatusLeftOut: "Không đưa vào",
  tableHeading: "Bảng {i}",
  layoutLabel: "Dạng bảng",
  rangeLabel: "Vùng",
  unitsLabel: "Số đơn vị",
  criteriaLabel: "Số tiêu chí",
  templateLabel: "Bộ tiêu chí mẫu",
  layoutSelfAssessment: "Bảng tự đánh giá của một đơn vị",
  layoutUnitAcrossYears: "Một đơn vị qua các năm",
  layoutUnitsInRows: "Nhiều đơn vị, mỗi đơn vị một dòng",
  layoutUnitsInColumns: "Nhiều đơn vị, mỗi đơn vị một cột",
  findingsTitle: "Phát hiện ({n})",
  findingsNone: "Không có phát hiện nào: bảng đọc được trọn vẹn.",
  otherFindingsTitle: "Phát hiện khác ({n})",
  severityError: "Lỗi",
  severityWarning: "Cảnh báo",
  severityInfo: "Thông tin",
  goToCell: "Chọn ô {cell} trong sổ tính",
  cellLink: "{cell}: chọn ô này trong sổ tính",
  showAll: "Xem tất cả ({n})",
  showMore: "Xem thêm {n} (trong {total})",
  showFewer: "Thu gọn",
  outputsTitle: "3. Ghi gì vào sổ tính?",
  outputGap: "Trang phân tích điểm bị trừ",
  outputRanking: "Trang xếp hạng (khi bảng có nhiều đơn vị)",
  outputHighlights: "Tô màu các ô bị trừ điểm trên bảng gốc",
  outputFormulas: "Ghi điểm và xếp hạng bằng công thức (tự cập nhật khi sửa điểm ở bảng gốc)",
  outputsNone: "Hãy chọn ít nhất một mục để ghi.",
  outputsNote: "Các trang của ParScore được thay mới mỗi lần chạy; các trang của bạn giữ nguyên.",
  choicesTitle: "Tuỳ chọn phân tích",
  classSchemeLabel: "Xếp loại đơn vị",
  classSchemeNone: "Không xếp loại",
  classSchemeHint: "Ngưỡng xếp loại là ví dụ; tỉnh của bạn có thể quy định khác.",
  targetRankLabel: "Hạng phấn đấu",
  targetRankHint: "Ví dụ 3: ParScore cho biết cần thêm bao nhiêu điểm để lên hạng 3 và lấy lại điểm bị trừ ở đâu. Để trống nếu không cần. Bảng chia khối thì tính hạng trong khối.",
  targetRankInvalid: "Hãy nhập một hạng: 1, 2, 3 và cứ thế.",
  targetValueLabel: "Tổng điểm của đơn vị đang giữ hạng đó",
  targetValueHint: "Bảng chỉ có một đơn vị nên không biết hạng đó cần bao nhiêu điểm: nhập tổng điểm đã công bố của đơn vị đang giữ hạng ấy (ví dụ 85,5).",
  targetValueInvalid: "Hãy nhập số điểm, ví dụ 85,5",
  responsibilityLabel: "Phân tích theo đơn vị chịu trách nhiệm",
  responsibilitySheetLabel: "Trang có bảng phân công",
  responsibilityHint: "Bảng có cột “Mã tiêu chí” và “Cơ quan chủ trì” (có thể thêm cột “Mức độ khó”).",
  responsibilityNoSheet: "Sổ tính không có trang nào khác để đọc bảng phân công.",
  criteriaSheetLabel: "Dùng trang này làm bộ tiêu chí",
  criteriaSheetSelect: "Trang có bộ tiêu chí",
  criteriaSheetHint: "Bảng có cột “Mã”, “Tiêu chí” và “Điểm tối đa” (có thể thêm “Trọng số”, “Mức độ khó”, “Cơ quan chủ trì”): điểm tối đa bảng điểm thiếu được lấy từ đây.",
  write: "Ghi kết quả vào sổ tính",
  writeBlocked: "Chưa ghi được: hãy sửa ô báo lỗi ở trên.",
  startOver: "Chọn bảng khác",

  // Summary
  summaryTitle: "Kết quả",
  writtenSheets: "Đã ghi các trang: {sheets}.",
  writtenNoSheets: "Không ghi trang mới nào.",
  writtenHighlights: "Đã tô màu {n} vùng trên bảng gốc.",
  writtenCharts: "Đã vẽ {n} biểu đồ.",
  writtenLinksLeftOut: "Không ghi {n} liên kết tới ô nguồn (một trang có hơn {max} liên kết thì không ghi liên kết nào): tên đơn vị vẫn được ghi, dạng chữ.",
  unitLabel: "Đơn vị",
  periodLabel: "Kỳ đánh giá",
  percentLabel: "Tỷ lệ đạt",
  lostLabel: "Bị trừ",
  rankLabel: "Xếp hạng",
  rankOf: "{rank}/{of}",
  notRanked: "chưa xếp hạng",
  changeLabel: "So với kỳ trước",
  groupLabel: "Xếp loại",
  blockLabel: "Khối",
  targetLabel: "Mục tiêu",
  responsibilityCriteria: "tiêu chí {codes}",
  responsibilityTitle: "Điểm bị trừ theo đơn vị chịu trách nhiệm",
  notAssigned: "Chưa phân công",
  noPoints: "chưa có điểm",
  ofMaxPoints: "/{max} điểm",
  pointsUnit: "điểm",
  ranksTitle: "Xếp hạng các đơn vị",
  summaryLeftOut: "Không đưa vào bảng tổng hợp (khác bộ tiêu chí): {units}.",
  summaryNotRanked: "Trong bảng tổng hợp nhưng không xếp hạng: {units}.",
  deductionsTitle: "Bị trừ nhiều nhất",
  climbLabel: "Lên một hạng",
  deductionsNone: "Không bị trừ điểm ở tiêu chí nào.",
  criterionLevel1: "Lĩnh vực {code}",
  criterionLevel2: "Tiêu chí {code}",
  criterionLevel3: "Tiêu chí thành phần {code}",
  lostPoints: "−{points}",
  deductionLink: "{shown}: bị trừ {points} điểm; chọn ô {cell} trong sổ tính",
  removeHighlights: "Gỡ tô màu trên bảng gốc",
  highlightsRemoved: "Đã gỡ {n} quy tắc tô màu của ParScore.",
  highlightsNoneToRemove: "Không còn quy tắc tô màu nào của ParScore để gỡ.",
  dismiss: "Đóng",

  // Errors
  errorTitle: "Chưa làm được",
  errorProtected:
    "Trang tính hoặc sổ tính đang được bảo vệ nên ParScore không ghi được. Hãy bỏ bảo vệ (Xem lại > Bỏ bảo vệ trang tính) rồi chạy lại.",
  errorNothingSelected: "Chưa chọn vùng nào. Hãy chọn các ô của bảng điểm (kể cả dòng tiêu đề cột) rồi thử lại.",
  errorNoTable: "Không tìm thấy bảng cần đọc. Hãy mở trang có bảng điểm hoặc chọn vùng bảng điểm rồi thử lại.",
  errorTooLarge: "Vùng quá lớn để đọc. Hãy chọn đúng vùng bảng điểm rồi chọn “Dùng vùng đang chọn”.",
  errorTooLargeCells:
    "Vùng {address} có {cells} ô, vượt giới hạn {limit} ô của ngăn tác vụ. Hãy chọn một vùng nhỏ hơn (chỉ bảng điểm) rồi chọn “Dùng vùng đang chọn”, hoặc dùng lệnh parscore trên máy tính cho bảng lớn hơn: parscore analyze bang-diem.xlsx",
  errorTooLargeSheets:
    "{sheets} trang đã chọn có tổng cộng {cells} ô, vượt giới hạn {limit} ô của ngăn tác vụ (trang lớn nhất: {address}). Hãy bỏ chọn bớt trang và gộp theo từng nhóm đơn vị, hoặc dùng lệnh parscore trên máy tính: parscore consolidate so-tong-hop.xlsx -o tong-hop.xlsx",
  errorApiMissing:
    "Phiên bản Excel này chưa có bộ API mà ParScore cần (ExcelApi {version}). Hãy cập nhật Microsoft 365 hoặc dùng Excel trên web.",
  errorCancelled: "Đã huỷ. Sổ tính không bị thay đổi.",
  errorNothingRecognised: "Không tìm thấy bảng điểm nào trong vùng {address}.",
  errorNothingRecognisedHelp:
    "Một bảng điểm cần một dòng tiêu đề cột, ví dụ một trong các dạng sau, và các dòng tiêu chí có mã (I, 1, 1.1, 1.1.1, a) kèm điểm số:",
  shapeSelf: "STT | Lĩnh vực/Tiêu chí | Điểm tối đa | Điểm tự đánh giá | Điểm thẩm định",
  shapeYears: "TT | Nội dung đánh giá | Năm 2018 (Điểm số, Xếp hạng) | Năm 2019 (Điểm số, Xếp hạng)",
  shapeRows: "STT | Tỉnh/Đơn vị | Lĩnh vực 1 … 8 | Tổng điểm | Xếp hạng",
  errorNothingRecognisedTry: "Nếu bảng nằm giữa các nội dung khác, hãy chọn đúng vùng bảng rồi dùng “Dùng vùng đang chọn”.",
  errorSelectCell: "Không chọn được ô {cell} trên trang “{sheet}”.",
  errorUnexpected: "Đã xảy ra lỗi không mong đợi:",
  errorRender: "Ngăn tác vụ gặp lỗi khi hiển thị. Hãy đóng rồi mở lại ParScore.",
} as const;

export type StringKey = keyof typeof vi;
export type Strings = Record<StringKey, string>;

const en: Strings = {
  productName: "ParScore — PAR Index",
  description:
    "Analyse Public Administration Reform (PAR Index) score tables: points lost per criterion, ranks and changes from the previous period, right in your workbook.",
  languageLabel: "Language",
  langVi: "Tiếng Việt",
  langEn: "English",
  analyze: "Analyze score table",
  hostDetecting: "Connecting to Excel…",
  hostAbsent: "Not running in Excel: open ParScore from its button on Excel's Home tab to analyze a score table.",

  step1: "1. Choose the score table",
  sourceLabel: "Where is the score table?",
  sourceSheet: "Find it on the active sheet",
  sourceSelection: "Use the selected range",
  sourceHint: "If the sheet holds several tables or notes around the table, select the score table itself (with its header row).",
  sourceConsolidate: "Consolidate the units' sheets",
  consolidateHint:
    "Each sheet holds one unit's self-assessment table (the same criteria). ParScore consolidates the chosen sheets into one table of all units and ranks them.",
  consolidateSheetsLabel: "Sheets to consolidate",
  consolidateSheetsLoading: "Listing the sheets…",
  consolidateParScoreSheet: "(ParScore's sheet)",
  consolidateNoneChosen: "Choose at least one sheet.",
  consolidateButton: "Consolidate and analyze",

  stageLoading: "Getting ready…",
  stageReading: "Reading the sheet…",
  stageReadingResponsibility: "Reading the responsibility table…",
  stageRecognising: "Recognising the table…",
  stageAnalysing: "Computing points lost and ranks…",
  stagePlanning: "Planning the result sheets…",
  stageWriting: "Writing to the workbook…",
  stageWritingCount: "Writing to the workbook ({done}/{total})…",
  stageRemoving: "Removing highlights…",
  stageCancelling: "Cancelling…",
  stageBuilding: "Making each unit's own workbook…",
  stageBuildingCount: "Making unit workbooks ({done}/{total})…",
  unitBooksHeading: "A workbook for each unit",
  unitBooksHint:
    "Each workbook holds only that unit's rows, its points-lost analysis and its place in the ranking (other units' totals only), as parscore split makes them.",
  unitBooksUnitLabel: "Make the workbook of",
  unitBooksAll: "All units ({n})",
  unitBooksButton: "Make each unit's own workbook",
  unitBooksMade: "Made {n} of {total} unit workbooks.",
  unitBooksOpened: "The workbook is open in a new Excel window: save it (File > Save).",
  unitBooksDownloaded: "Downloaded “{file}” (see your Downloads folder).",
  unitBooksNotDelivered:
    "This Excel cannot open a new workbook (it needs ExcelApi 1.8) and the pane cannot download files: use Excel on the web or Microsoft 365, or parscore split on a computer.",
  unitBooksFailed: "{n} workbook(s) could not be made:",
  unitBooksErrors: "{unit}: {n} data error(s) (listed on the workbook's gap sheet)",
  progressLabel: "Progress",
  cancel: "Cancel",

  step2: "2. Recognised",
  readFrom: "Read {address}.",
  tablesFound: "Found {n} score table(s).",
  readSheets: "Read {n} sheet(s).",
  consolidationTitle: "Units' sheets consolidated",
  consolidationCounts: "{read} unit table(s): {ranked} ranked, {notRanked} not ranked, {leftOut} left out of the consolidated table.",
  consolidationReference: "Common criteria set: {criteria} items ({leaves} leaves), used by {sharedBy} units; the tree is taken from “{unit}”.",
  consolidatedUnitsTitle: "Units ({n})",
  unitFromSheet: "sheet “{sheet}”",
  unitStatusRanked: "Ranked",
  unitStatusNotRanked: "Not ranked",
  unitStatusLeftOut: "Left out",
  tableHeading: "Table {i}",
  layoutLabel: "Layout",
  rangeLabel: "Range",
  unitsLabel: "Units",
  criteriaLabel: "Criteria",
  templateLabel: "Criteria template",
  layoutSelfAssessment: "Self-assessment table, one unit",
  layoutUnitAcrossYears: "One unit across years",
  layoutUnitsInRows: "Many units, one per row",
  layoutUnitsInColumns: "Many units, one per column",
  findingsTitle: "Findings ({n})",
  findingsNone: "No findings: the whole table was read.",
  otherFindingsTitle: "Other findings ({n})",
  severityError: "Error",
  severityWarning: "Warning",
  severityInfo: "Info",
  goToCell: "Select cell {cell} in the workbook",
  cellLink: "{cell}: select this cell in the workbook",
  showAll: "Show all ({n})",
  showMore: "Show {n} more (of {total})",
  showFewer: "Show fewer",
  outputsTitle: "3. What to write to the workbook?",
  outputGap: "Gap analysis sheet",
  outputRanking: "Ranking sheet (tables with several units)",
  outputHighlights: "Highlight lost points on the source table",
  outputFormulas: "Write points and ranks as formulas (they update when a score is corrected on the source table)",
  outputsNone: "Choose at least one thing to write.",
  outputsNote: "ParScore's sheets are replaced on every run; your own sheets are left as they are.",
  choicesTitle: "Analysis options",
  classSchemeLabel: "Rate units",
  classSchemeNone: "No rating",
  classSchemeHint: "The thresholds are examples; your province may set others.",
  targetRankLabel: "Target rank",
  targetRankHint: "For example 3: ParScore says how many more points it takes to reach rank 3 and where to win back lost points. Leave empty if not needed. In a table with blocks the rank is within the block.",
  targetRankInvalid: "Type a rank: 1, 2, 3 and so on.",
  targetValueLabel: "Total of the unit holding that rank now",
  targetValueHint: "The table has one unit, so it cannot tell what that rank takes: type the published total of the unit holding it now (e.g. 85.5).",
  targetValueInvalid: "Type points, e.g. 85.5",
  responsibilityLabel: "Analyse by responsible body",
  responsibilitySheetLabel: "Sheet with the responsibility table",
  responsibilityHint: "A table with a “Code” and a “Responsible body” column (an “Effort” column may be added).",
  criteriaSheetLabel: "Use this sheet as the criteria set",
  criteriaSheetSelect: "Sheet with the criteria set",
  criteriaSheetHint: "A table with “Code”, “Criterion” and “Max points” columns (“Weight”, “Effort”, “Responsible body” may be added): the maxima the score table lacks are taken from it.",
  responsibilityNoSheet: "The workbook has no other sheet to read a responsibility table from.",
  write: "Write results to the workbook",
  writeBlocked: "Fix the field marked above to write the results.",
  startOver: "Choose another table",

  summaryTitle: "Results",
  writtenSheets: "Wrote sheets: {sheets}.",
  writtenNoSheets: "No new sheets written.",
  writtenHighlights: "Highlighted {n} range(s) on the source table.",
  writtenCharts: "Drew {n} chart(s).",
  writtenLinksLeftOut: "Left out {n} link(s) to source cells (a sheet with more than {max} links gets none): the unit names are written as plain text.",
  unitLabel: "Unit",
  periodLabel: "Period",
  percentLabel: "Percent",
  lostLabel: "Lost",
  rankLabel: "Rank",
  rankOf: "{rank} of {of}",
  notRanked: "not ranked",
  changeLabel: "Change",
  groupLabel: "Class",
  blockLabel: "Block",
  targetLabel: "Target",
  responsibilityCriteria: "criteria {codes}",
  responsibilityTitle: "Lost points by responsible body",
  notAssigned: "Not assigned",
  noPoints: "no points",
  ofMaxPoints: "/{max} points",
  pointsUnit: "points",
  ranksTitle: "Ranking of units",
  summaryLeftOut: "Left out of the consolidated table (another criteria set): {units}.",
  summaryNotRanked: "In the consolidated table but not ranked: {units}.",
  deductionsTitle: "Largest deductions",
  climbLabel: "One rank up",
  deductionsNone: "No points lost on any criterion.",
  criterionLevel1: "Area {code}",
  criterionLevel2: "Criterion {code}",
  criterionLevel3: "Sub-criterion {code}",
  lostPoints: "−{points}",
  deductionLink: "{shown}: {points} points lost; select cell {cell} in the workbook",
  removeHighlights: "Remove highlights",
  highlightsRemoved: "Removed {n} ParScore highlight rule(s).",
  highlightsNoneToRemove: "No ParScore highlight rules left to remove.",
  dismiss: "Dismiss",

  errorTitle: "Could not do that",
  errorProtected:
    "The sheet or workbook is protected, so ParScore cannot write to it. Unprotect it (Review > Unprotect Sheet) and run again.",
  errorNothingSelected: "Nothing is selected. Select the score table's cells (with its header row) and try again.",
  errorNoTable: "The table to read was not found. Open the sheet with the score table, or select the table, and try again.",
  errorTooLarge: "The range is too large to read. Select the score table itself and choose “Use the selected range”.",
  errorTooLargeCells:
    "The range {address} has {cells} cells, over the task pane's limit of {limit} cells. Select a smaller range (just the score table) and choose “Use the selected range”, or use the parscore command line for larger tables: parscore analyze scores.xlsx",
  errorTooLargeSheets:
    "The {sheets} chosen sheets hold {cells} cells together, over the task pane's limit of {limit} cells (the largest: {address}). Untick some sheets and consolidate by group of units, or use the parscore command line: parscore consolidate book.xlsx -o consolidated.xlsx",
  errorApiMissing:
    "This version of Excel lacks the API set ParScore needs (ExcelApi {version}). Update Microsoft 365 or use Excel on the web.",
  errorCancelled: "Cancelled. The workbook was not changed.",
  errorNothingRecognised: "No score table found in {address}.",
  errorNothingRecognisedHelp:
    "A score table needs a header row, for example one of these, and criterion rows with codes (I, 1, 1.1, 1.1.1, a) and points:",
  shapeSelf: "No. | Area/Criterion | Max points | Self-assessed | Appraised",
  shapeYears: "No. | Criteria | 2018 (Score, Rank) | 2019 (Score, Rank)",
  shapeRows: "No. | Province/Unit | Area 1 … 8 | Total | Rank",
  errorNothingRecognisedTry: "If the table sits among other content, select the table itself and use “Use the selected range”.",
  errorSelectCell: "Could not select cell {cell} on sheet “{sheet}”.",
  errorUnexpected: "Unexpected error:",
  errorRender: "The task pane failed to display. Close ParScore and open it again.",
};

export const STRINGS: Record<Lang, Strings> = { vi, en };

export function strings(lang: Lang): Strings {
  return STRINGS[lang];
}

/** The language a set of strings is in. */
export function langOf(t: Strings): Lang {
  return t === STRINGS.en ? "en" : "vi";
}

/** Fills {name} placeholders; unknown placeholders are left as they are. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A whole number with the language's thousands separator: "1.230.000" in Vietnamese, "1,230,000" in English. */
export function count(n: number, lang: Lang): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === "vi" ? "." : ",");
}

/**
 * A decimal string with a dot ("83.06", "-0.5"), as the pipeline's JSON views give them, in the
 * language's notation: "83,06" in Vietnamese, "83.06" in English.
 */
export function points(value: string, lang: Lang): string {
  return lang === "vi" ? value.replace(".", ",") : value;
}
