/**
 * One contender of the feature-aggregation benchmark in a process of its own: per (target, kind), the number of
 * interactions and of distinct actors, over the seeded synthetic interactions of `bench/synthetic-graph.ts`
 * (kind = weight − 1: three kinds).
 *
 *   tsx bench/aggregate-peer.ts <typed-arrays|arquero|duckdb-native|duckdb-wasm> <interactions> <seed> <runs>
 *
 * Loading the columns into the tool (an Arquero table; a DuckDB table through the appender or Arrow IPC) is
 * not timed; each timed run computes the aggregate and keeps it in the tool's own form (typed arrays, an Arquero
 * table, a DuckDB table). Prints `{"runsMs": [...], "iterations": null, "maxRssKiB": r, "checksum": {...}}`
 * where the checksum (groups, Σ interactions, Σ distinct actors) must be the same for every tool.
 */
import * as aq from "arquero";
import {tableFromArrays, tableToIPC} from "apache-arrow";
import {openNodeDb} from "../loaders/node-db.js";
import {syntheticInteractions, type Interactions} from "./synthetic-graph.js";
import {openWasmConnection} from "./wasm-node.js";

const KINDS = 3;

interface Checksum {
  groups: number;
  interactions: number;
  actors: number;
}

/** Per (target, kind): interactions and distinct actors (one SQL text for DuckDB native and duckdb-wasm). */
const AGGREGATE_SQL = `
CREATE OR REPLACE TABLE received AS
SELECT target, kind, count(*) AS interactions, count(DISTINCT actor) AS actors
FROM interactions
GROUP BY target, kind`;

const CHECKSUM_SQL = `
SELECT count(*)::DOUBLE AS groups, sum(interactions)::DOUBLE AS interactions, sum(actors)::DOUBLE AS actors
FROM received`;

type Prepare = (
  data: Interactions,
  kinds: Int32Array
) => Promise<{run: () => void | Promise<void>; checksum: () => Promise<Checksum>}>;

const TOOLS: Record<string, Prepare> = {
  async "typed-arrays"(data, kinds) {
    let result: {interactions: Int32Array; actors: Int32Array} = {
      interactions: new Int32Array(0),
      actors: new Int32Array(0)
    };
    return {
      run: () => {
        result = typedArrayAggregate(data.nodeCount, data.actors, data.targets, kinds);
      },
      checksum: async () => {
        let groups = 0;
        let interactions = 0;
        let actors = 0;
        for (let g = 0; g < result.interactions.length; g++) {
          if (result.interactions[g]! > 0) groups++;
          interactions += result.interactions[g]!;
          actors += result.actors[g]!;
        }
        return {groups, interactions, actors};
      }
    };
  },
  async arquero(data, kinds) {
    const table = aq.table({target: data.targets, kind: kinds, actor: data.actors});
    let result = table;
    return {
      run: () => {
        result = table.groupby("target", "kind").rollup({interactions: aq.op.count(), actors: aq.op.distinct("actor")});
      },
      checksum: async () => ({
        groups: result.numRows(),
        interactions: result.rollup({s: aq.op.sum("interactions")}).get("s", 0) as number,
        actors: result.rollup({s: aq.op.sum("actors")}).get("s", 0) as number
      })
    };
  },
  async "duckdb-native"(data, kinds) {
    const db = await openNodeDb();
    await db.run("CREATE TABLE interactions (target INTEGER, kind INTEGER, actor INTEGER)");
    const appender = await db.connection.createAppender("interactions");
    for (let e = 0; e < data.targets.length; e++) {
      appender.appendInteger(data.targets[e]!);
      appender.appendInteger(kinds[e]!);
      appender.appendInteger(data.actors[e]!);
      appender.endRow();
    }
    appender.closeSync();
    return {
      run: () => db.run(AGGREGATE_SQL),
      checksum: async () => (await db.query<Checksum & Record<string, number>>(CHECKSUM_SQL))[0]!
    };
  },
  async "duckdb-wasm"(data, kinds) {
    const connection = await openWasmConnection();
    const table = tableFromArrays({target: data.targets, kind: kinds, actor: data.actors});
    connection.insertArrowFromIPCStream(tableToIPC(table, "stream"), {name: "interactions"});
    return {
      run: () => {
        connection.query(AGGREGATE_SQL);
      },
      checksum: async () => connection.query(CHECKSUM_SQL).toArray()[0]!.toJSON() as unknown as Checksum
    };
  }
};

/**
 * The plain typed-array pass: a counting sort of the interactions by group (target · KINDS + kind), then one
 * walk over each group's actors counting those not yet seen in that group (a per-actor stamp of the last group
 * that counted it), O(interactions + groups + actors).
 */
function typedArrayAggregate(
  nodeCount: number,
  actors: Int32Array,
  targets: Int32Array,
  kinds: Int32Array
): {interactions: Int32Array; actors: Int32Array} {
  const groupCount = nodeCount * KINDS;
  const start = new Int32Array(groupCount + 1);
  for (let e = 0; e < targets.length; e++) start[targets[e]! * KINDS + kinds[e]! + 1]++;
  for (let g = 0; g < groupCount; g++) start[g + 1] += start[g]!;
  const cursor = start.slice(0, groupCount);
  const grouped = new Int32Array(actors.length);
  for (let e = 0; e < targets.length; e++) grouped[cursor[targets[e]! * KINDS + kinds[e]!]!++] = actors[e]!;
  const interactions = new Int32Array(groupCount);
  const distinct = new Int32Array(groupCount);
  const lastGroup = new Int32Array(nodeCount).fill(-1);
  for (let g = 0; g < groupCount; g++) {
    const end = start[g + 1]!;
    interactions[g] = end - start[g]!;
    let count = 0;
    for (let k = start[g]!; k < end; k++) {
      const actor = grouped[k]!;
      if (lastGroup[actor] !== g) {
        lastGroup[actor] = g;
        count++;
      }
    }
    distinct[g] = count;
  }
  return {interactions, actors: distinct};
}

const [tool, count, seed, runs] = process.argv.slice(2);
const prepare = TOOLS[tool ?? ""];
if (!prepare || runs === undefined) {
  console.error(`bench/aggregate-peer: usage: <${Object.keys(TOOLS).join("|")}> <interactions> <seed> <runs>`);
  process.exit(2);
}
const data = syntheticInteractions(Number(count), Number(seed));
const kinds = Int32Array.from(data.weights, (weight) => weight - 1);
const contender = await prepare(data, kinds);
const runsMs: number[] = [];
for (let r = 0; r < Number(runs); r++) {
  const start = performance.now();
  await contender.run();
  runsMs.push(performance.now() - start);
}
const checksum = await contender.checksum();
console.log(JSON.stringify({runsMs, iterations: null, maxRssKiB: process.resourceUsage().maxRSS, checksum}));
