/**
 * Reads the saved benchmark results (`bench/results/*.json`, as `writeResults` in `bench/harness.ts` writes
 * them) for the `/performance` page: the newest full run, since quick runs measure small inputs only and say
 * nothing about budgets.
 */
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import type {ResultsFile} from "../src/components/performance.js";

const MODULE = "bench/results-file";

/** The newest full run among the `.json` files of `dir`, by the date recorded inside each file. */
export function newestFullResults(dir: string): ResultsFile & {file: string} {
  const runs = readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .map((file) => {
      let parsed: ResultsFile;
      try {
        parsed = JSON.parse(readFileSync(join(dir, file), "utf8")) as ResultsFile;
      } catch (error) {
        throw new Error(`${MODULE}: ${join(dir, file)} is not valid JSON: ${(error as Error).message}`);
      }
      return {...parsed, file};
    })
    .filter((run) => run.mode === "full");
  const newest = runs.reduce<(ResultsFile & {file: string}) | undefined>(
    (best, run) => (best === undefined || Date.parse(run.date) > Date.parse(best.date) ? run : best),
    undefined
  );
  if (!newest) throw new Error(`${MODULE}: no full benchmark run in ${dir}; run \`npm run bench\``);
  return newest;
}
