/**
 * `npm run bench`: every benchmark, its peers measured in the same run; a table on stdout and the results file
 * `bench/results/<date>-<machine>.json`. `npm run bench -- --quick` runs small sizes only, in about a minute,
 * to check that the bench works (CI runs it); it needs no dataset.
 */
import {existsSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {importInto} from "../loaders/import.js";
import {openWarehouse} from "../loaders/warehouse.js";
import {buildCsr} from "../scoring/graph/csr.js";
import {reactionGraph} from "../scoring/graphs.js";
import {FULL_PLAN, emptyResults, printResults, writeResults, type RunPlan} from "./harness.js";
import {aggregateBench} from "./aggregate.bench.js";
import {browserLoadBench} from "./browser-load.bench.js";
import {growthBench} from "./growth.bench.js";
import {GROWTH_ACCOUNTS} from "./growth-worlds.js";
import {importBench} from "./import.bench.js";
import {overviewBench} from "./overview.bench.js";
import {pagerankBench, type GraphSize} from "./pagerank.bench.js";
import {rerankBench} from "./rerank.bench.js";
import {labBench, simulateBench} from "./simulate.bench.js";
import {higgsUpload, syntheticUpload, uploadBench} from "./upload.bench.js";
import {syntheticInteractions} from "./synthetic-graph.js";

const SEED = 7;

/** A synthetic graph of `count` interactions, labelled like "5M". */
function syntheticSize(count: number): GraphSize {
  const label = count >= 1e6 ? `${count / 1e6}M` : `${count / 1e3}k`;
  return {
    label,
    graph: async () => {
      const {nodeCount, actors, targets, weights} = syntheticInteractions(count, SEED);
      return buildCsr(nodeCount, actors, targets, weights);
    }
  };
}

function higgsSize(file: string, workDir: string): GraphSize {
  return {
    label: "higgs",
    graph: async () => {
      const warehouse = join(workDir, "higgs-warehouse");
      await importInto("snap-higgs", [file], warehouse);
      const {db} = await openWarehouse(warehouse);
      try {
        return (await reactionGraph(db)).graph;
      } finally {
        db.close();
      }
    }
  };
}

const quick = process.argv.includes("--quick");
const unknown = process.argv.slice(2).filter((arg) => arg !== "--quick");
if (unknown.length > 0) {
  console.error(`bench: unknown option ${unknown[0]}; the only option is --quick`);
  process.exit(2);
}
const datasets = resolve(process.env.SWAY_DATASETS ?? "../shared/datasets");
const higgs = join(datasets, "snap-higgs-twitter/higgs-activity_time.txt.gz");
if (!quick && !existsSync(higgs)) {
  console.error(`bench: ${higgs} not found; set SWAY_DATASETS to the datasets folder`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), "sway-bench-"));
const results = emptyResults();
const plan: RunPlan = quick ? {warmup: 1, repeats: 3} : FULL_PLAN;
const timeLimitMs = quick ? 10_000 : 60_000;
try {
  await pagerankBench(
    quick ? [syntheticSize(20_000)] : [higgsSize(higgs, work), ...[1e6, 5e6, 20e6].map(syntheticSize)],
    work,
    {plan, timeLimitMs, triadMegabytes: quick ? 32 : 200},
    results
  );
  rerankBench(quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000], SEED, {plan}, results);
  await aggregateBench(quick ? [20_000] : [1_000_000, 5_000_000], SEED, {plan, timeLimitMs}, results);
  await importBench(
    join(work, "import"),
    quick
      ? {edgeListRows: 20_000, plan: {warmup: 0, repeats: 1}}
      : {higgsFile: higgs, edgeListRows: 10_000_000, plan: {warmup: 0, repeats: 3}},
    results
  );
  await browserLoadBench(quick ? [20_000] : [1_000_000, 5_000_000], SEED, {plan, workDir: work, timeLimitMs}, results);
  await overviewBench({plan: quick ? {warmup: 0, repeats: 1} : plan}, results);
  // Scoring a large world takes minutes a run: three timed runs, in a fresh process per size.
  await growthBench(
    quick ? GROWTH_ACCOUNTS.quick : GROWTH_ACCOUNTS.full,
    {
      plan: quick ? {warmup: 0, repeats: 1} : {warmup: 0, repeats: 3},
      workDir: work,
      timeLimitMs: quick ? timeLimitMs : 10 * timeLimitMs,
      higgsFile: quick ? undefined : higgs
    },
    results
  );
  await simulateBench(quick ? [5_000] : [100_000], SEED, {plan, workDir: work}, results);
  await labBench(quick ? 2_000 : 20_000, quick ? {warmup: 0, repeats: 1} : plan, results);
  await uploadBench(
    quick ? syntheticUpload(20_000, SEED, join(work, "upload.txt")) : higgsUpload(higgs),
    quick ? {warmup: 0, repeats: 1} : plan,
    results
  );
  printResults(results);
  const file = await writeResults(join(import.meta.dirname, "results"), results, quick ? "quick" : "full");
  console.log(`\nresults: ${file}`);
} finally {
  rmSync(work, {recursive: true, force: true});
}
