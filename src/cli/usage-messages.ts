/**
 * commander's own usage errors and help headings in the run's language (issue 17 case 12).
 * commander writes its messages in English through `configureOutput({ outputError })` and titles
 * its help through `configureHelp({ styleTitle })`; these rewrite what passes through those hooks.
 * The patterns are commander 14's wording (lib/command.js); a message they do not know passes
 * through unchanged, so an upgrade that rewords one degrades to English, never to nothing.
 */
import type { Lang } from "../engine/types";

type Rewrite = [RegExp, (...groups: string[]) => string];

const VIETNAMESE_ERRORS: Rewrite[] = [
  [/^error: unknown option '([^']*)'/, (flag) => `lỗi: không có tuỳ chọn '${flag}'`],
  [/^error: unknown command '([^']*)'/, (name) => `lỗi: không có lệnh '${name}'`],
  [/^error: missing required argument '([^']*)'/, (name) => `lỗi: thiếu tham số bắt buộc '${name}'`],
  [/^error: option '([^']*)' argument missing/, (flags) => `lỗi: tuỳ chọn '${flags}' cần một giá trị`],
  [/^error: required option '([^']*)' not specified/, (flags) => `lỗi: thiếu tuỳ chọn bắt buộc '${flags}'`],
  [
    /^error: option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.*)\./,
    (flags, value, choices) => `lỗi: giá trị '${value}' của tuỳ chọn '${flags}' không hợp lệ. Các giá trị được phép: ${choices}.`,
  ],
  [/^error: option '([^']*)' argument '([^']*)' is invalid\./, (flags, value) => `lỗi: giá trị '${value}' của tuỳ chọn '${flags}' không hợp lệ.`],
  [
    /^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./,
    (name, expected, got) => `lỗi: quá nhiều tham số${name ? ` cho lệnh '${name}'` : ""}: cần ${expected}, nhận được ${got}.`,
  ],
  [/^\(Did you mean one of (.*)\?\)/, (names) => `(Có phải ý bạn là một trong: ${names}?)`],
  [/^\(Did you mean (.*)\?\)/, (name) => `(Có phải ý bạn là ${name}?)`],
  [/^error: (.*)/, (rest) => `lỗi: ${rest}`],
];

/** One of commander's error messages (possibly several lines) in the run's language. */
export function localiseUsageError(text: string, lang: Lang): string {
  if (lang === "en") return text;
  return text
    .split("\n")
    .map((line) => {
      for (const [pattern, rewrite] of VIETNAMESE_ERRORS) {
        const hit = pattern.exec(line);
        if (hit) return rewrite(...hit.slice(1).map((g) => g ?? "")) + line.slice(hit[0].length);
      }
      return line;
    })
    .join("\n");
}

const VIETNAMESE_TITLES: Record<string, string> = {
  "Usage:": "Cách dùng:",
  "Arguments:": "Tham số:",
  "Options:": "Tuỳ chọn:",
  "Commands:": "Lệnh:",
  "Global Options:": "Tuỳ chọn chung:",
};

/** A help heading ("Usage:", "Options:" ...) in the run's language. */
export function helpTitle(title: string, lang: Lang): string {
  return lang === "vi" ? (VIETNAMESE_TITLES[title] ?? title) : title;
}

/** What follows a usage error: where to find the command's options (the full help would bury the error). */
export function helpHint(command: string, lang: Lang): string {
  const call = command ? `parscore ${command} --help` : "parscore --help";
  return lang === "vi" ? `(Xem '${call}' để biết cách dùng.)` : `(See '${call}' for usage.)`;
}

export const HELP_OPTION_TEXT: Record<Lang, string> = {
  vi: "hiển thị trợ giúp cho lệnh",
  en: "display help for command",
};

export const HELP_COMMAND_TEXT: Record<Lang, string> = {
  vi: "hiển thị trợ giúp cho một lệnh",
  en: "display help for command",
};
