/**
 * A seeded feature table shaped like the Klout-style method's (`scoring/methods/klout.ts`): heavy-tailed counts
 * (a uniform draw cubed), one account in five a second network of the account before it (same person), for
 * re-ranking tests and the weights-playground benchmark.
 */
import {personIndex, type FeatureTable} from "../scoring/methods/method.js";
import {mulberry32} from "../scoring/random.js";

export function syntheticKloutFeatures(n: number, seed: number): FeatureTable {
  const random = mulberry32(seed);
  const column = (scale: number) => Float64Array.from({length: n}, () => Math.floor(random() ** 3 * scale));
  const accountIds = Array.from({length: n}, (_, i) => `t:${String(i).padStart(6, "0")}`);
  return {
    accountIds,
    networks: accountIds.map((_, i) => (i % 5 === 1 ? "m" : "t")),
    ...personIndex(accountIds.map((id, i) => (i % 5 === 1 ? accountIds[i - 1]! : id))),
    columns: {
      selective_reactions: column(50),
      reactions: column(80),
      distinct_reactors: column(40),
      posts: column(30),
      has_posts: new Float64Array(n).fill(1),
      pagerank: column(5),
      followers: column(100_000),
      listed: column(50)
    }
  };
}
