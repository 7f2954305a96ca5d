/**
 * Reading a part of an .xlsx package as a stream of XML events, a megabyte at a time: the part is
 * inflated in chunks (every byte counted against a budget shared by all the parts a run reads, so a
 * zip bomb is refused once it has inflated past the budget, not after it has filled memory) and each
 * chunk is cut into tags and text on the spot. Nothing holds a whole part larger than a few MB (a
 * smaller one is inflated in one call, inflateSmall), and nothing expands entities: a document type declaration (the door to entity expansion and external entities) is refused.
 */
import { StringDecoder } from "string_decoder";
import { crc32, createInflateRaw, inflateRawSync } from "zlib";
import { checkCrc, entryCompressed, type ZipEntry } from "./zip";

export interface XmlHandler {
  /** A start tag (or an empty-element tag when `empty`), its name without namespace prefix, its raw attributes. */
  open(name: string, attrs: string, empty: boolean): void;
  close(name: string): void;
  /** Raw character data (entities not yet decoded); one text node may come in several pieces. */
  text(raw: string): void;
}

/** The most a part may unpack to for inflateSmall to take it in one call. */
const SMALL_PART = 4 * 1024 * 1024;

/**
 * A deflated part unpacked in one call when it is small (it declares, and unpacks to, at most `max`
 * bytes, 4 MB by default, and at most `left`), else null: the part is then streamed, and its stream
 * says what is wrong with it (too big, damaged). A stream costs about 0.1 ms of machinery; 10,000
 * sheets are read twice.
 */
export function inflateSmall(entry: ZipEntry, data: Buffer, left: number, max = SMALL_PART): Buffer | null {
  if (entry.uncompressedSize > max || data.length > max) return null;
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, Math.min(max, left)) });
  } catch {
    return null;
  }
}

/** The uncompressed bytes a run may inflate, over every part it reads. */
export class InflateBudget {
  used = 0;
  constructor(readonly limit: number) {}

  spend(bytes: number, part: string): void {
    this.used += bytes;
    if (this.used > this.limit) throw new TooMuchXmlError(part, this.limit);
  }
}

/**
 * A package that unpacks to more than the budget (a zip bomb, or a workbook far above the cell
 * limit), or holds more shared strings than a run reads cells.
 */
export class TooMuchXmlError extends Error {
  constructor(
    readonly part: string,
    readonly limit: number,
    readonly unit: "bytes" | "strings" | "rows" = "bytes",
  ) {
    super(`'${part}' holds more than ${limit} ${unit}`);
  }
}

/** XML the reader cannot take (a DOCTYPE, a tag that never ends). */
export class BadXmlError extends Error {}

/** The longest tag the reader carries from one chunk to the next (real tags are a few hundred bytes). */
const MAX_TAG = 1 << 20;

/** Cuts XML text fed in pieces into tags and text for a handler. */
export class XmlTokenizer {
  private carry = "";

  constructor(private readonly handler: XmlHandler) {}

  feed(piece: string): void {
    const s = this.carry.length > 0 ? this.carry + piece : piece;
    this.carry = "";
    const h = this.handler;
    let i = 0;
    const n = s.length;
    while (i < n) {
      if (s.charCodeAt(i) !== 60) {
        const lt = s.indexOf("<", i);
        if (lt < 0) {
          // Text up to the end; an entity cut in two waits for its end.
          const amp = s.lastIndexOf("&");
          const end = amp >= i && s.indexOf(";", amp) < 0 && n - amp < 12 ? amp : n;
          if (end > i) h.text(s.slice(i, end));
          i = end;
          break;
        }
        h.text(s.slice(i, lt));
        i = lt;
      }
      const next = s.charCodeAt(i + 1);
      if (next === 47 /* / */) {
        const gt = s.indexOf(">", i);
        if (gt < 0) break;
        h.close(localName(s.slice(i + 2, gt).trim()));
        i = gt + 1;
      } else if (next === 63 /* ? */) {
        const end = s.indexOf("?>", i);
        if (end < 0) break;
        i = end + 2;
      } else if (next === 33 /* ! */) {
        if (s.startsWith("<!--", i)) {
          const end = s.indexOf("-->", i + 4);
          if (end < 0) break;
          i = end + 3;
        } else if (s.startsWith("<![CDATA[", i)) {
          const end = s.indexOf("]]>", i + 9);
          if (end < 0) break;
          h.text(escapeText(s.slice(i + 9, end)));
          i = end + 3;
        } else if (n - i < 9) {
          break;
        } else {
          throw new BadXmlError("a document type declaration (<!DOCTYPE>), which a workbook never has");
        }
      } else if (Number.isNaN(next)) {
        break;
      } else {
        const gt = tagEnd(s, i);
        if (gt < 0) break;
        const empty = s.charCodeAt(gt - 1) === 47;
        const body = s.slice(i + 1, empty ? gt - 1 : gt);
        let nameEnd = 0;
        while (nameEnd < body.length && !isSpace(body.charCodeAt(nameEnd))) nameEnd++;
        h.open(localName(body.slice(0, nameEnd)), body.slice(nameEnd), empty);
        if (empty) h.close(localName(body.slice(0, nameEnd)));
        i = gt + 1;
      }
    }
    if (i < n) {
      this.carry = s.slice(i);
      if (this.carry.length > MAX_TAG) throw new BadXmlError("a tag longer than a megabyte");
    }
  }

