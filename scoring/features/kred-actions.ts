/**
 * Kred's actions counted by kind, per account and UTC day, inside a window [from, to) (INFLUENCE-METHODS.md §2):
 * the counts that `scoring/features/kred-points.ts` turns into points, kept apart so that the points can be
 * re-weighted without the database (explanations, the weights playground), and by day so that a daily history
 * sums them over each day's window from one query (`scoring/features/daily.ts`).
 *
 * - received: actions other accounts took on the account, by kind, split by whether the actor is big (reports
 *   more than the given number of followers; an actor without a reported count, or absent from `accounts`, is
 *   not); columns `<kind>` and `<kind>_big`;
 * - made: actions the account took on other accounts, by kind; columns `<kind>`.
 *
 * Actions on oneself are left out; each action counts once.
 */
import type {Db} from "../db.js";
import {derived} from "../memo-db.js";
import {ownPersons} from "../methods/method.js";
import {accountList} from "./accounts.js";
import type {TimeWindow} from "./activity.js";
import {dailyCounts, utcDay, type DailyCounts} from "./daily.js";
import {KRED_KINDS} from "./kred-points.js";
import {inWindow, windowParams} from "./window.js";

const KIND_LIST = KRED_KINDS.map((kind) => `'${kind}'`).join(", ");
const counts = (suffix: string, condition: string) =>
  KRED_KINDS.map((kind) => `count(*) FILTER (WHERE kind = '${kind}'${condition}) AS ${kind}${suffix}`).join(",\n  ");

/** The columns of received actions: each kind, then each kind from big actors. */
export const KRED_RECEIVED_COLUMNS = [...KRED_KINDS, ...KRED_KINDS.map((kind) => `${kind}_big`)];

// Parameters: the follower threshold of a big actor, then from, from, to, to.
export const KRED_RECEIVED_SQL = `
WITH windowed AS (
  SELECT i.target_id AS account_id, ${utcDay("i.ts")} AS day, i.kind,
    coalesce(actor.followers > ?::DOUBLE, false) AS big_actor
  FROM interactions i LEFT JOIN accounts actor ON actor.account_id = i.actor_id
  WHERE i.kind IN (${KIND_LIST}) AND i.actor_id <> i.target_id AND ${inWindow("ts")}
)
SELECT account_id, day,
  ${counts("", " AND NOT big_actor")},
  ${counts("_big", " AND big_actor")}
FROM windowed
WHERE account_id IN (SELECT account_id FROM accounts)
GROUP BY account_id, day
`;

// Parameters: from, from, to, to.
export const KRED_MADE_SQL = `
WITH windowed AS (
  SELECT actor_id AS account_id, ${utcDay("ts")} AS day, kind FROM interactions
  WHERE kind IN (${KIND_LIST}) AND actor_id <> target_id AND ${inWindow("ts")}
)
SELECT account_id, day,
  ${counts("", "")}
FROM windowed
WHERE account_id IN (SELECT account_id FROM accounts)
GROUP BY account_id, day
`;

/** Every account (its own person), as the table the daily counts are gathered against. */
async function kredAccounts(db: Db) {
  const {accountIds, networks} = await accountList(db);
  return {accountIds, networks, ...ownPersons(accountIds.length), columns: {}};
}

/** Actions received by kind and day, from ordinary and from big actors (`kred` and `kred-global` share them). */
export function kredReceived(db: Db, window: TimeWindow, bigActorFollowers: number): Promise<DailyCounts> {
  return derived(db, ["kredReceived", window, bigActorFollowers], async () => {
    const accounts = await kredAccounts(db);
    const daily = await db.queryColumns(KRED_RECEIVED_SQL, [bigActorFollowers, ...windowParams(window)]);
    return dailyCounts(accounts, KRED_RECEIVED_COLUMNS, daily);
  });
}

/** Actions made by kind and day. */
export async function kredMade(db: Db, window: TimeWindow): Promise<DailyCounts> {
  const accounts = await kredAccounts(db);
  return dailyCounts(accounts, KRED_KINDS, await db.queryColumns(KRED_MADE_SQL, windowParams(window)));
}
