/**
 * The class schemes the pane offers (the engine's EXAMPLE_CLASS_SCHEMES, src/engine/classes.ts), as plain
 * ids and names: the engine itself (and decimal.js) stays out of the pane's first-load bundle.
 * test/taskpane/class-schemes.test.ts checks the ids against the engine's.
 */
import type { Lang } from "./i18n";

export interface ClassSchemeChoice {
  id: string;
  name: Record<Lang, string>;
}

export const CLASS_SCHEME_CHOICES: readonly ClassSchemeChoice[] = [
  { id: "par-2022-province-groups", name: { vi: "Nhóm A/B/C/D cấp tỉnh (2022)", en: "Province groups A/B/C/D (2022)" } },
  {
    id: "province-department-rating",
    name: { vi: "Tốt/Khá/Trung bình/Yếu cho sở, ban, ngành (ví dụ)", en: "Good/Fair/Average/Weak for departments (example)" },
  },
  {
    id: "province-units",
    name: { vi: "Sở 90/80/70, huyện 80/70/60 theo khối (ví dụ)", en: "Departments 90/80/70, districts 80/70/60 by block (example)" },
  },
];
