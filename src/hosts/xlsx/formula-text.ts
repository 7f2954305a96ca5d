/**
 * How a cell's text and formula are spelled inside an .xlsx file. Pure (no Node APIs): the ExcelJS
 * writer (write-xlsx.ts) and the package writer the pane runs (plan-file.ts) both use it.
 */

/**
 * Text an .xlsx can hold: XML 1.0 has no place for most control characters, U+FFFE, U+FFFF or lone
 * surrogates, and ExcelJS writes some of them as they are, making a file no program opens (seen with
 * a CSV holding U+FFFE). Each becomes U+FFFD (the replacement character); tabs and line breaks stay.
 */
export function xmlSafe(text: string): string {
  return text.replace(UNSAFE, (match) => (match.length === 2 ? match : "\ufffd"));
}

/**
 * A surrogate pair (kept whole), or a character XML cannot hold, a lone surrogate included. No
 * lookbehind: the pane's bundles stay ES2017 (EdgeHTML 18), and this runs in the pane too.
 */
const UNSAFE = /[\ud800-\udbff][\udc00-\udfff]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/g;

/** The names of functions newer than Excel 2007 that a file must spell with the `_xlfn.` prefix (ECMA-376 future functions). */
const FUTURE_NAMES = /RANK\.EQ|RANK\.AVG|NUMBERVALUE|IFS|CONCAT|TEXTJOIN/;
/** A quoted sheet name or string literal (left as it is), or a future function's name and its parenthesis. */
const QUOTED_OR_FUTURE = /'(?:[^']|'')*'|"(?:[^"]|"")*"|\b(RANK\.EQ|RANK\.AVG|NUMBERVALUE|IFS|CONCAT|TEXTJOIN)\(/g;

/**
 * A formula as an .xlsx file stores it: future functions get `_xlfn.` (without it Excel shows
 * #NAME? until the cell is edited). Quoted sheet names and string literals are left as they are.
 */
export function fileFormula(formula: string): string {
  if (!FUTURE_NAMES.test(formula)) return formula;
  return formula.replace(QUOTED_OR_FUTURE, (match, name: string | undefined) => (name ? `_xlfn.${name}(` : match));
}

/** `HYPERLINK("#'Sheet'!C7","C7")`: both strings are literals, quotes doubled. */
export function hyperlinkFormula(sheet: string, cell: string, text: string): string {
  const literal = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  const target = `#'${sheet.replace(/'/g, "''")}'!${cell}`;
  return `HYPERLINK(${literal(target)},${literal(text)})`;
}
