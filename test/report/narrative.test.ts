import Decimal from "decimal.js";
import type { Change, LeafSummary } from "../../src/engine/types";
import {
  appraisalSentence,
  areaSentence,
  changePhrase,
  count2,
  leafSummarySentence,
  rankPhrase,
  totalSentence,
  type AreaFacts,
} from "../../src/report/narrative";

const d = (s: string): Decimal => new Decimal(s);

const area4: AreaFacts = {
  code: "4",
  title: "Cải cách tổ chức bộ máy hành chính",
  achieved: d("8.35"),
  max: d("12"),
  lost: d("3.65"),
  rank: { rank: 55, tieCount: 1, of: 63, label: "55" },
  lostItems: [],
  itemLevel: 3,
};

describe("seed 001 style sentences", () => {
  test("an area of an areas-only table: points, rank and loss", () => {
    expect(areaSentence(area4, "vi")).toBe("Lĩnh vực Cải cách tổ chức bộ máy hành chính: đạt 8,35/12 điểm (xếp vị thứ 55/63), bị trừ 3,65 điểm.");
    expect(areaSentence(area4, "en")).toBe("Cải cách tổ chức bộ máy hành chính (area 4): 8.35/12 points (rank 55 of 63), 3.65 points lost.");
  });

  test("an area with sub-criteria that lost points lists them, largest first as given, counted like '04 TCTP'", () => {
    const facts: AreaFacts = {
      ...area4,
      rank: null,
      lostItems: [
        { code: "4.1.1", title: "a", lost: d("1") },
        { code: "4.1.2", title: "b", lost: d("1") },
        { code: "4.2.3", title: "c", lost: d("0.5") },
        { code: "4.2.2", title: "d", lost: d("0.15") },
      ],
    };
    expect(areaSentence(facts, "vi")).toBe(
      "Lĩnh vực Cải cách tổ chức bộ máy hành chính: đạt 8,35/12 điểm, bị trừ 3,65 điểm tại 04 TCTP: " +
        "4.1.1 (trừ 1 điểm), 4.1.2 (trừ 1 điểm), 4.2.3 (trừ 0,5 điểm), 4.2.2 (trừ 0,15 điểm).",
    );
    expect(areaSentence(facts, "en")).toContain("3.65 points lost in 4 sub-criteria: 4.1.1 (lost 1), 4.1.2 (lost 1)");
  });

  test("a single lost sub-criterion is named with its title, as seed 001 does for TCTP 2.2", () => {
    const facts: AreaFacts = {
      code: "2",
      title: "Xây dựng và tổ chức thực hiện VBQPPL tại tỉnh",
      achieved: d("8.75"),
      max: d("10"),
      lost: d("1.25"),
      rank: { rank: 32, tieCount: 1, of: 63, label: "32" },
      lostItems: [{ code: "2.2", title: "Xử lý VBQPPL sau rà soát, hệ thống hóa", lost: d("0.16") }],
      itemLevel: 2,
    };
    expect(areaSentence(facts, "vi")).toBe(
      "Lĩnh vực Xây dựng và tổ chức thực hiện VBQPPL tại tỉnh: đạt 8,75/10 điểm (xếp vị thứ 32/63), bị trừ 1,25 điểm " +
        "tại 01 tiêu chí: 2.2 “Xử lý VBQPPL sau rà soát, hệ thống hóa” (trừ 0,16 điểm).",
    );
  });

  test("full marks, unknown max and no points", () => {
    expect(
      areaSentence({ ...area4, title: "Hiện đại hóa hành chính", achieved: d("13"), max: d("13"), lost: d("0"), rank: { rank: 1, tieCount: 1, of: 63, label: "1" } }, "vi"),
    ).toBe("Lĩnh vực Hiện đại hóa hành chính: đạt tối đa 13/13 điểm (xếp vị thứ 1/63).");
    expect(areaSentence({ ...area4, max: null, lost: null, rank: null }, "vi")).toBe("Lĩnh vực Cải cách tổ chức bộ máy hành chính: đạt 8,35 điểm.");
    expect(areaSentence({ ...area4, achieved: null }, "en")).toBe("Cải cách tổ chức bộ máy hành chính (area 4): no points given.");
  });

  test("ties read 'xếp vị thứ 4/63, 12 đơn vị cùng vị thứ'; a published rank without a count reads '4'", () => {
    expect(rankPhrase({ rank: 4, tieCount: 12, of: 63, label: "4(12)" }, "vi")).toBe("xếp vị thứ 4/63, 12 đơn vị cùng vị thứ");
    expect(rankPhrase({ rank: 4, tieCount: 12, of: null, label: "4(12)" }, "vi")).toBe("xếp vị thứ 4, 12 đơn vị cùng vị thứ");
    expect(rankPhrase({ rank: 4, tieCount: 12, of: 63, label: "4(12)" }, "en")).toBe("rank 4 of 63, shared by 12");
  });

  test("the leaf summary reproduces seed 001's sentence", () => {
    const s: LeafSummary = {
      fullMarkCount: 60,
      fullMarkPoints: d("43.75"),
      belowMaxCount: 21,
      belowMaxAchieved: d("12.57"),
      belowMaxMax: d("22.75"),
      belowMaxLost: d("10.18"),
    };
    expect(leafSummarySentence(s, 3, "vi")).toBe(
      "Có 60 TCTP đạt điểm tối đa (43,75 điểm) và 21 TCTP chưa đạt điểm tối đa (12,57/22,75 điểm, trừ 10,18 điểm).",
    );
    expect(leafSummarySentence(s, 3, "en")).toBe(
      "60 sub-criteria at full marks (43.75 points) and 21 below full marks (12.57/22.75 points, 10.18 lost).",
    );
    expect(leafSummarySentence({ ...s, fullMarkCount: 0, belowMaxCount: 0 }, 3, "vi")).toBeNull();
  });

  test("the total sentence reproduces seed 001's headline", () => {
    const change: Change = {
      unit: "Thừa Thiên Huế",
      code: "",
      fromPeriod: "2018",
      toPeriod: "2019",
      pointsDelta: d("4.16"),
      rankDelta: 3,
      phrase: { vi: "tăng 4,16 điểm và tăng 3 bậc", en: "up 4.16 points and 3 places" },
    };
    expect(
      totalSentence(
        { unit: "Thừa Thiên Huế", period: "2019", achieved: d("83.06"), max: d("100"), percent: d("83.06"), rank: { rank: 13, tieCount: 1, of: 63, label: "13" }, change },
        "vi",
      ),
    ).toBe("Năm 2019, Thừa Thiên Huế đạt 83,06/100 điểm (83,06%), xếp vị thứ 13/63 (tăng 4,16 điểm và tăng 3 bậc so với năm 2018).");
    expect(changePhrase({ ...change, phrase: { vi: "tăng 1 bậc so với năm 2018", en: "x" } }, "vi")).toBe("tăng 1 bậc so với năm 2018");
    expect(changePhrase(change, "en")).toBe("up 4.16 points and 3 places compared with 2018");
    expect(totalSentence({ unit: "", period: "", achieved: d("70"), max: null, percent: null, classLabel: "Khá" }, "vi")).toBe(
      "Đơn vị đạt 70 điểm; xếp loại: Khá.",
    );
  });

  test("appraisal and counts", () => {
    expect(appraisalSentence(d("20"), d("3.65"), "vi")).toBe("Tự đánh giá 20 điểm; qua thẩm định bị trừ 3,65 điểm.");
    expect(appraisalSentence(d("20"), d("0"), "en")).toBe("Self-assessed 20 points; appraisal kept the self-assessed points.");
    expect(appraisalSentence(null, null, "vi")).toBeNull();
    expect([count2(1), count2(4), count2(12)]).toEqual(["01", "04", "12"]);
  });
});
