/**
 * The consolidation's views rendered to HTML in Node: step 2 lists the units with their sheets and
 * the left-out unit's reason, in both languages; the summary names it; the cell limit over several
 * sheets has its own message.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { AnalyzePanel } from "../../src/taskpane/components/AnalyzePanel";
import { STRINGS, type Lang } from "../../src/taskpane/i18n";
import { INITIAL_STATE, Session, type PaneState } from "../../src/taskpane/session";
import * as work from "../../src/taskpane/work";
import { gridFromRows } from "../../src/tables/grid";
import { unitSheets } from "./unit-sheets";

const session = new Session({ actions: () => Promise.reject(new Error("not used")), work: async () => work });

function panel(state: PaneState, lang: Lang): string {
  const markup = renderToStaticMarkup(
    <FluentProvider theme={webLightTheme}>
      <AnalyzePanel host="excel" lang={lang} t={STRINGS[lang]} session={session} state={state} />
    </FluentProvider>,
  );
  return markup.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/\s+/g, " ");
}

const analysed = work.consolidateGrids(unitSheets(4).map((sheet) => gridFromRows(sheet.name, sheet.cells)));
const found = { source: "consolidation" as const, address: "'Sở Tư pháp'!A1:E10", analysed, sheets: [] };
const ready: PaneState = { ...INITIAL_STATE, api: "ok", requiredApi: "1.9" };

test("step 2: the units with their sheets, the left-out unit and why, in both languages; no range for the consolidated table", () => {
  const vi = panel({ ...ready, phase: "recognised", found }, "vi");
  expect(vi).toContain("Đã đọc 4 trang.");
  expect(vi).toContain("4 bảng đơn vị: 3 xếp hạng, 0 không xếp hạng, 1 không đưa vào bảng tổng hợp.");
  expect(vi).toContain("Bộ tiêu chí chung: 6 mục (4 mục lá), dùng ở 3 đơn vị; cây tiêu chí lấy từ “Sở Tư pháp”.");
  expect(vi).toContain("Không đưa vào Sở Y tế trang “Sở Y tế”");
  expect(vi).toContain("thiếu 1 mục");
  expect(vi).not.toContain(STRINGS.vi.rangeLabel);
  const en = panel({ ...ready, phase: "recognised", found }, "en");
  expect(en).toContain("Read 4 sheet(s).");
  expect(en).toContain("Left out Sở Y tế sheet “Sở Y tế”");
  expect(en).toContain("lacks 1");
});

test("summary: the ranks with ties, and the unit left out named", () => {
  const written = { outcome: { sheets: ["Phân tích điểm trừ", "Xếp hạng"], highlights: 12, charts: 0, syncs: 3, maxRequestBytes: 1 }, outputs: { gap: true, ranking: true, highlights: true } };
  const vi = panel({ ...ready, phase: "summary", found, written }, "vi");
  expect(vi).toContain("2(2) Sở Tài chính 8,25");
  expect(vi).toContain("Không đưa vào bảng tổng hợp (khác bộ tiêu chí): Sở Y tế.");
  const en = panel({ ...ready, phase: "summary", found, written }, "en");
  expect(en).toContain("Left out of the consolidated table (another criteria set): Sở Y tế.");
});

test("too many cells over the chosen sheets: said with the number of sheets and the command line", () => {
  const error = { kind: "too-large" as const, cells: 1_500_000, limit: 1_300_000, address: "'Xã 1'!A1:DZ9000", sheets: 12 };
  expect(panel({ ...ready, error }, "vi")).toContain(
    "12 trang đã chọn có tổng cộng 1.500.000 ô, vượt giới hạn 1.300.000 ô của ngăn tác vụ (trang lớn nhất: 'Xã 1'!A1:DZ9000).",
  );
  expect(panel({ ...ready, error }, "en")).toContain("parscore consolidate book.xlsx -o consolidated.xlsx");
});
