/** `npm run bench`: every benchmark, each printing medians and ratios against its peers measured in the same run. */
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {existsSync} from "node:fs";
import {importBench} from "./import.bench.js";
import {pagerankBench} from "./pagerank.bench.js";

const datasets = resolve(process.env.SWAY_DATASETS ?? "../shared/datasets");
const higgs = join(datasets, "snap-higgs-twitter/higgs-activity_time.txt.gz");
if (!existsSync(higgs)) {
  console.error(`bench: ${higgs} not found; set SWAY_DATASETS to the datasets folder`);
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), "sway-bench-"));
try {
  await pagerankBench(higgs, join(work, "higgs"));
  await importBench(higgs, join(work, "import"));
} finally {
  rmSync(work, {recursive: true, force: true});
}
