/**
 * `sway moments`: the posts that moved an account's score most between two dates (leave-one-post-out, see
 * `scoring/moments.ts`), as a plain-text table or JSON.
 */
import {Command} from "commander";
import {openWarehouse} from "../loaders/warehouse.js";
import {readWeightsFile} from "../loaders/weights-file.js";
import {getMethod} from "../scoring/methods/index.js";
import {MOMENT_METHODS, scoreMoments, type MomentsResult} from "../scoring/moments.js";
import {CliError} from "./errors.js";
import {parseDate} from "./flags.js";

interface MomentsFlags {
  from: string;
  to: string;
  method: string;
  limit: string;
  weights?: string;
  windowDays?: string;
  json?: boolean;
}

export function momentsCommand(): Command {
  return new Command("moments")
    .description("The posts that moved an account's score most between two dates.")
    .argument("<dir>", "warehouse folder (written by `sway import`)")
    .argument("<account>", "the account id (network:native_id)")
    .requiredOption("--from <date>", "start (exclusive; ISO 8601, UTC)")
    .requiredOption("--to <date>", "end (inclusive) and the end of the scoring window (ISO 8601, UTC)")
    .option("-m, --method <id>", `the method (${MOMENT_METHODS.join(", ")})`, "klout")
    .option("--limit <n>", "the most posts listed", "10")
    .option("--weights <file>", "a weights file for the method (data/weights/*.json format)")
    .option("--window-days <days>", "score over this many days ending at --to (default: the method's own)")
    .option("--json", "print JSON instead of a table")
    .addHelpText(
      "after",
      "\nFor each of the account's posts created in (from, to]: the method's raw value at --to with the reactions\nthe post received minus the value without them, everything else held fixed. Largest first."
    )
    .action(async (dir: string, account: string, flags: MomentsFlags) => {
      const method = getMethod(flags.method);
      if (!MOMENT_METHODS.includes(method.id)) {
        throw new CliError(
          `--method: ${method.id} cannot leave a post's reactions out; use one of ${MOMENT_METHODS.join(", ")}`
        );
      }
      const limit = Number(flags.limit);
      if (!(Number.isInteger(limit) && limit > 0))
        throw new CliError(`--limit: "${flags.limit}" is not a positive integer`);
      const windowDays = flags.windowDays === undefined ? undefined : Number(flags.windowDays);
      if (windowDays !== undefined && !(windowDays > 0)) {
        throw new CliError(`--window-days: "${flags.windowDays}" is not a positive number of days`);
      }
      const file = flags.weights === undefined ? undefined : readWeightsFile(flags.weights);
      if (file && file.method !== method.id) {
        throw new CliError(`--weights: ${flags.weights} is for ${file.method}, not ${method.id}`);
      }
      const from = parseDate(flags.from, "--from");
      const to = parseDate(flags.to, "--to");
      if (!(from < to)) throw new CliError(`--from (${flags.from}) must be before --to (${flags.to})`);
      const {db} = await openWarehouse(dir);
      try {
        const result = await scoreMoments(db, account, {
          from,
          to,
          method: method.id,
          limit,
          windowDays,
          weights: file?.weights
        });
        process.stdout.write(flags.json ? JSON.stringify(result) + "\n" : momentsTable(result));
      } finally {
        db.close();
      }
    });
}

/** Text from the data on one line, without control characters (which a terminal would obey). */
function plain(text: string | null, width: number): string {
  if (text === null) return "";
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

/** The moments as an aligned text table with a one-line header. */
export function momentsTable(result: MomentsResult): string {
  const header =
    `${plain(result.account_id, 80)}, ${result.method}: ${result.value_from.toPrecision(6)} at --from, ` +
    `${result.value_to.toPrecision(6)} at --to\n`;
  const rows = result.moments.map((moment) => [
    plain(moment.post_id, 40),
    new Date(moment.created_at).toISOString().replace(".000Z", "Z"),
    moment.delta.toPrecision(4),
    Object.entries(moment.reactions)
      .map(([kind, count]) => `${kind} ${count}`)
      .join(", "),
    plain(moment.text, 60)
  ]);
  const table = [["post_id", "created_at", "delta", "reactions", "text"], ...rows];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  const lines = table.map((row) =>
    row
      .map((cell, c) => (c === 4 ? cell : cell.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd()
  );
  return header + (rows.length ? lines.join("\n") : "no posts in (from, to]") + "\n";
}
