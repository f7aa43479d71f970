/**
 * PageRank, Sway's kernel beside its peers on the same graphs with the same definition (damping 0.85, dangling
 * mass spread uniformly, weighted edges, L1 tolerance): the single-threaded C loop (`bench/pagerank.c`, built
 * with the machine's `cc`), iterative SQL in native DuckDB, graphology-metrics, networkx and python-igraph.
 * Sway runs three times: `pagerank()` as `scoring/` runs it, in the browser too (the linear system solved by
 * strongly connected components, `scoring/graph/pagerank-solve.ts`); its power iteration (`method: "power"`),
 * the same algorithm as the C loop and the row its time per iteration is compared on; and, in Node, that pull
 * iteration on every core (`bench/pagerank-threads.ts`). Every contender runs in a process of its own on the
 * graph files of `bench/graph-file.ts`; every result is checked against Sway's (L1 below 1e-6). Slow peers run
 * only at the sizes where the whole measurement is expected to finish within the time limit, estimated from
 * their time at the previous size scaled by edges. A STREAM-like triad gives the memory bandwidth, and from it
 * the bandwidth-bound time of one iteration.
 */
import {spawnSync} from "node:child_process";
import {availableParallelism} from "node:os";
import {join} from "node:path";
import type {Csr} from "../scoring/graph/csr.js";
import {readScores, writeGraphFiles} from "./graph-file.js";
import {
  TimeLimit,
  runChild,
  runTsChild,
  rowOf,
  type Budget,
  type ChildReport,
  type Results,
  type Row,
  type RunPlan
} from "./harness.js";

export const DAMPING = 0.85;
/** L1 change at which every contender stops: the error to the fixed point is then below d/(1−d)·1e-10 ≈ 6e-10. */
export const TOLERANCE = 1e-10;
export const MAX_ITERATIONS = 1000;
/** Results further than this (L1) from Sway's are reported as disagreeing. */
export const AGREEMENT = 1e-6;

export interface GraphSize {
  label: string;
  graph: () => Promise<Csr>;
}

export interface PagerankBenchOptions {
  plan: RunPlan;
  /** Longest a peer's whole measurement at one size may be expected to take. */
  timeLimitMs: number;
  /** Size of each triad array, MB. */
  triadMegabytes: number;
}

/** A contender: how to run it on a graph folder, or why it cannot run on this machine. */
interface Contender {
  tool: string;
  /** Whether its time grows with the graph such that it must be estimated before each size. */
  slow: boolean;
  available:
    string | {run: (graphDir: string, runs: number, scoresOut: string, timeoutMs: number) => Promise<ChildReport>};
}

