import { promises as fs } from "fs";
import * as iconv from "iconv-lite";
import * as os from "os";
import * as path from "path";
import { DelimitedTooBig, detectDelimiter, parseDelimited, readDelimitedFile, readDelimitedGrid } from "../../src/hosts/csv/read-csv";

describe("readDelimitedGrid", () => {
  test("tab-separated with a BOM and CRLF; numbers stay text as typed", () => {
    const g = readDelimitedGrid("\ufeffTT\tNội dung\tĐiểm\r\n1\tChỉ đạo\t8,75\r\n\r\n", { sheet: "TSV" });
    expect(g).toEqual({
      sheet: "TSV",
      origin: { row: 0, col: 0 },
      values: [
        ["TT", "Nội dung", "Điểm"],
        ["1", "Chỉ đạo", "8,75"],
      ],
      merges: [],
    });
  });

  test("comma-separated with quoted fields holding commas, quotes and line breaks", () => {
    const text = 'STT,Nội dung,Điểm\n1,"Công tác chỉ đạo, điều hành","8,75"\n2,"Nói ""CCHC""\nxuống dòng",#N/A\n';
    expect(detectDelimiter(text)).toBe(",");
    const g = readDelimitedGrid(text, { sheet: "CSV" });
    expect(g.values).toEqual([
      ["STT", "Nội dung", "Điểm"],
      ["1", "Công tác chỉ đạo, điều hành", "8,75"],
      ["2", 'Nói "CCHC"\nxuống dòng', { error: "#N/A" }],
    ]);
  });

  test("semicolon-separated (Excel in a decimal-comma locale)", () => {
    const text = "STT;Nội dung;Điểm tối đa;Điểm đạt\n1;Chỉ đạo, điều hành;8,5;8\n2;Thủ tục;14;13,21\n";
    expect(detectDelimiter(text)).toBe(";");
    const g = readDelimitedGrid(text, { sheet: "S" });
    expect(g.values[1]).toEqual(["1", "Chỉ đạo, điều hành", "8,5", "8"]);
    expect(g.values[2]).toEqual(["2", "Thủ tục", "14", "13,21"]);
  });

  test("empty fields are null and trailing empty fields are dropped; an explicit delimiter wins", () => {
    const g = readDelimitedGrid("a;b,c;\n;x;\n", { sheet: "S", delimiter: ";" });
    expect(g.values).toEqual([["a", "b,c"], [null, "x"]]);
    expect(parseDelimited("x\ty", "\t")).toEqual([["x", "y"]]);
  });
});

describe("readDelimitedFile (streamed, any encoding Excel writes)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-csv-"));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });
  const TABLE = 'STT,Đơn vị,Điểm tối đa,Điểm thẩm định\r\n1,Sở Tư pháp,100,"85,5"\r\n2,Sở Nội vụ,100,"90,25"\r\n';

  test("Windows-1258 (Excel's 'CSV (Comma delimited)' on a Vietnamese Windows): tone marks composed to NFC", async () => {
    const file = path.join(dir, "ansi.csv");
    const bytes = windows1258(TABLE);
    // Tone marks really are separate characters there: "Đ" is one byte, "iể" is "i", "ê", and U+0309.
    expect(bytes.includes(Buffer.from([0xd2]))).toBe(true);
    await fs.writeFile(file, bytes);
    const grid = await readDelimitedFile(file, { sheet: "S", maxCells: 1000 });
    expect(grid.encoding).toBe("windows-1258");
    expect(grid.values).toEqual(readDelimitedGrid(TABLE, { sheet: "S" }).values);
    expect((grid.values[0][3] as string) === "Điểm thẩm định".normalize("NFC")).toBe(true);
  });

  test("UTF-8 with and without BOM, UTF-16 LE and BE with BOM, all read alike", async () => {
    const want = readDelimitedGrid(TABLE, { sheet: "S" }).values;
    const forms: [string, Buffer][] = [
      ["utf8", Buffer.from(TABLE, "utf8")],
      ["utf8", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TABLE, "utf8")])],
      ["utf16le", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TABLE, "utf16le")])],
      ["utf16be", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TABLE, "utf16le").swap16()])],
    ];
    for (const [i, [encoding, bytes]] of forms.entries()) {
      const file = path.join(dir, `form-${i}.csv`);
      await fs.writeFile(file, bytes);
      const grid = await readDelimitedFile(file, { sheet: "S", maxCells: 1000 });
      expect([grid.encoding, grid.values]).toEqual([encoding, want]);
    }
  });

  test("a line longer than any table's row is refused while streaming: one long line, one long cell, a table then a long line", async () => {
    const long = (n: number) => "1,".repeat(n);
    const cases = {
      "one-line.csv": long(1_500_000),
      "one-cell.csv": `STT,Đơn vị\n1,"${"x".repeat(3_000_000)}"\n`,
      "table-then-line.csv": TABLE + "x".repeat(3_000_000) + "\n",
    };
    for (const [name, text] of Object.entries(cases)) {
      const file = path.join(dir, name);
      await fs.writeFile(file, text);
      const refusal = await readDelimitedFile(file, { sheet: "S", maxCells: 1_500_000 }).then(
        () => null,
        (err: unknown) => (err instanceof DelimitedTooBig ? err.refusal : err),
      );
      expect(refusal).toEqual({ kind: "line-too-long", line: name === "table-then-line.csv" ? 4 : name === "one-cell.csv" ? 2 : 1 });
    }
  });

  test("cells are counted as they stream: exact on a small file, estimated from the share read on a large one", async () => {
    const small = path.join(dir, "small.csv");
    await fs.writeFile(small, Array.from({ length: 300 }, (_, i) => `${i},a,b,c,d`).join("\n"));
    await expect(readDelimitedFile(small, { sheet: "S", maxCells: 1000 })).rejects.toMatchObject({ refusal: { kind: "too-many-cells", cells: 1500, rows: 300, partial: false } });
    const large = path.join(dir, "large.csv");
    await fs.writeFile(large, Array.from({ length: 1_000_000 }, (_, i) => `${i},a,b,c,d`).join("\n"));
    const refusal = await readDelimitedFile(large, { sheet: "S", maxCells: 1000 }).then(
      () => null,
      (err: DelimitedTooBig) => err.refusal,
    );
    expect(refusal).toMatchObject({ kind: "too-many-cells", partial: true });
    const cells = refusal?.kind === "too-many-cells" ? refusal.cells : 0;
    expect(cells).toBeGreaterThan(4_500_000);
    expect(cells).toBeLessThan(5_500_000);
  });
});

/** Text as Excel saves it in the Vietnamese ANSI code page: precomposed base letters (ă, ơ, Đ ...) plus combining tone marks. */
function windows1258(text: string): Buffer {
  const tones = /[\u0300\u0301\u0303\u0309\u0323]/g;
  const decomposed = [...text.normalize("NFC")].map((ch) => {
    const d = ch.normalize("NFD");
    return d.replace(tones, "").normalize("NFC") + (d.match(tones) ?? []).join("");
  });
  return iconv.encode(decomposed.join(""), "windows-1258");
}