  /** The end of the document: anything left over is a tag that never ended. */
  end(): void {
    if (this.carry.trim().length > 0) throw new BadXmlError("the XML ends in the middle of a tag");
  }
}

/** Index of the `>` that ends the tag starting at `at` (quotes respected), or -1 when it is not in `s` yet. */
function tagEnd(s: string, at: number): number {
  let q = 0;
  for (let k = at + 1; k < s.length; k++) {
    const ch = s.charCodeAt(k);
    if (q !== 0) {
      if (ch === q) q = 0;
    } else if (ch === 62) return k;
    else if (ch === 34 || ch === 39) q = ch;
  }
  return -1;
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13;
}

function localName(qname: string): string {
  const colon = qname.indexOf(":");
  return colon < 0 ? qname : qname.slice(colon + 1);
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}

/** The value of one attribute in a raw attribute string (undecoded), or undefined. */
export function attr(attrs: string, name: string): string | undefined {
  let at = attrs.indexOf(name);
  while (at >= 0) {
    const before = attrs.charCodeAt(at - 1);
    const after = at + name.length;
    if ((at === 0 || isSpace(before) || before === 58) && (attrs.charCodeAt(after) === 61 || isSpace(attrs.charCodeAt(after)))) {
      let k = after;
      while (isSpace(attrs.charCodeAt(k))) k++;
      if (attrs.charCodeAt(k) === 61) {
        k++;
        while (isSpace(attrs.charCodeAt(k))) k++;
        const q = attrs[k];
        if (q === '"' || q === "'") {
          const end = attrs.indexOf(q, k + 1);
          if (end > k) return attrs.slice(k + 1, end);
        }
      }
    }
    at = attrs.indexOf(name, at + 1);
  }
  return undefined;
}

/**
 * Streams one zip entry's XML through a handler: inflated a megabyte at a time, each byte spent from
 * the budget, decoded as UTF-8 across chunk boundaries. Rejects on damaged data (including bytes
 * that inflate but do not match the part's CRC-32), a spent budget, or anything the handler throws.
 */
export function streamXmlPart(bytes: Buffer, entry: ZipEntry, handler: XmlHandler, budget: InflateBudget): Promise<void> {
  const data = entryCompressed(bytes, entry);
  const tokenizer = new XmlTokenizer(handler);
  const decoder = new StringDecoder("utf8");
  if (entry.method !== 0 && entry.method !== 8) return Promise.reject(new BadXmlError(`'${entry.name}' is compressed with method ${entry.method}, not deflate`));
  const whole = entry.method === 0 ? data : inflateSmall(entry, data, budget.limit - budget.used);
  if (whole) {
    try {
      budget.spend(whole.length, entry.name);
      checkCrc(entry.name, entry.crc, crc32(whole));
      tokenizer.feed(decoder.write(whole) + decoder.end());
      tokenizer.end();
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 1 << 20 });
    let failed = false;
    let crc = 0;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      inflate.destroy();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    inflate.on("data", (chunk: Buffer) => {
      if (failed) return;
      try {
        budget.spend(chunk.length, entry.name);
        crc = crc32(chunk, crc);
        tokenizer.feed(decoder.write(chunk));
      } catch (err) {
        fail(err);
      }
    });
    inflate.on("error", (err) => fail(err));
    inflate.on("end", () => {
      if (failed) return;
      try {
        checkCrc(entry.name, entry.crc, crc);
        tokenizer.feed(decoder.end());
        tokenizer.end();
        resolve();
      } catch (err) {
        fail(err);
      }
    });
    inflate.end(data);
  });
}
