/**
 * CSV / TSV -> Grid, parsed by csv-parse. Numbers stay text as typed ("8,75" survives), so the
 * table reader sees what the person typed; Excel error literals become CellErrors.
 *
 * Files are streamed (readDelimitedFile): the text encoding is decided from the first bytes
 * (text-encoding.ts), and cells are counted as records arrive, so a file above the cell limit or
 * with a line no table has (one 200 MB line or cell) is refused after reading a little of it, not
 * after building it all in memory.
 */
import { createReadStream, promises as fs } from "fs";
import { Transform, Writable } from "stream";
import { pipeline } from "stream/promises";
import { parse as parseStream, CsvError, type Options } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import type { Finding } from "../../engine/types";
import { capCellText, textTooLongFinding } from "../../tables/cell-text";
import { a1, type CellValue, type Grid } from "../../tables/grid";
import { decoderFor, detectEncoding, type TextEncoding } from "./text-encoding";

export type Delimiter = "\t" | "," | ";";

export interface DelimitedOptions {
  sheet: string;
  /** Detected from the first lines when not given (tab, then semicolon, then comma). */
  delimiter?: Delimiter;
}

const ERRORS = new Set(["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"]);

/**
 * The longest line (record) read, in bytes of UTF-8: a score table's row is a few thousand
 * characters; a line a megabyte long is a wrong delimiter, a log or a hostile file.
 */
export const MAX_LINE_BYTES = 1_000_000;

function parserOptions(delimiter: Delimiter): Options {
  return {
    delimiter,
    quote: '"',
    escape: '"',
    // A quote inside an unquoted field is text (5" screen), as Excel reads it.
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    record_delimiter: ["\r\n", "\n", "\r"],
    max_record_size: MAX_LINE_BYTES,
    bom: true,
  };
}

/** Splits delimited text into rows of fields (RFC 4180 quoting, CRLF/LF/CR line ends). */
export function parseDelimited(text: string, delimiter: Delimiter): string[][] {
  return parseSync(text, parserOptions(delimiter));
}

/** Picks the delimiter that splits the first lines most consistently into more than one field. */
export function detectDelimiter(text: string): Delimiter {
  // The first lines decide; splitting a whole 60 MB file to look at 20 of its lines would not do.
  const sample = text.slice(0, 65_536).split(/\r\n|\n|\r/).filter((l) => l.trim() !== "").slice(0, 20).join("\n");
  let best: { d: Delimiter; score: number } = { d: "\t", score: -1 };
  for (const d of ["\t", ";", ","] as Delimiter[]) {
    const rows = parseLenient(sample, d);
    const counts = rows.map((r) => r.length);
    if (!counts.length) continue;
    const multi = counts.filter((c) => c > 1).length;
    if (multi === 0) continue;
    const mode = modeOf(counts);
    const consistent = counts.filter((c) => c === mode).length / counts.length;
    const score = consistent * 100 + Math.min(mode, 50) + (multi / counts.length) * 10;
    if (score > best.score + 0.5) best = { d, score };
  }
  return best.d;
}

/** The sample's rows; where the sample cut a quoted field short, its rows before that line. */
function parseLenient(sample: string, delimiter: Delimiter): string[][] {
  let lines = sample.split("\n");
  while (lines.length > 0) {
    try {
      return parseDelimited(lines.join("\n"), delimiter);
    } catch {
      lines = lines.slice(0, -1);
    }
  }
  return [];
}

function modeOf(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0];
  for (const [v, c] of counts) if (c > (counts.get(best) ?? 0) || (c === counts.get(best) && v > best)) best = v;
  return best;
}

/**
 * One record as grid cells: empty fields null, Excel error literals errors, trailing empties
 * dropped, text cut at Excel's 32,767 characters (the columns cut go to `cut`).
 */
function recordCells(fields: string[], normalise: boolean, cut: number[]): CellValue[] {
  const out: CellValue[] = fields.map((f, col) => {
    if (f === "") return null;
    if (ERRORS.has(f.trim())) return { error: f.trim() };
    const capped = capCellText(normalise ? f.normalize("NFC") : f);
    if (capped.cut) cut.push(col);
    return capped.text;
  });
  while (out.length && out[out.length - 1] === null) out.pop();
  return out;
}

/** Records, one after the other, into a grid, with a text-too-long finding for each cell cut. */
class GridBuilder {
  private readonly values: CellValue[][] = [];
  private readonly findings: Finding[] = [];
  private readonly cut: number[] = [];

  constructor(
    private readonly sheet: string,
    private readonly normalise: boolean,
  ) {}

