/**
 * Header and row vocabulary, Vietnamese and English, folded (no case, no
 * diacritics). Longer phrases are tried first, so "điểm tự đánh giá" wins over "điểm".
 */
import { fold, foldTitle, startsWithPhrase } from "./text";
import { normalisePeriod } from "../engine/periods";

export type HeaderRole =
  | "stt"
  | "content"
  | "max"
  | "self"
  | "score"
  | "rank"
  | "unit"
  | "total"
  | "index"
  | "evidence"
  | "note"
  | "class"
  /** A published change against an earlier year ("Tăng so với năm 2023 (%)", "Tăng/giảm"): checked, never points. */
  | "change"
  /** Each criterion's weight in its parent's rule ("Trọng số", "Hệ số", "Weight (%)"): never points. */
  | "weight";

/** A column (or row) of weights is headed by the word alone: "Hệ số hài lòng" is a criterion, not weights. */
const WEIGHT_WORDS = ["trong so", "trong so %", "ty trong", "ty trong %", "he so", "he so %", "weight", "weight %", "weights", "weights %", "weighting"];

/** Phrases; a label matches when it is the phrase or starts with it ("điểm tối đa (điểm)"). */
const ROLE_PHRASES: Record<HeaderRole, string[]> = {
  stt: ["stt", "tt", "so tt", "so thu tu", "thu tu", "no", "no.", "ma so", "ma", "code", "#", "ky hieu"],
  content: [
    "noi dung danh gia",
    "noi dung tieu chi",
    "noi dung",
    "linh vuc tieu chi",
    "linh vuc",
    "tieu chi thanh phan",
    "tieu chi danh gia",
    "chi so noi dung",
    "noi dung chi so",
    "ten tieu chi",
    "tieu chi",
    "chi tieu",
    // Bộ chỉ số 766 and other indicator tables: "Chỉ số, chỉ tiêu" | "Kết quả" | "Xếp hạng".
    "chi so chi tieu",
    "chi tieu chi so",
    "criteria",
    "criterion",
    "component index",
    "component indices",
    "sub index",
    "sub indices",
    "area",
    "areas",
    "description",
    "content",
    "tctp",
  ],
  max: ["diem toi da", "diem chuan", "thang diem", "khung diem", "diem quy dinh", "max", "maximum", "max points", "maximum points", "toi da"],
  self: [
    "diem tu danh gia",
    "diem tu cham",
    "tu danh gia",
    "tu cham",
    "tu cham diem",
    "diem tu dg",
    "tu dg",
    "self assessed",
    "self assessment",
    "self assessed points",
    "self score",
    "self",
  ],
  score: [
    "diem tham dinh",
    "diem dat duoc",
    "diem dat",
    "diem so",
    "diem danh gia",
    "diem thuc te",
    "ket qua tham dinh",
    "ket qua",
    "tham dinh",
    "hoi dong tham dinh",
    "score",
    "scores",
    "points",
    "appraised",
    "appraisal",
    "diem",
  ],
  rank: ["xep hang", "vi thu", "thu hang", "vi tri xep hang", "hang", "xh", "rank", "ranking", "bang xep hang", "place", "pci ranking", "pgi ranking", "xep hang pci"],
  unit: [
    "ten don vi",
    "ten co quan",
    "ten tinh",
    "tinh thanh pho",
    "tinh tp",
    "tinh",
    "don vi",
    "co quan don vi",
    "co quan",
    "dia phuong",
    "so ban nganh",
    "cac so ban nganh",
    "huyen thi xa thanh pho",
    "ten huyen thi xa thanh pho",
    "huyen thi xa",
    "ten huyen",
    "huyen",
    "xa phuong thi tran",
    "ten xa phuong",
    "ten bo nganh",
    "cac bo co quan ngang bo",
    "bo co quan ngang bo",
    "bo co quan thuoc chinh phu",
    "xa phuong dac khu",
    "ten xa phuong dac khu",
    "xa phuong thi tran dac khu",
    "xa phuong",
    "ten xa",
    "ten phuong",
    "ten xa phuong thi tran",
    "don vi hanh chinh",
    "co quan dia phuong",
    "ten tinh thanh pho",
    "tinh thanh pho truc thuoc trung uong",
    "bo nganh",
    "unit",
    "units",
    "province",
    "provinces",
    "agency",
    "name",
  ],
  total: [
    "tong diem",
    "tong cong",
    "tong so diem",
    "tong so",
    "tong",
    "cong",
    "total",
    "grand total",
    "total score",
    "total points",
    // Composite indices published as one score per province (PCI, PGI): the total of the table.
    "pci",
    "pci score",
    "diem so pci",
    "diem pci",
    "chi so pci",
    "pgi",
    "pgi score",
    "pgi scores",
    "diem so pgi",
  ],
  index: [
    "chi so %",
    "chi so cai cach hanh chinh",
    "chi so cchc",
    "chi so par",
    "chi so",
    "par index",
    "index",
    "ty le %",
    "ty le",
    "ty le dat",
    "ty le diem dat",
    "ty le dat duoc",
    "ty le diem",
    "percent",
    "%",
  ],
  evidence: ["tai lieu kiem chung", "tai lieu minh chung", "minh chung", "tai lieu", "evidence", "evidence documents"],
  note: ["ghi chu", "giai trinh", "note", "notes", "remarks", "comment", "comments"],
  weight: WEIGHT_WORDS,
  change: ["tang giam", "tang so voi", "giam so voi", "tang giam so voi", "so voi nam truoc", "thay doi so voi", "change", "change from", "increase", "change vs"],
  class: [
    "xep loai",
    "phan loai",
    "ket qua xep loai",
    "muc xep loai",
    "xep loai muc do",
    "xep loai pci",
    "nhom xep hang",
    "class",
    "rating",
    "grade",
    "tier",
    "pci tier",
    "ranking group",
  ],
};

