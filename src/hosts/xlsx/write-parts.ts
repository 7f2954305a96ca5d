/**
 * Writing ParScore's report into a user's .xlsx at the level of the zip package: the user's workbook
 * is never loaded and re-serialised, and ParScore's own sheets are written straight from the plan
 * (plan-file.ts's sheet writer), one at a time, each deflated as soon as it is written, so memory
 * follows the largest sheet, not the sum of them (10,000 tables make 20,000 sheets; the charts of
 * the first CHARTED_TABLES tables, 9,000 of them):
 *
 * - each of ParScore's sheets becomes a new part of the user's package (strings inline, its charts as
 *   drawing and chart parts), its style and rule-format numbers counted past the user's, whose
 *   styles.xml gets ParScore's formats appended at its end;
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
import { HIGHLIGHT_MARKER, OWNED_SHEET_NAME_PREFIX, finalSheetNames, type ConditionalFormat, type GroupedSheetPlan } from "../../report/plan";
import { sheetQualified } from "../../tables/grid";
import { StyleTable, addCharts, conditionalBlocks, plannedSheetXml, type Drawn } from "./plan-file";
import type { ApplyResult } from "./write-xlsx";
import { decodeXml } from "./workbook-parts";
import { attr } from "./xml-stream";
import { ZipPackage } from "./zip";

const REL_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const CONTENT_TYPES: [RegExp, string][] = [
  [/^xl\/worksheets\/[^/]+\.xml$/, "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"],
  [/^xl\/drawings\/[^/]+\.xml$/, "application/vnd.openxmlformats-officedocument.drawing+xml"],
  [/^xl\/charts\/[^/]+\.xml$/, "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"],
];

export interface PartsWritten {
  /** The output archive as the pieces it is made of (zip.ts's toChunks), after those given to the sink if there was one. */
  chunks: Buffer[];
  result: ApplyResult;
  /** ParScore's sheets in the output, by final name. */
  sheets: { name: string; index: number }[];
}

interface SheetEntry {
  /** The whole <sheet .../> element as written. */
  element: string;
  name: string;
  relId: string;
  part: string;
}

/**
 * The tables whose sheets get their charts; the sheets of tables past them are written without.
 * Each table's charts are 16 parts of its 18 (a drawing per sheet, its relationships, 9 charts), 60%
 * of its compressed bytes and half its writing time: 10,000 tables charted make 180,005 parts, past
 * the 65,535 of a plain zip, and LibreOffice (7.4) opens no zip64 archive. With 1,000 charted tables,
 * any workbook up to 10,000 tables stays under 50,000 parts; up to 1,000 tables nothing changes.
 */
export const CHARTED_TABLES = 1_000;

/** Thrown inside when the package is one this writer leaves to ExcelJS. */
class NotForParts extends Error {}

