/**
 * What Twitalyzer's metrics count (INFLUENCE-METHODS.md §4), per post and per account, inside a window
 * [from, to).
 *
 * Entities of a post: with text, @mentions, links (`http://`, `https://`) and #hashtags found in the text,
 * and a retweet marker (`rt`, `r/t`, `retweet`, `via` as a word, any case), as Twitalyzer read them; without
 * text, mentions are the post's `mention` interactions (the account it mentioned, once each) and links and
 * hashtags are 0. Either way a repost or quote is a retweet. Posts with neither text nor mention interactions
 * thus carry only what their kind says.
 *
 * A reference is an @reference, a `mention` or `reply` interaction; a citation adds `quote`; a retweet is a
 * `repost`. Interactions with oneself are left out.
 */
import type {Db} from "../db.js";
import type {TimeWindow} from "./activity.js";
import {inWindow, windowParams} from "./window.js";

// RE2 patterns (both engines use RE2). A mention or hashtag starts the text or follows a non-word character,
// so e-mail addresses and `a#b` are not entities; a hashtag needs a letter, as on Twitter.
const WORD = String.raw`\p{L}\p{N}_`;
export const MENTION_PATTERN = String.raw`(^|[^${WORD}])@[${WORD}]+`;
export const LINK_PATTERN = String.raw`(?i)https?://[^\s]+`;
export const HASHTAG_PATTERN = String.raw`(^|[^${WORD}&])#[${WORD}]*\p{L}[${WORD}]*`;
export const RETWEET_PATTERN = String.raw`(?i)(^|[^${WORD}])(rt|r/t|retweet|via)([^${WORD}]|$)`;

// The posts of the window with their entity counts; parameters from, from, to, to.
const POST_ENTITIES = `
windowed AS (
  SELECT post_id, account_id, kind, parent_post_id, text FROM posts WHERE ${inWindow("created_at")}
),
mentioned AS (
  SELECT i.post_id, count(DISTINCT i.target_id) AS mentions
  FROM interactions i JOIN windowed w ON w.post_id = i.post_id AND w.account_id = i.actor_id
  WHERE i.kind = 'mention' AND i.actor_id <> i.target_id AND w.text IS NULL
  GROUP BY i.post_id
),
entities AS (
  SELECT w.post_id, w.account_id, w.kind, w.parent_post_id,
    CASE WHEN w.text IS NULL THEN coalesce(m.mentions, 0)
      ELSE len(regexp_extract_all(w.text, '${MENTION_PATTERN}')) END AS mentions,
    coalesce(len(regexp_extract_all(w.text, '${LINK_PATTERN}')), 0) AS links,
    coalesce(len(regexp_extract_all(w.text, '${HASHTAG_PATTERN}')), 0) AS hashtags,
    w.kind IN ('repost', 'quote') OR coalesce(regexp_matches(w.text, '${RETWEET_PATTERN}'), false) AS retweet
  FROM windowed w LEFT JOIN mentioned m USING (post_id)
)`;

export interface PostEntities {
  post_id: string;
  account_id: string;
  mentions: number;
  links: number;
  hashtags: number;
  retweet: boolean;
  [column: string]: string | number | boolean;
}

export const POST_ENTITIES_SQL = `
WITH ${POST_ENTITIES}
SELECT post_id, account_id, mentions, links, hashtags, retweet FROM entities ORDER BY post_id
`;

/** The entity counts of every post inside the window. */
export function postEntities(db: Db, {from = null, to = null}: TimeWindow = {}): Promise<PostEntities[]> {
  return db.query<PostEntities>(POST_ENTITIES_SQL, windowParams({from, to}));
}

export interface UpdateFeatures {
  account_id: string;
  network: string;
  /** Posts of every kind the account made in the window. */
  updates: number;
  /** Those with a mention, link, hashtag or retweet marker, or replying to someone (a reply addresses a person). */
  signal_updates: number;
  /** Retweets (reposts, quotes, text retweets) whose original is not known to be the account's own. */
  retweets_of_others: number;
  [column: string]: string | number;
}

