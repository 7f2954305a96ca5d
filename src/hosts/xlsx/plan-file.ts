/**
 * A new .xlsx package made straight from grids (cells as read) and a SheetPlan, as SpreadsheetML
 * text zipped with fflate. Pure: no Node APIs and no ExcelJS (whose browser build needs eval, which
 * the pane's Content-Security-Policy forbids), so the task pane builds a unit's workbook with it
 * (src/report/unit-workbook.ts plans it, as for `parscore split`).
 *
 * What it writes, as write-xlsx.ts's applyPlan does: the grids' values with their number formats and
 * merges; each planned sheet's cells (text as text, never a formula; live formulas with their cached
 * results; links as HYPERLINK formulas), styles, merges, column widths, row heights, frozen panes, tab
 * colours, print setup and conditional formats; the plan's highlights on the grids' sheets; the
 * ownership names (`ParScore_Owned_<n>`); the charts, as native DrawingML charts over the sheet's
 * cells with cached values (chart-parts.ts, as charts.ts adds them to what ExcelJS wrote).
 *
 * The per-sheet pieces (plannedSheetXml, conditionalBlocks, addCharts, StyleTable) also write
 * ParScore's sheets into a user's package (write-parts.ts), one sheet at a time, with style numbers
 * placed after the user's.
 */
import { strToU8, zipSync } from "fflate";
import {
  OWNED_SHEET_NAME_PREFIX,
  finalSheetNames,
  resolveFormula,
  type CellStyle,
  type ConditionalFormat,
  type PlanCell,
  type PlannedSheet,
  type SheetPlan,
} from "../../report/plan";
import { a1, isCellError, parseA1, sheetQualified, type CellValue, type Grid } from "../../tables/grid";
import { CHART_NS, anchorXml, chartXml } from "./chart-parts";
import { fileFormula, hyperlinkFormula, xmlSafe } from "./formula-text";

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The workbook's bytes: the grids' sheets first (in order), then the plan's. */
export function planWorkbookFile(grids: readonly Grid[], plan: SheetPlan): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, xml] of planWorkbookParts(grids, plan)) files[name] = strToU8(xml);
  return zipSync(files, { level: 6 });
}

/** The package's parts as text, [Content_Types].xml first: zipped by planWorkbookFile, or by a host's own zip (the CLI's native deflate). */
export function planWorkbookParts(grids: readonly Grid[], plan: SheetPlan): [string, string][] {
  const styles = new StyleTable();
  const finalNames = finalSheetNames(plan, grids.map((g) => g.sheet));
  const sheets: { name: string; xml: string }[] = [];
  for (const grid of grids) {
    const highlights = plan.highlights.filter((h) => h.sheet === grid.sheet);
    sheets.push({ name: grid.sheet, xml: gridSheetXml(grid, highlights, styles) });
  }
  const owned: string[] = [];
  const drawings: Record<string, string> = {};
  const drawn: Drawn = { drawings: 0, charts: 0 };
  for (const planned of plan.sheets) {
    const name = finalNames.get(planned.name) ?? planned.name;
    const put = (part: string, xml: string) => (drawings[part] = xml);
    const drawing = planned.charts.length > 0 ? addCharts(put, `xl/worksheets/sheet${sheets.length + 1}.xml`, name, planned, plan.lang, drawn) : "";
    sheets.push({ name, xml: plannedSheetXml(planned, plan, finalNames, styles, drawing) });
    owned.push(name);
  }
  return [
    ["[Content_Types].xml", contentTypes(sheets.length, drawn)],
    ["_rels/.rels", relsXml([{ id: "rId1", type: "officeDocument", target: "xl/workbook.xml" }])],
    ["xl/workbook.xml", workbookXml(sheets.map((s) => s.name), owned)],
    ["xl/_rels/workbook.xml.rels", workbookRels(sheets.length)],
    ["xl/styles.xml", styles.xml()],
    ...sheets.map((sheet, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, sheet.xml]),
    ...Object.entries(drawings),
  ];
}

/** The numbers of the last drawing and chart parts written (the next ones take the numbers after). */
export interface Drawn {
  drawings: number;
  charts: number;
}

const REL_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships";

function relsXml(rels: { id: string; type: string; target: string }[]): string {
  const body = rels.map((r) => `<Relationship Id="${r.id}" Type="${REL}/${r.type}" Target="${r.target}"/>`).join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_PACKAGE}">${body}</Relationships>`;
}

