import * as React from "react";
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  useId,
} from "@fluentui/react-components";
import type { CellRef, DeductionFact, Facts, TableFact, UnitFact } from "../facts";
import { fmt, points, type Lang, type Strings } from "../i18n";
import type { Written } from "../session";
import { writtenText } from "../transitions";
import { useFactListStyles } from "./fact-list-styles";
import { UnitPicker } from "./UnitPicker";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  flush: { margin: 0 },
  written: { overflowWrap: "anywhere" },
  unitName: { overflowWrap: "anywhere" },
  total: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorBrandForeground1,
  },
  totalMax: { fontSize: tokens.fontSizeBase400, color: tokens.colorNeutralForeground2 },
  up: { color: tokens.colorPaletteGreenForeground1 },
  down: { color: tokens.colorPaletteRedForeground1 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  row: {
    display: "grid",
    gridTemplateColumns: "max-content minmax(0, 1fr) max-content",
    columnGap: tokens.spacingHorizontalS,
    alignItems: "baseline",
    width: "100%",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    border: "none",
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    background: "none",
    textAlign: "left",
    font: "inherit",
    color: "inherit",
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  rowStatic: { cursor: "default", ":hover": { backgroundColor: "transparent" } },
  selectedRow: { backgroundColor: tokens.colorBrandBackground2 },
  code: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1, minWidth: "2.5em" },
  title: { overflowWrap: "anywhere" },
  lost: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorPaletteRedForeground1, whiteSpace: "nowrap" },
  value: { fontWeight: tokens.fontWeightSemibold, whiteSpace: "nowrap" },
  rank: { fontWeight: tokens.fontWeightSemibold, whiteSpace: "nowrap", minWidth: "2.5em" },
  buttons: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  sectionTitle: { margin: 0, marginTop: tokens.spacingVerticalXS },
  blockTitle: { margin: 0, marginTop: tokens.spacingVerticalS },
  bodyRow: { gridTemplateColumns: "minmax(0, 1fr) max-content" },
  bodyCriteria: { display: "block", color: tokens.colorNeutralForeground2 },
  more: { alignSelf: "flex-start" },
});

const RANKS_SHOWN = 10;
/** Rows added per click beyond the first ten: 10,000 rank rows at once would hold the page for seconds. */
export const RANKS_STEP = 500;

export function rankText(unit: UnitFact, t: Strings): string {
  if (!unit.rankLabel) return t.notRanked;
  return unit.rankOf ? fmt(t.rankOf, { rank: unit.rankLabel, of: unit.rankOf }) : unit.rankLabel;
}

function totalText(unit: UnitFact, lang: Lang, t: Strings): { main: string; rest: string } {
  if (unit.total === null) return { main: t.noPoints, rest: "" };
  return { main: points(unit.total, lang), rest: unit.max ? fmt(t.ofMaxPoints, { max: points(unit.max, lang) }) : ` ${t.pointsUnit}` };
}

/**
 * Units by the engine's rank (unranked last), table order among equals; `i` is the unit's index in the table.
 * Where units are listed in blocks, ranks are within each block: blocks in table order, each by rank.
 */
export function byRank(units: UnitFact[]): { u: UnitFact; i: number }[] {
  const blockOrder = new Map<string, number>();
  for (const u of units) if (!blockOrder.has(u.block ?? "")) blockOrder.set(u.block ?? "", blockOrder.size);
  const block = (u: UnitFact) => blockOrder.get(u.block ?? "") ?? 0;
  return units.map((u, i) => ({ u, i })).sort((a, b) => block(a.u) - block(b.u) || (a.u.rank ?? Infinity) - (b.u.rank ?? Infinity) || a.i - b.i);
}

/** Ranked rows split where the block changes (byRank keeps a block's units together); null: a table without blocks. */
export function byBlock<T extends { u: UnitFact }>(rows: T[]): { block: string | null; rows: T[] }[] {
  const groups: { block: string | null; rows: T[] }[] = [];
  for (const row of rows) {
    const block = row.u.block ?? null;
    const last = groups[groups.length - 1];
    if (last && last.block === block) last.rows.push(row);
    else groups.push({ block, rows: [row] });
  }
  return groups;
}

