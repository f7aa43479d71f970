/**
 * Communities of the interaction graph: Louvain (`../graph/louvain.ts`) on the window's reaction graph taken as
 * undirected, each pair's weight the reactions between the two accounts either way. An account without
 * reactions either way is a community of its own.
 */
import type {Db} from "../db.js";
import {louvainCommunities as louvain, type WeightedEdge} from "../graph/louvain.js";
import {reactionGraph} from "../graphs.js";
import type {TimeWindow} from "./activity.js";

/** The Louvain community of every account, in `account_id` order, as `louvain:<n>`. */
export async function louvainCommunities(db: Db, window: TimeWindow, seed = 1): Promise<string[]> {
  const {accountIds, graph} = await reactionGraph(db, {window});
  // Pairs in the order they first appear (source, then target), each weighted by its reactions either way.
  const pairs = new Map<number, WeightedEdge>();
  const n = accountIds.length;
  for (let source = 0; source < n; source++) {
    for (let e = graph.offsets[source]!; e < graph.offsets[source + 1]!; e++) {
      const target = graph.targets[e]!;
      if (target === source) continue;
      const key = Math.min(source, target) * n + Math.max(source, target);
      const pair = pairs.get(key);
      if (pair) pair.weight += graph.weights[e]!;
      else pairs.set(key, {source: accountIds[source]!, target: accountIds[target]!, weight: graph.weights[e]!});
    }
  }
  const community = louvain(accountIds, [...pairs.values()], {seed});
  return accountIds.map((id) => `louvain:${community[id]}`);
}
