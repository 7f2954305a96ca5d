/**
 * The Office.js host's pure parts: request-size accounting and packing, Office addresses,
 * cell values, style rectangles, sheet names.
 */
import { BatchExecutor, countRequests, jsonBytes, rowJsonBytes, rowsJsonBytes, utf8Length } from "../../../src/hosts/excel/batches";
import { areaRect, sheetOfNameFormula, splitAreas, splitSheet } from "../../../src/hosts/excel/addresses";
import { dateText, isDateFormat, toCellValue, toGridFormat } from "../../../src/hosts/excel/cell-values";
import { styleRects, numberFormatArray, numberFormatBytes } from "../../../src/hosts/excel/cell-styles";
import { finalSheetNames, findSheet } from "../../../src/hosts/excel/ownership";
import { cellInput, columnWidthPoints, documentReference } from "../../../src/hosts/excel/write-sheet";
import { isParScoreFormula } from "../../../src/hosts/excel/highlights";
import type { PlanCell } from "../../../src/report";

describe("request sizes", () => {
  test("UTF-8 bytes, as the request travels: Vietnamese letters are 2-3 bytes", () => {
    expect(utf8Length("abc")).toBe(3);
    expect(utf8Length("Huế")).toBe(5);
    expect(utf8Length("điểm")).toBe(7);
    expect(utf8Length("😀")).toBe(4);
    expect(jsonBytes([["Huế", 8.5, null]])).toBe(new TextEncoder().encode(JSON.stringify([["Huế", 8.5, null]])).length);
    // A chunk's JSON is megabytes: counted as the platform's encoder would.
    const long = "điểm Huế 😀 0,57 ".repeat(20_000);
    expect(long.length).toBeGreaterThan(65_536);
    expect(utf8Length(long)).toBe(new TextEncoder().encode(long).length);
  });

  test("rows weighed without building their JSON weigh what their JSON weighs", () => {
    const rows: unknown[][] = [
      ["Huế", 8.5, null, -0.25, 1e21, 1 / 3, true, false, "", "0,57", "😀 điểm"],
      ['say "hi"', "a\\b", "tab\tnew\nline\r", "\u0001\u001f", "\b\f", NaN, Infinity, undefined],
      [],
      [{ text: "an entity" }, ["nested"], 0, -0],
    ];
    expect(rowsJsonBytes(rows)).toBe(jsonBytes(rows));
    for (const row of rows) expect(rowJsonBytes(row)).toBe(jsonBytes(row));
    expect(rowsJsonBytes([])).toBe(jsonBytes([]));
  });

  test("greedy packing: a request is sent when the next piece would not fit", () => {
    expect(countRequests([], 10)).toBe(0);
    expect(countRequests([4, 4, 4], 10)).toBe(2);
    expect(countRequests([10, 1], 10)).toBe(2);
    expect(countRequests([3, 3, 3, 1], 10)).toBe(1);
  });

  test("the executor syncs once per full request and once at the end, never per piece", async () => {
    let syncs = 0;
    const log: string[] = [];
    const context = { sync: async () => void (syncs += 1, log.push("sync")) } as unknown as Excel.RequestContext;
    const executor = new BatchExecutor(context, { maxBytes: 100, onRequestStart: () => log.push("start") });
    for (let i = 0; i < 10; i++) await executor.add({ bytes: 30, run: () => log.push(`piece ${i}`) });
    await executor.flush();
    expect(syncs).toBe(countRequests(new Array(10).fill(30), 100));
    expect(syncs).toBe(4);
    expect(executor.largestRequest).toBe(90);
    expect(log.slice(0, 6)).toEqual(["start", "piece 0", "piece 1", "piece 2", "sync", "start"]);
    await expect(executor.add({ bytes: 101, run: () => undefined })).rejects.toThrow(RangeError);
  });

  test("an aborted signal stops the executor at the next request boundary", async () => {
    const controller = new AbortController();
    const context = { sync: async () => controller.abort() } as unknown as Excel.RequestContext;
    const executor = new BatchExecutor(context, { maxBytes: 10, signal: controller.signal });
    await executor.add({ bytes: 6, run: () => undefined });
    await expect(executor.add({ bytes: 6, run: () => undefined })).rejects.toMatchObject({ code: "cancelled" });
  });

  test("a request Excel refuses as too large becomes HostError('too-large')", async () => {
    const context = { sync: async () => Promise.reject(Object.assign(new Error("big"), { code: "RequestPayloadSizeLimitExceeded" })) } as unknown as Excel.RequestContext;
    const executor = new BatchExecutor(context, { maxBytes: 10 });
    await executor.add({ bytes: 6, run: () => undefined });
    await expect(executor.flush()).rejects.toMatchObject({ code: "too-large" });
  });
});

describe("Office addresses", () => {
  test("areas split at commas outside quoted sheet names", () => {
    expect(splitAreas("Sheet1!A1:B2,Sheet1!D4")).toEqual(["Sheet1!A1:B2", "Sheet1!D4"]);
    expect(splitAreas("'a,b'!A1:B2,'a,b'!C3")).toEqual(["'a,b'!A1:B2", "'a,b'!C3"]);
    expect(splitAreas("")).toEqual([]);
  });

  test("sheet names come unquoted, doubled quotes undone", () => {
    expect(splitSheet("'TT Huế'!A1:F18")).toEqual({ sheet: "TT Huế", range: "A1:F18" });
    expect(splitSheet("'It''s'!$A$1")).toEqual({ sheet: "It's", range: "$A$1" });
    expect(splitSheet("A1")).toEqual({ sheet: null, range: "A1" });
    expect(areaRect("'x!y'!B2:C3")).toEqual({ top: 1, left: 1, bottom: 2, right: 2 });
    expect(areaRect("Sheet1!A:A")).toBeNull();
  });

  test("a marker name's sheet, or none once the sheet is gone", () => {
    expect(sheetOfNameFormula("='Phân tích điểm trừ'!$A$1")).toBe("Phân tích điểm trừ");
    expect(sheetOfNameFormula("=Ranking!$A$1")).toBe("Ranking");
    expect(sheetOfNameFormula("=#REF!$A$1")).toBeNull();
  });
});

