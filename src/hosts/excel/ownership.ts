/**
 * What is ParScore's in a workbook, and what is the user's.
 *
 * A sheet is ParScore's if and only if a workbook-scoped defined name `ParScore_Owned_<n>`
 * refers to it (src/report/plan.ts); the .xlsx writer uses the same marker, so a workbook
 * written by the command line and opened in Excel is recognised too. One sync reads the names,
 * the sheets and the protection state.
 */
import { OWNED_SHEET_NAME_PREFIX, uniqueSheetName } from "../../report/plan";
import { sheetOfNameFormula } from "./addresses";

export interface SheetInfo {
  name: string;
  protected: boolean;
  worksheet: Excel.Worksheet;
}

export interface WorkbookInventory {
  /** Workbook structure protection: no sheet can be added or deleted. */
  workbookProtected: boolean;
  sheets: SheetInfo[];
  /** ParScore's marker names (also stale ones whose sheet is gone). */
  markerNames: string[];
  /** Sheets a marker name refers to. */
  ownedSheets: SheetInfo[];
  /** Every other sheet. */
  userSheets: SheetInfo[];
}

export function isMarkerName(name: string): boolean {
  return name.startsWith(OWNED_SHEET_NAME_PREFIX);
}

/** Reads sheets, names and protection: one sync. */
export async function inspectWorkbook(context: Excel.RequestContext): Promise<WorkbookInventory> {
  const workbook = context.workbook;
  workbook.load("protection/protected");
  const sheets = workbook.worksheets;
  sheets.load("items/name,items/protection/protected");
  const names = workbook.names;
  names.load("items/name,items/formula");
  await context.sync();

  const infos: SheetInfo[] = sheets.items.map((w) => ({ name: w.name, protected: w.protection.protected, worksheet: w }));
  const markers = names.items.filter((n) => isMarkerName(n.name));
  const ownedNames = new Set(markers.map((n) => sheetOfNameFormula(n.formula)).filter((s): s is string => s !== null));
  const owned = infos.filter((s) => ownedNames.has(s.name));
  return {
    workbookProtected: workbook.protection.protected,
    sheets: infos,
    markerNames: markers.map((n) => n.name),
    ownedSheets: owned,
    userSheets: infos.filter((s) => !owned.includes(s)),
  };
}

/**
 * The names our sheets get: the plan's, made unique against the user's sheets. A plan that
 * numbered its own sheets ("Xếp hạng", "Xếp hạng (2)") is renumbered from the base name when a
 * user sheet takes one of them, as the .xlsx writer does.
 */
export function finalSheetNames(planned: string[], userSheets: string[]): string[] {
  const taken = [...userSheets];
  const bases = new Set<string>();
  return planned.map((name) => {
    const numbered = /^(.*) \(\d+\)$/.exec(name);
    const base = numbered && bases.has(numbered[1]) ? numbered[1] : name;
    bases.add(base);
    const final = uniqueSheetName(base, taken);
    taken.push(final);
    return final;
  });
}

/** The user's sheet a plan refers to by name: exact, else as Excel compares (case-insensitive). */
export function findSheet<T extends { name: string }>(sheets: T[], wanted: string): T | undefined {
  const exact = sheets.find((s) => s.name === wanted);
  if (exact) return exact;
  const key = wanted.normalize("NFC").toLocaleLowerCase();
  return sheets.find((s) => s.name.normalize("NFC").toLocaleLowerCase() === key);
}
