import * as React from "react";
import { Field, Radio, RadioGroup } from "@fluentui/react-components";
import { LANGS, type Lang, type Strings } from "../i18n";

export interface LanguageSwitchProps {
  lang: Lang;
  t: Strings;
  onChange: (lang: Lang) => void;
}

export function LanguageSwitch({ lang, t, onChange }: LanguageSwitchProps): React.JSX.Element {
  const label = (l: Lang) => (l === "vi" ? t.langVi : t.langEn);
  return (
    <Field label={t.languageLabel}>
      <RadioGroup
        layout="horizontal"
        value={lang}
        data-testid="language-switch"
        onChange={(_event, data) => onChange(data.value as Lang)}
      >
        {LANGS.map((l) => (
          <Radio key={l} value={l} label={label(l)} lang={l} data-testid={`lang-${l}`} />
        ))}
      </RadioGroup>
    </Field>
  );
}
