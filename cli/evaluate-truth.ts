/**
 * `sway evaluate truth <dir>`: every method judged against the latent influence of a simulated world and
 * against each account's simulated spread (`scoring/evaluate/truth.ts` computes, this prints).
 */
import {Command} from "commander";
import {openWarehouse} from "../loaders/warehouse.js";
import {evaluateTruth, MissingTruthError, TRUTH_DEFAULTS, type TruthEvaluation} from "../scoring/evaluate/truth.js";
import {
  CASCADE_HELP,
  describeCascade,
  integerFlag,
  parseCascadeFlags,
  withCascadeOptions,
  type CascadeFlags
} from "./cascade.js";
import {CliError} from "./errors.js";
import {checkRequested, reportSkipped, requestedMethods} from "./flags.js";
import {progressReporter} from "./progress.js";
import {descendingNaNLast, formatNumber, formatTable} from "./text-table.js";

interface TruthFlags extends CascadeFlags {
  methods: string;
  k: string;
  json?: boolean;
}

export function truthCommand(): Command {
  const command = new Command("truth")
    .description("Judge every method against the true influence of a simulated world and its simulated spread.")
    .argument("<dir>", "warehouse folder of a simulated world (written by `sway simulate`)")
    .option("-m, --methods <list>", "comma-separated method ids, or all (those the data allows)", "all")
    .option("-k, --k <n>", "length of the top lists of precision at k", String(TRUTH_DEFAULTS.k))
    .option("--json", "print a JSON array of {method, spearman, kendall, spreadSpearman, precisionAtK, inflation}");
  return withCascadeOptions(command, TRUTH_DEFAULTS.runs)
    .addHelpText(
      "after",
      `
Per method, over the accounts with a truth row:
  spearman, kendall  Spearman's rho and Kendall's tau-b with truth.influence;
  spread             Spearman's rho with each account's simulated single-seed spread (its realised ability
                     to drive action: the mean number of accounts it reaches over --runs live-edge samples);
  P@k                the share of the truth's top k among the method's top k (ties at the k-th place taken
                     by account id);
  <role>             manipulation inflation: the median, over the role's members, of their rank percentile
                     under the method minus under the truth, in percentile points (positive: the method lifts
                     them above their true influence); one column per role other than organic.
n/a (null in JSON) where a correlation is undefined (a constant method).
${CASCADE_HELP}`
    )
    .action(async (dir: string, flags: TruthFlags, self: Command) => {
      const methods = requestedMethods(flags.methods);
      const k = integerFlag("--k", flags.k, 1);
      const cascade = parseCascadeFlags(flags, self);
      const {db} = await openWarehouse(dir);
      const progress = progressReporter();
      try {
        await checkRequested(db, methods, dir);
        const result = await evaluateTruth(db, {
          ...cascade,
          methods,
          k,
          onProgress: (stage, fraction) => progress.update(`sway: ${stage}`, fraction)
        }).catch((error: unknown) => {
          if (error instanceof MissingTruthError) {
            throw new CliError(
              `${dir} has no truth table rows: only a simulated world knows its true influence. Generate one with ` +
                "`sway simulate`, or measure predictive validity with `sway evaluate predictive`."
            );
          }
          throw error;
        });
        progress.done();
        reportSkipped(result.skipped);
        result.methods.sort((a, b) => descendingNaNLast(a.spearman, b.spearman));
        if (flags.json) process.stdout.write(JSON.stringify(result.methods) + "\n");
        else
          process.stdout.write(
            formatReport(result, `${describeCascade(cascade)}, ${cascade.runs} live-edge samples, seed ${cascade.seed}`)
          );
      } finally {
        progress.done();
        db.close();
      }
    });
}

function formatReport(result: TruthEvaluation, cascade: string): string {
  const roles = Object.keys(result.methods[0]?.inflation ?? {});
  const members = Object.entries(result.roles).map(([role, n]) => `${role} ${n}`);
  const lines = [
    `${result.accounts} accounts with a true influence` + (members.length ? ` (${members.join(", ")})` : "") + ".",
    `Spread: ${cascade}; Spearman with the true influence ${formatNumber(result.truthSpreadSpearman)}.`,
    ""
  ];
  if (Number.isNaN(result.truthSpreadSpearman)) {
    lines.splice(
      2,
      0,
      "Every account has the same simulated spread (an empty graph?): try --graph interactions or a larger --p."
    );
  }
  const signed = (value: number) => (Number.isNaN(value) ? "n/a" : `${value > 0 ? "+" : ""}${value.toFixed(1)}`);
  lines.push(
    formatTable(
      ["method", "spearman", "kendall", "spread", `P@${result.k}`, ...roles],
      result.methods.map((m) => [
        m.method,
        formatNumber(m.spearman),
        formatNumber(m.kendall),
        formatNumber(m.spreadSpearman),
        formatNumber(m.precisionAtK),
        ...roles.map((role) => signed(m.inflation[role]))
      ]),
      [false, true, true, true, true, ...roles.map(() => true)]
    )
  );
  if (roles.length)
    lines.push("", "Role columns: median rank-percentile points gained over the truth (positive: lifted).");
  return lines.join("\n") + "\n";
}
