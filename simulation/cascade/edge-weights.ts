/**
 * Edge parameters of the cascade models from a graph whose weights count how often u influenced v (1 per
 * follow; the number of interactions for the interaction graph), after Kempe, Kleinberg and Tardos (2003), §4:
 *
 * - `uniform`: p(u, v) = p on every edge, whatever its count (KKT use p = 1% and 10%; 0.01 is our default);
 * - `multiplicity`: each of the c(u, v) interactions is one independent chance p, so
 *   p(u, v) = 1 − (1 − p)^c(u, v) (KKT's treatment of parallel edges);
 * - `weighted-cascade`: each unit of c(u, v) is a chance 1/d(v), with d(v) = Σ_u c(u, v) the in-degree of v
 *   counting multiplicity, so p(u, v) = 1 − (1 − 1/d(v))^c(u, v); on a simple graph that is KKT's 1/d(v);
 * - LT weights b(u, v) = c(u, v) / d(v), KKT's choice, so the weights entering a node sum to exactly 1.
 */
import type {Csr} from "../../scoring/graph/csr.js";

export const PROBABILITY_SCHEMES = ["uniform", "multiplicity", "weighted-cascade"] as const;
export type ProbabilityScheme = (typeof PROBABILITY_SCHEMES)[number];

export const EDGE_WEIGHT_DEFAULTS: Readonly<{scheme: ProbabilityScheme; p: number}> = Object.freeze({
  scheme: "uniform",
  p: 0.01
});

const MODULE = "simulation/cascade/edge-weights";

/**
 * `graph` with its counts replaced by IC activation probabilities under `scheme` (`p` is ignored by
 * `weighted-cascade`).
 *
 * @throws Error prefixed `simulation/cascade/edge-weights: ` if p is not in (0, 1].
 * @example icProbabilities(buildCsr(2, [0], [1], [3]), {scheme: "multiplicity", p: 0.5}).weights // [0.875]
 */
export function icProbabilities(
  graph: Csr,
  {scheme = EDGE_WEIGHT_DEFAULTS.scheme, p = EDGE_WEIGHT_DEFAULTS.p}: {scheme?: ProbabilityScheme; p?: number} = {}
): Csr {
  if (!(p > 0 && p <= 1)) throw new Error(`${MODULE}: p must be in (0, 1], got ${p}`);
  if (!PROBABILITY_SCHEMES.includes(scheme)) {
    throw new Error(`${MODULE}: scheme must be one of ${PROBABILITY_SCHEMES.join(", ")}, got ${scheme}`);
  }
  const inDegree = scheme === "weighted-cascade" ? inWeights(graph) : undefined;
  return withWeights(graph, (count, target) => {
    if (scheme === "uniform") return p;
    if (count === 0) return 0;
    const chance = inDegree ? 1 / inDegree[target] : p;
    return 1 - (1 - chance) ** count;
  });
}

/** `graph` with its counts replaced by the LT weights c(u, v) / d(v). */
export function ltWeights(graph: Csr): Csr {
  const inDegree = inWeights(graph);
  return withWeights(graph, (count, target) => (count === 0 ? 0 : count / inDegree[target]));
}

function inWeights({nodeCount, targets, weights}: Csr): Float64Array {
  const total = new Float64Array(nodeCount);
  for (let e = 0; e < targets.length; e++) total[targets[e]] += weights[e];
  return total;
}

/** The same edges with weights `weight(count, target)`; `outWeight` summed again. */
function withWeights(graph: Csr, weight: (count: number, target: number) => number): Csr {
  const {nodeCount, offsets, targets} = graph;
  const weights = new Float64Array(targets.length);
  const outWeight = new Float64Array(nodeCount);
  for (let u = 0; u < nodeCount; u++) {
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      weights[e] = weight(graph.weights[e], targets[e]);
      outWeight[u] += weights[e];
    }
  }
  return {nodeCount, offsets, targets, weights, outWeight};
}
