/**
 * The simulation lab's Web Worker: starts its own duckdb-wasm as soon as it is created, then runs each
 * `SimulationRequest` it receives, one after the other (`simulate-run.ts`), posting progress messages and the
 * result, so the page stays responsive while a world of 20,000 accounts is generated and scored. The page creates
 * it before the click, so duckdb-wasm's worker starts and its wasm compiles while the user chooses the world; if
 * the engine is ready before any run is asked for, it warms up on a tiny world (`warmUp`) meanwhile. After each
 * run the world's tables are dropped and the engine is kept, already compiled and warm, for the page's next run.
 * Only what starts duckdb-wasm is imported up front: the generator and the scoring (a hundred modules) load
 * while the wasm compiles, instead of before it is fetched.
 * duckdb-wasm runs in a worker of its own, started from this one as a module worker (`startDuckDb`, STACK.md);
 * terminating this worker ends both.
 */
import {startDuckDb} from "./duckdb.js";
import type {SimulationRequest, WasmEngine, WorkerMessage} from "./simulate-run.js";
import {wasmDb} from "./wasm-db.js";

/** Progress of one stage and detail is posted at most this often (the generator reports every few hundred accounts). */
const PROGRESS_INTERVAL_MS = 100;

const post = (message: WorkerMessage) => postMessage(message);

const engine: Promise<WasmEngine> = startDuckDb().then(async ({duckdb}) => {
  const connection = await duckdb.connect();
  return {db: wasmDb(connection), connection};
});
const runner = import("./simulate-run.js");
/** Whether a run has been asked for: the warm-up then takes no further step. */
let asked = false;
/** The warm-up, when the engine is ready before any run is asked for; a run waits for it to finish its step. */
const warmed = Promise.all([engine, runner]).then(([ready, {warmUp}]) =>
  asked ? undefined : warmUp(ready, () => asked)
);
// A failed start or load is reported by the run that awaits it, not before; a failed warm-up only leaves the
// engine cold.
engine.catch(() => {});
runner.catch(() => {});
const ready = warmed.then(
  () => engine,
  () => engine
);

async function run(request: SimulationRequest): Promise<void> {
  asked = true;
  try {
    const {simulateAndEvaluate, dropWorld} = await runner;
    let posted = 0;
    let last = "";
    try {
      const result = await simulateAndEvaluate(request, ready, (stage, detail, overall) => {
        const now = performance.now();
        if (`${stage} ${detail}` === last && now - posted < PROGRESS_INTERVAL_MS) return;
        posted = now;
        last = `${stage} ${detail}`;
        post({type: "progress", stage, detail, overall});
      });
      post({type: "result", result});
    } finally {
      await dropWorld((await engine).db);
    }
  } catch (error) {
    post({type: "error", message: error instanceof Error ? error.message : String(error)});
  }
}

let runs = Promise.resolve();
addEventListener("message", (event: MessageEvent<SimulationRequest>) => {
  runs = runs.then(() => run(event.data));
});
