/**
 * `sway cascade <dir>`: the expected spread of chosen seeds under an independent cascade or linear threshold
 * model of the warehouse's influence graph, or the k seeds greedy (CELF) chooses. Also home of the cascade
 * flags `sway evaluate truth` shares.
 */
import {Command, Option} from "commander";
import {openWarehouse} from "../loaders/warehouse.js";
import type {Db} from "../scoring/db.js";
import {
  CASCADE_DEFAULTS,
  INFLUENCE_SOURCES,
  PROBABILITY_SCHEMES,
  SPREAD_DEFAULTS,
  cascadeModel,
  celfSeeds,
  expectedSpread,
  greedySeeds,
  sampleLiveEdges,
  type CascadeOptions,
  type SpreadEstimate
} from "../simulation/cascade/index.js";
import {CliError} from "./errors.js";
import {progressReporter} from "./progress.js";

export interface CascadeFlags {
  model: string;
  graph: string;
  probabilities: string;
  p: string;
  runs: string;
  seed: string;
}

interface CascadeCommandFlags extends CascadeFlags {
  seeds?: string;
  k?: string;
  greedy: string;
  json?: boolean;
}

/** Adds the flags that choose a cascade model, the number of runs and the seed to `command`. */
export function withCascadeOptions(command: Command, runs: number): Command {
  return command
    .addOption(new Option("--model <model>", "cascade model").choices(["ic", "lt"]).default(CASCADE_DEFAULTS.model))
    .addOption(
      new Option("--graph <graph>", "influence graph: followee → follower, or reacted-to → reactor")
        .choices(INFLUENCE_SOURCES)
        .default(CASCADE_DEFAULTS.graph)
    )
    .addOption(
      new Option("--probabilities <scheme>", "IC edge probabilities")
        .choices(PROBABILITY_SCHEMES)
        .default(CASCADE_DEFAULTS.scheme)
    )
    .option(
      "--p <p>",
      "IC probability per edge (uniform) or per interaction (multiplicity)",
      String(CASCADE_DEFAULTS.p)
    )
    .option("--runs <n>", "Monte Carlo runs / live-edge samples", String(runs))
    .option("--seed <n>", "seed of the random draws", String(SPREAD_DEFAULTS.seed));
}

export const CASCADE_HELP = `
Models (Kempe, Kleinberg, Tardos 2003): ic, independent cascade: an active node activates each out-neighbour
once with probability p(u, v); lt, linear threshold: a node activates when the weights of its active
in-neighbours, c(u, v) / Σ c(·, v) with c the edge's count, reach a threshold drawn uniformly in [0, 1].
IC probabilities: uniform, p on every edge; multiplicity, 1 − (1 − p)^c (each interaction one chance p);
weighted-cascade, 1 − (1 − 1/d(v))^c with d(v) the in-degree of v counting multiplicity (1/d(v) on follows).`;

/** The cascade options of the flags, checked; `command` tells which flags the user set. */
export function parseCascadeFlags(
  flags: CascadeFlags,
  command: Command
): CascadeOptions & {runs: number; seed: number} {
  if (flags.model === "lt") {
    for (const key of ["probabilities", "p"]) {
      if (command.getOptionValueSource(key) === "cli") throw new CliError(`--${key} applies to --model ic only`);
    }
  }
  const p = Number(flags.p);
  if (!(p > 0 && p <= 1) || flags.p.trim() === "") throw new CliError(`--p must be in (0, 1], got "${flags.p}"`);
  return {
    model: flags.model as CascadeOptions["model"],
    graph: flags.graph as CascadeOptions["graph"],
    scheme: flags.probabilities as CascadeOptions["scheme"],
    p,
    runs: integerFlag("--runs", flags.runs, 1),
    seed: integerFlag("--seed", flags.seed, 0)
  };
}

/** One line naming the model, e.g. "IC over the follow graph, uniform p = 0.01". */
export function describeCascade({model, graph, scheme, p}: CascadeOptions): string {
  const over = graph === "interactions" ? "the interaction graph" : "the follow graph";
  if (model === "lt") return `LT over ${over}`;
  return `IC over ${over}, ${scheme === "weighted-cascade" ? "weighted cascade" : `${scheme} p = ${p}`}`;
}

export function integerFlag(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new CliError(`${name} must be an integer of at least ${min}, got "${text}"`);
  }
  return value;
}

