/**
 * An .xlsx package as a zip archive to add or change a few parts in: parts left alone are copied
 * as they were compressed (no inflate, no deflate), so changing one XML part of a 50 MB workbook
 * costs that part, not the workbook. Plain zip, which is what ExcelJS writes; zip64's end of central
 * directory only when there are more parts than its 16-bit count holds.
 */
import { crc32, deflateRawSync, inflateRawSync } from "zlib";

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As the central directory declares it (a hostile file can lie). */
  uncompressedSize: number;
  crc: number;
  localHeaderOffset: number;
}

/** A zip archive whose own structure is broken: a table or a part lies outside the file. */
export class DamagedZipError extends Error {}

/** Reads `length` bytes at `at`, or says the archive is damaged when they lie past its end. */
function within(bytes: Buffer, at: number, length: number, what: string): number {
  if (!Number.isSafeInteger(at) || at < 0 || length < 0 || at + length > bytes.length) {
    throw new DamagedZipError(`damaged zip: ${what} at byte ${at} (+${length}) lies past the end of the ${bytes.length}-byte file`);
  }
  return at;
}

/** Names (and where to find them) of the files in a zip archive, from its central directory. */
export function zipEntries(bytes: Buffer): ZipEntry[] {
  const minEocd = 22;
  let eocd = -1;
  for (let i = bytes.length - minEocd; i >= Math.max(0, bytes.length - minEocd - 65535); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new DamagedZipError("not a zip file (no end of central directory)");
  let count = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  const zip64 = zip64Directory(bytes, eocd);
  if (zip64) ({ count, offset } = zip64);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    within(bytes, offset, 46, "the central directory");
    if (bytes.readUInt32LE(offset) !== 0x02014b50) throw new DamagedZipError("damaged zip: corrupt central directory");
    const method = bytes.readUInt16LE(offset + 10);
    const crc = bytes.readUInt32LE(offset + 16);
    const compressedSize = bytes.readUInt32LE(offset + 20);
    const uncompressedSize = bytes.readUInt32LE(offset + 24);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const localHeaderOffset = bytes.readUInt32LE(offset + 42);
    within(bytes, offset + 46, nameLength + extraLength + commentLength, "a central directory entry");
    const name = bytes.subarray(offset + 46, offset + 46 + nameLength).toString("utf8");
    const entry = { name, method, compressedSize, uncompressedSize, crc, localHeaderOffset };
    entryDataStart(bytes, entry);
    entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The zip64 end of central directory, when the archive has one (more than 65,535 parts: ParScore's
 * sheets, drawings and charts for 10,000 tables): its entry count and directory offset replace the
 * 16- and 32-bit ones. Offsets and sizes of the entries themselves stay 32-bit (archives under 4 GiB).
 */
function zip64Directory(bytes: Buffer, eocd: number): { count: number; offset: number } | null {
  const locator = eocd - 20;
  if (locator < 0 || bytes.readUInt32LE(locator) !== 0x07064b50) return null;
  const at = Number(bytes.readBigUInt64LE(locator + 8));
  within(bytes, at, 56, "the zip64 end of central directory");
  if (bytes.readUInt32LE(at) !== 0x06064b50) throw new DamagedZipError("damaged zip: corrupt zip64 end of central directory");
  const count = Number(bytes.readBigUInt64LE(at + 32));
  const offset = Number(bytes.readBigUInt64LE(at + 48));
  if (!Number.isSafeInteger(count) || count > bytes.length / 46) throw new DamagedZipError(`damaged zip: the zip64 directory claims ${count} parts`);
  return { count, offset };
}

/** Where an entry's compressed bytes start, checked to lie (with all of them) inside the file. */
export function entryDataStart(bytes: Buffer, entry: ZipEntry): number {
  const at = within(bytes, entry.localHeaderOffset, 30, `the local header of '${entry.name}'`);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  return within(bytes, start, entry.compressedSize, `the data of '${entry.name}'`);
}

/** An entry's compressed bytes (bounds-checked). */
export function entryCompressed(bytes: Buffer, entry: ZipEntry): Buffer {
  const start = entryDataStart(bytes, entry);
  return bytes.subarray(start, start + entry.compressedSize);
}

/**
 * Says the archive is damaged when a part's unpacked bytes do not match the CRC-32 the archive
 * declares: a flipped byte inside deflated data can still inflate, to different text (a digit of a
 * score), and nothing read from such a part can be trusted.
 */
export function checkCrc(name: string, declared: number, actual: number): void {
  if (actual >>> 0 !== declared >>> 0) throw new DamagedZipError(`damaged zip: '${name}' does not match its checksum (CRC-32)`);
}

/** The bytes of one file in a zip archive (stored or deflated), checked against its CRC-32. */
export function zipData(bytes: Buffer, entry: ZipEntry): Buffer {
  const data = entryCompressed(bytes, entry);
  const unpacked = entry.method === 0 ? Buffer.from(data) : inflateRawSync(data);
  checkCrc(entry.name, entry.crc, crc32(unpacked));
  return unpacked;
}

/**
 * Inflates every part of an archive and checks it against its CRC-32, for a reader that does not
 * (SheetJS, for .ods): its inflate can spin for minutes on a broken stream. Throws DamagedZipError;
 * returns the part over `maxUnpacked` bytes in all (a zip bomb), or undefined when all is well.
 */
export function verifyArchive(bytes: Buffer, maxUnpacked: number): string | undefined {
  let left = maxUnpacked;
  for (const entry of zipEntries(bytes)) {
    const data = entryCompressed(bytes, entry);
    if (entry.method !== 0 && entry.method !== 8) throw new DamagedZipError(`damaged zip: '${entry.name}' is packed with method ${entry.method}`);
    let unpacked: Buffer;
    try {
      unpacked = entry.method === 0 ? data : inflateRawSync(data, { maxOutputLength: Math.max(1, left + 1) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return entry.name;
      throw new DamagedZipError(`damaged zip: '${entry.name}' does not inflate (${(err as Error).message})`);
    }
    left -= unpacked.length;
    if (left < 0) return entry.name;
    checkCrc(entry.name, entry.crc, crc32(unpacked));
  }
  return undefined;
}

/** The text of one file in a zip archive. */
export function zipText(bytes: Buffer, entry: ZipEntry): string {
  return zipData(bytes, entry).toString("utf8");
}

export interface StoredPart {
  name: string;
  method: number;
  crc: number;
  compressed: Buffer;
  size: number;
}

/**
 * A part's text deflated as a stored part. Level 3 (zlib's fast strategy) with a window and hash
 * sized to the part: most of ParScore's parts are a few KB, and deflate's default (level 6, a 32 KB
 * window and a 64 K-entry hash, allocated and cleared for every part) cost 2-4 times as much CPU for
 * them, for output 5-6% smaller. Any inflater reads any window size up to 32 KB.
 */
function deflatedPart(name: string, text: string): StoredPart {
  const data = Buffer.from(text, "utf8");
  const windowBits = Math.max(9, Math.min(15, Math.ceil(Math.log2(data.length + MIN_LOOKAHEAD))));
  const deflated = deflateRawSync(data, { level: 3, windowBits, memLevel: Math.max(1, windowBits - 7) });
  // Copied into a buffer of its own size: zlib's result is a view of a 16 KB chunk, and a copy from the shared
  // pool shares it with the parts' text; 100,000 small parts kept 3-14 times their size alive either way.
  const compressed = Buffer.allocUnsafeSlow(deflated.length);
  deflated.copy(compressed);
  return { name, method: 8, crc: crc32(data) >>> 0, compressed, size: data.length };
}

/** zlib's MIN_LOOKAHEAD (MAX_MATCH + MIN_MATCH + 1): a window must be this much larger than the data for every match to be found. */
const MIN_LOOKAHEAD = 262;

export class ZipPackage {
  private readonly parts: StoredPart[];
  /** Set by spillTo: new parts are written out as they are added, and only their names kept. */
  private spill: { writer: ZipWriter; sink: (pieces: Buffer[]) => void; names: Set<string> } | null = null;
  /** Where each part is in `parts`, by name: a workbook of 10,000 sheets has 30,000 parts and more. */
  private index: Map<string, number> | null = null;

  private constructor(parts: StoredPart[]) {
    this.parts = parts;
  }

  /** An empty package, to fill with `set`. */
  static create(): ZipPackage {
    return new ZipPackage([]);
  }

  /** Reads the central directory and keeps each part's compressed bytes. */
  static read(bytes: Buffer): ZipPackage {
    return new ZipPackage(
      zipEntries(bytes).map((e) => ({ name: e.name, method: e.method, crc: e.crc, compressed: entryCompressed(bytes, e), size: e.uncompressedSize })),
    );
  }

  private at(name: string): number {
    if (!this.index) {
      this.index = new Map();
      // The first of two parts of one name wins, as a linear search would find it.
      this.parts.forEach((p, i) => {
        if (!this.index?.has(p.name)) this.index?.set(p.name, i);
      });
    }
    return this.index.get(name) ?? -1;
  }

  names(): string[] {
    return this.parts.map((p) => p.name);
  }

  has(name: string): boolean {
    return this.at(name) >= 0 || (this.spill?.names.has(name) ?? false);
  }

  /**
   * From now on, each part `add` adds is handed to `sink` at once, as the archive's next pieces, and
   * not kept: the archive is then the pieces sunk followed by toChunks(). Memory holds one new part
   * at a time, not all of them (200 MB deflated for 10,000 tables).
   */
  spillTo(sink: (pieces: Buffer[]) => void): void {
    if (this.spill) throw new Error("the package already spills its parts");
    this.spill = { writer: new ZipWriter(), sink, names: new Set() };
  }

  /** A part's text (UTF-8, checked against its CRC-32), or undefined when there is no such part. */
  text(name: string): string | undefined {
    const i = this.at(name);
    if (i < 0) return undefined;
    const part = this.parts[i];
    const data = part.method === 0 ? part.compressed : inflateRawSync(part.compressed);
    checkCrc(name, part.crc, crc32(data));
    return data.toString("utf8");
  }

  /**
   * Replaces a part, or adds it at the end. Deflated at once: a run over 10,000 tables highlights
   * 10,000 of the user's sheets, whose texts would otherwise all be held until the archive is written.
   */
  set(name: string, text: string): void {
    const stored = deflatedPart(name, text);
    const i = this.at(name);
    if (i >= 0) {
      this.parts[i] = stored;
    } else {
      this.parts.push(stored);
      this.index?.set(name, this.parts.length - 1);
    }
  }

  /**
   * Adds a new part deflated at once, so that the text need not be kept until toBuffer: a writer
   * adding thousands of parts holds one part's text at a time.
   */
  add(name: string, text: string): void {
    if (this.has(name)) throw new Error(`the package already has '${name}'`);
    const stored = deflatedPart(name, text);
    if (this.spill) {
      this.spill.sink(this.spill.writer.entry(stored));
      this.spill.names.add(name);
      return;
    }
    this.parts.push(stored);
    this.index?.set(name, this.parts.length - 1);
  }

  /** Removes a part (no-op when there is none). */
  delete(name: string): void {
    const i = this.at(name);
    if (i < 0) return;
    this.parts.splice(i, 1);
    this.index = null;
  }

  /** Removes these parts in one pass (deleting one by one costs the whole list each time). */
  deleteAll(names: ReadonlySet<string>): void {
    if (names.size === 0) return;
    let kept = 0;
    for (const part of this.parts) if (!names.has(part.name)) this.parts[kept++] = part;
    this.parts.length = kept;
    this.index = null;
  }

  /** The archive: changed and new parts as deflated when set or added, the others copied as they were. */
  toBuffer(): Buffer {
    if (this.spill) throw new Error("the package's parts went to its sink: its bytes are the pieces sunk and toChunks()");
    return Buffer.concat(this.toChunks());
  }

  /**
   * The archive as the pieces it is made of, in order (to write to a file without one more copy of it
   * all); after spillTo, the pieces that follow those already sunk.
   */
  toChunks(): Buffer[] {
    const writer = this.spill?.writer ?? new ZipWriter();
    const chunks: Buffer[] = [];
    for (const part of this.parts) chunks.push(...writer.entry(part));
    chunks.push(...writer.end());
    return chunks;
  }
}

/** A zip archive of parts already compressed (method 8) or stored (method 0), with UTF-8 names. */
export function zipArchive(parts: readonly StoredPart[]): Buffer {
  return Buffer.concat(zipArchiveChunks(parts));
}

/** zipArchive's bytes as the pieces they are made of, in order. */
export function zipArchiveChunks(parts: readonly StoredPart[]): Buffer[] {
  const writer = new ZipWriter();
  const chunks: Buffer[] = [];
  for (const part of parts) chunks.push(...writer.entry(part));
  chunks.push(...writer.end());
  return chunks;
}

/** An archive written part after part: each part's pieces as it comes, the central directory at the end. */
class ZipWriter {
  private offset = 0;
  private count = 0;
  /**
   * The central directory so far, in one buffer grown by doubling: a small buffer per entry costs
   * about 300 bytes of bookkeeping for its 70 bytes (50 MB for 180,000 parts).
   */
  private central = Buffer.alloc(64 * 1024);
  private centralLength = 0;

  /** The part's local header with its name, and its data, to be written next. */
  entry(stored: StoredPart): Buffer[] {
    // The local header in a buffer of its own, the directory entry in the directory's buffer: neither
    // from the shared pool, whose 8 KB slabs would stay alive as long as any entry in them.
    const nameLength = Buffer.byteLength(stored.name, "utf8");
    const local = Buffer.alloc(30 + nameLength);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(stored.method, 8);
    local.writeUInt32LE(stored.crc, 14);
    local.writeUInt32LE(stored.compressed.length, 18);
    local.writeUInt32LE(stored.size, 22);
    local.writeUInt16LE(nameLength, 26);
    local.write(stored.name, 30, "utf8");
    const entry = this.centralEntry(46 + nameLength);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(stored.method, 10);
    entry.writeUInt32LE(stored.crc, 16);
    entry.writeUInt32LE(stored.compressed.length, 20);
    entry.writeUInt32LE(stored.size, 24);
    entry.writeUInt16LE(nameLength, 28);
    if (this.offset > 0xffffffff) throw new RangeError("a zip archive over 4 GiB");
    entry.writeUInt32LE(this.offset, 42);
    entry.write(stored.name, 46, "utf8");
    this.count++;
    this.offset += local.length + stored.compressed.length;
    return [local, stored.compressed];
  }

  /** The next `length` bytes of the central directory, zeroed. */
  private centralEntry(length: number): Buffer {
    if (this.centralLength + length > this.central.length) {
      const grown = Buffer.alloc(Math.max(2 * this.central.length, this.centralLength + length));
      this.central.copy(grown, 0, 0, this.centralLength);
      this.central = grown;
    }
    const entry = this.central.subarray(this.centralLength, this.centralLength + length);
    this.centralLength += length;
    return entry;
  }

  /** The central directory and its end (zip64's too past 65,534 parts). */
  end(): Buffer[] {
    if (this.offset > 0xffffffff) throw new RangeError("a zip archive over 4 GiB");
    const dir = this.central.subarray(0, this.centralLength);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(this.count, 0xffff), 8);
    end.writeUInt16LE(Math.min(this.count, 0xffff), 10);
    end.writeUInt32LE(dir.length, 12);
    end.writeUInt32LE(this.offset, 16);
    return [dir, ...(this.count >= 0xffff ? zip64End(this.count, dir.length, this.offset) : []), end];
  }
}

/** The zip64 end of central directory and its locator, for more parts than the 16-bit count holds. */
function zip64End(count: number, dirLength: number, dirOffset: number): Buffer[] {
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4); // the size of the rest of this record
  record.writeUInt16LE(45, 12); // made by: version 4.5 (zip64)
  record.writeUInt16LE(45, 14); // needed to extract
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(dirLength), 40);
  record.writeBigUInt64LE(BigInt(dirOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(dirOffset + dirLength), 8);
  locator.writeUInt32LE(1, 16); // one disk
  return [record, locator];
}
