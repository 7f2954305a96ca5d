/**
 * Units' self-assessment sheets as units send them (one unit per sheet, the same criteria set), for
 * the pane's consolidation tests: title, "Đơn vị: ...", header, criteria rows with appraised points.
 */

/** Code, title, max: two areas of two criteria each. */
export const UNIT_CRITERIA: [string, string, string][] = [
  ["1", "Công tác chỉ đạo, điều hành CCHC", "4"],
  ["1.1", "Kế hoạch CCHC", "2"],
  ["1.2", "Báo cáo CCHC", "2"],
  ["2", "Cải cách thủ tục hành chính", "6"],
  ["2.1", "Công khai thủ tục hành chính", "3"],
  ["2.2", "Kết quả giải quyết hồ sơ", "3"],
];
export const UNIT_LEAVES = ["1.1", "1.2", "2.1", "2.2"];

/**
 * Four departments: Sở Tư pháp first (9,00), Sở Tài chính and Sở Nội vụ tied (8,25: "2(2)"), and
 * Sở Y tế, whose sheet lacks criterion 1.2: left out of the consolidated table.
 */
export const FOUR_UNITS: { unit: string; points: (string | number)[]; drop?: string[] }[] = [
  { unit: "Sở Tư pháp", points: [2, "1,75", 3, "2,25"] },
  { unit: "Sở Tài chính", points: [2, "1,5", "2,5", "2,25"] },
  { unit: "Sở Nội vụ", points: ["1,75", 2, "2,5", 2] },
  { unit: "Sở Y tế", points: [1, 1, "1,5", "1.5"], drop: ["1.2"] },
];

/** One unit's sheet: self-assessed and appraised points equal (units send both columns). */
export function unitSheetRows(unit: string, points: (string | number)[], drop: string[] = []): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [
    ["BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CCHC NĂM 2024"],
    [`Đơn vị: ${unit}`],
    [],
    ["STT", "Lĩnh vực / Tiêu chí", "Điểm tối đa", "Điểm tự đánh giá", "Điểm thẩm định"],
  ];
  for (const [code, title, max] of UNIT_CRITERIA) {
    if (drop.includes(code)) continue;
    const i = UNIT_LEAVES.indexOf(code);
    rows.push(i < 0 ? [code, title, max, null, null] : [code, title, max, points[i], points[i]]);
  }
  return rows;
}

/** `count` units' sheets named after their units (the four above, then generated ones with the same criteria). */
export function unitSheets(count: number): { name: string; cells: (string | number | null)[][] }[] {
  return Array.from({ length: count }, (_, i) => {
    const known = FOUR_UNITS[i];
    if (known) return { name: known.unit, cells: unitSheetRows(known.unit, known.points, known.drop) };
    const unit = `Đơn vị ${i + 1}`;
    return { name: unit, cells: unitSheetRows(unit, [2, (i % 4) * 0.5, 3, "2,5"]) };
  });
}
