/**
 * Feature aggregation of interaction logs (per target and kind: interactions and distinct actors), the work
 * at the heart of the feature SQL (`scoring/features/activity.ts`): the same SQL text in native DuckDB and in
 * duckdb-wasm (the browser's engine, here in Node), against Arquero and a plain typed-array pass, on the seeded
 * synthetic interactions. Every contender runs in its own process (`bench/aggregate-peer.ts`); their
 * checksums must agree.
 */
import {TimeLimit, runTsChild, rowOf, type Results, type RunPlan} from "./harness.js";

const TOOLS = [
  {tool: "sway feature SQL, duckdb native", peer: "duckdb-native"},
  {tool: "sway feature SQL, duckdb-wasm", peer: "duckdb-wasm"},
  {tool: "typed arrays (one pass)", peer: "typed-arrays"},
  {tool: "arquero", peer: "arquero"}
];

export async function aggregateBench(
  counts: number[],
  seed: number,
  {plan, timeLimitMs}: {plan: RunPlan; timeLimitMs: number},
  results: Results
): Promise<void> {
  const limit = new TimeLimit(timeLimitMs);
  const runs = String(plan.warmup + plan.repeats);
  for (const count of counts) {
    const size = `${count.toLocaleString("en-US")} interactions`;
    const checksums = new Map<string, string>();
    for (const {tool, peer} of TOOLS) {
      const tooSlow = limit.reasonToSkip(tool, count);
      if (tooSlow) {
        results.skipped.push({kernel: "aggregate", tool, size, reason: tooSlow});
        continue;
      }
      const start = performance.now();
      try {
        const report = await runTsChild(
          "aggregate-peer.ts",
          [peer, String(count), String(seed), runs],
          3 * timeLimitMs
        );
        limit.record(tool, size, count, performance.now() - start);
        results.rows.push(rowOf("aggregate", tool, size, report, plan));
        checksums.set(tool, JSON.stringify(report.checksum));
      } catch (error) {
        results.skipped.push({kernel: "aggregate", tool, size, reason: `failed: ${(error as Error).message}`});
      }
    }
    const distinct = new Set(checksums.values());
    results.notes.push(
      checksums.size < 2
        ? `aggregate ${size}: ${checksums.size} tool ran, nothing to compare`
        : distinct.size === 1
          ? `aggregate ${size}: all ${checksums.size} tools agree (groups, Σ interactions, Σ distinct actors = ${[...distinct][0]})`
          : `aggregate ${size}: tools DISAGREE: ${[...checksums].map(([tool, sum]) => `${tool} ${sum}`).join("; ")}`
    );
  }
}