  add(record: string[]): void {
    this.values.push(recordCells(record, this.normalise, this.cut));
    for (const col of this.cut.splice(0)) this.findings.push(textTooLongFinding(this.sheet, a1(this.values.length - 1, col)));
  }

  grid(): Grid {
    const values = this.values;
    while (values.length && values[values.length - 1].length === 0) values.pop();
    return { sheet: this.sheet, origin: { row: 0, col: 0 }, values, merges: [], ...(this.findings.length ? { findings: this.findings } : {}) };
  }
}

export function readDelimitedGrid(text: string, opts: DelimitedOptions): Grid {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = opts.delimiter ?? detectDelimiter(clean);
  const builder = new GridBuilder(opts.sheet, false);
  for (const record of parseDelimited(clean, delimiter)) builder.add(record);
  return builder.grid();
}

/** Why a delimited file was refused while it was read. */
export type DelimitedRefusal =
  | { kind: "too-many-cells"; cells: number; rows: number; partial: boolean }
  | { kind: "line-too-long"; line: number };

export class DelimitedTooBig extends Error {
  constructor(readonly refusal: DelimitedRefusal) {
    super(refusal.kind);
  }
}

export interface DelimitedFileOptions extends Partial<DelimitedOptions> {
  sheet: string;
  /** Refuse (DelimitedTooBig) past this many cells. */
  maxCells: number;
}

/** Past the limit, cells go on being counted (not kept) through this many more bytes, for an exact or well-estimated size. */
const COUNT_ON_BYTES = 4 << 20;

/**
 * Streams a CSV/TSV file into a Grid: UTF-8 (with or without BOM), UTF-16 ("Unicode Text") or
 * Windows-1258 (what Excel writes as "CSV (Comma delimited)" on a Vietnamese Windows: its tone
 * marks are combining characters, composed here to NFC). Throws DelimitedTooBig.
 */
export async function readDelimitedFile(file: string, opts: DelimitedFileOptions): Promise<Grid & { encoding: TextEncoding }> {
  const head = await readFileHead(file, 65_536);
  const encoding = detectEncoding(head);
  const headText = decoderFor(encoding).write(head);
  const delimiter = opts.delimiter ?? detectDelimiter(headText.charCodeAt(0) === 0xfeff ? headText.slice(1) : headText);
  const totalBytes = (await fs.stat(file)).size;
  const normalise = encoding === "windows-1258";

  let bytesRead = 0;
  let bytesDecoded = 0;
  const decoder = decoderFor(encoding);
  const decode = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytesRead += chunk.length;
      const text = Buffer.from(decoder.write(chunk), "utf8");
      bytesDecoded += text.length;
      done(null, text);
    },
    flush(done) {
      const rest = decoder.end() ?? "";
      done(null, rest ? Buffer.from(rest, "utf8") : undefined);
    },
  });
  const parser = parseStream(parserOptions(delimiter));
  // The file's bytes behind the records parsed so far (the reader runs ahead of the parser).
  const bytesParsed = () => (bytesDecoded > 0 ? (parser.info.bytes * bytesRead) / bytesDecoded : 0);
  const builder = new GridBuilder(opts.sheet, normalise);
  let cells = 0;
  let rows = 0;
  let over: { at: number } | null = null;
  const sink = new Writable({
    objectMode: true,
    write(record: string[], _enc, done) {
      rows++;
      cells += Math.max(1, record.length);
      if (over === null && cells > opts.maxCells) over = { at: bytesParsed() };
      if (over === null) builder.add(record);
      else if (bytesParsed() - over.at > COUNT_ON_BYTES) return done(new DelimitedTooBig(estimate(cells, rows, bytesParsed(), totalBytes)));
      done();
    },
  });
  try {
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), decode, parser, sink);
  } catch (err) {
    if (err instanceof CsvError && err.code === "CSV_MAX_RECORD_SIZE") throw new DelimitedTooBig({ kind: "line-too-long", line: rows + 1 });
    throw err;
  }
  if (over !== null) throw new DelimitedTooBig({ kind: "too-many-cells", cells, rows, partial: false });
  return { ...builder.grid(), encoding };
}

/** The size of a file counted in part, scaled by the share of its bytes read. */
function estimate(cells: number, rows: number, bytesRead: number, totalBytes: number): DelimitedRefusal {
  const scale = bytesRead > 0 && totalBytes > bytesRead ? totalBytes / bytesRead : 1;
  return { kind: "too-many-cells", cells: Math.round(cells * scale), rows: Math.round(rows * scale), partial: scale > 1 };
}

/** The first `bytes` of a file (all of it when shorter). */
export async function readFileHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await fs.open(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
