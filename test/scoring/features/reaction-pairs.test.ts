/**
 * The reaction pairs grouped from a window's reactions: each pair reactor → reacted-to once, with its reactions of
 * each kind, whatever the codes (reactors that are not accounts, reactors above every reacted-to) and the order the
 * reactions come in.
 */
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {REACTION_KINDS} from "../../../scoring/features/activity.js";
import {pairsOf, type ReactionPairs} from "../../../scoring/features/reaction-pairs.js";

const KINDS = REACTION_KINDS.length;

/** Each pair as "reactor>reacted-to" with its counts per kind, sorted: the pairs whatever their order. */
function table(pairs: ReactionPairs): string[] {
  return Array.from(
    pairs.source,
    (source, i) => `${source}>${pairs.target[i]}:${pairs.counts.map((c) => c[i])}`
  ).sort();
}

/** The same table, counted one reaction at a time in a map. */
function counted(actor: number[], target: number[], kind: number[]): string[] {
  const byPair = new Map<string, number[]>();
  actor.forEach((a, i) => {
    const key = `${a}>${target[i]}`;
    const counts = byPair.get(key) ?? new Array<number>(KINDS).fill(0);
    counts[kind[i]!]!++;
    byPair.set(key, counts);
  });
  return [...byPair].map(([key, counts]) => `${key}:${counts}`).sort();
}

describe("pairsOf", () => {
  it("counts each pair's reactions by kind, strangers and reactors above every reacted-to included", () => {
    const [repost, reply, , , like] = [0, 1, 2, 3, 4];
    // Account 7 reacts to 0 three times (two likes, one repost); stranger −2 reacts to 0 and 1; 7 reacts to 1 once,
    // after the stranger; 1 reacts to 0. No account above 1 is ever reacted to.
    const actor = [7, -2, 7, 1, -2, 7, 7];
    const target = [0, 0, 0, 0, 1, 1, 0];
    const kind = [like, reply, repost, like, like, repost, like];
    const pairs = pairsOf({actor, target, kind});
    const row = (counts: Record<number, number>) => Array.from({length: KINDS}, (_, k) => counts[k] ?? 0).join(",");
    expect(table(pairs)).toEqual(
      [
        `-2>0:${row({[reply]: 1})}`,
        `-2>1:${row({[like]: 1})}`,
        `1>0:${row({[like]: 1})}`,
        `7>0:${row({[like]: 2, [repost]: 1})}`,
        `7>1:${row({[repost]: 1})}`
      ].sort()
    );
    // Grouped by reacted-to, each group's reactors in the order of their first reaction.
    expect(Array.from(pairs.target)).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(pairs.source)).toEqual([7, -2, 1, -2, 7]);
  });

  it("has no pairs without reactions", () => {
    const pairs = pairsOf({actor: [], target: [], kind: []});
    expect(pairs.source).toHaveLength(0);
    expect(pairs.counts.map((counts) => counts.length)).toEqual(new Array(KINDS).fill(0));
  });

  it("agrees with counting each reaction in a map", () => {
    const reaction = fc.tuple(fc.integer({min: -5, max: 12}), fc.integer({min: 0, max: 6}), fc.nat(KINDS - 1));
    fc.assert(
      fc.property(fc.array(reaction, {maxLength: 80}), (reactions) => {
        const actor = reactions.map(([a]) => a);
        const target = reactions.map(([, t]) => t);
        const kind = reactions.map(([, , k]) => k);
        const pairs = pairsOf({actor, target, kind});
        expect(table(pairs)).toEqual(counted(actor, target, kind));
        expect(new Set(table(pairs).map((line) => line.split(":")[0])).size).toBe(pairs.source.length);
      })
    );
  });
});