/**
 * The charts of the sheet written as part `sheetPart` ("xl/worksheets/sheet3.xml"): its drawing, the
 * charts and their relationships, handed to `put` as new parts; returns the sheet's <drawing> element.
 */
export function addCharts(put: (part: string, xml: string) => void, sheetPart: string, name: string, planned: PlannedSheet, lang: "vi" | "en", drawn: Drawn): string {
  const drawing = ++drawn.drawings;
  const anchors = planned.charts.map((spec, i) => {
    const chart = ++drawn.charts;
    put(`xl/charts/chart${chart}.xml`, chartXml(spec, name, planned, lang));
    return { anchor: anchorXml(spec, `rId${i + 1}`, i + 2), rel: { id: `rId${i + 1}`, type: "chart", target: `../charts/chart${chart}.xml` } };
  });
  put(
    `xl/drawings/drawing${drawing}.xml`,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${CHART_NS.xdr}" xmlns:a="${CHART_NS.a}">${anchors.map((a) => a.anchor).join("")}</xdr:wsDr>`,
  );
  put(`xl/drawings/_rels/drawing${drawing}.xml.rels`, relsXml(anchors.map((a) => a.rel)));
  const slash = sheetPart.lastIndexOf("/");
  put(`${sheetPart.slice(0, slash)}/_rels/${sheetPart.slice(slash + 1)}.rels`, relsXml([{ id: "rId1", type: "drawing", target: `../drawings/drawing${drawing}.xml` }]));
  return `<drawing r:id="rId1"/>`;
}

/** Characters that need escaping or replacing; most cells' text has none. */
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

