/**
 * Applies a SheetPlan to the open workbook with a bounded number of syncs.
 *
 * 1. One sync reads sheets, names and protection (ownership.ts). A protected workbook structure,
 *    or a protected user sheet that would get or lose highlights, stops here with
 *    HostError("protected"): nothing has been written. (Only when a protected user sheet exists
 *    does a second sync look at its rules, to know whether it carries ours.)
 * 2. Requests of at most `maxRequestBytes` (batches.ts): the first also loads the rules on the
 *    user's sheets; ParScore's previous sheets and their marker names are deleted, the planned
 *    sheets created (marked at once), written block by block, merged, sized, charted.
 * 3. Last, in the final request: ParScore's previous highlight rules are deleted and the new ones
 *    added. The user's sheets are touched only here, so a run that fails or is cancelled before
 *    leaves them exactly as they were; the sheets it had created are deleted (and were marked at
 *    once, so should that fail too, the next run replaces them).
 *
 * Syncs: 1 (inspect) + the requests the payload needs (about bytes / maxRequestBytes), + 1 when
 * everything fits in one request (the highlight step needs the rules that request loads).
 * Each request suspends calculation (ExcelApi 1.6) and screen updating (1.9, when present).
 */
import type { SheetPlan } from "../../report/plan";
import { OWNED_SHEET_NAME_PREFIX } from "../../report/plan";
import { ACTION_BYTES, BatchExecutor, DEFAULT_MAX_REQUEST_BYTES, PATH_BYTES, countRequests, type Work } from "./batches";
import { addConditionalFormat, conditionalFormatBytes } from "./conditional-formats";
import { cancelledError, protectedError } from "./errors";
import { DELETE_RULE_BYTES, INVENTORY_BYTES_PER_SHEET, queueRuleInventory, sortRules, type RuleInventory, type SheetRules } from "./highlights";
import { rangeOf } from "./ranges";
import { finalSheetNames, findSheet, inspectWorkbook, type SheetInfo, type WorkbookInventory } from "./ownership";
import { assertRequiredApi, detectFeatures } from "./requirements";
import { sheetWorks, type SheetTarget } from "./write-sheet";

export interface ApplyOptions {
  /** Called after each request with requests done and the expected total. */
  onProgress?: (done: number, total: number) => void;
  /** Checked before each request; an aborted signal stops with HostError("cancelled"). */
  signal?: AbortSignal;
  /** Largest request to send, in bytes (estimated as JSON). Excel on the web refuses about 5 MB. */
  maxRequestBytes?: number;
}

export interface ApplyOutcome {
  /** Final names of ParScore's sheets (a user sheet of the same name pushes ours to " (2)"). */
  sheets: string[];
  /** Highlight rules added to the user's sheets. */
  highlights: number;
  charts: number;
  /** context.sync() calls made. */
  syncs: number;
  /** The largest request sent, in estimated bytes. */
  maxRequestBytes: number;
  /** Links not written (their text is): a sheet with more than MAX_LINKS_PER_SHEET gets none. */
  linksLeftOut?: number;
}

export async function applyPlan(context: Excel.RequestContext, plan: SheetPlan, options: ApplyOptions = {}): Promise<ApplyOutcome> {
  assertRequiredApi();
  const features = detectFeatures();
  const maxBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  if (options.signal?.aborted) throw cancelledError();

  // 1. Inspect; refuse before writing anything what protection would stop half-way.
  const inventory = await inspectWorkbook(context);
  const highlightTargets = plan.highlights
    .map((cf) => ({ cf, sheet: findSheet(inventory.userSheets, cf.sheet) }))
    .filter((h): h is HighlightTarget => h.sheet !== undefined);
  const syncs = 1 + (await assertWritable(context, inventory, highlightTargets));
  const openSheets = inventory.userSheets.filter((s) => !s.protected);

  // 2. Plan the requests.
  const names = finalSheetNames(
    plan.sheets.map((s) => s.name),
    inventory.userSheets.map((s) => s.name),
  );
  const renamed = new Map<string, string>();
  plan.sheets.forEach((s, i) => {
    if (!findSheet(inventory.userSheets, s.name)) renamed.set(s.name, names[i]);
  });
  // Every planned sheet's final name, for live formulas that refer to ParScore's own sheets.
  const ownSheets = new Map(plan.sheets.map((s, i) => [s.name, names[i]]));
  const targets: SheetTarget[] = names.map((name, i) => ({ name, marker: `${OWNED_SHEET_NAME_PREFIX}${i + 1}` }));

  let rules: RuleInventory[] = [];
  const works: Work[] = [
    {
      bytes: INVENTORY_BYTES_PER_SHEET * openSheets.length,
      run: () => {
        rules = queueRuleInventory(openSheets.map((s) => ({ name: s.name, worksheet: s.worksheet })));
      },
    },
    removalWork(context, inventory),
  ];
  const sheets = plan.sheets.map((planned, i) => sheetWorks(context, planned, targets[i], { plan, features, maxBytes, renamed, ownSheets }));
  // Every sheet exists before any is written: live formulas refer across ParScore's sheets.
  works.push(...sheets.map((s) => s.setup), ...sheets.flatMap((s) => s.content));
  const highlightBytes = highlightTargets.reduce((n, h) => n + conditionalFormatBytes(h.cf.rule) + ACTION_BYTES, 0);
  const sizes = works.map((w) => w.bytes);
  // One request cannot carry the highlight step (it needs that request's rules): then two.
  const expected = countRequests(sizes, maxBytes) <= 1 ? 2 : countRequests([...sizes, highlightBytes], maxBytes);

  const executor = new BatchExecutor(context, {
    maxBytes,
    signal: options.signal,
    onRequestStart: () => suspendWhileWriting(context, features.screenUpdating),
    onSynced: (done) => options.onProgress?.(done, Math.max(expected, done)),
  });
  try {
    await executor.addAll(works);
    // The highlight step needs the rules the first request loaded.
    if (executor.syncs === 0) await executor.flush();
    const sorted = sortRules(rules);
    // The user's sheets change only from here on: last chance to stop with them untouched.
    executor.throwIfCancelled();
    await executor.addAll(highlightWorks(sorted, highlightTargets));
    await executor.flush();
  } catch (error) {
    // Cancelled, or a request Excel refused: no half-written sheet stays behind.
    await discardPartialSheets(context, targets);
    throw error;
  }
  options.onProgress?.(executor.syncs, executor.syncs);
  return {
    sheets: names,
    highlights: highlightTargets.length,
    charts: plan.sheets.reduce((n, s) => n + s.charts.length, 0),
    syncs: syncs + executor.syncs,
    maxRequestBytes: executor.largestRequest,
    linksLeftOut: sheets.reduce((n, s) => n + s.linksLeftOut, 0),
  };
}

