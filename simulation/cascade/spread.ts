/**
 * Monte Carlo estimate of the expected spread σ(S) of a seed set S (Kempe, Kleinberg, Tardos 2003): the mean
 * number of active nodes, seeds included, at the end of `runs` independent cascades.
 *
 * Each run is a breadth-first walk that draws its randomness as it goes: an IC edge's coin is tossed when its
 * source activates, an LT node's threshold is drawn when its first in-neighbour activates. Both only ever
 * touch the part of the graph the cascade reaches. Node marks carry the run number ("generation stamps"), so
 * nothing is cleared or allocated between runs.
 */
import {mulberry32} from "../../scoring/random.js";
import type {CascadeModel} from "./model.js";

export const SPREAD_DEFAULTS: Readonly<{runs: number; seed: number}> = Object.freeze({runs: 1000, seed: 1});

/** z for a two-sided 95% normal interval. */
const Z_95 = 1.959963984540054;

export interface SpreadEstimate {
  /** Mean number of active nodes over the runs. */
  mean: number;
  /** Standard error of the mean: the sample standard deviation over √runs. */
  standardError: number;
  /** The 95% interval mean ± 1.96 standard errors (normal approximation, fine for hundreds of runs). */
  low: number;
  high: number;
  runs: number;
}

export interface RunOptions {
  /** Number of Monte Carlo runs (or live-edge samples), a positive integer. */
  runs?: number;
  /** Seed of the mulberry32 generator: the same seed gives the same result. */
  seed?: number;
  /** Called with the share of the work done, in [0, 1], now and then. */
  onProgress?: (fraction: number) => void;
}

/**
 * The expected spread of the nodes `seeds` under `model`.
 *
 * @throws Error prefixed `simulation/cascade/spread: ` if runs is not a positive integer or a seed is not a node.
 * @example expectedSpread(independentCascade(buildCsr(2, [0], [1], [0.5])), [0], {runs: 10_000}).mean // ≈ 1.5
 */
export function expectedSpread(
  model: CascadeModel,
  seeds: ArrayLike<number>,
  options: RunOptions = {}
): SpreadEstimate {
  const {runs, seed} = checkRunOptions(options, "simulation/cascade/spread");
  checkNodes(seeds, model.graph.nodeCount, "simulation/cascade/spread");
  const random = mulberry32(seed);
  const n = model.graph.nodeCount;
  const active = new Int32Array(n); // the run (from 1) in which each node was activated
  const touched = new Int32Array(n); // LT: the run in which a node's threshold was drawn
  const threshold = new Float64Array(n);
  const received = new Float64Array(n);
  const queue = new Int32Array(n);
  const {offsets, targets, weights} = model.graph;
  const progressEvery = Math.max(1, Math.floor(runs / 100));
  let sum = 0;
  let sumOfSquares = 0;
  for (let run = 1; run <= runs; run++) {
    let head = 0;
    let tail = 0;
    for (let i = 0; i < seeds.length; i++) {
      const s = seeds[i];
      if (active[s] !== run) {
        active[s] = run;
        queue[tail++] = s;
      }
    }
    while (head < tail) {
      const u = queue[head++];
      for (let e = offsets[u]; e < offsets[u + 1]; e++) {
        const v = targets[e];
        if (active[v] === run) continue;
        if (model.kind === "ic") {
          if (random() >= weights[e]) continue;
        } else {
          if (touched[v] !== run) {
            touched[v] = run;
            threshold[v] = 1 - random(); // in (0, 1], so an edge of weight 0 never activates
            received[v] = 0;
          }
          received[v] += weights[e];
          if (received[v] < threshold[v]) continue;
        }
        active[v] = run;
        queue[tail++] = v;
      }
    }
    sum += tail;
    sumOfSquares += tail * tail;
    if (options.onProgress && run % progressEvery === 0) options.onProgress(run / runs);
  }
  const mean = sum / runs;
  const variance = runs > 1 ? Math.max(0, (sumOfSquares - runs * mean * mean) / (runs - 1)) : 0;
  const standardError = Math.sqrt(variance / runs);
  return {mean, standardError, low: mean - Z_95 * standardError, high: mean + Z_95 * standardError, runs};
}

/** `runs` and `seed` with their defaults, checked. */
export function checkRunOptions(options: RunOptions, module: string): {runs: number; seed: number} {
  const {runs = SPREAD_DEFAULTS.runs, seed = SPREAD_DEFAULTS.seed} = options;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`${module}: runs must be a positive integer, got ${runs}`);
  if (!Number.isInteger(seed)) throw new Error(`${module}: seed must be an integer, got ${seed}`);
  return {runs, seed};
}

/** Throws unless every entry of `nodes` is a node of a graph of `nodeCount` nodes. */
export function checkNodes(nodes: ArrayLike<number>, nodeCount: number, module: string): void {
  for (let i = 0; i < nodes.length; i++) {
    if (!Number.isInteger(nodes[i]) || nodes[i] < 0 || nodes[i] >= nodeCount) {
      throw new Error(`${module}: seed ${nodes[i]} is not a node (the graph has ${nodeCount})`);
    }
  }
}
