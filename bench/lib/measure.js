// Timing helpers: wall clock (hrtime) and CPU time (process.cpuUsage: user + system, all threads
// of this process, so garbage-collector helper threads count) per repetition, and medians.
"use strict";

function median(values) {
  const v = values.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Collects garbage between repetitions when node runs with --expose-gc, so one run's garbage is not billed to the next. */
function collectGarbage() {
  if (typeof global.gc === "function") global.gc();
}

/** One timed call: { wallMs, cpuMs, result }. */
function timeOnce(fn) {
  collectGarbage();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = fn();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, result };
}

async function timeOnceAsync(fn) {
  collectGarbage();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = await fn();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, result };
}

/**
 * A series of repetitions of one measurement. `add` records a sample; `summary` gives medians.
 * Kept open so that spare time at the end of the run can add repetitions (see run.js).
 */
class Series {
  constructor(label) {
    this.label = label;
    this.wall = [];
    this.cpu = [];
    this.extra = [];
  }
  add(sample) {
    this.wall.push(sample.wallMs);
    if (sample.cpuMs !== undefined) this.cpu.push(sample.cpuMs);
    return sample;
  }
  get runs() {
    return this.wall.length;
  }
  get last() {
    return this.wall[this.wall.length - 1];
  }
  get wallMs() {
    return median(this.wall);
  }
  get cpuMs() {
    return median(this.cpu);
  }
  get minMs() {
    return this.wall.length ? Math.min(...this.wall) : null;
  }
  get maxMs() {
    return this.wall.length ? Math.max(...this.wall) : null;
  }
}

/** Runs `fn` `warmup` times untimed, then `reps` timed times into `series`; returns the last result. */
function repeat(series, reps, fn, warmup = 0) {
  for (let i = 0; i < warmup; i++) fn();
  let result;
  for (let i = 0; i < reps; i++) result = series.add(timeOnce(fn)).result;
  return result;
}

async function repeatAsync(series, reps, fn, warmup = 0) {
  for (let i = 0; i < warmup; i++) await fn();
  let result;
  for (let i = 0; i < reps; i++) result = series.add(await timeOnceAsync(fn)).result;
  return result;
}

function round(x, digits = 1) {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function ratio(a, b, digits = 2) {
  if (a === null || b === null || a === undefined || b === undefined || !(b > 0)) return null;
  return round(a / b, digits);
}

module.exports = { median, collectGarbage, timeOnce, timeOnceAsync, Series, repeat, repeatAsync, round, ratio };
