/**
 * PageRank on the Higgs reaction graph (304,691 accounts): Sway's CSR kernel against graphology-metrics'
 * PageRank, the JavaScript peer, on the same graph with the same damping and tolerance.
 */
import {DirectedGraph} from "graphology";
import graphologyPagerankModule from "graphology-metrics/centrality/pagerank.js";
import {importInto} from "../loaders/import.js";
import {openWarehouse} from "../loaders/warehouse.js";
import {pagerank} from "../scoring/graph/pagerank.js";
import {reactionGraph} from "../scoring/graphs.js";
import {measure, report} from "./harness.js";

// The package is CommonJS while its declarations say `export default`; under NodeNext the default import is
// the module object, whose type TypeScript then misreads.
const graphologyPagerank = graphologyPagerankModule as unknown as typeof graphologyPagerankModule.default;

export async function pagerankBench(higgsFile: string, workDir: string): Promise<void> {
  await importInto("snap-higgs", [higgsFile], workDir);
  const {db} = await openWarehouse(workDir);
  const {graph} = await reactionGraph(db);
  db.close();

  const peer = new DirectedGraph();
  for (let node = 0; node < graph.nodeCount; node++) peer.addNode(node);
  for (let source = 0; source < graph.nodeCount; source++) {
    for (let e = graph.offsets[source]!; e < graph.offsets[source + 1]!; e++) {
      peer.addDirectedEdge(source, graph.targets[e]!, {weight: graph.weights[e]!});
    }
  }
  // graphology stops when the L1 change is below N·tolerance; ours stops below tolerance.
  const tolerance = 1e-10;
  const results = await measure([
    {
      name: "graphology-metrics pagerank",
      run: () =>
        graphologyPagerank(peer, {
          getEdgeWeight: "weight",
          alpha: 0.85,
          tolerance: tolerance / graph.nodeCount,
          maxIterations: 1000
        })
    },
    {name: "sway scoring/graph/pagerank (CSR)", run: () => pagerank(graph, {damping: 0.85, tolerance})}
  ]);
  report(`PageRank, Higgs reaction graph: ${graph.nodeCount} nodes, ${graph.targets.length} edges`, results);
}
