/**
 * What the PeerIndex-style methods count (INFLUENCE-METHODS.md §3), inside a window [from, to).
 *
 * Topics: a reaction (an interaction of a REACTION_KINDS kind whose actor is another account) counts for the
 * topics of the post it is about (`interactions.post_id` → `posts.topics`); an account's output on a topic is its
 * posts carrying that topic. When no post of the dataset carries a topic, everything belongs to one topic named
 * by the caller (`all`): every reaction counts, and output is the account's posts, or on a network whose data
 * has no posts at all (an interaction stream such as SNAP Higgs) the reactions it made, the only updates of its
 * that such data records. A post that lists a topic twice counts once for it.
 *
 * Accounts are numbered 0…n−1 in `account_id` order (as `accountList` of `scoring/features/accounts.ts`), so topic
 * rows carry integers rather than repeating account ids.
 */
import type {Db} from "../db.js";
import {REACTION_KINDS, type TimeWindow} from "./activity.js";
import {inWindow, windowParams} from "./window.js";

const REACTION_KIND_LIST = REACTION_KINDS.map((kind) => `'${kind}'`).join(", ");

/** Whether any post of the dataset carries a topic. */
export const HAS_TOPICS_SQL = `SELECT count(*) > 0 AS has_topics FROM posts WHERE len(topics) > 0`;

// The window's reactions; parameters from, from, to, to.
const REACTIONS = `reactions AS (
  SELECT actor_id, target_id, post_id, network FROM interactions
  WHERE kind IN (${REACTION_KIND_LIST}) AND actor_id <> target_id AND ${inWindow("ts")}
)`;

// Topics from the posts: each reaction with the topics of its post, each post of the window with its own.
// Parameters: from, from, to, to for the reactions, then for the posts.
const POST_TOPICS = `${REACTIONS},
topic_reactions AS (
  SELECT r.actor_id, r.target_id, unnest(list_distinct(p.topics)) AS topic
  FROM reactions r JOIN posts p ON p.post_id = r.post_id
),
topic_output AS (
  SELECT account_id, unnest(list_distinct(topics)) AS topic FROM posts WHERE ${inWindow("created_at")}
)`;

// One topic for everything, named by the first parameter; output is posts, or reactions made on a network
// without posts. Parameters: the topic, then from, from, to, to for the reactions, then for the posts.
const ONE_TOPIC = `one AS (SELECT ?::VARCHAR AS topic),
${REACTIONS},
topic_reactions AS (SELECT actor_id, target_id, (SELECT topic FROM one) AS topic FROM reactions),
topic_output AS (
  SELECT account_id, (SELECT topic FROM one) AS topic FROM posts WHERE ${inWindow("created_at")}
  UNION ALL
  SELECT actor_id, (SELECT topic FROM one) FROM reactions WHERE network NOT IN (SELECT DISTINCT network FROM posts)
)`;

const NODES = `nodes AS (SELECT account_id, (row_number() OVER (ORDER BY account_id) - 1)::INTEGER AS idx FROM accounts)`;

const membersSql = (topics: string) => `
WITH ${topics},
${NODES},
events AS (
  SELECT topic, account_id, 'output' AS role FROM topic_output
  UNION ALL SELECT topic, actor_id, 'made' FROM topic_reactions
  UNION ALL SELECT topic, target_id, 'received' FROM topic_reactions
)
SELECT e.topic, n.idx AS account,
  count(*) FILTER (WHERE role = 'output') AS output,
  count(*) FILTER (WHERE role = 'made') AS reactions_made,
  count(*) FILTER (WHERE role = 'received') AS reactions_received
FROM events e JOIN nodes n USING (account_id)
GROUP BY e.topic, n.idx
ORDER BY e.topic, account
`;

const edgesSql = (topics: string) => `
WITH ${topics},
${NODES}
SELECT r.topic, s.idx AS source, t.idx AS target, count(*) AS weight
FROM topic_reactions r
JOIN nodes s ON s.account_id = r.actor_id
JOIN nodes t ON t.account_id = r.target_id
GROUP BY r.topic, s.idx, t.idx
ORDER BY r.topic, source, target
`;

/**
 * The members of each topic, one row per (topic, account) that put out, made or received anything on it in the
 * window: `output` (posts on the topic), `reactions_made` on its posts and `reactions_received` on them; ordered
 * by topic and account. `byPost` for data whose posts carry topics, `oneTopic` for data without.
 */
export const TOPIC_MEMBERS_SQL = Object.freeze({byPost: membersSql(POST_TOPICS), oneTopic: membersSql(ONE_TOPIC)});

/**
 * The reaction graph of each topic: edges reactor → reacted-to, weighted by the number of reactions on the
 * topic's posts in the window, ordered by topic. `byPost` and `oneTopic` as TOPIC_MEMBERS_SQL.
 */
export const TOPIC_EDGES_SQL = Object.freeze({byPost: edgesSql(POST_TOPICS), oneTopic: edgesSql(ONE_TOPIC)});

