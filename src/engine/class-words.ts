/**
 * A class as an appraiser says it: "Nhóm B (80% đến dưới 90%)", "Khá (70% đến dưới 80%)", not "B"
 * alone: the class and the band of the total percent it stands for, from the scheme's own thresholds
 * (the bands of the unit's block when the scheme has them). `classify` gives every class its words.
 */
import type { ClassBand } from "./classes";
import { formatPointsShort, toPoints } from "./points";
import type { Lang, Text2 } from "./types";

/** A one-letter class (A, B, C, D) is a group: "Nhóm B" / "Group B". */
function className(label: string, lang: Lang): string {
  if (!/^[A-Z]$/.test(label)) return label;
  return lang === "vi" ? `Nhóm ${label}` : `Group ${label}`;
}

/** "80% đến dưới 90%" for the band `label` in `block`, or null when the scheme has no such band. */
export function bandWords(bands: readonly ClassBand[], label: string, lang: Lang): string | null {
  const i = bands.findIndex((b) => b.label === label);
  if (i < 0) return null;
  const percent = (i2: number) => `${formatPointsShort(toPoints(bands[i2].minPercent), lang)}%`;
  const last = i === bands.length - 1;
  if (i === 0 && !last) return lang === "vi" ? `từ ${percent(0)} trở lên` : `${percent(0)} or more`;
  if (last) return i === 0 ? null : lang === "vi" ? `dưới ${percent(i - 1)}` : `under ${percent(i - 1)}`;
  return lang === "vi" ? `${percent(i)} đến dưới ${percent(i - 1)}` : `${percent(i)} to under ${percent(i - 1)}`;
}

/** "Nhóm B (80% đến dưới 90%)" / "Group B (80% to under 90%)"; the class alone when its band is unknown. */
export function classWords(bands: readonly ClassBand[], label: string): Text2 {
  const say = (lang: Lang) => {
    const band = bandWords(bands, label, lang);
    return band ? `${className(label, lang)} (${band})` : className(label, lang);
  };
  return { vi: say("vi"), en: say("en") };
}
