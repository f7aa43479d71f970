/**
 * The simulation lab's Web Workers, kept apart from the page's figures: this module imports no code, only types,
 * so the page loads it and starts the first worker (and its duckdb-wasm) before the rest of its modules arrive.
 */
import type {RunStage, SimulationRequest, SimulationResult, WorkerMessage} from "./simulate-run.js";

/** What each stage of a run is called next to the progress bar. */
export function stageText(stage: RunStage, detail: string): string {
  switch (stage) {
    case "generate":
      return `Generating the world: ${detail}`;
    case "load":
      return "Loading the world into DuckDB";
    case "judge":
      return `Scoring the methods and simulating each account's spread: ${detail}`;
  }
}

/** A running simulation: its result, and a way to stop it. */
export interface Simulation {
  result: Promise<SimulationResult>;
  /** Terminates the worker (and its duckdb-wasm); the result then rejects with `SimulationCancelled`. */
  cancel(): void;
}

export class SimulationCancelled extends Error {
  override name = "SimulationCancelled";
  constructor() {
    super("The simulation was cancelled.");
  }
}

/** The parts of a `Worker` the lab uses, so tests can stand in for one. */
export interface LabWorker {
  postMessage(request: SimulationRequest): void;
  terminate(): void;
  addEventListener(type: "message" | "error", listener: (event: Event) => void): void;
  removeEventListener(type: "message" | "error", listener: (event: Event) => void): void;
}

/** A worker created ahead of its run, with the error it reported while waiting, if any. */
interface Spare {
  worker: LabWorker;
  failure?: string;
}

const workerFailure = (event: Event) => (event as ErrorEvent).message || "the simulation worker failed to start";

/**
 * The lab's simulation workers. One is created at once, so its duckdb-wasm starts (and warms up) before the first
 * click; each run takes it. A run that ends with its result gives its worker back, engine compiled and warm, for the
 * next run; one that fails or is cancelled has its worker terminated, with its duckdb-wasm, before the next one is
 * created: two engines never start or stop at the same time, and the next run finds one ready.
 */
export class SimulationLab {
  #spare: Spare | undefined;
  #closed = false;
  readonly #createWorker: () => LabWorker;

  constructor(
    createWorker: () => LabWorker = () => new Worker(import.meta.resolve("./simulate-worker.js"), {type: "module"})
  ) {
    this.#createWorker = createWorker;
    this.#spare = this.#spawn();
  }

  #spawn(): Spare {
    const spare: Spare = {worker: this.#createWorker()};
    spare.worker.addEventListener("error", (event) => (spare.failure ??= workerFailure(event)));
    return spare;
  }

  /** Runs `request` on the worker made ready; `onProgress` receives the stage text and the share of the run done. */
  start(request: SimulationRequest, onProgress: (text: string, overall: number) => void): Simulation {
    if (this.#closed) throw new Error("The simulation lab is closed.");
    const spare = this.#spare ?? this.#spawn();
    this.#spare = undefined;
    const {worker} = spare;
    let ended = false;
    let onMessage: (event: Event) => void = () => {};
    let onError: (event: Event) => void = () => {};
    /** Ends the run once; `keep` gives the worker back as the next run's, else it is terminated and replaced. */
    const end = (keep: boolean) => {
      if (ended) return false;
      ended = true;
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
      if (keep && !this.#closed && this.#spare === undefined) {
        this.#spare = spare;
      } else {
        worker.terminate();
        if (!this.#closed) this.#spare ??= this.#spawn();
      }
      return true;
    };
    let cancel = () => {};
    const result = new Promise<SimulationResult>((resolve, reject) => {
      cancel = () => {
        if (end(false)) reject(new SimulationCancelled());
      };
      if (spare.failure !== undefined) {
        end(false);
        reject(new Error(spare.failure));
        return;
      }
      onMessage = (event) => {
        const message = (event as MessageEvent<WorkerMessage>).data;
        if (message.type === "progress") {
          if (!ended) onProgress(stageText(message.stage, message.detail), message.overall);
          return;
        }
        if (!end(message.type === "result")) return;
        if (message.type === "result") resolve(message.result);
        else reject(new Error(message.message));
      };
      onError = (event) => {
        if (end(false)) reject(new Error(workerFailure(event)));
      };
      worker.addEventListener("message", onMessage);
      worker.addEventListener("error", onError);
    });
    worker.postMessage(request);
    return {result, cancel: () => cancel()};
  }

  /** Terminates the worker kept ready; a run in progress keeps its own until it ends or is cancelled. */
  close(): void {
    this.#closed = true;
    this.#spare?.worker.terminate();
    this.#spare = undefined;
  }
}
