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
