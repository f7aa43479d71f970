import {writeFileSync} from "node:fs";
import {Command, Option} from "commander";
import {csvFormat} from "d3";
import {openWarehouse} from "../loaders/warehouse.js";
import {METHODS, getMethod} from "../scoring/methods/index.js";
import {scoreMethods, type ScoreRow} from "../scoring/score.js";
import {CliError} from "./errors.js";

const COLUMNS = ["account_id", "method", "value", "score", "rank"] as const;

export function scoreCommand(): Command {
  const methods = METHODS.map((method) => `  ${method.id.padEnd(12)} ${method.summary}`);
  return new Command("score")
    .description("Score every account of a warehouse with one or more methods.")
    .argument("<dir>", "warehouse folder (written by `sway import`)")
    .option("-m, --methods <list>", "comma-separated method ids", METHODS.map((m) => m.id).join(","))
    .addOption(new Option("-f, --format <format>", "output format").choices(["csv", "json", "parquet"]).default("csv"))
    .option("-o, --out <file>", "write to this file instead of standard output (required for parquet)")
    .addHelpText(
      "after",
      `\nMethods:\n${methods.join("\n")}\n\nOne row per (account, method): account_id, method, value (the method's raw output),\nscore (its display scale), rank (1 = most influential; ties share the best rank).`
    )
    .action(async (dir: string, options: {methods: string; format: string; out?: string}) => {
      const ids = options.methods
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean);
      if (ids.length === 0) throw new CliError("--methods names no method");
      for (const id of ids) getMethod(id);
      if (options.format === "parquet" && !options.out) throw new CliError("--format parquet needs --out <file>");
      const {db} = await openWarehouse(dir);
      try {
        const rows = await scoreMethods(db, ids);
        if (options.format === "parquet") await writeParquet(db, rows, options.out!);
        else
          write(
            options.format === "csv" ? csvFormat(rows, [...COLUMNS]) + "\n" : JSON.stringify(rows) + "\n",
            options.out
          );
      } finally {
        db.close();
      }
    });
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
