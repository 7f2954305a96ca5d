/**
 * The fake behaves like Office.js where the host could go wrong; these tests keep it honest.
 */
import { createFakeWorkbook, installFakeOffice, snapshot, FakeRequestContext } from "../../fake-excel";

function context(spec: Parameters<typeof createFakeWorkbook>[0]) {
  const workbook = createFakeWorkbook(spec);
  return { workbook, ctx: new FakeRequestContext(workbook) };
}

test("a property read before load and sync throws PropertyNotLoaded; after both it has the value", async () => {
  const { ctx } = context({ sheets: [{ name: "S", cells: [["a", 1]] }] });
  const range = ctx.workbook.worksheets.getItem("S").getRange("A1:B1");
  expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
  range.load("values");
  expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
  await ctx.sync();
  expect(range.values).toEqual([["a", 1]]);
  expect(() => range.numberFormat).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
});

test("writes are queued and applied in order on sync; loaded values are a copy taken then", async () => {
  const { workbook, ctx } = context({ sheets: [{ name: "S", cells: [] }] });
  const sheet = ctx.workbook.worksheets.getItem("S");
  const range = sheet.getRange("A1:B1");
  range.values = [["x", 2]];
  expect(snapshot(workbook).sheets[0].cells).toEqual({});
  range.load("values");
  range.values = [["y", 3]];
  await ctx.sync();
  expect(range.values).toEqual([["x", 2]]);
  expect(snapshot(workbook).sheets[0].cells).toEqual({ A1: { value: "y" }, B1: { value: 3 } });
});

test("values are typed input: formulas, numbers, dates, booleans and errors unless the text is prefixed or formatted as text", async () => {
  const { workbook, ctx } = context({ sheets: [{ name: "S", cells: [] }] });
  const sheet = ctx.workbook.worksheets.getItem("S");
  sheet.getRange("B1:B2").numberFormat = [["@"], ["@"]];
  sheet.getRange("A1:A8").values = [["=1+1"], ["1.10"], ["4/5"], ["TRUE"], ["#N/A"], ["'=1+1"], ["+84 912"], [null]];
  sheet.getRange("B1:B2").values = [["=1+1"], ["1.10"]];
  await ctx.sync();
  const cells = snapshot(workbook).sheets[0].cells;
  expect(cells.A1).toEqual({ value: null, formula: "=1+1" });
  expect(cells.A2.value).toBe(1.1);
  expect(typeof cells.A3.value).toBe("number");
  expect(cells.A4.value).toBe(true);
  expect(cells.A5.error).toBe("#N/A");
  expect(cells.A6).toEqual({ value: "=1+1" });
  expect(cells.A7.formula).toBe("=+84 912");
  expect(cells.A8).toBeUndefined();
  expect(cells.B1).toEqual({ value: "=1+1", numberFormat: "@" });
  expect(cells.B2).toEqual({ value: "1.10", numberFormat: "@" });
});

