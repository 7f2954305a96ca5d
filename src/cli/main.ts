import { Command, CommanderError, Option } from "commander";
import { EXAMPLE_CLASS_SCHEMES } from "../engine/classes";
import { parsePoints } from "../engine/points";
import type { Lang } from "../engine/types";
import { analyseGrids, type PipelineOptions, type PipelineResult } from "../pipeline/run";
import { tableTargets, type TargetRequest } from "../pipeline/targets";
import { toJson } from "../pipeline/json";
import { summaryText } from "../pipeline/summary";
import { writeFileAtomic } from "../hosts/xlsx/atomic-write";
import type { Grid } from "../tables/grid";
import { parseResponsibility, type ResponsibilityTable } from "../tables/responsibility";
import { resolveTemplate } from "./template-option";
import { InputError, readGrids } from "./input";
import { checkOutputPath, sheetList, writeOrExplain, writeScoredWorkbook } from "./output";
import { consolidateCommand, type ConsolidateCliOptions } from "./consolidate";
import { type Io, matchUnits, parseMaxCells, parseTolerance, type TableCommandOptions } from "./command-options";
import type { SplitCliOptions } from "./split";
import type { ReportCliOptions } from "./report";
import type { FromSheetOptions } from "./template-from-sheet";
import { HELP_COMMAND_TEXT, HELP_OPTION_TEXT, helpHint, helpTitle, localiseUsageError } from "./usage-messages";

export type { Io } from "./command-options";

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

interface AnalyzeOptions extends TableCommandOptions {
  sheet?: string;
  targetRank?: string;
  targetValue?: string;
  responsibility?: string;
}

const NOTHING_RECOGNISED: Record<Lang, string> = {
  vi:
    "Không tìm thấy bảng điểm nào. Một bảng điểm cần một dòng tiêu đề cột, ví dụ:\n" +
    "  STT | Lĩnh vực/Tiêu chí | Điểm tối đa | Điểm tự đánh giá | Điểm thẩm định\n" +
    "  TT | Nội dung đánh giá | Năm 2018 (Điểm số, Xếp hạng) | Năm 2019 (Điểm số, Xếp hạng)\n" +
    "  STT | Tỉnh/Đơn vị | Lĩnh vực 1 .. 8 | Tổng điểm | Xếp hạng\n" +
    "và các dòng tiêu chí có mã (I, 1, 1.1, 1.1.1, a) với điểm số. Dùng --sheet để chọn trang.\n",
  en:
    "No score table found. A score table needs a header row, for example:\n" +
    "  No. | Area/Criterion | Max points | Self-assessed | Appraised\n" +
    "  No. | Criteria | 2018 (Score, Rank) | 2019 (Score, Rank)\n" +
    "  No. | Province/Unit | Area 1 .. 8 | Total | Rank\n" +
    "and criterion rows with codes (I, 1, 1.1, 1.1.1, a) and points. Use --sheet to pick a sheet.\n",
};

/** From this many tables on, writing takes long enough (tens of seconds) to say what is going on. */
const MANY_TABLES = 500;

function writingProgress(tables: number, output: string, lang: Lang): string {
  const n = tables.toLocaleString(lang === "vi" ? "vi-VN" : "en-US");
  return lang === "vi"
    ? `Đang ghi ${output}: trang phân tích và xếp hạng cho ${n} bảng (có thể mất một lúc)...\n`
    : `Writing ${output}: gap analysis and ranking sheets for ${n} tables (this may take a while)...\n`;
}

/** A line on stderr at every twentieth of the tables whose sheets are written. */
function tablesWritten(total: number, lang: Lang, io: Io): (done: number, of: number) => void {
  const every = Math.max(1, Math.ceil(total / 20));
  const n = (k: number) => k.toLocaleString(lang === "vi" ? "vi-VN" : "en-US");
  return (done, of) => {
    if (done % every === 0 || done === of) io.err(lang === "vi" ? `  đã ghi ${n(done)}/${n(of)} bảng\n` : `  wrote ${n(done)}/${n(of)} tables\n`);
  };
}

/** Where a table has its header row but nothing under it. */
const ONLY_HEADERS: Record<Lang, string> = {
  vi:
    "Đã thấy dòng tiêu đề cột nhưng bên dưới không có dòng tiêu chí hay đơn vị nào (xem phát hiện ở trên).\n" +
    "Hãy nhập các dòng tiêu chí (mã, tên, điểm) hoặc các dòng đơn vị ngay dưới dòng tiêu đề, rồi chạy lại.\n",
  en:
    "A header row was found but no criterion or unit rows under it (see the findings above).\n" +
    "Type the criterion rows (code, title, points) or the unit rows right under the header row, and run again.\n",
};

