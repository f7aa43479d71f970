/**
 * The graphs methods run on, read from the canonical tables as CSR: accounts are numbered 0…n−1 in
 * `account_id` order, so every graph of one dataset shares the numbering.
 */
import type {Db} from "./db.js";
import {accountList} from "./features/accounts.js";
import {REACTION_KINDS, type TimeWindow} from "./features/activity.js";
import {buildCsr, type Csr} from "./graph/csr.js";
import {accountCodes, indexedInteractions} from "./features/indexed.js";
import {inWindow, windowParams} from "./features/window.js";
import {derived} from "./memo-db.js";

export interface AccountGraph {
  /** The account id of each node (`accountList`'s, shared within a memoized view: do not change it). */
  accountIds: readonly string[];
  /** The graph, also shared within a memoized view: kernels read it and never change it. */
  graph: Csr;
}

/**
 * Reaction edges reactor → reacted-to between accounts, over the indexed interactions `interactions`
 * (`scoring/features/indexed.ts`), weighted by the reactions of each kind inside the window times the kind's
 * weight; reactions to oneself are left out. Each pair's weight is Σ count_k · weight_k over the kinds in
 * REACTION_KINDS order: the counts are exact integers, so the weight does not depend on the order in which the
 * engine reads the reactions (a sum of the reactions' weights would, in its last bits). Edges come ordered by
 * source, then target. Parameters: from, from, to, to, then one weight per reaction kind (in REACTION_KINDS
 * order).
 */
export const reactionEdgesSql = (interactions: string) => `
WITH pairs AS (
  SELECT actor, target,
    ${REACTION_KINDS.map((kind) => `count(*) FILTER (WHERE kind = '${kind}') AS n_${kind}`).join(",\n    ")}
  FROM ${interactions}
  WHERE kind IN (${REACTION_KINDS.map((kind) => `'${kind}'`).join(", ")})
    AND actor <> target AND actor >= 0 AND target >= 0
    AND ${inWindow("ts")}
  GROUP BY actor, target
),
weighted AS (
  SELECT actor AS source, target, ${REACTION_KINDS.map((kind) => `n_${kind} * ?::DOUBLE`).join(" + ")} AS weight
  FROM pairs
)
SELECT source, target, weight FROM weighted
WHERE weight > 0
ORDER BY source, target
`;

/**
 * Follow edges follower → followee between accounts, by their codes in `codes` (`scoring/features/indexed.ts`),
 * once per pair, ordered by source, then target; following oneself is left out. No weight column: every edge
 * weighs 1.
 */
export const followEdgesSql = (codes: string) => `
SELECT DISTINCT s.account AS source, t.account AS target
FROM follows f
JOIN ${codes} s ON s.account_id = f.follower_id
JOIN ${codes} t ON t.account_id = f.followee_id
WHERE f.follower_id <> f.followee_id AND s.account >= 0 AND t.account >= 0
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
  const sql = reactionEdgesSql(await indexedInteractions(db));
  return accountGraph(db, sql, [...windowParams({from, to}), ...weights], true);
}

/** The follow graph: who follows whom. */
export async function followGraph(db: Db): Promise<AccountGraph> {
  return accountGraph(db, followEdgesSql(await accountCodes(db)), [], false);
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
