/**
 * PeerIndex-style topic scores (INFLUENCE-METHODS.md §3; the method card is in `peerindex.ts`): for each topic,
 * Authority as a personalised PageRank (`pagerank` of `scoring/graph/pagerank.ts`) on the topic's reaction graph
 * reactor → reacted-to, teleporting uniformly to the topic's members, shown as the mid-rank percentile (0–100)
 * among them; the account's topic fingerprint; a topic's members by Authority (who is influential on it); and the
 * per-topic pieces of the overall Authority and Activity.
 *
 * The members of a topic, the accounts active in it, are those that posted on it, reacted to its posts or drew
 * reactions on its posts in the window. Drawing a reaction counts as activity: the post reacted to may predate
 * the window, or be missing from the data (SNAP Higgs records the retweet, not the tweet). Each topic's graph is
 * built on its members alone, so the walk never leaves the topic.
 */
import type {Db} from "../db.js";
import type {TimeWindow} from "../features/activity.js";
import {topicGraphs} from "../features/peerindex.js";
import {buildCsr} from "../graph/csr.js";
import {pagerank} from "../graph/pagerank.js";
import {accountList} from "../features/accounts.js";
import {derived} from "../memo-db.js";
import {midRankPercentiles} from "../scales.js";
import {resolveWindow} from "../window.js";

/** The one topic of a dataset whose posts carry no topics. */
export const ALL_TOPICS = "all";

/** PeerIndex's sliding window: 120 days of topic-associated actions ending at computation time. */
export const PEERINDEX_WINDOW_DAYS = 120;

const MODULE = "scoring/methods/peerindex";

/** One topic's members (accounts that put out, made or received anything on it) and their scores. */
export interface TopicScores {
  topic: string;
  /** Account indices (`account_id` order) of the members, increasing. */
  members: Int32Array;
  /** Each member's posts on the topic (on a post-less network in the `all` topic, its reactions made). */
  output: Float64Array;
  /** Each member's posts, reactions made and reactions received on the topic. */
  participation: Float64Array;
  /** Each member's personalised PageRank on the topic (summing to 1); empty unless authority was asked for. */
  pagerank: Float64Array;
  /** Its mid-rank percentile among the members, 0–100; empty unless authority was asked for. */
  authority: Float64Array;
}

export interface TopicOptions {
  /** Only the topics this account takes part in (default: every topic). */
  focus?: string | null;
  /** Only this topic (default: every topic). */
  topic?: string | null;
  /** Compute the per-topic personalised PageRank and percentiles (default true). */
  authority?: boolean;
}

/**
 * Every account's id in `account_id` order, and the scores of each topic in the window, ordered by topic. Worked
 * out once per `scoreMethods` call (the overall score and Authority share them; Activity shares their members):
 * the result must not be changed.
 */
export function topicScores(
  db: Db,
  window: TimeWindow,
  {focus = null, topic = null, authority = true}: TopicOptions = {}
): Promise<{accountIds: readonly string[]; topics: TopicScores[]}> {
  return derived(db, ["topicScores", window, focus, topic, authority], () =>
    scoreTopics(db, window, focus, topic, authority)
  );
}

/** A topic's reaction graph: edges `sources[e]` → `targets[e]` (account indices) of `weights[e]` reactions. */
interface TopicEdges {
  sources: Int32Array;
  targets: Int32Array;
  weights: Int32Array;
}

/** The topics of the window with their members and graphs, without Authority; shared like `topicScores`. */
function topicGraphScores(
  db: Db,
  window: TimeWindow
): Promise<{accountIds: readonly string[]; topics: {scores: TopicScores; edges: TopicEdges}[]}> {
  return derived(db, ["topicGraphs", window], async () => {
    // Sent together (`Db`): the engine goes from one query to the next without waiting for this code.
    const [{accountIds}, columns] = await Promise.all([
      accountList(db),
      topicGraphs(db, window, {oneTopic: ALL_TOPICS})
    ]);
    const rows: TopicRows = {sources: columns.source, targets: columns.target, counts: columns.count};
    const tally = {member: new Uint8Array(accountIds.length), output: new Float64Array(accountIds.length)};
    const participation = new Float64Array(accountIds.length);
    const topics = columns.topics.map((topic, t) =>
      topicGraph(topic, subrows(rows, columns.starts[t]!, columns.starts[t + 1]!), {...tally, participation})
    );
    return {accountIds, topics};
  });
}

