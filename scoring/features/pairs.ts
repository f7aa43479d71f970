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
 * One window's features come from one query with a row per account; for daily histories the five activity
 * columns come as counts per (account, day) (`scoring/features/daily.ts`), which summed over a window's days give
 * the same numbers. The method divides the window sums by the window's length to get rates per day.
 * `network_feature_1…3` have no definition (PeerIndex never published one) and no column here.
 */
import type {Db} from "../db.js";
import type {FeatureTable} from "../methods/method.js";
import {ownPersons} from "../methods/method.js";
import {ACCOUNT_INDEX_SQL, accountList, perAccount} from "./accounts.js";
import type {TimeWindow} from "./activity.js";
import {dailyCounts, utcDay, type DailyCounts} from "./daily.js";
import {inWindow, windowParams} from "./window.js";

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

// The reported counts, else the follow graph's degrees (for the accounts that report none), in `account_id` order.
const COUNTS = `
in_degree AS (
  SELECT followee_id AS account_id, count(DISTINCT follower_id) AS n FROM follows
  WHERE follower_id <> followee_id AND followee_id IN (SELECT account_id FROM accounts WHERE followers IS NULL)
  GROUP BY followee_id
),
out_degree AS (
  SELECT follower_id AS account_id, count(DISTINCT followee_id) AS n FROM follows
  WHERE follower_id <> followee_id AND follower_id IN (SELECT account_id FROM accounts WHERE following IS NULL)
  GROUP BY follower_id
)`;
const COUNT_COLUMNS = `
  coalesce(a.followers, i.n, 0)::DOUBLE AS follower_count,
  coalesce(a.following, o.n, 0)::DOUBLE AS following_count,
  coalesce(a.listed, 0)::DOUBLE AS listed_count`;

export const PAIRS_ACCOUNTS_SQL = `
WITH ${COUNTS}
SELECT ${COUNT_COLUMNS}
FROM accounts a LEFT JOIN in_degree i USING (account_id) LEFT JOIN out_degree o USING (account_id)
ORDER BY a.account_id
`;

// Mentions and reposts between two different accounts inside the window, with their UTC day; parameters from,
// from, to, to.
const WINDOWED = `
windowed AS (
  SELECT actor_id, target_id, kind, ${utcDay("ts")} AS day FROM interactions
  WHERE kind IN ('mention', 'repost') AND actor_id <> target_id AND ${inWindow("ts")}
)`;

// Parameters: from, from, to, to for interactions, then again for posts. Rows of accounts not in `accounts` are
// left out.
export const PAIRS_FEATURES_SQL = `
WITH ${COUNTS}, ${WINDOWED},
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
)
SELECT ${COUNT_COLUMNS},
  coalesce(r.mentions_received, 0)::DOUBLE AS mentions_received,
  coalesce(r.retweets_received, 0)::DOUBLE AS retweets_received,
  coalesce(s.mentions_sent, 0)::DOUBLE AS mentions_sent,
  coalesce(s.retweets_sent, 0)::DOUBLE AS retweets_sent,
  coalesce(p.posts, 0)::DOUBLE AS posts
FROM accounts a
LEFT JOIN in_degree i USING (account_id)
LEFT JOIN out_degree o USING (account_id)
LEFT JOIN received r USING (account_id)
LEFT JOIN sent s USING (account_id)
LEFT JOIN posted p USING (account_id)
ORDER BY a.account_id
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

type Column = (typeof PAIRS_COUNTS)[number] | (typeof PAIRS_ACTIVITY)[number];

/** Every account as its own person, with `columns` read in `account_id` order (one value per account). */
async function pairsTable(db: Db, names: readonly Column[], sql: string, params: readonly (number | null)[]) {
  const accounts = await accountList(db);
  const answer = perAccount(accounts, await db.queryColumns<Record<Column, number>>(sql, params));
  return {
    accountIds: accounts.accountIds,
    networks: accounts.networks,
    ...ownPersons(accounts.accountIds.length),
    columns: Object.fromEntries(names.map((name) => [name, Float64Array.from(answer[name])]))
  };
}

/** Every account's reported counts and its activity summed over the window: one window's features. */
export function pairsFeatures(db: Db, window: TimeWindow): Promise<FeatureTable> {
  const params = [...windowParams(window), ...windowParams(window)];
  return pairsTable(db, [...PAIRS_COUNTS, ...PAIRS_ACTIVITY], PAIRS_FEATURES_SQL, params);
}

/** Every account's reported counts, and its activity per day inside the window. */
export async function pairsDailyCounts(db: Db, window: TimeWindow): Promise<DailyCounts> {
  const accounts = await pairsTable(db, PAIRS_COUNTS, PAIRS_ACCOUNTS_SQL, []);
  const daily = await db.queryColumns(PAIRS_DAILY_SQL, [...windowParams(window), ...windowParams(window)]);
  return dailyCounts(accounts, PAIRS_ACTIVITY, daily);
}
