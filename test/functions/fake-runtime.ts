/**
 * The part of Excel's custom-functions runtime the functions use, for Node: CustomFunctions.Error and
 * ErrorCode (values as Excel shows them), and a seeded random source for the property tests.
 */

export class FakeExcelError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(message);
    this.code = code;
  }
}

export const fakeCustomFunctions = {
  Error: FakeExcelError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!" },
  associations: new Map<string, (...args: unknown[]) => unknown>(),
  associate(id: string, fn: (...args: unknown[]) => unknown) {
    this.associations.set(id, fn);
  },
};

export function installCustomFunctions(): void {
  (global as any).CustomFunctions = fakeCustomFunctions;
}

export function removeCustomFunctions(): void {
  delete (global as any).CustomFunctions;
}

/** What a call threw, as { code, message }; fails the test when it did not throw a FakeExcelError. */
export function excelErrorOf(call: () => unknown): { code: string; message: string } {
  try {
    call();
  } catch (e) {
    if (e instanceof FakeExcelError) return { code: e.code, message: e.message };
    throw new Error(`threw something other than CustomFunctions.Error: ${String(e)}`);
  }
  throw new Error("did not throw");
}

export { seeded } from "../helpers/seeded";

export function int(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

/** A decimal as text with `decimals` places, between 0 and `max`: "8.75". */
export function decimalText(rand: () => number, max: number, decimals: number): string {
  const scale = 10 ** decimals;
  const n = int(rand, 0, max * scale);
  const whole = Math.floor(n / scale);
  const frac = String(n % scale).padStart(decimals, "0");
  return decimals > 0 ? `${whole}.${frac}` : String(whole);
}
