/**
 * The graphs methods run on, read from the canonical tables as CSR: accounts are numbered 0…n−1 in
 * `account_id` order, so every graph of one dataset shares the numbering.
 */
import type {Db} from "./db.js";
import {REACTION_KINDS, type TimeWindow} from "./features/activity.js";
import {buildCsr, type Csr} from "./graph/csr.js";
import {inWindow, windowParams} from "./features/window.js";

export interface AccountGraph {
  /** The account id of each node. */
  accountIds: string[];
  graph: Csr;
}

/** Accounts numbered 0…n−1 in `account_id` order. */
export const ACCOUNT_INDEX_SQL = `SELECT account_id FROM accounts ORDER BY account_id`;

const NODES = `nodes AS (SELECT account_id, (row_number() OVER (ORDER BY account_id) - 1)::INTEGER AS idx FROM accounts)`;

/**
 * Reaction edges reactor → reacted-to, weighted by the sum of the kind weights of the reactions inside the
 * window; reactions to oneself are left out. Parameters: one weight per reaction kind (in REACTION_KINDS
 * order), then from, from, to, to.
 */
export const REACTION_EDGES_SQL = `
WITH ${NODES},
weighted AS (
  SELECT actor_id, target_id,
    CASE kind ${REACTION_KINDS.map((kind) => `WHEN '${kind}' THEN ?::DOUBLE`).join(" ")} END AS w
  FROM interactions
  WHERE kind IN (${REACTION_KINDS.map((kind) => `'${kind}'`).join(", ")})
    AND actor_id <> target_id
    AND ${inWindow("ts")}
)
SELECT s.idx AS source, t.idx AS target, sum(w) AS weight
FROM weighted
JOIN nodes s ON s.account_id = weighted.actor_id
JOIN nodes t ON t.account_id = weighted.target_id
GROUP BY s.idx, t.idx
HAVING sum(w) > 0
`;

/**
 * Follow edges follower → followee, once per pair; following oneself is left out. No weight column: every
 * edge weighs 1, and not fetching a constant per edge saves a third of the result (in duckdb-wasm, results are
 * converted row by row).
 */
export const FOLLOW_EDGES_SQL = `
WITH ${NODES}
SELECT DISTINCT s.idx AS source, t.idx AS target
FROM follows f
JOIN nodes s ON s.account_id = f.follower_id
JOIN nodes t ON t.account_id = f.followee_id
WHERE f.follower_id <> f.followee_id
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
  return accountGraph(db, REACTION_EDGES_SQL, [...weights, ...windowParams({from, to})], true);
}

/** The follow graph: who follows whom. */
export function followGraph(db: Db): Promise<AccountGraph> {
  return accountGraph(db, FOLLOW_EDGES_SQL, [], false);
}

/** The graph of the edges `edgesSql` returns, weighted by their `weight` column, else each weighing 1. */
async function accountGraph(
  db: Db,
  edgesSql: string,
  params: (number | null)[],
  weighted: boolean
): Promise<AccountGraph> {
  const accounts = await db.query<{account_id: string}>(ACCOUNT_INDEX_SQL);
  const edges = await db.query<{source: number; target: number; weight?: number}>(edgesSql, params);
  const sources = new Int32Array(edges.length);
  const targets = new Int32Array(edges.length);
  const weights = weighted ? new Float64Array(edges.length) : undefined;
  edges.forEach((edge, i) => {
    sources[i] = edge.source;
    targets[i] = edge.target;
    if (weights) weights[i] = edge.weight!;
  });
  return {accountIds: accounts.map((a) => a.account_id), graph: buildCsr(accounts.length, sources, targets, weights)};
}
