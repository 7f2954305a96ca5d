/**
 * What the pane shows about an analysis: plain data, no Decimal, every message in both languages,
 * so the components stay small and the language switch re-renders without re-running anything.
 * Built by `buildFacts` (work.ts, loaded on demand) from the engine's own views.
 * This file holds types only: importing it costs nothing in the first-load bundle.
 */
import type { Severity, Text2 } from "../engine/types";

export type { Severity, Text2 };

/** A cell in the workbook: sheet name and A1 address without the sheet ("C7"). */
export interface CellRef {
  sheet: string;
  cell: string;
}

export interface FindingFact {
  severity: Severity;
  kind: string;
  message: Text2;
  at: CellRef | null;
}

export interface DeductionFact {
  code: string;
  /** As the table titles it ("" when the table gives codes only). */
  title: string;
  /** 1 = area (lĩnh vực), 2 = criterion, 3+ = sub-criterion: what to call it when it has no title. */
  level: number;
  /** Points lost, a decimal string with 2 places and a dot ("5.20"). */
  lost: string;
  /** The unit's points cell for this criterion (else the criterion's own row). */
  at: CellRef | null;
}

export interface UnitFact {
  name: string;
  /** Latest period ("2019"), "" for single-period tables. */
  period: string;
  /** Decimal strings with 2 places and a dot, or null. */
  total: string | null;
  max: string | null;
  lost: string | null;
  percent: string | null;
  rank: number | null;
  rankLabel: string | null;
  /** Units ranked, when known. */
  rankOf: number | null;
  /** Against the previous period, as the engine phrases it. */
  change: Text2 | null;
  /** Points gained since the previous period (decimal string, negative when lost), or null. */
  changeDelta: string | null;
  group: string | null;
  /** The class as an appraiser says it, with its band ("Nhóm B (80% đến dưới 90%)"), when the scheme is known. */
  groupText?: Text2;
  /** Why a cap lowered the class ("Có từ 5% hồ sơ trễ hạn trở lên thì không xếp loại tốt"), when one did. */
  groupReason?: Text2;
  /** The block the unit is listed in ("KHỐI SỞ, BAN, NGÀNH"): its rank is within the block. */
  block?: string;
  /** With a target place chosen: what it takes to reach it ("+2,75 điểm để vào nhóm 2: khôi phục 1, 2"). */
  target?: Text2;
  /** With a responsibility sheet chosen: the unit's lost points by responsible body (null body: not assigned), largest first. */
  responsibility?: ResponsibilityFact[];
  /** What it takes to climb one place ("+0,40 điểm để vào nhóm 2: khôi phục 1"), when ranked below first. */
  climb: Text2 | null;
  /** Largest deductions first (at most MAX_DEDUCTIONS). */
  deductions: DeductionFact[];
  /**
   * Set on the units of a table over PER_UNIT_CHOICES_LIMIT units other than the first: `climb`,
   * `deductions`, `target` and `responsibility` are not worked out yet (null, empty, absent). The pane
   * asks for them when it shows the unit (Session.showUnit): a national table has 10,000 units, and
   * working them out for every unit took seconds the user only waited for one of.
   */
  detailsLater?: true;
}

export interface ResponsibilityFact {
  body: string | null;
  /** Decimal string with 2 places and a dot. */
  lost: string;
  criteria: string[];
}

export type LayoutId = "self-assessment" | "unit-across-years" | "units-in-rows" | "units-in-columns";

export interface TableFact {
  sheet: string;
  range: string;
  layout: LayoutId | string;
  /** The criteria template the table was completed from: its id and its name ("Chỉ số CCHC cấp tỉnh 2019 ..."). */
  template: { id: string; title: Text2 } | null;
  title: string | null;
  /** Criteria in the tree, summary rows (Điểm thẩm định, SIPAS, ...) left out. */
  criteriaCount: number;
  /** The criteria set's maximum under the total's rule (decimal string, 2 places), null when the table and its set do not give it. */
  max: string | null;
  /** At least two units ranked together: a ranking sheet can be written. */
  rankable: boolean;
  units: UnitFact[];
  findings: FindingFact[];
}

export interface Facts {
  tables: TableFact[];
  /** Findings not tied to one table. */
  findings: FindingFact[];
  /** Set when the units' sheets were consolidated into one table (the CLI's `parscore consolidate`). */
  consolidation?: ConsolidationFact;
}

/** "ranked"; "not-ranked": in the consolidated table, out of the ranking; "left-out": not in it. */
export type ConsolidatedUnitStatus = "ranked" | "not-ranked" | "left-out";

export interface ConsolidatedUnitFact {
  /** Its name in the consolidated table ("Sở Y tế (2)" when two sheets name the same unit). */
  name: string;
  /** The sheet its table was read from, and the table's first cell there. */
  at: CellRef;
  /** The table's range on that sheet ("A4:E40"). */
  range: string;
  status: ConsolidatedUnitStatus;
  /** Why it is not ranked or left out (a mismatched criterion, located on its own sheet). */
  reasons: FindingFact[];
}

export interface ConsolidationFact {
  /** Every one-unit table read, in sheet order. */
  units: ConsolidatedUnitFact[];
  /** The criteria set the units are compared with (the one most units use), or null when none. */
  reference: { unit: string; criteria: number; leaves: number; sharedBy: number } | null;
  /** Sheets read (including those where no table was recognised). */
  sheets: number;
}

export const MAX_DEDUCTIONS = 5;
