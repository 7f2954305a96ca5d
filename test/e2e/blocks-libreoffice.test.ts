/**
 * A table of departments and districts in blocks, scored with `parscore analyze -o` (live formulas by
 * default), opened in LibreOffice with recalculation forced: the ranking sheet's ranks stay within each
 * block, as the engine computed them, and every unit keeps its block and class.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { sheetsAsCsv, sofficePath } from "../helpers/libreoffice";
import { run } from "../cli/run";

test("LibreOffice recalculates the ranking sheet of a table with blocks to ranks within each block", async () => {
  if (!sofficePath()) throw new Error("LibreOffice (soffice) is not on PATH");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parscore-blocks-"));
  try {
    const input = path.join(__dirname, "..", "fixtures", "tables", "province-units-blocks.csv");
    const out = path.join(dir, "scored.xlsx");
    const { code } = await run(["analyze", input, "--classes", "province-units", "-o", out]);
    expect(code).toBe(0);
    const sheets = await sheetsAsCsv(out, ["Xếp hạng"]);
    const rows = sheets.get("Xếp hạng")!;
    const header = rows.findIndex((r) => r[0] === "Xếp hạng");
    const units = rows.slice(header + 2, header + 10).map((r) => [r[0], r[1], r[r.length - 1]]);
    expect(units).toEqual([
      ["1", "Sở Tư pháp", "KHỐI SỞ, BAN, NGÀNH"],
      ["2", "Sở Tài chính", "KHỐI SỞ, BAN, NGÀNH"],
      ["3", "Sở Xây dựng", "KHỐI SỞ, BAN, NGÀNH"],
      ["4", "Sở Y tế", "KHỐI SỞ, BAN, NGÀNH"],
      ["1", "Huyện Phong Điền", "UBND CẤP HUYỆN"],
      ["2", "Thị xã Hương Trà", "UBND CẤP HUYỆN"],
      ["3", "Huyện A Lưới", "UBND CẤP HUYỆN"],
      ["4", "Thành phố K", "UBND CẤP HUYỆN"],
    ]);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}, 180_000);
