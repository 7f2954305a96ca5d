import { analyse } from "../../src/engine/analyse";
import { TOTAL_CODE } from "../../src/engine/types";
import { grid, one } from "./builder";

function totals(scorecard: ReturnType<typeof one>["table"]["scorecard"]) {
  return Object.fromEntries(
    scorecard.columns.map((c) => [c.key, { total: c.publishedTotal?.value?.toString() ?? null, rank: c.publishedRanks.get("")?.rank ?? null }]),
  );
}

describe("units in rows with several years side by side", () => {
  test("'Tổng điểm 2023 | Xếp hạng 2023 | Tổng điểm 2024 | Xếp hạng 2024': one column per unit and year, changes computed", () => {
    const g = grid(
      [
        ["KẾT QUẢ CHỈ SỐ CCHC CÁC SỞ, NGÀNH"],
        ["STT", "Đơn vị", "Tổng điểm 2023", "Xếp hạng 2023", "Tổng điểm 2024", "Xếp hạng 2024"],
        ["1", "Sở Tư pháp", "86,50", "3", "91,20", "1"],
        ["2", "Sở Nội vụ", "90,10", "1", "89,75", "2"],
        ["3", "Sở Y tế", "88,00", "2", "85,00", "3"],
      ],
      { sheet: "Sở 2023-2024" },
    );
    const { table } = one(g);
    expect(table.layout).toBe("units-in-rows");
    expect(totals(table.scorecard)).toEqual({
      "Sở Tư pháp|2024|score": { total: "91.2", rank: 1 },
      "Sở Tư pháp|2023|score": { total: "86.5", rank: 3 },
      "Sở Nội vụ|2024|score": { total: "89.75", rank: 2 },
      "Sở Nội vụ|2023|score": { total: "90.1", rank: 1 },
      "Sở Y tế|2024|score": { total: "85", rank: 3 },
      "Sở Y tế|2023|score": { total: "88", rank: 2 },
    });
    expect(table.scorecard.columns.find((c) => c.key === "Sở Y tế|2023|score")?.publishedTotal?.location?.cell).toBe("C5");

    const analysis = analyse(table.scorecard);
    const change = analysis.changes.find((c) => c.unit === "Sở Tư pháp" && c.code === TOTAL_CODE);
    expect(change?.pointsDelta?.toString()).toBe("4.7");
    expect(change?.rankDelta).toBe(2);
    expect(change?.phrase.vi).toBe("tăng 4,7 điểm và tăng 2 bậc");
  });

  test("areas for the latest year plus 'Chỉ số 2023 (%)' for the year before", () => {
    const g = grid(
      [
        ["STT", "Tỉnh, thành phố", "Lĩnh vực 1", "Lĩnh vực 2", "Tổng điểm năm 2024", "Xếp hạng năm 2024", "Chỉ số 2023 (%)", "Xếp hạng năm 2023"],
        ["1", "Tỉnh A", "40", "45,5", "85,5", "2", "80,25", "2"],
        ["2", "Tỉnh B", "45", "47", "92", "1", "88,1", "1"],
      ],
      { sheet: "PAR" },
    );
    const { table } = one(g);
    const a2024 = table.scorecard.columns.find((c) => c.key === "Tỉnh A|2024|score");
    expect(a2024?.points.get("1")?.value?.toString()).toBe("40");
    expect(a2024?.publishedTotal?.value?.toString()).toBe("85.5");
    const a2023 = table.scorecard.columns.find((c) => c.key === "Tỉnh A|2023|score");
    expect(a2023?.publishedTotal?.value?.toString()).toBe("80.25");
    expect(a2023?.points.size).toBe(0);
    const analysis = analyse(table.scorecard);
    expect(analysis.changes.find((c) => c.unit === "Tỉnh A" && c.code === TOTAL_CODE)?.pointsDelta?.toString()).toBe("5.25");
  });
});
