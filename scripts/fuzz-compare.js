// The fuzz job's cell comparison, in a worker thread (scripts/fuzz.js starts it): SheetJS, the
// independent reader, can spin for minutes on a damaged deflate stream, so the job gives each
// comparison a time limit and kills this thread instead of stalling itself.
"use strict";
const { parentPort } = require("worker_threads");
const { changedCells } = require("./fuzz.js");

parentPort.on("message", ({ input, output }) => {
  try {
    parentPort.postMessage({ changed: changedCells(Buffer.from(input), output) });
  } catch (err) {
    parentPort.postMessage({ changed: 1, note: `output unreadable: ${err.message}` });
  }
});
