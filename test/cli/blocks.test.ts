/** `parscore analyze` on a table of departments and districts listed in blocks (test/fixtures/tables/province-units-blocks.csv). */
import * as path from "path";
import { run } from "./run";

const file = path.join(__dirname, "..", "fixtures", "tables", "province-units-blocks.csv");

describe("blocks of units on the command line", () => {
  test("--classes province-units: ranks within each block, the overall rank, and each block's class bands in JSON", async () => {
    const { code, out } = await run(["analyze", file, "--classes", "province-units", "--json", "-"]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    const units = json.tables[0].units.map((u: Record<string, unknown>) => [u.name, u.block, u.rankLabel, u.overallRankLabel, u.group]);
    expect(units).toEqual([
      ["Sở Tư pháp", "KHỐI SỞ, BAN, NGÀNH", "1", "1", "Khá"],
      ["Sở Tài chính", "KHỐI SỞ, BAN, NGÀNH", "2", "2", "Khá"],
      ["Sở Xây dựng", "KHỐI SỞ, BAN, NGÀNH", "3", "4", "Khá"],
      ["Sở Y tế", "KHỐI SỞ, BAN, NGÀNH", "4", "6", "Trung bình"],
      ["Huyện Phong Điền", "UBND CẤP HUYỆN", "1", "3", "Tốt"],
      ["Thị xã Hương Trà", "UBND CẤP HUYỆN", "2", "5", "Khá"],
      ["Huyện A Lưới", "UBND CẤP HUYỆN", "3", "7", "Trung bình"],
      ["Thành phố K", "UBND CẤP HUYỆN", "4", "8", "Yếu"],
    ]);
    // The published ranks are per block, as computed: no rank-differs finding.
    expect(json.tables[0].findings.filter((f: { kind: string }) => f.kind === "rank-differs-from-published")).toEqual([]);
  });

  test("--target-rank is a place within the unit's block", async () => {
    const { code, out } = await run(["analyze", file, "--unit", "Huyện A Lưới", "--target-rank", "1", "--json", "-"]);
    expect(code).toBe(0);
    const [target] = JSON.parse(out).tables[0].targets;
    expect([target.currentRank, target.pointsNeeded, target.recover]).toEqual([3, "18.00", ["2"]]);
  });
});