/** Rows of `topicGraphsSql` as columns: an output row has `targets` −1, an edge's ends are −2 when not accounts. */
interface TopicRows {
  sources: Int32Array;
  targets: Int32Array;
  counts: Int32Array;
}

const subrows = ({sources, targets, counts}: TopicRows, start: number, end: number): TopicRows => ({
  sources: sources.subarray(start, end),
  targets: targets.subarray(start, end),
  counts: counts.subarray(start, end)
});

/**
 * One topic's members, with their output and participation, and its graph between accounts, from the topic's
 * rows (its output rows, then its edges, `byTopic`). `tally` holds a zero per account on entry and on exit.
 */
function topicGraph(
  topic: string,
  rows: TopicRows,
  tally: {member: Uint8Array; output: Float64Array; participation: Float64Array}
): {scores: TopicScores; edges: TopicEdges} {
  const {sources, targets, counts} = rows;
  const {member, output, participation} = tally;
  const accounts: number[] = [];
  const take = (account: number, reactions: number) => {
    if (account < 0) return;
    if (member[account] === 0) {
      member[account] = 1;
      accounts.push(account);
    }
    participation[account] += reactions;
  };
  let firstEdge = 0;
  let betweenAccounts = 0;
  for (let row = 0; row < sources.length; row++) {
    if (targets[row] === -1) {
      take(sources[row]!, counts[row]!);
      output[sources[row]!] = counts[row]!;
      firstEdge = row + 1;
    } else {
      take(sources[row]!, counts[row]!);
      take(targets[row]!, counts[row]!);
      if (sources[row]! >= 0 && targets[row]! >= 0) betweenAccounts++;
    }
  }
  const members = Int32Array.from(accounts).sort();
  const scores: TopicScores = {
    topic,
    members,
    output: Float64Array.from(members, (account) => output[account]!),
    participation: Float64Array.from(members, (account) => participation[account]!),
    pagerank: new Float64Array(0),
    authority: new Float64Array(0)
  };
  for (const account of accounts) {
    member[account] = 0;
    output[account] = 0;
    participation[account] = 0;
  }
  let edges = subrows(rows, firstEdge, sources.length);
  if (betweenAccounts < edges.sources.length) {
    const kept = Array.from(edges.sources.keys()).filter((e) => edges.sources[e]! >= 0 && edges.targets[e]! >= 0);
    edges = {
      sources: Int32Array.from(kept, (e) => edges.sources[e]!),
      targets: Int32Array.from(kept, (e) => edges.targets[e]!),
      counts: Int32Array.from(kept, (e) => edges.counts[e]!)
    };
  }
  return {scores, edges: {sources: edges.sources, targets: edges.targets, weights: edges.counts}};
}

async function scoreTopics(
  db: Db,
  window: TimeWindow,
  focus: string | null,
  only: string | null,
  authority: boolean
): Promise<{accountIds: readonly string[]; topics: TopicScores[]}> {
  const {accountIds, topics: all} = await topicGraphScores(db, window);
  const focusIndex = focus === null ? -1 : accountIds.indexOf(focus);
  const topics = all
    .filter(({scores}) => only === null || scores.topic === only)
    .filter(({scores}) => focus === null || scores.members.includes(focusIndex));
  if (!authority) return {accountIds, topics: topics.map(({scores}) => scores)};
  const localIndex = new Int32Array(accountIds.length).fill(-1);
  return {
    accountIds,
    topics: topics.map(({scores, edges}): TopicScores => {
      const {topic, members} = scores;
      for (let k = 0; k < members.length; k++) localIndex[members[k]!] = k;
      const local = (accounts: Int32Array) =>
        accounts.map((account) => {
          const k = localIndex[account]!;
          if (k < 0) throw new Error(`${MODULE}: topic "${topic}" has an edge to account ${account}, not a member`);
          return k;
        });
      const graph = buildCsr(members.length, local(edges.sources), local(edges.targets), edges.weights);
      for (let k = 0; k < members.length; k++) localIndex[members[k]!] = -1;
      const pageranks = pagerank(graph).scores;
      const percentiles = midRankPercentiles(pageranks.map(toNineDigits)).map((percentile) => percentile * 100);
      return {...scores, pagerank: pageranks, authority: percentiles};
    })
  };
}

