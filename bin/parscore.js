#!/usr/bin/env node
"use strict";
let runIsolated;
try {
  ({ runIsolated } = require("../dist/cli/isolated.js"));
} catch {
  process.stderr.write("parscore: not built yet. Run `npm ci` (or `npm run build`) in the project folder first.\n");
  process.exit(2);
}
// Set the exit code and let Node exit by itself: process.exit() would cut off output still queued for a pipe
// (`parscore analyze big.xlsx --json - | jq` lost everything after the first 64 KB).
runIsolated(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
