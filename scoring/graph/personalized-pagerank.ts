/**
 * Personalised PageRank: PageRank whose random surfer, when it teleports or is stuck at a node without
 * out-edges, jumps only to a chosen set of seed nodes, in proportion to their seed weights. A node's score is
 * then the share of time the surfer spends there when it keeps restarting from the seeds: its standing as
 * seen from the seeds rather than from everyone.
 *
 * References: Page, L., Brin, S., Motwani, R. and Winograd, T. (1999). "The PageRank citation ranking: Bringing
 * order to the Web." Stanford InfoLab technical report 1999-66 (the personalisation vector, §6); Haveliwala, T.
 * (2002). "Topic-sensitive PageRank." WWW 2002 (one teleport vector per topic). Conventions follow NetworkX's
 * `pagerank(G, alpha, personalization, weight="weight")` on a DiGraph: dangling nodes jump by the
 * personalisation vector, self-loops are ordinary edges. The iteration is `powerIteration`, shared with
 * PageRank and TwitterRank.
 */
import type {Csr} from "./csr.js";
import {powerIteration, type PowerIterationResult} from "./power-iteration.js";

export const PERSONALIZED_PAGERANK_DEFAULTS: Readonly<{damping: number; tolerance: number; maxIterations: number}> =
  Object.freeze({damping: 0.85, tolerance: 1e-10, maxIterations: 1000});

export interface PersonalizedPagerankOptions {
  /** Probability of following an out-edge rather than teleporting, in [0, 1). Default 0.85. */
  damping?: number;
  /** Stop when the L1 change between successive score vectors is below this. Default 1e-10. */
  tolerance?: number;
  /** Upper bound on power iterations, a positive integer. Default 1000. */
  maxIterations?: number;
}

const MODULE = "scoring/graph/personalized-pagerank";

/**
 * Personalised PageRank of every node of `graph` with teleport weights `seeds` (one finite non-negative entry
 * per node, positive sum; normalised to sum 1 as `p`). Each iteration computes, with `D` the dangling nodes,
 *
 *     x'[i] = damping · Σ_{j → i} x[j] · w(j → i) / outWeight[j]  +  (damping · Σ_{j ∈ D} x[j] + 1 − damping) · p[i]
 *
 * from the uniform vector until `Σ_i |x'[i] − x[i]| < tolerance` or `maxIterations` is reached (then the last
 * iterate is returned with `converged: false`); scores sum to 1. Nodes that no seed can reach score 0. An empty
 * graph returns an empty array, converged, after 0 iterations.
 *
 * @example
 * // 0 → 1 → 2, seeds {0}: the surfer restarts at 0, so 0 scores most and 2 least.
 * personalizedPagerank(buildCsr(3, [0, 1], [1, 2]), [1, 0, 0], {damping: 0.5}).scores;
 * // [4/7, 2/7, 1/7]
 *
 * @throws Error prefixed `scoring/graph/personalized-pagerank: ` for damping outside [0, 1), a tolerance that is
 *   not a positive finite number, a maxIterations that is not a positive integer, or seeds of the wrong length,
 *   with a negative or non-finite entry, or with zero sum.
 */
export function personalizedPagerank(
  graph: Csr,
  seeds: ArrayLike<number>,
  options: PersonalizedPagerankOptions = {}
): PowerIterationResult {
  const damping = options.damping ?? PERSONALIZED_PAGERANK_DEFAULTS.damping;
  const tolerance = options.tolerance ?? PERSONALIZED_PAGERANK_DEFAULTS.tolerance;
  const maxIterations = options.maxIterations ?? PERSONALIZED_PAGERANK_DEFAULTS.maxIterations;
  if (typeof damping !== "number" || !(damping >= 0 && damping < 1)) {
    throw new Error(`${MODULE}: damping must be in [0, 1), got ${damping}`);
  }
  if (typeof tolerance !== "number" || !(tolerance > 0 && tolerance < Infinity)) {
    throw new Error(`${MODULE}: tolerance must be a positive finite number, got ${tolerance}`);
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new Error(`${MODULE}: maxIterations must be a positive integer, got ${maxIterations}`);
  }
  const n = graph.nodeCount;
  const teleport = teleportVector(seeds, n);
  if (n === 0) return {scores: new Float64Array(0), iterations: 0, converged: true};

  // Each edge's share of its source's out-weight; a row of weight 0 leaks all its mass to the seeds.
  const {offsets, weights, outWeight} = graph;
  const probability = new Float64Array(weights.length);
  const dangling = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    if (outWeight[j] > 0) {
      for (let k = offsets[j]; k < offsets[j + 1]; k++) probability[k] = weights[k] / outWeight[j];
    } else {
      dangling[j] = 1;
    }
  }
  return powerIteration(graph, probability, dangling, teleport, {damping, tolerance, maxIterations});
}

/** The seeds checked and scaled to sum 1, dividing by the largest first so the sum stays finite. */
function teleportVector(seeds: ArrayLike<number>, n: number): Float64Array {
  if (seeds === null || typeof seeds !== "object" || seeds.length !== n) {
    throw new Error(`${MODULE}: seeds has length ${seeds?.length}, expected nodeCount ${n}`);
  }
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const weight = seeds[i];
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
      throw new Error(`${MODULE}: seeds[${i}] must be finite and non-negative, got ${weight}`);
    }
    largest = Math.max(largest, weight);
  }
  const teleport = new Float64Array(n);
  if (n === 0) return teleport;
  if (largest === 0) throw new Error(`${MODULE}: seeds must have a positive sum, got 0`);
  let total = 0;
  for (let i = 0; i < n; i++) total += teleport[i] = seeds[i] / largest;
  for (let i = 0; i < n; i++) teleport[i] /= total;
  return teleport;
}
