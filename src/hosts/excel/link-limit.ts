/**
 * More links than this on a sheet (a ranking of thousands of units, each name linking to its source
 * row) are left out, the names written as plain text: a link is a range and an action of its own
 * (about 300 bytes), 3 MB at 10,000 units, more than everything else the sheet sends. A module of
 * its own so the pane can say so without loading the host.
 */
export const MAX_LINKS_PER_SHEET = 1_000;
