/**
 * One size of the growth benchmark in a process of its own, so that its peak memory is its own: opens a
 * warehouse in native DuckDB (not timed), then scores it with every method the data allows (`scoreMethodsById`: each
 * method's values, display scores and ranks, as the site and `sway compare` keep them), `runs` times. `sway score`
 * then writes a row per account and method; that output is not timed.
 *
 *   tsx bench/growth-peer.ts <warehouse> <runs>
 *
 * Prints `{"runsMs": [...], "iterations": null, "maxRssKiB": r, "methods": n, "scoreRows": n}`; the peak is the
 * process's resident-set high-water mark (`process.resourceUsage().maxRSS`), DuckDB's tables included.
 */
import {kernelThread} from "../loaders/kernel-thread.js";
import {openWarehouse} from "../loaders/warehouse.js";
import {useKernels} from "../scoring/kernels.js";
import {METHODS} from "../scoring/methods/index.js";
import {availableMethods, scoreMethodsById} from "../scoring/score.js";

const [warehouse, runs] = process.argv.slice(2);
if (warehouse === undefined || runs === undefined) {
  console.error("bench/growth-peer: usage: <warehouse> <runs>");
  process.exit(2);
}
// As the `sway` command scores: long graph kernels on a second thread.
const thread = kernelThread();
useKernels(thread);
const {db} = await openWarehouse(warehouse);
const {available} = await availableMethods(
  db,
  METHODS.map((method) => method.id)
);
const runsMs: number[] = [];
let scoreRows = 0;
for (let run = 0; run < Number(runs); run++) {
  const started = performance.now();
  const scored = await scoreMethodsById(db, available);
  scoreRows = [...scored.values()].reduce((sum, {accountIds}) => sum + accountIds.length, 0);
  runsMs.push(performance.now() - started);
}
db.close();
await thread.close();
console.log(
  JSON.stringify({
    runsMs,
    iterations: null,
    maxRssKiB: process.resourceUsage().maxRSS,
    methods: available.length,
    scoreRows
  })
);
