/**
 * The machinery every fake Office.js object shares, modelled on OfficeExtension.ClientObject:
 *
 * - Setting a property or calling a method queues an action; nothing happens until
 *   `context.sync()`, which applies the queued actions in order.
 * - `load()` queues a query; the values arrive with the sync. Reading a property that was not
 *   loaded, or before the sync that loads it, throws PropertyNotLoaded, as Office.js does.
 * - `isNullObject` of an *OrNullObject result is known after the next sync.
 * - Each object path and action is counted in the request's size as the JSON Office.js would
 *   send; each loaded value in the response's size.
 */
import { notLoaded, itemNotFound, invalidArgument } from "./errors";
import type { WorkbookState } from "./model";

const UTF8 = new TextEncoder();

/**
 * UTF-8 bytes of a value as JSON (what it weighs on the wire). Measured with the platform's encoder,
 * not the host's own estimate (src/hosts/excel/batches.ts utf8Length), so the fake checks that estimate.
 */
export function wireBytes(value: unknown): number {
  return UTF8.encode(JSON.stringify(value) ?? "").length;
}

export interface Applied {
  responseBytes: number;
  commit: () => void;
}

export interface QueuedAction {
  bytes: number;
  apply: () => Applied | void;
}

/** What a request context must offer the objects (implemented by FakeRequestContext). */
export interface ContextCore {
  readonly state: WorkbookState;
  enqueue(action: QueuedAction): void;
  /**
   * Counts an object path in the current request and registers the object for null settling.
   * Objects made while a sync answers a query (collection items) travel in the response instead.
   */
  registerPath(object: FakeClientObject<unknown>, name: string, args: unknown[]): number;
}

export type LoadOption = string | string[] | { select?: string; expand?: string } | Record<string, unknown> | undefined;

/** "a, b/c" / ["a"] / {select, expand} / {a: true, b: {c: true}} -> ["a", "b/c"]; nothing -> ["*"]. */
export function loadPaths(option: LoadOption): string[] {
  if (option === undefined) return ["*"];
  if (typeof option === "string") return option.split(",").map((p) => p.trim()).filter(Boolean);
  if (Array.isArray(option)) return option.flatMap((p) => loadPaths(p));
  const o = option as Record<string, unknown>;
  if (typeof o.select === "string" || typeof o.expand === "string") {
    return [...loadPaths((o.select as string | undefined) ?? ""), ...loadPaths((o.expand as string | undefined) ?? "")];
  }
  const out: string[] = [];
  for (const [key, value] of Object.entries(o)) {
    if (value === true) out.push(key);
    else if (value && typeof value === "object") out.push(...loadPaths(value as Record<string, unknown>).map((p) => (p === "*" ? key : `${key}/${p}`)));
  }
  return out;
}

let actionIds = 0;

export abstract class FakeClientObject<T> {
  private readonly loadedValues = new Map<string, unknown>();
  private nullState: boolean | undefined;
  private readonly navigations = new Map<string, FakeClientObject<unknown>>();
  readonly _pathId: number;

  protected constructor(
    readonly context: ContextCore,
    private readonly locateTarget: () => T | null,
    path: { name: string; args?: unknown[] },
  ) {
    this._pathId = context.registerPath(this as FakeClientObject<unknown>, path.name, path.args ?? []);
  }

  /** Scalar properties `load` can fetch. */
  protected abstract readonly scalarNames: readonly string[];
  /** A scalar's value on the server. */
  protected abstract readScalar(target: T, name: string): unknown;

  /** Navigation properties `load` can go through ("format/fill/color"). */
  protected navigation(_name: string): FakeClientObject<unknown> | undefined {
    return undefined;
  }

  /** Items of a collection, as objects (collections override). */
  protected collectionItems(_target: T): FakeClientObject<unknown>[] | undefined {
    return undefined;
  }

  /** A cached child object for a navigation property (one path per parent, as Office.js does). */
  protected child<C extends FakeClientObject<unknown>>(name: string, make: () => C): C {
    let c = this.navigations.get(name);
    if (!c) {
      c = make();
      this.navigations.set(name, c);
    }
    return c as C;
  }

  /** The server object, or null for a null object. Throws (like Excel) when it cannot be found. */
  locate(): T | null {
    return this.locateTarget();
  }

  /** The server object for an action; a null object cannot be acted on. */
  protected target(): T {
    const t = this.locateTarget();
    if (t === null) throw itemNotFound(`${this.constructor.name} is a null object`);
    return t;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded("isNullObject");
    return this.nullState;
  }

