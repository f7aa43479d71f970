import {Command} from "commander";
import {importInto} from "../loaders/import.js";
import {IMPORTERS} from "../loaders/importers/index.js";
import {formatSourceReport} from "../loaders/report.js";
import {progressReporter} from "./progress.js";

export function importCommand(): Command {
  const formats = [...IMPORTERS.values()].map((importer) => `  ${importer.name.padEnd(14)} ${importer.description}`);
  return new Command("import")
    .description("Read social data into a warehouse (a folder of Parquet files and manifest.json).")
    .argument("<format>", "input format, one of the formats below")
    .argument("<paths...>", "input files or folders")
    .requiredOption("-o, --out <dir>", "warehouse folder to write")
    .option("--append", "add to an existing warehouse instead of refusing to overwrite it", false)
    .addHelpText(
      "after",
      `\nFormats:\n${formats.join("\n")}\n\nEvery record read is either written or rejected with a reason;\nthe report is printed and stored in <dir>/manifest.json, rejected records in <dir>/rejects.csv.`
    )
    .action(async (format: string, paths: string[], options: {out: string; append: boolean}) => {
      const progress = progressReporter();
      const manifest = await importInto(format, paths, options.out, {
        append: options.append,
        onProgress: (file, fraction) => progress.update(`reading ${file}`, fraction)
      });
      progress.done();
      const reports = manifest.sources.slice(-paths.length);
      for (const report of reports) process.stdout.write(`${formatSourceReport(report)}\n`);
      const totals = Object.entries(manifest.tables)
        .map(([table, {rows}]) => `${rows.toLocaleString("en-US")} ${table}`)
        .join(", ");
      process.stdout.write(`warehouse ${options.out}: ${totals}\n`);
    });
}