function suspendWhileWriting(context: Excel.RequestContext, screenUpdating: boolean): void {
  context.application.suspendApiCalculationUntilNextSync();
  if (screenUpdating) context.application.suspendScreenUpdatingUntilNextSync();
}

type HighlightTarget = { cf: SheetPlan["highlights"][number]; sheet: SheetInfo };

/**
 * Throws HostError("protected") when the workbook structure is protected, when a protected user
 * sheet would get highlights, or when one carries highlights of a previous run (they could not
 * be removed). The last needs the protected sheets' rules: one more sync, only when there are
 * protected sheets. Returns the syncs made.
 */
async function assertWritable(context: Excel.RequestContext, inventory: WorkbookInventory, targets: HighlightTarget[]): Promise<number> {
  if (inventory.workbookProtected) throw protectedError({ workbook: true, sheets: [] });
  const lockedTargets = [...new Set(targets.filter((h) => h.sheet.protected).map((h) => h.sheet.name))];
  if (lockedTargets.length > 0) throw protectedError({ workbook: false, sheets: lockedTargets });
  const locked = inventory.userSheets.filter((s) => s.protected);
  if (locked.length === 0) return 0;
  const rules = queueRuleInventory(locked.map((s) => ({ name: s.name, worksheet: s.worksheet })));
  await context.sync();
  const carrying = sortRules(rules)
    .filter((s) => s.parscore.length > 0)
    .map((s) => s.sheet);
  if (carrying.length > 0) throw protectedError({ workbook: false, sheets: carrying });
  return 1;
}

/** Deletes ParScore's previous sheets and every marker name (stale ones too). */
function removalWork(context: Excel.RequestContext, inventory: WorkbookInventory): Work {
  return {
    bytes: (inventory.markerNames.length + inventory.ownedSheets.length) * (2 * PATH_BYTES + ACTION_BYTES) + 2 * ACTION_BYTES,
    run: () => {
      for (const name of inventory.markerNames) context.workbook.names.getItem(name).delete();
      for (const sheet of inventory.ownedSheets) sheet.worksheet.delete();
    },
  };
}

/** Per user sheet: delete ParScore's old rules, then add the new ones after the user's own. */
function highlightWorks(sheets: SheetRules[], targets: HighlightTarget[]): Work[] {
  const works: Work[] = [];
  for (const found of sheets) {
    if (found.parscore.length > 0) {
      works.push({ bytes: found.parscore.length * DELETE_RULE_BYTES, run: () => found.parscore.forEach((cf) => cf.delete()) });
    }
    const mine = targets.filter((t) => t.sheet.name === found.sheet);
    mine.forEach(({ cf }, k) => {
      works.push({
        bytes: conditionalFormatBytes(cf.rule) + ACTION_BYTES,
        run: () => {
          const added = addConditionalFormat(rangeOf(found.worksheet, cf.ref), cf.rule);
          // Added on top; moved below the user's rules and the ones we added before it.
          added.priority = found.userRules + k;
        },
      });
    });
  }
  return works;
}

/** After a cancel, removes the sheets this run created (best effort: the next run would replace them anyway). */
async function discardPartialSheets(context: Excel.RequestContext, targets: SheetTarget[]): Promise<void> {
  // Anything still queued (cancelled just before the highlight step) goes first in this request;
  // it only writes into the sheets being deleted.
  const created = targets.filter((t) => t.worksheet);
  if (created.length === 0) return;
  try {
    for (const t of created) {
      context.workbook.names.getItem(t.marker).delete();
      t.worksheet?.delete();
    }
    await context.sync();
  } catch {
    // Nothing more to do: the sheets are marked, so the next run replaces them.
  }
}
