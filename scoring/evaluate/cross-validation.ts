/**
 * Seeded k-fold cross-validation: the items are shuffled by a seeded generator and cut into k folds whose
 * sizes differ by at most one; each fold is the test set once, the other folds its training set. The folds
 * depend only on (n, k, seed), so a run is reproducible from its seed.
 */

const MODULE = "scoring/evaluate/cross-validation";

import {mulberry32} from "../random.js";

export const CROSS_VALIDATION_DEFAULTS: Readonly<{folds: number; seed: number}> = Object.freeze({folds: 10, seed: 1});

export interface CrossValidationOptions {
  /** Number of folds, an integer from 2 to the number of items. Default 10. */
  folds?: number;
  /** Seed of the shuffle, an integer (taken modulo 2³²). Default 1. */
  seed?: number;
}

/** One fold: the indices held out for testing and the others, for training, each in increasing order. */
export interface Fold {
  test: number[];
  train: number[];
}

/**
 * The k folds of `n` items.
 *
 * @example kFolds(5, {folds: 2, seed: 1}) // two folds, test sets of 2 and 3 items that partition 0..4
 * @throws Error prefixed `scoring/evaluate/cross-validation: ` when folds is not an integer in [2, n] or seed is
 *   not an integer.
 */
export function kFolds(n: number, {folds = 10, seed = 1}: CrossValidationOptions = {}): Fold[] {
  if (!Number.isInteger(folds) || folds < 2 || folds > n) {
    throw new Error(`${MODULE}: folds must be an integer from 2 to the number of items (${n}), got ${folds}`);
  }
  if (!Number.isInteger(seed)) throw new Error(`${MODULE}: seed must be an integer, got ${seed}`);
  const random = mulberry32(seed);
  const order = Array.from({length: n}, (_, i) => i);
  // Fisher–Yates shuffle.
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const foldOf = new Int32Array(n);
  for (let fold = 0; fold < folds; fold++) {
    for (let k = Math.floor((fold * n) / folds); k < Math.floor(((fold + 1) * n) / folds); k++)
      foldOf[order[k]!] = fold;
  }
  return Array.from({length: folds}, (_, fold) => {
    const test: number[] = [];
    const train: number[] = [];
    for (let i = 0; i < n; i++) (foldOf[i] === fold ? test : train).push(i);
    return {test, train};
  });
}

/**
 * Runs `evaluate` on every fold and returns the mean of each metric over the folds. A metric that is NaN on a
 * fold (an AUC on a fold with one class) is left out of that metric's mean; NaN when it is NaN on every fold.
 */
export function crossValidate<Metric extends string>(
  n: number,
  options: CrossValidationOptions,
  evaluate: (fold: Fold) => Readonly<Record<Metric, number>>
): Record<Metric, number> {
  const results = kFolds(n, options).map(evaluate);
  const metrics = Object.keys(results[0]!) as Metric[];
  return Object.fromEntries(
    metrics.map((metric) => {
      const values = results.map((result) => result[metric]).filter((value) => !Number.isNaN(value));
      return [metric, values.length === 0 ? NaN : values.reduce((sum, value) => sum + value, 0) / values.length];
    })
  ) as Record<Metric, number>;
}
