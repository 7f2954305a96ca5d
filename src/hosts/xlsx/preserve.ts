/**
 * What ExcelJS would lose when it rewrites a user's workbook. ExcelJS keeps cells, formulas
 * (shared ones too), merges, styles, conditional formats, data validations, comments, images
 * and tables, but drops charts, pivot tables, VBA, slicers, form controls and external links,
 * and keeps defined names only when they are plain cell ranges (constants and formulas, and the
 * sheet scope of local names, are lost). `preservationWarnings` reads the file's zip directory
 * (and workbook.xml) so the CLI can warn, or write to a new file instead of over the original.
 */
import { inflateRawSync } from "zlib";
import { decodeXml } from "./workbook-parts";

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As the central directory declares it (a hostile file can lie). */
  uncompressedSize: number;
  localHeaderOffset: number;
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
  if (eocd < 0) throw new Error("not a zip file (no end of central directory)");
  const count = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (bytes.readUInt32LE(offset) !== 0x02014b50) throw new Error("corrupt zip central directory");
    const method = bytes.readUInt16LE(offset + 10);
    const compressedSize = bytes.readUInt32LE(offset + 20);
    const uncompressedSize = bytes.readUInt32LE(offset + 24);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const localHeaderOffset = bytes.readUInt32LE(offset + 42);
    const name = bytes.subarray(offset + 46, offset + 46 + nameLength).toString("utf8");
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The bytes of one file in a zip archive (stored or deflated). */
export function zipData(bytes: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  const nameLength = bytes.readUInt16LE(at + 26);
  const extraLength = bytes.readUInt16LE(at + 28);
  const start = at + 30 + nameLength + extraLength;
  const data = bytes.subarray(start, start + entry.compressedSize);
  return entry.method === 0 ? Buffer.from(data) : inflateRawSync(data);
}

/** The text of one file in a zip archive. */
export function zipText(bytes: Buffer, entry: ZipEntry): string {
  return zipData(bytes, entry).toString("utf8");
}

const LOST_PARTS: { pattern: RegExp; what: string }[] = [
  { pattern: /^xl\/charts\//, what: "charts / biểu đồ" },
  { pattern: /^xl\/pivotTables\//, what: "pivot tables / PivotTable" },
  { pattern: /^xl\/vbaProject\.bin$/, what: "VBA macros / macro VBA" },
  { pattern: /^xl\/slicers\//, what: "slicers" },
  { pattern: /^xl\/timelines\//, what: "timelines" },
  { pattern: /^xl\/ctrlProps\//, what: "form controls / điều khiển biểu mẫu" },
  { pattern: /^xl\/externalLinks\//, what: "links to other workbooks / liên kết tới tệp khác" },
  { pattern: /^xl\/threadedComments\//, what: "threaded comments (kept as plain notes at best)" },
];

/**
 * Warnings (bilingual, one line each) about parts of the workbook the .xlsx writer cannot keep.
 * Empty when rewriting is lossless as far as we know.
 */
export function preservationWarnings(bytes: Buffer): string[] {
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes);
  } catch {
    return [];
  }
  const warnings: string[] = [];
  for (const { pattern, what } of LOST_PARTS) {
    if (entries.some((e) => pattern.test(e.name))) {
      warnings.push(`The workbook has ${what}; the .xlsx writer (ExcelJS) cannot keep them / Tệp có ${what}; trình ghi .xlsx không giữ được`);
    }
  }
  const book = entries.find((e) => e.name === "xl/workbook.xml");
  if (book) {
    const xml = zipText(bytes, book);
    const lost: string[] = [];
    for (const m of xml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)) {
      const attrs = m[1];
      const name = /name="([^"]*)"/.exec(attrs)?.[1] ?? "";
      if (name.startsWith("_xlnm.")) continue;
      const value = decodeXml(m[2]).trim();
      const plainRange = /^('[^']+(?:''[^']*)*'|[^'!:]+)!\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?$/.test(value);
      if (!plainRange || /localSheetId=/.test(attrs)) lost.push(name);
    }
    if (lost.length > 0) {
      warnings.push(
        `Defined names that ExcelJS cannot keep as they are (constants, formulas or sheet-scoped): ${lost.join(", ")} / ` +
          `Các tên (defined names) không giữ nguyên được: ${lost.join(", ")}`,
      );
    }
  }
  return warnings;
}

