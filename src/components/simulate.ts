/**
 * The simulation lab's page logic: its state in the URL and the figures of the result (the truth table, Spearman
 * with the truth per method, inflation per role and method). The Web Worker that runs a simulation is driven by
 * `simulate-lab.ts`.
 */
import * as Plot from "@observablehq/plot";
import {sort} from "d3";
import type {MethodTruth, TruthEvaluation} from "../scoring/evaluate/truth.js";
import {METHODS} from "../scoring/methods/index.js";
import {SCENARIO_IDS, type ScenarioId} from "../simulation/scenarios/index.js";
import {formatEntry} from "./compare.js";
import {LAB_METHODS} from "./lab-methods.js";
import type {SimulationRequest} from "./simulate-run.js";
import {textTable} from "./text-table.js";

/** What the lab keeps in the URL. */
export interface SimulateState {
  seed: number;
  accounts: number;
  days: number;
  scenarios: ScenarioId[];
  /** Live-edge samples of the single-seed spread. */
  runs: number;
  /** The k of precision at k. */
  k: number;
  /** The methods judged, in registry order. */
  methods: string[];
}

const METHOD_IDS = METHODS.map((method) => method.id);

/**
 * The built-in world's recipe (`data/worlds/default.json`), a spread estimate a browser makes in seconds and
 * the methods judged unless others are chosen.
 */
export const SIMULATE_DEFAULTS: Readonly<SimulateState> = Object.freeze({
  seed: 7,
  accounts: 2000,
  days: 90,
  scenarios: [...SCENARIO_IDS],
  runs: 20,
  k: 50,
  methods: [...LAB_METHODS]
});

/** The range of each numeric control; a URL value outside it is ignored. */
export const SIMULATE_LIMITS = Object.freeze({
  seed: [0, 0xffffffff],
  accounts: [100, 20000],
  days: [7, 365],
  runs: [1, 200],
  k: [1, 1000]
} as const satisfies Record<string, readonly [number, number]>);

type NumericField = keyof typeof SIMULATE_LIMITS;
const NUMERIC_FIELDS = Object.keys(SIMULATE_LIMITS) as NumericField[];

/** Ids of `list` (comma-separated) known to `known`, in `known`'s order; `none` is the empty list. */
function chosenIds<T extends string>(list: string, known: readonly T[]): T[] {
  if (list === "none") return [];
  const chosen = list.split(",");
  return known.filter((id) => chosen.includes(id));
}

/** `ids` as a query parameter: `none` when empty, left out (undefined) when equal to `defaults`. */
function idsParameter(ids: readonly string[], defaults: readonly string[]): string | undefined {
  if (ids.length === defaults.length && ids.every((id) => defaults.includes(id))) return undefined;
  return ids.length === 0 ? "none" : ids.join(",");
}

/**
 * The lab's state in a query string, defaults filling what is absent or malformed. `scenarios=none` and
 * `methods=none` choose none; unknown scenario and method ids are dropped.
 *
 * @example decodeSimulateState("?accounts=20000&scenarios=spammers").accounts; // 20000
 */
export function decodeSimulateState(search: string): SimulateState {
  const params = new URLSearchParams(search);
  const state: SimulateState = {
    ...SIMULATE_DEFAULTS,
    scenarios: [...SIMULATE_DEFAULTS.scenarios],
    methods: [...SIMULATE_DEFAULTS.methods]
  };
  for (const field of NUMERIC_FIELDS) {
    const raw = params.get(field);
    const [min, max] = SIMULATE_LIMITS[field];
    if (raw !== null && /^\d{1,10}$/.test(raw) && Number(raw) >= min && Number(raw) <= max) state[field] = Number(raw);
  }
  const scenarios = params.get("scenarios");
  if (scenarios !== null) state.scenarios = chosenIds(scenarios, SCENARIO_IDS);
  const methods = params.get("methods");
  if (methods !== null) state.methods = chosenIds(methods, METHOD_IDS);
  return state;
}

/**
 * `href` with the lab's state in its query string: fields at their default or out of range (a number being
 * typed) are left out, other parameters (the dataset) kept.
 */
