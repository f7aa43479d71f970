/**
 * The reaction pairs grouped from a window's actions: each pair reactor → reacted-to once, with its reactions of
 * each kind, whatever the codes (ids that are not accounts at either end, reactors above every reacted-to) and the
 * order the actions come in; actions that are no reactions (ratings, to oneself) left out.
 */
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {REACTION_KINDS} from "../../../scoring/features/activity.js";
import {pairsOf, type ReactionPairs} from "../../../scoring/features/reaction-pairs.js";

const KINDS = REACTION_KINDS.length;

/** Each pair as "reactor>reacted-to:counts by kind", sorted: the pairs whatever their order. */
function table(pairs: ReactionPairs): string[] {
  return Array.from(
    pairs.source,
    (source, i) => `${source}>${pairs.target[i]}:${pairs.counts.map((c) => c[i])}`
  ).sort();
}

/** The same table, counted one action at a time in a map. */
function counted(actor: number[], target: number[], kind: number[]): string[] {
  const byPair = new Map<string, number[]>();
  actor.forEach((a, i) => {
    if (kind[i]! < 0 || a === target[i]) return;
    const key = `${a}>${target[i]}`;
    const counts = byPair.get(key) ?? new Array<number>(KINDS).fill(0);
    counts[kind[i]!]!++;
    byPair.set(key, counts);
  });
  return [...byPair].map(([key, counts]) => `${key}:${counts}`).sort();
}

describe("pairsOf", () => {
  it("counts each pair's reactions by kind, other ids and reactors above every reacted-to included", () => {
    const [rating, repost, reply, like] = [-1, 0, 1, 4];
    // Account 7 reacts to 0 three times (two likes, one repost); stranger −2 reacts to 0 and 1; 7 reacts to 1 once,
    // after the stranger; 1 reacts to 0; 7 replies to stranger −3. No account above 1 is ever reacted to. Not
    // reactions: 7 rates 0, 1 reposts itself.
    const actor = [7, -2, 7, 1, 7, -2, 1, 7, 7, 7];
    const target = [0, 0, 0, 0, 0, 1, 1, 1, -3, 0];
    const kind = [like, reply, repost, like, rating, like, repost, repost, reply, like];
    const pairs = pairsOf({actor, target, kind});
    const row = (counts: Record<number, number>) => Array.from({length: KINDS}, (_, k) => counts[k] ?? 0).join(",");
    expect(table(pairs)).toEqual(
      [
        `-2>0:${row({[reply]: 1})}`,
        `-2>1:${row({[like]: 1})}`,
        `1>0:${row({[like]: 1})}`,
        `7>0:${row({[like]: 2, [repost]: 1})}`,
        `7>1:${row({[repost]: 1})}`,
        `7>-3:${row({[reply]: 1})}`
      ].sort()
    );
    // Grouped by reacted-to in code order, each group's reactors in the order of their first reaction.
    expect(Array.from(pairs.target)).toEqual([-3, 0, 0, 0, 1, 1]);
    expect(Array.from(pairs.source)).toEqual([7, 7, -2, 1, -2, 7]);
  });

  it("has no pairs without reactions", () => {
    const pairs = pairsOf({actor: [3, 2], target: [3, -1], kind: [0, -1]});
    expect(pairs.source).toHaveLength(0);
    expect(pairs.counts.map((counts) => counts.length)).toEqual(new Array(KINDS).fill(0));
  });

  it("agrees with counting each reaction in a map", () => {
    const action = fc.tuple(
      fc.integer({min: -5, max: 12}),
      fc.integer({min: -2, max: 6}),
      fc.integer({min: -1, max: KINDS - 1})
    );
    fc.assert(
      fc.property(fc.array(action, {maxLength: 80}), (actions) => {
        const actor = actions.map(([a]) => a);
        const target = actions.map(([, t]) => t);
        const kind = actions.map(([, , k]) => k);
        const pairs = pairsOf({actor, target, kind});
        expect(table(pairs)).toEqual(counted(actor, target, kind));
        expect(new Set(table(pairs).map((line) => line.split(":")[0])).size).toBe(pairs.source.length);
      })
    );
  });
});
