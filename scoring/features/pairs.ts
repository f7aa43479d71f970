/**
 * The per-account aggregates of the Kaggle/PeerIndex pairs (`scoring/evaluate/aggregate-methods.ts`), from a
 * warehouse, inside a window [from, to):
 *
 * - `follower_count`, `following_count`, `listed_count`: the counts the platform reports, else the follow
 *   graph's in-degree and out-degree (not oneself), else 0 (listed: reported or 0);
 * - `mentions_received`, `retweets_received`: mentions and reposts from other accounts;
 * - `mentions_sent`, `retweets_sent`: mentions and reposts of other accounts the account made;
 * - `posts`: posts of every kind the account made.
 *
 * The counts come from `scoring/features/reported-counts.ts`, shared with Twitalyzer. One window's activity comes
 * from one query with a row per active account; for daily histories the five activity columns come as counts per
 * (account, day) (`scoring/features/daily.ts`), which summed over a window's days give the same numbers. The method divides the window sums by the window's length to get rates per day.
 * `network_feature_1…3` have no definition (PeerIndex never published one) and no column here.
 */
import type {Db} from "../db.js";
import type {FeatureTable} from "../methods/method.js";
import {ownPersons} from "../methods/method.js";
import {accountList, byAccount} from "./accounts.js";
import type {TimeWindow} from "./activity.js";
import {dailyCounts, utcDay, type DailyCounts} from "./daily.js";
import {indexedRelations, type IndexedRelations} from "./indexed.js";
import {reportedCounts} from "./reported-counts.js";
import {inWindow, windowParams} from "./window.js";

/** The summed activity columns, in the order of the pairs file. */
export const PAIRS_ACTIVITY = [
  "mentions_received",
  "retweets_received",
  "mentions_sent",
  "retweets_sent",
  "posts"
] as const;

// Mentions and reposts between two different accounts inside the window, with their UTC day, over the indexed
// interactions (`scoring/features/indexed.ts`); parameters from, from, to, to.
const windowed = (interactions: string) => `
windowed AS (
  SELECT actor, target, kind, day FROM ${interactions}
  WHERE kind IN ('mention', 'repost') AND actor <> target AND ${inWindow("ts")}
)`;

// The window's posts by account, by code (`scoring/features/indexed.ts`); parameters from, from, to, to.
const windowPosts = (codes: string) => `
  SELECT n.account, ${utcDay("p.created_at")} AS day
  FROM posts p JOIN ${codes} n USING (account_id)
  WHERE n.account >= 0 AND ${inWindow("p.created_at")}`;

// Parameters: from, from, to, to for interactions, then again for posts. A row per account with any count, by
// index; ids that are not accounts are left out.
export const pairsFeaturesSql = ({codes, interactions}: IndexedRelations) => `
WITH ${windowed(interactions)},
received AS (
  SELECT target AS account,
    count(*) FILTER (WHERE kind = 'mention') AS mentions_received,
    count(*) FILTER (WHERE kind = 'repost') AS retweets_received
  FROM windowed WHERE target >= 0 GROUP BY target
),
sent AS (
  SELECT actor AS account,
    count(*) FILTER (WHERE kind = 'mention') AS mentions_sent,
    count(*) FILTER (WHERE kind = 'repost') AS retweets_sent
  FROM windowed WHERE actor >= 0 GROUP BY actor
),
posted AS (SELECT account, count(*) AS posts FROM (${windowPosts(codes)}) GROUP BY account)
SELECT account,
  coalesce(r.mentions_received, 0)::INTEGER AS mentions_received,
  coalesce(r.retweets_received, 0)::INTEGER AS retweets_received,
  coalesce(s.mentions_sent, 0)::INTEGER AS mentions_sent,
  coalesce(s.retweets_sent, 0)::INTEGER AS retweets_sent,
  coalesce(p.posts, 0)::INTEGER AS posts
FROM received r FULL JOIN sent s USING (account) FULL JOIN posted p USING (account)
`;

// Parameters: from, from, to, to for interactions, then again for posts. The account is its index.
export const pairsDailySql = ({codes, interactions}: IndexedRelations) => `
WITH ${windowed(interactions)},
events AS (
  SELECT target AS account, day, kind || '_received' AS what FROM windowed
  UNION ALL
  SELECT actor AS account, day, kind || '_sent' AS what FROM windowed
  UNION ALL
  SELECT account, day, 'post' AS what FROM (${windowPosts(codes)})
)
SELECT account, day,
  count(*) FILTER (WHERE what = 'mention_received')::INTEGER AS mentions_received,
  count(*) FILTER (WHERE what = 'repost_received')::INTEGER AS retweets_received,
  count(*) FILTER (WHERE what = 'mention_sent')::INTEGER AS mentions_sent,
  count(*) FILTER (WHERE what = 'repost_sent')::INTEGER AS retweets_sent,
  count(*) FILTER (WHERE what = 'post')::INTEGER AS posts
FROM events
WHERE account >= 0
GROUP BY account, day
`;

/** Every account as its own person, with its reported counts (`scoring/features/reported-counts.ts`). */
async function pairsAccounts(db: Db): Promise<FeatureTable> {
  // Sent together (`Db`): the engine goes from one query to the next without waiting for this code.
  const [{accountIds, networks}, {followers, following, listed}] = await Promise.all([
    accountList(db),
    reportedCounts(db)
  ]);
  return {
    accountIds,
    networks,
    ...ownPersons(accountIds.length),
    columns: {follower_count: followers.slice(), following_count: following.slice(), listed_count: listed.slice()}
  };
}

/** Every account's reported counts and its activity summed over the window: one window's features. */
export async function pairsFeatures(db: Db, window: TimeWindow): Promise<FeatureTable> {
  const table = await pairsAccounts(db);
  const params = [...windowParams(window), ...windowParams(window)];
  const rows = await db.queryColumns<Record<(typeof PAIRS_ACTIVITY)[number] | "account", number>>(
    pairsFeaturesSql(await indexedRelations(db)),
    params
  );
  return {...table, columns: {...table.columns, ...byAccount(table.accountIds.length, rows, PAIRS_ACTIVITY)}};
}

/** Every account's reported counts, and its activity per day inside the window. */
export async function pairsDailyCounts(db: Db, window: TimeWindow): Promise<DailyCounts> {
  const accounts = await pairsAccounts(db);
  const sql = pairsDailySql(await indexedRelations(db));
  const daily = await db.queryColumns(sql, [...windowParams(window), ...windowParams(window)]);
  return dailyCounts(accounts, PAIRS_ACTIVITY, daily);
}
