/**
 * Native charts in an .xlsx file that ExcelJS wrote. ExcelJS has no chart support, so after it
 * writes the workbook, this adds what Excel itself writes for a chart on a sheet:
 *
 *   xl/charts/chartN.xml            a DrawingML chart (c:chartSpace) whose series are formulas on
 *                                   the owning sheet ('Gap analysis'!$D$9:$D$16), each with its
 *                                   cached values (c:numCache / c:strCache) so viewers that do not
 *                                   recalculate still draw it
 *   xl/drawings/drawingN.xml        the sheet's drawing: one twoCellAnchor + graphicFrame a chart
 *   xl/drawings/_rels/drawingN.xml.rels, xl/worksheets/_rels/sheetK.xml.rels   the relationships
 *   <drawing r:id="..."/>           in the sheet, at the place the schema gives it
 *   [Content_Types].xml             an Override per new part
 *
 * Existing parts are kept: a sheet that already has a drawing (ExcelJS writes one for images) gets
 * its anchors appended to that drawing; new parts take numbers no part uses yet, so charts and
 * drawings put back by other post-processing stay as they are. Only the parts named above change;
 * the rest of the archive is copied byte for byte (zip.ts).
 */
import { parseA1 } from "../../tables/grid";
import { OWNED_SHEET_NAME_PREFIX, type ChartSpec, type PlanCell, type PlannedSheet } from "../../report/plan";
import { decodeXml, worksheetParts } from "./workbook-parts";
import { ZipPackage } from "./zip";

/** The charts of one written sheet: its final name in the workbook and the plan it was written from. */
export interface SheetCharts {
  sheet: string;
  planned: PlannedSheet;
  lang: "vi" | "en";
}

const NS = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  rels: "http://schemas.openxmlformats.org/package/2006/relationships",
};
const REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const REL_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";

/** How the sheet elements the schema puts before <drawing> end (or begin, for empty ones). */
const BEFORE_DRAWING_ENDS = [
  "</sheetData>", "</mergeCells>", "</conditionalFormatting>", "</dataValidations>", "</hyperlinks>", "<printOptions", "<pageMargins",
  "<pageSetup", "</headerFooter>", "</rowBreaks>", "</colBreaks>", "</customProperties>", "</cellWatches>", "</ignoredErrors>", "</smartTags>",
];
/** Sheet elements the schema puts after <drawing>: it goes before the first of them. */
const AFTER_DRAWING = ["legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

/** Adds every chart of `sheets` to the .xlsx `bytes`; returns the new archive (the same bytes when there are none). */
export function addChartsToXlsx(bytes: Buffer, sheets: readonly SheetCharts[]): Buffer {
  const withCharts = sheets.filter((s) => s.planned.charts.length > 0);
  if (withCharts.length === 0) return bytes;
  const zip = ZipPackage.read(bytes);
  const parts = worksheetParts(zip.text("xl/workbook.xml") ?? "", zip.text("xl/_rels/workbook.xml.rels") ?? "");
  const overrides = new ContentTypeOverrides(zip.text("[Content_Types].xml") ?? "");
  const partOfSheet = new Map(parts.map((p) => [p.sheet, p.part]));
  let nextChart = nextNumber(zip, /^xl\/charts\/chart(\d+)\.xml$/);
  let nextDrawing = nextNumber(zip, /^xl\/drawings\/drawing(\d+)\.xml$/);

  for (const { sheet, planned, lang } of withCharts) {
    const sheetPart = partOfSheet.get(sheet);
    if (!sheetPart) throw new Error(`charts: no sheet '${sheet}' in the written workbook`);
    let sheetXml = zip.text(sheetPart) ?? "";
    const sheetRelsPath = relsPathOf(sheetPart);
    let sheetRels = zip.text(sheetRelsPath) ?? emptyRels();

    // The sheet's drawing: the one it has, or a new one.
    let drawingPath: string;
    const existing = /<(?:\w+:)?drawing\b[^>]*\br:id="([^"]*)"/.exec(sheetXml);
    const existingTarget = existing ? relTarget(sheetRels, existing[1]) : null;
    if (existingTarget) {
      drawingPath = resolvePart(sheetPart, existingTarget);
    } else {
      drawingPath = `xl/drawings/drawing${nextDrawing++}.xml`;
      const id = freeRelId(sheetRels);
      sheetRels = addRel(sheetRels, id, REL_DRAWING, `../drawings/${basename(drawingPath)}`);
      sheetXml = insertDrawing(sheetXml, id);
      zip.set(sheetPart, sheetXml);
      zip.set(sheetRelsPath, sheetRels);
      zip.set(drawingPath, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}"></xdr:wsDr>`);
      overrides.add(`/${drawingPath}`, CT_DRAWING);
    }
    let drawing = zip.text(drawingPath) ?? "";
    const drawingRelsPath = relsPathOf(drawingPath);
    let drawingRels = zip.text(drawingRelsPath) ?? emptyRels();
    let shapeId = Math.max(1, ...[...drawing.matchAll(/<(?:\w+:)?cNvPr\b[^>]*\bid="(\d+)"/g)].map((m) => Number(m[1]))) + 1;

    const anchors: string[] = [];
    for (const spec of planned.charts) {
      const chartPath = `xl/charts/chart${nextChart++}.xml`;
      zip.set(chartPath, chartXml(spec, sheet, planned, lang));
      overrides.add(`/${chartPath}`, CT_CHART);
      const id = freeRelId(drawingRels);
      drawingRels = addRel(drawingRels, id, REL_CHART, `../charts/${basename(chartPath)}`);
      anchors.push(anchorXml(spec, id, shapeId++));
    }
    drawing = drawing.replace(/<\/(\w+:)?wsDr>\s*$/, (close) => `${anchors.join("")}${close}`);
    zip.set(drawingPath, drawing);
    zip.set(drawingRelsPath, drawingRels);
  }
  zip.set("[Content_Types].xml", overrides.xml());
  return zip.toBuffer();
}

