/**
 * Native DuckDB's side of the browser-load benchmark, in a process of its own (so its peak memory is its own):
 * each run opens a fresh in-memory database, attaches the same database file read-only and counts its
 * interactions, the question the browser asks.
 *
 *   tsx bench/browser-load-native.ts <file.duckdb> <runs>
 *
 * Prints `{"runsMs": [...], "iterations": null, "maxRssKiB": r, "rows": n}`.
 */
import {openNodeDb} from "../loaders/node-db.js";

const [file, runs] = process.argv.slice(2);
if (file === undefined || runs === undefined) {
  console.error("bench/browser-load-native: usage: <file.duckdb> <runs>");
  process.exit(2);
}
const runsMs: number[] = [];
let rows = 0;
for (let run = 0; run < Number(runs); run++) {
  const started = performance.now();
  const db = await openNodeDb();
  // ATTACH takes no parameters; the path is the benchmark's own temporary file, quoted as a SQL string.
  await db.run(`ATTACH '${file.replaceAll("'", "''")}' AS bench (READ_ONLY)`);
  rows = (await db.query<{n: number}>("SELECT count(*)::DOUBLE AS n FROM bench.interactions"))[0]!.n;
  runsMs.push(performance.now() - started);
  db.close();
}
console.log(JSON.stringify({runsMs, iterations: null, maxRssKiB: process.resourceUsage().maxRSS, rows}));