/** Runs the `parscore` command line; resolves to the exit status (0 ok, 1 nothing analysed or unreadable, 2 usage). */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let status = 0;
  // The language of messages about failures, once the options are known.
  let lang: Lang = argv.some((a, i) => (a === "--lang" && argv[i + 1] === "en") || a === "--lang=en") ? "en" : "vi";
  const program = new Command("parscore")
    .description("ParScore: PAR Index (Chỉ số CCHC) score tables: totals, deductions, ranks, gap analysis")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(localiseUsageError(text, lang)) })
    .configureHelp({ styleTitle: (title) => helpTitle(title, lang) })
    .helpOption("-h, --help", HELP_OPTION_TEXT[lang])
    .helpCommand("help [command]", HELP_COMMAND_TEXT[lang])
    .showHelpAfterError(helpHint("", lang));

  program
    .command("analyze")
    .alias("analyse")
    .description("read score tables from a workbook or CSV/TSV file and analyse them")
    .argument("<file>", ".xlsx, .xlsm, .xls, .ods, .csv or .tsv file")
    .option("--sheet <name>", "only this sheet")
    .option("--template <id|file.json>", "criteria template supplying maxima the table leaves out (e.g. par-2019-province)")
    .option("--json <path|->", "write the analysis as JSON to a file, or - for standard output")
    .addOption(new Option("--lang <lang>", "language of the summary and messages").choices(["vi", "en"]).default("vi"))
    .option("-o, --output <file.xlsx>", "write the input workbook plus gap analysis, ranking and highlights")
    .option("--no-formulas", "with -o: write values only, instead of live formulas on the source cells that recalculate without ParScore")
    .option("--force", "with -o: replace the output file even when it is read-only")
    .option("--tolerance <points>", "allowed difference between a published total and the sum of its parts", "0.01")
    .addOption(new Option("--rank-on <rule>", "decide ties on the published (rounded) value or the exact one").choices(["rounded", "exact"]).default("rounded"))
    .option("--target-rank <k>", "with --unit: the points the unit needs to reach rank K, and the lost points to win back")
    .option("--target-value <points>", "with --target-rank, for a one-unit table (seed 001): the total of the unit holding rank K now")
    .option("--unit <name>", "write the detailed gap block for this unit even in a table of many units (repeatable)", (v: string, all: string[]) => [...all, v], [])
    .addOption(
      new Option("--classes <scheme>", "rate every unit by percent bands (and caps)").choices(EXAMPLE_CLASS_SCHEMES.map((c) => c.id)),
    )
    .option("--responsibility <sheet>", "sheet holding the table of criterion codes and responsible bodies: lost points grouped by body")
    .option("--max-cells <n>", "refuse workbooks with more cells than this (default 1500000, less when Node has little memory)")
    .action(async (file: string, options: AnalyzeOptions) => {
      lang = options.lang;
      status = await analyzeCommand(file, options, io);
    });

  program
    .command("consolidate")
    .description("consolidate many units' one-unit score tables (sheets of a workbook, files, folders) into one ranked table")
    .argument("<inputs...>", "a workbook with one unit per sheet, or .xlsx/.xlsm/.xls/.ods/.csv/.tsv files, or folders of them")
    .option("--template <id|file.json>", "criteria template supplying maxima the tables leave out (e.g. par-2019-province)")
    .option("--json <path|->", "write the consolidated analysis as JSON to a file, or - for standard output")
    .addOption(new Option("--lang <lang>", "language of the summary and messages").choices(["vi", "en"]).default("vi"))
    .option("-o, --output <file.xlsx>", "write the consolidated table with gap analysis and ranking sheets")
    .option("--tolerance <points>", "allowed difference between a published total and the sum of its parts", "0.01")
    .addOption(new Option("--rank-on <rule>", "decide ties on the published (rounded) value or the exact one").choices(["rounded", "exact"]).default("rounded"))
    .option("--unit <name>", "write the detailed gap block for this unit even beyond 63 units (repeatable)", (v: string, all: string[]) => [...all, v], [])
    .addOption(
      new Option("--classes <scheme>", "rate every unit by percent bands (and caps)").choices(EXAMPLE_CLASS_SCHEMES.map((c) => c.id)),
    )
    .option("--max-cells <n>", "refuse inputs with more cells than this in all (default 1500000, less when Node has little memory)")
    .option("--file-memory <MB>", "the memory one file may use while it is read (default: half of Node's heap, 256 to 2048); a file needing more is reported, the others consolidated")
    .option("--file-timeout <seconds>", "the time one file may take to read (default 120); a file taking longer is reported, the others consolidated")
    .option("--no-formulas", "with -o: write values only, instead of live formulas on the data that recalculate without ParScore")
    .option("--force", "with -o: replace the output file even when it is read-only")
    .action(async (inputs: string[], options: ConsolidateCliOptions) => {
      lang = options.lang;
      status = await consolidateCommand(inputs, options, io);
    });

  program
    .command("split")
    .description("write one workbook per unit: its own rows, gap analysis, place in the ranking, target (split.ts)")
    .argument("<file>", ".xlsx, .xlsm, .csv or .tsv file")
    .requiredOption("--out-dir <dir>", "folder for the units' workbooks (created if missing)")
    .addOption(new Option("--scope <scope>", "the ranking shown: every unit's totals, or only the unit's block's").choices(["all", "block"]).default("all"))
    .option("--fold-names", "file names without diacritics (Sở Tư pháp -> So Tu phap.xlsx)")
    .option("--unit <name>", "only this unit (repeatable)", (v: string, all: string[]) => [...all, v], [])
    .option("--target-rank <k>", "each unit's points to reach place K, and the lost points to win back")
    .option("--target-value <points>", "with --target-rank, for a one-unit table: the total of the unit at place K now")
    .option("--responsibility <sheet>", "sheet of criterion codes and responsible bodies")
    .option("--no-formulas", "values only, instead of live formulas on the unit's own cells")
    .option("--jobs <n>", "threads writing at once (default: one per core, up to 4, for 64 units or more)")
    .option("--sheet <name>", "only this sheet")
    .option("--template <id|file.json>", "criteria template supplying maxima the table leaves out")
    .addOption(new Option("--lang <lang>", "language of the workbooks and messages").choices(["vi", "en"]).default("vi"))
    .option("--tolerance <points>", "allowed difference between a published total and the sum of its parts", "0.01")
    .addOption(new Option("--rank-on <rule>", "decide ties on the published (rounded) value or the exact one").choices(["rounded", "exact"]).default("rounded"))
    .addOption(new Option("--classes <scheme>", "rate every unit by percent bands (and caps)").choices(EXAMPLE_CLASS_SCHEMES.map((c) => c.id)))
    .option("--max-cells <n>", "refuse workbooks with more cells than this")
    .action(async (file: string, options: SplitCliOptions) => {
      lang = options.lang;
      const { splitCommand } = await import("./split");
      status = await splitCommand(file, options, io);
    });

  program
    .command("report")
    .description("write the published report (Word .docx) in the form of seed 001: result, areas, points lost, responsibilities, targets (report.ts)")
    .argument("<file>", ".xlsx, .xlsm, .csv or .tsv file")
    .requiredOption("-o, --output <file.docx>", "the Word document to write")
    .option("--unit <name>", "a section for this unit of a many-unit table (repeatable)", (v: string, all: string[]) => [...all, v], [])
    .option("--total-rank <period=rank>", "the total's rank in a period when the table does not give it, e.g. 2019=13 (repeatable)", (v: string, all: string[]) => [...all, v], [])
    .option("--ranked-of <n>", "how many units the published ranks count (63 provinces by default for a province's own table)")
    .option("--target-rank <k>", "the points each reported unit needs to reach place K")
    .option("--target-value <points>", "with --target-rank, for a one-unit table: the total of the unit at place K now")
    .option("--responsibility <sheet>", "sheet of criterion codes and responsible bodies")
    .option("--sheet <name>", "only this sheet")
    .option("--template <id|file.json>", "criteria template supplying maxima the table leaves out")
    .addOption(new Option("--lang <lang>", "language of the report").choices(["vi", "en"]).default("vi"))
    .option("--tolerance <points>", "allowed difference between a published total and the sum of its parts", "0.01")
    .addOption(new Option("--rank-on <rule>", "decide ties on the published (rounded) value or the exact one").choices(["rounded", "exact"]).default("rounded"))
    .addOption(new Option("--classes <scheme>", "rate every unit by percent bands (and caps)").choices(EXAMPLE_CLASS_SCHEMES.map((c) => c.id)))
    .option("--max-cells <n>", "refuse workbooks with more cells than this")
    .action(async (file: string, options: ReportCliOptions) => {
      lang = options.lang;
      const { reportCommand } = await import("./report");
      status = await reportCommand(file, options, io);
    });

  program
    .command("templates")
    .description("list the built-in criteria templates: what each confirms, its period and sources")
    .addOption(new Option("--lang <lang>", "language of the list").choices(["vi", "en"]).default("vi"))
    .action(async (options: { lang: Lang }) => {
      const { listTemplates } = await import("../tables/templates");
      const { templatesText } = await import("./templates-command");
      io.out(templatesText(listTemplates(), options.lang));
    });

  program
    .command("template")
    .description("make a criteria template")
    .command("from-sheet")
    .description("turn a criteria table on a sheet (codes, titles, maxima, optional weights, rules, effort, responsible body) into a template file for --template")
    .argument("<file>", ".xlsx, .xlsm, .csv or .tsv file")
    .option("--sheet <name>", "the sheet holding the criteria table (else the first sheet with one)")
    .requiredOption("-o, --output <file.json>", "the template file to write")
    .option("--id <id>", "the template's id (default: the output file's name)")
    .addOption(new Option("--lang <lang>", "language of messages").choices(["vi", "en"]).default("vi"))
    .option("--max-cells <n>", "refuse workbooks with more cells than this")
    .action(async (file: string, options: FromSheetOptions) => {
      lang = options.lang;
      const { templateFromSheetCommand } = await import("./template-from-sheet");
      status = await templateFromSheetCommand(file, options, io);
    });

  for (const command of program.commands) command.showHelpAfterError(helpHint(command.name(), lang));

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof InputError) {
      io.err(`parscore: ${err.render(lang)}\n`);
      return err.exitCode;
    }
    // A bug of ours, not the user's doing: say so in both languages, with what to send.
    const internal = {
      vi: "ParScore gặp lỗi nội bộ (không phải lỗi của tệp). Không có tệp kết quả nào bị ghi dở. Hãy gửi thông báo dưới đây và tệp đầu vào cho người hỗ trợ.",
      en: "ParScore hit an internal error (not a problem with your file). No output file was left half-written. Please send the text below and the input file to whoever supports ParScore.",
    };
    io.err(`parscore: ${internal[lang]}\n  ${internal[lang === "vi" ? "en" : "vi"]}\n${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
  if (argv.length === 0) {
    program.outputHelp();
    return 2;
  }
  return status;
}

async function analyzeCommand(file: string, options: AnalyzeOptions, io: Io): Promise<number> {
  const lang = options.lang;
  const pipelineOptions: PipelineOptions = {
    recognise: { template: options.template ? await resolveTemplate(options.template) : undefined },
    analysis: {
      rankOn: options.rankOn,
      tolerance: parseTolerance(options.tolerance),
      classScheme: EXAMPLE_CLASS_SCHEMES.find((c) => c.id === options.classes),
    },
  };
  if (options.output) await checkOutputPath(options.output, file, options.force);
  const grids = await readGrids(file, options.sheet, { maxCells: parseMaxCells(options.maxCells) });
  if (grids.length >= MANY_TABLES) io.err(lang === "vi" ? `Đã đọc ${grids.length.toLocaleString("vi-VN")} trang, đang tìm và phân tích các bảng...\n` : `Read ${grids.length.toLocaleString("en-US")} sheets; finding and analysing the tables...\n`);
  const responsibility = options.responsibility === undefined ? undefined : await responsibilityTable(file, options, grids);
  const result = analyseGrids(responsibility ? grids.filter((g) => g !== responsibility.grid) : grids, pipelineOptions);
  if (responsibility) {
    for (const table of result.tables) table.responsibility = responsibility.table.assignments;
    result.findings.push(...responsibility.table.findings);
  }
  const jsonToStdout = options.json === "-";
  const say = jsonToStdout ? io.err : io.out;

  const detailUnits = matchUnits(options.unit, result);
  const targets = targetRequest(options.targetRank, options.targetValue, detailUnits);
  // The responsibility sheet's "Mức độ khó" column orders what to win back, before the tables' own.
  if (targets && responsibility && responsibility.table.efforts.size > 0) targets.efforts = responsibility.table.efforts;
  say(summaryText(result, lang) + "\n");
  if (targets) say(targetLines(result, targets, lang));
  if (options.json !== undefined) {
    const json = JSON.stringify(toJson(result, file, lang, targets, detailUnits), null, 2) + "\n";
    if (jsonToStdout) io.out(json);
    else await writeOrExplain(options.json, () => writeFileAtomic(options.json as string, json));
  }
  if (result.tables.length === 0) {
    io.err(result.findings.some((f) => f.kind === "empty-table") ? ONLY_HEADERS[lang] : NOTHING_RECOGNISED[lang]);
    return 1;
  }
  if (options.output) {
    const output = options.output;
    const many = result.tables.length >= MANY_TABLES;
    if (many) io.err(writingProgress(result.tables.length, output, lang));
    const progress = many ? tablesWritten(result.tables.length, lang, io) : undefined;
    const written = await writeOrExplain(output, () =>
      writeScoredWorkbook(file, output, result, grids, lang, detailUnits, { formulas: options.formulas !== false, rankOn: options.rankOn }, progress),
    );
    say(
      lang === "vi"
        ? `Đã ghi ${options.output}: ${sheetList(written.sheets, "vi")}; ${written.highlightRules} quy tắc tô màu trên bảng gốc.\n`
        : `Wrote ${options.output}: ${sheetList(written.sheets, "en")}; ${written.highlightRules} highlight rules on the source table(s).\n`,
    );
    for (const note of written.notes) say(`  - ${note}\n`);
  }
  return 0;
}

/** --responsibility SHEET: that sheet's responsibility table; a missing sheet is a usage error listing the sheets. */
async function responsibilityTable(file: string, options: AnalyzeOptions, grids: Grid[]): Promise<{ grid: Grid; table: ResponsibilityTable }> {
  const wanted = options.responsibility as string;
  const all = options.sheet !== undefined ? await readGrids(file, undefined, { maxCells: parseMaxCells(options.maxCells) }) : grids;
  const key = (s: string) => s.normalize("NFC").trim().toLocaleLowerCase("vi");
  const found = all.find((g) => key(g.sheet) === key(wanted));
  if (!found) {
    const sheets = all.map((g) => `'${g.sheet}'`).join(", ");
    throw new InputError(
      {
        vi: `--responsibility: không có trang '${wanted}' trong tệp (các trang có: ${sheets})`,
        en: `--responsibility: no sheet '${wanted}' in the file (its sheets: ${sheets})`,
      },
      2,
    );
  }
  // With --sheet, the same sheet object is not in `grids`: match it by name there too.
  const grid = grids.find((g) => key(g.sheet) === key(found.sheet)) ?? found;
  return { grid, table: parseResponsibility(found) };
}

/** --target-rank K (a whole number from 1) for the --unit units, with --target-value when the table cannot tell place K's total. */
function targetRequest(text: string | undefined, valueText: string | undefined, units: string[]): TargetRequest | undefined {
  if (text === undefined) {
    if (valueText !== undefined) throw new InputError({ vi: "--target-value cần --target-rank K", en: "--target-value needs --target-rank K" }, 2);
    return undefined;
  }
  const rank = Number(text);
  if (!/^\d+$/.test(text.trim()) || rank < 1) {
    throw new InputError({ vi: `--target-rank: '${text}' không phải là một vị thứ (1, 2, 3, ...)`, en: `--target-rank: '${text}' is not a place (1, 2, 3, ...)` }, 2);
  }
  if (units.length === 0) {
    throw new InputError({ vi: "--target-rank cần --unit \"Tên đơn vị\" (đơn vị cần tính)", en: "--target-rank needs --unit \"Unit name\" (the unit to compute it for)" }, 2);
  }
  if (valueText === undefined) return { units, rank };
  const value = parsePoints(valueText);
  if (!value.ok || value.value.isNegative()) {
    throw new InputError({ vi: `--target-value: '${valueText}' không phải là số điểm (ví dụ 85,5)`, en: `--target-value: '${valueText}' is not points (like 85.5)` }, 2);
  }
  return { units, rank, value: value.value };
}

function targetLines(result: PipelineResult, targets: TargetRequest, lang: Lang): string {
  const lines = result.tables.flatMap(({ analysis }) => tableTargets(analysis, targets, lang).map((t) => `  ${t.unit}: ${t.text}\n`));
  const head = lang === "vi" ? `Mục tiêu lên hạng ${targets.rank}:\n` : `Target: rank ${targets.rank}:\n`;
  return lines.length > 0 ? head + lines.join("") + "\n" : "";
}
