/**
 * TwitterRank: topic-sensitive PageRank on the follower graph.
 *
 * Reference: Weng, J., Lim, E.-P., Jiang, J. and He, Q. (2010). "TwitterRank: finding topic-sensitive influential
 * twitterers." WSDM 2010, pp. 261-270. INFLUENCE-METHODS.md §5.3: the structure is checked [V], the formulas are
 * recalled [R]. With DT the users × topics matrix of LDA topic counts, DT′ its row-normalised form (each user's
 * topic distribution) and DT″ its column-normalised form (each user's share of a topic), the surfer for topic t
 * moves from follower i to friend (followee) j with
 *
 *     P_t(i → j) = |T_j| / Σ_{a: i follows a} |T_a| · sim_t(i, j),   sim_t(i, j) = 1 − |DT′_it − DT′_jt|   [R]
 *
 * (|T_j| = number of posts j published), teleports by E_t = DT″_·t [R], and TR_t = γ·P_tᵀ·TR_t + (1 − γ)·E_t [R].
 * The topic scores combine as TR = Σ_t r_t·TR_t with topic weights r_t [R] (`aggregateTwitterrank`).
 *
 * Our choices [I]:
 * - P_t is sub-stochastic (sim ≤ 1, and a user following nobody, or only users with no posts, has an empty row).
 *   We give the missing mass to the teleport vector E_t, as PageRank does for dangling nodes, which makes the walk
 *   a Markov chain whose stationary vector sums to 1. This is also the published linear equation, solved without
 *   renormalising and then scaled to sum 1: with leaks sent along E_t the fixed point is
 *   x = γP_tᵀx + c·E_t for a scalar c, so x ∝ (I − γP_tᵀ)⁻¹E_t, the solution of the published equation.
 * - `topicShares[t][i]` is DT_it, any non-negative per-user topic weights: LDA topic counts as in the paper (then
 *   E_t = DT″_·t exactly) or topic proportions (rows already summing to 1, so DT′ = DT and E_t is column t of
 *   DT′ normalised to sum 1). A user whose weights are all 0 has DT′_i· = 0.
 * - Edges are follow relations i → j (follower → followee; on a reaction graph, actor → target): weights are
 *   ignored and every stored edge counts, zero weights included. Self-loops are ignored.
 * - The start vector is uniform; the fixed point does not depend on it.
 */
import type {Csr} from "./csr.js";
import {powerIteration} from "./power-iteration.js";
import {walkOptions} from "./iteration-options.js";

export const TWITTERRANK_DEFAULTS: Readonly<{damping: number; tolerance: number; maxIterations: number}> =
  Object.freeze({damping: 0.85, tolerance: 1e-10, maxIterations: 1000});

export interface TwitterrankOptions {
  /**
   * DT by topic: `topicShares[t][i]` is user i's weight on topic t (LDA topic counts, or topic proportions), finite
   * and non-negative, one array of length nodeCount per topic, each topic with a positive sum. At least one topic.
   */
  topicShares: readonly ArrayLike<number>[];
  /** Posts published per node (|T_i|), finite and non-negative. */
  posts: ArrayLike<number>;
  /** γ, the probability of following an edge rather than teleporting, in [0, 1). Default 0.85. */
  damping?: number;
  /** Per topic, stop when the L1 change between successive score vectors is below this. Default 1e-10. */
  tolerance?: number;
  /** Upper bound on power iterations per topic, a positive integer. Default 1000. */
  maxIterations?: number;
}

export interface TwitterrankResult {
  /** TR_t per topic: one score per node, non-negative, summing to 1. */
  scores: Float64Array[];
  /** Power iterations performed per topic. */
  iterations: number[];
  /** Whether every topic reached the tolerance within `maxIterations`. */
  converged: boolean;
}

const MODULE = "scoring/graph/twitterrank";

