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
import { OWNED_SHEET_NAME_PREFIX, type PlannedSheet } from "../../report/plan";
import { CHART_NS as NS, anchorXml, chartXml } from "./chart-parts";
import { decodeXml, worksheetParts } from "./workbook-parts";
import { ZipPackage } from "./zip";

/** The charts of one written sheet: its final name in the workbook and the plan it was written from. */
export { cellsOf, chartRangeFormula, chartXml } from "./chart-parts";

export interface SheetCharts {
  sheet: string;
  planned: PlannedSheet;
  lang: "vi" | "en";
}

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
// Drawing, relationships, content types

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
