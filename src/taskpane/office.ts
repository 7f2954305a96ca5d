/**
 * Office host detection. office.js is loaded by a script tag in taskpane.html,
 * but the pane must work without it (opened in a plain browser, offline, in
 * tests): `Office` may be undefined, and Office.onReady may never call back.
 * This module makes no other Office.js calls.
 */
export type HostState = "detecting" | "excel" | "absent";

/** The global `Office`, or undefined when office.js did not load. */
function officeGlobal(): typeof Office | undefined {
  const g = globalThis as { Office?: typeof Office };
  return g.Office;
}

/**
 * Reports the host state: "excel" when running inside Excel, "absent" when
 * office.js is missing, reports another host (or none), or has not answered
 * within `timeoutMs`. A late onReady for Excel still upgrades to "excel".
 * Returns a function that stops further reports.
 */
export function detectHost(report: (state: HostState) => void, timeoutMs = 5000): () => void {
  let active = true;
  const send = (state: HostState) => {
    if (active) report(state);
  };
  const office = officeGlobal();
  if (!office || typeof office.onReady !== "function") {
    send("absent");
    return () => {
      active = false;
    };
  }
  const timer = setTimeout(() => send("absent"), timeoutMs);
  office
    .onReady()
    .then((info) => {
      clearTimeout(timer);
      send(info && info.host === office.HostType.Excel ? "excel" : "absent");
    })
    .catch(() => {
      clearTimeout(timer);
      send("absent");
    });
  return () => {
    active = false;
    clearTimeout(timer);
  };
}
