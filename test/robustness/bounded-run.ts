/**
 * `parscore` run as a user runs it, in a child Node whose heap is capped at 1 GB, timed by
 * /usr/bin/time (CPU, wall, peak memory): the bounds of issue 17 (30 s, 1 GB) for hostile files.
 */
import { spawnSync } from "child_process";
import { existsSync } from "fs";
import * as path from "path";

const repo = path.resolve(__dirname, "..", "..");
const TIME = "/usr/bin/time";

export interface Run {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory in MB, when /usr/bin/time is there to say. */
  peakMb: number | null;
  /** CPU seconds (user + system), when /usr/bin/time is there to say. */
  cpuS: number | null;
}

/**
 * The bound is 30 s and 1 GB. The 30 s is CPU time when /usr/bin/time can tell it: these
 * tests share 2 cores with up to 8 sessions (load 20 and more), where a run of 3 s of CPU can take
 * 45 s of wall time; the wall clock is then held to WALL_LIMIT_MS only, to catch a run that waits.
 */
export const CPU_LIMIT_S = 30;
export const WALL_LIMIT_MS = 180_000;

/** `parscore analyze FILE ...args` in a child with a 1 GB heap and a 30 s limit. */
export function analyze(file: string, ...args: string[]): Run {
  return parscore(["analyze", file, ...args]);
}

/** `parscore ...args` in a child with a 1 GB heap, timed (CPU, wall, peak memory). */
export function parscore(args: string[], wallLimitMs = WALL_LIMIT_MS): Run {
  const node = [process.execPath, "--max-old-space-size=1024", path.join(repo, "bin", "parscore.js"), ...args];
  const timed = existsSync(TIME);
  const t0 = Date.now();
  const child = spawnSync(timed ? TIME : node[0], timed ? ["-f", "peak-kb=%M cpu-s=%U+%S", ...node] : node.slice(1), {
    encoding: "utf8",
    timeout: timed ? wallLimitMs : CPU_LIMIT_S * 1000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Date.now() - t0;
  const timing = /peak-kb=(\d+) cpu-s=([\d.]+)\+([\d.]+)\s*$/.exec(child.stderr ?? "");
  return {
    status: child.status,
    signal: child.signal,
    stdout: child.stdout ?? "",
    stderr: (child.stderr ?? "").replace(/peak-kb=\d+ cpu-s=\S+\s*$/, ""),
    ms,
    peakMb: timing ? Number(timing[1]) / 1024 : null,
    cpuS: timing ? Number(timing[2]) + Number(timing[3]) : null,
  };
}

export function expectBounded(run: Run): void {
  expect(run.signal).toBeNull();
  expect([0, 1]).toContain(run.status);
  expect(run.stderr).not.toMatch(/internal error|lỗi nội bộ|heap out of memory|RangeError|at .*\.js:\d+/);
  if (run.cpuS !== null) expect(run.cpuS).toBeLessThan(CPU_LIMIT_S);
  expect(run.ms).toBeLessThan(run.cpuS !== null ? WALL_LIMIT_MS : CPU_LIMIT_S * 1000);
  if (run.peakMb !== null) expect(run.peakMb).toBeLessThan(1024);
}
