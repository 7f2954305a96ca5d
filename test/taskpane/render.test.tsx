/**
 * The pane's views rendered to HTML in Node (react-dom/server): every state shows words, never a
 * blank pane; cell text is React text (escaped), never HTML.
 */
import * as React from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { AnalyzePanel } from "../../src/taskpane/components/AnalyzePanel";
import { RANKS_STEP } from "../../src/taskpane/components/SummaryView";
import { STRINGS, type Lang } from "../../src/taskpane/i18n";
import type { HostState } from "../../src/taskpane/office";
import { INITIAL_STATE, Session, type PaneFailure, type PaneState } from "../../src/taskpane/session";
import * as work from "../../src/taskpane/work";
import { SEED_SHEET, seedGrid } from "./seed";

const session = new Session({
  actions: () => Promise.reject(new Error("not used")),
  work: async () => work,
});

function html(node: React.ReactNode): string {
  return renderToStaticMarkup(<FluentProvider theme={webLightTheme}>{node}</FluentProvider>);
}

function panel(state: PaneState, lang: Lang = "vi", host: HostState = "excel"): string {
  return html(<AnalyzePanel host={host} lang={lang} t={STRINGS[lang]} session={session} state={state} />);
}

/** Text content, tags dropped and entities decoded (enough for our assertions). */
function text(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

const analysed = work.analyseGrid(seedGrid());
const found = { source: "usedRange" as const, address: `'${SEED_SHEET}'!A1:F15`, analysed };
const ready: PaneState = { ...INITIAL_STATE, api: "ok", requiredApi: "1.9" };

test("outside Excel: the Analyze button is disabled and a note says why", () => {
  const markup = html(<App host="absent" session={session} />);
  expect(text(markup)).toContain(STRINGS.vi.hostAbsent);
  expect(markup).toMatch(/<button[^>]*disabled[^>]*data-testid="analyze"|<button[^>]*data-testid="analyze"[^>]*disabled/);
});

test("API set missing: said plainly, Analyze stays disabled", () => {
  const markup = panel({ ...INITIAL_STATE, api: "missing", requiredApi: "1.9" });
  expect(text(markup)).toContain("ExcelApi 1.9");
  expect(markup).toContain('data-kind="api-missing"');
});

test("recognised: layout, units, criteria, template, findings with cell links", () => {
  for (const lang of ["vi", "en"] as const) {
    const markup = panel({ ...ready, phase: "recognised", found }, lang);
    const t = text(markup);
    expect(t).toContain(lang === "vi" ? "Một đơn vị qua các năm" : "One unit across years");
    expect(markup).toMatch(/data-testid="units-count"[^>]*>1</);
    expect(markup).toMatch(/data-testid="criteria-count"[^>]*>8</);
    expect(t).toContain("par-2019-province");
    expect(markup).toMatch(/data-testid="cell-link"[^>]*data-sheet="TT Huế 2018-2019"[^>]*data-cell="C11"/);
    expect(markup).toContain('data-testid="output-gap"');
    expect(markup).toContain('data-testid="write"');
  }
});

test("summary: total, change and largest deductions in the pane's language", () => {
  const written = { outcome: { sheets: ["Phân tích điểm trừ"], highlights: 26, charts: 1, syncs: 4, maxRequestBytes: 1 }, outputs: { gap: true, ranking: false, highlights: true } };
  const vi = text(panel({ ...ready, phase: "summary", found, written }, "vi"));
  expect(vi).toContain("83,06");
  expect(vi).toContain("/100,00 điểm");
  expect(vi).toContain("tăng 4,16 điểm");
  expect(vi).toContain("−5,20");
  expect(vi).toContain("Phân tích điểm trừ");
  const en = text(panel({ ...ready, phase: "summary", found, written }, "en"));
  expect(en).toContain("83.06");
  expect(en).toContain("−5.20");
  expect(en).toContain("Remove highlights");
  const markup = panel({ ...ready, phase: "summary", found, written }, "vi");
  expect(markup).toMatch(/data-testid="deduction"[^>]*data-code="8"[^>]*data-cell="E10"/);
});

test("summary: a unit whose details are left for later says they are being worked out, not that nothing was lost", () => {
  const unit = { ...analysed.facts.tables[0].units[0], climb: null, deductions: [], detailsLater: true as const };
  const facts = { ...analysed.facts, tables: [{ ...analysed.facts.tables[0], units: [unit] }] };
  const written = { outcome: { sheets: ["Phân tích điểm trừ"], highlights: 0, charts: 0, syncs: 4, maxRequestBytes: 1 }, outputs: { gap: true, ranking: false, highlights: false }, facts };
  for (const lang of ["vi", "en"] as const) {
    const markup = panel({ ...ready, phase: "summary", found, written }, lang);
    expect(markup).toContain('data-testid="details-loading"');
    expect(text(markup)).toContain(STRINGS[lang].detailsLoading);
    expect(markup).not.toContain('data-testid="deductions-none"');
    expect(markup).not.toContain('data-testid="deduction"');
  }
});

test("for screen readers: every aria-labelledby names an element that is there, step headings take focus, workbook text is marked Vietnamese", () => {
  const written = { outcome: { sheets: ["Phân tích điểm trừ"], highlights: 26, charts: 1, syncs: 4, maxRequestBytes: 1 }, outputs: { gap: true, ranking: false, highlights: true } };
  const states: PaneState[] = [
    ready,
    { ...ready, phase: "recognised", found },
    { ...ready, phase: "summary", found, written, notice: { kind: "highlights-removed", count: 3 } },
    { ...ready, error: { kind: "cancelled" } },
  ];
  for (const state of states) {
    const markup = panel(state, "en");
    const ids = new Set([...markup.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    for (const [, refs] of markup.matchAll(/aria-(?:labelledby|describedby)="([^"]+)"/g)) {
      for (const id of refs.split(" ")) expect({ phase: state.phase, id, there: ids.has(id) }).toEqual({ phase: state.phase, id, there: true });
    }
    // One polite live region, always there (it must exist before it speaks).
    expect(markup.match(/role="status" aria-live="polite"/g)).toHaveLength(1);
    // The step's heading is where focus goes when the step changes.
    expect(markup).toMatch(/<h2[^>]*tabindex="-1"[^>]*data-step-heading/);
  }
  const summary = panel(states[2], "en");
  expect(summary).toMatch(/<h3[^>]*data-testid="unit-name"[^>]*><span lang="vi">Thừa Thiên Huế<\/span>/);
  expect(summary).toMatch(/<h4[^>]*>Largest deductions<\/h4>/);
  // A deduction's name starts with what it shows ("8 Tác động ... −5.20"), as speech input users say it.
  const deduction = summary.match(/<button[^>]*data-testid="deduction"[^>]*data-code="8"[^>]*>/)![0];
  expect(deduction).toMatch(/aria-label="8 Tác động của CCHC đến người dân, tổ chức và phát triển Kinh tế - Xã hội tỉnh −5.20: 5.20 points lost; select cell E10 in the workbook"/);
});

const FAILURES: PaneFailure[] = [
  { kind: "protected" },
  { kind: "nothing-selected" },
  { kind: "no-table" },
  { kind: "too-large" },
  { kind: "api-missing" },
  { kind: "cancelled" },
  { kind: "nothing-recognised", address: "'Ghi chú'!A1:B2", findings: [] },
  { kind: "select-failed", sheet: "S", cell: "C7", message: "ItemNotFound" },
  { kind: "unexpected", message: "boom <b>x</b>" },
];

test.each(FAILURES.map((f) => [f.kind, f] as const))("error %s has a message in both languages", (_kind, failure) => {
  for (const lang of ["vi", "en"] as const) {
    const markup = panel({ ...ready, error: failure }, lang);
    expect(markup).toContain(`data-kind="${failure.kind}"`);
    const body = text(markup);
    expect(body.length).toBeGreaterThan(40);
    if (failure.kind === "unexpected") {
      expect(body).toContain("boom <b>x</b>");
      expect(markup).not.toContain("<b>x</b>"); // escaped, not HTML
    }
    if (failure.kind === "nothing-recognised") expect(body).toContain(lang === "vi" ? "Điểm tối đa" : "Max points");
  }
});

test("cell text is rendered as text, not HTML", () => {
  const evil = '<img src=x onerror="alert(1)">';
  const grid = seedGrid();
  grid.values[2][1] = `${evil} Công tác chỉ đạo, điều hành cải cách hành chính`;
  const tricky = work.analyseGrid(grid);
  const markup = panel({
    ...ready,
    phase: "recognised",
    found: { ...found, analysed: tricky },
    error: { kind: "nothing-recognised", address: evil, findings: [] },
  });
  expect(markup).not.toContain("<img src=x");
  expect(markup).toContain("&lt;img src=x");
});

test("too large for the pane: the range's cells, the limit and the command line, in both languages", () => {
  const failure: PaneFailure = { kind: "too-large", cells: 1_430_000, limit: 1_300_000, address: "'Cấp xã'!A1:DZ11000" };
  const vi = text(panel({ ...ready, error: failure }, "vi"));
  expect(vi).toContain("'Cấp xã'!A1:DZ11000");
  expect(vi).toContain("1.430.000 ô");
  expect(vi).toContain("giới hạn 1.300.000 ô");
  expect(vi).toContain("parscore");
  expect(vi).toContain("vùng nhỏ hơn");
  const en = text(panel({ ...ready, error: failure }, "en"));
  expect(en).toContain("1,430,000 cells");
  expect(en).toContain("limit of 1,300,000 cells");
  expect(en).toContain("parscore command line");
  expect(en).toContain("smaller range");
});

test("a ranking of thousands of units: ten rows, then more in steps, never all at once", () => {
  const unit = analysed.facts.tables[0].units[0];
  const units = Array.from({ length: 1234 }, (_, i) => ({ ...unit, name: `Xã ${i + 1}`, rank: i + 1, rankLabel: String(i + 1), rankOf: 1234 }));
  const facts = { ...analysed.facts, tables: [{ ...analysed.facts.tables[0], units }] };
  const written = { outcome: { sheets: ["Xếp hạng"], highlights: 0, charts: 0, syncs: 3, maxRequestBytes: 1 }, outputs: { gap: false, ranking: true, highlights: false } };
  const markup = panel({ ...ready, phase: "summary", found: { ...found, analysed: { facts } }, written }, "vi");
  expect(markup.match(/data-testid="rank-row"/g)).toHaveLength(10);
  expect(text(markup)).toContain(`Xem thêm ${RANKS_STEP} (trong 1234)`);
});