describe("cell values", () => {
  test("as the user sees them", () => {
    expect(toCellValue("", null)).toBeNull();
    expect(toCellValue("8,75", null)).toBe("8,75");
    expect(toCellValue(8.75, "0.00")).toBe(8.75);
    expect(toCellValue(true, null)).toBe(true);
    expect(toCellValue("#DIV/0!", null)).toEqual({ error: "#DIV/0!" });
    expect(toCellValue(45292, "dd/mm/yyyy")).toBe("01/01/2024");
    expect(toCellValue(45292.5, "d/m/yyyy h:mm")).toBe("01/01/2024 12:00");
    expect(toCellValue(0.75, "h:mm")).toBe("18:00");
    expect(toCellValue(0.8619, "0.00%")).toBe(0.8619);
  });

  test("date formats are told from number formats with letters in quotes or brackets", () => {
    expect(isDateFormat("dd/mm/yyyy")).toBe(true);
    expect(isDateFormat("[$-42A]dd mmmm yyyy")).toBe(true);
    expect(isDateFormat('0.00 "điểm"')).toBe(false);
    expect(isDateFormat("[Red]0.00")).toBe(false);
    expect(isDateFormat("General")).toBe(false);
    expect(isDateFormat("0.00E+00")).toBe(false);
    expect(dateText(61, "dd/mm/yyyy")).toBe("01/03/1900");
    expect(toGridFormat("General")).toBeNull();
    expect(toGridFormat("@")).toBe("@");
  });
});

describe("writing", () => {
  test("text Excel would parse gets an apostrophe prefix, plain words do not; numbers as numbers, empty left alone", () => {
    expect(cellInput({ value: { kind: "text", text: "=1+1" } })).toBe("'=1+1");
    for (const text of ["+84 912", "-", "@x", "1.10", "4/5", "4(12)", "8:30", "TRUE", "sai", "#N/A", "'quoted"]) {
      expect(cellInput({ value: { kind: "text", text } })).toBe(`'${text}`);
    }
    expect(cellInput({ value: { kind: "text", text: "Công tác chỉ đạo, điều hành" } })).toBe("Công tác chỉ đạo, điều hành");
    expect(cellInput({ value: { kind: "text", text: "Sai sót" } })).toBe("Sai sót");
    expect(cellInput({ value: { kind: "number", value: "8.35" } })).toBe(8.35);
    expect(cellInput({ value: { kind: "link", text: "C7", sheet: "S", cell: "C7" } })).toBe("'C7");
    expect(cellInput({ value: null, style: "x" })).toBeNull();
    expect(cellInput(null)).toBeNull();
    expect(documentReference("It's", "C7")).toBe("'It''s'!C7");
    expect(columnWidthPoints(10)).toBe(56.25);
  });

  test("style rectangles: runs along rows, stacked while the rows below repeat them", () => {
    const c = (style: string, link = false): PlanCell => ({ value: link ? { kind: "link", text: "A1", sheet: "S", cell: "A1" } : null, style });
    const rows: (PlanCell | null)[][] = [
      [c("th"), c("th"), c("th")],
      [c("name"), c("num"), c("num")],
      [c("name"), c("num"), c("num")],
      [c("name"), c("num"), c("link", true)],
      [null, c("num")],
    ];
    const rects = styleRects(rows, 0, rows.length);
    expect(rects).toEqual(
      expect.arrayContaining([
        { top: 0, left: 0, rows: 1, cols: 3, style: "th", link: false },
        { top: 1, left: 1, rows: 2, cols: 2, style: "num", link: false },
        { top: 1, left: 0, rows: 3, cols: 1, style: "name", link: false },
        { top: 3, left: 2, rows: 1, cols: 1, style: "link", link: true },
      ]),
    );
    const covered = rects.reduce((n, r) => n + r.rows * r.cols, 0);
    expect(covered).toBe(rows.flat().filter(Boolean).length);
    expect(numberFormatBytes("0.00", 3, 2)).toBe(jsonBytes(numberFormatArray("0.00", 3, 2)));
  });

  test("ParScore's sheet names avoid the user's, renumbering the plan's own ' (2)' from the base", () => {
    expect(finalSheetNames(["Xếp hạng", "Xếp hạng (2)"], ["Dữ liệu"])).toEqual(["Xếp hạng", "Xếp hạng (2)"]);
    expect(finalSheetNames(["Xếp hạng", "Xếp hạng (2)"], ["xếp hạng"])).toEqual(["Xếp hạng (2)", "Xếp hạng (3)"]);
    expect(findSheet([{ name: "TT Huế" }], "tt huế")).toEqual({ name: "TT Huế" });
  });

  test("ParScore's rules are told by the marker, whatever the spacing", () => {
    expect(isParScoreFormula('=AND(N("ParScore")=0,C3<8.5)')).toBe(true);
    expect(isParScoreFormula('=AND(N( "ParScore" ) = 0, C3<8.5)')).toBe(true);
    expect(isParScoreFormula("=C3>10")).toBe(false);
    expect(isParScoreFormula(undefined)).toBe(false);
  });
});
