import * as React from "react";
import { Button, Caption1, MessageBar, MessageBarBody, Subtitle2, makeStyles, tokens, useId } from "@fluentui/react-components";
import type { Facts } from "../facts";
import { fmt, type Strings } from "../i18n";
import type { UnitChoice, UnitWorkbooksMade } from "../session";
import { unitWorkbooksText } from "../transitions";
import { UnitPicker } from "./UnitPicker";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  flush: { margin: 0 },
  button: { alignSelf: "flex-start" },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export interface UnitWorkbooksProps {
  facts: Facts;
  t: Strings;
  busy: boolean;
  result: UnitWorkbooksMade | null;
  onMake: (choice: UnitChoice) => void;
}

const ALL = "all";

/** "Tạo sổ riêng cho từng đơn vị": one unit's own workbook, or every unit's. */
export function UnitWorkbooks({ facts, t, busy, result, onMake }: UnitWorkbooksProps): React.JSX.Element | null {
  const styles = useStyles();
  const resultId = useId("unit-books-result");
  const units = React.useMemo(() => facts.tables.flatMap((table, t) => table.units.map((u) => ({ table: t, unit: u.name }))), [facts]);
  const names = React.useMemo(() => units.map((u) => u.unit), [units]);
  const [chosen, setChosen] = React.useState("0");
  if (units.length === 0 || facts.consolidation) return null;
  const choice = (): UnitChoice => (chosen === ALL ? "all" : (units[Number(chosen)] ?? units[0]));
  return (
    <section className={styles.root} data-testid="unit-books">
      <Subtitle2 as="h2" className={styles.flush}>
        {t.unitBooksHeading}
      </Subtitle2>
      <Caption1 block>{t.unitBooksHint}</Caption1>
      {units.length > 1 && (
        <UnitPicker
          label={t.unitBooksUnitLabel}
          names={names}
          chosen={chosen}
          onChoose={setChosen}
          extra={{ value: ALL, label: fmt(t.unitBooksAll, { n: units.length }) }}
          t={t}
          testId="unit-books-select"
        />
      )}
      <Button className={styles.button} appearance="secondary" disabled={busy} onClick={() => onMake(choice())} data-testid="unit-books-make">
        {t.unitBooksButton}
      </Button>
      {result && (
        <MessageBar
          layout="multiline"
          intent={result.failed.length > 0 || result.delivery === "not-delivered" ? "warning" : "success"}
          data-testid="unit-books-result"
          data-delivery={result.delivery ?? ""}
          aria-labelledby={resultId}
        >
          <MessageBarBody id={resultId}>
            {unitWorkbooksText(result, t)}
            {result.failed.length > 0 && (
              <ul className={styles.list} data-testid="unit-books-failed">
                {result.failed.map((f, i) => (
                  <li key={i}>
                    <span lang="vi">{f.unit}</span>: {f.message}
                  </li>
                ))}
              </ul>
            )}
            {result.made.some((m) => m.errors > 0) && (
              <ul className={styles.list} data-testid="unit-books-errors">
                {result.made
                  .filter((m) => m.errors > 0)
                  .map((m, i) => (
                    <li key={i}>{fmt(t.unitBooksErrors, { unit: m.unit, n: m.errors })}</li>
                  ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