/** The user's workbook `input` plus the plan's sheets and highlights, or null when the package is not one to change part by part. */
export async function writePlanAsParts(input: Buffer, plan: GroupedSheetPlan, options: PartsOptions = {}): Promise<PartsWritten | null> {
  try {
    return await writeParts(input, plan, options);
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
  /**
   * Where ParScore's new parts go as they are made (zip.ts's spillTo): the archive is then what was
   * sunk followed by the chunks returned. Without it, every part is kept until the end.
   */
  sink?: (pieces: readonly Buffer[]) => void;
  /** Called after each group of ParScore's sheets (a table's) is written (done of total), for progress on long writes. */
  progress?: (done: number, total: number) => void;
  /** The groups (tables) whose sheets get their charts: CHARTED_TABLES unless a test says otherwise. */
  chartedTables?: number;
}

async function writeParts(input: Buffer, plan: GroupedSheetPlan, options: PartsOptions): Promise<PartsWritten> {
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
  // Each list is edited in one pass: a run over 10,000 tables removes 20,000 sheets and their charts.
  const owned = ownedSheetNames(workbookXml);
  const before = sheetsOf(workbookXml);
  const removedSheets = before.filter((s) => owned.has(s.name));
  const removedIndex = new Set(removedSheets.map((s) => before.indexOf(s)));
  const removedParts = new Set(removedSheets.flatMap((s) => partsOfSheet(zip, s.part)));
  const removedRels = new Set(removedSheets.map((s) => s.relId));
  const removedElements = new Set(removedSheets.map((s) => s.element));
  workbookXml = workbookXml.replace(/<sheet\b[^>]*?\/?>/g, (element) => (removedElements.has(element) ? "" : element));
  workbookXml = renumberNames(workbookXml, before.length, removedIndex);
  if (removedSheets.length > 0) {
    // Excel rebuilds the calculation chain; one naming removed sheets makes it repair the file.
    const chain = [...rels.values()].find((r) => r.type.endsWith("/calcChain"));
    if (chain) {
      removedParts.add(chain.part);
      removedRels.add(chain.id);
    }
    workbookXml = workbookXml.replace(/(<workbookView\b[^>]*?)\sactiveTab="\d+"/, "$1").replace(/(<workbookView\b[^>]*?)\sfirstSheet="\d+"/, "$1");
  }
  zip.deleteAll(removedParts);
  relsXml = relsXml.replace(/<Relationship\b[^>]*\/>/g, (rel) => (removedRels.has(attr(rel, "Id") ?? "") ? "" : rel));
  types = types.replace(/<Override\b[^>]*\/>/g, (override) => (removedParts.has((attr(override, "PartName") ?? "").replace(/^\//, "")) ? "" : override));
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

  // 2. Styles: ParScore's formats are numbered after the user's, and appended to their styles.xml at the end.
  const stylesRel = [...parseRels(relsXml).values()].find((r) => r.type.endsWith("/styles"));
  const userStyles = stylesRel ? zip.text(stylesRel.part) : undefined;
  if (!stylesRel || userStyles === undefined || /<\w+:styleSheet\b/.test(userStyles)) throw new NotForParts("styles");
  const offsets = styleOffsets(userStyles);
  const styles = new StyleTable({ xf: offsets.xf, dxf: offsets.dxf });

  // 3. ParScore's sheets, a table's at a time, each with its charts; relationships, content types and marker names.
  const result: ApplyResult = { sheets: [], rulesAdded: 0, skipped: [], removed: { sheets: removedSheets.map((s) => s.name), rules: rulesRemoved } };
  const finalNames = finalSheetNames({ sheets: plan.sheetNames.map((name) => ({ name })) }, userSheets.map((s) => s.name));
  result.sheets = plan.sheetNames.map((name) => finalNames.get(name) ?? name);
  const firstSheetId = Math.max(0, ...[...workbookXml.matchAll(/<sheet\b[^>]*\bsheetId="(\d+)"/g)].map((m) => Number(m[1]))) + 1;
  let nextPart = 1;
  const partTaken = (n: number) => zip.has(`xl/worksheets/sheet${n}.xml`) || zip.has(`xl/worksheets/_rels/sheet${n}.xml.rels`);
  const relIds = new Set([...relsXml.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
  let nextRel = 1;
  const drawn: Drawn = { drawings: lastNumber(zip, /^xl\/drawings\/(?:_rels\/)?drawing(\d+)\.xml(?:\.rels)?$/), charts: lastNumber(zip, /^xl\/charts\/(?:_rels\/)?chart(\d+)\.xml(?:\.rels)?$/) };
  const newRels: string[] = [];
  const newTypes: string[] = [];
  // By place in the plan's list of sheets: groups come table by table, the workbook lists the sheets in the plan's order.
  const relIdAt: string[] = new Array<string>(plan.sheetNames.length);
  const put = (part: string, xml: string): void => {
    if (zip.has(part)) throw new NotForParts(`a part named '${part}' already`);
    zip.add(part, xml);
    const type = CONTENT_TYPES.find(([pattern]) => pattern.test(part))?.[1];
    if (type) newTypes.push(`<Override PartName="/${part}" ContentType="${type}"/>`);
  };
  if (options.sink) zip.spillTo(options.sink);
  for (let k = 0; k < plan.groups; k++) {
    const charted = k < (options.chartedTables ?? CHARTED_TABLES);
    let chartsLeftOut = false;
    for (const { at, sheet: planned } of plan.group(k)) {
      const name = result.sheets[at];
      while (partTaken(nextPart)) nextPart++;
      const part = `xl/worksheets/sheet${nextPart}.xml`;
      if (!charted && planned.charts.length > 0) chartsLeftOut = true;
      const drawing = charted && planned.charts.length > 0 ? addCharts(put, part, name, planned, plan.lang, drawn) : "";
      put(part, plannedSheetXml(planned, plan, finalNames, styles, drawing));
      while (relIds.has(`rId${nextRel}`)) nextRel++;
      const relId = `rId${nextRel}`;
      relIds.add(relId);
      relIdAt[at] = relId;
      newRels.push(`<Relationship Id="${relId}" Type="${REL_WORKSHEET}" Target="${part.slice("xl/".length)}"/>`);
      result.rulesAdded += planned.conditionalFormats.length;
    }
    if (chartsLeftOut) result.unchartedTables = (result.unchartedTables ?? 0) + 1;
    if (options.progress) {
      options.progress(k + 1, plan.groups);
      // Lets the progress out: the CLI runs in a worker thread, whose stderr reaches the terminal only between tasks.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const newSheetElements = result.sheets.map((name, at) => `<sheet name="${escapeAttr(name)}" sheetId="${firstSheetId + at}" r:id="${relIdAt[at]}"/>`);
  const names = result.sheets.map((name, at) => `<definedName name="${OWNED_SHEET_NAME_PREFIX}${at + 1}">${escapeText(sheetQualified(name, "$A$1"))}</definedName>`);
  const written = result.sheets.map((name, at) => ({ name, index: userSheets.length + at }));
  workbookXml = addSheetsAndNames(workbookXml, newSheetElements, names);

  // 4. Highlights on the user's sheets, after each sheet's own rules.
  const highlights = new Map<string, ConditionalFormat[]>();
  const userSheetNames = new Set(userSheets.map((s) => s.name));
  for (const cf of plan.highlights) {
    if (!userSheetNames.has(cf.sheet)) {
      result.skipped.push({ kind: "highlight", sheet: cf.sheet, reason: "no such sheet" });
      continue;
    }
    const list = highlights.get(cf.sheet) ?? [];
    list.push(cf);
    highlights.set(cf.sheet, list);
  }
  for (const s of userSheets) {
    const list = highlights.get(s.name);
    if (!list) continue;
    highlights.delete(s.name);
    const xml = zip.text(s.part);
    if (xml === undefined) throw new NotForParts(`no part for sheet '${s.name}'`);
    zip.set(s.part, insertRules(xml, conditionalBlocks(list, styles), 0));
    result.rulesAdded += list.length;
  }

  zip.set(stylesRel.part, mergeStyles(userStyles, styles.xml(), offsets));
  zip.set("xl/workbook.xml", workbookXml);
  zip.set("xl/_rels/workbook.xml.rels", relsXml.replace(/<\/Relationships>\s*$/, () => `${newRels.join("")}</Relationships>`));
  zip.set("[Content_Types].xml", types.replace(/<\/Types>\s*$/, () => `${newTypes.join("")}</Types>`));
  return { chunks: zip.toChunks(), result, sheets: written };
}

/** The highest number a part name matching `pattern` carries (0 when none does). */
function lastNumber(zip: ZipPackage, pattern: RegExp): number {
  let last = 0;
  for (const name of zip.names()) {
    const n = Number(pattern.exec(name)?.[1] ?? 0);
    if (n > last) last = n;
  }
  return last;
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

/** Items of a section of styles.xml ("fonts", "font"), as written. */
function styleItems(xml: string, section: string, item: string): string[] {
  const body = new RegExp(`<${section}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${section}>)`).exec(xml)?.[1] ?? "";
  return body.match(new RegExp(`<${item}\\b(?:[^>]*?/>|[\\s\\S]*?</${item}>)`, "g")) ?? [];
}

interface StyleOffsets {
  font: number;
  fill: number;
  border: number;
  xf: number;
  dxf: number;
}

/** How many fonts, fills, borders, cell formats and rule formats the user's styles.xml has: ParScore's are numbered after them. */
function styleOffsets(user: string): StyleOffsets {
  const count = (section: string, item: string) => styleItems(user, section, item).length;
  const offsets = { font: count("fonts", "font"), fill: count("fills", "fill"), border: count("borders", "border"), xf: count("cellXfs", "xf"), dxf: count("dxfs", "dxf") };
  if (offsets.xf === 0) throw new NotForParts("a styles part without cell formats");
  return offsets;
}

/** The user's styles.xml with ParScore's fonts, fills, borders, formats, cell formats and rule formats (`ours`, a whole styles.xml) appended. */
function mergeStyles(user: string, ours: string, offsets: StyleOffsets): string {
  // Number formats of our own get ids past every id the user's file uses.
  let nextFmt = Math.max(163, ...[...user.matchAll(/<numFmt\b[^>]*\bnumFmtId="(\d+)"/g)].map((m) => Number(m[1]))) + 1;
  const fmtMap = new Map<number, number>();
  const numFmts = styleItems(ours, "numFmts", "numFmt").map((f) => {
    const id = Number(attr(f, "numFmtId"));
    const mapped = nextFmt++;
    fmtMap.set(id, mapped);
    return f.replace(/\bnumFmtId="\d+"/, `numFmtId="${mapped}"`);
  });
  const fmt = (id: number) => fmtMap.get(id) ?? id;
  const xfs = styleItems(ours, "cellXfs", "xf").map((xf) =>
    xf
      .replace(/\bnumFmtId="(\d+)"/, (_, n: string) => `numFmtId="${fmt(Number(n))}"`)
      .replace(/\bfontId="(\d+)"/, (_, n: string) => `fontId="${Number(n) + offsets.font}"`)
      .replace(/\bfillId="(\d+)"/, (_, n: string) => `fillId="${Number(n) + offsets.fill}"`)
      .replace(/\bborderId="(\d+)"/, (_, n: string) => `borderId="${Number(n) + offsets.border}"`)
      .replace(/\bxfId="\d+"/, 'xfId="0"'),
  );
  const dxfs = styleItems(ours, "dxfs", "dxf").map((d) => d.replace(/(<numFmt\b[^>]*\bnumFmtId=")(\d+)"/g, (_, head: string, n: string) => `${head}${fmt(Number(n))}"`));
  let xml = user;
  xml = appendItems(xml, "numFmts", numFmts, []);
  xml = appendItems(xml, "fonts", styleItems(ours, "fonts", "font"), ["numFmts"]);
  xml = appendItems(xml, "fills", styleItems(ours, "fills", "fill"), ["numFmts", "fonts"]);
  xml = appendItems(xml, "borders", styleItems(ours, "borders", "border"), ["numFmts", "fonts", "fills"]);
  xml = appendItems(xml, "cellXfs", xfs, ["numFmts", "fonts", "fills", "borders", "cellStyleXfs"]);
  xml = appendItems(xml, "dxfs", dxfs, ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles"]);
  return xml;
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
