/** Fake workbook, application, protection, worksheets (with freeze panes and page layout). */
import { FakeChartCollection } from "./charts";
import { type ContextCore, FakeClientObject, FakeClientResult } from "./client-object";
import { FakeRequestContext } from "./context";
import { accessDenied, FakeOfficeError, invalidArgument, invalidOperation, itemNotFound } from "./errors";
import { MAX_COLS, MAX_ROWS, parseAddress, type SheetState, type WorkbookState } from "./model";
import { FakeNamedItemCollection, FakeTableCollection } from "./names";
import { FakeRange } from "./range";

export class FakeApplication extends FakeClientObject<WorkbookState> implements Pick<Excel.Application, "suspendApiCalculationUntilNextSync" | "suspendScreenUpdatingUntilNextSync"> {
  protected readonly scalarNames = ["calculationMode"] as const;
  constructor(private readonly ctx: FakeRequestContext) {
    super(ctx, () => ctx.state, { name: "Application" });
  }
  protected readScalar(): unknown {
    return "Automatic";
  }
  get calculationMode(): string {
    return this.read("calculationMode");
  }
  suspendApiCalculationUntilNextSync(): void {
    this.ctx._suspend("calculation");
    this.queueCall("SuspendApiCalculationUntilNextSync", [], () => undefined);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.ctx._suspend("screen");
    this.queueCall("SuspendScreenUpdatingUntilNextSync", [], () => undefined);
  }
}

export class FakeWorkbookProtection extends FakeClientObject<WorkbookState> {
  protected readonly scalarNames = ["protected"] as const;
  constructor(ctx: ContextCore) {
    super(ctx, () => ctx.state, { name: "Protection" });
  }
  protected readScalar(target: WorkbookState): unknown {
    return target.protected;
  }
  get protected(): boolean {
    return this.read("protected");
  }
}

export class FakeWorkbook extends FakeClientObject<WorkbookState> {
  protected readonly scalarNames = ["name"] as const;
  readonly application: FakeApplication;
  constructor(private readonly ctx: FakeRequestContext) {
    super(ctx, () => ctx.state, { name: "Workbook" });
    this.application = new FakeApplication(ctx);
  }
  protected readScalar(): unknown {
    return "Book1.xlsx";
  }
  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    if (name === "worksheets") return this.worksheets;
    if (name === "names") return this.names;
    if (name === "tables") return this.tables;
    if (name === "protection") return this.protection;
    return undefined;
  }
  get name(): string {
    return this.read("name");
  }
  get worksheets(): FakeWorksheetCollection {
    return this.child("worksheets", () => new FakeWorksheetCollection(this.ctx));
  }
  get names(): FakeNamedItemCollection {
    return this.child("names", () => new FakeNamedItemCollection(this.ctx));
  }
  get tables(): FakeTableCollection {
    return this.child("tables", () => new FakeTableCollection(this.ctx));
  }
  get protection(): FakeWorkbookProtection {
    return this.child("protection", () => new FakeWorkbookProtection(this.ctx));
  }
  getSelectedRange(): FakeRange {
    const state = this.ctx.state;
    return new FakeRange(this.ctx, () => {
      const sel = state.selection;
      const sheet = sel ? state.sheetById(sel.sheetId) : undefined;
      if (sel && sheet && sheet.id === state.activeSheet().id) return { sheet, rect: sel.rect };
      return { sheet: state.activeSheet(), rect: { top: 0, left: 0, bottom: 0, right: 0 } };
    }, "GetSelectedRange", []);
  }
}

function liveSheet(state: WorkbookState, sheet: SheetState): SheetState {
  if (!state.sheets.includes(sheet)) throw itemNotFound(`worksheet '${sheet.name}' was deleted`);
  return sheet;
}

