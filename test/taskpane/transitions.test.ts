/**
 * What each change of the pane says to a screen reader (the polite live region) and where keyboard
 * focus goes: the rules AnalyzePanel applies (the Chromium e2e, taskpane-a11y.test.ts, walks them).
 */
import { STRINGS } from "../../src/taskpane/i18n";
import { INITIAL_STATE, type Busy, type PaneState } from "../../src/taskpane/session";
import { defaultChosenSheets, looksLikeResponsibilitySheet } from "../../src/taskpane/components/SourceStep";
import { announcement, focusAfter, stageLabel } from "../../src/taskpane/transitions";
import * as work from "../../src/taskpane/work";
import { SEED_SHEET, seedGrid } from "./seed";

const t = STRINGS.vi;
const ready: PaneState = { ...INITIAL_STATE, api: "ok", requiredApi: "1.9" };
const busy = (patch: Partial<Busy>): Busy => ({ task: "find", stage: "loading", fraction: 0, done: null, total: null, cancellable: true, cancelling: false, ...patch });
const analysed = work.analyseGrid(seedGrid());
const found = { source: "usedRange" as const, address: `'${SEED_SHEET}'!A1:F15`, analysed };
const outcome = { sheets: ["Phân tích điểm trừ"], highlights: 5, charts: 0, syncs: 3, maxRequestBytes: 100 };

describe("the live region", () => {
  test("says each progress stage once, without the running count", () => {
    const reading = { ...ready, busy: busy({ stage: "reading" }) };
    expect(announcement(ready, reading, t)).toBe("Đang đọc bảng tính…");
    expect(announcement(reading, { ...reading, busy: busy({ stage: "reading", fraction: 0.2 }) }, t)).toBeNull();
    const writing = { ...ready, busy: busy({ task: "write", stage: "writing", done: 1, total: 9 }) };
    expect(announcement(reading, writing, t)).toBe("Đang ghi vào sổ tính…");
    expect(announcement(writing, { ...writing, busy: busy({ task: "write", stage: "writing", done: 2, total: 9 }) }, t)).toBeNull();
    // The bar itself keeps the count.
    expect(stageLabel(writing.busy, t)).toBe("Đang ghi vào sổ tính (1/9)…");
  });

  test("while writing, reading is the responsibility table's, not the sheet's", () => {
    const reading = { ...ready, phase: "recognised" as const, found, busy: busy({ task: "write", stage: "reading" }) };
    expect(announcement({ ...reading, busy: busy({ task: "write", stage: "planning" }) }, reading, t)).toBe("Đang đọc bảng phân công…");
  });

  test("says what a finished step did: recognised, written, highlights removed", () => {
    const finding = { ...ready, busy: busy({ stage: "planning" }) };
    const recognised: PaneState = { ...ready, phase: "recognised", found };
    expect(announcement(finding, recognised, t)).toBe(`Đã đọc vùng '${SEED_SHEET}'!A1:F15. Tìm thấy 1 bảng điểm.`);
    // As the session does it: the result shown first, then the task's end.
    expect(announcement({ ...recognised, busy: busy({ stage: "planning" }) }, recognised, t)).toBe(`Đã đọc vùng '${SEED_SHEET}'!A1:F15. Tìm thấy 1 bảng điểm.`);
    const writing: PaneState = { ...recognised, busy: busy({ task: "write", stage: "writing" }) };
    const summary: PaneState = { ...recognised, phase: "summary", written: { outcome, outputs: { gap: true, ranking: false, highlights: true } } };
    expect(announcement(writing, summary, t)).toBe("Đã ghi các trang: “Phân tích điểm trừ”. Đã tô màu 5 vùng trên bảng gốc.");
    const removing: PaneState = { ...summary, busy: busy({ task: "remove", stage: "removing", cancellable: false }) };
    expect(announcement(removing, { ...summary, notice: { kind: "highlights-removed", count: 5 } }, t)).toBe("Đã gỡ 5 quy tắc tô màu của ParScore.");
    expect(announcement(removing, { ...summary, notice: { kind: "highlights-removed", count: 0 } }, STRINGS.en)).toBe("No ParScore highlight rules left to remove.");
  });

  test("says how many links to source cells a write left out, in both languages", () => {
    const writing: PaneState = { ...ready, phase: "recognised", found, busy: busy({ task: "write", stage: "writing" }) };
    const wrote = (linksLeftOut: number | undefined): PaneState => ({
      ...writing,
      busy: null,
      phase: "summary",
      written: { outcome: { sheets: ["Phân tích điểm trừ", "Xếp hạng"], highlights: 0, charts: 1, syncs: 3, maxRequestBytes: 100, linksLeftOut }, outputs: { gap: true, ranking: true, highlights: false } },
    });
    expect(announcement(writing, wrote(10_000), t)).toBe(
      "Đã ghi các trang: “Phân tích điểm trừ”, “Xếp hạng”. Đã vẽ 1 biểu đồ. Không ghi 10.000 liên kết tới ô nguồn (một trang có hơn 1.000 liên kết thì không ghi liên kết nào): tên đơn vị vẫn được ghi, dạng chữ.",
    );
    expect(announcement(writing, wrote(38_000), STRINGS.en)).toBe(
      "Wrote sheets: “Phân tích điểm trừ”, “Xếp hạng”. Drew 1 chart(s). Left out 38,000 link(s) to source cells (a sheet with more than 1,000 links gets none): the unit names are written as plain text.",
    );
    expect(announcement(writing, wrote(0), t)).toBe("Đã ghi các trang: “Phân tích điểm trừ”, “Xếp hạng”. Đã vẽ 1 biểu đồ.");
    expect(announcement(writing, wrote(undefined), t)).toBe("Đã ghi các trang: “Phân tích điểm trừ”, “Xếp hạng”. Đã vẽ 1 biểu đồ.");
  });

  test("leaves errors to their own alert, and says nothing when nothing ran", () => {
    const finding = { ...ready, busy: busy({ stage: "reading" }) };
    expect(announcement(finding, { ...ready, error: { kind: "cancelled" } }, t)).toBeNull();
    expect(announcement(ready, { ...ready, phase: "recognised", found }, t)).toBeNull();
  });
});

