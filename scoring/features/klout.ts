/**
 * The per-account features of the Klout-style score, inside a window [from, to):
 *
 * - `selective_reactions`: reactions from other accounts, each worth 1 / (the number of actions its actor
 *   made that UTC day), so an account that reposts everything in sight lends little to each (Klout 2011–2016:
 *   "the more a person likes or retweets in a day, the less each of their actions is worth");
 * - `reactions`, `distinct_reactors` (Klout's "true reach": 100 reactions from 100 people beat 100 from one);
 * - `posts`: original posts, replies and quotes the account made in the window (reposts are not output);
 * - `followers`: reported followers, else follower in-degree; `listed`: reported list memberships;
 * - `person`: the person the account belongs to (`accounts.person_id`, else `identities`, else the account), as
 *   an index numbered in order of each person's first account.
 *
 * For daily histories, the same counts per UTC day: reactions per (reactor, reacted-to, day) and posts per
 * (account, day), which `scoring/methods/klout.ts` slides over the days.
 */
import type {Columns, Db} from "../db.js";
import {accountList, perAccount, type AccountList} from "./accounts.js";
import {REACTION_KINDS, type TimeWindow} from "./activity.js";
import {utcDay} from "./daily.js";
import {inWindow, windowParams} from "./window.js";

/** The feature columns, one value per account in `account_id` order (`accountList`). */
export interface KloutFeatures {
  /** The person of each account as an index 0…: persons numbered in order of their first account. */
  person: number;
  selective_reactions: number;
  reactions: number;
  distinct_reactors: number;
  posts: number;
  followers: number;
  listed: number;
  [column: string]: number;
}

// Parameters: the window (from, from, to, to) for interactions, then again for posts.
export const KLOUT_FEATURES_SQL = `
WITH windowed AS (
  SELECT actor_id, target_id, ts, kind FROM interactions WHERE kind <> 'follow' AND ${inWindow("ts")}
),
actor_days AS (
  SELECT actor_id, CAST(ts AS DATE) AS day, count(*) AS actions FROM windowed GROUP BY actor_id, CAST(ts AS DATE)
),
received AS (
  SELECT
    r.target_id AS account_id,
    sum(1.0 / d.actions ORDER BY d.actions) AS selective_reactions,
    count(*) AS reactions,
    count(DISTINCT r.actor_id) AS distinct_reactors
  FROM windowed r
  JOIN actor_days d ON d.actor_id = r.actor_id AND d.day = CAST(r.ts AS DATE)
  WHERE r.kind IN (${REACTION_KINDS.map((kind) => `'${kind}'`).join(", ")}) AND r.actor_id <> r.target_id
  GROUP BY r.target_id
),
authored AS (
  SELECT account_id, count(*) AS posts FROM posts WHERE kind <> 'repost' AND ${inWindow("created_at")} GROUP BY account_id
),
in_degree AS (
  SELECT followee_id AS account_id, count(DISTINCT follower_id) AS n FROM follows WHERE follower_id <> followee_id GROUP BY followee_id
),
people AS (SELECT account_id, min(person_id) AS person_id FROM identities GROUP BY account_id),
persons AS (
  SELECT a.account_id, min(a.account_id) OVER (PARTITION BY coalesce(a.person_id, people.person_id, a.account_id)) AS first
  FROM accounts a LEFT JOIN people USING (account_id)
),
person_index AS (SELECT account_id, (dense_rank() OVER (ORDER BY first) - 1)::INTEGER AS person FROM persons)
SELECT
  person_index.person,
  coalesce(r.selective_reactions, 0)::DOUBLE AS selective_reactions,
  coalesce(r.reactions, 0)::DOUBLE AS reactions,
  coalesce(r.distinct_reactors, 0)::DOUBLE AS distinct_reactors,
  coalesce(p.posts, 0)::DOUBLE AS posts,
  coalesce(a.followers, f.n, 0)::DOUBLE AS followers,
  coalesce(a.listed, 0)::DOUBLE AS listed
FROM accounts a
LEFT JOIN received r USING (account_id)
LEFT JOIN authored p USING (account_id)
LEFT JOIN in_degree f USING (account_id)
LEFT JOIN person_index USING (account_id)
ORDER BY a.account_id
`;

/** The features of every account in `account_id` order, with the accounts they belong to. */
export async function kloutFeatures(
  db: Db,
  window: TimeWindow = {}
): Promise<{accounts: AccountList; features: Columns<KloutFeatures>}> {
  const accounts = await accountList(db);
  const columns = await db.queryColumns<KloutFeatures>(KLOUT_FEATURES_SQL, [
    ...windowParams(window),
    ...windowParams(window)
  ]);
  return {accounts, features: perAccount(accounts, columns)};
}

/** Networks whose data has posts at all (amplification needs post counts). */
export async function networksWithPosts(db: Db): Promise<Set<string>> {
  return new Set((await db.query<{network: string}>("SELECT DISTINCT network FROM posts")).map((row) => row.network));
}

// Parameters: from, from, to, to. Per (reactor, reacted-to, UTC day): the reactions and their actor-selective
// weights, as KLOUT_FEATURES_SQL counts them (windows of whole days hold whole actor-days).
export const KLOUT_DAILY_REACTIONS_SQL = `
WITH windowed AS (
  SELECT actor_id, target_id, ts, kind FROM interactions WHERE kind <> 'follow' AND ${inWindow("ts")}
),
actor_days AS (
  SELECT actor_id, CAST(ts AS DATE) AS action_day, count(*) AS actions FROM windowed
  GROUP BY actor_id, CAST(ts AS DATE)
)
SELECT r.actor_id, r.target_id, ${utcDay("r.ts")} AS day, count(*) AS reactions,
  sum(1.0 / d.actions ORDER BY d.actions)::DOUBLE AS selective
FROM windowed r
JOIN actor_days d ON d.actor_id = r.actor_id AND d.action_day = CAST(r.ts AS DATE)
WHERE r.kind IN (${REACTION_KINDS.map((kind) => `'${kind}'`).join(", ")}) AND r.actor_id <> r.target_id
  AND r.target_id IN (SELECT account_id FROM accounts)
GROUP BY r.actor_id, r.target_id, day
ORDER BY day, r.target_id, r.actor_id
`;

// Parameters: from, from, to, to. Per (account, UTC day): the posts KLOUT_FEATURES_SQL counts.
export const KLOUT_DAILY_POSTS_SQL = `
SELECT account_id, ${utcDay("created_at")} AS day, count(*) AS posts FROM posts
WHERE kind <> 'repost' AND ${inWindow("created_at")} AND account_id IN (SELECT account_id FROM accounts)
GROUP BY account_id, day
`;

export interface KloutDailyReaction {
  actor_id: string;
  target_id: string;
  day: number;
  reactions: number;
  selective: number;
  [column: string]: string | number;
}

/** The reactions of every (reactor, reacted-to, day) inside the window, by day. */
export function kloutDailyReactions(db: Db, window: TimeWindow): Promise<KloutDailyReaction[]> {
  return db.query<KloutDailyReaction>(KLOUT_DAILY_REACTIONS_SQL, windowParams(window));
}
