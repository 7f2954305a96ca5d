/**
 * How many cells a workbook holds, found before anything heavy runs. ExcelJS loads every cell of
 * every sheet as objects (and the pipeline then keeps a value, a location and a Decimal per cell):
 * about 2 KB of memory per cell from file to analysis. A 100,000-unit x 120-criteria table (12
 * million cells) runs Node out of memory after minutes. So the CLI counts the cells of each sheet
 * first, streaming the sheet XML through inflate (a few MB at a time, stopping early), and refuses
 * workbooks above a limit with a message that says how big the sheet is and what to do.
 */
import { getHeapStatistics } from "v8";
import type { Lang, Text2 } from "../../engine/types";
import { createInflateRaw } from "zlib";
import { entryCompressed, type ZipEntry, zipEntries, zipText } from "./zip";
import { worksheetParts } from "./workbook-parts";
import { inflateSmall } from "./xml-stream";

/** The documented limit: 1,500,000 cells (about 12,000 units x 120 criteria, or 10,000 with room to spare). */
export const DEFAULT_MAX_CELLS = 1_500_000;

/** Memory the pipeline needs per cell (measured: 10,000 x 123 cells read, analysed and written in a 2.5 GB heap). */
export const BYTES_PER_CELL = 2_500;

/**
 * The limit for this process: DEFAULT_MAX_CELLS, or less when Node's heap is smaller than the
 * documented limit needs (Node gives a quarter of a small machine's memory, capped near 4 GB).
 */
export function defaultMaxCells(heapLimit = getHeapStatistics().heap_size_limit): number {
  return Math.max(10_000, Math.min(DEFAULT_MAX_CELLS, Math.floor(heapLimit / BYTES_PER_CELL)));
}

/**
 * Uncompressed XML a run may inflate per cell of its limit: a cell takes 20-50 bytes of sheet XML
 * (10,000 x 123 cells: 42 MB), so this leaves room for long texts, styles and shared strings while
 * a zip bomb (a gigabyte of empty rows or whitespace in a few kilobytes) is refused once it has
 * unpacked that much (166 MB for the default limit, 59 MB in a 1 GB heap).
 */
export const XML_BYTES_PER_CELL = 100;

/** The inflate budget (xml-stream.ts) for a run limited to `maxCells` cells. */
export function xmlBudget(maxCells: number): number {
  return maxCells * XML_BYTES_PER_CELL + 16 * 1024 * 1024;
}

/** The message for a workbook whose parts unpack to more than the budget, or hold too many strings. */
export function tooMuchXmlMessage(file: string, part: string, limit: number, unit: "bytes" | "strings" | "rows" = "bytes"): Text2 {
  const n = (lang: Lang) => (unit === "bytes" ? Math.round(limit / 1024 / 1024) : limit).toLocaleString(lang === "vi" ? "vi-VN" : "en-US");
  const what = {
    vi: unit === "bytes" ? `giải nén ra hơn ${n("vi")} MB` : unit === "rows" ? `có hơn ${n("vi")} dòng` : `chứa hơn ${n("vi")} chuỗi văn bản`,
    en: unit === "bytes" ? `unpacks to more than ${n("en")} MB` : unit === "rows" ? `holds more than ${n("en")} rows` : `holds more than ${n("en")} text strings`,
  };
  return {
    vi:
      `'${file}' quá lớn: phần '${part}' của tệp ${what.vi}, vượt mức ParScore đọc trong một lần chạy ` +
      `(tệp nén có thể là một "bom nén", hoặc bảng quá lớn); đọc hết sẽ làm cạn bộ nhớ. Hãy mở tệp bằng Excel, xóa các trang hoặc dòng không cần ` +
      `rồi lưu lại, hoặc tách bảng thành nhiều tệp nhỏ hơn; nếu tệp đúng là lớn, có thể nâng giới hạn bằng --max-cells.`,
    en:
      `'${file}' is too big: its part '${part}' ${what.en}, above what ParScore reads in one run ` +
      `(the file may be a zip bomb, or the table too large); reading it all would run out of memory. Open it in Excel, delete the sheets or rows ` +
      `you do not need and save it again, or split the table into smaller files; if the file really is that big, raise the limit with --max-cells.`,
  };
}

export interface SheetSize {
  sheet: string;
  /** Cells written in the sheet XML (<c> elements: values, formulas and formatted blanks). */
  cells: number;
  /** Last row number seen. */
  rows: number;
  /** True when counting stopped early (the sheet has at least `cells`). */
  partial: boolean;
}

/**
 * Counts the cells of every worksheet in an .xlsx (bytes), in workbook order. Once the total passes
 * `stopAfter`, counting stops and the rest is estimated from the share of each sheet read (marked
 * partial). Bytes that are not a readable .xlsx give [] (the reader reports them).
 */
export async function countWorkbookCells(bytes: Buffer, stopAfter = Infinity, maxBytes = Infinity): Promise<SheetSize[]> {
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes);
  } catch {
    return [];
  }
  const sizes: SheetSize[] = [];
  let total = 0;
  const inflated = { bytes: 0, limit: maxBytes };
  for (const { sheet, entry } of worksheetEntries(bytes, entries)) {
    // Past the limit, each further sheet is estimated from its first megabyte.
    const size = await countSheetCells(bytes, entry, Math.max(0, stopAfter - total), inflated);
    sizes.push({ sheet, ...size });
    total += size.cells;
  }
  return sizes;
}

