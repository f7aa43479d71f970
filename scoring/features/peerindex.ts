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
 * The results are numbers, read as columns: accounts are numbered 0…n−1 in `account_id` order (ACCOUNT_INDEX_SQL,
 * the order of `accountList`), a topic is named on its first row only and Audience has one row per account in that
 * order. Text is what a result of a row per account costs most to read, query after query.
 */
import type {Columns, Db} from "../db.js";
import {REACTION_KINDS, type TimeWindow} from "./activity.js";
import {ACCOUNT_INDEX_SQL, accountList, perAccount} from "./accounts.js";
import {inWindow, windowParams} from "./window.js";

const REACTION_KIND_LIST = REACTION_KINDS.map((kind) => `'${kind}'`).join(", ");

/** Whether any post of the dataset carries a topic. */
export const HAS_TOPICS_SQL = `SELECT count(*) > 0 AS has_topics FROM posts WHERE len(topics) > 0`;

// The accounts by index, and the window's reactions with the indices of their actor and target (NULL for one
// that is not an account); parameters from, from, to, to.
const REACTIONS = `nodes AS (${ACCOUNT_INDEX_SQL}),
reactions AS (
  SELECT s.account AS actor, t.account AS target, i.post_id, i.network
  FROM interactions i
  LEFT JOIN nodes s ON s.account_id = i.actor_id
  LEFT JOIN nodes t ON t.account_id = i.target_id
  WHERE i.kind IN (${REACTION_KIND_LIST}) AND i.actor_id <> i.target_id AND ${inWindow("i.ts")}
)`;

// Topics from the posts: each reaction with the topics of its post, each post of the window with its own.
// Parameters: from, from, to, to for the reactions, then for the posts.
const POST_TOPICS = `${REACTIONS},
topic_reactions AS (
  SELECT r.actor, r.target, unnest(list_distinct(p.topics)) AS topic
  FROM reactions r JOIN posts p ON p.post_id = r.post_id
),
topic_output AS (
  SELECT n.account, unnest(list_distinct(p.topics)) AS topic
  FROM posts p JOIN nodes n USING (account_id) WHERE ${inWindow("p.created_at")}
)`;

// One topic for everything, named by the first parameter; output is posts, or reactions made on a network
// without posts. Parameters: the topic, then from, from, to, to for the reactions, then for the posts.
const ONE_TOPIC = `one AS (SELECT ?::VARCHAR AS topic),
${REACTIONS},
topic_reactions AS (SELECT actor, target, (SELECT topic FROM one) AS topic FROM reactions),
topic_output AS (
  SELECT n.account, (SELECT topic FROM one) AS topic
  FROM posts p JOIN nodes n USING (account_id) WHERE ${inWindow("p.created_at")}
  UNION ALL
  SELECT actor, (SELECT topic FROM one) FROM reactions WHERE network NOT IN (SELECT DISTINCT network FROM posts)
)`;

// A topic's name on the first of its rows (ordered by `key`, then `first`), NULL on the others: a name repeated
// on every row is what a large result costs most to read.
const topicOnFirstRow = (first: string) => `CASE WHEN ${first} = min(${first}) OVER (PARTITION BY key) THEN key END`;

const membersSql = (topics: string) => `
WITH ${topics},
counts AS (
  SELECT topic, account, count(*) AS output, 0 AS made, 0 AS received FROM topic_output
  WHERE account IS NOT NULL GROUP BY topic, account
  UNION ALL
  SELECT topic, actor, 0, count(*), 0 FROM topic_reactions WHERE actor IS NOT NULL GROUP BY topic, actor
  UNION ALL
  SELECT topic, target, 0, 0, count(*) FROM topic_reactions WHERE target IS NOT NULL GROUP BY topic, target
),
members AS (
  SELECT topic AS key, account, sum(output)::INTEGER AS output, sum(output + made + received)::INTEGER AS participation
  FROM counts GROUP BY topic, account
)
SELECT ${topicOnFirstRow("account")} AS topic, account, output, participation
FROM members
ORDER BY key, account
`;

