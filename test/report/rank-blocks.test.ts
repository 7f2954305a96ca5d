/** The ranking sheet of a table that lists units in blocks: rows grouped by block (each ranked from 1), a "Khối" column last. */
import * as fs from "fs";
import * as path from "path";
import { buildRankSheet } from "../../src/report";
import { readDelimitedGrid } from "../../src/hosts/csv/read-csv";
import { analyseGrids } from "../../src/pipeline/run";
import { PROVINCE_UNITS_RATING } from "../../src/engine/classes";
import { findRow, rows } from "./plan-helpers";

test("units grouped by block, ranked within it, with their block and class", () => {
  const file = path.resolve(__dirname, "..", "fixtures", "tables", "province-units-blocks.csv");
  const grid = readDelimitedGrid(fs.readFileSync(file, "utf8"), { sheet: "Khối", delimiter: ";" });
  const [{ table, analysis }] = analyseGrids([grid], { analysis: { classScheme: PROVINCE_UNITS_RATING } }).tables;
  const sheet = buildRankSheet({ table, analysis }, "Xếp hạng", { lang: "vi" });
  if (!sheet) throw new Error("no sheet");
  const t = rows(sheet);
  const header = findRow(t, 0, "Xếp hạng");
  expect(t[header][t[header].length - 1]).toBe("Khối");
  const units = t.slice(header + 2, header + 10).map((r) => [r[0], r[1], r[r.length - 2].replace(/ \(.*$/, ""), r[r.length - 1]]);
  expect(units).toEqual([
    ["1", "Sở Tư pháp", "Khá", "KHỐI SỞ, BAN, NGÀNH"],
    ["2", "Sở Tài chính", "Khá", "KHỐI SỞ, BAN, NGÀNH"],
    ["3", "Sở Xây dựng", "Khá", "KHỐI SỞ, BAN, NGÀNH"],
    ["4", "Sở Y tế", "Trung bình", "KHỐI SỞ, BAN, NGÀNH"],
    ["1", "Huyện Phong Điền", "Tốt", "UBND CẤP HUYỆN"],
    ["2", "Thị xã Hương Trà", "Khá", "UBND CẤP HUYỆN"],
    ["3", "Huyện A Lưới", "Trung bình", "UBND CẤP HUYỆN"],
    ["4", "Thành phố K", "Yếu", "UBND CẤP HUYỆN"],
  ]);
  const en = rows(buildRankSheet({ table, analysis }, "Ranking", { lang: "en" })!);
  expect(en[findRow(en, 0, "Rank")].slice(-1)).toEqual(["Block"]);
});

test("live rank formulas count the unit's own block (its rows), so a recalculation keeps ranks within blocks", () => {
  const file = path.resolve(__dirname, "..", "fixtures", "tables", "province-units-blocks.csv");
  const grid = readDelimitedGrid(fs.readFileSync(file, "utf8"), { sheet: "Khối", delimiter: ";" });
  const [{ table, analysis }] = analyseGrids([grid]).tables;
  const sheet = buildRankSheet({ table, analysis }, "Xếp hạng", { lang: "vi", live: true })!;
  const t = rows(sheet);
  const header = findRow(t, 0, "Xếp hạng");
  const firstRow = header + 3; // 1-based row of the first unit
  const totalRank = t[header].lastIndexOf("Xếp hạng");
  const formulaAt = (r: number) => {
    const cell = sheet.blocks[0].rows[r][totalRank]?.value;
    return cell?.kind === "formula" ? cell.formula : null;
  };
  const total = String.fromCharCode(65 + totalRank - 2);
  // Departments: rows firstRow..firstRow+3; districts: the next four.
  expect(formulaAt(header + 2)).toContain(`$${total}$${firstRow}:$${total}$${firstRow + 3}`);
  expect(formulaAt(header + 8)).toContain(`$${total}$${firstRow + 4}:$${total}$${firstRow + 7}`);
});
