/**
 * "Never a crash": grids made of the pieces real tables are made of, shuffled and mangled, go through
 * the whole pipeline (recognise -> analyse -> report plan -> JSON) without throwing, and every finding
 * that names a cell names one inside the grid.
 */
import type { CellValue, Grid } from "../../src/tables/grid";
import { parseA1 } from "../../src/tables/grid";
import { analyseGrids } from "../../src/pipeline/run";
import { toJson } from "../../src/pipeline/json";
import { summaryText } from "../../src/pipeline/summary";
import { buildReportPlan } from "../../src/report";

const PIECES: CellValue[] = [
  "STT", "TT", "Lĩnh vực/Tiêu chí", "Nội dung đánh giá", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định",
  "Xếp hạng", "Tổng điểm", "Tổng cộng", "Đơn vị", "Tỉnh", "Năm 2018", "Năm 2019", "Điểm số", "Chỉ số (%)",
  "Ghi chú", "Điểm thẩm định", "Chỉ số SIPAS", "§iÓm tèi ®a", "Ñieåm toái ña", "Die\u0302\u0309m",
  "I", "II", "1", "1.1", "1.1.1", "a)", "b.", "2", "3.2", "IV",
  "8,75", "8.75", "1.234,5", "8,7x", "-0,5", "0", "", " ", "KAD", "N/A", "-", "4(12)", "38 (5)", "=1+1",
  8.75, 10, 0.1, 0.2, -1, 100, 1e9, true, false, null, null, null, { error: "#N/A" }, { error: "#REF!" },
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomGrid(seed: number): Grid {
  const next = rng(seed);
  const height = 1 + Math.floor(next() * 25);
  const width = 1 + Math.floor(next() * 10);
  const values: CellValue[][] = [];
  for (let r = 0; r < height; r++) {
    const row: CellValue[] = [];
    for (let c = 0; c < width; c++) row.push(PIECES[Math.floor(next() * PIECES.length)]);
    values.push(row);
  }
  const merges = next() < 0.3 && height > 1 && width > 1 ? [{ top: 0, left: 0, bottom: 0, right: Math.min(width - 1, 2) }] : [];
  return { sheet: `S${seed}`, origin: { row: Math.floor(next() * 5), col: Math.floor(next() * 3) }, values, merges };
}

/** A real header with mangled rows under it: the layouts must cope with anything in the body. */
function mangledTable(seed: number): Grid {
  const next = rng(seed);
  const header: CellValue[] = ["STT", "Lĩnh vực/Tiêu chí", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định"];
  const values: CellValue[][] = [["BẢNG TỰ ĐÁNH GIÁ"], header];
  const rows = 1 + Math.floor(next() * 20);
  for (let r = 0; r < rows; r++) values.push(header.map(() => PIECES[Math.floor(next() * PIECES.length)]));
  return { sheet: `T${seed}`, origin: { row: 0, col: 0 }, values, merges: [] };
}

test.each([
  ["random grids", randomGrid],
  ["a real header over mangled rows", mangledTable],
])("%s go through the whole pipeline without throwing", (name, make) => {
  let analysed = 0;
  for (let seed = 1; seed <= 150; seed++) {
    const grid = make(seed);
    let result;
    try {
      result = analyseGrids([grid]);
      buildReportPlan({ lang: "vi", tables: result.tables });
      JSON.stringify(toJson(result, "x.xlsx", "en"));
      summaryText(result, "vi");
    } catch (err) {
      throw new Error(`seed ${seed} (${grid.sheet}): ${(err as Error).stack}`);
    }
    analysed += result.tables.length;
    const findings = [...result.findings, ...result.tables.flatMap((t) => t.analysis.findings)];
    for (const f of findings) {
      if (!f.location?.cell) continue;
      const { row, col } = parseA1(f.location.cell);
      const inside =
        row >= grid.origin.row && row < grid.origin.row + grid.values.length && col >= grid.origin.col && col < grid.origin.col + 10;
      if (!inside) throw new Error(`seed ${seed}: finding ${f.kind} at ${f.location.cell} is outside the grid`);
      expect(f.message.vi.length).toBeGreaterThan(0);
      expect(f.message.en.length).toBeGreaterThan(0);
    }
  }
  // The mangled tables must really reach the engine and the report, not be turned away at the door.
  if (name.startsWith("a real header")) expect(analysed).toBeGreaterThan(100);
});
