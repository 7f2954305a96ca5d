/**
 * ExcelJS pitfall: on reading, it expands every data-validation range cell by cell. A list
 * validation on whole columns ("F2:H1048576", common in circulated templates) becomes three
 * million objects: about 40 s and 1.5 GB of memory, or an out-of-memory crash.
 *
 * So before ExcelJS reads a workbook, validations covering more than LARGE_VALIDATION_CELLS
 * cells are taken out of the sheet XML as they are, and after ExcelJS writes, they are put back
 * into the same sheet (found by name) unchanged. Small validations go through ExcelJS as usual.
 */
import { crc32, deflateRawSync } from "zlib";
import { zipData, zipEntries } from "./preserve";
import { worksheetParts } from "./workbook-parts";

export const LARGE_VALIDATION_CELLS = 20_000;

/** Raw <dataValidation> elements taken out of one sheet. */
export interface SetAsideValidations {
  sheet: string;
  elements: string[];
}

export function setAsideLargeValidations(bytes: Buffer, limit = LARGE_VALIDATION_CELLS): { bytes: Buffer; setAside: SetAsideValidations[] } {
  let files: ZipFile[];
  try {
    files = readZip(bytes);
  } catch {
    return { bytes, setAside: [] };
  }
  const parts = sheetParts(files);
  const setAside: SetAsideValidations[] = [];
  for (const [sheet, part] of parts) {
    const file = files.find((f) => f.name === part);
    if (!file) continue;
    const xml = file.data.toString("utf8");
    const block = /<dataValidations\b[^>]*>([\s\S]*?)<\/dataValidations>/.exec(xml);
    if (!block) continue;
    const elements = block[1].match(/<dataValidation\b(?:[^>]*\/>|[\s\S]*?<\/dataValidation>)/g) ?? [];
    const large = elements.filter((e) => cellsIn(/\ssqref="([^"]*)"/.exec(e)?.[1] ?? "") > limit);
    if (large.length === 0) continue;
    const kept = elements.filter((e) => !large.includes(e));
    const replacement = kept.length > 0 ? `<dataValidations count="${kept.length}">${kept.join("")}</dataValidations>` : "";
    file.data = Buffer.from(xml.slice(0, block.index) + replacement + xml.slice(block.index + block[0].length), "utf8");
    setAside.push({ sheet, elements: large.map(stripPrefixedAttributes) });
  }
  if (setAside.length === 0) return { bytes, setAside };
  return { bytes: writeZip(files), setAside };
}

export function restoreLargeValidations(bytes: Buffer, setAside: SetAsideValidations[]): Buffer {
  if (setAside.length === 0) return bytes;
  const files = readZip(bytes);
  const parts = sheetParts(files);
  for (const { sheet, elements } of setAside) {
    const part = parts.get(sheet);
    const file = part ? files.find((f) => f.name === part) : undefined;
    if (!file) continue;
    let xml = file.data.toString("utf8");
    const block = /<dataValidations\b[^>]*>([\s\S]*?)<\/dataValidations>/.exec(xml);
    if (block) {
      const count = (block[1].match(/<dataValidation\b/g) ?? []).length + elements.length;
      const merged = `<dataValidations count="${count}">${block[1]}${elements.join("")}</dataValidations>`;
      xml = xml.slice(0, block.index) + merged + xml.slice(block.index + block[0].length);
    } else {
      const at = insertionPoint(xml);
      xml = `${xml.slice(0, at)}<dataValidations count="${elements.length}">${elements.join("")}</dataValidations>${xml.slice(at)}`;
    }
    file.data = Buffer.from(xml, "utf8");
  }
  return writeZip(files);
}

/** Where <dataValidations> goes in a worksheet: before the first element the schema puts after it. */
function insertionPoint(xml: string): number {
  const after = [
    "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
    "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing",
    "legacyDrawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
  ];
  let best = xml.lastIndexOf("</worksheet>");
  for (const tag of after) {
    const i = xml.search(new RegExp(`<${tag}[\\s/>]`));
    if (i >= 0 && i < best) best = i;
  }
  return best;
}

/** Attributes like xr:uid need a namespace the rewritten sheet may not declare. */
function stripPrefixedAttributes(element: string): string {
  return element.replace(/^<dataValidation\b[^>]*>/, (open) => open.replace(/\s[A-Za-z_][\w.-]*:[\w.-]+="[^"]*"/g, ""));
}

/** Number of cells in a space-separated list of A1 ranges. */
export function cellsIn(sqref: string): number {
  let total = 0;
  for (const token of sqref.trim().split(/\s+/)) {
    const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(token);
    if (!m) continue;
    const c1 = letters(m[1]);
    const r1 = Number(m[2]);
    const c2 = m[3] ? letters(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) : r1;
    total += (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
  }
  return total;
}

function letters(s: string): number {
  let n = 0;
  for (const ch of s) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

interface ZipFile {
  name: string;
  data: Buffer;
}

function readZip(bytes: Buffer): ZipFile[] {
  return zipEntries(bytes).map((e) => ({ name: e.name, data: zipData(bytes, e) }));
}

/** sheet name -> zip part ("xl/worksheets/sheet1.xml"). */
function sheetParts(files: ZipFile[]): Map<string, string> {
  const text = (name: string): string => files.find((f) => f.name === name)?.data.toString("utf8") ?? "";
  return new Map(worksheetParts(text("xl/workbook.xml"), text("xl/_rels/workbook.xml.rels")).map((w) => [w.sheet, w.part]));
}


/** A zip archive of deflated files (what .xlsx readers expect). */
function writeZip(files: ZipFile[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, "utf8");
    const packed = deflateRawSync(file.data);
    const crc = crc32(file.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(file.data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    chunks.push(local, name, packed);
    central.push(entry, name);
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dir, end]);
}
