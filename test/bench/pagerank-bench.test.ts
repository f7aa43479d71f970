import {describe, it, expect, afterAll} from "vitest";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {buildCsr} from "../../scoring/graph/csr.js";
import {emptyResults, writeResults} from "../../bench/harness.js";
import {AGREEMENT, pagerankBench} from "../../bench/pagerank.bench.js";
import {syntheticInteractions} from "../../bench/synthetic-graph.js";
import {tempDir} from "../helpers/world.js";

const work = tempDir("sway-bench-test-");
afterAll(() => work.remove());

describe("pagerankBench on a small synthetic graph", () => {
  it("runs every installed contender, all within L1 1e-6 of networkx, and saves the promised results shape", async () => {
    const {nodeCount, actors, targets, weights} = syntheticInteractions(3_000, 5);
    const results = emptyResults();
    await pagerankBench(
      [{label: "3k", graph: async () => buildCsr(nodeCount, actors, targets, weights)}],
      work.dir,
      {plan: {warmup: 1, repeats: 2}, timeLimitMs: 60_000, triadMegabytes: 8},
      results
    );
    const tools = results.rows.map((row) => row.tool);
    // networkx (python3-networkx) is the independent reference; the others must be there on any machine with Node.
    for (const tool of [
      "sway",
      "sway power iteration",
      "duckdb native (iterative SQL)",
      "graphology-metrics",
      "networkx"
    ]) {
      expect(tools).toContain(tool);
    }
    expect(tools.some((tool) => tool.startsWith("sway, "))).toBe(true);
    // A contender either ran or is listed with a reason: never silently dropped.
    expect(results.rows.length + results.skipped.length).toBe(8);
    for (const skipped of results.skipped) expect(skipped.reason).toMatch(/^not installed|^cc failed/);
    const networkx = results.rows.find((row) => row.tool === "networkx")!;
    // l1ToSway is measured against Sway's scores, so networkx's row is Sway checked against networkx.
    expect(networkx.l1ToSway).toBeLessThan(AGREEMENT);
    for (const row of results.rows) {
      expect(row.l1ToSway).toBeLessThan(AGREEMENT);
      expect(row.minMs).toBeLessThanOrEqual(row.medianMs);
      expect(row.medianMs).toBeLessThanOrEqual(row.maxMs);
      expect(row.peakMiB).toBeGreaterThan(0);
    }
    expect(results.budgets.length).toBeGreaterThan(0);
    // The solver's sweeps are not passes over the graph: only the power iterations are timed per iteration.
    expect(results.rows.find((row) => row.tool === "sway")!.perIterationMs).toBeNull();
    expect(results.rows.find((row) => row.tool === "sway power iteration")!.perIterationMs).toBeGreaterThan(0);
    const perIteration = results.budgets.find((budget) => budget.name.includes("per iteration"));
    if (perIteration) expect(perIteration.name).not.toMatch(/: sway per iteration/);

    const file = await writeResults(join(work.dir, "results"), results, "quick");
    const saved = JSON.parse(readFileSync(file, "utf8"));
    expect(file).toMatch(/\d{4}-\d{2}-\d{2}-.+-quick\.json$/);
    expect(Object.keys(saved.rows[0]).slice(0, 7)).toEqual([
      "kernel",
      "tool",
      "size",
      "medianMs",
      "minMs",
      "maxMs",
      "peakMiB"
    ]);
    expect(Object.keys(saved.budgets[0])).toEqual(["name", "target", "measured", "met"]);
    expect(saved.rows[0].kernel).toBe("pagerank");
  }, 300_000);
});
