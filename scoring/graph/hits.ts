/**
 * HITS hub and authority scores by the power method.
 *
 * Reference: Kleinberg, J. M. (1999). "Authoritative sources in a hyperlinked environment." Journal of the ACM
 * 46(5):604-632. A node is a good hub if it points to good authorities and a good authority if good hubs point to
 * it: with A the (weighted) adjacency matrix, `a ← Aᵀh`, `h ← A a`, normalised every step, so `a` converges to
 * the principal eigenvector of AᵀA and `h` to that of AAᵀ.
 *
 * INFLUENCE-METHODS.md has no HITS section; these choices are ours and follow NetworkX's pure-Python
 * `_hits_python(G, weight="weight")` and graphology-metrics' `centrality/hits` (both start from uniform hubs and
 * run the same two half-steps), except:
 * - normalisation: both vectors are scaled to sum 1 after every step (NetworkX and graphology scale by the maximum
 *   during the iteration and by the sum at the end; the direction of each iterate, and so the result, is the same);
 * - convergence: the L1 change of the sum-normalised hub vector (theirs is of the max-normalised one);
 * - not converging within `maxIterations` is reported, not thrown (graphology throws);
 * - a graph without an edge of positive weight returns all-zero vectors (NetworkX divides by zero, graphology
 *   returns NaN).
 * On Sway's reaction graphs (edges actor → target) the reactors are the hubs and the reacted-to the authorities.
 */
import type {Csr} from "./csr.js";
import {stoppingRule} from "./iteration-options.js";

export const HITS_DEFAULTS: Readonly<{tolerance: number; maxIterations: number; weighted: boolean}> = Object.freeze({
  tolerance: 1e-10,
  maxIterations: 1000,
  weighted: true
});

export interface HitsOptions {
  /** Stop when the L1 distance between successive hub vectors (each summing to 1) is below this. Default 1e-10. */
  tolerance?: number;
  /** Upper bound on power iterations, a positive integer. Default 1000. */
  maxIterations?: number;
  /**
   * Use the edge weights as the entries of A (default true). When false every stored edge counts 1, including an
   * edge of weight 0 (as graphology with `getEdgeWeight: null`); parallel edges were merged by `buildCsr`, so a
   * pair counts once.
   */
  weighted?: boolean;
}

export interface HitsResult {
  /** Hub score per node, non-negative, summing to 1 (all 0 when the graph has no edge of positive weight). */
  hubs: Float64Array;
  /** Authority score per node, non-negative, summing to 1 (all 0 when the graph has no edge of positive weight). */
  authorities: Float64Array;
  /** Power iterations performed (one iteration = one authority and one hub update). */
  iterations: number;
  /** Whether the tolerance was reached within `maxIterations`. */
  converged: boolean;
}

const MODULE = "scoring/graph/hits";

/**
 * Hub and authority scores of every node of `graph`. With `w(i → j)` the merged edge weight (or 1 when
 * `weighted` is false), each iteration computes
 *
 *     a[j] = Σ_{i → j} w(i → j) · h[i],   h'[i] = Σ_{i → j} w(i → j) · a[j],
 *
 * then scales `a` and `h'` to sum 1, starting from the uniform hub vector, until `Σ_i |h'[i] − h[i]| < tolerance`
 * or `maxIterations` is reached (the last iterate is then returned with `converged: false`).
 *
 * - A node without out-edges of positive weight (dangling or isolated) has hub score 0; one without such in-edges
 *   has authority score 0.
 * - A self-loop `i → i` is an ordinary edge: it makes `i` a hub and an authority of itself.
 * - AᵀA is symmetric positive semi-definite, so the iteration cannot oscillate. When its largest eigenvalue is
 *   repeated (e.g. two disjoint components with the same leading singular value) the limit depends on the start;
 *   the uniform start makes it deterministic: the projection of the uniform vector on that eigenspace.
 * - Weights are divided by the largest weight first (HITS is invariant to scaling them), so neither very large
 *   nor subnormal weights overflow or vanish.
 *
 * An empty graph returns empty arrays, converged, after 0 iterations; a graph whose edges all have weight 0 (or
 * that has no edges) returns all-zero vectors, converged, after 0 iterations.
 *
 * @example
 * // 0 → 2, 1 → 2, 1 → 3: node 1 is the better hub, node 2 the better authority.
 * const {hubs, authorities} = hits(buildCsr(4, [0, 1, 1], [2, 2, 3]));
 * // hubs ≈ [0.382, 0.618, 0, 0], authorities ≈ [0, 0, 0.618, 0.382]
 *
 * @throws Error prefixed `scoring/graph/hits: ` for a tolerance that is not a positive finite number, a
 *   maxIterations that is not a positive integer, or a `weighted` that is not a boolean.
 */
export function hits(graph: Csr, options: HitsOptions = {}): HitsResult {
  const {tolerance, maxIterations} = stoppingRule(MODULE, options, HITS_DEFAULTS);
  const weighted = options.weighted ?? HITS_DEFAULTS.weighted;
  if (typeof weighted !== "boolean") throw new Error(`${MODULE}: weighted must be a boolean, got ${String(weighted)}`);

  const n = graph.nodeCount;
  const {offsets, targets} = graph;
  const m = targets.length;
  const hubs = new Float64Array(n);
  const authorities = new Float64Array(n);

  // Entries of A, scaled into [0, 1].
  const entry = new Float64Array(m);
  if (weighted) {
    let largest = 0;
    for (let k = 0; k < m; k++) if (graph.weights[k] > largest) largest = graph.weights[k];
    if (largest > 0) for (let k = 0; k < m; k++) entry[k] = graph.weights[k] / largest;
  } else {
    entry.fill(1);
  }
  let hasEdge = false;
  for (let k = 0; k < m && !hasEdge; k++) hasEdge = entry[k] > 0;
  if (n === 0 || !hasEdge) return {hubs, authorities, iterations: 0, converged: true};

  let h = new Float64Array(n).fill(1 / n);
  let next = hubs;
  const a = authorities;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    // Authorities: push each hub's score along its out-edges.
    a.fill(0);
    for (let i = 0; i < n; i++) {
      const hi = h[i];
      if (hi === 0) continue;
      const end = offsets[i + 1];
      for (let k = offsets[i]; k < end; k++) a[targets[k]] += entry[k] * hi;
    }
    scaleToSum1(a);
    // Hubs: pull the new authority scores over each node's out-edges.
    for (let i = 0; i < n; i++) {
      let total = 0;
      const end = offsets[i + 1];
      for (let k = offsets[i]; k < end; k++) total += entry[k] * a[targets[k]];
      next[i] = total;
    }
    scaleToSum1(next);
    let change = 0;
    for (let i = 0; i < n; i++) change += Math.abs(next[i] - h[i]);
    const previous = h;
    h = next;
    next = previous;
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  // `h` is whichever buffer holds the last iterate; return it as the hub vector.
  return {hubs: h, authorities: a, iterations, converged};
}

/** Scales `values` in place to sum 1; leaves an all-zero vector as it is. */
function scaleToSum1(values: Float64Array): void {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  if (total > 0) for (let i = 0; i < values.length; i++) values[i] /= total;
}
