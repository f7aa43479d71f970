/**
 * Academic graph baselines, each a kernel of `scoring/graph/` run on the window's reaction graph (reactor →
 * reacted-to, weighted by count) or on the follow graph. Published: the algorithms (references in each
 * kernel's header). Our choice: the graphs they run on, stated per method.
 *
 * - `hits`: HITS authority (Kleinberg 1999) on the reaction graph; authorities sum to 1.
 * - `kshell`: k-shell index (Kitsak et al. 2010) of the undirected reaction graph.
 * - `influence-passivity`: influence (Romero et al. 2011) on the reaction graph, with each account's posts in
 *   the window as the number of chances to react where the data has posts.
 * - `twitterrank`: TwitterRank (Weng et al. 2010) on the follow graph, topics from the posts' `topics`, the
 *   per-topic scores aggregated by each topic's share of all topic mentions.
 * Display: authority, influence and TwitterRank × the number of accounts (1 = average); k-shell as is.
 */
import {hasRows, type Db} from "../db.js";
import type {TimeWindow} from "../features/activity.js";
import {hits as hitsKernel} from "../graph/hits.js";
import {kernels} from "../kernels.js";
import {kcore} from "../graph/kcore.js";
import {aggregateTwitterrank, twitterrank as twitterrankKernel} from "../graph/twitterrank.js";
import {followGraph, reactionGraph, withoutFollowGraph} from "../graphs.js";
import {POSTS_WITH_TOPICS_SQL} from "../features/peerindex.js";
import type {Method, MethodValues} from "./method.js";
import {inWindow, windowParams} from "../features/window.js";

const relativeToAverage = (values: Float64Array) => values.map((value) => value * values.length);
const valuesOf = (accountIds: readonly string[], values: ArrayLike<number>): MethodValues => ({
  accountIds,
  values: Float64Array.from(values)
});

const POSTS_SQL = `
SELECT a.account_id, coalesce(p.n, 0) AS posts
FROM accounts a
LEFT JOIN (
  SELECT account_id, count(*) AS n FROM posts
  WHERE ${inWindow("created_at")}
  GROUP BY account_id
) p USING (account_id)
ORDER BY a.account_id
`;

async function postsPerAccount(db: Db, {from = null, to = null}: TimeWindow): Promise<Float64Array | undefined> {
  if (!(await hasRows(db, "SELECT 1 FROM posts"))) return undefined;
  const {posts} = await db.queryColumns<{posts: number}>(POSTS_SQL, windowParams({from, to}));
  return Float64Array.from(posts);
}

export const hitsAuthority: Method = {
  id: "hits",
  name: "HITS authority",
  summary: "Authority of HITS on the reaction graph: reacted to by accounts that react to good authorities.",
  scoreLabel: "× the average account",
  async compute(db, {window}) {
    const {accountIds, graph} = await reactionGraph(db, {window});
    return valuesOf(accountIds, hitsKernel(graph).authorities);
  },
  display: relativeToAverage
};

export const kshell: Method = {
  id: "kshell",
  name: "k-shell",
  summary: "k-shell index of the undirected reaction graph (Kitsak et al. 2010): how deep in the core an account sits.",
  scoreLabel: "shell",
  async compute(db, {window}) {
    const {accountIds, graph} = await reactionGraph(db, {window});
    return valuesOf(accountIds, kcore(graph, {mode: "undirected"}));
  },
  display: (values) => values.slice()
};

export const influencePassivity: Method = {
  id: "influence-passivity",
  name: "Influence (IP)",
  summary: "Influence of the Influence-Passivity algorithm (Romero et al. 2011) on the reaction graph.",
  scoreLabel: "× the average account",
  longKernel: true,
  async compute(db, {window}) {
    // Both asked at once: the posts' queries then wait behind no other method's, and the kernel starts sooner.
    const [{accountIds, graph}, posts] = await Promise.all([reactionGraph(db, {window}), postsPerAccount(db, window)]);
    return valuesOf(accountIds, (await kernels().influencePassivity(graph, posts ? {posts} : {})).influence);
  },
  display: relativeToAverage
};

const TOPIC_COUNTS_SQL = `
WITH mentions AS (
  SELECT p.account_id, t.topic FROM posts p, unnest(p.topics) AS t(topic) WHERE p.topics IS NOT NULL
)
SELECT account_id, topic, count(*) AS n FROM mentions GROUP BY account_id, topic ORDER BY topic, account_id
`;

export const twitterrank: Method = {
  id: "twitterrank",
  name: "TwitterRank",
  summary: "Topic-sensitive PageRank on the follow graph (Weng et al. 2010), topics from the posts' topics.",
  scoreLabel: "× the average account",
  async unavailable(db) {
    const [withoutFollows, topics] = await Promise.all([withoutFollowGraph(db), hasRows(db, POSTS_WITH_TOPICS_SQL)]);
    return withoutFollows ?? (topics ? undefined : "no post carries topics");
  },
  async compute(db) {
    const {accountIds, graph} = await followGraph(db);
    const index = new Map(accountIds.map((id, i) => [id, i]));
    const counts = await db.queryColumns<{account_id: string; topic: string; n: number}>(TOPIC_COUNTS_SQL);
    const topics = [...new Set(counts.topic)];
    const shares = topics.map(() => new Float64Array(accountIds.length));
    const posts = new Float64Array(accountIds.length);
    counts.account_id.forEach((account, row) => {
      const i = index.get(account);
      if (i === undefined) return;
      shares[topics.indexOf(counts.topic[row]!)]![i] = counts.n[row]!;
      posts[i]! += counts.n[row]!;
    });
    const {scores} = twitterrankKernel(graph, {topicShares: shares, posts});
    const prevalence = shares.map((share) => share.reduce((sum, n) => sum + n, 0));
    return valuesOf(accountIds, aggregateTwitterrank(scores, prevalence));
  },
  display: relativeToAverage
};