export async function pagerankBench(
  sizes: GraphSize[],
  workDir: string,
  {plan, timeLimitMs, triadMegabytes}: PagerankBenchOptions,
  results: Results
): Promise<void> {
  const cBinary = compileC(workDir);
  const contenders = pagerankContenders(cBinary);
  const bandwidth = typeof cBinary === "string" ? undefined : triadBandwidth(cBinary.path, triadMegabytes);
  if (bandwidth !== undefined) {
    results.notes.push(
      `triad bandwidth (3 × ${triadMegabytes} MB arrays, best of 10): ${(bandwidth / 1e9).toFixed(1)} GB/s`
    );
  }
  const limit = new TimeLimit(timeLimitMs);
  const runs = plan.warmup + plan.repeats;
  for (const size of sizes) {
    const graph = await size.graph();
    const edges = graph.targets.length;
    const label = `${size.label} (${graph.nodeCount.toLocaleString("en-US")} nodes, ${edges.toLocaleString("en-US")} edges)`;
    const graphDir = join(workDir, `graph-${size.label}`);
    writeGraphFiles(graphDir, graph);
    const rows: Row[] = [];
    let swayScores: Float64Array | undefined;
    let powerIterations: number | null = null;
    for (const contender of contenders) {
      const skip = (reason: string) =>
        results.skipped.push({kernel: "pagerank", tool: contender.tool, size: label, reason});
      if (typeof contender.available === "string") {
        skip(contender.available);
        continue;
      }
      const tooSlow = contender.slow ? limit.reasonToSkip(contender.tool, edges) : undefined;
      if (tooSlow) {
        skip(tooSlow);
        continue;
      }
      const scoresOut = join(graphDir, `scores-${contender.tool.replace(/\W+/g, "-")}.f64`);
      const start = performance.now();
      let report: ChildReport;
      try {
        // Only slow peers are held to the limit; Sway and C must finish at every size.
        report = await contender.available.run(graphDir, runs, scoresOut, (contender.slow ? 3 : 30) * timeLimitMs);
      } catch (error) {
        skip(`failed: ${(error as Error).message}`);
        continue;
      }
      limit.record(contender.tool, size.label, edges, performance.now() - start);
      const row = rowOf("pagerank", contender.tool, label, report, plan);
      const scores = readScores(scoresOut);
      if (contender.tool === SWAY) swayScores = scores;
      if (contender.tool === SWAY_POWER) powerIterations = report.iterations;
      row.iterations = report.iterations;
      // The solver's sweeps are not passes over the whole graph, so it has no time per iteration; a peer that
      // does not report its iterations (graphology) is a power iteration and is given Sway's count.
      const iterations = contender.tool === SWAY ? null : (report.iterations ?? powerIterations);
      row.perIterationMs = iterations ? row.medianMs / iterations : null;
      row.l1ToSway = swayScores ? l1Distance(scores, swayScores) : null;
      rows.push(row);
    }
    results.rows.push(...rows);
    results.budgets.push(...pagerankBudgets(label, rows));
    for (const row of rows) {
      if (row.l1ToSway != null && !(row.l1ToSway < AGREEMENT)) {
        results.notes.push(`pagerank ${label}: ${row.tool} DISAGREES with sway (L1 ${row.l1ToSway.toExponential(2)})`);
      }
    }
    if (bandwidth !== undefined) results.notes.push(boundNote(label, graph, bandwidth, rows));
  }
}

const SWAY = "sway";
const SWAY_POWER = "sway power iteration";
const SWAY_THREADS = `sway, ${availableParallelism()} worker threads (Node)`;
const C_LOOP = "C loop (cc -O2, 1 thread)";
const GRAPHOLOGY = "graphology-metrics";
const IGRAPH = "python-igraph (PRPACK)";

function pagerankContenders(cBinary: string | {path: string}): Contender[] {
  const settings = [String(DAMPING), String(TOLERANCE), String(MAX_ITERATIONS)];
  const tsPeer = (tool: string): Contender["available"] => ({
    run: (dir, runs, out, timeout) =>
      runTsChild("pagerank-peer.ts", [tool, dir, ...settings, String(runs), out], timeout)
  });
  const python = (module: string): Contender["available"] => {
    const interpreter = pythonWith(module);
    if (interpreter === undefined) return `not installed (no python3 here imports ${module})`;
    return {
      run: (dir, runs, out, timeout) =>
        runChild(interpreter, [PYTHON_PEER, module, dir, ...settings, String(runs), out], timeout)
    };
  };
  return [
    {tool: SWAY, slow: false, available: tsPeer("sway")},
    {tool: SWAY_POWER, slow: false, available: tsPeer("sway-power")},
    {tool: SWAY_THREADS, slow: false, available: tsPeer("sway-threads")},
    {
      tool: C_LOOP,
      slow: false,
      available:
        typeof cBinary === "string"
          ? cBinary
          : {
              run: (dir, runs, out, timeout) =>
                runChild(cBinary.path, ["pagerank", dir, ...settings, String(runs), out], timeout)
            }
    },
    {tool: "duckdb native (iterative SQL)", slow: true, available: tsPeer("duckdb-sql")},
    {tool: GRAPHOLOGY, slow: true, available: tsPeer("graphology")},
    {tool: "networkx", slow: true, available: python("networkx")},
    {tool: IGRAPH, slow: true, available: python("igraph")}
  ];
}

const PYTHON_PEER = join(import.meta.dirname, "pagerank.py");

/** The first of the machine's Pythons (the one on PATH, then Debian's) that imports `module`. */
function pythonWith(module: string): string | undefined {
  for (const interpreter of ["python3", "/usr/bin/python3"]) {
    if (spawnSync(interpreter, [PYTHON_PEER, module, "--check"], {stdio: "ignore"}).status === 0) return interpreter;
  }
  return undefined;
}

