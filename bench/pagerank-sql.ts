/**
 * PageRank as iterative SQL in native DuckDB, the database peer of the PageRank benchmark: the same definition
 * as `scoring/graph/pagerank.ts` (per-edge probability w / out-weight, dangling mass spread uniformly, damping
 * d, from the uniform vector until the L1 change is below the tolerance, renormalised), one `CREATE TABLE … AS`
 * per iteration joining the edge list with the current scores.
 */
import type {NodeDb} from "../loaders/node-db.js";
import type {Csr} from "../scoring/graph/csr.js";

/** Loads `graph` as `edges(src, dst, w)` through DuckDB's appender. */
export async function loadEdges(db: NodeDb, graph: Csr): Promise<void> {
  await db.run("CREATE OR REPLACE TABLE edges (src INTEGER, dst INTEGER, w DOUBLE)");
  const appender = await db.connection.createAppender("edges");
  for (let i = 0; i < graph.nodeCount; i++) {
    for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) {
      appender.appendInteger(i);
      appender.appendInteger(graph.targets[k]!);
      appender.appendDouble(graph.weights[k]!);
      appender.endRow();
    }
  }
  appender.closeSync();
}

// The third statement takes the node count as its parameter.
const SETUP_SQL = [
  "CREATE OR REPLACE TABLE out_weight AS SELECT src, sum(w) AS total FROM edges GROUP BY src",
  "CREATE OR REPLACE TABLE links AS SELECT e.src, e.dst, e.w / o.total AS p FROM edges e JOIN out_weight o USING (src) WHERE o.total > 0",
  `CREATE OR REPLACE TABLE nodes AS
   SELECT range::INTEGER AS id, coalesce(o.total, 0) = 0 AS dangling
   FROM range(?) LEFT JOIN out_weight o ON o.src = range`,
  "CREATE OR REPLACE TABLE rank AS SELECT id, 1.0 / (SELECT count(*) FROM nodes) AS x FROM nodes"
];

// Parameters: damping, damping, node count, damping.
const STEP_SQL = `
CREATE OR REPLACE TABLE next AS
WITH leaked AS (SELECT coalesce(sum(r.x), 0) AS mass FROM rank r JOIN nodes n USING (id) WHERE n.dangling),
followed AS (SELECT l.dst AS id, sum(l.p * r.x) AS f FROM links l JOIN rank r ON r.id = l.src GROUP BY l.dst)
SELECT n.id, (1 - ?::DOUBLE + ?::DOUBLE * leaked.mass) / ?::DOUBLE + ?::DOUBLE * coalesce(f.f, 0) AS x
FROM nodes n CROSS JOIN leaked LEFT JOIN followed f USING (id)`;

const CHANGE_SQL = "SELECT sum(abs(a.x - b.x))::DOUBLE AS change FROM next a JOIN rank b USING (id)";

const SWAP_SQL = ["DROP TABLE rank", "ALTER TABLE next RENAME TO rank"];

const NORMALISE_SQL = "CREATE OR REPLACE TABLE scores AS SELECT id, x / (SELECT sum(x) FROM rank) AS x FROM rank";

/**
 * Runs PageRank over `edges` into a table `scores(id, x)` and returns the iterations performed; the scores
 * stay in the database (fetching a million rows is not part of the algorithm's time): read them with `readScores`.
 */
export async function sqlPagerank(
  db: NodeDb,
  nodeCount: number,
  {damping, tolerance, maxIterations}: {damping: number; tolerance: number; maxIterations: number}
): Promise<number> {
  for (const sql of SETUP_SQL) await db.run(sql, sql.includes("?") ? [nodeCount] : []);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    await db.run(STEP_SQL, [damping, damping, nodeCount, damping]);
    const [{change}] = (await db.query<{change: number}>(CHANGE_SQL)) as [{change: number}];
    for (const sql of SWAP_SQL) await db.run(sql);
    if (change < tolerance) break;
  }
  await db.run(NORMALISE_SQL);
  return iterations;
}

export async function readSqlScores(db: NodeDb, nodeCount: number): Promise<Float64Array> {
  const scores = new Float64Array(nodeCount);
  for (const {id, x} of await db.query<{id: number; x: number}>("SELECT id, x FROM scores")) scores[id] = x;
  return scores;
}
