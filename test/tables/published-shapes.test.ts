/**
 * The shapes real published result tables take (issue 16), each built from the way offices lay it out:
 * official unit-column headers, the national format since 2022, a maximum per unit, class columns,
 * lines under the table, excerpts of a larger ranking, and sub-criterion codes in the header row.
 */
import { analyse } from "../../src/engine/analyse";
import { TOTAL_CODE, type Analysis } from "../../src/engine/types";
import { recogniseGrid } from "../../src/tables/recognise";
import { grid, one, plainCriteria, plainFindings, plainRanks } from "./builder";

type Rows = Parameters<typeof grid>[0];

function totalOf(analysis: Analysis, unit: string, period = "") {
  const c = analysis.columns.find((x) => x.column.unit === unit && x.column.period === period && x.column.basis === "score");
  const n = c?.nodes.get(TOTAL_CODE);
  return { achieved: n?.achieved?.toString() ?? null, max: n?.max?.toString() ?? null, lost: n?.lost?.toString() ?? null, percent: n?.percent?.toFixed(2) ?? null };
}

function computedRanks(analysis: Analysis, period = ""): Record<string, number> {
  const t = analysis.ranks.find((r) => r.code === TOTAL_CODE && r.period === period);
  return Object.fromEntries((t?.entries ?? []).map((e) => [e.unit, e.rank]));
}

const kinds = (analysis: Analysis) => plainFindings(analysis.findings);

describe("1. official unit-column headers", () => {
  const HEADERS = [
    "Các bộ, cơ quan ngang bộ",
    "Bộ, cơ quan ngang bộ",
    "Tên cơ quan, đơn vị",
    "Cơ quan, địa phương",
    "Tỉnh, thành phố",
    "Xã, phường, đặc khu",
    "Địa phương",
    "Sở, ban, ngành",
    "Đơn vị được đánh giá",
  ];
  test.each(HEADERS)("'%s' heads the unit column of a ranking", (label) => {
    const { table, rec } = one(
      grid([
        ["KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023"],
        ["STT", label, "Tổng điểm", "Xếp hạng"],
        ["1", "Đơn vị thứ nhất", "90,5", "1"],
        ["2", "Đơn vị thứ hai", "85,25", "2"],
      ]),
    );
    expect(table.layout).toBe("units-in-rows");
    expect(table.scorecard.columns.map((c) => [c.unit, c.publishedTotal?.value?.toString()])).toEqual([
      ["Đơn vị thứ nhất", "90.5"],
      ["Đơn vị thứ hai", "85.25"],
    ]);
    expect(rec.findings).toEqual([]);
  });

  test("a header the vocabulary does not have, or none at all: the column of distinct names is the unit column", () => {
    for (const label of ["Khối cơ quan hành chính", "", "Tên gọi"]) {
      const { table } = one(
        grid([
          ["STT", label, "Điểm thẩm định", "Tổng điểm", "Xếp hạng"],
          ["1", "Sở Tư pháp", "80", "80", "2"],
          ["2", "Sở Nội vụ", "85", "85", "1"],
          ["3", "Sở Y tế", "70", "70", "3"],
        ]),
      );
      expect(table.scorecard.columns.map((c) => c.unit)).toEqual(["Sở Tư pháp", "Sở Nội vụ", "Sở Y tế"]);
      expect(table.scorecard.columns.map((c) => c.publishedRanks.get("")?.rank)).toEqual([2, 1, 3]);
    }
  });

  test("year over year: merged 'Năm 2022' / 'Năm 2023' over 'Chỉ số (%)' and 'Xếp hạng'", () => {
    const g = grid(
      [
        ["KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA CÁC BỘ, CƠ QUAN NGANG BỘ"],
        ["STT", "Các bộ, cơ quan ngang bộ", "Năm 2022", null, "Năm 2023", null],
        [null, null, "Chỉ số (%)", "Xếp hạng", "Chỉ số (%)", "Xếp hạng"],
        ["1", "Ngân hàng Nhà nước Việt Nam", "91,07", "1", "92,64", "1"],
        ["2", "Bộ Tư pháp", "88,50", "3", "90,11", "2"],
        ["3", "Bộ Tài chính", "89,36", "2", "89,98", "3"],
      ],
      { merges: ["A2:A3", "B2:B3", "C2:D2", "E2:F2"] },
    );
    const { table, rec } = one(g);
    expect(table.layout).toBe("units-in-rows");
    expect(table.scorecard.columns.map((c) => `${c.key} ${c.publishedTotal?.value?.toString()} ${c.publishedRanks.get("")?.rank}`)).toEqual([
      "Ngân hàng Nhà nước Việt Nam|2023|score 92.64 1",
      "Ngân hàng Nhà nước Việt Nam|2022|score 91.07 1",
      "Bộ Tư pháp|2023|score 90.11 2",
      "Bộ Tư pháp|2022|score 88.5 3",
      "Bộ Tài chính|2023|score 89.98 3",
      "Bộ Tài chính|2022|score 89.36 2",
    ]);
    expect(rec.findings).toEqual([]);
    const analysis = analyse(table.scorecard);
    expect(analysis.changes.find((c) => c.unit === "Bộ Tư pháp" && c.code === TOTAL_CODE)?.rankDelta).toBe(1);
  });
});

