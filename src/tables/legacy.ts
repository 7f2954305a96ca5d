/**
 * Legacy Vietnamese font encodings still found in old score tables.
 *
 * - TCVN3 (ABC, .VnTime fonts): one byte per letter. Excel stores the bytes as
 *   Windows-1252 / Latin-1 characters, so "Điểm" typed in .VnTime reads "§iÓm".
 *   Capitals with tone marks come from the ".VnTimeH" fonts, which reuse the
 *   lower-case code points: "§IÓM" is "ĐIỂM".
 * - VNI (VNI-Windows fonts): a base letter followed by one or two mark
 *   characters, so "Điểm" reads "Ñieåm".
 *
 * Detection is by plausibility: a string is converted only when it holds
 * characters Vietnamese Unicode never uses and the converted text is a better
 * Vietnamese text (fewer impossible characters, at most one tone per word).
 */

export type LegacyEncoding = "tcvn3" | "vni";

/** TCVN3 (ABC) byte -> Unicode. The 67 lower-case letters and the 7 capitals the .VnTime fonts carry. */
const TCVN3_PAIRS: Array<[number, string]> = [
  [0xb5, "à"], [0xb8, "á"], [0xb6, "ả"], [0xb7, "ã"], [0xb9, "ạ"],
  [0xa8, "ă"], [0xbb, "ằ"], [0xbe, "ắ"], [0xbc, "ẳ"], [0xbd, "ẵ"], [0xc6, "ặ"],
  [0xa9, "â"], [0xc7, "ầ"], [0xca, "ấ"], [0xc8, "ẩ"], [0xc9, "ẫ"], [0xcb, "ậ"],
  [0xae, "đ"],
  [0xcc, "è"], [0xd0, "é"], [0xce, "ẻ"], [0xcf, "ẽ"], [0xd1, "ẹ"],
  [0xaa, "ê"], [0xd2, "ề"], [0xd5, "ế"], [0xd3, "ể"], [0xd4, "ễ"], [0xd6, "ệ"],
  [0xd7, "ì"], [0xdd, "í"], [0xd8, "ỉ"], [0xdc, "ĩ"], [0xde, "ị"],
  [0xdf, "ò"], [0xe3, "ó"], [0xe1, "ỏ"], [0xe2, "õ"], [0xe4, "ọ"],
  [0xab, "ô"], [0xe5, "ồ"], [0xe8, "ố"], [0xe6, "ổ"], [0xe7, "ỗ"], [0xe9, "ộ"],
  [0xac, "ơ"], [0xea, "ờ"], [0xed, "ớ"], [0xeb, "ở"], [0xec, "ỡ"], [0xee, "ợ"],
  [0xef, "ù"], [0xf3, "ú"], [0xf1, "ủ"], [0xf2, "ũ"], [0xf4, "ụ"],
  [0xad, "ư"], [0xf5, "ừ"], [0xf8, "ứ"], [0xf6, "ử"], [0xf7, "ữ"], [0xf9, "ự"],
  [0xfa, "ỳ"], [0xfd, "ý"], [0xfb, "ỷ"], [0xfc, "ỹ"], [0xfe, "ỵ"],
  [0xa1, "Ă"], [0xa2, "Â"], [0xa7, "Đ"], [0xa3, "Ê"], [0xa4, "Ô"], [0xa5, "Ơ"], [0xa6, "Ư"],
];

export const TCVN3_TO_UNICODE: ReadonlyMap<string, string> = new Map(
  TCVN3_PAIRS.map(([code, uni]) => [String.fromCharCode(code), uni]),
);

/**
 * VNI-Windows: mark characters that follow a base vowel. Lower-case marks follow
 * lower-case letters; the capital forms (code - 0x20) follow capitals.
 * Keys are the mark as it appears after the letter; values are what it adds.
 */
type Tone = "" | "acute" | "grave" | "hook" | "tilde" | "dot";
type Shape = "" | "circumflex" | "breve";

/** Mark byte (lower-case form) -> [shape, tone]. */
const VNI_MARKS: Array<[number, Shape, Tone]> = [
  [0xf9, "", "acute"], [0xf8, "", "grave"], [0xfb, "", "hook"], [0xf5, "", "tilde"], [0xef, "", "dot"],
  [0xe2, "circumflex", ""], [0xe1, "circumflex", "acute"], [0xe0, "circumflex", "grave"],
  [0xe5, "circumflex", "hook"], [0xe3, "circumflex", "tilde"], [0xe4, "circumflex", "dot"],
  [0xea, "breve", ""], [0xe9, "breve", "acute"], [0xe8, "breve", "grave"],
  [0xfa, "breve", "hook"], [0xfc, "breve", "tilde"], [0xeb, "breve", "dot"],
];

