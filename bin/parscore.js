#!/usr/bin/env node
"use strict";
let main;
try {
  ({ main } = require("../dist/cli/main.js"));
} catch (err) {
  process.stderr.write("parscore: not built yet. Run `npm ci` (or `npm run build`) in the project folder first.\n");
  process.exit(2);
}
// Set the exit code and let Node exit by itself: process.exit() would cut off output still queued for a pipe
// (`parscore analyze big.xlsx --json - | jq` lost everything after the first 64 KB).
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
