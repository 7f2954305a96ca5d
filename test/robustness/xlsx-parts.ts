/**
 * Workbooks written part by part, for what ExcelJS cannot or will not write: a cell in XFD1048576
 * next to a small table, a merge over the whole sheet, a shared string of 50 MB, sheet XML that
 * unpacks to a gigabyte (deflate blocks repeated, so the file stays small and is made in
 * milliseconds), a central directory that points past the end of the file.
 */
import { constants, crc32, deflateRawSync } from "zlib";
import { zipArchive, zipEntries } from "../../src/hosts/xlsx/zip";

/** A part's bytes as they go into the zip: raw deflate, the size they unpack to, and its CRC-32. */
export interface Deflated {
  deflated: Buffer;
  size: number;
  crc: number;
}

export function deflated(text: string): Deflated {
  const data = Buffer.from(text, "utf8");
  return { deflated: deflateRawSync(data), size: data.length, crc: crc32(data) >>> 0 };
}

/**
 * head + unit x times + tail as one deflate stream, without ever holding it unpacked: the unit is
 * compressed once as a block that ends in a full flush (no back references across it) and repeated.
 * The CRC-32 is the true one (readers check it), summed block by block.
 */
export function repeated(head: string, unit: string, times: number, tail: string): Deflated {
  const flushed = (text: string) => deflateRawSync(Buffer.from(text, "utf8"), { finishFlush: constants.Z_FULL_FLUSH });
  const perBlock = Math.max(1, Math.floor((1 << 20) / unit.length));
  const blocks = Math.floor(times / perBlock);
  const blockText = Buffer.from(unit.repeat(perBlock), "utf8");
  const block = flushed(unit.repeat(perBlock));
  const rest = unit.repeat(times - blocks * perBlock);
  const pieces = [flushed(head), ...Array.from({ length: blocks }, () => block), flushed(rest), deflateRawSync(Buffer.from(tail, "utf8"))];
  let crc = crc32(head);
  for (let i = 0; i < blocks; i++) crc = crc32(blockText, crc);
  crc = crc32(tail, crc32(rest, crc));
  return { deflated: Buffer.concat(pieces), size: Buffer.byteLength(head) + Buffer.byteLength(unit) * times + Buffer.byteLength(tail), crc: crc >>> 0 };
}

/** The archive with the named part's CRC-32 (central directory and local header) changed. */
export function withWrongCrc(bytes: Buffer, part: string): Buffer {
  const out = Buffer.from(bytes);
  const entry = zipEntries(out).find((e) => e.name === part);
  if (!entry) throw new Error(`no ${part}`);
  const wrong = (entry.crc ^ 0x5a5a5a5a) >>> 0;
  out.writeUInt32LE(wrong, entry.localHeaderOffset + 14);
  // The central directory entry: found by its local header offset field.
  for (let at = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at - 1)) {
    if (out.readUInt32LE(at + 42) === entry.localHeaderOffset) {
      out.writeUInt32LE(wrong, at + 16);
      return out;
    }
  }
  throw new Error("central directory entry not found");
}

/** A zip archive of deflated parts (a declared size past 4 GiB is written as 4 GiB - 1, as a bomb would). */
export function zipOf(parts: { name: string; data: Deflated }[]): Buffer {
  return zipArchive(parts.map(({ name, data }) => ({ name, method: 8, crc: data.crc, compressed: data.deflated, size: Math.min(data.size, 0xffffffff) })));
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`;

/** An .xlsx of these sheets (XML given whole or deflated), with shared strings when given. */
export function workbookOf(sheets: { name: string; xml: string | Deflated }[], sharedStrings?: string | Deflated): Buffer {
  const overrides = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
  const types =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
    (sharedStrings !== undefined ? `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` : "") +
    `${overrides.join("")}</Types>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const book =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>` +
    sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
    `</sheets></workbook>`;
  const rels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
    `<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/>` +
    (sharedStrings !== undefined ? `<Relationship Id="rIdT" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : "") +
    `</Relationships>`;
  const styles =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
    `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
  const asPart = (x: string | Deflated): Deflated => (typeof x === "string" ? deflated(x) : x);
  return zipOf([
    { name: "[Content_Types].xml", data: deflated(types) },
    { name: "_rels/.rels", data: deflated(rootRels) },
    { name: "xl/workbook.xml", data: deflated(book) },
    { name: "xl/_rels/workbook.xml.rels", data: deflated(rels) },
    { name: "xl/styles.xml", data: deflated(styles) },
    ...(sharedStrings !== undefined ? [{ name: "xl/sharedStrings.xml", data: asPart(sharedStrings) }] : []),
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: asPart(s.xml) })),
  ]);
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** One cell's XML: a number, an inline string, or a shared string ({ s: index }). */
export function cell(ref: string, value: number | string | { s: number }): string {
  if (typeof value === "number") return `<c r="${ref}"><v>${value}</v></c>`;
  if (typeof value === "object") return `<c r="${ref}" t="s"><v>${value.s}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escape(value)}</t></is></c>`;
}

/** A 4-unit table in A1:G6 (STT | Đơn vị | 4 criteria | Tổng điểm, a maxima row): rows of cell XML. */
export function smallTableRows(unitName: (u: number) => string | { s: number } = (u) => `Sở ${u}`): string[] {
  const header = ["STT", "Đơn vị", "Tiêu chí 1", "Tiêu chí 2", "Tiêu chí 3", "Tiêu chí 4", "Tổng điểm"];
  const cols = "ABCDEFG";
  const rows: string[] = [];
  rows.push(`<row r="1">${header.map((h, c) => cell(`${cols[c]}1`, h)).join("")}</row>`);
  rows.push(`<row r="2">${[cell("B2", "Điểm tối đa"), cell("C2", 2), cell("D2", 3), cell("E2", 2), cell("F2", 3), cell("G2", 10)].join("")}</row>`);
  for (let u = 1; u <= 4; u++) {
    const points = [2 - u * 0.25, 3 - u * 0.5, 2, 3 - u * 0.25];
    const total = points.reduce((a, b) => a + b, 0);
    const r = u + 2;
    rows.push(
      `<row r="${r}">${[cell(`A${r}`, u), cell(`B${r}`, unitName(u)), ...points.map((p, c) => cell(`${cols[c + 2]}${r}`, p)), cell(`G${r}`, total)].join("")}</row>`,
    );
  }
  return rows;
}

/** A worksheet of rows, then anything after <sheetData> (merges ...). */
export function sheetXml(rows: string[], after = ""): string {
  return `${SHEET_HEAD}<sheetData>${rows.join("")}</sheetData>${after}</worksheet>`;
}
