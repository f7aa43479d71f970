import {writeFileSync} from "node:fs";
import {Command, Option} from "commander";
import {csvFormat} from "d3";
import {openWarehouse} from "../loaders/warehouse.js";
import {readWeightsFile} from "../loaders/weights-file.js";
import {METHODS, getMethod} from "../scoring/methods/index.js";
import {availableMethods, scoreMethods, type ScoreRow} from "../scoring/score.js";
import {CliError} from "./errors.js";

const COLUMNS = ["account_id", "method", "value", "score", "rank"] as const;

interface ScoreFlags {
  methods: string;
  format: string;
  out?: string;
  at?: string;
  windowDays?: string;
  weights: string[];
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
    .addHelpText(
      "after",
      `\nMethods:\n${methods.join("\n")}\n\nOne row per (account, method): account_id, method, value (the method's raw output),\nscore (its display scale), rank (1 = most influential; ties share the best rank).`
    )
    .action(async (dir: string, flags: ScoreFlags) => {
      const requested = parseMethods(flags.methods);
      if (flags.format === "parquet" && !flags.out) throw new CliError("--format parquet needs --out <file>");
      const at = flags.at === undefined ? undefined : parseDate(flags.at);
      const windowDays = flags.windowDays === undefined ? undefined : parseDays(flags.windowDays);
      const weights = Object.fromEntries(flags.weights.map(readWeightsFile).map((file) => [file.method, file.weights]));
      const {db} = await openWarehouse(dir);
      try {
        const {available, unavailable} = await availableMethods(db, requested ?? METHODS.map((m) => m.id));
        for (const {method, reason} of unavailable) {
          if (requested) throw new CliError(`${method} cannot score ${dir}: ${reason}`);
          process.stderr.write(`sway: skipping ${method}: ${reason}\n`);
        }
        const rows = await scoreMethods(db, available, {at, windowDays, weights});
        if (flags.format === "parquet") await writeParquet(db, rows, flags.out!);
        else
          write(flags.format === "csv" ? csvFormat(rows, [...COLUMNS]) + "\n" : JSON.stringify(rows) + "\n", flags.out);
      } finally {
        db.close();
      }
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The method ids named, or undefined for all. */
function parseMethods(list: string): string[] | undefined {
  const ids = list
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length === 0) throw new CliError("--methods names no method");
  if (ids.includes("all")) return undefined;
  for (const id of ids) getMethod(id);
  return ids;
}

function parseDate(text: string): number {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
  if (!Number.isFinite(time)) throw new CliError(`--at: "${text}" is not a date (use ISO 8601, e.g. 2012-07-04)`);
  return time;
}

function parseDays(text: string): number {
  const days = Number(text);
  if (!(days > 0)) throw new CliError(`--window-days: "${text}" is not a positive number of days`);
  return days;
}

function write(text: string, out: string | undefined): void {
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

async function writeParquet(db: Awaited<ReturnType<typeof openWarehouse>>["db"], rows: ScoreRow[], out: string) {
  await db.run(
    "CREATE TEMP TABLE scores (account_id VARCHAR, method VARCHAR, value DOUBLE, score DOUBLE, rank INTEGER)"
  );
  const appender = await db.connection.createAppender("scores", "main", "temp");
  for (const row of rows) {
    appender.appendVarchar(row.account_id);
    appender.appendVarchar(row.method);
    appender.appendDouble(row.value);
    appender.appendDouble(row.score);
    appender.appendInteger(row.rank);
    appender.endRow();
  }
  appender.closeSync();
  await db.run("COPY temp.scores TO ? (FORMAT parquet)", [out]);
}
