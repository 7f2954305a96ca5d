/**
 * Which way a table runs when its header words do not say. Under a row of periods ("Năm 2007 | Năm
 * 2008", "2024 | 2023") or of scales ("(out of 63) | | (out of 10)") a column holds names, and its
 * header ("Year", "Chỉ số", "CHỈ SỐ THÀNH PHẦN", blank) does not say whether they are one unit's
 * criteria (a profile) or units (a ranking). The rows do: a profile ends with its score and its "Ranking" rows and ranks each criterion on its own, so
 * its ranks never order the rows; a ranking lists units, and its ranks order them. The title naming
 * one unit leans to a profile. The corner column then takes the role the evidence gives it, and a
 * column headed by its year alone over units holds that year's total.
 */
import Decimal from "decimal.js";
import type { Ctx } from "./context";
import type { ColSpec, Header } from "./header";
import { holds, isNameColumn, neverHolds, numberOf, profileColumn, ranksOrder } from "./evidence";
import { headerPeriod, headerRole, isFooterText, isTotalRowTitle, scaleOf } from "./vocabulary";
import { isUnitName } from "./provinces";

export type Orientation = "criteria" | "units";

/** How many rows the orientation looks at. */
const SAMPLE_ROWS = 60;

/** Roles a header word may give the corner column that its names contradict (figures, not names). */
const FIGURE_ROLES = new Set(["index", "total", "score", null]);

/**
 * Gives the column of names its role (content or unit) when the header words
 * do not; returns what was decided, or null when the table is no such table or its header said it.
 */
export function orientTable(ctx: Ctx, header: Header, titleNamesOneUnit: boolean): Orientation | null {
  const cols = header.cols;
  if (cols.some((c) => c.role === "unit" || c.role === "content")) return null;
  const left = header.left;
  const corner = cornerColumn(header);
  if (!corner) return null;
  const rows = sampleRows(ctx, header, corner.col);
  if (!isNameColumn(profileColumn(rows.map((r) => ctx.raw(r, corner.col))))) {
    if (corner.col < left) {
      header.left = left;
      cols.shift();
    }
    return null;
  }
  const names = rows.map((r) => ctx.text(r, corner.col));
  const orientation = weigh(names, rankEvidence(ctx, cols, corner, rows), titleNamesOneUnit);
  corner.role = orientation === "criteria" ? "content" : "unit";
  if (orientation === "units") for (const c of cols) if (c.period && c.role === null && !c.group) c.role = "total";
  return orientation;
}

/**
 * The column of names: left of a row of periods whatever its header says (periods as labels of their
 * own, "Năm 2007", "2024", a year merged over Điểm số | Thứ hạng, not roles naming a year); else the
 * unlabelled column among columns headed by their scale ("(out of 63) | | (out of 10)").
 */
function cornerColumn(header: Header): ColSpec | undefined {
  const cols = header.cols;
  const byPeriod = cols.filter((c) => c.period !== null && (headerPeriod(c.top) !== null || headerPeriod(c.sub) !== null));
  if (new Set(byPeriod.map((c) => c.period)).size >= 2) {
    const at = cols.indexOf(byPeriod[0]);
    if (at === 0 && header.left > 0) {
      // A blank corner is outside the labelled cells: the column of names left of the periods joins the header.
      header.left--;
      cols.unshift({ col: header.left, top: "", sub: "", role: null, period: null, group: null, label: "" });
      return cols[0];
    }
    const corner = cols[at - 1];
    return corner && FIGURE_ROLES.has(corner.role) && !corner.period ? corner : undefined;
  }
  if (!cols.some((c) => scaleOf(c.label) !== null)) return undefined;
  return cols.find((c) => c.role === null && c.label === "");
}

function sampleRows(ctx: Ctx, header: Header, corner: number): number[] {
  const rows: number[] = [];
  for (let r = header.dataStart; r < ctx.height && rows.length < SAMPLE_ROWS; r++) {
    const name = ctx.text(r, corner);
    if (ctx.rowBlank(r, header.left, header.right)) {
      if (rows.length > 0) break;
      continue;
    }
    if (isFooterText(name)) break;
    if (name !== "") rows.push(r);
  }
  return rows;
}

/** Points for each reading; a tie reads a profile, as a corner over years long has. */
function weigh(names: readonly string[], ranks: "order" | "never" | null, titleNamesOneUnit: boolean): Orientation {
  let criteria = 0;
  let units = 0;
  // A profile's own rows: its score ("PCI", "Tổng điểm") and its place ("Ranking", "Xếp hạng").
  if (names.some((n) => isTotalRowTitle(n) || headerRole(n) === "rank")) criteria += 2;
  if (names.filter(isUnitName).length * 5 >= names.length * 4) units += 2;
  if (ranks === "order") units += 2;
  else if (ranks === "never") criteria += 2;
  if (titleNamesOneUnit) criteria += 1;
  return units > criteria ? "units" : "criteria";
}

/**
 * Rank columns beside points columns (each period's Điểm số | Thứ hạng): ranks that order the points
 * down the rows rank the rows against each other (units); ranks that do not, in every period, rank
 * each row against others elsewhere (one unit's criteria, each with its national place).
 */
function rankEvidence(ctx: Ctx, cols: readonly ColSpec[], corner: ColSpec, rows: readonly number[]): "order" | "never" | null {
  const values = (col: number) => rows.map((r) => numberOf(ctx.raw(r, col)));
  const isPoints = (c: ColSpec | undefined, rank: ColSpec) => c !== undefined && c !== corner && c.period === rank.period && c.role !== "rank";
  const pairs: Array<[(Decimal | null)[], (Decimal | null)[]]> = [];
  cols.forEach((c, i) => {
    if (c.role !== "rank") return;
    // The points it ranks: beside it, else the nearest of its period past the names ("1 | Participation | 6.44").
    const points = isPoints(cols[i - 1], c) ? cols[i - 1] : cols.slice(i + 1).find((p) => isPoints(p, c));
    if (points) pairs.push([values(c.col), values(points.col)]);
  });
  if (pairs.length === 0) return null;
  const agreements = pairs.map(([ranks, points]) => ranksOrder(ranks, points));
  if (agreements.some(holds)) return "order";
  return agreements.some(neverHolds) ? "never" : null;
}
