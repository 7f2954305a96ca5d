/** Fake workbook-scoped names and tables. */
import { type ContextCore, FakeClientObject } from "./client-object";
import { invalidArgument, invalidOperation, itemNotFound } from "./errors";
import { type NameState, parseAddress, type TableState, type WorkbookState } from "./model";
import { FakeRange } from "./range";
import { FakeWorksheet } from "./workbook-objects";

export class FakeNamedItemCollection extends FakeClientObject<WorkbookState> {
  protected readonly scalarNames = [] as const;
  constructor(private readonly ctx: ContextCore) {
    super(ctx, () => ctx.state, { name: "Names" });
  }
  protected readScalar(): unknown {
    return undefined;
  }
  protected override collectionItems(state: WorkbookState): FakeClientObject<unknown>[] {
    return state.names.map((n) => new FakeNamedItem(this.ctx, () => n, "Item", [n.name]));
  }
  get items(): FakeNamedItem[] {
    return this.read("items");
  }
  add(name: string, reference: FakeRange | string, comment?: string): FakeNamedItem {
    let created: NameState | undefined;
    const item = new FakeNamedItem(this.ctx, () => {
      if (!created) throw invalidOperation("name used before it was added");
      return created;
    }, "Add", [name, reference, comment]);
    this.queueCall("Add", [name, reference, comment], (state) => {
      if (typeof reference === "string") {
        const m = /^=?(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(reference);
        if (!m) throw invalidArgument(`name reference '${reference}'`);
        const sheet = state.requireSheet(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]);
        created = state.addName(name, sheet, parseAddress(m[3]), comment);
      } else {
        const t = reference.target();
        created = state.addName(name, t.sheet, t.rect, comment);
      }
    });
    return item;
  }
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, () => {
      const found = this.ctx.state.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
      if (!found) throw itemNotFound(`name '${name}'`);
      return found;
    }, "GetItem", [name]);
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, () => this.ctx.state.names.find((n) => n.name.toLowerCase() === name.toLowerCase()) ?? null, "GetItemOrNullObject", [name]);
  }
}

export class FakeNamedItem extends FakeClientObject<NameState> implements Pick<Excel.NamedItem, "name" | "formula" | "comment" | "delete"> {
  protected readonly scalarNames = ["name", "formula", "type", "value", "visible", "comment"] as const;
  constructor(
    private readonly ctx: ContextCore,
    locate: () => NameState | null,
    method: string,
    args: unknown[],
  ) {
    super(ctx, locate, { name: method, args });
  }
  protected readScalar(n: NameState, name: string): unknown {
    switch (name) {
      case "name":
        return n.name;
      case "formula":
        return n.formula;
      case "type":
        return n.sheetId === null ? "Error" : "Range";
      case "value":
        return n.formula.replace(/^=/, "");
      case "visible":
        return true;
      case "comment":
        return n.comment;
    }
    return undefined;
  }
  get name(): string {
    return this.read("name");
  }
  get formula(): any {
    return this.read("formula");
  }
  get type(): string {
    return this.read("type");
  }
  get value(): string {
    return this.read("value");
  }
  get comment(): string {
    return this.read("comment");
  }
  delete(): void {
    this.queueCall("Delete", [], (n) => this.ctx.state.deleteName(n.name));
  }
}

export class FakeTableCollection extends FakeClientObject<WorkbookState> {
  protected readonly scalarNames = ["count"] as const;
  constructor(private readonly ctx: ContextCore) {
    super(ctx, () => ctx.state, { name: "Tables" });
  }
  protected readScalar(state: WorkbookState): unknown {
    return state.tables.length;
  }
  protected override collectionItems(state: WorkbookState): FakeClientObject<unknown>[] {
    return state.tables.map((t) => new FakeTable(this.ctx, () => t, "Item", [t.name]));
  }
  get items(): FakeTable[] {
    return this.read("items");
  }
  get count(): number {
    return this.read("count");
  }
  private find(name: string): TableState | undefined {
    return this.ctx.state.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }
  getItem(key: string): FakeTable {
    return new FakeTable(this.ctx, () => {
      const t = this.find(key);
      if (!t) throw itemNotFound(`table '${key}'`);
      return t;
    }, "GetItem", [key]);
  }
  getItemOrNullObject(key: string): FakeTable {
    return new FakeTable(this.ctx, () => this.find(key) ?? null, "GetItemOrNullObject", [key]);
  }
}

export class FakeTable extends FakeClientObject<TableState> implements Pick<Excel.Table, "name"> {
  protected readonly scalarNames = ["name", "id"] as const;
  constructor(
    private readonly ctx: ContextCore,
    locate: () => TableState | null,
    method: string,
    args: unknown[],
  ) {
    super(ctx, locate, { name: method, args });
  }
  protected readScalar(t: TableState, name: string): unknown {
    return name === "name" ? t.name : `${t.name}-id`;
  }
  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    return name === "worksheet" ? this.worksheet : undefined;
  }
  get name(): string {
    return this.read("name");
  }
  get id(): string {
    return this.read("id");
  }
  get worksheet(): FakeWorksheet {
    return this.child("worksheet", () => new FakeWorksheet(this.ctx, () => {
      const t = this.target();
      const sheet = this.ctx.state.sheetById(t.sheetId);
      if (!sheet) throw itemNotFound("table sheet");
      return sheet;
    }, "Worksheet", []));
  }
  getRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.target();
      const sheet = this.ctx.state.sheetById(t.sheetId);
      if (!sheet) throw itemNotFound("table sheet");
      return { sheet, rect: t.rect };
    }, "GetRange", []);
  }
}