// ---------------------------------------------------------------------------
// The chart part

/** `'Sheet name'!$D$9:$D$16`: always quoted (any name is then valid), quotes doubled. */
export function chartRangeFormula(sheet: string, range: string): string {
  const [start, end = start] = range.split(":");
  const abs = (cell: string) => cell.replace(/^\$?([A-Z]+)\$?(\d+)$/, "$$$1$$$2");
  return `'${sheet.replace(/'/g, "''")}'!${abs(start)}:${abs(end)}`;
}

export function chartXml(spec: ChartSpec, sheet: string, planned: PlannedSheet, lang: "vi" | "en"): string {
  const language = lang === "vi" ? "vi-VN" : "en-US";
  const categories = cellsOf(planned, spec.categories);
  const horizontal = spec.type === "bar";
  const line = spec.type === "line";
  const series = spec.series.map((s, i) => {
    const values = cellsOf(planned, s.values);
    const refs =
      `<c:cat><c:strRef><c:f>${esc(chartRangeFormula(sheet, spec.categories))}</c:f>${strCache(categories)}</c:strRef></c:cat>` +
      `<c:val><c:numRef><c:f>${esc(chartRangeFormula(sheet, s.values))}</c:f>${numCache(values)}</c:numRef></c:val>`;
    if (line) {
      // CT_LineSer order: idx, order, tx, spPr, marker, ..., cat, val, smooth.
      const rgb = s.color.toUpperCase();
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx>` +
        `<c:spPr><a:ln w="22225" cap="rnd"><a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill><a:round/></a:ln></c:spPr>` +
        `<c:marker><c:symbol val="circle"/><c:size val="5"/>${solidFill(rgb)}</c:marker>` +
        `${refs}<c:smooth val="0"/></c:ser>`
      );
    }
    const points =
      i === 0 && spec.highlight
        ? spec.highlight.points
            .filter((p) => p >= 0 && p < values.length)
            .map((p) => `<c:dPt><c:idx val="${p}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>${solidFill(spec.highlight!.color)}</c:dPt>`)
            .join("")
        : "";
    return (
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
      `<c:tx><c:v>${esc(s.name)}</c:v></c:tx>` +
      solidFill(s.color) +
      `<c:invertIfNegative val="0"/>${points}` +
      refs +
      `</c:ser>`
    );
  });
  const small = (size: number) =>
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"/></a:pPr><a:endParaRPr lang="${language}"/></a:p></c:txPr>`;
  const axisTitle = spec.valueAxisTitle
    ? `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900" b="0"/></a:pPr><a:r><a:rPr lang="${language}" sz="900" b="0"/><a:t>${esc(spec.valueAxisTitle)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`
    : "";
  // Bar charts list categories top-down as the sheet does (maxMin), with the value axis kept at the
  // bottom (crosses at the maximum category) and labels left of negative bars (tickLblPos low).
  const catAx =
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="${horizontal ? "maxMin" : "minMax"}"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? "l" : "b"}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="low"/>${small(categories.length > 30 ? 700 : 900)}<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? "b" : "l"}"/><c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>${axisTitle}` +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${small(900)}` +
    `<c:crossAx val="500000001"/><c:crosses val="${horizontal ? "max" : "autoZero"}"/><c:crossBetween val="between"/></c:valAx>`;
  const legend = spec.series.length > 1 ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    `<c:lang val="${language}"/><c:roundedCorners val="0"/>` +
    `<c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1100" b="1"/></a:pPr><a:r><a:rPr lang="${language}" sz="1100" b="1"/><a:t>${esc(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>` +
    (line
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series.join("")}<c:marker val="1"/><c:axId val="500000001"/><c:axId val="500000002"/></c:lineChart>`
      : `<c:barChart><c:barDir val="${horizontal ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series.join("")}` +
        `<c:gapWidth val="${spec.kind === "total-histogram" ? 10 : 60}"/><c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>`) +
    catAx +
    valAx +
    `</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr>` +
    `</c:chartSpace>`
  );
}

