import * as React from "react";
import { Button, Caption1, MessageBar, MessageBarBody, Subtitle2, makeStyles, tokens, useId } from "@fluentui/react-components";
import type { Strings } from "../i18n";
import type { PaneState } from "../session";
import { reportText } from "../transitions";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  flush: { margin: 0 },
  button: { alignSelf: "flex-start" },
});

export interface ReportDownloadProps {
  t: Strings;
  busy: boolean;
  report: PaneState["report"];
  onDownload: () => void;
}

/** The report as a Word document, downloaded. */
export function ReportDownload({ t, busy, report, onDownload }: ReportDownloadProps): React.JSX.Element {
  const styles = useStyles();
  const resultId = useId("report-result");
  return (
    <section className={styles.root} data-testid="report">
      <Subtitle2 as="h2" className={styles.flush}>
        {t.reportHeading}
      </Subtitle2>
      <Caption1 block>{t.reportHint}</Caption1>
      <Button className={styles.button} appearance="secondary" disabled={busy} onClick={onDownload} data-testid="report-download">
        {t.reportButton}
      </Button>
      {report && (
        <MessageBar
          layout="multiline"
          intent={report.delivery === "downloaded" ? "success" : "warning"}
          data-testid="report-result"
          data-delivery={report.delivery}
          aria-labelledby={resultId}
        >
          <MessageBarBody id={resultId}>{reportText(report, t)}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
