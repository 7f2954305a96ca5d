import * as React from "react";
import { makeStaticStyles, makeStyles, tokens } from "@fluentui/react-components";
import { AnalyzePanel } from "./components/AnalyzePanel";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { Header } from "./components/Header";
import { LanguageSwitch } from "./components/LanguageSwitch";
import { strings, type Lang } from "./i18n";
import type { HostState } from "./office";
import type { Session } from "./session";

/** The page itself: no browser margin (a task pane is narrow enough). */
const useStaticStyles = makeStaticStyles({
  body: { margin: 0 },
});

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    minHeight: "100vh",
    boxSizing: "border-box",
    maxWidth: "100%",
    overflowWrap: "anywhere",
  },
});

export interface AppProps {
  host: HostState;
  session: Session;
  initialLang?: Lang;
}

export function App({ host, session, initialLang = "vi" }: AppProps): React.JSX.Element {
  useStaticStyles();
  const styles = useStyles();
  const [lang, setLang] = React.useState<Lang>(initialLang);
  const state = React.useSyncExternalStore(session.subscribe, session.getState, session.getState);
  const t = strings(lang);
  React.useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.productName;
  }, [lang, t]);
  React.useEffect(() => {
    if (host === "excel") void session.checkApi();
  }, [host, session]);
  return (
    <main className={styles.root} lang={lang}>
      <Header t={t} compact={state.phase !== "start"} />
      <LanguageSwitch lang={lang} t={t} onChange={setLang} />
      <ErrorBoundary t={t}>
        <AnalyzePanel host={host} lang={lang} t={t} session={session} state={state} />
      </ErrorBoundary>
    </main>
  );
}
