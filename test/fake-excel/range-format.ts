/** Fake range formats: alignment, wrap, indent, column widths, row heights, fill, font, borders. */
import type { Rect } from "../../src/tables/grid";
import { type ContextCore, FakeClientObject } from "./client-object";
import { invalidArgument } from "./errors";
import { type CellFormat, DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT } from "./model";
import { FakeRange, type RangeTarget } from "./range";

function uniform<V>(t: RangeTarget, at: (r: number, c: number) => V): V | null {
  let first: V | undefined;
  let seen = false;
  for (let r = t.rect.top; r <= Math.min(t.rect.bottom, t.rect.top + 100_000); r++) {
    for (let c = t.rect.left; c <= Math.min(t.rect.right, t.rect.left + 1_000); c++) {
      const v = at(r, c);
      if (!seen) {
        first = v;
        seen = true;
      } else if (v !== first) return null;
    }
  }
  return first ?? null;
}

const SIDES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"] as const;
type Side = (typeof SIDES)[number];

export class FakeRangeFormat
  extends FakeClientObject<RangeTarget>
  implements Pick<Excel.RangeFormat, "columnWidth" | "rowHeight" | "horizontalAlignment" | "verticalAlignment" | "wrapText" | "indentLevel">
{
  protected readonly scalarNames = ["columnWidth", "rowHeight", "horizontalAlignment", "verticalAlignment", "wrapText", "indentLevel"] as const;
  constructor(
    private readonly ctx: ContextCore,
    private readonly range: FakeRange,
  ) {
    super(ctx, () => range.locate(), { name: "Format" });
  }
  protected readScalar(t: RangeTarget, name: string): unknown {
    switch (name) {
      case "columnWidth": {
        const widths = new Set<number>();
        for (let c = t.rect.left; c <= Math.min(t.rect.right, t.rect.left + 1000); c++) widths.add(t.sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH);
        return widths.size === 1 ? [...widths][0] : null;
      }
      case "rowHeight": {
        const heights = new Set<number>();
        for (let r = t.rect.top; r <= Math.min(t.rect.bottom, t.rect.top + 100_000); r++) heights.add(t.sheet.rowHeights.get(r) ?? DEFAULT_ROW_HEIGHT);
        return heights.size === 1 ? [...heights][0] : null;
      }
      case "horizontalAlignment":
        return uniform(t, (r, c) => t.sheet.format(r, c)?.horizontalAlignment ?? "General");
      case "verticalAlignment":
        return uniform(t, (r, c) => t.sheet.format(r, c)?.verticalAlignment ?? "Bottom");
      case "wrapText":
        return uniform(t, (r, c) => t.sheet.format(r, c)?.wrapText ?? false);
      case "indentLevel":
        return uniform(t, (r, c) => t.sheet.format(r, c)?.indentLevel ?? 0);
    }
    return undefined;
  }
  protected override navigation(name: string): FakeClientObject<unknown> | undefined {
    if (name === "fill") return this.fill;
    if (name === "font") return this.font;
    if (name === "borders") return this.borders;
    return undefined;
  }
  /** Queues a change to the cells' format records. */
  _update(name: string, value: unknown, change: (old: CellFormat) => CellFormat): void {
    this.queueSet(name, value, (t) => t.sheet.updateFormats(t.rect, (old) => change(old ?? {})));
  }
  get fill(): FakeRangeFill {
    return this.child("fill", () => new FakeRangeFill(this.ctx, this));
  }
  get font(): FakeRangeFont {
    return this.child("font", () => new FakeRangeFont(this.ctx, this));
  }
  get borders(): FakeRangeBorderCollection {
    return this.child("borders", () => new FakeRangeBorderCollection(this.ctx, this));
  }
  get columnWidth(): number {
    return this.read("columnWidth");
  }
  set columnWidth(points: number) {
    this.queueSet("ColumnWidth", points, (t) => {
      t.sheet.assertEditable("columnWidth");
      if (!(points >= 0 && points <= 255 * 7.5)) throw invalidArgument(`columnWidth ${points}`);
      for (let c = t.rect.left; c <= t.rect.right; c++) t.sheet.columnWidths.set(c, points);
    });
  }
  get rowHeight(): number {
    return this.read("rowHeight");
  }
  set rowHeight(points: number) {
    this.queueSet("RowHeight", points, (t) => {
      t.sheet.assertEditable("rowHeight");
      if (!(points >= 0 && points <= 409)) throw invalidArgument(`rowHeight ${points}`);
      for (let r = t.rect.top; r <= t.rect.bottom; r++) t.sheet.rowHeights.set(r, points);
    });
  }
  get horizontalAlignment(): Excel.HorizontalAlignment | "General" | "Left" | "Center" | "Right" | "Fill" | "Justify" | "CenterAcrossSelection" | "Distributed" {
    return this.read("horizontalAlignment");
  }
  set horizontalAlignment(value: Excel.HorizontalAlignment | "General" | "Left" | "Center" | "Right" | "Fill" | "Justify" | "CenterAcrossSelection" | "Distributed") {
    this._update("HorizontalAlignment", value, (old) => ({ ...old, horizontalAlignment: value }));
  }
  get verticalAlignment(): Excel.VerticalAlignment | "Top" | "Center" | "Bottom" | "Justify" | "Distributed" {
    return this.read("verticalAlignment");
  }
  set verticalAlignment(value: Excel.VerticalAlignment | "Top" | "Center" | "Bottom" | "Justify" | "Distributed") {
    this._update("VerticalAlignment", value, (old) => ({ ...old, verticalAlignment: value }));
  }
  get wrapText(): boolean {
    return this.read("wrapText");
  }
  set wrapText(value: boolean) {
    this._update("WrapText", value, (old) => ({ ...old, wrapText: value }));
  }
  get indentLevel(): number {
    return this.read("indentLevel");
  }
  set indentLevel(value: number) {
    this._update("IndentLevel", value, (old) => ({ ...old, indentLevel: value }));
  }
}

