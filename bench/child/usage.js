// Preloaded (node -r) into a measured child process: at exit, writes the process's own resource
// usage (peak resident set size, CPU time) as JSON to the file named by PARSCORE_BENCH_USAGE.
// The measured program itself is not changed.
"use strict";
const fs = require("fs");

const file = process.env.PARSCORE_BENCH_USAGE;
if (file) {
  process.on("exit", (code) => {
    const u = process.resourceUsage();
    fs.writeFileSync(file, JSON.stringify({ code, maxRssKb: u.maxRSS, userCpuMs: u.userCPUTime / 1000, systemCpuMs: u.systemCPUTime / 1000 }));
  });
}