describe("focus", () => {
  const recognised: PaneState = { ...ready, phase: "recognised", found };
  test("moves to the new step's heading when the step changes", () => {
    expect(focusAfter({ ...ready, busy: busy({}) }, recognised, false)).toBe("step");
    expect(focusAfter(recognised, ready, false)).toBe("step"); // start over
  });

  test("moves back to the step when an error is dismissed", () => {
    expect(focusAfter({ ...ready, error: { kind: "cancelled" } }, ready, false)).toBe("step");
  });

  test("stays on the control used while it is still there; else the error's first control, or the step", () => {
    const writing = { ...recognised, busy: busy({ task: "write", stage: "writing" }) };
    expect(focusAfter(writing, { ...recognised, error: { kind: "protected" } }, false)).toBeNull();
    expect(focusAfter(writing, { ...recognised, error: { kind: "cancelled" } }, true)).toBe("error");
    expect(focusAfter(writing, recognised, true)).toBe("step");
    expect(focusAfter(recognised, writing, true)).toBeNull(); // not while busy
  });
});

describe("the units' sheets ticked at first", () => {
  test("every sheet but ParScore's own and a responsibility table's", () => {
    const sheets = [
      { name: "Sở Tư pháp", parscore: false },
      { name: "Phân công", parscore: false },
      { name: "Bang trach nhiem 2024", parscore: false },
      { name: "Responsibility", parscore: false },
      { name: "Xếp hạng", parscore: true },
      { name: "Sở Công Thương", parscore: false },
    ];
    expect(defaultChosenSheets(sheets)).toEqual(["Sở Tư pháp", "Sở Công Thương"]);
    expect(looksLikeResponsibilitySheet("Phân công trách nhiệm")).toBe(true);
    expect(looksLikeResponsibilitySheet("Phòng Công chứng")).toBe(false);
  });
});
