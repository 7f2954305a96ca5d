/*
 * How ParScore starts Debian's chromium (apt package `chromium`) for tests and the benchmark: headless,
 * and without network chatter of its own (this machine's network refuses it, many connections at a time).
 */
"use strict";

const CHROMIUM_PATH = process.env.PARSCORE_CHROMIUM || "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

module.exports = { CHROMIUM_PATH, CHROMIUM_ARGS };