const edgesSql = (topics: string) => `
WITH ${topics},
edges AS (
  SELECT topic AS key, actor AS source, target, count(*)::INTEGER AS weight
  FROM topic_reactions WHERE actor IS NOT NULL AND target IS NOT NULL
  GROUP BY topic, actor, target
)
SELECT ${topicOnFirstRow("source * 2147483648 + target")} AS topic, source, target, weight
FROM edges
ORDER BY key, source, target
`;
/**
 * The members of each topic, one row per (topic, account) that put out, made or received anything on it in the
 * window: `output` (posts on the topic) and `participation` (those posts, the reactions it made on the topic's
 * posts and those it received on them); ordered by topic and account, the topic named on its first row only.
 * `byPost` for data whose posts carry topics, `oneTopic` for data without.
 */
export const TOPIC_MEMBERS_SQL = Object.freeze({byPost: membersSql(POST_TOPICS), oneTopic: membersSql(ONE_TOPIC)});

/**
 * The reaction graph of each topic: edges reactor → reacted-to, weighted by the number of reactions on the
 * topic's posts in the window; ordered by topic, source and target, the topic named on its first row only.
 * `byPost` and `oneTopic` as TOPIC_MEMBERS_SQL.
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
 * same on every engine. One row per account, in `account_id` order. Parameters: from, from, to, to for the
 * interactions, again for the posts, then the silent weight.
 */
export const AUDIENCE_SQL = `
WITH actions AS (SELECT actor_id, target_id, kind, ts, network FROM interactions WHERE ${inWindow("ts")}),
active_days AS (
  SELECT actor_id, min(network) AS network, count(*) AS actions FROM actions GROUP BY actor_id, CAST(ts AS DATE)
),
rates AS (
  SELECT actor_id, min(network) AS network, sum(actions)::DOUBLE / count(*) AS per_day
  FROM active_days GROUP BY actor_id
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
  SELECT pairs.target_id AS account_id, sum(w.weight ORDER BY pairs.actor_id) AS audience
  FROM (
    SELECT DISTINCT target_id, actor_id FROM actions WHERE kind IN (${REACTION_KIND_LIST}) AND actor_id <> target_id
  ) pairs
  JOIN reactor_weights w USING (actor_id)
  GROUP BY pairs.target_id
)
SELECT coalesce(x.audience, 0)::DOUBLE AS audience
FROM accounts a LEFT JOIN audience x USING (account_id)
ORDER BY a.account_id
`;

/** A row of TOPIC_MEMBERS_SQL. */
export interface TopicMemberRow {
  /** The topic on its first row, null on the others. */
  topic: string | null;
  /** The account's index in `account_id` order. */
  account: number;
  output: number;
  participation: number;
  [column: string]: string | number | null;
}

/** A row of TOPIC_EDGES_SQL. */
export interface TopicEdgeRow {
  /** The topic on its first row, null on the others. */
  topic: string | null;
  source: number;
  target: number;
  weight: number;
  [column: string]: string | number | null;
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

/** The members of every topic in the window, ordered by topic and account, as columns. */
export function topicMembers(db: Db, window: TimeWindow, source: TopicSource): Promise<Columns<TopicMemberRow>> {
  return db.queryColumns<TopicMemberRow>(...topicQuery(TOPIC_MEMBERS_SQL, source, window));
}

/** The reaction edges of every topic in the window, ordered by topic, as columns. */
export function topicEdges(db: Db, window: TimeWindow, source: TopicSource): Promise<Columns<TopicEdgeRow>> {
  return db.queryColumns<TopicEdgeRow>(...topicQuery(TOPIC_EDGES_SQL, source, window));
}

/** Every account's engaged audience in the window (AUDIENCE_SQL), in `accountList` order. */
export async function audience(
  db: Db,
  {from = null, to = null}: TimeWindow,
  {silentWeight}: {silentWeight: number}
): Promise<Float64Array> {
  const accounts = await accountList(db);
  const params = [...windowParams({from, to}), ...windowParams({from, to}), silentWeight];
  const columns = await db.queryColumns<{audience: number}>(AUDIENCE_SQL, params);
  return Float64Array.from(perAccount(accounts, columns).audience);
}
