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
 * Actions on oneself are left out; each action counts once. The queries read the indexed interactions
 * (`scoring/features/indexed.ts`) and accounts travel as their index in `accountList`, so no text crosses from the
 * database.
 */
import type {Db} from "../db.js";
import {derived} from "../memo-db.js";
import {ownPersons, type FeatureTable} from "../methods/method.js";
import {accountList} from "./accounts.js";
import type {TimeWindow} from "./activity.js";
import {dailyCounts, type DailyCounts} from "./daily.js";
import {indexedRelations, type IndexedRelations as Relations} from "./indexed.js";
import {KRED_KINDS, KRED_KIND_LIST} from "./kred-points.js";
import {inWindow, windowParams} from "./window.js";

const counts = (suffix: string, condition: string) =>
  KRED_KINDS.map((kind) => `count(*) FILTER (WHERE kind = '${kind}'${condition})::INTEGER AS ${kind}${suffix}`).join(
    ",\n  "
  );
/** A kind's position in KRED_KINDS, as an SQL expression. */
const KIND_CODE = `(list_position([${KRED_KIND_LIST}], kind) - 1)`;

/** The columns of received actions: each kind, then each kind from big actors. */
export const KRED_RECEIVED_COLUMNS = [...KRED_KINDS, ...KRED_KINDS.map((kind) => `${kind}_big`)];

/**
 * Received actions inside the window over the indexed interactions and account codes (`scoring/features/indexed.ts`),
 * with the actor's bigness (a semi-join on the few big actors costs less than looking every actor up). Parameters:
 * the threshold, from, from, to, to.
 */
const received = ({codes, interactions}: Relations) => `
windowed AS (
  SELECT target AS account, day, kind,
    actor IN (SELECT c.account FROM accounts a JOIN ${codes} c USING (account_id) WHERE a.followers > ?::DOUBLE) AS big_actor
  FROM ${interactions}
  WHERE kind IN (${KRED_KIND_LIST}) AND actor <> target AND target >= 0 AND ${inWindow("ts")}
)`;

/** Actions made inside the window, over the indexed interactions. Parameters: from, from, to, to. */
const made = ({interactions}: Relations) => `
windowed AS (
  SELECT actor AS account, day, kind FROM ${interactions}
  WHERE kind IN (${KRED_KIND_LIST}) AND actor <> target AND actor >= 0 AND ${inWindow("ts")}
)`;

// Parameters: the follower threshold of a big actor, then from, from, to, to. Per (account, UTC day).
export const kredReceivedSql = (relations: Relations) => `
WITH ${received(relations)}
SELECT account, day,
  ${counts("", " AND NOT big_actor")},
  ${counts("_big", " AND big_actor")}
FROM windowed
GROUP BY account, day
`;

// Parameters: from, from, to, to. Per (account, UTC day).
export const kredMadeSql = (relations: Relations) => `
WITH ${made(relations)}
SELECT account, day,
  ${counts("", "")}
FROM windowed
GROUP BY account, day
`;

// Parameters: the follower threshold of a big actor, then from, from, to, to. One row per account and column
// that is not 0: the column's position in KRED_RECEIVED_COLUMNS and the window's count.
export const kredReceivedSumsSql = (relations: Relations) => `
WITH ${received(relations)}
SELECT account, (${KIND_CODE} + CASE WHEN big_actor THEN ${KRED_KINDS.length} ELSE 0 END)::INTEGER AS code,
  count(*)::INTEGER AS actions
FROM windowed
GROUP BY account, kind, big_actor
`;

// Parameters: from, from, to, to. One row per account and kind made: the kind's position in KRED_KINDS and the
// window's count.
export const kredMadeSumsSql = (relations: Relations) => `
WITH ${made(relations)}
SELECT account, ${KIND_CODE}::INTEGER AS code, count(*)::INTEGER AS actions
FROM windowed
GROUP BY account, kind
`;

/** Every account (its own person), as the table the counts are gathered against. */
async function kredAccounts(db: Db): Promise<FeatureTable> {
  const {accountIds, networks} = await accountList(db);
  return {accountIds, networks, ...ownPersons(accountIds.length), columns: {}};
}

/** The columns `names` of every account from rows (account, position in `names`, count). */
async function summedColumns(
  db: Db,
  names: readonly string[],
  sql: (relations: Relations) => string,
  params: (number | null)[]
) {
  const accounts = await kredAccounts(db);
  const rows = await db.queryColumns<{account: number; code: number; actions: number}>(
    sql(await indexedRelations(db)),
    params
  );
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
    summedColumns(db, KRED_RECEIVED_COLUMNS, kredReceivedSumsSql, [bigActorFollowers, ...windowParams(window)])
  );
}

/** Actions made by kind inside the window, summed per account. */
export function kredMadeSums(db: Db, window: TimeWindow): Promise<FeatureTable> {
  return summedColumns(db, KRED_KINDS, kredMadeSumsSql, windowParams(window));
}

/** Actions received by kind and day, from ordinary and from big actors (`kred` and `kred-global` share them). */
export function kredReceived(db: Db, window: TimeWindow, bigActorFollowers: number): Promise<DailyCounts> {
  return derived(db, ["kredReceived", window, bigActorFollowers], async () => {
    const accounts = await kredAccounts(db);
    const sql = kredReceivedSql(await indexedRelations(db));
    const daily = await db.queryColumns(sql, [bigActorFollowers, ...windowParams(window)]);
    return dailyCounts(accounts, KRED_RECEIVED_COLUMNS, daily);
  });
}

/** Actions made by kind and day. */
export async function kredMade(db: Db, window: TimeWindow): Promise<DailyCounts> {
  const accounts = await kredAccounts(db);
  const sql = kredMadeSql(await indexedRelations(db));
  return dailyCounts(accounts, KRED_KINDS, await db.queryColumns(sql, windowParams(window)));
}
