/**
 * The power iteration shared by PageRank and TwitterRank: a random walk over a CSR graph that, from node i,
 * follows edge k with probability `damping · probability[k]`, and otherwise (with the rest of its mass: the
 * teleport `1 − damping` plus `damping · leak[i]`, the share its edges do not take) jumps to a node drawn
 * from `teleport`. Iterates from the uniform vector until the L1 change is below `tolerance` or
 * `maxIterations` is reached, then renormalises the scores to sum 1.
 *
 * For PageRank, `probability[k]` is the edge's share of its source's out-weight and `leak` is 1 at dangling
 * nodes; TwitterRank's topical transitions leave a fraction of each row unassigned, which `leak` carries.
 */
import type {Csr} from "./csr.js";

export interface PowerIterationOptions {
  damping: number;
  tolerance: number;
  maxIterations: number;
}

export interface PowerIterationResult {
  scores: Float64Array;
  iterations: number;
  converged: boolean;
}

export function powerIteration(
  graph: Csr,
  probability: Float64Array,
  leak: Float64Array,
  teleport: Float64Array,
  {damping, tolerance, maxIterations}: PowerIterationOptions
): PowerIterationResult {
  const {nodeCount: n, offsets, targets} = graph;
  let x = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    let leaked = 0;
    for (let i = 0; i < n; i++) leaked += x[i] * leak[i];
    const teleportMass = 1 - damping + damping * leaked;
    for (let j = 0; j < n; j++) next[j] = teleportMass * teleport[j];
    for (let i = 0; i < n; i++) {
      const share = damping * x[i];
      if (share === 0) continue;
      const end = offsets[i + 1];
      for (let k = offsets[i]; k < end; k++) next[targets[k]] += probability[k] * share;
    }
    let change = 0;
    for (let j = 0; j < n; j++) change += Math.abs(next[j] - x[j]);
    const previous = x;
    x = next;
    next = previous;
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  let total = 0;
  for (let j = 0; j < n; j++) total += x[j];
  for (let j = 0; j < n; j++) x[j] /= total;
  return {scores: x, iterations, converged};
}
