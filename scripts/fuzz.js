#!/usr/bin/env node
// Fuzz job (issue 17): mutates the sample tables (test/fixtures/tables, examples/, and
// test/fixtures/real/ when it exists), runs the built command line's `main` on each mutant with a
// time limit (in a runner process kept from case to case, see fuzz-runner.js), and counts:
//   crashes   exit status other than 0 or 1, or a stack trace / internal error on stderr;
//   hangs     runs over the CPU time limit (killed);
//   stalls    runs still not done after --stall-factor times that limit in wall time (killed);
//   changed   user cells of an .xlsx input whose value differs in the `-o` output (read back with
//             SheetJS, an independent reader, in a thread under --compare-timeout), ParScore's own
//             sheets left out; parts a byte mutation damaged must be copied byte for byte.
// The limit is CPU time of the case (every thread of the runner), so a loaded machine does not turn
// slow cases into hangs; the wall-time stall catches a case that blocks without using CPU.
// Usage: node scripts/fuzz.js [--cases=2000] [--from=0] [--seed=17] [--jobs=2] [--timeout=60 (s of CPU)]
//   [--stall-factor=10] [--compare-timeout=120 (s)] [--keep=DIR]
// SIGINT/SIGTERM stops it with the figures so far.
// `npm run fuzz` runs the full job; test/robustness/fuzz.test.ts runs 20 cases of it.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawn } = require("child_process");
const { Worker } = require("worker_threads");
const { crc32 } = require("zlib");
const XLSX = require("@e965/xlsx");

const repo = path.resolve(__dirname, "..");
const { ZipPackage, zipEntries, zipData, entryCompressed } = require(path.join(repo, "dist", "hosts", "xlsx", "zip.js"));

function options(argv) {
  const get = (name, fallback) => {
    const hit = argv.find((a) => a.startsWith(`--${name}=`));
    return hit ? hit.slice(name.length + 3) : fallback;
  };
  return {
    cases: Number(get("cases", "2000")),
    // The first case's number: a run cut short can be continued with the same seed.
    from: Number(get("from", "0")),
    seed: Number(get("seed", "17")),
    jobs: Number(get("jobs", String(Math.max(1, Math.min(4, os.availableParallelism() - 0))))),
    timeoutMs: Number(get("timeout", "60")) * 1000,
    keep: get("keep", ""),
    // A case not done after this many times its CPU limit in wall time is killed as a stall.
    stallFactor: Number(get("stall-factor", "10")),
    // Time the independent reader (SheetJS) may take to compare one written workbook.
    compareMs: Number(get("compare-timeout", "120")) * 1000,
  };
}

/** Mulberry32: a small seeded generator, so a run can be repeated case by case. */
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (list) => list[Math.floor(next() * list.length)] };
}

function corpus() {
  const dirs = ["test/fixtures/tables", "test/fixtures/real", "examples", "examples/consolidate"].map((d) => path.join(repo, d));
  const files = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (/\.(xlsx|xlsm|xls|ods|csv|tsv)$/i.test(name)) files.push(path.join(dir, name));
    }
  }
  return files;
}

// Values a person (or a broken export) puts in a cell.
const ODD_VALUES = [
  "", "0", "-3", "2,5", "8,75", "1.234,5", "1e21", "1" + "0".repeat(400), "9007199254740993", "#N/A", "#REF!", "=1+1",
  "+cmd|' /C calc'!A0", "\u00078,75", "  7 ", "Tổng cộng", "Trung bình", "Xếp hạng", "x".repeat(40000), "4(12)", "KAD", "-", "N/A",
  "Điểm thẩm định", "Ghi chú", "🎉", "a\nb", "\u0000",
];