describe("2. the national format since 2022", () => {
  // PAR INDEX 2022 style: appraisal (max 62) + sociological survey (max 38) = total; index = total on 100.
  const rows = (indexLabel: string): Rows => [
    ["BẢNG XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA CÁC TỈNH, THÀNH PHỐ"],
    ["Xếp hạng", "Tỉnh, thành phố", "Điểm thẩm định", "Điểm điều tra XHH", "Tổng điểm", indexLabel],
    ["1", "Hải Phòng", "59,56", "32,96", "92,52", "92,52"],
    ["2", "Quảng Ninh", "58,81", "32,86", "91,68", "91,68"],
    ["3", "Bắc Ninh", "57,04", "31,87", "88,91", "88,91"],
    ["4", "Hà Nội", "56,10", "31,50", "87,60", "87,60"],
    [null, "Trung bình", "54,02", "30,11", "84,13", "84,13"],
  ];

  test.each(["Chỉ số (%)", "Chỉ số CCHC (%)", "Chỉ số PAR INDEX"])("parts add to the total, '%s' is the index, not a criterion", (indexLabel) => {
    const { table, rec } = one(grid(rows(indexLabel)), { autoTemplate: false });
    expect(table.layout).toBe("units-in-rows");
    expect(plainCriteria(table.scorecard.criteria).map((c) => [c.title, c.extra ?? false])).toEqual([
      ["Điểm thẩm định", false],
      ["Điểm điều tra XHH", false],
    ]);
    expect(table.scorecard.columns.map((c) => c.unit)).toEqual(["Hải Phòng", "Quảng Ninh", "Bắc Ninh", "Hà Nội"]);
    expect(table.scorecard.columns[0].indicators?.indexPercent?.toString()).toBe("92.52");
    expect(plainRanks(table.scorecard)["Bắc Ninh||score"]).toEqual({ "": "3" });
    expect(plainFindings(rec.findings)).toEqual(["summary-row-skipped@B7"]);
    const analysis = analyse(table.scorecard);
    // Quảng Ninh publishes 91,68 for parts adding to 91,67: a 0,01 difference, found at its total cell.
    expect(kinds(analysis).filter((k) => !k.startsWith("summary"))).toEqual(["rounding-difference@E4"]);
    expect(computedRanks(analysis)).toEqual({ "Hải Phòng": 1, "Quảng Ninh": 2, "Bắc Ninh": 3, "Hà Nội": 4 });
  });
});

describe("3. a maximum per unit", () => {
  test("STT | Tên cơ quan | Điểm tối đa | Điểm thẩm định: max, lost, percent per unit, ranked on the rate", () => {
    const { table, rec } = one(
      grid([
        ["STT", "Tên cơ quan", "Điểm tối đa", "Điểm thẩm định"],
        ["1", "Sở Tư pháp", "71,5", "65,25"],
        ["2", "Sở Y tế", "96,5", "80"],
        ["3", "Sở Nội vụ", "100", "90,5"],
      ]),
    );
    expect(rec.findings).toEqual([]);
    const analysis = analyse(table.scorecard);
    expect(totalOf(analysis, "Sở Tư pháp")).toEqual({ achieved: "65.25", max: "71.5", lost: "6.25", percent: "91.26" });
    expect(totalOf(analysis, "Sở Y tế")).toEqual({ achieved: "80", max: "96.5", lost: "16.5", percent: "82.90" });
    expect(computedRanks(analysis)).toEqual({ "Sở Tư pháp": 1, "Sở Nội vụ": 2, "Sở Y tế": 3 });
    expect(analysis.findings).toEqual([]);
  });

  test("with Điểm đạt | Tỷ lệ (%) | Xếp hạng | Xếp loại: the rate is the index, the class is text, ranks agree", () => {
    const { table, rec } = one(
      grid([
        ["KẾT QUẢ XÁC ĐỊNH CHỈ SỐ CCHC CÁC SỞ, BAN, NGÀNH NĂM 2024"],
        ["STT", "Tên cơ quan, đơn vị", "Điểm tối đa", "Điểm đạt", "Tỷ lệ (%)", "Xếp hạng", "Xếp loại"],
        ["1", "Sở Tư pháp", "71,5", "65,25", "91,26", "1", "Xuất sắc"],
        ["2", "Sở Nội vụ", "100", "90,5", "90,50", "2", "Tốt"],
        ["3", "Sở Y tế", "96,5", "80", "82,90", "3", "Khá"],
      ]),
    );
    expect(rec.findings).toEqual([]);
    expect(table.scorecard.columns[0].indicators?.indexPercent?.toString()).toBe("91.26");
    const analysis = analyse(table.scorecard);
    expect(totalOf(analysis, "Sở Nội vụ")).toEqual({ achieved: "90.5", max: "100", lost: "9.5", percent: "90.50" });
    expect(analysis.findings).toEqual([]);
  });
});

