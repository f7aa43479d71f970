/**
 * `uploadBench`: the bring-your-own-data page (the built site's `upload.html`) in headless Chromium, given a file
 * as a reader chooses one: read by the importers in the page, loaded into duckdb-wasm, then scored with every method
 * the data can feed, the page showing how many methods are done as it goes. The page's status carries how long
 * reading and scoring took (`data-import-ms`, `data-score-ms`). The full run uploads SNAP Higgs (563,069 lines,
 * gzip), for the benchmarks issue's budget "all methods on the Higgs warehouse in the browser under 20 s with
 * progress shown" (the scoring part); the quick run a small generated edge list, without budget. Needs the built
 * site in `dist/`; without it the rows are listed as not run, with the reason.
 */
import {existsSync, writeFileSync} from "node:fs";
import {availableParallelism, loadavg} from "node:os";
import {join} from "node:path";
import {DIST, recordTexts, settle, uploadFinished} from "../test/browser/harness.js";
import {inSitePages} from "./browser.js";
import {summarize, type Results, type RunPlan} from "./harness.js";
import {syntheticInteractions} from "./synthetic-graph.js";

const KERNEL = "upload page (Chromium)";
const BUDGET_MS = 20_000;
/** At most this many timed runs, each in a fresh page (no warm-up: a page's first upload is what a reader waits for). */
const RUNS = 3;

/** What to upload: a file and how to name it in the results. */
export interface UploadInput {
  path: string;
  size: string;
  /** Whether the budget applies (Higgs). */
  budgeted: boolean;
}

/** The SNAP Higgs activity file as the full run uploads it. */
export function higgsUpload(path: string): UploadInput {
  return {path, size: "higgs activity (563,069 lines, gzip)", budgeted: true};
}

/** A space-separated edge list of `count` seeded synthetic interactions, written to `path`, for the quick run. */
export function syntheticUpload(count: number, seed: number, path: string): UploadInput {
  const {actors, targets} = syntheticInteractions(count, seed);
  const lines = Array.from(actors, (actor, e) => `${actor} ${targets[e]}\n`);
  writeFileSync(path, lines.join(""));
  return {path, size: `edge list (${count.toLocaleString("en-US")} lines)`, budgeted: false};
}

interface UploadRun {
  importMs: number;
  scoreMs: number;
  /** The progress texts shown while scoring. */
  progress: number;
  methods: number;
}

export async function uploadBench(input: UploadInput, plan: RunPlan, results: Results): Promise<void> {
  const tools = ["read and load", "score every method"].map((step) => `sway upload page: ${step}`);
  if (!existsSync(join(DIST, "upload.html"))) {
    for (const tool of tools)
      results.skipped.push({
        kernel: KERNEL,
        tool,
        size: input.size,
        reason: "the site is not built: run `npm run build`"
      });
    return;
  }
  try {
    const runs = await inSitePages(
      "upload.html",
      Math.min(RUNS, plan.repeats),
      async (page, problems): Promise<UploadRun> => {
        await settle(page, problems);
        const statuses = await recordTexts(page, "upload-status");
        await page.locator('[data-testid="upload"]').setInputFiles(input.path);
        await uploadFinished(page, 900_000);
        const status = page.getByTestId("upload-status");
        const text = (await status.textContent()) ?? "";
        const methods = text.match(/scored by (\d+) methods/);
        if (!methods) throw new Error(`the page says: ${text}`);
        const data = await status.evaluate((p) => ({...(p as HTMLElement).dataset}));
        return {
          importMs: Number(data.importMs),
          scoreMs: Number(data.scoreMs),
          progress: (await statuses()).filter((s) => s.startsWith("Scoring:")).length,
          methods: Number(methods[1])
        };
      }
    );
    const [importRow, scoreRow] = (["importMs", "scoreMs"] as const).map((step, k) => ({
      kernel: KERNEL,
      tool: tools[k]!,
      size: input.size,
      ...summarize(
        runs.map((run) => run[step]),
        0
      ),
      peakMiB: null
    }));
    results.rows.push(importRow!, scoreRow!);
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    results.notes.push(
      `upload page, ${input.size}: per run, read and load / score ${runs[0]!.methods} methods: ` +
        runs.map((r) => `${seconds(r.importMs)} / ${seconds(r.scoreMs)}`).join("; ") +
        `; progress shown ${runs.map((r) => r.progress).join(", ")} times while scoring` +
        ` (load average ${loadavg()[0]!.toFixed(1)} after the runs, on ${availableParallelism()} cores)`
    );
    if (input.budgeted) {
      const shown = runs.every((run) => run.progress > 0);
      results.budgets.push({
        name: `all methods on Higgs in the browser (upload page, scoring) within ${BUDGET_MS / 1000} s with progress shown (median)`,
        target: `< ${BUDGET_MS / 1000} s, progress shown`,
        measured: `${seconds(scoreRow!.medianMs)}${shown ? ", progress shown" : ", no progress shown"}`,
        met: scoreRow!.medianMs < BUDGET_MS && shown
      });
    }
  } catch (error) {
    for (const tool of tools)
      results.skipped.push({kernel: KERNEL, tool, size: input.size, reason: `failed: ${(error as Error).message}`});
  }
}
