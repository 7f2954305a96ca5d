import "./builtins";
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { detectHost, type HostState } from "./office";
import { createPipeline } from "./pipeline";
import { Session } from "./session";

// The Excel host loads on demand: the first paint only needs React and Fluent UI. The pipeline
// runs in a worker (a same-origin chunk webpack emits for this `new Worker(new URL(...))`), or
// in the page, loaded on demand, where there is no Worker.
const pipeline = createPipeline({
  worker: () =>
    // @ts-expect-error TS1343: webpack compiles import.meta.url here; tsconfig's module is commonjs (Node, jest), which has none.
    new Worker(new URL("./pipeline.worker.ts", import.meta.url), { name: "pipeline" }),
  work: () => import(/* webpackChunkName: "engine" */ "./work"),
});
const session = new Session({
  actions: () => import(/* webpackChunkName: "excel" */ "./excel-actions").then((m) => m.createExcelActions()),
  pipeline,
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