/**
 * Each account's engaged audience: its distinct reactors in the window, each worth
 *
 *     min(1, q / rate) · (silent weight if the reactor posted nothing in the window on a network with posts, else 1)
 *
 * where rate is the reactor's interactions of any kind per day it was active in the window (UTC days) and q the
 * 99th percentile of that rate over the n accounts that acted in the window (`quantile_disc`: the ⌈0.99·n⌉-th
 * smallest rate, so with 100 or fewer actors nobody is above it). The sum runs in reactor order, so it is the
 * same on every engine.
 * Parameters: from, from, to, to for the interactions, again for the posts, then the silent weight.
 */
export const AUDIENCE_SQL = `
WITH actions AS (SELECT actor_id, target_id, kind, ts, network FROM interactions WHERE ${inWindow("ts")}),
rates AS (
  SELECT actor_id, min(network) AS network, count(*) / count(DISTINCT CAST(ts AS DATE)) AS per_day
  FROM actions GROUP BY actor_id
),
threshold AS (SELECT quantile_disc(per_day, 0.99) AS per_day FROM rates),
posting AS (SELECT DISTINCT account_id FROM posts WHERE ${inWindow("created_at")}),
post_networks AS (SELECT DISTINCT network FROM posts),
reactor_weights AS (
  SELECT r.actor_id,
    least(1::DOUBLE, t.per_day / r.per_day)
      * CASE WHEN p.account_id IS NULL AND n.network IS NOT NULL THEN ?::DOUBLE ELSE 1 END AS weight
  FROM rates r
  CROSS JOIN threshold t
  LEFT JOIN posting p ON p.account_id = r.actor_id
  LEFT JOIN post_networks n ON n.network = r.network
),
audience AS (
  SELECT pairs.target_id AS account_id, count(*) AS reactors, sum(w.weight ORDER BY pairs.actor_id) AS audience
  FROM (
    SELECT DISTINCT target_id, actor_id FROM actions WHERE kind IN (${REACTION_KIND_LIST}) AND actor_id <> target_id
  ) pairs
  JOIN reactor_weights w USING (actor_id)
  GROUP BY pairs.target_id
)
SELECT a.account_id, a.network, coalesce(x.reactors, 0) AS reactors, coalesce(x.audience, 0)::DOUBLE AS audience
FROM accounts a LEFT JOIN audience x USING (account_id)
ORDER BY a.account_id
`;

export interface TopicMemberRow {
  topic: string;
  /** The account's index in `account_id` order. */
  account: number;
  output: number;
  reactions_made: number;
  reactions_received: number;
  [column: string]: string | number;
}

export interface TopicEdgeRow {
  topic: string;
  source: number;
  target: number;
  weight: number;
  [column: string]: string | number;
}

export interface AudienceRow {
  account_id: string;
  network: string;
  /** Distinct reactors. */
  reactors: number;
  /** Distinct reactors, each weighted as in AUDIENCE_SQL. */
  audience: number;
  [column: string]: string | number;
}

/** How the data is split into topics: by the posts' topics, or, when no post carries one, into one topic. */
export type TopicSource = {byPost: true} | {byPost: false; oneTopic: string};

/** Topics by post when any post carries one, else one topic named `oneTopic`. */
export async function topicSource(db: Db, oneTopic: string): Promise<TopicSource> {
  const [row] = await db.query<{has_topics: boolean}>(HAS_TOPICS_SQL);
  return row?.has_topics ? {byPost: true} : {byPost: false, oneTopic};
}

function topicQuery(
  queries: {byPost: string; oneTopic: string},
  source: TopicSource,
  {from = null, to = null}: TimeWindow
): [string, (string | number | null)[]] {
  const params = [...windowParams({from, to}), ...windowParams({from, to})];
  return source.byPost ? [queries.byPost, params] : [queries.oneTopic, [source.oneTopic, ...params]];
}

/** The members of every topic in the window, ordered by topic and account. */
export function topicMembers(db: Db, window: TimeWindow, source: TopicSource): Promise<TopicMemberRow[]> {
  return db.query<TopicMemberRow>(...topicQuery(TOPIC_MEMBERS_SQL, source, window));
}

/** The reaction edges of every topic in the window, ordered by topic. */
export function topicEdges(db: Db, window: TimeWindow, source: TopicSource): Promise<TopicEdgeRow[]> {
  return db.query<TopicEdgeRow>(...topicQuery(TOPIC_EDGES_SQL, source, window));
}

/** Every account's distinct reactors and engaged audience in the window, in `account_id` order. */
export function audience(
  db: Db,
  {from = null, to = null}: TimeWindow,
  {silentWeight}: {silentWeight: number}
): Promise<AudienceRow[]> {
  return db.query<AudienceRow>(AUDIENCE_SQL, [...windowParams({from, to}), ...windowParams({from, to}), silentWeight]);
}
