/** The built-ins Edge Legacy lacks behave as the real ones, and are added only where missing. */
import { flat, flatMap, fromEntries, installLegacyBuiltins, matchAll } from "../../src/taskpane/legacy-builtins";

test("flat and flatMap give what the built-ins give, holes and depth included", () => {
  // eslint-disable-next-line no-sparse-arrays
  const nested = [1, [2, [3, [4]]], , 5];
  for (const depth of [undefined, 0, 1, 2, Infinity]) expect(flat.call(nested, depth)).toEqual(nested.flat(depth));
  const fn = (x: number, i: number): number | (number | number[])[] => (x % 2 ? [x, i] : x === 4 ? [[x]] : x);
  expect(flatMap.call<readonly number[], [typeof fn], unknown[]>([1, 2, 3, 4], fn)).toEqual([1, 2, 3, 4].flatMap(fn));
  const self = { k: 10 };
  const times = function (this: typeof self, x: number): number[] {
    return [x * this.k];
  };
  expect(flatMap.call<readonly number[], [typeof times, typeof self], unknown[]>([1, 2], times, self)).toEqual([10, 20]);
});

test("fromEntries and matchAll give what the built-ins give", () => {
  const entries: [string, number][] = [["a", 1], ["b", 2], ["a", 3]];
  expect(fromEntries(entries)).toEqual(Object.fromEntries(entries));
  expect(fromEntries(new Map([["x", true]]))).toEqual({ x: true });
  const text = "A1:B2, C3 and D44";
  const re = /([A-Z])(\d+)/g;
  expect([...matchAll.call(text, re)].map((m) => [m[0], m[1], m[2], m.index])).toEqual([...text.matchAll(re)].map((m) => [m[0], m[1], m[2], m.index]));
  expect([...matchAll.call("aaa", /a*?/g)].length).toBe([..."aaa".matchAll(/a*?/g)].length);
  expect([...matchAll.call("a.b.c", ".")].map((m) => m.index)).toEqual([..."a.b.c".matchAll(/./g)].map((m) => m.index));
  expect(() => [...matchAll.call("abc", /b/)]).toThrow(TypeError);
});

test("installed where missing, never over a built-in that is there", () => {
  const bare = { arrayPrototype: {}, objectConstructor: {}, stringPrototype: {} };
  expect(installLegacyBuiltins(bare)).toEqual(["flat", "flatMap", "fromEntries", "matchAll"]);
  expect((bare.arrayPrototype as { flatMap: unknown }).flatMap).toBe(flatMap);
  expect(Object.keys(bare.arrayPrototype)).toEqual([]); // not enumerable, as built-ins are
  const native = Array.prototype.flatMap;
  expect(installLegacyBuiltins()).toEqual([]);
  expect(Array.prototype.flatMap).toBe(native);
});
