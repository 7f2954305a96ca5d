/**
 * Writing ParScore's report into a user's .xlsx at the level of the zip package: the user's workbook
 * is never loaded and re-serialised. ExcelJS builds ParScore's own sheets (and the highlight rules)
 * in a scratch workbook whose first sheets are empty stand-ins named like the user's; then
 *
 * - each of ParScore's sheets becomes a new part of the user's package (strings inline, style and
 *   rule-format numbers moved past the user's, which are appended to the end of styles.xml);
 * - xl/workbook.xml gets a <sheet> and a marker name per sheet, its relationships and
 *   [Content_Types].xml an entry per part;
 * - a sheet that gets highlights gets the <conditionalFormatting> elements inserted, byte for byte
 *   as the rest of it was;
 * - a re-run first takes out what the previous run added (its sheets, parts, names and rules).
 *
 * Every other part is copied as it was compressed (zip.ts): cells ExcelJS would change (control
 * characters written _x0007_, a hidden empty row, charts, pivot tables, macros ...) stay exactly as
 * they were. Packages this writer does not know how to change (no workbook relationships, a
 * macro-enabled workbook, XML with namespace prefixes) return null and go the ExcelJS way.
 */
import ExcelJS from "exceljs";
import { HIGHLIGHT_MARKER, OWNED_SHEET_NAME_PREFIX, type SheetPlan } from "../../report/plan";
import { sheetQualified } from "../../tables/grid";
import { type ApplyResult, shareStyles } from "./write-xlsx";
import { decodeXml } from "./workbook-parts";
import { attr } from "./xml-stream";
import { ZipPackage } from "./zip";

const REL_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

export interface PartsWritten {
  bytes: Buffer;
  result: ApplyResult;
  /** ParScore's sheets in the output, by final name, for the charts to be added to. */
  sheets: { name: string; index: number }[];
}

interface SheetEntry {
  /** The whole <sheet .../> element as written. */
  element: string;
  name: string;
  relId: string;
  part: string;
}

/** Thrown inside when the package is one this writer leaves to ExcelJS. */
class NotForParts extends Error {}

/**
 * The user's workbook `input` plus the plan's sheets and highlights, or null when the package is not
 * one to change part by part. `build` applies the plan to the scratch workbook (write-xlsx.ts's applyPlan).
 */
export async function writePlanAsParts(
  input: Buffer,
  plan: SheetPlan,
  build: (scratch: ExcelJS.Workbook, plan: SheetPlan) => ApplyResult,
  options: PartsOptions = {},
): Promise<PartsWritten | null> {
  try {
    return await writeParts(input, plan, build, options);
  } catch (err) {
    if (err instanceof NotForParts) return null;
    throw err;
  }
}

export interface PartsOptions {
  /**
   * The output is an .xlsm: a macro-enabled workbook keeps its content type and vbaProject.bin
   * (copied like every user part). An .xlsx name cannot carry macros (Excel refuses the file), so
   * without this a macro-enabled workbook is not written part by part.
   */
  macros?: boolean;
}

