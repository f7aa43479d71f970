/**
 * Live-edge graphs (Kempe, Kleinberg, Tardos 2003, Claims 2.3 and 2.6): a random subgraph whose reachable sets
 * have the distribution of a cascade's active sets, so the spread σ(S) is the expected number of nodes
 * reachable from S.
 *
 * - IC: each edge u → v is live, independently, with probability p(u, v).
 * - LT: each node v keeps at most one in-edge, u → v with probability b(u, v), none with 1 − Σ_u b(u, v).
 *
 * One set of sampled graphs serves every node at once: the single-seed spread of each node is its mean
 * reachable-set size over the samples, and greedy seed selection (`greedy.ts`) reuses the same samples for every
 * candidate. A sample is stored as the ascending list of its live edges' indices in the model's CSR, so a
 * node's live out-edges are one contiguous run found by binary search.
 */
import type {Csr} from "../../scoring/graph/csr.js";
import {mulberry32} from "../../scoring/random.js";
import {runSteps} from "../../scoring/slices.js";
import type {CascadeModel} from "./model.js";
import {checkRunOptions, type RunOptions} from "./spread.js";

export interface LiveEdgeSamples {
  /** The model's graph, whose edge indices `edges` holds. */
  readonly graph: Csr;
  readonly runs: number;
  /** `start[r]..start[r + 1]` index the live edges of sample r in `edges` (length runs + 1). */
  readonly start: Float64Array;
  /** Live edge indices, ascending within each sample. */
  readonly edges: Int32Array;
}

/**
 * A function that draws one live-edge graph of `model` into `out` (of length at least the model's edge count
 * for IC, its node count for LT) and returns the number of live edges, whose indices fill `out` from 0 in
 * ascending order.
 *
 * IC draws by thinning with geometric skips: with p* the largest probability, the gap to the next candidate edge
 * is geometric, floor(ln V / ln(1 − p*)) with V uniform in (0, 1] (P(gap ≥ k) = (1 − p*)^k), and a candidate e is
 * kept with probability p(e) / p* (no draw when they are equal). Each edge is then live with probability p(e),
 * independently, at the cost of about p*·edges draws instead of one per edge: a hundredth at the usual p = 0.01.
 */
export function liveEdgeSampler(model: CascadeModel, random: () => number): (out: Int32Array) => number {
  if (model.kind === "lt") return (out) => drawLinearThreshold(model, random, out);
  const {weights} = model.graph;
  const m = weights.length;
  const largest = weights.reduce((max, p) => Math.max(max, p), 0);
  const logMiss = Math.log1p(-largest); // −Infinity when the largest probability is 1: every edge a candidate
  return (out) => {
    if (largest === 0) return 0;
    let count = 0;
    for (
      let e = Math.floor(Math.log(1 - random()) / logMiss);
      e < m;
      e += 1 + Math.floor(Math.log(1 - random()) / logMiss)
    ) {
      if (weights[e] === largest || random() * largest < weights[e]) out[count++] = e;
    }
    return count;
  };
}

/** Each node keeps one in-edge u → v with probability b(u, v), or none; indices sorted. */
function drawLinearThreshold(
  model: Extract<CascadeModel, {kind: "lt"}>,
  random: () => number,
  out: Int32Array
): number {
  const {offsets, weights, sourceEdge} = model.incoming;
  let count = 0;
  for (let v = 0; v < model.graph.nodeCount; v++) {
    const end = offsets[v + 1];
    if (offsets[v] === end) continue;
    const draw = random();
    let cumulative = 0;
    for (let k = offsets[v]; k < end; k++) {
      cumulative += weights[k];
      if (draw < cumulative) {
        out[count++] = sourceEdge[k];
        break;
      }
    }
  }
  out.subarray(0, count).sort();
  return count;
}

function sampleCapacity(model: CascadeModel): number {
  return model.kind === "ic" ? model.graph.targets.length : model.graph.nodeCount;
}

/**
 * `runs` live-edge graphs of `model`, drawn from one mulberry32 stream seeded with `seed`: the same samples
 * `singleSeedSpread` averages over with the same options.
 */
export function sampleLiveEdges(model: CascadeModel, options: RunOptions = {}): LiveEdgeSamples {
  const {runs, seed} = checkRunOptions(options, "simulation/cascade/live-edge");
  const draw = liveEdgeSampler(model, mulberry32(seed));
  const buffer = new Int32Array(sampleCapacity(model));
  const start = new Float64Array(runs + 1);
  let edges = new Int32Array(Math.max(16, buffer.length));
  let used = 0;
  for (let r = 0; r < runs; r++) {
    const count = draw(buffer);
    if (used + count > edges.length) {
      const grown = new Int32Array(Math.max(used + count, 2 * edges.length));
      grown.set(edges.subarray(0, used));
      edges = grown;
    }
    edges.set(buffer.subarray(0, count), used);
    used += count;
    start[r + 1] = used;
  }
  return {graph: model.graph, runs, start, edges: edges.slice(0, used)};
}

/**
 * The expected spread of every node seeded alone: its mean reachable-set size over `runs` live-edge graphs,
 * each drawn, measured for every node and dropped before the next (so memory stays O(nodes + edges)). IC walks
 * the sample from every node. An LT sample gives each node at most one parent, so its reachable sets are
 * subtrees and cycles with their trees, whose sizes one pass over the forest finds for all nodes at once.
 *
 * @example singleSeedSpread(independentCascade(graph), {runs: 200, seed: 1}) // Float64Array, one value per node
 */
