/**
 * The whole CLI path on a real file: read the .xlsx, recognise the tables, analyse, plan the
 * report, write it, and let LibreOffice show the result.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { pointsToJson } from "../../src/engine/points";
import { readXlsxGrids } from "../../src/hosts/xlsx/read-xlsx";
import { writeReport } from "../../src/hosts/xlsx/write-xlsx";
import { analyseGrids } from "../../src/pipeline/run";
import { latest, unitViews } from "../../src/engine/views";
import { buildReportPlan } from "../../src/report";
import { sheetsAsCsv, sofficePath } from "../helpers/libreoffice";
import { DATA_SHEET, toBytes, userWorkbook } from "../hosts/write-helpers";
import { MANY_SHEET, SELF_SHEET, TTH_SHEET } from "../report/fixtures";

const USER_SHEETS = [TTH_SHEET, SELF_SHEET, MANY_SHEET, DATA_SHEET];

const shown = (cell: string | undefined): number => (cell === undefined || cell === "" ? NaN : Number(cell));

test("read -> recognise -> analyse -> plan -> write -> LibreOffice shows the engine's numbers", async () => {
  if (!sofficePath()) throw new Error("LibreOffice (soffice) is not on PATH");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-pipe-"));
  try {
    const bytes = await toBytes(userWorkbook());
    const result = analyseGrids(await readXlsxGrids(bytes));
    expect(result.tables.length).toBeGreaterThan(0);
    const plan = buildReportPlan({ lang: "vi", tables: result.tables });
    expect(plan.highlights.length).toBeGreaterThan(0);
    const original = path.join(dir, "original.xlsx");
    const out = path.join(dir, "out.xlsx");
    await fs.writeFile(original, bytes);
    const { result: applied } = await writeReport(bytes, plan, out);
    expect(applied.rulesAdded).toBe(plan.highlights.length + plan.sheets.reduce((s, x) => s + x.conditionalFormats.length, 0));

    const before = await sheetsAsCsv(original, USER_SHEETS);
    const after = await sheetsAsCsv(out, [...USER_SHEETS, ...applied.sheets]);
    for (const name of USER_SHEETS) expect(after.get(name)).toEqual(before.get(name));

    // applied.sheets[k] is the name plan.sheets[k] got in the workbook.
    const gapSheets = applied.sheets.filter((_, k) => plan.sheets[k].role === "gap");
    expect(gapSheets).toHaveLength(result.tables.length);
    result.tables.forEach(({ analysis }, i) => {
      const rows = after.get(gapSheets[i]) ?? [];
      const column = latest(unitViews(analysis)[0]);
      let from = 0;
      for (const area of analysis.scorecard.criteria.filter((c) => !c.extra)) {
        const r = rows.findIndex((row, k) => k >= from && row[0] === area.code && row[1] === area.title);
        expect(r).toBeGreaterThanOrEqual(0);
        const node = column.nodes.get(area.code);
        // A blank cell is a value the engine does not know (no max, so no points lost), never 0.
        expect(shown(rows[r][3])).toBe(Number(pointsToJson(node?.achieved) ?? NaN));
        expect(shown(rows[r][4])).toBe(Number(pointsToJson(node?.lost) ?? NaN));
        from = r + 1;
      }
    });
    const tth = result.tables.findIndex((t) => t.table.sheet === TTH_SHEET);
    if (tth >= 0) {
      const rows = after.get(gapSheets[tth]) ?? [];
      expect(rows.some((r) => r[1] === "Cải cách tổ chức bộ máy hành chính" && r[3] === "8.35" && r[4] === "3.65")).toBe(true);
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
