import { cellsIn, restoreLargeValidations, setAsideLargeValidations } from "../../src/hosts/xlsx/large-validations";
import { zipEntries, zipText } from "../../src/hosts/xlsx/zip";
import { loadWorkbook, saveWorkbook, writeReport } from "../../src/hosts/xlsx/write-xlsx";
import { buildReportPlan } from "../../src/report";
import { allInputs } from "../report/fixtures";
import { DATA_SHEET, HUGE, partText, reload, snapshotUserSheets, storedZip, toBytes, userWorkbook, workbookWithHugeValidation } from "./write-helpers";

describe("data validations over huge ranges (ExcelJS expands them cell by cell)", () => {
  test("cell counts of sqref lists", () => {
    expect(cellsIn("A1")).toBe(1);
    expect(cellsIn("F2:F5 H1:I2")).toBe(8);
    expect(cellsIn(HUGE)).toBe(3 * 1048575);
  });

  test("are kept aside and written back unchanged, quickly, with the small ones still handled by ExcelJS", async () => {
    const input = await workbookWithHugeValidation();
    const started = Date.now();
    const { bytes } = await writeReport(input, buildReportPlan({ lang: "vi", tables: allInputs() }));
    expect(Date.now() - started).toBeLessThan(15_000);
    // Written part by part, the sheet is the input's, byte for byte (xr:uid and its namespace included).
    expect(partText(bytes, DATA_SHEET)).toBe(partText(input, DATA_SHEET));
    // Loaded and saved by ExcelJS, the huge one is kept aside and put back.
    const loaded = await loadWorkbook(input);
    const xml = partText(await saveWorkbook(loaded), DATA_SHEET);
    expect(xml).toContain(`sqref="${HUGE}"`);
    expect(xml).toContain("<formula1>\"Tốt,Khá,Trung bình,Yếu\"</formula1>");
    expect(xml).not.toContain("xr:uid");
    const block = /<dataValidations count="(\d+)">([\s\S]*?)<\/dataValidations>/.exec(xml);
    expect(Number(block?.[1])).toBe((block?.[2].match(/<dataValidation\b/g) ?? []).length);
    expect(block?.[2]).toContain('sqref="F2:F5"');
    // The result reads again (the huge one kept aside again) and the user's sheets are as before.
    const again = await loadWorkbook(bytes);
    expect(snapshotUserSheets(again)).toEqual(snapshotUserSheets(await reload(await toBytes(userWorkbook()))));
    expect(partText(await saveWorkbook(again), DATA_SHEET)).toContain(`sqref="${HUGE}"`);
  });

  test("a sheet without other validations gets a <dataValidations> block in schema order", () => {
    const sheet =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="r"><sheetData/>' +
      '<dataValidations count="1"><dataValidation type="whole" sqref="A1:A1048576"><formula1>0</formula1></dataValidation></dataValidations>' +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
    const book = '<workbook><sheets><sheet name="S &amp; T" sheetId="1" r:id="rId1"/></sheets></workbook>';
    const rels = '<Relationships><Relationship Id="rId1" Type="x" Target="worksheets/sheet1.xml"/></Relationships>';
    const zip = storedZip({ "xl/workbook.xml": book, "xl/_rels/workbook.xml.rels": rels, "xl/worksheets/sheet1.xml": sheet });
    const { bytes, setAside } = setAsideLargeValidations(zip);
    expect(setAside).toEqual([{ sheet: "S & T", elements: ['<dataValidation type="whole" sqref="A1:A1048576"><formula1>0</formula1></dataValidation>'] }]);
    const sheet1 = (b: Buffer): string => zipText(b, zipEntries(b).find((e) => e.name === "xl/worksheets/sheet1.xml")!);
    expect(sheet1(bytes)).not.toContain("dataValidation");
    const restored = sheet1(restoreLargeValidations(bytes, setAside));
    expect(restored).toBe(sheet);
  });

  test("workbooks without huge validations are passed through untouched", async () => {
    const bytes = await toBytes(userWorkbook());
    const result = setAsideLargeValidations(bytes);
    expect(result.setAside).toEqual([]);
    expect(result.bytes).toBe(bytes);
    expect(setAsideLargeValidations(Buffer.from("not a zip")).setAside).toEqual([]);
  });
});
