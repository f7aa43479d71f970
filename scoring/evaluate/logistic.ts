/**
 * Pairwise logistic regression without intercept: P(A more influential than B) = σ(w · x), where
 * x = ln(1 + features(A)) − ln(1 + features(B)). This is PeerIndex's reference model for its Kaggle pairs
 * (Ferenc Huszár's baseline; INFLUENCE-METHODS.md §3 [V S48]), and the form Klout gave its supervised weights
 * (§1.1). With no intercept the model is antisymmetric: swapping A and B flips the prediction, and the learned
 * w scores one account as Σ_f w_f ln(1 + x_f) (`logLinearScore`), so learned weights serve as a method.
 *
 * Fitting minimises the negative log-likelihood plus (l2 / 2)·‖w‖² by Newton's method (iteratively reweighted
 * least squares) with a backtracking line search: deterministic, and exact to rounding in a few iterations for
 * the eleven features. Reference: Hastie, Tibshirani, Friedman, "The Elements of Statistical Learning", §4.4.1.
 */
import {
  isPairFeature,
  logLinearMethod,
  PAIR_FEATURES,
  type AggregateMethod,
  type PairFeature
} from "./aggregate-methods.js";
import {crossValidate, CROSS_VALIDATION_DEFAULTS} from "./cross-validation.js";
import {evaluateDifferences, type LabelledPair} from "./pairs.js";

const MODULE = "scoring/evaluate/logistic";

export const LOGISTIC_DEFAULTS: Readonly<Required<LogisticOptions>> = Object.freeze({
  l2: 0,
  maxIterations: 100,
  tolerance: 1e-12
});

export interface LogisticOptions {
  /** L2 penalty λ on the summed log-loss: the objective is Σ log-loss + (λ / 2)·‖w‖². Non-negative; default 0. */
  l2?: number;
  /** Upper bound on Newton iterations. Default 100. */
  maxIterations?: number;
  /** Stop when half the Newton decrement gᵀH⁻¹g (the predicted remaining loss) is below this. Default 1e-12. */
  tolerance?: number;
}

export interface LogisticFit {
  /** One weight per feature. */
  weights: Float64Array;
  /** The objective at `weights`. */
  loss: number;
  /** Newton iterations performed. */
  iterations: number;
}

/**
 * The logistic regression without intercept of the labels `positive` on the feature vectors `rows`.
 *
 * @example fitLogistic([[1], [1], [1]], [true, true, false]).weights // [ln 2]: σ(w) = 2/3
 * @throws Error prefixed `scoring/evaluate/logistic: ` for rows of unequal lengths or with non-finite values, a
 *   negative l2, separable data without l2 (no finite optimum), a singular Hessian without l2 (a feature that is
 *   zero in every row, or collinear features) and no convergence within maxIterations.
 */
export function fitLogistic(
  rows: readonly ArrayLike<number>[],
  positive: ArrayLike<boolean>,
  options: LogisticOptions = {}
): LogisticFit {
  const {l2, maxIterations, tolerance} = {...LOGISTIC_DEFAULTS, ...options};
  if (!(l2 >= 0 && Number.isFinite(l2))) throw new Error(`${MODULE}: l2 must be a non-negative number, got ${l2}`);
  if (rows.length !== positive.length) throw new Error(`${MODULE}: ${rows.length} rows but ${positive.length} labels`);
  const p = rows[0]?.length ?? 0;
  rows.forEach((row, i) => {
    if (row.length !== p) throw new Error(`${MODULE}: row ${i} has ${row.length} features, row 0 has ${p}`);
    for (let f = 0; f < p; f++) {
      if (!Number.isFinite(row[f])) throw new Error(`${MODULE}: row ${i} feature ${f} is ${row[f]}`);
    }
  });
  const sign = Float64Array.from({length: rows.length}, (_, i) => (positive[i] ? 1 : -1));
  const objective = (weights: Float64Array): number => {
    let loss = (l2 / 2) * dot(weights, weights);
    for (let i = 0; i < rows.length; i++) loss += softplus(-sign[i] * dot(weights, rows[i]!));
    return loss;
  };

  let weights = new Float64Array(p);
  let loss = objective(weights);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const gradient = Float64Array.from(weights, (w) => l2 * w);
    const hessian = new Float64Array(p * p);
    for (let f = 0; f < p; f++) hessian[f * p + f] = l2;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const probability = sigmoid(dot(weights, row));
      const residual = probability - (positive[i] ? 1 : 0);
      const curvature = probability * (1 - probability);
      for (let f = 0; f < p; f++) {
        gradient[f] += residual * row[f];
        for (let g = 0; g <= f; g++) hessian[f * p + g] += curvature * row[f] * row[g];
      }
    }
    const step = solveCholesky(hessian, gradient, p);
    if (!step) {
      throw new Error(
        `${MODULE}: the Hessian is singular (a feature is zero in every row, or features are collinear); use l2 > 0`
      );
    }
    // The Newton step is −H⁻¹g; `step` holds H⁻¹g and the decrement gᵀH⁻¹g says how far the optimum is. Close
    // to it the full step is taken without a line search, whose loss comparisons would be lost in rounding.
    const decrement = dot(gradient, step);
    if (decrement / 2 <= tolerance) {
      weights = weights.map((w, f) => w - step[f]);
      return {weights, loss: objective(weights), iterations: iteration};
    }
    let size = 1;
    let next = weights.map((w, f) => w - step[f]);
    let nextLoss = objective(next);
    // Backtracking (Armijo): halve the step until the loss falls by at least a quarter of the predicted decrease.
    while (nextLoss > loss - 0.25 * size * decrement) {
      size /= 2;
      if (size < 1e-12) throw new Error(`${MODULE}: the line search found no descent (rounding); loosen tolerance`);
      next = weights.map((w, f) => w - size * step[f]);
      nextLoss = objective(next);
    }
    [weights, loss] = [next, nextLoss];
    if (l2 === 0 && separates(rows, sign, weights)) {
      throw new Error(`${MODULE}: the data are separable, so the weights grow without bound; use l2 > 0`);
    }
  }
  throw new Error(`${MODULE}: no convergence in ${maxIterations} iterations; use l2 > 0 or more iterations`);
}