function escapeXml(text) {
  return text.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, "0")}_`);
}

/** One mutation of a worksheet's XML. */
function mutateSheetXml(xml, rnd) {
  const cells = [...xml.matchAll(/<c r="([A-Z]+)(\d+)"[^>]*?(?:\/>|>.*?<\/c>)/gs)];
  const rows = [...xml.matchAll(/<row\b[^>]*?(?:\/>|>.*?<\/row>)/gs)];
  const kind = rnd.int(9);
  if (kind <= 2 && cells.length) {
    const cell = rnd.pick(cells);
    const value = rnd.pick(ODD_VALUES);
    const isNumber = /^-?\d+(\.\d+)?$/.test(value) && value.length < 20;
    const replacement = isNumber ? `<c r="${cell[1]}${cell[2]}"><v>${value}</v></c>` : `<c r="${cell[1]}${cell[2]}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
    return { what: `cell ${cell[1]}${cell[2]} := ${JSON.stringify(value.slice(0, 20))}`, xml: xml.replace(cell[0], replacement) };
  }
  if (kind === 3 && cells.length) {
    const cell = rnd.pick(cells);
    return { what: `cell ${cell[1]}${cell[2]} removed`, xml: xml.replace(cell[0], "") };
  }
  if (kind === 4 && rows.length > 1) {
    const row = rnd.pick(rows);
    return { what: "row removed", xml: xml.replace(row[0], "") };
  }
  if (kind === 5) {
    const far = rnd.pick(["AA500", "Z9000", "XFD1048576", "A1048576", "XFD1"]);
    const n = far.replace(/^[A-Z]+/, "");
    const stray = `<row r="${n}"><c r="${far}"><v>1</v></c></row>`;
    return { what: `stray cell ${far}`, xml: xml.replace(/<\/sheetData>/, `${stray}</sheetData>`) };
  }
  if (kind === 6) {
    const merge = rnd.pick(["A1:D1", "B2:C3", "A3:A9", "C4:E4"]);
    const merged = /<mergeCells\b/.test(xml)
      ? xml.replace(/<mergeCells\b[^>]*>/, (m) => `${m}<mergeCell ref="${merge}"/>`)
      : xml.replace(/<\/sheetData>/, `</sheetData><mergeCells count="1"><mergeCell ref="${merge}"/></mergeCells>`);
    return { what: `merge ${merge}`, xml: merged };
  }
  if (kind === 7 && rows.length > 1) {
    // A row's cells copied under the last row (a pasted line).
    const row = rnd.pick(rows);
    const last = Math.max(...rows.map((r) => Number(/\br="(\d+)"/.exec(r[0])?.[1] ?? 0)));
    const copy = row[0].replace(/^<row\b[^>]*?(\/?)>/, (_m, empty) => `<row r="${last + 1}"${empty}>`).replace(/(<c r="[A-Z]+)\d+"/g, `$1${last + 1}"`);
    return { what: `row copied to ${last + 1}`, xml: xml.replace(/<\/sheetData>/, `${copy}</sheetData>`) };
  }
  return { what: "hidden row", xml: xml.replace(/<row r="(\d+)"/, '<row r="$1" hidden="1"') };
}

function mutateBytes(bytes, rnd) {
  const out = Buffer.from(bytes);
  const kind = rnd.int(3);
  if (kind === 0) return { what: "truncated", bytes: out.subarray(0, Math.max(1, rnd.int(out.length))) };
  const flips = 1 + rnd.int(8);
  for (let i = 0; i < flips; i++) out[rnd.int(out.length)] = rnd.int(256);
  if (kind === 1) return { what: `${flips} bytes changed`, bytes: out };
  const at = rnd.int(out.length);
  return { what: "bytes inserted", bytes: Buffer.concat([out.subarray(0, at), Buffer.from(rnd.pick(ODD_VALUES)), out.subarray(at)]) };
}

