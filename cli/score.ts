import {Command, Option} from "commander";
import {openWarehouse} from "../loaders/warehouse.js";
import {readWeightsFile} from "../loaders/weights-file.js";
import {explainMethods, explanationTerms} from "../scoring/explain/explain.js";
import {scoreHistory} from "../scoring/history.js";
import {METHODS} from "../scoring/methods/index.js";
import {scoreMethodsById, scoreRows} from "../scoring/score.js";
import {CliError} from "./errors.js";
import {methodsToRun, parseDate, parseDays, requestedMethods} from "./flags.js";
import {progressReporter} from "./progress.js";
import {writeRows, type OutputColumns, type OutputFormat, type RowChunks} from "./rows-out.js";

/** The columns of each output, with their Parquet types. */
const SCORE_COLUMNS: OutputColumns = [
  ["account_id", "VARCHAR"],
  ["method", "VARCHAR"],
  ["value", "DOUBLE"],
  ["score", "DOUBLE"],
  ["rank", "INTEGER"]
];
const EXPLAIN_COLUMNS: OutputColumns = [
  ...SCORE_COLUMNS,
  ["network", "VARCHAR"],
  ["network_account_id", "VARCHAR"],
  ["feature", "VARCHAR"],
  ["input", "DOUBLE"],
  ["contribution", "DOUBLE"]
];
const HISTORY_COLUMNS: OutputColumns = [
  ["account_id", "VARCHAR"],
  ["method", "VARCHAR"],
  ["date", "VARCHAR"],
  ["value", "DOUBLE"],
  ["score", "DOUBLE"],
  ["rank", "INTEGER"]
];

interface ScoreFlags {
  methods: string;
  format: OutputFormat;
  out?: string;
  at?: string;
  windowDays?: string;
  weights: string[];
  explain?: boolean;
  history?: string;
  account: string[];
  community?: string;
}

export function scoreCommand(): Command {
  const width = Math.max(...METHODS.map((method) => method.id.length)) + 1;
  const methods = METHODS.map((method) => `  ${method.id.padEnd(width)} ${method.summary}`);
  return new Command("score")
    .description("Score every account of a warehouse with one or more methods.")
    .argument("<dir>", "warehouse folder (written by `sway import`)")
    .option("-m, --methods <list>", "comma-separated method ids, or all (those the data allows)", "all")
    .addOption(new Option("-f, --format <format>", "output format").choices(["csv", "json", "parquet"]).default("csv"))
    .option("-o, --out <file>", "write to this file instead of standard output (required for parquet)")
    .option("--at <date>", "score as of this date (ISO 8601, UTC; exclusive end of the window)")
    .option("--window-days <days>", "score over this many days ending at --at (default: the method's own)")
    .option("--weights <file>", "a weights file (data/weights/*.json format); repeat for several methods", collect, [])
    .option("--explain", "add each score's per-network and per-feature contributions (long format in csv and parquet)")
    .addOption(
      new Option("--history <period>", "each account's score at the end of every day of the data").choices(["daily"])
    )
    .option("--account <id>", "with --history: only this account's rows; repeat for several", collect, [])
    .addOption(
      new Option(
        "--community <kind>",
        "kred's communities: the networks, or Louvain communities of the reaction graph"
      ).choices(["network", "louvain"])
    )
    .addHelpText(
      "after",
      `\nMethods:\n${methods.join("\n")}\n\nOne row per (account, method): account_id, method, value (the method's raw output),\nscore (its display scale), rank (1 = most influential; ties share the best rank).\n\n--explain (csv, parquet): one row per (account, method, network, feature) with the score row's columns and\nnetwork, network_account_id (the person's account on that network), feature, input (the feature's value as\nthe formula uses it) and contribution; per (account, method), contributions add up to value. In json, each\nrow gets "networks": [{network, account_id, contribution, features: {<feature>: {input, contribution}}}].\nA method without a decomposition explains as one feature, "value".\n\n--community louvain: kred puts 1000 at the top of each Louvain community (seed 1) of the window's reaction\ngraph instead of each network (the weight community_louvain of data/weights/kred.json).\n\n--history daily: one row per (account, method, date): account_id, method, date, value, score, rank, each over\nthe method's window ending at the end of that UTC day.`
    )
    .action(async (dir: string, flags: ScoreFlags) => {
      const requested = requestedMethods(flags.methods);
      if (flags.format === "parquet" && !flags.out) throw new CliError("--format parquet needs --out <file>");
      if (flags.account.length && !flags.history) throw new CliError("--account needs --history");
      if (flags.history && flags.explain) throw new CliError("--history and --explain cannot be combined");
      if (flags.history && flags.at !== undefined)
        throw new CliError("--history scores every day of the data; leave out --at");
      const at = flags.at === undefined ? undefined : parseDate(flags.at);
      const windowDays = flags.windowDays === undefined ? undefined : parseDays(flags.windowDays);
      const weights: Record<string, Record<string, number>> = Object.fromEntries(
        flags.weights.map(readWeightsFile).map((file) => [file.method, file.weights])
      );
      if (flags.community) weights.kred = {...weights.kred, community_louvain: flags.community === "louvain" ? 1 : 0};
      const {db} = await openWarehouse(dir);
      try {
        const available = await methodsToRun(db, requested, dir);
        const options = {at, windowDays, weights};
        const output = (chunks: RowChunks, columns: OutputColumns) =>
          writeRows(chunks, columns, flags.format, {out: flags.out, db});
        if (flags.history) {
          const accounts = flags.account.length ? new Set(flags.account) : undefined;
          // Each method's history is written before the next is scored: every account, day and method at once
          // would not fit in memory on a large world. Progress shows only when the rows do not go to the terminal
          // it would be drawn on.
          const progress = flags.out === undefined && process.stdout.isTTY ? undefined : progressReporter();
          const histories = async function* () {
            for (const id of available) {
              const history = await scoreHistory(db, id, {
                windowDays,
                weights: weights[id],
                accounts,
                onProgress: (done, total) =>
                  progress?.update(`sway: ${id} history, day ${done} of ${total}`, done / total)
              });
              progress?.done();
              yield history;
            }
          };
          await output(histories(), HISTORY_COLUMNS);
        } else if (flags.explain) {
          const rows = await explainMethods(db, available, options);
          // In JSON each row keeps its nested networks; the other formats take one row per term.
          if (flags.format === "json") await output([rows], []);
          else await output([explanationTerms(rows)], EXPLAIN_COLUMNS);
        } else {
          const progress = progressReporter();
          const scored = await scoreMethodsById(db, available, options, {
            onScored: (id, done, total) =>
              progress.update(`sway: scored ${id}, ${done} of ${total} methods`, done / total)
          });
          progress.done();
          // A method's rows at a time: all of them at once would be a row object per account and method.
          await output(
            (function* () {
              for (const scores of scored.values()) yield scoreRows(scores);
            })(),
            SCORE_COLUMNS
          );
        }
      } finally {
        db.close();
      }
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