/** Whether `weights` classify every row with a non-zero feature vector correctly: then the loss has no minimum. */
function separates(rows: readonly ArrayLike<number>[], sign: Float64Array, weights: Float64Array): boolean {
  let informative = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (Array.prototype.every.call(row, (x: number) => x === 0)) continue;
    if (sign[i] * dot(weights, row) <= 0) return false;
    informative++;
  }
  return informative > 0;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** ln(1 + eᶻ) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/**
 * x with A·x = b for the symmetric positive-definite p×p matrix A, of which only the lower triangle (row-major) is
 * read; undefined when A is not numerically positive definite.
 */
function solveCholesky(matrix: Float64Array, b: Float64Array, p: number): Float64Array | undefined {
  const lower = new Float64Array(p * p);
  let largest = 0;
  for (let f = 0; f < p; f++) largest = Math.max(largest, matrix[f * p + f]);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * p + j];
      for (let k = 0; k < j; k++) sum -= lower[i * p + k] * lower[j * p + k];
      if (i === j) {
        if (!(sum > 1e-12 * largest)) return undefined;
        lower[i * p + i] = Math.sqrt(sum);
      } else lower[i * p + j] = sum / lower[j * p + j];
    }
  }
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= lower[i * p + k] * y[k];
    y[i] = sum / lower[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < p; k++) sum -= lower[k * p + i] * x[k];
    x[i] = sum / lower[i * p + i];
  }
  return x;
}

// The pairs model and its weights file.

/**
 * Defaults of `sway evaluate pairs --learn`. l2 = 1 on the summed loss is scikit-learn's default
 * `LogisticRegression(C=1)`, which the PeerIndex baseline is believed to have used [I]; on thousands of pairs
 * it barely moves the weights, and it keeps a small or separable file fittable.
 */
export const PAIRS_LOGISTIC_DEFAULTS: Readonly<{folds: number; seed: number; l2: number}> = Object.freeze({
  ...CROSS_VALIDATION_DEFAULTS,
  l2: 1
});

/**
 * The weights file of a fitted pairs model (JSON):
 *
 *     {"method": "pairs-logistic", "weights": {"follower_count": 0.31, …}, "fitted_on": "pairs-dev.csv",
 *      "l2": 1, "cv": {"folds": 10, "seed": 1, "accuracy": 0.77, "auc": 0.86}}
 *
 * `weights` maps features (the pairs columns without `A_`/`B_`) to finite numbers, a missing feature weighing
 * 0; `note`, `fitted_on`, `l2` and `cv` record where the weights came from and are optional when read back. The
 * shape is that of every weights file (`{"method", "weights"}` plus provenance), but these weights may be
 * negative: a feature can count against influence once the others are known.
 */
export interface PairsWeightsFile {
  method: "pairs-logistic";
  /** How the file was made (`sway evaluate pairs --learn` writes the command). */
  note?: string;
  weights: Partial<Record<PairFeature, number>>;
  fitted_on?: string;
  l2?: number;
  /** Mean accuracy and AUC over the folds (an AUC is null in JSON when undefined). */
  cv?: {folds: number; seed: number; accuracy: number | null; auc: number | null};
}

/** ln(1 + features(A)) − ln(1 + features(B)) for each pair, in `PAIR_FEATURES` order. */
export function logDifferences(pairs: readonly LabelledPair[]): Float64Array[] {
  return pairs.map(({a, b}) => Float64Array.from(PAIR_FEATURES, (f) => Math.log1p(a[f]) - Math.log1p(b[f])));
}

