import {Command} from "commander";
import {importInto} from "../loaders/import.js";
import {IMPORTERS} from "../loaders/importers/index.js";
import {formatSourceReport} from "../loaders/report.js";
import {progressReporter} from "./progress.js";

interface ImportFlags {
  out: string;
  append: boolean;
  strict: boolean;
  dropText: boolean;
  columns?: string;
  kind?: string;
  network?: string;
  delimiter?: string;
}

export function importCommand(): Command {
  const formats = [...IMPORTERS.values()].map((importer) => `  ${importer.name.padEnd(14)} ${importer.description}`);
  return new Command("import")
    .description("Read social data into a warehouse (a folder of Parquet files and manifest.json).")
    .argument("<format>", "input format, one of the formats below, or auto to recognise it by content")
    .argument("<paths...>", "input files or folders")
    .requiredOption("-o, --out <dir>", "warehouse folder to write")
    .option("--append", "add to an existing warehouse instead of refusing to overwrite it", false)
    .option("--strict", "fail at the first rejected record instead of reporting it", false)
    .option("--drop-text", "keep no post text", false)
    .option("--columns <list>", "edge lists: the meaning of each column, e.g. src,dst,weight,ts")
    .option("--kind <kind>", "edge lists and graph files: the interaction kind of every edge (default mention)")
    .option("--network <name>", "edge lists and graph files: the network name used in account ids")
    .option("--delimiter <char>", "edge lists: the column separator (default: detected)")
    .addHelpText(
      "after",
      `\nFormats:\n${formats.join("\n")}\n\nEvery record read is written, rejected with a reason or skipped with a reason;\nthe report is printed and stored in <dir>/manifest.json, rejected records in <dir>/rejects.csv.`
    )
    .action(async (format: string, paths: string[], flags: ImportFlags) => {
      const progress = progressReporter();
      const params = Object.fromEntries(
        (["columns", "kind", "network", "delimiter"] as const).flatMap((key) => (flags[key] ? [[key, flags[key]]] : []))
      );
      const manifest = await importInto(format, paths, flags.out, {
        append: flags.append,
        strict: flags.strict,
        dropText: flags.dropText,
        params,
        onDetect: (path, detected, evidence) => process.stderr.write(`auto: ${path} is ${detected} (${evidence})\n`),
        onProgress: (file, fraction) => progress.update(`reading ${file}`, fraction)
      });
      progress.done();
      const reports = manifest.sources.slice(-paths.length);
      for (const report of reports) process.stdout.write(`${formatSourceReport(report)}\n`);
      const totals = Object.entries(manifest.tables)
        .map(([table, {rows}]) => `${rows.toLocaleString("en-US")} ${table}`)
        .join(", ");
      process.stdout.write(`warehouse ${flags.out}: ${totals}\n`);
    });
}
