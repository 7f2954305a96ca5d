/**
 * The built-in criteria sets: each names its sources and period, and never states a maximum or a weight
 * that no source confirms without saying so.
 */
import Decimal from "decimal.js";
import { getTemplate, listTemplates } from "../../src/tables/templates";
import { templatesText } from "../../src/cli/templates-command";
import { run } from "../cli/run";
import { analyse } from "../../src/engine/analyse";
import { grid, one } from "./builder";

const sum = (xs: Array<Decimal | null>) => xs.reduce<Decimal>((s, x) => s.plus(x ?? 0), new Decimal(0));

describe("built-in templates", () => {
  test("every built-in template names its source, with at least one address, and its period", () => {
    const all = listTemplates();
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const t of all) {
      expect({ id: t.id, source: (t.source ?? "").length > 10 }).toEqual({ id: t.id, source: true });
      expect({ id: t.id, sources: t.about.sources.length > 0 }).toEqual({ id: t.id, sources: true });
      expect({ id: t.id, period: t.about.period !== undefined }).toEqual({ id: t.id, period: true });
    }
  });

  test("Bộ chỉ số 766 (2022): five groups 18/20/22/22/18 = 100, all confirmed", () => {
    const t = getTemplate("bo-chi-so-766-2022")!;
    expect(t.criteria.map((c) => `${c.title}:${c.max?.toString()}`)).toEqual([
      "Công khai, minh bạch:18",
      "Tiến độ, kết quả giải quyết:20",
      "Số hóa hồ sơ:22",
      "Cung cấp dịch vụ trực tuyến:22",
      "Mức độ hài lòng:18",
    ]);
    expect(sum(t.criteria.map((c) => c.max)).toString()).toBe("100");
    expect(t.about.unconfirmed).toEqual([]);
    expect(t.about.period?.from).toBe("2022-06-23");
  });

  test("sets whose maxima no source gives leave them to the user's table, and say so", () => {
    for (const id of ["bo-chi-so-766-6-nhom", "par-2022-province", "par-2022-ministry"]) {
      const t = getTemplate(id)!;
      expect(t.criteria.every((c) => c.max === null)).toBe(true);
      expect(t.about.unconfirmed.filter((u) => u.what === "max").map((u) => u.code)).toEqual(t.criteria.map((c) => c.code));
      expect(t.autoPick).toBe(false);
    }
    const province = getTemplate("par-2022-province")!;
    expect(province.criteria).toHaveLength(8);
    expect(province.extras.map((e) => `${e.code}:${e.max?.toString()}`)).toEqual(["diem-tham-dinh:68", "dieu-tra-xhh:32"]);
    const ministry = getTemplate("par-2022-ministry")!;
    expect(ministry.criteria).toHaveLength(7);
    expect(ministry.extras.map((e) => e.max?.toString())).toEqual(["68.5", "31.5"]);
  });

  test("PAPI: 8 dimensions on 10, total 80; PCI: 10 sub-indices on 10, the one weight not confirmed is marked", () => {
    const papi = getTemplate("papi")!;
    expect(papi.criteria).toHaveLength(8);
    expect(sum(papi.criteria.map((c) => c.max)).toString()).toBe("80");
    const pci = getTemplate("pci-2016")!;
    expect(pci.criteria).toHaveLength(10);
    expect(pci.criteria.every((c) => c.max?.toString() === "10")).toBe(true);
    expect(pci.about.unconfirmed.map((u) => `${u.code}:${u.what}`)).toEqual(["10:weight"]);
    const sipas = getTemplate("sipas")!;
    expect(sipas.criteria).toHaveLength(5);
    expect(sipas.about.unconfirmed.map((u) => u.what)).toEqual(["rollup"]);
  });

  test("`parscore templates` lists every template with what it confirms and its sources, in Vietnamese and English", async () => {
    const vi = await run(["templates"]);
    expect(vi.code).toBe(0);
    for (const t of listTemplates()) expect(vi.out).toContain(`${t.id}: ${t.title.vi}`);
    expect(vi.out).toContain("bo-chi-so-766-2022: ");
    expect(vi.out).toContain("Xác nhận: 5 điểm tối đa có nguồn; 0 mục chưa xác nhận");
    expect(vi.out).toContain("https://sonoivu.namdinh.gov.vn/");
    expect(vi.out).toContain("10 Thiết chế pháp lý: trọng số chưa xác nhận");
    const en = await run(["templates", "--lang", "en"]);
    expect(en.out).toContain("Confirmed: 5 maxima with a source; 0 items not confirmed");
    expect(en.out).toContain("1 Lĩnh vực 1: maximum taken from the user's table");
    expect(en.out).toBe(templatesText(listTemplates(), "en"));
  });
});

describe("Bộ chỉ số 766 applied to a monthly table", () => {
  test("group columns without maxima: the 2022 set is picked by its titles; points lost per group worked by hand", () => {
    const g = grid([
      ["STT", "Tỉnh, thành phố", "Công khai, minh bạch", "Tiến độ, kết quả giải quyết", "Số hóa hồ sơ", "Cung cấp dịch vụ trực tuyến", "Mức độ hài lòng", "Tổng điểm"],
      [1, "Tỉnh A", 17.5, 19, 20, 21.5, 17, 95],
      [2, "Tỉnh B", 16, 18.25, 15.5, 20, 18, 87.75],
    ]);
    const { table, rec } = one(g);
    expect(table.template).toBe("bo-chi-so-766-2022");
    expect(rec.findings.map((f) => f.kind)).toContain("template-auto-picked");
    const a = analyse(table.scorecard);
    const b = a.columns.find((c) => c.column.unit === "Tỉnh B")!;
    // Tỉnh B: 100 − 87.75 = 12.25 lost: 2 + 1.75 + 6.5 + 2 + 0.
    expect(b.nodes.get("")!.lost!.toString()).toBe("12.25");
    expect(["1", "2", "3", "4", "5"].map((code) => b.nodes.get(code)!.lost!.toString())).toEqual(["2", "1.75", "6.5", "2", "0"]);
  });
});
