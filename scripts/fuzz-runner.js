// A long-lived runner for scripts/fuzz.js: runs the command line's `main` on one case after another
// (one JSON line of arguments in, one JSON line of { code, err } out), so 2,000 cases do not pay
// 2,000 Node starts. The fuzz job kills and replaces it when a case runs over its time limit; a
// runner that dies mid-case is a crash of that case.
"use strict";
const path = require("path");
const readline = require("readline");
const { main } = require(path.join(__dirname, "..", "dist", "cli", "main.js"));

const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on("line", (line) => {
  queue = queue.then(async () => {
    const args = JSON.parse(line);
    let err = "";
    const io = { out: () => undefined, err: (t) => (err.length < 200_000 ? (err += t) : undefined) };
    let code;
    try {
      code = await main(args, io);
    } catch (e) {
      code = 70;
      err += String(e && e.stack);
    }
    process.stdout.write(JSON.stringify({ code, err }) + "\n");
  });
});
