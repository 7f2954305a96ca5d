/** An effort ("Mức độ khó") or feasibility ("Khả năng khắc phục") column: per criterion, and on the responsibility sheet. */
import { analyse } from "../../src/engine/analyse";
import type { Criterion } from "../../src/engine/types";
import { toJson } from "../../src/pipeline/json";
import { analyseGrids } from "../../src/pipeline/run";
import { tableTargets } from "../../src/pipeline/targets";
import { effortHeaderKind, readEffort } from "../../src/tables/effort";
import { parseResponsibility } from "../../src/tables/responsibility";
import { grid, one } from "./builder";

const efforts = (criteria: Criterion[]): Record<string, string | null> => {
  const out: Record<string, string | null> = {};
  const walk = (cs: Criterion[]) => cs.forEach((c) => ((out[c.code] = c.effort ? c.effort.toFixed() : null), walk(c.children)));
  walk(criteria);
  return out;
};

describe("effort column in a criteria table", () => {
  test("'Mức độ khó (1-5)' is read per criterion, not taken for a unit; words and numbers", () => {
    const { table, rec } = one(
      grid([
        ["STT", "Nội dung", "Điểm tối đa", "Điểm thẩm định", "Mức độ khó (1-5)"],
        ["1", "Chỉ đạo", "5", "3"],
        ["1.1", "Kế hoạch", "2", "1", "Dễ"],
        ["1.2", "Báo cáo", "3", "2", "4"],
        ["2", "Thủ tục", "5", "4", null],
        ["2.1", "Công khai", "5", "4", "rất khó"],
      ]),
    );
    expect(table.layout).toBe("self-assessment");
    expect(efforts(table.scorecard.criteria)).toEqual({ "1": null, "1.1": "2", "1.2": "4", "2": null, "2.1": "5" });
    expect(rec.findings).toEqual([]);
  });

  test("'Khả năng khắc phục' is read inversely (Cao = easy, 5 = effort 1); an unreadable value is a located warning", () => {
    const { table, rec } = one(
      grid([
        ["STT", "Nội dung", "Điểm tối đa", "Điểm", "Khả năng khắc phục"],
        ["1", "Chỉ đạo", "2", "1", "Cao"],
        ["2", "Thủ tục", "3", "2", "5"],
        ["3", "Tổ chức", "3", "2", "Thấp"],
        ["4", "Tài chính", "3", "2", "chưa rõ"],
      ]),
    );
    expect(efforts(table.scorecard.criteria)).toEqual({ "1": "2", "2": "1", "3": "4", "4": null });
    expect(rec.findings.map((f) => [f.kind, f.location?.cell, f.message.vi])).toEqual([
      ["unreadable-effort", "E5", "Trang 'Sheet1' ô E5: 'chưa rõ' không phải là khả năng khắc phục (1-5, hoặc Cao / Trung bình / Thấp); tiêu chí này được coi là khó nhất khi tính mục tiêu"],
    ]);
  });

  test("targets of a units-in-columns table use the effort column: the easy criteria when they are enough", () => {
    const { table } = one(
      grid([
        ["STT", "Nội dung", "Điểm tối đa", "Độ khó", "Sở A", "Sở B"],
        ["1", "Chỉ đạo", "4", "Khó", "4", "1"],
        ["2", "Thủ tục", "3", "Dễ", "3", "1"],
        ["3", "Tổ chức", "3", "Dễ", "3", "2"],
      ]),
    );
    expect(table.layout).toBe("units-in-columns");
    expect(table.scorecard.columns.map((c) => c.unit)).toEqual(["Sở A", "Sở B"]);
    const [target] = tableTargets(analyse(table.scorecard), { units: ["Sở B"], rank: 1 }, "vi");
    // 6 points needed: the easy ones (2 + 1) are not enough, so 1 (hard, 3) comes in: the fewest at that level.
    expect(target).toMatchObject({ pointsNeeded: "6.00", recover: ["1", "2", "3"], recoverEffort: ["4", "2", "2"] });
    expect(target.text).toBe("Cần thêm 6,00 điểm để lên hạng 1: lấy lại điểm bị trừ ở lĩnh vực 1 (Chỉ đạo), lĩnh vực 2 (Thủ tục), lĩnh vực 3 (Tổ chức) (mức độ khó cao nhất 4)");
  });

  test("headers and values", () => {
    expect(["Mức độ khó", "ĐỘ KHÓ", "Effort", "Khả năng khắc phục", "Feasibility", "Mức độ khả thi", "Điểm"].map(effortHeaderKind)).toEqual([
      "effort",
      "effort",
      "effort",
      "feasibility",
      "feasibility",
      "feasibility",
      null,
    ]);
    expect(readEffort("Trung bình", "effort")).toEqual({ effort: expect.anything() });
    expect(readEffort(7, "effort")).toEqual({ problem: "7" });
    expect(readEffort("  ", "feasibility")).toEqual({ blank: true });
  });
});