function solidFill(rgb: string): string {
  return `<c:spPr><a:solidFill><a:srgbClr val="${rgb.toUpperCase()}"/></a:solidFill></c:spPr>`;
}

type CachedValue = { kind: "number"; value: string } | { kind: "text"; text: string } | null;

function strCache(values: CachedValue[]): string {
  const points = values
    .map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${esc(v.kind === "number" ? v.value : v.text)}</c:v></c:pt>`))
    .join("");
  return `<c:strCache><c:ptCount val="${values.length}"/>${points}</c:strCache>`;
}

function numCache(values: CachedValue[]): string {
  const points = values
    .map((v, i) => {
      const number = v === null ? null : v.kind === "number" ? v.value : Number.isFinite(Number(v.text)) && v.text.trim() !== "" ? v.text.trim() : null;
      return number === null ? "" : `<c:pt idx="${i}"><c:v>${number}</c:v></c:pt>`;
    })
    .join("");
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${points}</c:numCache>`;
}

/** The values a one-column or one-row range of the planned sheet holds, in order. */
export function cellsOf(planned: PlannedSheet, range: string): CachedValue[] {
  const [start, end = start] = range.replace(/\$/g, "").split(":");
  const a = parseA1(start);
  const b = parseA1(end);
  const out: CachedValue[] = [];
  for (let row = Math.min(a.row, b.row); row <= Math.max(a.row, b.row); row++) {
    for (let col = Math.min(a.col, b.col); col <= Math.max(a.col, b.col); col++) out.push(cachedValue(cellAt(planned, row, col)));
  }
  return out;
}

function cellAt(planned: PlannedSheet, row: number, col: number): PlanCell | null {
  for (const block of planned.blocks) {
    const origin = parseA1(block.at);
    const cell = block.rows[row - origin.row]?.[col - origin.col];
    if (cell) return cell;
  }
  return null;
}

/** What a cell shows before any recalculation: its number or text, a link's text, a formula's cached result. */
function cachedValue(cell: PlanCell | null): CachedValue {
  const v = cell?.value as { kind: string; value?: string; text?: string; cached?: CachedValue } | null | undefined;
  if (!v) return null;
  if (v.kind === "number" && v.value !== undefined) return { kind: "number", value: v.value };
  if ((v.kind === "text" || v.kind === "link") && v.text !== undefined) return { kind: "text", text: v.text };
  if (v.cached !== undefined) return v.cached;
  return null;
}

// ---------------------------------------------------------------------------
// Drawing, relationships, content types

