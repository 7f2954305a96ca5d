/**
 * The task pane for people who use a keyboard, a screen reader or a zoomed, narrow pane (issue 19):
 *
 * - axe-core (WCAG 2.1 A and AA, and the label-in-name rule) finds no violation in any state of the
 *   pane (outside Excel, step 1, the units' sheets to consolidate, recognised, options with an invalid
 *   field, progress, summary, highlights removed, a table with blocks, an error), in both languages,
 *   at 320 px, 450 px and 450 px at 200% zoom (225 CSS px);
 * - a keyboard-only walk through the whole flow lands focus where the next step starts, and success
 *   and progress reach the polite live region.
 *
 * Screenshots of each state (vi, 320 px): test-artifacts/a11y-<state>.png; axe's results:
 * test-artifacts/axe-results.json.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { isolatePage } from "../helpers/chromium";
import { PaneHarness, SEED_SHEET, artifacts, blockRows, expectNoHorizontalOverflow, seedRows, waitForTestId, watchErrors } from "../helpers/pane-e2e";
import { unitSheets } from "../taskpane/unit-sheets";

const harness = new PaneHarness();
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** 320 px (WCAG's reflow width), a usual pane, and that pane at 200% zoom (half the CSS pixels). */
const WIDTHS = [
  { name: "320px", width: 320 },
  { name: "450px", width: 450 },
  { name: "450px@200%", width: 225 },
] as const;

interface Violation {
  state: string;
  lang: string;
  width: string;
  rule: string;
  impact: string | null;
  targets: string[];
}

const results: { state: string; checks: number; violations: Violation[] }[] = [];

beforeAll(() => harness.start(), 240_000);

afterAll(async () => {
  await harness.stop();
  fs.writeFileSync(path.join(artifacts, "axe-results.json"), JSON.stringify(results, null, 2));
});

/** axe-core on the page as it is now: WCAG 2.1 A/AA violations (and label-content-name-mismatch, WCAG 2.5.3). */
async function axe(page: Page): Promise<{ rule: string; impact: string | null; targets: string[] }[]> {
  // page.evaluate is not subject to the pane's CSP (an injected script tag would be).
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(`${axeSource};0`);
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run(
          context: Document,
          options: unknown,
        ): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>;
      };
    };
    const result = await w.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      rules: { "label-content-name-mismatch": { enabled: true } },
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({ rule: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
}

async function setLang(page: Page, lang: "vi" | "en"): Promise<void> {
  if (await page.evaluate((l) => document.documentElement.lang === l, lang)) return;
  await page.getByTestId(`lang-${lang}`).check();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/**
 * axe in both languages at every width; the Vietnamese 320 px view saved as test-artifacts/a11y-<state>.png.
 * Ends in Vietnamese at 320 px. The state's violations are kept for the results file and returned.
 */
async function sweep(page: Page, state: string): Promise<Violation[]> {
  const violations: Violation[] = [];
  let checks = 0;
  for (const lang of ["en", "vi"] as const) {
    await setLang(page, lang);
    for (const { name, width } of [...WIDTHS].reverse()) {
      await page.setViewportSize({ width, height: 900 });
      await expectNoHorizontalOverflow(page);
      for (const v of await axe(page)) violations.push({ state, lang, width: name, ...v });
      checks++;
    }
  }
  await page.screenshot({ path: path.join(artifacts, `a11y-${state}.png`), fullPage: true });
  results.push({ state, checks, violations });
  return violations;
}

/** A workbook sheet with nothing a score table looks like. */
const NOTES = {
  name: "Ghi chú",
  cells: [
    ["Lịch họp giao ban tháng 3", null, null],
    ["Thứ hai", "8:00", "Phòng họp số 2"],
  ],
};

const RESPONSIBILITY = {
  name: "Phân công",
  cells: [
    ["Mã tiêu chí", "Cơ quan chủ trì", "Mức độ khó"],
    ["1", "Sở Nội vụ", "Khó"],
    ["2", "Sở Tài chính", "Dễ"],
  ],
};

/** Holds every Excel sync until `releaseSyncs`: the progress stays on screen while it is checked. */
async function holdSyncs(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { Excel: { RequestContext: { prototype: { sync(): Promise<void> } } }; __release: () => void };
    const gate = new Promise<void>((resolve) => (w.__release = resolve));
    const proto = w.Excel.RequestContext.prototype;
    const sync = proto.sync;
    proto.sync = function (this: unknown) {
      return gate.then(() => sync.call(this));
    };
  });
}

