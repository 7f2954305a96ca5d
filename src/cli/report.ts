/**
 * `parscore report <file> -o bao-cao.docx`: the published report in the form of seed 001
 * (src/report/report-document.ts), written as a Word document (src/report/docx/render-docx.ts).
 */
import { writeFileAtomic } from "../hosts/xlsx/atomic-write";
import { renderDocx } from "../report/docx/render-docx";
import { buildReportDocument } from "../report/report-document";
import { InputError } from "./input";
import { type Io, matchUnits } from "./command-options";
import { writeOrExplain } from "./output";
import { runTables, type TableRunOptions } from "./table-run";

export interface ReportCliOptions extends TableRunOptions {
  output: string;
  unit: string[];
  /** "2019=13", repeatable: the total's rank in a period when the table does not give it. */
  totalRank: string[];
  rankedOf?: string;
}

export async function reportCommand(file: string, options: ReportCliOptions, io: Io): Promise<number> {
  const lang = options.lang;
  if (!/\.docx$/i.test(options.output)) {
    throw new InputError({ vi: `-o phải là tệp .docx (không phải '${options.output}').`, en: `-o must be a .docx file (not '${options.output}').` }, 2);
  }
  const totalRanks = parseTotalRanks(options.totalRank);
  const rankedOf = options.rankedOf === undefined ? undefined : positive(options.rankedOf, "--ranked-of");
  const { result, targetLines } = await runTables(file, options);
  if (result.tables.length === 0) {
    io.err(lang === "vi" ? "Không tìm thấy bảng điểm nào để lập báo cáo (xem `parscore analyze`).\n" : "No score table found to report on (see `parscore analyze`).\n");
    return 1;
  }
  const units = matchUnits(options.unit, result);
  const document = buildReportDocument(result.tables, { lang, units, totalRanks, rankedOf, targetLines });
  const bytes = await renderDocx(document);
  await writeOrExplain(options.output, () => writeFileAtomic(options.output, bytes));
  io.out(lang === "vi" ? `Đã ghi báo cáo ${options.output} (${document.blocks.length} đoạn và bảng).\n` : `Wrote the report ${options.output} (${document.blocks.length} paragraphs and tables).\n`);
  return 0;
}

function positive(text: string, option: string): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n < 1) {
    throw new InputError({ vi: `${option}: '${text}' không phải là số nguyên dương.`, en: `${option}: '${text}' is not a positive whole number.` }, 2);
  }
  return n;
}

/** ["2019=13", "2018=16"] -> 2019 -> 13, 2018 -> 16. */
function parseTotalRanks(values: readonly string[]): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const value of values) {
    const m = /^\s*([^=]+?)\s*=\s*(\d+)\s*$/.exec(value);
    if (!m || Number(m[2]) < 1) {
      throw new InputError({ vi: `--total-rank: '${value}' cần dạng KỲ=VỊ_THỨ, ví dụ 2019=13.`, en: `--total-rank: '${value}' must be PERIOD=RANK, e.g. 2019=13.` }, 2);
    }
    ranks.set(m[1], Number(m[2]));
  }
  return ranks;
}
