/**
 * One JavaScript contender of the PageRank benchmark in a process of its own, so that its peak memory is its
 * own and no other contender's garbage or JIT state is in its way:
 *
 *   tsx bench/pagerank-peer.ts <sway|sway-power|sway-threads|graphology|duckdb-sql> <graph-dir> <damping> <tolerance> <max-iterations> <runs> <scores-out>
 *
 * Reads the graph that `bench/graph-file.ts` wrote, builds what the tool needs outside the timed runs (a
 * graphology graph; a DuckDB edge table), times `runs` runs, writes the last run's scores as raw float64 and
 * prints `{"runsMs": [...], "iterations": k | null, "maxRssKiB": r}` on stdout. graphology does not report its
 * iterations (null).
 */
import {availableParallelism} from "node:os";
import {DirectedGraph} from "graphology";
import graphologyPagerankModule from "graphology-metrics/centrality/pagerank.js";
import {openNodeDb} from "../loaders/node-db.js";
import type {Csr} from "../scoring/graph/csr.js";
import {pagerank, type PagerankOptions} from "../scoring/graph/pagerank.js";
import {readGraphFiles, writeScores} from "./graph-file.js";
import {loadEdges, readSqlScores, sqlPagerank} from "./pagerank-sql.js";
import {sharedCsr, startPagerankThreads} from "./pagerank-threads.js";

// The package is CommonJS while its declarations say `export default`; under NodeNext the default import is
// the module object, whose type TypeScript then misreads.
const graphologyPagerank = graphologyPagerankModule as unknown as typeof graphologyPagerankModule.default;

interface Settings {
  damping: number;
  tolerance: number;
  maxIterations: number;
}

/** Prepares one tool on `graph`; the returned `run` is what is timed, `scores` reads the last run's result. */
type Prepare = (
  graph: Csr,
  settings: Settings
) => Promise<{run: () => Promise<number | null>; scores: () => Promise<Float64Array>; close?: () => void}>;

/** `pagerank()` of `scoring/`, by the given method. */
const swayPagerank =
  (method: PagerankOptions["method"]): Prepare =>
  async (graph, settings) => {
    let scores: Float64Array = new Float64Array(0);
    return {
      run: async () => {
        const result = pagerank(graph, {...settings, method});
        scores = result.scores;
        return result.iterations;
      },
      scores: async () => scores
    };
  };

const TOOLS: Record<string, Prepare> = {
  sway: swayPagerank("solve"),
  "sway-power": swayPagerank("power"),
  async "sway-threads"(graph, settings) {
    const threads = await startPagerankThreads(availableParallelism());
    // The graph in memory the threads share, as C's threads share its arrays; not timed, as no tool's graph is.
    const shared = sharedCsr(graph);
    let scores: Float64Array = new Float64Array(0);
    return {
      run: async () => {
        const result = threads.pagerank(shared, settings);
        scores = result.scores;
        return result.iterations;
      },
      scores: async () => scores,
      close: () => threads.close()
    };
  },
  async graphology(graph, {damping, tolerance, maxIterations}) {
    const peer = new DirectedGraph();
    for (let node = 0; node < graph.nodeCount; node++) peer.addNode(node);
    for (let source = 0; source < graph.nodeCount; source++) {
      for (let k = graph.offsets[source]!; k < graph.offsets[source + 1]!; k++) {
        peer.addDirectedEdge(source, graph.targets[k]!, {weight: graph.weights[k]!});
      }
    }
    let result: Record<string, number> = {};
    return {
      // graphology stops when the L1 change is below N·tolerance; ours stops below tolerance.
      run: async () => {
        result = graphologyPagerank(peer, {
          getEdgeWeight: "weight",
          alpha: damping,
          tolerance: tolerance / graph.nodeCount,
          maxIterations
        });
        return null;
      },
      scores: async () => Float64Array.from({length: graph.nodeCount}, (_, node) => result[String(node)]!)
    };
  },
  async "duckdb-sql"(graph, settings) {
    const db = await openNodeDb();
    await loadEdges(db, graph);
    return {
      run: () => sqlPagerank(db, graph.nodeCount, settings),
      scores: () => readSqlScores(db, graph.nodeCount),
      close: () => db.close()
    };
  }
};

const [tool, graphDir, damping, tolerance, maxIterations, runs, scoresOut] = process.argv.slice(2);
const prepare = TOOLS[tool ?? ""];
if (!prepare || scoresOut === undefined) {
  console.error(
    `bench/pagerank-peer: usage: <${Object.keys(TOOLS).join("|")}> <graph-dir> <damping> <tolerance> <max-iterations> <runs> <scores-out>`
  );
  process.exit(2);
}
const graph = readGraphFiles(graphDir!);
const contender = await prepare(graph, {
  damping: Number(damping),
  tolerance: Number(tolerance),
  maxIterations: Number(maxIterations)
});
const runsMs: number[] = [];
let iterations: number | null = null;
for (let r = 0; r < Number(runs); r++) {
  const start = performance.now();
  iterations = await contender.run();
  runsMs.push(performance.now() - start);
}
writeScores(scoresOut, await contender.scores());
await contender.close?.();
console.log(JSON.stringify({runsMs, iterations, maxRssKiB: process.resourceUsage().maxRSS}));