function mutateText(text, rnd) {
  const lines = text.split(/\r?\n/);
  const kind = rnd.int(6);
  const i = rnd.int(lines.length);
  if (kind === 0) lines.splice(i, 1);
  else if (kind === 1) lines.splice(i, 0, lines[rnd.int(lines.length)]);
  else if (kind === 2) lines[i] = lines[i].replace(/[^,;\t]+/, rnd.pick(ODD_VALUES).replace(/\n/g, " "));
  else if (kind === 3) lines[i] = `"${lines[i]}`;
  else if (kind === 4) return { what: "UTF-16", bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join("\r\n"), "utf16le")]) };
  else lines.push("x".repeat(1000 + rnd.int(2_000_000)));
  return { what: `text mutation ${kind} at line ${i + 1}`, bytes: Buffer.from(lines.join("\r\n")) };
}

/** A mutant of one corpus file: [bytes, what was done]. */
function mutate(file, rnd) {
  const bytes = fs.readFileSync(file);
  const ext = path.extname(file).toLowerCase();
  if (rnd.next() < 0.15) return mutateBytes(bytes, rnd);
  if (ext === ".csv" || ext === ".tsv") return mutateText(bytes.toString("utf8"), rnd);
  if (ext !== ".xlsx" && ext !== ".xlsm") return mutateBytes(bytes, rnd);
  const zip = ZipPackage.read(bytes);
  const sheets = zip.names().filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  const steps = [];
  for (let k = 1 + rnd.int(3); k > 0 && sheets.length; k--) {
    const part = rnd.pick(sheets);
    const { what, xml } = mutateSheetXml(zip.text(part) ?? "", rnd);
    zip.set(part, xml);
    steps.push(`${part}: ${what}`);
  }
  return { what: steps.join("; "), bytes: zip.toBuffer() };
}

/** CPU seconds (user + system, every thread) a process has used so far, from /proc; undefined off Linux. */
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = 100; // USER_HZ, 100 on every Linux Node runs on

/**
 * Runs the command line's `main` in a runner process (scripts/fuzz-runner.js) kept from case to case.
 * The machine may be shared, so a hang is judged on the CPU time the case used, not the wall clock:
 * a case over `limitSeconds` of CPU is killed as a hang; one that uses little CPU but is still not
 * done after `stallFactor` times the limit in wall time (blocked, or starved) is killed as a stall.
 * A runner that dies mid-case is a crash of that case.
 */
class Runner {
  constructor(stallFactor = 10) {
    this.child = null;
    this.stallFactor = stallFactor;
  }

  start() {
    this.child = spawn(process.execPath, [path.join(__dirname, "fuzz-runner.js")], { stdio: ["pipe", "pipe", "pipe"] });
    this.buffer = "";
    this.stderr = "";
    this.waiting = null;
    this.child.stdout.on("data", (d) => {
      this.buffer += d;
      const end = this.buffer.indexOf("\n");
      if (end >= 0 && this.waiting) {
        const line = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 1);
        this.waiting(JSON.parse(line));
      }
    });
    this.child.stderr.on("data", (d) => {
      if (this.stderr.length < 200_000) this.stderr += d;
    });
    const child = this.child;
    child.on("close", (code, signal) => {
      // A runner killed for a hang closes after the next case has started in a new one.
      if (this.child !== child) return;
      this.child = null;
      if (this.waiting) this.waiting({ code: code ?? 128, err: `runner died (${signal ?? code})\n${this.stderr}`, died: true });
    });
  }

  /** Resolves to { code, err, hung, stalled, ms (wall), cpuMs }. */
  run(args, limitMs) {
    if (!this.child) this.start();
    const child = this.child;
    const t0 = Date.now();
    const cpu0 = cpuSeconds(child.pid);
    const cpuMs = () => {
      const now = cpuSeconds(child.pid);
      return cpu0 === undefined || now === undefined ? Date.now() - t0 : Math.round((now - cpu0) * 1000);
    };
    return new Promise((resolve) => {
      const kill = (why) => {
        const used = cpuMs();
        clearInterval(watch);
        this.waiting = null;
        child.kill("SIGKILL");
        if (this.child === child) this.child = null;
        resolve({ code: null, err: "", hung: why === "cpu", stalled: why === "wall", ms: Date.now() - t0, cpuMs: used });
      };
      const watch = setInterval(() => {
        if (cpuMs() > limitMs) kill("cpu");
        else if (Date.now() - t0 > limitMs * this.stallFactor) kill("wall");
      }, Math.min(500, Math.max(1, limitMs / 4)));
      this.waiting = (reply) => {
        const used = cpuMs();
        clearInterval(watch);
        this.waiting = null;
        // A case that finished between two looks but used more CPU than the limit is a hang all the same.
        resolve({ code: reply.code, err: reply.err, hung: used > limitMs, stalled: false, ms: Date.now() - t0, cpuMs: used });
      };
      child.stdin.write(JSON.stringify(args) + "\n");
    });
  }

  stop() {
    this.child?.kill();
  }
}

