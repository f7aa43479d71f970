import {describe, expect, it} from "vitest";
import {fileInput} from "../../../loaders/node-input.js";
import {readPairs} from "../../../loaders/pairs.js";
import {PAIR_FEATURES, type AccountAggregates} from "../../../scoring/evaluate/aggregate-methods.js";
import {mulberry32} from "../../../scoring/random.js";
import {
  fitLogistic,
  learnPairsLogistic,
  logDifferences,
  pairsLogisticMethod,
  parsePairsWeights
} from "../../../scoring/evaluate/logistic.js";
import {evaluateMethod, type LabelledPair} from "../../../scoring/evaluate/pairs.js";
import {datasetFile} from "../../helpers/datasets.js";

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The objective's gradient Σ (σ(w·x) − y)·x + λw, written out here independently of the fitter. */
function gradient(rows: number[][], labels: boolean[], weights: ArrayLike<number>, l2: number): number[] {
  return Array.from(weights, (w, f) =>
    rows.reduce((sum, row, i) => {
      const z = row.reduce((s, x, g) => s + x * weights[g]!, 0);
      return sum + (sigmoid(z) - (labels[i] ? 1 : 0)) * row[f]!;
    }, l2 * w)
  );
}

/** An independent two-feature Newton iteration: explicit 2×2 inverse, fixed 50 steps, no line search. */
function newton2(rows: number[][], labels: boolean[], l2: number): [number, number] {
  let [w0, w1] = [0, 0];
  for (let step = 0; step < 50; step++) {
    const [g0, g1] = gradient(rows, labels, [w0, w1], l2);
    let [h00, h01, h11] = [l2, 0, l2];
    for (const [x0, x1] of rows) {
      const p = sigmoid(w0 * x0! + w1 * x1!);
      const c = p * (1 - p);
      h00 += c * x0! * x0!;
      h01 += c * x0! * x1!;
      h11 += c * x1! * x1!;
    }
    const det = h00 * h11 - h01 * h01;
    w0 -= (h11 * g0! - h01 * g1!) / det;
    w1 -= (-h01 * g0! + h00 * g1!) / det;
  }
  return [w0, w1];
}

