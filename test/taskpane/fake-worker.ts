/**
 * A Worker for Node tests: runs the real worker side (PipelineHandler over work.ts) on later
 * macrotasks, and structured-clones every message both ways, as postMessage does. It can fail to
 * start, crash, hold back answers of chosen types (to cancel a job while it "runs"), and says
 * whether it was terminated.
 */
import { PipelineHandler, type PipelineResponse, type WorkFunctions } from "../../src/taskpane/pipeline-protocol";
import type { WorkerLike } from "../../src/taskpane/pipeline";
import * as work from "../../src/taskpane/work";

export interface FakeWorkerOptions {
  /** The script never runs: an error event instead of "ready". */
  failStart?: boolean;
  /** Answers of these types are kept back (stage messages still arrive). */
  hold?: PipelineResponse["type"][];
  work?: WorkFunctions;
}

export class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  terminated = false;
  /** What the pane posted, as the worker received it. */
  readonly received: { type: string }[] = [];
  readonly handler: PipelineHandler;
  readonly held: PipelineResponse[] = [];

  constructor(private readonly options: FakeWorkerOptions = {}) {
    this.handler = new PipelineHandler(options.work ?? work, (message) => this.emit(message));
    setTimeout(() => {
      if (this.terminated) return;
      if (options.failStart) this.crash("Failed to load worker script", true);
      else this.emit({ type: "ready" });
    }, 0);
  }

  postMessage(message: unknown): void {
    if (this.terminated) return;
    const copy = structuredClone(message) as { type: string };
    this.received.push(copy);
    setTimeout(() => {
      if (!this.terminated) this.handler.handle(copy);
    }, 0);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** An uncaught error in the worker (or, before "ready", a script that could not load). */
  crash(message: string, plain = false): void {
    const event = { message: plain ? undefined : message, preventDefault: () => undefined } as unknown as ErrorEvent;
    this.onerror?.(event);
  }

  private emit(message: PipelineResponse): void {
    const copy = structuredClone(message);
    if (this.options.hold?.includes(copy.type)) {
      this.held.push(copy);
      return;
    }
    setTimeout(() => {
      if (!this.terminated) this.onmessage?.({ data: copy } as MessageEvent);
    }, 0);
  }
}

/** A factory that records the workers it made. */
export function workerFactory(options: FakeWorkerOptions | ((n: number) => FakeWorkerOptions) = {}): { create: () => FakeWorker; made: FakeWorker[] } {
  const made: FakeWorker[] = [];
  return {
    made,
    create: () => {
      const worker = new FakeWorker(typeof options === "function" ? options(made.length) : options);
      made.push(worker);
      return worker;
    },
  };
}