async function writeParts(input: Buffer, plan: SheetPlan, build: (scratch: ExcelJS.Workbook, plan: SheetPlan) => ApplyResult, options: PartsOptions): Promise<PartsWritten> {
  const zip = ZipPackage.read(input);
  const need = (name: string): string => {
    const text = zip.text(name);
    if (text === undefined) throw new NotForParts(`no ${name}`);
    return text;
  };
  let workbookXml = need("xl/workbook.xml");
  let relsXml = need("xl/_rels/workbook.xml.rels");
  let types = need("[Content_Types].xml");
  if (/<\w+:workbook\b/.test(workbookXml) || (!options.macros && /macroEnabled/i.test(types)) || !/<sheets\b/.test(workbookXml)) throw new NotForParts("workbook");

  const rels = parseRels(relsXml);
  const sheetsOf = (xml: string): SheetEntry[] =>
    [...xml.matchAll(/<sheet\b[^>]*?\/?>/g)].map((m) => {
      const relId = attr(m[0], "r:id") ?? "";
      const rel = rels.get(relId);
      return { element: m[0], name: decodeXml(attr(m[0], "name") ?? ""), relId, part: rel ? rel.part : "" };
    });

  // 1. What the previous run added goes: its sheets (marked by a defined name), their parts and names.
  const owned = ownedSheetNames(workbookXml);
  const before = sheetsOf(workbookXml);
  const removedSheets = before.filter((s) => owned.has(s.name));
  const removedIndex = new Set(removedSheets.map((s) => before.indexOf(s)));
  for (const s of removedSheets) {
    for (const part of partsOfSheet(zip, s.part)) {
      zip.delete(part);
      types = types.replace(new RegExp(`<Override\\b[^>]*PartName="/${escapeRegExp(part)}"[^>]*/>`), "");
    }
    workbookXml = workbookXml.replace(s.element, "");
    relsXml = relsXml.replace(new RegExp(`<Relationship\\b[^>]*\\bId="${escapeRegExp(s.relId)}"[^>]*/>`), "");
  }
  workbookXml = renumberNames(workbookXml, before.length, removedIndex);
  if (removedSheets.length > 0) {
    // Excel rebuilds the calculation chain; one naming removed sheets makes it repair the file.
    const chain = [...rels.values()].find((r) => r.type.endsWith("/calcChain"));
    if (chain) {
      zip.delete(chain.part);
      relsXml = relsXml.replace(new RegExp(`<Relationship\\b[^>]*\\bId="${escapeRegExp(chain.id)}"[^>]*/>`), "");
      types = types.replace(new RegExp(`<Override\\b[^>]*PartName="/${escapeRegExp(chain.part)}"[^>]*/>`), "");
    }
    workbookXml = workbookXml.replace(/(<workbookView\b[^>]*?)\sactiveTab="\d+"/, "$1").replace(/(<workbookView\b[^>]*?)\sfirstSheet="\d+"/, "$1");
  }
  const userSheets = sheetsOf(workbookXml);

  // ParScore's highlight rules on the user's sheets go too.
  let rulesRemoved = 0;
  for (const s of userSheets) {
    const xml = s.part ? zip.text(s.part) : undefined;
    if (xml === undefined || !xml.includes("ParScore")) continue;
    const { xml: cleaned, removed } = withoutParScoreRules(xml);
    if (removed > 0) {
      zip.set(s.part, cleaned);
      rulesRemoved += removed;
    }
  }

  // 2. ParScore's sheets, built by ExcelJS next to stand-ins for the user's sheets.
  const scratch = new ExcelJS.Workbook();
  try {
    for (const s of userSheets) scratch.addWorksheet(s.name);
  } catch {
    throw new NotForParts("a sheet name ExcelJS refuses");
  }
  const result = build(scratch, plan);
  shareStyles(scratch);
  result.removed = { sheets: removedSheets.map((s) => s.name), rules: rulesRemoved };
  // Stored, not deflated: its parts are read back here at once, and only ours are deflated (natively) into the output.
  const scratchZip = ZipPackage.read(Buffer.from(await scratch.xlsx.writeBuffer({ zip: { compression: "STORE" } })));
  const scratchRels = parseRels(scratchZip.text("xl/_rels/workbook.xml.rels") ?? "");
  const scratchSheets = [...(scratchZip.text("xl/workbook.xml") ?? "").matchAll(/<sheet\b[^>]*?\/?>/g)].map((m) => ({
    name: decodeXml(attr(m[0], "name") ?? ""),
    part: scratchRels.get(attr(m[0], "r:id") ?? "")?.part ?? "",
  }));
  const strings = sharedStringItems(scratchZip.text("xl/sharedStrings.xml") ?? "");

  // 3. Styles: ParScore's formats appended after the user's.
  const stylesRel = [...parseRels(relsXml).values()].find((r) => r.type.endsWith("/styles"));
  const userStyles = stylesRel ? zip.text(stylesRel.part) : undefined;
  if (!stylesRel || userStyles === undefined || /<\w+:styleSheet\b/.test(userStyles)) throw new NotForParts("styles");
  const merged = mergeStyles(userStyles, scratchZip.text("xl/styles.xml") ?? "");
  zip.set(stylesRel.part, merged.xml);

  // 4. New sheet parts, relationships, content types and marker names.
  let nextSheetId = Math.max(0, ...[...workbookXml.matchAll(/<sheet\b[^>]*\bsheetId="(\d+)"/g)].map((m) => Number(m[1]))) + 1;
  let nextPart = 1;
  const partTaken = (n: number) => zip.has(`xl/worksheets/sheet${n}.xml`);
  const relIds = new Set([...relsXml.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
  let nextRel = 1;
  const newSheetElements: string[] = [];
  const names: string[] = [];
  const written: { name: string; index: number }[] = [];
  result.sheets.forEach((name, k) => {
    const source = scratchSheets.find((s) => s.name === name);
    const xml = source ? scratchZip.text(source.part) : undefined;
    if (!source || xml === undefined) throw new Error(`the scratch workbook has no sheet '${name}'`);
    if (scratchZip.has(relsPath(source.part))) throw new NotForParts("a ParScore sheet with relationships");
    while (partTaken(nextPart)) nextPart++;
    const part = `xl/worksheets/sheet${nextPart}.xml`;
    zip.set(part, ownSheetXml(xml, strings, merged.xfOffset, merged.dxfOffset));
    while (relIds.has(`rId${nextRel}`)) nextRel++;
    const relId = `rId${nextRel}`;
    relIds.add(relId);
    relsXml = relsXml.replace(/<\/Relationships>\s*$/, `<Relationship Id="${relId}" Type="${REL_WORKSHEET}" Target="${part.slice("xl/".length)}"/></Relationships>`);
    types = types.replace(/<\/Types>\s*$/, `<Override PartName="/${part}" ContentType="${CT_WORKSHEET}"/></Types>`);
    newSheetElements.push(`<sheet name="${escapeAttr(name)}" sheetId="${nextSheetId++}" r:id="${relId}"/>`);
    names.push(`<definedName name="${OWNED_SHEET_NAME_PREFIX}${k + 1}">${escapeText(sheetQualified(name, "$A$1"))}</definedName>`);
    written.push({ name, index: userSheets.length + k });
  });
  workbookXml = addSheetsAndNames(workbookXml, newSheetElements, names);

  // 5. Highlights on the user's sheets, from the stand-ins.
  userSheets.forEach((s, i) => {
    const standIn = scratchSheets[i];
    const standInXml = standIn ? scratchZip.text(standIn.part) : undefined;
    if (standInXml?.includes("x14:conditionalFormatting")) throw new NotForParts("rules ExcelJS writes as an extension");
    const blocks = standInXml ? conditionalBlocks(standInXml) : [];
    if (blocks.length === 0) return;
    const xml = zip.text(s.part);
    if (xml === undefined) throw new NotForParts(`no part for sheet '${s.name}'`);
    zip.set(s.part, insertRules(xml, blocks, merged.dxfOffset));
  });

  zip.set("xl/workbook.xml", workbookXml);
  zip.set("xl/_rels/workbook.xml.rels", relsXml);
  zip.set("[Content_Types].xml", types);
  return { bytes: zip.toBuffer(), result, sheets: written };
}

// --- relationships and names ------------------------------------------------------------------

function parseRels(xml: string): Map<string, { id: string; type: string; part: string }> {
  const out = new Map<string, { id: string; type: string; part: string }>();
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (!id || target === undefined || attr(m[0], "TargetMode") === "External") continue;
    const decoded = decodeXml(target);
    const part = decoded.startsWith("/") ? decoded.slice(1) : normalise(`xl/${decoded}`);
    out.set(id, { id, type: attr(m[0], "Type") ?? "", part });
  }
  return out;
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

function relsPath(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

/** A sheet's part with what hangs off it and no other part shares: its relationships, drawing, charts. */
function partsOfSheet(zip: ZipPackage, part: string): string[] {
  const out = [part];
  const queue = [part];
  while (queue.length > 0) {
    const from = queue.shift() as string;
    const relsName = relsPath(from);
    const xml = zip.text(relsName);
    if (xml === undefined) continue;
    out.push(relsName);
    const dir = from.slice(0, from.lastIndexOf("/"));
    for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
      const target = attr(m[0], "Target");
      if (!target || attr(m[0], "TargetMode") === "External") continue;
      const decoded = decodeXml(target);
      const to = decoded.startsWith("/") ? decoded.slice(1) : normalise(`${dir}/${decoded}`);
      // Only what ParScore itself hangs on its sheets: drawings and their charts.
      if (/^xl\/(drawings|charts)\//.test(to) && zip.has(to) && !out.includes(to)) {
        out.push(to);
        queue.push(to);
      }
    }
  }
  return out;
}

function ownedSheetNames(workbookXml: string): Set<string> {
  const owned = new Set<string>();
  for (const m of workbookXml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)) {
    if (!(attr(m[1], "name") ?? "").startsWith(OWNED_SHEET_NAME_PREFIX)) continue;
    const range = decodeXml(m[2]).trim();
    const bang = range.lastIndexOf("!");
    if (bang < 0) continue;
    const raw = range.slice(0, bang);
    owned.add(raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw);
  }
  return owned;
}

/**
 * Takes out every ParScore marker name, and the names local to removed sheets; the local names of
 * the sheets after a removed one follow it down (localSheetId counts sheets in order).
 */
function renumberNames(workbookXml: string, sheetCount: number, removed: ReadonlySet<number>): string {
  const shift: number[] = [];
  let gone = 0;
  for (let i = 0; i < sheetCount; i++) {
    shift.push(gone);
    if (removed.has(i)) gone++;
  }
  return workbookXml
    .replace(/<definedName\b([^>]*)>[^<]*<\/definedName>/g, (whole: string, attrs: string) => {
      if ((attr(attrs, "name") ?? "").startsWith(OWNED_SHEET_NAME_PREFIX)) return "";
      const local = attr(attrs, "localSheetId");
      if (local === undefined || removed.size === 0) return whole;
      const i = Number(local);
      if (removed.has(i)) return "";
      return shift[i] ? whole.replace(/\blocalSheetId="\d+"/, `localSheetId="${i - shift[i]}"`) : whole;
    })
    .replace(/<definedNames>\s*<\/definedNames>|<definedNames\/>/, "");
}

/** The new <sheet> elements at the end of <sheets>, the marker names at the end of <definedNames>. */
function addSheetsAndNames(workbookXml: string, sheets: string[], names: string[]): string {
  let xml = workbookXml.replace(/<\/sheets>/, `${sheets.join("")}</sheets>`);
  if (names.length === 0) return xml;
  if (/<\/definedNames>/.test(xml)) return xml.replace(/<\/definedNames>/, `${names.join("")}</definedNames>`);
  // definedNames comes after sheets, functionGroups and externalReferences (CT_Workbook).
  const after = /<\/externalReferences>|<externalReferences\/>|<functionGroups\b[^>]*\/>|<\/functionGroups>|<\/sheets>/g;
  let at = -1;
  for (const m of xml.matchAll(after)) at = Math.max(at, (m.index ?? 0) + m[0].length);
  xml = `${xml.slice(0, at)}<definedNames>${names.join("")}</definedNames>${xml.slice(at)}`;
  return xml;
}

// --- sheets -----------------------------------------------------------------------------------

/** The <si> items of a shared-strings part, as written (inner XML). */
function sharedStringItems(xml: string): string[] {
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => m[1] ?? "");
}

