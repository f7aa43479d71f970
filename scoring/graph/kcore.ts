/**
 * Core numbers (k-shell indices) by the Batagelj–Zaversnik bucket algorithm.
 *
 * References: Kitsak, M., Gallos, L. K., Havlin, S., Liljeros, F., Muchnik, L., Stanley, H. E. and Makse, H. A.
 * (2010). "Identification of influential spreaders in complex networks." Nature Physics 6:888-893 — the k-shell
 * index k_s of the undirected graph as a predictor of spreading [V]. Batagelj, V. and Zaversnik, M. (2003). "An
 * O(m) algorithm for cores decomposition of networks." arXiv:cs/0310049.
 *
 * The k-core is the largest subgraph in which every node has degree ≥ k; a node's core number is the largest k
 * whose k-core contains it. Kitsak et al. peel nodes of degree ≤ k for k = 1, 2, … and call the k at which a node
 * goes its k-shell index; that is the core number for every node of degree ≥ 1. Our choices:
 * - isolated nodes (degree 0, including nodes whose only edge is a self-loop) get 0, as in NetworkX's
 *   `core_number`; Kitsak et al. work on connected networks and never meet them;
 * - self-loops are ignored in every mode (NetworkX refuses graphs with self-loops);
 * - edge weights are ignored and every stored edge counts, zero weights included (drop zero-weight edges before
 *   `buildCsr` if they mean "no edge");
 * - `"undirected"` (the default, Kitsak's setting): the degree is the number of distinct neighbours, so a
 *   reciprocal pair `i → j`, `j → i` is one undirected edge (parallel edges were already merged by `buildCsr`);
 * - `"in"` / `"out"`: the directed in-core / out-core (Giatsidis, Thilikos and Vazirgiannis 2011's D-cores with the
 *   other bound 0): the degree is the in-degree / out-degree within the remaining subgraph.
 */
import type {Csr} from "./csr.js";
import {transpose} from "./transpose.js";

export type KcoreMode = "undirected" | "in" | "out";

export const KCORE_DEFAULTS: Readonly<{mode: KcoreMode}> = Object.freeze({mode: "undirected"});

export interface KcoreOptions {
  /** Which degree to peel by: `"undirected"` (default), `"in"` or `"out"`. */
  mode?: KcoreMode;
}

const MODULE = "scoring/graph/kcore";
const MODES: readonly string[] = ["undirected", "in", "out"];

/**
 * The core number of every node of `graph` (see the module comment for the conventions), in O(nodeCount + edges)
 * time: nodes are kept in buckets by current degree and taken in increasing order; taking a node fixes its core
 * number at its current degree and lowers by one the degree of each remaining neighbour whose degree is higher.
 *
 * @example
 * // A triangle 0-1-2 with a pendant node 3 on node 0, and an isolated node 4.
 * kcore(buildCsr(5, [0, 1, 2, 3], [1, 2, 0, 0])); // Int32Array [2, 2, 2, 1, 0]
 *
 * @throws Error prefixed `scoring/graph/kcore: ` when `mode` is not "undirected", "in" or "out".
 */
export function kcore(graph: Csr, options: KcoreOptions = {}): Int32Array {
  const mode = options.mode ?? KCORE_DEFAULTS.mode;
  if (!MODES.includes(mode)) {
    throw new Error(`${MODULE}: mode must be "undirected", "in" or "out", got ${JSON.stringify(mode)}`);
  }
  const n = graph.nodeCount;
  const degree = new Int32Array(n);
  // `neighbours(v)` = the nodes whose degree counts v, i.e. whose degree drops when v is taken.
  let neighbourOffsets: Int32Array;
  let neighbours: Int32Array;
  if (mode === "undirected") {
    ({offsets: neighbourOffsets, targets: neighbours} = undirectedAdjacency(graph));
    for (let v = 0; v < n; v++) degree[v] = neighbourOffsets[v + 1] - neighbourOffsets[v];
  } else if (mode === "in") {
    // In-degree of t counts each u → t; taking u lowers the in-degree of its out-neighbours.
    ({offsets: neighbourOffsets, targets: neighbours} = graph);
    for (let u = 0; u < n; u++) {
      const end = neighbourOffsets[u + 1];
      for (let k = neighbourOffsets[u]; k < end; k++) if (neighbours[k] !== u) degree[neighbours[k]]++;
    }
  } else {
    // Out-degree of u counts each u → t; taking t lowers the out-degree of its in-neighbours.
    ({offsets: neighbourOffsets, targets: neighbours} = transpose(graph));
    for (let t = 0; t < n; t++) {
      const end = neighbourOffsets[t + 1];
      for (let k = neighbourOffsets[t]; k < end; k++) if (neighbours[k] !== t) degree[neighbours[k]]++;
    }
  }
  return peel(degree, neighbourOffsets, neighbours);
}

