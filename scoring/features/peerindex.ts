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
 * The results are numbers, read as columns: accounts are numbered 0…n−1 in `account_id` order (the order of
 * `accountList`, over the indexed interactions of `scoring/features/indexed.ts`), topics by their place in name
 * order (their names read apart), and Audience has one row per account in that order. Text is what a result of a
 * row per account costs most to read, query after query.
 */
import {hasRows, type Db} from "../db.js";
import {REACTION_KIND_LIST, type TimeWindow} from "./activity.js";
import {accountList} from "./accounts.js";
import {indexedRelations, type IndexedRelations as Relations} from "./indexed.js";
import {actionsByActor, reactionPairs, type ByActor} from "./reaction-pairs.js";
import {inWindow, windowParams} from "./window.js";

/** The posts that carry a topic (`hasRows` asks whether there are any). */
export const POSTS_WITH_TOPICS_SQL = "SELECT 1 FROM posts WHERE len(topics) > 0";

// The window's reactions with the indices of their actor and target (NULL for one that is not an account);
// parameters from, from, to, to.
const reactions = ({interactions}: Relations) => `reactions AS (
  SELECT CASE WHEN actor >= 0 THEN actor END AS actor, CASE WHEN target >= 0 THEN target END AS target, post_id,
    network
  FROM ${interactions}
  WHERE kind IN (${REACTION_KIND_LIST}) AND actor <> target AND ${inWindow("ts")}
)`;

// The window's posts by account index; parameters from, from, to, to.
const windowPosts = ({codes}: Relations) => `
  SELECT n.account
  FROM posts p JOIN ${codes} n USING (account_id) WHERE n.account >= 0 AND ${inWindow("p.created_at")}`;

// Each topic numbered in name order (`numbered`: topic, number), each reaction with the number of each topic of its
// post (`topic_reactions`: actor, target, number), each post of the window with its own (`topic_output`: account,
// number). Topics are grouped and joined by number rather than by name, and each post's topics unnested once: on a
// world of 20,000 accounts duckdb-wasm took 1.4 s by name, 0.7-1.0 s this way. A post that lists a topic twice
// counts once for it (`list_distinct`, skipped for a post of one topic, where it was most of the unnesting).
// Parameters: from, from, to, to for the reactions, then for the posts.
const postTopics = (relations: Relations) => `${reactions(relations)},
post_topics AS (
  SELECT post_id, account_id, created_at,
    unnest(CASE WHEN len(topics) = 1 THEN topics ELSE list_distinct(topics) END) AS topic
  FROM posts WHERE len(topics) > 0
),
numbered AS (
  SELECT topic, (row_number() OVER (ORDER BY topic))::INTEGER AS number
  FROM (SELECT DISTINCT topic FROM post_topics WHERE topic IS NOT NULL)
),
coded AS MATERIALIZED (
  SELECT p.post_id, p.account_id, p.created_at, n.number FROM post_topics p JOIN numbered n USING (topic)
),
topic_reactions AS (SELECT r.actor, r.target, c.number FROM reactions r JOIN coded c USING (post_id)),
topic_output AS (
  SELECT n.account, c.number FROM coded c JOIN ${relations.codes} n USING (account_id)
  WHERE n.account >= 0 AND ${inWindow("c.created_at")}
)`;

// One topic for everything, topic 1; output is posts, or reactions made on a network without posts. Parameters:
// from, from, to, to for the reactions, then for the posts.
const oneTopic = (relations: Relations) => `${reactions(relations)},
topic_reactions AS (SELECT actor, target, 1 AS number FROM reactions),
topic_output AS (
  SELECT account, 1 AS number FROM (${windowPosts(relations)})
  UNION ALL
  SELECT actor, 1 FROM reactions WHERE network NOT IN (SELECT DISTINCT network FROM posts)
)`;

// Each topic's output and edges in the window, by topic number.
const topicGraphSql = (topics: string) => `
WITH ${topics},
edges AS (SELECT number, actor, target, count(*) AS reactions FROM topic_reactions GROUP BY number, actor, target),
output AS (SELECT number, account, count(*) AS posts FROM topic_output WHERE account IS NOT NULL GROUP BY number, account),
rows AS (
  SELECT number, 1 AS kind, account AS source, -1 AS target, posts AS count FROM output
  UNION ALL
  SELECT number, 2, coalesce(actor, -2), coalesce(target, -2), reactions FROM edges
  WHERE actor IS NOT NULL OR target IS NOT NULL
)
SELECT number::INTEGER AS number, kind::INTEGER AS kind, source::INTEGER AS source, target::INTEGER AS target,
  count::INTEGER AS count
FROM rows
`;

