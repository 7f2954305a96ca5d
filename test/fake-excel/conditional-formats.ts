/** Fake conditional formats: custom formula rules, data bars, colour scales, in priority order. */
import { type ContextCore, FakeClientObject, FakeClientResult } from "./client-object";
import { FakeOfficeError, invalidArgument, invalidOperation, itemNotFound } from "./errors";
import { type ConditionalFormatState, type SheetState } from "./model";
import { FakeRange, type RangeTarget } from "./range";
import { checkColor } from "./range-format";

interface CfTarget {
  sheet: SheetState;
  cf: ConditionalFormatState;
}

function liveRule(t: CfTarget): CfTarget {
  if (!t.sheet.conditionalFormats.includes(t.cf)) throw itemNotFound("conditional format was deleted");
  return t;
}

export class FakeConditionalFormatCollection extends FakeClientObject<RangeTarget> {
  protected readonly scalarNames = [] as const;
  constructor(
    private readonly ctx: ContextCore,
    private readonly range: FakeRange,
  ) {
    super(ctx, () => range.locate(), { name: "ConditionalFormats" });
  }
  protected readScalar(): unknown {
    return undefined;
  }
  protected override collectionItems(t: RangeTarget): FakeClientObject<unknown>[] {
    return t.sheet.conditionalFormatsIn(t.rect).map((cf) => new FakeConditionalFormat(this.ctx, () => liveRule({ sheet: t.sheet, cf }), "Item", [cf.id]));
  }
  get items(): FakeConditionalFormat[] {
    return this.read("items");
  }
  add(type: string): FakeConditionalFormat {
    let created: CfTarget | undefined;
    const cf = new FakeConditionalFormat(this.ctx, () => {
      if (!created) throw invalidOperation("conditional format used before it was added");
      return liveRule(created);
    }, "Add", [type]);
    this.queueCall("Add", [type], (t) => {
      t.sheet.assertEditable("conditional format");
      if (!["Custom", "DataBar", "ColorScale", "CellValue", "IconSet", "TopBottom", "PresetCriteria", "ContainsText"].includes(type)) throw invalidArgument(`conditional format type '${type}'`);
      const state: ConditionalFormatState = { id: this.ctx.state.newId(), type, rect: { ...t.rect }, stopIfTrue: false };
      if (type === "Custom") state.custom = { formula: "" };
      if (type === "DataBar") state.dataBar = {};
      if (type === "ColorScale") state.colorScale = {};
      // New rules go on top (priority 0), as in Excel.
      t.sheet.conditionalFormats.unshift(state);
      created = { sheet: t.sheet, cf: state };
    });
    return cf;
  }
  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.queueCall("GetCount", [], (t) => result._set(t.sheet.conditionalFormatsIn(t.rect).length));
    return result;
  }
  clearAll(): void {
    this.queueCall("ClearAll", [], (t) => {
      t.sheet.assertEditable("conditional formats");
      const gone = new Set(t.sheet.conditionalFormatsIn(t.rect));
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((cf) => !gone.has(cf));
    });
  }
}

