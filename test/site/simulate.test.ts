// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {MethodTruth, TruthEvaluation} from "../../scoring/evaluate/truth.js";
import {SCENARIO_IDS} from "../../simulation/scenarios/index.js";
import {METHODS} from "../../scoring/methods/index.js";
import {
  SIMULATE_DEFAULTS,
  byTruthSpearman,
  decodeSimulateState,
  formatInflation,
  inflationCells,
  inflationChart,
  simulationRequest,
  spearmanChart,
  truthTable,
  withSimulateState
} from "../../src/components/simulate.js";
import {STAGED_SHARES, STAGE_SHARES, overallProgress} from "../../src/components/simulate-run.js";

const method = (id: string, spearman: number, inflation: Record<string, number> = {}): MethodTruth => ({
  method: id,
  spearman,
  kendall: spearman / 2,
  spreadSpearman: 0.5,
  precisionAtK: 0.25,
  inflation
});

const EVALUATION: TruthEvaluation = {
  accounts: 10,
  k: 4,
  roles: {organic: 7, spammer: 2, "ring-member": 1},
  truthSpreadSpearman: 0.6,
  methods: [
    method("followers", 0.4, {spammer: -3.5, "ring-member": 20}),
    method("constant", NaN, {spammer: NaN, "ring-member": NaN}),
    method("klout", 0.8, {spammer: 10, "ring-member": 2.25})
  ],
  skipped: []
};

describe("decodeSimulateState", () => {
  it("decodeSimulateState(search) gives the defaults for an empty query", () => {
    expect(decodeSimulateState("")).toEqual(SIMULATE_DEFAULTS);
    expect(SIMULATE_DEFAULTS).toMatchObject({seed: 7, accounts: 2000, days: 90});
  });

  it("decodeSimulateState(search) reads each field, ignoring values out of range or malformed", () => {
    expect(decodeSimulateState("?seed=0&accounts=20000&days=30&runs=5&k=10&scenarios=spammers,nonsense")).toEqual({
      seed: 0,
      accounts: 20000,
      days: 30,
      runs: 5,
      k: 10,
      scenarios: ["spammers"],
      methods: SIMULATE_DEFAULTS.methods
    });
    const ignored = decodeSimulateState("?accounts=20001&days=1.5&runs=0&k=-1&seed=x");
    expect(ignored).toEqual(SIMULATE_DEFAULTS);
    expect(decodeSimulateState("?scenarios=none").scenarios).toEqual([]);
  });

  it("decodeSimulateState(search) reads the methods in registry order, dropping unknown ids; none is none", () => {
    expect(decodeSimulateState("?methods=pagerank,nonsense,klout").methods).toEqual(["klout", "pagerank"]);
    expect(decodeSimulateState("?methods=none").methods).toEqual([]);
    expect(decodeSimulateState("?methods=none").scenarios).toEqual(SIMULATE_DEFAULTS.scenarios);
  });

  it("SIMULATE_DEFAULTS judges the main commercial-style scores and the baselines, in registry order", () => {
    expect(SIMULATE_DEFAULTS.methods).toEqual([
      "klout",
      "kred",
      "peerindex",
      "twitalyzer-impact",
      "followers",
      "reactions",
      "pagerank",
      "pagerank-follows"
    ]);
    const registry = METHODS.map((m) => m.id);
    expect(SIMULATE_DEFAULTS.methods.map((id) => registry.indexOf(id))).toEqual(
      SIMULATE_DEFAULTS.methods.map((id) => registry.indexOf(id)).sort((a, b) => a - b)
    );
  });
});

describe("withSimulateState", () => {
  it("withSimulateState(href, state) writes what differs from the defaults and keeps the dataset", () => {
    const href = withSimulateState("http://x.invalid/simulate.html?dataset=higgs&accounts=500", {
      ...SIMULATE_DEFAULTS,
      accounts: 20000,
      scenarios: ["follow-rings", "spammers"]
    });
    const url = new URL(href);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      dataset: "higgs",
      accounts: "20000",
      scenarios: "follow-rings,spammers"
    });
    expect(decodeSimulateState(url.search)).toEqual({
      ...SIMULATE_DEFAULTS,
      accounts: 20000,
      scenarios: ["spammers", "follow-rings"]
    });
  });

  it("withSimulateState(href, state) leaves out a number being typed (blank or out of range), and writes no scenario as none", () => {
    const href = withSimulateState("http://x.invalid/simulate.html?seed=3", {
      ...SIMULATE_DEFAULTS,
      seed: NaN,
      k: 5000,
      scenarios: []
    });
    expect(new URL(href).search).toBe("?scenarios=none");
  });

  it("withSimulateState(href, state) writes the methods when they differ from the defaults, none when empty", () => {
    const chosen = withSimulateState("http://x.invalid/simulate.html", {
      ...SIMULATE_DEFAULTS,
      methods: ["klout", "kshell"]
    });
    expect(new URL(chosen).searchParams.get("methods")).toBe("klout,kshell");
    expect(decodeSimulateState(new URL(chosen).search).methods).toEqual(["klout", "kshell"]);
    const none = withSimulateState(chosen, {...SIMULATE_DEFAULTS, methods: []});
    expect(new URL(none).search).toBe("?methods=none");
    const reordered = withSimulateState(chosen, {
      ...SIMULATE_DEFAULTS,
      methods: [...SIMULATE_DEFAULTS.methods].reverse()
    });
    expect(new URL(reordered).search).toBe("");
  });
});

