/**
 * Launches Debian's chromium (apt package `chromium`) through playwright-core,
 * headless and without any network chatter of its own. Tests never download a
 * browser: a missing chromium is an error that says what to install.
 */
import * as fs from "fs";
import { chromium, type Browser, type Page } from "playwright-core";

/* eslint-disable-next-line @typescript-eslint/no-require-imports */
const launch = require("../../scripts/chromium.js") as { CHROMIUM_PATH: string; CHROMIUM_ARGS: string[] };

export const CHROMIUM_PATH = launch.CHROMIUM_PATH;
export const CHROMIUM_ARGS = launch.CHROMIUM_ARGS;

export const CHROMIUM_INSTALL_LINE = "apt-get update && apt-get install -y --no-install-recommends chromium fonts-dejavu-core";

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`chromium not found at ${CHROMIUM_PATH}. Install it (as root):\n${CHROMIUM_INSTALL_LINE}`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/**
 * Keeps a page offline except for `allowedOrigin`: requests elsewhere (office.js
 * on appsforoffice.microsoft.com, fonts, telemetry) are aborted at once, so
 * nothing waits on the network. `fulfil` may answer chosen URLs instead.
 */
export async function isolatePage(
  page: Page,
  allowedOrigin: string,
  fulfil?: (url: URL) => { body: string; contentType: string } | undefined,
): Promise<string[]> {
  const blocked: string[] = [];
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    const answer = fulfil?.(url);
    if (answer) return route.fulfill({ status: 200, body: answer.body, contentType: answer.contentType });
    if (url.origin === allowedOrigin || url.protocol === "data:") return route.continue();
    blocked.push(url.href);
    return route.abort("internetdisconnected");
  });
  return blocked;
}
