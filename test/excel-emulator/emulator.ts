/**
 * An emulated Excel host for Microsoft's real Office.js runtime (npm @microsoft/office-js): it
 * answers the ProcessQuery requests the runtime's HTTP request executor sends
 * (`new Excel.RequestContext(url)`, or `Excel.run` with a default request URL), one per
 * `context.sync()`, and the clean-up request `Excel.run` sends after the batch.
 *
 * A request is the runtime's own JSON: ObjectPaths (global object, properties, methods, indexers,
 * reference ids) and Actions (instantiate, query, method, set property). The emulator resolves
 * each object path to an object of the behavioural fake (test/fake-excel), which holds the workbook,
 * replays the actions on it in order and syncs it once, then answers with the runtime's Results.
 *
 * Like Excel on the web it refuses a request or a response over 5 MB with
 * RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded, and keeps the references
 * `_KeepReference` asks for until `_RemoveReference` releases them. An action or object path it
 * does not know is recorded in `unknown` and fails the request, so a test can insist on none.
 */
import { FakeClientObject, FakeClientResult } from "../fake-excel/client-object";
import { FakeRequestContext } from "../fake-excel/context";
import { FakeOfficeError } from "../fake-excel/errors";
import { createFakeWorkbook, type WorkbookSpec } from "../fake-excel/build";
import type { WorkbookState } from "../fake-excel/model";
import { FakeChart } from "../fake-excel/charts";
import { FakeRange, type RangeTarget } from "../fake-excel/range";
import { FakeWorksheet } from "../fake-excel/workbook-objects";

/** Excel on the web's payload limit for one request and one response. */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;

export interface EmulatedRequest {
  /** UTF-8 bytes of the request body, as the runtime sent it. */
  bytes: number;
  actions: number;
  objectPaths: number;
  responseBytes: number;
  keepReferences: number;
  removeReferences: number;
  /** The error code the request was answered with, if any. */
  error?: string;
}

interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
}

interface ActionInfo {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
  QueryInfo?: { Select?: string[]; Expand?: string[] };
}

interface RequestBody {
  Actions: ActionInfo[];
  ObjectPaths: Record<string, ObjectPathInfo>;
}

type AnyObject = FakeClientObject<unknown>;
type Answer = () => unknown;

/** An action the emulator does not know: the request fails and the test sees it in `unknown`. */
class UnknownAction extends Error {}

const OBJECT_PATH_TYPES: Record<number, string> = {
  1: "GlobalObject",
  2: "NewObject",
  3: "Method",
  4: "Property",
  5: "Indexer",
  6: "ReferenceId",
};

/** Optional arguments left out travel as trailing nulls; the fake's methods want them left out. */
function withoutTrailingNulls(args: unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && (args[end - 1] === null || args[end - 1] === undefined)) end--;
  return args.slice(0, end);
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function setterOf(object: object, name: string): boolean {
  for (let proto: object | null = object; proto; proto = Object.getPrototypeOf(proto) as object | null) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (d) return typeof d.set === "function";
  }
  return false;
}

function isNull(object: AnyObject): boolean {
  if (!(object instanceof FakeClientObject)) return false;
  try {
    return object.isNullObject;
  } catch {
    return false;
  }
}

export class ExcelEmulator {
  readonly state: WorkbookState;
  readonly requests: EmulatedRequest[] = [];
  /** Actions and object paths the emulator does not know ("Method Range.Foo"). */
  readonly unknown: string[] = [];
  private readonly context: FakeRequestContext;
  /** References `_KeepReference` holds (id -> object), released by `_RemoveReference`. */
  private readonly references = new Map<string, AnyObject>();
  private readonly referenceOf = new Map<AnyObject, string>();
  /** Items handed out by collection queries, by the id they were given. */
  private readonly items = new Map<string, AnyObject>();
  private readonly itemIds = new Map<AnyObject, string>();
  private nextId = 1;

