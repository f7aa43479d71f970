/**
 * The overview page's time to interactive: the built site's `/` with the default world in headless Chromium,
 * from navigation start to the first row of the leaderboard (`data-testid="leaderboard"`). For the built-in world
 * that row comes from the view the build computed (`src/data/overview.json.ts`): the page's modules and that
 * file; duckdb-wasm does not start. Each run is a fresh browser context (no page state, though
 * Chromium may keep compiled wasm). Needs the built site in `dist/`; without it the row is
 * listed as not run, with the reason. Budget from the benchmarks issue: under 2 s.
 */
import {existsSync} from "node:fs";
import {join} from "node:path";
import {DIST} from "../test/browser/harness.js";
import {inSitePages} from "./browser.js";
import {summarize, type Results, type RunPlan} from "./harness.js";

const KERNEL = "overview time to interactive";
const TOOL = "sway overview page in Chromium";
const SIZE = "default world (2,000 accounts)";
const BUDGET_MS = 2000;

export async function overviewBench({plan}: {plan: RunPlan}, results: Results): Promise<void> {
  if (!existsSync(join(DIST, "index.html"))) {
    results.skipped.push({
      kernel: KERNEL,
      tool: TOOL,
      size: SIZE,
      reason: "the site is not built: run `npm run build`"
    });
    return;
  }
  try {
    const runsMs = await inSitePages("index.html", plan.warmup + plan.repeats, async (page) => {
      // performance.now() counts from the navigation start; the page hands back the time it saw the first row.
      const seen = await page.waitForFunction(() =>
        document.querySelector('[data-testid="leaderboard"] tbody tr') ? performance.now() : false
      );
      return (await seen.jsonValue()) as number;
    });
    const row = {kernel: KERNEL, tool: TOOL, size: SIZE, ...summarize(runsMs, plan.warmup), peakMiB: null};
    results.rows.push(row);
    results.budgets.push({
      name: `overview page interactive (leaderboard rows) within ${BUDGET_MS / 1000} s (median)`,
      target: `< ${BUDGET_MS / 1000} s`,
      measured: `${(row.medianMs / 1000).toFixed(2)} s`,
      met: row.medianMs < BUDGET_MS
    });
  } catch (error) {
    results.skipped.push({kernel: KERNEL, tool: TOOL, size: SIZE, reason: `failed: ${(error as Error).message}`});
  }
}
