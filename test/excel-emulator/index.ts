/**
 * Microsoft's real Office.js runtime against an emulated Excel (see emulator.ts, runtime.ts), for
 * the real-runtime tests (test/e2e/real-runtime.test.ts, real-runtime-pane.test.ts) and the benchmark
 * (bench/lib/excel-host.js, bench/child/real-runtime-pane.js).
 */
export { ExcelEmulator, PAYLOAD_LIMIT_BYTES, type EmulatedRequest } from "./emulator";
export { installRealRuntime, runtimeScript, RUNTIME_PACKAGE, RUNTIME_FILE, type RealRuntime } from "./runtime";
export { runOnRealRuntime, phaseFigures, type PhaseFigures, type RealRuntimeRun } from "./measure";
export { servePane, officeScript, OFFICE_JS, type PaneHost } from "./pane-host";
