/**
 * One thread of `pagerank-threads.ts` (plain JavaScript: Node 20 cannot load TypeScript in a worker through
 * tsx): on each graph it receives, waits for each new step (a generation counter in shared memory), takes it on
 * its share of the graph, and reports done. Generation −1 ends that graph; the worker then waits for the next one.
 *
 * Shared layout (see `SharedPagerank` in pagerank-threads.ts): `control` = [generation, done, step, iteration];
 * `rows` = the source rows [start, end) per thread, `ranges` = the targets [start, end) per thread; `counts` =
 * n entries per thread; `partials` = [change, leaked] per thread; `parameters` = [damping, teleport mass / n];
 * iteration k reads `scores[(k − 1) % 2]` and writes `scores[k % 2]`.
 */
import {parentPort} from "node:worker_threads";

const GENERATION = 0;
const DONE = 1;
const STEP = 2;
const ITERATION = 3;
const COUNT = 1;
const FILL = 2;
const ITERATE = 3;

parentPort.on("message", ({shared, thread}) => {
  const {control} = shared;
  let seen = 0;
  for (;;) {
    Atomics.wait(control, GENERATION, seen);
    const generation = Atomics.load(control, GENERATION);
    if (generation === -1) break;
    if (generation === seen) continue;
    seen = generation;
    const step = Atomics.load(control, STEP);
    if (step === COUNT) countRows(shared, thread);
    else if (step === FILL) fillRows(shared, thread);
    else if (step === ITERATE) computeRange(shared, thread, Atomics.load(control, ITERATION));
    Atomics.add(control, DONE, 1);
    Atomics.notify(control, DONE);
  }
});
parentPort.postMessage("ready");

/** Counts the in-edges of each target among this thread's source rows. */
function countRows({offsets, targets, counts, rows}, thread) {
  const n = offsets.length - 1;
  const base = thread * n;
  const end = offsets[rows[2 * thread + 1]];
  for (let k = offsets[rows[2 * thread]]; k < end; k++) counts[base + targets[k]]++;
}

/** Writes this thread's source rows into their slots of the in-edge lists, with each edge's probability. */
function fillRows({offsets, targets, weights, outWeight, counts, rows, sources, inProbability, dangling}, thread) {
  const n = offsets.length - 1;
  const base = thread * n;
  const last = rows[2 * thread + 1];
  for (let j = rows[2 * thread]; j < last; j++) {
    const total = outWeight[j];
    if (!(total > 0)) dangling[j] = 1;
    const end = offsets[j + 1];
    for (let k = offsets[j]; k < end; k++) {
      const slot = counts[base + targets[k]]++;
      sources[slot] = j;
      inProbability[slot] = weights[k] / total;
    }
  }
}

function computeRange(shared, thread, iteration) {
  const {inOffsets, sources, inProbability, dangling, ranges, partials, parameters} = shared;
  const x = shared.scores[(iteration - 1) % 2];
  const next = shared.scores[iteration % 2];
  const damping = parameters[0];
  const teleport = parameters[1];
  const end = ranges[2 * thread + 1];
  let change = 0;
  let leaked = 0;
  let i = ranges[2 * thread];
  let k = inOffsets[i];
  for (; i < end; i++) {
    const rowEnd = inOffsets[i + 1];
    let followed = 0;
    for (; k < rowEnd; k++) followed += inProbability[k] * x[sources[k]];
    const score = teleport + damping * followed;
    next[i] = score;
    change += Math.abs(score - x[i]);
    if (dangling[i]) leaked += score;
  }
  partials[2 * thread] = change;
  partials[2 * thread + 1] = leaked;
}
