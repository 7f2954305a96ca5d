import * as React from "react";
import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import type { HostState } from "../office";
import type { Strings } from "../i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", alignItems: "stretch", rowGap: tokens.spacingVerticalM },
  button: { alignSelf: "flex-start" },
});

export interface AnalyzePanelProps {
  host: HostState;
  t: Strings;
  /** Runs the analysis; absent until the Excel host is wired in. */
  onAnalyze?: () => void;
}

/**
 * The Analyze button. Enabled only inside Excel; outside Excel it is disabled
 * and a note says why. No analysis is simulated here.
 */
export function AnalyzePanel({ host, t, onAnalyze }: AnalyzePanelProps): React.JSX.Element {
  const styles = useStyles();
  const [notice, setNotice] = React.useState(false);
  const inExcel = host === "excel";
  const note = host === "detecting" ? t.hostDetecting : host === "absent" ? t.hostAbsent : null;
  const click = () => {
    if (onAnalyze) onAnalyze();
    else setNotice(true);
  };
  return (
    <section className={styles.root}>
      <Button className={styles.button} appearance="primary" disabled={!inExcel} onClick={click} data-testid="analyze">
        {t.analyze}
      </Button>
      {note && (
        <MessageBar layout="multiline" intent={host === "absent" ? "warning" : "info"} data-testid="host-note">
          <MessageBarBody>{note}</MessageBarBody>
        </MessageBar>
      )}
      {inExcel && notice && (
        <MessageBar layout="multiline" intent="info" data-testid="analyze-notice">
          <MessageBarBody>{t.hostNotImplemented}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