/** Stand-alone VNI letters (lower-case byte; capitals are byte - 0x20). */
const VNI_SINGLE: Array<[number, string]> = [
  [0xf1, "đ"], [0xf4, "ơ"], [0xf6, "ư"],
  [0xec, "ì"], [0xed, "í"], [0xe6, "ỉ"], [0xf3, "ĩ"], [0xf2, "ị"], [0xee, "ỵ"],
];

const COMBINING_TONE: Record<Tone, string> = {
  "": "",
  acute: "\u0301",
  grave: "\u0300",
  hook: "\u0309",
  tilde: "\u0303",
  dot: "\u0323",
};
const COMBINING_SHAPE: Record<Shape, string> = { "": "", circumflex: "\u0302", breve: "\u0306" };

const VNI_MARK_MAP = new Map<string, { shape: Shape; tone: Tone }>();
for (const [code, shape, tone] of VNI_MARKS) {
  VNI_MARK_MAP.set(String.fromCharCode(code), { shape, tone });
  VNI_MARK_MAP.set(String.fromCharCode(code - 0x20), { shape, tone });
}
const VNI_SINGLE_MAP = new Map<string, string>();
for (const [code, uni] of VNI_SINGLE) {
  VNI_SINGLE_MAP.set(String.fromCharCode(code), uni);
  VNI_SINGLE_MAP.set(String.fromCharCode(code - 0x20), uni.toUpperCase());
}

/** The full VNI -> Unicode table (base + mark sequences and single letters), for reference and tests. */
export const VNI_TO_UNICODE: ReadonlyMap<string, string> = (() => {
  const table = new Map<string, string>(VNI_SINGLE_MAP);
  const bases = ["a", "e", "i", "o", "u", "y", "ơ", "ư", "A", "E", "I", "O", "U", "Y", "Ơ", "Ư"];
  for (const [mark, { shape, tone }] of VNI_MARK_MAP) {
    for (const base of bases) {
      const upper = base === base.toUpperCase();
      if (upper !== (mark === mark.toUpperCase())) continue;
      const composed = combine(base, shape, tone);
      if (composed) {
        const vniBase = base === "ơ" ? "ô" : base === "ư" ? "ö" : base === "Ơ" ? "Ô" : base === "Ư" ? "Ö" : base;
        table.set(vniBase + mark, composed);
      }
    }
  }
  return table;
})();

/** base letter + shape + tone -> one precomposed letter, or null when Vietnamese has no such letter. */
function combine(base: string, shape: Shape, tone: Tone): string | null {
  const lower = base.toLowerCase();
  if (shape === "circumflex" && !["a", "e", "o"].includes(lower)) return null;
  if (shape === "breve" && lower !== "a") return null;
  if ((lower === "ơ" || lower === "ư") && shape !== "") return null;
  const composed = (base + COMBINING_SHAPE[shape] + COMBINING_TONE[tone]).normalize("NFC");
  return composed.length === 1 ? composed : null;
}

export function tcvn3ToUnicode(text: string): string {
  let out = "";
  for (const ch of text) out += TCVN3_TO_UNICODE.get(ch) ?? ch;
  // .VnTimeH capitals reuse lower-case code points: upper-case words typed that way.
  const allAscii = text.replace(/[^A-Za-z]/g, "");
  const allUpper = allAscii.length >= 2 && allAscii === allAscii.toUpperCase();
  return out.replace(/[^\s,.;:()/\\\-–]+/gu, (word, offset: number) => {
    const source = text.slice(offset, offset + word.length);
    const asciiLetters = source.replace(/[^A-Za-z]/g, "");
    const upperWord = asciiLetters.length > 0 && asciiLetters === asciiLetters.toUpperCase();
    // "§IÓM" is upper-case; "Së" (Sở) is only capitalised, unless the whole text is upper-case.
    if (upperWord && (asciiLetters.length >= 2 || allUpper)) return word.toUpperCase();
    return word;
  });
}

const VNI_VOWEL = /[aeiouyAEIOUY]/;

export function vniToUnicode(text: string): string {
  const chars = Array.from(text);
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const next = chars[i + 1];
    // ô / ö (and capitals) are ơ / ư; they may carry a tone mark after them.
    let base: string | null = null;
    if (ch === "ô") base = "ơ";
    else if (ch === "Ô") base = "Ơ";
    else if (ch === "ö") base = "ư";
    else if (ch === "Ö") base = "Ư";
    else if (VNI_VOWEL.test(ch)) base = ch;
    if (base !== null && next !== undefined) {
      const mark = VNI_MARK_MAP.get(next);
      if (mark) {
        const composed = combine(base, mark.shape, mark.tone);
        if (composed) {
          out += composed;
          i++;
          continue;
        }
      }
    }
    if (base !== null && base !== ch) {
      out += base;
      continue;
    }
    out += VNI_SINGLE_MAP.get(ch) ?? ch;
  }
  return out;
}