/** The root of an increasing function on [low, high] by bisection. */
function bisect(f: (x: number) => number, low: number, high: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (f(mid) < 0) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

describe("fitLogistic(rows, positive, options)", () => {
  it("solves the one-feature case by hand: σ(w) = 2/3 gives w = ln 2", () => {
    const fit = fitLogistic([[1], [1], [1]], [true, true, false]);
    expect(fit.weights[0]).toBeCloseTo(Math.LN2, 12);
    // Without an intercept a row (−x, B won) is the row (x, A won): the same optimum.
    expect(fitLogistic([[1], [-1], [1]], [true, false, false]).weights[0]).toBeCloseTo(Math.LN2, 12);
    expect(fit.loss).toBeCloseTo(-2 * Math.log(2 / 3) - Math.log(1 / 3), 12);
  });

  it("with L2 λ = 1 solves 3σ(w) − 2 + w = 0 (by bisection)", () => {
    const expected = bisect((w) => 3 * sigmoid(w) - 2 + w, -5, 5);
    expect(fitLogistic([[1], [1], [1]], [true, true, false], {l2: 1}).weights[0]).toBeCloseTo(expected, 12);
  });

  it("matches an independent Newton iteration on non-separable two-feature data, with zero gradient", () => {
    const rows = [
      [1, 0],
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
      [1, 1],
      [1, 1],
      [1, 1],
      [-1, 2],
      [2, -1]
    ];
    const labels = [true, true, false, true, false, true, false, true, false, true];
    for (const l2 of [0, 0.5]) {
      const {weights} = fitLogistic(rows, labels, {l2});
      const [w0, w1] = newton2(rows, labels, l2);
      expect(weights[0]).toBeCloseTo(w0, 10);
      expect(weights[1]).toBeCloseTo(w1, 10);
      for (const g of gradient(rows, labels, weights, l2)) expect(Math.abs(g)).toBeLessThan(1e-10);
    }
  });

  it("refuses separable data without L2 and fits it with L2", () => {
    const rows = [[1], [2], [-1], [0.5]];
    const labels = [true, true, false, true];
    expect(() => fitLogistic(rows, labels)).toThrow("scoring/evaluate/logistic: the data are separable");
    const {weights} = fitLogistic(rows, labels, {l2: 1});
    expect(weights[0]).toBeGreaterThan(0);
    expect(Math.abs(gradient(rows, labels, weights, 1)[0]!)).toBeLessThan(1e-10);
  });

  it("refuses a feature that is zero in every row without L2, and weighs it 0 with L2", () => {
    const rows = [
      [1, 0],
      [1, 0],
      [-1, 0]
    ];
    const labels = [true, false, true];
    expect(() => fitLogistic(rows, labels)).toThrow("the Hessian is singular");
    expect(fitLogistic(rows, labels, {l2: 1}).weights[1]).toBe(0);
  });

  it("rejects bad input", () => {
    expect(() => fitLogistic([[1], [1, 2]], [true, false])).toThrow("row 1 has 2 features, row 0 has 1");
    expect(() => fitLogistic([[1]], [true, false])).toThrow("1 rows but 2 labels");
    expect(() => fitLogistic([[NaN]], [true])).toThrow("row 0 feature 0 is NaN");
    expect(() => fitLogistic([[1]], [true], {l2: -1})).toThrow("l2 must be a non-negative number, got -1");
  });
});

function syntheticPairs(n: number, seed: number): LabelledPair[] {
  const random = mulberry32(seed);
  const account = (): AccountAggregates =>
    Object.fromEntries(
      PAIR_FEATURES.map((feature) => [feature, Math.floor(random() ** 3 * 10000)])
    ) as AccountAggregates;
  return Array.from({length: n}, () => {
    const [a, b] = [account(), account()];
    // Judged by listed count, with noise.
    const aWins = Math.log1p(a.listed_count) - Math.log1p(b.listed_count) + (random() - 0.5) * 4 > 0;
    return {a, b, aWins};
  });
}

describe("learnPairsLogistic(pairs, fittedOn, options)", () => {
  it("cross-validates reproducibly, then writes a weights file that reads back and scores as a method", () => {
    const pairs = syntheticPairs(300, 7);
    const file = learnPairsLogistic(pairs, "synthetic.csv", {folds: 5, seed: 3, l2: 1});
    expect(learnPairsLogistic(pairs, "synthetic.csv", {folds: 5, seed: 3, l2: 1})).toEqual(file);
    expect(Object.keys(file)).toEqual(["method", "weights", "fitted_on", "l2", "cv"]);
    expect(Object.keys(file.weights)).toEqual([...PAIR_FEATURES]);
    expect(file.cv).toMatchObject({folds: 5, seed: 3});
    expect(file.cv.auc).toBeGreaterThan(0.8);
    // The listed count decides: it carries the largest weight.
    const largest = Object.entries(file.weights).sort(([, x], [, y]) => y! - x!)[0]![0];
    expect(largest).toBe("listed_count");
    const readBack = parsePairsWeights(JSON.parse(JSON.stringify(file)), "w.json");
    expect(readBack).toEqual(file);
    // Scoring accounts by Σ w·ln(1+x) gives differences w·(ln(1+A) − ln(1+B)): the fitted model's predictions.
    const differences = logDifferences(pairs);
    const method = pairsLogisticMethod(readBack, "test");
    const scores = method.score([pairs[0]!.a, pairs[0]!.b]);
    const direct = PAIR_FEATURES.reduce((sum, feature, f) => sum + file.weights[feature]! * differences[0]![f]!, 0);
    expect(scores[0]! - scores[1]!).toBeCloseTo(direct, 10);
    expect(evaluateMethod(method, pairs).accuracy).toBeGreaterThan(0.7);
  });

  it("on pairs-dev.csv reaches a 10-fold CV AUC of at least 0.8 (published about 0.86 on all pairs)", async (context) => {
    const path = datasetFile("kaggle-peerindex-influencers/pairs-dev.csv");
    if (!path) return context.skip();
    const file = learnPairsLogistic(await readPairs(fileInput(path)), path);
    expect(file.cv.folds).toBe(10);
    expect(file.cv.auc).toBeGreaterThanOrEqual(0.8);
    expect(file.cv.accuracy).toBeGreaterThanOrEqual(0.74);
  });
});

describe("parsePairsWeights(json, source)", () => {
  const valid = {method: "pairs-logistic", weights: {follower_count: 0.5, listed_count: -0.1}};

  it("accepts a minimal file: the method and some feature weights", () => {
    expect(parsePairsWeights(valid, "w.json")).toEqual(valid);
  });

  it("names the offending key", () => {
    const bad = (json: unknown) => () => parsePairsWeights(json, "w.json");
    expect(bad({...valid, weights: {followers: 1}})).toThrow(
      'w.json: unknown key "weights.followers" (known: follower_count,'
    );
    expect(bad({...valid, weights: {posts: null}})).toThrow(
      'w.json: "weights.posts" must be a finite number, got null'
    );
    expect(bad({...valid, weights: {posts: "1"}})).toThrow('"weights.posts" must be a finite number, got "1"');
    expect(bad({...valid, extra: 1})).toThrow('w.json: unknown key "extra"');
    expect(bad({weights: {}})).toThrow('w.json: missing key "method"');
    expect(bad({...valid, method: "klout"})).toThrow('w.json: "method" must be "pairs-logistic", got "klout"');
    expect(bad({method: "pairs-logistic"})).toThrow('w.json: missing key "weights"');
    expect(bad({...valid, cv: {folds: 10, seed: 1, accuracy: 0.7}})).toThrow('missing key "cv.auc"');
    expect(bad({...valid, cv: {folds: 10, seed: 1, accuracy: 2, auc: null}})).toThrow('"cv.accuracy" must be a number');
    expect(bad([])).toThrow("w.json: a weights file is a JSON object");
  });
});