/**
 * Fits the pairs model: its k-fold cross-validated accuracy and AUC (each fold fitted on the others), then the
 * weights fitted on all pairs.
 */
export function learnPairsLogistic(
  pairs: readonly LabelledPair[],
  fittedOn: string,
  options: Partial<typeof PAIRS_LOGISTIC_DEFAULTS> = {}
): PairsWeightsFile & Required<Pick<PairsWeightsFile, "cv">> {
  const {folds, seed, l2} = {...PAIRS_LOGISTIC_DEFAULTS, ...options};
  const rows = logDifferences(pairs);
  const aWins = pairs.map((pair) => pair.aWins);
  const cv = crossValidate(pairs.length, {folds, seed}, ({train, test}) => {
    const {weights} = fitLogistic(
      train.map((i) => rows[i]!),
      train.map((i) => aWins[i]!),
      {l2}
    );
    return evaluateDifferences(
      test.map((i) => dot(weights, rows[i]!)),
      test.map((i) => aWins[i]!)
    );
  });
  const {weights} = fitLogistic(rows, aWins, {l2});
  return {
    method: "pairs-logistic",
    weights: Object.fromEntries(PAIR_FEATURES.map((feature, f) => [feature, weights[f]])),
    fitted_on: fittedOn,
    l2,
    cv: {folds, seed, accuracy: nullIfNaN(cv.accuracy), auc: nullIfNaN(cv.auc)}
  };
}

/** The method scoring accounts by a weights file's model. */
export function pairsLogisticMethod(file: PairsWeightsFile, note: string): AggregateMethod {
  return logLinearMethod(file.method, note, file.weights);
}

/** Keys of the file and of its `cv` object, the required ones first. */
const FILE_KEYS = {required: ["method", "weights"], optional: ["note", "fitted_on", "l2", "cv"]};
const CV_KEYS = {required: ["folds", "seed", "accuracy", "auc"], optional: []};

/**
 * Checks a parsed weights file. Errors start with `source` and name the offending key.
 *
 * @throws Error for anything but the documented shape: an unknown key, a weight that is not a finite number, …
 */
export function parsePairsWeights(json: unknown, source: string): PairsWeightsFile {
  const fail = (message: string): never => {
    throw new Error(`${source}: ${message}`);
  };
  const file = isObject(json) ? json : fail("a weights file is a JSON object");
  checkKeys(file, FILE_KEYS, "", fail);
  if (file.method !== "pairs-logistic") fail(`"method" must be "pairs-logistic", got ${JSON.stringify(file.method)}`);
  const weights = isObject(file.weights) ? file.weights : fail(`"weights" must be an object of feature weights`);
  for (const [key, value] of Object.entries(weights)) {
    if (!isPairFeature(key)) fail(`unknown key "weights.${key}" (known: ${PAIR_FEATURES.join(", ")})`);
    if (typeof value !== "number" || !Number.isFinite(value)) {
      fail(`"weights.${key}" must be a finite number, got ${JSON.stringify(value)}`);
    }
  }
  for (const key of ["note", "fitted_on"]) {
    if (file[key] !== undefined && typeof file[key] !== "string") fail(`"${key}" must be a string`);
  }
  if (file.l2 !== undefined && !(typeof file.l2 === "number" && file.l2 >= 0 && Number.isFinite(file.l2))) {
    fail(`"l2" must be a non-negative number, got ${JSON.stringify(file.l2)}`);
  }
  if (file.cv !== undefined) {
    const cv = isObject(file.cv) ? file.cv : fail(`"cv" must be an object`);
    checkKeys(cv, CV_KEYS, "cv.", fail);
    for (const key of ["folds", "seed"]) {
      if (!Number.isInteger(cv[key])) fail(`"cv.${key}" must be an integer, got ${JSON.stringify(cv[key])}`);
    }
    for (const key of ["accuracy", "auc"]) {
      const value = cv[key];
      if (value !== null && !(typeof value === "number" && value >= 0 && value <= 1)) {
        fail(`"cv.${key}" must be a number in [0, 1] or null, got ${JSON.stringify(value)}`);
      }
    }
  }
  return file as unknown as PairsWeightsFile;
}

function checkKeys(
  object: Record<string, unknown>,
  keys: {required: readonly string[]; optional: readonly string[]},
  prefix: string,
  fail: (message: string) => never
): void {
  const known = [...keys.required, ...keys.optional];
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) fail(`unknown key "${prefix}${key}" (known: ${known.join(", ")})`);
  }
  for (const key of keys.required) {
    if (!(key in object)) fail(`missing key "${prefix}${key}"`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nullIfNaN(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}
