/** Fake ranges and range areas: values, number formats, links, merges, used range, merged and visible areas. */
import { shiftFormula } from "../../src/hosts/excel/r1c1";
import type { Rect } from "../../src/tables/grid";
import { type ContextCore, FakeClientObject } from "./client-object";
import { FakeConditionalFormatCollection } from "./conditional-formats";
import { FakeOfficeError, invalidArgument, invalidOperation } from "./errors";
import { parseAddress, type SheetState, type WorkbookState } from "./model";
import { FakeRangeFormat } from "./range-format";
import { FakeWorksheet } from "./workbook-objects";

export interface RangeTarget {
  sheet: SheetState;
  rect: Rect;
}

function cellsOf(t: RangeTarget): number {
  return (t.rect.bottom - t.rect.top + 1) * (t.rect.right - t.rect.left + 1);
}

/** Reading a whole column of a million cells is what Excel refuses too (and would exhaust the fake). */
function assertReadable(t: RangeTarget, what: string): void {
  if (cellsOf(t) > 5_000_000) throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `${what} of ${cellsOf(t)} cells`);
}

function cellValue(content: unknown): unknown {
  if (content === undefined) return "";
  if (typeof content === "object" && content !== null) {
    if ("error" in content) return (content as { error: string }).error;
    if ("formula" in content) return (content as unknown as { value: unknown }).value ?? 0;
  }
  return content;
}

function valueType(content: unknown): string {
  if (content === undefined) return "Empty";
  if (typeof content === "number") return "Double";
  if (typeof content === "boolean") return "Boolean";
  if (typeof content === "string") return "String";
  if (content && typeof content === "object" && "error" in content) return "Error";
  return valueType((content as { value: unknown }).value ?? 0);
}

function grid<V>(t: RangeTarget, at: (r: number, c: number) => V): V[][] {
  const out: V[][] = [];
  for (let r = t.rect.top; r <= t.rect.bottom; r++) {
    const row: V[] = [];
    for (let c = t.rect.left; c <= t.rect.right; c++) row.push(at(r, c));
    out.push(row);
  }
  return out;
}

