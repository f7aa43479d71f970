/**
 * One thread of `pagerank-threads.ts` (plain JavaScript: Node 20 cannot load TypeScript in a worker through
 * tsx): on each graph it receives, waits for each new iteration (a generation counter in shared memory),
 * computes the scores of its range of nodes by pulling over their in-edges, publishes its partial L1 change
 * and leaked mass, and reports done. Generation −1 ends that graph; the worker then waits for the next one.
 *
 * Shared layout (see `SharedPagerank` in pagerank-threads.ts): `control` = [generation, done]; `ranges` =
 * [start, end) per thread; `partials` = [change, leaked] per thread; `parameters` = [damping, teleport mass / n];
 * iteration k reads `scores[(k − 1) % 2]` and writes `scores[k % 2]`.
 */
import {parentPort} from "node:worker_threads";

const GENERATION = 0;
const DONE = 1;

parentPort.on("message", ({shared, thread}) => {
  const {control} = shared;
  let seen = 0;
  for (;;) {
    Atomics.wait(control, GENERATION, seen);
    const generation = Atomics.load(control, GENERATION);
    if (generation === -1) break;
    if (generation === seen) continue;
    seen = generation;
    computeRange(shared, thread, generation);
    Atomics.add(control, DONE, 1);
    Atomics.notify(control, DONE);
  }
});
parentPort.postMessage("ready");

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