const VIETNAMESE_LATIN1 = new Set(Array.from("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ"));
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * How unlike Vietnamese Unicode a text is: characters Vietnamese never uses
 * plus words carrying more than one tone. 0 = plausible.
 */
export function implausibility(text: string): number {
  let score = 0;
  const chars = Array.from(text);
  const isLetter = (ch: string | undefined) => ch !== undefined && (isCased(ch) || (ch >= "\u00a1" && ch <= "\u00ff"));
  chars.forEach((ch, i) => {
    const code = ch.codePointAt(0) ?? 0;
    // Only inside a word: a lone "×" or "°" is a symbol, not a letter in a legacy font.
    if (code >= 0xa1 && code <= 0xff && !VIETNAMESE_LATIN1.has(ch) && (isLetter(chars[i - 1]) || isLetter(chars[i + 1]))) score++;
  });
  for (const word of casedWords(text.normalize("NFD"))) {
    const tones = word.match(TONE_MARKS)?.length ?? 0;
    if (tones > 1) score += tones - 1;
    // "huyƯn": a capital after a small letter inside a word.
    if (capitalAfterSmall(word)) score++;
  }
  return score;
}

// Letter classes by case mapping rather than Unicode property escapes (\p{L}): those are ES2018
// regular expressions, a syntax error in EdgeHTML 18, which Excel 2016/2019 task panes use.

/** A letter that has an upper and a lower case (Latin, Vietnamese, Greek, Cyrillic). */
function isCased(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}

/** A combining diacritic (NFD Vietnamese puts its tones and hats here). */
function isMark(ch: string): boolean {
  return ch >= "\u0300" && ch <= "\u036f";
}

/** Runs of letters and their combining marks. */
function casedWords(text: string): string[] {
  const words: string[] = [];
  let word = "";
  for (const ch of text) {
    if (isCased(ch) || isMark(ch)) word += ch;
    else if (word) {
      words.push(word);
      word = "";
    }
  }
  if (word) words.push(word);
  return words;
}

/** A small letter followed (after its marks) by a capital. */
function capitalAfterSmall(word: string): boolean {
  let previousSmall = false;
  for (const ch of word) {
    if (isMark(ch)) continue;
    const cased = isCased(ch);
    if (previousSmall && cased && ch === ch.toUpperCase()) return true;
    previousSmall = cased && ch === ch.toLowerCase();
  }
  return false;
}

/** Characters that only appear in properly encoded Vietnamese (beyond Latin-1). */
const UNICODE_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9\u0300-\u0323]/;

export interface LegacyDetection {
  encoding: LegacyEncoding;
  text: string;
}

/** True when a text holds letters only properly encoded Vietnamese uses (ơ, ư, ạ, ...). */
export function hasUnicodeVietnamese(text: string): boolean {
  return UNICODE_VIETNAMESE.test(text);
}

/**
 * Detects TCVN3 or VNI text and returns its Unicode form; null when the text is already fine.
 * With a hint (the encoding the rest of the sheet is in), text that could be either
 * ("Néi dung" is TCVN3 for "Nội dung" but also valid Latin-1) is converted too,
 * as long as the result is plausible Vietnamese.
 */
export function detectLegacy(text: string, hint?: LegacyEncoding): LegacyDetection | null {
  // A legacy letter sits inside a word, next to a plain letter ("§iÓm", "Ñieåm").
  if (!/[A-Za-z][\u00a1-\u00ff]|[\u00a1-\u00ff][A-Za-z]/.test(text)) return null;
  if (UNICODE_VIETNAMESE.test(text)) return null;
  const original = implausibility(text);
  if (original === 0) {
    if (!hint) return null;
    const converted = hint === "tcvn3" ? tcvn3ToUnicode(text) : vniToUnicode(text);
    return converted !== text && implausibility(converted) === 0 ? { encoding: hint, text: converted } : null;
  }
  const candidates: LegacyDetection[] = [
    { encoding: "vni", text: vniToUnicode(text) },
    { encoding: "tcvn3", text: tcvn3ToUnicode(text) },
  ];
  // On a tie, the encoding the rest of the sheet uses.
  if (hint === "tcvn3") candidates.reverse();
  let best: LegacyDetection | null = null;
  let bestScore = original;
  for (const c of candidates) {
    const s = implausibility(c.text);
    if (s < bestScore) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}

/** Converts legacy-encoded text to Unicode (NFC); leaves other text as it is. */
export function toUnicode(text: string): string {
  return detectLegacy(text)?.text ?? text;
}
