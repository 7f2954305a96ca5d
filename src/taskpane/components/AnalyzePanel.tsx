import * as React from "react";
import { MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import type { CellRef } from "../facts";
import { fmt, type Lang, type Strings } from "../i18n";
import type { HostState } from "../office";
import type { PaneState, Session } from "../session";
import { ErrorView } from "./ErrorView";
import { OutputsForm } from "./OutputsForm";
import { ProgressView } from "./ProgressView";
import { RecognisedView } from "./RecognisedView";
import { SourceStep } from "./SourceStep";
import { SummaryView } from "./SummaryView";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", alignItems: "stretch", rowGap: tokens.spacingVerticalL, minWidth: 0 },
});

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
  const busy = state.busy !== null;
  const found = state.found;
  const apiMissing = inExcel && state.api === "missing";

  return (
    <section className={styles.root} data-testid="panel" data-phase={state.phase}>
      {note && (
        <MessageBar layout="multiline" intent={host === "absent" ? "warning" : "info"} data-testid="host-note">
          <MessageBarBody>{note}</MessageBarBody>
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
          <RecognisedView facts={found.analysed.facts} address={found.address} lang={lang} t={t} onSelect={select} />
          <OutputsForm
            t={t}
            lang={lang}
            rankable={found.analysed.facts.tables.some((table) => table.rankable)}
            sheets={(found.sheets ?? []).filter((name) => !found.analysed.facts.tables.some((table) => table.sheet === name))}
            busy={busy}
            onWrite={(outputs) => void session.write(outputs, lang)}
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
        />
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
        <MessageBar layout="multiline" intent="success" data-testid="notice" data-kind={state.notice.kind}>
          <MessageBarBody>
            {state.notice.count > 0 ? fmt(t.highlightsRemoved, { n: state.notice.count }) : t.highlightsNoneToRemove}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
