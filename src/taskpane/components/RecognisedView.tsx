import * as React from "react";
import { Badge, Caption1, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { CellRef, ConsolidatedUnitStatus, ConsolidationFact, Facts, TableFact } from "../facts";
import { CellLink } from "./CellLink";
import { fmt, points, type Lang, type Strings } from "../i18n";
import { FindingList } from "./FindingList";
import { useFactListStyles } from "./fact-list-styles";
import { recognisedText } from "../transitions";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  flush: { margin: 0 },
  title: { overflowWrap: "anywhere" },
  sectionTitle: { margin: 0, marginTop: tokens.spacingVerticalXS },
  units: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  unit: { display: "flex", flexDirection: "column", alignItems: "flex-start", rowGap: tokens.spacingVerticalXXS },
  unitHead: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS },
});

const STATUS_BADGE: Record<ConsolidatedUnitStatus, "success" | "warning" | "danger"> = { ranked: "success", "not-ranked": "warning", "left-out": "danger" };

function statusName(status: ConsolidatedUnitStatus, t: Strings): string {
  return status === "ranked" ? t.unitStatusRanked : status === "not-ranked" ? t.unitStatusNotRanked : t.unitStatusLeftOut;
}

interface ConsolidationProps {
  consolidation: ConsolidationFact;
  lang: Lang;
  t: Strings;
  onSelect: (at: CellRef) => void;
}

/**
 * What consolidating the units' sheets gave: how many were ranked, left out and why (the
 * mismatched criterion, located on the unit's own sheet), the common criteria set, and each unit
 * with the sheet its table was read from (a link selects the table's first cell).
 */
function ConsolidationCard({ consolidation, lang, t, onSelect }: ConsolidationProps): React.JSX.Element {
  const styles = useStyles();
  const factList = useFactListStyles();
  const { units, reference } = consolidation;
  const counted = (status: ConsolidatedUnitStatus) => units.filter((u) => u.status === status).length;
  return (
    <article className={factList.card} data-testid="consolidation">
      <Text as="h3" weight="semibold" className={styles.flush}>
        {t.consolidationTitle}
      </Text>
      <Caption1 block data-testid="consolidation-counts">
        {fmt(t.consolidationCounts, { read: units.length, ranked: counted("ranked"), notRanked: counted("not-ranked"), leftOut: counted("left-out") })}
      </Caption1>
      {reference && (
        <Caption1 block data-testid="consolidation-reference">
          {fmt(t.consolidationReference, reference)}
        </Caption1>
      )}
      <Text as="h4" weight="semibold" className={styles.sectionTitle}>
        {fmt(t.consolidatedUnitsTitle, { n: units.length })}
      </Text>
      <ul className={styles.units}>
        {units.map((unit, i) => (
          <li key={i} className={styles.unit} data-testid="consolidated-unit" data-status={unit.status} data-sheet={unit.at.sheet}>
            <span className={styles.unitHead}>
              <Badge appearance="tint" size="small" color={STATUS_BADGE[unit.status]}>
                {statusName(unit.status, t)}
              </Badge>
              <Text weight="semibold" className={styles.title} data-testid="consolidated-unit-name" lang="vi">
                {unit.name}
              </Text>
              <Caption1>{fmt(t.unitFromSheet, { sheet: unit.at.sheet })}</Caption1>
              <CellLink at={unit.at} t={t} onSelect={onSelect} />
            </span>
            {unit.reasons.length > 0 && <FindingList findings={unit.reasons} lang={lang} t={t} onSelect={onSelect} testId="consolidated-unit-reasons" />}
          </li>
        ))}
      </ul>
    </article>
  );
}

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
  /** A consolidated table: it is on no sheet of the workbook (its cells are the units' own), so no range is shown. */
  consolidated?: boolean;
  index: number;
  count: number;
  lang: Lang;
  t: Strings;
  onSelect: (at: CellRef) => void;
}

function TableCard({ table, consolidated = false, index, count, lang, t, onSelect }: TableProps): React.JSX.Element {
  const styles = useStyles();
  const factList = useFactListStyles();
  const names = table.units.map((u) => u.name);
  return (
    <article className={factList.card} data-testid="table">
      {count > 1 && (
        <Text as="h3" weight="semibold" className={styles.flush}>
          {fmt(t.tableHeading, { i: index + 1 })}
        </Text>
      )}
      {table.title && (
        <Text weight="semibold" className={styles.title} data-testid="table-title" lang="vi">
          {table.title}
        </Text>
      )}
      <dl className={factList.facts}>
        <dt className={factList.dt}>{t.layoutLabel}</dt>
        <dd className={factList.dd} data-testid="layout" data-layout={table.layout}>
          {layoutName(table.layout, t)}
        </dd>
        {!consolidated && (
          <>
            <dt className={factList.dt}>{t.rangeLabel}</dt>
            <dd className={factList.dd} data-testid="range">
              {qualified(table.sheet, table.range)}
            </dd>
          </>
        )}
        <dt className={factList.dt}>{t.unitsLabel}</dt>
        <dd className={factList.dd}>
          <span data-testid="units-count">{names.length}</span>
          {names.length > 0 && names.length <= 3 && (
            <Caption1 block lang="vi">
              {names.join(", ")}
            </Caption1>
          )}
        </dd>
        <dt className={factList.dt}>{t.criteriaLabel}</dt>
        <dd className={factList.dd} data-testid="criteria-count">
          {table.criteriaCount}
        </dd>
        {table.max !== null && (
          <>
            <dt className={factList.dt}>{t.tableMaxLabel}</dt>
            <dd className={factList.dd} data-testid="table-max">
              {points(table.max, lang)}
            </dd>
          </>
        )}
        {table.template && (
          <>
            <dt className={factList.dt}>{t.templateLabel}</dt>
            <dd className={factList.dd} data-testid="template" data-template={table.template.id}>
              {table.template.title[lang]}
            </dd>
          </>
        )}
      </dl>
      <Text as={count > 1 ? "h4" : "h3"} weight="semibold" className={styles.sectionTitle}>
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
        <Subtitle2 as="h2" className={styles.flush} tabIndex={-1} data-step-heading>
          {t.step2}
        </Subtitle2>
        <Caption1 block data-testid="read-from">
          {recognisedText(facts, address, t)}
        </Caption1>
      </div>
      {facts.consolidation && <ConsolidationCard consolidation={facts.consolidation} lang={lang} t={t} onSelect={onSelect} />}
      {facts.tables.map((table, i) => (
        <TableCard
          key={i}
          table={table}
          consolidated={facts.consolidation !== undefined}
          index={i}
          count={facts.tables.length}
          lang={lang}
          t={t}
          onSelect={onSelect}
        />
      ))}
      {facts.findings.length > 0 && (
        <div>
          <Text as="h3" weight="semibold" className={styles.flush}>
            {fmt(t.otherFindingsTitle, { n: facts.findings.length })}
          </Text>
          <FindingList findings={facts.findings} lang={lang} t={t} onSelect={onSelect} testId="other-findings" />
        </div>
      )}
    </section>
  );
}
