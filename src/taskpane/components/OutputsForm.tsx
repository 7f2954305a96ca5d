import * as React from "react";
import { Button, Caption1, Checkbox, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Strings } from "../i18n";
import type { Outputs } from "../session";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  flush: { margin: 0 },
  checks: { display: "flex", flexDirection: "column", marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})` },
  buttons: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalS,
  },
  warning: { color: tokens.colorPaletteRedForeground1 },
});

export interface OutputsFormProps {
  t: Strings;
  /** A ranking sheet needs two or more units ranked together. */
  rankable: boolean;
  busy: boolean;
  onWrite: (outputs: Outputs) => void;
  onStartOver: () => void;
}

/** Step 3: what to write (checkboxes) and the button that runs it. */
export function OutputsForm({ t, rankable, busy, onWrite, onStartOver }: OutputsFormProps): React.JSX.Element {
  const styles = useStyles();
  const [outputs, setOutputs] = React.useState<Outputs>({ gap: true, ranking: rankable, highlights: true });
  const none = !outputs.gap && !(outputs.ranking && rankable) && !outputs.highlights;
  const toggle = (key: keyof Outputs) => (_e: unknown, data: { checked: boolean | "mixed" }) =>
    setOutputs((o) => ({ ...o, [key]: data.checked === true }));
  return (
    <section className={styles.root} data-testid="outputs">
      <Subtitle2 as="h2" className={styles.flush}>
        {t.outputsTitle}
      </Subtitle2>
      <div className={styles.checks}>
        <Checkbox checked={outputs.gap} onChange={toggle("gap")} label={t.outputGap} data-testid="output-gap" disabled={busy} />
        <Checkbox
          checked={outputs.ranking && rankable}
          onChange={toggle("ranking")}
          label={t.outputRanking}
          data-testid="output-ranking"
          disabled={busy || !rankable}
        />
        <Checkbox
          checked={outputs.highlights}
          onChange={toggle("highlights")}
          label={t.outputHighlights}
          data-testid="output-highlights"
          disabled={busy}
        />
      </div>
      <Caption1>{t.outputsNote}</Caption1>
      {none && (
        <Text size={200} className={styles.warning} data-testid="outputs-none">
          {t.outputsNone}
        </Text>
      )}
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          disabled={none || busy}
          onClick={() => onWrite({ ...outputs, ranking: outputs.ranking && rankable })}
          data-testid="write"
        >
          {t.write}
        </Button>
        <Button appearance="secondary" disabled={busy} onClick={onStartOver} data-testid="start-over">
          {t.startOver}
        </Button>
      </div>
    </section>
  );
}