/**
 * Each topic's output and reaction graph, in no order (`topicGraphs` groups the rows by topic with a counting sort,
 * which on the lab's thread takes a fraction of what an ORDER BY takes duckdb-wasm), as integers: `number` is the
 * topic's place in name order, from 1 (`TOPIC_NAMES_SQL` gives the names in that order). A row per account that
 * put out anything on the topic in the window (`kind` 1): `source` the account, `target` −1, `count` its posts on
 * the topic; and a row per edge reactor → reacted-to of the topic's graph (`kind` 2): `source` and `target` the
 * accounts, −2 for one that is not an account, `count` the reactions on the topic's posts in the window. `byPost`
 * for data whose posts carry topics, `oneTopic` for data without (everything is topic 1).
 */
export const topicGraphsSql = (relations: Relations) => ({
  byPost: topicGraphSql(postTopics(relations)),
  oneTopic: topicGraphSql(oneTopic(relations))
});

/**
 * Every topic that a post carries, in name order: the topic numbered k by `topicGraphsSql` is the k-th. The names
 * come apart from the graphs, whose rows are all integers (`Db.queryIntegers`); both number the same distinct
 * topics by the engine's order.
 */
export const TOPIC_NAMES_SQL = `
SELECT topic FROM (SELECT DISTINCT unnest(topics) AS topic FROM posts WHERE len(topics) > 0)
WHERE topic IS NOT NULL ORDER BY topic`;

/**
 * What each account's engaged audience is summed from: the worth of each reactor in the window,
 *
 *     min(1, q / rate) · (silent weight if the reactor posted nothing in the window on a network with posts, else 1)
 *
 * where rate is the reactor's interactions of any kind per day it was active in the window (UTC days) and q the
 * 99th percentile of that rate over the n accounts that acted in the window (`quantile_disc`'s: the ⌈0.99·n⌉-th
 * smallest rate, so with 100 or fewer actors nobody is above it). The rates come from the window's actions
 * (`reactorWorths`); this query gives the actors that count as silent, by code: those whose network (the first, by
 * name, of their interactions in the window) has posts and who posted nothing in the window. Grouping the
 * interactions by actor-day for the rates cost duckdb-wasm 0.22-0.34 s on a world of 20,000 accounts. Parameters:
 * from, from, to, to for the interactions, then for the posts.
 */
export const silentActorsSql = ({codes, interactions}: Relations) => `
WITH actors AS (
  SELECT actor, min(network) AS network FROM ${interactions} WHERE ${inWindow("ts")} GROUP BY actor
),
posting AS (
  SELECT DISTINCT n.account AS actor FROM posts p JOIN ${codes} n USING (account_id) WHERE ${inWindow("p.created_at")}
)
SELECT actor FROM actors
WHERE network IN (SELECT DISTINCT network FROM posts) AND actor NOT IN (SELECT actor FROM posting)
`;

/**
 * The worth of every reactor that acted in the window (`silentActorsSql` gives the formula): its rate from the
 * window's actions laid out by actor (`byActor`), each actor's active days counted once, and `silent` the codes
 * of the actors that count as silent. One entry per actor, in code order.
 */
export function reactorWorths(
  laid: ByActor,
  silent: ArrayLike<number>,
  silentWeight: number
): {actor: Int32Array; weight: Float64Array} {
  const {lowest, starts, day, days} = laid;
  const slots = starts.length - 1;
  const seen = new Int32Array(days);
  const actor: number[] = [];
  const rate: number[] = [];
  for (let s = 0; s < slots; s++) {
    if (starts[s + 1] === starts[s]) continue;
    let active = 0;
    for (let k = starts[s]!; k < starts[s + 1]!; k++) {
      if (seen[day[k]!] === s + 1) continue;
      seen[day[k]!] = s + 1;
      active++;
    }
    actor.push(s + lowest);
    rate.push((starts[s + 1]! - starts[s]!) / active);
  }
  const sorted = Float64Array.from(rate).sort();
  const threshold = sorted[Math.ceil(0.99 * sorted.length) - 1]!;
  const isSilent = new Uint8Array(slots);
  for (let i = 0; i < silent.length; i++) isSilent[silent[i]! - lowest] = 1;
  const weight = new Float64Array(actor.length);
  for (let i = 0; i < actor.length; i++) {
    weight[i] = Math.min(1, threshold / rate[i]!) * (isSilent[actor[i]! - lowest] === 1 ? silentWeight : 1);
  }
  return {actor: Int32Array.from(actor), weight};
}

