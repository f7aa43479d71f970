/**
 * Greedy influence maximisation (Kempe, Kleinberg, Tardos 2003): k times, add the node with the largest marginal
 * gain σ(S ∪ {v}) − σ(S); σ is submodular, so the result is within 1 − 1/e of the best k-set. Here σ is the
 * mean reach over a fixed set of live-edge samples, which is itself submodular, so
 *
 * - `greedySeeds` evaluates every candidate in every round (the plain algorithm), and
 * - `celfSeeds` is CELF's lazy-forward greedy (Leskovec, Krause, Guestrin, Faloutsos, VanBriesen, Glance 2007,
 *   "Cost-effective outbreak detection in networks", KDD): gains from earlier rounds are upper bounds, kept in
 *   a priority queue, and only the top one is recomputed until it is current;
 *
 * and both choose the same seeds: ties go to the smaller node index, and gains are exact integer sums.
 */
import {LiveEdgeWalker, type LiveEdgeSamples} from "./live-edge.js";

export interface SeedChoice {
  node: number;
  /** Mean marginal gain over the samples: the nodes it adds to the spread of the seeds chosen before it. */
  gain: number;
  /** Mean spread of the seeds chosen so far, this one included. */
  spread: number;
}

const MODULE = "simulation/cascade/greedy";

/** Plain greedy: every candidate's gain recomputed in every round. O(k · nodes · runs) walks. */
export function greedySeeds(samples: LiveEdgeSamples, k: number): SeedChoice[] {
  const coverage = new Coverage(samples);
  const rounds = checkK(k, samples);
  const chosen = new Uint8Array(samples.graph.nodeCount);
  const choices: SeedChoice[] = [];
  for (let round = 0; round < rounds; round++) {
    let best = -1;
    let bestGain = -1;
    for (let v = 0; v < chosen.length; v++) {
      if (chosen[v]) continue;
      const gain = coverage.gain(v);
      if (gain > bestGain) [best, bestGain] = [v, gain];
    }
    chosen[best] = 1;
    choices.push(coverage.add(best));
  }
  return choices;
}

/**
 * CELF: the same seeds as `greedySeeds` with far fewer evaluations. `onProgress` follows the first pass over
 * all nodes (most of the work) and then the rounds.
 */
export function celfSeeds(
  samples: LiveEdgeSamples,
  k: number,
  {onProgress}: {onProgress?: (fraction: number) => void} = {}
): SeedChoice[] {
  const coverage = new Coverage(samples);
  const rounds = checkK(k, samples);
  const n = samples.graph.nodeCount;
  const gains = new Float64Array(n);
  const round = new Int32Array(n); // the round in which each node's gain was computed
  const progressEvery = Math.max(1, Math.floor(n / 100));
  for (let v = 0; v < n; v++) {
    gains[v] = coverage.gain(v);
    if (onProgress && v % progressEvery === 0) onProgress(v / (n + rounds));
  }
  const heap = new GainHeap(gains);
  const choices: SeedChoice[] = [];
  for (let r = 0; r < rounds; r++) {
    for (;;) {
      const top = heap.top();
      if (round[top] === r) break;
      gains[top] = coverage.gain(top);
      round[top] = r;
      heap.lowerTop();
    }
    choices.push(coverage.add(heap.pop()));
    onProgress?.((n + r + 1) / (n + rounds));
  }
  return choices;
}

function checkK(k: number, samples: LiveEdgeSamples): number {
  if (!Number.isInteger(k) || k < 1) throw new Error(`${MODULE}: k must be a positive integer, got ${k}`);
  return Math.min(k, samples.graph.nodeCount);
}

/** The nodes the chosen seeds reach in each sample, as one bitset per sample. */
class Coverage {
  readonly #samples: LiveEdgeSamples;
  readonly #walker: LiveEdgeWalker;
  readonly #covered: Uint32Array;
  readonly #words: number;
  #total = 0;

  constructor(samples: LiveEdgeSamples) {
    this.#samples = samples;
    this.#walker = new LiveEdgeWalker(samples.graph);
    this.#words = Math.ceil(samples.graph.nodeCount / 32);
    this.#covered = new Uint32Array(this.#words * samples.runs);
  }

  /** Σ over samples of the nodes `node` reaches that no chosen seed reaches. */
  gain(node: number): number {
    return this.#walk(node, false);
  }

  /** Adds `node` to the seeds. */
  add(node: number): SeedChoice {
    const gain = this.#walk(node, true);
    this.#total += gain;
    const runs = this.#samples.runs;
    return {node, gain: gain / runs, spread: this.#total / runs};
  }

  #walk(node: number, mark: boolean): number {
    const {runs, start, edges} = this.#samples;
    let sum = 0;
    for (let r = 0; r < runs; r++) {
      sum += this.#walker.reach(edges, start[r], start[r + 1], node, this.#covered, r * this.#words, mark);
    }
    return sum;
  }
}

/** A binary max-heap of node indices by `gains` (larger first, ties to the smaller index). */
class GainHeap {
  readonly #gains: Float64Array;
  readonly #nodes: Int32Array;
  #size: number;

  constructor(gains: Float64Array) {
    this.#gains = gains;
    this.#size = gains.length;
    this.#nodes = Int32Array.from({length: gains.length}, (_, i) => i);
    for (let i = (this.#size >>> 1) - 1; i >= 0; i--) this.#siftDown(i);
  }

  top(): number {
    return this.#nodes[0];
  }

  /** Restores the order after the top's gain decreased. */
  lowerTop(): void {
    this.#siftDown(0);
  }

  pop(): number {
    const top = this.#nodes[0];
    this.#nodes[0] = this.#nodes[--this.#size];
    this.#siftDown(0);
    return top;
  }

  #before(a: number, b: number): boolean {
    const gains = this.#gains;
    return gains[a] > gains[b] || (gains[a] === gains[b] && a < b);
  }

  #siftDown(i: number): void {
    const nodes = this.#nodes;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.#size) return;
      const right = left + 1;
      const child = right < this.#size && this.#before(nodes[right], nodes[left]) ? right : left;
      if (!this.#before(nodes[child], nodes[i])) return;
      [nodes[i], nodes[child]] = [nodes[child], nodes[i]];
      i = child;
    }
  }
}
