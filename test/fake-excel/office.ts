/**
 * Installs the fake as the `Office` and `Excel` globals on any object (globalThis in jest, window
 * in a browser): Office.onReady reports Excel, requirement sets follow the workbook's apiVersion,
 * Excel.run runs a batch on a fresh fake request context (and flushes what it left queued, as
 * Office.js does), and the Excel enums ParScore's code may name are there.
 */
import { FakeRequestContext } from "./client";
import type { WorkbookState } from "./model";

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** What this workbook's "Excel" supports: ExcelApi up to its apiVersion, nothing else. */
export function isSetSupported(workbook: WorkbookState, name: string, minVersion?: string): boolean {
  if (name !== "ExcelApi") return false;
  return compareVersions(minVersion ?? "1.1", workbook.apiVersion) <= 0;
}

/** The Excel enums, as the strings Office.js uses for them. */
export const EXCEL_ENUMS = {
  ChartType: { barClustered: "BarClustered", columnClustered: "ColumnClustered", line: "Line", pie: "Pie" },
  ChartSeriesBy: { auto: "Auto", columns: "Columns", rows: "Rows" },
  ConditionalFormatType: { custom: "Custom", dataBar: "DataBar", colorScale: "ColorScale", cellValue: "CellValue", iconSet: "IconSet", topBottom: "TopBottom", presetCriteria: "PresetCriteria", containsText: "ContainsText" },
  ConditionalFormatRuleType: { invalid: "Invalid", automatic: "Automatic", lowestValue: "LowestValue", highestValue: "HighestValue", number: "Number", percent: "Percent", formula: "Formula", percentile: "Percentile" },
  ConditionalFormatColorCriterionType: { invalid: "Invalid", lowestValue: "LowestValue", highestValue: "HighestValue", number: "Number", percent: "Percent", formula: "Formula", percentile: "Percentile" },
  BorderIndex: { edgeTop: "EdgeTop", edgeBottom: "EdgeBottom", edgeLeft: "EdgeLeft", edgeRight: "EdgeRight", insideVertical: "InsideVertical", insideHorizontal: "InsideHorizontal" },
  BorderLineStyle: { none: "None", continuous: "Continuous", dash: "Dash", dot: "Dot", double: "Double" },
  BorderWeight: { hairline: "Hairline", thin: "Thin", medium: "Medium", thick: "Thick" },
  HorizontalAlignment: { general: "General", left: "Left", center: "Center", right: "Right" },
  VerticalAlignment: { top: "Top", center: "Center", bottom: "Bottom" },
  RangeUnderlineStyle: { none: "None", single: "Single", double: "Double" },
  PageOrientation: { portrait: "Portrait", landscape: "Landscape" },
  SpecialCellType: { visible: "Visible", blanks: "Blanks", constants: "Constants", formulas: "Formulas" },
  SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
  ErrorCodes: {
    accessDenied: "AccessDenied",
    generalException: "GeneralException",
    invalidArgument: "InvalidArgument",
    invalidOperation: "InvalidOperation",
    itemAlreadyExists: "ItemAlreadyExists",
    itemNotFound: "ItemNotFound",
    responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
  },
} as const;

export interface InstalledFake {
  /** The contexts Excel.run made, in order (their requests are on the workbook). */
  contexts: FakeRequestContext[];
}

/** Sets `target.Office` and `target.Excel` to the fake, acting on `workbook`. */
export function installFakeOffice(target: any, workbook: WorkbookState): InstalledFake {
  const installed: InstalledFake = { contexts: [] };
  const info = { host: "Excel", platform: "OfficeOnline" };
  target.Office = {
    HostType: { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook", OneNote: "OneNote", Project: "Project", Access: "Access" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac", iOS: "iOS", Android: "Android", Universal: "Universal" },
    onReady: (callback?: (i: typeof info) => void) => {
      callback?.(info);
      return Promise.resolve(info);
    },
    context: {
      requirements: { isSetSupported: (name: string, minVersion?: string | number) => isSetSupported(workbook, name, minVersion === undefined ? undefined : String(minVersion)) },
      host: "Excel",
      platform: "OfficeOnline",
      displayLanguage: "vi-VN",
    },
  };
  target.Excel = {
    ...EXCEL_ENUMS,
    RequestContext: FakeRequestContext,
    run: async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
      const context = new FakeRequestContext(workbook);
      installed.contexts.push(context);
      const result = await batch(context as unknown as Excel.RequestContext);
      if (context._pending) await context.sync();
      return result;
    },
    // Office.js defines it on every host; a host without ExcelApi 1.8 rejects the call.
    createWorkbook: async (base64?: string): Promise<void> => {
      if (!isSetSupported(workbook, "ExcelApi", "1.8")) {
        throw Object.assign(new Error("This API is not supported by this version of Excel (ExcelApi 1.8)."), { code: "ApiNotFound" });
      }
      if (base64 !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
        throw Object.assign(new Error("The argument is invalid or missing or has an incorrect format."), { code: "InvalidArgument" });
      }
      workbook.createdWorkbooks.push(base64 ?? "");
    },
  };
  return installed;
}
