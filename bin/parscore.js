#!/usr/bin/env node
"use strict";
let main;
try {
  ({ main } = require("../dist/cli/main.js"));
} catch (err) {
  process.stderr.write("parscore: not built yet. Run `npm ci` (or `npm run build`) in the project folder first.\n");
  process.exit(2);
}
main(process.argv.slice(2)).then((code) => process.exit(code));
