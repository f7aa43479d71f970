/**
 * What a window's actions say about who reacted to whom, read once per memoized view and window and shared by
 * everything that asks. The actions (`windowActions`) come from the engine as four integer columns; TypeScript
 * groups them into reaction pairs reactor → reacted-to (`pairsOf`), which the reaction graph (`scoring/graphs.ts`),
 * Klout's distinct reactors, the reactions received, PeerIndex's engaged audience and Twitalyzer's references read;
 * Klout counts its actions per actor-day from the actions themselves (`scoring/features/klout.ts`). Accounts come as
 * their codes in the indexed interactions (`scoring/features/indexed.ts`): an account's is its index, any other id's
 * is negative.
 */
import type {Db, IntegerColumns} from "../db.js";
import {derived} from "../memo-db.js";
import {nextTurn} from "../slices.js";
import {spanningWindow} from "../window.js";
import {REACTION_KINDS, REACTION_KIND_LIST, type TimeWindow} from "./activity.js";
import {indexedInteractions} from "./indexed.js";
import {inWindow, windowParams} from "./window.js";

/** The `kind` of a follow among the window's actions (`windowActionsSql`). */
export const FOLLOW = -2;

/**
 * The actions of a window over the indexed interactions `interactions`, every interaction, one row each: `actor` the
 * actor's code, `target` the code of whom it acted on, `kind` a reaction's place in REACTION_KINDS (from 0; −1 for
 * a rating and FOLLOW for a follow, no reactions) and `day` its UTC day. The reaction pairs (`pairsOf`), Klout's
 * actions per actor-day (`scoring/features/klout.ts`) and the audience's actions per active day
 * (`scoring/features/peerindex.ts`) are counted from them in TypeScript: duckdb-wasm's group-bys and their results
 * cost it more than these four columns (on a world of 20,000 accounts, 836,352 reactions into 425,569 pairs: 0.36 s
 * grouped against 0.13 s for three of the columns, and 0.04-0.08 s for `pairsOf`; medians of seven). Parameters:
 * from, from, to, to.
 */
export const windowActionsSql = (interactions: string) => `
SELECT actor, target, day,
  CASE WHEN kind = 'follow' THEN ${FOLLOW}
    ELSE coalesce(list_position([${REACTION_KIND_LIST}], kind), 0) - 1 END::INTEGER AS kind
FROM ${interactions}
WHERE ${inWindow("ts")}
`;

/** The columns of `windowActionsSql`, as `windowActions` reads them (Int32Arrays) or as any array of numbers. */
export type WindowActions = {readonly [K in "actor" | "target" | "kind" | "day"]: ArrayLike<number>};

/** Whether action `i` of `actions` is a reaction: one of REACTION_KINDS, by an actor to another account. */
export const isReaction = ({actor, target, kind}: Pick<WindowActions, "actor" | "target" | "kind">, i: number) =>
  kind[i]! >= 0 && target[i]! >= 0 && actor[i] !== target[i];

/** The actions laid out by actor (`byActor`). */
export interface ByActor {
  /** The lowest actor code: actor `a` has slot a − lowest. */
  lowest: number;
  /** The days from the earliest action's to the latest's. */
  days: number;
  /** Slot s holds the actions [starts[s], starts[s + 1]). */
  starts: Int32Array;
  /** Each laid-out action's day, counted from the earliest. */
  day: Int32Array;
  /** Each laid-out action's reacted-to for a reaction (`isReaction`), else FOLLOW for a follow and −1 for another. */
  reacted: Int32Array;
}

/**
 * The days of `actions` laid out by actor, with what each reacted to (`ByActor`), each actor's in the order they
 * come: a counting sort that moves the values, so that a pass over an actor's actions reads them in order rather
 * than looking each up. Klout's actions per actor-day and the audience's actions per active day read it.
 */
