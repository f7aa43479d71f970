/**
 * PageRank (Page, Brin, Motwani, Winograd 1999) on two graphs:
 *
 * - `pagerank`, the interaction graph: every reaction is an edge from the account that reacted to the account
 *   it reacted to, weighted by the number of reactions times the weight of their kind (default 1 for every
 *   kind; `data/weights/pagerank.json`), so mass flows towards the accounts that others amplify.
 * - `pagerank-follows`, the follow graph: follower → followee, one edge per pair.
 *
 * The reference definition for the whole toolkit: damping 0.85, dangling mass spread uniformly, reactions to
 * oneself left out; solved as a linear system one strongly connected component at a time (exactly outside large
 * cycles, by Gauss–Seidel sweeps inside them) to within 1e-10 (L1) of the exact stationary distribution; the
 * power iteration (until the L1 change is below 1e-10) gives the same values to that tolerance. The value is the
 * stationary probability (values sum to 1); the display score is that probability times the number of
 * accounts, so 1 is the average account. Published: the algorithm. Our choice: the edge direction and weights.
 */
import {
  UNIT_KIND_WEIGHTS,
  followGraph,
  reactionGraph,
  stationaryDistribution,
  withoutFollowGraph,
  type AccountGraph
} from "../graphs.js";
import {nextTurn} from "../slices.js";
import type {Method, MethodValues} from "./method.js";

/**
 * The stationary distribution of the graph `graph` resolves to. The event loop gets a turn between building the graph
 * and solving it (each a tenth of a second on a graph of a million edges), so that other methods' queries are
 * answered and sent meanwhile. A graph another method has solved already is not solved again.
 */
async function stationary(graph: Promise<AccountGraph>): Promise<MethodValues> {
  const {accountIds, graph: csr} = await graph;
  await nextTurn();
  return {accountIds, values: stationaryDistribution(csr)};
}

const relativeToAverage = (values: Float64Array) => values.map((value) => value * values.length);

export const pagerankInteractions: Method = {
  id: "pagerank",
  name: "PageRank (interactions)",
  summary: "Stationary probability of a random walk that follows reactions towards the accounts reacted to.",
  scoreLabel: "× the average account",
  weights: UNIT_KIND_WEIGHTS,
  async compute(db, {window, weights}) {
    return stationary(reactionGraph(db, {window, kindWeights: weights}));
  },
  display: relativeToAverage
};

export const pagerankFollows: Method = {
  id: "pagerank-follows",
  name: "PageRank (follows)",
  summary: "Stationary probability of a random walk that follows follow edges towards the accounts followed.",
  scoreLabel: "× the average account",
  unavailable: withoutFollowGraph,
  async compute(db) {
    return stationary(followGraph(db));
  },
  display: relativeToAverage
};
