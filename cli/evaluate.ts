/**
 * `sway evaluate`: scoring methods measured against ground truth.
 *
 * - `pairs <csv>`: every method computable from per-account aggregates, scored against human judgements of who
 *   is more influential (the Kaggle/PeerIndex pairs), and optionally weights learned from them, as Klout fitted
 *   its weights to human judgements;
 * - `truth <dir>`: every method against the latent influence of a simulated world and its simulated spread;
 * - `predictive <dir>`: every method's score before a date against the reactions received after it.
 */
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {Command} from "commander";
import {fileInput} from "../loaders/node-input.js";
import {readPairs} from "../loaders/pairs.js";
import {AGGREGATE_METHODS, NOT_APPLICABLE} from "../scoring/evaluate/aggregate-methods.js";
import {
  learnPairsLogistic,
  PAIRS_LOGISTIC_DEFAULTS,
  pairsLogisticMethod,
  parsePairsWeights,
  type PairsWeightsFile
} from "../scoring/evaluate/logistic.js";
import {evaluateMethod, type LabelledPair} from "../scoring/evaluate/pairs.js";
import {CliError} from "./errors.js";
import {predictiveCommand} from "./evaluate-predictive.js";
import {truthCommand} from "./evaluate-truth.js";

interface PairsFlags {
  json: boolean;
  learn: boolean;
  folds: string;
  seed: string;
  l2: string;
  out?: string;
  weights?: string;
}

/** One line of the result: `--json` prints the first four fields. */
interface MethodResult {
  method: string;
  n: number;
  accuracy: number;
  auc: number;
  note: string;
}

const LEARN_ONLY = ["folds", "seed", "l2", "out"] as const;

export function evaluateCommand(): Command {
  return new Command("evaluate")
    .description("Measure scoring methods against ground truth.")
    .addCommand(pairsCommand())
    .addCommand(truthCommand())
    .addCommand(predictiveCommand());
}

function pairsCommand(): Command {
  return new Command("pairs")
    .description(
      "Pairwise accuracy and AUC, against human judgements of who is more influential (Kaggle/PeerIndex pairs),\n" +
        "of every method computable from per-account aggregates; --learn fits weights to the judgements."
    )
    .argument("<csv>", "labelled pairs: Choice, then A_ and B_ follower_count … network_feature_3")
    .option("--json", "print a JSON array of {method, n, accuracy, auc} (not-applicable methods on stderr)", false)
    .option("--learn", "fit pairwise logistic regression on ln(1+x) differences, k-fold cross-validated", false)
    .option("--folds <k>", "with --learn: number of cross-validation folds", String(PAIRS_LOGISTIC_DEFAULTS.folds))
    .option("--seed <n>", "with --learn: seed of the fold shuffle", String(PAIRS_LOGISTIC_DEFAULTS.seed))
    .option("--l2 <lambda>", "with --learn: L2 penalty on the summed log-loss", String(PAIRS_LOGISTIC_DEFAULTS.l2))
    .option("-o, --out <file>", "with --learn: write the weights fitted on all pairs to this file")
    .option("--weights <file>", "also evaluate the model of a weights file written by --learn")
    .addHelpText(
      "after",
      `
Accuracy: the share of pairs whose judged winner has the higher score, a tie counting 1/2.
AUC: the probability that the score difference A − B is larger for a pair A won than for a pair B won,
ties 1/2 (n/a, null in JSON, when one side wins every pair). Rows are sorted by AUC.

With --learn, the pairs-logistic row is the mean over the folds (each fold scored by weights fitted on the
others); --out gets the weights fitted on all pairs:
  {"method": "pairs-logistic", "note": "<the command>", "weights": {"follower_count": w, …},
   "fitted_on": "<csv>", "l2": λ, "cv": {"folds": k, "seed": n, "accuracy": a, "auc": u}}
A weights file scores an account as Σ w·ln(1 + feature); unknown keys and non-finite weights are errors.
\`sway score <dir> --methods pairs-logistic --weights <file>\` scores a warehouse's accounts with it.`
    )
    .action(async (csv: string, flags: PairsFlags, command: Command) => {
      if (flags.learn && flags.weights) throw new CliError("--learn and --weights cannot be combined");
      if (!flags.learn) {
        for (const key of LEARN_ONLY) {
          if (command.getOptionValueSource(key) === "cli") throw new CliError(`--${key} needs --learn`);
        }
      }
      const learnOptions = flags.learn ? parseLearnOptions(flags) : undefined;
      const weights = flags.weights ? readWeights(flags.weights) : undefined;
      if (!existsSync(csv)) throw new CliError(`${csv}: no such file`);
      const pairs = await readPairs(fileInput(csv));
      if (pairs.length === 0) throw new CliError(`${csv}: no pairs after the header`);

      const results: MethodResult[] = AGGREGATE_METHODS.map((method) => ({
        method: method.id,
        ...evaluateMethod(method, pairs),
        note: method.note
      }));
      if (weights) {
        const {fitted_on} = weights.file;
        const origin = fitted_on === csv ? "fitted on these pairs: in-sample" : fitted_on && `fitted on ${fitted_on}`;
        const note = `weights from ${weights.path}` + (origin ? ` (${origin})` : "");
        results.push({
          method: weights.file.method,
          ...evaluateMethod(pairsLogisticMethod(weights.file, note), pairs),
          note
        });
      }
      if (learnOptions) results.push(learn(pairs, csv, learnOptions, flags.out));
      results.sort(byAucDescending);

      const notApplicable = NOT_APPLICABLE.map(({id, needs}) => `  ${id.padEnd(28)} needs ${needs}`);
      const trailer = `\nnot applicable:\n${notApplicable.join("\n")}\n`;
      if (flags.json) {
        const rows = results.map(({method, n, accuracy, auc}) => ({method, n, accuracy, auc}));
        process.stdout.write(JSON.stringify(rows) + "\n");
        process.stderr.write(trailer);
      } else process.stdout.write(formatTable(results) + trailer);
    });
}

