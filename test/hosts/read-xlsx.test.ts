import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { readXlsxGrids } from "../../src/hosts/xlsx/read-xlsx";
import { recogniseGrid } from "../../src/tables/recognise";

async function workbookBuffer(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("readXlsxGrids", () => {
  test("values as the user sees them: cached formula results, rich text, errors, dates, booleans, hyperlinks", async () => {
    const buffer = await workbookBuffer((wb) => {
      const ws = wb.addWorksheet("Giá trị");
      ws.getCell("A1").value = 8.75;
      ws.getCell("B1").value = "8,75";
      ws.getCell("C1").value = { formula: "A1*2", result: 17.5 } as ExcelJS.CellFormulaValue;
      ws.getCell("D1").value = { richText: [{ text: "Điểm " }, { font: { bold: true }, text: "tối đa" }] };
      ws.getCell("A2").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
      ws.getCell("B2").value = { formula: "1/0", result: { error: "#DIV/0!" } } as unknown as ExcelJS.CellFormulaValue;
      ws.getCell("C2").value = new Date(Date.UTC(2019, 11, 31));
      ws.getCell("D2").value = true;
      ws.getCell("A3").value = { text: "Cổng DVC", hyperlink: "https://dichvucong.gov.vn" };
      ws.getCell("B3").value = { formula: "B1&\"\"", result: "8,75" } as ExcelJS.CellFormulaValue;
      ws.getCell("C3").value = { formula: "NOW()" } as ExcelJS.CellFormulaValue;
    });
    const [g] = await readXlsxGrids(buffer);
    expect(g.sheet).toBe("Giá trị");
    expect(g.origin).toEqual({ row: 0, col: 0 });
    expect(g.values).toEqual([
      [8.75, "8,75", 17.5, "Điểm tối đa"],
      [{ error: "#N/A" }, { error: "#DIV/0!" }, "31/12/2019", true],
      ["Cổng DVC", "8,75", null, null],
    ]);
  });

  test("used range, merges, number formats, hidden rows and columns, bold and indent; one grid per sheet", async () => {
    const buffer = await workbookBuffer((wb) => {
      const ws = wb.addWorksheet("Bảng");
      ws.getCell("C3").value = "Năm 2019";
      ws.mergeCells("C3:D3");
      ws.getCell("C4").value = 8;
      ws.getCell("C4").numFmt = "0.00";
      ws.getCell("D4").value = "Lĩnh vực";
      ws.getCell("D4").font = { bold: true };
      ws.getCell("D5").value = "Tiêu chí";
      ws.getCell("D5").alignment = { indent: 2 };
      ws.getRow(5).hidden = true;
      ws.getColumn(5).hidden = true;
      ws.getCell("E5").value = "ẩn";
      wb.addWorksheet("Trống");
      wb.addWorksheet("Hai").getCell("A1").value = "x";
    });
    const grids = await readXlsxGrids(buffer);
    expect(grids.map((g) => g.sheet)).toEqual(["Bảng", "Trống", "Hai"]);
    const g = grids[0];
    expect(g.origin).toEqual({ row: 2, col: 2 });
    expect(g.values).toEqual([
      ["Năm 2019", null, null],
      [8, "Lĩnh vực", null],
      [null, "Tiêu chí", "ẩn"],
    ]);
    expect(g.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
    expect(g.formats?.[1][0]).toBe("0.00");
    expect(g.bold?.[1][1]).toBe(true);
    expect(g.bold?.[2][1]).toBe(false);
    expect(g.indent?.[2][1]).toBe(2);
    expect(g.hiddenRows).toEqual([2]);
    expect(g.hiddenCols).toEqual([2]);
    expect(grids[1].values).toEqual([]);
  });

  test("reads from a file path; a percent-formatted index reads as a percentage", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "parscore-")), "xep-hang.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Xếp hạng");
    ws.addRow(["STT", "Tên đơn vị", "Tổng điểm", "Chỉ số (%)", "Xếp hạng"]);
    ws.addRow([1, "Sở A", 86.19, 0.8619, "4(12)"]);
    ws.getCell("D2").numFmt = "0.00%";
    await wb.xlsx.writeFile(file);
    const grids = await readXlsxGrids(file);
    const rec = recogniseGrid(grids[0]);
    const col = rec.tables[0].scorecard.columns[0];
    expect(col.unit).toBe("Sở A");
    expect(col.publishedTotal?.value?.toString()).toBe("86.19");
    expect(col.indicators?.indexPercent.toString()).toBe("86.19");
    expect(col.publishedRanks.get("")).toEqual({ rank: 4, tieCount: 12, location: { sheet: "Xếp hạng", cell: "E2" } });
  });
});