/**
 * TwitterRank of every node of the follower graph `graph` (edges follower → followee), one vector per topic. Each
 * iteration for topic t computes, with `leak[i] = 1 − Σ_j P_t(i → j)`,
 *
 *     x'[j] = γ · Σ_{i → j} x[i] · P_t(i → j)  +  ((1 − γ) + γ · Σ_i x[i] · leak[i]) · E_t[j]
 *
 * from the uniform vector until `Σ_j |x'[j] − x[j]| < tolerance` or `maxIterations` is reached (the last iterate is
 * then returned and `converged` is false). See the module comment for the formula and the conventions. An empty
 * graph returns one empty array per topic, converged, after 0 iterations.
 *
 * @example
 * // 0 and 1 follow each other; user 0 writes mostly on topic 0, user 1 evenly.
 * const {scores} = twitterrank(buildCsr(2, [0, 1], [1, 0]), {topicShares: [[3, 1], [1, 1]], posts: [10, 10]});
 * // scores[0] = [291/524, 233/524] ≈ [0.555, 0.445]; scores[1] = [0.5, 0.5]
 *
 * @throws Error prefixed `scoring/graph/twitterrank: ` for damping outside [0, 1), a tolerance that is not a
 *   positive finite number, a maxIterations that is not a positive integer, `topicShares` that is not a non-empty
 *   array of arrays of length nodeCount with finite non-negative entries and a positive sum per topic, or `posts`
 *   of the wrong length or with a negative or non-finite entry.
 */
export function twitterrank(graph: Csr, options: TwitterrankOptions): TwitterrankResult {
  if (typeof options !== "object" || options === null) {
    throw new Error(`${MODULE}: options with topicShares and posts are required, got ${String(options)}`);
  }
  const {damping, tolerance, maxIterations} = walkOptions(MODULE, options, TWITTERRANK_DEFAULTS);
  const n = graph.nodeCount;
  const {topicShares, posts} = options;
  if (!Array.isArray(topicShares) || topicShares.length === 0) {
    throw new Error(
      `${MODULE}: topicShares must be a non-empty array with one array per topic, got ${String(topicShares)}`
    );
  }
  const topicCount = topicShares.length;
  for (let t = 0; t < topicCount; t++) {
    const shares = topicShares[t];
    if (shares === null || typeof shares !== "object" || shares.length !== n) {
      throw new Error(`${MODULE}: topicShares[${t}] has length ${shares?.length}, expected nodeCount ${n}`);
    }
    for (let i = 0; i < n; i++) {
      const s = shares[i];
      if (typeof s !== "number" || !Number.isFinite(s) || s < 0) {
        throw new Error(`${MODULE}: topicShares[${t}][${i}] must be finite and non-negative, got ${s}`);
      }
    }
  }
  if (posts === null || typeof posts !== "object" || posts.length !== n) {
    throw new Error(`${MODULE}: posts has length ${posts?.length}, expected nodeCount ${n}`);
  }
  for (let i = 0; i < n; i++) {
    const q = posts[i];
    if (typeof q !== "number" || !Number.isFinite(q) || q < 0) {
      throw new Error(`${MODULE}: posts[${i}] must be finite and non-negative, got ${q}`);
    }
  }
  if (n === 0) {
    return {
      scores: topicShares.map(() => new Float64Array(0)),
      iterations: topicShares.map(() => 0),
      converged: true
    };
  }

  // E_t = DT″_·t (column-normalised) and the per-user totals for DT′ (row-normalised).
  const teleports: Float64Array[] = [];
  const userTotal = new Float64Array(n);
  for (let t = 0; t < topicCount; t++) {
    const shares = topicShares[t];
    teleports.push(normalisedToSum1(shares, n, `topicShares[${t}]`));
    for (let i = 0; i < n; i++) userTotal[i] += shares[i];
  }
  for (let i = 0; i < n; i++) {
    if (userTotal[i] === Infinity) throw new Error(`${MODULE}: the topic weights of node ${i} sum to Infinity`);
  }

  // |T_j| / Σ_{a: i follows a} |T_a| per edge, self-loops excluded.
  const {offsets, targets} = graph;
  const m = targets.length;
  const postShare = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1];
    let friendPosts = 0;
    for (let k = offsets[i]; k < end; k++) if (targets[k] !== i) friendPosts += posts[targets[k]];
    if (friendPosts === Infinity) throw new Error(`${MODULE}: the posts of node ${i}'s friends sum to Infinity`);
    if (friendPosts > 0) {
      for (let k = offsets[i]; k < end; k++) if (targets[k] !== i) postShare[k] = posts[targets[k]] / friendPosts;
    }
  }

  const scores: Float64Array[] = [];
  const iterations: number[] = [];
  let converged = true;
  const probability = new Float64Array(m);
  const profile = new Float64Array(n); // DT′_·t
  const leak = new Float64Array(n);
  for (let t = 0; t < topicCount; t++) {
    const shares = topicShares[t];
    for (let i = 0; i < n; i++) profile[i] = userTotal[i] > 0 ? shares[i] / userTotal[i] : 0;
    for (let i = 0; i < n; i++) {
      const end = offsets[i + 1];
      let rowSum = 0;
      for (let k = offsets[i]; k < end; k++) {
        const p = postShare[k] * (1 - Math.abs(profile[i] - profile[targets[k]]));
        probability[k] = p;
        rowSum += p;
      }
      leak[i] = rowSum < 1 ? 1 - rowSum : 0;
    }
    const result = powerIteration(graph, probability, leak, teleports[t], {damping, tolerance, maxIterations});
    scores.push(result.scores);
    iterations.push(result.iterations);
    converged &&= result.converged;
  }
  return {scores, iterations, converged};
}