test("a request over 5 MB is refused whole, as Excel on the web does; sizes are recorded", async () => {
  const { workbook, ctx } = context({ sheets: [{ name: "S", cells: [] }] });
  const sheet = ctx.workbook.worksheets.getItem("S");
  const row = Array.from({ length: 100 }, () => "x".repeat(100));
  sheet.getRange("A1").values = [["small"]];
  sheet.getRangeByIndexes(0, 1, 600, 100).values = Array.from({ length: 600 }, () => row);
  await expect(ctx.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  expect(snapshot(workbook).sheets[0].cells).toEqual({});
  expect(workbook.requests[0].bytes).toBeGreaterThan(5_000_000);
  sheet.getRangeByIndexes(0, 1, 300, 100).values = Array.from({ length: 300 }, () => row);
  await ctx.sync();
  expect(workbook.requests[1].bytes).toBeLessThan(5_000_000);
  expect(workbook.requests[1].bytes).toBeGreaterThan(3_000_000);
});

test("protection is enforced: cells, formats and rules of a protected sheet; sheets of a protected workbook", async () => {
  const { ctx } = context({ sheets: [{ name: "S", cells: [["a"]], protected: true }, { name: "T", cells: [] }], protected: true });
  ctx.workbook.worksheets.getItem("S").getRange("A1").values = [["b"]];
  await expect(ctx.sync()).rejects.toMatchObject({ code: "AccessDenied" });
  ctx.workbook.worksheets.getItem("S").getRange("A1").conditionalFormats.add("Custom");
  await expect(ctx.sync()).rejects.toMatchObject({ code: "AccessDenied" });
  ctx.workbook.worksheets.add("New");
  await expect(ctx.sync()).rejects.toMatchObject({ code: "AccessDenied" });
  ctx.workbook.worksheets.getItem("T").getRange("A1").values = [["ok"]];
  await ctx.sync();
});

test("null objects are known after a sync; acting on one fails, loading from one does not", async () => {
  const { ctx } = context({ sheets: [{ name: "S", cells: [] }] });
  const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
  const used = ctx.workbook.worksheets.getItem("S").getUsedRangeOrNullObject(true);
  expect(() => missing.isNullObject).toThrow();
  used.load("address");
  await ctx.sync();
  expect(missing.isNullObject).toBe(true);
  expect(used.isNullObject).toBe(true);
  missing.delete();
  await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
});

test("a value array of the wrong shape is refused, as Office.js does", async () => {
  const { ctx } = context({ sheets: [{ name: "S", cells: [] }] });
  ctx.workbook.worksheets.getItem("S").getRange("A1:B2").values = [["only one"]];
  await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
});

test("a sheet deleted leaves its names as #REF!; names, links and rules follow Office's rules", async () => {
  const { workbook, ctx } = context({ sheets: [{ name: "S", cells: [["a"]] }, { name: "Đích", cells: [] }] });
  const target = ctx.workbook.worksheets.getItem("Đích");
  ctx.workbook.names.add("Mark", target.getRange("A1"));
  target.getRange("B2").hyperlink = { documentReference: "'S'!A1", textToDisplay: "A1" };
  await ctx.sync();
  expect(snapshot(workbook).names).toEqual([{ name: "Mark", formula: "='Đích'!$A$1" }]);
  target.getRange("B3").hyperlink = { documentReference: "'Không có'!A1", textToDisplay: "x" };
  await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
  ctx.workbook.worksheets.getItem("Đích").delete();
  await ctx.sync();
  expect(snapshot(workbook).names).toEqual([{ name: "Mark", formula: "=#REF!$A$1" }]);
});

test("installFakeOffice: Office.onReady says Excel, requirement sets follow apiVersion, Excel.run counts its syncs", async () => {
  const target: any = {};
  const workbook = createFakeWorkbook({ sheets: [{ name: "S", cells: [["a"]] }], apiVersion: "1.9" });
  const installed = installFakeOffice(target, workbook);
  expect(await target.Office.onReady()).toEqual(expect.objectContaining({ host: target.Office.HostType.Excel }));
  expect(target.Office.context.requirements.isSetSupported("ExcelApi", "1.7")).toBe(true);
  expect(target.Office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
  expect(target.Office.context.requirements.isSetSupported("ExcelApi", "1.13")).toBe(false);
  expect(target.Excel.ChartType.barClustered).toBe("BarClustered");
  const value = await target.Excel.run(async (ctx: Excel.RequestContext) => {
    const r = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1");
    r.load("values");
    await ctx.sync();
    ctx.workbook.worksheets.getActiveWorksheet().getRange("B1").values = [["left queued"]];
    return r.values[0][0];
  });
  expect(value).toBe("a");
  expect(installed.contexts).toHaveLength(1);
  expect(workbook.syncs).toBe(2);
  expect(snapshot(workbook).sheets[0].cells.B1).toEqual({ value: "left queued" });
});
