/**
 * Compressed sparse row (CSR) storage for directed weighted graphs, the input format of the graph kernels in
 * `scoring/graph/`. Pure TypeScript over typed arrays: no Node or browser APIs, so it runs in both.
 *
 * Nodes are the integers [0, nodeCount). Each node's out-edges occupy one contiguous row, sorted by target,
 * with parallel edges merged into one edge whose weight is their sum. Self-loops are ordinary edges.
 */

/** A directed weighted graph in compressed sparse row form. Treat every array as read-only. */
export interface Csr {
  readonly nodeCount: number;
  /**
   * `offsets[i]..offsets[i + 1]` index the out-edges of node `i` in `targets` / `weights` (length
   * `nodeCount + 1`, `offsets[0] === 0`, `offsets[nodeCount] === targets.length`). Int32Array, so a graph
   * holds at most 2^31 − 1 distinct edges.
   */
  readonly offsets: Int32Array;
  /** Target node of each edge; strictly increasing within each row (parallel edges are merged). */
  readonly targets: Int32Array;
  /** Weight of each edge: finite and non-negative, the sum of the merged parallel edges' weights. */
  readonly weights: Float64Array;
  /** Sum of out-edge weights per node. */
  readonly outWeight: Float64Array;
}

const MODULE = "scoring/graph/csr";
const MAX_EDGES = 0x7fffffff;

/**
 * Builds the CSR form of the directed graph with edges `sources[e] → targets[e]` of weight `weights[e]`
 * (1 when `weights` is omitted). Parallel edges (same source and target) are merged by summing their weights;
 * self-loops are kept. Zero weights are allowed and kept as edges.
 *
 * Runs in O(nodeCount + edges) time with two stable counting sorts (by target, then by source) and allocates
 * only typed arrays, so it handles millions of edges.
 *
 * @throws Error prefixed `scoring/graph/csr: ` when `nodeCount` is not a non-negative integer, the arrays have
 *   different lengths, a node index is not an integer in [0, nodeCount), a weight is negative or not finite,
 *   or a node's out-weight overflows to Infinity.
 */
export function buildCsr(
  nodeCount: number,
  sources: ArrayLike<number>,
  targets: ArrayLike<number>,
  weights?: ArrayLike<number>
): Csr {
  return build(nodeCount, sources, targets, weights, false);
}

/**
 * Builds the CSR form of the unweighted directed graph with edges `sources[e] → targets[e]`: each distinct edge
 * weighs 1 however often it is listed, and a node's out-weight is its number of distinct out-neighbours. For edge
 * lists that may repeat a pair (a follow graph read without DISTINCT): the two counting sorts of `buildCsr` bring
 * the repeats together anyway, so dropping them here costs nothing, where DISTINCT and ORDER BY in SQL cost a hash
 * aggregate and a sort.
 *
 * @example buildUnitCsr(2, [0, 0, 1], [1, 1, 0]).weights; // Float64Array [1, 1]
 * @throws Error prefixed `scoring/graph/csr: ` as `buildCsr` does.
 */
export function buildUnitCsr(nodeCount: number, sources: ArrayLike<number>, targets: ArrayLike<number>): Csr {
  return build(nodeCount, sources, targets, undefined, true);
}

/** `buildCsr`, or with `once` `buildUnitCsr`: parallel edges kept once instead of summed. */
function build(
  nodeCount: number,
  sources: ArrayLike<number>,
  targets: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
  once: boolean
): Csr {
  if (!Number.isInteger(nodeCount) || nodeCount < 0 || nodeCount > MAX_EDGES) {
    throw new Error(`${MODULE}: nodeCount must be a non-negative integer below 2^31, got ${nodeCount}`);
  }
  const m = sources.length;
  if (targets.length !== m) {
    throw new Error(`${MODULE}: sources has length ${m} but targets has length ${targets.length}`);
  }
  if (weights !== undefined && weights.length !== m) {
    throw new Error(`${MODULE}: sources has length ${m} but weights has length ${weights.length}`);
  }
  if (m > MAX_EDGES) throw new Error(`${MODULE}: ${m} edges exceed the limit of 2^31 - 1`);
  for (let e = 0; e < m; e++) {
    const s = sources[e];
    if (!Number.isInteger(s) || s < 0 || s >= nodeCount) {
      throw new Error(`${MODULE}: edge ${e} has source ${s}, outside [0, ${nodeCount})`);
    }
    const t = targets[e];
    if (!Number.isInteger(t) || t < 0 || t >= nodeCount) {
      throw new Error(`${MODULE}: edge ${e} has target ${t}, outside [0, ${nodeCount})`);
    }
    if (weights !== undefined) {
      const w = weights[e];
      if (!Number.isFinite(w) || w < 0) {
        throw new Error(`${MODULE}: edge ${e} has weight ${w}; weights must be finite and non-negative`);
      }
    }
  }

  // Pass 1: stable counting sort of the edge ids by target.
  const byTarget = new Int32Array(m);
  {
    const next = new Int32Array(nodeCount + 1);
    for (let e = 0; e < m; e++) next[targets[e] + 1]++;
    for (let i = 0; i < nodeCount; i++) next[i + 1] += next[i];
    for (let e = 0; e < m; e++) byTarget[next[targets[e]]++] = e;
  }

  // Pass 2: stable counting sort by source, which leaves each row sorted by target.
  const rowStart = new Int32Array(nodeCount + 1);
  for (let e = 0; e < m; e++) rowStart[sources[e] + 1]++;
  for (let i = 0; i < nodeCount; i++) rowStart[i + 1] += rowStart[i];
  let outTargets = new Int32Array(m);
  let outWeights = new Float64Array(m);
  {
    const next = rowStart.slice(0, nodeCount);
    for (let k = 0; k < m; k++) {
      const e = byTarget[k];
      const p = next[sources[e]]++;
      outTargets[p] = targets[e];
      outWeights[p] = weights === undefined ? 1 : weights[e];
    }
  }

  // Merge runs of equal targets within each row, compacting in place (the write index never passes the read index).
  const offsets = new Int32Array(nodeCount + 1);
  const outWeight = new Float64Array(nodeCount);
  let write = 0;
  for (let i = 0; i < nodeCount; i++) {
    offsets[i] = write;
    const end = rowStart[i + 1];
    let total = 0;
    for (let read = rowStart[i]; read < end; read++) {
      const t = outTargets[read];
      const w = outWeights[read];
      if (write > offsets[i] && outTargets[write - 1] === t) {
        if (once) continue;
        outWeights[write - 1] += w;
      } else {
        outTargets[write] = t;
        outWeights[write] = w;
        write++;
      }
      total += w;
    }
    if (total === Infinity) throw new Error(`${MODULE}: node ${i} has out-weight Infinity, beyond the float64 range`);
    outWeight[i] = total;
  }
  offsets[nodeCount] = write;
  if (write < m) {
    // Copy rather than view, so the merged-away tail does not stay allocated.
    outTargets = outTargets.slice(0, write);
    outWeights = outWeights.slice(0, write);
  }
  return {nodeCount, offsets, targets: outTargets, weights: outWeights, outWeight};
}
