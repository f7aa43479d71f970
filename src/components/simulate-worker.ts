/**
 * The simulation lab's Web Worker: receives a `SimulationRequest`, runs it (`simulate-run.ts`) on its own
 * duckdb-wasm, and posts progress messages and the result, so the page stays responsive while a world of
 * 20,000 accounts is generated and scored. duckdb-wasm runs in a worker of its own, started from this one as a
 * module worker from node_modules (STACK.md); terminating this worker ends both.
 */
import type {AsyncDuckDB} from "@duckdb/duckdb-wasm";
import {startDuckDb} from "./duckdb.js";
import {simulateAndEvaluate, type SimulationRequest, type WorkerMessage} from "./simulate-run.js";
import {wasmDb} from "./wasm-db.js";

/** Progress is posted at most this often (the generator reports after every few hundred accounts). */
const PROGRESS_INTERVAL_MS = 100;

const post = (message: WorkerMessage) => postMessage(message);

async function run(request: SimulationRequest): Promise<void> {
  // duckdb-wasm compiles in its own worker while this one generates the world: the request to instantiate it
  // is posted before the generation takes this thread.
  const starting = startDuckDb();
  let duckdb: AsyncDuckDB | undefined;
  try {
    const engine = starting.then(async (started) => {
      duckdb = started.duckdb;
      const connection = await duckdb.connect();
      return {db: wasmDb(connection), connection};
    });
    // A failed start is reported once the generation has finished and the engine is awaited, not before.
    engine.catch(() => {});
    let posted = 0;
    let lastStage = "";
    const result = await simulateAndEvaluate(request, engine, (stage, detail, overall) => {
      const now = performance.now();
      if (stage === lastStage && now - posted < PROGRESS_INTERVAL_MS) return;
      posted = now;
      lastStage = stage;
      post({type: "progress", stage, detail, overall});
    });
    post({type: "result", result});
  } catch (error) {
    post({type: "error", message: error instanceof Error ? error.message : String(error)});
  } finally {
    await duckdb?.terminate();
  }
}

addEventListener("message", (event: MessageEvent<SimulationRequest>) => void run(event.data));
