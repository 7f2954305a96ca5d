// The bench's property job: the columnar lane against decimal.js (test/engine/columnar.test.ts) on
// many more random tables than `npm test` runs (1,000). Prints one JSON line:
// { property_runs, property_ok, property_s }.
//
//   node bench/property.js            # 10,000 tables
//   node bench/property.js 50000
"use strict";

const { spawnSync } = require("child_process");
const path = require("path");

const runs = Number(process.argv[2] || 10000);
const root = path.resolve(__dirname, "..");
const t0 = Date.now();
const jest = spawnSync(process.execPath, [path.join(root, "node_modules", "jest", "bin", "jest.js"), "test/engine/columnar.test.ts", "-t", "random tables"], {
  cwd: root,
  env: { ...process.env, PARSCORE_PROPERTY_RUNS: String(runs) },
  stdio: ["ignore", "inherit", "inherit"],
});
console.log(JSON.stringify({ property_runs: runs, property_ok: jest.status === 0, property_s: Math.round((Date.now() - t0) / 100) / 10 }));
process.exitCode = jest.status ?? 1;
