/**
 * The weights playground's slider path (`src/components/weights.ts` `rerank`): the Klout-style combine step over
 * a feature table and a partial top 50, with the full ranks under the default weights computed once, as the
 * page does. Measured in this process beside a full sort of the same number of floats, whose time the
 * machine's load affects alike. Budgets from the benchmarks issue: 16 ms (one frame) at 100k accounts, 100 ms
 * at 1M.
 */
import {rerank} from "../src/components/weights.js";
import {getMethod} from "../scoring/methods/index.js";
import {rankDescending} from "../scoring/score.js";
import {summarize, type Results, type RunPlan} from "./harness.js";
import {syntheticKloutFeatures} from "./synthetic-features.js";

const BUDGET_MS: Record<number, number> = {100_000: 16, 1_000_000: 100};

export function rerankBench(counts: number[], seed: number, {plan}: {plan: RunPlan}, results: Results): void {
  const klout = getMethod("klout");
  for (const count of counts) {
    const size = `${count.toLocaleString("en-US")} accounts`;
    const features = syntheticKloutFeatures(count, seed);
    const defaultRanks = rankDescending(klout.decomposition!.combine(features, klout.weights!));
    const reranks: number[] = [];
    const sorts: number[] = [];
    for (let run = 0; run < plan.warmup + plan.repeats; run++) {
      // A different followers weight every run, as a moving slider gives.
      const weights = {...klout.weights, followers: (run + 1) / 10};
      let started = performance.now();
      rerank(klout, features, weights, {defaultRanks, handles: new Map(), k: 50});
      reranks.push(performance.now() - started);
      started = performance.now();
      features.columns.followers!.slice().sort();
      sorts.push(performance.now() - started);
    }
    const peakMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
    const rerankRow = {kernel: "rerank", tool: "sway weights playground (combine + top 50)", size, peakMiB};
    results.rows.push(
      {...rerankRow, ...summarize(reranks, plan.warmup)},
      {kernel: "rerank", tool: "a full Float64Array sort (reference)", size, peakMiB, ...summarize(sorts, plan.warmup)}
    );
    const budget = BUDGET_MS[count];
    if (budget !== undefined) {
      const measured = summarize(reranks, plan.warmup).medianMs;
      results.budgets.push({
        name: `slider re-rank of ${size} within ${budget} ms (median)`,
        target: `≤ ${budget} ms`,
        measured: `${measured.toFixed(1)} ms`,
        met: measured <= budget
      });
    }
  }
}
