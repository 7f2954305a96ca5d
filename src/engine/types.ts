import Decimal from "decimal.js";

/** Points are exact decimals from parsing to output. Never a JS number. */
export type Points = Decimal;

/** Bilingual text: Vietnamese first, English second. */
export interface Text2 {
  vi: string;
  en: string;
}

export type Lang = "vi" | "en";

/** Where a value came from in a workbook. `cell` is an A1 address without the sheet ("C7"). */
export interface Location {
  sheet?: string;
  cell?: string;
}

export type Severity = "error" | "warning" | "info";

/**
 * Something the engine (or a table reader) wants a person to look at.
 * `kind` is stable and machine-readable; messages are for people.
 */
export interface Finding {
  kind: string;
  severity: Severity;
  location?: Location;
  message: Text2;
  /** The criterion code and unit/column involved, when there is one. */
  code?: string;
  column?: string;
}

export type CriterionKind = "ordinary" | "bonus" | "penalty";

/** How a parent's points come from its children's (src/engine/rules.ts): "sum" unless a table or template says. */
export type RollupRule = "sum" | "weighted-sum" | "mean" | "weighted-mean" | "scaled-sum";

/** One node of a criteria set (bộ tiêu chí): area, criterion, sub-criterion or lettered item. */
export interface Criterion {
  /** As written in the table, normalised: "I", "1", "1.1", "1.1.1", "a". Unique within a scorecard. */
  code: string;
  title: string;
  /** Điểm tối đa; null when neither the table nor a template gives it. */
  max: Points | null;
  kind: CriterionKind;
  /** 1 = area (lĩnh vực), 2 = criterion (tiêu chí), 3 = sub-criterion (TCTP), 4+ deeper. */
  level: number;
  children: Criterion[];
  /** Rows that are not part of the tree's sum (e.g. "Điểm thẩm định", "Chỉ số SIPAS" summary rows). */
  extra?: boolean;
  location?: Location;
  /** The cell the table gave this criterion's max in (Điểm tối đa column), for formulas comparing points with max. */
  maxLocation?: Location;
  /**
   * How hard its lost points are to win back, 1 (easiest) upwards: from a "Mức độ khó" / "Khả năng khắc
   * phục" column or the responsibility sheet. Targets try the cheapest first.
   */
  effort?: Points;
  /** How this node's points come from its children's; default "sum". */
  rollup?: RollupRule;
  /** This node's weight in its parent's weighted rule (0.2, or 20 for 20%: a rule divides by the weights' sum). */
  weight?: Points;
  /** Where the table gave the weight ("Trọng số" column or row). */
  weightLocation?: Location;
}

/** The rule of the whole table's total over its areas (the roots), when it is not their sum. */
export interface TotalRule {
  rollup: RollupRule;
  /** The total's own max (PCI: 100 over sub-indices on 10); null = the rule's max of the roots'. */
  max: Points | null;
  /** Where the rule was read or inferred from, for findings about it. */
  location?: Location;
}

/** A point value as a table gave it. */
export interface PointValue {
  /** null = no value given (blank cell). */
  value: Points | null;
  /** Không áp dụng: left out of both achieved and max. */
  notApplicable?: boolean;
  location?: Location;
  /**
   * Set when the value is not the number stored in the cell: "text" for a number typed as text
   * ("8,75", "8.75"), "text-unit" for text with a unit ("8,75 điểm"), "percent" for a number shown
   * as a percentage (read x100). Live formulas (src/report/live-formulas.ts) read "text" cells as
   * they read numbers, and copy the value of the others.
   */
  derived?: "text" | "text-unit" | "percent";
  /**
   * Decimals the table shows this value with, trailing zeros included ("0,650" -> 3), when the reader
   * knows them (the text typed, or the cell's number format). Ties are decided at this precision.
   */
  decimals?: number;
}

/** A rank as a table published it: "4(12)" = 4th, shared by 12 units. */
export interface PublishedRank {
  rank: number;
  tieCount?: number;
  location?: Location;
}

/**
 * "score" is the final/appraised points (điểm thẩm định, điểm số, điểm đạt);
 * "self" is the unit's self-assessment (điểm tự đánh giá).
 */
export type Basis = "score" | "self";

/** One column of points: a unit in a period on a basis. */
export interface ScoreColumn {
  /** Unique key, e.g. "Thừa Thiên Huế|2019|score". */
  key: string;
  unit: string;
  /** "2019", or "" when the table has a single period. */
  period: string;
  basis: Basis;
  /** Points per criterion code, as the table gave them (parents may carry totals). */
  points: Map<string, PointValue>;
  /** Published ranks per criterion code, plus "" for the total when published. */
  publishedRanks: Map<string, PublishedRank>;
  /** Published total, if the table had a total row (Tổng cộng / Tổng điểm). */
  publishedTotal?: PointValue;
  /**
   * The unit's own maximum, when the table gives one per unit ("Điểm tối đa" beside each unit: criteria
   * that do not apply to it are left out). It is the max of the unit's total, and units are ranked on the rate.
   */
  unitMax?: PointValue;
  /** Kept out of ranking (some ministries are scored but not ranked). */
  excludedFromRanking?: boolean;
  /** Extra indicators for class caps, e.g. { lateDossierPercent: 6 }. */
  indicators?: Record<string, Points>;
  /**
   * The block the unit is listed in ("I. KHỐI SỞ, BAN, NGÀNH", "Khối huyện"): departments and districts
   * are ranked, and may be rated, separately.
   */
  block?: string;
}

