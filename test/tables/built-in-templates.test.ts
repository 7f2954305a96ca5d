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
import { readFileSync } from "fs";
import { join } from "path";
import type { Template } from "../../src/tables/templates";
import { foldTitle } from "../../src/tables/text";

/** "title -> maximum" as a corpus table prints them: the row under "Component index | Maximum | Points". */
function publishedMaxima(id: string): Map<string, string> {
  const rows = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "real", `${id}.json`), "utf8")).rows as Array<Array<string | null>>;
  const header = rows.findIndex((r) => r[1] === "Maximum");
  return new Map(rows.slice(header + 1).map((r) => [r[0] as string, r[1] as string]));
}

/** The template node a published title names (its title or an alias). */
function nodeNamed(t: Template, title: string) {
  return t.criteria.find((c) => [c.title, ...c.aliases].some((a) => foldTitle(a) === foldTitle(title)));
}

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
    const ministry = getTemplate("par-2022-ministry")!;
    expect(ministry.criteria).toHaveLength(7);
    expect(ministry.criteria.every((c) => c.max === null)).toBe(true);
    expect(ministry.about.unconfirmed.filter((u) => u.what === "max").map((u) => u.code)).toEqual(ministry.criteria.map((c) => c.code));
    expect(ministry.extras.map((e) => e.max?.toString())).toEqual(["68.5", "31.5"]);
    const province = getTemplate("par-2022-province")!;
    expect(province.criteria).toHaveLength(8);
    expect(province.extras.map((e) => `${e.code}:${e.max?.toString()}`)).toEqual(["diem-tham-dinh:68", "dieu-tra-xhh:32"]);
    // Four area maxima come from a source; the other four are left to the table, never filled in.
    expect(province.criteria.filter((c) => c.max === null).map((c) => c.code)).toEqual(["chi-dao-dieu-hanh", "the-che", "tai-chinh-cong", "chinh-quyen-so"]);
    expect(province.about.unconfirmed.map((u) => `${u.code}:${u.what}`)).toEqual(["chi-dao-dieu-hanh:max", "the-che:max", "tai-chinh-cong:max", "chinh-quyen-so:max"]);
    for (const t of [ministry, province]) expect(t.autoPick).toBe(false);
  });

  test("Bộ chỉ số 766 (6 groups): 18/20/12/10/18/22 = 100, each maximum the one a province's published result prints", () => {
    const t = getTemplate("bo-chi-so-766-6-nhom")!;
    expect(t.criteria.map((c) => `${c.title}:${c.max?.toString()}`)).toEqual([
      "Công khai, minh bạch:18",
      "Tiến độ, kết quả giải quyết:20",
      "Dịch vụ công trực tuyến:12",
      "Thanh toán trực tuyến:10",
      "Mức độ hài lòng:18",
      "Số hóa hồ sơ:22",
    ]);
    expect(sum(t.criteria.map((c) => c.max)).toString()).toBe("100");
    expect(t.about.unconfirmed).toEqual([]);
    const published = publishedMaxima("bo-chi-so-766-bac-ninh-six-groups-en");
    expect(published.size).toBe(6);
    for (const [title, max] of published) expect({ title, max: nodeNamed(t, title)?.max?.toString() }).toEqual({ title, max });
    expect(t.about.sources.map((s) => s.url)).toContain("https://www.vietnam.vn/en/bac-ninh-dan-dau-toan-quoc-ve-chi-so-phuc-vu-nguoi-dan-doanh-nghiep-4-6-chi-so-dat-muc-xuat-sac");
  });

  test("PAR INDEX since 2022 (provinces): the four confirmed area maxima are the ones Sơn La published, and leave 45 to the other four", () => {
    const t = getTemplate("par-2022-province")!;
    const published = publishedMaxima("par-index-2024-son-la-areas-en");
    expect(published.size).toBe(4);
    for (const [title, max] of published) expect({ title, max: nodeNamed(t, title)?.max?.toString() }).toEqual({ title, max });
    const confirmed = sum(t.criteria.map((c) => c.max));
    expect(confirmed.toString()).toBe("55");
    // Appraisal and surveys make the 100 the areas share.
    expect(sum(t.extras.map((e) => e.max)).minus(confirmed).toString()).toBe("45");
  });

  test("PAPI: 8 dimensions on 10, total 80; PCI: 10 sub-indices on 10, the one weight not confirmed is marked", () => {
    const papi = getTemplate("papi")!;
    expect(papi.criteria).toHaveLength(8);
    expect(sum(papi.criteria.map((c) => c.max)).toString()).toBe("80");
    // The two dimensions added in 2018, as the PAPI site says, and the period the template gives.
    expect(papi.about.period?.from).toBe("2018");
    expect(papi.about.sources.filter((s) => /Environmental Governance \(from 2018\).*E-Governance \(from 2018\)/.test(s.says ?? ""))).toHaveLength(1);
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
    expect(en.out).toContain("1 Công tác chỉ đạo, điều hành cải cách hành chính: maximum taken from the user's table");
    expect(en.out).toContain("tai-chinh-cong Cải cách tài chính công: maximum taken from the user's table");
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

  test("the six groups of the portal's scoring: the 6-group set is picked by its titles, whatever the columns' order", () => {
    const g = grid([
      ["STT", "Tỉnh", "Thanh toán trực tuyến", "Mức độ hài lòng", "Công khai, minh bạch", "Tiến độ, kết quả giải quyết", "Dịch vụ công trực tuyến", "Số hóa hồ sơ", "Tổng điểm"],
      [1, "Tỉnh A", 10, 17.86, 15.82, 19.45, 8.53, 21.17, 92.83],
      [2, "Tỉnh B", 7.5, 16, 18, 20, 12, 20, 93.5],
    ]);
    const { table } = one(g);
    expect(table.template).toBe("bo-chi-so-766-6-nhom");
    // Each column takes its own group's maximum, not the one at its position in the template.
    expect(table.scorecard.criteria.map((c) => `${c.title}:${c.max?.toString()}`)).toEqual([
      "Thanh toán trực tuyến:10",
      "Mức độ hài lòng:18",
      "Công khai, minh bạch:18",
      "Tiến độ, kết quả giải quyết:20",
      "Dịch vụ công trực tuyến:12",
      "Số hóa hồ sơ:22",
    ]);
    const a = analyse(table.scorecard);
    const b = a.columns.find((c) => c.column.unit === "Tỉnh B")!;
    // Tỉnh B: 100 − 93.5 = 6.5 lost: 2.5 + 2 + 0 + 0 + 0 + 2.
    expect(b.nodes.get("")!.lost!.toString()).toBe("6.5");
    expect(table.scorecard.criteria.map((c) => b.nodes.get(c.code)!.lost!.toString())).toEqual(["2.5", "2", "0", "0", "0", "2"]);
  });
});
