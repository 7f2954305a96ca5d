/**
 * What a change of the pane's state says to someone who cannot see it: the sentence for the polite
 * live region (progress stages, and what a finished step did; errors announce themselves through
 * role="alert"), and where keyboard focus goes when the part of the pane it was on is replaced
 * (else it falls to the page's body and, in Excel on the web, the next Tab leaves the pane).
 * Pure: AnalyzePanel applies them; test/taskpane/transitions.test.ts checks them.
 */
import type { Facts } from "./facts";
import { MAX_LINKS_PER_SHEET } from "../hosts/excel/link-limit";
import { count, fmt, langOf, type Strings } from "./i18n";
import type { ApplyOutcome } from "./actions";
import type { Busy, Notice, PaneState, UnitWorkbooksMade } from "./session";

/** The progress stage in words; while writing without the running count (the bar's value says it). */
export function stageLabel(busy: Busy, t: Strings, withCount = true): string {
  if (busy.cancelling) return t.stageCancelling;
  switch (busy.stage) {
    case "loading":
      return t.stageLoading;
    case "reading":
      // While writing, the only sheet read is the responsibility table.
      return busy.task === "write" ? t.stageReadingResponsibility : t.stageReading;
    case "recognising":
      return t.stageRecognising;
    case "analysing":
      return t.stageAnalysing;
    case "planning":
      return t.stagePlanning;
    case "writing":
      return withCount && busy.total ? fmt(t.stageWritingCount, { done: busy.done ?? 0, total: busy.total }) : t.stageWriting;
    case "removing":
      return t.stageRemoving;
    case "reporting":
      return t.stageReporting;
    case "building":
      return withCount && busy.total ? fmt(t.stageBuildingCount, { done: busy.done ?? 0, total: busy.total }) : t.stageBuilding;
  }
}

/** "Đã nhận dạng 1 bảng điểm trong vùng ...": what finding a table gave. */
export function recognisedText(facts: Facts, address: string, t: Strings): string {
  return facts.consolidation ? fmt(t.readSheets, { n: facts.consolidation.sheets }) : `${fmt(t.readFrom, { address })} ${fmt(t.tablesFound, { n: facts.tables.length })}`;
}

/**
 * "Đã ghi các trang: “Phân tích điểm trừ”. Đã tô màu 5 vùng trên bảng gốc.": what writing did,
 * and the links to source cells it left out (a sheet of more than MAX_LINKS_PER_SHEET gets none).
 */
export function writtenText(outcome: ApplyOutcome, t: Strings): string {
  const parts = [outcome.sheets.length > 0 ? fmt(t.writtenSheets, { sheets: outcome.sheets.map((s) => `“${s}”`).join(", ") }) : t.writtenNoSheets];
  if (outcome.highlights > 0) parts.push(fmt(t.writtenHighlights, { n: outcome.highlights }));
  if (outcome.charts > 0) parts.push(fmt(t.writtenCharts, { n: outcome.charts }));
  if (outcome.linksLeftOut) parts.push(fmt(t.writtenLinksLeftOut, { n: count(outcome.linksLeftOut, langOf(t)), max: count(MAX_LINKS_PER_SHEET, langOf(t)) }));
  return parts.join(" ");
}

/** "Đã tạo 63/63 sổ đơn vị; đã tải xuống “so-don-vi.zip”.": what making the units' workbooks did. */
export function unitWorkbooksText(result: UnitWorkbooksMade, t: Strings): string {
  const total = result.made.length + result.failed.length;
  const parts = [fmt(t.unitBooksMade, { n: result.made.length, total })];
  if (result.delivery === "opened") parts.push(t.unitBooksOpened);
  else if (result.delivery === "downloaded") parts.push(fmt(t.unitBooksDownloaded, { file: result.fileName ?? "" }));
  else if (result.delivery === "not-delivered") parts.push(t.unitBooksNotDelivered);
  if (result.failed.length > 0) parts.push(fmt(t.unitBooksFailed, { n: result.failed.length }));
  return parts.join(" ");
}

/** "Đã tải xuống báo cáo “bao-cao-chi-so-cchc.docx”.", or what to do where the pane cannot download. */
export function reportText(report: NonNullable<PaneState["report"]>, t: Strings): string {
  return report.delivery === "downloaded" ? fmt(t.reportDownloaded, { file: report.fileName }) : t.reportNotDelivered;
}

export function noticeText(notice: Notice, t: Strings): string {
  return notice.count > 0 ? fmt(t.highlightsRemoved, { n: notice.count }) : t.highlightsNoneToRemove;
}

/** The sentence for the live region when the pane goes from `prev` to `next`, or null to leave it as it is. */
export function announcement(prev: PaneState, next: PaneState, t: Strings): string | null {
  if (next.busy) {
    const said = stageLabel(next.busy, t, false);
    return prev.busy && stageLabel(prev.busy, t, false) === said ? null : said;
  }
  // A task that ended in an error: the error's role="alert" says it.
  if (!prev.busy || next.error) return null;
  // What the task did (the session shows its result before it clears `busy`).
  const task = prev.busy.task;
  if (task === "find" && next.phase === "recognised" && next.found) return recognisedText(next.found.analysed.facts, next.found.address, t);
  if (task === "write" && next.phase === "summary" && next.written) return writtenText(next.written.outcome, t);
  if (task === "remove" && next.notice) return noticeText(next.notice, t);
  if (task === "distribute" && next.unitWorkbooks) return unitWorkbooksText(next.unitWorkbooks, t);
  if (task === "report" && next.report) return reportText(next.report, t);
  return null;
}

/**
 * Where focus goes after `prev` -> `next`: the heading of the step now shown ("step"), the error's
 * first control ("error"), or nowhere (null: it stays on the control that was used, which stays in
 * the page). `focusLost`: focus is on the page's body (its element was removed).
 */
export function focusAfter(prev: PaneState, next: PaneState, focusLost: boolean): "step" | "error" | null {
  if (prev.phase !== next.phase) return "step";
  // An error dismissed: back to the step it was about.
  if (prev.error && !next.error && !next.busy) return "step";
  if (!focusLost || next.busy) return null;
  // The control used is gone (Cancel with its progress bar, a dismissed notice).
  return next.error ? "error" : "step";
}