export class FakeWorksheetCollection extends FakeClientObject<WorkbookState> {
  protected readonly scalarNames = [] as const;
  constructor(private readonly ctx: ContextCore) {
    super(ctx, () => ctx.state, { name: "Worksheets" });
  }
  protected readScalar(): unknown {
    return undefined;
  }
  protected override collectionItems(target: WorkbookState): FakeClientObject<unknown>[] {
    return target.sheets.map((sheet) => new FakeWorksheet(this.ctx, () => liveSheet(target, sheet), "Item", [sheet.name]));
  }
  get items(): FakeWorksheet[] {
    return this.read("items");
  }
  add(name?: string): FakeWorksheet {
    let created: SheetState | undefined;
    const sheet = new FakeWorksheet(this.ctx, () => {
      if (!created) throw invalidOperation("worksheet used before it was added");
      return liveSheet(this.ctx.state, created);
    }, "Add", [name]);
    this.queueCall("Add", [name], (state) => {
      created = state.addSheet(name);
    });
    return sheet;
  }
  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.state.requireSheet(key), "GetItem", [key]);
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.state.sheet(key) ?? null, "GetItemOrNullObject", [key]);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.state.activeSheet(), "GetActiveWorksheet", []);
  }
  getFirst(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.state.sheets[0], "GetFirst", []);
  }
  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.queueCall("GetCount", [], (state) => result._set(state.sheets.length));
    return result;
  }
}

export class FakeWorksheetProtection extends FakeClientObject<SheetState> {
  protected readonly scalarNames = ["protected"] as const;
  constructor(ctx: ContextCore, sheet: FakeWorksheet) {
    super(ctx, () => sheet.locate(), { name: "Protection" });
  }
  protected readScalar(target: SheetState): unknown {
    return target.protected;
  }
  get protected(): boolean {
    return this.read("protected");
  }
}

export class FakeWorksheet
  extends FakeClientObject<SheetState>
  implements Pick<Excel.Worksheet, "name" | "position" | "tabColor" | "visibility" | "delete" | "activate">
{
  protected readonly scalarNames = ["name", "id", "position", "visibility", "tabColor"] as const;
  constructor(
    private readonly ctx: ContextCore,
    locate: () => SheetState | null,
    method: string,
    args: unknown[],
  ) {
    super(ctx, locate, { name: method, args });
  }
  protected readScalar(target: SheetState, name: string): unknown {
    switch (name) {
      case "name":
        return target.name;
      case "id":
        return `{${String(target.id).padStart(8, "0")}-0000-0000-0000-000000000000}`;
      case "position":
        return this.ctx.state.sheets.indexOf(target);
      case "visibility":
        return target.visibility;
      case "tabColor":
        return target.tabColor;
    }
    return undefined;
  }
  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    if (name === "protection") return this.protection;
    if (name === "freezePanes") return this.freezePanes;
    if (name === "pageLayout") return this.pageLayout;
    if (name === "charts") return this.charts;
    return undefined;
  }
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.queueSet("Name", value, (sheet) => {
      if (this.ctx.state.protected) throw accessDenied("workbook structure is protected");
      if (this.ctx.state.sheet(value) && this.ctx.state.sheet(value) !== sheet) throw new FakeOfficeError("ItemAlreadyExists", value);
      sheet.name = value;
    });
  }
  get id(): string {
    return this.read("id");
  }
  get position(): number {
    return this.read("position");
  }
  set position(value: number) {
    this.queueSet("Position", value, (sheet) => {
      const sheets = this.ctx.state.sheets.filter((s) => s !== sheet);
      sheets.splice(Math.max(0, Math.min(value, sheets.length)), 0, sheet);
      this.ctx.state.sheets = sheets;
    });
  }
  get visibility(): Excel.SheetVisibility | "Visible" | "Hidden" | "VeryHidden" {
    return this.read("visibility");
  }
  set visibility(value: Excel.SheetVisibility | "Visible" | "Hidden" | "VeryHidden") {
    this.queueSet("Visibility", value, (sheet) => {
      sheet.visibility = value;
    });
  }
  get tabColor(): string {
    return this.read("tabColor");
  }
  set tabColor(value: string) {
    this.queueSet("TabColor", value, (sheet) => {
      if (value !== "" && !/^#[0-9A-Fa-f]{6}$/.test(value)) throw invalidArgument(`tabColor '${value}'`);
      sheet.tabColor = value.toUpperCase();
    });
  }
  get protection(): FakeWorksheetProtection {
    return this.child("protection", () => new FakeWorksheetProtection(this.ctx, this));
  }
  get freezePanes(): FakeFreezePanes {
    return this.child("freezePanes", () => new FakeFreezePanes(this.ctx, this));
  }
  get pageLayout(): FakePageLayout {
    return this.child("pageLayout", () => new FakePageLayout(this.ctx, this));
  }
  get charts(): FakeChartCollection {
    return this.child("charts", () => new FakeChartCollection(this.ctx, this));
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, () => {
      const sheet = this.target();
      return { sheet, rect: address === undefined || address === "" ? { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 } : parseAddress(address) };
    }, "GetRange", [address]);
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.ctx, () => {
      if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1 || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLS) {
        throw invalidArgument(`getRangeByIndexes(${startRow}, ${startColumn}, ${rowCount}, ${columnCount})`);
      }
      return { sheet: this.target(), rect: { top: startRow, left: startColumn, bottom: startRow + rowCount - 1, right: startColumn + columnCount - 1 } };
    }, "GetRangeByIndexes", [startRow, startColumn, rowCount, columnCount]);
  }
  getCell(row: number, column: number): FakeRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, () => {
      const sheet = this.target();
      return { sheet, rect: sheet.usedRect(!!valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
    }, "GetUsedRange", [valuesOnly]);
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, () => {
      const sheet = this.target();
      const rect = sheet.usedRect(!!valuesOnly);
      return rect ? { sheet, rect } : null;
    }, "GetUsedRangeOrNullObject", [valuesOnly]);
  }
  delete(): void {
    this.queueCall("Delete", [], (sheet) => this.ctx.state.deleteSheet(sheet));
  }
  activate(): void {
    this.queueCall("Activate", [], (sheet) => {
      if (sheet.visibility !== "Visible") throw invalidOperation("a hidden sheet cannot be activated");
      this.ctx.state.activeSheetId = sheet.id;
    });
  }
}