describe("3b. points and a rate without a maximum", () => {
  test("a rate that is not the points on 100: each unit's maximum is implied (points x 100 / rate), said once, ranked on the rate", () => {
    const { table, rec } = one(
      grid([
        ["STT", "Cơ quan, đơn vị", "Tổng điểm các lĩnh vực", "Chỉ số CCHC (%)", "Xếp hạng"],
        ["1", "Sở Tư pháp", "62,62", "94,49", "1"],
        ["2", "Sở Nội vụ", "64,10", "93,20", "2"],
        ["3", "Sở Y tế", "54,14", "82,96", "3"],
      ]),
    );
    expect(plainFindings(rec.findings)).toEqual(["max-from-rate@D1"]);
    const analysis = analyse(table.scorecard);
    expect(totalOf(analysis, "Sở Tư pháp")).toEqual({ achieved: "62.62", max: "66.27", lost: "3.65", percent: "94.49" });
    expect(totalOf(analysis, "Sở Y tế").percent).toBe("82.96");
    // Sở Nội vụ has more points (64,10) but the lower rate: the published order follows the rate.
    expect(computedRanks(analysis)).toEqual({ "Sở Tư pháp": 1, "Sở Nội vụ": 2, "Sở Y tế": 3 });
    expect(kinds(analysis)).toEqual(["max-from-rate@D1"]);
  });
});

describe("3c. one unit's indicators and years in rows", () => {
  test("'Chỉ số, chỉ tiêu' | 'Kết quả' | 'Xếp hạng': the one points row (điểm/100) among rates is the unit's score, rank and maximum", () => {
    const { table, rec } = one(
      grid([
        ["Bộ chỉ số 766 năm 2024: tỉnh Bình Phước"],
        ["Chỉ số, chỉ tiêu", "Kết quả", "Xếp hạng cả nước"],
        ["Điểm Bộ chỉ số 766 (điểm/100)", "88,2", "4"],
        ["Tỷ lệ thanh toán trực tuyến (%)", "68,14", "14"],
        ["Tỷ lệ hồ sơ trực tuyến (%)", "57,6", null],
      ]),
    );
    expect(rec.findings).toEqual([]);
    const column = table.scorecard.columns[0];
    expect(column.unit).toBe("Bình Phước");
    expect(column.publishedTotal?.value?.toString()).toBe("88.2");
    expect(column.unitMax?.value?.toString()).toBe("100");
    expect(plainRanks(table.scorecard)["Bình Phước||score"][""]).toBe("4");
    expect(table.scorecard.criteria.every((c) => c.extra)).toBe(true);
    const analysis = analyse(table.scorecard);
    expect(totalOf(analysis, "Bình Phước")).toEqual({ achieved: "88.2", max: "100", lost: "11.8", percent: "88.20" });
    expect(kinds(analysis)).toEqual([]);
  });

  test("'Chỉ số' over index titles: the titles are no rate; indices each stating their own measure are side by side, never summed", () => {
    const { table, rec } = one(
      grid([
        ["Các chỉ số năm 2021 của tỉnh Bà Rịa - Vũng Tàu"],
        ["Chỉ số", "Kết quả", "Xếp hạng"],
        ["Chỉ số PAR INDEX (điểm)", "87,61", null],
        ["Chỉ số PCI (điểm)", "69,03", "9"],
        ["Chỉ số PAPI (điểm/80)", "40,62", null],
        ["Tỷ lệ điểm PAPI (%)", "50,77", null],
      ]),
    );
    expect(rec.findings).toEqual([]);
    expect(table.scorecard.criteria.map((c) => [c.title, c.extra ?? false])).toEqual([
      ["Chỉ số PAR INDEX (điểm)", true],
      ["Chỉ số PCI (điểm)", true],
      ["Chỉ số PAPI (điểm/80)", true],
      ["Tỷ lệ điểm PAPI (%)", true],
    ]);
    const analysis = analyse(table.scorecard);
    expect(totalOf(analysis, table.scorecard.columns[0].unit).achieved).toBeNull();
    expect(kinds(analysis)).toEqual([]);
  });

  test("'Year' over years in rows: each row is a period of the unit the title names, ranks as published", () => {
    const { table, rec } = one(
      grid([
        ["Long An: SIPAS 2023 and 2024"],
        ["Year", "SIPAS (%)", "National rank (of 63)", "Rank in the Mekong Delta (of 13)"],
        ["2023", "78.66", "57", null],
        ["2024", "82.71", "41", "8"],
      ]),
    );
    expect(rec.findings).toEqual([]);
    expect(table.scorecard.columns.map((c) => `${c.unit}|${c.period}`)).toEqual(["Long An|2023", "Long An|2024"]);
    expect(plainRanks(table.scorecard)).toEqual({ "Long An|2023|score": { "": "57" }, "Long An|2024|score": { "": "41" } });
    const analysis = analyse(table.scorecard);
    expect(totalOf(analysis, "Long An", "2024").percent).toBe("82.71");
    expect(kinds(analysis)).toEqual([]);
  });
});

