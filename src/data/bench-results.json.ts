/**
 * The newest full benchmark run saved in `bench/results/` (`npm run bench`), for the `/performance` page.
 * Framework caches this output until this file changes: run `npm run clean` after saving a new run.
 */
import {newestFullResults} from "../../bench/results-file.js";

// Pick the newest full run and write it to stdout, which Framework saves as data/bench-results.json.
process.stdout.write(JSON.stringify(newestFullResults("bench/results")));
