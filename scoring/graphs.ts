/**
 * The graphs methods run on, read from the canonical tables as CSR: accounts are numbered 0…n−1 in
 * `account_id` order, so every graph of one dataset shares the numbering.
 */
import type {Db} from "./db.js";
import {accountList} from "./features/accounts.js";
import {REACTION_KINDS, type TimeWindow} from "./features/activity.js";
import {buildCsr, type Csr} from "./graph/csr.js";
import {inWindow, windowParams} from "./features/window.js";
import {derived} from "./memo-db.js";

export interface AccountGraph {
  /** The account id of each node (`accountList`'s, shared within a memoized view: do not change it). */
  accountIds: readonly string[];
  /** The graph, also shared within a memoized view: kernels read it and never change it. */
  graph: Csr;
}

const NODES = `nodes AS (SELECT account_id, (row_number() OVER (ORDER BY account_id) - 1)::INTEGER AS idx FROM accounts)`;

/**
 * Reaction edges reactor → reacted-to, weighted by the reactions of each kind inside the window times the kind's
 * weight; reactions to oneself are left out. Each pair's weight is Σ count_k · weight_k over the kinds in
 * REACTION_KINDS order: the counts are exact integers, so the weight does not depend on the order in which the
 * engine reads the reactions (a sum of the reactions' weights would, in its last bits). Edges come ordered by
 * source, then target. Parameters: from, from, to, to, then one weight per reaction kind (in REACTION_KINDS
 * order).
 */
export const REACTION_EDGES_SQL = `
WITH ${NODES},
pairs AS (
  SELECT actor_id, target_id,
    ${REACTION_KINDS.map((kind) => `count(*) FILTER (WHERE kind = '${kind}') AS n_${kind}`).join(",\n    ")}
  FROM interactions
  WHERE kind IN (${REACTION_KINDS.map((kind) => `'${kind}'`).join(", ")})
    AND actor_id <> target_id
    AND ${inWindow("ts")}
  GROUP BY actor_id, target_id
),
weighted AS (
  SELECT actor_id, target_id, ${REACTION_KINDS.map((kind) => `n_${kind} * ?::DOUBLE`).join(" + ")} AS weight
  FROM pairs
)
SELECT s.idx AS source, t.idx AS target, weight
FROM weighted
JOIN nodes s ON s.account_id = weighted.actor_id
JOIN nodes t ON t.account_id = weighted.target_id
WHERE weight > 0
ORDER BY source, target
`;

/**
 * Follow edges follower → followee, once per pair, ordered by source, then target; following oneself is left
 * out. No weight column: every edge weighs 1.
 */
export const FOLLOW_EDGES_SQL = `
WITH ${NODES}
SELECT DISTINCT s.idx AS source, t.idx AS target
FROM follows f
JOIN nodes s ON s.account_id = f.follower_id
JOIN nodes t ON t.account_id = f.followee_id
WHERE f.follower_id <> f.followee_id
ORDER BY source, target
`;

/** Weight 1 for every reaction kind. */
export const UNIT_KIND_WEIGHTS: Readonly<Record<string, number>> = Object.fromEntries(
  REACTION_KINDS.map((k) => [k, 1])
);

/** The reaction graph: who reacted to whom inside `window`, weighted by kind. */
export async function reactionGraph(
  db: Db,
  {
    window = {},
    kindWeights = UNIT_KIND_WEIGHTS
  }: {window?: TimeWindow; kindWeights?: Readonly<Record<string, number>>} = {}
): Promise<AccountGraph> {
  const {from = null, to = null} = window;
  const weights = REACTION_KINDS.map((kind) => kindWeights[kind] ?? 0);
  return accountGraph(db, REACTION_EDGES_SQL, [...windowParams({from, to}), ...weights], true);
}

/** The follow graph: who follows whom. */
export function followGraph(db: Db): Promise<AccountGraph> {
  return accountGraph(db, FOLLOW_EDGES_SQL, [], false);
}

/**
 * The graph of the edges `edgesSql` returns, weighted by their `weight` column, else each weighing 1. The
 * columns go to `buildCsr` as they come from the engine, without an object per edge. Built once per memoized
 * view (`derived`): Klout, HITS, k-shell, Influence–Passivity, communities and PageRank read the same graph.
 */
function accountGraph(db: Db, edgesSql: string, params: (number | null)[], weighted: boolean): Promise<AccountGraph> {
  return derived(db, ["accountGraph", edgesSql, params, weighted], async () => {
    const {accountIds} = await accountList(db);
    const edges = await db.queryColumns<{source: number; target: number; weight: number}>(edgesSql, params);
    const graph = buildCsr(accountIds.length, edges.source, edges.target, weighted ? edges.weight : undefined);
    return {accountIds, graph};
  });
}
