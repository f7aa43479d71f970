/**
 * Who reacted to whom inside a window, as one entry per pair reactor → reacted-to, read once per memoized view
 * and window and shared by everything that asks: the reaction graph (`scoring/graphs.ts`), Klout's distinct reactors
 * and PeerIndex's engaged audience. Accounts come as their codes in the indexed interactions
 * (`scoring/features/indexed.ts`): the reacted-to is always an account (its index), the reactor may be one that is
 * not (a negative code).
 */
import type {Columns, Db} from "../db.js";
import {derived} from "../memo-db.js";
import {spanningWindow} from "../window.js";
import {REACTION_KINDS, REACTION_KIND_LIST, type TimeWindow} from "./activity.js";
import {indexedInteractions} from "./indexed.js";
import {inWindow, windowParams} from "./window.js";

/**
 * The reactions of a window over the indexed interactions `interactions`, one row each: `actor` the reactor's code,
 * `target` the reacted-to's index, `kind` the reaction's place in REACTION_KINDS (from 0); reactions to oneself
 * are left out. Grouping them into pairs is left to `pairsOf`: duckdb-wasm's group-by and the pairs' nine columns
 * cost it more than these three columns (on a world of 20,000 accounts, 836,352 reactions into 425,569 pairs:
 * 0.36 s grouped against 0.13 s, and 0.04 s for `pairsOf`; medians of seven). Parameters: from, from, to, to.
 */
export const windowReactionsSql = (interactions: string) => `
SELECT actor, target, (list_position([${REACTION_KIND_LIST}], kind) - 1)::INTEGER AS kind
FROM ${interactions}
WHERE kind IN (${REACTION_KIND_LIST})
  AND actor <> target AND target >= 0
  AND ${inWindow("ts")}
`;

/** A row of `windowReactionsSql`. */
export interface WindowReaction {
  actor: number;
  target: number;
  kind: number;
  [column: string]: number;
}

/**
 * Reaction pairs reactor → reacted-to, one per pair that reacted in the window, in no set order: each pair is one
 * entry, so nothing is summed in an order that the reading chose.
 */
export interface ReactionPairs {
  /** Each pair's reactor: its code, negative for one that is not an account. */
  readonly source: Int32Array;
  /** Each pair's reacted-to: its index. */
  readonly target: Int32Array;
  /** For each kind of REACTION_KINDS, in that order, each pair's reactions of that kind. */
  readonly counts: readonly Int32Array[];
}

/**
 * The pairs of `reactions` (`windowReactionsSql`'s columns): one counting sort by reacted-to, then a walk that
 * gives each reactor met under the current reacted-to its pair's slot. Pairs come grouped by reacted-to, each
 * group's reactors in the order of their first reaction.
 */
export function pairsOf(reactions: Columns<WindowReaction>): ReactionPairs {
  const {actor, target, kind} = reactions;
  const m = actor.length;
  // Codes lie in [lowest, highest]: reactors that are not accounts below 0, and reactors may lie above every
  // reacted-to.
  let lowest = 0;
  let highest = -1;
  let targets = 0;
  for (let i = 0; i < m; i++) {
    if (actor[i]! < lowest) lowest = actor[i]!;
    if (actor[i]! > highest) highest = actor[i]!;
    if (target[i]! >= targets) targets = target[i]! + 1;
  }
  const next = new Int32Array(targets + 1);
  for (let i = 0; i < m; i++) next[target[i]! + 1]!++;
  for (let t = 0; t < targets; t++) next[t + 1]! += next[t]!;
  const byTarget = new Int32Array(m);
  for (let i = 0; i < m; i++) byTarget[next[target[i]!]!++] = i;
  // A reactor's slot is its code − lowest. `seen[slot]` is 1 + the reacted-to under which it last had a pair, and
  // `pairOf[slot]` that pair.
  const seen = new Int32Array(highest - lowest + 1);
  const pairOf = new Int32Array(highest - lowest + 1);
  const pair = new Int32Array(m);
  const source = new Int32Array(m);
  const reacted = new Int32Array(m);
  let pairs = 0;
  for (let j = 0; j < m; j++) {
    const i = byTarget[j]!;
    const slot = actor[i]! - lowest;
    if (seen[slot] !== target[i]! + 1) {
      seen[slot] = target[i]! + 1;
      pairOf[slot] = pairs;
      source[pairs] = actor[i]!;
      reacted[pairs++] = target[i]!;
    }
    pair[i] = pairOf[slot]!;
  }
  const counts = REACTION_KINDS.map(() => new Int32Array(pairs));
  for (let i = 0; i < m; i++) counts[kind[i]!]![pair[i]!]!++;
  return {source: source.slice(0, pairs), target: reacted.slice(0, pairs), counts};
}

/**
 * The reaction pairs of `window`, read once per memoized view and window (`derived`); a window that spans the whole
 * data shares the answer of the unbounded one (`spanningWindow`). Callers must not change the columns.
 */
export async function reactionPairs(db: Db, window: TimeWindow): Promise<ReactionPairs> {
  const {from = null, to = null} = await spanningWindow(db, window);
  return derived(db, ["reactionPairs", from, to], async () =>
    pairsOf(
      await db.queryColumns<WindowReaction>(windowReactionsSql(await indexedInteractions(db)), windowParams({from, to}))
    )
  );
}

/** Each of `n` accounts' distinct reactors: the pairs whose reacted-to it is. */
export function distinctReactors(n: number, {target}: ReactionPairs): Float64Array {
  const counts = new Float64Array(n);
  for (let i = 0; i < target.length; i++) counts[target[i]!]++;
  return counts;
}