function anchorXml(spec: ChartSpec, relId: string, shapeId: number): string {
  const from = parseA1(spec.from);
  const to = parseA1(spec.to);
  const marker = (tag: string, col: number, row: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  // Namespaces declared on the anchor itself, so it is valid inside a drawing that uses other prefixes.
  return (
    `<xdr:twoCellAnchor xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" editAs="oneCell">` +
    marker("from", from.col, from.row) +
    // `to` is the last cell the chart covers, as in Office.js setPosition: the anchor ends after it.
    marker("to", to.col + 1, to.row + 1) +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${shapeId}" name="ParScore chart ${shapeId - 1}" descr="${esc(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="${relId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

function insertDrawing(sheetXml: string, relId: string): string {
  let xml = sheetXml;
  // The r: prefix must be bound on the worksheet (ExcelJS binds it; a hand-made sheet may not).
  if (!/<worksheet\b[^>]*\sxmlns:r=/.test(xml)) xml = xml.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS.r}"`);
  // Elements the schema puts after <drawing>, searched only past the last element that comes before
  // it: an <extLst> also appears inside conditional-format rules (data bars), earlier in the sheet.
  const floor = Math.max(0, ...BEFORE_DRAWING_ENDS.map((tag) => xml.lastIndexOf(tag)));
  let at = xml.lastIndexOf("</worksheet>");
  for (const tag of AFTER_DRAWING) {
    const i = xml.slice(floor).search(new RegExp(`<${tag}[\\s/>]`));
    if (i >= 0 && floor + i < at) at = floor + i;
  }
  return `${xml.slice(0, at)}<drawing r:id="${relId}"/>${xml.slice(at)}`;
}

function emptyRels(): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.rels}"></Relationships>`;
}

function addRel(rels: string, id: string, type: string, target: string): string {
  return rels.replace(/<\/Relationships>\s*$/, `<Relationship Id="${id}" Type="${type}" Target="${target}"/></Relationships>`);
}

function relTarget(rels: string, id: string): string | null {
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    if (/\sId="([^"]*)"/.exec(m[0])?.[1] === id) return decodeXml(/\sTarget="([^"]*)"/.exec(m[0])?.[1] ?? "") || null;
  }
  return null;
}

/** `rId<n>` that the relationships part does not use yet. */
function freeRelId(rels: string): string {
  const used = new Set([...rels.matchAll(/\sId="([^"]*)"/g)].map((m) => m[1]));
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

/**
 * [Content_Types].xml with Override elements added, written once at the end: adding them one by
 * one to the text copied it whole per chart, which took minutes for 10,000 sheets with a chart each.
 */
class ContentTypeOverrides {
  private readonly named: Set<string>;
  private readonly added: string[] = [];

  constructor(private readonly types: string) {
    this.named = new Set([...types.matchAll(/\sPartName="([^"]*)"/g)].map((m) => m[1]));
  }

  add(partName: string, contentType: string): void {
    if (this.named.has(partName)) return;
    this.named.add(partName);
    this.added.push(`<Override PartName="${partName}" ContentType="${contentType}"/>`);
  }

  xml(): string {
    return this.types.replace(/<\/Types>\s*$/, () => `${this.added.join("")}</Types>`);
  }
}

function nextNumber(zip: ZipPackage, pattern: RegExp): number {
  return Math.max(0, ...zip.names().map((n) => Number(pattern.exec(n)?.[1] ?? 0))) + 1;
}

/** "xl/worksheets/sheet3.xml" -> "xl/worksheets/_rels/sheet3.xml.rels". */
function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

function basename(part: string): string {
  return part.slice(part.lastIndexOf("/") + 1);
}

/** A relationship target relative to the part that holds it ("../drawings/drawing1.xml"), as a zip path. */
function resolvePart(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const stack = from.split("/").slice(0, -1);
  for (const piece of target.split("/")) {
    if (piece === "..") stack.pop();
    else if (piece !== "." && piece !== "") stack.push(piece);
  }
  return stack.join("/");
}

function esc(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd");
}

/**
 * The chart parts of an .xlsx file drawn on ParScore's own sheets (those a `ParScore_Owned_<n>`
 * name marks), so a check for user charts that ExcelJS would lose (preserve.ts) can leave them out:
 * a re-run replaces them anyway.
 */
export function parScoreChartParts(bytes: Buffer): Set<string> {
  let zip: ZipPackage;
  try {
    zip = ZipPackage.read(bytes);
  } catch {
    return new Set();
  }
  const owned = new Set<string>();
  for (const m of (zip.text("xl/workbook.xml") ?? "").matchAll(/<definedName\b[^>]*\bname="([^"]*)"[^>]*>([^<]*)<\/definedName>/g)) {
    if (!m[1].startsWith(OWNED_SHEET_NAME_PREFIX)) continue;
    const ref = decodeXml(m[2]).trim();
    const bang = ref.lastIndexOf("!");
    if (bang < 0) continue;
    const raw = ref.slice(0, bang);
    owned.add(raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw);
  }
  return owned.size > 0 ? chartPartsOnSheets(bytes, owned) : new Set();
}

/** The archive without the named parts (the others copied as they are). */
export function withoutParts(bytes: Buffer, parts: ReadonlySet<string>): Buffer {
  const zip = ZipPackage.read(bytes);
  for (const part of parts) zip.delete(part);
  return zip.toBuffer();
}

/** The chart parts drawn on the named sheets (through each sheet's drawing). */
export function chartPartsOnSheets(bytes: Buffer, sheetNames: ReadonlySet<string>): Set<string> {
  const zip = ZipPackage.read(bytes);
  const out = new Set<string>();
  for (const { sheet, part } of worksheetParts(zip.text("xl/workbook.xml") ?? "", zip.text("xl/_rels/workbook.xml.rels") ?? "")) {
    if (!sheetNames.has(sheet)) continue;
    const sheetXml = zip.text(part) ?? "";
    const sheetRels = zip.text(relsPathOf(part)) ?? "";
    const id = /<(?:\w+:)?drawing\b[^>]*\br:id="([^"]*)"/.exec(sheetXml)?.[1];
    const target = id ? relTarget(sheetRels, id) : null;
    if (!target) continue;
    const drawingPath = resolvePart(part, target);
    for (const m of (zip.text(relsPathOf(drawingPath)) ?? "").matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      if (!m[0].includes(REL_CHART)) continue;
      const chartTarget = decodeXml(/\sTarget="([^"]*)"/.exec(m[0])?.[1] ?? "");
      if (chartTarget) out.add(resolvePart(drawingPath, chartTarget));
    }
  }
  return out;
}
