import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  useId,
} from "@fluentui/react-components";
import type { CellRef } from "../facts";
import { count, fmt, type Lang, type Strings } from "../i18n";
import type { PaneFailure } from "../session";
import { FindingList } from "./FindingList";

const useStyles = makeStyles({
  body: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, overflowWrap: "anywhere" },
  p: { margin: 0 },
  shapes: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: "normal",
    overflowWrap: "anywhere",
  },
});

/** The message for a failure, in the pane's language (host details when the host gave some). */
export function failureText(error: PaneFailure, t: Strings, lang: Lang, requiredApi: string | null): string {
  switch (error.kind) {
    case "protected":
      return t.errorProtected;
    case "nothing-selected":
      return t.errorNothingSelected;
    case "no-table":
      return t.errorNoTable;
    case "too-large":
      // The pane's own limit (limits.ts), or the host's (then its message is the detail).
      if (!("cells" in error)) return t.errorTooLarge;
      return fmt(error.sheets !== undefined ? t.errorTooLargeSheets : t.errorTooLargeCells, {
        address: error.address,
        cells: count(error.cells, lang),
        limit: count(error.limit, lang),
        sheets: error.sheets ?? 1,
      });
    case "api-missing":
      return fmt(t.errorApiMissing, { version: requiredApi ?? "?" });
    case "cancelled":
      return t.errorCancelled;
    case "nothing-recognised":
      return fmt(t.errorNothingRecognised, { address: error.address });
    case "select-failed":
      return fmt(t.errorSelectCell, { cell: error.cell, sheet: error.sheet });
    case "unexpected":
      return t.errorUnexpected;
  }
}

export interface ErrorViewProps {
  error: PaneFailure;
  lang: Lang;
  t: Strings;
  requiredApi: string | null;
  onDismiss?: () => void;
  onSelect: (at: CellRef) => void;
}

export function ErrorView({ error, lang, t, requiredApi, onDismiss, onSelect }: ErrorViewProps): React.JSX.Element {
  const styles = useStyles();
  const ref = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    ref.current?.scrollIntoView?.({ block: "nearest" });
  }, [error]);
  // The host's own message names the sheet or the limit: more precise than ours when it has one.
  const detail = "detail" in error && error.detail ? error.detail[lang] : null;
  const main = detail ?? failureText(error, t, lang, requiredApi);
  // Without a title (a cancellation), the bar is named by its text, not by a title id that is not there.
  const textId = useId("error-text");
  const titled = error.kind !== "cancelled";
  const technical = error.kind === "unexpected" || error.kind === "select-failed" ? error.message : null;
  // "Không tìm thấy bảng điểm" is the error itself: not said again as a finding under it.
  const findings = error.kind === "nothing-recognised" ? error.findings.filter((f) => f.kind !== "no-table-found") : [];
  return (
    <div ref={ref}>
      <MessageBar
        layout="multiline"
        intent={error.kind === "cancelled" ? "warning" : "error"}
        data-testid="error"
        data-kind={error.kind}
        role="alert"
        aria-labelledby={titled ? undefined : textId}
      >
        <MessageBarBody className={styles.body}>
          {titled && <MessageBarTitle>{t.errorTitle}</MessageBarTitle>}
          <Text as="p" block className={styles.p} id={textId} data-testid="error-text">
            {main}
          </Text>
          {technical && (
            <Text as="p" block className={mergeClasses(styles.p, styles.code)} data-testid="error-message">
              {technical}
            </Text>
          )}
          {error.kind === "nothing-recognised" && (
            <>
              <Text as="p" block className={styles.p}>
                {t.errorNothingRecognisedHelp}
              </Text>
              <ul className={styles.shapes}>
                {[t.shapeSelf, t.shapeYears, t.shapeRows].map((shape) => (
                  <li key={shape} className={styles.code}>
                    {shape}
                  </li>
                ))}
              </ul>
              <Text as="p" block className={styles.p}>
                {t.errorNothingRecognisedTry}
              </Text>
              {findings.length > 0 && <FindingList findings={findings} lang={lang} t={t} onSelect={onSelect} testId="error-findings" />}
            </>
          )}
        </MessageBarBody>
        {onDismiss && (
          <MessageBarActions>
            <Button size="small" onClick={onDismiss} data-testid="dismiss-error">
              {t.dismiss}
            </Button>
          </MessageBarActions>
        )}
      </MessageBar>
    </div>
  );
}
