/**
 * .xlsx -> Grid[], read straight from the zip package: the workbook's list of sheets, its shared
 * strings and styles, and the XML of the sheets wanted, each streamed through inflate and a small
 * tokenizer (xml-stream.ts) with every uncompressed byte counted against a budget. Cells are kept
 * sparse while a sheet is read; Grids are then built over the regions that hold something
 * (regions.ts), so a stray cell in XFD1048576 or a merge over the whole sheet costs what it holds.
 *
 * Values are as the user sees them (formula cells give their cached result, rich text its plain
 * text, errors a CellError, dates dd/mm/yyyy), with number formats, merges, hidden rows and columns,
 * bold and indent, and formulas saved without a result listed in Grid.uncalculated: what ExcelJS
 * gave when it loaded the whole workbook, at a fraction of the memory. A cell's text is cut at
 * Excel's own limit of 32,767 characters, with a finding at the cell.
 */
import { promises as fs } from "fs";
import { type CellValue, type Grid, type Rect, a1, columnIndex, parseRangeA1 } from "../../tables/grid";
import { capCellText, MAX_CELL_TEXT, textTooLongFinding } from "../../tables/cell-text";
import { occupiedRegions, SLACK } from "./regions";
import { decodeXml } from "./workbook-parts";
import { attr, InflateBudget, streamXmlPart, TooMuchXmlError, type XmlHandler } from "./xml-stream";
import { type ZipEntry, zipEntries } from "./zip";

/** The last row and column Excel has (1,048,576 and XFD). */
const MAX_ROW = 1_048_575;
const MAX_COL = 16_383;

/** The prefix of the defined names that mark ParScore's own sheets (src/report/plan.ts). */
const OWNED_NAME = "ParScore_Owned_";

export interface ReadXlsxOptions {
  /** Only this sheet (names compared in NFC); the others are listed but not read. */
  sheet?: string;
  /** Leave out the sheets ParScore wrote (a re-run must not analyse its own output). */
  skipOwned?: boolean;
  /** The most uncompressed bytes to inflate over all parts read (see size-guard.ts). */
  maxBytes?: number;
  /** The most shared strings to keep (a workbook cannot show more strings than it has cells). */
  maxStrings?: number;
}

export interface XlsxContents {
  grids: Grid[];
  /** Every worksheet's name, in workbook order (ParScore's own left out with skipOwned). */
  sheets: string[];
}

export async function readXlsxGrids(input: string | Buffer, options: ReadXlsxOptions = {}): Promise<Grid[]> {
  return (await readXlsx(input, options)).grids;
}

export async function readXlsx(input: string | Buffer, options: ReadXlsxOptions = {}): Promise<XlsxContents> {
  const bytes = typeof input === "string" ? await fs.readFile(input) : input;
  const entries = zipEntries(bytes);
  const budget = new InflateBudget(options.maxBytes ?? Infinity);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const partText = async (name: string): Promise<string> => {
    const entry = byName.get(name);
    if (!entry) return "";
    const pieces: string[] = [];
    await streamXmlPart(bytes, entry, rawCollector(pieces), budget);
    return pieces.join("");
  };
  const book = parseWorkbook(await partText("xl/workbook.xml"), await partText("xl/_rels/workbook.xml.rels"));
  if (book.sheets.length === 0) throw new Error("the workbook lists no sheets");
  const listed = book.sheets.filter((s) => !(options.skipOwned && book.owned.has(s.name)));
  const wanted = listed.filter((s) => s.kind === "worksheet" && (options.sheet === undefined || s.name.normalize("NFC") === options.sheet.normalize("NFC")));
  if (wanted.length === 0) return { grids: [], sheets: listed.filter((s) => s.kind === "worksheet").map((s) => s.name) };

  const styles = new StyleReader();
  const stylesEntry = byName.get(book.stylesPart);
  if (stylesEntry) await streamXmlPart(bytes, stylesEntry, styles, budget);
  const strings = new SharedStringReader(book.sharedStringsPart, options.maxStrings ?? Infinity);
  const stringsEntry = byName.get(book.sharedStringsPart);
  if (stringsEntry) await streamXmlPart(bytes, stringsEntry, strings, budget);

  const grids: Grid[] = [];
  const sheets: string[] = [];
  for (const s of listed) {
    const entry = byName.get(s.part);
    if (s.kind !== "worksheet") continue;
    sheets.push(s.name);
    if (!wanted.includes(s)) continue;
    if (!entry) {
      grids.push(emptyGrid(s.name));
      continue;
    }
    grids.push(...(await readSheet(bytes, entry, s.name, { styles, strings, date1904: book.date1904 }, budget)));
  }
  return { grids, sheets };
}