function releaseSyncs(page: Page): Promise<void> {
  return page.evaluate(() => (window as unknown as { __release: () => void }).__release());
}

test("outside Excel: no WCAG 2.1 A/AA violation", async () => {
  const page = await harness.browser.newPage({ viewport: { width: 320, height: 900 }, deviceScaleFactor: 1 });
  const errors = watchErrors(page);
  await isolatePage(page, harness.origin);
  await page.goto(`${harness.origin}/taskpane.html`, { waitUntil: "load", timeout: 30_000 });
  await waitForTestId(page, "host-note");
  expect(await sweep(page, "outside-excel")).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test("a one-unit table, step by step (start, recognised, options, progress, summary, highlights removed): no violation", async () => {
  const { page, errors } = await harness.openInFakeExcel({ sheets: [{ name: SEED_SHEET, cells: seedRows() }] }, { width: 320, height: 900 });
  const found: Violation[] = [];
  found.push(...(await sweep(page, "start")));

  await page.getByTestId("analyze").click();
  await waitForTestId(page, "recognised");
  found.push(...(await sweep(page, "recognised")));

  // A target place, and a value that is no number: the field says why and "Ghi kết quả" is blocked.
  await page.getByTestId("target-rank").fill("3");
  await page.getByTestId("target-value").fill("tám lăm");
  expect(await page.getByTestId("write").isDisabled()).toBe(true);
  expect(await page.getByTestId("write-blocked").innerText()).not.toBe("");
  found.push(...(await sweep(page, "options-invalid")));
  await page.getByTestId("target-value").fill("85,5");
  expect(await page.getByTestId("write").isDisabled()).toBe(false);

  await holdSyncs(page);
  await page.getByTestId("write").click();
  await waitForTestId(page, "progress");
  found.push(...(await sweep(page, "progress")));
  await releaseSyncs(page);

  await waitForTestId(page, "summary");
  found.push(...(await sweep(page, "summary")));

  await page.getByTestId("remove-highlights").click();
  await waitForTestId(page, "notice");
  found.push(...(await sweep(page, "highlights-removed")));
  expect(found).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test("a table with blocks, a class scheme and a responsibility sheet; the units' sheets to consolidate: no violation", async () => {
  const { page, errors } = await harness.openInFakeExcel(
    { sheets: [{ name: "Xếp hạng 2024", cells: blockRows() }, RESPONSIBILITY], active: "Xếp hạng 2024" },
    { width: 320, height: 900 },
  );
  const found: Violation[] = [];
  await page.getByTestId("analyze").click();
  await waitForTestId(page, "recognised");
  await page.getByTestId("class-scheme-province-units").check();
  await page.getByTestId("target-rank").fill("1");
  await page.getByTestId("by-body").check();
  await page.getByTestId("own-criteria").check();
  found.push(...(await sweep(page, "options-blocks")));
  await page.getByTestId("write").click();
  await waitForTestId(page, "summary");
  // The ranking list says which block each list of ranks is for.
  expect(await page.getByTestId("ranks-block").evaluateAll((els) => els.map((e) => e.textContent))).toEqual([
    "KHỐI SỞ, BAN, NGÀNH",
    "UBND CẤP HUYỆN",
  ]);
  found.push(...(await sweep(page, "summary-blocks")));

  await page.getByTestId("start-over").click();
  await page.getByTestId("source-consolidate").check();
  await waitForTestId(page, "consolidate-sheets");
  found.push(...(await sweep(page, "consolidate-sheets")));
  expect(found).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test("the units' sheets consolidated, and a sheet with nothing recognisable: no violation", async () => {
  const { page, errors } = await harness.openInFakeExcel({ sheets: [...unitSheets(4), RESPONSIBILITY, NOTES] }, { width: 320, height: 900 });
  const found: Violation[] = [];
  await page.getByTestId("source-consolidate").check();
  await waitForTestId(page, "consolidate-sheets");
  // The responsibility table is no unit's self-assessment: not ticked at first.
  const ticked = await page.getByTestId("consolidate-sheet").evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).checked).map((e) => e.getAttribute("data-sheet")));
  expect(ticked).not.toContain("Phân công");
  await page.locator('[data-testid="consolidate-sheet"][data-sheet="Ghi chú"]').uncheck();
  await page.getByTestId("consolidate").click();
  await waitForTestId(page, "recognised");
  found.push(...(await sweep(page, "consolidated")));
  await page.getByTestId("write").click();
  await waitForTestId(page, "summary");
  found.push(...(await sweep(page, "consolidated-summary")));

  expect(errors).toEqual([]);
  await page.close();

  const notes = await harness.openInFakeExcel({ sheets: [NOTES] }, { width: 320, height: 900 });
  await notes.page.getByTestId("analyze").click();
  await notes.page.locator('[data-testid="error"][data-kind="nothing-recognised"]').waitFor({ state: "visible", timeout: 20_000 });
  // Said once, as the error, not again as a finding under it.
  expect(await notes.page.getByText("Không tìm thấy bảng điểm", { exact: false }).count()).toBe(1);
  found.push(...(await sweep(notes.page, "nothing-recognised")));
  expect(found).toEqual([]);
  expect(notes.errors).toEqual([]);
  await notes.page.close();
});

// ---------------------------------------------------------------------------
// Keyboard only

interface Focused {
  tag: string | null;
  testId: string | null;
  text: string | null;
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const e = document.activeElement;
    return { tag: e?.tagName ?? null, testId: e?.getAttribute("data-testid") ?? null, text: e?.textContent?.trim() ?? null };
  });
}

/** Presses Tab until the control `testId` has focus (it must be reachable, in order, from where focus is). */
async function tabTo(page: Page, testId: string, maxTabs = 60): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press("Tab");
    if ((await focused(page)).testId === testId) return;
  }
  throw new Error(`Tab never reached ${testId}; focus is on ${JSON.stringify(await focused(page))}`);
}

