/**
 * Browser load: from a data file the site ships to a queryable table in duckdb-wasm in headless Chromium,
 * against native DuckDB loading the same file. The site ships one load path, a DuckDB database file that the
 * page fetches and attaches read-only (`src/components/duckdb.ts`; Parquet and JSON would need extensions that
 * duckdb-wasm downloads); its input here is the seeded synthetic interactions as a canonical table. One run is
 * fetch, register, ATTACH and a first `SELECT count(*)`; duckdb-wasm is started once per page beforehand, and
 * its start is reported on its own. Budget from the benchmarks issue: 5M interactions in at most 2× native
 * DuckDB's time.
 */
import {join} from "node:path";
import {openPage} from "../test/browser/harness.js";
import type {BenchPage} from "./browser-load-page.js";
import {withChromium, writeBenchPage} from "./browser.js";
import {rowOf, runTsChild, summarize, type Results, type RunPlan} from "./harness.js";
import {writeInteractionsFile} from "./interactions-file.js";

const KERNEL = "browser load";
const BROWSER_TOOL = "sway site path, duckdb-wasm in Chromium";
const NATIVE_TOOL = "duckdb native (ATTACH the same file)";
const BUDGET_SIZE = 5_000_000;
const BUDGET_RATIO = 2;

export async function browserLoadBench(
  counts: number[],
  seed: number,
  {plan, workDir, timeLimitMs}: {plan: RunPlan; workDir: string; timeLimitMs: number},
  results: Results
): Promise<void> {
  const dir = join(workDir, "browser-load");
  await writeBenchPage(dir, "browser-load-page.ts");
  const files = new Map<number, string>();
  for (const count of counts) {
    const file = `interactions-${count}.duckdb`;
    await writeInteractionsFile(count, seed, join(dir, file));
    files.set(count, file);
  }
  const sizeOf = (count: number) => `${count.toLocaleString("en-US")} interactions (.duckdb)`;

  const native = new Map<number, number>();
  for (const [count, file] of files) {
    try {
      const report = await runTsChild(
        "browser-load-native.ts",
        [join(dir, file), String(plan.warmup + plan.repeats)],
        3 * timeLimitMs
      );
      if (report.rows !== count) throw new Error(`counted ${String(report.rows)} rows, expected ${count}`);
      const row = rowOf(KERNEL, NATIVE_TOOL, sizeOf(count), report, plan);
      results.rows.push(row);
      native.set(count, row.medianMs);
    } catch (error) {
      results.skipped.push({
        kernel: KERNEL,
        tool: NATIVE_TOOL,
        size: sizeOf(count),
        reason: `failed: ${(error as Error).message}`
      });
    }
  }

  try {
    await withChromium(dir, async (browser, origin) => {
      const {page, problems} = await openPage(browser, origin, "index.html");
      await page.waitForFunction(() => "swayBench" in globalThis);
      const startMs = await page.evaluate(() => (globalThis as unknown as {swayBench: BenchPage}).swayBench.start());
      results.notes.push(
        `browser load: duckdb-wasm started in ${startMs.toFixed(0)} ms (worker and wasm compile), not counted in the load rows`
      );
      for (const [count, file] of files) {
        const runsMs: number[] = [];
        for (let run = 0; run < plan.warmup + plan.repeats; run++) {
          const {ms, rows} = await page.evaluate(
            (url) => (globalThis as unknown as {swayBench: BenchPage}).swayBench.load(url),
            file
          );
          if (rows !== count) throw new Error(`duckdb-wasm counted ${rows} rows of ${file}, expected ${count}`);
          runsMs.push(ms);
        }
        const row = {
          kernel: KERNEL,
          tool: BROWSER_TOOL,
          size: sizeOf(count),
          ...summarize(runsMs, plan.warmup),
          peakMiB: null
        };
        results.rows.push(row);
        const nativeMs = native.get(count);
        if (count === BUDGET_SIZE && nativeMs !== undefined) {
          const ratio = row.medianMs / nativeMs;
          results.budgets.push({
            name: `browser load of ${sizeOf(count)} within ${BUDGET_RATIO}× native DuckDB (median)`,
            target: `≤ ${BUDGET_RATIO}× native`,
            measured: `${ratio.toFixed(1)}× native (${row.medianMs.toFixed(0)} ms against ${nativeMs.toFixed(0)} ms)`,
            met: ratio <= BUDGET_RATIO
          });
        }
      }
      if (problems.length > 0) throw new Error(problems.join("; "));
    });
  } catch (error) {
    results.skipped.push({
      kernel: KERNEL,
      tool: BROWSER_TOOL,
      size: "all",
      reason: `failed: ${(error as Error).message}`
    });
  }
}