const STACK = /\n\s+at .+:\d+:\d+\)?|FATAL ERROR|lỗi nội bộ|internal error/;

/**
 * Parts of a zip whose bytes do not inflate or do not match their CRC (a byte mutation landed in
 * them), by name; undefined when the archive's own directory cannot be read.
 */
function damagedParts(bytes) {
  let entries;
  try {
    entries = zipEntries(bytes);
  } catch {
    return undefined;
  }
  const damaged = new Set();
  for (const entry of entries) {
    try {
      if ((crc32(zipData(bytes, entry)) >>> 0) !== entry.crc >>> 0) damaged.add(entry.name);
    } catch {
      damaged.add(entry.name);
    }
  }
  return damaged;
}

/** The archive without the named parts (rewritten by the harness, for SheetJS only). */
function withoutParts(bytes, names) {
  const zip = ZipPackage.read(bytes);
  for (const name of names) zip.delete(name);
  return zip.toBuffer();
}

/** A part's compressed bytes, or undefined when the archive has no such part. */
function compressedPart(bytes, name) {
  const entry = zipEntries(bytes).find((e) => e.name === name);
  return entry && entryCompressed(bytes, entry);
}

/**
 * Cells of the user's sheets that differ between input and output (SheetJS reads both). Parts the
 * mutation damaged are compared as bytes (ParScore must copy them as they were) and left out of
 * what SheetJS reads: its inflate can spin for minutes on a broken stream.
 */
function changedCells(input, outputPath) {
  const read = (bytes) => XLSX.read(bytes, { type: "buffer", cellFormula: false, cellHTML: false, cellText: false });
  let output = fs.readFileSync(outputPath);
  let changed = 0;
  const damaged = damagedParts(input);
  if (damaged?.size) {
    for (const name of damaged) {
      const a = compressedPart(input, name);
      const b = compressedPart(output, name);
      if (!a || !b || !a.equals(b)) changed++;
    }
    input = withoutParts(input, damaged);
    output = withoutParts(output, damaged);
  }
  let before;
  try {
    before = read(input);
  } catch {
    return changed; // an input SheetJS cannot read either: nothing more to compare
  }
  const after = read(output);
  for (const name of before.SheetNames) {
    const a = before.Sheets[name];
    const b = after.Sheets[name];
    if (!b) {
      changed++;
      continue;
    }
    for (const ref of Object.keys(a)) {
      if (ref.startsWith("!")) continue;
      const x = a[ref];
      const y = b[ref];
      if (x.v === undefined || x.v === "") continue;
      if (!y || y.v !== x.v) changed++;
    }
  }
  return changed;
}

/**
 * changedCells in a worker thread kept from case to case, under a time limit: a comparison over it
 * is counted as unchecked (and the thread replaced), never a stall of the whole job.
 */
class Comparer {
  constructor(limitMs) {
    this.limitMs = limitMs;
    this.worker = null;
  }