  constructor(
    spec: WorkbookSpec,
    readonly limit = PAYLOAD_LIMIT_BYTES,
    /** Excel's limit on an answer (the same as on a request; lower in tests of a refused read). */
    readonly responseLimit = limit,
  ) {
    this.state = createFakeWorkbook(spec);
    // The emulator measures the runtime's real requests; the fake's own estimate must not refuse first.
    this.state.payloadLimit = Number.POSITIVE_INFINITY;
    this.context = new FakeRequestContext(this.state);
  }

  /** References still held (an add-in that leaks them leaves Excel holding its ranges). */
  get heldReferences(): number {
    return this.references.size;
  }

  /** Answers one ProcessQuery request body: HTTP status and response body. */
  async processQuery(body: string): Promise<{ status: number; body: string }> {
    const bytes = Buffer.byteLength(body, "utf8");
    const parsed = JSON.parse(body) as RequestBody;
    const record: EmulatedRequest = {
      bytes,
      actions: parsed.Actions.length,
      objectPaths: Object.keys(parsed.ObjectPaths ?? {}).length,
      responseBytes: 0,
      keepReferences: parsed.Actions.filter((a) => a.Name === "_KeepReference").length,
      removeReferences: parsed.Actions.filter((a) => a.Name === "_RemoveReference").length,
    };
    this.requests.push(record);
    if (bytes > this.limit) {
      record.error = "RequestPayloadSizeLimitExceeded";
      return httpError(413, record.error, `The request payload size (${bytes} bytes) has exceeded the limit (${this.limit} bytes).`);
    }
    let results: { ActionId: number; Value: unknown }[];
    try {
      results = await this.execute(parsed);
    } catch (error) {
      const code = error instanceof FakeOfficeError ? error.code : error instanceof UnknownAction ? "InvalidArgument" : "GeneralException";
      record.error = code;
      const message = error instanceof Error ? error.message : String(error);
      if (process.env.EMU_DEBUG) console.log(error);
      const answer = JSON.stringify({
        Error: { Code: code, Message: message, HttpStatusCode: 400 },
      });
      record.responseBytes = Buffer.byteLength(answer, "utf8");
      return { status: 200, body: answer };
    }
    const answer = JSON.stringify({ Results: results });
    record.responseBytes = Buffer.byteLength(answer, "utf8");
    if (record.responseBytes > this.responseLimit) {
      record.error = "ResponsePayloadSizeLimitExceeded";
      return httpError(413, record.error, `The response payload size (${record.responseBytes} bytes) has exceeded the limit (${this.responseLimit} bytes).`);
    }
    return { status: 200, body: answer };
  }

  private async execute(request: RequestBody): Promise<{ ActionId: number; Value: unknown }[]> {
    const made = new Map<number, AnyObject>();
    const kept = new Set<AnyObject>();
    const resolve = (id: number): AnyObject => {
      const existing = made.get(id);
      if (existing) return existing;
      const info = request.ObjectPaths[String(id)];
      if (!info) throw this.refuse(`object path ${id} missing from the request`);
      const object = this.makePath(info, resolve);
      made.set(id, object);
      return object;
    };
    const argumentsOf = (info: ActionInfo["ArgumentInfo"]): unknown[] => {
      const args = info?.Arguments ?? [];
      const refs = info?.ReferencedObjectPathIds ?? [];
      return args.map((a, i) => (refs[i] && refs[i] === a ? resolve(a as number) : a));
    };
    const answers: { id: number; answer: Answer }[] = [];
    for (const action of request.Actions) {
      const object = resolve(action.ObjectPathId);
      switch (action.ActionType) {
        case 1: // Instantiate
          answers.push({ id: action.Id, answer: () => this.instantiated(object, kept) });
          break;
        case 2: // Query
          answers.push({ id: action.Id, answer: this.query(object, action) });
          break;
        case 3: // Method
          answers.push(...this.method(object, action, argumentsOf(action.ArgumentInfo), kept).map((answer) => ({ id: action.Id, answer })));
          break;
        case 4: {
          // SetProperty
          const name = lowerFirst(action.Name);
          if (!setterOf(object, name)) throw this.refuse(`SetProperty ${object.constructor.name}.${action.Name}`);
          (object as unknown as Record<string, unknown>)[name] = argumentsOf(action.ArgumentInfo)[0];
          break;
        }
        default:
          throw this.refuse(`ActionType ${action.ActionType} (${action.Name})`);
      }
    }
    await this.context.sync();
    const results: { ActionId: number; Value: unknown }[] = [];
    for (const { id, answer } of answers) {
      const value = answer();
      if (value !== undefined) results.push({ ActionId: id, Value: value });
    }
    return results;
  }

