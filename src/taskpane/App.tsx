import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { AnalyzePanel } from "./components/AnalyzePanel";
import { Header } from "./components/Header";
import { LanguageSwitch } from "./components/LanguageSwitch";
import { strings, type Lang } from "./i18n";
import type { HostState } from "./office";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    minHeight: "100vh",
    boxSizing: "border-box",
  },
});

export interface AppProps {
  host: HostState;
  initialLang?: Lang;
  onAnalyze?: () => void;
}

export function App({ host, initialLang = "vi", onAnalyze }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const [lang, setLang] = React.useState<Lang>(initialLang);
  const t = strings(lang);
  React.useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.productName;
  }, [lang, t]);
  return (
    <main className={styles.root} lang={lang}>
      <Header t={t} />
      <LanguageSwitch lang={lang} t={t} onChange={setLang} />
      <AnalyzePanel host={host} t={t} onAnalyze={onAnalyze} />
    </main>
  );
}
