/**
 * Communities of an ego network by Louvain modularity optimisation (Blondel, Guillaume, Lambiotte, Lefebvre 2008,
 * "Fast unfolding of communities in large networks"), as graphology-communities-louvain implements it, on the
 * undirected graph of the accounts shown, each pair weighted by its interactions (both directions, every kind).
 * Louvain visits nodes in a random order: the order comes from a seeded generator, so the same network always
 * gets the same communities.
 *
 * The graph is not a graphology `Graph`: graphology imports Node's `events` module, which Framework 1.13 leaves as a
 * bare import in the browser bundle, where it cannot be resolved. Louvain only reads its graph through a few
 * methods of graphology's interface (and recognises a graph by duck typing), so `louvainGraph` provides those for
 * a simple undirected graph; the tests check that it gives the same communities as a graphology graph.
 */
import louvainModule from "graphology-communities-louvain";
import {mulberry32} from "../scoring/random.js";
import {compareIds, pairWeights, type EgoNetwork} from "./network.js";

// The package is CommonJS: its default export is the function itself, whatever its type declarations say.
const louvain = louvainModule as unknown as typeof louvainModule.default;

export const COMMUNITY_DEFAULTS = {seed: 1, resolution: 1};

/**
 * Each account's community, numbered 0, 1, … from the largest community down (equal sizes: the one holding the
 * smallest account id first), so colours follow size rather than the algorithm's internal labels. An account
 * with no tie is a community of its own.
 *
 * @example
 * egoCommunities(egoNetwork(rows, "a")).get("a"); // => 0 when a's community is the largest
 */
export function egoCommunities(
  network: EgoNetwork,
  {
    seed = COMMUNITY_DEFAULTS.seed,
    resolution = COMMUNITY_DEFAULTS.resolution
  }: {seed?: number; resolution?: number} = {}
): Map<string, number> {
  const ids = network.nodes.map((node) => node.account_id).sort(compareIds);
  const pairs = pairWeights(network).map((pair) => ({...pair, weight: pair.interactions}));
  const labels = louvain(louvainGraph(ids, pairs), {getEdgeWeight: "weight", resolution, rng: mulberry32(seed)});

  const members = new Map<number, string[]>();
  for (const id of ids) {
    const label = labels[id]!;
    if (!members.has(label)) members.set(label, []);
    members.get(label)!.push(id);
  }
  // Members were added in id order, so each list's first id is its smallest.
  const ordered = [...members.values()].sort((a, b) => b.length - a.length || compareIds(a[0]!, b[0]!));
  const communities = new Map<string, number>();
  ordered.forEach((group, index) => group.forEach((id) => communities.set(id, index)));
  return communities;
}

type LouvainGraph = Parameters<typeof louvain>[0];

/**
 * A read-only, simple (no loops, no parallel edges) undirected graph of `nodes` and weighted `edges`, offering
 * the part of graphology's interface Louvain reads: nodes and edges visited in the order given, as a graphology
 * graph built in that order would visit them.
 */
export function louvainGraph(
  nodes: readonly string[],
  edges: readonly {source: string; target: string; weight: number}[]
): LouvainGraph {
  const degrees = new Map(nodes.map((node) => [node, 0]));
  for (const {source, target} of edges) {
    if (source === target || !degrees.has(source) || !degrees.has(target))
      throw new Error(`network: edge ${source}–${target} is a loop or leaves the graph`);
    degrees.set(source, degrees.get(source)! + 1);
    degrees.set(target, degrees.get(target)! + 1);
  }
  const readOnly = () => {
    throw new Error("network: the Louvain graph is read-only");
  };
  const graph = {
    type: "undirected",
    multi: false,
    order: nodes.length,
    size: edges.length,
    selfLoopCount: 0,
    forEachNode: (callback: (node: string, attributes: object) => void) => {
      for (const node of nodes) callback(node, {});
    },
    forEachEdge: (
      callback: (
        edge: string,
        attributes: {weight: number},
        source: string,
        target: string,
        sourceAttributes: object,
        targetAttributes: object,
        undirected: boolean
      ) => void
    ) => {
      edges.forEach(({source, target, weight}, index) =>
        callback(String(index), {weight}, source, target, {}, {}, true)
      );
    },
    undirectedDegreeWithoutSelfLoops: (node: string) => degrees.get(node)!,
    // Graphology recognises a graph by these methods; Louvain never calls them.
    addUndirectedEdgeWithKey: readOnly,
    dropNode: readOnly
  };
  return graph as unknown as LouvainGraph;
}

/** A community of the network as its table shows it. */
export interface CommunitySummary {
  community: number;
  size: number;
  /** The member with the highest score (equal scores or none: the smallest account id). */
  top: string;
  /** Interactions between two of its members. */
  inside: number;
}

/** One row per community, in community order; `score` gives an account's score (undefined: not scored). */
export function communitySummaries(
  network: EgoNetwork,
  communities: ReadonlyMap<string, number>,
  score: (accountId: string) => number | undefined
): CommunitySummary[] {
  const summaries = new Map<number, CommunitySummary>();
  const rank = (id: string) => score(id) ?? -Infinity;
  for (const {account_id} of network.nodes) {
    const community = communities.get(account_id)!;
    const summary = summaries.get(community);
    if (!summary) {
      summaries.set(community, {community, size: 1, top: account_id, inside: 0});
      continue;
    }
    summary.size++;
    if (rank(account_id) > rank(summary.top) || (rank(account_id) === rank(summary.top) && account_id < summary.top))
      summary.top = account_id;
  }
  for (const pair of pairWeights(network)) {
    const community = communities.get(pair.source)!;
    if (community === communities.get(pair.target)) summaries.get(community)!.inside += pair.interactions;
  }
  return [...summaries.values()].sort((a, b) => a.community - b.community);
}