/**
 * The aggregate TwitterRank TR = Σ_t r_t · TR_t of per-topic score vectors, with the topic weights r normalised to
 * sum 1 (so the result sums to 1 when each TR_t does). The paper leaves r_t to the application: a topic's overall
 * prevalence, or a querying user's interest in each topic [R].
 *
 * @example
 * aggregateTwitterrank([Float64Array.of(0.6, 0.4), Float64Array.of(0.2, 0.8)], [3, 1]); // [0.5, 0.5]
 *
 * @throws Error prefixed `scoring/graph/twitterrank: ` when there are no topics, the vectors differ in length,
 *   `topicWeights` does not have one entry per topic, or an entry is negative or not finite, or all are 0.
 */
export function aggregateTwitterrank(
  topicScores: readonly ArrayLike<number>[],
  topicWeights: ArrayLike<number>
): Float64Array {
  if (!Array.isArray(topicScores) || topicScores.length === 0) {
    throw new Error(`${MODULE}: topicScores must be a non-empty array of score vectors, got ${String(topicScores)}`);
  }
  if (topicWeights.length !== topicScores.length) {
    throw new Error(
      `${MODULE}: topicWeights has length ${topicWeights.length}, expected one weight per topic (${topicScores.length})`
    );
  }
  const n = topicScores[0].length;
  for (let t = 1; t < topicScores.length; t++) {
    if (topicScores[t].length !== n) {
      throw new Error(`${MODULE}: topicScores[${t}] has length ${topicScores[t].length}, expected ${n}`);
    }
  }
  const r = normalisedToSum1(topicWeights, topicWeights.length, "topicWeights");
  const total = new Float64Array(n);
  for (let t = 0; t < topicScores.length; t++) {
    const scores = topicScores[t];
    const weight = r[t];
    for (let i = 0; i < n; i++) total[i] += weight * scores[i];
  }
  return total;
}

/**
 * `values` (already checked finite and non-negative, except in `aggregateTwitterrank`) scaled to sum 1, dividing by
 * the largest entry first so that the sum stays finite. Throws when an entry is bad or all are 0.
 */
function normalisedToSum1(values: ArrayLike<number>, length: number, name: string): Float64Array {
  const result = new Float64Array(length);
  let largest = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new Error(`${MODULE}: ${name}[${i}] must be finite and non-negative, got ${v}`);
    }
    if (v > largest) largest = v;
  }
  if (largest === 0) throw new Error(`${MODULE}: ${name} must have a positive sum, got 0`);
  let total = 0;
  for (let i = 0; i < length; i++) {
    result[i] = values[i] / largest;
    total += result[i];
  }
  for (let i = 0; i < length; i++) result[i] /= total;
  return result;
}
