/**
 * The simulation lab's Web Worker: starts its own duckdb-wasm as soon as it is created, then receives one
 * `SimulationRequest`, runs it (`simulate-run.ts`) and posts progress messages and the result, so the page stays
 * responsive while a world of 20,000 accounts is generated and scored. The page creates it before the click, so
 * duckdb-wasm's worker starts and its wasm compiles while the user chooses the world; each worker serves one run.
 * Only what starts duckdb-wasm is imported up front: the generator and the scoring (a hundred modules) load
 * while the wasm compiles, instead of before it is fetched.
 * duckdb-wasm runs in a worker of its own, started from this one as a module worker from node_modules (STACK.md);
 * terminating this worker ends both.
 */
import type {AsyncDuckDB} from "@duckdb/duckdb-wasm";
import {startDuckDb} from "./duckdb.js";
import type {SimulationRequest, WorkerMessage} from "./simulate-run.js";
import {wasmDb} from "./wasm-db.js";

/** Progress of one stage and detail is posted at most this often (the generator reports every few hundred accounts). */
const PROGRESS_INTERVAL_MS = 100;

const post = (message: WorkerMessage) => postMessage(message);

let duckdb: AsyncDuckDB | undefined;
const engine = startDuckDb().then(async (started) => {
  duckdb = started.duckdb;
  const connection = await duckdb.connect();
  return {db: wasmDb(connection), connection};
});
const runner = import("./simulate-run.js");
// A failed start or load is reported by the run that awaits it, not before.
engine.catch(() => {});
runner.catch(() => {});

async function run(request: SimulationRequest): Promise<void> {
  try {
    const {simulateAndEvaluate} = await runner;
    let posted = 0;
    let last = "";
    const result = await simulateAndEvaluate(request, engine, (stage, detail, overall) => {
      const now = performance.now();
      if (`${stage} ${detail}` === last && now - posted < PROGRESS_INTERVAL_MS) return;
      posted = now;
      last = `${stage} ${detail}`;
      post({type: "progress", stage, detail, overall});
    });
    post({type: "result", result});
  } catch (error) {
    post({type: "error", message: error instanceof Error ? error.message : String(error)});
  } finally {
    await duckdb?.terminate();
  }
}

addEventListener("message", (event: MessageEvent<SimulationRequest>) => void run(event.data), {once: true});
