/**
 * Weighted PageRank on several cores of Node: the pull iteration of `scoring/graph/power-iteration.ts` over
 * SharedArrayBuffers, with `threads` workers (`pagerank-thread-worker.mjs`) meeting the calling thread at an
 * `Atomics` barrier after each step. Same definition, options and result as `scoring/graph/pagerank.ts` with
 * `method: "power"` (uniform teleport); the browser runs `pagerank()`'s default, the solver by components,
 * single-threaded.
 *
 * The in-edges are gathered by a counting sort split between the threads too, each taking a contiguous range of
 * source rows of about equal out-edges: each counts its rows' edges per target, the calling thread turns the
 * counts into each thread's first slot per target (thread 0's rows first, so the slots come in source order, as
 * a one-thread sort puts them), and each fills its slots. Then each iteration, each thread computes the scores
 * of a contiguous range of targets of about equal in-edges, and the calling thread sums their partial L1
 * changes. The graph must sit in shared memory (`sharedCsr`), as a C program's threads share its arrays.
 *
 * Node only (worker_threads): the browser bundle must never import this file.
 */
import {Worker} from "node:worker_threads";
import type {Csr} from "../scoring/graph/csr.js";
import {PAGERANK_DEFAULTS, type PagerankOptions, type PagerankResult} from "../scoring/graph/pagerank.js";

/** The shared memory of one computation; the worker documents its layout. */
interface SharedPagerank {
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  outWeight: Float64Array;
  /** Per thread, n entries: its count of in-edges per target, then its next slot per target. */
  counts: Int32Array;
  inOffsets: Int32Array;
  sources: Int32Array;
  inProbability: Float64Array;
  dangling: Uint8Array;
  scores: [Float64Array, Float64Array];
  control: Int32Array;
  rows: Int32Array;
  ranges: Int32Array;
  partials: Float64Array;
  parameters: Float64Array;
}

const GENERATION = 0;
const DONE = 1;
const STEP = 2;
const ITERATION = 3;
/** The steps a worker takes on the calling thread's signal (`control[STEP]`). */
const COUNT = 1;
const FILL = 2;
const ITERATE = 3;
/** A worker that has not reported within this long is taken as dead, rather than waiting forever. */
const BARRIER_TIMEOUT_MS = 60_000;

export interface PagerankThreads {
  /** `graph` must come from `sharedCsr`. */
  pagerank(graph: Csr, options?: Omit<PagerankOptions, "personalization">): PagerankResult;
  close(): Promise<void>;
}

/** A copy of `graph` whose arrays live in SharedArrayBuffers, which the threads read. */
export function sharedCsr(graph: Csr): Csr {
  const share = <T extends Int32Array | Float64Array>(array: T): T => {
    const copy = new (array.constructor as new (buffer: SharedArrayBuffer) => T)(
      new SharedArrayBuffer(array.byteLength)
    );
    copy.set(array);
    return copy;
  };
  return {
    nodeCount: graph.nodeCount,
    offsets: share(graph.offsets),
    targets: share(graph.targets),
    weights: share(graph.weights),
    outWeight: share(graph.outWeight)
  };
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
  const {nodeCount: n, offsets, targets, weights, outWeight} = graph;
  const m = targets.length;
  if (n === 0) return {scores: new Float64Array(0), iterations: 0, converged: true};
  for (const array of [offsets, targets, weights, outWeight]) {
    if (!(array.buffer instanceof SharedArrayBuffer)) {
      throw new Error("bench/pagerank-threads: the graph must be in shared memory (sharedCsr)");
    }
  }
  const threads = workers.length;
  const shared: SharedPagerank = {
    offsets: offsets as Int32Array,
    targets: targets as Int32Array,
    weights: weights as Float64Array,
    outWeight: outWeight as Float64Array,
    counts: new Int32Array(new SharedArrayBuffer(4 * n * threads)),
    inOffsets: new Int32Array(new SharedArrayBuffer(4 * (n + 1))),
    sources: new Int32Array(new SharedArrayBuffer(4 * m)),
    inProbability: new Float64Array(new SharedArrayBuffer(8 * m)),
    dangling: new Uint8Array(new SharedArrayBuffer(n)),
    scores: [new Float64Array(new SharedArrayBuffer(8 * n)), new Float64Array(new SharedArrayBuffer(8 * n))],
    control: new Int32Array(new SharedArrayBuffer(16)),
    // Per thread: its source rows and its targets, each [start, end); its partial L1 change and leaked mass;
    // then damping, teleport mass / n.
    rows: splitByEdges(offsets, threads),
    ranges: new Int32Array(new SharedArrayBuffer(8 * threads)),
    partials: new Float64Array(new SharedArrayBuffer(16 * threads)),
    parameters: new Float64Array(new SharedArrayBuffer(16))
  };
  workers.forEach((worker, thread) => worker.postMessage({shared, thread}));
  const {control, counts, inOffsets} = shared;
  const step = (name: number, iteration: number) => {
    Atomics.store(control, STEP, name);
    Atomics.store(control, ITERATION, iteration);
    Atomics.store(control, DONE, 0);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    for (let seen = Atomics.load(control, DONE); seen < threads; seen = Atomics.load(control, DONE)) {
      if (Atomics.wait(control, DONE, seen, BARRIER_TIMEOUT_MS) === "timed-out") {
        throw new Error(
          `bench/pagerank-threads: a worker did not finish step ${name} (iteration ${iteration}) within 60 s`
        );
      }
    }
  };

  step(COUNT, 0);
  // Each thread's first slot per target: after the earlier threads' in-edges of that target.
  let slot = 0;
  for (let i = 0; i < n; i++) {
    inOffsets[i] = slot;
    for (let t = 0; t < threads; t++) {
      const count = counts[t * n + i]!;
      counts[t * n + i] = slot;
      slot += count;
    }
  }
  inOffsets[n] = slot;
  shared.ranges.set(splitByEdges(inOffsets, threads));
  step(FILL, 0);

  const x0 = shared.scores[0];
  x0.fill(1 / n);
  let leaked = 0;
  for (let i = 0; i < n; i++) if (shared.dangling[i]) leaked += x0[i]!;
  shared.parameters[0] = damping;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    shared.parameters[1] = (1 - damping + damping * leaked) / n;
    step(ITERATE, iterations);
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

/** Contiguous node ranges [start, end), one per thread, of about equal edges by the CSR `offsets`. */
function splitByEdges(offsets: ArrayLike<number>, threads: number): Int32Array {
  const n = offsets.length - 1;
  const m = offsets[n]!;
  const ranges = new Int32Array(new SharedArrayBuffer(8 * threads));
  let start = 0;
  for (let t = 0; t < threads; t++) {
    let end = start;
    const goal = ((t + 1) * m) / threads;
    while (end < n && (t === threads - 1 || offsets[end + 1]! <= goal)) end++;
    ranges[2 * t] = start;
    ranges[2 * t + 1] = end;
    start = end;
  }
  return ranges;
}
