/**
 * Weighted PageRank on several cores of Node: the pull iteration of `scoring/graph/power-iteration.ts`, its
 * nodes split into contiguous ranges of about equal in-edges, one range per thread, over SharedArrayBuffers,
 * with the threads meeting at an `Atomics` barrier once per iteration. `threads` workers
 * (`pagerank-thread-worker.mjs`) compute the ranges; the calling thread sleeps at the barrier and sums their
 * partial L1 changes. Same definition,
 * options and result as `scoring/graph/pagerank.ts` with `method: "power"` (uniform teleport); the browser runs
 * `pagerank()`'s default, the solver by components, single-threaded.
 *
 * Node only (worker_threads): the browser bundle must never import this file.
 */
import {Worker} from "node:worker_threads";
import type {Csr} from "../scoring/graph/csr.js";
import {PAGERANK_DEFAULTS, type PagerankOptions, type PagerankResult} from "../scoring/graph/pagerank.js";

/** The shared memory of one computation; the worker documents its layout. */
interface SharedPagerank {
  inOffsets: Int32Array;
  sources: Int32Array;
  inProbability: Float64Array;
  dangling: Uint8Array;
  scores: [Float64Array, Float64Array];
  control: Int32Array;
  ranges: Int32Array;
  partials: Float64Array;
  parameters: Float64Array;
}

const GENERATION = 0;
const DONE = 1;
/** A worker that has not reported within this long is taken as dead, rather than waiting forever. */
const BARRIER_TIMEOUT_MS = 60_000;

export interface PagerankThreads {
  pagerank(graph: Csr, options?: Omit<PagerankOptions, "personalization">): PagerankResult;
  close(): Promise<void>;
}

/** Starts `threads` workers; call `close` when done. */
export async function startPagerankThreads(threads: number): Promise<PagerankThreads> {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new Error(`bench/pagerank-threads: threads must be a positive integer, got ${threads}`);
  }
  const workers = Array.from(
    {length: threads},
    () => new Worker(new URL("./pagerank-thread-worker.mjs", import.meta.url))
  );
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise((resolve, reject) => {
          worker.once("message", resolve);
          worker.once("error", reject);
        })
    )
  );
  return {
    pagerank: (graph, options = {}) => run(graph, options, workers),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    }
  };
}

function run(graph: Csr, options: Omit<PagerankOptions, "personalization">, workers: Worker[]): PagerankResult {
  const damping = options.damping ?? PAGERANK_DEFAULTS.damping;
  const tolerance = options.tolerance ?? PAGERANK_DEFAULTS.tolerance;
  const maxIterations = options.maxIterations ?? PAGERANK_DEFAULTS.maxIterations;
  const {nodeCount: n} = graph;
  const m = graph.targets.length;
  if (n === 0) return {scores: new Float64Array(0), iterations: 0, converged: true};
  const threads = workers.length;
  const shared: SharedPagerank = {
    inOffsets: new Int32Array(new SharedArrayBuffer(4 * (n + 1))),
    sources: new Int32Array(new SharedArrayBuffer(4 * m)),
    inProbability: new Float64Array(new SharedArrayBuffer(8 * m)),
    dangling: new Uint8Array(new SharedArrayBuffer(n)),
    scores: [new Float64Array(new SharedArrayBuffer(8 * n)), new Float64Array(new SharedArrayBuffer(8 * n))],
    control: new Int32Array(new SharedArrayBuffer(8)),
    // Per thread: its range [start, end) and its partial L1 change and leaked mass; then damping, teleport mass / n.
    ranges: new Int32Array(new SharedArrayBuffer(8 * threads)),
    partials: new Float64Array(new SharedArrayBuffer(16 * threads)),
    parameters: new Float64Array(new SharedArrayBuffer(16))
  };
  gather(graph, shared);
  // Ranges of about m / threads in-edges each.
  let start = 0;
  for (let t = 0; t < threads; t++) {
    let end = start;
    const goal = ((t + 1) * m) / threads;
    while (end < n && (t === threads - 1 || shared.inOffsets[end + 1]! <= goal)) end++;
    shared.ranges[2 * t] = start;
    shared.ranges[2 * t + 1] = end;
    start = end;
  }
  workers.forEach((worker, thread) => worker.postMessage({shared, thread}));

  const x0 = shared.scores[0];
  x0.fill(1 / n);
  let leaked = 0;
  for (let i = 0; i < n; i++) if (shared.dangling[i]) leaked += x0[i]!;
  shared.parameters[0] = damping;
  let iterations = 0;
  let converged = false;
  const {control} = shared;
  while (iterations < maxIterations) {
    iterations++;
    shared.parameters[1] = (1 - damping + damping * leaked) / n;
    Atomics.store(control, DONE, 0);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    for (let seen = Atomics.load(control, DONE); seen < threads; seen = Atomics.load(control, DONE)) {
      if (Atomics.wait(control, DONE, seen, BARRIER_TIMEOUT_MS) === "timed-out") {
        throw new Error(`bench/pagerank-threads: a worker did not finish iteration ${iterations} within 60 s`);
      }
    }
    let change = 0;
    leaked = 0;
    for (let t = 0; t < threads; t++) {
      change += shared.partials[2 * t]!;
      leaked += shared.partials[2 * t + 1]!;
    }
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  Atomics.store(control, GENERATION, -1);
  Atomics.notify(control, GENERATION);
  const x = shared.scores[iterations % 2]!;
  let total = 0;
  for (let i = 0; i < n; i++) total += x[i]!;
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) scores[i] = x[i]! / total;
  return {scores, iterations, converged};
}

/** Per-edge probabilities w / out-weight, gathered by target into the shared arrays (one counting sort). */
function gather(graph: Csr, shared: SharedPagerank): void {
  const {nodeCount: n, offsets, targets, weights, outWeight} = graph;
  const {inOffsets, sources, inProbability, dangling} = shared;
  for (let k = 0; k < targets.length; k++) inOffsets[targets[k]! + 1]++;
  for (let i = 0; i < n; i++) inOffsets[i + 1] += inOffsets[i]!;
  const cursor = inOffsets.slice(0, n);
  for (let j = 0; j < n; j++) {
    const total = outWeight[j]!;
    if (!(total > 0)) dangling[j] = 1;
    const end = offsets[j + 1]!;
    for (let k = offsets[j]!; k < end; k++) {
      const slot = cursor[targets[k]!]!++;
      sources[slot] = j;
      inProbability[slot] = weights[k]! / total;
    }
  }
}
