/**
 * Kred's actions counted by kind, per account, inside a window [from, to) (INFLUENCE-METHODS.md §2): the counts
 * that `scoring/features/kred-points.ts` turns into points, kept apart so that the points can be re-weighted
 * without the database (explanations, the weights playground). One window's counts come summed per account from
 * the database; a daily history reads them per account and UTC day instead, and sums them over each day's window
 * from one query (`scoring/features/daily.ts`).
 *
 * - received: actions other accounts took on the account, by kind, split by whether the actor is big (reports
 *   more than the given number of followers; an actor without a reported count, or absent from `accounts`, is
 *   not); columns `<kind>` and `<kind>_big`;
 * - made: actions the account took on other accounts, by kind; columns `<kind>`.
 *
 * Actions on oneself are left out; each action counts once. Accounts travel as their index in `accountList`
 * (`ACCOUNT_INDEX_SQL`), so no text crosses from the database.
 */
import type {Db} from "../db.js";
import {derived} from "../memo-db.js";
import {ownPersons, type FeatureTable} from "../methods/method.js";
import {ACCOUNT_INDEX_SQL, accountList} from "./accounts.js";
import type {TimeWindow} from "./activity.js";
import {dailyCounts, utcDay, type DailyCounts} from "./daily.js";
import {KRED_KINDS} from "./kred-points.js";
import {inWindow, windowParams} from "./window.js";

const KIND_LIST = KRED_KINDS.map((kind) => `'${kind}'`).join(", ");
const counts = (suffix: string, condition: string) =>
  KRED_KINDS.map((kind) => `count(*) FILTER (WHERE kind = '${kind}'${condition})::INTEGER AS ${kind}${suffix}`).join(
    ",\n  "
  );
/** A kind's position in KRED_KINDS, as an SQL expression. */
const KIND_CODE = `(list_position([${KIND_LIST}], kind) - 1)`;

/** The columns of received actions: each kind, then each kind from big actors. */
export const KRED_RECEIVED_COLUMNS = [...KRED_KINDS, ...KRED_KINDS.map((kind) => `${kind}_big`)];

/**
 * Received actions inside the window, with the actor's bigness (a semi-join on the few big actors costs less than
 * looking every actor up). Parameters: the threshold, from, from, to, to.
 */
const RECEIVED = `
windowed AS (
  SELECT target_id AS account_id, ts, kind,
    actor_id IN (SELECT account_id FROM accounts WHERE followers > ?::DOUBLE) AS big_actor
  FROM interactions
  WHERE kind IN (${KIND_LIST}) AND actor_id <> target_id AND ${inWindow("ts")}
)`;

/** Actions made inside the window. Parameters: from, from, to, to. */
const MADE = `
windowed AS (
  SELECT actor_id AS account_id, ts, kind FROM interactions
  WHERE kind IN (${KIND_LIST}) AND actor_id <> target_id AND ${inWindow("ts")}
)`;

// The queries below count by text id first and join the (fewer) counted rows to the account index after.

// Parameters: the follower threshold of a big actor, then from, from, to, to. Per (account, UTC day).
export const KRED_RECEIVED_SQL = `
WITH ${RECEIVED},
daily AS (
  SELECT account_id, ${utcDay("ts")} AS day,
    ${counts("", " AND NOT big_actor")},
    ${counts("_big", " AND big_actor")}
  FROM windowed
  GROUP BY account_id, day
),
indexed AS (${ACCOUNT_INDEX_SQL})
SELECT indexed.account, daily.* EXCLUDE (account_id) FROM daily JOIN indexed USING (account_id)
`;

// Parameters: from, from, to, to. Per (account, UTC day).
export const KRED_MADE_SQL = `
WITH ${MADE},
daily AS (
  SELECT account_id, ${utcDay("ts")} AS day,
    ${counts("", "")}
  FROM windowed
  GROUP BY account_id, day
),
indexed AS (${ACCOUNT_INDEX_SQL})
SELECT indexed.account, daily.* EXCLUDE (account_id) FROM daily JOIN indexed USING (account_id)
`;

// Parameters: the follower threshold of a big actor, then from, from, to, to. One row per account and column
// that is not 0: the column's position in KRED_RECEIVED_COLUMNS and the window's count.
export const KRED_RECEIVED_SUMS_SQL = `
WITH ${RECEIVED},
sums AS (SELECT account_id, kind, big_actor, count(*) AS actions FROM windowed GROUP BY ALL),
indexed AS (${ACCOUNT_INDEX_SQL})
SELECT indexed.account, (${KIND_CODE} + CASE WHEN big_actor THEN ${KRED_KINDS.length} ELSE 0 END)::INTEGER AS code,
  actions::INTEGER AS actions
FROM sums JOIN indexed USING (account_id)
`;

// Parameters: from, from, to, to. One row per account and kind made: the kind's position in KRED_KINDS and the
// window's count.
export const KRED_MADE_SUMS_SQL = `
WITH ${MADE},
sums AS (SELECT account_id, kind, count(*) AS actions FROM windowed GROUP BY ALL),
indexed AS (${ACCOUNT_INDEX_SQL})
SELECT indexed.account, ${KIND_CODE}::INTEGER AS code, actions::INTEGER AS actions
FROM sums JOIN indexed USING (account_id)
`;

/** Every account (its own person), as the table the counts are gathered against. */
async function kredAccounts(db: Db): Promise<FeatureTable> {
  const {accountIds, networks} = await accountList(db);
  return {accountIds, networks, ...ownPersons(accountIds.length), columns: {}};
}

/** The columns `names` of every account from rows (account, position in `names`, count). */
async function summedColumns(db: Db, names: readonly string[], sql: string, params: (number | null)[]) {
  const accounts = await kredAccounts(db);
  const rows = await db.queryColumns<{account: number; code: number; actions: number}>(sql, params);
  const columns = names.map(() => new Float64Array(accounts.accountIds.length));
  for (let row = 0; row < rows.account.length; row++)
    columns[rows.code[row]!]![rows.account[row]!] = rows.actions[row]!;
  return {...accounts, columns: Object.fromEntries(names.map((name, k) => [name, columns[k]!]))};
}

/**
 * Actions received by kind inside the window, from ordinary and from big actors, summed per account (`kred` and
 * `kred-global` share them; they must not change the table).
 */
export function kredReceivedSums(db: Db, window: TimeWindow, bigActorFollowers: number): Promise<FeatureTable> {
  return derived(db, ["kredReceivedSums", window, bigActorFollowers], () =>
    summedColumns(db, KRED_RECEIVED_COLUMNS, KRED_RECEIVED_SUMS_SQL, [bigActorFollowers, ...windowParams(window)])
  );
}

/** Actions made by kind inside the window, summed per account. */
export function kredMadeSums(db: Db, window: TimeWindow): Promise<FeatureTable> {
  return summedColumns(db, KRED_KINDS, KRED_MADE_SUMS_SQL, windowParams(window));
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