/**
 * PageRank values are ranked to 9 significant digits: accounts in the same position of a topic's graph (say, two
 * accounts nobody reacted to) get values that differ only in the last bits, from the order of floating-point sums,
 * and must tie.
 */
const toNineDigits = (value: number) => Number(value.toPrecision(9));

/**
 * Overall Authority per account: its topic percentiles averaged with the account's participation in each topic
 * (posts, reactions made and received) as weights, so the topics it is most engaged in count most; 0 for an
 * account in no topic.
 *
 * @example overallAuthority(2, [{members: [0], participation: [3], authority: [80]}, {members: [0, 1], participation: [1, 1], authority: [40, 60]}])
 * // => [70, 60]  (account 0: (3·80 + 1·40) / 4)
 */
export function overallAuthority(
  accountCount: number,
  topics: readonly Pick<TopicScores, "members" | "participation" | "authority">[]
): Float64Array {
  const weighted = new Float64Array(accountCount);
  const weight = new Float64Array(accountCount);
  for (const {members, participation, authority} of topics) {
    for (let k = 0; k < members.length; k++) {
      weighted[members[k]!] += participation[k]! * authority[k]!;
      weight[members[k]!] += participation[k]!;
    }
  }
  return weighted.map((sum, account) => (weight[account]! > 0 ? sum / weight[account]! : 0));
}

/**
 * Activity per account: Σ over its topics of ln(1 + posts / m), where m is the median posts on that topic of the
 * members that posted on it (the topic's peers). The logarithm gives diminishing returns: doubling the posts adds
 * less than double. 0 for an account that posted on no topic.
 *
 * @example topicActivity(3, [{members: [0, 1, 2], output: [1, 2, 6]}]) // median 2 => [ln 1.5, ln 2, ln 4]
 */
export function topicActivity(
  accountCount: number,
  topics: readonly Pick<TopicScores, "members" | "output">[]
): Float64Array {
  const activity = new Float64Array(accountCount);
  for (const {members, output} of topics) {
    const posted = Float64Array.from(output)
      .filter((posts) => posts > 0)
      .sort();
    if (posted.length === 0) continue;
    const half = posted.length >> 1;
    const median = posted.length % 2 ? posted[half]! : (posted[half - 1]! + posted[half]!) / 2;
    for (let k = 0; k < members.length; k++) activity[members[k]!] += Math.log1p(output[k]! / median);
  }
  return activity;
}

/** An account's Authority on one topic. */
export interface TopicAuthority {
  topic: string;
  /** Mid-rank percentile of its personalised PageRank among the topic's members, 0–100. */
  authority: number;
  /** Its personalised PageRank on the topic (the members' values sum to 1). */
  pagerank: number;
  /** The topic's members in the window. */
  members: number;
  /** Its posts on the topic in the window. */
  posts: number;
}

export interface FingerprintOptions {
  /** End of the window (exclusive), epoch milliseconds; default just after the data's last event. */
  at?: number;
  /** Window length in days; default 120. */
  windowDays?: number;
}

const byAuthority = (a: TopicAuthority, b: TopicAuthority) =>
  b.authority - a.authority || b.members - a.members || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0);