export interface Scorecard {
  title?: string;
  /** Root criteria (areas), in table order. */
  criteria: Criterion[];
  columns: ScoreColumn[];
  /** Findings raised while building it (unreadable cells, ...). */
  findings: Finding[];
  /** The total's rule over the roots, when not their sum (a weighted mean of PCI sub-indices). */
  total?: TotalRule;
}

/** The code used for the whole table's total in results and ranks. */
export const TOTAL_CODE = "";

/** What the engine computed for one criterion (or the total) in one column. */
export interface NodeResult {
  code: string;
  /** Achieved points: the sum of children where children exist, else the given value. */
  achieved: Points | null;
  /** The value the table itself gave at this node (parents may carry published totals). */
  given: Points | null;
  /** Effective max: N/A children left out. */
  max: Points | null;
  /** max - achieved. */
  lost: Points | null;
  /** achieved / max x 100. */
  percent: Points | null;
  notApplicable: boolean;
  /** self-assessed - appraised, on "score" columns that have a matching "self" column. */
  appraisalDeduction?: Points | null;
  /**
   * Leaf codes under this node that had no value (blank, not N/A) while siblings had one.
   * When non-empty, `achieved` is the sum of the present leaves only (a lower bound).
   */
  missingCodes?: string[];
  /** Effective kind (a criterion under a bonus/penalty node inherits it). Penalty nodes carry achieved <= 0. */
  kind?: CriterionKind;
  /** True for `extra` rows and their descendants: reported, never summed into the total. */
  extra?: boolean;
}

export interface RankResult {
  unit: string;
  /** Standard competition rank ("1224"). */
  rank: number;
  /** How many ranked units share this rank (1 = no tie). */
  tieCount: number;
  /** Number of ranked units. */
  of: number;
  /** "4(12)" when tied, "4" otherwise. */
  label: string;
  /** The value the rank was decided on (rounded or exact per options). */
  value: Points;
}

/** Ranks of all units of one period on one criterion (TOTAL_CODE for the total). */
export interface RankTable {
  period: string;
  code: string;
  /** The block ranked, when the table ranks within blocks; undefined for a ranking of all units. */
  block?: string;
  /**
   * The decimals ties were decided on (ranking on rounded values): the decimals the table publishes
   * this column with, 2 for values ParScore computes. Live rank formulas round to the same.
   */
  decimals?: number;
  entries: RankResult[];
  /**
   * Every unit ranked publishes its rank, and some published rank is beyond the number ranked: the table
   * is an excerpt of a larger ranking (9 provinces under "Xếp hạng/63"), whose published ranks apply.
   */
  excerpt?: boolean;
}

export interface Change {
  unit: string;
  code: string;
  fromPeriod: string;
  toPeriod: string;
  pointsDelta: Points | null;
  /** Positive = climbed (rank number fell). */
  rankDelta: number | null;
  phrase: Text2;
}

/** Leaf (sub-criterion) counts and sums, seed 001 style: "60 TCTP đạt điểm tối đa (43,75 điểm)...". */
export interface LeafSummary {
  fullMarkCount: number;
  fullMarkPoints: Points;
  belowMaxCount: number;
  belowMaxAchieved: Points;
  belowMaxMax: Points;
  belowMaxLost: Points;
}

export interface ClassResult {
  /** The band by percent before caps. */
  band: string;
  /** The final class after caps. */
  label: string;
  /** Cap rules that lowered it. */
  cappedBy: string[];
  /** Why, one reason per cap in cappedBy ("Có từ 5% hồ sơ trễ hạn trở lên thì không xếp loại tốt"). */
  capReasons: Text2[];
  /** The class as an appraiser says it: with its band ("Nhóm B (80% đến dưới 90%)"), or with why a cap lowered it. */
  words?: Text2;
}

export interface ColumnAnalysis {
  column: ScoreColumn;
  /** Per criterion code, and TOTAL_CODE for the whole table. */
  nodes: Map<string, NodeResult>;
  leafSummary: LeafSummary;
  class?: ClassResult;
}

export interface Analysis {
  scorecard: Scorecard;
  columns: ColumnAnalysis[];
  /** Ranks as presented: within each block when the table lists units in blocks, else over all units. */
  ranks: RankTable[];
  /** Only when the table has blocks: the same ranks over all units together. */
  overallRanks?: RankTable[];
  changes: Change[];
  /** Scorecard findings plus the engine's own. */
  findings: Finding[];
}
