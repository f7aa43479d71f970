/**
 * World generation (`simulation/world.ts` `generateWorld`) with every gaming scenario, and writing the generated
 * world as a warehouse (`simulation/node-writer.ts`), each timed in this process. The simulation issue's budget:
 * a world of 100,000 accounts and about 5M interactions generates in under 10 s. Writing takes longer and has no
 * budget; it is timed once per size.
 *
 * `labBench`: the simulation lab in headless Chromium (the built site's `simulate.html`): a world of 20,000 accounts
 * generated, loaded into duckdb-wasm and judged with the lab's default methods in its Web Worker, from the click
 * on "Run" to the summary, whose stage times go to the notes: generating the world, waiting after it for duckdb-wasm
 * (which the page starts when it opens, so a click that comes late finds it ready), loading and judging; then a
 * second run in the same page, on the engine the first keeps warm, also to the notes. Budget from the simulation
 * issue: a few seconds, taken as under 5 s (the quick run times a world of 2,000, without budget). Needs the built
 * site in `dist/`; without it the row is listed as not run, with the reason.
 */
import {existsSync, rmSync} from "node:fs";
import type {Page} from "playwright-core";
import {availableParallelism, loadavg} from "node:os";
import {join} from "node:path";
import {DIST, settle} from "../test/browser/harness.js";
import {inProfilePages, inSitePages} from "./browser.js";
import {writeWorldWarehouse} from "../simulation/node-writer.js";
import {resolveRecipe} from "../simulation/recipe.js";
import {generateWorld, type World} from "../simulation/world.js";
import {measureInProcess, summarize, type Budget, type Results, type RunPlan} from "./harness.js";

const BUDGET_ACCOUNTS = 100_000;
const BUDGET_MS = 10_000;
/** Writing runs at most this many times (no warm-up): one run takes several times a generation. */
const WRITE_RUNS = 1;

const count = (n: number) => n.toLocaleString("en-US");

const LAB_KERNEL = "simulation lab run";
const LAB_TOOL = "sway simulate page in Chromium";
/** The world size of the lab budget. */
const LAB_ACCOUNTS = 20_000;
const LAB_BUDGET_MS = 5_000;
/**
 * At most this many timed runs of the lab (no warm-up: each run opens the page anew, whose worker and duckdb-wasm
 * start during the page's settling before the click).
 */
const LAB_RUNS = 3;

/** The budget for a generation of `accounts` accounts taking `medianMs`, if it sets one for that size. */
export function generationBudget(accounts: number, medianMs: number): Budget | undefined {
  if (accounts !== BUDGET_ACCOUNTS) return undefined;
  return {
    name: "simulate 100k accounts",
    target: `< ${BUDGET_MS / 1000} s`,
    measured: `${(medianMs / 1000).toFixed(1)} s`,
    met: medianMs < BUDGET_MS
  };
}

export async function simulateBench(
  counts: number[],
  seed: number,
  {plan, workDir}: {plan: RunPlan; workDir: string},
  results: Results
): Promise<void> {
  for (const accounts of counts) {
    const size = `${count(accounts)} accounts`;
    const recipe = resolveRecipe({seed, accounts, days: 90, scenarios: "all"});
    let world: World | undefined;
    const cpuBefore = process.cpuUsage();
    const [generation] = await measureInProcess(
      [{tool: "sway generateWorld", run: () => (world = generateWorld(recipe))}],
      plan
    );
    const cpu = process.cpuUsage(cpuBefore);
    const cpuPerRunS = (cpu.user + cpu.system) / 1e6 / (plan.warmup + plan.repeats);
    const generated = world!;
    let written = 0;
    const writePlan = {warmup: 0, repeats: Math.min(WRITE_RUNS, plan.repeats)};
    const [writing] = await measureInProcess(
      [
        {
          tool: "sway writeWorldWarehouse",
          run: async () => {
            const dir = join(workDir, `world-${accounts}-${written++}`);
            await writeWorldWarehouse(generated, dir);
            rmSync(dir, {recursive: true, force: true});
          }
        }
      ],
      writePlan
    );
    const generationSummary = summarize(generation!.runsMs, plan.warmup);
    results.rows.push(
      {kernel: "simulate", size, tool: generation!.tool, peakMiB: generation!.peakMiB, ...generationSummary},
      {
        kernel: "simulate",
        size,
        tool: writing!.tool,
        peakMiB: writing!.peakMiB,
        ...summarize(writing!.runsMs, writePlan.warmup)
      }
    );
    results.notes.push(
      `simulate ${size}: ${count(generated.follows.follower.length)} follows, ` +
        `${count(generated.posts.author.length)} posts, ${count(generated.interactions.actor.length)} interactions; ` +
        `generation used ${cpuPerRunS.toFixed(1)} s of CPU (user + system) per run, which a loaded machine inflates less than wall time`
    );
    const budget = generationBudget(accounts, generationSummary.medianMs);
    if (budget) results.budgets.push(budget);
  }
}

