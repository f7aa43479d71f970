/**
 * PageRank on the interaction graph (Page, Brin, Motwani, Winograd 1999). Every reaction is an edge from
 * the account that reacted to the account it reacted to, weighted by how many times it happened, so mass
 * flows towards the accounts that others amplify. Reactions to oneself are left out; damping 0.85; dangling
 * accounts spread their mass uniformly. The value is the stationary probability (values sum to 1); the
 * display score is that probability times the number of accounts, so 1 is the average account.
 */
import type {Db} from "../db.js";
import {REACTION_KINDS} from "../features/activity.js";
import {buildCsr} from "../graph/csr.js";
import {pagerank} from "../graph/pagerank.js";
import type {Method} from "./method.js";

/** Accounts numbered 0…n−1 in `account_id` order. */
export const ACCOUNT_INDEX_SQL = `SELECT account_id FROM accounts ORDER BY account_id`;

/** Reaction edges between those numbers, with the number of reactions as weight. */
export const REACTION_EDGES_SQL = `
WITH nodes AS (SELECT account_id, (row_number() OVER (ORDER BY account_id) - 1)::INTEGER AS idx FROM accounts)
SELECT s.idx AS source, t.idx AS target, count(*) AS weight
FROM interactions i
JOIN nodes s ON s.account_id = i.actor_id
JOIN nodes t ON t.account_id = i.target_id
WHERE i.kind IN (${REACTION_KINDS.map((kind) => `'${kind}'`).join(", ")}) AND i.actor_id <> i.target_id
GROUP BY s.idx, t.idx
`;

/** The reaction graph of `db` as CSR, with the account id of each node. */
export async function reactionGraph(db: Db) {
  const accounts = await db.query<{account_id: string}>(ACCOUNT_INDEX_SQL);
  const edges = await db.query<{source: number; target: number; weight: number}>(REACTION_EDGES_SQL);
  const sources = new Int32Array(edges.length);
  const targets = new Int32Array(edges.length);
  const weights = new Float64Array(edges.length);
  edges.forEach((edge, i) => {
    sources[i] = edge.source;
    targets[i] = edge.target;
    weights[i] = edge.weight;
  });
  return {accountIds: accounts.map((a) => a.account_id), graph: buildCsr(accounts.length, sources, targets, weights)};
}

export const pagerankInteractions: Method = {
  id: "pagerank",
  name: "PageRank (interactions)",
  summary: "Stationary probability of a random walk that follows reactions towards the accounts reacted to.",
  scoreLabel: "× the average account",
  async compute(db) {
    const {accountIds, graph} = await reactionGraph(db);
    const {scores} = pagerank(graph);
    return accountIds.map((account_id, i) => ({account_id, value: scores[i]!}));
  },
  display: (values) => values.map((value) => value * values.length)
};
