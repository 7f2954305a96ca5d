import * as React from "react";
import { Body1, Subtitle1, makeStyles, tokens } from "@fluentui/react-components";
import type { Strings } from "../i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  logo: { width: "32px", height: "32px", flexShrink: 0 },
  titleRow: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  flush: { margin: 0 },
});

export interface HeaderProps {
  t: Strings;
  /** Leave the description out (once the user is past step 1). */
  compact?: boolean;
}

export function Header({ t, compact = false }: HeaderProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <header className={styles.root}>
      <div className={styles.titleRow}>
        <img className={styles.logo} src="assets/icon-64.png" width={32} height={32} alt="" />
        <Subtitle1 as="h1" className={styles.flush} data-testid="product-name">
          {t.productName}
        </Subtitle1>
      </div>
      {!compact && (
        <Body1 as="p" className={styles.flush} data-testid="description">
          {t.description}
        </Body1>
      )}
    </header>
  );
}
