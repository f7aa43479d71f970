/**
 * `sway evaluate predictive <dir> --until <date>`: every method's score before the date against the reactions
 * each account receives after it (`scoring/evaluate/predictive.ts` computes, this prints).
 */
import {Command} from "commander";
import {openWarehouse} from "../loaders/warehouse.js";
import {evaluatePredictive} from "../scoring/evaluate/predictive.js";
import {CliError} from "./errors.js";
import {checkRequested, reportSkipped, requestedMethods} from "./flags.js";
import {progressReporter} from "./progress.js";
import {parseDate} from "./flags.js";
import {descendingNaNLast, formatNumber, formatTable} from "./text-table.js";

interface PredictiveFlags {
  until: string;
  methods: string;
  windowDays?: string;
  horizonDays?: string;
  json?: boolean;
}

export function predictiveCommand(): Command {
  return new Command("predictive")
    .description("Correlate every method's score before a date with the reactions received after it.")
    .argument("<dir>", "warehouse folder (written by `sway import`)")
    .requiredOption("--until <date>", "the date that splits the data (ISO 8601, UTC; a bare date is its midnight)")
    .option("-m, --methods <list>", "comma-separated method ids, or all (those the data allows)", "all")
    .option("--window-days <days>", "score over this many days before --until (default: each method's own)")
    .option("--horizon-days <days>", "count reactions over this many days from --until (default: to the end)")
    .option("--json", "print a JSON array of {method, n, spearman, kendall}")
    .addHelpText(
      "after",
      `
Each method scores the data before --until (its window ends there). The outcome is the number of reactions
each account receives from --until on: interactions of every kind except follow, from other accounts.
The accounts compared are those known before --until (they acted, were acted on or posted), so an account
first seen later does not count. Spearman's rho and Kendall's tau-b; n/a (null in JSON) where undefined.`
    )
    .action(async (dir: string, flags: PredictiveFlags) => {
      const until = parseDate(flags.until, "--until");
      const methods = requestedMethods(flags.methods);
      const windowDays = daysFlag("--window-days", flags.windowDays);
      const horizonDays = daysFlag("--horizon-days", flags.horizonDays);
      const {db} = await openWarehouse(dir);
      const progress = progressReporter();
      try {
        await checkRequested(db, methods, dir);
        const result = await evaluatePredictive(db, {
          until,
          methods,
          windowDays,
          horizonDays,
          onProgress: (fraction) => progress.update("sway: scoring", fraction)
        });
        progress.done();
        reportSkipped(result.skipped);
        const rows = result.methods
          .map(({method, spearman, kendall}) => ({method, n: result.accounts, spearman, kendall}))
          .sort((a, b) => descendingNaNLast(a.spearman, b.spearman));
        if (flags.json) {
          process.stdout.write(JSON.stringify(rows) + "\n");
          return;
        }
        const period = horizonDays === undefined ? "to the end of the data" : `for ${horizonDays} days`;
        const lines = [
          `Scores before ${new Date(until).toISOString()}, against the reactions received from then ${period}`,
          "(every interaction kind except follow, from other accounts).",
          `${result.accounts} accounts known before the date received ${result.reactions} reactions after it.`,
          "",
          formatTable(
            ["method", "spearman", "kendall"],
            rows.map((row) => [row.method, formatNumber(row.spearman), formatNumber(row.kendall)]),
            [false, true, true]
          )
        ];
        process.stdout.write(lines.join("\n") + "\n");
      } finally {
        progress.done();
        db.close();
      }
    });
}

function daysFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const days = Number(text);
  if (!(days > 0)) throw new CliError(`${name}: "${text}" is not a positive number of days`);
  return days;
}
