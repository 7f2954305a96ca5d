import * as React from "react";
import { Body1, Title3, makeStyles, tokens } from "@fluentui/react-components";
import type { Strings } from "../i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  logo: { width: "32px", height: "32px" },
  titleRow: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  flush: { margin: 0 },
});

export interface HeaderProps {
  t: Strings;
}

export function Header({ t }: HeaderProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <header className={styles.root}>
      <div className={styles.titleRow}>
        <img className={styles.logo} src="assets/icon-64.png" width={32} height={32} alt="" />
        <Title3 as="h1" className={styles.flush} data-testid="product-name">
          {t.productName}
        </Title3>
      </div>
      <Body1 as="p" className={styles.flush} data-testid="description">
        {t.description}
      </Body1>
    </header>
  );
}
