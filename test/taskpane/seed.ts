/** The seed table (Thừa Thiên Huế, PAR Index 2018-2019 areas) as a Grid, the way the Excel host would read it. */
import * as fs from "fs";
import * as path from "path";
import type { Grid } from "../../src/tables/grid";

export const SEED_SHEET = "TT Huế 2018-2019";

/** The fixture's rows: text cells as typed ("6,50"), blank cells null. */
export function seedRows(): (string | null)[][] {
  const file = path.resolve(__dirname, "..", "fixtures", "tables", "thua-thien-hue-2019-areas.tsv");
  return fs
    .readFileSync(file, "utf8")
    .replace(/\r/g, "")
    .replace(/\n+$/, "")
    .split("\n")
    .map((line) => line.split("\t").map((cell) => (cell === "" ? null : cell)));
}

export function seedGrid(sheet = SEED_SHEET): Grid {
  return { sheet, origin: { row: 0, col: 0 }, values: seedRows(), merges: [] };
}

/** `units` units in rows (STT, name, three criteria, total), each unit's points set apart by `i`. */
export function manyUnitsGrid(units: number): Grid {
  const values: Grid["values"] = [["STT", "Đơn vị", "1. Chỉ đạo (10)", "2. Văn bản (10)", "3. Thủ tục (10)", "Tổng điểm"]];
  for (let i = 0; i < units; i++) {
    const points = [10 - ((i + 1) % 7), 10 - ((i + 1) % 5) * 1.5, 10 - ((i + 1) % 11) * 0.5];
    values.push([i + 1, `Xã ${i + 1}`, ...points.map((p) => String(p).replace(".", ",")), String(points[0] + points[1] + points[2]).replace(".", ",")]);
  }
  return { sheet: "Cấp xã", origin: { row: 0, col: 0 }, merges: [], values };
}
