/**
 * Blocks of units (khối): many-unit tables list departments and districts in blocks, either under
 * section rows ("I. KHỐI SỞ, BAN, NGÀNH", "II. UBND CẤP HUYỆN", "Khối huyện") or with a column
 * ("Khối", "Nhóm"). Provinces rank, and may rate, each block on its own.
 */
import { fold } from "./text";

/** Folded headers of a column naming each unit's block. */
const BLOCK_HEADERS = ["khoi", "khoi don vi", "khoi co quan", "nhom", "nhom don vi", "khoi nhom", "nhom khoi", "loai don vi", "block", "unit block", "unit group"];

/** Whether a header names the block column ("Khối", "Nhóm", "Block"). */
export function isBlockHeader(label: string): boolean {
  return BLOCK_HEADERS.includes(fold(label));
}

/**
 * Values of a "Nhóm" column that are a published result class (A, B, C; I, II; Tốt, Khá), not a block
 * of units: such a column is not read as blocks (ranking within class A would mean nothing).
 */
export function isClassLikeValue(value: string): boolean {
  return /^(?:[a-d]|i{1,3}|iv|tot|kha|trung binh|yeu|xuat sac|hoan thanh tot|hoan thanh)$/.test(fold(value));
}

/** Section titles that name a block without the word "khối". */
const BLOCK_TITLES = [
  "so ban nganh",
  "cac so ban nganh",
  "co quan chuyen mon",
  "cac co quan chuyen mon",
  "co quan chuyen mon thuoc ubnd tinh",
  "ubnd cap huyen",
  "cap huyen",
  "ubnd cac huyen thi xa thanh pho",
  "ubnd huyen thi xa thanh pho",
  "cac huyen thi xa thanh pho",
  "huyen thi xa thanh pho",
  "ubnd cap xa",
  "cap xa",
  "departments",
  "districts",
  "cap so ban nganh",
  "cap so",
  "khoi so",
  "cac xa phuong dac khu",
  "xa phuong dac khu",
  "cac xa phuong",
];

/** English section titles: "Ministries and ministry-level agencies (19)", "Provincial departments ...", "Ward block". */
const ENGLISH_BLOCK = /^(?:provincial |the )?(?:ministries|departments|districts|communes|wards|provinces|agencies|cities)\b|^(?:commune|ward)s?\b.*\b(?:level|block|committees)\b|\bblock$/;

/** "I. ", "II - ", "A) ", "1. " before a section title. */
const SECTION_MARKER = /^\s*(?:[IVX]{1,4}|[A-D])\s*[.)\-–:]\s*|^\s*(?:[IVX]{1,4})\s+(?=\S)/u;

/**
 * The block a row without points opens, or null: `sttText` is its STT cell, `title` its unit (or first)
 * cell. A block row is titled "Khối ..."/"Nhóm ...", a known block title ("UBND cấp huyện"), or
 * carries a Roman numeral in STT (unit rows are numbered 1, 2, 3). Returns the title without its marker.
 */
export function blockOfSectionRow(sttText: string, title: string): string | null {
  let text = title.trim();
  let marked = /^(?:[IVX]{1,4}|[A-D])\.?$/u.test(sttText.trim());
  const marker = SECTION_MARKER.exec(text);
  if (marker && marker[0].length < text.length) {
    text = text.slice(marker[0].length).trim();
    marked = true;
  }
  if (!text) return null;
  const f = fold(text);
  if (isBlockTitle(f)) return text;
  // A Roman-numbered section row without points: the block's own title, whatever it says.
  return marked ? text : null;
}

/** A folded title that names a block by its words ("Khối ...", "UBND cấp huyện", "Ward block"), marker or not. */
function isBlockTitle(folded: string): boolean {
  return /^(?:khoi|nhom)\b/.test(folded) || BLOCK_TITLES.some((t) => folded === t || folded.startsWith(`${t} `)) || ENGLISH_BLOCK.test(folded);
}

/**
 * A section row that carries its block's figures (the block's average beside "Khối phường"): named as
 * a block by its words, its order cell blank or a Roman numeral. The block it opens, or null.
 */
export function blockOfFiguredRow(sttText: string, title: string): string | null {
  if (!/^(?:[IVX]{1,4}|[A-D])?\.?$/u.test(sttText.trim())) return null;
  const block = blockOfSectionRow(sttText, title);
  return block !== null && isBlockTitle(fold(block)) ? block : null;
}
