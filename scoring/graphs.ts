/**
 * The graphs methods run on, read from the canonical tables as CSR: accounts are numbered 0…n−1 in
 * `account_id` order, so every graph of one dataset shares the numbering.
 */
import {hasRows, type Db} from "./db.js";
import {accountList} from "./features/accounts.js";
import {REACTION_KINDS, type TimeWindow} from "./features/activity.js";
import {buildCsr, buildUnitCsr, type Csr} from "./graph/csr.js";
import {pagerank} from "./graph/pagerank.js";
import {accountCodes} from "./features/indexed.js";
import {reactionPairs} from "./features/reaction-pairs.js";
import {derived, standingRelation, withRelations} from "./memo-db.js";
import {spanningWindow} from "./window.js";

export interface AccountGraph {
  /** The account id of each node (`accountList`'s, shared within a memoized view: do not change it). */
  accountIds: readonly string[];
  /** The graph, also shared within a memoized view: kernels read it and never change it. */
  graph: Csr;
}

/**
 * Follow edges follower → followee between accounts, by their codes in `codes` (`scoring/features/indexed.ts`), in
 * no order, a pair as often as `follows` lists it (`buildUnitCsr` keeps it once); following oneself is left out. No
 * weight column: every edge weighs 1.
 */
export const followEdgesSql = (codes: string) => `
SELECT s.account AS source, t.account AS target
FROM follows f
JOIN ${codes} s ON s.account_id = f.follower_id
JOIN ${codes} t ON t.account_id = f.followee_id
WHERE f.follower_id <> f.followee_id AND s.account >= 0 AND t.account >= 0
`;

/** The columns of `followEdgesSql`'s rows, as a CREATE TABLE declares them. */
export const FOLLOW_EDGES_COLUMNS = "source INTEGER NOT NULL, target INTEGER NOT NULL";

/** The key of the follow edges among a `Db`'s standing relations (`scoring/memo-db.ts`). */
const FOLLOW_EDGES = "follow_edges";

/**
 * A view of `db` whose follow graph is read from the table `table`, which must hold exactly the rows of
 * `followEdgesSql` over the data of `db` (columns FOLLOW_EDGES_COLUMNS), as a loaded world's does.
 */
export function withFollowEdges(db: Db, table: string): Db {
  return withRelations(db, {[FOLLOW_EDGES]: table});
}

/** Why a method on the follow graph cannot score `db`'s data, if it has no follows; undefined if it has some. */
export async function withoutFollowGraph(db: Db): Promise<string | undefined> {
  return (await hasRows(db, "SELECT 1 FROM follows")) ? undefined : "the data has no follow graph";
}

/** Weight 1 for every reaction kind. */
export const UNIT_KIND_WEIGHTS: Readonly<Record<string, number>> = Object.fromEntries(
  REACTION_KINDS.map((k) => [k, 1])
);

/**
 * The reaction graph: which account reacted to which inside `window`, an edge per pair whose weight is above 0.
 * Each pair's weight is Σ count_k · weight_k over the kinds in REACTION_KINDS order: the counts are exact integers,
 * so the weight does not depend on the order in which the engine reads the reactions (a sum of the reactions'
 * weights would, in its last bits). The pairs are read once per memoized view and window, whatever the weights
 * (`reactionPairs`).
 */
export async function reactionGraph(
  db: Db,
  {
    window = {},
    kindWeights = UNIT_KIND_WEIGHTS
  }: {window?: TimeWindow; kindWeights?: Readonly<Record<string, number>>} = {}
): Promise<AccountGraph> {
  const {from = null, to = null} = await spanningWindow(db, window);
  const weights = REACTION_KINDS.map((kind) => kindWeights[kind] ?? 0);
  return derived(db, ["reactionGraph", from, to, weights], async () => {
    const {accountIds} = await accountList(db);
    const pairs = await reactionPairs(db, {from, to});
    const {counts} = pairs;
    const m = pairs.source.length;
    const sources = new Int32Array(m);
    const targets = new Int32Array(m);
    const edgeWeights = new Float64Array(m);
    let edges = 0;
    for (let i = 0; i < m; i++) {
      // A reactor that is not an account is no node of the graph.
      if (pairs.source[i]! < 0) continue;
      let weight = counts[0]![i]! * weights[0]!;
      for (let k = 1; k < counts.length; k++) weight += counts[k]![i]! * weights[k]!;
      if (weight > 0) {
        sources[edges] = pairs.source[i]!;
        targets[edges] = pairs.target[i]!;
        edgeWeights[edges++] = weight;
      }
    }
    const graph = buildCsr(
      accountIds.length,
      sources.subarray(0, edges),
      targets.subarray(0, edges),
      edgeWeights.subarray(0, edges)
    );
    return {accountIds, graph};
  });
}

/**
 * The follow graph: who follows whom, each edge weighing 1. The columns go to `buildCsr` as they come from the
 * engine, without an object per edge. Built once per memoized view (`derived`).
 */
export function followGraph(db: Db): Promise<AccountGraph> {
  return derived(db, ["followGraph"], async () => {
    const {accountIds} = await accountList(db);
    const relation = standingRelation(db, FOLLOW_EDGES, followEdgesSql(await accountCodes(db)));
    const edges = await db.queryIntegers<"source" | "target">(`SELECT source, target FROM ${relation}`);
    return {accountIds, graph: buildUnitCsr(accountIds.length, edges.source, edges.target)};
  });
}

/** The stationary distribution of each graph solved so far (`stationaryDistribution`), by graph. */
const stationaryOf = new WeakMap<Csr, Float64Array>();

/**
 * The PageRank of `graph` at the toolkit's reference settings (`PAGERANK_DEFAULTS`: damping 0.85, within 1e-10 of
 * the exact stationary distribution, uniform teleport), one probability per node. Solved once per graph object, so
 * the methods that read one memoized graph share the solve (Klout's reactor influence and the PageRank of
 * interactions both read the reaction graph); every call gets its own copy.
 */
export function stationaryDistribution(graph: Csr): Float64Array {
  let scores = stationaryOf.get(graph);
  if (!scores) stationaryOf.set(graph, (scores = pagerank(graph).scores));
  return scores.slice();
}
