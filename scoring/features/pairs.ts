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
import {ACCOUNT_INDEX_SQL, accountList, byAccount} from "./accounts.js";
import type {TimeWindow} from "./activity.js";
import {dailyCounts, utcDay, type DailyCounts} from "./daily.js";
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

// Mentions and reposts between two different accounts inside the window, with their UTC day; parameters from,
// from, to, to.
const WINDOWED = `
windowed AS (
  SELECT actor_id, target_id, kind, ${utcDay("ts")} AS day FROM interactions
  WHERE kind IN ('mention', 'repost') AND actor_id <> target_id AND ${inWindow("ts")}
)`;

// Parameters: from, from, to, to for interactions, then again for posts. A row per account with any count, by
// index (ACCOUNT_INDEX_SQL); ids that are not accounts are left out.
export const PAIRS_FEATURES_SQL = `
WITH ${WINDOWED},
received AS (
  SELECT target_id AS account_id,
    count(*) FILTER (WHERE kind = 'mention') AS mentions_received,
    count(*) FILTER (WHERE kind = 'repost') AS retweets_received
  FROM windowed GROUP BY target_id
),
sent AS (
  SELECT actor_id AS account_id,
    count(*) FILTER (WHERE kind = 'mention') AS mentions_sent,
    count(*) FILTER (WHERE kind = 'repost') AS retweets_sent
  FROM windowed GROUP BY actor_id
),
posted AS (
  SELECT account_id, count(*) AS posts FROM posts WHERE ${inWindow("created_at")} GROUP BY account_id
),
nodes AS (${ACCOUNT_INDEX_SQL})
SELECT n.account,
  coalesce(r.mentions_received, 0)::INTEGER AS mentions_received,
  coalesce(r.retweets_received, 0)::INTEGER AS retweets_received,
  coalesce(s.mentions_sent, 0)::INTEGER AS mentions_sent,
  coalesce(s.retweets_sent, 0)::INTEGER AS retweets_sent,
  coalesce(p.posts, 0)::INTEGER AS posts
FROM received r FULL JOIN sent s USING (account_id) FULL JOIN posted p USING (account_id) JOIN nodes n USING (account_id)
`;

// Parameters: from, from, to, to for interactions, then again for posts. The account is its index (ACCOUNT_INDEX_SQL).
export const PAIRS_DAILY_SQL = `
WITH ${WINDOWED},
events AS (
  SELECT target_id AS account_id, day, kind || '_received' AS what FROM windowed
  UNION ALL
  SELECT actor_id AS account_id, day, kind || '_sent' AS what FROM windowed
  UNION ALL
  SELECT account_id, ${utcDay("created_at")} AS day, 'post' AS what FROM posts WHERE ${inWindow("created_at")}
),
accounts_index AS (${ACCOUNT_INDEX_SQL})
SELECT x.account, e.day,
  count(*) FILTER (WHERE what = 'mention_received')::INTEGER AS mentions_received,
  count(*) FILTER (WHERE what = 'repost_received')::INTEGER AS retweets_received,
  count(*) FILTER (WHERE what = 'mention_sent')::INTEGER AS mentions_sent,
  count(*) FILTER (WHERE what = 'repost_sent')::INTEGER AS retweets_sent,
  count(*) FILTER (WHERE what = 'post')::INTEGER AS posts
FROM events e JOIN accounts_index x USING (account_id)
GROUP BY x.account, e.day
`;

/** Every account as its own person, with its reported counts (`scoring/features/reported-counts.ts`). */
async function pairsAccounts(db: Db): Promise<FeatureTable> {
  // One query at a time: a native DuckDB connection runs statements one after another.
  const {accountIds, networks} = await accountList(db);
  const {followers, following, listed} = await reportedCounts(db);
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
    PAIRS_FEATURES_SQL,
    params
  );
  return {...table, columns: {...table.columns, ...byAccount(table.accountIds.length, rows, PAIRS_ACTIVITY)}};
}

/** Every account's reported counts, and its activity per day inside the window. */
export async function pairsDailyCounts(db: Db, window: TimeWindow): Promise<DailyCounts> {
  const accounts = await pairsAccounts(db);
  const daily = await db.queryColumns(PAIRS_DAILY_SQL, [...windowParams(window), ...windowParams(window)]);
  return dailyCounts(accounts, PAIRS_ACTIVITY, daily);
}