/** The stage times the lab's summary carries (`data-*-ms`), milliseconds. */
interface LabRun {
  wallMs: number;
  generateMs: number;
  engineMs: number;
  loadMs: number;
  judgeMs: number;
}

/** Clicks "Run" in the lab's page and reads the stage times off the summary that replaces the previous one, if any. */
async function labRun(page: Page): Promise<LabRun> {
  const summary = page.locator('[data-testid="simulate-summary"]:not([data-read])');
  await page.getByTestId("simulate-run").click();
  await summary.waitFor({timeout: 600_000});
  const data = await summary.evaluate((p) => {
    (p as HTMLElement).dataset.read = "";
    return {...(p as HTMLElement).dataset};
  });
  return {
    wallMs: Number(data.wallMs),
    generateMs: Number(data.generateMs),
    engineMs: Number(data.engineMs),
    loadMs: Number(data.loadMs),
    judgeMs: Number(data.judgeMs)
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const stages = (r: LabRun) => [r.generateMs, r.engineMs, r.loadMs, r.judgeMs].map(seconds).join(" / ");

/**
 * The lab's first run in a page opened again in the same browser profile (`inProfilePages`), after a first visit
 * whose run left duckdb-wasm's compiled code in Chromium's code cache: what a returning reader waits for. A row of
 * its own (the budget is the first visit's); `runs` such pages after the first.
 */
async function returningVisits(accounts: number, size: string, runs: number, results: Results): Promise<void> {
  const visits = await inProfilePages(
    `simulate.html?accounts=${accounts}`,
    1 + runs,
    async (page, problems, cached) => {
      await settle(page, problems);
      return {run: await labRun(page), cachedMiB: cached / 2 ** 20};
    }
  );
  const returning = visits.slice(1);
  results.rows.push({
    kernel: LAB_KERNEL,
    tool: `${LAB_TOOL}, returning visit`,
    size,
    ...summarize(
      returning.map(({run}) => run.wallMs),
      0
    ),
    peakMiB: null
  });
  results.notes.push(
    `simulation lab, ${size}, returning visit (a page opened again in the same profile, duckdb-wasm's compiled code ` +
      `read from Chromium's code cache: ${returning.map(({cachedMiB}) => `${cachedMiB.toFixed(1)} MiB`).join(", ")}): ` +
      `per run, generate / waiting for duckdb-wasm / load / judge: ${returning.map(({run}) => `${seconds(run.wallMs)} (${stages(run)})`).join("; ")}; ` +
      `the first visit, which cached it: ${seconds(visits[0]!.run.wallMs)}`
  );
}

/**
 * The lab's run of a world of `accounts` accounts, from the click to the summary, in a fresh page; budgeted at
 * 20,000 accounts. A second run in the same page, on the engine the first leaves warm, goes to the notes.
 */
export async function labBench(accounts: number, plan: RunPlan, results: Results): Promise<void> {
  const size = `${count(accounts)} accounts, default methods`;
  if (!existsSync(join(DIST, "simulate.html"))) {
    results.skipped.push({
      kernel: LAB_KERNEL,
      tool: LAB_TOOL,
      size,
      reason: "the site is not built: run `npm run build`"
    });
    return;
  }
  try {
    const pages = await inSitePages(
      `simulate.html?accounts=${accounts}`,
      Math.min(LAB_RUNS, plan.repeats),
      async (page, problems): Promise<{first: LabRun; second: LabRun}> => {
        await settle(page, problems);
        const first = await labRun(page);
        return {first, second: await labRun(page)};
      }
    );
    const runs = pages.map((p) => p.first);
    const row = {
      kernel: LAB_KERNEL,
      tool: LAB_TOOL,
      size,
      ...summarize(
        runs.map((run) => run.wallMs),
        0
      ),
      peakMiB: null
    };
    results.rows.push(row);
    results.notes.push(
      `simulation lab, ${size}: per run, generate / waiting for duckdb-wasm / load / judge (methods and spread): ` +
        runs.map(stages).join("; ") +
        `; a second run in the same page, on the engine kept from the first: ` +
        pages.map((p) => `${seconds(p.second.wallMs)} (${stages(p.second)})`).join("; ") +
        ` (load average ${loadavg()[0]!.toFixed(1)} after the runs, on ${availableParallelism()} cores)`
    );
    await returningVisits(accounts, size, Math.min(LAB_RUNS, plan.repeats), results);
    if (accounts === LAB_ACCOUNTS) {
      results.budgets.push({
        name: `simulation lab: ${size} in Chromium within a few seconds (median)`,
        target: `< ${LAB_BUDGET_MS / 1000} s`,
        measured: seconds(row.medianMs),
        met: row.medianMs < LAB_BUDGET_MS
      });
    }
  } catch (error) {
    results.skipped.push({kernel: LAB_KERNEL, tool: LAB_TOOL, size, reason: `failed: ${(error as Error).message}`});
  }
}
