import * as React from "react";
import { Caption1, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { CellRef, Facts, TableFact } from "../facts";
import { fmt, type Lang, type Strings } from "../i18n";
import { FindingList } from "./FindingList";
import { useFactListStyles } from "./fact-list-styles";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  flush: { margin: 0 },
  title: { overflowWrap: "anywhere" },
  sectionTitle: { margin: 0, marginTop: tokens.spacingVerticalXS },
});

export function layoutName(layout: string, t: Strings): string {
  switch (layout) {
    case "self-assessment":
      return t.layoutSelfAssessment;
    case "unit-across-years":
      return t.layoutUnitAcrossYears;
    case "units-in-rows":
      return t.layoutUnitsInRows;
    case "units-in-columns":
      return t.layoutUnitsInColumns;
    default:
      return layout;
  }
}

/** "'TT Huế 2018-2019'!A1:F15" as Excel writes it. */
export function qualified(sheet: string, range: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? `${sheet}!${range}` : `'${sheet.replace(/'/g, "''")}'!${range}`;
}

interface TableProps {
  table: TableFact;
  index: number;
  count: number;
  lang: Lang;
  t: Strings;
  onSelect: (at: CellRef) => void;
}

function TableCard({ table, index, count, lang, t, onSelect }: TableProps): React.JSX.Element {
  const styles = useStyles();
  const factList = useFactListStyles();
  const names = table.units.map((u) => u.name);
  return (
    <article className={factList.card} data-testid="table">
      {count > 1 && <Text weight="semibold">{fmt(t.tableHeading, { i: index + 1 })}</Text>}
      {table.title && (
        <Text weight="semibold" className={styles.title} data-testid="table-title">
          {table.title}
        </Text>
      )}
      <dl className={factList.facts}>
        <dt className={factList.dt}>{t.layoutLabel}</dt>
        <dd className={factList.dd} data-testid="layout" data-layout={table.layout}>
          {layoutName(table.layout, t)}
        </dd>
        <dt className={factList.dt}>{t.rangeLabel}</dt>
        <dd className={factList.dd} data-testid="range">
          {qualified(table.sheet, table.range)}
        </dd>
        <dt className={factList.dt}>{t.unitsLabel}</dt>
        <dd className={factList.dd}>
          <span data-testid="units-count">{names.length}</span>
          {names.length > 0 && names.length <= 3 && <Caption1 block>{names.join(", ")}</Caption1>}
        </dd>
        <dt className={factList.dt}>{t.criteriaLabel}</dt>
        <dd className={factList.dd} data-testid="criteria-count">
          {table.criteriaCount}
        </dd>
        {table.template && (
          <>
            <dt className={factList.dt}>{t.templateLabel}</dt>
            <dd className={factList.dd} data-testid="template">
              {table.template}
            </dd>
          </>
        )}
      </dl>
      <Text weight="semibold" className={styles.sectionTitle}>
        {fmt(t.findingsTitle, { n: table.findings.length })}
      </Text>
      {table.findings.length === 0 ? (
        <Caption1 data-testid="findings">{t.findingsNone}</Caption1>
      ) : (
        <FindingList findings={table.findings} lang={lang} t={t} onSelect={onSelect} />
      )}
    </article>
  );
}

export interface RecognisedViewProps {
  facts: Facts;
  address: string;
  lang: Lang;
  t: Strings;
  onSelect: (at: CellRef) => void;
}

/** Step 2: what ParScore recognised, per table, with its findings. */
export function RecognisedView({ facts, address, lang, t, onSelect }: RecognisedViewProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <section className={styles.root} data-testid="recognised">
      <div>
        <Subtitle2 as="h2" className={styles.flush}>
          {t.step2}
        </Subtitle2>
        <Caption1 block data-testid="read-from">
          {fmt(t.readFrom, { address })} {fmt(t.tablesFound, { n: facts.tables.length })}
        </Caption1>
      </div>
      {facts.tables.map((table, i) => (
        <TableCard key={i} table={table} index={i} count={facts.tables.length} lang={lang} t={t} onSelect={onSelect} />
      ))}
      {facts.findings.length > 0 && (
        <div>
          <Text weight="semibold">{fmt(t.otherFindingsTitle, { n: facts.findings.length })}</Text>
          <FindingList findings={facts.findings} lang={lang} t={t} onSelect={onSelect} testId="other-findings" />
        </div>
      )}
    </section>
  );
}