function esc(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return xmlSafe(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function contentTypes(sheetCount: number, drawn: Drawn): string {
  const override = (count: number, part: (n: number) => string, type: string) =>
    Array.from({ length: count }, (_, i) => `<Override PartName="/${part(i + 1)}" ContentType="${type}"/>`).join("");
  const sheets =
    override(sheetCount, (n) => `xl/worksheets/sheet${n}.xml`, "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml") +
    override(drawn.drawings, (n) => `xl/drawings/drawing${n}.xml`, "application/vnd.openxmlformats-officedocument.drawing+xml") +
    override(drawn.charts, (n) => `xl/charts/chart${n}.xml`, "application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets}</Types>`
  );
}

function workbookXml(names: readonly string[], owned: readonly string[]): string {
  const sheets = names.map((name, i) => `<sheet name="${esc(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  const marks = owned.map((name, i) => `<definedName name="${OWNED_SHEET_NAME_PREFIX}${i + 1}">${esc(sheetQualified(name, "$A$1"))}</definedName>`).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${NS}" xmlns:r="${NS_R}"><bookViews><workbookView/></bookViews>` +
    `<sheets>${sheets}</sheets>${marks ? `<definedNames>${marks}</definedNames>` : ""}<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`
  );
}

function workbookRels(sheetCount: number): string {
  const rels = Array.from({ length: sheetCount }, (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  rels.push(`<Relationship Id="rId${sheetCount + 1}" Type="${REL}/styles" Target="styles.xml"/>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`;
}

/** A sheet's cells by row and column, written in the order SpreadsheetML requires. */
class SheetCells {
  private readonly rows = new Map<number, Map<number, string>>();

  set(row: number, col: number, xml: string): void {
    let cells = this.rows.get(row);
    if (!cells) this.rows.set(row, (cells = new Map()));
    cells.set(col, xml);
  }

  xml(heights: Readonly<Record<number, number>> = {}): string {
    const rowNumbers = new Set([...this.rows.keys()].map((r) => r + 1));
    for (const r of Object.keys(heights)) rowNumbers.add(Number(r));
    const out: string[] = [];
    for (const r of [...rowNumbers].sort((a, b) => a - b)) {
      const cells = this.rows.get(r - 1);
      const height = heights[r];
      const attrs = height ? ` ht="${height}" customHeight="1"` : "";
      const body = cells ? [...cells.entries()].sort((a, b) => a[0] - b[0]).map(([, xml]) => xml).join("") : "";
      out.push(`<row r="${r}"${attrs}>${body}</row>`);
    }
    return `<sheetData>${out.join("")}</sheetData>`;
  }
}

function textCell(ref: string, style: number, text: string): string {
  return `<c r="${ref}"${styleAttr(style)} t="inlineStr"><is><t xml:space="preserve">${esc(text)}</t></is></c>`;
}

function styleAttr(style: number): string {
  return style > 0 ? ` s="${style}"` : "";
}

function gridCellXml(ref: string, value: CellValue, style: number): string | null {
  if (value === null || value === "") return null;
  if (typeof value === "number") return Number.isFinite(value) ? `<c r="${ref}"${styleAttr(style)}><v>${value}</v></c>` : null;
  if (typeof value === "boolean") return `<c r="${ref}"${styleAttr(style)} t="b"><v>${value ? 1 : 0}</v></c>`;
  if (isCellError(value)) return value.error.startsWith("#") ? `<c r="${ref}"${styleAttr(style)} t="e"><v>${esc(value.error)}</v></c>` : null;
  return textCell(ref, style, value);
}

function gridSheetXml(grid: Grid, highlights: readonly ConditionalFormat[], styles: StyleTable): string {
  const cells = new SheetCells();
  grid.values.forEach((row, r) => {
    row.forEach((value, c) => {
      const format = typeof value === "number" ? grid.formats?.[r]?.[c] : null;
      const style = format ? styles.numberFormat(format) : 0;
      const xml = gridCellXml(a1(grid.origin.row + r, grid.origin.col + c), value, style);
      if (xml) cells.set(grid.origin.row + r, grid.origin.col + c, xml);
    });
  });
  const merges = grid.merges.map((m) => `${a1(grid.origin.row + m.top, grid.origin.col + m.left)}:${a1(grid.origin.row + m.bottom, grid.origin.col + m.right)}`);
  return worksheet({ cells: cells.xml(), merges, conditional: conditionalXml(highlights, styles) });
}

/** One of the plan's sheets as a worksheet part; `drawing` is its <drawing> element (addCharts) or "". */
export function plannedSheetXml(planned: PlannedSheet, plan: Pick<SheetPlan, "styles">, finalNames: ReadonlyMap<string, string>, styles: StyleTable, drawing: string): string {
  const cells = new SheetCells();
  for (const block of planned.blocks) {
    const origin = parseA1(block.at);
    block.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (!cell) return;
        const xml = plannedCellXml(a1(origin.row + r, origin.col + c), cell, plan, finalNames, styles);
        if (xml) cells.set(origin.row + r, origin.col + c, xml);
      });
    });
  }
  const cols = planned.columnWidths
    .map((w, i) => (w > 0 ? `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>` : ""))
    .join("");
  const print = planned.print;
  return worksheet({
    sheetPr: `<sheetPr>${planned.tabColor ? `<tabColor rgb="${argb(planned.tabColor)}"/>` : ""}${print?.fitToWidth ? `<pageSetUpPr fitToPage="1"/>` : ""}</sheetPr>`,
    views: frozenView(planned.freeze),
    cols: cols ? `<cols>${cols}</cols>` : "",
    cells: cells.xml(planned.rowHeights),
    merges: planned.merges,
    conditional: conditionalXml(planned.conditionalFormats, styles),
    pageSetup: print ? `<pageSetup paperSize="9" orientation="${print.landscape ? "landscape" : "portrait"}" fitToWidth="1" fitToHeight="0"/>` : "",
    drawing,
  });
}

function plannedCellXml(ref: string, cell: PlanCell, plan: Pick<SheetPlan, "styles">, finalNames: ReadonlyMap<string, string>, styles: StyleTable): string | null {
  const v = cell.value;
  const style = cell.style ? styles.planned(plan, cell.style, v?.kind === "link") : 0;
  const s = styleAttr(style);
  if (!v) return style > 0 ? `<c r="${ref}"${s}/>` : null;
  switch (v.kind) {
    case "text":
      return textCell(ref, style, v.text);
    case "number":
      return `<c r="${ref}"${s}><v>${v.value}</v></c>`;
    case "link":
      return `<c r="${ref}"${s} t="str"><f>${esc(hyperlinkFormula(v.sheet, v.cell, v.text))}</f><v>${esc(v.text)}</v></c>`;
    case "formula": {
      const formula = esc(fileFormula(resolveFormula(v.formula, (planned) => finalNames.get(planned) ?? planned)));
      if (v.cached === null) return `<c r="${ref}"${s}><f>${formula}</f></c>`;
      if (v.cached.kind === "number") return `<c r="${ref}"${s}><f>${formula}</f><v>${v.cached.value}</v></c>`;
      return `<c r="${ref}"${s} t="str"><f>${formula}</f><v>${esc(v.cached.text)}</v></c>`;
    }
  }
}

function frozenView(freeze: PlannedSheet["freeze"]): string {
  if (!freeze || (freeze.rows <= 0 && freeze.columns <= 0)) return "";
  const pane = freeze.rows > 0 && freeze.columns > 0 ? "bottomRight" : freeze.rows > 0 ? "bottomLeft" : "topRight";
  const split = `${freeze.columns > 0 ? ` xSplit="${freeze.columns}"` : ""}${freeze.rows > 0 ? ` ySplit="${freeze.rows}"` : ""}`;
  return `<sheetViews><sheetView workbookViewId="0"><pane${split} topLeftCell="${a1(freeze.rows, freeze.columns)}" activePane="${pane}" state="frozen"/></sheetView></sheetViews>`;
}

interface WorksheetParts {
  sheetPr?: string;
  views?: string;
  cols?: string;
  cells: string;
  merges: readonly string[];
  conditional: string;
  pageSetup?: string;
  drawing?: string;
}

/** The parts in the order the schema (CT_Worksheet) requires. */
function worksheet(p: WorksheetParts): string {
  const merges = p.merges.length > 0 ? `<mergeCells count="${p.merges.length}">${p.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>` : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${NS_R}">` +
    `${p.sheetPr ?? ""}${p.views ?? ""}<sheetFormatPr defaultRowHeight="15"/>${p.cols ?? ""}${p.cells}${merges}${p.conditional}` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${p.pageSetup ?? ""}${p.drawing ?? ""}</worksheet>`
  );
}

function conditionalXml(formats: readonly ConditionalFormat[], styles: StyleTable): string {
  return conditionalBlocks(formats, styles).join("");
}

/** One <conditionalFormatting> element per format, prioritised in order from 1. */
export function conditionalBlocks(formats: readonly ConditionalFormat[], styles: StyleTable): string[] {
  return formats
    .map((cf, i) => {
      const priority = i + 1;
      const rule = cf.rule;
      let body: string;
      switch (rule.type) {
        case "formula":
          body = `<cfRule type="expression" dxfId="${styles.dxf(rule.fill, rule.fontColor)}" priority="${priority}"><formula>${esc(rule.formula)}</formula></cfRule>`;
          break;
        case "dataBar": {
          const min = rule.min !== undefined ? `<cfvo type="num" val="${rule.min}"/>` : `<cfvo type="min"/>`;
          const max = rule.max !== undefined ? `<cfvo type="num" val="${rule.max}"/>` : `<cfvo type="max"/>`;
          body = `<cfRule type="dataBar" priority="${priority}"><dataBar>${min}${max}<color rgb="${argb(rule.color)}"/></dataBar></cfRule>`;
          break;
        }
        case "colorScale": {
          const cfvo = rule.colors.length === 3 ? `<cfvo type="min"/><cfvo type="percentile" val="50"/><cfvo type="max"/>` : `<cfvo type="min"/><cfvo type="max"/>`;
          body = `<cfRule type="colorScale" priority="${priority}"><colorScale>${cfvo}${rule.colors.map((c) => `<color rgb="${argb(c)}"/>`).join("")}</colorScale></cfRule>`;
          break;
        }
      }
      return `<conditionalFormatting sqref="${cf.ref.replace(/\$/g, "")}">${body}</conditionalFormatting>`;
    });
}

function argb(rgb: string): string {
  return `FF${rgb.toUpperCase()}`;
}

/**
 * styles.xml: one cell format per distinct style, as few fonts, fills and borders as the styles need.
 * The numbers it hands out for cells and rules count from `offsets` (the user's cell and rule formats,
 * when its xml() is appended after theirs); format 0 stays 0, the workbook's default.
 */
export class StyleTable {
  constructor(private readonly offsets: { xf: number; dxf: number } = { xf: 0, dxf: 0 }) {}

  private readonly numFmts = new Map<string, number>();
  private readonly fonts = ['<font><sz val="11"/><name val="Calibri"/></font>'];
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly borders = ["<border><left/><right/><top/><bottom/><diagonal/></border>"];
  private readonly xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly dxfs: string[] = [];
  private readonly byKey = new Map<string, number>();

  private static add(list: string[], xml: string): number {
    const at = list.indexOf(xml);
    if (at >= 0) return at;
    list.push(xml);
    return list.length - 1;
  }

  private readonly byPlanKey = new Map<string, number>();

  /** The format of the plan's style `key` (looked up once per key, not per cell). */
  planned(plan: Pick<SheetPlan, "styles">, key: string, link: boolean): number {
    const memo = `${link ? "L" : "C"}${key}`;
    let index = this.byPlanKey.get(memo);
    if (index === undefined) {
      const style = plan.styles[key];
      index = style ? this.index(style, link) : 0;
      this.byPlanKey.set(memo, index);
    }
    return index;
  }

  /** The number a cell of this style is written with. */
  index(style: CellStyle, link: boolean): number {
    const local = this.local(style, link);
    return local === 0 ? 0 : local + this.offsets.xf;
  }

  private local(style: CellStyle, link: boolean): number {
    const key = `${JSON.stringify(style)}|${link}`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    let numFmtId = 0;
    if (style.numFmt && style.numFmt !== "General") {
      numFmtId = this.numFmts.get(style.numFmt) ?? 164 + this.numFmts.size;
      this.numFmts.set(style.numFmt, numFmtId);
    }
    const font =
      `<font>${style.bold ? "<b/>" : ""}${style.italic ? "<i/>" : ""}${link ? "<u/>" : ""}<sz val="${style.fontSize ?? 11}"/>` +
      `${style.fontColor ? `<color rgb="${argb(style.fontColor)}"/>` : ""}<name val="Calibri"/></font>`;
    const fontId = StyleTable.add(this.fonts, font);
    const fillId = style.fill ? StyleTable.add(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="${argb(style.fill)}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const borderId = style.border && style.border !== "none" ? StyleTable.add(this.borders, borderXml(style.border)) : 0;
    const alignment = [
      style.horizontal ? ` horizontal="${style.horizontal}"` : "",
      style.vertical ? ` vertical="${style.vertical === "middle" ? "center" : style.vertical}"` : "",
      style.wrap ? ` wrapText="1"` : "",
      style.indent ? ` indent="${style.indent}"` : "",
    ].join("");
    const applied = `${numFmtId ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}${fillId ? ' applyFill="1"' : ""}${borderId ? ' applyBorder="1"' : ""}`;
    const xf =
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}${alignment ? ' applyAlignment="1"' : ""}>` +
      `${alignment ? `<alignment${alignment}/>` : ""}</xf>`;
    const index = StyleTable.add(this.xfs, xf);
    this.byKey.set(key, index);
    return index;
  }

  numberFormat(format: string): number {
    const memo = `F${format}`;
    let index = this.byPlanKey.get(memo);
    if (index === undefined) this.byPlanKey.set(memo, (index = this.index({ numFmt: format }, false)));
    return index;
  }

  dxf(fill: string, fontColor?: string): number {
    const font = fontColor ? `<font><color rgb="${argb(fontColor)}"/></font>` : "";
    return StyleTable.add(this.dxfs, `<dxf>${font}<fill><patternFill patternType="solid"><fgColor rgb="${argb(fill)}"/><bgColor rgb="${argb(fill)}"/></patternFill></fill></dxf>`) + this.offsets.dxf;
  }

  xml(): string {
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`).join("");
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS}">` +
      `${numFmts ? `<numFmts count="${this.numFmts.size}">${numFmts}</numFmts>` : ""}` +
      `<fonts count="${this.fonts.length}">${this.fonts.join("")}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join("")}</fills>` +
      `<borders count="${this.borders.length}">${this.borders.join("")}</borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join("")}</cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
      `<dxfs count="${this.dxfs.length}">${this.dxfs.join("")}</dxfs></styleSheet>`
    );
  }
}

function borderXml(kind: Exclude<CellStyle["border"], undefined | "none">): string {
  const thin = '<color rgb="FFBFBFBF"/>';
  switch (kind) {
    case "thin":
      return `<border><left style="thin">${thin}</left><right style="thin">${thin}</right><top style="thin">${thin}</top><bottom style="thin">${thin}</bottom><diagonal/></border>`;
    case "thin-bottom":
      return `<border><left/><right/><top/><bottom style="thin">${thin}</bottom><diagonal/></border>`;
    case "medium-bottom":
      return `<border><left/><right/><top/><bottom style="medium"><color rgb="FF1F3864"/></bottom><diagonal/></border>`;
  }
}

