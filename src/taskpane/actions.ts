/**
 * What the pane asks of Excel, as an injectable object: the React components and the session
 * never call Office.js themselves, so they can be driven by a fake in tests. The real
 * implementation is excel-actions.ts (Excel.run around src/hosts/excel), loaded on demand.
 *
 * Also: turning whatever a task threw into a PaneError the pane can explain.
 */
import type { ApplyOptions, ApplyOutcome, GridSource, ReadOutcome, ReadSheetsOptions, SheetSize, SheetsRead, WorkbookSheet } from "../hosts/excel";
import type { SheetPlan } from "../report/plan";

export type { ApplyOptions, ApplyOutcome, GridSource, ReadOutcome, ReadSheetsOptions, SheetSize, SheetsRead, WorkbookSheet };

export interface PaneActions {
  /** The ExcelApi version the host needs, for messages. */
  readonly requiredApi: string;
  /** True when this Excel supports `requiredApi`. */
  apiSupported(): boolean;
  read(source: GridSource): Promise<ReadOutcome>;
  /** The workbook's sheet names, in tab order (one sync): where a responsibility table may be. */
  listSheets?(): Promise<string[]>;
  /** The workbook's sheets in tab order, ParScore's own marked (one sync): the units' sheets to consolidate. */
  listWorkbookSheets?(): Promise<WorkbookSheet[]>;
  /**
   * The used ranges of the named sheets, with a number of syncs that does not grow with the number
   * of sheets; `options.beforeRead` sees their sizes before any cell is read and may refuse them.
   */
  readSheets?(names: readonly string[], options?: ReadSheetsOptions): Promise<SheetsRead>;
  /**
   * The size of what `read(source)` would read, without reading it (one sync), or null when it
   * cannot tell cheaply: the pane refuses a table over its limit before reading it.
   */
  measure?(source: GridSource): Promise<SourceSize | null>;
  apply(plan: SheetPlan, options: ApplyOptions): Promise<ApplyOutcome>;
  removeHighlights(): Promise<number>;
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Opens .xlsx bytes as a new workbook in Excel; false where this Excel cannot (before ExcelApi 1.8). */
  openWorkbook?(bytes: Uint8Array): Promise<boolean>;
}

export interface SourceSize {
  /** Rows x columns of the rectangle read(source) reads. */
  cells: number;
  /** Sheet-qualified ("'Kết quả'!A1:DS10004"). */
  address: string;
}

/** The host's error codes (src/hosts/excel HostError), plus the pane's own. */
export type HostErrorCode = "protected" | "nothing-selected" | "no-table" | "too-large" | "api-missing" | "cancelled";

export type PaneError =
  | { kind: HostErrorCode; detail?: { vi: string; en: string } }
  /** A table bigger than the pane analyses (limits.ts), refused before it is analysed. */
  | { kind: "too-large"; cells: number; limit: number; address: string; sheets?: number }
  | { kind: "select-failed"; sheet: string; cell: string; message: string }
  | { kind: "unexpected"; message: string };

const HOST_CODES: readonly string[] = ["protected", "nothing-selected", "no-table", "too-large", "api-missing", "cancelled"];

/** A HostError (or anything shaped like one: the class lives in a lazily loaded chunk). */
function hostErrorOf(err: unknown): { code: HostErrorCode; messageVi?: string; messageEn?: string } | null {
  if (typeof err !== "object" || err === null) return null;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== "string" || !HOST_CODES.includes(code)) return null;
  const e = err as { messageVi?: unknown; messageEn?: unknown };
  return {
    code: code as HostErrorCode,
    messageVi: typeof e.messageVi === "string" ? e.messageVi : undefined,
    messageEn: typeof e.messageEn === "string" ? e.messageEn : undefined,
  };
}

/** The range is over the pane's cell limit (PANE_MAX_CELLS): refused before it is analysed. */
export class PaneTooLargeError extends Error {
  readonly code = "too-large" as const;
  constructor(
    readonly cells: number,
    readonly limit: number,
    readonly address: string,
    /** Set when the cells are those of several sheets read together (consolidation). */
    readonly sheets?: number,
  ) {
    super(`${address}: ${cells} cells, over the task pane's limit of ${limit}`);
    this.name = "PaneTooLargeError";
  }
}

export class CancelledError extends Error {
  readonly code = "cancelled" as const;
  constructor() {
    super("cancelled");
    this.name = "CancelledError";
  }
}

/** What went wrong, in terms the pane has a message for. Never throws. */
export function toPaneError(err: unknown): PaneError {
  if (err instanceof CancelledError) return { kind: "cancelled" };
  if (err instanceof PaneTooLargeError) {
    const failure: PaneError = { kind: "too-large", cells: err.cells, limit: err.limit, address: err.address };
    return err.sheets === undefined ? failure : { ...failure, sheets: err.sheets };
  }
  if (typeof err === "object" && err !== null && (err as { name?: unknown }).name === "AbortError") return { kind: "cancelled" };
  const host = hostErrorOf(err);
  if (host) {
    const detail = host.messageVi && host.messageEn ? { vi: host.messageVi, en: host.messageEn } : undefined;
    return detail ? { kind: host.code, detail } : { kind: host.code };
  }
  return { kind: "unexpected", message: errorMessage(err) };
}

/** A readable message: the error's own, with its Office.js code when it has one ("... (InvalidArgument)"). */
export function errorMessage(err: unknown): string {
  if (typeof err === "string") return err;
  if (typeof err === "object" && err !== null) {
    const { message, code, name } = err as { message?: unknown; code?: unknown; name?: unknown };
    const text = typeof message === "string" && message !== "" ? message : typeof name === "string" ? name : "";
    if (text) return typeof code === "string" && code !== "" && !text.includes(code) ? `${text} (${code})` : text;
  }
  try {
    return JSON.stringify(err) ?? String(err);
  } catch (_e) {
    return String(err);
  }
}
