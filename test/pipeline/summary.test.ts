/** The console summary says what was read: a table of indices side by side has figures, not "no points". */
import { readFileSync } from "fs";
import { join } from "path";
import { analyseGrids } from "../../src/pipeline/run";
import { summaryText } from "../../src/pipeline/summary";
import type { CellValue } from "../../src/tables/grid";
import { grid } from "../tables/builder";

const fixture = (id: string): CellValue[][] => JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "real", `${id}.json`), "utf8")).rows;

describe("summary of a unit without a total", () => {
  test("indices side by side (ba-ria-vung-tau-2021-indices-profile): the figures read, no claim that none was", () => {
    const result = analyseGrids([grid(fixture("ba-ria-vung-tau-2021-indices-profile"))]);
    const vi = summaryText(result, "vi");
    expect(vi).not.toContain("chưa đọc được điểm nào");
    expect(vi).toContain("không có tổng điểm; các số đọc riêng, không cộng lại: Chỉ số PAR INDEX (điểm) 87,61; Chỉ số PCI (điểm) 69,03; Chỉ số SIPAS (%) 86,72; Chỉ số PAPI (điểm/80) 40,62; ...");
    const en = summaryText(result, "en");
    expect(en).toContain("no total; figures read side by side, not added up: Chỉ số PAR INDEX (điểm) 87.61; Chỉ số PCI (điểm) 69.03");
  });

  test("a unit whose cells hold nothing readable still says so, pointing at the findings", () => {
    const result = analyseGrids([grid([["STT", "Đơn vị", "Tổng điểm", "Xếp hạng"], [1, "Sở A", "8,7x", null], [2, "Sở B", 90, 1]])]);
    const vi = summaryText(result, "vi");
    expect(vi).toContain("Sở A: chưa đọc được điểm nào (xem phát hiện)");
    expect(vi).toContain("Sở B: 90");
  });
});
