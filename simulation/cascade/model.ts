/**
 * The two diffusion models of Kempe, Kleinberg and Tardos (2003), "Maximizing the spread of influence through a
 * social network", KDD, over a directed graph influencer → influenced in CSR form:
 *
 * - independent cascade (IC): a node activated at step t gets one chance to activate each inactive
 *   out-neighbour v, succeeding with probability p(u, v), the weight of the edge u → v;
 * - linear threshold (LT): each node v draws a threshold θ_v uniform in [0, 1] and becomes active once the
 *   weights b(u, v) of its active in-neighbours u sum to at least θ_v; the weights entering a node sum to at
 *   most 1.
 *
 * Both are equivalent to reachability in a random "live-edge" graph (KKT, Claims 2.3 and 2.6), which
 * `live-edge.ts` samples. Pure TypeScript over typed arrays: it runs in Node, the browser and a Web Worker.
 */
import type {Csr} from "../../scoring/graph/csr.js";
import {transpose, type TransposedCsr} from "../../scoring/graph/transpose.js";

export type CascadeKind = "ic" | "lt";

export type CascadeModel =
  | {readonly kind: "ic"; readonly graph: Csr}
  | {
      readonly kind: "lt";
      readonly graph: Csr;
      /** The transpose of `graph`: each node's in-edges, from which the live-edge graph draws one. */
      readonly incoming: TransposedCsr;
    };

const MODULE = "simulation/cascade/model";
/** Rounding slack for LT in-weights that are meant to sum to exactly 1. */
const SUM_TOLERANCE = 1e-9;

/**
 * The IC model on `graph`, whose edge weights are the activation probabilities.
 *
 * @throws Error prefixed `simulation/cascade/model: ` if a weight is outside [0, 1].
 * @example independentCascade(buildCsr(2, [0], [1], [0.5])) // node 0 activates node 1 half of the time
 */
export function independentCascade(graph: Csr): CascadeModel {
  const {offsets, targets, weights} = graph;
  for (let u = 0; u < graph.nodeCount; u++) {
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      if (!(weights[e] <= 1)) {
        throw new Error(`${MODULE}: edge ${u} → ${targets[e]} has probability ${weights[e]}, outside [0, 1]`);
      }
    }
  }
  return {kind: "ic", graph};
}

/**
 * The LT model on `graph`, whose edge weights are the influence weights b(u, v).
 *
 * @throws Error prefixed `simulation/cascade/model: ` if the weights entering a node sum to more than 1.
 * @example linearThreshold(buildCsr(3, [0, 1], [2, 2], [0.5, 0.5])) // node 2 needs both 0 and 1 about half of the time
 */
export function linearThreshold(graph: Csr): CascadeModel {
  const incoming = transpose(graph);
  for (let v = 0; v < graph.nodeCount; v++) {
    if (incoming.outWeight[v] > 1 + SUM_TOLERANCE) {
      throw new Error(`${MODULE}: the weights entering node ${v} sum to ${incoming.outWeight[v]}, more than 1`);
    }
  }
  return {kind: "lt", graph, incoming};
}
