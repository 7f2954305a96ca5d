/**
 * What ExcelJS would lose when it rewrites a user's workbook. ExcelJS keeps cells, formulas
 * (shared ones too), merges, styles, conditional formats, data validations, comments, images
 * and tables, but drops charts, pivot tables, VBA, slicers, form controls and external links,
 * and keeps defined names only when they are plain cell ranges (constants and formulas, and the
 * sheet scope of local names, are lost). `preservationWarnings` reads the file's zip directory
 * (and workbook.xml) so the CLI can warn, or write to a new file instead of over the original.
 */
import { decodeXml } from "./workbook-parts";

import { zipEntries, zipText, type ZipEntry } from "./zip";

const LOST_PARTS: { pattern: RegExp; what: string }[] = [
  { pattern: /^xl\/charts\//, what: "charts / biểu đồ" },
  { pattern: /^xl\/pivotTables\//, what: "pivot tables / PivotTable" },
  { pattern: /^xl\/vbaProject\.bin$/, what: "VBA macros / macro VBA" },
  { pattern: /^xl\/slicers\//, what: "slicers" },
  { pattern: /^xl\/timelines\//, what: "timelines" },
  { pattern: /^xl\/ctrlProps\//, what: "form controls / điều khiển biểu mẫu" },
  { pattern: /^xl\/externalLinks\//, what: "links to other workbooks / liên kết tới tệp khác" },
  { pattern: /^xl\/threadedComments\//, what: "threaded comments (kept as plain notes at best)" },
];

/**
 * Warnings (bilingual, one line each) about parts of the workbook the .xlsx writer cannot keep.
 * Empty when rewriting is lossless as far as we know.
 */
export function preservationWarnings(bytes: Buffer): string[] {
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes);
  } catch {
    return [];
  }
  const warnings: string[] = [];
  for (const { pattern, what } of LOST_PARTS) {
    if (entries.some((e) => pattern.test(e.name))) {
      warnings.push(`The workbook has ${what}; the .xlsx writer (ExcelJS) cannot keep them / Tệp có ${what}; trình ghi .xlsx không giữ được`);
    }
  }
  const book = entries.find((e) => e.name === "xl/workbook.xml");
  if (book) {
    const xml = zipText(bytes, book);
    const lost: string[] = [];
    for (const m of xml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)) {
      const attrs = m[1];
      const name = /name="([^"]*)"/.exec(attrs)?.[1] ?? "";
      if (name.startsWith("_xlnm.")) continue;
      const value = decodeXml(m[2]).trim();
      const plainRange = /^('[^']+(?:''[^']*)*'|[^'!:]+)!\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?$/.test(value);
      if (!plainRange || /localSheetId=/.test(attrs)) lost.push(name);
    }
    if (lost.length > 0) {
      warnings.push(
        `Defined names that ExcelJS cannot keep as they are (constants, formulas or sheet-scoped): ${lost.join(", ")} / ` +
          `Các tên (defined names) không giữ nguyên được: ${lost.join(", ")}`,
      );
    }
  }
  return warnings;
}

