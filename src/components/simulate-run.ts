/**
 * One run of the simulation lab, engine-neutral: generate a world from a recipe, load it into duckdb-wasm and
 * judge the chosen methods against its truth, reporting progress over the whole run. The page's Web Worker runs it
 * on the browser's duckdb-wasm (`simulate-worker.ts`); the tests run it on duckdb-wasm's Node build.
 */
import type {Db} from "../scoring/db.js";
import {evaluateTruth, type TruthEvaluation} from "../scoring/evaluate/truth.js";
import {resolveRecipe, type Recipe} from "../simulation/recipe.js";
import {METHODS} from "../scoring/methods/index.js";
import {LAB_METHODS} from "./lab-methods.js";
import {SCENARIO_IDS} from "../simulation/scenarios/index.js";
import {
  dropWorldWasm,
  loadWorldWasm,
  startWorldLoad,
  worldTables,
  type ArrowTarget,
  type WorldLoad,
  type WorldTable
} from "../simulation/wasm-writer.js";
import {generateWorld, generateWorldInStages, type World} from "../simulation/world.js";

/** What the page asks for: a partial recipe (`resolveRecipe` fills and checks it) and the evaluation's options. */
export interface SimulationRequest {
  recipe: Partial<Recipe>;
  /** Live-edge samples of the single-seed spread. */
  runs: number;
  /** The k of precision at k. */
  k: number;
  /** The methods judged (default: every registered method). */
  methods?: readonly string[];
}

export interface SimulationResult {
  recipe: Recipe;
  rows: {accounts: number; posts: number; interactions: number; follows: number};
  /**
   * Wall time of each stage, milliseconds, and `engine`: the time spent after the generation waiting for
   * duckdb-wasm to finish starting (0 when it was ready).
   */
  timings: Record<RunStage | "engine", number>;
  evaluation: TruthEvaluation;
}

/** The stages of a run; `judge` scores the methods and simulates the spread side by side. */
export type RunStage = "generate" | "load" | "judge";

/** What the worker posts back: progress, then one result or one error. */
export type WorkerMessage =
  | {type: "progress"; stage: RunStage; detail: string; overall: number}
  | {type: "result"; result: SimulationResult}
  | {type: "error"; message: string};

/** Each stage's share of the progress bar. */
export type StageShares = Readonly<Record<RunStage, number>>;

/**
 * The shares when the world is loaded once it is generated (the engine was not ready during the generation), from
 * a run of 20,000 accounts in headless Chromium with the lab's default methods (generate 17%, load 16%, judge 65%
 * of the time), so the bar moves at a roughly even pace.
 */
export const STAGE_SHARES: StageShares = Object.freeze({
  generate: 0.17,
  load: 0.16,
  judge: 0.67
});

/**
 * The shares when a ready engine loads the world while it is generated (`startWorldLoad`): the generation takes
 * the engine's appends beside it and leaves a short load (a second run of 20,000 accounts in a page, headless
 * Chromium: generate 44%, load 5%, judge 51% of the time).
 */
export const STAGED_SHARES: StageShares = Object.freeze({
  generate: 0.44,
  load: 0.05,
  judge: 0.51
});

const STAGES = Object.keys(STAGE_SHARES) as RunStage[];

/**
 * The share of the whole run done when `stage` is `fraction` done.
 *
 * @example overallProgress("load", 0.5); // 0.17 + 0.16 / 2 = 0.25
 */
export function overallProgress(stage: RunStage, fraction: number, shares: StageShares = STAGE_SHARES): number {
  const before = STAGES.slice(0, STAGES.indexOf(stage)).reduce((sum, s) => sum + shares[s], 0);
  return Math.min(1, before + shares[stage] * Math.min(1, Math.max(0, fraction)));
}

/** Called with the stage, its own detail (the generator's step) and the share of the whole run done. */
export type RunProgress = (stage: RunStage, detail: string, overall: number) => void;

/**
 * duckdb-wasm, open: `db` runs SQL, `connection` takes Arrow streams (the same connection). Its worker runs the
 * statements of the connection one after the other, so the methods may be scored side by side.
 */
export interface WasmEngine {
  db: Db;
  connection: ArrowTarget;
}

/** The generate stage's detail while the world is ready and duckdb-wasm is still starting. */
export const WAITING_FOR_ENGINE = "done; waiting for DuckDB to start";

/**
 * A macrotask turn, in which the engine's reply (a message) is taken. A zero timeout rather than `nextTurn`
 * (`scoring/slices.ts`): in Node `setImmediate` runs before timers already due, such as a test's engine that starts
 * late, and the turn is taken only a few times per run, so the browsers' 4 ms delay of repeated timeouts costs
 * nothing here.
 */
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Encodes the tables' streams in order while the engine starts, so the load stage only appends them; stops at the
 * first table boundary at which `started` says the engine is ready (or has failed), leaving the rest to be encoded
 * as they are loaded.
 */
async function encodeUntil(started: () => Promise<boolean>, tables: readonly WorldTable[]): Promise<void> {
  for (const table of tables) {
    table.stream();
    await turn();
    if (await started()) return;
  }
}

