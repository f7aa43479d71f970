import {describe, it, expect} from "vitest";
import {emptyResults} from "../../bench/harness.js";
import {aggregateBench} from "../../bench/aggregate.bench.js";
import {syntheticInteractions} from "../../bench/synthetic-graph.js";

describe("aggregateBench", () => {
  it("runs DuckDB native, duckdb-wasm, typed arrays and Arquero, all agreeing with a Map-based count", async () => {
    const results = emptyResults();
    await aggregateBench([5_000], 3, {plan: {warmup: 0, repeats: 1}, timeLimitMs: 60_000}, results);
    expect(results.rows.map((row) => row.tool)).toEqual([
      "sway feature SQL, duckdb native",
      "sway feature SQL, duckdb-wasm",
      "typed arrays (one pass)",
      "arquero"
    ]);
    // Independent count: groups are distinct (target, kind) pairs, distinct actors are distinct triples.
    const {actors, targets, weights} = syntheticInteractions(5_000, 3);
    const groups = new Set<string>();
    const triples = new Set<string>();
    for (let e = 0; e < actors.length; e++) {
      groups.add(`${targets[e]} ${weights[e]! - 1}`);
      triples.add(`${targets[e]} ${weights[e]! - 1} ${actors[e]}`);
    }
    const expected = JSON.stringify({groups: groups.size, interactions: 5_000, actors: triples.size});
    expect(results.notes).toEqual([
      `aggregate 5,000 interactions: all 4 tools agree (groups, Σ interactions, Σ distinct actors = ${expected})`
    ]);
  }, 120_000);
});
