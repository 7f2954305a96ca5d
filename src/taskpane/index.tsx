import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { detectHost, type HostState } from "./office";

function Root(): React.JSX.Element {
  const [host, setHost] = React.useState<HostState>("detecting");
  React.useEffect(() => detectHost(setHost), []);
  return (
    <FluentProvider theme={webLightTheme}>
      <App host={host} />
    </FluentProvider>
  );
}

// Render at once: Office.onReady may never fire (outside Office, offline).
const container = document.getElementById("container");
if (container) createRoot(container).render(<Root />);