describe("effort column on the responsibility sheet", () => {
  test("each code of a row gets the row's effort; targets use it before the table's", () => {
    const resp = parseResponsibility(
      grid(
        [
          ["Mã tiêu chí", "Cơ quan chủ trì", "Mức độ khó"],
          ["1; 2", "Sở Nội vụ", "1"],
          ["3", "Sở Tài chính", "Khó"],
          ["4", "Sở Y tế", "??"],
        ],
        { sheet: "Phân công" },
      ),
    );
    expect([...resp.efforts].map(([k, v]) => [k, v.toFixed()])).toEqual([
      ["1", "1"],
      ["2", "1"],
      ["3", "4"],
    ]);
    expect(resp.findings.map((f) => [f.kind, f.location?.cell])).toEqual([["unreadable-effort", "C4"]]);

    const { table } = one(
      grid([
        ["STT", "Tên đơn vị", "Lĩnh vực 1", "Lĩnh vực 2", "Lĩnh vực 3"],
        ["", "Điểm tối đa", "5", "5", "5"],
        ["1", "Huyện A", "5", "5", "5"],
        ["2", "Huyện C", "4", "4", "4"],
        ["3", "Huyện B", "3", "3", "2"],
      ]),
    );
    const analysis = analyse(table.scorecard);
    // 4 points to reach Huyện C (2nd): largest loss first takes 3 (3) and 1 (2) ...
    const plain = tableTargets(analysis, { units: ["Huyện B"], rank: 2 }, "en")[0];
    expect(plain).toMatchObject({ pointsNeeded: "4.00", recover: ["3", "1"] });
    expect(plain.recoverEffort).toBeUndefined();
    // ... the easy 1 and 2 (2 + 2) are enough, so the hard 3 is left out.
    const easyFirst = tableTargets(analysis, { units: ["Huyện B"], rank: 2, efforts: resp.efforts }, "en")[0];
    expect(easyFirst).toMatchObject({ pointsNeeded: "4.00", recover: ["1", "2"], recoverEffort: ["1", "1"] });
    expect(easyFirst.text).toBe("Needs 4.00 more points to reach rank 2: win back the points lost in area 1, area 2 (hardest effort 1)");
  });
});

describe("effort in the JSON", () => {
  test("criteria[].effort where the table gives one", () => {
    const result = analyseGrids([
      grid([
        ["STT", "Nội dung", "Điểm tối đa", "Điểm", "Mức độ khó"],
        ["1", "Chỉ đạo", "2", "1", "Dễ"],
        ["2", "Thủ tục", "3", "2"],
      ]),
    ]);
    const json = toJson(result, "x.xlsx", "vi");
    expect(json.tables[0].criteria.map((c) => [c.code, c.effort])).toEqual([
      ["1", "2"],
      ["2", undefined],
    ]);
  });
});
