/**
 * Kred's actions counted by kind, per account, inside a window [from, to) (INFLUENCE-METHODS.md §2): the counts
 * that `scoring/features/kred-points.ts` turns into points, kept apart so that the points can be re-weighted
 * without the database (explanations, the weights playground).
 *
 * - received: actions other accounts took on the account, by kind, split by whether the actor is big (reports
 *   more than the given number of followers; an actor without a reported count, or absent from `accounts`, is
 *   not); columns `<kind>` and `<kind>_big`;
 * - made: actions the account took on other accounts, by kind; columns `<kind>`.
 *
 * Actions on oneself are left out; each action counts once.
 */
import type {Db} from "../db.js";
import type {TimeWindow} from "./activity.js";
import {KRED_KINDS} from "./kred-points.js";
import {inWindow, windowParams} from "./window.js";

export type KredActions = {account_id: string; network: string} & Record<string, string | number>;

const KIND_LIST = KRED_KINDS.map((kind) => `'${kind}'`).join(", ");
const counts = (suffix: string, condition: string) =>
  KRED_KINDS.map(
    (kind) => `coalesce(count(i.kind) FILTER (WHERE i.kind = '${kind}'${condition}), 0) AS ${kind}${suffix}`
  ).join(",\n  ");

// Parameters: the follower threshold of a big actor, then from, from, to, to.
export const KRED_RECEIVED_SQL = `
WITH windowed AS (
  SELECT i.target_id, i.kind, coalesce(actor.followers > ?::DOUBLE, false) AS big_actor
  FROM interactions i LEFT JOIN accounts actor ON actor.account_id = i.actor_id
  WHERE i.kind IN (${KIND_LIST}) AND i.actor_id <> i.target_id AND ${inWindow("ts")}
)
SELECT a.account_id, a.network,
  ${counts("", " AND NOT i.big_actor")},
  ${counts("_big", " AND i.big_actor")}
FROM accounts a LEFT JOIN windowed i ON i.target_id = a.account_id
GROUP BY a.account_id, a.network
ORDER BY a.account_id
`;

// Parameters: from, from, to, to.
export const KRED_MADE_SQL = `
WITH windowed AS (
  SELECT actor_id, kind FROM interactions
  WHERE kind IN (${KIND_LIST}) AND actor_id <> target_id AND ${inWindow("ts")}
)
SELECT a.account_id, a.network,
  ${counts("", "")}
FROM accounts a LEFT JOIN windowed i ON i.actor_id = a.account_id
GROUP BY a.account_id, a.network
ORDER BY a.account_id
`;

/** Actions received by kind, from ordinary and from big actors. */
export function kredReceived(db: Db, window: TimeWindow, bigActorFollowers: number): Promise<KredActions[]> {
  return db.query<KredActions>(KRED_RECEIVED_SQL, [bigActorFollowers, ...windowParams(window)]);
}

/** Actions made by kind. */
export function kredMade(db: Db, window: TimeWindow): Promise<KredActions[]> {
  return db.query<KredActions>(KRED_MADE_SQL, windowParams(window));
}