/** One of ParScore's sheets as it goes into the user's package: inline strings, styles moved, no selected tab. */
function ownSheetXml(xml: string, strings: string[], xfOffset: number, dxfOffset: number): string {
  return xml
    .replace(/<c\b([^>]*?)\st="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (_, a: string, b: string, i: string) => `<c${a} t="inlineStr"${b}><is>${strings[Number(i)] ?? "<t></t>"}</is></c>`)
    .replace(/(<c\b[^>]*?\ss=")(\d+)"/g, (_, head: string, s: string) => `${head}${Number(s) === 0 ? 0 : Number(s) + xfOffset}"`)
    .replace(/(<(?:row|col)\b[^>]*?\s(?:s|style)=")(\d+)"/g, (_, head: string, s: string) => `${head}${Number(s) === 0 ? 0 : Number(s) + xfOffset}"`)
    .replace(/(<cfRule\b[^>]*?\sdxfId=")(\d+)"/g, (_, head: string, d: string) => `${head}${Number(d) + dxfOffset}"`)
    .replace(/\stabSelected="1"/g, "");
}

function conditionalBlocks(xml: string): string[] {
  return xml.match(/<conditionalFormatting\b[\s\S]*?<\/conditionalFormatting>/g) ?? [];
}

/** Sheet elements the schema puts after <conditionalFormatting>: new rules go before the first of them. */
const AFTER_RULES = [
  "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
  "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF",
  "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
];

/** Inserts rule blocks into a user's sheet, numbered after its own rules; nothing else changes. */
export function insertRules(xml: string, blocks: string[], dxfOffset: number): string {
  const prefix = /<(\w+:)?worksheet\b/.exec(xml)?.[1] ?? "";
  const top = Math.max(0, ...[...xml.matchAll(/<(?:\w+:)?cfRule\b[^>]*\spriority="(\d+)"/g)].map((m) => Number(m[1])));
  const moved = blocks
    .map((b) =>
      b
        .replace(/(<cfRule\b[^>]*?\sdxfId=")(\d+)"/g, (_, head: string, d: string) => `${head}${Number(d) + dxfOffset}"`)
        .replace(/(<cfRule\b[^>]*?\spriority=")(\d+)"/g, (_, head: string, p: string) => `${head}${Number(p) + top}"`)
        .replace(/<(\/?)(\w)/g, `<$1${prefix}$2`),
    )
    .join("");
  let at = xml.search(new RegExp(`</${escapeRegExp(prefix)}worksheet>`));
  for (const tag of AFTER_RULES) {
    const i = xml.search(new RegExp(`<${escapeRegExp(prefix)}${tag}[\\s/>]`));
    if (i >= 0 && i < at) at = i;
  }
  if (at < 0) throw new NotForParts("a sheet without its end tag");
  return xml.slice(0, at) + moved + xml.slice(at);
}

/** A user's sheet without the rules a previous run added (marked N("ParScore")=0), and how many went. */
export function withoutParScoreRules(xml: string): { xml: string; removed: number } {
  let removed = 0;
  const marker = HIGHLIGHT_MARKER.replace(/\s+/g, "");
  const isOurs = (rule: string) => decodeXml(rule).replace(/\s+/g, "").includes(marker);
  const out = xml.replace(/<((?:\w+:)?)conditionalFormatting\b[^>]*>([\s\S]*?)<\/\1conditionalFormatting>/g, (block: string, prefix: string, body: string) => {
    const rules = body.match(new RegExp(`<${escapeRegExp(prefix)}cfRule\\b[\\s\\S]*?(?:/>|</${escapeRegExp(prefix)}cfRule>)`, "g")) ?? [];
    const ours = rules.filter(isOurs);
    if (ours.length === 0) return block;
    removed += ours.length;
    if (ours.length === rules.length) return "";
    let kept = block;
    for (const r of ours) kept = kept.replace(r, "");
    return kept;
  });
  return { xml: out, removed };
}

// --- styles -----------------------------------------------------------------------------------

/** The user's styles.xml with ParScore's fonts, fills, borders, formats, cell formats and rule formats appended. */
function mergeStyles(user: string, ours: string): { xml: string; xfOffset: number; dxfOffset: number } {
  const items = (xml: string, section: string, item: string): string[] => {
    const body = new RegExp(`<${section}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${section}>)`).exec(xml)?.[1] ?? "";
    return body.match(new RegExp(`<${item}\\b(?:[^>]*?/>|[\\s\\S]*?</${item}>)`, "g")) ?? [];
  };
  const count = (section: string, item: string) => items(user, section, item).length;
  const fontOffset = count("fonts", "font");
  const fillOffset = count("fills", "fill");
  const borderOffset = count("borders", "border");
  const xfOffset = count("cellXfs", "xf");
  const dxfOffset = count("dxfs", "dxf");
  if (xfOffset === 0) throw new NotForParts("a styles part without cell formats");
  // Number formats of our own get ids past every id the user's file uses.
  let nextFmt = Math.max(163, ...[...user.matchAll(/<numFmt\b[^>]*\bnumFmtId="(\d+)"/g)].map((m) => Number(m[1]))) + 1;
  const fmtMap = new Map<number, number>();
  const numFmts = items(ours, "numFmts", "numFmt").map((f) => {
    const id = Number(attr(f, "numFmtId"));
    const mapped = nextFmt++;
    fmtMap.set(id, mapped);
    return f.replace(/\bnumFmtId="\d+"/, `numFmtId="${mapped}"`);
  });
  const fmt = (id: number) => fmtMap.get(id) ?? id;
  const xfs = items(ours, "cellXfs", "xf").map((xf) =>
    xf
      .replace(/\bnumFmtId="(\d+)"/, (_, n: string) => `numFmtId="${fmt(Number(n))}"`)
      .replace(/\bfontId="(\d+)"/, (_, n: string) => `fontId="${Number(n) + fontOffset}"`)
      .replace(/\bfillId="(\d+)"/, (_, n: string) => `fillId="${Number(n) + fillOffset}"`)
      .replace(/\bborderId="(\d+)"/, (_, n: string) => `borderId="${Number(n) + borderOffset}"`)
      .replace(/\bxfId="\d+"/, 'xfId="0"'),
  );
  const dxfs = items(ours, "dxfs", "dxf").map((d) => d.replace(/(<numFmt\b[^>]*\bnumFmtId=")(\d+)"/g, (_, head: string, n: string) => `${head}${fmt(Number(n))}"`));
  let xml = user;
  xml = appendItems(xml, "numFmts", numFmts, []);
  xml = appendItems(xml, "fonts", items(ours, "fonts", "font"), ["numFmts"]);
  xml = appendItems(xml, "fills", items(ours, "fills", "fill"), ["numFmts", "fonts"]);
  xml = appendItems(xml, "borders", items(ours, "borders", "border"), ["numFmts", "fonts", "fills"]);
  xml = appendItems(xml, "cellXfs", xfs, ["numFmts", "fonts", "fills", "borders", "cellStyleXfs"]);
  xml = appendItems(xml, "dxfs", dxfs, ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles"]);
  return { xml, xfOffset, dxfOffset };
}

/** Appends items to a section of styles.xml (creating it after the sections that precede it), count updated. */
function appendItems(xml: string, section: string, added: string[], before: string[]): string {
  if (added.length === 0) return xml;
  const open = new RegExp(`<${section}\\b([^>]*?)(/?)>`).exec(xml);
  if (open) {
    const start = open.index;
    const selfClosing = open[2] === "/";
    const close = selfClosing ? start + open[0].length : xml.indexOf(`</${section}>`, start);
    const existing = selfClosing ? 0 : (xml.slice(start + open[0].length, close).match(new RegExp(`<${section === "cellXfs" ? "xf" : section.slice(0, -1)}\\b`, "g")) ?? []).length;
    const attrs = open[1].replace(/\scount="\d+"/, "");
    const head = `<${section} count="${existing + added.length}"${attrs}>`;
    const body = selfClosing ? "" : xml.slice(start + open[0].length, close);
    const end = selfClosing ? close : close + `</${section}>`.length;
    return `${xml.slice(0, start)}${head}${body}${added.join("")}</${section}>${xml.slice(end)}`;
  }
  let at = xml.search(/<styleSheet\b[^>]*>/);
  at = at < 0 ? -1 : xml.indexOf(">", at) + 1;
  for (const b of before) {
    const m = new RegExp(`</${b}>|<${b}\\b[^>]*/>`).exec(xml);
    if (m) at = Math.max(at, m.index + m[0].length);
  }
  if (at <= 0) throw new NotForParts("styles.xml");
  return `${xml.slice(0, at)}<${section} count="${added.length}">${added.join("")}</${section}>${xml.slice(at)}`;
}

// --- text -------------------------------------------------------------------------------------

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;");
}
