/**
 * Growth: time and peak memory against input size for scoring all methods (`scoreMethodsById`, the scoring of
 * `sway score --methods all` before its output) on simulated worlds of increasing size (`bench/growth-worlds.ts`),
 * and on Higgs when the datasets folder has it. Each size runs in a child process (`bench/growth-peer.ts`) whose peak is its
 * resident-set high-water mark; generating or importing the warehouse is not timed. Budget from the benchmarks
 * issue: all methods on Higgs in Node under 10 s.
 */
import {join} from "node:path";
import {importInto} from "../loaders/import.js";
import {simulateWarehouse} from "../simulation/recipe-file.js";
import {GROWTH_KERNEL} from "../src/components/performance.js";
import {growthRecipe} from "./growth-worlds.js";
import {rowOf, runTsChild, type Results, type RunPlan} from "./harness.js";

const TOOL = "sway scoreMethodsById, duckdb native (Node)";
const HIGGS_BUDGET_MS = 10_000;

export async function growthBench(
  accountCounts: readonly number[],
  {plan, workDir, timeLimitMs, higgsFile}: {plan: RunPlan; workDir: string; timeLimitMs: number; higgsFile?: string},
  results: Results
): Promise<void> {
  const inputs: {size: string; warehouse: () => Promise<{dir: string; interactions: number}>}[] = accountCounts.map(
    (accounts) => ({
      size: `${accounts.toLocaleString("en-US")} accounts`,
      warehouse: async () => {
        const dir = join(workDir, `growth-${accounts}`);
        const manifest = await simulateWarehouse(growthRecipe(accounts), dir);
        return {dir, interactions: manifest.tables.interactions.rows};
      }
    })
  );
  if (higgsFile) {
    inputs.push({
      size: "higgs",
      warehouse: async () => {
        const dir = join(workDir, "growth-higgs");
        const manifest = await importInto("snap-higgs", [higgsFile], dir);
        return {dir, interactions: manifest.tables.interactions.rows};
      }
    });
  }
  for (const input of inputs) {
    try {
      const {dir, interactions} = await input.warehouse();
      const size = `${input.size} (${interactions.toLocaleString("en-US")} interactions)`;
      const report = await runTsChild("growth-peer.ts", [dir, String(plan.warmup + plan.repeats)], 3 * timeLimitMs);
      const row = {...rowOf(GROWTH_KERNEL, TOOL, size, report, plan), inputSize: interactions};
      results.rows.push(row);
      results.notes.push(
        `${GROWTH_KERNEL} · ${size}: ${String(report.methods)} methods, ${String(report.scoreRows)} score rows`
      );
      if (input.size === "higgs") {
        results.budgets.push({
          name: `all methods on the Higgs warehouse in Node within ${HIGGS_BUDGET_MS / 1000} s (median)`,
          target: `< ${HIGGS_BUDGET_MS / 1000} s`,
          measured: `${(row.medianMs / 1000).toFixed(1)} s`,
          met: row.medianMs < HIGGS_BUDGET_MS
        });
      }
    } catch (error) {
      results.skipped.push({
        kernel: GROWTH_KERNEL,
        tool: TOOL,
        size: input.size,
        reason: `failed: ${(error as Error).message}`
      });
    }
  }
}