describe("simulationRequest", () => {
  it("simulationRequest(state) passes the recipe's fields and the evaluation's options", () => {
    expect(simulationRequest({...SIMULATE_DEFAULTS, scenarios: ["spammers"]})).toEqual({
      recipe: {seed: 7, accounts: 2000, days: 90, scenarios: ["spammers"]},
      runs: 20,
      k: 50,
      methods: SIMULATE_DEFAULTS.methods
    });
  });
});

describe("overallProgress", () => {
  it("overallProgress(stage, fraction) adds the shares of the stages before to this stage's share done", () => {
    expect(Object.values(STAGE_SHARES).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(overallProgress("generate", 0)).toBe(0);
    expect(overallProgress("load", 0.5)).toBeCloseTo(STAGE_SHARES.generate + STAGE_SHARES.load / 2, 12);
    expect(overallProgress("judge", 0)).toBeCloseTo(STAGE_SHARES.generate + STAGE_SHARES.load, 12);
    expect(overallProgress("judge", 1)).toBeCloseTo(1, 12);
    expect(overallProgress("judge", 7)).toBeCloseTo(1, 12);
    expect(overallProgress("load", -1)).toBeCloseTo(STAGE_SHARES.generate, 12);
  });

  it("reads the shares it is given", () => {
    expect(Object.values(STAGED_SHARES).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(overallProgress("load", 0.5, STAGED_SHARES)).toBeCloseTo(
      STAGED_SHARES.generate + STAGED_SHARES.load / 2,
      12
    );
    expect(overallProgress("judge", 1, STAGED_SHARES)).toBeCloseTo(1, 12);
  });
});

describe("the result's figures", () => {
  it("byTruthSpearman(evaluation) lists methods by Spearman's ρ, largest first, undefined last", () => {
    expect(byTruthSpearman(EVALUATION).map((m) => m.method)).toEqual(["klout", "followers", "constant"]);
  });

  it("truthTable(evaluation) has a row per method, as text, n/a where undefined", () => {
    const table = truthTable(EVALUATION, {names: new Map([["klout", "Klout-style"]])});
    expect(table.dataset.testid).toBe("simulate-truth");
    const rows = Array.from(table.tBodies[0]!.rows, (tr) => Array.from(tr.cells, (td) => td.textContent));
    expect(rows).toEqual([
      ["Klout-style", "0.80", "0.40", "0.50", "0.25"],
      ["followers", "0.40", "0.20", "0.50", "0.25"],
      ["constant", "n/a", "n/a", "0.50", "0.25"]
    ]);
    expect(table.tHead!.textContent).toContain("Precision at 4");
  });

  it("inflationCells(evaluation) gives a cell per (method, role), methods by Spearman, roles alphabetically", () => {
    expect(inflationCells(EVALUATION).map((c) => `${c.method}/${c.role}=${c.value}`)).toEqual([
      "klout/ring-member=2.25",
      "klout/spammer=10",
      "followers/ring-member=20",
      "followers/spammer=-3.5",
      "constant/ring-member=NaN",
      "constant/spammer=NaN"
    ]);
  });

  it("inflationChart(evaluation) draws a cell per (method, role) with its signed value, and nothing without roles", () => {
    const chart = inflationChart(EVALUATION, {legend: false})!;
    expect(chart.querySelectorAll("rect")).toHaveLength(6);
    const labels = Array.from(chart.querySelectorAll("text"), (t) => t.textContent);
    expect(labels).toEqual(expect.arrayContaining(["+2.3", "+10.0", "+20.0", "-3.5", "n/a"]));
    const noRoles = {...EVALUATION, methods: EVALUATION.methods.map((m) => ({...m, inflation: {}}))};
    expect(inflationChart(noRoles)).toBeNull();
  });

  it("formatInflation(value) writes one decimal with a sign", () => {
    expect([formatInflation(2.25), formatInflation(-3.5), formatInflation(0), formatInflation(NaN)]).toEqual([
      "+2.3",
      "-3.5",
      "0.0",
      "n/a"
    ]);
  });

  it("spearmanChart(evaluation) draws a bar per method with a defined correlation", () => {
    const chart = spearmanChart(EVALUATION, {names: new Map([["klout", "Klout-style"]])});
    expect(chart.querySelectorAll("rect")).toHaveLength(2);
    expect(chart.textContent).toContain("Klout-style");
    expect(chart.textContent).not.toContain("constant");
  });

  it("the scenario checkboxes can hold every scenario of the recipe", () => {
    expect(decodeSimulateState(`?scenarios=${SCENARIO_IDS.join(",")}`).scenarios).toEqual([...SCENARIO_IDS]);
  });
});