describe("3d. a published change beside two years", () => {
  test("a change the two published years contradict is found at its cell; the others agree within 0,01", () => {
    const { rec } = one(
      grid([
        ["Xếp hạng 2024", "Vùng kinh tế - xã hội", "Năm 2024 (%)", "Năm 2023 (%)", "Tăng so với năm 2023 (%)"],
        ["1", "Đồng bằng sông Hồng", "90.17", "88.32", "1.85"],
        ["2", "Bắc Trung Bộ và duyên hải miền Trung", "88.51", "87.72", "1.58"],
        ["3", "Tây Nguyên", "85.63", null, null],
      ]),
    );
    expect(plainFindings(rec.findings)).toEqual(["change-differs-from-published@E3"]);
    expect(rec.findings[0].message.en).toContain("a change of 1.58 from 2023, but 88.51 - 87.72 = 0.79");
  });
});

describe("4. text columns are not points", () => {
  test("a class column (Xếp loại) beside criteria gives no unreadable-number", () => {
    const { table, rec } = one(
      grid([
        ["STT", "Đơn vị", "Lĩnh vực 1", "Lĩnh vực 2", "Tổng điểm", "Xếp loại"],
        ["1", "UBND xã A", "40", "45", "85", "Tốt"],
        ["2", "UBND phường B", "35", "30", "65", "Trung bình"],
      ]),
    );
    expect(rec.findings).toEqual([]);
    expect(plainCriteria(table.scorecard.criteria).map((c) => c.code)).toEqual(["1", "2"]);
  });

  test("'Chỉ số nội dung' heads the criteria, not a unit", () => {
    const { table, rec } = one(
      grid([
        ["STT", "Chỉ số nội dung", "Thang điểm", "Hà Nội", "Thừa Thiên Huế"],
        ["1", "Tham gia của người dân ở cấp cơ sở", "10", "5,06", "5,12"],
        ["2", "Công khai, minh bạch trong việc ra quyết định", "10", "5,38", "5,61"],
      ]),
    );
    expect(table.layout).toBe("units-in-columns");
    expect(table.scorecard.columns.map((c) => c.unit)).toEqual(["Hà Nội", "Thừa Thiên Huế"]);
    expect(table.scorecard.criteria.map((c) => c.title)).toEqual(["Tham gia của người dân ở cấp cơ sở", "Công khai, minh bạch trong việc ra quyết định"]);
    expect(rec.findings).toEqual([]);
  });
});

describe("5. lines under the table are not units", () => {
  test("a summary line, a preparer's line and signatures", () => {
    const { table, rec } = one(
      grid([
        ["STT", "Tên cơ quan, đơn vị", "Tổng điểm", "Xếp hạng"],
        ["1", "Sở Tư pháp", "88,4", "1"],
        ["2", "Sở Y tế", "85", "2"],
        [null, "Chỉ số trung bình khối sở: 86,7%; khối huyện: 84,2%"],
        ["Người tổng hợp", null, "Sở Nội vụ"],
        [null, "Nguyễn Văn A", "KT. GIÁM ĐỐC"],
        [null, null, "PHÓ GIÁM ĐỐC"],
        [null, null, "Trần Thị B"],
      ]),
    );
    expect(table.scorecard.columns.map((c) => c.unit)).toEqual(["Sở Tư pháp", "Sở Y tế"]);
    expect(rec.findings).toEqual([]);
  });
});

