import {UndirectedGraph} from "graphology";
import louvainModule from "graphology-communities-louvain";
import {describe, expect, it} from "vitest";
import {louvainCommunities, louvainGraph} from "../../../scoring/graph/louvain.js";
import {mulberry32} from "../../../scoring/random.js";

// CommonJS: the default export is the function itself.
const louvain = louvainModule as unknown as typeof louvainModule.default;

describe("louvainGraph", () => {
  it("louvainGraph gives Louvain the same communities as a graphology graph built in the same order", () => {
    const random = mulberry32(3);
    const nodes = Array.from({length: 40}, (_, i) => `n${String(i).padStart(2, "0")}`);
    const seen = new Set<string>();
    const edges: {source: string; target: string; weight: number}[] = [];
    for (let k = 0; k < 120; k++) {
      const [a, b] = [nodes[Math.floor(random() * 40)]!, nodes[Math.floor(random() * 40)]!];
      const [source, target] = a < b ? [a, b] : [b, a];
      if (a === b || seen.has(source + target)) continue;
      seen.add(source + target);
      edges.push({source, target, weight: 1 + Math.floor(random() * 5)});
    }
    const graph = new UndirectedGraph();
    for (const node of nodes) graph.addNode(node);
    for (const {source, target, weight} of edges) graph.addEdge(source, target, {weight});
    for (const seed of [1, 2, 3]) {
      const options = {getEdgeWeight: "weight", rng: mulberry32(seed)};
      const ours = louvain(louvainGraph(nodes, edges), {...options, rng: mulberry32(seed)});
      expect(ours).toEqual(louvain(graph, options));
    }
  });

  it("louvainGraph refuses loops and edges to unknown nodes", () => {
    expect(() => louvainGraph(["a"], [{source: "a", target: "a", weight: 1}])).toThrow("scoring/louvain: edge a–a");
    expect(() => louvainGraph(["a"], [{source: "a", target: "b", weight: 1}])).toThrow("scoring/louvain: edge a–b");
  });
});

describe("louvainCommunities", () => {
  it("louvainCommunities(nodes, edges) separates two triangles joined by a weak edge and leaves a loner alone", () => {
    const triangle = (a: string, b: string, c: string) => [
      {source: a, target: b, weight: 3},
      {source: b, target: c, weight: 3},
      {source: a, target: c, weight: 3}
    ];
    const edges = [...triangle("a", "b", "c"), ...triangle("x", "y", "z"), {source: "c", target: "x", weight: 1}];
    const labels = louvainCommunities(["a", "b", "c", "x", "y", "z", "loner"], edges);
    expect(labels.a).toBe(labels.b);
    expect(labels.b).toBe(labels.c);
    expect(labels.x).toBe(labels.y);
    expect(labels.y).toBe(labels.z);
    expect(labels.a).not.toBe(labels.x);
    expect(new Set(Object.values(labels)).size).toBe(3);
  });
});