/** Builds `bench/pagerank.c` into `workDir`; a string says why it could not be. */
function compileC(workDir: string): string | {path: string} {
  const path = join(workDir, "pagerank-c");
  const built = spawnSync("cc", ["-O2", "-o", path, join(import.meta.dirname, "pagerank.c"), "-lm"], {
    encoding: "utf8"
  });
  if (built.error) return "not installed (no cc on this machine)";
  if (built.status !== 0) return `cc failed: ${built.stderr.trim().split("\n")[0]}`;
  return {path};
}

function triadBandwidth(binary: string, megabytes: number): number | undefined {
  const probe = spawnSync(binary, ["triad", String(megabytes)], {encoding: "utf8"});
  if (probe.status !== 0) return undefined;
  return (JSON.parse(probe.stdout) as {bytesPerSecond: number}).bytesPerSecond;
}

export function l1Distance(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Infinity;
  let total = 0;
  for (let i = 0; i < a.length; i++) total += Math.abs(a[i]! - b[i]!);
  return total;
}

/**
 * The PageRank budgets at one size, for the peers that ran there: the speed budgets met by Sway's fastest
 * row in Node (the solver, or the power iteration single-threaded or on every core), the budget per iteration by
 * the faster of its power iterations, the algorithm the C loop runs; each budget's name says which row.
 */
function pagerankBudgets(label: string, rows: Row[]): Budget[] {
  const find = (tool: string) => rows.find((row) => row.tool === tool);
  const fastest = (tools: string[], time: (row: Row) => number | null) =>
    tools
      .map(find)
      .filter((row): row is Row => row !== undefined && time(row) != null)
      .sort((a, b) => time(a)! - time(b)!)[0];
  const ours = fastest([SWAY, SWAY_POWER, SWAY_THREADS], (row) => row.medianMs);
  if (!ours) return [];
  const budgets: Budget[] = [];
  const faster = (tool: string, times: number) => {
    const peer = find(tool);
    if (!peer) return;
    const ratio = peer.medianMs / ours.medianMs;
    budgets.push({
      name: `pagerank ${label}: ${ours.tool} at least ${times}× faster than ${tool}`,
      target: `≥ ${times}×`,
      measured: `${ratio.toFixed(1)}×`,
      met: ratio >= times
    });
  };
  faster(GRAPHOLOGY, 30);
  faster(IGRAPH, 4);
  const c = find(C_LOOP);
  const power = fastest([SWAY_POWER, SWAY_THREADS], (row) => row.perIterationMs ?? null);
  if (c?.perIterationMs && power?.perIterationMs) {
    const ratio = power.perIterationMs / c.perIterationMs;
    budgets.push({
      name: `pagerank ${label}: ${power.tool} per iteration within 1.5× of the single-threaded C loop`,
      target: "≤ 1.5×",
      measured: `${ratio.toFixed(2)}× (${power.perIterationMs.toFixed(2)} vs ${c.perIterationMs.toFixed(2)} ms)`,
      met: ratio <= 1.5
    });
  }
  return budgets;
}

/**
 * The least memory traffic of one pull iteration: each edge's source index and probability (4 + 8 bytes), and
 * each node's offset, score read and score written (4 + 8 + 8 bytes), assuming the random reads of neighbours'
 * scores all hit the cache. At the triad's bandwidth no implementation can iterate faster than this.
 */
function boundNote(label: string, graph: Csr, bytesPerSecond: number, rows: Row[]): string {
  const bytes = 12 * graph.targets.length + 20 * graph.nodeCount;
  const boundMs = (bytes / bytesPerSecond) * 1000;
  const distances = rows
    .filter((row) => row.perIterationMs && row.iterations)
    .map((row) => `${row.tool} ${(row.perIterationMs! / boundMs).toFixed(1)}×`);
  return `pagerank ${label}: bandwidth-bound iteration ${boundMs.toFixed(2)} ms (${(bytes / 1e6).toFixed(0)} MB); per iteration: ${distances.join(", ")}`;
}
