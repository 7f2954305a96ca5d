/**
 * Excel's limit on a cell's text (32,767 characters), applied by every reader (.xlsx, CSV/TSV): a
 * longer text is cut there with a `text-too-long` finding, so nothing a file holds reaches the
 * analysis, the messages or the JSON longer than a cell Excel itself could hold.
 */
import type { Finding } from "../engine/types";

export const MAX_CELL_TEXT = 32_767;

/** The text cut at MAX_CELL_TEXT (never between the two halves of a surrogate pair); `cut` when it was. */
export function capCellText(text: string): { text: string; cut: boolean } {
  if (text.length <= MAX_CELL_TEXT) return { text, cut: false };
  const end = /[\ud800-\udbff]/.test(text[MAX_CELL_TEXT - 1]) ? MAX_CELL_TEXT - 1 : MAX_CELL_TEXT;
  return { text: text.slice(0, end), cut: true };
}

export function textTooLongFinding(sheet: string, cell: string): Finding {
  return {
    kind: "text-too-long",
    severity: "warning",
    location: { sheet, cell },
    message: {
      vi: `Ô ${cell} chứa hơn 32.767 ký tự, giới hạn một ô của Excel; ParScore chỉ đọc 32.767 ký tự đầu.`,
      en: `Cell ${cell} holds more than 32,767 characters, Excel's limit for a cell; ParScore reads the first 32,767.`,
    },
  };
}
