/**
 * Finding a unit by what the user types, among up to tens of thousands of names (every commune of
 * the country): a few dozen matches are shown, never the whole list, so the pane draws at most
 * that many options whatever the table's size.
 *
 * Matching ignores case and Vietnamese marks ("xa tan" finds "Xã Tân Lập"), since users often type
 * without them, and "đ" matches "d". Names that start with the words typed come first, then names
 * whose later word starts with them, then any other name containing them; each in table order.
 */
import { foldMarks } from "../engine/text";

/** The most options the list shows at once. */
export const MAX_MATCHES = 50;

/** A name folded for matching: lower case, without marks, "đ" as "d", spaces collapsed. */
export const foldName = foldMarks;

export interface UnitMatches {
  /** Indices into the names, best first, at most `limit`. */
  indices: number[];
  /** How many names match in all (more than `indices.length` when the list is cut). */
  total: number;
}

/**
 * The names matching `query` (folded names from foldName, in table order). An empty query matches
 * every name, in table order.
 */
export function matchUnits(folded: readonly string[], query: string, limit = MAX_MATCHES): UnitMatches {
  const q = foldName(query);
  if (q === "") return { indices: folded.slice(0, limit).map((_, i) => i), total: folded.length };
  const ranks: [number[], number[], number[]] = [[], [], []];
  let total = 0;
  for (let i = 0; i < folded.length; i++) {
    const name = folded[i];
    const at = name.indexOf(q);
    if (at < 0) continue;
    total += 1;
    const rank = at === 0 ? 0 : name.includes(` ${q}`) ? 1 : 2;
    if (ranks[rank].length < limit) ranks[rank].push(i);
  }
  return { indices: [...ranks[0], ...ranks[1], ...ranks[2]].slice(0, limit), total };
}