export class FakeRange
  extends FakeClientObject<RangeTarget>
  implements
    Pick<
      Excel.Range,
      | "address"
      | "rowIndex"
      | "columnIndex"
      | "rowCount"
      | "columnCount"
      | "cellCount"
      | "values"
      | "numberFormat"
      | "formulas"
      | "text"
      | "valueTypes"
      | "hyperlink"
      | "merge"
      | "unmerge"
      | "select"
    >
{
  protected readonly scalarNames = [
    "address",
    "rowIndex",
    "columnIndex",
    "rowCount",
    "columnCount",
    "cellCount",
    "values",
    "numberFormat",
    "formulas",
    "text",
    "valueTypes",
    "hyperlink",
  ] as const;

  constructor(
    private readonly ctx: ContextCore,
    locate: () => RangeTarget | null,
    method: string,
    args: unknown[],
  ) {
    super(ctx, locate, { name: method, args });
  }

  /** The server range (for fakes that take a range as an argument). */
  override target(): RangeTarget {
    return super.target();
  }

  protected readScalar(t: RangeTarget, name: string): unknown {
    const { sheet, rect } = t;
    switch (name) {
      case "address":
        return sheet.address(rect);
      case "rowIndex":
        return rect.top;
      case "columnIndex":
        return rect.left;
      case "rowCount":
        return rect.bottom - rect.top + 1;
      case "columnCount":
        return rect.right - rect.left + 1;
      case "cellCount":
        return cellsOf(t);
      case "values":
        assertReadable(t, "values");
        return grid(t, (r, c) => cellValue(sheet.content(r, c)));
      case "numberFormat":
        assertReadable(t, "numberFormat");
        return grid(t, (r, c) => sheet.numberFormat(r, c));
      case "formulas":
        assertReadable(t, "formulas");
        return grid(t, (r, c) => {
          const content = sheet.content(r, c);
          return content && typeof content === "object" && "formula" in content ? content.formula : cellValue(content);
        });
      case "text":
        assertReadable(t, "text");
        return grid(t, (r, c) => String(cellValue(sheet.content(r, c))));
      case "valueTypes":
        assertReadable(t, "valueTypes");
        return grid(t, (r, c) => valueType(sheet.content(r, c)));
      case "hyperlink":
        return sheet.hyperlink(rect.top, rect.left) ?? {};
    }
    return undefined;
  }

  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    if (name === "format") return this.format;
    if (name === "worksheet") return this.worksheet;
    if (name === "conditionalFormats") return this.conditionalFormats;
    return undefined;
  }

  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get cellCount(): number {
    return this.read("cellCount");
  }
  get values(): any[][] {
    return this.read("values");
  }
  set values(values: any[][]) {
    this.queueSet("Values", values, (t) => t.sheet.setValues(t.rect, values));
  }
  get numberFormat(): any[][] {
    return this.read("numberFormat");
  }
  set numberFormat(formats: any[][]) {
    this.queueSet("NumberFormat", formats, (t) => t.sheet.setNumberFormats(t.rect, formats));
  }
  get formulas(): any[][] {
    return this.read("formulas");
  }
  set formulas(formulas: any[][]) {
    // Formulas are typed input too; a constant is stored as a constant.
    this.queueSet("Formulas", formulas, (t) => {
      for (const row of formulas) for (const f of row) if (typeof f === "string" && f.startsWith("=")) checkFormulaSheets(this.ctx.state, f);
      t.sheet.setValues(t.rect, formulas);
    });
  }
  get text(): string[][] {
    return this.read("text");
  }
  get valueTypes(): Excel.RangeValueType[][] {
    return this.read("valueTypes");
  }
  get hyperlink(): Excel.RangeHyperlink {
    return this.read("hyperlink");
  }
  set hyperlink(link: Excel.RangeHyperlink) {
    this.queueSet("Hyperlink", link, (t) => {
      if (link.documentReference !== undefined) checkDocumentReference(this.ctx.state, link.documentReference);
      t.sheet.setHyperlink(t.rect, link);
    });
  }
  get format(): FakeRangeFormat {
    return this.child("format", () => new FakeRangeFormat(this.ctx, this));
  }
  get worksheet(): FakeWorksheet {
    return this.child("worksheet", () => new FakeWorksheet(this.ctx, () => this.target().sheet, "Worksheet", []));
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return this.child("conditionalFormats", () => new FakeConditionalFormatCollection(this.ctx, this));
  }
  merge(across?: boolean): void {
    this.queueCall("Merge", [across ?? false], (t) => t.sheet.merge(t.rect, !!across));
  }
  /**
   * Range.autoFill (ExcelApi 1.9), FillCopy or FillDefault (contents and number formats) or
   * FillFormats: the destination contains this range and extends it down or right; each new cell
   * repeats the source cell it continues, a formula with its relative references moved as Excel
   * moves them. Formats are copied as the fake keeps them.
   */
  autoFill(destination: FakeRange | string, type?: string): void {
    if (type !== undefined && type !== "FillCopy" && type !== "FillDefault" && type !== "FillFormats") throw invalidArgument(`autoFill type '${type}' (the fake knows FillCopy, FillDefault and FillFormats)`);
    const formats = type === "FillFormats";
    this.queueCall("AutoFill", [destination, type], (from) => {
      const to = typeof destination === "string" ? { sheet: from.sheet, rect: parseAddress(destination) } : destination.target();
      const s = from.rect;
      const d = to.rect;
      const down = d.left === s.left && d.right === s.right && d.top === s.top && d.bottom >= s.bottom;
      const right = d.top === s.top && d.bottom === s.bottom && d.left === s.left && d.right >= s.right;
      if (to.sheet !== from.sheet || !(down || right)) throw invalidArgument("autoFill: the destination must extend the source down or right");
      from.sheet.assertEditable("autoFill");
      const height = s.bottom - s.top + 1;
      const width = s.right - s.left + 1;
      for (let r = d.top; r <= d.bottom; r++) {
        for (let c = d.left; c <= d.right; c++) {
          if (r <= s.bottom && c <= s.right) continue;
          const sr = s.top + ((r - s.top) % height);
          const sc = s.left + ((c - s.left) % width);
          const row = from.sheet.row(r);
          const format = from.sheet.row(sr).numberFormat[sc];
          if (format === undefined) delete row.numberFormat[c];
          else row.numberFormat[c] = format;
          const look = from.sheet.row(sr).format[sc];
          if (look === undefined) delete row.format[c];
          else row.format[c] = structuredClone(look);
          if (formats) continue;
          const content = from.sheet.content(sr, sc);
          if (content !== null && typeof content === "object" && "formula" in content) row.content[c] = { formula: shiftFormula(content.formula, r - sr, c - sc), value: null };
          else if (content === undefined) delete row.content[c];
          else row.content[c] = content;
        }
      }
    });
  }
  unmerge(): void {
    this.queueCall("Unmerge", [], (t) => {
      t.sheet.assertEditable("unmerge");
      t.sheet.merges = t.sheet.merges.filter((m) => m.bottom < t.rect.top || m.top > t.rect.bottom || m.right < t.rect.left || m.left > t.rect.right);
    });
  }
  select(): void {
    this.queueCall("Select", [], (t) => {
      if (t.sheet.visibility !== "Visible") throw invalidOperation("cannot select on a hidden sheet");
      this.ctx.state.activeSheetId = t.sheet.id;
      this.ctx.state.selection = { sheetId: t.sheet.id, rect: t.rect };
    });
  }
  getCell(row: number, column: number): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.target();
      return { sheet: t.sheet, rect: { top: t.rect.top + row, left: t.rect.left + column, bottom: t.rect.top + row, right: t.rect.left + column } };
    }, "GetCell", [row, column]);
  }
  getIntersectionOrNullObject(other: FakeRange | string): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.target();
      const o = typeof other === "string" ? parseAddress(other) : other.locate()?.rect;
      if (!o) return null;
      const rect = { top: Math.max(t.rect.top, o.top), left: Math.max(t.rect.left, o.left), bottom: Math.min(t.rect.bottom, o.bottom), right: Math.min(t.rect.right, o.right) };
      return rect.top <= rect.bottom && rect.left <= rect.right ? { sheet: t.sheet, rect } : null;
    }, "GetIntersectionOrNullObject", [other]);
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, () => {
      const t = this.target();
      const areas = t.sheet.mergesStartingIn(t.rect);
      return areas.length ? { sheet: t.sheet, areas } : null;
    }, "GetMergedAreasOrNullObject", []);
  }
  getSpecialCellsOrNullObject(cellType: string, _valueType?: string): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, () => {
      const t = this.target();
      if (cellType !== "Visible") throw invalidArgument(`the fake supports SpecialCellType Visible only, not '${cellType}'`);
      const areas = t.sheet.visibleAreas(t.rect);
      return areas.length ? { sheet: t.sheet, areas } : null;
    }, "GetSpecialCellsOrNullObject", [cellType]);
  }
}