export function byActor(actions: WindowActions): ByActor {
  const {actor, target, kind, day} = actions;
  const m = actor.length;
  let lowest = 0;
  let highest = -1;
  let firstDay = m > 0 ? day[0]! : 0;
  let lastDay = firstDay;
  for (let i = 0; i < m; i++) {
    if (actor[i]! < lowest) lowest = actor[i]!;
    if (actor[i]! > highest) highest = actor[i]!;
    if (day[i]! < firstDay) firstDay = day[i]!;
    if (day[i]! > lastDay) lastDay = day[i]!;
  }
  const slots = highest - lowest + 1;
  const starts = new Int32Array(slots + 1);
  for (let i = 0; i < m; i++) starts[actor[i]! - lowest + 1]!++;
  for (let s = 0; s < slots; s++) starts[s + 1]! += starts[s]!;
  const next = starts.slice(0, slots);
  const laidDay = new Int32Array(m);
  const reacted = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const at = next[actor[i]! - lowest]!++;
    laidDay[at] = day[i]! - firstDay;
    reacted[at] = isReaction(actions, i) ? target[i]! : kind[i] === FOLLOW ? FOLLOW : -1;
  }
  return {lowest, days: lastDay - firstDay + 1, starts, day: laidDay, reacted};
}

/**
 * The actions of `window` laid out by actor (`byActor`), once per memoized view and window (`fromActions`) and
 * shared by Klout and the audience.
 */
export function actionsByActor(db: Db, window: TimeWindow): Promise<ByActor> {
  return fromActions(db, window, "actionsByActor", byActor);
}

/**
 * The actions of `window` (`windowActionsSql`), read once per memoized view and window (`derived`); a window that
 * spans the whole data shares the answer of the unbounded one (`spanningWindow`). Callers must not change the
 * columns.
 */
export async function windowActions(db: Db, window: TimeWindow): Promise<IntegerColumns<keyof WindowActions>> {
  const {from = null, to = null} = await spanningWindow(db, window);
  return derived(db, ["windowActions", from, to], async () =>
    db.queryIntegers<keyof WindowActions>(windowActionsSql(await indexedInteractions(db)), windowParams({from, to}))
  );
}

/**
 * Reaction pairs reactor → reacted-to, one per pair that reacted in the window, grouped by reacted-to in code
 * order: each pair is one entry, so nothing is summed in an order that the reading chose.
 */
export interface ReactionPairs {
  /** Each pair's reactor: its code, negative for one that is not an account. */
  readonly source: Int32Array;
  /** Each pair's reacted-to: its code (an account's index; negative, in `allReactionPairs` only, for other ids). */
  readonly target: Int32Array;
  /** For each kind of REACTION_KINDS, in that order, each pair's reactions of that kind. */
  readonly counts: readonly Int32Array[];
}

/**
 * The pairs of the reactions among `actions`, to accounts and to other ids alike: every action of REACTION_KINDS
 * whose actor is not its target. The reactions' reactors and kinds are first laid out by reacted-to (a counting sort
 * that moves the values, so the walk after it reads them in order); the walk then gives each reactor met under the
 * current reacted-to its pair's slot. Pairs come grouped by reacted-to in code order, each group's reactors in the
 * order of their first reaction.
 */