  /** Called by the context after the sync that first saw this object. */
  _settleNull(): void {
    if (this.nullState !== undefined) return;
    try {
      this.nullState = this.locateTarget() === null;
    } catch {
      this.nullState = false;
    }
  }

  protected read<V>(name: string): V {
    if (!this.loadedValues.has(name)) throw notLoaded(name);
    return this.loadedValues.get(name) as V;
  }

  private actionBytes(type: number, name: string, args: unknown[]): number {
    actionIds += 1;
    return wireBytes({ Id: actionIds, ActionType: type, Name: name, ObjectPathId: this._pathId, ArgumentInfo: { Arguments: args.map(argumentJson) } });
  }

  protected queueSet(name: string, value: unknown, apply: (target: T) => void): void {
    this.context.enqueue({ bytes: this.actionBytes(4, name, [value]), apply: () => apply(this.target()) });
  }

  protected queueCall(name: string, args: unknown[], apply: (target: T) => void): void {
    this.context.enqueue({ bytes: this.actionBytes(3, name, args), apply: () => apply(this.target()) });
  }

  /** Office.js releases tracked objects after Excel.run; the fake holds no references, so both are no-ops. */
  untrack(): this {
    return this;
  }

  track(): this {
    return this;
  }

  load(option?: LoadOption): this {
    const paths = loadPaths(option);
    this.precreate(paths);
    this.context.enqueue({ bytes: this.actionBytes(2, "Query", [paths.join(",")]), apply: () => this.collect(paths) });
    return this;
  }

  /** Makes the navigation objects a query goes through now, so their paths are part of this request. */
  private precreate(paths: string[]): void {
    for (const path of paths) {
      const [first, ...rest] = path.split("/");
      if (first === "items" || first === "*" || rest.length === 0) continue;
      this.navigation(first)?.precreate([rest.join("/")]);
    }
  }

  /** Answers a query now (inside a sync): reads the values, commits them when the sync succeeds. */
  _collect(paths: string[]): Applied {
    return this.collect(paths);
  }

  private collect(paths: string[]): Applied {
    this._settleNull();
    const target = this.locateTarget();
    if (target === null) return { responseBytes: 4, commit: () => undefined };
    const own = new Set<string>();
    const nested = new Map<string, string[]>();
    for (const path of paths) {
      if (path === "*") {
        this.scalarNames.forEach((n) => own.add(n));
        continue;
      }
      const [first, ...rest] = path.split("/");
      if (first === "items" && this.collectionItems(target) !== undefined) {
        nested.set("items", [...(nested.get("items") ?? []), rest.length ? rest.join("/") : "*"]);
      } else if (rest.length === 0 && this.scalarNames.includes(first)) {
        own.add(first);
      } else if (this.navigation(first)) {
        nested.set(first, [...(nested.get(first) ?? []), rest.length ? rest.join("/") : "*"]);
      } else {
        throw invalidArgument(`cannot load '${path}' on ${this.constructor.name}`);
      }
    }
    const values = new Map<string, unknown>();
    for (const name of own) values.set(name, structuredCopy(this.readScalar(target, name)));
    let responseBytes = wireBytes(Object.fromEntries(values));
    const commits: (() => void)[] = [];
    for (const [name, childPaths] of nested) {
      if (name === "items") {
        const items = this.collectionItems(target) ?? [];
        for (const item of items) {
          const answer = item._collect(childPaths);
          responseBytes += answer.responseBytes;
          commits.push(answer.commit);
        }
        commits.push(() => this.loadedValues.set("items", items));
      } else {
        const child = this.navigation(name) as FakeClientObject<unknown>;
        const answer = child._collect(childPaths);
        responseBytes += answer.responseBytes;
        commits.push(answer.commit);
      }
    }
    return {
      responseBytes,
      commit: () => {
        for (const [name, value] of values) this.loadedValues.set(name, value);
        commits.forEach((c) => c());
      },
    };
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loadedValues);
  }
}

/** How an argument travels: objects by their path id, everything else as JSON. */
function argumentJson(arg: unknown): unknown {
  if (arg instanceof FakeClientObject) return { _ObjectPathId: arg._pathId };
  return arg;
}

/** Loaded values are copies: later changes on the server do not show until loaded again. */
function structuredCopy<V>(value: V): V {
  if (value === null || typeof value !== "object") return value;
  return JSON.parse(JSON.stringify(value)) as V;
}

/** A value a method returns, readable after the sync (OfficeExtension.ClientResult). */
export class FakeClientResult<V> {
  private answered = false;
  private answer: V | undefined;

  _set(value: V): void {
    this.answered = true;
    this.answer = value;
  }

  get value(): V {
    if (!this.answered) throw notLoaded("value");
    return this.answer as V;
  }
}
