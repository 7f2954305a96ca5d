import { deflateRawSync } from "zlib";
import { inflateSmall } from "../../src/hosts/xlsx/xml-stream";
import type { ZipEntry } from "../../src/hosts/xlsx/zip";

const entryOf = (data: Buffer, uncompressedSize: number): ZipEntry => ({ name: "xl/worksheets/sheet1.xml", method: 8, compressedSize: data.length, uncompressedSize, crc: 0, localHeaderOffset: 0 });

describe("inflateSmall: a small part in one call, anything else left to the stream that says what is wrong", () => {
  const xml = Buffer.from(`<worksheet><sheetData>${"<row><c><v>1</v></c></row>".repeat(200)}</sheetData></worksheet>`);
  const data = deflateRawSync(xml);

  test("a small part unpacks whole", () => {
    expect(inflateSmall(entryOf(data, xml.length), data, 1_000_000)?.equals(xml)).toBe(true);
  });

  test("a part that unpacks past what the budget has left is not unpacked (even when it declares less)", () => {
    expect(inflateSmall(entryOf(data, 10), data, xml.length - 1)).toBeNull();
    expect(inflateSmall(entryOf(data, 10), data, 0)).toBeNull();
  });

  test("a part declaring more than 4 MB (or the maximum given), or unpacking to more, is streamed", () => {
    expect(inflateSmall(entryOf(data, 5 * 1024 * 1024), data, 1e9)).toBeNull();
    const bomb = deflateRawSync(Buffer.alloc(5 * 1024 * 1024, 0x20));
    expect(inflateSmall(entryOf(bomb, 100), bomb, 1e9)).toBeNull();
    expect(inflateSmall(entryOf(data, xml.length), data, 1e9, xml.length - 1)).toBeNull();
    expect(inflateSmall(entryOf(data, xml.length), data, 1e9, xml.length)?.length).toBe(xml.length);
  });

  test("damaged data is not unpacked", () => {
    const damaged = Buffer.from(data);
    damaged[0] ^= 0xff;
    damaged[1] ^= 0xff;
    expect(inflateSmall(entryOf(damaged, xml.length), damaged.subarray(0, 20), 1e9)).toBeNull();
  });
});