/** Reactors and their worths (`reactorWorths`). */
export interface ReactorWorths {
  readonly actor: ArrayLike<number>;
  readonly weight: ArrayLike<number>;
}

/**
 * Each of `n` accounts' engaged audience: the worths of its reactors (`reactors`, from `reactorWorths`) added
 * one by one in reactor order (by code, `scoring/features/indexed.ts`: reactors that are not accounts by id, then
 * accounts by index), so the sum is the same on every engine and whatever order the rows come in. Who reacted to
 * whom comes from `pairs` (`source` the reactor's code, `target` the account's index), put in that order by two
 * stable counting sorts, by reactor and then by account. 0 for an account without reactors.
 */
export function audienceSums(
  n: number,
  reactors: ReactorWorths,
  pairs: {readonly source: ArrayLike<number>; readonly target: ArrayLike<number>}
): Float64Array {
  const {source, target} = pairs;
  let lowest = 0;
  for (let row = 0; row < reactors.actor.length; row++) lowest = Math.min(lowest, reactors.actor[row]!);
  for (let pair = 0; pair < source.length; pair++) lowest = Math.min(lowest, source[pair]!);
  // A reactor's slot is its code − lowest: strangers (negative codes) first, then accounts.
  const slots = n - lowest;
  const worth = new Float64Array(slots);
  for (let row = 0; row < reactors.actor.length; row++) worth[reactors.actor[row]! - lowest] = reactors.weight[row]!;
  const pairCount = source.length;
  const slot = new Int32Array(pairCount);
  const account = new Int32Array(pairCount);
  const pairOrder = new Int32Array(pairCount);
  for (let pair = 0; pair < pairCount; pair++) {
    slot[pair] = source[pair]! - lowest;
    account[pair] = target[pair]!;
    pairOrder[pair] = pair;
  }
  const byTarget = countingSort(countingSort(pairOrder, slots, slot), n, account);
  const audience = new Float64Array(n);
  for (let i = 0; i < byTarget.length; i++) audience[account[byTarget[i]!]!] += worth[slot[byTarget[i]!]!]!;
  return audience;
}

/** `items` (row numbers) stably sorted by `key[item]`, an integer in [0, keys). */
function countingSort(items: Int32Array, keys: number, key: Int32Array): Int32Array {
  const next = new Int32Array(keys + 1);
  for (let i = 0; i < items.length; i++) next[key[items[i]!]! + 1]!++;
  for (let k = 0; k < keys; k++) next[k + 1]! += next[k]!;
  const sorted = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) sorted[next[key[items[i]!]!]!++] = items[i]!;
  return sorted;
}

/** The columns of `topicGraphsSql`'s rows. */
export type TopicGraphRows = {readonly [K in "number" | "kind" | "source" | "target" | "count"]: ArrayLike<number>};

/**
 * How the data is split into topics: by the posts' topics (`byPost` true), into one topic named `oneTopic`
 * (`byPost` false), or by the posts' topics unless no post carries one, and then into one topic (`byPost` left out).
 */
export type TopicSource = {byPost: true} | {byPost: false; oneTopic: string} | {byPost?: undefined; oneTopic: string};

/**
 * The output and reaction graph of every topic in the window (`topicGraphsSql`), topic by topic in name order
 * (`byTopic`).
 *
 * Without a `byPost` the query by post is sent at once, beside the names, and whether any post carries a topic is
 * asked only when the names are none; only if no post carries one at all is the data one topic. Asking first held
 * the topics' query back behind every statement sent before the answer (on a world of 20,000 accounts, a quarter of
 * a second), and the JavaScript that reads its rows then ran last, after the engine had nothing left to do.
 */
