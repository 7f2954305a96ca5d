import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { detectHost, type HostState } from "./office";
import { Session } from "./session";

// The Excel host and the pipeline load on demand: the first paint only needs React and Fluent UI.
const session = new Session({
  actions: () => import(/* webpackChunkName: "excel" */ "./excel-actions").then((m) => m.createExcelActions()),
  work: () => import(/* webpackChunkName: "engine" */ "./work"),
});

function Root(): React.JSX.Element {
  const [host, setHost] = React.useState<HostState>("detecting");
  React.useEffect(() => detectHost(setHost), []);
  return (
    <FluentProvider theme={webLightTheme}>
      <App host={host} session={session} />
    </FluentProvider>
  );
}

// Render at once: Office.onReady may never fire (outside Office, offline).
const container = document.getElementById("container");
if (container) createRoot(container).render(<Root />);
