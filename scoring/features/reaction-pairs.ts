/**
 * Who reacted to whom inside a window, as one row per pair reactor → reacted-to, read once per memoized view and
 * window and shared by everything that asks: the reaction graph (`scoring/graphs.ts`), Klout's distinct reactors
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
 * Reaction pairs reactor → reacted-to over the indexed interactions `interactions`: per pair the reactions of each
 * kind inside the window (`n_<kind>`, INTEGER, in REACTION_KINDS order); reactions to oneself are left out. Pairs
 * come in no order, and each pair is one row, so nothing is summed in an order the engine chose. Parameters: from,
 * from, to, to.
 */
export const reactionPairsSql = (interactions: string) => `
SELECT actor AS source, target,
  ${REACTION_KINDS.map((kind) => `count(*) FILTER (WHERE kind = '${kind}')::INTEGER AS n_${kind}`).join(",\n  ")}
FROM ${interactions}
WHERE kind IN (${REACTION_KIND_LIST})
  AND actor <> target AND target >= 0
  AND ${inWindow("ts")}
GROUP BY actor, target
`;

/** A row of `reactionPairsSql`: `source` the reactor's code, `target` the reacted-to's index, and `n_<kind>`. */
export interface ReactionPair {
  source: number;
  target: number;
  [count: string]: number;
}

/** The columns of `reactionPairsSql`. */
export type ReactionPairs = Columns<ReactionPair>;

/**
 * The reaction pairs of `window`, read once per memoized view and window (`derived`); a window that spans the whole
 * data shares the answer of the unbounded one (`spanningWindow`). Callers must not change the columns.
 */
export async function reactionPairs(db: Db, window: TimeWindow): Promise<ReactionPairs> {
  const {from = null, to = null} = await spanningWindow(db, window);
  return derived(db, ["reactionPairs", from, to], async () =>
    db.queryColumns<ReactionPair>(reactionPairsSql(await indexedInteractions(db)), windowParams({from, to}))
  );
}

/** Each of `n` accounts' distinct reactors: the pairs whose reacted-to it is. */
export function distinctReactors(n: number, {target}: ReactionPairs): Float64Array {
  const counts = new Float64Array(n);
  for (let i = 0; i < target.length; i++) counts[target[i]!]++;
  return counts;
}
