/** Shows a cell to the user: activates its sheet and selects it (the pane's "go to" links). One sync. */
import { rangeOf } from "./ranges";
import { assertRequiredApi } from "./requirements";

export async function selectCell(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  assertRequiredApi();
  const worksheet = context.workbook.worksheets.getItem(sheet);
  worksheet.activate();
  rangeOf(worksheet, cell).select();
  await context.sync();
}