  /**
   * What Excel answers to an Instantiate: null for a null object; the reference id of a kept
   * object; the Id of a worksheet or chart (the runtime then finds it by that id, not by the path
   * that made it, so a worksheet added in one request is not added again by the next).
   */
  private instantiated(object: AnyObject, kept: Set<AnyObject>): unknown {
    if (isNull(object)) return null;
    if (kept.has(object)) return { _ReferenceId: this.keep(object) };
    if (object instanceof FakeWorksheet || object instanceof FakeChart) return { Id: this.itemId(object) };
    return undefined;
  }

  private itemId(object: AnyObject): string {
    let id = this.itemIds.get(object);
    if (!id) {
      id = `{item-${this.nextId++}}`;
      this.itemIds.set(object, id);
      this.items.set(id, object);
    }
    return id;
  }

  private keep(object: AnyObject): string {
    let id = this.referenceOf.get(object);
    if (!id) {
      id = `{ref-${this.nextId++}}`;
      this.referenceOf.set(object, id);
      this.references.set(id, object);
    }
    return id;
  }

  private refuse(what: string): UnknownAction {
    this.unknown.push(what);
    return new UnknownAction(`the emulated Excel does not know ${what}`);
  }

  private makePath(info: ObjectPathInfo, resolve: (id: number) => AnyObject): AnyObject {
    const args = info.ArgumentInfo?.Arguments ?? [];
    const refs = info.ArgumentInfo?.ReferencedObjectPathIds ?? [];
    const decoded = args.map((a, i) => (refs[i] && refs[i] === a ? resolve(a as number) : a));
    switch (info.ObjectPathType) {
      case 1:
        return this.context.workbook as unknown as AnyObject;
      case 6: {
        const object = this.references.get(info.Name);
        if (!object) throw new FakeOfficeError("InvalidObjectPath", `reference ${info.Name} is not held`);
        return object;
      }
    }
    const parent = resolve(info.ParentObjectPathId ?? -1) as unknown as Record<string, unknown>;
    const kind = OBJECT_PATH_TYPES[info.ObjectPathType] ?? `type ${info.ObjectPathType}`;
    const where = `${kind} ${parent.constructor.name}.${info.Name}`;
    if (info.ObjectPathType === 4) {
      const child = parent[lowerFirst(info.Name)];
      // A navigation property: a fake object, or a plain object of setters (a data bar's positiveFormat).
      if (child === null || typeof child !== "object") throw this.refuse(where);
      return child as AnyObject;
    }
    if (info.ObjectPathType === 5) {
      const item = typeof decoded[0] === "string" ? this.items.get(decoded[0]) : undefined;
      if (item) return item;
      if (typeof parent.getItem !== "function") throw this.refuse(where);
      return (parent.getItem as (key: unknown) => AnyObject)(decoded[0]);
    }
    if (info.ObjectPathType === 3) {
      const own = this.rangeMethod(parent, info.Name, decoded);
      if (own) return own;
      const fn = parent[lowerFirst(info.Name)];
      if (typeof fn !== "function") throw this.refuse(where);
      const made = (fn as (...a: unknown[]) => unknown).apply(parent, withoutTrailingNulls(decoded));
      // A fake object, or a plain object standing for one (a chart point's format).
      if (made === null || typeof made !== "object") throw this.refuse(where);
      return made as AnyObject;
    }
    throw this.refuse(where);
  }

