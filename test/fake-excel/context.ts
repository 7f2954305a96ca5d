/**
 * The fake request context: queues actions, and on `sync()` sends them as one request —
 * refused whole over the payload limit (5 MB, as Excel on the web), else applied in order, with
 * loaded values delivered only when the whole request succeeded.
 */
import { type Applied, type ContextCore, FakeClientObject, type QueuedAction, wireBytes } from "./client-object";
import { FakeOfficeError } from "./errors";
import type { WorkbookState } from "./model";
import { FakeApplication, FakeWorkbook } from "./workbook-objects";

export class FakeRequestContext implements ContextCore {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  private queue: QueuedAction[] = [];
  private pathBytes = 0;
  private created: FakeClientObject<unknown>[] = [];
  private answering = false;
  private suspendedCalculation = false;
  private suspendedScreenUpdating = false;
  private nextPathId = 1;
  /** Office.js API surface some code touches; tracking has no effect in the fake. */
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };

  constructor(readonly state: WorkbookState) {
    this.workbook = new FakeWorkbook(this);
    this.application = this.workbook.application;
  }

  enqueue(action: QueuedAction): void {
    if (this.answering) throw new Error("fake: an action was queued while a sync was being answered");
    this.queue.push(action);
  }

  registerPath(object: FakeClientObject<unknown>, name: string, args: unknown[]): number {
    const id = this.nextPathId++;
    if (this.answering) return id;
    this.created.push(object);
    // An object path, and the action that instantiates it, as Office.js sends them.
    this.pathBytes += wireBytes({ Id: id, ObjectPathType: 3, Name: name, ParentObjectPathId: id - 1, ArgumentInfo: { Arguments: args.map((a) => (a instanceof FakeClientObject ? { _ObjectPathId: a._pathId } : a)) } });
    this.pathBytes += wireBytes({ Id: id, ActionType: 1, Name: "", ObjectPathId: id });
    return id;
  }

  _suspend(what: "calculation" | "screen"): void {
    if (what === "calculation") this.suspendedCalculation = true;
    else this.suspendedScreenUpdating = true;
  }

  /** Sends the queued request: refused whole if over the payload limit, else applied in order. */
  async sync(): Promise<void> {
    const actions = this.queue;
    const created = this.created;
    const bytes = this.pathBytes + actions.reduce((n, a) => n + a.bytes, 0) + 40;
    this.queue = [];
    this.created = [];
    this.pathBytes = 0;
    const record = {
      bytes,
      responseBytes: 0,
      actions: actions.length,
      suspendedCalculation: this.suspendedCalculation,
      suspendedScreenUpdating: this.suspendedScreenUpdating,
    } as WorkbookState["requests"][number];
    this.suspendedCalculation = false;
    this.suspendedScreenUpdating = false;
    this.state.requests.push(record);
    await Promise.resolve();
    if (bytes > this.state.payloadLimit) {
      record.error = "RequestPayloadSizeLimitExceeded";
      throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `The request payload size (${bytes} bytes) has exceeded the limit (${this.state.payloadLimit} bytes).`);
    }
    const commits: (() => void)[] = [];
    this.answering = true;
    try {
      for (const action of actions) {
        const answer = action.apply() as Applied | undefined;
        if (answer) {
          record.responseBytes += answer.responseBytes;
          commits.push(answer.commit);
        }
      }
    } catch (error) {
      record.error = error instanceof FakeOfficeError ? error.code : "GeneralException";
      throw error instanceof FakeOfficeError ? error : new FakeOfficeError("GeneralException", String((error as Error)?.message ?? error));
    } finally {
      created.forEach((o) => o._settleNull());
      this.answering = false;
    }
    if (record.responseBytes > this.state.payloadLimit) {
      record.error = "ResponsePayloadSizeLimitExceeded";
      throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `The response payload size (${record.responseBytes} bytes) has exceeded the limit.`);
    }
    commits.forEach((c) => c());
  }

  /** Work queued and not yet synced (Excel.run flushes it at the end). */
  get _pending(): boolean {
    return this.queue.length > 0;
  }
}