  compare(input, output) {
    if (!this.worker) this.worker = new Worker(path.join(__dirname, "fuzz-compare.js"));
    const worker = this.worker;
    return new Promise((resolve) => {
      const done = (reply) => {
        clearTimeout(timer);
        worker.removeAllListeners("message");
        worker.removeAllListeners("error");
        resolve(reply);
      };
      const timer = setTimeout(() => {
        this.worker = null;
        void worker.terminate();
        done({ changed: 0, unchecked: true, note: `comparison over ${this.limitMs / 1000} s` });
      }, this.limitMs);
      worker.on("message", done);
      worker.on("error", (err) => {
        this.worker = null;
        done({ changed: 1, note: `output unreadable: ${err.message}` });
      });
      worker.postMessage({ input, output });
    });
  }

  stop() {
    void this.worker?.terminate();
  }
}

let stopping = false;

async function fuzz(opts, log = (line) => process.stdout.write(line + "\n")) {
  const files = corpus();
  const dir = opts.keep || fs.mkdtempSync(path.join(os.tmpdir(), "parscore-fuzz-"));
  fs.mkdirSync(dir, { recursive: true });
  const totals = {
    cases: 0, exit0: 0, exit1: 0, crashes: 0, hangs: 0, stalls: 0, changedCells: 0, writtenChecked: 0, unchecked: 0,
    slowestMs: 0, slowestCpuMs: 0, cpuMs: 0, load: [],
  };
  const problems = [];
  const sampleLoad = () => totals.load.push(os.loadavg()[0]);
  sampleLoad();
  let next = opts.from ?? 0;
  const last = next + opts.cases;
  const worker = async () => {
    const runner = new Runner(opts.stallFactor);
    const comparer = new Comparer(opts.compareMs ?? 120_000);
    while (next < last && !stopping) {
      const n = next++;
      const rnd = random(opts.seed * 1_000_003 + n);
      const source = files[n % files.length];
      let mutant;
      try {
        mutant = mutate(source, rnd);
      } catch (err) {
        mutant = { what: `byte mutation (${err.message})`, ...mutateBytes(fs.readFileSync(source), rnd) };
      }
      const ext = path.extname(source).toLowerCase();
      const input = path.join(dir, `case-${n}${ext}`);
      const output = path.join(dir, `case-${n}-out.xlsx`);
      fs.writeFileSync(input, mutant.bytes);
      const writes = ext === ".xlsx" || ext === ".xlsm" || rnd.next() < 0.3;
      const args = ["analyze", input, "--json", path.join(dir, `case-${n}.json`), ...(writes ? ["-o", output] : []), ...(rnd.next() < 0.5 ? ["--lang", "en"] : [])];
      const run = await runner.run(args, opts.timeoutMs);
      const done = ++totals.cases;
      totals.slowestMs = Math.max(totals.slowestMs, run.ms);
      totals.slowestCpuMs = Math.max(totals.slowestCpuMs, run.cpuMs);
      totals.cpuMs += run.cpuMs;
      // Over the limit, whether killed or finished between two looks.
      const killed = run.hung || run.stalled;
      const crashed = !killed && ((run.code !== 0 && run.code !== 1) || STACK.test(run.err));
      if (run.code === 0 && !killed) totals.exit0++;
      if (run.code === 1 && !killed) totals.exit1++;
      if (run.hung) totals.hangs++;
      if (run.stalled) totals.stalls++;
      if (crashed) totals.crashes++;
      let changed = 0;
      let note = "";
      if (run.code === 0 && writes && (ext === ".xlsx" || ext === ".xlsm") && fs.existsSync(output)) {
        totals.writtenChecked++;
        const compared = await comparer.compare(mutant.bytes, output);
        changed = compared.changed;
        note = compared.note ?? "";
        if (compared.unchecked) totals.unchecked++;
        totals.changedCells += changed;
      }
      if (killed || crashed || changed > 0 || note) {
        problems.push({
          case: n, source: path.relative(repo, source), mutation: mutant.what, code: run.code, hung: run.hung, stalled: run.stalled,
          wallMs: run.ms, cpuMs: run.cpuMs, changed, note, err: run.err.slice(0, 600),
        });
      } else if (!opts.keep) {
        for (const f of [input, output, path.join(dir, `case-${n}.json`)]) fs.rmSync(f, { force: true });
      }
      if (done % 100 === 0) {
        sampleLoad();
        log(`  ${done}/${opts.cases}: ${totals.crashes} crashes, ${totals.hangs} hangs, ${totals.stalls} stalls, ${totals.changedCells} cells changed, load ${os.loadavg()[0].toFixed(1)}`);
      }
    }
    runner.stop();
    comparer.stop();
  };
  await Promise.all(Array.from({ length: opts.jobs }, worker));
  sampleLoad();
  if (!opts.keep && problems.length === 0) fs.rmSync(dir, { recursive: true, force: true });
  return { totals, problems, corpus: files.map((f) => path.relative(repo, f)), dir };
}

