/**
 * Reading an .xlsx package's own XML where ExcelJS is too slow or too lossy (counting cells before
 * loading, keeping data validations ExcelJS would expand): which zip part holds which sheet.
 */

/** XML text with its entities and character references resolved. */
export function decodeXml(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/**
 * Worksheets in workbook order, each with its zip part ("xl/worksheets/sheet1.xml"), from
 * xl/workbook.xml and xl/_rels/workbook.xml.rels (prefixed elements and "./" or "/" targets included).
 */
export function worksheetParts(workbookXml: string, relsXml: string): { sheet: string; part: string }[] {
  const rels = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = /\sId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\sTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) rels.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`);
  }
  const out: { sheet: string; part: string }[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\sname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\sr:id="([^"]*)"/.exec(m[0])?.[1];
    const part = rid ? rels.get(rid) : undefined;
    if (name !== undefined && part) out.push({ sheet: decodeXml(name), part });
  }
  return out;
}