/**
 * Roles whose phrases must match the whole label, not just its start ("Tỉnh Thừa Thiên Huế" is not a header;
 * "Cộng" heads a total column alone, while "Công khai, minh bạch", a Bộ chỉ số 766 group, folds to "cong khai").
 */
const EXACT_ONLY = new Set(["pci", "pgi", "tier", "chi so noi dung", "xa phuong", "tinh", "diem", "tong", "cong", "hang", "ma", "no", "name", "self", "%", "area", "content", "index", "tt", "chi so", "ty le", "huyen", ...WEIGHT_WORDS]);

const ORDERED: Array<[string, HeaderRole]> = (Object.entries(ROLE_PHRASES) as Array<[HeaderRole, string[]]>)
  .flatMap(([role, phrases]) => phrases.map((p): [string, HeaderRole] => [fold(p), role]))
  .sort((a, b) => b[0].length - a[0].length);

/** The role of a header label, or null. */
const ROLE_CACHE = new Map<string, HeaderRole | null>();

export function headerRole(label: string): HeaderRole | null {
  const cached = ROLE_CACHE.get(label);
  if (cached !== undefined) return cached;
  const role = computeHeaderRole(label);
  if (ROLE_CACHE.size > 5000) ROLE_CACHE.clear();
  ROLE_CACHE.set(label, role);
  return role;
}

