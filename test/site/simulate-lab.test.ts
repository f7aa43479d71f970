// @vitest-environment jsdom
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {SIMULATE_DEFAULTS, simulationRequest} from "../../src/components/simulate.js";
import {SimulationCancelled, SimulationLab, stageText, type LabWorker} from "../../src/components/simulate-lab.js";

/** The import statements of a file of `src/components/` (the tests run from the repository root). */
const importsOf = (file: string) => readFileSync(`src/components/${file}`, "utf8").match(/^import [^;]*;/gm) ?? [];

describe("what starts first", () => {
  it("simulate-lab.ts imports only types, so the page starts its worker before loading its other modules", () => {
    const imports = importsOf("simulate-lab.ts");
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((line) => !line.startsWith("import type "))).toEqual([]);
  });

  it("the worker imports the run's code (generator, scoring) only after starting duckdb-wasm", () => {
    const code = importsOf("simulate-worker.ts").filter((line) => !line.startsWith("import type "));
    expect(code.length).toBeGreaterThan(0);
    expect(code.filter((line) => line.includes("simulate-run"))).toEqual([]);
  });
});

describe("stageText", () => {
  it("stageText(stage, detail) names the stage, with the generator's step or what is judged", () => {
    expect(stageText("generate", "reactions")).toBe("Generating the world: reactions");
    expect(stageText("judge", "8 methods, 20 spread samples")).toBe(
      "Scoring the methods and simulating each account's spread: 8 methods, 20 spread samples"
    );
  });
});

/** A stand-in for the simulation worker: records what it is sent and when it is terminated. */
class FakeWorker extends EventTarget implements LabWorker {
  sent: unknown[] = [];
  terminated = false;
  constructor(private readonly log: string[]) {
    super();
  }
  postMessage(request: unknown) {
    this.sent.push(request);
  }
  terminate() {
    this.terminated = true;
    this.log.push("terminate");
  }
  reply(data: unknown) {
    this.dispatchEvent(new MessageEvent("message", {data}));
  }
}

function fakeLab() {
  const log: string[] = [];
  const workers: FakeWorker[] = [];
  const lab = new SimulationLab(() => {
    log.push("create");
    const worker = new FakeWorker(log);
    workers.push(worker);
    return worker;
  });
  return {lab, log, workers};
}

const REQUEST = simulationRequest(SIMULATE_DEFAULTS);
const RESULT = {recipe: {}, rows: {}, timings: {}, evaluation: {accounts: 3, methods: []}};

describe("SimulationLab", () => {
  it("creates a worker before any run and hands it the first request", () => {
    const {lab, log, workers} = fakeLab();
    expect(log).toEqual(["create"]);
    lab.start(REQUEST, () => {});
    expect(workers).toHaveLength(1);
    expect(workers[0]!.sent).toEqual([REQUEST]);
  });

  it("shows progress, and after the result keeps the run's worker, engine and all, for the next run", async () => {
    const {lab, log, workers} = fakeLab();
    const shown: [string, number][] = [];
    const run = lab.start(REQUEST, (text, overall) => shown.push([text, overall]));
    workers[0]!.reply({
      type: "progress",
      stage: "generate",
      detail: "done; waiting for DuckDB to start",
      overall: 0.17
    });
    expect(log).toEqual(["create"]);
    workers[0]!.reply({type: "result", result: RESULT});
    await expect(run.result).resolves.toEqual(RESULT);
    expect(shown).toEqual([["Generating the world: done; waiting for DuckDB to start", 0.17]]);
    expect(log).toEqual(["create"]);
    const second: [string, number][] = [];
    const next = lab.start(REQUEST, (text, overall) => second.push([text, overall]));
    expect(workers).toHaveLength(1);
    expect(workers[0]!.sent).toEqual([REQUEST, REQUEST]);
    // The first run's listeners are gone: its progress is not shown again, nor its result taken twice.
    workers[0]!.reply({type: "progress", stage: "load", detail: "tables", overall: 0.2});
    expect(shown).toHaveLength(1);
    expect(second).toEqual([["Loading the world into DuckDB", 0.2]]);
    workers[0]!.reply({type: "result", result: {...RESULT, rows: {accounts: 3}}});
    await expect(next.result).resolves.toEqual({...RESULT, rows: {accounts: 3}});
    expect(log).toEqual(["create"]);
  });

  it("keeps a finished run's worker only if no other is ready, and never once the lab is closed", async () => {
    const {lab, log, workers} = fakeLab();
    const first = lab.start(REQUEST, () => {});
    // Started while the first runs: a worker of its own.
    const second = lab.start(REQUEST, () => {});
    expect(log).toEqual(["create", "create"]);
    workers[0]!.reply({type: "result", result: RESULT});
    await first.result;
    workers[1]!.reply({type: "result", result: RESULT});
    await second.result;
    // The first came back as the one kept ready, so the second, finding one ready already, is terminated.
    expect(log).toEqual(["create", "create", "terminate"]);
    expect(workers[1]!.terminated).toBe(true);
    const third = lab.start(REQUEST, () => {});
    expect(workers[0]!.sent).toEqual([REQUEST, REQUEST]);
    lab.close();
    workers[0]!.reply({type: "result", result: RESULT});
    await third.result;
    expect(workers[0]!.terminated).toBe(true);
    expect(log).toEqual(["create", "create", "terminate", "terminate"]);
  });

  it("rejects with the worker's error or a cancel, each time keeping a fresh worker ready", async () => {
    const {lab, log, workers} = fakeLab();
    const failing = lab.start(REQUEST, () => {});
    workers[0]!.reply({type: "error", message: "out of memory"});
    await expect(failing.result).rejects.toThrow("out of memory");
    const cancelled = lab.start(REQUEST, () => {});
    cancelled.cancel();
    cancelled.cancel();
    await expect(cancelled.result).rejects.toBeInstanceOf(SimulationCancelled);
    // A message arriving after the cancel changes nothing.
    workers[1]!.reply({type: "result", result: RESULT});
    expect(log).toEqual(["create", "terminate", "create", "terminate", "create"]);
    expect(workers[2]!.terminated).toBe(false);
  });

  it("reports a worker that failed while waiting for its run, and closes the one kept ready", async () => {
    const {lab, log, workers} = fakeLab();
    workers[0]!.dispatchEvent(new ErrorEvent("error", {message: "worker script failed"}));
    await expect(lab.start(REQUEST, () => {}).result).rejects.toThrow("worker script failed");
    lab.close();
    expect(workers[1]!.terminated).toBe(true);
    expect(log).toEqual(["create", "terminate", "create", "terminate"]);
    expect(() => lab.start(REQUEST, () => {})).toThrow("closed");
  });
});
