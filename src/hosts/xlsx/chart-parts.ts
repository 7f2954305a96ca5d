/**
 * The DrawingML of ParScore's charts as text: the chart part (c:chartSpace, series as formulas on
 * the owning sheet with their cached values) and its anchor in the sheet's drawing. Pure (no Node
 * APIs): charts.ts adds them to a package ExcelJS wrote, plan-file.ts to the package it writes.
 */
import { parseA1 } from "../../tables/grid";
import type { ChartSpec, PlanCell, PlannedSheet } from "../../report/plan";

export const CHART_NS = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  rels: "http://schemas.openxmlformats.org/package/2006/relationships",
};
const NS = CHART_NS;

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

export type CachedValue = { kind: "number"; value: string } | { kind: "text"; text: string } | null;

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

/** The drawing's anchor of one chart: a graphicFrame over `from`..`to` naming the chart part `relId`. */
export function anchorXml(spec: ChartSpec, relId: string, shapeId: number): string {
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

function esc(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd");
}
