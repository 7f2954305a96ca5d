import * as React from "react";
import { Button, Caption1, Field, Radio, RadioGroup, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { GridSource } from "../actions";
import type { Strings } from "../i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  flush: { margin: 0 },
  button: { alignSelf: "flex-start", marginTop: tokens.spacingVerticalXS },
});

export type SourceKind = "usedRange" | "selection";

export function gridSource(kind: SourceKind): GridSource {
  return kind === "selection" ? { kind: "selection" } : { kind: "usedRange" };
}

export interface SourceStepProps {
  t: Strings;
  /** False outside Excel, while the API check runs, or when it failed. */
  enabled: boolean;
  busy: boolean;
  onFind: (source: GridSource) => void;
}

/** Step 1: where the table is (the active sheet, or the selection) and the Analyze button. */
export function SourceStep({ t, enabled, busy, onFind }: SourceStepProps): React.JSX.Element {
  const styles = useStyles();
  const [kind, setKind] = React.useState<SourceKind>("usedRange");
  return (
    <section className={styles.root} data-testid="source-step">
      <Subtitle2 as="h2" className={styles.flush}>
        {t.step1}
      </Subtitle2>
      <Field label={t.sourceLabel}>
        <RadioGroup value={kind} onChange={(_e, data) => setKind(data.value as SourceKind)} disabled={!enabled || busy}>
          <Radio value="usedRange" label={t.sourceSheet} data-testid="source-sheet" />
          <Radio value="selection" label={t.sourceSelection} data-testid="source-selection" />
        </RadioGroup>
      </Field>
      <Caption1>{t.sourceHint}</Caption1>
      <Button
        className={styles.button}
        appearance="primary"
        disabled={!enabled || busy}
        onClick={() => onFind(gridSource(kind))}
        data-testid="analyze"
      >
        {t.analyze}
      </Button>
    </section>
  );
}