export function checkColor(value: string): string {
  if (!/^#[0-9A-Fa-f]{6}$/.test(value)) throw invalidArgument(`color '${value}'`);
  return value.toUpperCase();
}

export class FakeRangeFill extends FakeClientObject<RangeTarget> implements Pick<Excel.RangeFill, "color"> {
  protected readonly scalarNames = ["color"] as const;
  constructor(
    ctx: ContextCore,
    private readonly format: FakeRangeFormat,
  ) {
    super(ctx, () => format.locate(), { name: "Fill" });
  }
  protected readScalar(t: RangeTarget): unknown {
    return uniform(t, (r, c) => t.sheet.format(r, c)?.fill ?? "#FFFFFF");
  }
  get color(): string {
    return this.read("color");
  }
  set color(value: string) {
    this.format._update("Fill.Color", value, (old) => ({ ...old, fill: checkColor(value) }));
  }
}

export class FakeRangeFont extends FakeClientObject<RangeTarget> implements Pick<Excel.RangeFont, "bold" | "italic" | "color" | "size" | "underline" | "name"> {
  protected readonly scalarNames = ["bold", "italic", "color", "size", "underline", "name"] as const;
  constructor(
    ctx: ContextCore,
    private readonly format: FakeRangeFormat,
  ) {
    super(ctx, () => format.locate(), { name: "Font" });
  }
  protected readScalar(t: RangeTarget, name: string): unknown {
    const defaults: Record<string, unknown> = { bold: false, italic: false, color: "#000000", size: 11, underline: "None", name: "Calibri" };
    return uniform(t, (r, c) => (t.sheet.format(r, c) as Record<string, unknown> | undefined)?.[name] ?? defaults[name]);
  }
  get bold(): boolean {
    return this.read("bold");
  }
  set bold(value: boolean) {
    this.format._update("Font.Bold", value, (old) => ({ ...old, bold: value }));
  }
  get italic(): boolean {
    return this.read("italic");
  }
  set italic(value: boolean) {
    this.format._update("Font.Italic", value, (old) => ({ ...old, italic: value }));
  }
  get color(): string {
    return this.read("color");
  }
  set color(value: string) {
    this.format._update("Font.Color", value, (old) => ({ ...old, color: checkColor(value) }));
  }
  get size(): number {
    return this.read("size");
  }
  set size(value: number) {
    this.format._update("Font.Size", value, (old) => ({ ...old, size: value }));
  }
  get underline(): Excel.RangeUnderlineStyle | "None" | "Single" | "Double" | "SingleAccountant" | "DoubleAccountant" {
    return this.read("underline");
  }
  set underline(value: Excel.RangeUnderlineStyle | "None" | "Single" | "Double" | "SingleAccountant" | "DoubleAccountant") {
    this.format._update("Font.Underline", value, (old) => ({ ...old, underline: value }));
  }
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.format._update("Font.Name", value, (old) => ({ ...old, name: value }));
  }
}

