/**
 * The per-account aggregates of the Kaggle/PeerIndex pairs (`scoring/evaluate/aggregate-methods.ts`), from a
 * warehouse, inside a window [from, to):
 *
 * - `follower_count`, `following_count`, `listed_count`: the counts the platform reports, else the follow
 *   graph's in-degree and out-degree (not oneself), else 0 (listed: reported or 0);
 * - `mentions_received`, `retweets_received`: mentions and reposts from other accounts, counted per UTC day;
 * - `mentions_sent`, `retweets_sent`: mentions and reposts of other accounts the account made, per day;
 * - `posts`: posts of every kind the account made, per day.
 *
 * The five activity columns hold counts per (account, day) (`scoring/features/daily.ts`); the method divides
 * their window sums by the window's length to get rates per day. `network_feature_1…3` have no definition
 * (PeerIndex never published one) and no column here.
 */
import type {Db} from "../db.js";
import type {TimeWindow} from "./activity.js";
import {dailyCounts, utcDay, type DailyCounts} from "./daily.js";
import {inWindow, windowParams} from "./window.js";
import {ownPersons} from "../methods/method.js";

/** The summed activity columns, in the order of the pairs file. */
export const PAIRS_ACTIVITY = [
  "mentions_received",
  "retweets_received",
  "mentions_sent",
  "retweets_sent",
  "posts"
] as const;

/** The reported (or graph) counts, which do not depend on the window. */
export const PAIRS_COUNTS = ["follower_count", "following_count", "listed_count"] as const;

export const PAIRS_ACCOUNTS_SQL = `
WITH in_degree AS (
  SELECT followee_id AS account_id, count(DISTINCT follower_id) AS n FROM follows
  WHERE follower_id <> followee_id GROUP BY followee_id
),
out_degree AS (
  SELECT follower_id AS account_id, count(DISTINCT followee_id) AS n FROM follows
  WHERE follower_id <> followee_id GROUP BY follower_id
)
SELECT a.account_id, a.network,
  coalesce(a.followers, i.n, 0)::DOUBLE AS follower_count,
  coalesce(a.following, o.n, 0)::DOUBLE AS following_count,
  coalesce(a.listed, 0)::DOUBLE AS listed_count
FROM accounts a LEFT JOIN in_degree i USING (account_id) LEFT JOIN out_degree o USING (account_id)
ORDER BY a.account_id
`;

// Parameters: from, from, to, to for interactions, then again for posts.
export const PAIRS_DAILY_SQL = `
WITH windowed AS (
  SELECT actor_id, target_id, kind, ${utcDay("ts")} AS day FROM interactions
  WHERE kind IN ('mention', 'repost') AND actor_id <> target_id AND ${inWindow("ts")}
),
events AS (
  SELECT target_id AS account_id, day, kind || '_received' AS what FROM windowed
  UNION ALL
  SELECT actor_id AS account_id, day, kind || '_sent' AS what FROM windowed
  UNION ALL
  SELECT account_id, ${utcDay("created_at")} AS day, 'post' AS what FROM posts WHERE ${inWindow("created_at")}
)
SELECT account_id, day,
  count(*) FILTER (WHERE what = 'mention_received') AS mentions_received,
  count(*) FILTER (WHERE what = 'repost_received') AS retweets_received,
  count(*) FILTER (WHERE what = 'mention_sent') AS mentions_sent,
  count(*) FILTER (WHERE what = 'repost_sent') AS retweets_sent,
  count(*) FILTER (WHERE what = 'post') AS posts
FROM events
WHERE account_id IN (SELECT account_id FROM accounts)
GROUP BY account_id, day
`;

/** Every account's reported counts, and its activity per day inside the window. */
export async function pairsDailyCounts(db: Db, window: TimeWindow): Promise<DailyCounts> {
  type AccountRow = {account_id: string; network: string} & Record<(typeof PAIRS_COUNTS)[number], number>;
  const accounts = await db.queryColumns<AccountRow>(PAIRS_ACCOUNTS_SQL);
  const daily = await db.queryColumns(PAIRS_DAILY_SQL, [...windowParams(window), ...windowParams(window)]);
  const table = {
    accountIds: accounts.account_id,
    networks: accounts.network,
    ...ownPersons(accounts.account_id.length),
    columns: Object.fromEntries(PAIRS_COUNTS.map((name) => [name, Float64Array.from(accounts[name])]))
  };
  return dailyCounts(table, PAIRS_ACTIVITY, daily);
}
