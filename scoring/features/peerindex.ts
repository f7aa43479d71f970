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

const topicGraphSql = (topics: string) => `
WITH ${topics},
pairs AS (SELECT topic, actor, target, count(*) AS reactions FROM topic_reactions GROUP BY topic, actor, target),
counts AS (
  SELECT topic, account, count(*) AS output, 0 AS made, 0 AS received FROM topic_output
  WHERE account IS NOT NULL GROUP BY topic, account
  UNION ALL
  SELECT topic, actor, 0, sum(reactions), 0 FROM pairs WHERE actor IS NOT NULL GROUP BY topic, actor
  UNION ALL
  SELECT topic, target, 0, 0, sum(reactions) FROM pairs WHERE target IS NOT NULL GROUP BY topic, target
),
members AS (
  SELECT topic, account, sum(output) AS output, sum(output + made + received) AS participation
  FROM counts GROUP BY topic, account
),
graph AS (
  SELECT topic AS key, account = min(account) OVER (PARTITION BY topic) AS first, account AS source, -1 AS target,
    output, participation, 0 AS weight
  FROM members
  UNION ALL
  SELECT topic, false, actor, target, 0, 0, reactions FROM pairs WHERE actor IS NOT NULL AND target IS NOT NULL
)
SELECT CASE WHEN first THEN key END AS topic, source, target, output::INTEGER AS output,
  participation::INTEGER AS participation, weight::INTEGER AS weight
FROM graph
ORDER BY key, target <> -1, source, target
`;

/**
 * Each topic's members and reaction graph, topic by topic in order, the topic named on its first row only (a name
 * repeated on every row is what a large result costs most to read). First a row per member, an account that put
 * out, made or received anything on the topic in the window, in account order: `source` the account, `target` −1,
 * `output` its posts on the topic and `participation` those posts, the reactions it made on the topic's posts and
 * those it received on them. Then a row per edge reactor → reacted-to of the topic's graph, by source and target:
 * `source` and `target` the accounts, `weight` the reactions on the topic's posts in the window. `byPost` for data
 * whose posts carry topics, `oneTopic` for data without.
 */
export const TOPIC_GRAPHS_SQL = Object.freeze({byPost: topicGraphSql(POST_TOPICS), oneTopic: topicGraphSql(ONE_TOPIC)});

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

/** A row of TOPIC_GRAPHS_SQL: a member of a topic (`target` −1) or an edge of its graph. */
export interface TopicGraphRow {
  /** The topic on its first row, null on the others. */
  topic: string | null;
  /** The member, or the edge's reactor, as its index in `account_id` order. */
  source: number;
  /** The account reacted to, or −1 on a member's row. */
  target: number;
  /** The member's posts on the topic (0 on an edge's row). */
  output: number;
  /** The member's posts and reactions made and received on the topic (0 on an edge's row). */
  participation: number;
  /** The edge's reactions (0 on a member's row). */
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

/** The members and reaction graph of every topic in the window (TOPIC_GRAPHS_SQL), as columns. */
export function topicGraphs(db: Db, window: TimeWindow, source: TopicSource): Promise<Columns<TopicGraphRow>> {
  return db.queryColumns<TopicGraphRow>(...topicQuery(TOPIC_GRAPHS_SQL, source, window));
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
