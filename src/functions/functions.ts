/**
 * ParScore's Excel custom functions: =PARSCORE.POINTS(...), =PARSCORE.TOTAL(...), ... (namespace
 * "PARSCORE" in manifest.xml). Each is a thin wrapper over the engine (core.ts does the reading).
 *
 * The JSDoc below is the functions' metadata: custom-functions-metadata-plugin (webpack.config.js)
 * generates functions.json from it at build time (Vietnamese), and adds the
 * `CustomFunctions.associate(id, function)` calls to this file's bundle. The English metadata
 * (functions.en.json, for Excel in English) comes from metadata.en.json; see metadata-locales.js.
 *
 * Runs in Excel's JavaScript-only custom-functions runtime (no DOM, no `window`) on Windows, and
 * in a hidden browser page (functions.html) on the web and on Mac. Nothing here touches either.
 *
 * Errors: #VALUE! (or #N/A where Excel's own functions give it) as CustomFunctions.Error with a
 * message, in the `lang` argument's language where a function has one, else in Excel's display
 * language when the runtime tells it, else in Vietnamese with the English after it.
 */
// First: the built-ins newer than ES2017 (flatMap, ...) that the engine uses, where the runtime lacks them.
import "../taskpane/builtins";
import type Decimal from "decimal.js";
import type { Lang } from "../engine/types";
import {
  FunctionError,
  changeText,
  classText,
  lost as lostOf,
  rankChangeText,
  rankLabelOf,
  rankOf,
  readLang,
  readPoints,
  toExcelNumber,
  total as totalOf,
} from "./core";

/** The part of Excel's CustomFunctions global this file uses (the runtime defines it). */
interface CustomFunctionsGlobal {
  Error: new (code: string, message?: string) => Error;
  ErrorCode: { invalidValue: string; notAvailable: string };
}
declare const CustomFunctions: CustomFunctionsGlobal | undefined;

/** Excel's display language when the runtime exposes it (office.js); undefined otherwise. */
function displayLang(): Lang | undefined {
  try {
    const language = typeof Office !== "undefined" && Office.context ? Office.context.displayLanguage : undefined;
    if (typeof language === "string" && language) return /^vi\b/i.test(language) ? "vi" : "en";
  } catch (_e) {
    // Office.context is not there in every custom-functions runtime.
  }
  return undefined;
}

/** The error Excel shows for a FunctionError (other exceptions are rethrown: Excel shows #VALUE!). */
export function excelError(e: FunctionError, lang?: Lang): Error {
  const language = lang ?? displayLang();
  const message = language ? e.text[language] : `${e.text.vi} (${e.text.en})`;
  if (typeof CustomFunctions !== "undefined" && CustomFunctions) {
    const code = e.code === "#N/A" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    return new CustomFunctions.Error(code, message);
  }
  return Object.assign(new Error(message), { code: e.code });
}

function run<T>(compute: () => T, lang?: Lang): T {
  try {
    return compute();
  } catch (e) {
    if (e instanceof FunctionError) throw excelError(e, lang);
    throw e;
  }
}

function num(compute: () => Decimal): number {
  return run(() => toExcelNumber(compute()));
}

/** The language a function with a `lang` argument answers in; an unknown language is #VALUE!. */
function langOf(lang: unknown): Lang {
  return run(() => readLang(lang));
}

/**
 * Đọc điểm như người ta vẫn gõ ("8,75", "8,75 điểm", "8.75" hoặc số 8,75) và trả về số chính xác.
 * @customfunction POINTS
 * @param text Điểm dạng chữ hoặc số, ví dụ "8,75 điểm". Dấu phẩy hay dấu chấm thập phân đều được.
 * @returns Số điểm.
 */
export function points(text: unknown): number {
  return num(() => readPoints(text));
}

/**
 * Cộng chính xác (không sai số làm tròn) các điểm trong một vùng: số và số dạng chữ; bỏ qua ô trống, "KAD", "N/A".
 * @customfunction TOTAL
 * @param range Vùng chứa điểm, ví dụ C5:C20.
 * @returns Tổng điểm.
 */
