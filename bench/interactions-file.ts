/**
 * The seeded synthetic interactions (`bench/synthetic-graph.ts`) as a canonical `interactions` table in a DuckDB
 * database file, the form in which the site ships its data to the browser (`src/data/world.duckdb.ts`): the
 * input of the browser-load benchmark. Accounts are `sim-x:<node>`, kinds like, repost and reply for weights 1,
 * 2 and 3, one interaction a second from 2026-01-01.
 */
import {rmSync} from "node:fs";
import {openNodeDb} from "../loaders/node-db.js";
import {createTableSql} from "../loaders/schema.js";
import {syntheticInteractions} from "./synthetic-graph.js";

const CANONICAL_SQL = `
INSERT INTO interactions (ts, network, actor_id, target_id, kind, weight)
SELECT TIMESTAMP '2026-01-01' + to_seconds(e), 'sim-x', 'sim-x:' || actor, 'sim-x:' || target,
       ['like', 'repost', 'reply'][weight], weight
FROM raw
ORDER BY e`;

/** Writes `count` interactions drawn from `seed` into a new, checkpointed database file at `path`. */
export async function writeInteractionsFile(count: number, seed: number, path: string): Promise<void> {
  const {actors, targets, weights} = syntheticInteractions(count, seed);
  rmSync(path, {force: true});
  rmSync(`${path}.wal`, {force: true});
  const db = await openNodeDb(path);
  try {
    await db.run("CREATE TABLE raw (e BIGINT, actor INTEGER, target INTEGER, weight INTEGER)");
    const appender = await db.connection.createAppender("raw");
    for (let e = 0; e < count; e++) {
      appender.appendBigInt(BigInt(e));
      appender.appendInteger(actors[e]!);
      appender.appendInteger(targets[e]!);
      appender.appendInteger(weights[e]!);
      appender.endRow();
    }
    appender.closeSync();
    await db.run(createTableSql("interactions"));
    await db.run(CANONICAL_SQL);
    await db.run("DROP TABLE raw");
    await db.run("CHECKPOINT");
  } finally {
    db.close();
  }
}