export function withSimulateState(href: string, state: SimulateState): string {
  const url = new URL(href);
  for (const field of NUMERIC_FIELDS) {
    const value = state[field];
    const [min, max] = SIMULATE_LIMITS[field];
    const valid = Number.isInteger(value) && value >= min && value <= max;
    if (!valid || value === SIMULATE_DEFAULTS[field]) url.searchParams.delete(field);
    else url.searchParams.set(field, String(value));
  }
  for (const [name, ids, defaults] of [
    ["scenarios", state.scenarios, SIMULATE_DEFAULTS.scenarios],
    ["methods", state.methods, SIMULATE_DEFAULTS.methods]
  ] as const) {
    const value = idsParameter(ids, defaults);
    if (value === undefined) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  return url.href;
}

/** What the worker is asked to run for `state`. */
export function simulationRequest(state: SimulateState): SimulationRequest {
  const {seed, accounts, days, scenarios, runs, k, methods} = state;
  return {recipe: {seed, accounts, days, scenarios}, runs, k, methods};
}

/** The methods judged, by Spearman's ρ with the truth, largest first (undefined correlations last). */
export function byTruthSpearman(evaluation: TruthEvaluation): MethodTruth[] {
  return sort(evaluation.methods, (m) => -m.spearman);
}

/** Inflation as the page writes it: one decimal with a sign, or "n/a". */
export function formatInflation(value: number): string {
  return Number.isNaN(value) ? "n/a" : `${value > 0 ? "+" : ""}${value.toFixed(1)}`;
}

/** The truth table: one row per method (by Spearman's ρ), `data-testid="simulate-truth"`. */
export function truthTable(
  evaluation: TruthEvaluation,
  {names = new Map(), document = globalThis.document}: {names?: ReadonlyMap<string, string>; document?: Document} = {}
): HTMLTableElement {
  const rows = byTruthSpearman(evaluation).map((m) => ({
    method: m.method,
    name: names.get(m.method) ?? m.method,
    spearman: m.spearman,
    kendall: m.kendall,
    spreadSpearman: m.spreadSpearman,
    precisionAtK: m.precisionAtK
  }));
  const correlation = (value: unknown) => formatEntry(value as number);
  return textTable(
    rows,
    [
      {key: "name", label: "Method"},
      {key: "spearman", label: "Spearman ρ", format: correlation},
      {key: "kendall", label: "Kendall τ-b", format: correlation},
      {key: "spreadSpearman", label: "Spearman ρ with spread", format: correlation},
      {key: "precisionAtK", label: `Precision at ${evaluation.k}`, format: correlation}
    ],
    {key: "method", testid: "simulate-truth", document}
  );
}

/** A bar per method: its Spearman's ρ with the true influence, largest first. */
export function spearmanChart(
  evaluation: TruthEvaluation,
  {
    names = new Map(),
    width = 640,
    document = globalThis.document
  }: {names?: ReadonlyMap<string, string>; width?: number; document?: Document} = {}
): SVGSVGElement | HTMLElement {
  const methods = byTruthSpearman(evaluation).filter((m) => !Number.isNaN(m.spearman));
  return Plot.plot({
    document,
    width,
    height: 40 + 18 * methods.length,
    marginLeft: 190,
    x: {
      domain: [Math.min(0, ...methods.map((m) => m.spearman)), 1],
      label: "Spearman's ρ with the true influence",
      grid: true
    },
    y: {domain: methods.map((m) => m.method), tickFormat: (id: string) => names.get(id) ?? id, label: null},
    marks: [
      Plot.barX(methods, {x: "spearman", y: "method", fill: "steelblue"}),
      Plot.text(methods, {x: "spearman", y: "method", text: (m: MethodTruth) => formatEntry(m.spearman), dx: 16}),
      Plot.ruleX([0])
    ]
  });
}

export interface InflationCell {
  method: string;
  role: string;
  /** Median rank-percentile points gained over the truth. */
  value: number;
}

/** Every (method, role) inflation, methods in `byTruthSpearman` order, roles alphabetically. */
export function inflationCells(evaluation: TruthEvaluation): InflationCell[] {
  return byTruthSpearman(evaluation).flatMap((m) =>
    Object.keys(m.inflation)
      .sort()
      .map((role) => ({method: m.method, role, value: m.inflation[role]!}))
  );
}

/**
 * A heatmap of how far each gaming role climbs under each method (median percentile points over the truth):
 * red where a method lifts the role, blue where it holds it down; `null` when the world has no gaming role.
 */
export function inflationChart(
  evaluation: TruthEvaluation,
  {
    names = new Map(),
    width = 640,
    legend = true,
    document = globalThis.document
  }: {
    names?: ReadonlyMap<string, string>;
    width?: number;
    /** Whether to draw the colour legend (a ramp that needs a canvas). */
    legend?: boolean;
    document?: Document;
  } = {}
): SVGSVGElement | HTMLElement | null {
  const cells = inflationCells(evaluation);
  if (cells.length === 0) return null;
  const roles = [...new Set(cells.map((cell) => cell.role))];
  const methods = [...new Set(cells.map((cell) => cell.method))];
  const extent = Math.max(1, ...cells.filter((c) => !Number.isNaN(c.value)).map((c) => Math.abs(c.value)));
  const size = Math.max(34, Math.min(56, Math.floor((width - 190) / roles.length)));
  return Plot.plot({
    document,
    width: 190 + size * roles.length,
    height: 120 + 20 * methods.length,
    marginLeft: 190,
    marginTop: 110,
    x: {domain: roles, axis: "top", tickRotate: -45, label: null},
    y: {domain: methods, tickFormat: (id: string) => names.get(id) ?? id, label: null},
    color: {
      type: "linear",
      domain: [-extent, extent],
      scheme: "rdbu",
      reverse: true,
      unknown: "#ccc",
      legend,
      label: "percentile points over the truth"
    },
    marks: [
      Plot.cell(cells, {x: "role", y: "method", fill: (c: InflationCell) => (Number.isNaN(c.value) ? null : c.value)}),
      Plot.text(cells, {
        x: "role",
        y: "method",
        text: (c: InflationCell) => formatInflation(c.value),
        fontSize: 9,
        fill: (c: InflationCell) => (Math.abs(c.value) > extent * 0.6 ? "white" : "black")
      })
    ]
  });
}
