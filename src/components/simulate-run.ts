/**
 * One run of the simulation lab, engine-neutral: generate a world from a recipe, load it into duckdb-wasm and
 * judge every method against its truth, reporting progress over the whole run. The page's Web Worker runs it
 * on the browser's duckdb-wasm (`simulate-worker.ts`); the tests run it on duckdb-wasm's Node build.
 */
import type {Db} from "../scoring/db.js";
import {evaluateTruth, type TruthEvaluation} from "../scoring/evaluate/truth.js";
import {resolveRecipe, type Recipe} from "../simulation/recipe.js";
import {loadWorldWasm, type ArrowTarget} from "../simulation/wasm-writer.js";
import {generateWorld} from "../simulation/world.js";

/** What the page asks for: a partial recipe (`resolveRecipe` fills and checks it) and the evaluation's options. */
export interface SimulationRequest {
  recipe: Partial<Recipe>;
  /** Live-edge samples of the single-seed spread. */
  runs: number;
  /** The k of precision at k. */
  k: number;
}

export interface SimulationResult {
  recipe: Recipe;
  rows: {accounts: number; posts: number; interactions: number; follows: number};
  /** Wall time of each stage, milliseconds. */
  timings: Record<RunStage, number>;
  evaluation: TruthEvaluation;
}

export type RunStage = "generate" | "load" | "scores" | "spread";

/** What the worker posts back: progress, then one result or one error. */
export type WorkerMessage =
  | {type: "progress"; stage: RunStage; detail: string; overall: number}
  | {type: "result"; result: SimulationResult}
  | {type: "error"; message: string};

/**
 * Each stage's share of the progress bar, from runs of 2,000 and 20,000 accounts in headless Chromium, where
 * scoring every method took three quarters of the time or more, so the bar moves at a roughly even pace.
 */
export const STAGE_SHARES: Readonly<Record<RunStage, number>> = Object.freeze({
  generate: 0.05,
  load: 0.15,
  scores: 0.77,
  spread: 0.03
});

const STAGES = Object.keys(STAGE_SHARES) as RunStage[];

/**
 * The share of the whole run done when `stage` is `fraction` done.
 *
 * @example overallProgress("load", 0.5); // 0.05 + 0.15 / 2 = 0.125
 */
export function overallProgress(stage: RunStage, fraction: number): number {
  const before = STAGES.slice(0, STAGES.indexOf(stage)).reduce((sum, s) => sum + STAGE_SHARES[s], 0);
  return Math.min(1, before + STAGE_SHARES[stage] * Math.min(1, Math.max(0, fraction)));
}

/** Called with the stage, its own detail (the generator's step) and the share of the whole run done. */
export type RunProgress = (stage: RunStage, detail: string, overall: number) => void;

/** duckdb-wasm, open: `db` runs SQL, `connection` takes Arrow streams (the same connection). */
export interface WasmEngine {
  db: Db;
  connection: ArrowTarget;
}

/** Generates the world of `request`, loads it into `engine` and judges every method against its truth. */
export async function simulateAndEvaluate(
  request: SimulationRequest,
  engine: WasmEngine,
  onProgress: RunProgress = () => {}
): Promise<SimulationResult> {
  const recipe = resolveRecipe(request.recipe);
  const timings = {} as Record<RunStage, number>;
  let started = performance.now();
  const lap = (stage: RunStage) => {
    const now = performance.now();
    timings[stage] = now - started;
    started = now;
  };

  const world = generateWorld(recipe, (step, fraction) =>
    onProgress("generate", step, overallProgress("generate", fraction))
  );
  lap("generate");
  onProgress("load", "staging", overallProgress("load", 0));
  await loadWorldWasm(engine.db, engine.connection, world, (fraction) =>
    onProgress("load", "staging", overallProgress("load", fraction))
  );
  lap("load");
  const evaluation = await evaluateTruth(engine.db, {
    runs: request.runs,
    k: request.k,
    onProgress: (stage, fraction) => {
      if (stage === "scores") {
        onProgress("scores", "methods", overallProgress("scores", fraction));
      } else {
        if (timings.scores === undefined) lap("scores");
        onProgress("spread", `${request.runs} live-edge samples`, overallProgress("spread", fraction));
      }
    }
  });
  if (timings.scores === undefined) lap("scores");
  lap("spread");
  return {
    recipe,
    rows: {
      accounts: world.population.count,
      posts: world.posts.author.length,
      interactions: world.interactions.actor.length,
      follows: world.follows.follower.length
    },
    timings,
    evaluation
  };
}
