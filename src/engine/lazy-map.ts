/**
 * A Map whose values are made when first read. Subclasses answer `get`, `has` and `size` without making the
 * other values; anything that iterates or changes the Map first makes every value (`fill`), and it is an
 * ordinary Map from then on. Callers keep holding the values they read before.
 */
export abstract class LazyMap<V> extends Map<string, V> {
  /** Every value is in the Map itself. */
  protected complete = false;

  /** Stores every value not stored yet (with `put`) and sets `complete`. */
  protected abstract fill(): void;

  /** Stores a value without filling (Map's own set). */
  protected put(key: string, value: V): void {
    super.set(key, value);
  }

  override set(key: string, value: V): this {
    this.fill();
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    this.fill();
    return super.delete(key);
  }

  override clear(): void {
    this.fill();
    super.clear();
  }

  override entries(): MapIterator<[string, V]> {
    this.fill();
    return super.entries();
  }

  override keys(): MapIterator<string> {
    this.fill();
    return super.keys();
  }

  override values(): MapIterator<V> {
    this.fill();
    return super.values();
  }

  override forEach(fn: (value: V, key: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    this.fill();
    super.forEach(fn, thisArg);
  }

  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}