function emptyGrid(sheet: string): Grid {
  return { sheet, origin: { row: 0, col: 0 }, values: [], merges: [] };
}

/** Collects a small part's XML back as text (workbook.xml, its relationships). */
function rawCollector(pieces: string[]): XmlHandler {
  return {
    open: (name, attrs, empty) => pieces.push(`<${name}${attrs}${empty ? "/" : ""}>`),
    close: (name) => pieces.push(`</${name}>`),
    text: (raw) => pieces.push(raw),
  };
}

interface ListedSheet {
  name: string;
  part: string;
  kind: "worksheet" | "other";
}

interface WorkbookInfo {
  sheets: ListedSheet[];
  owned: Set<string>;
  date1904: boolean;
  stylesPart: string;
  sharedStringsPart: string;
}

/** Sheets (with their parts and kinds), ParScore's marked sheets, the date system and the shared parts. */
function parseWorkbook(workbookXml: string, relsXml: string): WorkbookInfo {
  const rels = new Map<string, { target: string; type: string }>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (id && target) {
      const part = target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
      rels.set(id, { target: decodeXml(part), type: attr(m[0], "Type") ?? "" });
    }
  }
  const sheets: ListedSheet[] = [];
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], "name");
    const rel = rels.get(attr(m[0], "id") ?? "");
    if (name === undefined || !rel) continue;
    sheets.push({ name: decodeXml(name), part: rel.target, kind: /\/worksheet$/.test(rel.type) || rel.type === "" ? "worksheet" : "other" });
  }
  const owned = new Set<string>();
  for (const m of workbookXml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)) {
    if (!(attr(m[1], "name") ?? "").startsWith(OWNED_NAME)) continue;
    const range = decodeXml(m[2]);
    const bang = range.lastIndexOf("!");
    if (bang < 0) continue;
    const raw = range.slice(0, bang);
    owned.add(raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw);
  }
  const pr = /<workbookPr\b[^>]*>/.exec(workbookXml)?.[0] ?? "";
  const flag = attr(pr, "date1904");
  const partOfType = (type: string, fallback: string) => [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.target ?? fallback;
  return {
    sheets,
    owned,
    date1904: flag === "1" || flag === "true",
    stylesPart: partOfType("styles", "xl/styles.xml"),
    sharedStringsPart: partOfType("sharedStrings", "xl/sharedStrings.xml"),
  };
}

// --- styles -------------------------------------------------------------------------------------

/** Number formats Excel does not write out (ECMA-376 18.8.30), as ExcelJS names them. */
const BUILT_IN_FORMATS: Record<number, string> = {
  1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
  14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm",
  21: "h:mm:ss", 22: 'm/d/yy "h":mm', 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
};

