import * as React from "react";
import { MessageBar, MessageBarBody, makeStyles, tokens, useId } from "@fluentui/react-components";
import type { CellRef } from "../facts";
import type { Lang, Strings } from "../i18n";
import type { HostState } from "../office";
import type { PaneState, Session } from "../session";
import { ErrorView } from "./ErrorView";
import { OutputsForm } from "./OutputsForm";
import { ProgressView } from "./ProgressView";
import { RecognisedView } from "./RecognisedView";
import { SourceStep } from "./SourceStep";
import { SummaryView } from "./SummaryView";
import { ReportDownload } from "./ReportDownload";
import { UnitWorkbooks } from "./UnitWorkbooks";
import { announcement, focusAfter, noticeText } from "../transitions";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", alignItems: "stretch", rowGap: tokens.spacingVerticalL, minWidth: 0 },
  // Read by screen readers, not shown (the same words are on screen where they belong).
  live: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clip: "rect(0, 0, 0, 0)",
    whiteSpace: "nowrap",
    border: 0,
  },
});

/** Focus on the page's body: the element that had it was removed or disabled. */
function focusLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || !active.isConnected;
}

/**
 * After each change of the pane: the polite live region says progress and what a finished step
 * did, and focus moves to the new step's heading (or the error's first control) when the part of
 * the pane it was on was replaced (transitions.ts).
 */
function useAnnounceAndFocus(state: PaneState, t: Strings): { spoken: string; rootRef: React.RefObject<HTMLElement | null> } {
  const rootRef = React.useRef<HTMLElement>(null);
  const previous = React.useRef(state);
  const [spoken, setSpoken] = React.useState("");
  React.useEffect(() => {
    const prev = previous.current;
    if (prev === state) return;
    previous.current = state;
    const said = announcement(prev, state, t);
    if (said !== null) setSpoken(said);
    const target = focusAfter(prev, state, focusLost());
    const root = rootRef.current;
    if (!target || !root) return;
    const element = target === "step" ? root.querySelector<HTMLElement>("[data-step-heading]") : root.querySelector<HTMLElement>('[data-testid="dismiss-error"]');
    element?.focus();
  }, [state, t]);
  return { spoken, rootRef };
}

export interface AnalyzePanelProps {
  host: HostState;
  lang: Lang;
  t: Strings;
  session: Session;
  state: PaneState;
}

/**
 * The whole job, step by step: where the table is -> what was recognised and what to write ->
 * progress -> summary. Outside Excel the Analyze button is disabled and a note says why.
 */
export function AnalyzePanel({ host, lang, t, session, state }: AnalyzePanelProps): React.JSX.Element {
  const styles = useStyles();
  const inExcel = host === "excel";
  const note = host === "detecting" ? t.hostDetecting : host === "absent" ? t.hostAbsent : null;
  const select = React.useCallback((at: CellRef) => void session.selectCell(at.sheet, at.cell), [session]);
  const listSheets = React.useCallback(() => void session.listWorkbookSheets(), [session]);
  const showUnit = React.useCallback((table: number, unit: number) => void session.showUnit(table, unit), [session]);
  const busy = state.busy !== null;
  const found = state.found;
  const apiMissing = inExcel && state.api === "missing";
  const { spoken, rootRef } = useAnnounceAndFocus(state, t);
  const noticeId = useId("notice");
  const hostNoteId = useId("host-note");

  return (
    <section className={styles.root} data-testid="panel" data-phase={state.phase} ref={rootRef}>
      <div role="status" aria-live="polite" aria-atomic="true" className={styles.live} data-testid="live">
        {spoken}
      </div>
      {note && (
        <MessageBar layout="multiline" intent={host === "absent" ? "warning" : "info"} data-testid="host-note" aria-labelledby={hostNoteId}>
          <MessageBarBody id={hostNoteId}>{note}</MessageBarBody>
        </MessageBar>
      )}
      {apiMissing && (
        <ErrorView error={{ kind: "api-missing" }} lang={lang} t={t} requiredApi={state.requiredApi} onSelect={select} />
      )}

      {state.phase === "start" && (
        <SourceStep
          t={t}
          enabled={inExcel && state.api === "ok"}
          busy={busy}
          onFind={(source) => void session.find(source)}
          sheets={state.workbookSheets}
          onListSheets={listSheets}
          onConsolidate={(sheets) => void session.consolidate(sheets)}
        />
      )}

      {state.phase === "recognised" && found && (
        <>
          <RecognisedView facts={found.criteriaSet?.facts ?? found.analysed.facts} address={found.address} lang={lang} t={t} onSelect={select} />
          <OutputsForm
            t={t}
            lang={lang}
            rankable={found.analysed.facts.tables.some((table) => table.rankable)}
            sheets={(found.sheets ?? []).filter((name) => !found.analysed.facts.tables.some((table) => table.sheet === name))}
            busy={busy}
            onWrite={(outputs) => void session.write(outputs, lang)}
            onCriteriaSet={(sheet) => void session.useCriteriaSet(sheet)}
            onStartOver={() => session.startOver()}
          />
        </>
      )}

      {state.phase === "summary" && found && state.written && (
        <SummaryView
          facts={state.written.facts ?? found.analysed.facts}
          written={state.written}
          lang={lang}
          t={t}
          busy={busy}
          onSelect={select}
          onRemoveHighlights={() => void session.removeHighlights()}
          onStartOver={() => session.startOver()}
          onShowUnit={showUnit}
        />
      )}

      {(state.phase === "recognised" || state.phase === "summary") && found && (
        <UnitWorkbooks
          facts={found.analysed.facts}
          t={t}
          busy={busy}
          result={state.unitWorkbooks}
          onMake={(choice) => void session.makeUnitWorkbooks(choice, lang)}
        />
      )}
      {(state.phase === "recognised" || state.phase === "summary") && found && (
        <ReportDownload t={t} busy={busy} report={state.report} onDownload={() => void session.downloadReport(lang)} />
      )}

      {/* Status under the step's own buttons: where the user just clicked. */}
      {state.busy && <ProgressView busy={state.busy} t={t} onCancel={() => session.cancel()} />}
      {state.error && (
        <ErrorView
          error={state.error}
          lang={lang}
          t={t}
          requiredApi={state.requiredApi}
          onDismiss={() => session.dismissError()}
          onSelect={select}
        />
      )}
      {state.notice && (
        <MessageBar layout="multiline" intent="success" data-testid="notice" data-kind={state.notice.kind} aria-labelledby={noticeId}>
          <MessageBarBody id={noticeId}>{noticeText(state.notice, t)}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