module.exports = { fuzz, mutate, random, corpus, changedCells, Runner };

if (require.main === module) {
  const opts = options(process.argv.slice(2));
  const t0 = Date.now();
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => (stopping = true));
  console.log(
    `fuzz: ${opts.cases} cases from case ${opts.from}, seed ${opts.seed}, ${opts.jobs} at a time, ${opts.timeoutMs / 1000} s of CPU each ` +
      `(or ${(opts.timeoutMs * opts.stallFactor) / 1000} s of wall time), ${os.availableParallelism()} cores`,
  );
  fuzz(opts).then(({ totals, problems, corpus: files, dir }) => {
    console.log(`corpus: ${files.length} files (${files.join(", ")})`);
    for (const p of problems.slice(0, 20)) console.log(`PROBLEM ${JSON.stringify(p)}`);
    // What the problem cases' mutations were, by kind ("cell ... := ...", "stray cell XFD1", "merge B2:C3" ...).
    const kinds = new Map();
    for (const p of problems) {
      const kind = `${p.hung ? "hang" : p.stalled ? "stall" : p.changed ? "changed" : p.note ? "unchecked" : "crash"}: ${p.mutation.replace(/xl\/worksheets\/sheet\d+\.xml: /g, "").replace(/cell [A-Z]+\d+ := "[^"]*"/g, "cell := value").replace(/at line \d+/g, "").replace(/\d+/g, "N")}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    for (const [kind, n] of [...kinds].sort((x, y) => y[1] - x[1]).slice(0, 25)) console.log(`  ${n} x ${kind}`);
    if (problems.length) fs.writeFileSync(path.join(dir, "problems.json"), JSON.stringify(problems, null, 1));
    const load = totals.load;
    console.log(
      `cases ${totals.cases} | exit 0: ${totals.exit0} | exit 1: ${totals.exit1} | crashes ${totals.crashes} | ` +
        `hangs ${totals.hangs} (over ${opts.timeoutMs / 1000} s CPU) | stalls ${totals.stalls} (over ${(opts.timeoutMs * opts.stallFactor) / 1000} s wall) | ` +
        `user cells changed ${totals.changedCells} (in ${totals.writtenChecked} written workbooks, ${totals.unchecked} not compared in time) | ` +
        `slowest ${(totals.slowestCpuMs / 1000).toFixed(1)} s CPU, ${(totals.slowestMs / 1000).toFixed(1)} s wall | ` +
        `CPU in ParScore ${(totals.cpuMs / 60000).toFixed(1)} min | ${((Date.now() - t0) / 60000).toFixed(1)} min wall | ` +
        `load (1 min) ${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)}, mean ${(load.reduce((x, y) => x + y, 0) / load.length).toFixed(1)}`,
    );
    if (problems.length) console.log(`mutants kept in ${dir}`);
    process.exitCode = totals.crashes + totals.hangs + totals.stalls + totals.changedCells + totals.unchecked > 0 ? 1 : 0;
  });
}
