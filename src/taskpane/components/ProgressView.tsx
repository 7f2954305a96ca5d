import * as React from "react";
import { Button, Field, ProgressBar, makeStyles, tokens } from "@fluentui/react-components";
import type { Strings } from "../i18n";
import type { Busy } from "../session";
import { stageLabel } from "../transitions";

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
        <Button className={styles.cancel} onClick={onCancel} disabledFocusable={busy.cancelling} data-testid="cancel">
          {t.cancel}
        </Button>
      )}
    </section>
  );
}
