import { detectDelimiter, parseDelimited, readDelimitedGrid } from "../../src/hosts/csv/read-csv";

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