interface DeductionsProps {
  deductions: DeductionFact[];
  lang: Lang;
  t: Strings;
  onSelect: (at: CellRef) => void;
}

function Deductions({ deductions, lang, t, onSelect }: DeductionsProps): React.JSX.Element {
  const styles = useStyles();
  if (deductions.length === 0) return <Caption1 data-testid="deductions-none">{t.deductionsNone}</Caption1>;
  return (
    <ul className={styles.list} data-testid="deductions">
      {deductions.map((d) => {
        const lost = points(d.lost, lang);
        const shown = fmt(t.lostPoints, { points: lost });
        // A table that gives codes only ("1", "2" as column heads): the criterion is named by its level.
        const level = Math.min(Math.max(d.level, 1), 3) as 1 | 2 | 3;
        const title = d.title || fmt(t[`criterionLevel${level}`], { code: d.code });
        // Spaces between the cells: the row's text reads "8 Tác động của CCHC −5,20", as its name starts.
        const content = (
          <>
            <span className={styles.code}>{d.code}</span>{" "}
            <span className={styles.title} lang={d.title ? "vi" : undefined}>
              {title}
            </span>{" "}
            <span className={styles.lost}>{shown}</span>
          </>
        );
        return (
          <li key={d.code}>
            {d.at ? (
              <button
                type="button"
                className={styles.row}
                onClick={() => onSelect(d.at as CellRef)}
                aria-label={fmt(t.deductionLink, { shown: `${d.code} ${title} ${shown}`, points: lost, cell: d.at.cell })}
                title={fmt(t.goToCell, { cell: d.at.cell })}
                data-testid="deduction"
                data-code={d.code}
                data-sheet={d.at.sheet}
                data-cell={d.at.cell}
              >
                {content}
              </button>
            ) : (
              <div className={mergeClasses(styles.row, styles.rowStatic)} data-testid="deduction" data-code={d.code}>
                {content}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

interface TableSummaryProps {
  table: TableFact;
  lang: Lang;
  t: Strings;
  onSelect: (at: CellRef) => void;
  /** The table's index in the facts. */
  index: number;
  /** A unit is shown whose details were left for later (Session.showUnit). */
  onShowUnit?: (table: number, unit: number) => void;
}

function TableSummary({ table, lang, t, onSelect, index: tableIndex, onShowUnit }: TableSummaryProps): React.JSX.Element {
  const styles = useStyles();
  const factList = useFactListStyles();
  const [unitIndex, setUnitIndex] = React.useState(0);
  const [ranksShown, setRanksShown] = React.useState(RANKS_SHOWN);
  // Sorted once per table (a national table has 10,000 units), not on every click.
  const ranked = React.useMemo(() => byRank(table.units), [table.units]);
  const unitNames = React.useMemo(() => table.units.map((u) => u.name), [table.units]);
  const shownIndex = Math.min(unitIndex, table.units.length - 1);
  const unit = table.units[shownIndex];
  const detailsLater = unit?.detailsLater === true;
  React.useEffect(() => {
    if (detailsLater) onShowUnit?.(tableIndex, shownIndex);
  }, [detailsLater, tableIndex, shownIndex, onShowUnit]);
  if (!unit) return <></>;
  const total = totalText(unit, lang, t);
  const shownRanks = ranked.slice(0, ranksShown);
  const ranksLeft = ranked.length - shownRanks.length;
  const delta = unit.changeDelta === null ? 0 : Math.sign(Number(unit.changeDelta));
  const changeClass = delta > 0 ? styles.up : delta < 0 ? styles.down : undefined;
  return (
    <article className={factList.card} data-testid="table-summary">
      {table.title && (
        <Caption1 block className={styles.unitName} lang="vi">
          {table.title}
        </Caption1>
      )}
      {table.units.length > 1 ? (
        <UnitPicker label={t.unitLabel} names={unitNames} chosen={String(unitIndex)} onChoose={(value) => setUnitIndex(Number(value))} t={t} testId="unit-select" />
      ) : (
        <Text as="h3" weight="semibold" size={400} className={mergeClasses(styles.unitName, styles.flush)} data-testid="unit-name">
          <span lang="vi">{unit.name}</span>
          {unit.period ? ` (${unit.period})` : ""}
        </Text>
      )}
      <div data-testid="unit-total" data-total={unit.total ?? ""}>
        <span className={styles.total}>{total.main}</span>
        <span className={styles.totalMax}>{total.rest}</span>
      </div>
      <dl className={factList.facts}>
        {table.units.length > 1 && unit.period && (
          <>
            <dt className={factList.dt}>{t.periodLabel}</dt>
            <dd className={factList.dd}>{unit.period}</dd>
          </>
        )}
        {unit.percent !== null && (
          <>
            <dt className={factList.dt}>{t.percentLabel}</dt>
            <dd className={factList.dd} data-testid="unit-percent">
              {points(unit.percent, lang)}%
            </dd>
          </>
        )}
        {unit.lost !== null && (
          <>
            <dt className={factList.dt}>{t.lostLabel}</dt>
            <dd className={factList.dd} data-testid="unit-lost">
              {points(unit.lost, lang)}
            </dd>
          </>
        )}
        <dt className={factList.dt}>{t.rankLabel}</dt>
        <dd className={factList.dd} data-testid="unit-rank">
          {rankText(unit, t)}
        </dd>
        {unit.change && (
          <>
            <dt className={factList.dt}>{t.changeLabel}</dt>
            <dd className={mergeClasses(factList.dd, changeClass)} data-testid="unit-change">
              {unit.change[lang]}
            </dd>
          </>
        )}
        {unit.climb && (
          <>
            <dt className={factList.dt}>{t.climbLabel}</dt>
            <dd className={factList.dd} data-testid="unit-climb">
              {unit.climb[lang]}
            </dd>
          </>
        )}
        {unit.block && (
          <>
            <dt className={factList.dt}>{t.blockLabel}</dt>
            <dd className={factList.dd} data-testid="unit-block" lang="vi">
              {unit.block}
            </dd>
          </>
        )}
        {unit.target && (
          <>
            <dt className={factList.dt}>{t.targetLabel}</dt>
            <dd className={factList.dd} data-testid="unit-target">
              {unit.target[lang]}
            </dd>
          </>
        )}
        {unit.group && (
          <>
            <dt className={factList.dt}>{t.groupLabel}</dt>
            <dd className={factList.dd} data-testid="unit-group">
              {unit.groupText ? unit.groupText[lang] : <span lang="vi">{unit.group}</span>}
              {unit.groupReason ? ` (${unit.groupReason[lang]})` : ""}
            </dd>
          </>
        )}
      </dl>
      {unit.responsibility && unit.responsibility.length > 0 && (
        <>
          <Text as="h4" weight="semibold" className={styles.sectionTitle}>
            {t.responsibilityTitle}
          </Text>
          <ul className={styles.list} data-testid="responsibility">
            {unit.responsibility.map((r) => (
              <li key={r.body ?? ""} className={mergeClasses(styles.row, styles.rowStatic, styles.bodyRow)} data-testid="responsibility-row">
                <span className={styles.title}>
                  {r.body ? <span lang="vi">{r.body}</span> : t.notAssigned}:{" "}
                  <span className={styles.bodyCriteria}>{fmt(t.responsibilityCriteria, { codes: r.criteria.join(", ") })}</span>
                </span>{" "}
                <span className={styles.lost}>{fmt(t.lostPoints, { points: points(r.lost, lang) })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <Text as="h4" weight="semibold" className={styles.sectionTitle}>
        {t.deductionsTitle}
      </Text>
      {detailsLater ? (
        <Caption1 data-testid="details-loading">{t.detailsLoading}</Caption1>
      ) : (
        <Deductions deductions={unit.deductions} lang={lang} t={t} onSelect={onSelect} />
      )}
      {table.units.length > 1 && (
        <>
          <Text as="h4" weight="semibold" className={styles.sectionTitle}>
            {t.ranksTitle}
          </Text>
          <div data-testid="ranks">
            {byBlock(shownRanks).map(({ block, rows }) => (
              <React.Fragment key={block ?? ""}>
                {block !== null && (
                  <Text as="h5" size={200} weight="semibold" className={styles.blockTitle} lang="vi" data-testid="ranks-block">
                    {block}
                  </Text>
                )}
                <ol className={styles.list}>
                  {rows.map(({ u, i: index }) => (
                    <li key={index}>
                      <button
                        type="button"
                        className={mergeClasses(styles.row, index === unitIndex && styles.selectedRow)}
                        onClick={() => setUnitIndex(index)}
                        aria-pressed={index === unitIndex}
                        data-testid="rank-row"
                      >
                        <span className={styles.rank}>{u.rankLabel ?? "—"}</span>
                        <span className={styles.title} lang="vi">
                          {u.name}
                        </span>
                        <span className={styles.value}>{u.total !== null ? points(u.total, lang) : "—"}</span>
                      </button>
                    </li>
                  ))}
                </ol>
              </React.Fragment>
            ))}
          </div>
          {ranked.length > RANKS_SHOWN && (
            <Button
              className={styles.more}
              appearance="transparent"
              size="small"
              onClick={() => setRanksShown(ranksLeft === 0 ? RANKS_SHOWN : ranksShown + Math.min(ranksLeft, RANKS_STEP))}
              data-testid="more-ranks"
            >
              {ranksLeft === 0
                ? t.showFewer
                : ranksLeft <= RANKS_STEP
                  ? fmt(t.showAll, { n: ranked.length })
                  : fmt(t.showMore, { n: RANKS_STEP, total: ranked.length })}
            </Button>
          )}
        </>
      )}
    </article>
  );
}

export interface SummaryViewProps {
  facts: Facts;
  written: Written;
  lang: Lang;
  t: Strings;
  busy: boolean;
  onSelect: (at: CellRef) => void;
  onRemoveHighlights: () => void;
  onStartOver: () => void;
  /** A unit is shown whose details were left for later: ask for them (Session.showUnit). */
  onShowUnit?: (table: number, unit: number) => void;
}

/** After writing: what was written, totals, ranks, largest deductions (each selects its cell). */
export function SummaryView({ facts, written, lang, t, busy, onSelect, onRemoveHighlights, onStartOver, onShowUnit }: SummaryViewProps): React.JSX.Element {
  const styles = useStyles();
  // The results replace the longer step 2: show them from the top.
  React.useEffect(() => {
    if (typeof window.scrollTo === "function") window.scrollTo({ top: 0 });
  }, []);
  const writtenId = useId("written");
  return (
    <section className={styles.root} data-testid="summary">
      <Subtitle2 as="h2" className={styles.flush} tabIndex={-1} data-step-heading>
        {t.summaryTitle}
      </Subtitle2>
      <MessageBar layout="multiline" intent="success" data-testid="written" aria-labelledby={writtenId}>
        <MessageBarBody className={styles.written} id={writtenId}>
          {writtenText(written.outcome, t)}
        </MessageBarBody>
      </MessageBar>
      {facts.tables.map((table, i) => (
        <TableSummary key={i} index={i} table={table} lang={lang} t={t} onSelect={onSelect} onShowUnit={onShowUnit} />
      ))}
      {facts.consolidation && facts.consolidation.units.some((u) => u.status !== "ranked") && (
        <Caption1 block data-testid="consolidation-unranked" lang={lang}>
          {[
            ["left-out", t.summaryLeftOut],
            ["not-ranked", t.summaryNotRanked],
          ]
            .map(([status, label]) => [label, facts.consolidation!.units.filter((u) => u.status === status).map((u) => u.name)] as const)
            .filter(([, names]) => names.length > 0)
            .map(([label, names]) => fmt(label, { units: names.join(", ") }))
            .join(" ")}
        </Caption1>
      )}
      <div className={styles.buttons}>
        <Button appearance="secondary" disabledFocusable={busy} onClick={onRemoveHighlights} data-testid="remove-highlights">
          {t.removeHighlights}
        </Button>
        <Button appearance="subtle" disabledFocusable={busy} onClick={onStartOver} data-testid="start-over">
          {t.startOver}
        </Button>
      </div>
    </section>
  );
}