export class FakeConditionalFormat extends FakeClientObject<CfTarget> implements Pick<Excel.ConditionalFormat, "priority" | "stopIfTrue" | "delete"> {
  protected readonly scalarNames = ["type", "priority", "stopIfTrue", "id"] as const;
  constructor(
    private readonly ctx: ContextCore,
    locate: () => CfTarget | null,
    method: string,
    args: unknown[],
  ) {
    super(ctx, locate, { name: method, args });
  }
  protected readScalar(t: CfTarget, name: string): unknown {
    switch (name) {
      case "type":
        return t.cf.type;
      case "priority":
        return t.sheet.conditionalFormats.indexOf(t.cf);
      case "stopIfTrue":
        return t.cf.stopIfTrue;
      case "id":
        return String(t.cf.id);
    }
    return undefined;
  }
  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    if (name === "custom") return this.custom;
    if (name === "customOrNullObject") return this.customOrNullObject;
    if (name === "dataBar") return this.dataBar;
    if (name === "colorScale") return this.colorScale;
    return undefined;
  }
  get type(): string {
    return this.read("type");
  }
  get id(): string {
    return this.read("id");
  }
  get priority(): number {
    return this.read("priority");
  }
  set priority(value: number) {
    this.queueSet("Priority", value, (t) => {
      t.sheet.assertEditable("conditional format");
      const list = t.sheet.conditionalFormats.filter((cf) => cf !== t.cf);
      list.splice(Math.max(0, Math.min(value, list.length)), 0, t.cf);
      t.sheet.conditionalFormats = list;
    });
  }
  get stopIfTrue(): boolean {
    return this.read("stopIfTrue");
  }
  set stopIfTrue(value: boolean) {
    this.queueSet("StopIfTrue", value, (t) => {
      t.cf.stopIfTrue = value;
    });
  }
  private typed(type: string, orNull: boolean): () => CfTarget | null {
    return () => {
      const t = this.locate();
      if (t === null) return null;
      if (t.cf.type !== type) {
        if (orNull) return null;
        throw invalidOperation(`the conditional format is ${t.cf.type}, not ${type}`);
      }
      return t;
    };
  }
  get custom(): FakeCustomConditionalFormat {
    return this.child("custom", () => new FakeCustomConditionalFormat(this.ctx, this.typed("Custom", false), "Custom"));
  }
  get customOrNullObject(): FakeCustomConditionalFormat {
    return this.child("customOrNullObject", () => new FakeCustomConditionalFormat(this.ctx, this.typed("Custom", true), "CustomOrNullObject"));
  }
  get dataBar(): FakeDataBarConditionalFormat {
    return this.child("dataBar", () => new FakeDataBarConditionalFormat(this.ctx, this.typed("DataBar", false)));
  }
  get colorScale(): FakeColorScaleConditionalFormat {
    return this.child("colorScale", () => new FakeColorScaleConditionalFormat(this.ctx, this.typed("ColorScale", false)));
  }
  delete(): void {
    this.queueCall("Delete", [], (t) => {
      t.sheet.assertEditable("conditional format");
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((cf) => cf !== t.cf);
    });
  }
  getRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.target();
      return { sheet: t.sheet, rect: t.cf.rect };
    }, "GetRange", []);
  }
}

export class FakeCustomConditionalFormat extends FakeClientObject<CfTarget> {
  protected readonly scalarNames = [] as const;
  constructor(
    private readonly ctx: ContextCore,
    locate: () => CfTarget | null,
    name: string,
  ) {
    super(ctx, locate, { name });
  }
  protected readScalar(): unknown {
    return undefined;
  }
  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    if (name === "rule") return this.rule;
    if (name === "format") return this.format;
    return undefined;
  }
  get rule(): FakeConditionalFormatRule {
    return this.child("rule", () => new FakeConditionalFormatRule(this.ctx, this));
  }
  get format(): FakeConditionalRangeFormat {
    return this.child("format", () => new FakeConditionalRangeFormat(this.ctx, this));
  }
}

export class FakeConditionalFormatRule extends FakeClientObject<CfTarget> implements Pick<Excel.ConditionalFormatRule, "formula"> {
  protected readonly scalarNames = ["formula"] as const;
  constructor(ctx: ContextCore, parent: FakeCustomConditionalFormat) {
    super(ctx, () => parent.locate(), { name: "Rule" });
  }
  protected readScalar(t: CfTarget): unknown {
    return t.cf.custom?.formula ?? "";
  }
  get formula(): string {
    return this.read("formula");
  }
  set formula(value: string) {
    this.queueSet("Formula", value, (t) => {
      t.sheet.assertEditable("conditional format");
      if (!value.startsWith("=")) throw invalidArgument(`a rule formula starts with "=": '${value}'`);
      t.cf.custom = { ...(t.cf.custom ?? { formula: "" }), formula: value };
    });
  }
}

