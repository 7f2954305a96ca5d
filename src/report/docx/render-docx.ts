/**
 * A ReportDocument as a Word document (.docx) with the `docx` library: Word's own styles (Title,
 * Heading 1/2, List Paragraph bullets, a "Table Grid" table style), A4 with the margins of Vietnamese
 * administrative documents (Nghị định 30/2020/NĐ-CP: top and bottom 2 cm, left 3 cm, right 2 cm),
 * Times New Roman 13 pt for text and 14 pt for headings, page numbers in the footer.
 *
 * The command line writes it to a file; the pane loads it on demand (a chunk of its own, never in
 * the first load) and downloads the bytes.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import type { DocBlock, ReportDocument } from "../report-document";

const FONT = "Times New Roman";
/** Half-points: 13 pt text, 14 pt headings. */
const TEXT_SIZE = 26;
const HEADING_SIZE = 28;
const TABLE_SIZE = 24;
/** A4 in twentieths of a point, and margins in the same unit (1 cm = 567). */
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 1134 };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BULLETS = "parscore-bullets";
const TABLE_STYLE = "TableGrid";

const border = (side: string): string => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>`;
const TABLE_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="${TABLE_STYLE}"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders>${["top", "left", "bottom", "right", "insideH", "insideV"].map(border).join("")}</w:tblBorders></w:tblPr></w:style>
</w:styles>`;

/** Renders the document to .docx bytes. */
export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  return Buffer.from(await renderDocxBytes(doc));
}

/** The .docx as bytes, without Node's Buffer (the pane's worker has none). */
export async function renderDocxBytes(doc: ReportDocument): Promise<Uint8Array> {
  const [title, ...titleRest] = doc.title.split("\n");
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(title)] }),
    ...titleRest.map((line) => new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(line)] })),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: doc.subtitle, italics: true, size: 22 })] }),
  ];
  for (const block of doc.blocks) children.push(...renderBlock(block));
  const document = new Document({
    creator: "ParScore",
    title: title,
    styles: {
      default: {
        document: { run: { font: FONT, size: TEXT_SIZE, language: { value: doc.lang === "vi" ? "vi-VN" : "en-GB" } }, paragraph: { spacing: { after: 120, line: 288 } } },
        title: { run: { font: FONT, size: HEADING_SIZE, bold: true, color: "000000" }, paragraph: { spacing: { after: 120 } } },
        heading1: { run: { font: FONT, size: HEADING_SIZE, bold: true, color: "000000" }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
        heading2: { run: { font: FONT, size: HEADING_SIZE, bold: true, italics: true, color: "000000" }, paragraph: { spacing: { before: 180, after: 100 }, keepNext: true } },
        listParagraph: { run: { font: FONT, size: TEXT_SIZE } },
      },
    },
    // Word's built-in "Table Grid" style (the `docx` library writes paragraph styles only); the other styles are the library's.
    externalStyles: TABLE_STYLES,
    numbering: {
      config: [
        {
          reference: BULLETS,
          levels: [
            { level: 0, format: LevelFormat.BULLET, text: "-", alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 567, hanging: 283 } } } },
            { level: 1, format: LevelFormat.BULLET, text: "+", alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 1134, hanging: 283 } } } },
          ],
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: A4, margin: MARGIN } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: 22 })] })],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}

function renderBlock(block: DocBlock): (Paragraph | Table)[] {
  switch (block.kind) {
    case "heading":
      return [new Paragraph({ heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(block.text)] })];
    case "paragraph":
      return [new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 567 }, children: [new TextRun({ text: block.text, bold: block.bold })] })];
    case "bullet":
      return [new Paragraph({ alignment: AlignmentType.JUSTIFIED, numbering: { reference: BULLETS, level: block.level ?? 0 }, children: [new TextRun(block.text)] })];
    case "table":
      return [renderTable(block), new Paragraph({ children: [] })];
  }
}

function renderTable(block: Extract<DocBlock, { kind: "table" }>): Table {
  const sum = block.widths.reduce((s, w) => s + w, 0);
  const widths = block.widths.map((w) => Math.floor((w / sum) * TEXT_WIDTH));
  const cell = (text: string, col: number, opts: { header?: boolean; bold?: boolean; span?: number }): TableCell =>
    new TableCell({
      columnSpan: opts.span,
      verticalAlign: VerticalAlign.CENTER,
      width: { size: widths.slice(col, col + (opts.span ?? 1)).reduce((s, w) => s + w, 0), type: WidthType.DXA },
      margins: { left: 80, right: 80, top: 40, bottom: 40 },
      children: [
        new Paragraph({
          spacing: { after: 0, line: 240 },
          alignment: opts.header ? AlignmentType.CENTER : block.numeric[col] ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: opts.header || opts.bold, size: TABLE_SIZE })],
        }),
      ],
    });
  const headerRows = block.header.map((cells) => {
    let col = 0;
    const row = cells.map((c) => {
      const out = cell(c.text, col, { header: true, span: c.span });
      col += c.span ?? 1;
      return out;
    });
    return new TableRow({ tableHeader: true, cantSplit: true, children: row });
  });
  const bold = new Set(block.bold ?? []);
  const bodyRows = block.rows.map((r, i) => new TableRow({ cantSplit: true, children: r.map((text, col) => cell(text, col, { bold: bold.has(i) })) }));
  return new Table({
    style: TABLE_STYLE,
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [...headerRows, ...bodyRows],
  });
}