export function pairsOf(actions: Pick<WindowActions, "actor" | "target" | "kind">): ReactionPairs {
  const {actor, target, kind} = actions;
  const kept = (i: number) => kind[i]! >= 0 && actor[i] !== target[i];
  // Reactors' codes lie in [lowest, highest], reacted-tos' in [firstTarget, lastTarget].
  let lowest = 0;
  let highest = -1;
  let firstTarget = 0;
  let lastTarget = -1;
  let m = 0;
  for (let i = 0; i < actor.length; i++) {
    if (!kept(i)) continue;
    m++;
    if (actor[i]! < lowest) lowest = actor[i]!;
    if (actor[i]! > highest) highest = actor[i]!;
    if (target[i]! < firstTarget) firstTarget = target[i]!;
    if (target[i]! > lastTarget) lastTarget = target[i]!;
  }
  // A reacted-to's slot is its code − firstTarget; ends[slot] is where its reactions end once laid out.
  const targets = lastTarget - firstTarget + 1;
  const ends = new Int32Array(targets);
  for (let i = 0; i < actor.length; i++) if (kept(i)) ends[target[i]! - firstTarget]!++;
  for (let t = 1; t < targets; t++) ends[t]! += ends[t - 1]!;
  const reactor = new Int32Array(m);
  const reactionKind = new Int32Array(m);
  for (let i = actor.length - 1; i >= 0; i--) {
    if (!kept(i)) continue;
    const at = --ends[target[i]! - firstTarget]!;
    reactor[at] = actor[i]!;
    reactionKind[at] = kind[i]!;
  }
  // ends[slot] is now where the reacted-to's reactions start. A reactor's slot is its code − lowest; `seen[slot]` is
  // 1 + the reacted-to slot under which it last had a pair, and `pairOf[slot]` that pair.
  const seen = new Int32Array(highest - lowest + 1);
  const pairOf = new Int32Array(highest - lowest + 1);
  const source = new Int32Array(m);
  const reacted = new Int32Array(m);
  const pair = new Int32Array(m);
  let pairs = 0;
  for (let t = 0; t < targets; t++) {
    const end = t + 1 < targets ? ends[t + 1]! : m;
    for (let r = ends[t]!; r < end; r++) {
      const slot = reactor[r]! - lowest;
      if (seen[slot] !== t + 1) {
        seen[slot] = t + 1;
        pairOf[slot] = pairs;
        source[pairs] = reactor[r]!;
        reacted[pairs++] = t + firstTarget;
      }
      pair[r] = pairOf[slot]!;
    }
  }
  const counts = REACTION_KINDS.map(() => new Int32Array(pairs));
  for (let r = 0; r < m; r++) counts[reactionKind[r]!]![pair[r]!]!++;
  return {source: source.slice(0, pairs), target: reacted.slice(0, pairs), counts};
}

/**
 * What `count` makes of the actions of `window` (`windowActions`), once per memoized view, window and `name`
 * (`derived`); a window that spans the whole data shares the answer of the unbounded one (`spanningWindow`). The
 * event loop gets a turn first: the engine's answers that came with the actions are taken, and the statements waiting
 * on them sent, before the thread is kept for a while. Callers must not change the result.
 */
async function fromActions<T>(
  db: Db,
  window: TimeWindow,
  name: string,
  count: (actions: WindowActions) => T
): Promise<T> {
  const {from = null, to = null} = await spanningWindow(db, window);
  return derived(db, [name, from, to], async () => {
    const actions = await windowActions(db, {from, to});
    await nextTurn();
    return count(actions);
  });
}

/**
 * The reaction pairs of `window` (`pairsOf`), to other ids as well as to accounts, once per memoized view and window
 * (`fromActions`). Callers must not change the columns.
 */
export function allReactionPairs(db: Db, window: TimeWindow): Promise<ReactionPairs> {
  return fromActions(db, window, "allReactionPairs", pairsOf);
}

/**
 * The reaction pairs of `window` whose reacted-to is an account (`isReaction`): those of `allReactionPairs` after
 * the pairs to other ids, which come first, as views of its columns. Callers must not change the columns.
 */
export async function reactionPairs(db: Db, window: TimeWindow): Promise<ReactionPairs> {
  const all = await allReactionPairs(db, window);
  let first = 0;
  while (first < all.target.length && all.target[first]! < 0) first++;
  return {
    source: all.source.subarray(first),
    target: all.target.subarray(first),
    counts: all.counts.map((counts) => counts.subarray(first))
  };
}

/** Each of `n` accounts' distinct reactors: the pairs whose reacted-to it is. */
export function distinctReactors(n: number, {target}: ReactionPairs): Float64Array {
  const counts = new Float64Array(n);
  for (let i = 0; i < target.length; i++) counts[target[i]!]++;
  return counts;
}