/**
 * Batagelj–Zaversnik: `vertices` holds the nodes sorted by current degree, `bucketStart[d]` the position of the
 * first node of degree d, `position[v]` the index of v in `vertices`. Overwrites `degree` with the core numbers.
 */
function peel(degree: Int32Array, offsets: Int32Array, neighbours: Int32Array): Int32Array {
  const n = degree.length;
  let maxDegree = 0;
  for (let v = 0; v < n; v++) if (degree[v] > maxDegree) maxDegree = degree[v];
  const bucketStart = new Int32Array(maxDegree + 2);
  for (let v = 0; v < n; v++) bucketStart[degree[v] + 1]++;
  for (let d = 0; d <= maxDegree; d++) bucketStart[d + 1] += bucketStart[d];
  const vertices = new Int32Array(n);
  const position = new Int32Array(n);
  {
    const next = bucketStart.slice(0, maxDegree + 1);
    for (let v = 0; v < n; v++) {
      const p = next[degree[v]]++;
      vertices[p] = v;
      position[v] = p;
    }
  }
  for (let i = 0; i < n; i++) {
    const v = vertices[i];
    const dv = degree[v];
    const end = offsets[v + 1];
    for (let k = offsets[v]; k < end; k++) {
      const u = neighbours[k];
      const du = degree[u];
      if (du > dv) {
        // Move u to the front of its bucket, then shift the bucket boundary past it: u now has degree du − 1.
        const pu = position[u];
        const pw = bucketStart[du];
        const w = vertices[pw];
        if (u !== w) {
          vertices[pu] = w;
          position[w] = pu;
          vertices[pw] = u;
          position[u] = pw;
        }
        bucketStart[du]++;
        degree[u] = du - 1;
      }
    }
  }
  return degree;
}

/** The symmetric adjacency of `graph` without self-loops, each neighbour listed once per row. */
function undirectedAdjacency(graph: Csr): {offsets: Int32Array; targets: Int32Array} {
  const {nodeCount: n, offsets, targets} = graph;
  const rowStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1];
    for (let k = offsets[i]; k < end; k++) {
      const j = targets[k];
      if (j !== i) {
        rowStart[i + 1]++;
        rowStart[j + 1]++;
      }
    }
  }
  for (let i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
  const adjacency = new Int32Array(rowStart[n]);
  const next = rowStart.slice(0, n);
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1];
    for (let k = offsets[i]; k < end; k++) {
      const j = targets[k];
      if (j !== i) {
        adjacency[next[i]++] = j;
        adjacency[next[j]++] = i;
      }
    }
  }
  // Drop the second copy of reciprocal pairs, compacting in place (the write index never passes the read index).
  const seenInRow = new Int32Array(n).fill(-1);
  const compactOffsets = new Int32Array(n + 1);
  let write = 0;
  for (let v = 0; v < n; v++) {
    compactOffsets[v] = write;
    const end = rowStart[v + 1];
    for (let read = rowStart[v]; read < end; read++) {
      const u = adjacency[read];
      if (seenInRow[u] !== v) {
        seenInRow[u] = v;
        adjacency[write++] = u;
      }
    }
  }
  compactOffsets[n] = write;
  return {offsets: compactOffsets, targets: adjacency};
}
