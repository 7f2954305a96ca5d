/**
 * The pane's pipeline worker: recognise, analyse and plan (work.ts) off the page's main thread,
 * so Office never sees the pane hang on a big table. Created by index.tsx with
 * `new Worker(new URL("./pipeline.worker.ts", import.meta.url))`: webpack emits it as a
 * same-origin chunk (the CSP's script-src 'self' covers workers). The protocol is
 * pipeline-protocol.ts; the pane's side is pipeline.ts.
 */
import "./builtins";
import { PipelineHandler, type PipelineResponse } from "./pipeline-protocol";
import * as work from "./work";

/** The dedicated worker's global scope, typed by hand (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: PipelineResponse): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const handler = new PipelineHandler(work, (message) => scope.postMessage(message));
scope.onmessage = (event) => handler.handle(event.data);
scope.postMessage({ type: "ready" });
