/**
 * Louvain modularity optimisation (Blondel, Guillaume, Lambiotte, Lefebvre 2008, "Fast unfolding of communities in
 * large networks", J. Stat. Mech. P10008), as graphology-communities-louvain implements it, on a simple undirected
 * weighted graph. Louvain visits nodes in a random order: a seeded generator makes the communities reproducible.
 *
 * The graph handed to Louvain is not a graphology `Graph`: graphology imports Node's `events` module, which the
 * site's bundler (Framework 1.13) leaves as a bare import that browsers cannot resolve. Louvain reads its graph
 * through a few methods of graphology's interface only (and recognises a graph by duck typing), so
 * `louvainGraph` provides those; the tests check that it gives the same communities as a graphology graph.
 */
import louvainModule from "graphology-communities-louvain";
import {mulberry32} from "../random.js";

// The package is CommonJS while its declarations say `export default`: the default import is the function.
const louvain = louvainModule as unknown as typeof louvainModule.default;

export const LOUVAIN_DEFAULTS = Object.freeze({seed: 1, resolution: 1});

export interface WeightedEdge {
  source: string;
  target: string;
  weight: number;
}

type LouvainGraph = Parameters<typeof louvain>[0];

/**
 * A read-only, simple (no loops, no parallel edges) undirected graph of `nodes` and weighted `edges`, offering
 * the part of graphology's interface Louvain reads: nodes and edges visited in the order given, as a graphology
 * graph built in that order would visit them.
 */
export function louvainGraph(nodes: readonly string[], edges: readonly WeightedEdge[]): LouvainGraph {
  const degrees = new Map(nodes.map((node) => [node, 0]));
  for (const {source, target} of edges) {
    if (source === target || !degrees.has(source) || !degrees.has(target))
      throw new Error(`scoring/louvain: edge ${source}–${target} is a loop or leaves the graph`);
    degrees.set(source, degrees.get(source)! + 1);
    degrees.set(target, degrees.get(target)! + 1);
  }
  const readOnly = () => {
    throw new Error("scoring/louvain: the graph is read-only");
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

/**
 * Each node's community label (Louvain's own numbering) on the graph of `nodes` and `edges`.
 *
 * @example
 * louvainCommunities(["a", "b", "c"], [{source: "a", target: "b", weight: 2}]); // => {a: 0, b: 0, c: 1}
 */
export function louvainCommunities(
  nodes: readonly string[],
  edges: readonly WeightedEdge[],
  {seed = LOUVAIN_DEFAULTS.seed, resolution = LOUVAIN_DEFAULTS.resolution}: {seed?: number; resolution?: number} = {}
): Record<string, number> {
  return louvain(louvainGraph(nodes, edges), {getEdgeWeight: "weight", resolution, rng: mulberry32(seed)});
}