/** A format that shows a date or time (the test ExcelJS applies: y m d h s b outside quotes and brackets). */
export function isDateFormat(format: string | null): boolean {
  if (!format) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

interface CellStyle {
  format: string | null;
  isDate: boolean;
  bold: boolean;
  indent: number;
}

const NO_STYLE: CellStyle = { format: null, isDate: false, bold: false, indent: 0 };

class StyleReader implements XmlHandler {
  private readonly formats = new Map<number, string>();
  private readonly fontsBold: boolean[] = [];
  private readonly xfs: { numFmtId: number; fontId: number; indent: number }[] = [];
  private section = "";
  private styles: CellStyle[] | null = null;

  open(name: string, attrs: string): void {
    switch (name) {
      case "numFmts":
      case "fonts":
      case "cellXfs":
      case "cellStyleXfs":
      case "dxfs":
        this.section = name;
        break;
      case "numFmt": {
        const id = Number(attr(attrs, "numFmtId"));
        const code = attr(attrs, "formatCode");
        if (this.section === "numFmts" && Number.isInteger(id) && code !== undefined) this.formats.set(id, decodeXml(code));
        break;
      }
      case "font":
        if (this.section === "fonts") this.fontsBold.push(false);
        break;
      case "b":
        if (this.section === "fonts" && this.fontsBold.length > 0) {
          const val = attr(attrs, "val");
          this.fontsBold[this.fontsBold.length - 1] = val === undefined || val === "1" || val === "true";
        }
        break;
      case "xf":
        if (this.section === "cellXfs") this.xfs.push({ numFmtId: Number(attr(attrs, "numFmtId") ?? 0), fontId: Number(attr(attrs, "fontId") ?? 0), indent: 0 });
        break;
      case "alignment":
        if (this.section === "cellXfs" && this.xfs.length > 0) this.xfs[this.xfs.length - 1].indent = Number(attr(attrs, "indent") ?? 0) || 0;
        break;
      default:
        break;
    }
  }

  close(name: string): void {
    if (name === this.section) this.section = "";
  }

  text(): void {}

  /** The style of a cell's `s` index. Index 0 is the default style: ExcelJS gives such cells none. */
  style(index: number): CellStyle {
    if (!this.styles) {
      this.styles = this.xfs.map((xf) => {
        const format = xf.numFmtId ? (this.formats.get(xf.numFmtId) ?? BUILT_IN_FORMATS[xf.numFmtId] ?? null) : null;
        return { format, isDate: isDateFormat(format), bold: this.fontsBold[xf.fontId] ?? false, indent: xf.indent };
      });
    }
    return index > 0 ? (this.styles[index] ?? NO_STYLE) : NO_STYLE;
  }
}

// --- text ---------------------------------------------------------------------------------------

/** Raw text kept for one cell: enough for MAX_CELL_TEXT characters however they are escaped. */
const MAX_RAW_TEXT = MAX_CELL_TEXT * 10;

/** Collects a text node's raw pieces up to MAX_RAW_TEXT; the rest is counted, not kept. */
class TextAccumulator {
  private pieces: string[] = [];
  private kept = 0;
  overflow = false;

  add(raw: string): void {
    if (this.kept >= MAX_RAW_TEXT) {
      this.overflow = true;
      return;
    }
    const room = MAX_RAW_TEXT - this.kept;
    const piece = raw.length > room ? raw.slice(0, room) : raw;
    if (piece.length < raw.length) this.overflow = true;
    this.pieces.push(piece);
    this.kept += piece.length;
  }

  /** The decoded text, cut at MAX_CELL_TEXT; `cut` when anything was left out. */
  take(escapes: boolean): { text: string; cut: boolean } {
    let text = decodeXml(this.pieces.length === 1 ? this.pieces[0] : this.pieces.join(""));
    if (escapes && text.includes("_x")) text = text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    const capped = capCellText(text);
    text = capped.text;
    const cut = this.overflow || capped.cut;
    this.pieces = [];
    this.kept = 0;
    this.overflow = false;
    return { text, cut };
  }
}

class SharedStringReader implements XmlHandler {
  readonly strings: string[] = [];
  /** Indices of strings cut at MAX_CELL_TEXT. */
  readonly cut = new Set<number>();
  private readonly acc = new TextAccumulator();
  private inItem = false;
  private inText = false;
  private phonetic = 0;

  constructor(
    private readonly part: string,
    private readonly max: number,
  ) {}

  open(name: string, _attrs: string, empty: boolean): void {
    if (name === "si") {
      if (this.strings.length >= this.max) throw new TooMuchXmlError(this.part, this.max, "strings");
      this.inItem = true;
    }
    else if (name === "rPh") this.phonetic++;
    else if (name === "t" && this.inItem && this.phonetic === 0 && !empty) this.inText = true;
  }

  close(name: string): void {
    if (name === "t") this.inText = false;
    else if (name === "rPh") this.phonetic--;
    else if (name === "si") {
      const { text, cut } = this.acc.take(true);
      if (cut) this.cut.add(this.strings.length);
      this.strings.push(text);
      this.inItem = false;
    }
  }

  text(raw: string): void {
    if (this.inText) this.acc.add(raw);
  }
}

// --- sheets -------------------------------------------------------------------------------------

interface SheetContext {
  styles: StyleReader;
  strings: SharedStringReader;
  date1904: boolean;
}

/** One row of a sheet as read: its cells in the order met. */
interface SparseRow {
  cols: number[];
  values: CellValue[];
  styles: number[];
}

class SheetReader implements XmlHandler {
  readonly rows = new Map<number, SparseRow>();
  readonly hiddenRows = new Set<number>();
  readonly hiddenCols: { min: number; max: number }[] = [];
  readonly merges: Rect[] = [];
  /** Formula cells without a result, by absolute "row,col". */
  readonly uncalculated = new Map<string, string>();
  /** Cells whose text was cut, with the length Excel would have refused. */
  readonly cut: { row: number; col: number }[] = [];
  root: string | null = null;

  private row = -1;
  private col = -1;
  private cellStyle = 0;
  private cellType = "";
  private inCell = false;
  private target: "" | "v" | "f" | "t" = "";
  private inInline = false;
  private phonetic = 0;
  private valueRaw: string[] = [];
  private formulaAttrs = "";
  private hasFormula = false;
  private readonly inline = new TextAccumulator();
  private readonly formulaText = new TextAccumulator();
  private readonly sharedMasters = new Map<string, { formula: string; row: number; col: number }>();

  constructor(
    readonly ctx: SheetContext,
    private readonly part: string,
  ) {}

  open(name: string, attrs: string, empty: boolean): void {
    if (this.root === null) {
      this.root = name;
      return;
    }
    switch (name) {
      case "row": {
        const r = Number(attr(attrs, "r"));
        this.row = Number.isInteger(r) && r > 0 ? r - 1 : this.row + 1;
        // More rows than a sheet has: a zip bomb of empty rows, refused before it unpacks further.
        if (this.row > MAX_ROW) throw new TooMuchXmlError(this.part, MAX_ROW + 1, "rows");
        this.col = -1;
        const hidden = attr(attrs, "hidden");
        if ((hidden === "1" || hidden === "true") && this.row <= MAX_ROW) this.hiddenRows.add(this.row);
        break;
      }
      case "c": {
        const ref = attr(attrs, "r");
        const at = ref ? parseCellRef(ref) : null;
        if (at) {
          this.row = at.row;
          this.col = at.col;
        } else this.col += 1;
        this.cellStyle = Number(attr(attrs, "s") ?? 0) || 0;
        this.cellType = attr(attrs, "t") ?? "";
        this.inCell = true;
        this.valueRaw = [];
        this.hasFormula = false;
        this.formulaAttrs = "";
        if (empty) this.endCell();
        break;
      }
      case "v":
        if (this.inCell && !empty) this.target = "v";
        break;
      case "f":
        if (this.inCell) {
          this.hasFormula = true;
          this.formulaAttrs = attrs;
          if (!empty) this.target = "f";
        }
        break;
      case "is":
        if (this.inCell) this.inInline = true;
        break;
      case "rPh":
        this.phonetic++;
        break;
      case "t":
        if (this.inInline && this.phonetic === 0 && !empty) this.target = "t";
        break;
      case "mergeCell": {
        const ref = attr(attrs, "ref");
        if (ref) {
          try {
            this.merges.push(parseRangeA1(ref));
          } catch {
            // A merge that names no cells merges nothing.
          }
        }
        break;
      }
      case "col": {
        const hidden = attr(attrs, "hidden");
        if (hidden === "1" || hidden === "true") {
          const min = Number(attr(attrs, "min"));
          const max = Number(attr(attrs, "max"));
          if (Number.isInteger(min) && Number.isInteger(max) && min >= 1) this.hiddenCols.push({ min: min - 1, max: Math.min(max, MAX_COL + 1) - 1 });
        }
        break;
      }
      default:
        break;
    }
  }

  close(name: string): void {
    switch (name) {
      case "v":
      case "f":
      case "t":
        this.target = "";
        break;
      case "rPh":
        this.phonetic--;
        break;
      case "is":
        this.inInline = false;
        break;
      case "c":
        if (this.inCell) this.endCell();
        break;
      default:
        break;
    }
  }

  text(raw: string): void {
    if (this.target === "v") {
      if (this.cellType === "str" || this.cellType === "inlineStr" || this.cellType === "e") this.inline.add(raw);
      else if (this.valueRaw.length < 64) this.valueRaw.push(raw);
    } else if (this.target === "t") this.inline.add(raw);
    else if (this.target === "f") this.formulaText.add(raw);
  }

  private endCell(): void {
    this.inCell = false;
    this.target = "";
    const { row, col } = this;
    const style = this.ctx.styles.style(this.cellStyle);
    let value: CellValue = null;
    let cut = false;
    let present = this.valueRaw.length > 0;
    const type = this.cellType;
    if (type === "inlineStr" || type === "str" || type === "e") {
      const taken = this.inline.take(type === "inlineStr");
      present = present || taken.text.length > 0 || type === "inlineStr";
      if (type === "e") value = taken.text ? { error: taken.text.trim() } : null;
      else {
        value = taken.text;
        cut = taken.cut;
      }
      if (type === "str" && !this.hasFormula && taken.text === "") value = "";
    } else if (present) {
      const raw = this.valueRaw.join("").trim();
      switch (type) {
        case "s": {
          const index = Number(raw);
          value = this.ctx.strings.strings[index] ?? null;
          cut = this.ctx.strings.cut.has(index);
          break;
        }
        case "b":
          value = Number(raw) !== 0;
          break;
        case "d": {
          const date = new Date(raw);
          value = formatDate(date) ?? raw;
          break;
        }
        default: {
          const n = parseFloat(raw);
          if (!Number.isFinite(n)) value = { error: "#NUM!" };
          // A serial no calendar holds (a number given a date format by mistake) stays the number.
          else value = style.isDate ? (formatDate(excelToDate(n, this.ctx.date1904)) ?? n) : n;
          break;
        }
      }
    }
    const formula = this.hasFormula ? this.formula(row, col) : undefined;
    // A formula with no saved result: its value is unknown (listed), not blank.
    if (formula !== undefined && !present && type !== "inlineStr") {
      value = null;
      if (row <= MAX_ROW && col <= MAX_COL) this.uncalculated.set(`${row},${col}`, formula);
    }
    this.valueRaw = [];
    if (row < 0 || col < 0 || row > MAX_ROW || col > MAX_COL) return;
    if (cut) this.cut.push({ row, col });
    if (value === null && this.cellStyle === 0 && formula === undefined) return;
    let r = this.rows.get(row);
    if (!r) {
      r = { cols: [], values: [], styles: [] };
      this.rows.set(row, r);
    }
    r.cols.push(col);
    r.values.push(value);
    r.styles.push(this.cellStyle);
  }

  /** The cell's formula; a shared formula's other cells get the master's, moved to where they are. */
  private formula(row: number, col: number): string {
    const { text } = this.formulaText.take(false);
    const shared = attr(this.formulaAttrs, "t") === "shared";
    const si = attr(this.formulaAttrs, "si");
    if (!shared || si === undefined) return text;
    if (text !== "") {
      this.sharedMasters.set(si, { formula: text, row, col });
      return text;
    }
    const master = this.sharedMasters.get(si);
    return master ? slideFormula(master.formula, master.row, master.col, row, col) : "";
  }
}

/** "AB12" -> { row: 11, col: 27 }; null for anything else. */
function parseCellRef(ref: string): { row: number; col: number } | null {
  let i = 0;
  let col = 0;
  while (i < ref.length) {
    const ch = ref.charCodeAt(i) & ~32;
    if (ch < 65 || ch > 90) break;
    col = col * 26 + (ch - 64);
    i++;
  }
  if (i === 0 || i > 3 || i === ref.length) return null;
  let row = 0;
  for (; i < ref.length; i++) {
    const d = ref.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    row = row * 10 + d;
  }
  return row > 0 ? { row: row - 1, col: col - 1 } : null;
}

/** A formula moved from one cell to another: relative references follow (what Excel does for shared formulas). */
function slideFormula(formula: string, fromRow: number, fromCol: number, toRow: number, toCol: number): string {
  return formula.replace(/(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi, (match: string, sheet: string | undefined, _s: string, address: string, paren: string | undefined) => {
    if (paren) return match;
    const m = /^(\$)?([a-z]+)(\$)?([1-9][0-9]*)$/i.exec(address);
    if (!m || m[2].length > 3 || (m[2].length === 3 && m[2].toUpperCase() > "XFD")) return match;
    const col = columnIndex(m[2]) + (m[1] ? 0 : toCol - fromCol);
    const row = Number(m[4]) - 1 + (m[3] ? 0 : toRow - fromRow);
    return `${sheet ?? ""}${m[1] ?? ""}${a1(0, col).replace(/\d+$/, "")}${m[3] ?? ""}${row + 1}`;
  });
}

function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** Dates the way a Vietnamese user sees them: dd/mm/yyyy (with hh:mm when there is a time). */
function formatDate(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const p = (n: number) => String(n).padStart(2, "0");
  const date = `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  const hasTime = d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds();
  return hasTime ? `${date} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}` : date;
}

async function readSheet(bytes: Buffer, entry: ZipEntry, sheet: string, ctx: SheetContext, budget: InflateBudget): Promise<Grid[]> {
  const reader = new SheetReader(ctx, entry.name);
  await streamXmlPart(bytes, entry, reader, budget);
  if (reader.root !== null && reader.root !== "worksheet") return [];
  return sheetGrids(sheet, reader);
}

/** The Grids of a sheet read sparse: one per region that holds something (see regions.ts). */
function sheetGrids(sheet: string, reader: SheetReader): Grid[] {
  const items: Rect[] = [];
  for (const [row, r] of reader.rows) {
    for (let i = 0; i < r.cols.length; i++) {
      const v = r.values[i];
      if ((v !== null && v !== "") || reader.uncalculated.has(`${row},${r.cols[i]}`)) items.push({ top: row, left: r.cols[i], bottom: row, right: r.cols[i] });
    }
  }
  // A merge counts as what it covers when that is small (a title across a table); a huge one
  // (a whole sheet merged) only by its first cell, and is cut to the regions it meets.
  for (const m of reader.merges) {
    const cells = (m.bottom - m.top + 1) * (m.right - m.left + 1);
    items.push(cells <= SLACK ? m : { top: m.top, left: m.left, bottom: m.top, right: m.left });
  }
  if (items.length === 0) return [emptyGrid(sheet)];
  let regions = occupiedRegions(items);
  if (regions.length > 1) {
    // Several regions: the ones that can hold a table (two rows and two columns at least); when
    // none can, the one holding most. Lone cells far from the table are left out.
    const tables = regions.filter((g) => g.items >= 2 && g.box.bottom > g.box.top && g.box.right > g.box.left);
    regions = tables.length > 0 ? tables : [regions.reduce((best, g) => (g.weight > best.weight ? g : best))];
  }
  const boxes = regions.map((g) => g.box);
  const grids = boxes.map((box) => blankGrid(sheet, box));
  const locate = regionLocator(boxes);
  for (const [row, r] of reader.rows) {
    for (let i = 0; i < r.cols.length; i++) {
      const k = locate(row, r.cols[i]);
      if (k < 0) continue;
      const g = grids[k];
      const gr = row - g.origin.row;
      const gc = r.cols[i] - g.origin.col;
      const style = reader.ctx.styles.style(r.styles[i]);
      g.values[gr][gc] = r.values[i];
      (g.formats as (string | null)[][])[gr][gc] = style.format;
      (g.bold as boolean[][])[gr][gc] = style.bold;
      (g.indent as number[][])[gr][gc] = style.indent;
    }
  }
  const covered = new Set<string>();
  grids.forEach((g, k) => {
    const box = boxes[k];
    for (const m of reader.merges) {
      const top = Math.max(m.top, box.top);
      const left = Math.max(m.left, box.left);
      const bottom = Math.min(m.bottom, box.bottom);
      const right = Math.min(m.right, box.right);
      if (top > bottom || left > right) continue;
      g.merges.push({ top: top - box.top, left: left - box.left, bottom: bottom - box.top, right: right - box.left });
      // The cells a merge hides show nothing, whatever the file holds for them.
      for (let r = top; r <= bottom; r++) {
        for (let c = left; c <= right; c++) {
          if (r === m.top && c === m.left) continue;
          g.values[r - box.top][c - box.left] = null;
          covered.add(`${r},${c}`);
        }
      }
    }
    const hiddenRows = [...reader.hiddenRows].filter((r) => r >= box.top && r <= box.bottom).sort((a, b) => a - b).map((r) => r - box.top);
    const hiddenCols: number[] = [];
    for (const h of reader.hiddenCols) for (let c = Math.max(h.min, box.left); c <= Math.min(h.max, box.right); c++) hiddenCols.push(c - box.left);
    if (hiddenRows.length) g.hiddenRows = hiddenRows;
    if (hiddenCols.length) g.hiddenCols = [...new Set(hiddenCols)].sort((a, b) => a - b);
  });
  for (const [key, formula] of reader.uncalculated) {
    if (covered.has(key)) continue;
    const [r, c] = key.split(",").map(Number);
    const k = locate(r, c);
    if (k < 0) continue;
    const g = grids[k];
    (g.uncalculated ??= []).push({ row: r - g.origin.row, col: c - g.origin.col, formula });
  }
  for (const { row, col } of reader.cut) {
    const k = locate(row, col);
    if (k < 0 || covered.has(`${row},${col}`)) continue;
    (grids[k].findings ??= []).push(textTooLongFinding(sheet, a1(row, col)));
  }
  for (const g of grids) g.uncalculated?.sort((a, b) => a.row - b.row || a.col - b.col);
  return grids;
}

function blankGrid(sheet: string, box: Rect): Grid {
  const height = box.bottom - box.top + 1;
  const width = box.right - box.left + 1;
  const rows = <T>(fill: T): T[][] => Array.from({ length: height }, () => new Array<T>(width).fill(fill));
  return { sheet, origin: { row: box.top, col: box.left }, values: rows<CellValue>(null), formats: rows<string | null>(null), merges: [], bold: rows(false), indent: rows(0) };
}

/** Finds which of a few disjoint boxes holds a cell (index, or -1), by row then by column. */
function regionLocator(boxes: Rect[]): (row: number, col: number) => number {
  if (boxes.length === 1) {
    const b = boxes[0];
    return (row, col) => (row >= b.top && row <= b.bottom && col >= b.left && col <= b.right ? 0 : -1);
  }
  const byRow = new Map<number, number[]>();
  boxes.forEach((b, k) => {
    for (let r = b.top; r <= b.bottom; r++) {
      const list = byRow.get(r);
      if (list) list.push(k);
      else byRow.set(r, [k]);
    }
  });
  for (const list of byRow.values()) list.sort((x, y) => boxes[x].left - boxes[y].left);
  return (row, col) => {
    const list = byRow.get(row);
    if (!list) return -1;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = boxes[list[mid]];
      if (col < b.left) hi = mid - 1;
      else if (col > b.right) lo = mid + 1;
      else return list[mid];
    }
    return -1;
  };
}
