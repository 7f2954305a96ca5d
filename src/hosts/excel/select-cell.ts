/** Shows a cell to the user: activates its sheet and selects it (the pane's "go to" links). One sync. */
import { assertRequiredApi } from "./requirements";

export async function selectCell(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  assertRequiredApi();
  const worksheet = context.workbook.worksheets.getItem(sheet);
  worksheet.activate();
  worksheet.getRange(cell).select();
  await context.sync();
}
