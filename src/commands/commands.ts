export {};

/**
 * Function file for add-in commands (manifest FunctionFile). The ribbon button
 * only opens the task pane (ShowTaskpane), so no command functions exist yet;
 * Excel still expects the function file to load and call Office.onReady.
 */
const office = (globalThis as { Office?: typeof Office }).Office;
if (office && typeof office.onReady === "function") {
  void office.onReady();
}