/**
 * A formula may only name sheets that exist when it is written: Excel reads a missing sheet as a
 * link to another workbook (and asks the user for the file). String literals are skipped.
 */
function checkFormulaSheets(state: WorkbookState, formula: string): void {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  for (const m of code.matchAll(/'((?:[^']|'')+)'!/g)) {
    const sheet = m[1].replace(/''/g, "'");
    if (!state.sheet(sheet)) throw invalidArgument(`formula ${formula.slice(0, 60)}: no sheet '${sheet}'`);
  }
}

/** A link into the workbook must name a sheet that exists: "'Sheet'!C7" or "Sheet!C7". */
function checkDocumentReference(state: WorkbookState, reference: string): void {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?$/.exec(reference);
  if (!m) throw invalidArgument(`documentReference '${reference}'`);
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  if (m[2] !== undefined && !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet)) throw invalidArgument(`documentReference '${reference}' needs quotes`);
  if (!state.sheet(sheet)) throw invalidArgument(`documentReference '${reference}': no sheet '${sheet}'`);
}

export class FakeRangeAreas extends FakeClientObject<{ sheet: SheetState; areas: Rect[] }> implements Pick<Excel.RangeAreas, "address" | "areaCount"> {
  protected readonly scalarNames = ["address", "areaCount"] as const;
  constructor(ctx: ContextCore, locate: () => { sheet: SheetState; areas: Rect[] } | null, method: string, args: unknown[]) {
    super(ctx, locate, { name: method, args });
  }
  protected readScalar(t: { sheet: SheetState; areas: Rect[] }, name: string): unknown {
    return name === "address" ? t.areas.map((a) => t.sheet.address(a)).join(",") : t.areas.length;
  }
  get address(): string {
    return this.read("address");
  }
  get areaCount(): number {
    return this.read("areaCount");
  }
}