export function singleSeedSpread(model: CascadeModel, options: RunOptions = {}): Float64Array {
  return runSteps(singleSeedSpreadSteps(model, options));
}

/**
 * `singleSeedSpread` as steps, one per sample (`scoring/slices.ts`): run in slices (`runInSlices`), it lets the
 * thread take other work between samples, such as the answers of a database that scores methods meanwhile.
 */
export function* singleSeedSpreadSteps(
  model: CascadeModel,
  options: RunOptions = {}
): Generator<void, Float64Array, void> {
  const {runs, seed} = checkRunOptions(options, "simulation/cascade/live-edge");
  const draw = liveEdgeSampler(model, mulberry32(seed));
  const buffer = new Int32Array(sampleCapacity(model));
  const addReach = model.kind === "lt" ? forestReach(model.graph) : walkedReach(model.graph);
  const total = new Float64Array(model.graph.nodeCount);
  for (let r = 0; r < runs; r++) {
    addReach(buffer, draw(buffer), total);
    options.onProgress?.((r + 1) / runs);
    yield;
  }
  return total.map((sum) => sum / runs);
}

/** Adds to `total` the size of every node's reachable set in the sample `edges[0..count)`, by one walk per node. */
function walkedReach(graph: Csr) {
  const walker = new LiveEdgeWalker(graph);
  return (edges: Int32Array, count: number, total: Float64Array) => {
    for (let u = 0; u < graph.nodeCount; u++) total[u] += walker.reach(edges, 0, count, u);
  };
}

/**
 * The same for a sample in which every node has at most one parent: leaves first (Kahn's order), each subtree's
 * size is added to its parent's; the nodes left over lie on cycles, and each reaches its cycle's total.
 */
function forestReach(graph: Csr) {
  const n = graph.nodeCount;
  const edgeSource = new Int32Array(graph.targets.length);
  for (let u = 0; u < n; u++) edgeSource.fill(u, graph.offsets[u], graph.offsets[u + 1]);
  const parent = new Int32Array(n);
  const children = new Int32Array(n);
  const size = new Float64Array(n);
  const queue = new Int32Array(n);
  return (edges: Int32Array, count: number, total: Float64Array) => {
    parent.fill(-1);
    children.fill(0);
    size.fill(1);
    for (let i = 0; i < count; i++) {
      parent[graph.targets[edges[i]]] = edgeSource[edges[i]];
      children[edgeSource[edges[i]]]++;
    }
    let tail = 0;
    for (let v = 0; v < n; v++) if (children[v] === 0) queue[tail++] = v;
    for (let head = 0; head < tail; head++) {
      const v = queue[head];
      total[v] += size[v];
      const p = parent[v];
      if (p >= 0) {
        size[p] += size[v];
        if (--children[p] === 0) queue[tail++] = p;
      }
    }
    for (let v = 0; v < n; v++) {
      if (children[v] === 0) continue;
      let cycle = 0;
      let u = v;
      do {
        cycle += size[u];
        u = parent[u];
      } while (u !== v);
      do {
        total[u] += cycle;
        children[u] = 0;
        u = parent[u];
      } while (u !== v);
    }
  };
}

/**
 * Breadth-first reach over the live edges `edges[lo..hi)` of one sample, with a generation-stamped visited array
 * and one queue reused by every walk. An optional bitset of covered nodes (bit v of the words from `base`)
 * stops the walk: covered nodes are neither counted nor crossed, and `mark` adds the nodes reached to it.
 */
export class LiveEdgeWalker {
  readonly #graph: Csr;
  readonly #visited: Int32Array;
  readonly #queue: Int32Array;
  #generation = 0;

  constructor(graph: Csr) {
    this.#graph = graph;
    this.#visited = new Int32Array(graph.nodeCount);
    this.#queue = new Int32Array(graph.nodeCount);
  }

  /** The number of nodes reachable from `start`, itself included, avoiding `covered` nodes (0 if it is covered). */
  reach(edges: Int32Array, lo: number, hi: number, start: number, covered?: Uint32Array, base = 0, mark = false) {
    if (covered && isCovered(covered, base, start)) return 0;
    if (this.#generation === 0x7fffffff) {
      this.#visited.fill(0);
      this.#generation = 0;
    }
    const generation = ++this.#generation;
    const visited = this.#visited;
    const queue = this.#queue;
    const {offsets, targets} = this.#graph;
    visited[start] = generation;
    queue[0] = start;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const u = queue[head++];
      const end = offsets[u + 1];
      for (let i = firstAtLeast(edges, lo, hi, offsets[u]); i < hi && edges[i] < end; i++) {
        const v = targets[edges[i]];
        if (visited[v] === generation || (covered && isCovered(covered, base, v))) continue;
        visited[v] = generation;
        queue[tail++] = v;
      }
    }
    if (covered && mark) for (let i = 0; i < tail; i++) covered[base + (queue[i] >>> 5)] |= 1 << (queue[i] & 31);
    return tail;
  }
}

function isCovered(covered: Uint32Array, base: number, node: number): boolean {
  return ((covered[base + (node >>> 5)] >>> (node & 31)) & 1) === 1;
}

/** The first index i in [lo, hi) with sorted[i] >= value, or hi. */
function firstAtLeast(sorted: Int32Array, lo: number, hi: number, value: number): number {
  while (lo < hi) {
    const middle = (lo + hi) >>> 1;
    if (sorted[middle] < value) lo = middle + 1;
    else hi = middle;
  }
  return lo;
}