type LearnOptions = typeof PAIRS_LOGISTIC_DEFAULTS;

function parseLearnOptions(flags: PairsFlags): LearnOptions {
  const l2 = Number(flags.l2);
  if (!(Number.isFinite(l2) && l2 >= 0 && flags.l2.trim() !== "")) {
    throw new CliError(`--l2 must be a non-negative number, got "${flags.l2}"`);
  }
  return {folds: integerOption("--folds", flags.folds), seed: integerOption("--seed", flags.seed), l2};
}

function learn(pairs: readonly LabelledPair[], csv: string, options: LearnOptions, out?: string): MethodResult {
  const {folds, seed, l2} = options;
  if (folds < 2 || folds > pairs.length) {
    throw new CliError(`--folds must be from 2 to the number of pairs (${pairs.length}), got ${folds}`);
  }
  const file = learnPairsLogistic(pairs, csv, options);
  if (out) {
    const {method, ...fit} = file;
    const note = `sway evaluate pairs ${csv} --learn --folds ${folds} --seed ${seed} --l2 ${l2} --out ${out}`;
    writeFileSync(out, JSON.stringify({method, note, ...fit}, null, 2) + "\n");
    process.stderr.write(`wrote the weights fitted on all ${pairs.length} pairs to ${out}\n`);
  }
  return {
    method: file.method,
    n: pairs.length,
    accuracy: file.cv.accuracy ?? NaN,
    auc: file.cv.auc ?? NaN,
    note: `logistic on ln(1+x) differences, no intercept, l2 ${l2}: mean of ${folds}-fold CV, seed ${seed}`
  };
}

function readWeights(path: string): {path: string; file: PairsWeightsFile} {
  if (!existsSync(path)) throw new CliError(`${path}: no such file`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CliError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return {path, file: parsePairsWeights(json, path)};
}

function integerOption(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || text.trim() === "")
    throw new CliError(`${name} must be an integer, got "${text}"`);
  return value;
}

/** By AUC, largest first, undefined AUCs last; then by accuracy and name, so the order is stable. */
function byAucDescending(x: MethodResult, y: MethodResult): number {
  const aucX = Number.isNaN(x.auc) ? -Infinity : x.auc;
  const aucY = Number.isNaN(y.auc) ? -Infinity : y.auc;
  return aucY - aucX || y.accuracy - x.accuracy || x.method.localeCompare(y.method);
}

function formatTable(results: readonly MethodResult[]): string {
  const width = Math.max("method".length, ...results.map((result) => result.method.length));
  const count = Math.max(1, ...results.map((result) => String(result.n).length));
  const number = (value: number) => (Number.isNaN(value) ? "n/a" : value.toFixed(4)).padStart(8);
  const lines = [
    `${"method".padEnd(width)}  ${"n".padStart(count)}  ${"accuracy".padStart(8)}  ${"AUC".padStart(8)}  note`
  ];
  for (const {method, n, accuracy, auc, note} of results) {
    lines.push(`${method.padEnd(width)}  ${String(n).padStart(count)}  ${number(accuracy)}  ${number(auc)}  ${note}`);
  }
  return lines.join("\n") + "\n";
}