/** Records every sentence the polite live region says from now on. */
async function listenToLiveRegion(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __spoken: string[] };
    w.__spoken = [];
    const live = document.querySelector('[data-testid="live"]');
    if (!live || live.getAttribute("aria-live") !== "polite") throw new Error("no polite live region");
    new MutationObserver(() => {
      const text = live.textContent ?? "";
      if (text) w.__spoken.push(text);
    }).observe(live, { childList: true, characterData: true, subtree: true });
  });
}

/** What the live region said since the last call. */
function spoken(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __spoken: string[] };
    return w.__spoken.splice(0);
  });
}

const heading = (text: string): Focused => ({ tag: "H2", testId: null, text });

test("keyboard only: find, analyse, options, write, summary, remove highlights, start over; focus lands on each new step and the live region says what happened", async () => {
  const { page, errors } = await harness.openInFakeExcel({ sheets: [{ name: SEED_SHEET, cells: seedRows() }] }, { width: 320, height: 900 });
  await listenToLiveRegion(page);

  // 1. Find and analyse: focus moves to step 2's heading; progress and the result were said.
  await tabTo(page, "analyze");
  await page.keyboard.press("Enter");
  await waitForTestId(page, "recognised");
  await page.waitForFunction(() => document.activeElement?.tagName === "H2");
  expect(await focused(page)).toEqual(heading("2. Đã nhận dạng"));
  const found = await spoken(page);
  expect(found).toEqual(expect.arrayContaining(["Đang đọc bảng tính…", "Đang nhận dạng bảng…"]));
  expect(found[found.length - 1]).toBe(`Đã đọc vùng '${SEED_SHEET}'!A1:F15. Tìm thấy 1 bảng điểm.`);

  // 2. Options by keyboard: the province groups, rank 3 with the published total of the unit holding it.
  await tabTo(page, "class-scheme-none");
  await page.keyboard.press("ArrowDown");
  expect((await focused(page)).testId).toBe("class-scheme-par-2022-province-groups");
  await tabTo(page, "target-rank");
  await page.keyboard.type("3");
  await tabTo(page, "target-value");
  await page.keyboard.type("tám lăm");
  expect(await page.getByTestId("write").isDisabled()).toBe(true);
  await page.keyboard.press("Control+A");
  await page.keyboard.type("85,5");

  // 3. Write: focus moves to the summary's heading; progress (never "reading the sheet") and the result were said.
  await tabTo(page, "write");
  await page.keyboard.press("Enter");
  await waitForTestId(page, "summary");
  await page.waitForFunction(() => document.activeElement?.tagName === "H2");
  expect(await focused(page)).toEqual(heading("Kết quả"));
  const wrote = await spoken(page);
  expect(wrote).toContain("Đang lập các trang kết quả…");
  expect(wrote).not.toContain("Đang đọc bảng tính…");
  expect(wrote[wrote.length - 1]).toMatch(/^Đã ghi các trang: “Phân tích điểm trừ”\. Đã tô màu \d+ vùng trên bảng gốc\. Đã vẽ 1 biểu đồ\.$/);
  expect(await page.getByTestId("unit-group").innerText()).toBe("Nhóm B (80% đến dưới 90%)");
  expect(await page.getByTestId("unit-target").innerText()).toBe("Cần thêm 2,44 điểm để lên hạng 3: lấy lại điểm bị trừ ở lĩnh vực 8 (Tác động của CCHC đến người dân, tổ chức ...)");

  // 4. Remove highlights: focus stays on the button; the result was said.
  await tabTo(page, "remove-highlights");
  await page.keyboard.press("Enter");
  await waitForTestId(page, "notice");
  await page.waitForFunction(() => !document.querySelector('[data-testid="remove-highlights"]')?.hasAttribute("aria-disabled"));
  expect((await focused(page)).testId).toBe("remove-highlights");
  const removed = await spoken(page);
  expect(removed).toContain("Đang gỡ tô màu…");
  expect(removed[removed.length - 1]).toMatch(/^Đã gỡ \d+ quy tắc tô màu của ParScore\.$/);

  // 5. Start over: focus moves to step 1's heading.
  await tabTo(page, "start-over");
  await page.keyboard.press("Enter");
  await waitForTestId(page, "source-step");
  await page.waitForFunction(() => document.activeElement?.tagName === "H2");
  expect(await focused(page)).toEqual(heading("1. Chọn bảng điểm"));
  // ...and the next Tab stays in the pane, on step 1's first control.
  await page.keyboard.press("Tab");
  expect((await focused(page)).testId).toBe("source-sheet");
  expect(errors).toEqual([]);
  await page.close();
});

test("keyboard only: an error keeps focus on the button used, and dismissing it moves focus back to the step", async () => {
  const { page, errors } = await harness.openInFakeExcel({ sheets: [NOTES] }, { width: 320, height: 900 });
  await tabTo(page, "analyze");
  await page.keyboard.press("Enter");
  const error = page.locator('[data-testid="error"][data-kind="nothing-recognised"]');
  await error.waitFor({ state: "visible", timeout: 20_000 });
  expect(await error.getAttribute("role")).toBe("alert");
  expect((await focused(page)).testId).toBe("analyze");
  await tabTo(page, "dismiss-error");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.tagName === "H2");
  expect(await focused(page)).toEqual(heading("1. Chọn bảng điểm"));
  expect(await page.getByTestId("error").count()).toBe(0);
  expect(errors).toEqual([]);
  await page.close();
});
