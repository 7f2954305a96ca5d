/**
 * What the real runtime sends to the emulated Excel for one read and one write of the Office.js
 * host (src/hosts/excel): syncs, actions, bytes, the largest request, refusals, and the clean-up
 * request Excel.run sends after each batch (counted with its phase).
 */
import { applyPlan, readGrid, type ApplyOutcome, type ReadOutcome } from "../../src/hosts/excel";
import type { SheetPlan } from "../../src/report/plan";
import type { Grid } from "../../src/tables/grid";
import type { SpecCell } from "../fake-excel/build";
import { ExcelEmulator, type EmulatedRequest } from "./emulator";
import type { RealRuntime } from "./runtime";

export interface PhaseFigures {
  /** Requests Excel received, the clean-up after the batch included. */
  syncs: number;
  actions: number;
  /** Request bytes sent, in all. */
  bytes: number;
  largestRequest: number;
  largestResponse: number;
  /** The clean-up request's bytes (0 when the run left nothing to release). */
  cleanupBytes: number;
  /** Error codes Excel answered with. */
  refused: string[];
}

export function phaseFigures(requests: EmulatedRequest[]): PhaseFigures {
  const cleanup = requests.filter((r) => r.removeReferences > 0 && r.removeReferences === r.actions - 1);
  return {
    syncs: requests.length,
    actions: requests.reduce((n, r) => n + r.actions, 0),
    bytes: requests.reduce((n, r) => n + r.bytes, 0),
    largestRequest: requests.reduce((m, r) => Math.max(m, r.bytes), 0),
    largestResponse: requests.reduce((m, r) => Math.max(m, r.responseBytes), 0),
    cleanupBytes: cleanup.reduce((n, r) => n + r.bytes, 0),
    refused: requests.flatMap((r) => (r.error ? [r.error] : [])),
  };
}

export interface RealRuntimeRun {
  emulator: ExcelEmulator;
  read: PhaseFigures & { outcome: ReadOutcome };
  write: PhaseFigures & { outcome?: ApplyOutcome; error?: string };
  /** References Excel still holds after both runs. */
  heldReferences: number;
  unknown: string[];
}

/**
 * Puts `cells` on sheet `sheet` of an emulated workbook, reads it with readGrid (used range) and
 * writes `planOf(grid)` with applyPlan, both through the real runtime.
 */
export async function runOnRealRuntime(
  runtime: RealRuntime,
  options: { sheet: string; cells: SpecCell[][]; apiVersion?: string; planOf: (grid: Grid) => SheetPlan; beforeWrite?: (emulator: ExcelEmulator) => void },
): Promise<RealRuntimeRun> {
  const emulator = new ExcelEmulator({ sheets: [{ name: options.sheet, cells: options.cells }], active: options.sheet, apiVersion: options.apiVersion });
  runtime.connect(emulator);
  const outcome = await Excel.run((context) => readGrid(context, { kind: "usedRange" }));
  await runtime.idle();
  const readRequests = emulator.requests.length;
  const read = { ...phaseFigures(emulator.requests), outcome };
  const plan = options.planOf(outcome.grid);
  options.beforeWrite?.(emulator);
  let applied: ApplyOutcome | undefined;
  let error: string | undefined;
  try {
    applied = await Excel.run((context) => applyPlan(context, plan));
  } catch (e) {
    error = String((e as Error)?.message ?? e);
  }
  await runtime.idle();
  const write = { ...phaseFigures(emulator.requests.slice(readRequests)), outcome: applied, error };
  return { emulator, read, write, heldReferences: emulator.heldReferences, unknown: [...emulator.unknown] };
}