  /** Range methods the runtime itself uses (splitting large arrays) that the fake does not have. */
  private rangeMethod(parent: Record<string, unknown>, name: string, args: unknown[]): AnyObject | undefined {
    if (!(parent instanceof FakeRange)) return undefined;
    const range = parent;
    const make = (rect: (t: RangeTarget) => RangeTarget["rect"]): AnyObject =>
      new FakeRange(
        this.context,
        () => {
          const t = range.target();
          return { sheet: t.sheet, rect: rect(t) };
        },
        upperFirst(name),
        args,
      ) as unknown as AnyObject;
    switch (name) {
      case "GetRow":
        return make((t) => ({
          top: t.rect.top + Number(args[0]),
          bottom: t.rect.top + Number(args[0]),
          left: t.rect.left,
          right: t.rect.right,
        }));
      case "GetBoundingRect": {
        const other = args[0];
        if (!(other instanceof FakeRange)) return undefined;
        return make((t) => {
          const o = other.target().rect;
          return {
            top: Math.min(t.rect.top, o.top),
            left: Math.min(t.rect.left, o.left),
            bottom: Math.max(t.rect.bottom, o.bottom),
            right: Math.max(t.rect.right, o.right),
          };
        });
      }
    }
    return undefined;
  }

  private method(object: AnyObject, action: ActionInfo, args: unknown[], kept: Set<AnyObject>): Answer[] {
    switch (action.Name) {
      case "_KeepReference":
        kept.add(object);
        return [];
      case "_RemoveReference": {
        const id = String(args[0]);
        const held = this.references.get(id);
        if (held) {
          this.references.delete(id);
          this.referenceOf.delete(held);
        }
        return [];
      }
      case "_ValidateArraySize":
        if (!(object instanceof FakeRange)) throw this.refuse(`Method ${object.constructor.name}._ValidateArraySize`);
        return [];
    }
    const target = object as unknown as Record<string, unknown>;
    const fn = target[lowerFirst(action.Name)];
    if (typeof fn !== "function") throw this.refuse(`Method ${object.constructor.name}.${action.Name}`);
    const result = (fn as (...a: unknown[]) => unknown).apply(object, withoutTrailingNulls(args));
    if (result instanceof FakeClientResult) return [() => result.value];
    return [];
  }

  /** Queues the load a Query asks for; the answer reads it after the sync, in the runtime's casing. */
  private query(object: AnyObject, action: ActionInfo): Answer {
    if (!(object instanceof FakeClientObject)) throw this.refuse(`Query on ${(object as object).constructor.name}`);
    const select = [...(action.QueryInfo?.Select ?? []), ...(action.QueryInfo?.Expand ?? [])];
    for (const key of Object.keys(action.QueryInfo ?? {})) {
      if (key !== "Select" && key !== "Expand") throw this.refuse(`Query option ${key}`);
    }
    const collection = "items" in object;
    const paths = select.length === 0 ? ["*"] : select;
    object.load(collection ? paths.map((p) => (p === "*" ? "items" : `items/${p}`)) : paths);
    return () => {
      if (isNull(object)) return null;
      if (collection) {
        const items = (object as unknown as { items: AnyObject[] }).items;
        return {
          _Items: items.map((item) => ({ _Id: this.itemId(item), ...readPaths(item, paths) })),
        };
      }
      return readPaths(object, paths);
    };
  }
}

/** The loaded values at these paths ("name", "format/fill/color", "*"), keyed as the runtime reads them. */
function readPaths(object: AnyObject, paths: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    if (path === "*") {
      for (const [k, v] of Object.entries(object.toJSON())) if ((!(v instanceof FakeClientObject) && !Array.isArray(v)) || k !== "items") out[upperFirst(k)] = v;
      continue;
    }
    const [first, ...rest] = path.split("/");
    const value = (object as unknown as Record<string, unknown>)[first];
    if (rest.length === 0) out[upperFirst(first)] = value;
    else if (value instanceof FakeClientObject) {
      const key = upperFirst(first);
      out[key] = {
        ...(out[key] as Record<string, unknown> | undefined),
        ...readPaths(value, [rest.join("/")]),
      };
    }
  }
  return out;
}

function httpError(status: number, code: string, message: string): { status: number; body: string } {
  return { status, body: JSON.stringify({ error: { code, message } }) };
}