/** Each account's topics with its Authority on them, strongest first, keyed by account id (accounts in a topic). */
export function topicFingerprints(db: Db, options: FingerprintOptions = {}): Promise<Map<string, TopicAuthority[]>> {
  return fingerprints(db, options, null);
}

/**
 * The topic fingerprint of one account: its Authority on every topic it took part in during the window, highest
 * first (ties: the larger topic, then by name), so the first five are the five PeerIndex showed. Empty for an
 * account that took part in none. Only that account's topics are scored.
 *
 * @example (await topicFingerprint(db, "twitter:alice")).slice(0, 5) // [{topic: "physics", authority: 97.5, …}, …]
 */
export async function topicFingerprint(
  db: Db,
  accountId: string,
  options: FingerprintOptions = {}
): Promise<TopicAuthority[]> {
  return (await fingerprints(db, options, accountId)).get(accountId) ?? [];
}

async function fingerprints(
  db: Db,
  {at, windowDays = PEERINDEX_WINDOW_DAYS}: FingerprintOptions,
  focus: string | null
): Promise<Map<string, TopicAuthority[]>> {
  const window = await resolveWindow(db, at, windowDays);
  const {accountIds, topics} = await topicScores(db, window, {focus});
  const byAccount = new Map<string, TopicAuthority[]>();
  for (const scores of topics) {
    scores.members.forEach((account, k) => {
      const id = accountIds[account]!;
      if (focus !== null && id !== focus) return;
      const entries = byAccount.get(id) ?? [];
      if (entries.length === 0) byAccount.set(id, entries);
      entries.push(memberAuthority(scores, k));
    });
  }
  for (const entries of byAccount.values()) entries.sort(byAuthority);
  return byAccount;
}

/** The Authority of the k-th member of a topic. */
function memberAuthority({topic, members, output, pagerank, authority}: TopicScores, k: number): TopicAuthority {
  return {topic, authority: authority[k]!, pagerank: pagerank[k]!, members: members.length, posts: output[k]!};
}

/** A member of a topic and its Authority there. */
export interface TopicMember extends TopicAuthority {
  account_id: string;
}

/**
 * Every member of one topic with its Authority on it, highest first (ties by account id): who is influential on
 * the topic. Empty for a topic nobody took part in during the window. Only that topic is scored.
 *
 * @example (await topicMembersByAuthority(db, "physics"))[0] // {account_id: "twitter:alice", authority: 97.5, …}
 */
export async function topicMembersByAuthority(
  db: Db,
  topic: string,
  {at, windowDays = PEERINDEX_WINDOW_DAYS}: FingerprintOptions = {}
): Promise<TopicMember[]> {
  const window = await resolveWindow(db, at, windowDays);
  const {accountIds, topics} = await topicScores(db, window, {topic});
  return topics
    .flatMap((scores) =>
      Array.from(scores.members, (account, k) => ({account_id: accountIds[account]!, ...memberAuthority(scores, k)}))
    )
    .sort((a, b) => b.authority - a.authority || (a.account_id < b.account_id ? -1 : 1));
}

/** A topic of the window and its size. */
export interface TopicSize {
  topic: string;
  /** Accounts that posted on it, reacted to its posts or drew reactions on them. */
  members: number;
  /** Posts on it (in `all`, on a network without posts, the reactions made: `TopicScores.output`). */
  posts: number;
}

/**
 * The topics of the window, the most members first (ties by name): `all` alone for data whose posts carry no
 * topics, none for data with no activity in the window.
 */
export async function topicSizes(
  db: Db,
  {at, windowDays = PEERINDEX_WINDOW_DAYS}: FingerprintOptions = {}
): Promise<TopicSize[]> {
  const window = await resolveWindow(db, at, windowDays);
  const {topics} = await topicScores(db, window, {authority: false});
  return topics
    .map(({topic, members, output}) => ({topic, members: members.length, posts: output.reduce((a, b) => a + b, 0)}))
    .sort((a, b) => b.members - a.members || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}
