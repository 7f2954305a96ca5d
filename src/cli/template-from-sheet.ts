/**
 * `parscore template from-sheet book.xlsx --sheet "Bộ tiêu chí" -o my-set.json`: a criteria table the
 * user keeps on a sheet becomes a template file that `--template my-set.json` then reads.
 */
import path from "path";
import type { Finding, Lang } from "../engine/types";
import { writeFileAtomic } from "../hosts/xlsx/atomic-write";
import { templateFromGrid, type TemplateJson, type TemplateNodeJson } from "../tables/template-from-sheet";
import type { Io } from "./command-options";
import { InputError, readGrids } from "./input";
import { writeOrExplain } from "./output";

export interface FromSheetOptions {
  sheet?: string;
  output: string;
  id?: string;
  lang: Lang;
  maxCells?: string;
}

export async function templateFromSheetCommand(file: string, options: FromSheetOptions, io: Io): Promise<number> {
  const lang = options.lang;
  if (path.extname(options.output).toLowerCase() !== ".json") {
    throw new InputError({ vi: `Tệp bộ tiêu chí phải có đuôi .json: '${options.output}'.`, en: `The template file must end in .json: '${options.output}'.` }, 2);
  }
  const grids = await readGrids(file, options.sheet, { maxCells: options.maxCells === undefined ? undefined : Number(options.maxCells) });
  const id = options.id ?? path.basename(options.output, path.extname(options.output));
  const findings: Finding[] = [];
  let template: TemplateJson | null = null;
  for (const grid of grids) {
    const read = templateFromGrid(grid, id, path.basename(file));
    findings.push(...read.findings);
    if (read.template) {
      template = read.template;
      break;
    }
  }
  for (const f of findings) {
    const where = f.location?.cell ? `${f.location.sheet}!${f.location.cell}` : (f.location?.sheet ?? "");
    io.err(`  [${f.severity}] ${where}: ${f.message[lang]}\n`);
  }
  if (!template) return 1;
  const json = JSON.stringify(template, null, 2) + "\n";
  await writeOrExplain(options.output, () => writeFileAtomic(options.output, json));
  const counts = countNodes(template.criteria);
  io.out(
    lang === "vi"
      ? `Đã ghi ${options.output}: ${counts.nodes} tiêu chí, ${counts.maxima} có điểm tối đa, ${counts.weights} có trọng số. Dùng: parscore analyze bang.xlsx --template ${options.output}\n`
      : `Wrote ${options.output}: ${counts.nodes} criteria, ${counts.maxima} with a maximum, ${counts.weights} with a weight. Use: parscore analyze table.xlsx --template ${options.output}\n`,
  );
  return 0;
}

function countNodes(nodes: readonly TemplateNodeJson[]): { nodes: number; maxima: number; weights: number } {
  const out = { nodes: 0, maxima: 0, weights: 0 };
  const walk = (list: readonly TemplateNodeJson[]) => {
    for (const n of list) {
      out.nodes++;
      if (n.max !== null) out.maxima++;
      if (n.weight !== undefined) out.weights++;
      walk(n.children ?? []);
    }
  };
  walk(nodes);
  return out;
}
