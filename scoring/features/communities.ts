/**
 * Communities of the interaction graph: Louvain modularity optimisation (Blondel, Guillaume, Lambiotte, Lefebvre
 * 2008, "Fast unfolding of communities in large networks", J. Stat. Mech. P10008) by graphology, on the window's
 * reaction graph taken as undirected, each pair's weight the reactions between the two accounts either way.
 * Louvain visits nodes in a random order; a seeded generator makes the communities reproducible. An account
 * without reactions either way is a community of its own.
 */
import {UndirectedGraph} from "graphology";
import louvainModule from "graphology-communities-louvain";
import type {Db} from "../db.js";
import {reactionGraph} from "../graphs.js";
import {mulberry32} from "../random.js";
import type {TimeWindow} from "./activity.js";

// The package is CommonJS while its declarations say `export default`: the default import is the function.
const louvain = louvainModule as unknown as typeof louvainModule.default;

/** The Louvain community of every account, in `account_id` order, as `louvain:<n>`. */
export async function louvainCommunities(db: Db, window: TimeWindow, seed = 1): Promise<string[]> {
  const {accountIds, graph} = await reactionGraph(db, {window});
  const undirected = new UndirectedGraph<Record<string, never>, {weight: number}>();
  for (const id of accountIds) undirected.addNode(id);
  for (let source = 0; source < accountIds.length; source++) {
    for (let e = graph.offsets[source]!; e < graph.offsets[source + 1]!; e++) {
      const [a, b] = [accountIds[source]!, accountIds[graph.targets[e]!]!];
      undirected.updateEdge(a, b, (attributes) => ({weight: (attributes?.weight ?? 0) + graph.weights[e]!}));
    }
  }
  const community = louvain(undirected, {getEdgeWeight: "weight", rng: mulberry32(seed)});
  return accountIds.map((id) => `louvain:${community[id]}`);
}