export class FakeRangeBorderCollection extends FakeClientObject<RangeTarget> {
  protected readonly scalarNames = [] as const;
  constructor(
    private readonly ctx: ContextCore,
    private readonly format: FakeRangeFormat,
  ) {
    super(ctx, () => format.locate(), { name: "Borders" });
  }
  protected readScalar(): unknown {
    return undefined;
  }
  getItem(index: Side): FakeRangeBorder {
    if (!SIDES.includes(index)) throw invalidArgument(`border index '${index}'`);
    return new FakeRangeBorder(this.ctx, this.format, index);
  }
}

type BorderPart = "style" | "weight" | "color";

/** Sets one part of a side's line on the cells that side draws on. */
function borderChange(rect: Rect, side: Side, part: BorderPart, value: string) {
  const setPart = (line: string | undefined): string => {
    const [style = "Continuous", weight = "Thin", color = "#000000"] = (line ?? "").split("/").filter(Boolean);
    const parts: Record<BorderPart, string> = { style, weight, color };
    parts[part] = value;
    return `${parts.style}/${parts.weight}/${parts.color}`;
  };
  // Which cells, and which of their edges, a side means.
  const targets: { rect: Rect; edge: keyof CellFormat }[] = [];
  switch (side) {
    case "EdgeTop":
      targets.push({ rect: { ...rect, bottom: rect.top }, edge: "borderTop" });
      break;
    case "EdgeBottom":
      targets.push({ rect: { ...rect, top: rect.bottom }, edge: "borderBottom" });
      break;
    case "EdgeLeft":
      targets.push({ rect: { ...rect, right: rect.left }, edge: "borderLeft" });
      break;
    case "EdgeRight":
      targets.push({ rect: { ...rect, left: rect.right }, edge: "borderRight" });
      break;
    case "InsideHorizontal":
      if (rect.bottom > rect.top) {
        targets.push({ rect: { ...rect, bottom: rect.bottom - 1 }, edge: "borderBottom" });
        targets.push({ rect: { ...rect, top: rect.top + 1 }, edge: "borderTop" });
      }
      break;
    case "InsideVertical":
      if (rect.right > rect.left) {
        targets.push({ rect: { ...rect, right: rect.right - 1 }, edge: "borderRight" });
        targets.push({ rect: { ...rect, left: rect.left + 1 }, edge: "borderLeft" });
      }
      break;
  }
  return { targets, change: (edge: keyof CellFormat) => (old: CellFormat | undefined): CellFormat => ({ ...old, [edge]: setPart(old?.[edge] as string | undefined) }) };
}

export class FakeRangeBorder extends FakeClientObject<RangeTarget> implements Pick<Excel.RangeBorder, "style" | "weight" | "color"> {
  protected readonly scalarNames = ["style", "weight", "color", "sideIndex"] as const;
  constructor(
    ctx: ContextCore,
    format: FakeRangeFormat,
    private readonly side: Side,
  ) {
    super(ctx, () => format.locate(), { name: "GetItem", args: [side] });
  }
  protected readScalar(t: RangeTarget, name: string): unknown {
    if (name === "sideIndex") return this.side;
    const edge = ({ EdgeTop: "borderTop", EdgeBottom: "borderBottom", EdgeLeft: "borderLeft", EdgeRight: "borderRight", InsideHorizontal: "borderBottom", InsideVertical: "borderRight" } as const)[this.side];
    const line = uniform(t, (r, c) => t.sheet.format(r, c)?.[edge] ?? "None/Thin/#000000");
    if (line === null) return null;
    const [style, weight, color] = line.split("/");
    return { style, weight, color }[name as BorderPart];
  }
  private set(part: BorderPart, value: string): void {
    this.queueSet(part, value, (t) => {
      const { targets, change } = borderChange(t.rect, this.side, part, part === "color" ? checkColor(value) : value);
      for (const target of targets) t.sheet.updateFormats(target.rect, change(target.edge));
    });
  }
  get style(): Excel.BorderLineStyle | "None" | "Continuous" | "Dash" | "DashDot" | "DashDotDot" | "Dot" | "Double" | "SlantDashDot" {
    return this.read("style");
  }
  set style(value: Excel.BorderLineStyle | "None" | "Continuous" | "Dash" | "DashDot" | "DashDotDot" | "Dot" | "Double" | "SlantDashDot") {
    this.set("style", value);
  }
  get weight(): Excel.BorderWeight | "Hairline" | "Thin" | "Medium" | "Thick" {
    return this.read("weight");
  }
  set weight(value: Excel.BorderWeight | "Hairline" | "Thin" | "Medium" | "Thick") {
    this.set("weight", value);
  }
  get color(): string {
    return this.read("color");
  }
  set color(value: string) {
    this.set("color", value);
  }
}