export function total(range: unknown[][]): number {
  return num(() => totalOf(range));
}

/**
 * Điểm bị trừ: điểm tối đa trừ điểm đạt, tính chính xác.
 * @customfunction LOST
 * @param max Điểm tối đa, ví dụ 8,5.
 * @param achieved Điểm đạt, ví dụ "8,00".
 * @returns Điểm bị trừ.
 */
export function lost(max: unknown, achieved: unknown): number {
  return num(() => lostOf(max, achieved));
}

/**
 * Vị thứ theo kiểu đồng hạng (1, 2, 2, 4): điểm cao nhất đứng thứ 1; các điểm bằng nhau sau khi làm tròn thì cùng vị thứ.
 * @customfunction RANK
 * @param value Điểm cần xếp hạng (phải có trong vùng giá trị).
 * @param values Vùng điểm của tất cả các đơn vị.
 * @param [rounding] Số chữ số thập phân dùng để xét đồng hạng (làm tròn lên từ 5). Bỏ trống là 2.
 * @returns Vị thứ.
 */
export function rank(value: unknown, values: unknown[][], rounding?: number): number {
  return run(() => rankOf(value, values, rounding).rank);
}

/**
 * Vị thứ kèm số đơn vị đồng hạng trong ngoặc, ví dụ "4(12)" là thứ 4, có 12 đơn vị cùng vị thứ; "4" khi không đồng hạng.
 * @customfunction RANKLABEL
 * @param value Điểm cần xếp hạng (phải có trong vùng giá trị).
 * @param values Vùng điểm của tất cả các đơn vị.
 * @param [rounding] Số chữ số thập phân dùng để xét đồng hạng (làm tròn lên từ 5). Bỏ trống là 2.
 * @returns Vị thứ, ví dụ "4(12)".
 */
export function rankLabel(value: unknown, values: unknown[][], rounding?: number): string {
  return run(() => rankLabelOf(value, values, rounding));
}

/**
 * Mô tả thay đổi điểm giữa hai kỳ, ví dụ "tăng 4,16 điểm", "giảm 0,5 điểm", "giữ nguyên số điểm".
 * @customfunction CHANGE
 * @param oldPoints Điểm kỳ trước, ví dụ 78,90.
 * @param newPoints Điểm kỳ này, ví dụ 83,06.
 * @param [lang] Ngôn ngữ: "vi" (mặc định) hoặc "en".
 * @returns Câu mô tả thay đổi.
 */
export function change(oldPoints: unknown, newPoints: unknown, lang?: string): string {
  const language = langOf(lang);
  return run(() => changeText(oldPoints, newPoints, language), language);
}

/**
 * Mô tả thay đổi vị thứ giữa hai kỳ, ví dụ từ 38 lên 4 là "tăng 34 bậc".
 * @customfunction RANKCHANGE
 * @param oldRank Vị thứ kỳ trước, ví dụ 38 hoặc "38(5)".
 * @param newRank Vị thứ kỳ này, ví dụ 4 hoặc "4(12)".
 * @param [lang] Ngôn ngữ: "vi" (mặc định) hoặc "en".
 * @returns Câu mô tả thay đổi vị thứ.
 */
export function rankChange(oldRank: unknown, newRank: unknown, lang?: string): string {
  const language = langOf(lang);
  return run(() => rankChangeText(oldRank, newRank, language), language);
}

/**
 * Xếp loại theo tỷ lệ điểm: tên của loại cao nhất có ngưỡng dưới không vượt quá tỷ lệ đó.
 * @customfunction CLASS
 * @param percent Tỷ lệ điểm đạt (%), ví dụ 86,5; cùng thang với các ngưỡng.
 * @param bands Vùng 2 cột: ngưỡng dưới (%) và tên loại, ví dụ 90 | Tốt, 80 | Khá; thứ tự hàng tùy ý.
 * @returns Tên loại.
 */
export function classOf(percent: unknown, bands: unknown[][]): string {
  return run(() => classText(percent, bands));
}
