import * as React from "react";
import { Button, Field, ProgressBar, makeStyles, tokens } from "@fluentui/react-components";
import { fmt, type Strings } from "../i18n";
import type { Busy } from "../session";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  cancel: { alignSelf: "flex-start" },
});

export function stageLabel(busy: Busy, t: Strings): string {
  if (busy.cancelling) return t.stageCancelling;
  switch (busy.stage) {
    case "loading":
      return t.stageLoading;
    case "reading":
      return t.stageReading;
    case "recognising":
      return t.stageRecognising;
    case "analysing":
      return t.stageAnalysing;
    case "planning":
      return t.stagePlanning;
    case "writing":
      return busy.total ? fmt(t.stageWritingCount, { done: busy.done ?? 0, total: busy.total }) : t.stageWriting;
    case "removing":
      return t.stageRemoving;
  }
}

export interface ProgressViewProps {
  busy: Busy;
  t: Strings;
  onCancel: () => void;
}

export function ProgressView({ busy, t, onCancel }: ProgressViewProps): React.JSX.Element {
  const styles = useStyles();
  const label = stageLabel(busy, t);
  const ref = React.useRef<HTMLElement>(null);
  React.useEffect(() => {
    ref.current?.scrollIntoView?.({ block: "nearest" });
  }, []);
  return (
    <section className={styles.root} data-testid="progress" data-stage={busy.stage} aria-busy="true" ref={ref}>
      <Field label={t.progressLabel} validationMessage={label} validationState="none">
        <ProgressBar thickness="large" value={busy.fraction ?? undefined} max={1} aria-valuetext={label} />
      </Field>
      {busy.cancellable && (
        <Button className={styles.cancel} onClick={onCancel} disabled={busy.cancelling} data-testid="cancel">
          {t.cancel}
        </Button>
      )}
    </section>
  );
}