export function cascadeCommand(): Command {
  const command = new Command("cascade")
    .description("Expected spread of seed accounts under a cascade model, or the k seeds that spread furthest.")
    .argument("<dir>", "warehouse folder (written by `sway import`)")
    .option("--seeds <ids>", "comma-separated account ids whose joint spread to estimate")
    .option("-k, --k <n>", "choose this many seeds greedily instead")
    .addOption(
      new Option("--greedy <algorithm>", "with --k: lazy-forward CELF or plain greedy")
        .choices(["celf", "plain"])
        .default("celf")
    )
    .option("--json", "print one JSON object");
  return withCascadeOptions(command, SPREAD_DEFAULTS.runs)
    .addHelpText(
      "after",
      `${CASCADE_HELP}

--seeds: the mean number of accounts active at the end (seeds included) over --runs cascades, with a 95%
interval (mean ± 1.96 standard errors).
--k: greedy seed selection (KKT 2003; CELF, Leskovec et al. 2007, chooses the same seeds faster) on --runs
sampled live-edge graphs, each seed with its marginal gain; then the chosen set's spread from --runs fresh
cascades (the greedy estimate, made on the samples it optimised over, is biased upwards).`
    )
    .action(async (dir: string, flags: CascadeCommandFlags, self: Command) => {
      if ((flags.seeds === undefined) === (flags.k === undefined)) throw new CliError("give either --seeds or --k");
      if (flags.k === undefined && self.getOptionValueSource("greedy") === "cli")
        throw new CliError("--greedy needs --k");
      const options = parseCascadeFlags(flags, self);
      const k = flags.k === undefined ? undefined : integerFlag("--k", flags.k, 1);
      const {db} = await openWarehouse(dir);
      try {
        const {accountIds, model} = await cascadeModel(db, options);
        const nodeOf = new Map(accountIds.map((id, node) => [id, node]));
        const progress = progressReporter();
        const {runs, seed} = options;
        let seeds: {account_id: string; gain?: number; spread?: number}[];
        if (k === undefined) {
          seeds = [
            ...new Set(
              flags
                .seeds!.split(",")
                .map((id) => id.trim())
                .filter(Boolean)
            )
          ].map((account_id) => ({account_id}));
          if (seeds.length === 0) throw new CliError("--seeds names no account");
          for (const {account_id} of seeds) {
            if (!nodeOf.has(account_id)) throw new CliError(`--seeds: ${dir} has no account "${account_id}"`);
          }
        } else {
          const samples = sampleLiveEdges(model, {runs, seed, onProgress: (f) => progress.update("sway: sampling", f)});
          const onProgress = (f: number) => progress.update(`sway: choosing ${k} seeds`, f);
          const choices = flags.greedy === "plain" ? greedySeeds(samples, k) : celfSeeds(samples, k, {onProgress});
          seeds = choices.map(({node, gain, spread}) => ({account_id: accountIds[node], gain, spread}));
        }
        const spread = expectedSpread(
          model,
          seeds.map(({account_id}) => nodeOf.get(account_id)!),
          {runs, seed, onProgress: (f) => progress.update("sway: simulating", f)}
        );
        progress.done();
        const handles = await handlesOf(
          db,
          seeds.map((s) => s.account_id)
        );
        const report = {
          ...options,
          ...(k === undefined ? {} : {greedy: flags.greedy}),
          seeds: seeds.map((s) => ({...s, handle: handles.get(s.account_id) ?? null})),
          spread
        };
        process.stdout.write(flags.json ? JSON.stringify(report) + "\n" : formatReport(report, k !== undefined));
      } finally {
        db.close();
      }
    });
}

/** Accounts' handles, bound as parameters: one `?` per account. */
async function handlesOf(db: Db, ids: string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{account_id: string; handle: string | null}>(
    `SELECT account_id, handle FROM accounts WHERE account_id IN (${ids.map(() => "?").join(", ")})`,
    ids
  );
  return new Map(rows.map((row) => [row.account_id, row.handle]));
}

interface Report extends CascadeOptions {
  runs: number;
  seed: number;
  seeds: {account_id: string; handle: string | null; gain?: number; spread?: number}[];
  spread: SpreadEstimate;
}

function formatReport(report: Report, chosen: boolean): string {
  const {runs, seed, seeds, spread} = report;
  const lines = [`${describeCascade(report)}; ${runs} runs, seed ${seed}.`];
  if (chosen) {
    lines.push("", `Seeds chosen greedily on ${runs} live-edge samples (marginal gain; spread of the seeds so far):`);
    const width = Math.max(...seeds.map((s) => s.account_id.length), "account".length);
    const handleWidth = Math.max(...seeds.map((s) => (s.handle ?? "").length), "handle".length);
    lines.push(
      `   #  ${"account".padEnd(width)}  ${"handle".padEnd(handleWidth)}  ${"gain".padStart(10)}  ${"spread".padStart(10)}`
    );
    seeds.forEach((s, i) =>
      lines.push(
        `${String(i + 1).padStart(4)}  ${s.account_id.padEnd(width)}  ${(s.handle ?? "").padEnd(handleWidth)}  ` +
          `${s.gain!.toFixed(3).padStart(10)}  ${s.spread!.toFixed(3).padStart(10)}`
      )
    );
    lines.push("");
  } else lines.push(`Seeds: ${seeds.map((s) => s.account_id).join(", ")}`);
  lines.push(
    `Expected spread ${spread.mean.toFixed(3)} accounts (95% interval ${spread.low.toFixed(3)} to ${spread.high.toFixed(3)}` +
      `, ${runs} cascades).`
  );
  return lines.join("\n") + "\n";
}
