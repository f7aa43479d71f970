/**
 * World generation (`simulation/world.ts` `generateWorld`) with every gaming scenario, and writing the generated
 * world as a warehouse (`simulation/node-writer.ts`), each timed in this process. The simulation issue's budget:
 * a world of 100,000 accounts and about 5M interactions generates in under 10 s. Writing takes longer and has no
 * budget; it is timed once per size.
 */
import {rmSync} from "node:fs";
import {join} from "node:path";
import {writeWorldWarehouse} from "../simulation/node-writer.js";
import {resolveRecipe} from "../simulation/recipe.js";
import {generateWorld, type World} from "../simulation/world.js";
import {measureInProcess, summarize, type Budget, type Results, type RunPlan} from "./harness.js";

const BUDGET_ACCOUNTS = 100_000;
const BUDGET_MS = 10_000;
/** Writing runs at most this many times (no warm-up): one run takes several times a generation. */
const WRITE_RUNS = 1;

const count = (n: number) => n.toLocaleString("en-US");

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
