import * as React from "react";
import { Badge, Button, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { CellRef, FindingFact, Severity } from "../facts";
import { fmt, type Lang, type Strings } from "../i18n";
import { CellLink } from "./CellLink";

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  item: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    rowGap: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteYellowBorder2 },
  head: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  message: { overflowWrap: "anywhere" },
  more: { alignSelf: "flex-start" },
});

const LIMIT = 5;

const BADGE: Record<Severity, "danger" | "warning" | "informative"> = { error: "danger", warning: "warning", info: "informative" };

export function severityName(severity: Severity, t: Strings): string {
  return severity === "error" ? t.severityError : severity === "warning" ? t.severityWarning : t.severityInfo;
}

export interface FindingListProps {
  findings: FindingFact[];
  lang: Lang;
  t: Strings;
  onSelect: (at: CellRef) => void;
  testId?: string;
}

/** Findings, errors first, each with a link to its cell; the first few unless expanded. */
export function FindingList({ findings, lang, t, onSelect, testId = "findings" }: FindingListProps): React.JSX.Element {
  const styles = useStyles();
  const [all, setAll] = React.useState(false);
  const order: Severity[] = ["error", "warning", "info"];
  const sorted = [...findings].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
  const shown = all ? sorted : sorted.slice(0, LIMIT);
  return (
    <div data-testid={testId}>
      <ul className={styles.list}>
        {shown.map((f, i) => (
          <li
            key={i}
            className={mergeClasses(styles.item, f.severity === "error" && styles.error, f.severity === "warning" && styles.warning)}
            data-testid="finding"
            data-kind={f.kind}
          >
            <span className={styles.head}>
              <Badge appearance="tint" size="small" color={BADGE[f.severity]}>
                {severityName(f.severity, t)}
              </Badge>
              {f.at && <CellLink at={f.at} t={t} onSelect={onSelect} />}
            </span>
            <Text size={200} className={styles.message}>
              {f.message[lang]}
            </Text>
          </li>
        ))}
      </ul>
      {sorted.length > LIMIT && (
        <Button className={styles.more} appearance="transparent" size="small" onClick={() => setAll(!all)}>
          {all ? t.showFewer : fmt(t.showAll, { n: sorted.length })}
        </Button>
      )}
    </div>
  );
}
