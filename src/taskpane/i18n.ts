/**
 * Task pane strings. Vietnamese is the default; English is the switch.
 * Every key must exist in both languages (the type enforces it).
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
  hostReady: "Đã kết nối với Excel.",
  hostNotImplemented: "Chức năng phân tích trong Excel sẽ có ở phiên bản sau.",
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
  hostReady: "Connected to Excel.",
  hostNotImplemented: "Analysis inside Excel arrives in a later version.",
};

export const STRINGS: Record<Lang, Strings> = { vi, en };

export function strings(lang: Lang): Strings {
  return STRINGS[lang];
}
