/**
 * The transpose (every edge reversed) of a CSR graph, for kernels that walk in-edges: k-core's out-mode peels a
 * node's in-neighbours, and tests check kernels against their reversed-graph duals. Pure TypeScript over typed
 * arrays, like `csr.ts`.
 */
import type {Csr} from "./csr.js";

/** A transposed CSR graph that also maps each of its edges back to the edge of the original graph. */
export interface TransposedCsr extends Csr {
  /**
   * `sourceEdge[k]` is the index, in the original graph's `targets` / `weights`, of the edge that became edge `k`
   * of the transpose, so per-edge values computed on the original can be read in transposed order.
   */
  readonly sourceEdge: Int32Array;
}

/**
 * Reverses every edge of `graph`: the result has an edge `j → i` of weight `w` for each edge `i → j` of weight `w`.
 * Rows stay sorted by target (each row lists a node's in-neighbours in increasing order), `outWeight` of the
 * result is the in-weight of the original (Infinity if a node's in-weight overflows float64), and self-loops stay self-loops. The input already merged parallel
 * edges, so the result has none either. O(nodeCount + edges) time with one counting sort.
 *
 * @example
 * const reversed = transpose(buildCsr(3, [0, 0, 1], [1, 2, 2]));
 * // reversed.offsets = [0, 0, 1, 3], reversed.targets = [0, 0, 1] (node 2's in-neighbours are 0 and 1)
 */
export function transpose(graph: Csr): TransposedCsr {
  const {nodeCount: n, offsets, targets, weights} = graph;
  const m = targets.length;
  const rowStart = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) rowStart[targets[k] + 1]++;
  for (let i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
  const next = rowStart.slice(0, n);
  const reversedTargets = new Int32Array(m);
  const reversedWeights = new Float64Array(m);
  const sourceEdge = new Int32Array(m);
  const inWeight = new Float64Array(n);
  // Sources are visited in increasing order, so each reversed row comes out sorted.
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1];
    for (let k = offsets[i]; k < end; k++) {
      const j = targets[k];
      const p = next[j]++;
      reversedTargets[p] = i;
      reversedWeights[p] = weights[k];
      sourceEdge[p] = k;
      inWeight[j] += weights[k];
    }
  }
  return {
    nodeCount: n,
    offsets: rowStart,
    targets: reversedTargets,
    weights: reversedWeights,
    outWeight: inWeight,
    sourceEdge
  };
}
