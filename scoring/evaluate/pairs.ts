/**
 * How well a score agrees with human judgements of "who is more influential, A or B" (the Kaggle/PeerIndex
 * pairs): pairwise accuracy and AUC of the score difference s(A) − s(B) against the label "A won".
 *
 * - Accuracy: the share of pairs where the higher score belongs to the judged winner. A tie (equal scores)
 *   counts ½, the expected accuracy of a coin toss, so a method cannot gain or lose by how it breaks ties.
 * - AUC: the probability that a pair A won has a larger difference than a pair B won, ties ½ (`auc.ts`). It is
 *   the Kaggle competition's metric, with s(A) − s(B) in place of a predicted probability (any increasing
 *   function of the difference gives the same AUC).
 */
import type {AccountAggregates, AggregateMethod} from "./aggregate-methods.js";
import {auc} from "./auc.js";

const MODULE = "scoring/evaluate/pairs";

/** Two accounts and the human judgement between them. */
export interface LabelledPair {
  readonly a: AccountAggregates;
  readonly b: AccountAggregates;
  /** True when A was judged more influential than B. */
  readonly aWins: boolean;
}

export interface PairsEvaluation {
  /** Number of pairs. */
  n: number;
  /** Pairwise accuracy in [0, 1], ties ½. */
  accuracy: number;
  /** AUC in [0, 1]; NaN when every pair has the same winner side. */
  auc: number;
}

/**
 * The share of pairs whose difference has the sign of the judgement (positive when A won), ties counting ½.
 *
 * @example pairwiseAccuracy([2, -1, 0, 3], [true, true, false, false]) // (1 + 0 + 0.5 + 0) / 4 = 0.375
 */
export function pairwiseAccuracy(differences: ArrayLike<number>, aWins: ArrayLike<boolean>): number {
  checkLengths(differences, aWins);
  let correct = 0;
  for (let i = 0; i < differences.length; i++) {
    const difference = differences[i];
    if (!Number.isFinite(difference))
      throw new Error(`${MODULE}: difference ${i} is ${difference}, not a finite number`);
    if (difference === 0) correct += 0.5;
    else if (difference > 0 === aWins[i]) correct++;
  }
  return differences.length === 0 ? NaN : correct / differences.length;
}

/** Accuracy and AUC of the score differences s(A) − s(B). */
export function evaluateDifferences(differences: ArrayLike<number>, aWins: ArrayLike<boolean>): PairsEvaluation {
  return {n: differences.length, accuracy: pairwiseAccuracy(differences, aWins), auc: auc(differences, aWins)};
}

/**
 * s(A) − s(B) for every pair. The method scores the accounts of all pairs together (A sides then B sides): the
 * pairs name no account, so for a population-relative method an account counts once per pair it appears in.
 */
export function scoreDifferences(method: AggregateMethod, pairs: readonly LabelledPair[]): Float64Array {
  const scores = method.score([...pairs.map((pair) => pair.a), ...pairs.map((pair) => pair.b)]);
  const n = pairs.length;
  return Float64Array.from({length: n}, (_, i) => scores[i] - scores[n + i]);
}

/** Accuracy and AUC of `method` on the labelled pairs. */
export function evaluateMethod(method: AggregateMethod, pairs: readonly LabelledPair[]): PairsEvaluation {
  return evaluateDifferences(
    scoreDifferences(method, pairs),
    pairs.map((pair) => pair.aWins)
  );
}

function checkLengths(differences: ArrayLike<number>, aWins: ArrayLike<boolean>): void {
  if (differences.length !== aWins.length) {
    throw new Error(`${MODULE}: ${differences.length} differences but ${aWins.length} labels`);
  }
}
