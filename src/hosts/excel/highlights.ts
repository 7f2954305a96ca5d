/**
 * ParScore's highlight rules on the user's sheets: find them, remove them, add new ones.
 *
 * A rule is ParScore's if and only if it is a custom-formula rule whose formula contains
 * HIGHLIGHT_MARKER (`N("ParScore")=0`, see src/report/plan.ts); the user's own rules, whatever
 * they look like, are never touched. New rules go after the user's rules (lowest priority), so
 * the user's own formatting keeps precedence, as in the .xlsx writer.
 */
import { HIGHLIGHT_MARKER } from "../../report/plan";
import { ACTION_BYTES, PATH_BYTES } from "./batches";
import { protectedError } from "./errors";
import { rangeOf } from "./ranges";
import { assertRequiredApi } from "./requirements";

export function isParScoreFormula(formula: string | null | undefined): boolean {
  return typeof formula === "string" && formula.replace(/\s+/g, "").includes(HIGHLIGHT_MARKER);
}

/** A sheet's conditional formats, queued for loading (read them after the next sync). */
export interface RuleInventory {
  sheet: string;
  worksheet: Excel.Worksheet;
  rules: Excel.ConditionalFormatCollection;
}

/** Queues a load of every conditional format on these sheets: type, and the formula of custom rules. */
export function queueRuleInventory(sheets: { name: string; worksheet: Excel.Worksheet }[]): RuleInventory[] {
  return sheets.map(({ name, worksheet }) => {
    const rules = rangeOf(worksheet).conditionalFormats;
    rules.load("items/type,items/customOrNullObject/rule/formula");
    return { sheet: name, worksheet, rules };
  });
}

export const INVENTORY_BYTES_PER_SHEET = 3 * PATH_BYTES + ACTION_BYTES;
export const DELETE_RULE_BYTES = PATH_BYTES + ACTION_BYTES;

export interface SheetRules {
  sheet: string;
  worksheet: Excel.Worksheet;
  /** ParScore's rules on the sheet. */
  parscore: Excel.ConditionalFormat[];
  /** How many rules are the user's. */
  userRules: number;
}

/** Sorts loaded rules into ParScore's and the user's (call after the sync that loaded them). */
export function sortRules(inventory: RuleInventory[]): SheetRules[] {
  return inventory.map(({ sheet, worksheet, rules }) => {
    const parscore = rules.items.filter((cf) => cf.type === "Custom" && !cf.customOrNullObject.isNullObject && isParScoreFormula(cf.customOrNullObject.rule.formula));
    return { sheet, worksheet, parscore, userRules: rules.items.length - parscore.length };
  });
}

/**
 * Removes ParScore's highlight rules from every sheet and returns how many. Three syncs: the
 * sheets, their rules, the deletions. A protected sheet that carries one of our rules stops the
 * whole operation before anything is deleted.
 */
export async function removeHighlights(context: Excel.RequestContext): Promise<number> {
  assertRequiredApi();
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/protection/protected");
  await context.sync();
  const inventory = queueRuleInventory(sheets.items.map((w) => ({ name: w.name, worksheet: w })));
  await context.sync();
  const found = sortRules(inventory).filter((s) => s.parscore.length > 0);
  const locked = sheets.items.filter((w) => w.protection.protected && found.some((f) => f.sheet === w.name)).map((w) => w.name);
  if (locked.length > 0) throw protectedError({ workbook: false, sheets: locked });
  let removed = 0;
  for (const { parscore } of found) {
    for (const cf of parscore) cf.delete();
    removed += parscore.length;
  }
  if (removed > 0) await context.sync();
  return removed;
}
