/**
 * Text folding for matching headers and titles: case, diacritics, NFC/NFD,
 * punctuation and common abbreviations do not matter.
 */

/** "Điểm  Tối đa (điểm)" -> "diem toi da diem". Keeps "%" as a token. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/%/g, " % ")
    .replace(/[^a-z0-9%]+/g, " ")
    .trim();
}

/** Abbreviations seen in PAR tables, folded form -> folded expansion. */
const ABBREVIATIONS: Array<[string, string]> = [
  ["cchc", "cai cach hanh chinh"],
  ["tthc", "thu tuc hanh chinh"],
  ["vbqppl", "van ban quy pham phap luat"],
  ["qppl", "quy pham phap luat"],
  ["cbccvc", "can bo cong chuc vien chuc"],
  ["cbcc", "can bo cong chuc"],
  ["ccvc", "cong chuc vien chuc"],
  ["kt xh", "kinh te xa hoi"],
  ["ktxh", "kinh te xa hoi"],
  ["pt", "phat trien"],
  ["ld", "lanh dao"],
  ["lđ", "lanh dao"],
  ["ql", "quan ly"],
  ["ubnd", "uy ban nhan dan"],
  ["hdnd", "hoi dong nhan dan"],
  ["tctp", "tieu chi thanh phan"],
  ["hc", "hanh chinh"],
];

/** fold() plus abbreviation expansion, for comparing titles. */
export function foldTitle(text: string): string {
  let folded = ` ${fold(text)} `;
  for (const [short, long] of ABBREVIATIONS) folded = folded.split(` ${short} `).join(` ${long} `);
  return folded.replace(/\s+/g, " ").trim();
}

/** True when `folded` is `phrase` or starts with it as whole words. */
export function startsWithPhrase(folded: string, phrase: string): boolean {
  return folded === phrase || folded.startsWith(`${phrase} `);
}

/** Similarity of two titles in [0, 1]: shared words over the shorter title's words. */
export function titleSimilarity(a: string, b: string): number {
  const wa = foldTitle(a).split(" ").filter(Boolean);
  const wb = foldTitle(b).split(" ").filter(Boolean);
  if (wa.length === 0 || wb.length === 0) return 0;
  if (wa.join(" ") === wb.join(" ")) return 1;
  const setB = new Set(wb);
  const shared = new Set(wa.filter((w) => setB.has(w))).size;
  const union = new Set([...wa, ...wb]).size;
  return shared / union;
}

/** A slug for codes of rows that have none: "Chỉ số SIPAS" -> "chi-so-sipas". */
export function slug(text: string): string {
  return fold(text).replace(/%/g, "pct").replace(/\s+/g, "-");
}

const PLAIN_ASCII = /^(?:[\x21-\x7e]+(?: [\x21-\x7e]+)*)?$/;

/** NFC, non-breaking spaces to spaces, collapsed whitespace. */
export function cleanText(text: string): string {
  // Printable ASCII without doubled or edge spaces is already clean (most cells of a big table).
  if (PLAIN_ASCII.test(text)) return text;
  return text.normalize("NFC").replace(/[\u00a0\u2007\u202f]/g, " ").replace(/\s+/g, " ").trim();
}