function computeHeaderRole(label: string): HeaderRole | null {
  // "Đơn vị: Sở Tư pháp" is a title line, not a column header.
  if (/:\s*\S/.test(label)) return null;
  const folded = fold(label);
  if (!folded) return null;
  for (const [phrase, role] of ORDERED) {
    if (folded === phrase) return role;
  }
  for (const [phrase, role] of ORDERED) {
    if (EXACT_ONLY.has(phrase)) continue;
    if (startsWithPhrase(folded, phrase)) {
      // "Tổng điểm thẩm định" / "Chỉ số SIPAS" are row titles, not headers, when longer than a phrase + unit.
      const rest = folded.slice(phrase.length).trim();
      if (rest.split(" ").length <= 4) return role;
    }
  }
  // "National rank (of 63)", "Rank in the Mekong Delta (of 13)": a short English label about a rank.
  if (/\brank(?:ing)?\b/.test(folded) && !/\b(?:group|tier)\b/.test(folded) && folded.split(" ").length <= 8) return "rank";
  // "Mức độ hài lòng (%)", "PAR Index 2016 (% of the maximum value)": a short label in percent is a rate,
  // unless it names an indicator that rating caps read ("Tỷ lệ hồ sơ trễ hạn (%)").
  if (/\(\s*%/.test(label) && folded.split(" ").length <= 10 && !indicatorOf(label)) return "index";
  return null;
}

/**
 * "(out of 63)", "(trên 10)", "/100": a label that gives only a column's scale. Whole numbers within it
 * are places among that many (a rank), other numbers points on it; the content says which (header.ts).
 */
export function scaleOf(label: string): number | null {
  const m = /^(?:out of|of|tren) (\d{1,4})$/.exec(fold(label)) ?? /^\(?\s*\/\s*(\d{1,4})\s*\)?$/.exec(label.trim());
  return m ? Number(m[1]) : null;
}

/**
 * "Năm 2019", "2019", "Year 2019", "NĂM 2019" -> "2019"; "Tháng 01/2025", "T1/2025" -> "Tháng 1/2025";
 * "Quý 1" -> "Quý I" (engine/periods.ts, which also orders them).
 */
export function headerPeriod(label: string): string | null {
  return normalisePeriod(label);
}

/**
 * "Tổng điểm 2019", "Xếp hạng năm 2018", "Chỉ số 2023 (%)": a role label with a year after it.
 * Returns the label without the year, and the year; null when the label does not end with a year.
 */
export function splitTrailingPeriod(label: string): { base: string; period: string } | null {
  const m = /^(.*?\S)\s*[-–(]?\s*(?:năm|nam|year)?\s*((?:19|20)\d{2})\s*\)?\s*(\(\s*%\s*\))?$/iu.exec(label.normalize("NFC").trim());
  if (!m) return null;
  return { base: `${m[1]}${m[3] ? ` ${m[3]}` : ""}`.trim(), period: m[2] };
}

/** Rows that carry a published total. */
const TOTAL_ROWS = [
  "tong cong",
  "tong diem",
  "tong so diem",
  "tong so",
  "tong",
  "cong",
  "total",
  "grand total",
  "total score",
  "tong diem dat duoc",
  // Composite indices over their sub-indices (PCI, PGI profiles): the published score.
  "pci",
  "pci score",
  "pci scores",
  "diem so pci",
  "pgi",
  "pgi score",
  "pgi scores",
  "diem so pgi",
];

export function isTotalRowTitle(title: string): boolean {
  const f = fold(title);
  return TOTAL_ROWS.includes(f) || /^tong (cong|diem|so diem)( \d+ linh vuc| chung| cac linh vuc)?$/.test(f);
}

/** Summary rows that are not areas (seed 001: Điểm thẩm định, Chỉ số SIPAS, ...). */
const SUMMARY_ROWS = [
  "diem tham dinh",
  "tong diem tham dinh",
  "danh gia tac dong cua cai cach hanh chinh",
  "diem danh gia tac dong",
  "chi so sipas",
  "sipas",
  "khao sat lanh dao quan ly",
  "dieu tra xa hoi hoc",
  "diem dieu tra xa hoi hoc",
  "tac dong den phat trien kinh te xa hoi",
  "tac dong cua cai cach hanh chinh",
  "diem khao sat",
];

export function isSummaryRowTitle(title: string): boolean {
  const f = foldTitle(title);
  return SUMMARY_ROWS.some((p) => f === p || f.startsWith(`${p} `));
}

/** Rows under a table that are notes or signatures, not data. */
const FOOTER_STARTS = [
  "ghi chu",
  "chu thich",
  "chu y",
  "luu y",
  "nguon",
  "note",
  "notes",
  "source",
  "noi nhan",
  "nguoi lap",
  "nguoi lap bieu",
  "nguoi lap bang",
  "nguoi tong hop",
  "nguoi duyet",
  "nguoi ky",
  "nguoi kiem tra",
  "giam doc",
  "pho giam doc",
  "thu truong",
  "thu truong don vi",
  "tm",
  "kt",
  "xac nhan",
  "chu tich",
  "truong phong",
  "prepared by",
  "approved by",
];

export function isFooterText(text: string): boolean {
  const raw = text.trim();
  if (raw.startsWith("*") || raw.startsWith("(*")) return true;
  const f = fold(text);
  if (/\bngay\b.*\bthang\b/.test(f)) return true;
  return FOOTER_STARTS.some((p) => startsWithPhrase(f, p));
}

/** A row title in percent ("Tỷ lệ hồ sơ trực tuyến (%)"): a rate, never points. */
export function isRateTitle(title: string): boolean {
  return /\(\s*%\s*\)\s*$/.test(title);
}

/** The scale a score row's title states ("Điểm Bộ chỉ số 766 (điểm/100)", "(thang điểm 100)"): its maximum. */
export function scaleOfTitle(title: string): string | null {
  const m = /\(\s*(?:điểm|points?)?\s*\/\s*(\d+(?:[.,]\d+)?)\s*\)|\(\s*thang điểm\s+(\d+(?:[.,]\d+)?)\s*\)/iu.exec(title.normalize("NFC"));
  return m ? (m[1] ?? m[2]) : null;
}

/** Text in a points cell meaning "not applicable". */
export function isNotApplicableText(text: string): boolean {
  return ["kad", "khong ap dung", "n a", "na", "not applicable"].includes(fold(text));
}

/** Title-area texts that are not the table's title (national motto, issuing body lines). */
export function isBoilerplateTitle(text: string): boolean {
  const f = fold(text);
  return (
    f.startsWith("cong hoa xa hoi chu nghia") ||
    f.startsWith("doc lap tu do hanh phuc") ||
    /^(uy ban nhan dan|ubnd|so noi vu|bo noi vu|so |bo )/.test(f) && f.split(" ").length <= 6
  );
}

/** Bonus and penalty rows (điểm thưởng, điểm trừ). */
export function criterionKindOfTitle(title: string): "bonus" | "penalty" | null {
  const f = fold(title);
  if (/^(diem thuong|diem cong|thuong diem|cong diem|bonus)\b/.test(f)) return "bonus";
  if (/^(diem tru|tru diem|diem phat|penalty|deduction)\b/.test(f)) return "penalty";
  return null;
}

/** Per-unit indicators that rating caps read, by header: "Tỷ lệ hồ sơ trễ hạn (%)" -> "lateDossierPercent". */
const INDICATORS: Array<[RegExp, string]> = [
  [/^(?:ty le )?(?:ho so |tthc )?(?:tre han|qua han|tre hen)(?: giai quyet)?(?: %)?$/, "lateDossierPercent"],
  [/^(?:share of )?late (?:dossiers|applications)(?: %)?$/, "lateDossierPercent"],
];

export function indicatorOf(label: string): string | null {
  const f = fold(label);
  for (const [pattern, key] of INDICATORS) if (pattern.test(f)) return key;
  return null;
}
