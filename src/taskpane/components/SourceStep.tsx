import * as React from "react";
import { Button, Caption1, Checkbox, Field, Radio, RadioGroup, Spinner, Subtitle2, Text, makeStyles, tokens, useId } from "@fluentui/react-components";
import type { GridSource, WorkbookSheet } from "../actions";
import type { Strings } from "../i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  flush: { margin: 0 },
  button: { alignSelf: "flex-start", marginTop: tokens.spacingVerticalXS },
  sheets: { display: "flex", flexDirection: "column", marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})` },
  warning: { color: tokens.colorPaletteRedForeground1 },
});

export type SourceKind = "usedRange" | "selection" | "consolidate";

export function gridSource(kind: Exclude<SourceKind, "consolidate">): GridSource {
  return kind === "selection" ? { kind: "selection" } : { kind: "usedRange" };
}

/**
 * A sheet named as a responsibility table ("Phân công", "Trách nhiệm", "Responsibility"): no unit's
 * self-assessment, and the table "Phân tích theo đơn vị chịu trách nhiệm" reads, so not consolidated.
 */
export function looksLikeResponsibilitySheet(name: string): boolean {
  const plain = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  return /\b(phan cong|trach nhiem|responsib\w*|assignments?)\b/.test(plain);
}

/** The sheets ticked at first: every sheet but ParScore's own (its gap and ranking sheets are no unit's table) and a responsibility table's. */
export function defaultChosenSheets(sheets: readonly WorkbookSheet[]): string[] {
  return sheets.filter((sheet) => !sheet.parscore && !looksLikeResponsibilitySheet(sheet.name)).map((sheet) => sheet.name);
}

export interface SourceStepProps {
  t: Strings;
  /** False outside Excel, while the API check runs, or when it failed. */
  enabled: boolean;
  busy: boolean;
  onFind: (source: GridSource) => void;
  /** The workbook's sheets, once listed (null: not yet). */
  sheets?: WorkbookSheet[] | null;
  /** Asks for the list of sheets (when "consolidate" is chosen and there is none yet). */
  onListSheets?: () => void;
  onConsolidate?: (sheets: string[]) => void;
}

/**
 * Step 1: where the table is (the active sheet, or the selection), or the units' sheets to
 * consolidate (checkboxes, every sheet but ParScore's ticked), and the button that runs it.
 */
export function SourceStep({ t, enabled, busy, onFind, sheets = null, onListSheets, onConsolidate }: SourceStepProps): React.JSX.Element {
  const styles = useStyles();
  const [kind, setKind] = React.useState<SourceKind>("usedRange");
  // null: the defaults for the listed sheets (the user has not changed a tick yet).
  const [chosen, setChosen] = React.useState<string[] | null>(null);
  const consolidating = kind === "consolidate" && onConsolidate !== undefined;
  React.useEffect(() => {
    if (consolidating && enabled && sheets === null) onListSheets?.();
  }, [consolidating, enabled, sheets, onListSheets]);
  React.useEffect(() => setChosen(null), [sheets]);
  const ticked = chosen ?? defaultChosenSheets(sheets ?? []);
  // In tab order, whatever order they were ticked in.
  const inOrder = (sheets ?? []).map((sheet) => sheet.name).filter((name) => ticked.includes(name));
  const toggle = (name: string, on: boolean) => setChosen(on ? [...ticked, name] : ticked.filter((n) => n !== name));
  const sheetsLabelId = useId("sheets-label");
  return (
    <section className={styles.root} data-testid="source-step">
      <Subtitle2 as="h2" className={styles.flush} tabIndex={-1} data-step-heading>
        {t.step1}
      </Subtitle2>
      <Field label={t.sourceLabel}>
        <RadioGroup value={kind} onChange={(_e, data) => setKind(data.value as SourceKind)} disabled={!enabled || busy}>
          <Radio value="usedRange" label={t.sourceSheet} data-testid="source-sheet" />
          <Radio value="selection" label={t.sourceSelection} data-testid="source-selection" />
          {onConsolidate && <Radio value="consolidate" label={t.sourceConsolidate} data-testid="source-consolidate" />}
        </RadioGroup>
      </Field>
      {consolidating ? (
        <>
          <Caption1>{t.consolidateHint}</Caption1>
          <Text weight="semibold" id={sheetsLabelId}>
            {t.consolidateSheetsLabel}
          </Text>
          {sheets === null ? (
            <Spinner size="tiny" label={t.consolidateSheetsLoading} labelPosition="after" data-testid="consolidate-loading" />
          ) : (
            <div className={styles.sheets} role="group" aria-labelledby={sheetsLabelId} data-testid="consolidate-sheets">
              {sheets.map((sheet) => (
                <Checkbox
                  key={sheet.name}
                  checked={ticked.includes(sheet.name)}
                  onChange={(_e, data) => toggle(sheet.name, data.checked === true)}
                  label={
                    <>
                      <span lang="vi">{sheet.name}</span>
                      {sheet.parscore ? ` ${t.consolidateParScoreSheet}` : ""}
                    </>
                  }
                  disabled={busy}
                  data-testid="consolidate-sheet"
                  data-sheet={sheet.name}
                  data-parscore={sheet.parscore ? "true" : "false"}
                />
              ))}
            </div>
          )}
          {sheets !== null && inOrder.length === 0 && (
            <Text size={200} className={styles.warning} data-testid="consolidate-none">
              {t.consolidateNoneChosen}
            </Text>
          )}
          <Button
            className={styles.button}
            appearance="primary"
            disabled={!enabled || inOrder.length === 0}
            disabledFocusable={enabled && busy}
            onClick={() => onConsolidate?.(inOrder)}
            data-testid="consolidate"
          >
            {t.consolidateButton}
          </Button>
        </>
      ) : (
        <>
          <Caption1>{t.sourceHint}</Caption1>
          <Button
            className={styles.button}
            appearance="primary"
            disabled={!enabled}
            disabledFocusable={enabled && busy}
            onClick={() => onFind(gridSource(kind === "selection" ? "selection" : "usedRange"))}
            data-testid="analyze"
          >
            {t.analyze}
          </Button>
        </>
      )}
    </section>
  );
}
