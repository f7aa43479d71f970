/**
 * Seeded synthetic interaction graphs with heavy-tailed degrees, for benchmarks at sizes no bundled dataset has.
 *
 * A Chung–Lu-style model (Chung, F. and Lu, L. (2002). "Connected components in random graphs with given
 * expected degree sequences." Annals of Combinatorics 6, 125–145): each interaction draws its actor and its
 * target independently, node `r` (by rank) with probability proportional to `(r + 1)^−β`. Drawing a rank is
 * one inverse-CDF step of the continuous power law, `r = ⌊n · u^(1/(1−β))⌋`, so a draw costs O(1) and the
 * whole graph lives in typed arrays. Targets use β = 0.7 (in-degrees with a tail exponent 1 + 1/β ≈ 2.4, as
 * for reactions received on Twitter), actors β = 0.4 (activity is skewed less). Ranks are then mapped to node
 * ids by a seeded shuffle, so popular nodes are scattered over the id range as accounts numbered in
 * `account_id` order are. Reactions to oneself are redrawn; repeated pairs are kept (the CSR merges them).
 * Weights are 1, 2 or 3, like reaction kinds of different worth.
 */
import {mulberry32} from "../scoring/random.js";

export interface Interactions {
  nodeCount: number;
  actors: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

/** Interactions per node on average: Higgs has about 1.8 per account, denser social logs 10 or more. */
export const INTERACTIONS_PER_NODE = 10;
export const TARGET_SKEW = 0.7;
export const ACTOR_SKEW = 0.4;

const MODULE = "bench/synthetic-graph";

/** `count` interactions among `count / INTERACTIONS_PER_NODE` nodes (at least 2), drawn from `seed`. */
export function syntheticInteractions(count: number, seed: number): Interactions {
  if (!Number.isSafeInteger(count) || count < 1 || count > 0x7fffffff) {
    throw new Error(`${MODULE}: count must be a positive integer below 2^31, got ${count}`);
  }
  const nodeCount = Math.max(2, Math.round(count / INTERACTIONS_PER_NODE));
  const random = mulberry32(seed);
  const idOfRank = shuffledIds(nodeCount, random);
  const draw = (skew: number) =>
    idOfRank[Math.min(nodeCount - 1, Math.floor(nodeCount * random() ** (1 / (1 - skew))))]!;
  const actors = new Int32Array(count);
  const targets = new Int32Array(count);
  const weights = new Float64Array(count);
  for (let e = 0; e < count; e++) {
    const actor = draw(ACTOR_SKEW);
    let target = draw(TARGET_SKEW);
    while (target === actor) target = draw(TARGET_SKEW);
    actors[e] = actor;
    targets[e] = target;
    weights[e] = 1 + Math.floor(random() * 3);
  }
  return {nodeCount, actors, targets, weights};
}

/** A Fisher–Yates permutation of 0…n−1. */
function shuffledIds(n: number, random: () => number): Int32Array {
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = t;
  }
  return ids;
}
