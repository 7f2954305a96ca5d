/**
 * ExcelJS pitfall: on reading, it expands every data-validation range cell by cell. A list
 * validation on whole columns ("F2:H1048576", common in circulated templates) becomes three
 * million objects: about 40 s and 1.5 GB of memory, or an out-of-memory crash.
 *
 * So before ExcelJS reads a workbook, validations covering more than LARGE_VALIDATION_CELLS
 * cells are taken out of the sheet XML as they are, and after ExcelJS writes, they are put back
 * into the same sheet (found by name) unchanged. Small validations go through ExcelJS as usual.
 */
import { ZipPackage } from "./zip";
import { worksheetParts } from "./workbook-parts";

export const LARGE_VALIDATION_CELLS = 20_000;

/** Raw <dataValidation> elements taken out of one sheet. */
export interface SetAsideValidations {
  sheet: string;
  elements: string[];
}

export function setAsideLargeValidations(bytes: Buffer, limit = LARGE_VALIDATION_CELLS): { bytes: Buffer; setAside: SetAsideValidations[] } {
  let zip: ZipPackage;
  try {
    zip = ZipPackage.read(bytes);
  } catch {
    return { bytes, setAside: [] };
  }
  const setAside: SetAsideValidations[] = [];
  for (const [sheet, part] of sheetParts(zip)) {
    const xml = zip.text(part);
    if (xml === undefined) continue;
    const block = /<dataValidations\b[^>]*>([\s\S]*?)<\/dataValidations>/.exec(xml);
    if (!block) continue;
    const elements = block[1].match(/<dataValidation\b(?:[^>]*\/>|[\s\S]*?<\/dataValidation>)/g) ?? [];
    const large = elements.filter((e) => cellsIn(/\ssqref="([^"]*)"/.exec(e)?.[1] ?? "") > limit);
    if (large.length === 0) continue;
    const kept = elements.filter((e) => !large.includes(e));
    const replacement = kept.length > 0 ? `<dataValidations count="${kept.length}">${kept.join("")}</dataValidations>` : "";
    zip.set(part, xml.slice(0, block.index) + replacement + xml.slice(block.index + block[0].length));
    setAside.push({ sheet, elements: large.map(stripPrefixedAttributes) });
  }
  if (setAside.length === 0) return { bytes, setAside };
  return { bytes: zip.toBuffer(), setAside };
}

export function restoreLargeValidations(bytes: Buffer, setAside: SetAsideValidations[]): Buffer {
  if (setAside.length === 0) return bytes;
  const zip = ZipPackage.read(bytes);
  const parts = sheetParts(zip);
  for (const { sheet, elements } of setAside) {
    const part = parts.get(sheet);
    let xml = part ? zip.text(part) : undefined;
    if (!part || xml === undefined) continue;
    const block = /<dataValidations\b[^>]*>([\s\S]*?)<\/dataValidations>/.exec(xml);
    if (block) {
      const count = (block[1].match(/<dataValidation\b/g) ?? []).length + elements.length;
      const merged = `<dataValidations count="${count}">${block[1]}${elements.join("")}</dataValidations>`;
      xml = xml.slice(0, block.index) + merged + xml.slice(block.index + block[0].length);
    } else {
      const at = insertionPoint(xml);
      xml = `${xml.slice(0, at)}<dataValidations count="${elements.length}">${elements.join("")}</dataValidations>${xml.slice(at)}`;
    }
    zip.set(part, xml);
  }
  return zip.toBuffer();
}

/** Where <dataValidations> goes in a worksheet: before the first element the schema puts after it. */
function insertionPoint(xml: string): number {
  const after = [
    "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
    "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing",
    "legacyDrawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
  ];
  let best = xml.lastIndexOf("</worksheet>");
  for (const tag of after) {
    const i = xml.search(new RegExp(`<${tag}[\\s/>]`));
    if (i >= 0 && i < best) best = i;
  }
  return best;
}

/** Attributes like xr:uid need a namespace the rewritten sheet may not declare. */
function stripPrefixedAttributes(element: string): string {
  return element.replace(/^<dataValidation\b[^>]*>/, (open) => open.replace(/\s[A-Za-z_][\w.-]*:[\w.-]+="[^"]*"/g, ""));
}

/** Number of cells in a space-separated list of A1 ranges. */
export function cellsIn(sqref: string): number {
  let total = 0;
  for (const token of sqref.trim().split(/\s+/)) {
    const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(token);
    if (!m) continue;
    const c1 = letters(m[1]);
    const r1 = Number(m[2]);
    const c2 = m[3] ? letters(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) : r1;
    total += (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
  }
  return total;
}

function letters(s: string): number {
  let n = 0;
  for (const ch of s) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** sheet name -> zip part ("xl/worksheets/sheet1.xml"). */
function sheetParts(zip: ZipPackage): Map<string, string> {
  return new Map(worksheetParts(zip.text("xl/workbook.xml") ?? "", zip.text("xl/_rels/workbook.xml.rels") ?? "").map((w) => [w.sheet, w.part]));
}