/** Worksheets in workbook order with their zip entries. */
function worksheetEntries(bytes: Buffer, entries: ZipEntry[]): { sheet: string; entry: ZipEntry }[] {
  // By name, the first of a name as a search would find it: 10,000 sheets searched for one by one cost 10^8 comparisons.
  const byName = new Map<string, ZipEntry>();
  for (const e of entries) if (!byName.has(e.name)) byName.set(e.name, e);
  const text = (name: string): string => {
    const entry = byName.get(name);
    try {
      return entry ? zipText(bytes, entry) : "";
    } catch {
      return "";
    }
  };
  return worksheetParts(text("xl/workbook.xml"), text("xl/_rels/workbook.xml.rels")).flatMap(({ sheet, part }) => {
    const entry = byName.get(part);
    return entry ? [{ sheet, entry }] : [];
  });
}

/**
 * Streams one sheet's XML through inflate, counting cell elements (`<c ...>`, with the namespace
 * prefix the root element uses) and the last `<row r="N">`. When counting stops early, the sizes
 * are estimated from the share of the sheet read so far (the zip's declared size).
 */
function countSheetCells(
  bytes: Buffer,
  entry: ZipEntry,
  stopAfter: number,
  inflatedSoFar: { bytes: number; limit: number },
): Promise<{ cells: number; rows: number; partial: boolean }> {
  const data = entryCompressed(bytes, entry);
  const counter = new CellCounter();
  if (entry.method === 0) {
    counter.feed(data);
    return Promise.resolve(counter.result(false));
  }
  // Up to one stream chunk: the stream would have counted all of it too, so the count is the same, and
  // a sheet past the limit is still estimated from its first megabyte.
  const whole = inflateSmall(entry, data, inflatedSoFar.limit - inflatedSoFar.bytes, STREAM_CHUNK);
  if (whole) {
    inflatedSoFar.bytes += whole.length;
    counter.feed(whole);
    return Promise.resolve(counter.result(false));
  }
  return new Promise((resolve) => {
    const inflate = createInflateRaw({ chunkSize: STREAM_CHUNK });
    let done = false;
    let inflated = 0;
    const finish = (stopped: boolean) => {
      if (done) return;
      done = true;
      // Stopped in the sheet's last chunk: the count is complete all the same.
      const partial = stopped && inflated < entry.uncompressedSize;
      const result = counter.result(partial);
      if (partial && inflated > 0 && entry.uncompressedSize > inflated) {
        const scale = entry.uncompressedSize / inflated;
        result.cells = Math.round(result.cells * scale);
        result.rows = Math.round(result.rows * scale);
      }
      resolve(result);
    };
    inflate.on("data", (chunk: Buffer) => {
      if (done) return;
      inflated += chunk.length;
      inflatedSoFar.bytes += chunk.length;
      counter.feed(chunk);
      // Past the byte budget too (a zip bomb of empty rows): the reader refuses it with its own message.
      if (counter.cells > stopAfter || inflatedSoFar.bytes > inflatedSoFar.limit) {
        finish(true);
        inflate.destroy();
      }
    });
    inflate.on("end", () => finish(false));
    // A damaged stream: what was counted so far stands; the reader reports the damage.
    inflate.on("error", () => finish(false));
    inflate.on("close", () => finish(false));
    inflate.end(data);
  });
}

/** The bytes a sheet's stream inflates at a time, and counts before it looks at the limit. */
const STREAM_CHUNK = 1 << 20;

/** Counts cell and row elements in sheet XML fed in chunks (native Buffer searches: ~100 MB/s). */
class CellCounter {
  cells = 0;
  rows = 0;
  private carry: Buffer = Buffer.alloc(0);
  private prefix: string | null = null;
  private cellTag = Buffer.from("<c");
  private rowTag = Buffer.from("<row");

  feed(chunk: Buffer): void {
    let buf: Buffer = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    if (this.prefix === null) {
      const head = buf.subarray(0, 4096).toString("latin1");
      const root = /<([A-Za-z_][\w.-]*:)?worksheet\b/.exec(head);
      if (!root && buf.length < 4096) {
        this.carry = buf;
        return;
      }
      this.prefix = root?.[1] ?? "";
      this.cellTag = Buffer.from(`<${this.prefix}c`);
      this.rowTag = Buffer.from(`<${this.prefix}row`);
    }
    // A tag cut at the chunk's end is counted with the next chunk.
    const lastOpen = buf.lastIndexOf(0x3c);
    const cut = lastOpen >= 0 && lastOpen >= buf.length - 256 ? lastOpen : buf.length;
    const body = buf.subarray(0, cut);
    this.carry = Buffer.from(buf.subarray(cut));
    buf = body;
    const cellLen = this.cellTag.length;
    for (let i = buf.indexOf(this.cellTag); i >= 0; i = buf.indexOf(this.cellTag, i + cellLen)) {
      const next = buf[i + cellLen];
      if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) this.cells++;
    }
    const rowLen = this.rowTag.length;
    for (let i = buf.lastIndexOf(this.rowTag); i >= 0; i = i > 0 ? buf.lastIndexOf(this.rowTag, i - 1) : -1) {
      const next = buf[i + rowLen];
      if (next !== 0x20 && next !== 0x3e && next !== 0x2f) continue;
      const end = buf.indexOf(0x3e, i);
      const m = /\sr="(\d+)"/.exec(buf.subarray(i, end < 0 ? buf.length : end).toString("latin1"));
      if (m) this.rows = Math.max(this.rows, Number(m[1]));
      // Rows come in order: the last one of the chunk is the largest (and a chunk of rows without
      // numbers, a zip bomb of <row/>, is not searched row by row).
      break;
    }
  }

  result(partial: boolean): { cells: number; rows: number; partial: boolean } {
    if (!partial && this.carry.length) {
      const rest = this.carry;
      this.carry = Buffer.alloc(0);
      this.feed(Buffer.concat([rest, Buffer.from(" ")]));
    }
    return { cells: this.cells, rows: this.rows, partial };
  }
}

