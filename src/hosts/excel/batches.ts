/**
 * Request-size accounting: queued Office.js work is grouped into requests of at most
 * `maxBytes`, one `context.sync()` per request.
 *
 * Excel on the web refuses a request over about 5 MB (RequestPayloadSizeLimitExceeded), so a
 * large plan cannot go in one sync; one sync per cell or row would take minutes. The writer
 * cuts its work into small pieces whose size it estimates (the JSON of the values and formats
 * a piece sets, plus a fixed cost per object path and action Office.js sends with them), and
 * this executor packs pieces in order into requests: a request is sent when the next piece
 * would not fit. The number of syncs is therefore about total bytes / maxBytes, whatever the
 * number of rows or cells.
 */
import { cancelledError, isPayloadTooLarge, requestTooLargeError } from "./errors";

export const DEFAULT_MAX_REQUEST_BYTES = 4_000_000;

/**
 * What Office.js sends per object it creates (an ObjectPath: id, type, parent, method name,
 * arguments) and per action (a property set or method call: id, type, object id, name), on top
 * of the values themselves. Generous on purpose: underestimating risks a refused request.
 */
export const PATH_BYTES = 160;
export const ACTION_BYTES = 120;

/**
 * Office.js (setRangePropertiesInBulk in excel-web-16.00.js) sends a `values`, `formulas` or
 * `numberFormat` array of more than 1,500 cells as pieces of about 1,500 cells, each through its own
 * range: two `getRow` paths and a `getBoundingRect` path, their instantiations and the set, plus a
 * `_ValidateArraySize` call for the whole. Measured on the real runtime; counted with the margin of
 * PATH_BYTES and ACTION_BYTES.
 */
export const RUNTIME_SPLIT_CELLS = 1500;
const SPLIT_PIECE_BYTES = 3 * PATH_BYTES + 4 * ACTION_BYTES;

/** What setting a rows x cols array whose JSON weighs `json` bytes on a new range sends. */
export function arraySetBytes(rows: number, cols: number, json: number): number {
  let bytes = 2 * PATH_BYTES + ACTION_BYTES + json;
  if (rows * cols > RUNTIME_SPLIT_CELLS) {
    const rowsPerPiece = Math.max(1, Math.round(RUNTIME_SPLIT_CELLS / cols));
    bytes += ACTION_BYTES + Math.ceil(rows / rowsPerPiece) * SPLIT_PIECE_BYTES;
  }
  return bytes;
}

/** UTF-8 length of a string without allocating (Vietnamese text is 2-3 bytes a letter). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The UTF-8 size of a value as JSON: what it weighs in a request or a response. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "");
}

/** A text's UTF-8 size as a JSON string: its quotes, and `"`, `\\` and control characters escaped. */
function textJsonBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20) bytes += code === 8 || code === 9 || code === 10 || code === 12 || code === 13 ? 2 : 6;
    else if (code === 34 || code === 92) bytes += 2;
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * jsonBytes of one row of cells (texts, numbers, booleans, nulls; anything else through
 * JSON.stringify), counted without building the JSON: a read's chunk or a sheet's values are
 * megabytes of it, and the pane weighs every row.
 */
export function rowJsonBytes(row: readonly unknown[]): number {
  let bytes = 2 + Math.max(0, row.length - 1);
  for (const v of row) {
    if (typeof v === "string") bytes += textJsonBytes(v);
    else if (typeof v === "number") bytes += Number.isFinite(v) ? String(v).length : 4;
    else if (v === null || v === undefined) bytes += 4;
    else if (typeof v === "boolean") bytes += v ? 4 : 5;
    else bytes += jsonBytes(v);
  }
  return bytes;
}

/** jsonBytes of rows of cells, as rowJsonBytes counts them. */
export function rowsJsonBytes(rows: readonly (readonly unknown[])[]): number {
  let bytes = 2 + Math.max(0, rows.length - 1);
  for (const row of rows) bytes += rowJsonBytes(row);
  return bytes;
}

/** A piece of work: queues Office.js calls (no sync) and says what they weigh. */
export interface Work {
  bytes: number;
  run: () => void;
}

export interface BatchOptions {
  maxBytes: number;
  signal?: AbortSignal;
  /** Called when a request starts, before its first piece (e.g. to suspend screen updating). */
  onRequestStart?: () => void;
  /** Called after each sync with the number of requests sent so far. */
  onSynced?: (requests: number) => void;
}

/** How many requests the greedy packing makes of pieces of these sizes (for progress totals). */
export function countRequests(sizes: Iterable<number>, maxBytes: number): number {
  let requests = 0;
  let current = 0;
  for (const size of sizes) {
    if (current > 0 && current + size > maxBytes) {
      requests += 1;
      current = 0;
    }
    current += size;
  }
  return requests + (current > 0 ? 1 : 0);
}

/**
 * Packs work into requests of at most `maxBytes` and syncs each one. Pieces run in the order
 * given, so a piece may use objects an earlier piece created (Office.js proxies outlive a sync).
 */
export class BatchExecutor {
  private queued = 0;
  private pieces = 0;
  /** context.sync() calls made. */
  syncs = 0;
  /** The largest request sent, in estimated bytes. */
  largestRequest = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly options: BatchOptions,
  ) {}

  /** Queues a piece, first sending what is queued if the piece would not fit with it. */
  async add(work: Work): Promise<void> {
    if (work.bytes > this.options.maxBytes) throw new RangeError(`a piece of ${work.bytes} bytes exceeds the ${this.options.maxBytes}-byte request limit`);
    if (this.pieces > 0 && this.queued + work.bytes > this.options.maxBytes) await this.flush();
    if (this.pieces === 0) {
      this.throwIfCancelled();
      this.options.onRequestStart?.();
    }
    work.run();
    this.queued += work.bytes;
    this.pieces += 1;
  }

  async addAll(works: Iterable<Work>): Promise<void> {
    for (const work of works) await this.add(work);
  }

  /** Sends what is queued, if anything. */
  async flush(): Promise<void> {
    if (this.pieces === 0) return;
    const bytes = this.queued;
    this.queued = 0;
    this.pieces = 0;
    this.syncs += 1;
    this.largestRequest = Math.max(this.largestRequest, bytes);
    try {
      await this.context.sync();
    } catch (error) {
      if (isPayloadTooLarge(error)) throw requestTooLargeError(bytes);
      throw error;
    }
    this.options.onSynced?.(this.syncs);
  }

  /** True when work is queued and not yet sent. */
  get pending(): boolean {
    return this.pieces > 0;
  }

  throwIfCancelled(): void {
    if (this.options.signal?.aborted) throw cancelledError();
  }
}