export class FakeConditionalRangeFormat extends FakeClientObject<CfTarget> {
  protected readonly scalarNames = [] as const;
  readonly fill: { color: string };
  readonly font: { color: string; bold: boolean };
  constructor(ctx: ContextCore, parent: FakeCustomConditionalFormat) {
    super(ctx, () => parent.locate(), { name: "Format" });
    const set = (name: string, value: unknown, apply: (custom: NonNullable<ConditionalFormatState["custom"]>) => void) =>
      this.queueSet(name, value, (t) => {
        t.sheet.assertEditable("conditional format");
        t.cf.custom = t.cf.custom ?? { formula: "" };
        apply(t.cf.custom);
      });
    this.fill = {
      get color(): string {
        throw new FakeOfficeError("PropertyNotLoaded", "fake: conditional fill colour is write-only here; use snapshot()");
      },
      set color(value: string) {
        set("Fill.Color", value, (c) => (c.fill = checkColor(value)));
      },
    };
    this.font = {
      get color(): string {
        throw new FakeOfficeError("PropertyNotLoaded", "fake: conditional font is write-only here; use snapshot()");
      },
      set color(value: string) {
        set("Font.Color", value, (c) => (c.fontColor = checkColor(value)));
      },
      get bold(): boolean {
        throw new FakeOfficeError("PropertyNotLoaded", "fake: conditional font is write-only here; use snapshot()");
      },
      set bold(value: boolean) {
        set("Font.Bold", value, (c) => (c.bold = value));
      },
    };
  }
  protected readScalar(): unknown {
    return undefined;
  }
}

export class FakeDataBarConditionalFormat extends FakeClientObject<CfTarget> implements Pick<Excel.DataBarConditionalFormat, "lowerBoundRule" | "upperBoundRule"> {
  protected readonly scalarNames = ["lowerBoundRule", "upperBoundRule"] as const;
  readonly positiveFormat: { fillColor: string };
  constructor(ctx: ContextCore, locate: () => CfTarget | null) {
    super(ctx, locate, { name: "DataBar" });
    const setFill = (value: string) =>
      this.queueSet("PositiveFormat.FillColor", value, (t) => {
        t.cf.dataBar = { ...(t.cf.dataBar ?? {}), fillColor: checkColor(value) };
      });
    this.positiveFormat = {
      get fillColor(): string {
        throw new FakeOfficeError("PropertyNotLoaded", "fake: data bar colour is write-only here; use snapshot()");
      },
      set fillColor(value: string) {
        setFill(value);
      },
    };
  }
  protected readScalar(t: CfTarget, name: string): unknown {
    return (t.cf.dataBar as Record<string, unknown> | undefined)?.[name] ?? null;
  }
  get lowerBoundRule(): Excel.ConditionalDataBarRule {
    return this.read("lowerBoundRule");
  }
  set lowerBoundRule(rule: Excel.ConditionalDataBarRule) {
    this.queueSet("LowerBoundRule", rule, (t) => {
      t.cf.dataBar = { ...(t.cf.dataBar ?? {}), lowerBoundRule: { ...rule } };
    });
  }
  get upperBoundRule(): Excel.ConditionalDataBarRule {
    return this.read("upperBoundRule");
  }
  set upperBoundRule(rule: Excel.ConditionalDataBarRule) {
    this.queueSet("UpperBoundRule", rule, (t) => {
      t.cf.dataBar = { ...(t.cf.dataBar ?? {}), upperBoundRule: { ...rule } };
    });
  }
}

export class FakeColorScaleConditionalFormat extends FakeClientObject<CfTarget> implements Pick<Excel.ColorScaleConditionalFormat, "criteria"> {
  protected readonly scalarNames = ["criteria"] as const;
  constructor(ctx: ContextCore, locate: () => CfTarget | null) {
    super(ctx, locate, { name: "ColorScale" });
  }
  protected readScalar(t: CfTarget): unknown {
    return t.cf.colorScale?.criteria ?? null;
  }
  get criteria(): Excel.ConditionalColorScaleCriteria {
    return this.read("criteria");
  }
  set criteria(value: Excel.ConditionalColorScaleCriteria) {
    this.queueSet("Criteria", value, (t) => {
      if (!value.minimum || !value.maximum) throw invalidArgument("a colour scale needs a minimum and a maximum");
      t.cf.colorScale = { criteria: JSON.parse(JSON.stringify(value)) };
    });
  }
}
