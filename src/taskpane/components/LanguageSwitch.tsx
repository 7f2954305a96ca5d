import * as React from "react";
import { Label, Radio, RadioGroup, makeStyles, tokens, useId } from "@fluentui/react-components";
import { LANGS, type Lang, type Strings } from "../i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  group: { flexWrap: "nowrap" },
});

export interface LanguageSwitchProps {
  lang: Lang;
  t: Strings;
  onChange: (lang: Lang) => void;
}

/** Label and the two languages on one line (it wraps below the label only when the pane is very narrow). */
export function LanguageSwitch({ lang, t, onChange }: LanguageSwitchProps): React.JSX.Element {
  const styles = useStyles();
  const labelId = useId("language");
  const label = (l: Lang) => (l === "vi" ? t.langVi : t.langEn);
  return (
    <div className={styles.root}>
      <Label id={labelId}>{t.languageLabel}</Label>
      <RadioGroup
        className={styles.group}
        layout="horizontal"
        value={lang}
        aria-labelledby={labelId}
        data-testid="language-switch"
        onChange={(_event, data) => onChange(data.value as Lang)}
      >
        {LANGS.map((l) => (
          <Radio key={l} value={l} label={label(l)} lang={l} data-testid={`lang-${l}`} />
        ))}
      </RadioGroup>
    </div>
  );
}
