import { analyse } from "../../src/engine/analyse";
import { EXAMPLE_CLASS_SCHEMES, PAR_2022_PROVINCE_GROUPS, PROVINCE_DEPARTMENT_RATING, checkScheme, classify } from "../../src/engine/classes";
import type { ClassScheme } from "../../src/engine/classes";
import { D, col, crit, scorecard } from "./helpers";

describe("classify", () => {
  it("PAR 2022 groups: A >= 90, B >= 80, C >= 70, D below, bounds inclusive", () => {
    const label = (p: string) => classify(D(p), undefined, PAR_2022_PROVINCE_GROUPS)!.label;
    expect(label("90")).toBe("A");
    expect(label("89.999")).toBe("B");
    expect(label("80")).toBe("B");
    expect(label("79.99")).toBe("C");
    expect(label("70")).toBe("C");
    expect(label("69.99")).toBe("D");
    expect(label("0")).toBe("D");
    expect(label("-5")).toBe("D");
    expect(classify(null, undefined, PAR_2022_PROVINCE_GROUPS)).toBeUndefined();
  });

  it("a department with >= 5% late dossiers cannot be Tốt (seed 000): at most Khá", () => {
    const r = classify(D("95"), { lateDossierPercent: D("5") }, PROVINCE_DEPARTMENT_RATING)!;
    expect(r).toMatchObject({ band: "Tốt", label: "Khá", cappedBy: ["late-dossiers-5pct"], capReasons: [{ vi: "Có từ 5% hồ sơ trễ hạn trở lên thì không xếp loại tốt", en: "5% or more late dossiers: cannot be rated Tốt (good)" }] });
    expect(classify(D("95"), { lateDossierPercent: D("4.99") }, PROVINCE_DEPARTMENT_RATING)!.label).toBe("Tốt");
  });

  it("a cap never raises a class, and is not listed when it did not lower it", () => {
    expect(classify(D("75"), { lateDossierPercent: D("20") }, PROVINCE_DEPARTMENT_RATING)).toMatchObject({
      band: "Trung bình",
      label: "Trung bình",
      cappedBy: [],
      capReasons: [],
    });
  });

  it("a cap without its indicator does not apply", () => {
    expect(classify(D("95"), {}, PROVINCE_DEPARTMENT_RATING)!.label).toBe("Tốt");
  });

  it("schemes are data: any operator, thresholds as text or numbers, several caps", () => {
    const scheme: ClassScheme = {
      id: "test",
      bands: [
        { label: "I", minPercent: "80" },
        { label: "II", minPercent: "50,5" },
        { label: "III", minPercent: 0 },
      ],
      caps: [
        { id: "sat", indicator: "satisfaction", op: "<", threshold: 83, maxLabel: "II", reason: { vi: "Hài lòng dưới 83%", en: "Satisfaction below 83%" } },
        { id: "late", indicator: "late", op: ">", threshold: "10", maxLabel: "III", reason: { vi: "Trễ hạn", en: "Late" } },
      ],
    };
    expect(classify(D("50.5"), undefined, scheme)!.label).toBe("II");
    expect(classify(D("90"), { satisfaction: D("82.9"), late: D("10") }, scheme)).toMatchObject({ band: "I", label: "II", cappedBy: ["sat"], capReasons: [{ vi: "Hài lòng dưới 83%", en: "Satisfaction below 83%" }] });
    expect(classify(D("90"), { satisfaction: D("82.9"), late: D("10.01") }, scheme)).toMatchObject({
      band: "I",
      label: "III",
      cappedBy: ["sat", "late"],
      capReasons: [
        { vi: "Hài lòng dưới 83%", en: "Satisfaction below 83%" },
        { vi: "Trễ hạn", en: "Late" },
      ],
    });
    expect(checkScheme(scheme)).toEqual([]);
  });

  it("the shipped schemes are consistent", () => {
    for (const scheme of EXAMPLE_CLASS_SCHEMES) expect(checkScheme(scheme)).toEqual([]);
    expect(checkScheme({ id: "bad", bands: [{ label: "X", minPercent: 50 }, { label: "Y", minPercent: 60 }, { label: "Z", minPercent: 0 }], caps: [] })).toHaveLength(1);
  });

  it("analyse classes every score column on its total percent, using column indicators", () => {
    const sc = scorecard(
      [crit("1", 60), crit("2", 40)],
      [
        col("Sở A", "2022", { "1": "58", "2": "37" }, { indicators: { lateDossierPercent: "6" } }),
        col("Sở B", "2022", { "1": "55", "2": "30" }),
        col("Sở C", "2022", { "1": null, "2": null }),
      ],
    );
    const a = analyse(sc, { classScheme: PROVINCE_DEPARTMENT_RATING });
    expect(a.columns[0].class).toMatchObject({ band: "Tốt", label: "Khá", cappedBy: ["late-dossiers-5pct"], capReasons: [{ vi: "Có từ 5% hồ sơ trễ hạn trở lên thì không xếp loại tốt", en: "5% or more late dossiers: cannot be rated Tốt (good)" }] });
    expect(a.columns[1].class?.label).toBe("Khá");
    expect(a.columns[2].class).toBeUndefined();
    expect(a.findings.filter((f) => f.kind === "no-class").map((f) => f.column)).toEqual(["Sở C|2022|score"]);
    expect(analyse(sc).columns[0].class).toBeUndefined();
  });
});