describe("6. excerpts of a larger ranking", () => {
  test("ranks beyond the table's size are kept, said once, and an order the totals contradict is found at its cell", () => {
    const { table, rec } = one(
      grid([
        ["Tỉnh, thành phố", "Chỉ số (%)", "Xếp hạng/63"],
        ["Thừa Thiên Huế", "87,91", "34"],
        ["Quảng Trị", "87,20", "39"],
        ["Quảng Bình", "86,95", "40"],
        ["Quảng Nam", "87,50", "63"],
      ]),
    );
    expect(plainRanks(table.scorecard)).toEqual({
      "Thừa Thiên Huế||score": { "": "34" },
      "Quảng Trị||score": { "": "39" },
      "Quảng Bình||score": { "": "40" },
      "Quảng Nam||score": { "": "63" },
    });
    expect(plainFindings(rec.findings)).toEqual(["ranks-from-larger-ranking@C2", "rank-order-differs@C5"]);
  });
});

describe("7. sub-criterion codes in the header row", () => {
  test("'1.1', '1.2', '2.1' headers are full codes under their areas; a 'Điểm tối đa' row gives maxima", () => {
    const { table, rec } = one(
      grid([
        ["STT", "Tên xã", "1.1", "1.2", "2.1", "2.2", "2.3", "Tổng điểm"],
        [null, "Điểm tối đa", "2", "1,5", "3", "2", "1", "9,5"],
        ["1", "UBND xã A", "2", "1", "3", "1,5", "1", "8,5"],
        ["2", "Phường B", "1,5", "1,5", "2", "2", "0,5", "7,5"],
      ]),
    );
    expect(plainCriteria(table.scorecard.criteria).map((c) => `${c.code}@${c.level}:${c.max}`)).toEqual([
      "1@1:null",
      "1.1@2:2",
      "1.2@2:1.5",
      "2@1:null",
      "2.1@2:3",
      "2.2@2:2",
      "2.3@2:1",
    ]);
    expect(plainFindings(rec.findings).filter((k) => k.startsWith("duplicate"))).toEqual([]);
    const analysis = analyse(table.scorecard);
    expect(totalOf(analysis, "UBND xã A").achieved).toBe("8.5");
  });
});

describe("units since 1 July 2025", () => {
  test("communes, wards and special zones compared with a year before the merger: a finding, no change", () => {
    const { table, rec } = one(
      grid([
        ["STT", "Xã, phường, đặc khu", "Chỉ số 2024 (%)", "Chỉ số 2025 (%)", "Xếp hạng 2025"],
        ["1", "Phường Hồng Bàng", "88,10", "92,30", "1"],
        ["2", "UBND xã An Lão", "85,00", "90,10", "2"],
        ["3", "Đặc khu Bạch Long Vĩ", null, "87,00", "3"],
      ]),
    );
    expect(table.scorecard.columns.map((c) => c.key)).toEqual(["Phường Hồng Bàng|2025|score", "UBND xã An Lão|2025|score", "Đặc khu Bạch Long Vĩ|2025|score"]);
    expect(plainFindings(rec.findings)).toEqual(["comparison-across-merger@C2"]);
    expect(rec.findings[0].message.vi).toContain("3 đơn vị cấp xã");
    expect(analyse(table.scorecard).changes).toEqual([]);
  });

  test("departments compared across years keep their change", () => {
    const { table, rec } = one(
      grid([
        ["STT", "Sở, ban, ngành", "Chỉ số 2024 (%)", "Chỉ số 2025 (%)"],
        ["1", "Sở Tư pháp", "88,10", "92,30"],
        ["2", "Sở Y tế", "85,00", "90,10"],
      ]),
    );
    expect(rec.findings).toEqual([]);
    expect(analyse(table.scorecard).changes.find((c) => c.unit === "Sở Y tế" && c.code === TOTAL_CODE)?.pointsDelta?.toString()).toBe("5.1");
  });
});

test("recogniseGrid keeps working on a sheet that holds only a title", () => {
  expect(plainFindings(recogniseGrid(grid([["KẾT QUẢ"]])).findings)).toEqual(["no-table-found@"]);
});
