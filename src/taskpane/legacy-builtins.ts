/**
 * The few built-ins newer than ES2017 that ParScore's code calls (the engine and the report run in
 * the pane too): Array.prototype.flat and flatMap, Object.fromEntries (ES2019) and
 * String.prototype.matchAll (ES2020). Excel 2016 and 2019 on Windows 10 show task panes in EdgeHTML
 * 18 (Edge Legacy), which has none of them: the build makes every bundle ES2017 syntax, but a
 * missing method only fails when it is called. Installed first by the pane, its worker and the
 * custom functions, each only where the browser lacks it.
 */

type Nested<T> = T | readonly Nested<T>[];

export function flat<T>(this: readonly Nested<T>[], depth = 1): unknown[] {
  const out: unknown[] = [];
  const add = (items: readonly unknown[], d: number) => {
    for (let i = 0; i < items.length; i++) {
      if (!(i in items)) continue; // holes are dropped, as the built-in drops them
      const item = items[i];
      if (Array.isArray(item) && d > 0) add(item, d - 1);
      else out.push(item);
    }
  };
  add(this, Math.floor(Number(depth)) || 0);
  return out;
}

export function flatMap<T, U>(this: readonly T[], fn: (value: T, index: number, array: readonly T[]) => U | readonly U[], thisArg?: unknown): U[] {
  const out: U[] = [];
  for (let i = 0; i < this.length; i++) {
    if (!(i in this)) continue;
    const mapped = fn.call(thisArg, this[i], i, this);
    if (Array.isArray(mapped)) for (const m of mapped) out.push(m);
    else out.push(mapped as U);
  }
  return out;
}

export function fromEntries<V>(entries: Iterable<readonly [PropertyKey, V]>): Record<PropertyKey, V> {
  const out: Record<PropertyKey, V> = {};
  for (const [key, value] of entries) out[key] = value;
  return out;
}

export function* matchAll(this: string, pattern: RegExp | string): IterableIterator<RegExpExecArray> {
  if (pattern instanceof RegExp && !pattern.global) throw new TypeError("String.prototype.matchAll called with a non-global RegExp argument");
  const re = pattern instanceof RegExp ? new RegExp(pattern.source, pattern.flags) : new RegExp(String(pattern), "g");
  re.lastIndex = pattern instanceof RegExp ? pattern.lastIndex : 0;
  const text = String(this);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    yield m;
    if (m[0] === "") re.lastIndex++; // an empty match moves on, as the built-in does
  }
}

/** Where the built-ins go (the real ones by default; a test passes stand-ins). */
export interface BuiltinTargets {
  arrayPrototype: object;
  objectConstructor: object;
  stringPrototype: object;
}

/** Adds each missing built-in (non-enumerable, as built-ins are); returns the names added. */
export function installLegacyBuiltins(targets: BuiltinTargets = { arrayPrototype: Array.prototype, objectConstructor: Object, stringPrototype: String.prototype }): string[] {
  const added: string[] = [];
  const define = (target: object, name: string, value: unknown) => {
    if (name in target) return;
    Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
    added.push(name);
  };
  define(targets.arrayPrototype, "flat", flat);
  define(targets.arrayPrototype, "flatMap", flatMap);
  define(targets.objectConstructor, "fromEntries", fromEntries);
  define(targets.stringPrototype, "matchAll", matchAll);
  return added;
}
