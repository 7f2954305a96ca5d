/**
 * LibreOffice headless for tests: convert written workbooks to CSV (every sheet), PDF and PNG,
 * each run with a fresh user profile that recalculates every formula on load (so formula cells
 * show LibreOffice's own results, not the cached values a writer stored).
 */
import { execFile } from "child_process";
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";

const run = promisify(execFile);

export function sofficePath(): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "soffice");
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

export interface ConvertOptions {
  /** Locale of the LibreOffice profile ("vi-VN": decimal comma), default the system's. */
  locale?: string;
}

function profileSettings(options: ConvertOptions): string {
  const locale = options.locale
    ? `<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>${options.locale}</value></prop></item>\n`
    : "";
  return `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
${locale}</oor:items>
`;
}

/** Runs `soffice --headless --convert-to <filter>` with a throw-away profile; returns the files it wrote. */
export async function convert(input: string, filter: string, outDir: string, options: ConvertOptions = {}): Promise<string[]> {
  const soffice = sofficePath();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed");
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), "lo-"));
  await fs.mkdir(path.join(profile, "user"), { recursive: true });
  await fs.writeFile(path.join(profile, "user", "registrymodifications.xcu"), profileSettings(options));
  await fs.mkdir(outDir, { recursive: true });
  const before = new Set(await fs.readdir(outDir));
  try {
    await run(
      soffice,
      [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", outDir, input],
      { timeout: 120_000, env: { ...process.env, HOME: profile } },
    );
  } finally {
    await fs.rm(profile, { recursive: true, force: true });
  }
  const after = await fs.readdir(outDir);
  return after.filter((f) => !before.has(f)).map((f) => path.join(outDir, f));
}

/**
 * Every sheet of a workbook as CSV rows, by sheet name. LibreOffice 7.2+ exports all sheets when
 * the 12th CSV filter token is -1, to "<base>-<sheet name>.csv" (UTF-8: token 3 = 76).
 */
export async function sheetsAsCsv(xlsx: string, sheetNames: string[], options: ConvertOptions = {}): Promise<Map<string, string[][]>> {
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), "lo-csv-"));
  const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
  await convert(xlsx, filter, outDir, options);
  const base = path.basename(xlsx, path.extname(xlsx));
  const result = new Map<string, string[][]>();
  for (const name of sheetNames) {
    const file = path.join(outDir, `${base}-${name}.csv`);
    if (existsSync(file)) result.set(name, parseCsv(await fs.readFile(file, "utf8")));
  }
  await fs.rm(outDir, { recursive: true, force: true });
  return result;
}

/** Renders the first page of a workbook to PNG (LibreOffice -> PDF -> pdftoppm). */
export async function renderPng(xlsx: string, png: string, dpi = 80): Promise<string> {
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), "lo-pdf-"));
  const [pdf] = (await convert(xlsx, "pdf", outDir)).filter((f) => f.endsWith(".pdf"));
  if (!pdf) throw new Error("LibreOffice wrote no PDF");
  const prefix = png.replace(/\.png$/, "");
  await run("pdftoppm", ["-png", "-r", String(dpi), "-f", "1", "-l", "1", "-singlefile", pdf, prefix], { timeout: 60_000 });
  await fs.rm(outDir, { recursive: true, force: true });
  return `${prefix}.png`;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The text of an A1 cell in CSV rows ("" when outside). */
export function csvCell(rows: string[][], address: string): string {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  if (!m) throw new Error(address);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return rows[Number(m[2]) - 1]?.[col - 1] ?? "";
}
