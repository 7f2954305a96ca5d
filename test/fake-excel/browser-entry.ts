/**
 * Browser bundle entry for end-to-end tests in Chromium: exposes the fake on
 * `window.__parscoreFake`. A test page bundles this (webpack, ts-loader), creates a workbook,
 * installs the fake Office globals before the task pane starts, and reads back a snapshot.
 * Nothing here (or in what it imports) uses Node APIs.
 */
import { createFakeWorkbook, installFakeOffice, snapshot } from "./index";

declare global {
  interface Window {
    __parscoreFake?: {
      createFakeWorkbook: typeof createFakeWorkbook;
      installFakeOffice: typeof installFakeOffice;
      snapshot: typeof snapshot;
    };
  }
}

window.__parscoreFake = { createFakeWorkbook, installFakeOffice, snapshot };

export {};