// Parameters: from, from, to, to.
export const UPDATE_FEATURES_SQL = `
WITH ${POST_ENTITIES}
SELECT a.account_id, a.network,
  count(e.post_id) AS updates,
  count(e.post_id) FILTER (
    WHERE e.mentions > 0 OR e.links > 0 OR e.hashtags > 0 OR e.retweet OR e.kind = 'reply'
  ) AS signal_updates,
  count(e.post_id) FILTER (WHERE e.retweet AND coalesce(parent.account_id <> e.account_id, true)) AS retweets_of_others
FROM accounts a
LEFT JOIN entities e USING (account_id)
LEFT JOIN posts parent ON parent.post_id = e.parent_post_id
GROUP BY a.account_id, a.network
ORDER BY a.account_id
`;

/** What each account posted in the window: updates, those carrying signal, and retweets of others. */
export function updateFeatures(db: Db, {from = null, to = null}: TimeWindow = {}): Promise<UpdateFeatures[]> {
  return db.query<UpdateFeatures>(UPDATE_FEATURES_SQL, windowParams({from, to}));
}

export interface ReferenceFeatures {
  account_id: string;
  network: string;
  /** Reported followers, else follower in-degree, else 0. */
  followers: number;
  /** References (mentions and replies) the account received. */
  references_received: number;
  /** References made by anyone in the account's network. */
  network_references: number;
  /** Distinct accounts that referenced it. */
  referencers: number;
  /** Distinct accounts it referenced. */
  referenced: number;
  /** Distinct accounts that referenced or quoted it. */
  citers: number;
  /** Distinct accounts that reposted it. */
  retweeters: number;
  /** Distinct accounts it reposted. */
  retweeted: number;
  [column: string]: string | number;
}

// Parameters: from, from, to, to.
export const REFERENCE_FEATURES_SQL = `
WITH windowed AS (
  SELECT actor_id, target_id, kind, network FROM interactions
  WHERE kind IN ('mention', 'reply', 'quote', 'repost') AND actor_id <> target_id AND ${inWindow("ts")}
),
received AS (
  SELECT target_id AS account_id,
    count(*) FILTER (WHERE kind IN ('mention', 'reply')) AS references_received,
    count(DISTINCT actor_id) FILTER (WHERE kind IN ('mention', 'reply')) AS referencers,
    count(DISTINCT actor_id) FILTER (WHERE kind IN ('mention', 'reply', 'quote')) AS citers,
    count(DISTINCT actor_id) FILTER (WHERE kind = 'repost') AS retweeters
  FROM windowed
  GROUP BY target_id
),
made AS (
  SELECT actor_id AS account_id,
    count(DISTINCT target_id) FILTER (WHERE kind IN ('mention', 'reply')) AS referenced,
    count(DISTINCT target_id) FILTER (WHERE kind = 'repost') AS retweeted
  FROM windowed
  GROUP BY actor_id
),
per_network AS (
  SELECT network, count(*) AS network_references FROM windowed WHERE kind IN ('mention', 'reply') GROUP BY network
),
in_degree AS (
  SELECT followee_id AS account_id, count(DISTINCT follower_id) AS followers
  FROM follows WHERE follower_id <> followee_id GROUP BY followee_id
)
SELECT a.account_id, a.network,
  coalesce(a.followers, d.followers, 0) AS followers,
  coalesce(r.references_received, 0) AS references_received,
  coalesce(n.network_references, 0) AS network_references,
  coalesce(r.referencers, 0) AS referencers,
  coalesce(m.referenced, 0) AS referenced,
  coalesce(r.citers, 0) AS citers,
  coalesce(r.retweeters, 0) AS retweeters,
  coalesce(m.retweeted, 0) AS retweeted
FROM accounts a
LEFT JOIN received r USING (account_id)
LEFT JOIN made m USING (account_id)
LEFT JOIN in_degree d USING (account_id)
LEFT JOIN per_network n ON n.network = a.network
ORDER BY a.account_id
`;

/** Who referenced, quoted and reposted each account in the window, whom it did so to, and its followers. */
export function referenceFeatures(db: Db, {from = null, to = null}: TimeWindow = {}): Promise<ReferenceFeatures[]> {
  return db.query<ReferenceFeatures>(REFERENCE_FEATURES_SQL, windowParams({from, to}));
}