export async function topicGraphs(db: Db, window: TimeWindow, source: TopicSource): Promise<TopicGraphs> {
  const queries = topicGraphsSql(await indexedRelations(db));
  const params = [...windowParams(window), ...windowParams(window)];
  if (source.byPost === false) return byTopic(await db.queryIntegers(queries.oneTopic, params), [source.oneTopic]);
  const [rows, names] = await Promise.all([
    db.queryIntegers<keyof TopicGraphRows>(queries.byPost, params),
    db.queryColumns<{topic: string}>(TOPIC_NAMES_SQL)
  ]);
  if (source.byPost === undefined && names.topic.length === 0 && !(await hasRows(db, POSTS_WITH_TOPICS_SQL))) {
    return byTopic(await db.queryIntegers(queries.oneTopic, params), [source.oneTopic]);
  }
  return byTopic(rows, names.topic);
}

/** Each topic's rows of `topicGraphsSql` (`byTopic`). */
export interface TopicGraphs {
  /** The topics that have output or edges in the window, in name order. */
  topics: string[];
  /** Topic `topics[t]` has the rows [starts[t], starts[t + 1]). */
  starts: Int32Array;
  /** The account that put out or reacted (−2: not an account). */
  source: Int32Array;
  /** The account reacted to (−2: not an account), or −1 on an output row. */
  target: Int32Array;
  /** The account's posts on the topic, or the edge's reactions. */
  count: Int32Array;
}

/**
 * The rows of `topicGraphsSql` grouped by topic, in the order of `names` (`names[k − 1]` is topic number k): each
 * topic's output rows, then its edges, each in the order they came. A stable counting sort by (number, kind).
 * Nothing read from a topic's rows depends on their order within it: its members are sorted, its counts are whole
 * numbers, and its graph is built by counting sorts (`buildCsr`).
 */
export function byTopic(rows: TopicGraphRows, names: readonly string[]): TopicGraphs {
  const n = rows.number.length;
  const keys = 2 * names.length;
  // The key of a row: 2 (number − 1) for output, + 1 for an edge.
  const key = new Int32Array(n);
  const next = new Int32Array(keys + 1);
  for (let row = 0; row < n; row++) {
    const number = rows.number[row]!;
    if (!(number >= 1 && number <= names.length)) {
      throw new Error(`scoring/features/peerindex: topic number ${number} on row ${row}, not one of ${names.length}`);
    }
    key[row] = 2 * (number - 1) + rows.kind[row]! - 1;
    next[key[row]! + 1]!++;
  }
  for (let k = 0; k < keys; k++) next[k + 1]! += next[k]!;
  const topics: string[] = [];
  const starts: number[] = [];
  for (let t = 0; t < names.length; t++) {
    if (next[2 * t + 2] === next[2 * t]) continue;
    topics.push(names[t]!);
    starts.push(next[2 * t]!);
  }
  starts.push(n);
  const grouped: TopicGraphs = {
    topics,
    starts: Int32Array.from(starts),
    source: new Int32Array(n),
    target: new Int32Array(n),
    count: new Int32Array(n)
  };
  for (let row = 0; row < n; row++) {
    const at = next[key[row]!]!++;
    grouped.source[at] = rows.source[row]!;
    grouped.target[at] = rows.target[row]!;
    grouped.count[at] = rows.count[row]!;
  }
  return grouped;
}

/**
 * Every account's engaged audience in the window, in `accountList` order: its reactors' worths (`reactorWorths`, with
 * the silent actors of `silentActorsSql`) summed by `audienceSums`.
 */
export async function audience(
  db: Db,
  {from = null, to = null}: TimeWindow,
  {silentWeight}: {silentWeight: number}
): Promise<Float64Array> {
  const params = [...windowParams({from, to}), ...windowParams({from, to})];
  // Sent together (`Db`): the engine goes from one query to the next without waiting for this code.
  const [{accountIds}, silent, laid, pairs] = await Promise.all([
    accountList(db),
    indexedRelations(db).then((relations) => db.queryIntegers<"actor">(silentActorsSql(relations), params)),
    actionsByActor(db, {from, to}),
    reactionPairs(db, {from, to})
  ]);
  const reactors = reactorWorths(laid, silent.actor, silentWeight);
  return audienceSums(accountIds.length, reactors, pairs);
}
