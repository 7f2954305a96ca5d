/** A unit's source row found from the reader's row of numbers equals the one found from every cell's PointValue. */
import * as fs from "fs";
import * as path from "path";
import type { ColumnAnalysis } from "../../src/engine/types";
import { ScaledPoints } from "../../src/engine/scaled-points";
import { readDelimitedGrid } from "../../src/hosts/csv/read-csv";
import { analyseGrids } from "../../src/pipeline/run";
import { sourceRowOf } from "../../src/report/source-row";

/** The same column with its points as a plain Map: every PointValue made, as before the shortcut. */
function withPlainPoints(c: ColumnAnalysis): ColumnAnalysis {
  return { ...c, column: { ...c.column, points: new Map(c.column.points) } };
}

test("the source rows of a table read into integers are those of its PointValues, and a column whose cells are on two rows has none", () => {
  const file = path.resolve(__dirname, "..", "fixtures", "tables", "province-units-blocks.csv");
  const grid = readDelimitedGrid(fs.readFileSync(file, "utf8"), { sheet: "Khối", delimiter: ";" });
  const [{ analysis }] = analyseGrids([grid]).tables;
  const scaled = analysis.columns.filter((c) => c.column.points instanceof ScaledPoints);
  expect(scaled.length).toBeGreaterThan(4);
  for (const c of scaled) {
    const fast = sourceRowOf(c, "Khối");
    expect(fast).not.toBeNull();
    expect(fast).toEqual(sourceRowOf(withPlainPoints(c), "Khối"));
  }
  // A published total on another row than the unit's points: no single source row, either way.
  const c = scaled[0];
  const total = c.column.publishedTotal;
  const moved = { ...c, column: { ...c.column, publishedTotal: { value: total?.value ?? null, location: { sheet: "Khối", cell: "Z999" } } } } as ColumnAnalysis;
  expect(sourceRowOf(moved, "Khối")).toBeNull();
  expect(sourceRowOf(withPlainPoints(moved), "Khối")).toBeNull();
});
