/**
 * The encoding of a text table, from its first bytes: what Excel and LibreOffice write.
 * - "CSV UTF-8" (UTF-8 with a BOM), and UTF-8 without one (LibreOffice, web exports);
 * - "Unicode Text" (UTF-16 little-endian with a BOM; big-endian seen from other programs);
 * - "CSV (Comma delimited)" on a Vietnamese Windows: the ANSI code page, Windows-1258, where
 *   Vietnamese letters are base letters plus combining tone marks ("Điểm" is "Ði" + U+0309 + "ểm"...).
 * Bytes that are not valid UTF-8 are taken for Windows-1258 (every byte sequence decodes in it).
 */
import * as iconv from "iconv-lite";

export type TextEncoding = "utf8" | "utf16le" | "utf16be" | "windows-1258";

export function detectEncoding(head: Buffer): TextEncoding {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return "utf16le";
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return "utf16be";
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf8";
  const utf16 = utf16WithoutBom(head);
  if (utf16) return utf16;
  return isUtf8(head) ? "utf8" : "windows-1258";
}

/** UTF-16 text saved without a BOM: ASCII letters leave a NUL byte on one side of most pairs. */
function utf16WithoutBom(head: Buffer): TextEncoding | null {
  const pairs = Math.floor(Math.min(head.length, 4096) / 2);
  if (pairs < 4) return null;
  let oddNul = 0;
  let evenNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNul++;
    if (head[2 * i + 1] === 0) oddNul++;
  }
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return "utf16le";
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return "utf16be";
  return null;
}

/** Whether the bytes are UTF-8, allowing a character cut off at the end of the sample. */
function isUtf8(head: Buffer): boolean {
  let end = head.length;
  // Back up over a last character whose bytes the sample cut short.
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = head[end - back];
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (need > back) end -= back;
    }
    break;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** A stateful decoder (characters split across chunks are kept whole); a BOM is dropped. */
export function decoderFor(encoding: TextEncoding): { write(chunk: Buffer): string; end(): string | undefined } {
  return iconv.getDecoder(encoding, { stripBOM: true });
}