/**
 * Generates the world of `request`, loads it into `engine` and judges the chosen methods against its truth.
 * `engine` may still be starting (a promise): duckdb-wasm then compiles in its worker while the world is generated.
 * Once it has started, it takes each stage of the world as the generator finishes it (`startWorldLoad`): the
 * accounts and follows while the posts are written, the posts while the reactions spread, the reactions in
 * quarters as they are made, so that on two cores the load runs beside the generation. If it is not ready when the
 * world is, the generate stage reports `WAITING_FOR_ENGINE` until it is, and the tables are encoded meanwhile.
 */
export async function simulateAndEvaluate(
  request: SimulationRequest,
  engine: WasmEngine | Promise<WasmEngine>,
  onProgress: RunProgress = () => {}
): Promise<SimulationResult> {
  const recipe = resolveRecipe(request.recipe);
  const timings = {} as SimulationResult["timings"];
  let started = performance.now();
  const lap = (stage: keyof typeof timings) => {
    const now = performance.now();
    timings[stage] = now - started;
    started = now;
  };
  // Whether the engine has started, or failed to (its error comes from awaiting it). An engine already settled
  // wins the race: its reaction is queued before the sentinel's.
  const pending = Symbol("pending");
  const engineStarted = async () => (await Promise.race([engine, pending]).catch(() => undefined)) !== pending;

  // The bar's shares: STAGED_SHARES once the load runs beside the generation. The switch only moves the bar
  // forward: the generation's share grows.
  let shares = STAGE_SHARES;
  const stages = generateWorldInStages(recipe, (step, fraction) =>
    onProgress("generate", step, overallProgress("generate", fraction, shares))
  );
  let load: WorldLoad | undefined;
  let world: World;
  for (;;) {
    const next = stages.next();
    if (next.done) {
      world = next.value;
      break;
    }
    await turn();
    if (!load && (await engineStarted())) {
      const {db, connection} = await engine;
      load = await startWorldLoad(db, connection, recipe.networks);
      shares = STAGED_SHARES;
    }
    load?.take(next.value.world);
  }
  lap("generate");
  const onLoaded = (fraction: number) => onProgress("load", "tables", overallProgress("load", fraction, shares));
  let loaded: Db;
  if (load) {
    lap("engine");
    onLoaded(0);
    loaded = await load.finish(world, onLoaded);
  } else {
    const tables = worldTables(world);
    if (!(await engineStarted())) {
      onProgress("generate", WAITING_FOR_ENGINE, overallProgress("generate", 1, shares));
      await encodeUntil(engineStarted, tables);
    }
    const {db, connection} = await engine;
    lap("engine");
    onLoaded(0);
    loaded = await loadWorldWasm(db, connection, tables, onLoaded);
  }
  lap("load");
  const methods = request.methods?.length ?? METHODS.length;
  const detail = `${methods} methods, ${request.runs} spread samples`;
  const done = {scores: 0, spread: 0};
  const evaluation = await evaluateTruth(loaded, {
    methods: request.methods,
    runs: request.runs,
    k: request.k,
    concurrent: true,
    onProgress: (stage, fraction) => {
      done[stage as keyof typeof done] = fraction;
      // Each method and the spread weigh alike.
      onProgress(
        "judge",
        detail,
        overallProgress("judge", (done.scores * methods + done.spread) / (methods + 1), shares)
      );
    }
  });
  lap("judge");
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

/**
 * The world of the warm-up: small enough to be generated and judged in about a second, with every scenario so
 * that every feature query meets rows of each kind.
 */
export const WARM_UP_RECIPE: Readonly<Partial<Recipe>> = Object.freeze({
  seed: 1,
  accounts: 300,
  days: 14,
  scenarios: [...SCENARIO_IDS]
});

/**
 * Runs a tiny world (`WARM_UP_RECIPE`) through the whole lab on `engine` and drops it again, so that the code of the
 * generator, the Arrow load and every query of the lab's default methods has run once, and V8 has compiled the hot
 * parts of duckdb-wasm's wasm with its optimising tier, before a real world arrives. A function of a large world's
 * query runs each call to the end in whatever tier it started in, so a cold engine spends its first world's load and
 * judge partly in baseline code while the optimised code is being compiled. `stop` is asked between the steps: once
 * a run is waiting (it returns true), the warm-up takes no further step.
 */
export async function warmUp(engine: WasmEngine, stop: () => boolean = () => false): Promise<void> {
  const {db, connection} = engine;
  try {
    const world = generateWorld(resolveRecipe(WARM_UP_RECIPE));
    if (stop()) return;
    const loaded = await loadWorldWasm(db, connection, worldTables(world));
    if (stop()) return;
    await evaluateTruth(loaded, {methods: LAB_METHODS, runs: 1, k: 10, concurrent: true});
  } finally {
    await dropWorld(db);
  }
}

/** Drops the world loaded in `db`, if any (`dropWorldWasm`), so the engine can take another. */
export const dropWorld: (db: Db) => Promise<void> = dropWorldWasm;