export class FakeFreezePanes extends FakeClientObject<SheetState> implements Pick<Excel.WorksheetFreezePanes, "freezeRows" | "freezeColumns" | "unfreeze"> {
  protected readonly scalarNames = [] as const;
  constructor(
    private readonly ctx: ContextCore,
    private readonly sheet: FakeWorksheet,
  ) {
    super(ctx, () => sheet.locate(), { name: "FreezePanes" });
  }
  protected readScalar(): unknown {
    return undefined;
  }
  freezeRows(count = 1): void {
    this.queueCall("FreezeRows", [count], (sheet) => {
      sheet.freeze = { rows: count, columns: 0 };
    });
  }
  freezeColumns(count = 1): void {
    this.queueCall("FreezeColumns", [count], (sheet) => {
      sheet.freeze = { rows: 0, columns: count };
    });
  }
  freezeAt(frozenRange: FakeRange | string): void {
    this.queueCall("FreezeAt", [frozenRange], (sheet) => {
      const rect = typeof frozenRange === "string" ? parseAddress(frozenRange) : frozenRange.target().rect;
      sheet.freeze = { rows: rect.bottom + 1, columns: rect.right + 1 };
    });
  }
  unfreeze(): void {
    this.queueCall("Unfreeze", [], (sheet) => {
      sheet.freeze = null;
    });
  }
  getLocationOrNullObject(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const sheet = this.sheet.locate();
      if (!sheet?.freeze) return null;
      const { rows, columns } = sheet.freeze;
      return { sheet, rect: { top: 0, left: 0, bottom: Math.max(rows, 1) - 1, right: Math.max(columns, 1) - 1 } };
    }, "GetLocationOrNullObject", []);
  }
}

export class FakePageLayout extends FakeClientObject<SheetState> implements Pick<Excel.PageLayout, "orientation" | "zoom"> {
  protected readonly scalarNames = ["orientation", "zoom"] as const;
  constructor(ctx: ContextCore, sheet: FakeWorksheet) {
    super(ctx, () => sheet.locate(), { name: "PageLayout" });
  }
  protected readScalar(target: SheetState, name: string): unknown {
    return name === "orientation" ? target.pageLayout.orientation : target.pageLayout.zoom;
  }
  get orientation(): Excel.PageOrientation | "Portrait" | "Landscape" {
    return this.read("orientation");
  }
  set orientation(value: Excel.PageOrientation | "Portrait" | "Landscape") {
    this.queueSet("Orientation", value, (sheet) => {
      sheet.pageLayout.orientation = value;
    });
  }
  get zoom(): Excel.PageLayoutZoomOptions {
    return this.read("zoom");
  }
  set zoom(value: Excel.PageLayoutZoomOptions) {
    this.queueSet("Zoom", value, (sheet) => {
      sheet.pageLayout.zoom = { ...(value as Record<string, number>) };
    });
  }
}
